# Long and string instructions as Linux and glibc use them: MVCL (copy with padding, clear_page, overlap),
# CLCL, MVCLE/CLCLE loops on CC 3, MVST (strcpy), CLST (strcmp), SRST (strlen with end address 0),
# CKSM, TRE, CUSE, SRSTU and the Unicode conversions. Scratch storage at 0x40000-0x7ffff.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	larl	%r11, text

	CHECK	1			# MVCL: 16 bytes moved, 284 padded with 0x5a, CC 2 (first operand longer)
	llilf	%r2, 0x40000
	lghi	%r3, 300
	lgr	%r4, %r11
	llilf	%r5, 0x5a000010
	mvcl	%r2, %r4
	jnh	fail
	clfi	%r2, 0x40000 + 300
	jne	fail
	ltgr	%r3, %r3
	jnz	fail
	clfi	%r5, 0x5a000000		# length 0, padding byte kept
	jne	fail
	llilf	%r6, 0x40000
	clc	0(16,%r6), 0(%r11)
	jne	fail
	cli	299(%r6), 0x5a
	jne	fail

	CHECK	2			# MVCL with destructive overlap: CC 3, nothing moved
	llilf	%r2, 0x40001
	lghi	%r3, 100
	llilf	%r4, 0x40000
	lghi	%r5, 100
	mvcl	%r2, %r4
	jno	fail
	cli	0x40001-0x40000(%r6), 0x68	# still "h" of "The"
	jne	fail

	CHECK	3			# clear_page: MVCL with a zero-length source and padding 0
	llilf	%r2, 0x41000
	mvc	0(16,%r2), 0(%r11)
	mvc	0xff0(16,%r2), 0(%r11)
	lghi	%r3, 4096
	lghi	%r4, 0
	lghi	%r5, 0
	mvcl	%r2, %r4
	llilf	%r2, 0x41000
	clc	0(16,%r2), zeros-text(%r11)
	jne	fail
	clc	0xff0(16,%r2), zeros-text(%r11)
	jne	fail

	CHECK	4			# CLCL: equal when the longer operand's tail equals the padding
	llilf	%r2, 0x42000
	mvc	0(8,%r2), 0(%r11)
	mvc	8(8,%r2), blanks-text(%r11)
	lghi	%r3, 16
	lgr	%r4, %r11
	llilf	%r5, 0x20000008		# padding ' ', length 8
	clcl	%r2, %r4
	jne	fail
	llilf	%r2, 0x42000
	mvi	15(%r2), 0x20 - 1
	llilf	%r2, 0x42000
	lghi	%r3, 16
	lgr	%r4, %r11
	llilf	%r5, 0x20000008
	clcl	%r2, %r4
	jnl	fail			# CC 1: 0x1f < padding
	clfi	%r2, 0x4200f		# R1 designates the unequal byte
	jne	fail

	CHECK	5			# MVCLE of 10000 bytes needs several executions (CC 3)
	llilf	%r2, 0x50000
	lghi	%r3, 10000
	llilf	%r4, 0x40000		# 300 bytes from check 1, then the rest padded with 0xee
	lghi	%r5, 300
	lghi	%r7, 0
0:	aghi	%r7, 1			# (before MVCLE: AGHI sets the CC)
	mvcle	%r2, %r4, 0xee
	jo	0b
	jnh	fail			# CC 2 at the end
	chi	%r7, 1
	jnh	fail
	llilf	%r6, 0x50000 + 9999
	cli	0(%r6), 0xee
	jne	fail

	CHECK	6			# CLCLE compares the two 10000-byte areas with padding
	llilf	%r2, 0x50000
	lghi	%r3, 10000
	llilf	%r4, 0x40000
	lghi	%r5, 300
0:	clcle	%r2, %r4, 0xee
	jo	0b
	jne	fail

	CHECK	7			# MVST (strcpy): CC 1, R1 at the terminator
	lghi	%r0, 0
	llilf	%r2, 0x60000
	la	%r4, hello-text(%r11)
0:	mvst	%r2, %r4
	jo	0b
	jnl	fail
	clfi	%r2, 0x60000 + 12
	jne	fail
	llilf	%r2, 0x60000
	clc	0(13,%r2), hello-text(%r11)
	jne	fail

	CHECK	8			# CLST (strcmp): equal, then low
	llilf	%r2, 0x60000
	la	%r4, hello-text(%r11)
0:	clst	%r2, %r4
	jo	0b
	jne	fail
	la	%r2, hello-text(%r11)
	la	%r4, hellp-text(%r11)
0:	clst	%r2, %r4
	jo	0b
	jnl	fail

	CHECK	9			# strlen as Linux writes it: SRST with end address 0 and character 0
	lghi	%r0, 0
	la	%r1, hello-text(%r11)
0:	srst	%r0, %r1
	jo	0b
	jnl	fail
	la	%r1, hello-text(%r11)
	sgr	%r0, %r1
	cghi	%r0, 12
	jne	fail

	CHECK	10			# CKSM of 45 bytes
	lghi	%r1, 0
	lgr	%r2, %r11
	lghi	%r3, 45
0:	cksm	%r1, %r2
	jo	0b
	clfi	%r1, 0x993c154d
	jne	fail
	ltgr	%r3, %r3
	jnz	fail

	CHECK	11			# TRE upper-cases up to the test byte '.'
	llilf	%r2, 0x60100
	mvc	0(45,%r2), 0(%r11)
	lghi	%r3, 45
	la	%r4, upper_table-text(%r11)
	lghi	%r0, 0x2e
0:	tre	%r2, %r4
	jo	0b
	jnl	fail			# CC 1: stopped at the '.'
	clfi	%r2, 0x60100 + 43
	jne	fail
	llilf	%r2, 0x60100
	clc	0(9,%r2), upper-text(%r11)
	jne	fail

	CHECK	12			# CUSE finds the 3-byte run "fox"
	lghi	%r0, 3
	lghi	%r1, 0
	lgr	%r2, %r11
	lghi	%r3, 45
	la	%r4, fox-text(%r11)
	lghi	%r5, 26
0:	cuse	%r2, %r4
	jo	0b
	jnz	fail
	lgr	%r6, %r11
	aghi	%r6, 16
	cgr	%r2, %r6
	jne	fail
	la	%r6, fox+16-text(%r11)
	cgr	%r4, %r6
	jne	fail

	CHECK	13			# UTF-8 -> UTF-16 -> UTF-8 round trip, and UTF-8 -> UTF-32 -> UTF-8
	llilf	%r2, 0x61000
	lghi	%r3, 64
	la	%r4, utf8-text(%r11)
	lghi	%r5, 10
0:	cu12	%r2, %r4
	jo	0b
	jnz	fail
	llilf	%r2, 0x62000
	lghi	%r3, 64
	llilf	%r4, 0x61000
	lghi	%r5, 10
0:	cu21	%r2, %r4
	jo	0b
	jnz	fail
	llilf	%r2, 0x62000
	clc	0(10,%r2), utf8-text(%r11)
	jne	fail
	llilf	%r2, 0x63000
	lghi	%r3, 64
	la	%r4, utf8-text(%r11)
	lghi	%r5, 10
0:	cu14	%r2, %r4
	jo	0b
	jnz	fail
	clfi	%r3, 64 - 16
	jne	fail
	llilf	%r2, 0x64000
	lghi	%r3, 64
	llilf	%r4, 0x63000
	lghi	%r5, 16
0:	cu41	%r2, %r4
	jo	0b
	jnz	fail
	llilf	%r2, 0x64000
	clc	0(10,%r2), utf8-text(%r11)
	jne	fail

	CHECK	14			# SRSTU finds U+20AC in the UTF-16 text
	llilf	%r0, 0x20ac
	llilf	%r2, 0x61000 + 10
	llilf	%r4, 0x61000
0:	srstu	%r2, %r4
	jo	0b
	jnl	fail
	clfi	%r2, 0x61000 + 4
	jne	fail

	PASS
	HARNESS_END

	.data
text:		.ascii	"The quick brown fox jumps over the lazy dog.!"
upper:		.ascii	"THE QUICK"
fox:		.ascii	"0123456789abcdeffox sleeps"	# "fox" at the offset it has in text
hello:		.asciz	"hello, world"
hellp:		.asciz	"hello, worle"
blanks:		.ascii	"        "
zeros:		.fill	16, 1, 0
utf8:		.byte	0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80
	.balign	256
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
