# Executes opcode 0x00, which is not an instruction: an operation exception (SIGILL).
	.text
	.globl	_start
_start:
	lghi	%r2,0
	.short	0x0000
	svc	1
