"""Fixtures of the differential tests: the s390x busybox, the two ways to run it (s390x-run and
qemu-s390x-static) and a work directory with input files.

A missing qemu-s390x-static or busybox fixture FAILS the tests with what to do; nothing is skipped.

busybox: busybox_fixture.find() (the fixture cache of tools/fixtures; extracted from the recorded .deb into
this session's temporary directory when the cache has no standalone busybox).

QEMU and exec: busybox sh runs most applets by exec'ing /proc/self/exe. qemu-user hands that exec to the
host kernel, which cannot run an s390x binary (no binfmt_misc registration), so sh falls back to a $PATH
search and would run the HOST's /usr/bin/tr etc. To compare s390x with s390x, both runners get a $PATH
whose first directory holds one small host script per applet that runs `qemu-s390x-static -0 APPLET
busybox` (s390x-run handles exec of s390x programs itself and never reaches those scripts).
"""

import os
import random
import shutil
import subprocess
import sys

import pytest

_HERE = os.path.dirname(os.path.abspath(__file__))
for _d in (os.path.dirname(_HERE), _HERE):  # tests/ (for `framework`) and tests/diff
    if _d not in sys.path:
        sys.path.insert(0, _d)

from framework import fixtures  # noqa: E402

import busybox_fixture  # noqa: E402

RUNNER = os.path.join("tools", "s390x_run", "s390x-run")
QEMU = "qemu-s390x-static"

@pytest.fixture(scope="session")
def busybox(tmp_path_factory):
    """Absolute path of the s390x busybox-static binary."""
    try:
        return busybox_fixture.find(str(tmp_path_factory.mktemp("busybox")))
    except fixtures.FixtureMissing as e:
        pytest.fail("busybox fixture missing: %s" % e, pytrace=False)


@pytest.fixture(scope="session")
def runner():
    path = os.environ.get("S390X_RUN", RUNNER)
    if not os.access(path, os.X_OK):
        pytest.fail("s390x-run is not at %s (run under `bazel test //tests/diff/...`, or set S390X_RUN)" % path,
                    pytrace=False)
    return os.path.abspath(path)


@pytest.fixture(scope="session")
def qemu():
    path = shutil.which(QEMU) or ("/usr/bin/" + QEMU if os.access("/usr/bin/" + QEMU, os.X_OK) else None)
    if path is None:
        pytest.fail("%s is not installed: apt-get install qemu-user-static (or run tools/setup)" % QEMU,
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def wrapper_bin(tmp_path_factory, qemu, busybox):
    """A directory of host scripts, one per applet, that run the applet under QEMU (see the module doc)."""
    p = subprocess.run([qemu, busybox, "--list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    applets = [a for a in p.stdout.decode().split() if a and "/" not in a]
    if p.returncode != 0 or len(applets) < 50:
        pytest.fail("`%s %s --list` failed (exit %d): %s" % (qemu, busybox, p.returncode, p.stderr.decode()[-500:]),
                    pytrace=False)
    d = tmp_path_factory.mktemp("qemu-bin")
    for applet in applets:
        script = d / applet
        script.write_text('#!/bin/sh\nexec %s -0 %s %s "$@"\n' % (qemu, applet, busybox))
        script.chmod(0o755)
    return str(d)


def _words(rng, n):
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters[: rng.randint(3, 26)]) for _ in range(rng.randint(1, 12))) for _ in range(n)]


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    """Input files, the same for every run (seeded)."""
    d = tmp_path_factory.mktemp("work")
    rng = random.Random(390)
    words = _words(rng, 2000)
    (d / "words.txt").write_text("\n".join(words) + "\n")
    (d / "nums.txt").write_text("\n".join(str(rng.randint(-100000, 100000)) for _ in range(2000)) + "\n")
    (d / "table.txt").write_text("".join("%s %d %.3f\n" % (w, rng.randint(0, 999), rng.uniform(-50, 50))
                                         for w in words[:500]))
    (d / "data.bin").write_bytes(bytes(rng.getrandbits(8) for _ in range(200000)))
    (d / "text.txt").write_text(("The quick brown fox jumps over the lazy dog. " * 40 + "\n") * 50)
    return str(d)


class Runners:
    """Runs one busybox command line under s390x-run and under QEMU in the same environment."""

    def __init__(self, runner, qemu, busybox, wrapper_bin, workdir):
        self.runner, self.qemu, self.busybox = runner, qemu, busybox
        self.workdir = workdir
        self.env = {"PATH": wrapper_bin + ":/usr/bin:/bin", "LC_ALL": "C", "HOME": workdir, "TERM": "dumb"}

    def _run(self, prefix, args, stdin, timeout):
        return subprocess.run(prefix + [self.busybox] + list(args), input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, cwd=self.workdir, env=self.env, timeout=timeout)

    def ours(self, args, stdin=b"", timeout=300, stats=False):
        # S390X_RUN_CPU selects the CPU model (busybox_diff_z15_test: glibc then takes its vector string
        # functions, so real library code exercises the vector instructions).
        cpu = os.environ.get("S390X_RUN_CPU")
        prefix = [self.runner] + (["--cpu", cpu] if cpu else []) + (["--stats"] if stats else [])
        return self._run(prefix, args, stdin, timeout)

    def reference(self, args, stdin=b"", timeout=300):
        return self._run([self.qemu], args, stdin, timeout)


@pytest.fixture(scope="session")
def runners(runner, qemu, busybox, wrapper_bin, workdir):
    return Runners(runner, qemu, busybox, wrapper_bin, workdir)
