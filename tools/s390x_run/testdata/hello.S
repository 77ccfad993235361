# Writes a greeting and argv[1..] (one per line) to stdout, then exits with status argc.
# Linux s390x ABI: SVC number in the instruction, arguments in r2-r7, result in r2; argc at 0(%r15).
	.text
	.globl	_start
_start:
	lghi	%r2,1
	larl	%r3,greeting
	lghi	%r4,greeting_end-greeting
	svc	4			# write(1, greeting, len)
	lg	%r10,0(%r15)		# argc
	la	%r11,16(%r15)		# &argv[1]
	lghi	%r12,1
args:
	cgr	%r12,%r10
	jnl	done
	lg	%r3,0(%r11)		# argv[i]
	lgr	%r4,%r3
len:
	cli	0(%r4),0
	je	got_len
	la	%r4,1(%r4)
	j	len
got_len:
	mvi	0(%r4),10		# replace the NUL by a newline
	sgr	%r4,%r3
	aghi	%r4,1
	lghi	%r2,1
	svc	4			# write(1, argv[i], strlen + 1)
	la	%r11,8(%r11)
	aghi	%r12,1
	j	args
done:
	lgr	%r2,%r10
	lghi	%r1,248
	svc	0			# exit_group(argc), number in r1
	.section .rodata
greeting:
	.ascii	"hello from s390x\n"
greeting_end:
