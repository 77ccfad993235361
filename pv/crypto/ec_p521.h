// File: pv/crypto/ec_p521.h
//
// NIST P-521 (secp521r1) keys, ECDH and the key-slot KEK derivation of Secure Execution, through
// BoringSSL. The SE header carries public keys as X || Y, each coordinate big-endian and left-padded
// with zeros from 66 to 80 bytes ("SE format", 160 bytes). Every public key taken from outside (an SE
// header, a host-key document) is validated: padding zero, coordinates below p, point on the curve and
// not the point at infinity.
//
// Key slot of a header (facts §2):  Z = x(cust_priv * host_pub)  (66 bytes, big-endian)
//                                   KEK = SHA-256(Z || 00 00 00 01)   (ANSI X9.63 KDF, one block)
#ifndef S390VMM_PV_CRYPTO_EC_P521_H_
#define S390VMM_PV_CRYPTO_EC_P521_H_

#include <openssl/ec_key.h>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pv/crypto/random_source.h"

namespace s390vmm::pv {

inline constexpr size_t kP521CoordinateSize = 66;
inline constexpr size_t kSeCoordinateSize = 80;
inline constexpr size_t kSePublicKeySize = 2 * kSeCoordinateSize;

using SePublicKeyBytes = std::array<uint8_t, kSePublicKeySize>;
using EcdhSharedSecret = std::array<uint8_t, kP521CoordinateSize>;
using P521Scalar = std::array<uint8_t, kP521CoordinateSize>;
using KeySlotKek = std::array<uint8_t, 32>;

class P521PublicKey {
 public:
  // X80 || Y80 as in the SE header.
  static absl::StatusOr<P521PublicKey> FromSeFormat(absl::Span<const uint8_t> bytes);
  // X9.62 uncompressed point: 04 || X66 || Y66.
  static absl::StatusOr<P521PublicKey> FromUncompressedPoint(absl::Span<const uint8_t> bytes);
  // Takes a reference to `key`'s public point; fails unless the key is on P-521.
  static absl::StatusOr<P521PublicKey> FromEcKey(const EC_KEY* key);

  SePublicKeyBytes ToSeFormat() const;
  const EC_KEY* ec_key() const { return key_.get(); }

  friend bool operator==(const P521PublicKey& a, const P521PublicKey& b) {
    return a.ToSeFormat() == b.ToSeFormat();
  }

 private:
  explicit P521PublicKey(std::shared_ptr<EC_KEY> key) : key_(std::move(key)) {}
  // Keys are immutable once built, so copies share one EC_KEY.
  std::shared_ptr<EC_KEY> key_;
};

class P521PrivateKey {
 public:
  // A uniformly random scalar in [1, n-1] drawn from `rng` by rejection sampling, so a seeded source gives a
  // reproducible key.
  static absl::StatusOr<P521PrivateKey> Generate(RandomSource& rng);
  // A big-endian scalar in [1, n-1].
  static absl::StatusOr<P521PrivateKey> FromScalar(absl::Span<const uint8_t> scalar);
  // Takes ownership; fails unless the key is a valid P-521 private key.
  static absl::StatusOr<P521PrivateKey> FromEcKey(bssl::UniquePtr<EC_KEY> key);

  P521PublicKey public_key() const;
  P521Scalar scalar() const;
  const EC_KEY* ec_key() const { return key_.get(); }

  // Z = x-coordinate of (this * peer), 66 bytes big-endian.
  absl::StatusOr<EcdhSharedSecret> Ecdh(const P521PublicKey& peer) const;

 private:
  explicit P521PrivateKey(std::shared_ptr<EC_KEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EC_KEY> key_;
};

// ANSI X9.63 KDF with SHA-256: SHA-256(Z || counter_be32 || shared_info) for counter = 1, 2, ...
// concatenated and truncated to `length` bytes.
std::vector<uint8_t> X963KdfSha256(absl::Span<const uint8_t> secret, absl::Span<const uint8_t> shared_info,
                                   size_t length);

// The key-slot KEK of an SE header: X9.63/SHA-256 of Z, no shared info, 32 bytes.
KeySlotKek DeriveKeySlotKek(const EcdhSharedSecret& z);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_CRYPTO_EC_P521_H_
