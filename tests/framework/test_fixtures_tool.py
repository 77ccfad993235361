"""Unit tests for tools/fixtures (its cpio writer, /init, applet table, cache rules) and framework.fixtures.
No downloads, no guest: the archives are written here and parsed back with a reader written here."""

import importlib.machinery
import io
import importlib.util
import json
import os
import stat

import pytest

from framework import fixtures

TOOL = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                    "tools", "fixtures")


@pytest.fixture(scope="module")
def tool():
    """tools/fixtures, imported as a module (it has no .py suffix)."""
    assert os.path.isfile(TOOL), "tools/fixtures not found at %s" % TOOL
    loader = importlib.machinery.SourceFileLoader("s390vmm_fixtures_tool", TOOL)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def parse_newc(data):
    """An independent newc reader: [(name, mode, nlink, rdevmajor, rdevminor, data)], checking the 4-byte
    alignment of every header and every data start, the trailer and the 512-byte padding."""
    out, pos = [], 0
    while True:
        assert pos % 4 == 0, "header at unaligned offset %d" % pos
        assert data[pos:pos + 6] == b"070701", data[pos:pos + 16]
        f = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        mode, nlink, size, rmaj, rmin, namesize, check = f[1], f[4], f[6], f[9], f[10], f[11], f[12]
        assert check == 0
        name = data[pos + 110:pos + 110 + namesize]
        assert name.endswith(b"\0") and b"\0" not in name[:-1]
        start = (pos + 110 + namesize + 3) & ~3
        assert data[pos + 110 + namesize:start] == b"\0" * (start - pos - 110 - namesize)
        body = data[start:start + size]
        pos = (start + size + 3) & ~3
        if name == b"TRAILER!!!\0":
            assert len(data) % 512 == 0 and data[pos:] == b"\0" * (len(data) - pos)
            return out
        out.append((name[:-1].decode(), mode, nlink, rmaj, rmin, body))


def test_cpio_writer_round_trip(tool):
    buf = io.BytesIO()
    w = tool.CpioWriter(buf)
    w.add_dir(".")
    w.add_dir("dev")
    w.add_char_device("dev/console", 5, 1)
    w.add_file("hello.txt", b"hello", 0o640)      # 5 bytes: data needs padding
    w.add_symlink("link", "hello.txt")
    w.add_file("empty", b"")
    w.close()
    entries = parse_newc(buf.getvalue())
    assert [e[0] for e in entries] == [".", "dev", "dev/console", "hello.txt", "link", "empty"]
    by_name = {e[0]: e for e in entries}
    assert by_name["dev/console"][1] == stat.S_IFCHR | 0o600 and by_name["dev/console"][3:5] == (5, 1)
    assert by_name["hello.txt"][1] == stat.S_IFREG | 0o640 and by_name["hello.txt"][5] == b"hello"
    assert by_name["link"][1] == stat.S_IFLNK | 0o777 and by_name["link"][5] == b"hello.txt"
    assert by_name["dev"][1] == stat.S_IFDIR | 0o755 and by_name["dev"][2] == 2
    # the tool's own reader agrees
    assert [(e["name"], e["mode"], e["data"]) for e in tool.read_cpio(buf.getvalue())] == \
        [(e[0], e[1], e[5]) for e in entries]


def test_cpio_writer_rejects_duplicates_and_writes_after_close(tool):
    w = tool.CpioWriter(io.BytesIO())
    w.add_dir("a")
    with pytest.raises(ValueError, match="duplicate"):
        w.add_dir("/a")
    w.close()
    with pytest.raises(ValueError, match="closed"):
        w.add_dir("b")


def test_read_cpio_rejects_garbage(tool):
    with pytest.raises(ValueError, match="magic"):
        tool.read_cpio(b"not a cpio archive at all" * 10)


FAKE_BUSYBOX = (b"\x7fELF\x02\x02" + b"\0" * 100 +
                b"[\0[[\0cat\0cttyhack\0echo\0mount\0poweroff\0setsid\0sh\0uname\0\0\x01\x02")


def test_busybox_applets_reads_the_name_table(tool):
    assert tool.busybox_applets(FAKE_BUSYBOX) == ["[", "[[", "cat", "cttyhack", "echo", "mount", "poweroff",
                                                   "setsid", "sh", "uname"]
    with pytest.raises(tool.FixtureError):
        tool.busybox_applets(b"\x7fELF no table here")


@pytest.mark.parametrize("mode", ["poweroff", "shell"])
def test_initramfs_layout_and_init(tool, mode):
    applets = tool.busybox_applets(FAKE_BUSYBOX)
    image = tool.build_initramfs(FAKE_BUSYBOX, mode, applets)
    assert image == tool.build_initramfs(FAKE_BUSYBOX, mode, applets)  # reproducible
    entries = {e[0]: e for e in parse_newc(image)}
    init = entries["init"]
    assert init[1] == stat.S_IFREG | 0o755
    script = init[5].decode()
    assert script.startswith("#!/bin/busybox sh\n")
    lines = script.splitlines()
    assert "echo S390VMM-BOOT-OK" in lines and "uname -r" in lines and lines[-1] == "poweroff -f"
    assert lines.index("echo S390VMM-BOOT-OK") < lines.index("uname -r")
    assert "mode=%s" % mode in lines
    assert "s390vmm.shell=1) mode=shell ;;" in script
    assert ("setsid cttyhack sh" in script)
    assert entries["dev/console"][1] == stat.S_IFCHR | 0o600 and entries["dev/console"][3:5] == (5, 1)
    assert entries["dev/null"][1] == stat.S_IFCHR | 0o666 and entries["dev/null"][3:5] == (1, 3)
    assert entries["bin/busybox"][1] == stat.S_IFREG | 0o755 and entries["bin/busybox"][5] == FAKE_BUSYBOX
    for applet in ("sh", "mount", "uname", "poweroff", "[["):
        assert entries["bin/" + applet][1] == stat.S_IFLNK | 0o777 and entries["bin/" + applet][5] == b"busybox"
    assert entries["sbin"][5] == b"bin"
    for d in ("proc", "sys", "dev", "tmp"):
        assert stat.S_ISDIR(entries[d][1])
    names = list(entries)
    for name in names:  # every parent comes before its children
        parent = os.path.dirname(name)
        assert parent == "" or names.index(parent) < names.index(name), name


def test_cache_rules_of_tool_and_framework_agree(tool, tmp_path):
    home = str(tmp_path / "home")
    env = {"HOME": home}
    assert tool.default_cache_dir(env) == os.path.join(home, ".cache", "s390vmm")
    assert fixtures.candidate_dirs(env)[0] == tool.default_cache_dir(env)
    # under `bazel test` HOME is a temp dir: the passwd home is searched too
    assert fixtures.candidate_dirs(env)[-1] == os.path.join(tool.passwd_home(), ".cache", "s390vmm")
    env = {"HOME": home, "S390VMM_CACHE": str(tmp_path / "c")}
    assert fixtures.candidate_dirs(env) == [tool.default_cache_dir(env)] == [str(tmp_path / "c")]
    assert tool.default_cache_dir({}) == os.path.join(tool.passwd_home(), ".cache", "s390vmm")


def test_missing_fixtures_say_what_to_run(tmp_path):
    with pytest.raises(fixtures.FixtureMissing, match=r"not built: no manifest.json in .* Run `tools/fixtures`"):
        fixtures.load({"S390VMM_CACHE": str(tmp_path)})


def test_manifest_lookup(tmp_path):
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "vmlinuz").write_bytes(b"kernel")
    manifest = {"schema": 1, "kernel_release": "6.1.0-0-s390x", "marker": "S390VMM-BOOT-OK",
                "outputs": {"kernel": {"path": "k/vmlinuz", "source": "linux-image-x", "size": 6,
                                       "sha256": "5a2ed0d8d1b0bd31a1bd8e1a9bd4de3b89c2e9a4d9f6b8e7ac7ab34a3a6d1b10"},
                            "initramfs": {"path": "gone.cpio", "source": "busybox-static", "size": 0, "sha256": ""}},
                "sources": {"linux-image-x": {"package": "linux-image-x", "version": "1"}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    fx = fixtures.load({"S390VMM_CACHE": str(tmp_path)})
    assert fx.kernel == str(tmp_path / "k" / "vmlinuz")
    assert fx.kernel_release == "6.1.0-0-s390x"
    assert fx.source("kernel")["version"] == "1"
    with pytest.raises(fixtures.FixtureMissing, match="changed since tools/fixtures built it"):
        fx.verify("kernel")
    with pytest.raises(fixtures.FixtureMissing, match="gone.cpio is missing .* run tools/fixtures"):
        fx.initramfs
    with pytest.raises(fixtures.FixtureMissing, match="'initramfs_shell' is not in"):
        fx.initramfs_shell
