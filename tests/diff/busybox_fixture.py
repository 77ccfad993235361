"""Locates the s390x busybox-static binary of the guest fixtures (tools/fixtures), for the differential tests
and tools/bench/user_mode.

    from framework import fixtures
    path = busybox_fixture.find(scratch_dir)   # raises fixtures.FixtureMissing saying what to run

If the fixture manifest has a standalone "busybox" output it is used. Otherwise bin/busybox is extracted from
the busybox-static .deb that tools/fixtures downloaded and recorded in the manifest (checked against its
sha256): nothing is downloaded here.
"""

import hashlib
import os
import shutil
import subprocess
import tarfile

from framework import fixtures


def is_s390x_elf(path):
    """True for an ELFCLASS64, big-endian, EM_S390 file."""
    with open(path, "rb") as f:
        h = f.read(20)
    return len(h) == 20 and h[:4] == b"\x7fELF" and h[4] == 2 and h[5] == 2 and h[18:20] == b"\x00\x16"


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _extract(deb, dest):
    """Writes the deb's bin/busybox to `dest` (dpkg-deb's tar stream, read by Python's tarfile)."""
    try:
        p = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise fixtures.FixtureMissing("cannot run dpkg-deb to unpack %s: %s (apt-get install dpkg)" % (deb, e))
    found = False
    try:
        with tarfile.open(fileobj=p.stdout, mode="r|") as tar:
            for member in tar:
                if member.name.lstrip("./") == "bin/busybox" and member.isfile():
                    with tar.extractfile(member) as src, open(dest, "wb") as out:
                        shutil.copyfileobj(src, out)
                    found = True
                    break
    except tarfile.TarError as e:
        raise fixtures.FixtureMissing("cannot unpack %s: %s; run tools/fixtures to download it again" % (deb, e))
    finally:
        p.stdout.close()
        err = p.stderr.read().decode(errors="replace").strip()
        p.wait()
    if not found:
        raise fixtures.FixtureMissing("%s has no bin/busybox%s; run tools/fixtures to download it again" % (
            deb, (" (dpkg-deb: %s)" % err) if err else ""))
    os.chmod(dest, 0o755)


def find(scratch_dir):
    """Absolute path of the s390x busybox; may extract it into `scratch_dir`."""
    fx = fixtures.load()
    try:
        path = fx.verify("busybox")
    except fixtures.FixtureMissing:
        src = fx.sources.get("busybox-static")
        if not src or not src.get("deb"):
            raise fixtures.FixtureMissing(
                "the fixture manifest in %s records no busybox-static package; run tools/fixtures" % fx.dir)
        deb = os.path.join(fx.dir, src["deb"])
        if not os.path.isfile(deb):
            raise fixtures.FixtureMissing("%s is missing; run tools/fixtures to download it again" % deb)
        if src.get("sha256") and _sha256(deb) != src["sha256"]:
            raise fixtures.FixtureMissing("%s changed since tools/fixtures downloaded it; run tools/fixtures" % deb)
        path = os.path.join(scratch_dir, "busybox")
        _extract(deb, path)
    if not is_s390x_elf(path):
        raise fixtures.FixtureMissing("%s is not a 64-bit big-endian s390x ELF program; run tools/fixtures" % path)
    return os.path.abspath(path)
