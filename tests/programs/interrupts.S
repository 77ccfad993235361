# Interruptions and timing, supervisor state, DAT off: program interruptions (operation, privileged
# operation, specification, execute, addressing, protection, data with its DXC, fixed-point overflow
# masked and unmasked) with the old PSW, ILC and code in the lowcore; SUPERVISOR CALL (code, ILC 2, and 4
# and 6 through EX/EXRL); external interruptions from the clock comparator and the CPU timer (PSW bit 7 and
# the CR0 submasks, delivered right after the enabling instruction, their priority), an enabled wait ended
# by the clock comparator; STCK/STCKF/STCKE and the CPU timer (SPT/STPT).
# External handler record: 0x380 CPU address and external code (lowcore 0x84), 0x390 old PSW, 0x3a0
# count; it resumes with the external mask and the wait bit off. SVC record: 0x360 ILC/code, 0x370 old PSW.
	.include "harness.inc"
	.include "supervisor.inc"

	.macro	EXT_COUNT n		# fails unless `n` external interruptions were taken so far
	clhhsi	0x3a6, \n
	jne	fail
	.endm
	.macro	EXT_CODE code		# fails unless the last external interruption had this code
	clhhsi	0x382, \code
	jne	fail
	.endm
	.macro	OLD_PSW_AT_EXT label
	larl	%r1, \label
	clg	%r1, 0x398
	jne	fail
	.endm
	.macro	OLD_PSW_AT_SVC label
	larl	%r1, \label
	clg	%r1, 0x378
	jne	fail
	.endm

	.text
	.globl	_start
_start:
	TRAP_INIT
	larl	%r8, data
	larl	%r1, ext_new_psw
	mvc	0x1b0(16), 0(%r1)
	xc	0x3a0(8), 0x3a0

	CHECK	1			# operation exception: ILC of the opcode, old PSW past the instruction
	TRY	1f
	.short	0x0000			# 2-byte opcode 00: unassigned
1:	CAUGHT	1, 2
	OLD_PSW_AT 1b
	TRY	1f
	.short	0xe300, 0x0000, 0x00ff	# RXY opcode e3..ff: unassigned, 6 bytes
1:	CAUGHT	1, 6
	OLD_PSW_AT 1b

	CHECK	2			# privileged operation in the problem state, old PSW in the problem state
	TO_PROBLEM
	TRY	1f
	ptlb
1:	TO_SUPERVISOR
	CAUGHT	2, 4
	OLD_PSW_AT 1b
	tm	0x311, 0x01		# the old PSW has the problem-state bit
	jno	fail
	TO_PROBLEM
	TRY	1f
	lpswe	0(%r8)
1:	TO_SUPERVISOR
	CAUGHT	2, 4

	CHECK	3			# specification: odd register pair, unaligned LPSWE operand
	TRY	1f
	.insn	rr, 0x1d00, %r1, %r2	# DR with an odd R1
1:	CAUGHT	6, 2
	OLD_PSW_AT 1b
	TRY	1f
	lpswe	4(%r8)
1:	CAUGHT	6, 4
	TRY	1f			# EXECUTE of an EXECUTE: execute exception, ILC of the first EX
	ex	%r0, ex_of_ex-data(%r8)
1:	CAUGHT	3, 4
	OLD_PSW_AT 1b

	CHECK	4			# addressing: an operand outside the configuration (16 MiB)
	llilh	%r2, 0x1000		# 256 MiB
	lghi	%r3, 7
	TRY	1f
	lg	%r3, 0(%r2)
1:	CAUGHT	5, 6
	OLD_PSW_AT 1b
	cghi	%r3, 7			# suppressed: R1 unchanged
	jne	fail

	CHECK	5			# protection (low-address protection): ILC 4, code 4
	CR0_ON	4, 0x10
	TRY	1f
	mvi	0x1a0, 0
1:	CAUGHT	4, 4
	CR0_OFF	4, 0x10

	CHECK	6			# data exception: COMPARE AND TRAP stores DXC 0xff at 0x90 and, with AFP
	lghi	%r0, 0			# on (CR0 bit 45), in FPC byte 2
	sfpc	%r0
	lghi	%r2, 5
	lghi	%r3, 5
	TRY	1f
	cgrt	%r2, %r3, 8		# trap on equal
1:	CAUGHT	7, 4
	OLD_PSW_AT 1b
	clc	0x90(4), dxc_ff-data(%r8)
	jne	fail
	efpc	%r0
	srl	%r0, 8
	nill	%r0, 0xff
	chi	%r0, 0xff
	jne	fail
	lghi	%r0, 0
	sfpc	%r0
	TRY	1f			# a decimal-operand data exception: DXC 0
	ap	0(2,%r8), bad_decimal-data(1,%r8)
1:	CAUGHT	7, 6
	clc	0x90(4), dxc_00-data(%r8)
	jne	fail

	CHECK	7			# fixed-point overflow masked: CC 3, no interruption
	lghi	%r0, 0
	spm	%r0			# program mask 0
	llilf	%r2, 0x7fffffff
	lhi	%r3, 1
	TRY	1f
	ar	%r2, %r3
1:	brc	14, fail		# CC 3
	NOT_CAUGHT
	llilf	%r0, 0x08000000		# bit 36: the fixed-point-overflow mask
	spm	%r0
	llilf	%r2, 0x7fffffff
	TRY	1f
	ar	%r2, %r3
1:	CAUGHT	8, 2			# completed: the result is stored, CC 3 in the old PSW
	OLD_PSW_AT 1b
	clfi	%r2, 0x80000000
	jne	fail
	tm	0x312, 0x30
	jno	fail
	lghi	%r0, 0
	spm	%r0

	CHECK	8			# SVC: code, ILC 2; through EX ILC 4 and the code from R1; EXRL ILC 6
	larl	%r1, svc_record_psw
	mvc	0x1c0(16), 0(%r1)
	xc	0x360(4), 0x360
	svc	42
1:	clc	0x360(4), svc_42-data(%r8)
	jne	fail
	OLD_PSW_AT_SVC 1b
	lghi	%r1, 0x77
	ex	%r1, svc_template-data(%r8)
1:	clc	0x360(4), svc_77-data(%r8)
	jne	fail
	OLD_PSW_AT_SVC 1b
	lghi	%r1, 0x12
	exrl	%r1, svc_template
1:	clc	0x360(4), svc_12-data(%r8)
	jne	fail
	OLD_PSW_AT_SVC 1b
	larl	%r1, pgm_catch_psw
	mvc	0x1c0(16), 16(%r1)	# svc_catch again

	CHECK	9			# clock comparator in the past: pending, delivered right after the
					# enabling STOSM with code 0x1004, not while PSW bit 7 is off
	stck	0x3c8			# now: in the past by the time it is compared
	sckc	0x3c8
	CR0_ON	6, 0x08			# CR0 bit 52: clock-comparator submask
	llilf	%r0, 100000
2:	brct	%r0, 2b			# time for a (wrong) delivery
	EXT_COUNT 0
	stosm	0x3c0, 0x01
1:	EXT_COUNT 1
	EXT_CODE 0x1004
	OLD_PSW_AT_EXT 1b

	CHECK	10			# the submask masks it: CR0 bit 52 off, PSW bit 7 on: nothing until LCTLG
	CR0_OFF	6, 0x08
	stosm	0x3c0, 0x01
	llilf	%r0, 100000
2:	brct	%r0, 2b
	EXT_COUNT 1
	stctg	%c0, %c0, 0x350
	oi	0x356, 0x08
	lctlg	%c0, %c0, 0x350
1:	EXT_COUNT 2
	EXT_CODE 0x1004
	OLD_PSW_AT_EXT 1b
	sckc	ones-data(%r8)		# far future: the condition goes away
	stosm	0x3c0, 0x01
	llilf	%r0, 100000
2:	brct	%r0, 2b
	stnsm	0x3c0, 0xfe
	EXT_COUNT 2

	CHECK	11			# CPU timer: a negative value is pending (code 0x1005, CR0 bit 53)
	spt	minus_one-data(%r8)
	CR0_ON	6, 0x04
	ssm	ext_on-data(%r8)
1:	EXT_COUNT 3
	EXT_CODE 0x1005
	OLD_PSW_AT_EXT 1b
	spt	tiny-data(%r8)		# 16 us from now: it counts down into an interruption
	stosm	0x3c0, 0x01
	llilf	%r0, 50000000
2:	clhhsi	0x3a6, 4		# the count's low halfword
	je	3f
	brct	%r0, 2b
	j	fail
3:	EXT_CODE 0x1005

	CHECK	12			# priority: the clock comparator before the CPU timer
	spt	minus_one-data(%r8)
	stck	0x3c8			# now: in the past by the time it is compared
	sckc	0x3c8
	CR0_ON	6, 0x08
	stosm	0x3c0, 0x01
	EXT_CODE 0x1004
	sckc	ones-data(%r8)
	stosm	0x3c0, 0x01
	EXT_CODE 0x1005
	EXT_COUNT 6
	spt	ones_pos-data(%r8)	# a long time

	CHECK	13			# an enabled wait (PSW bits 7 and 14) ends with the clock comparator
	stck	0x3d0
	lg	%r2, 0x3d0
	algfi	%r2, 0x3e8000		# + 1 ms
	stg	%r2, 0x3d8
	sckc	0x3d8
	larl	%r1, 1f
	stg	%r1, wait_psw+8-data(%r8)	# the wait PSW's address
	lpswe	wait_psw-data(%r8)
1:	EXT_COUNT 7
	EXT_CODE 0x1004
	OLD_PSW_AT_EXT 1b
	tm	0x391, 0x02		# the old PSW is the wait PSW
	jno	fail
	stck	0x3e0
	clc	0x3e0(8), 0x3d8		# the TOD clock has passed the comparator
	jnh	fail
	sckc	ones-data(%r8)

	CHECK	14			# STCK strictly increases, STCKF does not decrease, STCKE's format
	stck	0x3d0
	jnz	fail			# CC 0: set
	stck	0x3d8
	clc	0x3d8(8), 0x3d0
	jnh	fail
	stckf	0x3e0
	clc	0x3e0(8), 0x3d8
	jl	fail
	lghi	%r0, 0x1234
	sckpf
	stcke	0x3f0
	jnz	fail
	cli	0x3f0, 0		# epoch index 0
	jne	fail
	clc	0x3f1(8), 0x3e0		# bits 8-71: the clock, not behind the previous ones
	jl	fail
	clc	0x3fe(2), tod_pf-data(%r8)	# bytes 14-15: the TOD programmable field
	jne	fail

	CHECK	15			# the CPU timer decreases; STPT right after SPT is at most the value set
	spt	ones_pos-data(%r8)
	stpt	0x3d0
	clc	0x3d0(8), ones_pos-data(%r8)
	jh	fail
	lhi	%r0, 1000
2:	brct	%r0, 2b
	stpt	0x3d8
	clc	0x3d8(8), 0x3d0
	jnl	fail

	PASS

ext_record:
	mvc	0x380(4), 0x84
	mvc	0x390(16), 0x130
	mvc	0x3b0(16), 0x130
	ni	0x3b0, 0xfe		# resume with PSW bit 7 (external) off
	ni	0x3b1, 0xfd		# and bit 14 (wait) off
	asi	0x3a4, 1
	lpswe	0x3b0
svc_record:
	mvc	0x360(4), 0x88
	mvc	0x370(16), 0x140
	lpswe	0x140

	SUPERVISOR_END
	HARNESS_END

	.balign	8
data:
	.quad	0x0000000180000000, 0	# 0: scratch (LPSWE operand, wait PSW address at 8)
wait_psw:
	.quad	0x0106000180000000, 0	# external, wait, 64-bit
ext_new_psw:
	.quad	0x0000000180000000, ext_record
svc_record_psw:
	.quad	0x0000000180000000, svc_record
ones:
	.quad	-1
minus_one:
	.quad	-1
ones_pos:
	.quad	0x7fffffffffffffff
tiny:
	.quad	0x10000			# 16 us
ext_on:
	.byte	0x01
	.balign	4
dxc_ff:
	.long	0xff
dxc_00:
	.long	0
svc_42:
	.short	2, 42
svc_77:
	.short	4, 0x77
svc_12:
	.short	6, 0x12
tod_pf:
	.short	0x1234
bad_decimal:
	.byte	0x12			# digit 1 and sign 2: not a valid sign
	.balign	2
svc_template:
	svc	0
ex_of_ex:
	ex	%r0, 0
