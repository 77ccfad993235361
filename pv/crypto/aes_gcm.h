// File: pv/crypto/aes_gcm.h
//
// AES-256-GCM with a 96-bit IV and a 128-bit tag, through BoringSSL's EVP_AEAD. Secure Execution uses it
// twice: to wrap the header key in every key slot (KEK, IV = 0^12, no AAD) and to encrypt and authenticate
// the header's secret part (header key, header IV, AAD = head + key slots).
#ifndef S390VMM_PV_CRYPTO_AES_GCM_H_
#define S390VMM_PV_CRYPTO_AES_GCM_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace s390vmm::pv {

inline constexpr size_t kAesGcmKeySize = 32;
inline constexpr size_t kAesGcmIvSize = 12;
inline constexpr size_t kAesGcmTagSize = 16;

using AesGcmTag = std::array<uint8_t, kAesGcmTagSize>;

struct AesGcmSealed {
  std::vector<uint8_t> ciphertext;  // as long as the plaintext
  AesGcmTag tag;
};

// Fails only on wrong key/IV sizes (InvalidArgument).
absl::StatusOr<AesGcmSealed> AesGcmSeal(absl::Span<const uint8_t> key, absl::Span<const uint8_t> iv,
                                        absl::Span<const uint8_t> aad, absl::Span<const uint8_t> plaintext);

// The plaintext, or PermissionDenied "GCM tag mismatch" when the key, IV, AAD, ciphertext or tag differ
// from what was sealed (callers prefix what was being authenticated).
absl::StatusOr<std::vector<uint8_t>> AesGcmOpen(absl::Span<const uint8_t> key, absl::Span<const uint8_t> iv,
                                                absl::Span<const uint8_t> aad,
                                                absl::Span<const uint8_t> ciphertext,
                                                absl::Span<const uint8_t> tag);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_CRYPTO_AES_GCM_H_
