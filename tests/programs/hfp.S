# Hexadecimal floating point end to end: add with the guard digit, multiply, divide, square root,
# rounding and lengthening loads, conversions to and from fixed point and to and from BFP, and the
# exponent-underflow rule with PSW bit 22 off (a true zero). FPRs 0, 2, 4 and 6 only (no AFP control).
	.include "harness.inc"
	.text
	.globl	_start
_start:
	larl	%r11, data
	llilf	%r10, 0x40000		# scratch

	CHECK	1			# AER 1 + 1 = 2, CC 2
	le	%f0, one_s-data(%r11)
	aer	%f0, %f0
	jnh	fail
	ste	%f0, 0x800(%r10)
	clc	0x800(4,%r10), two_s-data(%r11)
	jne	fail

	CHECK	2			# SER keeps the guard digit: 1 - 0x40FFFFFF = 0x3B100000
	le	%f0, one_s-data(%r11)
	se	%f0, almost_one-data(%r11)
	ste	%f0, 0x800(%r10)
	clc	0x800(4,%r10), guard_result-data(%r11)
	jne	fail

	CHECK	3			# MDR 2 * 3 = 6; DDR 1 / 3 truncates
	ld	%f2, two_l-data(%r11)
	md	%f2, three_l-data(%r11)
	std	%f2, 0x800(%r10)
	clc	0x800(8,%r10), six_l-data(%r11)
	jne	fail
	ld	%f4, one_l-data(%r11)
	dd	%f4, three_l-data(%r11)
	std	%f4, 0x800(%r10)
	clc	0x800(8,%r10), third_l-data(%r11)
	jne	fail

	CHECK	4			# SQDR 2 rounds the last digit up
	ld	%f6, two_l-data(%r11)
	sqdr	%f6, %f6
	std	%f6, 0x800(%r10)
	clc	0x800(8,%r10), root2_l-data(%r11)
	jne	fail

	CHECK	5			# CFDR 2.5 rounded to nearest even = 2; nearest away = 3
	ld	%f0, two_half-data(%r11)
	cfdr	%r2, 4, %f0
	jnh	fail
	chi	%r2, 2
	jne	fail
	cfdr	%r2, 1, %f0
	chi	%r2, 3
	jne	fail

	CHECK	6			# CDFR -16 and back
	lhi	%r3, -16
	cdfr	%f2, %r3
	cgdr	%r4, 5, %f2
	cghi	%r4, -16
	jne	fail

	CHECK	7			# THDR then TBDR: BFP 0.1 round trip, CC 2
	ld	%f0, bfp_tenth-data(%r11)
	thdr	%f2, %f0
	jnh	fail
	tbdr	%f4, 4, %f2
	std	%f4, 0x800(%r10)
	clc	0x800(8,%r10), bfp_tenth-data(%r11)
	jne	fail

	CHECK	8			# LEDR rounds; LDER lengthens
	ld	%f0, round_me-data(%r11)
	ledr	%f2, %f0
	ste	%f2, 0x800(%r10)
	clc	0x800(4,%r10), rounded-data(%r11)
	jne	fail
	lder	%f4, %f2
	std	%f4, 0x800(%r10)
	clc	0x800(4,%r10), rounded-data(%r11)
	jne	fail
	clc	0x804(4,%r10), zeros-data(%r11)
	jne	fail

	CHECK	9			# MEER underflow with PSW bit 22 off: a true zero
	lzdr	%f0
	le	%f0, tiny-data(%r11)
	meer	%f0, %f0
	ltdr	%f0, %f0
	jnz	fail
	std	%f0, 0x800(%r10)
	clc	0x800(8,%r10), zeros-data(%r11)
	jne	fail

	PASS
	HARNESS_END

	.balign	8
data:
one_s:		.long	0x41100000
two_s:		.long	0x41200000
almost_one:	.long	0x40ffffff
guard_result:	.long	0x3b100000
one_l:		.quad	0x4110000000000000
two_l:		.quad	0x4120000000000000
three_l:	.quad	0x4130000000000000
six_l:		.quad	0x4160000000000000
third_l:	.quad	0x4055555555555555
root2_l:	.quad	0x4116a09e667f3bcd
two_half:	.quad	0x4128000000000000
bfp_tenth:	.quad	0x3fb999999999999a
round_me:	.quad	0x4110000080000000
rounded:	.long	0x41100001
tiny:		.long	0x01100000
zeros:		.quad	0
