# SIGNAL PROCESSOR and the stop/store-status machinery, run on the whole machine (-smp 2) by
# machine_program_test: the image is a raw kernel loaded at absolute 0, whose IPL PSW (short format at 0)
# starts CPU 0 at `main`; CPU 1 starts stopped. Checked: SENSE of a stopped and a running CPU, CC 3 for a
# CPU address beyond the configuration, an invalid order, SET PREFIX (invalid parameter, and CPU 1's own
# lowcore), RESTART (CPU 1 runs its restart-new PSW and reports STAP/STPX), EXTERNAL CALL and EMERGENCY
# SIGNAL received from CPU 1 (code and signalling CPU address), an emergency signal ranking above a
# pending clock comparator, STOP AND STORE STATUS of a running CPU (the save area at absolute 0x1200:
# PSW, GRs, CRs, ARs, FPRs, FPC, prefix, CPU timer, clock comparator, TOD programmable register, and the
# architectural-mode id at 163), STOP of a stopped CPU, STORE STATUS AT ADDRESS (stopped: stored, with the
# address bits 33-54; running: incorrect state, nothing stored), START, SENSE RUNNING STATUS, RESTART
# of a stopped CPU (the restart old PSW), INITIAL CPU RESET of a running CPU and CPU RESET.
#
# Memory: CPU 0's lowcore at 0 (prefix 0), code from 0x2000, CPU 1's lowcore at 0x20000 (SET PREFIX),
# the mailbox both CPUs use at 0x30000 (%r10 on both), store-status areas at 0x31000 and 0x32000.
	.include "harness.inc"
	.include "supervisor.inc"

	.equ	SHARED, 0x30000
	.equ	SH_READY, 0		# word: CPU 1 went through its restart code
	.equ	SH_ADDR, 4		# halfword: CPU 1's STAP
	.equ	SH_PREFIX, 8		# word: CPU 1's STPX
	.equ	SH_COMMAND, 12		# word: what CPU 1 does next (1 external call, 2 emergency signal, 3 status)
	.equ	SH_RESULT, 16		# word: IPM after CPU 1's SIGP
	.equ	SH_FLAG, 20		# word: CPU 1 has loaded the status pattern
	.equ	CPU1_LOWCORE, 0x20000
	.equ	AREA1, 0x31000
	.equ	AREA2, 0x32000

	# SIGP \order to CPU \cpu (GR4) with parameter GR3; status in GR2. CC 2 (busy: another CPU's order
	# is in progress) is retried, as Linux's sigp_retry does.
	.macro	SIGNAL order, cpu
	lghi	%r4, \cpu
.Lsignal\@:
	sigp	%r2, %r4, \order
	brc	2, .Lsignal\@
	.endm
	# Fails unless the CC is \cc, and for CC 1 unless the status in GR2 bits 32-63 is \status.
	.macro	EXPECT_CC cc, status=-1
	ipm	%r1
	srl	%r1, 28
	chi	%r1, \cc
	jne	fail
	.if	\status >= 0
	clfi	%r2, \status
	jne	fail
	.endif
	.endm
	# Spins until the word at \off(%r10) is \value; fails after a few seconds.
	.macro	AWAIT off, value
	llilf	%r0, 400000000
.Lawait\@:
	clfhsi	\off(%r10), \value
	je	.Lawaited\@
	brct	%r0, .Lawait\@
	j	fail
.Lawaited\@:
	.endm
	# Ends an enabled wait for an external interruption, with a 2-second clock-comparator timeout.
	.macro	WAIT_EXTERNAL
	stck	0x3d0
	lg	%r1, 0x3d0
	algfi	%r1, 0x7a120000		# + 2 s
	stg	%r1, 0x3d8
	sckc	0x3d8
	larl	%r1, .Lwoke\@
	stg	%r1, wait_psw+8-data(%r11)
	lpswe	wait_psw-data(%r11)
.Lwoke\@:
	sckc	ones-data(%r11)
	.endm

	.text
	.globl	_start
_start:
	.long	0x00080000, 0x80000000 + main	# IPL PSW: the raw-image loader takes the entry from it
	.org	0x1a0				# new PSWs: a disabled wait naming the class (as ProgramRunner's)
	.quad	0x0002000180000000, 0xdead0120
	.quad	0x0002000180000000, 0xdead0130
	.quad	0x0002000180000000, 0xdead0140
	.quad	0x0002000180000000, 0xdead0150
	.quad	0x0002000180000000, 0xdead0160
	.quad	0x0002000180000000, 0xdead0170
	.org	0x2000
main:
	TRAP_INIT
	larl	%r11, data
	llilf	%r10, SHARED
	larl	%r1, ext_new_psw
	mvc	0x1b0(16), 0(%r1)
	xc	0x3a0(8), 0x3a0
	CR0_ON	6, 0x08			# clock-comparator submask for the timeouts
	# CPU 1's lowcore: the same new PSWs, but restart -> cpu1_restart and program -> 0xdead1150.
	llilf	%r12, CPU1_LOWCORE
	mvc	0x1a0(96,%r12), 0x1a0
	mvc	0x1a0(16,%r12), cpu1_restart_psw-data(%r11)
	mvc	0x1d0(16,%r12), cpu1_dead_psw-data(%r11)
	xc	0(32,%r10), 0(%r10)

	CHECK	1			# SENSE: CPU 1 is stopped (CC 1, status 0x40); bits 0-31 of R1 unchanged
	llihf	%r2, 0xaaaa5555
	SIGNAL	1, 1
	EXPECT_CC 1, 0x40
	srlg	%r2, %r2, 32
	clfi	%r2, 0xaaaa5555
	jne	fail
	SIGNAL	1, 0			# CPU 0 itself runs: CC 0
	EXPECT_CC 0

	CHECK	2			# CPU address 2 is not in the configuration: CC 3 whatever the order
	SIGNAL	1, 2
	EXPECT_CC 3
	SIGNAL	3, 2
	EXPECT_CC 3
	SIGNAL	0xff, 2
	EXPECT_CC 3
	SIGNAL	9, 2
	EXPECT_CC 3

	CHECK	3			# an unassigned order: CC 1, status 0x02 (invalid order)
	SIGNAL	0xff, 1
	EXPECT_CC 1, 0x02

	CHECK	4			# SET PREFIX: outside storage is an invalid parameter; 0x20000 is accepted
	llilf	%r3, 0x7fffe000
	SIGNAL	0x0d, 1
	EXPECT_CC 1, 0x100
	llilf	%r3, CPU1_LOWCORE
	SIGNAL	0x0d, 1
	EXPECT_CC 0

	CHECK	5			# RESTART: CPU 1 runs its restart-new PSW in its own lowcore
	SIGNAL	6, 1
	EXPECT_CC 0
	SIGNAL	1, 1			# operating from now on
	EXPECT_CC 0
	AWAIT	SH_READY, 1
	clhhsi	SH_ADDR(%r10), 1	# STAP on CPU 1
	jne	fail
	l	%r1, SH_PREFIX(%r10)
	clfi	%r1, CPU1_LOWCORE
	jne	fail
	clc	0x120(16,%r12), zeros-data(%r11)	# restart old PSW: CPU 1 had never run
	jne	fail

	CHECK	6			# SENSE RUNNING STATUS: both run (CC 0)
	SIGNAL	0x15, 1
	EXPECT_CC 0
	SIGNAL	0x15, 0
	EXPECT_CC 0

	CHECK	7			# EXTERNAL CALL from CPU 1: code 0x1202, CPU address 1 at 0x84
	CR0_ON	6, 0x20			# CR0 bit 50: external-call submask
	mvhi	SH_COMMAND(%r10), 1
	WAIT_EXTERNAL
	clhhsi	0x382, 0x1202
	jne	fail
	clhhsi	0x380, 1
	jne	fail
	cli	SH_RESULT(%r10), 0	# CPU 1's SIGP: CC 0 (IPM: bits 34-35 of the register)
	jne	fail
	CR0_OFF	6, 0x20

	CHECK	8			# EMERGENCY SIGNAL from CPU 1: code 0x1201, CPU address 1
	CR0_ON	6, 0x40			# CR0 bit 49: emergency-signal submask
	mvhi	SH_COMMAND(%r10), 2
	WAIT_EXTERNAL
	clhhsi	0x382, 0x1201
	jne	fail
	clhhsi	0x380, 1
	jne	fail

	CHECK	9			# an emergency signal (to itself) ranks above a pending clock comparator
	stck	0x3d0
	sckc	0x3d0			# in the past: pending
	SIGNAL	3, 0
	EXPECT_CC 0
	stosm	0x3c0, 0x01
	clhhsi	0x382, 0x1201
	jne	fail
	clhhsi	0x380, 0		# from CPU 0
	jne	fail
	stosm	0x3c0, 0x01
	clhhsi	0x382, 0x1004
	jne	fail
	sckc	ones-data(%r11)
	CR0_OFF	6, 0x40

	CHECK	10			# STOP AND STORE STATUS of a running CPU: stopped, save area at 0x1200
	lghi	%r7, 0x1200		# the save area
	xc	0(256,%r7), 0(%r7)
	xc	256(256,%r7), 256(%r7)
	mvi	0xa3, 0
	mvhi	SH_COMMAND(%r10), 3
	AWAIT	SH_FLAG, 1
	SIGNAL	9, 1
	EXPECT_CC 0
	SIGNAL	1, 1
	EXPECT_CC 1, 0x40
	cli	0xa3, 1			# architectural-mode id: z/Architecture
	jne	fail
	larl	%r1, status_spin	# PSW: where CPU 1 stopped, 64-bit mode
	clg	%r1, 0x108(%r7)
	jne	fail
	clc	0x100(8,%r7), cpu1_psw_mask-data(%r11)
	jne	fail
	clc	0x80(128,%r7), cpu1_grs-data(%r11)
	jne	fail
	l	%r1, 0x118(%r7)		# prefix
	clfi	%r1, CPU1_LOWCORE
	jne	fail
	clc	0x11c(4,%r7), cpu1_fpc-data(%r11)
	jne	fail
	clfhsi	0x124(%r7), 0x4321	# TOD programmable register
	jne	fail
	clc	0x128(4,%r7), cpu_timer_min-data(%r11)	# CPU timer: set to 2^63-1, a little less now
	jl	fail
	clc	0x130(8,%r7), cpu1_ckc_stored-data(%r11)	# clock comparator bits 0-55 in bytes 1-7
	jne	fail
	clc	0x154(4,%r7), cpu1_a5-data(%r11)	# AR 5
	jne	fail
	clc	0x1d0(16,%r7), cpu1_cr10_11-data(%r11)	# CR 10 and 11
	jne	fail
	clc	0x10(8,%r7), cpu1_f2-data(%r11)	# FPR 2
	jne	fail

	CHECK	11			# STOP of a stopped CPU: accepted, still stopped
	SIGNAL	5, 1
	EXPECT_CC 0
	SIGNAL	1, 1
	EXPECT_CC 1, 0x40
	SIGNAL	0x15, 1			# SENSE RUNNING STATUS: not running (status 0x400)
	EXPECT_CC 1, 0x400

	CHECK	12			# STORE STATUS AT ADDRESS of the stopped CPU: the same save area; the
	llilf	%r12, AREA1		# parameter's bits 55-63 are ignored
	xc	0(256,%r12), 0(%r12)
	xc	256(256,%r12), 256(%r12)
	llilf	%r3, AREA1 + 0x1ff
	SIGNAL	0x0e, 1
	EXPECT_CC 0
	clc	0(256,%r12), 0(%r7)	# all but the CPU timer, which went on counting
	jne	fail
	clc	256(40,%r12), 256(%r7)
	jne	fail
	clc	304(208,%r12), 304(%r7)
	jne	fail

	CHECK	13			# START: CPU 1 runs on from where it stopped; STORE STATUS AT ADDRESS of a
	SIGNAL	4, 1			# running CPU is an incorrect state and stores nothing
	EXPECT_CC 0
	SIGNAL	1, 1
	EXPECT_CC 0
	llilf	%r12, AREA2
	xc	0(256,%r12), 0(%r12)
	xc	256(256,%r12), 256(%r12)
	llilf	%r3, AREA2
	SIGNAL	0x0e, 1
	EXPECT_CC 1, 0x200
	clc	0(256,%r12), 256(%r12)	# still zeros
	jne	fail
	clc	256(256,%r12), 0(%r12)
	jne	fail

	CHECK	14			# STOP, then RESTART of the stopped CPU: the restart old PSW is where it was
	SIGNAL	5, 1
	EXPECT_CC 0
	SIGNAL	1, 1
	EXPECT_CC 1, 0x40
	mvhi	SH_READY(%r10), 0
	SIGNAL	6, 1
	EXPECT_CC 0
	AWAIT	SH_READY, 1
	llilf	%r12, CPU1_LOWCORE
	larl	%r1, status_spin
	clg	%r1, 0x128(%r12)
	jne	fail

	CHECK	15			# INITIAL CPU RESET of a running CPU: stopped, PSW, prefix, CRs (CR0 0xe0,
	SIGNAL	0x0b, 1			# CR14 0xc2000000), FPC, clock comparator, TOD programmable register reset
	EXPECT_CC 0
	SIGNAL	1, 1
	EXPECT_CC 1, 0x40
	llilf	%r12, AREA2
	llilf	%r3, AREA2
	SIGNAL	0x0e, 1
	EXPECT_CC 0
	clc	0x100(16,%r12), zeros-data(%r11)	# PSW
	jne	fail
	clc	0x118(16,%r12), zeros-data(%r11)	# prefix, FPC, reserved, TOD programmable register
	jne	fail
	clc	0x130(8,%r12), zeros-data(%r11)		# clock comparator
	jne	fail
	clc	0x180(128,%r12), reset_crs-data(%r11)
	jne	fail

	CHECK	16			# CPU RESET of a stopped CPU: accepted, the CPU stays stopped
	SIGNAL	0x0c, 1
	EXPECT_CC 0
	SIGNAL	1, 1
	EXPECT_CC 1, 0x40

	PASS

# CPU 0's external handler: code and CPU address to 0x380, old PSW to 0x390, count at 0x3a4; resumes
# with the external mask and the wait bit off.
ext_record:
	mvc	0x380(4), 0x84
	mvc	0x390(16), 0x130
	mvc	0x3b0(16), 0x130
	ni	0x3b0, 0xfe
	ni	0x3b1, 0xfd
	asi	0x3a4, 1
	lpswe	0x3b0

# CPU 1: entered by its restart-new PSW (DAT off, 64-bit, every interruption masked).
cpu1_restart:
	llilf	%r10, SHARED
	larl	%r11, data
	stap	SH_ADDR(%r10)
	stpx	SH_PREFIX(%r10)
	mvhi	SH_READY(%r10), 1
cpu1_loop:
	lt	%r0, SH_COMMAND(%r10)
	jz	cpu1_loop
	mvhi	SH_COMMAND(%r10), 0
	chi	%r0, 3
	je	cpu1_status
	ahi	%r0, 1			# command 1 -> order 2 (external call), 2 -> order 3 (emergency signal)
	lgr	%r5, %r0
	lghi	%r4, 0			# to CPU 0
	sigp	%r2, %r4, 0(%r5)
	brc	2, .-4			# CC 2, busy: again
	ipm	%r1
	st	%r1, SH_RESULT(%r10)
	j	cpu1_loop
cpu1_status:				# a known state to store, then spin
	lctlg	%c0, %c0, cpu1_cr0-data(%r11)
	lctlg	%c10, %c11, cpu1_cr10_11-data(%r11)
	spt	cpu1_timer-data(%r11)
	sckc	cpu1_ckc-data(%r11)
	lfpc	cpu1_fpc-data(%r11)
	ld	%f2, cpu1_f2-data(%r11)
	l	%r0, cpu1_a5-data(%r11)
	sar	%a5, %r0
	lghi	%r0, 0x4321
	sckpf
	lmg	%r0, %r15, cpu1_grs-data(%r11)	# GR10 = SHARED again
	mvhi	SH_FLAG(%r10), 1
status_spin:
	j	status_spin

	SUPERVISOR_END
	HARNESS_END

	.balign	8
data:
wait_psw:
	.quad	0x0106000180000000, 0	# external, wait, 64-bit
ext_new_psw:
	.quad	0x0000000180000000, ext_record
cpu1_restart_psw:
	.quad	0x0000000180000000, cpu1_restart
cpu1_dead_psw:
	.quad	0x0002000180000000, 0xdead1150
cpu1_psw_mask:
	.quad	0x0000000180000000
zeros:
	.quad	0, 0
ones:
	.quad	-1
cpu1_cr0:
	.quad	0xe0 | 0x40000		# initial CR0 + AFP-register control
cpu1_cr10_11:
	.quad	0x1111, 0x2222
cpu1_timer:
	.quad	0x7fffffffffffffff
cpu1_ckc:
	.quad	0x0123456789abcdef
cpu1_ckc_stored:
	.quad	0x000123456789abcd
cpu1_f2:
	.quad	0x4000000000000000
cpu_timer_min:
	.long	0x7ffffff0		# within 16 s of the value set
cpu1_fpc:
	.long	0x00000001
cpu1_a5:
	.long	0x55555555
	.balign	8
cpu1_grs:
	.quad	0x1111111100000000, 0x1111111101010101, 0x1111111102020202, 0x1111111103030303
	.quad	0x1111111104040404, 0x1111111105050505, 0x1111111106060606, 0x1111111107070707
	.quad	0x1111111108080808, 0x1111111109090909, SHARED, 0x111111110b0b0b0b
	.quad	0x111111110c0c0c0c, 0x111111110d0d0d0d, 0x111111110e0e0e0e, 0x111111110f0f0f0f
reset_crs:
	.quad	0xe0, 0, 0, 0, 0, 0, 0, 0
	.quad	0, 0, 0, 0, 0, 0, 0xc2000000, 0
