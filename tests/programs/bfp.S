# Binary floating point end to end: arithmetic in the three formats, conversions with rounding-method
# fields, the FPC instructions, IEEE traps (DXC in the lowcore and in the FPC) and the AFP-register control.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	larl	%r12, consts
	larl	%r1, pgm_new_psw	# program interruptions resume after the instruction (see pgm_handler)
	mvc	0x1d0(16,%r0), 0(%r1)

	CHECK	1			# ADBR 1.5 + 2.25 = 3.75, CC 2
	ld	%f0, 0(%r12)
	ld	%f2, 8(%r12)
	adbr	%f0, %f2
	jnh	fail
	cdb	%f0, 16(%r12)
	jne	fail

	CHECK	2			# SDBR to zero: CC 0; to negative: CC 1
	ldr	%f4, %f2
	sdbr	%f4, %f2
	jnz	fail
	sdb	%f4, 0(%r12)
	jnl	fail

	CHECK	3			# CDFBR / DDBR / CFDBR with explicit rounding methods
	lhi	%r2, 7
	cdfbr	%f1, %r2
	lghi	%r3, 2
	cdgbr	%f3, %r3
	ddbr	%f1, %f3		# 3.5
	cfdbra	%r4, 4, %f1, 0		# ties to even: 4
	chi	%r4, 4
	jne	fail
	cfdbra	%r4, 5, %f1, 0		# toward zero: 3
	chi	%r4, 3
	jne	fail
	cfdbra	%r4, 1, %f1, 0		# ties away: 4
	chi	%r4, 4
	jne	fail

	CHECK	4			# short format leaves bits 32-63 of the FPR alone
	lgfi	%r5, -1
	ldgr	%f6, %r5
	le	%f6, 24(%r12)		# 1.0f
	aeb	%f6, 24(%r12)		# 2.0f
	lgdr	%r5, %f6
	iihf	%r6, 0x40000000		# 2.0f in the left half
	iilf	%r6, 0xffffffff
	cgr	%r5, %r6
	jne	fail

	CHECK	5			# extended: (1 + 2^-100) - 1 = 2^-100 exactly
	ld	%f8, 32(%r12)
	ld	%f10, 40(%r12)		# 1 + 2^-100 in FPR 8/10
	lxdb	%f12, 0(%r12)		# 1.5 extended in 12/14
	sxbr	%f12, %f8		# 0.5 - 2^-100
	ltxbr	%f12, %f12
	jnh	fail
	lzxr	%f0
	axbr	%f0, %f8
	ld	%f1, 48(%r12)		# 1.0
	lxdbr	%f4, %f1
	sxbr	%f0, %f4		# 2^-100
	lgdr	%r7, %f0
	iihf	%r8, 0x3f9b0000
	iilf	%r8, 0
	cgr	%r7, %r8
	jne	fail

	CHECK	6			# SQDBR and MADBR (fused): sqrt(2)^2 - 2 is the rounding error, not 0
	ld	%f1, 8(%r12)		# 2.25
	sqdbr	%f1, %f1
	cdb	%f1, 0(%r12)		# 1.5
	jne	fail
	ld	%f3, 56(%r12)		# 2.0
	sqdbr	%f5, %f3
	lcdbr	%f7, %f3		# -2
	madbr	%f7, %f5, %f5		# f7 = f5 * f5 + f7
	ltdbr	%f7, %f7
	jz	fail

	CHECK	7			# FPC: SRNM / EFPC / SFPC, LEDBR in the FPC mode
	lhi	%r2, 0
	sfpc	%r2			# clear the flags of the checks above
	srnm	1			# toward zero
	efpc	%r2
	chi	%r2, 1
	jne	fail
	ld	%f1, 64(%r12)		# 1 + 2^-30
	ledbr	%f2, %f1		# toward zero: 1.0f, inexact flag
	ceb	%f2, 24(%r12)
	jne	fail
	efpc	%r2
	nilf	%r2, 0x00ff0000
	clfi	%r2, 0x00080000
	jne	fail
	lhi	%r2, 0
	sfpc	%r2

	CHECK	8			# division-by-zero trap: suppressed, DXC 0x40 in the lowcore and the FPC
	iilf	%r2, 0x40000000
	sfpc	%r2
	ld	%f1, 0(%r12)
	lzdr	%f2
	ddbr	%f1, %f2
	clc	0x8e(2,%r0), code_data-consts(%r12)
	jne	fail
	cli	0x93, 0x40
	jne	fail
	efpc	%r2
	clfi	%r2, 0x40004000
	jne	fail
	cdb	%f1, 0(%r12)		# unchanged
	jne	fail
	lhi	%r2, 0
	sfpc	%r2

	CHECK	9			# AFP-register control off: BFP is DXC 2, FPR 1 is DXC 1, FPR 2 is fine
	stctg	%c0, %c0, save_cr0-consts(%r12)
	ni	save_cr0+5-consts(%r12), 0xfb
	lctlg	%c0, %c0, save_cr0-consts(%r12)
	mvi	0x93, 0
	adbr	%f0, %f2
	cli	0x93, 2
	jne	fail
	ldr	%f0, %f1
	cli	0x93, 1
	jne	fail
	mvi	0x93, 0
	ldr	%f0, %f2
	cli	0x93, 0
	jne	fail
	oi	save_cr0+5-consts(%r12), 0x04
	lctlg	%c0, %c0, save_cr0-consts(%r12)

	CHECK	10			# TCDB: -0 is class bit 53 (0x400)
	lcdbr	%f1, %f2		# -0
	tcdb	%f1, 0x400
	jnl	fail			# CC 1: selected
	tcdb	%f1, 0x800
	jnz	fail

	CHECK	11			# overflow trap completes with the scaled result (2^2000 / 2^1536)
	iilf	%r2, 0x20000000
	sfpc	%r2
	ld	%f1, 72(%r12)		# 2^1000
	mdbr	%f1, %f1
	cli	0x93, 0x20
	jne	fail
	cdb	%f1, 80(%r12)		# 2^464
	jne	fail
	lhi	%r2, 0
	sfpc	%r2

	PASS

pgm_handler:
	lpswe	0x150			# resume after the interrupted instruction

	HARNESS_END

	.balign	8
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
consts:
	.double	1.5			# 0
	.double	2.25			# 8
	.double	3.75			# 16
	.float	1.0, 2.0		# 24
	.quad	0x3fff000000000000	# 32: 1 + 2^-100 (extended, high)
	.quad	0x0000000000001000	# 40: (low)
	.double	1.0			# 48
	.double	2.0			# 56
	.quad	0x3ff0000004000000	# 64: 1 + 2^-30
	.quad	0x7e70000000000000	# 72: 2^1000
	.quad	0x5cf0000000000000	# 80: 2^464
save_cr0:
	.quad	0
code_data:
	.short	0x0007
