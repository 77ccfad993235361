# Loads, stores and the interlocked instructions end to end: widths and extensions, multiple and
# masked forms, on-condition forms, relative-long operands, a page-crossing operand, access registers,
# compare-and-swap in its forms, interlocked-access loads, and load-and-trap (DXC in the lowcore).
	.include "harness.inc"
	.text
	.globl	_start
_start:
	larl	%r10, data
	llilf	%r12, 0x40000		# scratch area

	CHECK	1			# loads with sign/zero extension
	lghi	%r2, -1
	l	%r2, 0(%r10)		# 0x80818283 into bits 32-63 only
	srlg	%r3, %r2, 32
	clfi	%r3, 0xffffffff
	jne	fail
	clfi	%r2, 0x80818283
	jne	fail
	lgf	%r2, 0(%r10)
	cgfi	%r2, -0x7f7e7d7d	# 0xffffffff80818283
	jne	fail
	llgh	%r2, 0(%r10)
	cghi	%r2, 0x8081 - 0x10000
	je	fail
	clgfi	%r2, 0x8081
	jne	fail
	lb	%r2, 1(%r10)
	chi	%r2, -127		# 0x81
	jne	fail
	llc	%r2, 1(%r10)
	chi	%r2, 0x81
	jne	fail
	lh	%r2, 2(%r10)
	chi	%r2, 0x8283 - 0x10000
	jne	fail
	lg	%r2, 0(%r10)
	lrvg	%r3, 0(%r10)
	lrvgr	%r3, %r3
	cgr	%r2, %r3
	jne	fail

	CHECK	2			# load and test CCs
	lt	%r2, 0(%r10)
	jnl	fail			# negative: CC 1
	ltg	%r2, 8(%r10)
	jnz	fail			# zero: CC 0
	ltgf	%r2, 16(%r10)
	jnh	fail			# positive: CC 2

	CHECK	3			# stores: ST, STH, STC, STG, STRV, MVHI, MVGHI, MVI
	lgfi	%r2, 0x11223344
	st	%r2, 0(%r12)
	sth	%r2, 4(%r12)
	stc	%r2, 6(%r12)
	mvi	7(%r12), 0x55
	larl	%r3, st_expect
	clc	0(8,%r12), 0(%r3)
	jne	fail
	strv	%r2, 8(%r12)
	l	%r3, 8(%r12)
	clfi	%r3, 0x44332211
	jne	fail
	mvghi	16(%r12), -2
	lg	%r3, 16(%r12)
	cghi	%r3, -2
	jne	fail
	mvhi	24(%r12), -3
	lgf	%r3, 24(%r12)
	cghi	%r3, -3
	jne	fail

	CHECK	4			# STMG / LMG round trip with wraparound 14..1
	lghi	%r14, 14
	lghi	%r15, 15
	lghi	%r0, 100
	lghi	%r1, 101
	stmg	%r14, %r1, 32(%r12)
	lghi	%r14, 0
	lghi	%r15, 0
	lghi	%r0, 0
	lghi	%r1, 0
	lmg	%r14, %r1, 32(%r12)
	cghi	%r14, 14
	jne	fail
	cghi	%r1, 101
	jne	fail
	lg	%r3, 48(%r12)		# R0 went to the third doubleword
	cghi	%r3, 100
	jne	fail
	stm	%r14, %r15, 64(%r12)	# 32-bit forms
	lm	%r2, %r3, 64(%r12)
	chi	%r2, 14
	jne	fail
	chi	%r3, 15
	jne	fail

	CHECK	5			# ICM / STCM
	lghi	%r2, 0
	icm	%r2, 9, 0(%r10)		# bytes 0x80, 0x81 into bytes 0 and 3 of the low word
	jnm	fail			# leftmost inserted bit one: CC 1
	clfi	%r2, 0x80000081
	jne	fail
	stcm	%r2, 6, 80(%r12)	# the two zero middle bytes
	clhhsi	80(%r12), 0
	jne	fail
	icm	%r2, 0, 0(%r10)
	jnz	fail			# mask zero: CC 0

	CHECK	6			# load/store on condition
	lghi	%r2, 1
	lghi	%r3, 2
	cgr	%r2, %r3		# CC 1 (low)
	locgr	%r2, %r3, 4		# taken
	cghi	%r2, 2
	jne	fail
	lghi	%r4, 7
	cgr	%r2, %r3		# CC 0 (equal)
	locgr	%r4, %r3, 2		# not taken
	cghi	%r4, 7
	jne	fail
	lghi	%r5, 0x66
	stocg	%r5, 88(%r12), 8	# taken
	stocg	%r4, 88(%r12), 7	# not taken
	cghsi	88(%r12), 0x66
	jne	fail
	locr	%r4, %r5, 8		# CC 0: taken, bits 32-63 only
	chi	%r4, 0x66
	jne	fail

	CHECK	7			# relative long: LRL, LGRL, STGRL, LLHRL
	lrl	%r2, rl_word
	clfi	%r2, 0xcafef00d
	jne	fail
	lgfi	%r3, 0x1234
	stgrl	%r3, rl_dword
	lgrl	%r4, rl_dword
	cghi	%r4, 0x1234
	jne	fail
	llhrl	%r5, rl_word
	clfi	%r5, 0xcafe
	jne	fail

	CHECK	8			# an operand crossing a page boundary
	llilf	%r6, 0x40ffc
	lgfi	%r2, 0x01020304
	sllg	%r2, %r2, 32
	oilf	%r2, 0x05060708
	stg	%r2, 0(%r6)
	lg	%r3, 0(%r6)
	cgr	%r2, %r3
	jne	fail
	l	%r4, 4(%r6)		# the second page alone
	clfi	%r4, 0x05060708
	jne	fail

	CHECK	9			# access registers: SAR, EAR, STAM, LAM
	lghi	%r2, 0x77
	sar	%a4, %r2
	ear	%r3, %a4
	chi	%r3, 0x77
	jne	fail
	stam	%a4, %a4, 96(%r12)
	lam	%a5, %a5, 96(%r12)
	ear	%r3, %a5
	chi	%r3, 0x77
	jne	fail

	CHECK	10			# CS, CSG, CDSG
	mvhi	104(%r12), 5
	lghi	%r2, 5
	lghi	%r3, 9
	cs	%r2, %r3, 104(%r12)
	jnz	fail
	cs	%r2, %r3, 104(%r12)	# now 9 != 5: R2 loaded, CC 1
	jnl	fail
	chi	%r2, 9
	jne	fail
	mvghi	112(%r12), 1		# quadword at 112 (16-aligned): 1, 2
	mvghi	120(%r12), 2
	lghi	%r2, 1
	lghi	%r3, 2
	lghi	%r4, 3
	lghi	%r5, 4
	cdsg	%r2, %r4, 112(%r12)
	jnz	fail
	lg	%r6, 120(%r12)
	cghi	%r6, 4
	jne	fail
	lpq	%r6, 112(%r12)
	cghi	%r6, 3
	jne	fail
	cghi	%r7, 4
	jne	fail
	stpq	%r2, 112(%r12)
	lg	%r6, 112(%r12)
	cghi	%r6, 1
	jne	fail

	CHECK	11			# interlocked-access loads and TEST AND SET
	mvhi	128(%r12), 10
	lghi	%r3, 5
	laa	%r2, %r3, 128(%r12)
	jnh	fail			# 15 > 0: CC 2
	chi	%r2, 10
	jne	fail
	lghi	%r3, 3
	lan	%r2, %r3, 128(%r12)	# 15 & 3 = 3
	chi	%r2, 15
	jne	fail
	chsi	128(%r12), 3
	jne	fail
	mvi	136(%r12), 0
	ts	136(%r12)
	jnz	fail
	ts	136(%r12)
	jnl	fail

	CHECK	12			# LOAD AND TRAP needs facility 49, which the z196 model lacks: operation
	larl	%r1, trap_new		# exception, the register unchanged
	mvc	0x1d0(16,%r0), 0(%r1)
	lghi	%r11, 0
	lghi	%r2, -1
	xc	140(4,%r12), 140(%r12)
	lat	%r2, 140(%r12)
	cghi	%r11, 1
	jne	fail
	cghi	%r2, -1
	jne	fail
	larl	%r1, unexpected_new
	mvc	0x1d0(16,%r0), 0(%r1)

	CHECK	13			# COMPARE AND SWAP AND STORE (function 1, store size 8)
	larl	%r1, csst_params	# replacement 0x99, store value 0x88
	lghi	%r0, 0x0301		# SC 3, FC 1
	mvghi	144(%r12), 7
	mvghi	152(%r12), 0
	lghi	%r3, 7
	csst	144(%r12), 152(%r12), %r3
	jnz	fail
	cghsi	144(%r12), 0x99
	jne	fail
	cghsi	152(%r12), 0x88
	jne	fail

	PASS

trap_handler:				# R11 = the interruption code; resume after the instruction
	lh	%r11, 0x8e(%r0)
	lpswe	0x150(%r0)

	HARNESS_END

	.balign	16
data:
	.quad	0x8081828384858687
	.quad	0
	.long	0x7fffffff, 0
st_expect:
	.byte	0x11, 0x22, 0x33, 0x44, 0x33, 0x44, 0x44, 0x55
	.balign	16
csst_params:
	.quad	0x99, 0
	.quad	0x88, 0
trap_new:
	.quad	0x0000000180000000, trap_handler
unexpected_new:
	.quad	0x0002000180000000, 0xdead0150
rl_word:
	.long	0xcafef00d
	.balign	8
rl_dword:
	.quad	0
