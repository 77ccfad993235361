# Vector floating point end to end: element arithmetic in the long and short formats, the fused
# multiply-add, minimum/maximum, the compares and their CCs, data classes, sign operations, rounding,
# lengthening and conversions, a vector-processing exception (interruption code 0x1b, the VXC at lowcore
# 0x93 and in the FPC, the instruction suppressed), and DIVIDE TO INTEGER iterated on partial results.
	.include "harness.inc"
	.machine "z15"
	.text
	.globl	_start
_start:
	larl	%r12, data
	larl	%r1, pgm_new_psw	# program interruptions resume after the instruction (see pgm_handler)
	mvc	0x1d0(16,%r0), 0(%r1)
	stctg	%c0, %c0, save_cr0-data(%r12)
	oi	save_cr0+5-data(%r12), 0x02	# CR0 bit 46: vector enablement
	lctlg	%c0, %c0, save_cr0-data(%r12)
	lfpc	zero-data(%r12)

	CHECK	1			# VFADB: (1.5, -2) + (2.25, 0.5) = (3.75, -1.5); VFCEDBS CC 0
	vl	%v1, a_long-data(%r12)
	vl	%v2, b_long-data(%r12)
	vfadb	%v3, %v1, %v2
	vl	%v4, sum_long-data(%r12)
	vfcedbs	%v5, %v3, %v4
	jnz	fail
	vfchdbs	%v5, %v3, %v4		# none higher: CC 3
	jno	fail

	CHECK	2			# WFMADB is fused: (1 + 2^-30)(1 - 2^-30) - 1 = -2^-60, not 0
	vl	%v6, fma_a-data(%r12)
	vl	%v7, fma_b-data(%r12)
	vl	%v8, minus_one-data(%r12)
	wfmadb	%v9, %v6, %v7, %v8
	ld	%f10, fma_want-data(%r12)
	wfcdb	%v9, %v10
	jne	fail

	CHECK	3			# VFASB on four elements; VFMAXSB (IEEE method)
	vl	%v1, a_short-data(%r12)
	vl	%v2, b_short-data(%r12)
	vfasb	%v3, %v1, %v2
	vst	%v3, scratch-data(%r12)
	clc	scratch-data(16,%r12), sum_short-data(%r12)
	jne	fail
	vfmaxsb	%v3, %v1, %v2, 0
	vst	%v3, scratch-data(%r12)
	clc	scratch-data(16,%r12), max_short-data(%r12)
	jne	fail

	CHECK	4			# WFCDB low: CC 1; WFKDB with a QNaN: CC 3 and the invalid flag
	wfcdb	%v8, %v6		# -1 < 1 + 2^-30
	jnl	fail
	vl	%v11, qnan_long-data(%r12)
	wfcdb	%v11, %v6
	jno	fail
	stfpc	scratch-data(%r12)
	cli	scratch+1-data(%r12), 0
	jne	fail			# WFC: quiet
	wfkdb	%v11, %v6
	jno	fail
	stfpc	scratch-data(%r12)
	cli	scratch+1-data(%r12), 0x80
	jne	fail			# WFK: invalid
	lfpc	zero-data(%r12)

	CHECK	5			# VFTCIDB: -normal selected in element 1 only: CC 1
	vl	%v1, a_long-data(%r12)
	vftcidb	%v3, %v1, 0x100
	jnl	fail
	vlgvg	%r2, %v3, 1
	cghi	%r2, -1
	jne	fail

	CHECK	6			# VFLCDB; VFIDB ties to even; VLEDB / VLDEB
	vflcdb	%v3, %v1		# (-1.5, 2)
	vfidb	%v3, %v3, 0, 4		# (-2, 2)
	vst	%v3, scratch-data(%r12)
	clc	scratch-data(16,%r12), rounded-data(%r12)
	jne	fail
	vledb	%v4, %v1, 0, 0		# short 1.5 in word 0, -2 in word 2
	vldeb	%v5, %v4
	vfcedbs	%v6, %v5, %v1
	jnz	fail

	CHECK	7			# VCGDB (toward zero) and back with VCDGB; VCLGDB of a negative: 0
	vl	%v1, convert_in-data(%r12)
	vcgdb	%v2, %v1, 0, 5
	vlgvg	%r2, %v2, 0
	cghi	%r2, -7
	jne	fail
	vcdgb	%v3, %v2, 0, 0
	lgdr	%r3, %f3
	lg	%r4, minus_seven-data(%r12)
	cgr	%r3, %r4
	jne	fail
	vclgdb	%v4, %v1, 4, 5		# element 0 is negative: invalid, 0
	vlgvg	%r2, %v4, 0
	ltgr	%r2, %r2
	jne	fail
	lfpc	zero-data(%r12)

	CHECK	8			# vector-processing exception: invalid in element 1, VXC 0x11
	lfpc	invalid_mask-data(%r12)
	vl	%v5, pattern-data(%r12)
	vl	%v6, sqrt_in-data(%r12)
	xc	0x8c(8,%r0), 0x8c(%r0)
	vfsqdb	%v5, %v6		# (2, sqrt(-1)): suppressed
	clc	0x8e(2,%r0), pgm_code_1b-data(%r12)
	jne	fail
	cli	0x93, 0x11
	jne	fail
	stfpc	scratch-data(%r12)
	cli	scratch+2-data(%r12), 0x11
	jne	fail
	cli	scratch+1-data(%r12), 0	# no flags
	jne	fail
	vst	%v5, scratch-data(%r12)
	clc	scratch-data(16,%r12), pattern-data(%r12)
	jne	fail
	lfpc	zero-data(%r12)

	CHECK	9			# DIDBR toward zero on partial results ends in fmod(1e300, 0.1)
	ld	%f0, big-data(%r12)
	ld	%f1, tenth-data(%r12)
	lghi	%r5, 100
1:	didbr	%f0, %f2, %f1, 5
	brc	12, 2f			# CC 0 or 1: final
	brctg	%r5, 1b
	j	fail
2:	jnz	fail			# CC 0
	lgdr	%r2, %f0
	lg	%r3, fmod_want-data(%r12)
	cgr	%r2, %r3
	jne	fail

	CHECK	10			# DIEBR with an SNaN divisor: both results the QNaN, CC 1
	le	%f4, one_short-data(%r12)
	le	%f5, snan_short-data(%r12)
	diebr	%f4, %f6, %f5, 0
	ipm	%r2
	srl	%r2, 28
	chi	%r2, 1
	jne	fail
	ste	%f6, scratch-data(%r12)
	clc	scratch-data(4,%r12), qnan_short-data(%r12)
	jne	fail
	lfpc	zero-data(%r12)

	PASS

pgm_handler:
	lpswe	0x150			# resume after the interrupted instruction

	HARNESS_END

	.balign	8
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
	.balign	16
data:
a_long:		.double	1.5, -2.0
b_long:		.double	2.25, 0.5
sum_long:	.double	3.75, -1.5
fma_a:		.quad	0x3ff0000000400000, 0	# 1 + 2^-30
fma_b:		.quad	0x3fefffffff800000, 0	# 1 - 2^-30
minus_one:	.double	-1.0, 0
fma_want:	.quad	0xbc30000000000000	# -2^-60
		.quad	0
a_short:	.float	1.0, 2.0, -3.0, 0.5
b_short:	.float	1.0, 0.25, 3.0, 0.5
sum_short:	.float	2.0, 2.25, 0.0, 1.0
		.balign	16
max_short:	.float	1.0, 2.0, 3.0, 0.5
qnan_long:	.quad	0x7ff8000000000000, 0
rounded:	.double	-2.0, 2.0
convert_in:	.double	-7.9, 1e300
minus_seven:	.double	-7.0
		.balign	16
pattern:	.quad	0x0123456789abcdef, 0xfedcba9876543210
sqrt_in:	.double	4.0, -1.0
big:		.double	1e300
tenth:		.double	0.1
fmod_want:	.quad	0x3f1d66e81bc37800
one_short:	.float	1.0
snan_short:	.long	0x7f800001
qnan_short:	.long	0x7fc00001
invalid_mask:	.long	0x80000000
zero:		.long	0
pgm_code_1b:	.short	0x001b
		.balign	8
save_cr0:	.quad	0
scratch:	.space	16
