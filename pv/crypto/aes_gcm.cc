#include "pv/crypto/aes_gcm.h"

// The sandbox hides /usr/include/android unless @system//:boringssl is a dep; without it <openssl/...> would
// silently resolve to Debian's OpenSSL 3 headers. Fail the build instead.
#include <openssl/base.h>
#ifndef OPENSSL_IS_BORINGSSL
#error "pv/crypto must be built against BoringSSL (@system//:boringssl), not OpenSSL"
#endif

#include <openssl/aead.h>
#include <openssl/err.h>

#include <cstring>

#include "absl/strings/str_format.h"

namespace s390vmm::pv {
namespace {

absl::Status CheckSizes(absl::Span<const uint8_t> key, absl::Span<const uint8_t> iv) {
  if (key.size() != kAesGcmKeySize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("AES-256-GCM key must be %d bytes, not %d", kAesGcmKeySize, key.size()));
  }
  if (iv.size() != kAesGcmIvSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("AES-256-GCM IV must be %d bytes, not %d", kAesGcmIvSize, iv.size()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AesGcmSealed> AesGcmSeal(absl::Span<const uint8_t> key, absl::Span<const uint8_t> iv,
                                        absl::Span<const uint8_t> aad, absl::Span<const uint8_t> plaintext) {
  if (absl::Status s = CheckSizes(key, iv); !s.ok()) return s;
  bssl::ScopedEVP_AEAD_CTX ctx;
  if (!EVP_AEAD_CTX_init(ctx.get(), EVP_aead_aes_256_gcm(), key.data(), key.size(), kAesGcmTagSize, nullptr)) {
    return absl::InternalError("EVP_AEAD_CTX_init (AES-256-GCM) failed");
  }
  AesGcmSealed out;
  out.ciphertext.resize(plaintext.size());
  size_t tag_len = 0;
  // seal_scatter writes the ciphertext and the tag to separate buffers, the layout the SE header uses.
  if (!EVP_AEAD_CTX_seal_scatter(ctx.get(), out.ciphertext.data(), out.tag.data(), &tag_len, out.tag.size(),
                                 iv.data(), iv.size(), plaintext.data(), plaintext.size(), nullptr, 0,
                                 aad.data(), aad.size()) ||
      tag_len != kAesGcmTagSize) {
    return absl::InternalError("AES-256-GCM seal failed");
  }
  return out;
}

absl::StatusOr<std::vector<uint8_t>> AesGcmOpen(absl::Span<const uint8_t> key, absl::Span<const uint8_t> iv,
                                                absl::Span<const uint8_t> aad,
                                                absl::Span<const uint8_t> ciphertext,
                                                absl::Span<const uint8_t> tag) {
  if (absl::Status s = CheckSizes(key, iv); !s.ok()) return s;
  if (tag.size() != kAesGcmTagSize) {
    return absl::InvalidArgumentError(absl::StrFormat("AES-256-GCM tag must be %d bytes", kAesGcmTagSize));
  }
  bssl::ScopedEVP_AEAD_CTX ctx;
  if (!EVP_AEAD_CTX_init(ctx.get(), EVP_aead_aes_256_gcm(), key.data(), key.size(), kAesGcmTagSize, nullptr)) {
    return absl::InternalError("EVP_AEAD_CTX_init (AES-256-GCM) failed");
  }
  std::vector<uint8_t> plaintext(ciphertext.size());
  if (!EVP_AEAD_CTX_open_gather(ctx.get(), plaintext.data(), iv.data(), iv.size(), ciphertext.data(),
                                ciphertext.size(), tag.data(), tag.size(), aad.data(), aad.size())) {
    ERR_clear_error();
    return absl::PermissionDeniedError("GCM tag mismatch");
  }
  return plaintext;
}

}  // namespace s390vmm::pv
