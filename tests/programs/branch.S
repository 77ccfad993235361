# Branches end to end: loops, subroutine linkage in the 64/31/24-bit modes, branch and set mode,
# compare and branch, compare and trap (DXC in the lowcore and the FPC) and EXECUTE.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	CHECK	1			# BRCT loop: sum 10..1
	lghi	%r2, 0
	lghi	%r3, 10
1:	agr	%r2, %r3
	brct	%r3, 1b
	cghi	%r2, 55
	jne	fail

	CHECK	2			# BRAS / BASR / BAS call and BR return; link = next instruction
	bras	%r14, sub_add1
	cghi	%r2, 56
	jne	fail
	larl	%r15, sub_add1
	basr	%r14, %r15
2:	cghi	%r2, 57
	jne	fail
	larl	%r4, 2b
	cgr	%r14, %r4
	jne	fail
	bas	%r14, 0(%r15)
	cghi	%r2, 58
	jne	fail
	brasl	%r14, sub_add1
	cghi	%r2, 59
	jne	fail

	CHECK	3			# BXLE: sum a word array with index, increment, limit
	larl	%r6, words
	lghi	%r7, 0			# index
	lghi	%r8, 4			# increment (even R3: R9 is the limit)
	lghi	%r9, 12			# last index
	lghi	%r2, 0
	larl	%r5, 3f
3:	a	%r2, 0(%r7,%r6)
	bxle	%r7, %r8, 0(%r5)
	chi	%r2, 100
	jne	fail

	CHECK	4			# BXH counting down with an odd R3 (increment = compare value)
	lghi	%r7, 10
	lghi	%r9, -3
	lghi	%r2, 0
4:	ahi	%r2, 1
	brxh	%r7, %r9, 4b		# 7, 4, 1, -2 branch back (> -3); -5 falls through
	chi	%r2, 5
	jne	fail

	CHECK	5			# compare and branch: signed vs logical
	lghi	%r2, -1
	cij	%r2, -1, 8, 5f
	j	fail
5:	clij	%r2, 255, 2, 6f		# 0xffffffff > 255 logically
	j	fail
6:	cgij	%r2, 0, 10, fail	# -1 is low: neither equal nor high
	clgij	%r2, 0, 4, fail		# logically high, not low
	lghi	%r3, 1
	cgrj	%r2, %r3, 4, 7f
	j	fail
7:	clgrj	%r2, %r3, 2, 8f
	j	fail
8:	larl	%r4, 9f
	crb	%r3, %r3, 8, 0(%r4)
	j	fail
9:

	CHECK	6			# BCTG and BCTR
	lghi	%r3, 3
	lghi	%r2, 0
	larl	%r5, 10f
10:	aghi	%r2, 2
	bctr	%r3, %r5
	cghi	%r2, 6
	jne	fail
	lghi	%r3, 2
	larl	%r5, 11f
11:	aghi	%r2, 1
	bctg	%r3, 0(%r5)
	cghi	%r2, 8
	jne	fail

	CHECK	7			# BASSM into 31-bit mode, BSM back to 64-bit
	larl	%r15, sub31
	oilh	%r15, 0x8000		# bit 32: 31-bit mode
	bassm	%r14, %r15
	tml	%r14, 1			# after the return: R14 kept bit 63 (the 64-bit mode marker)
	jz	fail
	lghi	%r4, -1
	la	%r5, 0(%r4)		# 64-bit again: LA keeps all 64 bits
	cghi	%r5, -1
	jne	fail
	clgfi	%r3, 0x7fffffff		# what sub31 computed in the 31-bit mode
	jne	fail

	CHECK	8			# BALR in the 24-bit mode: ILC 1, CC, program mask in bits 32-39
	lghi	%r0, 0
	chi	%r0, 1			# CC 1
	sam24
	balr	%r14, 0
12:	sam64
	srlg	%r4, %r14, 24
	nill	%r4, 0xff		# bits 32-39 of R14
	chi	%r4, 0x50		# ILC 1 (01), CC 1 (01), mask 0
	jne	fail
	llgfr	%r14, %r14
	nilh	%r14, 0x00ff
	larl	%r4, 12b
	cgr	%r14, %r4
	jne	fail

	CHECK	9			# EX: MVC with the length in R1; EXRL of BRAS (relative to the target)
	larl	%r3, text
	larl	%r4, buffer
	lghi	%r1, 4			# 5 bytes
	larl	%r5, mvc_target
	ex	%r1, 0(%r5)
	clc	0(5,%r4), 0(%r3)
	jne	fail
	cli	5(%r4), 0
	jne	fail
	lghi	%r2, 59
	exrl	0, bras_target
13:	cghi	%r2, 60			# sub_add1 ran once more
	jne	fail
	larl	%r4, 13b
	cgr	%r14, %r4		# linked to the instruction after EXRL
	jne	fail

	CHECK	10			# compare and trap: data exception, DXC 0xff in the lowcore
	larl	%r1, trap_new
	mvc	0x1d0(16,%r0), 0(%r1)	# program-new PSW -> trap_handler
	lghi	%r2, 7
	lghi	%r11, 0
	cit	%r2, 7, 8		# traps (equal)
	cghi	%r11, 1			# the handler ran
	jne	fail
	clgit	%r2, 7, 6		# not equal: no trap
	cghi	%r11, 1
	jne	fail

	CHECK	11			# EX of EX: execute exception, the old PSW after the EX
	larl	%r1, exec_new
	mvc	0x1d0(16,%r0), 0(%r1)
	lghi	%r11, 0
	larl	%r1, ex_target
	ex	0, 0(%r1)
14:	cghi	%r11, 3
	jne	fail
	larl	%r1, unexpected_new
	mvc	0x1d0(16,%r0), 0(%r1)

	PASS

sub_add1:
	aghi	%r2, 1
	br	%r14

sub31:					# runs in the 31-bit mode: LA wraps at 31 bits
	lghi	%r4, -1
	la	%r3, 0(%r4)
	llgfr	%r3, %r3
	bsm	0, %r14

trap_handler:				# program interruption: count it, check code and DXC, resume
	lh	%r5, 0x8e(%r0)		# interruption code
	llgc	%r6, 0x93(%r0)		# DXC
	chi	%r5, 7
	jne	11f
	chi	%r6, 0xff
	jne	11f
	lghi	%r11, 1
	lpswe	0x150(%r0)		# the old PSW points after the trap
11:	lpswe	0x150(%r0)		# r11 stays 0: the check fails

exec_handler:
	lh	%r5, 0x8e(%r0)
	lgr	%r11, %r5
	lg	%r4, 0x158(%r0)		# old PSW address: after the EX
	larl	%r6, 14b
	cgr	%r4, %r6
	jne	15f
	lpswe	0x150(%r0)
15:	lghi	%r11, 99
	lpswe	0x150(%r0)

	HARNESS_END

	.balign	8
trap_new:
	.quad	0x0000000180000000, trap_handler
exec_new:
	.quad	0x0000000180000000, exec_handler
unexpected_new:
	.quad	0x0002000180000000, 0xdead0150
words:
	.long	10, 20, 30, 40
mvc_target:
	mvc	0(1,%r4), 0(%r3)
bras_target:
	bras	%r14, sub_add1
ex_target:
	ex	0, 0
text:
	.ascii	"hello, world"
	.balign	8
buffer:
	.fill	16, 1, 0
