# The last general instructions end to end: PERFORM LOCKED OPERATION (test bit, register and
# parameter-list functions), UPDATE TREE, COMPARE AND FORM CODEWORD, COPY ACCESS, and COMPRESSION CALL
# (compress with a small dictionary built below, then expand the result back). Scratch at 0x40000.
	.include "harness.inc"
	.text
	.globl	_start
_start:
	llilf	%r10, 0x40000		# scratch
	larl	%r11, data
	lghi	%r1, 0			# PLO lock token

	CHECK	1			# PLO test bit: FC 23 installed (CC 0), FC 24 not (CC 3)
	lghi	%r0, 0x117
	plo	%r2, 0(%r10), %r4, 0(%r10)
	jnz	fail
	lghi	%r0, 0x118
	plo	%r2, 0(%r10), %r4, 0(%r10)
	jno	fail

	CHECK	2			# PLO CSGR (FC 6): swap, then a failing compare loads the operand
	lghi	%r0, 6
	lghi	%r2, 100
	lghi	%r3, 200
	mvghi	0(%r10), 100
	plo	%r2, 0(%r10), %r4, 8(%r10)
	jnz	fail
	clghsi	0(%r10), 200
	jne	fail
	plo	%r2, 0(%r10), %r4, 8(%r10)
	jnl	fail			# CC 1
	cghi	%r2, 200
	jne	fail

	CHECK	3			# PLO CSTSTG (FC 21): swap and three stores through the parameter list
	lay	%r6, 0x100(%r10)	# parameter list
	xc	0(160,%r6), 0(%r6)
	mvghi	8(%r6), 7		# op1 comparison value
	mvghi	24(%r6), 8		# op1 replacement value
	mvghi	56(%r6), 0x33		# op3
	mvghi	88(%r6), 0x55		# op5
	mvghi	120(%r6), 0x77		# op7
	lay	%r7, 0x300(%r10)
	stg	%r7, 72(%r6)		# op4 address
	la	%r7, 8(%r7)
	stg	%r7, 104(%r6)		# op6 address
	la	%r7, 8(%r7)
	stg	%r7, 136(%r6)		# op8 address
	mvghi	0x200(%r10), 7		# op2
	lghi	%r0, 21
	plo	%r0, 0x200(%r10), %r0, 0(%r6)
	jnz	fail
	clghsi	0x200(%r10), 8
	jne	fail
	clc	0x300(24,%r10), op357-data(%r11)
	jne	fail

	CHECK	4			# PLO DCSX (FC 11): the second comparison fails: CC 2, op3c := op4
	xc	0(160,%r6), 0(%r6)
	xc	0x200(16,%r10), 0x200(%r10)	# op2 = 0 = op1 comparison value
	lay	%r7, 0x400(%r10)
	stg	%r7, 72(%r6)
	mvc	0(16,%r7), op357-data(%r11)	# op4 differs from op3c (0)
	lghi	%r0, 11
	plo	%r0, 0x200(%r10), %r0, 0(%r6)
	jnh	fail			# CC 2
	clc	32(16,%r6), op357-data(%r11)
	jne	fail

	CHECK	5			# UPT: a higher codeword at the root is swapped into GR0/GR1 (CC 1)
	lay	%r4, 0x500(%r10)	# node before the first
	mvghi	16(%r4), 9		# node 1: codeword 9
	mvghi	24(%r4), 0x91
	mvghi	32(%r4), 3		# node 2: codeword 3
	lghi	%r0, 5
	lghi	%r1, 0x51
	lghi	%r5, 0x40		# node 4
	upt
	jnl	fail			# CC 1
	cghi	%r0, 9
	jne	fail
	cghi	%r1, 0x91
	jne	fail
	clghsi	16(%r4), 5
	jne	fail
	ltgr	%r5, %r5
	jnz	fail
	lghi	%r1, 0

	CHECK	6			# CFC: ascending, in sequence: CC 1 and the codeword in GR2
	sam31
	la	%r1, abcd-data(%r11)
	la	%r3, abce-data(%r11)
	lghi	%r2, 0
	cfc	2
	sam64
	jnl	fail			# CC 1
	clfi	%r2, 0x0004bcba
	jne	fail

	CHECK	7			# CPYA copies an access register
	lhi	%r2, 0x1234
	sar	%a5, %r2
	cpya	%a6, %a5
	ear	%r3, %a6
	cr	%r3, %r2
	jne	fail

	CHECK	8			# CMPSC compress: "abab!" -> 256 256 '!' (9-bit symbols)
	lghi	%r1, 0
	larl	%r1, dict		# dictionary origin, CBN 0
	lghi	%r0, 0x1000		# CDSS 1, compression
	lay	%r2, 0x600(%r10)	# first operand
	lghi	%r3, 16
	la	%r4, text-data(%r11)
	lghi	%r5, 5
0:	cmpsc	%r2, %r4
	jo	0b
	jnz	fail
	clc	0x600(4,%r10), compressed-data(%r11)
	jne	fail
	lay	%r6, 0x603(%r10)
	cgr	%r2, %r6
	jne	fail
	lghi	%r7, 7
	ngr	%r7, %r1
	cghi	%r7, 3			# CBN 3
	jne	fail

	CHECK	9			# CMPSC expand: back to "abab!"
	larl	%r1, dict + 0x1000	# the expansion dictionary
	lghi	%r0, 0x1100		# CDSS 1, expansion
	lay	%r2, 0x700(%r10)
	lghi	%r3, 16
	lay	%r4, 0x600(%r10)
	lghi	%r5, 4
0:	cmpsc	%r2, %r4
	jo	0b
	jnz	fail
	clc	0x700(5,%r10), text-data(%r11)
	jne	fail
	cghi	%r3, 11
	jne	fail

	PASS
	HARNESS_END

	.balign	8
data:
op357:	.quad	0x33, 0x55, 0x77
abcd:	.ascii	"ABCD"
abce:	.ascii	"ABCE"
text:	.ascii	"abab!"
compressed:
	.byte	0x80, 0x40, 0x04, 0x20

# Compression dictionary (CDSS 1: 512 entries), all leaves but 'a', whose one child 'b' is "ab" (256);
# the expansion dictionary follows and expands 256 to "ab".
	.balign	4096
dict:
	.fill	0x61, 8, 0
	.quad	0x2001006200000000	# 'a': CCT 1, CPTR 256, CC 'b'
	.fill	512 - 0x62, 8, 0
	.fill	256, 8, 0
	.quad	0x0261620000000000	# 256: CSL 2, "ab"
	.fill	255, 8, 0
