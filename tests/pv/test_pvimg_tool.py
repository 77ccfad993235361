"""The s390vmm-pvimg command line: hostkey, create, info [--json], verify, unpack; exit status 0 only on
success, a named cause for every failure, and nothing written when an operation fails."""

import json
import os
import pathlib
import subprocess

import pytest

import se_reference

TOOL = pathlib.Path("tools/s390vmm-pvimg").resolve()


def run(*args, cwd):
    return subprocess.run([str(TOOL), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def work(tmp_path):
    (tmp_path / "kernel").write_bytes(os.urandom(0x10000 + 4321))
    (tmp_path / "initrd").write_bytes(os.urandom(7000))
    (tmp_path / "parm").write_bytes(b"console=ttysclp0 quiet\n")
    assert run("hostkey", "--private-key", "ca.key", "--document", "ca.crt", "--ca", cwd=tmp_path).returncode == 0
    r = run("hostkey", "--private-key", "host.key", "--document", "host.crt", "--ca-key", "ca.key",
            "--ca-cert", "ca.crt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "host.key").stat().st_mode & 0o777 == 0o600
    return tmp_path


def test_create_info_verify_unpack(work):
    r = run("create", "-i", "kernel", "-r", "initrd", "-p", "parm", "-k", "host.crt", "-C", "ca.crt", "-o", "se.img",
            cwd=work)
    assert r.returncode == 0, r.stderr
    r = run("info", "se.img", "--json", cwd=work)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["header"]["nep"] == 18 + 1 + 2 + 1  # 0x110e1 bytes: 18 pages
    assert run("info", "se.img", cwd=work).stdout.startswith("image size:")
    r = run("verify", "se.img", "--host-key", "host.key", cwd=work)
    assert r.returncode == 0, r.stderr
    assert "verified" in r.stdout
    r = run("unpack", "se.img", "--host-key", "host.key", "-o", "out", cwd=work)
    assert r.returncode == 0, r.stderr
    for name, src in (("kernel", "kernel"), ("initrd", "initrd"), ("parmline", "parm")):
        assert (work / "out" / name).read_bytes() == (work / src).read_bytes(), name


def test_our_image_matches_the_independent_reference(work):
    pytest.importorskip("cryptography", reason="the independent reference needs python3-cryptography")
    assert run("create", "-i", "kernel", "-k", "host.crt", "--no-verify", "-o", "se.img", cwd=work).returncode == 0
    ref = se_reference.open_image((work / "se.img").read_bytes(), (work / "host.key").read_bytes())
    assert ref["digests_match"] and ref["nep"] == ref["pages"]
    kernel = (work / "kernel").read_bytes()
    assert ref["components"][0][2][:len(kernel)] == kernel


def test_failures_exit_nonzero_name_the_cause_and_write_nothing(work):
    r = run("create", "-i", "kernel", "-k", "host.crt", "-o", "se.img", cwd=work)
    assert r.returncode == 2 and "--no-verify" in r.stderr
    r = run("create", "-i", "kernel", "-k", "ca.crt", "-C", "ca.crt", "-o", "se.img", cwd=work)  # CA cert as HKD
    assert r.returncode in (0, 1)
    r = run("create", "-i", "missing", "-k", "host.crt", "--no-verify", "-o", "se.img", cwd=work)
    assert r.returncode == 1 and "cannot open kernel 'missing'" in r.stderr
    (work / "big.parm").write_bytes(b"x" * 1000)
    r = run("create", "-i", "kernel", "-p", "big.parm", "-k", "host.crt", "--no-verify", "-o", "bad.img", cwd=work)
    assert r.returncode == 1 and "at most 896" in r.stderr
    assert not (work / "bad.img").exists()
    assert run("create", "-i", "kernel", "-k", "host.crt", "--no-verify", "-o", "se.img", cwd=work).returncode == 0
    assert "verification is disabled" in run("create", "-i", "kernel", "-k", "host.crt", "--no-verify", "-o",
                                             "se2.img", cwd=work).stderr
    # Wrong host key: the CA's private key is a valid P-521 key, but no key slot is for it.
    r = run("unpack", "se.img", "--host-key", "ca.key", "-o", "nope", cwd=work)
    assert r.returncode == 1 and "not built for this host" in r.stderr
    assert not (work / "nope" / "kernel").exists()
    # A flipped bit in the kernel's first page: verification fails, nothing unpacked.
    image = bytearray((work / "se.img").read_bytes())
    image[0x14000] ^= 1
    (work / "flip.img").write_bytes(bytes(image))
    r = run("unpack", "flip.img", "--host-key", "host.key", "-o", "flipped", cwd=work)
    assert r.returncode == 1 and "PLD (page-list digest) differs" in r.stderr
    assert not (work / "flipped" / "kernel").exists()
    # Truncated image.
    (work / "cut.img").write_bytes(bytes(image[:0x13100]))
    r = run("info", "cut.img", cwd=work)
    assert r.returncode == 1 and "SE image:" in r.stderr
    # Usage errors.
    assert run("info", cwd=work).returncode == 2
    assert run("frobnicate", cwd=work).returncode == 2
    assert run("verify", "se.img", cwd=work).returncode == 2
    assert run("create", "--bogus", cwd=work).returncode == 2
    assert run("--help", cwd=work).returncode == 0
