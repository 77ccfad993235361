// File: pv/crypto/sha.h
//
// SHA-256 and SHA-512 through BoringSSL. Secure Execution uses SHA-256 for key-slot digests and the KEK
// derivation, and SHA-512 for the page-, address- and tweak-list digests (PLD/ALD/TLD), which the
// Ultravisor accumulates page by page — hence the incremental Sha512Hasher.
#ifndef S390VMM_PV_CRYPTO_SHA_H_
#define S390VMM_PV_CRYPTO_SHA_H_

#include <openssl/sha.h>

#include <array>
#include <cstdint>

#include "absl/types/span.h"

namespace s390vmm::pv {

using Sha256Digest = std::array<uint8_t, 32>;
using Sha512Digest = std::array<uint8_t, 64>;

Sha256Digest Sha256(absl::Span<const uint8_t> data);
Sha512Digest Sha512(absl::Span<const uint8_t> data);

class Sha512Hasher {
 public:
  Sha512Hasher();
  void Update(absl::Span<const uint8_t> data);
  // The digest of everything passed to Update so far; the hasher can keep going afterwards.
  Sha512Digest Peek() const;

 private:
  SHA512_CTX ctx_;
};

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_CRYPTO_SHA_H_
