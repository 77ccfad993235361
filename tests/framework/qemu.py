"""The reference boot: the same guest under QEMU (qemu-system-s390x, TCG), for comparison with s390vmm.

    from framework import qemu
    con = qemu.boot(fx.kernel, fx.initramfs)          # a console.Console on QEMU's stdio
    con.expect(r"S390VMM-BOOT-OK", timeout=120)

Two console set-ups, both verified with QEMU 7.2 (Debian bookworm) and the bookworm 6.1 kernel:
- default (nodefaults=True): `-display none -nodefaults -chardev stdio,id=con0,signal=off -device
  sclpconsole,chardev=con0`: only the SCLP VT220 console (ttysclp0), on stdio, with no monitor multiplexed
  into the input (so every byte sent reaches the guest; with -nographic, Ctrl-A starts a monitor command)
  and no default devices.
- nodefaults=False: the command in docs/testing.md, `-nographic` (QEMU's default devices; the console and
  the monitor multiplexed on stdio).
Both reach the /init marker in the same time (~2.9 s here).
"""

import os
import shutil

from . import console

QEMU_SYSTEM = "qemu-system-s390x"
DEFAULT_APPEND = "console=ttysclp0 rdinit=/init panic=-1"
DEFAULT_MEMORY_MB = 512


class QemuMissing(RuntimeError):
    """qemu-system-s390x is not installed."""


def qemu_binary():
    """The path of qemu-system-s390x; raises QemuMissing saying how to install it."""
    path = shutil.which(QEMU_SYSTEM)
    if not path:
        raise QemuMissing("%s not found (PATH=%s): install the Debian package qemu-system-s390x (apt-get install "
                          "qemu-system-s390x; tools/setup does)" % (QEMU_SYSTEM, os.environ.get("PATH")))
    return path


def reference_command(kernel, initrd, append=DEFAULT_APPEND, memory_mb=DEFAULT_MEMORY_MB, nodefaults=True,
                      extra_args=(), qemu=None):
    """The argv of a reference boot of kernel + initrd with the guest console on QEMU's stdin/stdout.
    -no-reboot + panic=-1 make a guest panic end QEMU; `poweroff -f` in the guest ends it too."""
    argv = [qemu or qemu_binary(), "-M", "s390-ccw-virtio", "-accel", "tcg", "-m", str(memory_mb)]
    if nodefaults:
        argv += ["-display", "none", "-nodefaults", "-chardev", "stdio,id=con0,signal=off",
                 "-device", "sclpconsole,chardev=con0"]
    else:
        argv += ["-nographic"]
    argv += ["-no-reboot", "-kernel", str(kernel), "-initrd", str(initrd), "-append", append]
    return argv + list(extra_args)


def boot(kernel, initrd, append=DEFAULT_APPEND, logfile=None, **kwargs):
    """Starts a reference boot; returns its console.Console (close it, or use it as a context manager)."""
    return console.Console.spawn(reference_command(kernel, initrd, append, **kwargs), name=QEMU_SYSTEM,
                                 logfile=logfile)
