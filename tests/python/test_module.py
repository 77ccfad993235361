"""The s390vmm Python module: guest memory and machine config, errors as Python exceptions."""

import pytest

import s390vmm


def test_memory_big_endian_round_trip():
    mem = s390vmm.GuestMemory(1 << 20)
    assert mem.size == 1 << 20
    mem.store_u32(0x100, 0x11223344)
    assert mem.read(0x100, 4) == b"\x11\x22\x33\x44"
    mem.write(0x200, b"\xde\xad\xbe\xef\x00\x00\x00\x01")
    assert mem.load_u64(0x200) == 0xDEADBEEF00000001
    assert mem.load_u16(0x202) == 0xBEEF


def test_memory_errors_are_exceptions_with_the_message():
    mem = s390vmm.GuestMemory(1 << 20)
    with pytest.raises(IndexError, match=r"outside guest memory"):
        mem.load_u64((1 << 20) - 4)
    with pytest.raises(IndexError):
        mem.read(0xFFFFFFFFFFFFFFF0, 32)
    with pytest.raises(ValueError, match="not aligned"):
        s390vmm.GuestMemory(4097)
    with pytest.raises(TypeError):
        mem.store_u8(0, 256)  # does not fit


def test_secure_pages_refuse_host_access():
    mem = s390vmm.GuestMemory(1 << 20, memfd=True)
    mem.set_secure(0x5000, 0x1000)
    assert mem.is_secure(0x5800)
    with pytest.raises(PermissionError, match="secure"):
        mem.read(0x5000, 1)
    mem.set_shared(0x5000, 0x1000)
    assert mem.read(0x5000, 1) == b"\x00"


def test_storage_keys():
    mem = s390vmm.GuestMemory(1 << 20)
    mem.set_storage_key(0x3000, 0x9A)
    assert mem.storage_key(0x3FFF) == 0x9A
    assert mem.storage_key(0x4000) == 0


def test_config_round_trip_and_errors():
    config = s390vmm.MachineConfig()
    assert config.memory_mib == 512
    config.memory_mib = 128
    config.kernel = "/k/vmlinuz"
    config.cmdline = "console=ttysclp0"
    config.accel = "tcg"
    again = s390vmm.MachineConfig.from_text(config.to_text())
    assert again.memory_mib == 128
    assert again.cmdline == "console=ttysclp0"
    again.validate()
    with pytest.raises(ValueError, match=r"<text>:1:"):
        s390vmm.MachineConfig.from_text("memory_mib: lots")
    with pytest.raises(ValueError, match="unknown accelerator"):
        config.accel = "hvf"
    config.cpus = 0
    with pytest.raises(ValueError, match="at least 1 CPU"):
        config.validate()
