"""Unit tests for framework.qemu's command lines (no QEMU run here; tests/reference boots it)."""

import pytest

from framework import qemu


def test_reference_command_default_is_sclp_console_on_stdio():
    argv = qemu.reference_command("/k/vmlinuz", "/i/initramfs.cpio", qemu="/usr/bin/qemu-system-s390x")
    assert argv == ["/usr/bin/qemu-system-s390x", "-M", "s390-ccw-virtio", "-accel", "tcg", "-m", "512",
                    "-display", "none", "-nodefaults", "-chardev", "stdio,id=con0,signal=off",
                    "-device", "sclpconsole,chardev=con0", "-no-reboot", "-kernel", "/k/vmlinuz",
                    "-initrd", "/i/initramfs.cpio", "-append", "console=ttysclp0 rdinit=/init panic=-1"]


def test_reference_command_documented_form():
    argv = qemu.reference_command("K", "I", append="console=ttysclp0", memory_mb=128, nodefaults=False,
                                  extra_args=["-smp", "2"], qemu="qemu")
    assert argv == ["qemu", "-M", "s390-ccw-virtio", "-accel", "tcg", "-m", "128", "-nographic", "-no-reboot",
                    "-kernel", "K", "-initrd", "I", "-append", "console=ttysclp0", "-smp", "2"]


def test_missing_qemu_says_how_to_install(monkeypatch):
    monkeypatch.setattr(qemu, "QEMU_SYSTEM", "qemu-system-s390x-not-installed")
    with pytest.raises(qemu.QemuMissing, match="install the Debian package qemu-system-s390x"):
        qemu.qemu_binary()
