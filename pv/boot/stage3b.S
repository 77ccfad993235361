# stage3b: runs inside the secure guest, started by the Ultravisor with the PSW from the SE header, whose
# address is this component's guest address (our own code, written from the genprotimg ABI, facts §3).
# Position independent: it runs where it was unpacked (the kernel moves down, below it; the command line
# and the initrd stay where they are or move into the kernel's parameter area).
#
# The builder patches the last 64 bytes (stage3b_args, big-endian, sizes are the original file sizes):
#     +0 kernel.src  +8 kernel.size  +16 cmdline.src  +24 cmdline.size  +32 initrd.src  +40 initrd.size
#     +48 psw.mask   +56 psw.addr
# It then does what the Linux boot protocol expects from a loader:
#   memmove(0x10000, kernel.src + 0x10000, kernel.size - 0x10000)   (the image without its first 64 KiB)
#   copy the command line to COMMAND_LINE (0x10480), zero-padded to 896 bytes, if there is one
#   INITRD_START (0x10408) = initrd.src, INITRD_SIZE (0x10410) = initrd.size, if there is an initrd
#   lpswe psw
# Failures end in a disabled wait at 0x5e3b0001 (kernel smaller than 64 KiB) or 0x5e3b0002 (command line
# longer than 896 bytes).

	.text
	.globl	_start
_start:
	larl	%r13, stage3b_args
	lg	%r2, 0(%r13)			# kernel.src
	lg	%r3, 8(%r13)			# kernel.size
	clgfi	%r3, 0x10000
	jl	kernel_too_small
	lg	%r5, 24(%r13)			# cmdline.size
	clgfi	%r5, 896
	jh	cmdline_too_long

	# Kernel: the destination lies below the source, so a forward move is safe with overlap.
	lgfi	%r6, 0x10000			# r6/r7: destination address/length
	lgr	%r7, %r3
	slgfi	%r7, 0x10000
	lgr	%r8, %r2			# r8/r9: source address/length
	algfi	%r8, 0x10000
	lgr	%r9, %r7
0:	mvcle	%r6, %r8, 0
	jo	0b				# cc 3: not finished yet

	# Command line.
	ltgr	%r5, %r5
	jz	1f
	lgfi	%r6, 0x10480
	lghi	%r7, 896
	lg	%r8, 16(%r13)
	lgr	%r9, %r5
2:	mvcle	%r6, %r8, 0			# pads the rest of the 896 bytes with zeros
	jo	2b
1:
	# Initial RAM disk: stays in place; the kernel finds it through its parameter area.
	lg	%r3, 40(%r13)
	ltgr	%r3, %r3
	jz	3f
	lg	%r2, 32(%r13)
	stg	%r2, 0x10408
	stg	%r3, 0x10410
3:
	lpswe	48(%r13)

kernel_too_small:
	lghi	%r4, 1
	j	panic
cmdline_too_long:
	lghi	%r4, 2
panic:
	oilh	%r4, 0x5e3b
	larl	%r1, panic_psw
	stg	%r4, 8(%r1)
	lpswe	0(%r1)

	.balign	8
panic_psw:
	.quad	0x0002000180000000, 0

	# Must stay the last 64 bytes of the binary: the builder patches them.
	.balign	8
stage3b_args:
	.quad	0, 0, 0, 0, 0, 0, 0, 0
