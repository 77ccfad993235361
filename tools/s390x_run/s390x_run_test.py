"""s390x-run end to end: tiny assembled Linux programs (testdata/*.S) run under the runner.

Checks what a shell would see: stdout, the exit status, death by the signal Linux sends for a guest
fault (with the runner's message on stderr), and the --stats / --strace output.
"""

import os
import signal
import subprocess

import pytest

RUNNER = os.path.join("tools", "s390x_run", "s390x-run")
TESTDATA = os.path.join("tools", "s390x_run", "testdata")


def run(*args, **kwargs):
    return subprocess.run([RUNNER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                          **kwargs)


def program(name):
    return os.path.join(TESTDATA, name)


def test_hello_writes_arguments_and_exits_with_argc():
    p = run(program("hello"), "one", "two words")
    assert p.stderr == b""
    assert p.stdout == b"hello from s390x\none\ntwo words\n"
    assert p.returncode == 3


def test_argv0_option():
    p = run("--argv0", "renamed", program("hello"))
    assert p.returncode == 1
    assert p.stdout == b"hello from s390x\n"


def test_null_dereference_is_sigsegv():
    p = run(program("segv"))
    assert p.returncode == -signal.SIGSEGV, p.stderr
    assert b"SIGSEGV" in p.stderr
    assert b"addressing exception" in p.stderr


def test_invalid_opcode_is_sigill_with_the_bytes():
    p = run(program("sigill"))
    assert p.returncode == -signal.SIGILL, p.stderr
    assert b"SIGILL: unimplemented or invalid instruction" in p.stderr
    assert b"(00 00)" in p.stderr


def test_divide_by_zero_is_sigfpe():
    p = run(program("divide"))
    assert p.returncode == -signal.SIGFPE, p.stderr
    assert b"SIGFPE" in p.stderr


def test_signal_handlers_run_and_return():
    # SIGUSR1 with a plain handler (sigframe, sigreturn) and SIGUSR2 with SA_SIGINFO (rt_sigframe,
    # rt_sigreturn), both sent by kill() to itself; the registers survive the handlers.
    p = run(program("signal"))
    assert p.stdout == b"sig\nrt\n", p.stderr
    assert p.returncode == 11, p.stderr


def test_stats():
    p = run("--stats", program("hello"))
    assert p.returncode == 1
    assert b"guest instructions" in p.stderr
    assert b"MIPS" in p.stderr


def test_strace():
    p = run("--strace", program("hello"), "x")
    assert p.returncode == 2
    assert b"write(1, 0x" in p.stderr
    assert b"exit_group(2) = ?" in p.stderr


def test_bad_programs_are_reported(tmp_path):
    text = tmp_path / "not-elf"
    text.write_text("#!/bin/sh\necho hi\n")
    p = run(str(text))
    assert p.returncode == 127
    assert b"not an ELF file" in p.stderr
    p = run(str(tmp_path / "missing"))
    assert p.returncode == 127
    assert b"cannot open" in p.stderr
    p = run("/bin/true")  # an x86-64 program
    assert p.returncode == 127
    assert b"e_machine is 62" in p.stderr or b"ELFDATA2MSB" in p.stderr


def test_usage_errors():
    assert run().returncode == 2
    assert run("--cpu", "z1", program("hello")).returncode == 2
    assert run("--bogus", program("hello")).returncode == 2
