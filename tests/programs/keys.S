# Storage keys and key-controlled protection, supervisor state, DAT off: SSKE/ISKE/RRBE with the
# reference and change bits the CPU sets, stores and fetches under a PSW key (protection exception, the
# store suppressed), key 0, fetch protection, storage-protection override (CR0 bit 39), fetch-protection
# override (CR0 bit 38, addresses 0-2047), SSKE seen by the next access, SPKA/IPK and their problem-state
# rules (CR3 PSW-key mask, CR0 bit 36), MVCK, TPROT without DAT, low-address protection (CR0 bit 35), and
# the privileged-operation and addressing exceptions of the key instructions.
# Frames: A 0x80000, B 0x81000, C 0x82000 (scratch); the program itself keeps key 0.
	.include "harness.inc"
	.include "supervisor.inc"
	.text
	.globl	_start
_start:
	TRAP_INIT
	llilf	%r10, 0x80000		# A
	llilf	%r11, 0x81000		# B
	llilf	%r12, 0x82000		# C
	larl	%r8, data
	lghi	%r6, 0			# frame 0 for the key instructions

	CHECK	1			# SSKE/ISKE round trip: bits 56-62 of R1; ISKE keeps bits 0-55, bit 63 zero
	lghi	%r2, 0x3e		# ACC 3, F, R, C
	sske	%r2, %r10
	lghi	%r3, -1
	iske	%r3, %r10
	cgfi	%r3, -0xc2		# 0xffffffffffffff3e
	jne	fail
	lghi	%r2, 0x11		# bit 63 is not part of the key
	sske	%r2, %r10
	lghi	%r3, 0
	iske	%r3, %r10
	cghi	%r3, 0x10
	jne	fail
	lghi	%r3, 0
	lay	%r4, 0xabc(%r10)	# bits 52-63 of the address are ignored
	iske	%r3, %r4
	cghi	%r3, 0x10
	jne	fail

	CHECK	2			# a fetch sets the reference bit, a store the change bit
	lghi	%r2, 0x30
	sske	%r2, %r10
	iske	%r3, %r10
	cghi	%r3, 0x30
	jne	fail
	lg	%r0, 0(%r10)
	iske	%r3, %r10
	cghi	%r3, 0x34
	jne	fail
	mvi	8(%r10), 1
	iske	%r3, %r10
	cghi	%r3, 0x36
	jne	fail

	CHECK	3			# RRBE: CC = R,C before; R cleared, C and ACC kept; the next fetch sets R again
	rrbe	%r0, %r10
	brc	14, fail		# CC 3: R1 C1
	iske	%r3, %r10
	cghi	%r3, 0x32
	jne	fail
	rrbe	%r0, %r10
	brc	11, fail		# CC 1: R0 C1
	lghi	%r2, 0x34		# R1 C0
	sske	%r2, %r10
	rrbe	%r0, %r10
	brc	13, fail		# CC 2
	rrbe	%r0, %r10
	jnz	fail			# CC 0
	lg	%r0, 0(%r10)
	rrbe	%r0, %r10
	brc	13, fail		# CC 2 again: the fetch after RRBE set R

	CHECK	4			# key 0 stores into and fetches from any frame
	lghi	%r2, 0xf8		# ACC 15, fetch protected
	sske	%r2, %r10
	TRY	1f
	mvi	0(%r10), 0x5a
	llc	%r0, 0(%r10)
1:	NOT_CAUGHT
	chi	%r0, 0x5a
	jne	fail

	CHECK	5			# a matching PSW key stores
	lghi	%r2, 0x30
	sske	%r2, %r10
	spka	0x30
	mvi	0(%r10), 0x55
	spka	0
	cli	0(%r10), 0x55
	jne	fail

	CHECK	6			# a mismatching key: protection exception, ILC 4, PSW past the MVI, no store
	mvi	0(%r10), 0xaa
	TRY	1f
	spka	0x40
	mvi	0(%r10), 0x55
1:	spka	0
	CAUGHT	4, 4
	OLD_PSW_AT 1b
	cli	0(%r10), 0xaa
	jne	fail

	CHECK	7			# an MVC into A (key 4) and on into B (key 3) under key 4 stores nothing
	lghi	%r2, 0x40
	sske	%r2, %r10
	lghi	%r2, 0x30
	sske	%r2, %r11
	xc	0xff8(16,%r10), 0xff8(%r10)
	TRY	1f
	spka	0x40
	mvc	0xff8(16,%r10), pattern-data(%r8)
1:	spka	0
	CAUGHT	4, 6
	clc	0xff8(16,%r10), zeros-data(%r8)
	jne	fail
	spka	0x40			# the part in A alone is stored
	mvc	0xff8(8,%r10), pattern-data(%r8)
	spka	0
	clc	0xff8(8,%r10), pattern-data(%r8)
	jne	fail

	CHECK	8			# fetch protection: key 4 may not fetch from C (ACC 3, F); key 3 and key 0 may
	lghi	%r2, 0x38
	sske	%r2, %r12
	mvhi	0(%r12), 77
	TRY	1f
	spka	0x40
	lg	%r0, 0(%r12)
1:	spka	0
	CAUGHT	4, 6
	spka	0x30
	l	%r0, 0(%r12)
	spka	0
	chi	%r0, 77
	jne	fail
	lghi	%r2, 0x30		# the same frame without F: any key fetches
	sske	%r2, %r12
	TRY	1f
	spka	0x40
	l	%r0, 0(%r12)
1:	spka	0
	NOT_CAUGHT
	chi	%r0, 77
	jne	fail

	CHECK	9			# SSKE takes effect for the next access (the TLB entry of A is purged)
	lghi	%r2, 0x30
	sske	%r2, %r10
	spka	0x30
	mvi	0(%r10), 1		# fills the translation with store permission
	spka	0
	lghi	%r2, 0x40
	sske	%r2, %r10
	TRY	1f
	spka	0x30
	mvi	0(%r10), 2
1:	spka	0
	CAUGHT	4, 4
	cli	0(%r10), 1
	jne	fail

	CHECK	10			# storage-protection override off: key 9 is a key like the others
	lghi	%r2, 0x90
	sske	%r2, %r10
	TRY	1f
	spka	0x40
	mvi	0(%r10), 9
1:	spka	0
	CAUGHT	4, 4

	CHECK	11			# storage-protection override on: key-9 frames take stores and fetches (F too)
	CR0_ON	4, 0x01			# CR0 bit 39
	TRY	1f
	spka	0x40
	mvi	0(%r10), 9
1:	spka	0
	NOT_CAUGHT
	cli	0(%r10), 9
	jne	fail
	lghi	%r2, 0x98		# ACC 9, fetch protected
	sske	%r2, %r10
	TRY	1f
	spka	0x40
	llc	%r0, 0(%r10)
1:	spka	0
	NOT_CAUGHT
	chi	%r0, 9
	jne	fail
	lghi	%r2, 0x30		# other keys stay protected
	sske	%r2, %r11
	TRY	1f
	spka	0x40
	mvi	0(%r11), 9
1:	spka	0
	CAUGHT	4, 4
	CR0_OFF	4, 0x01
	TRY	1f			# and without the override F protects key 9 again
	spka	0x40
	llc	%r0, 0(%r10)
1:	spka	0
	CAUGHT	4, 6

	CHECK	12			# fetch-protection override: locations 0-2047 only
	lghi	%r2, 0x38		# the lowcore frame: ACC 3, fetch protected
	sske	%r2, %r6
	TRY	1f
	spka	0x40
	l	%r0, 0x100
1:	spka	0
	CAUGHT	4, 4
	CR0_ON	4, 0x02			# CR0 bit 38
	TRY	1f
	spka	0x40
	l	%r0, 0x100
	l	%r0, 0x7fc		# 2044-2047
1:	spka	0
	NOT_CAUGHT
	TRY	1f
	spka	0x40
	l	%r0, 0x100		# permitted by the override for this address only, not for its page:
	l	%r0, 0x800		# 2048 stays protected
1:	spka	0
	CAUGHT	4, 4
	OLD_PSW_AT 1b
	TRY	1f
	spka	0x40
	mvi	0x400, 0		# stores stay protected
1:	spka	0
	CAUGHT	4, 4
	CR0_OFF	4, 0x02
	lghi	%r2, 0
	sske	%r2, %r6

	CHECK	13			# SPKA / IPK: IPK sets bits 56-63 of GR2 to key << 4 and keeps the rest
	lghi	%r2, -1
	spka	0xa0
	ipk
	spka	0
	cghi	%r2, -0x60		# 0xffffffffffffffa0
	jne	fail
	lghi	%r2, 0x5ff
	la	%r3, 0x70
	spka	0(%r3)			# the key comes from the address bits 56-59
	ipk
	spka	0
	cghi	%r2, 0x570
	jne	fail

	CHECK	14			# problem state: SPKA needs the key's PSW-key-mask bit (CR3 bits 32-47), IPK
	lctlg	%c3, %c3, cr3_keys_0_4-data(%r8)	# the extraction authority (CR0 bit 36)
	TO_PROBLEM
	TRY	1f
	spka	0x40			# key 4: allowed
	spka	0x50			# key 5: privileged operation, the key stays 4
1:	TO_SUPERVISOR
	CAUGHT	2, 4
	OLD_PSW_AT 1b
	lghi	%r2, 0
	ipk
	spka	0
	chi	%r2, 0x40
	jne	fail
	TO_PROBLEM
	TRY	1f
	ipk
1:	TO_SUPERVISOR
	CAUGHT	2, 4
	CR0_ON	4, 0x08
	TO_PROBLEM
	TRY	1f
	spka	0x40
	ipk
	spka	0
1:	TO_SUPERVISOR
	NOT_CAUGHT
	CR0_OFF	4, 0x08
	chi	%r2, 0x40
	jne	fail

	CHECK	15			# SSKE, ISKE, RRBE and TPROT are privileged
	TO_PROBLEM
	TRY	1f
	sske	%r2, %r10
1:	TO_SUPERVISOR
	CAUGHT	2, 4
	TO_PROBLEM
	TRY	1f
	iske	%r2, %r10
1:	TO_SUPERVISOR
	CAUGHT	2, 4
	TO_PROBLEM
	TRY	1f
	rrbe	%r2, %r10
1:	TO_SUPERVISOR
	CAUGHT	2, 4
	TO_PROBLEM
	TRY	1f
	tprot	0(%r10), 0
1:	TO_SUPERVISOR
	CAUGHT	2, 6

	CHECK	16			# addresses outside the configuration: addressing exception
	llihl	%r4, 1			# 4 GiB
	TRY	1f
	sske	%r2, %r4
1:	CAUGHT	5, 4
	TRY	1f
	iske	%r2, %r4
1:	CAUGHT	5, 4
	TRY	1f
	rrbe	%r2, %r4
1:	CAUGHT	5, 4
	TRY	1f
	tprot	0(%r4), 0
1:	CAUGHT	5, 6

	CHECK	17			# TPROT without DAT: CC 0 fetch+store, 1 fetch only, 2 neither
	lghi	%r2, 0x10
	sske	%r2, %r10
	tprot	0(%r10), 0x00		# key 0
	jnz	fail
	tprot	0(%r10), 0x10		# matching key
	jnz	fail
	tprot	0(%r10), 0x20		# store protected
	brc	11, fail		# CC 1
	lghi	%r2, 0x18
	sske	%r2, %r10
	tprot	0(%r10), 0x20		# fetch protected too
	brc	13, fail		# CC 2
	CR0_ON	4, 0x01			# storage-protection override: key 9 (even with F) is accessible
	lghi	%r2, 0x98
	sske	%r2, %r10
	tprot	0(%r10), 0x20
	jnz	fail
	CR0_OFF	4, 0x01
	lghi	%r2, 0x18		# fetch-protection override: 0-2047 fetchable
	sske	%r2, %r6
	tprot	0x100, 0x20
	brc	13, fail		# CC 2
	CR0_ON	4, 0x02
	tprot	0x100, 0x20
	brc	11, fail		# CC 1
	tprot	0x800, 0x20
	brc	13, fail		# CC 2
	CR0_OFF	4, 0x02
	lghi	%r2, 0
	sske	%r2, %r6

	CHECK	18			# MVCK: fetch with the key in R3, store with the PSW key; CC 0 up to 256
	lghi	%r2, 0x38		# C: ACC 3, fetch protected
	sske	%r2, %r12
	mvc	0(16,%r12), pattern-data(%r8)
	xc	0(16,%r10), 0(%r10)
	lghi	%r4, 16			# true length
	lghi	%r3, 0x30		# access key 3
	mvck	0(%r4,%r10), 0(%r12), %r3
	jnz	fail
	clc	0(16,%r10), pattern-data(%r8)
	jne	fail
	xc	0(16,%r10), 0(%r10)
	lghi	%r3, 0x40		# key 4: protection exception, nothing moved
	TRY	1f
	mvck	0(%r4,%r10), 0(%r12), %r3
1:	CAUGHT	4, 6
	clc	0(16,%r10), zeros-data(%r8)
	jne	fail
	lghi	%r4, 300		# more than 256: 256 moved, CC 3
	lghi	%r3, 0x30
	mvc	0(256,%r12), 0(%r11)	# B holds zeros here; mark C
	mvi	255(%r12), 0xee
	mvi	256(%r12), 0xff
	xc	0(16,%r10), 0(%r10)
	mvi	256(%r10), 0x11
	mvck	0(%r4,%r10), 0(%r12), %r3
	brc	14, fail		# CC 3
	cli	255(%r10), 0xee
	jne	fail
	cli	256(%r10), 0x11		# byte 256 untouched
	jne	fail
	lghi	%r4, 0			# length 0: nothing, CC 0
	mvck	0(%r4,%r10), 0(%r12), %r3
	jnz	fail

	CHECK	19			# low-address protection (CR0 bit 35): 0-511 and 4096-4607, even with key 0
	CR0_ON	4, 0x10
	TRY	1f
	mvi	0x100, 0
1:	CAUGHT	4, 4
	OLD_PSW_AT 1b
	TRY	1f
	mviy	0x1010, 0
1:	CAUGHT	4, 6
	mvi	0x200, 0		# 512 and 4608 are not protected
	mviy	0x1200, 0
	mviy	0x1fff, 0
	TRY	1f
	mvc	0x1ff(2), pattern-data(%r8)	# 511-512: suppressed as a whole
1:	CAUGHT	4, 6
	cli	0x200, 0
	jne	fail
	l	%r0, 0x100		# fetches are not affected
	tprot	0x100, 0		# nor is TPROT
	jnz	fail
	CR0_OFF	4, 0x10
	mvi	0x100, 0		# and off again

	PASS

	SUPERVISOR_END
	HARNESS_END

	.balign	8
data:
cr3_keys_0_4:
	.quad	0x88000000		# PSW-key mask: keys 0 and 4
pattern:
	.quad	0x0102030405060708, 0x090a0b0c0d0e0f10
zeros:
	.quad	0, 0
