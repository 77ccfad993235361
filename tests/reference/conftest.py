"""Makes `from framework import ...` work (tests/ on sys.path, both in the source tree and in Bazel's runfiles,
where the test runs from the runfiles root), and provides `record_boot_time`, whose records are printed at
the end of the run (in Bazel's test.log) under "boot times"."""

import os
import sys

import pytest

_TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

_boot_times = []


@pytest.fixture
def record_boot_time(request):
    """record_boot_time(label, seconds): reported after the tests, e.g. QEMU's time to the boot marker."""
    def record(label, seconds):
        _boot_times.append((request.node.nodeid.split("::", 1)[-1], label, seconds))
    return record


def pytest_terminal_summary(terminalreporter):
    if _boot_times:
        terminalreporter.section("boot times")
        for test, label, seconds in _boot_times:
            terminalreporter.write_line("%-66s %-10s %6.2f s" % (test, label, seconds))
