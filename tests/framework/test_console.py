"""Unit tests for framework.console, driving small local Python processes."""

import io
import subprocess
import sys
import time

import pytest

from framework import console
from framework.console import Console, ExpectEOF, ExpectError, ExpectTimeout

PY = sys.executable


def spawn(code, **kwargs):
    return Console.spawn([PY, "-u", "-c", code], **kwargs)


ECHO_LOOP = r"""
import sys
print("ready")
for line in sys.stdin:
    line = line.rstrip("\n")
    if line == "exit":
        print("bye")
        sys.exit(3)
    print("got <%s>" % line)
"""


def test_expect_returns_the_match_and_send_reaches_the_process():
    with spawn(ECHO_LOOP) as con:
        m = con.expect(r"^(rea)dy$", timeout=10)
        assert m.group(1) == "rea"
        con.sendline("hello world")
        m = con.expect(r"got <([^>]*)>", timeout=10)
        assert m.group(1) == "hello world"
        con.send("exit\n")
        con.expect("bye", timeout=10)
        assert con.expect_exit(timeout=10) == 3
        assert con.output() == "ready\ngot <hello world>\nbye\n"


def test_expect_searches_after_the_previous_match():
    with spawn(ECHO_LOOP) as con:
        con.sendline("one")
        con.sendline("two")
        assert con.expect(r"got <(\w+)>", timeout=10).group(1) == "one"
        assert con.expect(r"got <(\w+)>", timeout=10).group(1) == "two"
        with pytest.raises(ExpectTimeout):
            con.expect(r"got <one>", timeout=0.3)  # already consumed


def test_timeout_message_has_pattern_status_and_last_2k_of_output():
    code = r"""
import sys, time
sys.stdout.write("HEAD-" + "x" * 5000 + "-TAIL-MARK\n"); sys.stdout.flush()
time.sleep(60)
"""
    with spawn(code, name="sleeper") as con:
        con.expect("TAIL-MARK", timeout=10)
        start = time.monotonic()
        with pytest.raises(ExpectTimeout) as info:
            con.expect(r"never-printed", timeout=0.5)
        assert 0.45 <= time.monotonic() - start < 5
    msg = str(info.value)
    assert msg.startswith("sleeper: timed out after 0.5 s waiting for 'never-printed' (process ")
    assert "still running;" in msg
    assert "-TAIL-MARK" in msg
    assert "HEAD-" not in msg                       # only the end of the output
    assert "x" * (console.TAIL_CHARS - 20) in msg
    assert len(msg) < console.TAIL_CHARS + 400
    assert isinstance(info.value, TimeoutError) and isinstance(info.value, ExpectError)


def test_eof_raises_at_once_with_exit_status_and_output():
    with spawn("print('last words'); raise SystemExit(7)") as con:
        start = time.monotonic()
        with pytest.raises(ExpectEOF) as info:
            con.expect("never-printed", timeout=30)
        assert time.monotonic() - start < 10
    msg = str(info.value)
    assert "output ended before 'never-printed' matched (process exited with status 7;" in msg
    assert "last words" in msg
    assert isinstance(info.value, EOFError)


def test_expect_exit_timeout_and_close_kills():
    con = spawn("import time; time.sleep(60)")
    with pytest.raises(ExpectTimeout, match="waiting for the process to exit"):
        con.expect_exit(timeout=0.3)
    rc = con.close(timeout=2)
    assert rc == -15  # SIGTERM
    assert con.proc.poll() == -15


def test_send_to_an_exited_process_fails_clearly():
    with spawn("pass") as con:
        assert con.expect_exit(timeout=10) == 0
        with pytest.raises(ExpectError, match="cannot send"):
            for _ in range(100):  # the first write may still land in the pipe buffer of a dead reader
                con.send("x" * 65536)


def test_waiting_does_not_busy_loop():
    with spawn("import time; time.sleep(60)") as con:
        cpu = time.process_time()
        with pytest.raises(ExpectTimeout):
            con.expect("never", timeout=1.0)
        assert time.process_time() - cpu < 0.2


def test_output_split_utf8_and_logfile():
    code = r"""
import os
os.write(1, "caf\u00e9 ".encode()[:4]); import time; time.sleep(0.2)
os.write(1, "caf\u00e9 ".encode()[4:] + b"done\n")
"""
    log = io.StringIO()
    with spawn(code, logfile=log) as con:
        con.expect("done", timeout=10)
        con.expect_exit(timeout=10)
    assert con.output() == "caf\u00e9 done\n"
    assert log.getvalue() == con.output()


def test_console_over_a_caller_made_popen_with_stderr_merged():
    proc = subprocess.Popen([PY, "-u", "-c", "import sys; print('out'); print('err', file=sys.stderr)"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    with Console(proc) as con:
        con.expect("^out$", timeout=10)
        con.expect("^err$", timeout=10)
        assert con.expect_exit(timeout=10) == 0


def test_pty_mode():
    code = r"""
import os, sys
print("tty=%s" % os.isatty(0))
print("line=<%s>" % sys.stdin.readline().rstrip("\n"))
"""
    with spawn(code, pty=True) as con:
        con.expect(r"tty=True", timeout=10)
        con.sendline("via pty")
        con.expect(r"line=<via pty>", timeout=10)
        assert con.expect_exit(timeout=10) == 0
        assert "via pty" not in con.output().split("line=")[0]  # raw mode: no echo
