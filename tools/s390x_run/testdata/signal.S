# Installs handlers for SIGUSR1 (plain: sigframe + sigreturn) and SIGUSR2 (SA_SIGINFO: rt_sigframe +
# rt_sigreturn), neither with SA_RESTORER (the kernel's svc stub in the frame returns), sends both to
# itself with kill(), and exits with the handlers' count (1 + 10) if r9 survived, else 99.
	.text
	.globl	_start
_start:
	larl	%r3,act1
	larl	%r1,handler
	stg	%r1,0(%r3)
	lghi	%r2,10			# SIGUSR1
	lghi	%r4,0
	lghi	%r5,8
	svc	174			# rt_sigaction(SIGUSR1, &act1, NULL, 8)
	larl	%r3,act2
	larl	%r1,rthandler
	stg	%r1,0(%r3)
	lghi	%r2,12			# SIGUSR2
	lghi	%r4,0
	lghi	%r5,8
	svc	174
	lghi	%r9,0x123
	svc	20			# getpid
	lgr	%r8,%r2
	lghi	%r3,10
	svc	37			# kill(pid, SIGUSR1): the handler runs when the call returns
	lgr	%r2,%r8
	lghi	%r3,12
	svc	37			# kill(pid, SIGUSR2)
	larl	%r1,count
	lgf	%r2,0(%r1)
	cghi	%r9,0x123
	je	exit
	lghi	%r2,99
exit:
	svc	1

handler:				# r2 = signal number, r3 = &sigcontext
	cghi	%r2,10
	jne	bad
	larl	%r1,count
	l	%r0,0(%r1)
	ahi	%r0,1
	st	%r0,0(%r1)
	lghi	%r2,1
	larl	%r3,msg1
	lghi	%r4,4
	svc	4
	lghi	%r9,0			# clobbered here, restored by sigreturn
	br	%r14

rthandler:				# r2 = signal number, r3 = &siginfo, r4 = &ucontext
	l	%r0,0(%r3)		# si_signo
	chi	%r0,12
	jne	bad
	larl	%r1,count
	l	%r0,0(%r1)
	ahi	%r0,10
	st	%r0,0(%r1)
	lghi	%r2,1
	larl	%r3,msg2
	lghi	%r4,3
	svc	4
	lghi	%r9,0
	br	%r14

bad:
	lghi	%r2,98
	svc	1

	.data
	.align	8
act1:	.quad	0, 0, 0, 0		# handler, flags, restorer, mask
act2:	.quad	0, 4, 0, 0		# SA_SIGINFO
count:	.long	0
msg1:	.ascii	"sig\n"
msg2:	.ascii	"rt\n"
