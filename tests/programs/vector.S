# Vector facility end to end: loads and stores (whole, multiple, element, with length, to a block
# boundary, gather/scatter), element moves and generated values, permutes and packs, the string
# instructions as glibc's strlen/strcmp/strstr loops use them, the vector-enhancements-2 byte- and
# element-reversed forms, and the vector-enablement control (CR0 bit 46: DXC 0xfe when it is off).
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

	CHECK	1			# VL / VST / VLR with high registers
	vl	%v17, pattern-data(%r12)
	vlr	%v31, %v17
	vst	%v31, scratch-data(%r12)
	clc	scratch-data(16,%r12), pattern-data(%r12)
	jne	fail

	CHECK	2			# VLM / VSTM of 16 registers, VLGV of their elements
	vlm	%v16, %v31, counts-data(%r12)
	vlgvg	%r2, %v31, 1		# doubleword 1 of the 16th quadword
	cghi	%r2, 0x1f
	jne	fail
	vstm	%v16, %v31, scratch-data(%r12)
	clc	scratch-data(256,%r12), counts-data(%r12)
	jne	fail

	CHECK	3			# element loads and immediates; VLGV with an index register
	vgbm	%v1, 0			# zero
	vleib	%v1, -1, 15
	vleih	%v1, 0x1234, 0
	vlef	%v1, pattern+4-data(%r12), 1	# 0x44556677
	lghi	%r3, 3
	vlgvb	%r2, %v1, 12(%r3)	# byte 15
	cghi	%r2, 0xff
	jne	fail
	vlgvf	%r2, %v1, 1
	clfi	%r2, 0x44556677
	jne	fail
	vlgvh	%r2, %v1, 0
	chi	%r2, 0x1234
	jne	fail

	CHECK	4			# VGM / VREPI / VLVGP / VSEL
	vgmf	%v2, 28, 3		# wraps: bits 28-31 and 0-3 of each word
	vlgvf	%r2, %v2, 2
	clfi	%r2, 0xf000000f
	jne	fail
	vrepih	%v3, -2
	lgfi	%r4, -1
	lghi	%r5, 0
	vlvgp	%v4, %r4, %r5		# select mask: left doubleword ones
	vsel	%v5, %v3, %v2, %v4
	vlgvg	%r2, %v5, 0
	lgfi	%r6, -2
	iihf	%r6, 0xfffefffe		# 0xfffefffefffefffe
	iilf	%r6, 0xfffefffe
	cgr	%r2, %r6
	jne	fail
	vlgvg	%r2, %v5, 1
	iihf	%r6, 0xf000000f
	iilf	%r6, 0xf000000f
	cgr	%r2, %r6
	jne	fail

	CHECK	5			# VPERM reverses the bytes; VLBRQ does the same from storage
	vl	%v0, pattern-data(%r12)
	vl	%v6, reverse-data(%r12)
	vperm	%v7, %v0, %v0, %v6
	vlbrq	%v8, pattern-data(%r12)
	vlgvg	%r2, %v7, 0
	vlgvg	%r3, %v8, 0
	cgr	%r2, %r3
	jne	fail
	vlgvg	%r2, %v7, 1
	vlgvg	%r3, %v8, 1
	cgr	%r2, %r3
	jne	fail
	vlgvb	%r2, %v7, 0
	chi	%r2, 0xff
	jne	fail

	CHECK	6			# VLER / VSTER / VSTBR
	vlerg	%v10, pattern-data(%r12)
	vlgvg	%r2, %v10, 0
	lg	%r3, pattern+8-data(%r12)
	cgr	%r2, %r3
	jne	fail
	vsterg	%v10, scratch-data(%r12)
	clc	scratch-data(16,%r12), pattern-data(%r12)
	jne	fail
	vstbrf	%v0, scratch-data(%r12)
	clc	scratch-data(4,%r12), bswap_word-data(%r12)
	jne	fail

	CHECK	7			# LCBB / VLBB near a page boundary: only the bytes up to it
	larl	%r7, page_end
	aghi	%r7, -5
	lcbb	%r2, 0(%r7), 6		# 4 KiB blocks
	jno	fail			# CC 3: fewer than 16
	chi	%r2, 5
	jne	fail
	vlbb	%v11, 0(%r7), 6
	vlgvb	%r2, %v11, 4
	chi	%r2, 0x55		# the last byte before the boundary
	jne	fail
	vlgvb	%r2, %v11, 5
	chi	%r2, 0			# the rest is zero
	jne	fail

	CHECK	8			# VLL / VSTL: R3 is the highest byte index
	lghi	%r3, 2
	vll	%v12, %r3, pattern-data(%r12)	# 3 bytes
	vlgvf	%r2, %v12, 0
	clfi	%r2, 0x00112200
	jne	fail
	mvi	scratch+3-data(%r12), 0xee
	vstl	%v12, %r3, scratch-data(%r12)
	clc	scratch-data(3,%r12), pattern-data(%r12)
	jne	fail
	cli	scratch+3-data(%r12), 0xee
	jne	fail

	CHECK	9			# VGEF / VSCEF with element offsets
	vl	%v13, offsets-data(%r12)	# words 12, 8, 4, 0
	vgef	%v14, 0(%v13,%r12), 0	# word 0 <- data+12
	vgef	%v14, 0(%v13,%r12), 3	# word 3 <- data+0
	vlgvf	%r2, %v14, 0
	clfi	%r2, 0xccddeeff
	jne	fail
	vscef	%v14, scratch-data(%v13,%r12), 0	# back to scratch+12
	clc	scratch+12-data(4,%r12), pattern+12-data(%r12)
	jne	fail

	CHECK	10			# VPKSH saturates: CC 1 (some); VUPHB undoes an unsaturated pack
	vrepih	%v15, 0x100
	vrepih	%v16, 5
	vpkshs	%v18, %v15, %v16
	jnl	fail			# CC 1: some elements saturated
	vuphb	%v19, %v18		# 0x7f -> 0x007f
	vlgvh	%r2, %v19, 0
	chi	%r2, 0x7f
	jne	fail
	vuplb	%v19, %v18
	vlgvh	%r2, %v19, 7
	chi	%r2, 5
	jne	fail

	CHECK	11			# strlen: VLBB + VFEEZB in 64-byte blocks from an odd start, 36 characters
	larl	%r7, text
	aghi	%r7, 3
	lghi	%r8, 0			# length so far
	lghi	%r9, 0
	vgbm	%v20, 0
1:	vlbb	%v21, 0(%r8,%r7), 0
	lcbb	%r9, 0(%r8,%r7), 0
	vfeezbs	%v22, %v21, %v20	# index of the first zero byte
	vlgvb	%r2, %v22, 7
	clr	%r2, %r9		# a zero within the loaded bytes?
	jl	2f
	algr	%r8, %r9
	j	1b
2:	algr	%r8, %r2
	cghi	%r8, 36
	jne	fail

	CHECK	12			# strcmp: VFENEZBS reports the first difference and which side is low
	vl	%v23, word_a-data(%r12)
	vl	%v24, word_b-data(%r12)
	vfenezbs %v25, %v23, %v24
	jnl	fail			# "apple" < "apply": CC 1
	vlgvb	%r2, %v25, 7
	chi	%r2, 4
	jne	fail
	vistrbs	%v26, %v23		# isolate: CC 0, bytes after the zero cleared
	jnz	fail

	CHECK	13			# VFAEB finds any of a set; VSTRCB finds the first digit
	vl	%v27, word_b-data(%r12)
	vl	%v28, vowels-data(%r12)
	vfaebs	%v29, %v27, %v28	# first vowel of "apply": 'a' at 0, no zero search: CC 1
	jnl	fail
	vl	%v28, range09-data(%r12)
	vl	%v29, range_ctl-data(%r12)
	vl	%v27, digits-data(%r12)
	vstrczbs %v30, %v27, %v28, %v29	# "abc7x": digit at 3 before the zero: CC 2
	jnh	fail
	vlgvb	%r2, %v30, 7
	chi	%r2, 3
	jne	fail

	CHECK	14			# VSTRS (vector-enhancements 2): "needle" in a haystack
	vl	%v1, haystack-data(%r12)
	vl	%v2, needle-data(%r12)
	vgbm	%v3, 0
	vleib	%v3, 6, 7		# substring length 6
	vstrszb	%v4, %v1, %v2, %v3
	jnh	fail			# CC 2: full match
	vlgvb	%r2, %v4, 7
	chi	%r2, 4
	jne	fail

	CHECK	15			# VLM with V3 < V1: specification exception, ILC 6
	xc	0x8c(4,%r0), 0x8c(%r0)
	vlm	%v5, %v4, counts-data(%r12)
	clc	0x8c(4,%r0), spec_ilc-data(%r12)
	jne	fail

	CHECK	16			# vector enablement off: VL is a data exception with DXC 0xfe
	ni	save_cr0+5-data(%r12), 0xfd
	lctlg	%c0, %c0, save_cr0-data(%r12)
	xc	0x8c(8,%r0), 0x8c(%r0)
	vl	%v1, pattern-data(%r12)
	clc	0x8e(2,%r0), data_code-data(%r12)
	jne	fail
	cli	0x93, 0xfe
	jne	fail
	lcbb	%r2, 0(%r12), 0		# LCBB still works
	oi	save_cr0+5-data(%r12), 0x02
	lctlg	%c0, %c0, save_cr0-data(%r12)

	PASS

pgm_handler:
	lpswe	0x150			# resume after the interrupted instruction

	HARNESS_END

	.balign	8
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
	.balign	16
data:
pattern:
	.quad	0x0011223344556677, 0x8899aabbccddeeff
reverse:
	.byte	15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0
bswap_word:
	.byte	0x33, 0x22, 0x11, 0x00
	.balign	16
offsets:
	.long	12, 8, 4, 0
word_a:
	.asciz	"apple"
	.balign	16
word_b:
	.asciz	"apply"
	.balign	16
vowels:
	.ascii	"aeiouaeiouaeioua"
range09:
	.ascii	"09"
	.fill	14, 1, 0
range_ctl:
	.byte	0xa0, 0xc0		# >= '0', <= '9'
	.fill	14, 1, 0
digits:
	.asciz	"abc7x"
	.balign	16
haystack:
	.asciz	"hay needle stack"
	.balign	16
needle:
	.asciz	"needle"
	.balign	16
save_cr0:
	.quad	0
spec_ilc:
	.short	6, 0x0006		# ILC 6 (halfword at 0x8c), code 6
data_code:
	.short	0x0007
	.balign	16
counts:
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.quad	\n, 0x10 + \n
	.endr
scratch:
	.fill	256, 1, 0
text:
	.ascii	"xyzThe quick brown fox jumps over a dog"
	.byte	0
	.balign	4096
	.fill	4091, 1, 0x11
	.byte	0x11, 0x22, 0x33, 0x44, 0x55
page_end:
	.byte	0x66
