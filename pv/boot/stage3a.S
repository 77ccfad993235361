# stage3a: the first code of a Secure Execution image (our own, written from the genprotimg ABI, facts §3).
#
# Loaded at 0x10000 with the rest of the flat image; the image's IPL PSW (8-byte short PSW at address 0)
# enters at 0x11000 in 64-bit mode. 0x10000 is an alternative entry for loaders that start in ESA/390 mode.
# The builder patches the last 24 bytes (stage3a_args, offsets relative to the args' own address):
#     +0  hdr_offs   SE header address - &args
#     +8  hdr_size   SE header size (phs)
#     +16 ipib_offs  PV IPL parameter block address - &args
# stage3a stores the header's absolute address and size into the IPIB, checks facility 161 (Secure
# Execution unpack), hands the IPIB to the hypervisor with diag 308 subcode 8 (PV set) and asks it to
# unpack and start the secure guest with subcode 10 (PV start), which does not return on success.
#
# Every failure ends in a disabled wait whose PSW address tells why:
#     0x5e01_0000            facility 161 not installed
#     0x5e02_RRRR            diag 308 subcode 8 failed with rc RRRR
#     0x5e03_RRRR            diag 308 subcode 10 returned with rc RRRR (e.g. 0x0a02: unpack/verify failed)

	.text
	.globl	_start
_start:
	# ESA/390 entry: switch every CPU to z/Architecture (SIGP set architecture, code 1), then 64-bit.
	lhi	%r1, 1
	sigp	%r1, %r0, 0x12
	sam64
	jg	stage3a_main

	.org	0x1000				# = 0x11000, the IPL PSW's address
stage3a_main:
	larl	%r13, stage3a_args
	# IPIB address = &args + ipib_offs; header address = &args + hdr_offs.
	lgr	%r2, %r13
	alg	%r2, 16(%r13)
	lgr	%r3, %r13
	alg	%r3, 0(%r13)
	# ipl_pb0_pv follows the 8-byte IPL parameter block header: pv_hdr_addr at +0x70, pv_hdr_size at +0x78.
	stg	%r3, 8+0x70(%r2)
	lg	%r4, 8(%r13)
	stg	%r4, 8+0x78(%r2)

	# Facility 161 is bit 1 of byte 20 of the STFLE list (doubleword 2).
	larl	%r5, facility_list
	lghi	%r0, 2				# 3 doublewords
	stfle	0(%r5)
	tm	20(%r5), 0x40
	jz	no_unpack_facility

	# diag 308 subcode 8: Rx (even) = IPIB address, Ry = subcode, rc returned in Ry.
	lghi	%r3, 8
	diag	%r2, %r3, 0x308
	llghr	%r3, %r3
	clgfi	%r3, 1
	jne	set_failed

	# diag 308 subcode 10: unpack and start. Only comes back when that failed.
	lghi	%r2, 0
	lghi	%r3, 10
	diag	%r2, %r3, 0x308
	lghi	%r4, 3
	j	panic

no_unpack_facility:
	lghi	%r3, 0
	lghi	%r4, 1
	j	panic
set_failed:
	lghi	%r4, 2

# r4 = reason, r3 = rc: disabled wait at 0x5e000000 | reason << 16 | rc.
panic:
	llghr	%r3, %r3
	sllg	%r4, %r4, 16
	ogr	%r4, %r3
	oilh	%r4, 0x5e00
	larl	%r1, panic_psw
	stg	%r4, 8(%r1)
	lpswe	0(%r1)

	.balign	8
panic_psw:
	.quad	0x0002000180000000, 0		# disabled wait, 64-bit
facility_list:
	.quad	0, 0, 0

	# Must stay the last 24 bytes of the binary: the builder patches them.
	.balign	8
stage3a_args:
	.quad	0, 0, 0
