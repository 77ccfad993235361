#include "pv/crypto/aes_xts.h"

#include <openssl/mem.h>

#include <cstring>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"

namespace s390vmm::pv {
namespace {

constexpr size_t kBlock = 16;

// IEEE 1619 treats a 16-byte tweak block as a 128-bit integer with byte 0 least significant.
uint64_t LoadLittleEndian64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) v = ByteSwap(v);
  return v;
}
void StoreLittleEndian64(uint8_t* p, uint64_t v) {
  if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) v = ByteSwap(v);
  std::memcpy(p, &v, sizeof(v));
}

// T <- T * alpha in GF(2^128) (IEEE 1619-2007 section 5.2): a one-bit left shift of the little-endian
// integer; the bit shifted out of position 127 is reduced by x^128 = x^7 + x^2 + x + 1, i.e. XOR 0x87
// into the lowest byte.
void MultiplyByAlpha(uint8_t t[kBlock]) {
  uint64_t lo = LoadLittleEndian64(t);
  uint64_t hi = LoadLittleEndian64(t + 8);
  uint64_t carry = hi >> 63;
  hi = (hi << 1) | (lo >> 63);
  lo = (lo << 1) ^ (carry * 0x87);
  StoreLittleEndian64(t, lo);
  StoreLittleEndian64(t + 8, hi);
}

void Xor16(uint8_t* dst, const uint8_t* a, const uint8_t* b) {
  for (size_t i = 0; i < kBlock; ++i) dst[i] = a[i] ^ b[i];
}

// One XEX block: out = AES_K1(in ^ T) ^ T. `in` and `out` may alias.
void XexBlock(const uint8_t* in, uint8_t* out, const uint8_t t[kBlock], const AES_KEY& key, bool encrypt) {
  uint8_t x[kBlock];
  Xor16(x, in, t);
  if (encrypt) {
    AES_encrypt(x, x, &key);
  } else {
    AES_decrypt(x, x, &key);
  }
  Xor16(out, x, t);
}

}  // namespace

XtsTweak XtsTweakFromSequenceNumber(uint64_t data_unit) {
  XtsTweak t{};
  StoreLittleEndian64(t.data(), data_unit);
  return t;
}

absl::StatusOr<AesXts> AesXts::Create(absl::Span<const uint8_t> key) {
  if (key.size() != 32 && key.size() != 64) {
    return absl::InvalidArgumentError(
        absl::StrFormat("XTS key must be 32 (AES-128-XTS) or 64 (AES-256-XTS) bytes, not %d", key.size()));
  }
  const size_t half = key.size() / 2;
  if (CRYPTO_memcmp(key.data(), key.data() + half, half) == 0) {
    return absl::InvalidArgumentError("XTS key halves are equal (key1 == key2 is not allowed)");
  }
  AesXts xts;
  const unsigned bits = static_cast<unsigned>(half * 8);
  if (AES_set_encrypt_key(key.data(), bits, &xts.data_encrypt_) != 0 ||
      AES_set_decrypt_key(key.data(), bits, &xts.data_decrypt_) != 0 ||
      AES_set_encrypt_key(key.data() + half, bits, &xts.tweak_encrypt_) != 0) {
    return absl::InternalError("AES key schedule failed");
  }
  return xts;
}

AesXts::~AesXts() {
  OPENSSL_cleanse(&data_encrypt_, sizeof(data_encrypt_));
  OPENSSL_cleanse(&data_decrypt_, sizeof(data_decrypt_));
  OPENSSL_cleanse(&tweak_encrypt_, sizeof(tweak_encrypt_));
}

absl::Status AesXts::Check(absl::Span<const uint8_t> in, absl::Span<uint8_t> out) const {
  if (in.size() < kBlock) {
    return absl::InvalidArgumentError(absl::StrFormat("XTS data unit of %d bytes is shorter than one block",
                                                      in.size()));
  }
  if (out.size() != in.size()) {
    return absl::InvalidArgumentError("XTS output length differs from input length");
  }
  const uint8_t* i = in.data();
  const uint8_t* o = out.data();
  if (i != o && i < o + out.size() && o < i + in.size()) {
    return absl::InvalidArgumentError("XTS input and output overlap without being the same buffer");
  }
  return absl::OkStatus();
}

absl::Status AesXts::Encrypt(const XtsTweak& tweak, absl::Span<const uint8_t> in, absl::Span<uint8_t> out) const {
  if (absl::Status s = Check(in, out); !s.ok()) return s;
  uint8_t t[kBlock];
  AES_encrypt(tweak.data(), t, &tweak_encrypt_);
  const size_t full = in.size() / kBlock;
  const size_t tail = in.size() % kBlock;
  // With a partial last block, the last full block takes part in ciphertext stealing.
  const size_t plain = tail ? full - 1 : full;
  for (size_t j = 0; j < plain; ++j) {
    XexBlock(in.data() + j * kBlock, out.data() + j * kBlock, t, data_encrypt_, true);
    MultiplyByAlpha(t);
  }
  if (tail) {
    // IEEE 1619 5.3.2: CC = XEX(P[m-1], T[m-1]); C[m] = first `tail` bytes of CC;
    // C[m-1] = XEX(P[m] || last bytes of CC, T[m]).
    uint8_t cc[kBlock];
    XexBlock(in.data() + plain * kBlock, cc, t, data_encrypt_, true);
    MultiplyByAlpha(t);
    uint8_t pp[kBlock];
    std::memcpy(pp, in.data() + full * kBlock, tail);
    std::memcpy(pp + tail, cc + tail, kBlock - tail);
    std::memcpy(out.data() + full * kBlock, cc, tail);
    XexBlock(pp, out.data() + plain * kBlock, t, data_encrypt_, true);
  }
  OPENSSL_cleanse(t, sizeof(t));
  return absl::OkStatus();
}

absl::Status AesXts::Decrypt(const XtsTweak& tweak, absl::Span<const uint8_t> in, absl::Span<uint8_t> out) const {
  if (absl::Status s = Check(in, out); !s.ok()) return s;
  uint8_t t[kBlock];
  AES_encrypt(tweak.data(), t, &tweak_encrypt_);
  const size_t full = in.size() / kBlock;
  const size_t tail = in.size() % kBlock;
  const size_t plain = tail ? full - 1 : full;
  for (size_t j = 0; j < plain; ++j) {
    XexBlock(in.data() + j * kBlock, out.data() + j * kBlock, t, data_decrypt_, false);
    MultiplyByAlpha(t);
  }
  if (tail) {
    // Undo the stealing: the stored block m-1 was encrypted with T[m], the stolen tail with T[m-1].
    uint8_t t_last[kBlock];
    std::memcpy(t_last, t, kBlock);
    MultiplyByAlpha(t_last);
    uint8_t pp[kBlock];
    XexBlock(in.data() + plain * kBlock, pp, t_last, data_decrypt_, false);
    uint8_t cc[kBlock];
    std::memcpy(cc, in.data() + full * kBlock, tail);
    std::memcpy(cc + tail, pp + tail, kBlock - tail);
    std::memcpy(out.data() + full * kBlock, pp, tail);
    XexBlock(cc, out.data() + plain * kBlock, t, data_decrypt_, false);
    OPENSSL_cleanse(t_last, sizeof(t_last));
  }
  OPENSSL_cleanse(t, sizeof(t));
  return absl::OkStatus();
}

}  // namespace s390vmm::pv
