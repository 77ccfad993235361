"""An independent reading of the Secure Execution format, written from the facts (docs/facts/
pv-secure-execution.md) with Python's `cryptography` package: it opens a header with a host private key and
decrypts and hashes the components exactly as an Ultravisor does. The tests use it to check images built
by s390vmm without going through s390vmm's own C++ code."""

import hashlib
import struct

HEAD, SLOT, TAG = 416, 80, 16


def open_image(image: bytes, host_key_pem: bytes) -> dict:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    host = serialization.load_pem_private_key(host_key_pem, password=None)
    # The header is the page-aligned "IBMSecEx" after stage3a; the IPIB is the page before it.
    hdr = next(off for off in range(0x11000, len(image), 0x1000) if image[off:off + 8] == b"IBMSecEx")
    phs, = struct.unpack(">I", image[hdr + 12:hdr + 16])
    h = image[hdr:hdr + phs]
    nks, sea, nep, pcf = struct.unpack(">QQQQ", h[0x20:0x40])
    assert phs == HEAD + SLOT * nks + sea + TAG
    x = int.from_bytes(h[0x40:0x90], "big")
    y = int.from_bytes(h[0x90:0xe0], "big")
    cust = ec.EllipticCurvePublicNumbers(x, y, ec.SECP521R1()).public_key()
    pub = host.public_key().public_numbers()
    digest = hashlib.sha256(pub.x.to_bytes(80, "big") + pub.y.to_bytes(80, "big")).digest()
    slots = [h[HEAD + SLOT * i:HEAD + SLOT * (i + 1)] for i in range(nks)]
    slot = next(s for s in slots if s[:32] == digest)
    z = host.exchange(ec.ECDH(), cust)  # x coordinate, 66 bytes
    kek = hashlib.sha256(z + b"\x00\x00\x00\x01").digest()
    header_key = AESGCM(kek).decrypt(b"\x00" * 12, slot[32:80], None)
    aad_end = HEAD + SLOT * nks
    secret = AESGCM(header_key).decrypt(h[0x10:0x1c], h[aad_end:phs], h[:aad_end])
    xts_key = secret[32:96]
    psw_mask, psw_addr = struct.unpack(">QQ", secret[96:112])
    ipib = hdr - 0x1000
    num, = struct.unpack(">I", image[ipib + 8 + 0x6c:ipib + 8 + 0x70])
    comps = [struct.unpack(">QQQ", image[ipib + 8 + 0x80 + 24 * i:ipib + 8 + 0x80 + 24 * (i + 1)])
             for i in range(num)]
    pld, ald, tld = hashlib.sha512(), hashlib.sha512(), hashlib.sha512()
    plain, pages = [], 0
    for prefix, addr, length in comps:
        data = b""
        for off in range(0, length, 4096):
            page = image[addr + off:addr + off + 4096]
            tweak = struct.pack(">QQ", prefix, off)
            pld.update(page)
            ald.update(struct.pack(">Q", addr + off))
            tld.update(tweak)
            if not pcf & 0x10000000:
                dec = Cipher(algorithms.AES(xts_key), modes.XTS(tweak)).decryptor()
                page = dec.update(page) + dec.finalize()
            data += page
            pages += 1
        plain.append((prefix >> 48, addr, data))
    return {
        "nep": nep, "pages": pages, "psw": (psw_mask, psw_addr),
        "digests_match": (pld.digest(), ald.digest(), tld.digest()) == (h[0xe0:0x120], h[0x120:0x160], h[0x160:0x1a0]),
        "components": plain,
    }
