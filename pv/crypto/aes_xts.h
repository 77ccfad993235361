// File: pv/crypto/aes_xts.h
//
// XTS-AES (IEEE 1619-2007 / NIST SP 800-38E) over BoringSSL's AES block primitive. BoringSSL has no XTS
// mode, so this file does the mode's own work only: encrypting the tweak with key 2, the GF(2^128)
// multiplication by alpha between blocks, and ciphertext stealing for a partial final block. Every AES
// block operation is BoringSSL's AES_encrypt/AES_decrypt.
//
// Secure Execution encrypts each 4 KiB page of every image component as one XTS data unit with a 64-byte
// key (AES-256-XTS) and a 16-byte tweak = component tweak prefix (8 bytes BE) || byte offset in the
// component (8 bytes BE). 32-byte keys (AES-128-XTS) are accepted so the IEEE 1619 vectors for both key
// sizes can be run.
//
//   ASSIGN_OR_RETURN(AesXts xts, AesXts::Create(key64));
//   RETURN_IF_ERROR(xts.Decrypt(tweak, page, page));   // in place
#ifndef S390VMM_PV_CRYPTO_AES_XTS_H_
#define S390VMM_PV_CRYPTO_AES_XTS_H_

#include <openssl/aes.h>

#include <array>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace s390vmm::pv {

using XtsTweak = std::array<uint8_t, 16>;

class AesXts {
 public:
  // `key` = key1 || key2 (32 or 64 bytes). Rejects other sizes and equal halves (SP 800-38E requires
  // Key1 != Key2; OpenSSL refuses such keys too, so an image built with them would not be portable).
  static absl::StatusOr<AesXts> Create(absl::Span<const uint8_t> key);

  AesXts(const AesXts&) = default;
  AesXts& operator=(const AesXts&) = default;
  ~AesXts();

  // Transforms one data unit of at least 16 bytes; a length that is not a multiple of 16 uses ciphertext
  // stealing. `out` must be as long as `in`; it may be the same buffer (in place) but must not otherwise
  // overlap it.
  absl::Status Encrypt(const XtsTweak& tweak, absl::Span<const uint8_t> in, absl::Span<uint8_t> out) const;
  absl::Status Decrypt(const XtsTweak& tweak, absl::Span<const uint8_t> in, absl::Span<uint8_t> out) const;

 private:
  AesXts() = default;
  absl::Status Check(absl::Span<const uint8_t> in, absl::Span<uint8_t> out) const;

  AES_KEY data_encrypt_;  // key1, encryption schedule
  AES_KEY data_decrypt_;  // key1, decryption schedule
  AES_KEY tweak_encrypt_;  // key2 (the tweak is only ever encrypted)
};

// IEEE 1619 tweak for a data-unit sequence number: the number as a 128-bit little-endian integer.
XtsTweak XtsTweakFromSequenceNumber(uint64_t data_unit);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_CRYPTO_AES_XTS_H_
