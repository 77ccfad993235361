# Loads from address 8, inside the unbacked first 64 KiB: an addressing exception (SIGSEGV).
	.text
	.globl	_start
_start:
	lghi	%r1,8
	lg	%r2,0(%r1)
	svc	1
