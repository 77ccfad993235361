#include "pv/crypto/sha.h"

namespace s390vmm::pv {

Sha256Digest Sha256(absl::Span<const uint8_t> data) {
  Sha256Digest out;
  SHA256(data.data(), data.size(), out.data());
  return out;
}

Sha512Digest Sha512(absl::Span<const uint8_t> data) {
  Sha512Digest out;
  SHA512(data.data(), data.size(), out.data());
  return out;
}

Sha512Hasher::Sha512Hasher() { SHA512_Init(&ctx_); }

void Sha512Hasher::Update(absl::Span<const uint8_t> data) { SHA512_Update(&ctx_, data.data(), data.size()); }

Sha512Digest Sha512Hasher::Peek() const {
  // SHA512_Final consumes its context, so finish a copy.
  SHA512_CTX copy = ctx_;
  Sha512Digest out;
  SHA512_Final(out.data(), &copy);
  return out;
}

}  // namespace s390vmm::pv
