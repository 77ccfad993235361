"""Reference boots: the guest fixtures (Debian's s390x kernel + the busybox initramfs from tools/fixtures) under
qemu-system-s390x with TCG. They check the fixtures and record QEMU's time to the boot marker, the baseline
s390vmm's boot is compared with. Missing QEMU or fixtures fail the tests (with what to run); nothing skips."""

import re
import sys

import pytest

from framework import fixtures, qemu

BOOT_TIMEOUT = 120      # to the marker; QEMU needs ~3 s on a 2-core x86-64 box
STEP_TIMEOUT = 30       # for each later step (release line, shell commands)
EXIT_TIMEOUT = 60       # from `poweroff -f` to QEMU's exit
RELEASE_LINE = r"^([0-9][^\s\[\]]*)\r?$"


def require():
    """The fixtures, after checking QEMU is installed. Called in each test's body (not as a pytest fixture) so
    that a missing piece is a test FAILURE with the message saying what to run or install."""
    qemu.qemu_binary()
    return fixtures.load()


def boot_to_marker(con, fx, record_boot_time, label):
    con.expect(re.escape(fx.marker), timeout=BOOT_TIMEOUT)
    seconds = con.elapsed
    record_boot_time(label, seconds)
    print("\n[%s] %s after %.2f s" % (label, fx.marker, seconds), flush=True)
    return seconds


def expect_release(con, fx):
    release = con.expect(RELEASE_LINE, timeout=STEP_TIMEOUT).group(1)
    assert release == fx.kernel_release, (
        "the guest's `uname -r` printed %r, the manifest's kernel is %r (%s)" % (
            release, fx.kernel_release, fx.kernel))


@pytest.mark.parametrize("console", ["sclpconsole", "nographic"])
def test_boot_prints_marker_and_release_then_powers_off(console, record_boot_time):
    fx = require()
    # "nographic" is the documented command (docs/testing.md), with the gzip initramfs it names.
    initrd = fx.initramfs if console == "sclpconsole" else fx.initramfs_gz
    with qemu.boot(fx.kernel, initrd, nodefaults=(console == "sclpconsole"), logfile=sys.stdout) as con:
        boot_to_marker(con, fx, record_boot_time, "to_marker")
        expect_release(con, fx)
        assert con.expect_exit(timeout=EXIT_TIMEOUT) == 0, "QEMU did not exit cleanly after poweroff -f"


def run_shell_session(con, fx, record_boot_time):
    boot_to_marker(con, fx, record_boot_time, "to_marker")
    expect_release(con, fx)
    con.expect(r"s390vmm# ", timeout=STEP_TIMEOUT)
    con.sendline("echo $((6*7))")
    con.expect(r"^42\r?$", timeout=STEP_TIMEOUT)
    con.expect(r"s390vmm# ", timeout=STEP_TIMEOUT)
    con.sendline("poweroff -f")
    assert con.expect_exit(timeout=EXIT_TIMEOUT) == 0, "QEMU did not exit cleanly after poweroff -f"


def test_shell_image_runs_commands(record_boot_time):
    fx = require()
    with qemu.boot(fx.kernel, fx.initramfs_shell, logfile=sys.stdout) as con:
        run_shell_session(con, fx, record_boot_time)


def test_shell_mode_from_the_kernel_command_line(record_boot_time):
    fx = require()
    append = qemu.DEFAULT_APPEND + " s390vmm.shell=1"
    with qemu.boot(fx.kernel, fx.initramfs, append=append, logfile=sys.stdout) as con:
        run_shell_session(con, fx, record_boot_time)
