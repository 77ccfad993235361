# Vector integer instructions end to end: 256-bit arithmetic with the quadword carry/borrow chains,
# 64x64->128-bit and even/odd multiplies, compares that set the CC, sums across elements and the Internet
# checksum (VCKSM), carry-less multiply, element and whole-vector shifts and rotates, counts, and the
# program interruptions of the family (reserved element size; vector-enablement control off).
	.include "harness.inc"
	.machine "z15"
	.text
	.globl	_start

# EXPECT vr, label: vector register vr equals the 16 bytes at label (VCEQGS: CC 0 when all equal).
	.macro EXPECT vr, label
	vl	%v31, \label-data(%r12)
	vceqgs	%v30, \vr, %v31
	jne	fail
	.endm

_start:
	larl	%r12, data
	larl	%r1, pgm_new_psw	# program interruptions resume after the instruction (see pgm_handler)
	mvc	0x1d0(16,%r0), 0(%r1)
	stctg	%c0, %c0, save_cr0-data(%r12)
	oi	save_cr0+5-data(%r12), 0x02	# CR0 bit 46: vector enablement
	lctlg	%c0, %c0, save_cr0-data(%r12)
	vgbm	%v0, 0			# zero, used throughout

	CHECK	1			# 256-bit add x + y: VACCQ / VAQ / VACQ, then the carry out VACCCQ
	vl	%v1, x0-data(%r12)
	vl	%v2, x1-data(%r12)
	vl	%v3, y0-data(%r12)
	vl	%v4, y1-data(%r12)
	vaccq	%v5, %v1, %v3		# carry out of the low quadwords: 1
	vaq	%v6, %v1, %v3		# low quadword of the sum: 0
	vacq	%v7, %v2, %v4, %v5	# high quadword: 7 + 5 + 1
	vacccq	%v8, %v2, %v4, %v5	# carry out of the 256-bit sum: 0
	EXPECT	%v6, zero
	EXPECT	%v7, thirteen
	EXPECT	%v8, zero
	EXPECT	%v5, one

	CHECK	2			# and back: (x + y) - y with VSCBIQ / VSQ / VSBIQ; VSBCBIQ: no borrow out
	vscbiq	%v9, %v6, %v3		# borrow indication: 0 (a borrow)
	vsq	%v10, %v6, %v3
	vsbiq	%v11, %v7, %v4, %v9
	vsbcbiq	%v12, %v7, %v4, %v9
	EXPECT	%v10, x0
	EXPECT	%v11, x1
	EXPECT	%v12, one
	EXPECT	%v9, zero

	CHECK	3			# VACCCQ: all ones + 0 + carry in carries out
	vgbm	%v13, 0xffff
	vacccq	%v14, %v13, %v0, %v5
	EXPECT	%v14, one

	CHECK	4			# 64 x 64 -> 128: VMSLG (2^64-1)(2^64-2); M6 doubles the even product
	vl	%v1, mul_a-data(%r12)
	vl	%v2, mul_b-data(%r12)
	vmslg	%v3, %v1, %v2, %v0, 0
	EXPECT	%v3, mul_ab
	vmslg	%v3, %v1, %v2, %v0, 8
	EXPECT	%v3, mul_2ab

	CHECK	5			# VMEF signed even products, VMLOF logical odd products
	vl	%v1, words_a-data(%r12)
	vl	%v2, words_b-data(%r12)
	vmef	%v3, %v1, %v2
	EXPECT	%v3, even_products
	vmlof	%v3, %v1, %v2
	EXPECT	%v3, odd_products

	CHECK	6			# compares with the CC: mixed (1), all true (0), none true (3)
	vl	%v1, hello-data(%r12)
	vl	%v2, hello_w-data(%r12)
	vceqbs	%v3, %v1, %v2
	jnl	fail
	vrepib	%v4, -128		# 0x80 bytes
	vchlbs	%v5, %v4, %v0		# 0x80 > 0 unsigned: all
	jnz	fail
	vchbs	%v5, %v4, %v0		# -128 > 0 signed: none
	jno	fail
	EXPECT	%v5, zero

	CHECK	7			# VECG / VECLG compare doubleword 0: -1 vs 1
	vgbm	%v1, 0xff00		# doubleword 0 all ones
	vleig	%v2, 1, 0
	vecg	%v1, %v2
	jnl	fail
	veclg	%v1, %v2
	jnh	fail

	CHECK	8			# VTM: selected bits all ones (3), all zeros (0), mixed (1)
	vgbm	%v1, 0xf0f0
	vgbm	%v2, 0xa0a0
	vtm	%v1, %v2
	jno	fail
	vtm	%v0, %v2
	jnz	fail
	vgbm	%v2, 0x1818
	vtm	%v1, %v2
	jnl	fail

	CHECK	9			# byte sum of a string: VSUMB (words), VSUMQF (quadword)
	vl	%v1, hello-data(%r12)
	vsumb	%v2, %v1, %v0
	EXPECT	%v2, hello_words
	vsumqf	%v3, %v2, %v0
	vlgvg	%r2, %v3, 1
	cghi	%r2, 0x50c
	jne	fail

	CHECK	10			# VCKSM over 32 bytes (1, 2, ..., 32), 16 at a time
	vl	%v1, bytes32-data(%r12)
	vl	%v2, bytes32+16-data(%r12)
	vcksm	%v3, %v1, %v0
	vcksm	%v3, %v2, %v3
	vlgvf	%r2, %v3, 1
	clfi	%r2, 0x78808890
	jne	fail
	vlgvf	%r2, %v3, 0		# the other words are zero
	ltr	%r2, %r2
	jnz	fail

	CHECK	11			# carry-less multiply: VGFMG 0x87 * 0x1db710640
	vleig	%v1, 0x87, 0
	vl	%v2, poly-data(%r12)
	vgfmg	%v3, %v1, %v2
	EXPECT	%v3, clmul

	CHECK	12			# element shifts and rotates
	vl	%v1, pattern-data(%r12)
	lghi	%r3, 0x104		# amount 4 (modulo 64)
	veslg	%v2, %v1, 0(%r3)
	EXPECT	%v2, pattern_sl4_g
	vrepif	%v4, 36			# rotate each word by 4 (modulo 32)
	verllvf	%v2, %v1, %v4
	EXPECT	%v2, pattern_rl4_f
	vesrah	%v2, %v4, 15		# sign of each halfword of the amounts: 0
	EXPECT	%v2, zero

	CHECK	13			# whole-vector shifts: by bit, by byte, double by byte and by bit
	vrepib	%v4, 4
	vsl	%v2, %v1, %v4
	EXPECT	%v2, pattern_sl4
	vsldb	%v2, %v1, %v1, 8	# swap the doublewords
	EXPECT	%v2, pattern_swapped
	vleib	%v5, 0x18, 7		# byte 7 bits 1-4: 3 bytes
	vsrlb	%v2, %v1, %v5
	EXPECT	%v2, pattern_srl3
	vsld	%v2, %v1, %v1, 4	# rotate left by 4 bits
	EXPECT	%v2, pattern_rot4
	vsrd	%v2, %v1, %v1, 4	# rotate right by 4 bits
	EXPECT	%v2, pattern_ror4

	CHECK	14			# counts and averages
	vl	%v1, count_in-data(%r12)
	vpopctg	%v2, %v1
	EXPECT	%v2, count_pop
	vclzg	%v2, %v1
	EXPECT	%v2, count_clz
	vgbm	%v1, 0xffff
	vrepib	%v2, 1
	vavglb	%v3, %v1, %v2		# (255 + 1 + 1) / 2 = 128
	vrepib	%v4, -128
	vceqbs	%v5, %v3, %v4
	jnz	fail
	vavgb	%v3, %v1, %v2		# (-1 + 1 + 1) / 2 = 0
	EXPECT	%v3, zero

	CHECK	15			# reserved element size: specification exception, V1 unchanged, ILC 6
	vgbm	%v6, 0x1234
	vlr	%v7, %v6
	.byte	0xe7, 0x60, 0x00, 0x00, 0x50, 0xf3	# va %v6,%v0,%v0,5
	clc	0x8c(4,%r0), spec_ilc_code-data(%r12)
	jne	fail
	vceqgs	%v8, %v6, %v7
	jnz	fail

	CHECK	16			# vector-enablement control off: data exception, DXC 0xfe
	ni	save_cr0+5-data(%r12), 0xfd
	lctlg	%c0, %c0, save_cr0-data(%r12)
	mvi	0x93, 0
	vn	%v6, %v0, %v0
	clc	0x8c(4,%r0), data_ilc_code-data(%r12)
	jne	fail
	cli	0x93, 0xfe
	jne	fail
	oi	save_cr0+5-data(%r12), 0x02
	lctlg	%c0, %c0, save_cr0-data(%r12)
	vceqgs	%v8, %v6, %v7		# VN did not run
	jnz	fail

	PASS

pgm_handler:
	lpswe	0x150			# resume after the interrupted instruction

	HARNESS_END

	.balign	8
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
	.balign	16
data:
save_cr0:	.quad	0, 0
zero:		.quad	0, 0
one:		.quad	0, 1
thirteen:	.quad	0, 13
x0:		.quad	0xffffffffffffffff, 0xffffffffffffffff
x1:		.quad	0, 7
y0:		.quad	0, 1
y1:		.quad	0, 5
mul_a:		.quad	0xffffffffffffffff, 0
mul_b:		.quad	0xfffffffffffffffe, 0
mul_ab:		.quad	0xfffffffffffffffd, 0x0000000000000002
mul_2ab:	.quad	0xfffffffffffffffa, 0x0000000000000004
words_a:	.long	-3, 7, 0x80000000, 2
words_b:	.long	5, -1, 2, 0x40000000
even_products:	.quad	0xfffffffffffffff1, 0xffffffff00000000
odd_products:	.quad	0x00000006fffffff9, 0x0000000080000000
hello:		.ascii	"hello, world!!!!"
hello_w:	.ascii	"hello, World!!!!"
hello_words:	.long	0x1a5, 0x132, 0x1b1, 0x84
bytes32:	.byte	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
		.byte	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
poly:		.quad	0x1db710640, 0
clmul:		.quad	0, 0xe8b8d433c0
pattern:	.quad	0x0123456789abcdef, 0xfedcba9876543210
pattern_sl4_g:	.quad	0x123456789abcdef0, 0xedcba98765432100
pattern_rl4_f:	.quad	0x123456709abcdef8, 0xedcba98f65432107
pattern_sl4:	.quad	0x123456789abcdeff, 0xedcba98765432100
pattern_swapped: .quad	0xfedcba9876543210, 0x0123456789abcdef
pattern_srl3:	.quad	0x0000000123456789, 0xabcdeffedcba9876
pattern_rot4:	.quad	0x123456789abcdeff, 0xedcba98765432100
pattern_ror4:	.quad	0x00123456789abcde, 0xffedcba987654321
count_in:	.quad	0xffffffffffffffff, 0x0000000100000001
count_pop:	.quad	64, 2
count_clz:	.quad	0, 31
spec_ilc_code:	.short	6, 0x0006
data_ilc_code:	.short	6, 0x0007
