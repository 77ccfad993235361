"""s390vmm.pv: host keys, Secure Execution images, and the software Ultravisor, from Python."""

import pytest

import s390vmm
import se_reference

KERNEL = bytes((i * 7) & 0xff for i in range(0x10000 + 5000))
INITRD = b"\x17" * 9000
PARMLINE = b"console=ttysclp0 rdinit=/init"


@pytest.fixture(scope="module")
def keys():
    ca_key, ca_cert = s390vmm.pv.generate_host_key(common_name="Test CA", is_ca=True, seed="ca")
    host_key, host_doc = s390vmm.pv.generate_host_key(ca_key=ca_key, ca_cert=ca_cert, seed="host")
    return {"ca_key": ca_key, "ca_cert": ca_cert, "host_key": host_key, "host_doc": host_doc}


@pytest.fixture(scope="module")
def image(keys):
    return s390vmm.pv.create_image(KERNEL, [keys["host_doc"]], initrd=INITRD, parmline=PARMLINE,
                                   ca_certs=[keys["ca_cert"]])


def test_generated_keys_are_pem(keys):
    assert keys["host_key"].startswith(b"-----BEGIN PRIVATE KEY-----")
    assert keys["host_doc"].startswith(b"-----BEGIN CERTIFICATE-----")
    # Seeded generation is reproducible (test keys only).
    assert s390vmm.pv.generate_host_key(seed="host", ca_key=keys["ca_key"], ca_cert=keys["ca_cert"])[0] == \
        keys["host_key"]


def test_info_needs_no_key(image):
    info = s390vmm.pv.info(image)
    assert info["header"]["magic"] == "IBMSecEx"
    assert info["header"]["phs"] == 640
    assert info["header"]["nks"] == 1
    assert [c["type"] for c in info["components"]] == ["kernel", "parmline", "initrd", "stage3b"]
    assert info["ipl_psw"] == "0x0008000180011000"
    assert "SE header" in s390vmm.pv.info_text(image)


def test_unpack_returns_the_inputs(keys, image):
    out = s390vmm.pv.unpack(image, [keys["host_key"]])
    assert out["kernel"] == KERNEL
    assert out["initrd"] == INITRD
    assert out["parmline"] == PARMLINE
    assert out["exact_sizes"]
    assert out["kernel_psw"] == (0x0000000180000000, 0x10000)
    summary = s390vmm.pv.verify(image, [keys["host_key"]])
    assert summary["pages"] == 17 + 2 + 1 + 3  # kernel 17 pages, initrd 3, parmline 1, stage3b 1
    assert "kernel" not in summary


def test_independent_reference_reads_our_image(keys, image):
    pytest.importorskip("cryptography", reason="the independent reference needs python3-cryptography")
    ref = se_reference.open_image(image, keys["host_key"])
    assert ref["digests_match"]
    assert ref["nep"] == ref["pages"] == 23
    types = [t for t, _, _ in ref["components"]]
    assert types == [0, 1, 2, 3]
    assert ref["components"][0][2][:len(KERNEL)] == KERNEL
    assert ref["components"][1][2][:len(PARMLINE)] == PARMLINE
    assert ref["psw"] == (0x0000000180000000, ref["components"][3][1])  # the UV starts stage3b


def test_errors_are_exceptions_with_the_cause(keys, image):
    other_key, other_doc = s390vmm.pv.generate_host_key(seed="other")
    with pytest.raises(RuntimeError, match="not built for this host"):
        s390vmm.pv.unpack(image, [other_key])
    # The other document is self-signed, not issued by the CA.
    with pytest.raises(PermissionError, match="failed verification"):
        s390vmm.pv.create_image(KERNEL, [other_doc], ca_certs=[keys["ca_cert"]])
    with pytest.raises(RuntimeError, match="--no-verify"):
        s390vmm.pv.create_image(KERNEL, [other_doc])
    with pytest.warns(UserWarning, match="verification is disabled"):
        s390vmm.pv.create_image(KERNEL, [other_doc], no_verify=True)
    with pytest.raises(ValueError, match="at least 64 KiB"):
        s390vmm.pv.create_image(b"tiny", [other_doc], no_verify=True)
    with pytest.raises(ValueError, match="no SE header"):
        s390vmm.pv.info(b"\x00\x08" + bytes(0x30000))  # a short PSW, but no header
    with pytest.raises(ValueError, match="is not an unencrypted PEM or DER private key"):
        s390vmm.pv.verify(image, [b"junk"])
    bad = bytearray(image)
    bad[0x13000 + 0x30 + 7] ^= 1  # nep, an authenticated header field
    with pytest.raises(PermissionError, match="authentication failed"):
        s390vmm.pv.verify(bytes(bad), [keys["host_key"]])
