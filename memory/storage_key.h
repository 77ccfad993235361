// File: memory/storage_key.h
//
// The storage key of one 4 KiB frame (PoP "Storage Key"): access-control bits ACC (0-3), fetch-protection
// bit F (4), reference bit R (5), change bit C (6). The byte layout is the one SSKE takes and ISKE
// returns (bits 56-62 of the register), so the CPU moves keys to and from registers without reshuffling.
#ifndef S390VMM_MEMORY_STORAGE_KEY_H_
#define S390VMM_MEMORY_STORAGE_KEY_H_

#include <cstdint>

namespace s390vmm {

class StorageKey {
 public:
  static constexpr uint8_t kAccMask = 0xf0;
  static constexpr uint8_t kFetchProtection = 0x08;
  static constexpr uint8_t kReference = 0x04;
  static constexpr uint8_t kChange = 0x02;
  static constexpr uint8_t kValidBits = 0xfe;  // bit 7 of the byte is not part of the key

  constexpr StorageKey() = default;
  // From the SSKE/ISKE byte; the unused low bit is dropped.
  constexpr explicit StorageKey(uint8_t byte) : byte_(byte & kValidBits) {}
  static constexpr StorageKey Make(uint8_t acc, bool fetch_protected, bool referenced, bool changed) {
    return StorageKey(static_cast<uint8_t>((acc & 0xf) << 4 | (fetch_protected ? kFetchProtection : 0) |
                                           (referenced ? kReference : 0) | (changed ? kChange : 0)));
  }

  constexpr uint8_t byte() const { return byte_; }
  constexpr uint8_t acc() const { return byte_ >> 4; }
  constexpr bool fetch_protected() const { return byte_ & kFetchProtection; }
  constexpr bool referenced() const { return byte_ & kReference; }
  constexpr bool changed() const { return byte_ & kChange; }

  friend constexpr bool operator==(StorageKey a, StorageKey b) { return a.byte_ == b.byte_; }
  friend constexpr bool operator!=(StorageKey a, StorageKey b) { return a.byte_ != b.byte_; }

 private:
  uint8_t byte_ = 0;
};

}  // namespace s390vmm

#endif  // S390VMM_MEMORY_STORAGE_KEY_H_
