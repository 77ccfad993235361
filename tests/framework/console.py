"""Expect-style driving of a process's console (a guest's serial console on the process's stdin/stdout).

    con = Console.spawn(["qemu-system-s390x", ...])        # or Console(subprocess.Popen(..., stdin=PIPE, stdout=PIPE))
    m = con.expect(r"S390VMM-BOOT-OK", timeout=120)        # -> re.Match on the text since the previous match
    con.sendline("echo $((6*7))")
    con.expect(r"^42\r?$")
    con.sendline("poweroff -f")
    rc = con.expect_exit(timeout=30)

A reader thread copies everything the process writes into a buffer (and optionally a log stream); expect()
waits on a condition variable, so nothing polls. Text is decoded as UTF-8 (invalid bytes become U+FFFD) and
kept as is: serial consoles end lines with "\r\n", so write patterns as r"...\r?$". String patterns are
compiled with re.MULTILINE. Failures raise ExpectTimeout / ExpectEOF (both ExpectError) whose message holds the
pattern, the elapsed time, the process's exit status and the last 2 KB of output.

The Python module's `console.expect` mirrors this API (expect, send, sendline, output, expect_exit, close).
"""

import codecs
import errno
import os
import re
import subprocess
import threading
import time

DEFAULT_TIMEOUT = 30.0
TAIL_CHARS = 2048


class ExpectError(Exception):
    """An expectation on a console failed; the message includes the end of the output."""


class ExpectTimeout(ExpectError, TimeoutError):
    pass


class ExpectEOF(ExpectError, EOFError):
    pass


class Console:
    """A console over `proc`'s stdout (read) and stdin (write), or over a pty master fd.

    proc: a subprocess.Popen whose stdout is a pipe (stderr may be merged into it) and whose stdin is a pipe,
      or None when only fds are given.
    read_fd / write_fd: override the fds (e.g. a pty master for both); default proc.stdout / proc.stdin.
    logfile: a text stream that receives all output as it arrives (e.g. sys.stdout, so pytest shows it
      with a failing test).
    """

    def __init__(self, proc, *, read_fd=None, write_fd=None, name=None, logfile=None, tail_chars=TAIL_CHARS):
        self.proc = proc
        self.name = name or (os.path.basename(str(proc.args[0] if isinstance(proc.args, (list, tuple))
                                                   else proc.args)) if proc is not None else "console")
        if read_fd is None:
            if proc is None or proc.stdout is None:
                raise ValueError("Console needs proc.stdout (stdout=subprocess.PIPE) or read_fd")
            read_fd = proc.stdout.fileno()
        if write_fd is None and proc is not None and proc.stdin is not None:
            write_fd = proc.stdin.fileno()
        self._read_fd, self._write_fd = read_fd, write_fd
        self._owned_fds = []  # fds this object opened and must close (pty master)
        self._logfile = logfile
        self._tail_chars = tail_chars
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._cond = threading.Condition()
        self._chunks = []      # decoded text not yet joined into self._text
        self._text = ""
        self._pos = 0          # expect() searches from here: the end of the previous match
        self._eof = False
        self._read_error = None
        self._start = time.monotonic()
        self._reader = threading.Thread(target=self._read_loop, name="console-reader-" + self.name, daemon=True)
        self._reader.start()

    # -- construction ----------------------------------------------------------------------------------

    @classmethod
    def spawn(cls, argv, *, pty=False, env=None, cwd=None, merge_stderr=True, name=None, logfile=None):
        """Starts argv with its stdin/stdout on pipes (pty=False) or on a new pty in raw mode (pty=True, for
        programs that want a terminal). stderr goes to the console too unless merge_stderr=False. The process
        stays in the caller's process group, so a test runner that kills the group ends it too."""
        if not pty:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT if merge_stderr else None, env=env, cwd=cwd)
            return cls(proc, name=name, logfile=logfile)
        import pty as pty_module
        import tty
        master, slave = pty_module.openpty()
        try:
            tty.setraw(slave)  # no echo, no CR/LF translation: the same bytes as a pipe would carry
            proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave if merge_stderr else None,
                                    env=env, cwd=cwd)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        con = cls(proc, read_fd=master, write_fd=master, name=name, logfile=logfile)
        con._owned_fds.append(master)
        return con

    # -- reading -----------------------------------------------------------------------------------------

    def _read_loop(self):
        while True:
            try:
                data = os.read(self._read_fd, 65536)
            except OSError as e:
                if e.errno == errno.EINTR:
                    continue
                # EIO: the pty's other side is closed (the pty flavour of EOF); EBADF: close() closed the fd.
                if e.errno not in (errno.EIO, errno.EBADF):
                    self._read_error = e
                data = b""
            text = self._decoder.decode(data, final=not data)
            if text and self._logfile is not None:
                try:
                    self._logfile.write(text)
                    self._logfile.flush()
                except (OSError, ValueError):
                    pass
            with self._cond:
                if text:
                    self._chunks.append(text)
                if not data:
                    self._eof = True
                self._cond.notify_all()
            if not data:
                return

    def _collect(self):
        # with self._cond held
        if self._chunks:
            self._text += "".join(self._chunks)
            self._chunks.clear()

    def output(self):
        """All text the process has written so far."""
        with self._cond:
            self._collect()
            return self._text

    def tail(self, chars=None):
        """The last `chars` (default 2048) characters of output."""
        out = self.output()
        return out[-(chars or self._tail_chars):]

    @property
    def elapsed(self):
        """Seconds since this console was created (about when the process started)."""
        return time.monotonic() - self._start

    def expect(self, pattern, timeout=DEFAULT_TIMEOUT):
        """Waits until `pattern` (a regex string, compiled with re.MULTILINE, or a compiled pattern) matches
        the output after the end of the previous match; returns the re.Match (positions index output()).
        Raises ExpectTimeout after `timeout` seconds or ExpectEOF when the output ends without a match."""
        regex = re.compile(pattern, re.MULTILINE) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                self._collect()
                m = regex.search(self._text, self._pos)
                if m:
                    self._pos = m.end()
                    return m
                if self._eof:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            eof = self._eof
        if eof:
            self._reap(1.0)
            raise ExpectEOF(self._describe("output ended before %r matched" % regex.pattern))
        raise ExpectTimeout(self._describe("timed out after %.1f s waiting for %r" % (timeout, regex.pattern)))

    def expect_exit(self, timeout=DEFAULT_TIMEOUT):
        """Waits for the end of output and the process's exit; returns its exit status."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._eof:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ExpectTimeout(self._describe("timed out after %.1f s waiting for the process to exit"
                                                       % timeout))
                self._cond.wait(remaining)
        if self.proc is None:
            return None
        try:
            return self.proc.wait(max(0.0, deadline - time.monotonic()) + 1.0)
        except subprocess.TimeoutExpired:
            raise ExpectTimeout(self._describe("output ended but the process did not exit within %.1f s"
                                               % timeout)) from None

    # -- writing -----------------------------------------------------------------------------------------

    def send(self, text):
        """Writes text (str, sent as UTF-8, or bytes) to the process's input."""
        if self._write_fd is None:
            raise ExpectError("console %r has no input (stdin was not a pipe)" % self.name)
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        view = memoryview(data)
        try:
            while view:
                n = os.write(self._write_fd, view)
                view = view[n:]
        except OSError as e:
            raise ExpectError(self._describe("cannot send %.60r: %s" % (text, e))) from None

    def sendline(self, text=""):
        self.send(text + "\n")

    # -- the process -------------------------------------------------------------------------------------

    def _reap(self, timeout):
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                pass

    def _status(self):
        if self.proc is None:
            return "no process"
        rc = self.proc.poll()
        if rc is None:
            return "process %d still running" % self.proc.pid
        if rc < 0:
            return "process exited on signal %d" % -rc
        return "process exited with status %d" % rc

    def _describe(self, what):
        tail = self.tail()
        lines = ["%s: %s (%s; %.1f s after start)" % (self.name, what, self._status(), self.elapsed)]
        if self._read_error is not None:
            lines.append("(reading the console failed: %s)" % self._read_error)
        lines.append("---- last %d characters of output ----" % len(tail) if tail else "---- no output ----")
        if tail:
            lines.append(tail.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n"))
            lines.append("---- end of output ----")
        return "\n".join(lines)

    def close(self, timeout=5.0):
        """Ends the process if it still runs (SIGTERM, then SIGKILL after `timeout`), reaps it, stops the
        reader and closes the fds. Returns the exit status (None without a process)."""
        rc = None
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            rc = self.proc.returncode
            for f in (self.proc.stdin,):
                if f is not None:
                    try:
                        f.close()
                    except OSError:
                        pass
        self._reader.join(timeout)
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        for fd in self._owned_fds:
            try:
                os.close(fd)
            except OSError:
                pass
        self._owned_fds = []
        return rc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
