// File: pv/se_header/se_header.h
//
// The Secure Execution header ("PV header", version 1) as IBM's genprotimg writes it and the Ultravisor
// reads it: pure format, no cryptography (see se_header_crypto.h). Everything is big-endian and packed.
//
//   0x000  head (416 bytes, authenticated):  magic "IBMSecEx", version 0x100, phs, IV[12], res1, nks, sea,
//          nep, pcf, customer public key (P-521 X80 || Y80), PLD, ALD, TLD (SHA-512 each)
//   0x1a0  nks key slots (80 bytes each, authenticated): SHA-256 of the host public key, wrapped header
//          key[32], GCM tag[16]
//          encrypted part (sea bytes, AES-256-GCM): customer communication key[32], XTS key[64], PSW (mask,
//          address), scf, noi, res2, optional items
//   phs-16 GCM tag over head + key slots (AAD) and the encrypted part
//   phs = 416 + 80 * nks + sea + 16
//
// ParseSeHeader validates every length and count before it touches the bytes they describe, so it is safe
// on untrusted input (an image file, guest memory); it is fuzzed (se_header_fuzz.cc).
#ifndef S390VMM_PV_SE_HEADER_SE_HEADER_H_
#define S390VMM_PV_SE_HEADER_SE_HEADER_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace s390vmm::pv {

inline constexpr uint64_t kSeMagic = 0x49424d5365634578;  // "IBMSecEx"
inline constexpr uint32_t kSeVersion1 = 0x00000100;
inline constexpr size_t kSeHeadSize = 416;
inline constexpr size_t kSeKeySlotSize = 80;
inline constexpr size_t kSeEncryptedFixedSize = 128;  // the encrypted part without optional items
inline constexpr size_t kSeTagSize = 16;
inline constexpr size_t kSeMinHeaderSize = kSeHeadSize + kSeKeySlotSize + kSeEncryptedFixedSize + kSeTagSize;
// genprotimg v1 limit: the header fits in two pages.
inline constexpr size_t kSeMaxHeaderSize = 8192;
inline constexpr uint64_t kSeMaxKeySlots = (kSeMaxHeaderSize - kSeHeadSize - kSeEncryptedFixedSize - kSeTagSize) /
                                           kSeKeySlotSize;

// Plaintext control flags (pcf). genprotimg 2.16 knows only this one; the Ultravisor must not decrypt the
// components of such an image (they are stored in the clear).
inline constexpr uint64_t kPcfNoDecryption = 0x10000000;

// Offsets in the head, for tests and tools that point at a field.
namespace se_offsets {
inline constexpr size_t kMagic = 0x000, kVersion = 0x008, kPhs = 0x00c, kIv = 0x010, kRes1 = 0x01c,
                        kNks = 0x020, kSea = 0x028, kNep = 0x030, kPcf = 0x038, kCustPubKey = 0x040,
                        kPld = 0x0e0, kAld = 0x120, kTld = 0x160, kKeySlots = 0x1a0;
}  // namespace se_offsets

using SeDigest = std::array<uint8_t, 64>;

struct SeKeySlot {
  std::array<uint8_t, 32> digest_key{};   // SHA-256 of the host public key (X80 || Y80)
  std::array<uint8_t, 32> wrapped_key{};  // AES-256-GCM(KEK, IV 0^12) of the 32-byte header key
  std::array<uint8_t, 16> tag{};
  friend bool operator==(const SeKeySlot& a, const SeKeySlot& b) {
    return a.digest_key == b.digest_key && a.wrapped_key == b.wrapped_key && a.tag == b.tag;
  }
};

// Initial PSW the Ultravisor loads when the secure configuration starts (z/Architecture 16-byte PSW).
struct SePsw {
  uint64_t mask = 0;
  uint64_t addr = 0;
  friend bool operator==(const SePsw& a, const SePsw& b) { return a.mask == b.mask && a.addr == b.addr; }
};

// The header as stored: the authenticated plaintext fields, the encrypted part as opaque bytes, the tag.
struct SeHeader {
  uint32_t version = kSeVersion1;
  uint32_t phs = 0;
  std::array<uint8_t, 12> iv{};
  uint32_t res1 = 0;
  uint64_t nks = 0;
  uint64_t sea = 0;
  uint64_t nep = 0;
  uint64_t pcf = 0;
  std::array<uint8_t, 160> cust_pub_key{};
  SeDigest pld{};
  SeDigest ald{};
  SeDigest tld{};
  std::vector<SeKeySlot> key_slots;
  std::vector<uint8_t> encrypted;  // sea bytes of ciphertext
  std::array<uint8_t, kSeTagSize> tag{};
};

// The encrypted part after decryption.
struct SeSecrets {
  std::array<uint8_t, 32> cust_comm_key{};
  std::array<uint8_t, 64> xts_key{};  // img_enc_key_1 || img_enc_key_2
  SePsw psw;
  uint64_t scf = 0;
  uint32_t noi = 0;
  uint32_t res2 = 0;
  std::vector<uint8_t> optional_items;  // sea - 128 bytes; genprotimg 2.16 writes none

  // Wipes the keys (the struct holds secrets).
  ~SeSecrets();
  SeSecrets() = default;
  SeSecrets(const SeSecrets&) = default;
  SeSecrets& operator=(const SeSecrets&) = default;
  SeSecrets(SeSecrets&&) = default;
  SeSecrets& operator=(SeSecrets&&) = default;
};

// 416 + 80 * nks + sea + 16, or nullopt-like error when the sum overflows or exceeds the v1 limit.
absl::StatusOr<uint64_t> SeHeaderSizeFor(uint64_t nks, uint64_t sea);

// Reads phs from the first bytes of a header after checking magic and version (enough to know how much
// to read). Fails on fewer than 16 bytes.
absl::StatusOr<uint32_t> PeekSeHeaderSize(absl::Span<const uint8_t> bytes);

// Parses exactly one header; `bytes.size()` must equal phs. Messages start with "SE header: ".
absl::StatusOr<SeHeader> ParseSeHeader(absl::Span<const uint8_t> bytes);

// Serializes; fails when the counts and sizes stored in `header` disagree with its contents
// (nks != key_slots.size(), sea != encrypted.size(), phs != the size rule).
absl::StatusOr<std::vector<uint8_t>> SerializeSeHeader(const SeHeader& header);

// The authenticated-but-not-encrypted prefix of a serialized header (head + key slots): the GCM AAD.
absl::Span<const uint8_t> SeHeaderAad(absl::Span<const uint8_t> serialized, const SeHeader& header);

// The encrypted part: parse after decryption (validates sea >= 128, sea % 16 == 0 and noi against the
// optional-item bytes), serialize before encryption.
absl::StatusOr<SeSecrets> ParseSeSecrets(absl::Span<const uint8_t> plaintext);
std::vector<uint8_t> SerializeSeSecrets(const SeSecrets& secrets);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_SE_HEADER_SE_HEADER_H_
