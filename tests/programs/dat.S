# Dynamic address translation, supervisor state: the program builds its own tables and turns DAT on.
# Primary space: region-third table -> segment table -> page tables (CR1); secondary space: region-first
# -> region-second -> region-third -> segment -> page (CR7); home space: a segment table (CR13). All three
# map 0-2 MiB one to one (the program, the tables) and map 0x200000 to their own frames, so a load tells
# the spaces apart. Checked: translation in each space (SAC/SACF, IAC, LRA/LRAG), instruction fetch from
# the primary space in the secondary-space mode, every translation exception with its code, TEID (address
# and space) and the nullified old PSW, translation-specification exceptions, instruction-fetch
# exceptions, DAT protection (page and segment P bits: protection, TEID bit 61, nothing stored), the FC bit
# ignored without EDAT-1 (the default model has no facility 8), IPTE seen at once, CSP with purge, PTLB,
# LRA/LRAG condition codes, TPROT CC 0-3, fetch-protection override by effective address, IVSK, MVCOS
# between spaces and keys (CC 0/3), MVCP/MVCS (CC 0/3, 256 bytes), the special-operation exceptions of
# SAC/IVSK/MVCOS/MVCP, and prefixing (SPX/STPX: real 0-8191 and the prefix area trade places).
	.include "harness.inc"
	.include "supervisor.inc"

	.equ	ST_P, 0x100000		# primary segment table (512 entries)
	.equ	RT_P, 0x110000		# primary region-third table (512 entries)
	.equ	PT01, 0x120000		# page tables for 0-1 MiB and 1-2 MiB: one to one
	.equ	PT_P2, 0x121000		# primary segment 2 (0x200000-0x2fffff)
	.equ	PT_P4, 0x121800		# primary segment 4: its segment-table entry has P
	.equ	PT_P5, 0x122000		# primary segment 5: its segment-table entry has FC
	.equ	PT_S2, 0x122800		# secondary segment 2
	.equ	PT_H2, 0x123000		# home segment 2
	.equ	PT_P7, 0x123800		# primary segment 7: a page of code
	.equ	RF_S, 0x140000		# secondary region-first, -second, -third and segment tables
	.equ	RS_S, 0x141000
	.equ	RT_S, 0x142000
	.equ	ST_S, 0x143000
	.equ	ST_H, 0x144000		# home segment table
	.equ	NEW_PREFIX, 0x60000

	.macro	FILL table, count, value	# \count entries of \table := \value
	llilf	%r2, \table
	llilf	%r3, \count
	llilf	%r4, \value
.Lfill\@:
	stg	%r4, 0(%r2)
	la	%r2, 8(%r2)
	brct	%r3, .Lfill\@
	.endm
	.macro	SET table, index, value		# entry \index of \table := \value
	llilf	%r2, \table + 8 * \index
	llilf	%r4, \value
	stg	%r4, 0(%r2)
	.endm
	.macro	MARK frame, value		# the first word of real \frame := \value (DAT off)
	llilf	%r2, \frame
	llilf	%r4, \value
	st	%r4, 0(%r2)
	.endm
	.macro	CAUGHT_CODE code		# like CAUGHT, any ILC (instruction-fetch exceptions)
	clhhsi	0x322, \code
	jne	fail
	.endm
	.macro	REAL_WORD reg, addr		# \reg bits 32-63 := the word at real \addr
	llilf	%r1, \addr
	lura	\reg, %r1
	.endm
	.macro	EXPECT_CC cc		# (clobbers %r12)
	ipm	%r12
	srl	%r12, 28
	chi	%r12, \cc
	jne	fail
	.endm
	.macro	TRANSLATION_FAULT code, teid	# a load at %r5 faults; the old PSW points at it
	TRY	.Lafter\@
.Lload\@:
	l	%r0, 0(%r5)
.Lafter\@:
	CAUGHT	\code, 4
	OLD_PSW_AT .Lload\@
	lgr	%r1, %r5
	nill	%r1, 0xf000
	oill	%r1, \teid
	TEID_IS	%r1
	.endm

	.text
	.globl	_start
_start:
	TRAP_INIT
	larl	%r11, data

	CHECK	1			# DAT off: SAC, IVSK, MVCOS, MVCP are special-operation exceptions
	TRY	1f
	sac	0x100
1:	CAUGHT	0x13, 4
	TRY	1f
	ivsk	%r0, %r11
1:	CAUGHT	0x13, 4
	lghi	%r0, 0			# no operand-access controls at all
	lghi	%r3, 8
	TRY	1f
	mvcos	0(%r11), 8(%r11), %r3
1:	CAUGHT	0x13, 6
	lghi	%r4, 8
	TRY	1f
	mvcp	0(%r4,%r11), 8(%r11), %r3
1:	CAUGHT	0x13, 6

	# The tables (DAT off, real = absolute with prefix 0).
	FILL	ST_P, 512, 0x20		# segment entries: invalid
	FILL	RT_P, 512, 0x24		# region-third entries (TT 01): invalid
	FILL	RF_S, 512, 0x2c		# region-first entries (TT 11)
	FILL	RS_S, 512, 0x28		# region-second entries (TT 10)
	FILL	RT_S, 512, 0x24
	FILL	ST_S, 512, 0x20
	FILL	ST_H, 512, 0x20
	FILL	PT_P2, 6 * 256, 0x400	# page entries: invalid
	llilf	%r2, PT01		# 0-2 MiB one to one
	lghi	%r3, 512
	lghi	%r4, 0
1:	stg	%r4, 0(%r2)
	la	%r2, 8(%r2)
	aghi	%r4, 4096
	brct	%r3, 1b
	SET	RT_P, 0, ST_P | 0x04	# -> segment table, TT 01, TL 0 (512 entries)
	SET	ST_P, 0, PT01
	SET	ST_P, 1, PT01 + 0x800
	SET	ST_P, 2, PT_P2
	SET	ST_P, 4, PT_P4 | 0x200	# P: every page of segment 4 is DAT protected
	SET	ST_P, 5, PT_P5 | 0x400	# FC: a 1 MiB frame at 0x100000 if EDAT-1 applied
	SET	ST_P, 6, PT01 | 0x04	# TT 01 in a segment-table entry: translation specification
	SET	ST_P, 7, PT_P7
	SET	PT_P2, 0, 0x400000
	SET	PT_P2, 1, 0x401000 | 0x200	# P
	SET	PT_P2, 3, 0x403000
	SET	PT_P2, 4, 0x404000 | 0x800	# bit 52: translation specification
	SET	PT_P2, 5, 0			# 0x205000 -> real 0 (the lowcore)
	SET	PT_P2, 6, 0x406000
	SET	PT_P2, 7, 0x407000
	SET	PT_P4, 0, 0x408000
	SET	PT_P5, 0, 0x405000
	larl	%r4, remote_code	# 0x700000 -> the page of remote_code
	llilf	%r2, PT_P7
	stg	%r4, 0(%r2)
	SET	RF_S, 0, RS_S | 0x0c
	SET	RS_S, 0, RT_S | 0x08
	SET	RT_S, 0, ST_S | 0x04
	SET	ST_S, 0, PT01
	SET	ST_S, 1, PT01 + 0x800
	SET	ST_S, 2, PT_S2
	SET	PT_S2, 0, 0x410000
	SET	PT_S2, 1, 0x411000 | 0x200
	SET	PT_S2, 6, 0x416000
	SET	ST_H, 0, PT01
	SET	ST_H, 1, PT01 + 0x800
	SET	ST_H, 2, PT_H2
	SET	PT_H2, 0, 0x420000
	MARK	0x400000, 0x50505050	# "PPPP": primary 0x200000
	MARK	0x410000, 0x53535353	# "SSSS": secondary 0x200000
	MARK	0x420000, 0x48484848	# "HHHH": home 0x200000
	MARK	0x403000, 0x33333333
	MARK	0x404000, 0x44444444
	MARK	0x405000, 0x46434643	# "FCFC"
	MARK	0x406000, 0x36363636
	MARK	0x407000, 0x37373737
	MARK	0x408000, 0x53454734	# "SEG4"
	lctlg	%c1, %c1, asce_p-data(%r11)
	lctlg	%c7, %c7, asce_s-data(%r11)
	lctlg	%c13, %c13, asce_h-data(%r11)
	stosm	0x360, 0x04		# DAT on

	CHECK	2			# primary space: 0x200000 is real 0x400000 (load, LRAG, LRA, a store)
	llilf	%r5, 0x200000
	l	%r0, 0(%r5)
	clfi	%r0, 0x50505050
	jne	fail
	lrag	%r1, 0x10(%r5)
	EXPECT_CC 0
	clgfi	%r1, 0x400010
	jne	fail
	lghi	%r1, -1
	lra	%r1, 0x10(%r5)
	EXPECT_CC 0
	clfi	%r1, 0x400010
	jne	fail
	srlg	%r1, %r1, 32		# LRA keeps bits 0-31
	clfi	%r1, 0xffffffff
	jne	fail
	mvhi	0x20(%r5), 0x1234
	REAL_WORD %r0, 0x400020
	chi	%r0, 0x1234
	jne	fail

	CHECK	3			# secondary and home spaces by SAC/SACF; IAC reports the mode
	sac	0x100
	l	%r0, 0(%r5)
	clfi	%r0, 0x53535353
	jne	fail
	lghi	%r0, 0
	iac	%r0
	EXPECT_CC 1
	cghi	%r0, 0x200
	jne	fail
	lrag	%r1, 0(%r5)
	clgfi	%r1, 0x410000
	jne	fail
	sac	0x300
	l	%r0, 0(%r5)
	clfi	%r0, 0x48484848
	jne	fail
	iac	%r0
	EXPECT_CC 3
	lrag	%r1, 0(%r5)
	clgfi	%r1, 0x420000
	jne	fail
	sacf	0
	l	%r0, 0(%r5)
	clfi	%r0, 0x50505050
	jne	fail
	iac	%r0
	EXPECT_CC 0
	sacf	0x100
	l	%r0, 0(%r5)
	clfi	%r0, 0x53535353
	jne	fail
	sac	0

	CHECK	4			# the secondary-space mode fetches instructions from the primary space;
	llilf	%r5, 0x700000		# the home-space mode from the home space
	lghi	%r2, 0
	sac	0x100
	basr	%r14, %r5		# 0x700000 exists only in the primary space
	sac	0
	chi	%r2, 0x77
	jne	fail
	sac	0x300
	TRY	1f
	basr	%r14, %r5
1:	sac	0
	CAUGHT_CODE 0x10		# segment translation on the instruction fetch
	clg	%r5, 0x318		# nullified: the old PSW points at 0x700000
	jne	fail
	lgr	%r1, %r5
	oill	%r1, 3			# TEID bits 62-63: home space
	TEID_IS	%r1
	llilf	%r5, 0x202000		# an invalid page: page translation, old PSW at the target
	TRY	1f
	basr	%r14, %r5
1:	CAUGHT_CODE 0x11
	clg	%r5, 0x318
	jne	fail
	TEID_IS	%r5

	CHECK	5			# primary translation exceptions: code, TEID, nullified old PSW
	llilf	%r5, 0x202123		# page-table entry invalid
	TRANSLATION_FAULT 0x11, 0
	llilf	%r5, 0x300000		# segment-table entry invalid
	TRANSLATION_FAULT 0x10, 0
	llilf	%r5, 0x30000000		# segment index 768 beyond the table length (512)
	TRANSLATION_FAULT 0x10, 0
	llilh	%r5, 0x8000		# region-third entry 1 invalid
	TRANSLATION_FAULT 0x3b, 0
	llihl	%r5, 0x12c		# region-third index 600 beyond the table length
	TRANSLATION_FAULT 0x3b, 0
	llihl	%r5, 0x400		# 2^42: beyond what a region-third table translates
	TRANSLATION_FAULT 0x38, 0

	CHECK	6			# translation specification: suppressed, the old PSW past the instruction
	llilf	%r5, 0x600000		# TT 01 in a segment-table entry
	TRY	1f
	l	%r0, 0(%r5)
1:	CAUGHT	0x12, 4
	OLD_PSW_AT 1b
	llilf	%r5, 0x204000		# bit 52 in a page-table entry
	TRY	1f
	l	%r0, 0(%r5)
1:	CAUGHT	0x12, 4
	OLD_PSW_AT 1b

	CHECK	7			# secondary (TEID space 10) through every region level; home (11)
	sac	0x100
	llihh	%r5, 0x20		# 2^53: region-first entry 1 invalid
	TRANSLATION_FAULT 0x39, 2
	llihl	%r5, 0x400		# 2^42: region-second entry 1
	TRANSLATION_FAULT 0x3a, 2
	llilh	%r5, 0x8000		# 2^31: region-third entry 1
	TRANSLATION_FAULT 0x3b, 2
	llilf	%r5, 0x300000		# segment 3
	TRANSLATION_FAULT 0x10, 2
	llilf	%r5, 0x202000		# not mapped in the secondary space either
	TRANSLATION_FAULT 0x11, 2
	sac	0x300
	llilf	%r5, 0x300000
	TRANSLATION_FAULT 0x10, 3
	sac	0

	CHECK	8			# DAT protection: page P and segment P; TEID bit 61; nothing stored
	llilf	%r5, 0x201000
	l	%r0, 0(%r5)		# fetches are allowed
	TRY	1f
	mvi	0(%r5), 1
1:	CAUGHT	4, 4
	OLD_PSW_AT 1b
	lgr	%r1, %r5
	oill	%r1, 4
	TEID_IS	%r1
	REAL_WORD %r0, 0x401000
	chi	%r0, 0
	jne	fail
	llilf	%r5, 0x400000		# segment 4: the segment-table entry's P
	TRY	1f
	mvc	0(8,%r5), data-data(%r11)
1:	CAUGHT	4, 6
	lgr	%r1, %r5
	oill	%r1, 4
	TEID_IS	%r1
	REAL_WORD %r0, 0x408000
	clfi	%r0, 0x53454734
	jne	fail
	sac	0x100			# in the secondary space: TEID bits 61 and 62-63
	llilf	%r5, 0x201000
	TRY	1f
	mvi	0(%r5), 1
1:	sac	0
	CAUGHT	4, 4
	lgr	%r1, %r5
	oill	%r1, 6
	TEID_IS	%r1

	CHECK	9			# no facility 8: the FC bit of a segment-table entry is ignored, even
	CR0_ON	5, 0x80			# with CR0 bit 40 (EDAT) on; the page table is used
	llilf	%r5, 0x500000
	l	%r0, 0(%r5)
	clfi	%r0, 0x46434643
	jne	fail
	CR0_OFF	5, 0x80
	l	%r0, 0(%r5)
	clfi	%r0, 0x46434643
	jne	fail

	CHECK	10			# IPTE: the next access sees the invalid page-table entry
	llilf	%r5, 0x203000
	l	%r0, 0(%r5)		# the translation is now cached
	clfi	%r0, 0x33333333
	jne	fail
	llilf	%r6, PT_P2
	ipte	%r6, %r5
	TRANSLATION_FAULT 0x11, 0
	llilf	%r1, PT_P2 + 3 * 8
	lurag	%r0, %r1
	tmll	%r0, 0x400		# the entry's I bit
	jno	fail

	CHECK	11			# CSP: compare-and-swap of a page-table entry, with purge (bit 63 of R2)
	llilf	%r6, PT_P2 + 3 * 8 + 5	# the entry's low word (0-2 MiB are mapped one to one) + purge
	llilf	%r2, 0x00403400		# invalid -> valid
	llilf	%r3, 0x00403000
	csp	%r2, %r6
	EXPECT_CC 0
	llilf	%r5, 0x203000
	l	%r0, 0(%r5)
	clfi	%r0, 0x33333333
	jne	fail
	llilf	%r2, 0x00403000		# valid -> another frame, the old translation cached
	llilf	%r3, 0x00404000
	csp	%r2, %r6
	EXPECT_CC 0
	l	%r0, 0(%r5)
	clfi	%r0, 0x44444444
	jne	fail
	llilf	%r2, 0x00403000		# a mismatch: CC 1, R1 gets the current value
	csp	%r2, %r6
	EXPECT_CC 1
	clfi	%r2, 0x00404000
	jne	fail

	CHECK	12			# PTLB after a plain store into a page-table entry
	llilf	%r5, 0x207000
	l	%r0, 0(%r5)
	clfi	%r0, 0x37373737
	jne	fail
	llilf	%r1, PT_P2 + 7 * 8
	llilf	%r0, 0x406000
	stg	%r0, 0(%r1)
	ptlb
	l	%r0, 0(%r5)
	clfi	%r0, 0x36363636
	jne	fail

	CHECK	13			# LRA/LRAG: CC 0 with the real address; CC 3 with bit 32 and the code
	llilf	%r5, 0x10000		# for region and ASCE-type conditions
	lrag	%r1, 0(%r5)
	EXPECT_CC 0
	clgr	%r1, %r5
	jne	fail
	llihl	%r5, 0x400
	lrag	%r1, 0(%r5)
	EXPECT_CC 3
	clfi	%r1, 0x80000038
	jne	fail
	llilh	%r5, 0x8000
	lra	%r1, 0(%r5)
	EXPECT_CC 3
	clfi	%r1, 0x8000003b
	jne	fail
	llilf	%r5, 0x202000		# page-table entry invalid: CC 2, the entry's real address
	lrag	%r1, 0(%r5)
	EXPECT_CC 2
	clgfi	%r1, PT_P2 + 2 * 8
	jne	fail
	llilf	%r5, 0x300000		# segment-table entry invalid: CC 1, the entry's real address
	lrag	%r1, 0(%r5)
	EXPECT_CC 1
	clgfi	%r1, ST_P + 3 * 8
	jne	fail
	llilf	%r5, 0x30000000		# beyond the segment-table length: CC 3
	lrag	%r1, 0(%r5)
	EXPECT_CC 3

	CHECK	14			# TPROT with DAT: CC 0, 1 (DAT protected), 2 (fetch protected), 3
	llilf	%r5, 0x200000
	tprot	0(%r5), 0
	EXPECT_CC 0
	llilf	%r7, 0x201000		# page P
	tprot	0(%r7), 0
	EXPECT_CC 1
	llilf	%r7, 0x202000		# invalid
	tprot	0(%r7), 0
	EXPECT_CC 3
	llilf	%r6, 0x400000
	lghi	%r2, 0x38		# real 0x400000: ACC 3, fetch protected
	sske	%r2, %r6
	tprot	0(%r5), 0x40
	EXPECT_CC 2
	tprot	0(%r5), 0x30
	EXPECT_CC 0

	CHECK	15			# IVSK: ACC and F of the frame behind a logical address
	lghi	%r2, 0x3e
	sske	%r2, %r6
	lghi	%r0, -1
	ivsk	%r0, %r5
	cghi	%r0, -0xc8		# 0xffffffffffffff38: R and C not reported
	jne	fail
	lghi	%r2, 0
	sske	%r2, %r6

	CHECK	16			# fetch-protection override goes by the effective address: 0x100 is
	lghi	%r2, 0x38		# covered, 0x205100 (real 0x100) is not
	lghi	%r6, 0
	sske	%r2, %r6		# the lowcore frame: ACC 3, fetch protected
	CR0_ON	4, 0x02
	tprot	0x100, 0x40
	EXPECT_CC 1
	llilf	%r5, 0x205100
	tprot	0(%r5), 0x40
	EXPECT_CC 2
	TRY	1f
	spka	0x40
	l	%r0, 0x100
1:	spka	0
	NOT_CAUGHT
	TRY	1f
	spka	0x40
	l	%r0, 0(%r5)
1:	spka	0
	CAUGHT	4, 4
	CR0_OFF	4, 0x02
	lghi	%r2, 0
	sske	%r2, %r6

	CHECK	17			# MVCOS from the primary into the secondary space (OAC1: AS 10, A)
	llilf	%r0, 0x00810000
	llilf	%r5, 0x206000
	lghi	%r3, 16
	mvcos	0(%r5), 0(%r5), %r3
	EXPECT_CC 0
	REAL_WORD %r0, 0x416000
	clfi	%r0, 0x36363636
	jne	fail
	llilf	%r0, 0x00810000		# more than 4096 bytes: 4096 moved, CC 3
	lghi	%r3, 5000
	mvcos	0(%r5), 0(%r5), %r3
	EXPECT_CC 3
	llilf	%r6, 0x406000		# the source with ACC 3 and F: OAC2 key 4 may not fetch it, key 3 may
	lghi	%r2, 0x38
	sske	%r2, %r6
	llilf	%r0, 0x00814002
	lghi	%r3, 8
	TRY	1f
	mvcos	0(%r5), 0(%r5), %r3
1:	CAUGHT	4, 6
	llilf	%r0, 0x00813002
	mvcos	0(%r5), 0(%r5), %r3
	EXPECT_CC 0
	lghi	%r2, 0
	sske	%r2, %r6

	CHECK	18			# MVCP/MVCS: secondary <-> primary with the key in R3; CC 3 over 256
	llilf	%r5, 0x206000		# primary 0x206000 = real 0x406000, secondary = real 0x416000
	llilf	%r6, 0x200000		# primary "PPPP", secondary "SSSS"
	lghi	%r3, 0			# access key 0 for the secondary operand
	lghi	%r4, 16
	mvcp	0(%r4,%r5), 0(%r6), %r3	# to primary 0x206000 from secondary 0x200000
	EXPECT_CC 0
	REAL_WORD %r0, 0x406000
	clfi	%r0, 0x53535353
	jne	fail
	mvcs	0(%r4,%r5), 0(%r6), %r3	# to secondary 0x206000 from primary 0x200000
	EXPECT_CC 0
	REAL_WORD %r0, 0x416000
	clfi	%r0, 0x50505050
	jne	fail
	lghi	%r4, 300		# more than 256: 256 moved, CC 3
	llilf	%r1, 0x416000 + 256
	lghi	%r0, 0x5a
	stura	%r0, %r1
	mvcs	0(%r4,%r5), 0(%r6), %r3
	EXPECT_CC 3
	REAL_WORD %r0, 0x416000 + 256	# byte 256 not moved
	chi	%r0, 0x5a
	jne	fail
	lghi	%r4, 16			# in the secondary-space mode too
	sac	0x100
	mvcp	0(%r4,%r5), 0(%r6), %r3
	sac	0
	EXPECT_CC 0
	sac	0x300			# not in the home-space mode
	TRY	1f
	mvcp	0(%r4,%r5), 0(%r6), %r3
1:	sac	0
	CAUGHT	0x13, 6
	CR0_OFF	4, 0x04			# nor without the secondary-space control (CR0 bit 37)
	TRY	1f
	mvcs	0(%r4,%r5), 0(%r6), %r3
1:	CAUGHT	0x13, 6
	TRY	1f			# which SAC to the secondary space needs too
	sac	0x100
1:	CAUGHT	0x13, 4
	CR0_ON	4, 0x04
	TRY	1f			# SAC codes above 3: specification
	sac	0x400
1:	CAUGHT	6, 4

	CHECK	19			# prefixing: SPX/STPX; real 0-8191 and absolute NEW_PREFIX trade places
	stnsm	0x360, 0xfb		# DAT off
	llilf	%r5, NEW_PREFIX		# the new lowcore: a copy of this one
	lghi	%r6, 0
	lghi	%r1, 32
1:	mvc	0(256,%r5), 0(%r6)
	la	%r5, 256(%r5)
	la	%r6, 256(%r6)
	brct	%r1, 1b
	spx	new_prefix-data(%r11)	# bits 51-63 of the operand are ignored
	stpx	0x370
	clfhsi	0x370, 0		# STPX reads the prefix back (0x370 is real: NEW_PREFIX + 0x370)
	je	fail
	l	%r0, 0x370
	clfi	%r0, NEW_PREFIX
	jne	fail
	llilf	%r0, 0x11111111
	st	%r0, 0x3f0		# real 0x3f0 = absolute NEW_PREFIX + 0x3f0
	llilf	%r0, 0x22222222
	llilf	%r1, NEW_PREFIX + 0x3f0
	st	%r0, 0(%r1)		# real NEW_PREFIX + 0x3f0 = absolute 0x3f0
	xc	0x8c(4), 0x8c		# an interruption now stores into the new lowcore
	TRY	1f
	.short	0
1:	CAUGHT	1, 2
	spx	zero_prefix-data(%r11)
	l	%r0, 0x3f0
	clfi	%r0, 0x22222222
	jne	fail
	llilf	%r1, NEW_PREFIX + 0x3f0
	l	%r0, 0(%r1)
	clfi	%r0, 0x11111111
	jne	fail
	llilf	%r1, NEW_PREFIX + 0x8e	# the interruption code went to the new lowcore
	clhhsi	0(%r1), 1
	jne	fail
	llilf	%r1, 0x1000000		# a prefix outside the configuration: addressing exception
	st	%r1, 0x370
	TRY	1f
	spx	0x370
1:	CAUGHT	5, 4
	stpx	0x370
	clfhsi	0x370, 0
	jne	fail

	PASS

	SUPERVISOR_END
	HARNESS_END

	.balign	8
data:
asce_p:
	.quad	RT_P | 0x04		# region-third table, TL 0
asce_s:
	.quad	RF_S | 0x0c		# region-first table, TL 0
asce_h:
	.quad	ST_H			# segment table, TL 0
new_prefix:
	.long	NEW_PREFIX | 0xfff
zero_prefix:
	.long	0

	.balign	4096
remote_code:				# mapped at 0x700000 in the primary space only
	lghi	%r2, 0x77
	br	%r14
