"""Boots Debian's s390x kernel with the busybox initramfs on s390vmm's interpreter, through the Python module."""

import re
import time

from conftest import BOOT_TIMEOUT

MARKER = "S390VMM-BOOT-OK"
PROMPT = "s390vmm# "


def expect_marker(machine, guest):
    start = time.monotonic()
    machine.console.expect(re.escape(MARKER), timeout=BOOT_TIMEOUT)
    print("\n[boot] %s after %.1f s" % (MARKER, time.monotonic() - start))
    release = machine.console.expect(r"^([0-9][^\s]*)\r?$", timeout=60).group(1)
    assert release == guest.kernel_release


def test_boots_to_the_init_marker_and_powers_off(boot, guest):
    machine = boot()
    expect_marker(machine, guest)
    # /init ends with `poweroff -f`: every CPU stops and the machine exits cleanly.
    assert machine.wait(timeout=120) == 0, machine.exit_message()


def test_interactive_shell(boot, guest):
    machine = boot(initrd=guest.initramfs_shell)
    expect_marker(machine, guest)
    machine.console.expect(re.escape(PROMPT), timeout=60)
    machine.console.sendline("echo $((6*7))")
    machine.console.expect(r"^42\r?$", timeout=60)
    machine.console.expect(re.escape(PROMPT), timeout=60)
    machine.console.sendline("poweroff -f")
    assert machine.wait(timeout=120) == 0, machine.exit_message()


def test_two_cpus(boot, guest):
    machine = boot(initrd=guest.initramfs_shell, cpus=2)
    expect_marker(machine, guest)
    machine.console.expect(re.escape(PROMPT), timeout=60)
    machine.console.sendline("grep -c ^processor /proc/cpuinfo")
    machine.console.expect(r"^2\r?$", timeout=60)
    machine.console.sendline("poweroff -f")
    assert machine.wait(timeout=120) == 0, machine.exit_message()


def test_kernel_panic_ends_with_a_clear_nonzero_result(boot):
    machine = boot(append="console=ttysclp0 rdinit=/does-not-exist panic=-1")
    status = machine.wait(timeout=BOOT_TIMEOUT)
    assert status is not None, "the machine did not end after the panic"
    assert status != 0
    assert machine.exit_message()
    assert "Kernel panic" in machine.console.output()
