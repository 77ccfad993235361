# Decimal instructions end to end: packed arithmetic and its condition codes, MP/DP, SRP, CVB/CVD,
# PACK/UNPK, ED/EDMK, and the decimal-overflow and data exceptions (with the program mask).
	.include "harness.inc"
	.text
	.globl	_start
_start:
	larl	%r12, data
	larl	%r1, pgm_new_psw	# program interruptions resume after the instruction
	mvc	0x1d0(16,%r0), 0(%r1)

	CHECK	1			# AP 123 + 456 = 579, CC 2
	mvc	work-data(2,%r12), p123-data(%r12)
	ap	work-data(2,%r12), p456-data(2,%r12)
	jnh	fail
	clc	work-data(2,%r12), p579-data(%r12)
	jne	fail

	CHECK	2			# SP 579 - 600 = -21, CC 1; CP against -21
	sp	work-data(2,%r12), p600-data(2,%r12)
	jnl	fail
	cp	work-data(2,%r12), pm21-data(2,%r12)
	jne	fail

	CHECK	3			# ZAP -0 gives +0 and CC 0
	zap	work-data(3,%r12), pm0-data(1,%r12)
	jnz	fail
	clc	work-data(3,%r12), pp0-data(%r12)
	jne	fail

	CHECK	4			# MP 12 * -3 = -36; DP 1234 / 7 = 176 r 2
	mvc	work-data(3,%r12), p12-data(%r12)
	mp	work-data(3,%r12), pm3-data(1,%r12)
	clc	work-data(3,%r12), pm36-data(%r12)
	jne	fail
	mvc	work-data(4,%r12), p1234-data(%r12)
	dp	work-data(4,%r12), p7-data(2,%r12)
	clc	work-data(4,%r12), pq176r2-data(%r12)
	jne	fail

	CHECK	5			# CVD / CVB round trip of -123456789
	lgfi	%r2, -123456789
	cvd	%r2, work-data(%r12)
	clc	work-data(8,%r12), pm123456789-data(%r12)
	jne	fail
	cvb	%r3, work-data(%r12)
	cr	%r2, %r3
	jne	fail
	lghi	%r4, -1
	cvdg	%r4, work-data(%r12)
	cvbg	%r5, work-data(%r12)
	cgr	%r4, %r5
	jne	fail

	CHECK	6			# PACK / UNPK
	pack	work-data(3,%r12), zoned-data(4,%r12)
	clc	work-data(3,%r12), packed-data(%r12)
	jne	fail
	unpk	work-data(4,%r12), packed-data(3,%r12)
	clc	work-data(4,%r12), zoned_out-data(%r12)
	jne	fail

	CHECK	7			# ED with the PoP's pattern; EDMK marks the first significant digit
	mvc	work-data(13,%r12), pattern-data(%r12)
	ed	work-data(13,%r12), source-data(%r12)
	jnl	fail			# minus: CC 1
	clc	work-data(13,%r12), edited-data(%r12)
	jne	fail
	mvc	work-data(13,%r12), pattern-data(%r12)
	la	%r6, work-data+2(%r12)
	lghi	%r1, 0
	edmk	work-data(13,%r12), source-data(%r12)
	cgr	%r1, %r6
	jne	fail

	CHECK	8			# SRP: 12345 shifted right by one, rounded: 1235
	mvc	work-data(4,%r12), p12345-data(%r12)
	srp	work-data(4,%r12), 63, 5
	jnh	fail
	clc	work-data(4,%r12), p1235-data(%r12)
	jne	fail

	CHECK	9			# decimal overflow with the program mask on: stored, CC 3, code 0x0a
	lhi	%r2, 0x04
	sll	%r2, 24
	spm	%r2
	mvc	work-data(2,%r12), p999-data(%r12)
	ap	work-data(2,%r12), p1-data(1,%r12)
	clc	0x8e(2,%r0), code_dec_overflow-data(%r12)
	jne	fail
	clc	work-data(2,%r12), pp0-data+1(%r12)
	jne	fail
	lhi	%r2, 0
	spm	%r2

	CHECK	10			# invalid sign: data exception, DXC 0, operand unchanged
	mvc	work-data(2,%r12), p123-data(%r12)
	mvi	0x93, 0xff
	ap	work-data(2,%r12), bad-data(1,%r12)
	clc	0x8e(2,%r0), code_data-data(%r12)
	jne	fail
	cli	0x93, 0
	jne	fail
	clc	work-data(2,%r12), p123-data(%r12)
	jne	fail

	PASS

pgm_handler:
	lpswe	0x150

	HARNESS_END

	.balign	8
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
data:
p123:	.byte	0x12, 0x3c
p456:	.byte	0x45, 0x6c
p579:	.byte	0x57, 0x9c
p600:	.byte	0x60, 0x0c
pm21:	.byte	0x02, 0x1d
pm0:	.byte	0x0d
pp0:	.byte	0x00, 0x00, 0x0c
p12:	.byte	0x00, 0x01, 0x2c
pm3:	.byte	0x3d
pm36:	.byte	0x00, 0x03, 0x6d
p1234:	.byte	0x00, 0x01, 0x23, 0x4c
p7:	.byte	0x00, 0x7c
pq176r2: .byte	0x17, 0x6c, 0x00, 0x2c
pm123456789: .byte 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9d
zoned:	.byte	0xf1, 0xf2, 0xf3, 0xc4
packed:	.byte	0x01, 0x23, 0x4c
zoned_out: .byte 0xf1, 0xf2, 0xf3, 0xc4
pattern: .byte	0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20, 0x4b, 0x20, 0x20, 0x40, 0xc3, 0xd9
source:	.byte	0x02, 0x57, 0x42, 0x6d
edited:	.byte	0x40, 0x40, 0xf2, 0x6b, 0xf5, 0xf7, 0xf4, 0x4b, 0xf2, 0xf6, 0x40, 0xc3, 0xd9
p12345:	.byte	0x00, 0x12, 0x34, 0x5c
p1235:	.byte	0x00, 0x01, 0x23, 0x5c
p999:	.byte	0x99, 0x9c
p1:	.byte	0x1c
bad:	.byte	0x13
	.balign	2
code_dec_overflow: .short 0x000a
code_data: .short 0x0007
	.balign	8
work:	.fill	16, 1, 0
