# Logical instructions: AND/OR/EXCLUSIVE OR in register, storage, immediate and SI forms, TEST UNDER
# MASK, INSERT IMMEDIATE, LOAD LOGICAL IMMEDIATE and POPULATION COUNT, with their condition codes.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	CHECK	1			# NR/OR/XR on 32 bits keep bits 0-31
	llihf	%r2, 0xdeadbeef
	iilf	%r2, 0xff00ff00
	iilf	%r3, 0x0ff00ff0
	nr	%r2, %r3		# 0x0f000f00: CC 1
	jnl	fail
	clfi	%r2, 0x0f000f00
	jne	fail
	srlg	%r4, %r2, 32
	clfi	%r4, 0xdeadbeef
	jne	fail
	xr	%r2, %r2		# zero: CC 0
	jnz	fail
	srlg	%r4, %r2, 32		# high word still there
	clfi	%r4, 0xdeadbeef
	jne	fail
	lhi	%r5, 0x0f0
	or	%r2, %r5
	jz	fail
	clfi	%r2, 0xf0
	jne	fail

	CHECK	2			# 64-bit and distinct-operands forms
	lghi	%r2, -1
	llihh	%r3, 0x8000
	ngrk	%r4, %r2, %r3		# 0x8000000000000000: CC 1
	jnl	fail
	cgr	%r4, %r3
	jne	fail
	xgrk	%r5, %r4, %r3		# zero: CC 0
	jnz	fail
	ogrk	%r6, %r5, %r5		# zero: CC 0
	jnz	fail
	ork	%r7, %r3, %r2		# low word 0xffffffff
	clfi	%r7, 0xffffffff
	jne	fail

	CHECK	3			# storage forms
	larl	%r8, data
	lghi	%r2, -1
	n	%r2, 0(%r8)		# & 0x12345678
	clfi	%r2, 0x12345678
	jne	fail
	xg	%r2, 8(%r8)		# 0xffffffff_12345678 ^ 0x00000000_12345678
	jz	fail
	ltr	%r2, %r2		# low word zero
	jnz	fail
	srlg	%r3, %r2, 32
	clfi	%r3, 0xffffffff
	jne	fail
	lghi	%r3, 0
	og	%r3, 8(%r8)
	clgfi	%r3, 0x12345678
	jne	fail

	CHECK	4			# NI / OI / XI / NIY on a byte of storage
	mvi	16(%r8), 0xf0
	ni	16(%r8), 0x0f		# zero: CC 0
	jnz	fail
	oi	16(%r8), 0x81		# 0x81: CC 1
	jnl	fail
	xiy	16(%r8), 0x01		# 0x80
	jnl	fail
	cli	16(%r8), 0x80
	jne	fail
	niy	16(%r8), 0x7f		# zero
	jnz	fail

	CHECK	5			# AND/OR/XOR immediate: CC from the affected part only
	lghi	%r2, -1
	nill	%r2, 0			# low halfword zero: CC 0 although the register is not
	jnz	fail
	cgfi	%r2, -65536
	jne	fail
	nihf	%r2, 0x0000ffff
	jnl	fail
	oilf	%r2, 0x0000ffff
	xihf	%r2, 0x0000ffff		# high word 0: CC 0
	jnz	fail
	clgfi	%r2, 0xffffffff
	jne	fail

	CHECK	6			# TEST UNDER MASK (register): all four CCs
	llill	%r2, 0x8001
	tmll	%r2, 0x8001		# all ones: CC 3
	jno	fail
	tmll	%r2, 0x8003		# mixed, leftmost selected bit one: CC 2
	jnh	fail
	tmll	%r2, 0x4001		# mixed, leftmost selected bit zero: CC 1
	jnl	fail
	tmll	%r2, 0x7ffe		# all zero: CC 0
	jnz	fail
	llihh	%r3, 0x4000
	tmhh	%r3, 0xc000		# mixed, leftmost zero: CC 1
	jnl	fail

	CHECK	7			# TM on storage: 0, 1 (mixed), 3
	mvi	16(%r8), 0x0f
	tm	16(%r8), 0xf0
	jnz	fail
	tm	16(%r8), 0x18
	jnl	fail
	tm	16(%r8), 0x0c
	jno	fail

	CHECK	8			# INSERT IMMEDIATE / LOAD LOGICAL IMMEDIATE
	lghi	%r2, -1
	iihl	%r2, 0x1234		# bits 16-31
	iill	%r2, 0
	srlg	%r3, %r2, 32
	clfi	%r3, 0xffff1234
	jne	fail
	clfi	%r2, 0xffff0000
	jne	fail
	llihl	%r4, 0xabcd		# 0x0000abcd_00000000
	srlg	%r4, %r4, 32
	clfi	%r4, 0xabcd
	jne	fail

	CHECK	9			# POPULATION COUNT: one count per byte
	llihf	%r2, 0xff010307
	iilf	%r2, 0x00000080
	popcnt	%r3, %r2		# CC 1
	jnl	fail
	llihf	%r4, 0x08010203
	iilf	%r4, 0x00000001
	cgr	%r3, %r4
	jne	fail
	lghi	%r2, 0
	popcnt	%r3, %r2		# CC 0
	jnz	fail

	PASS

	.balign	8
data:	.long	0x12345678, 0
	.quad	0x12345678
	.quad	0

	HARNESS_END
