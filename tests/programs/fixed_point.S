# Fixed-point arithmetic: results, condition codes, overflow with the program mask off.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	CHECK	1			# AR: 2 + 3 = 5, CC 2 (positive)
	lhi	%r2, 2
	lhi	%r3, 3
	ar	%r2, %r3
	jnh	fail
	chi	%r2, 5
	jne	fail

	CHECK	2			# AR overflow: 0x7fffffff + 1 -> CC 3, result wraps
	iilf	%r2, 0x7fffffff
	lhi	%r3, 1
	ar	%r2, %r3
	jno	fail
	clfi	%r2, 0x80000000
	jne	fail

	CHECK	3			# AGR: 64-bit, upper half preserved semantics
	lghi	%r4, -1
	lghi	%r5, 1
	agr	%r4, %r5
	jnz	fail			# CC 0: zero
	cghi	%r4, 0
	jne	fail

	CHECK	4			# SR to negative: CC 1
	lhi	%r2, 1
	lhi	%r3, 2
	sr	%r2, %r3
	jnl	fail
	chi	%r2, -1
	jne	fail

	CHECK	5			# 32-bit ops leave bits 0-31 alone
	lghi	%r6, -1
	lhi	%r7, 1
	ar	%r6, %r7		# low word 0xffffffff + 1 = 0
	srlg	%r6, %r6, 32
	clfi	%r6, 0xffffffff
	jne	fail

	CHECK	6			# BRCT loop: sum 1..10 = 55
	lhi	%r2, 0
	lhi	%r3, 10
1:	ar	%r2, %r3
	brct	%r3, 1b
	chi	%r2, 55
	jne	fail

	CHECK	7			# MSGR / DSGR
	lghi	%r2, 1000
	lghi	%r3, -7
	msgr	%r2, %r3		# -7000
	lgr	%r5, %r2
	lghi	%r6, 13
	dsgr	%r4, %r6		# r4:r5 -> r4 = remainder, r5 = quotient
	cghi	%r5, -538
	jne	fail
	cghi	%r4, -6
	jne	fail

	CHECK	8			# ALGR/ALCGR: 128-bit add with carry propagation
	lghi	%r2, 1
	lghi	%r3, -1			# r2:r3 = 0x1_ffffffffffffffff
	lghi	%r4, 0
	lghi	%r5, 1			# r4:r5 = 1
	algr	%r3, %r5		# carry out, zero: CC 2
	jnh	fail
	alcgr	%r2, %r4		# 1 + 0 + carry = 2, no carry: CC 1
	jnl	fail
	cghi	%r2, 2
	jne	fail
	ltgr	%r3, %r3
	jnz	fail

	CHECK	9			# SLGR/SLBGR: 128-bit subtract with borrow (back again)
	slgr	%r3, %r5		# 0 - 1: borrow, nonzero: CC 1
	jnl	fail
	slbgr	%r2, %r4		# 2 - 0 - borrow = 1, no borrow: CC 3
	jno	fail
	cghi	%r2, 1
	jne	fail
	cghi	%r3, -1
	jne	fail

	CHECK	10			# MLGR / DLGR: (2^64-1)^2 and back
	lghi	%r3, -1
	lghi	%r6, -1
	mlgr	%r2, %r6		# r2:r3 = 0xfffffffffffffffe_0000000000000001
	lghi	%r7, -2
	clgr	%r2, %r7
	jne	fail
	cghi	%r3, 1
	jne	fail
	dlgr	%r2, %r6		# quotient 2^64-1, remainder 0
	ltgr	%r2, %r2
	jnz	fail
	cghi	%r3, -1
	jne	fail

	CHECK	11			# MR on 32-bit halves; bits 0-31 untouched
	llihf	%r4, 0xdeadbeef
	llihf	%r5, 0xcafef00d
	iilf	%r5, 100000
	iilf	%r6, 1000000
	mr	%r4, %r6		# 10^11 = 0x17_4876e800
	clfi	%r4, 0x17
	jne	fail
	clfi	%r5, 0x4876e800
	jne	fail
	srlg	%r7, %r4, 32
	clfi	%r7, 0xdeadbeef
	jne	fail

	CHECK	12			# ASI / AGSI / ALSI / ALGSI on storage
	larl	%r8, word
	asi	0(%r8), 1		# 0x7ffffffe + 1 = 0x7fffffff: CC 2
	jnh	fail
	asi	0(%r8), 1		# overflow: CC 3, wraps
	jno	fail
	clfhsi	0(%r8), 0		# (CLFHSI compares with 0x0000)
	jnh	fail
	chsi	0(%r8), -1		# 0x80000000 < -1
	jnl	fail
	alsi	0(%r8), -1		# 0x80000000 + 0xffffffff: carry, nonzero: CC 3
	jno	fail
	larl	%r9, dword
	agsi	0(%r9), -1		# 1 - 1 = 0: CC 0
	jnz	fail
	algsi	0(%r9), -1		# 0 + 0xffff...: no carry, nonzero: CC 1
	jnl	fail
	cghsi	0(%r9), -1
	jne	fail

	CHECK	13			# COMPARE RELATIVE LONG
	lghi	%r2, -1
	cgrl	%r2, dword
	jne	fail
	clgfrl	%r2, word		# 0xffff... > 0x7fffffff
	jnh	fail
	iilf	%r3, 0x7fffffff
	crl	%r3, word
	jne	fail
	chrl	%r3, half		# 0x7fffffff > -2
	jnh	fail
	llill	%r4, 0xfffe
	clhrl	%r4, half		# the halfword is zero-extended
	jne	fail

	CHECK	14			# high-word arithmetic and compares (z196)
	llihf	%r2, 5
	iilf	%r2, 77
	aih	%r2, -6			# high word 5 - 6 = -1: CC 1
	jnl	fail
	cih	%r2, -1
	jne	fail
	lhi	%r3, 1
	ahhlr	%r2, %r2, %r3		# high word -1 + 1 = 0: CC 0
	jnz	fail
	clfi	%r2, 77			# low word untouched
	jne	fail
	srlg	%r4, %r2, 32
	ltgr	%r4, %r4
	jnz	fail

	CHECK	15			# LOAD COMPLEMENT / POSITIVE / NEGATIVE
	lghi	%r2, -5
	lpgr	%r3, %r2
	jnh	fail
	cghi	%r3, 5
	jne	fail
	lngr	%r4, %r3
	jnl	fail
	lcgr	%r5, %r4
	cgr	%r5, %r3
	jne	fail
	llihh	%r6, 0x8000
	lcgr	%r7, %r6		# maximum negative: CC 3, unchanged
	jno	fail
	cgr	%r7, %r6
	jne	fail

	CHECK	16			# MULTIPLY SINGLE variants
	lghi	%r2, 12345
	msgfi	%r2, -1000
	cgfi	%r2, -12345000
	jne	fail
	mghi	%r2, -2
	cgfi	%r2, 24690000
	jne	fail
	lhi	%r3, 3
	mhi	%r3, -32768
	cfi	%r3, -98304
	jne	fail

	# Program interruptions: install a program-new PSW that returns to the address in r14.
	larl	%r1, saved_pgm_new
	mvc	0(16,%r1), 0x1d0
	larl	%r1, pgm_new_psw
	mvc	0x1d0(16), 0(%r1)

	CHECK	17			# AR overflow with the mask on: result stored, CC 3, then PGM 0x08
	iilf	%r1, 0x08000000
	spm	%r1			# program mask: fixed-point overflow
	iilf	%r2, 0x7fffffff
	lhi	%r3, 1
	larl	%r14, 1f
	ar	%r2, %r3
2:	j	fail
1:	lhi	%r1, 0
	spm	%r1
	lh	%r1, 0x8e		# interruption code
	chi	%r1, 8
	jne	fail
	lh	%r1, 0x8c		# ILC in bytes
	chi	%r1, 2
	jne	fail
	larl	%r7, 2b			# the old PSW points past the AR
	clg	%r7, 0x158
	jne	fail
	lg	%r1, 0x150
	srlg	%r1, %r1, 44		# old PSW bits 18-19: CC 3
	nill	%r1, 3
	chi	%r1, 3
	jne	fail
	clfi	%r2, 0x80000000
	jne	fail

	CHECK	18			# DR: quotient too large -> PGM 0x09, nothing changed
	lhi	%r4, 1
	lhi	%r5, 0			# dividend 2^32
	lhi	%r6, 1
	larl	%r14, 1f
	dr	%r4, %r6
	j	fail
1:	lh	%r1, 0x8e
	chi	%r1, 9
	jne	fail
	chi	%r4, 1
	jne	fail
	chi	%r5, 0
	jne	fail

	CHECK	19			# DSGR by zero -> PGM 0x09, ILC 4
	lghi	%r6, 0
	larl	%r14, 1f
	dsgr	%r4, %r6
	j	fail
1:	lh	%r1, 0x8e
	chi	%r1, 9
	jne	fail
	lh	%r1, 0x8c
	chi	%r1, 4
	jne	fail

	CHECK	20			# DR with an odd R1 -> specification exception
	larl	%r14, 1f
	.insn	rr, 0x1d00, %r3, %r6
	j	fail
1:	lh	%r1, 0x8e
	chi	%r1, 6
	jne	fail

	CHECK	21			# SLA overflow with the mask on -> PGM 0x08 after the shift
	iilf	%r1, 0x08000000
	spm	%r1
	iilf	%r2, 0x40000000
	larl	%r14, 1f
	sla	%r2, 1
	j	fail
1:	lhi	%r1, 0
	spm	%r1
	lh	%r1, 0x8e
	chi	%r1, 8
	jne	fail
	lh	%r1, 0x8c
	chi	%r1, 4
	jne	fail
	ltr	%r2, %r2		# the result (zero) was stored
	jnz	fail

	larl	%r1, saved_pgm_new
	mvc	0x1d0(16), 0(%r1)

	PASS

pgm_handler:
	br	%r14

	.balign	8
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
saved_pgm_new:
	.quad	0, 0
dword:	.quad	1
word:	.long	0x7ffffffe
half:	.short	0xfffe

	HARNESS_END
