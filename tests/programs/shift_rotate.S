# Shifts, rotates, rotate-then-*-selected-bits and FIND LEFTMOST ONE: results and condition codes, as
# compiled code uses them (bit-field extraction with RISBG, 128-bit shifts with SLDL/SRDA, ...).
	.include "harness.inc"
	.text
	.globl	_start
_start:
	CHECK	1			# SLL/SRL on 32 bits; counts 32-63 clear; bits 0-31 kept
	llihf	%r2, 0xdeadbeef
	iilf	%r2, 0x80000001
	sll	%r2, 1
	clfi	%r2, 2
	jne	fail
	srlg	%r3, %r2, 32
	clfi	%r3, 0xdeadbeef
	jne	fail
	iilf	%r2, 0xffffffff
	sll	%r2, 32
	ltr	%r2, %r2
	jnz	fail
	iilf	%r2, 0x80000000
	srl	%r2, 31
	chi	%r2, 1
	jne	fail

	CHECK	2			# shift amount = low 6 bits of D2(B2)
	lghi	%r4, 0x7c3		# ...000011 -> 3 after adding 0
	lghi	%r2, 1
	sllg	%r3, %r2, 0(%r4)
	cghi	%r3, 8
	jne	fail
	srlg	%r3, %r3, 1(%r4)	# 4: 8 >> 4 = 0
	ltgr	%r3, %r3
	jnz	fail

	CHECK	3			# SLA: sign kept, overflow CC 3 without the mask
	iilf	%r2, 0x40000000
	sla	%r2, 1			# 0x40000000 << 1 overflows; numeric bits 0
	jno	fail
	ltr	%r2, %r2
	jnz	fail
	lhi	%r2, -1
	sla	%r2, 31			# -1 << 31 = 0x80000000: CC 1, no overflow
	jnl	fail
	clfi	%r2, 0x80000000
	jne	fail
	lhi	%r2, -1
	sla	%r2, 32			# a zero reaches bit 1: overflow
	jno	fail
	lghi	%r3, 3
	slag	%r4, %r3, 62		# 3 << 62 overflows into the sign; bit 1 survives
	jno	fail
	llihh	%r5, 0x4000
	cgr	%r4, %r5
	jne	fail

	CHECK	4			# SRA / SRAG / SRAK
	iilf	%r2, 0x80000000
	sra	%r2, 40			# -1: CC 1
	jnl	fail
	chi	%r2, -1
	jne	fail
	lghi	%r3, -256
	srag	%r4, %r3, 4		# -16
	jnl	fail
	cghi	%r4, -16
	jne	fail
	lhi	%r5, 100
	srak	%r6, %r5, 2		# 25: CC 2
	jnh	fail
	chi	%r6, 25
	jne	fail

	CHECK	5			# double shifts on an even-odd pair
	lhi	%r2, 1
	iilf	%r3, 0x80000000
	sldl	%r2, 1			# 0x00000003_00000000
	chi	%r2, 3
	jne	fail
	ltr	%r3, %r3
	jnz	fail
	lhi	%r2, -1
	lhi	%r3, 0
	srda	%r2, 32			# -2^32 >> 32 = -1: CC 1
	jnl	fail
	chi	%r3, -1
	jne	fail
	lhi	%r2, 0
	lhi	%r3, 1
	slda	%r2, 62			# 2^62: CC 2
	jnh	fail
	clfi	%r2, 0x40000000
	jne	fail
	srdl	%r2, 62
	chi	%r3, 1
	jne	fail

	CHECK	6			# RLL / RLLG
	iilf	%r2, 0x12345678
	rll	%r3, %r2, 8
	clfi	%r3, 0x34567812
	jne	fail
	llihf	%r4, 0xf0000000
	oill	%r4, 1
	rllg	%r5, %r4, 4
	cghi	%r5, 0x1f
	jne	fail

	CHECK	7			# RISBG as compilers use it
	llihf	%r2, 0xaaaaaaaa
	iilf	%r2, 0xbbbbbbbb
	risbg	%r3, %r2, 32, 128+63, 0	# zero-extend the low word: CC 2
	jnh	fail
	clgfi	%r3, 0xbbbbbbbb
	jne	fail
	risbg	%r3, %r2, 60, 128+63, 4	# top nibble to the bottom (srlg 60)
	cghi	%r3, 0xa
	jne	fail
	lghi	%r4, -1
	risbg	%r4, %r2, 56, 63, 0	# insert the low byte, keep the rest: CC 1
	jnl	fail
	cghi	%r4, -0x45		# ...ffffbb
	jne	fail
	risbg	%r4, %r2, 0, 128+0, 0	# bit 0 only, the rest zero: CC 1
	jnl	fail
	llihh	%r5, 0x8000
	cgr	%r4, %r5
	jne	fail

	CHECK	8			# RISBHG / RISBLG keep the other word
	llihf	%r2, 0x11111111
	iilf	%r2, 0x22222222
	llihf	%r3, 0xaaaaaaaa
	iilf	%r3, 0xbbbbbbbb
	lgr	%r4, %r2
	risblg	%r4, %r3, 0, 128+31, 32	# low word <- high word of r3
	srlg	%r5, %r4, 32
	clfi	%r5, 0x11111111
	jne	fail
	clfi	%r4, 0xaaaaaaaa
	jne	fail
	risbhg	%r4, %r3, 0, 128+31, 32	# high word <- low word of r3
	srlg	%r5, %r4, 32
	clfi	%r5, 0xbbbbbbbb
	jne	fail

	CHECK	9			# RNSBG / ROSBG / RXSBG and the test-only form
	lghi	%r2, 0xf0
	lghi	%r3, 0x0f
	rnsbg	%r2, %r3, 56, 63, 0	# 0xf0 & 0x0f = 0: CC 0
	jnz	fail
	ltgr	%r2, %r2
	jnz	fail
	lghi	%r2, 0x10
	rosbg	%r2, %r3, 128+56, 63, 0	# test only: CC 1, r2 unchanged
	jnl	fail
	cghi	%r2, 0x10
	jne	fail
	rxsbg	%r2, %r2, 56, 63, 0	# x ^ x = 0 in the selected bits
	jnz	fail

	CHECK	10			# FLOGR
	llihl	%r4, 0x1000		# bit 19
	oill	%r4, 1
	flogr	%r2, %r4		# CC 2
	jnh	fail
	cghi	%r2, 19
	jne	fail
	cghi	%r3, 1
	jne	fail
	lghi	%r4, 0
	flogr	%r2, %r4		# none: 64, CC 0
	jnz	fail
	cghi	%r2, 64
	jne	fail

	PASS
	HARNESS_END
