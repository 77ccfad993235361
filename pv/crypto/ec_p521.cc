#include "pv/crypto/ec_p521.h"

#include <openssl/base.h>
#ifndef OPENSSL_IS_BORINGSSL
#error "pv/crypto must be built against BoringSSL (@system//:boringssl), not OpenSSL"
#endif

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdh.h>
#include <openssl/err.h>
#include <openssl/mem.h>
#include <openssl/nid.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/big_endian.h"

namespace s390vmm::pv {
namespace {

constexpr size_t kPadding = kSeCoordinateSize - kP521CoordinateSize;

std::shared_ptr<EC_KEY> Share(EC_KEY* key) { return std::shared_ptr<EC_KEY>(key, EC_KEY_free); }

// The BoringSSL error queue's first reason, for messages; clears the queue.
std::string SslReason() {
  uint32_t err = ERR_get_error();
  ERR_clear_error();
  if (err == 0) return "unknown reason";
  const char* reason = ERR_reason_error_string(err);
  return reason ? reason : "unknown reason";
}

bool IsP521(const EC_KEY* key) {
  return key != nullptr && EC_KEY_get0_group(key) != nullptr &&
         EC_GROUP_get_curve_name(EC_KEY_get0_group(key)) == NID_secp521r1;
}

// Builds a public key from affine coordinates; BoringSSL rejects coordinates >= p and points off the
// curve, EC_KEY_check_key the point at infinity.
absl::StatusOr<std::shared_ptr<EC_KEY>> KeyFromCoordinates(const uint8_t* x, const uint8_t* y) {
  bssl::UniquePtr<EC_KEY> key(EC_KEY_new_by_curve_name(NID_secp521r1));
  bssl::UniquePtr<BIGNUM> bx(BN_bin2bn(x, kP521CoordinateSize, nullptr));
  bssl::UniquePtr<BIGNUM> by(BN_bin2bn(y, kP521CoordinateSize, nullptr));
  if (!key || !bx || !by) return absl::ResourceExhaustedError("out of memory building a P-521 key");
  if (!EC_KEY_set_public_key_affine_coordinates(key.get(), bx.get(), by.get()) || !EC_KEY_check_key(key.get())) {
    return absl::InvalidArgumentError(absl::StrCat("not a valid P-521 public key (", SslReason(), ")"));
  }
  return Share(key.release());
}

}  // namespace

absl::StatusOr<P521PublicKey> P521PublicKey::FromSeFormat(absl::Span<const uint8_t> bytes) {
  if (bytes.size() != kSePublicKeySize) {
    return absl::InvalidArgumentError(
        absl::StrCat("P-521 public key in SE format must be ", kSePublicKeySize, " bytes, not ", bytes.size()));
  }
  const uint8_t* x = bytes.data();
  const uint8_t* y = bytes.data() + kSeCoordinateSize;
  auto nonzero = [](const uint8_t* p) { return std::any_of(p, p + kPadding, [](uint8_t b) { return b != 0; }); };
  if (nonzero(x) || nonzero(y)) {
    return absl::InvalidArgumentError(
        "not a valid P-521 public key (a coordinate is not left-padded with 14 zero bytes)");
  }
  auto key = KeyFromCoordinates(x + kPadding, y + kPadding);
  if (!key.ok()) return key.status();
  return P521PublicKey(*std::move(key));
}

absl::StatusOr<P521PublicKey> P521PublicKey::FromUncompressedPoint(absl::Span<const uint8_t> bytes) {
  if (bytes.size() != 1 + 2 * kP521CoordinateSize || bytes[0] != 0x04) {
    return absl::InvalidArgumentError("not an uncompressed P-521 point (04 || X66 || Y66)");
  }
  auto key = KeyFromCoordinates(bytes.data() + 1, bytes.data() + 1 + kP521CoordinateSize);
  if (!key.ok()) return key.status();
  return P521PublicKey(*std::move(key));
}

absl::StatusOr<P521PublicKey> P521PublicKey::FromEcKey(const EC_KEY* key) {
  if (!IsP521(key) || EC_KEY_get0_public_key(key) == nullptr) {
    return absl::InvalidArgumentError("the key is not an EC key on curve P-521 (secp521r1)");
  }
  bssl::UniquePtr<EC_KEY> copy(EC_KEY_new_by_curve_name(NID_secp521r1));
  if (!copy || !EC_KEY_set_public_key(copy.get(), EC_KEY_get0_public_key(key)) ||
      !EC_KEY_check_key(copy.get())) {
    return absl::InvalidArgumentError(absl::StrCat("not a valid P-521 public key (", SslReason(), ")"));
  }
  return P521PublicKey(Share(copy.release()));
}

SePublicKeyBytes P521PublicKey::ToSeFormat() const {
  SePublicKeyBytes out{};
  bssl::UniquePtr<BIGNUM> x(BN_new());
  bssl::UniquePtr<BIGNUM> y(BN_new());
  const EC_GROUP* group = EC_KEY_get0_group(key_.get());
  // Cannot fail for a key that passed validation.
  EC_POINT_get_affine_coordinates_GFp(group, EC_KEY_get0_public_key(key_.get()), x.get(), y.get(), nullptr);
  BN_bn2bin_padded(out.data(), kSeCoordinateSize, x.get());
  BN_bn2bin_padded(out.data() + kSeCoordinateSize, kSeCoordinateSize, y.get());
  return out;
}

absl::StatusOr<P521PrivateKey> P521PrivateKey::Generate(RandomSource& rng) {
  // 521-bit candidates: the top byte of a 66-byte big-endian number keeps one bit. n is just below 2^521,
  // so a rejection is rare; 64 in a row means the source is broken.
  for (int attempt = 0; attempt < 64; ++attempt) {
    P521Scalar d;
    if (absl::Status s = rng.Fill(absl::MakeSpan(d)); !s.ok()) return s;
    d[0] &= 0x01;
    auto key = FromScalar(d);
    OPENSSL_cleanse(d.data(), d.size());
    if (key.ok()) return key;
  }
  return absl::InternalError("random source produced no valid P-521 scalar in 64 attempts");
}

absl::StatusOr<P521PrivateKey> P521PrivateKey::FromScalar(absl::Span<const uint8_t> scalar) {
  if (scalar.size() != kP521CoordinateSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("P-521 scalar must be ", kP521CoordinateSize, " bytes, not ", scalar.size()));
  }
  bssl::UniquePtr<EC_KEY> key(EC_KEY_new_by_curve_name(NID_secp521r1));
  bssl::UniquePtr<BIGNUM> d(BN_bin2bn(scalar.data(), scalar.size(), nullptr));
  if (!key || !d) return absl::ResourceExhaustedError("out of memory building a P-521 key");
  const EC_GROUP* group = EC_KEY_get0_group(key.get());
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group)) >= 0) {
    return absl::InvalidArgumentError("P-521 scalar is not in [1, n-1]");
  }
  bssl::UniquePtr<EC_POINT> pub(EC_POINT_new(group));
  if (!pub || !EC_POINT_mul(group, pub.get(), d.get(), nullptr, nullptr, nullptr) ||
      !EC_KEY_set_private_key(key.get(), d.get()) || !EC_KEY_set_public_key(key.get(), pub.get())) {
    return absl::InternalError(absl::StrCat("building a P-521 private key failed (", SslReason(), ")"));
  }
  return P521PrivateKey(Share(key.release()));
}

absl::StatusOr<P521PrivateKey> P521PrivateKey::FromEcKey(bssl::UniquePtr<EC_KEY> key) {
  if (!IsP521(key.get())) return absl::InvalidArgumentError("the key is not an EC key on curve P-521 (secp521r1)");
  if (EC_KEY_get0_private_key(key.get()) == nullptr) {
    return absl::InvalidArgumentError("the EC key has no private part");
  }
  if (EC_KEY_get0_public_key(key.get()) == nullptr) {
    // Some encodings omit the public key; recompute it from the scalar.
    P521Scalar d;
    BN_bn2bin_padded(d.data(), d.size(), EC_KEY_get0_private_key(key.get()));
    auto rebuilt = FromScalar(d);
    OPENSSL_cleanse(d.data(), d.size());
    return rebuilt;
  }
  if (!EC_KEY_check_key(key.get())) {
    return absl::InvalidArgumentError(absl::StrCat("inconsistent P-521 private key (", SslReason(), ")"));
  }
  return P521PrivateKey(Share(key.release()));
}

P521PublicKey P521PrivateKey::public_key() const {
  // A private key always carries its validated public point.
  return *P521PublicKey::FromEcKey(key_.get());
}

P521Scalar P521PrivateKey::scalar() const {
  P521Scalar out{};
  BN_bn2bin_padded(out.data(), out.size(), EC_KEY_get0_private_key(key_.get()));
  return out;
}

absl::StatusOr<EcdhSharedSecret> P521PrivateKey::Ecdh(const P521PublicKey& peer) const {
  EcdhSharedSecret z{};
  // Without a KDF, BoringSSL writes the x-coordinate padded to the field size (66 bytes).
  int n = ECDH_compute_key(z.data(), z.size(), EC_KEY_get0_public_key(peer.ec_key()), key_.get(), nullptr);
  if (n != static_cast<int>(z.size())) {
    return absl::InternalError(absl::StrCat("P-521 ECDH failed (", SslReason(), ")"));
  }
  return z;
}

std::vector<uint8_t> X963KdfSha256(absl::Span<const uint8_t> secret, absl::Span<const uint8_t> shared_info,
                                   size_t length) {
  std::vector<uint8_t> out;
  out.reserve(length + SHA256_DIGEST_LENGTH);
  for (uint32_t counter = 1; out.size() < length; ++counter) {
    uint8_t be_counter[4];
    StoreBigEndian<uint32_t>(be_counter, counter);
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, secret.data(), secret.size());
    SHA256_Update(&ctx, be_counter, sizeof(be_counter));
    SHA256_Update(&ctx, shared_info.data(), shared_info.size());
    uint8_t block[SHA256_DIGEST_LENGTH];
    SHA256_Final(block, &ctx);
    out.insert(out.end(), block, block + sizeof(block));
    OPENSSL_cleanse(block, sizeof(block));
  }
  out.resize(length);
  return out;
}

KeySlotKek DeriveKeySlotKek(const EcdhSharedSecret& z) {
  std::vector<uint8_t> kek = X963KdfSha256(z, {}, sizeof(KeySlotKek));
  KeySlotKek out;
  std::memcpy(out.data(), kek.data(), out.size());
  OPENSSL_cleanse(kek.data(), kek.size());
  return out;
}

}  // namespace s390vmm::pv
