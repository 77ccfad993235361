# Storage-to-storage character instructions: MVC (copy, propagation, page crossing, EX), XC/NC/OC, CLC,
# CLI/CLIY, CLM/CLMH, TR, TRT/TRTR, MVCIN, MVZ/MVN, MVO, MVPG. Scratch storage at 0x40000-0x4ffff.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	llilf	%r10, 0x40000		# scratch: 0x40000 data, 0x41000 destination, ...
	larl	%r11, text

	CHECK	1			# MVC copies; the CC is unchanged
	lhi	%r0, 0
	ltr	%r0, %r0		# CC 0
	mvc	0(16,%r10), 0(%r11)
	jnz	fail
	clc	0(16,%r10), 0(%r11)
	jne	fail

	CHECK	2			# MVC with the destination one byte right: the first byte propagates
	mvi	0x100(%r10), 0x5a
	mvc	0x101(255,%r10), 0x100(%r10)
	cli	0x1ff(%r10), 0x5a
	jne	fail
	clc	0x100(128,%r10), 0x180(%r10)
	jne	fail

	CHECK	3			# MVC across a page boundary with the operands crossing at different bytes
	lay	%r2, 0xff0(%r10)	# destination 0x40ff0..0x410ef
	lay	%r3, 0x1f80(%r10)	# source 0x41f80..0x4207f
	mvc	0(256,%r3), pattern-text(%r11)
	mvc	0(256,%r2), 0(%r3)
	clc	0(256,%r2), pattern-text(%r11)
	jne	fail

	CHECK	4			# EX supplies the length: copy 5 bytes (length code 4)
	xc	0x300(16,%r10), 0x300(%r10)
	lhi	%r1, 4
	exrl	%r1, mvc_template
	clc	0x300(5,%r10), 0(%r11)
	jne	fail
	cli	0x305(%r10), 0
	jne	fail

	CHECK	5			# XC clears (CC 0); XC of different bytes gives CC 1; NC to zero CC 0
	mvc	0x400(8,%r10), pattern-text(%r11)
	xc	0x400(8,%r10), 0x400(%r10)
	jnz	fail
	clc	0x400(8,%r10), zeros-text(%r11)
	jne	fail
	mvi	0x408(%r10), 0x0f
	mvi	0x409(%r10), 0xf0
	xc	0x408(1,%r10), 0x409(%r10)	# 0x0f ^ 0xf0 = 0xff
	jz	fail
	cli	0x408(%r10), 0xff
	jne	fail
	nc	0x409(1,%r10), zeros-text(%r11)
	jnz	fail
	oc	0x409(1,%r10), pattern+1-text(%r11)
	jz	fail

	CHECK	6			# CLC: unsigned, CC 1 low, 2 high
	clc	0(4,%r11), text_low-text(%r11)
	jnh	fail			# "abcd" > "abcD"
	clc	text_low-text(4,%r11), 0(%r11)
	jnl	fail
	clc	0(5,%r11), 0(%r11)
	jne	fail

	CHECK	7			# CLI, CLIY compare unsigned
	mvi	0x500(%r10), 0x80
	cli	0x500(%r10), 0x7f
	jnh	fail
	lay	%r2, 0x1500(%r10)
	cliy	-0x1000(%r2), 0x81
	jnl	fail

	CHECK	8			# CLM / CLMH under mask
	llilf	%r4, 0x11223344
	iihf	%r4, 0xaabbccdd
	mvc	0x600(4,%r10), clm_data-text(%r11)	# 11 33 44 ff
	clm	%r4, 0b1011, 0x600(%r10)	# 11 33 44 vs 11 33 44
	jne	fail
	clmh	%r4, 0b0001, 0x603(%r10)	# dd vs ff: low
	jnl	fail

	CHECK	9			# TR through a table that upper-cases
	mvc	0x700(5,%r10), 0(%r11)
	tr	0x700(5,%r10), upper_table-text(%r11)
	clc	0x700(5,%r10), text_upper-text(%r11)
	jne	fail

	CHECK	10			# TRT finds the comma: GR1 = its address, GR2 bits 56-63 = function byte
	lghi	%r2, -1
	trt	csv-text(8,%r11), stop_table-text(%r11)
	jnl	fail			# CC 1: found before the last byte
	la	%r3, csv+3-text(%r11)
	cgr	%r1, %r3
	jne	fail
	cghi	%r2, -256 + 4		# bits 0-55 unchanged
	jne	fail

	CHECK	11			# TRTR from the right finds the last separator
	trtr	csv+7-text(8,%r11), stop_table-text(%r11)
	jnl	fail
	la	%r3, csv+5-text(%r11)
	cgr	%r1, %r3
	jne	fail

	CHECK	12			# MVCIN reverses
	mvcin	0x800(5,%r10), 4(%r11)
	clc	0x800(5,%r10), text_reversed-text(%r11)
	jne	fail

	CHECK	13			# MVZ and MVN
	mvc	0x900(3,%r10), packed_src-text(%r11)	# 12 34 56
	mvz	0x900(3,%r10), zones-text(%r11)		# zones f0 f0 f0 -> f2 f4 f6
	clc	0x900(3,%r10), zoned-text(%r11)
	jne	fail
	mvn	0x900(3,%r10), mvo_result-text(%r11)	# numerics 1 3 5 from 01 23 45
	clc	0x900(3,%r10), zoned_mvn-text(%r11)
	jne	fail

	CHECK	14			# MVO: 7788990C <- 123456 gives 0123456C
	mvc	0xa00(4,%r10), mvo_target-text(%r11)
	mvo	0xa00(4,%r10), packed_src-text(3,%r11)
	clc	0xa00(4,%r10), mvo_result-text(%r11)
	jne	fail

	CHECK	15			# MVPG moves a page
	lay	%r2, 0x3000(%r10)
	lay	%r3, 0x4000(%r10)
	mvc	0(256,%r3), pattern-text(%r11)
	mvc	0xf00(256,%r3), pattern-text(%r11)
	lghi	%r0, 0
	mvpg	%r2, %r3
	jnz	fail
	clc	0xf00(256,%r2), pattern-text(%r11)
	jne	fail

	PASS

mvc_template:
	mvc	0x300(1,%r10), 0(%r11)

	HARNESS_END

	.data
text:		.ascii	"abcdefghijklmnop"
text_low:	.ascii	"abcD"
text_upper:	.ascii	"ABCDE"
text_reversed:	.ascii	"edcba"
csv:		.ascii	"abc,d;ef"
clm_data:	.byte	0x11, 0x33, 0x44, 0xff
packed_src:	.byte	0x12, 0x34, 0x56
zones:		.byte	0xf0, 0xf0, 0xf0
zoned:		.byte	0xf2, 0xf4, 0xf6
zoned_mvn:	.byte	0xf1, 0xf3, 0xf5
mvo_target:	.byte	0x77, 0x88, 0x99, 0x0c
mvo_result:	.byte	0x01, 0x23, 0x45, 0x6c
zeros:		.fill	16, 1, 0
	.balign	256
pattern:
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.byte	\i*16+1, \i*16+2, \i*16+3, \i*16+4, \i*16+5, \i*16+6, \i*16+7, \i*16+8
	.byte	\i*16+9, \i*16+10, \i*16+11, \i*16+12, \i*16+13, \i*16+14, \i*16+15, (\i*16+16)&255
	.endr
upper_table:
	.irp	i, 0,1,2,3,4,5
	.byte	\i*16, \i*16+1, \i*16+2, \i*16+3, \i*16+4, \i*16+5, \i*16+6, \i*16+7
	.byte	\i*16+8, \i*16+9, \i*16+10, \i*16+11, \i*16+12, \i*16+13, \i*16+14, \i*16+15
	.endr
	.byte	0x60
	.irp	c, 0x41,0x42,0x43,0x44,0x45,0x46,0x47,0x48,0x49,0x4a,0x4b,0x4c,0x4d,0x4e,0x4f
	.byte	\c
	.endr
	.irp	c, 0x50,0x51,0x52,0x53,0x54,0x55,0x56,0x57,0x58,0x59,0x5a,0x7b,0x7c,0x7d,0x7e,0x7f
	.byte	\c
	.endr
	.fill	128, 1, 0
stop_table:
	.fill	44, 1, 0
	.byte	4			# ','
	.fill	14, 1, 0
	.byte	8			# ';'
	.fill	196, 1, 0
