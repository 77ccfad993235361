"""Fixtures for booting the guest fixtures (tools/fixtures) with s390vmm's Python module."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import s390vmm  # noqa: E402
from framework import fixtures  # noqa: E402

BOOT_TIMEOUT = 300  # seconds to the marker; the interpreter needs far less, CI machines may be slow


@pytest.fixture(scope="session")
def guest():
    """The kernel and initramfs fixtures; fails (never skips) with what to run when they are missing."""
    return fixtures.load()


def make_config(guest, *, initrd=None, append="console=ttysclp0 rdinit=/init panic=-1", cpus=1, memory_mib=512):
    config = s390vmm.MachineConfig()
    config.kernel = guest.kernel
    config.initrd = initrd or guest.initramfs
    config.cmdline = append
    config.cpus = cpus
    config.memory_mib = memory_mib
    config.no_reboot = True
    return config


@pytest.fixture
def boot(guest):
    """boot(**config options) -> a started s390vmm.Machine; stopped after the test."""
    machines = []

    def start(**kwargs):
        machine = s390vmm.Machine(make_config(guest, **kwargs))
        machines.append(machine)
        machine.start()
        return machine

    yield start
    for machine in machines:
        if not machine.finished():
            machine.stop()
        print("\n[s390vmm stats] %s" % machine.stats())
