# Divides by zero with DSGR: a fixed-point-divide exception (SIGFPE).
	.text
	.globl	_start
_start:
	lghi	%r3,7
	lghi	%r4,0
	dsgr	%r2,%r4
	svc	1
