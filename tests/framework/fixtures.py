"""Finds the guest fixtures that tools/fixtures builds (kernel, initramfs images) for tests.

    from framework import fixtures
    fx = fixtures.load()            # raises FixtureMissing (with what to run) if they are not built
    fx.kernel, fx.initramfs, fx.initramfs_shell, fx.kernel_release

The cache is found as tools/fixtures writes it: $S390VMM_CACHE if set, else ~/.cache/s390vmm. Under `bazel test`
HOME is a temporary directory, so the home directory from the passwd entry is tried as well (the repo's
.bazelrc passes S390VMM_CACHE through with --test_env when it is set). A missing fixture is an error that tells
the user to run tools/fixtures: tests fail with that message, they do not skip.
"""

import hashlib
import json
import os
import pwd

MANIFEST = "manifest.json"
SCHEMA = 1


class FixtureMissing(RuntimeError):
    """The fixtures are not built (or are incomplete); the message says what to run."""


def _passwd_home():
    try:
        return pwd.getpwuid(os.getuid()).pw_dir
    except KeyError:
        return None


def candidate_dirs(environ=None):
    """Where the cache may be, in the order searched: $S390VMM_CACHE alone if it is set, else
    $HOME/.cache/s390vmm and <passwd home>/.cache/s390vmm."""
    environ = os.environ if environ is None else environ
    if environ.get("S390VMM_CACHE"):
        return [os.path.abspath(environ["S390VMM_CACHE"])]
    dirs = []
    for home in (environ.get("HOME"), _passwd_home()):
        if home:
            d = os.path.join(home, ".cache", "s390vmm")
            if d not in dirs:
                dirs.append(d)
    return dirs


def cache_dir(environ=None):
    """The first candidate directory holding a manifest (or, if none does, the first candidate)."""
    dirs = candidate_dirs(environ)
    for d in dirs:
        if os.path.isfile(os.path.join(d, MANIFEST)):
            return d
    if not dirs:
        raise FixtureMissing("no cache directory for the guest fixtures: set S390VMM_CACHE")
    return dirs[0]


class Fixtures:
    """The built fixtures, as recorded in the cache's manifest.json."""

    def __init__(self, directory, manifest):
        self.dir = directory
        self.manifest = manifest
        self.kernel_release = manifest["kernel_release"]
        self.marker = manifest["marker"]
        self.sources = manifest["sources"]

    def path(self, key):
        """The absolute path of output `key` ("kernel", "initramfs", "initramfs_gz", "initramfs_shell",
        "kernel_config"); raises FixtureMissing if the manifest lacks it or the file is gone."""
        outputs = self.manifest["outputs"]
        if key not in outputs:
            raise FixtureMissing("guest fixture %r is not in %s (it has: %s); run tools/fixtures" % (
                key, os.path.join(self.dir, MANIFEST), ", ".join(sorted(outputs))))
        p = os.path.join(self.dir, outputs[key]["path"])
        if not os.path.isfile(p):
            raise FixtureMissing("guest fixture %s is missing (listed in %s); run tools/fixtures to rebuild it" % (
                p, os.path.join(self.dir, MANIFEST)))
        return p

    def verify(self, key):
        """path(key), after checking the file's sha256 against the manifest."""
        p = self.path(key)
        h = hashlib.sha256()
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != self.manifest["outputs"][key]["sha256"]:
            raise FixtureMissing("guest fixture %s changed since tools/fixtures built it (sha256 %s, manifest "
                                 "says %s); run tools/fixtures" % (p, h.hexdigest(),
                                                                    self.manifest["outputs"][key]["sha256"]))
        return p

    def source(self, key):
        """The source package record (package, version, sha256, ...) output `key` came from."""
        return self.sources[self.manifest["outputs"][key]["source"]]

    kernel = property(lambda self: self.path("kernel"))
    initramfs = property(lambda self: self.path("initramfs"))
    initramfs_gz = property(lambda self: self.path("initramfs_gz"))
    initramfs_shell = property(lambda self: self.path("initramfs_shell"))


def load(environ=None):
    """The fixtures in the cache; raises FixtureMissing with the reason and the command to run."""
    d = cache_dir(environ)
    path = os.path.join(d, MANIFEST)
    if not os.path.isfile(path):
        raise FixtureMissing(
            "guest fixtures are not built: no %s in %s. Run `tools/fixtures` (from the repository root; "
            "as root on a fresh machine, or run tools/setup) to build them, or point S390VMM_CACHE at an "
            "existing cache." % (MANIFEST, " or ".join(candidate_dirs(environ)) or "(no candidate directory)"))
    try:
        with open(path) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        raise FixtureMissing("cannot read %s (%s); run tools/fixtures to rewrite it" % (path, e)) from None
    if manifest.get("schema") != SCHEMA:
        raise FixtureMissing("%s has schema %r, these tests read schema %d; run tools/fixtures" % (
            path, manifest.get("schema"), SCHEMA))
    return Fixtures(d, manifest)
