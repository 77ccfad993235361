// File: memory/guest_address.h
//
// Strong types for addresses. A guest absolute address (what the channel subsystem, loaders and the
// Ultravisor see, and what a CPU produces after prefixing) is a `GuestAddress`; a pointer into the VMM's
// own address space is a `HostAddress`. They never convert implicitly into each other or into integers.
//
// Like rust-vmm's vm-memory, there is no operator+: callers say whether overflow is possible
// (`CheckedAdd`, returns nullopt on wrap past 2^64) or wraps architecturally (`WrappingAdd`).
#ifndef S390VMM_MEMORY_GUEST_ADDRESS_H_
#define S390VMM_MEMORY_GUEST_ADDRESS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"

namespace s390vmm {

// Size of a z/Architecture page frame, the unit of storage keys and of secure/shared ownership.
inline constexpr uint64_t kPageSize = 4096;
inline constexpr int kPageShift = 12;

class GuestAddress {
 public:
  constexpr GuestAddress() = default;
  constexpr explicit GuestAddress(uint64_t value) : value_(value) {}

  constexpr uint64_t value() const { return value_; }

  // this + len, or nullopt if the sum passes 2^64 - 1.
  constexpr std::optional<GuestAddress> CheckedAdd(uint64_t len) const {
    uint64_t sum = value_ + len;
    if (sum < value_) return std::nullopt;
    return GuestAddress(sum);
  }
  // this + len modulo 2^64 (the architecture's wraparound).
  constexpr GuestAddress WrappingAdd(uint64_t len) const { return GuestAddress(value_ + len); }
  // Bytes from `base` to this; requires base <= this.
  constexpr uint64_t OffsetFrom(GuestAddress base) const { return value_ - base.value_; }

  constexpr GuestAddress PageBase() const { return GuestAddress(value_ & ~(kPageSize - 1)); }
  constexpr uint64_t PageOffset() const { return value_ & (kPageSize - 1); }
  constexpr uint64_t PageIndex() const { return value_ >> kPageShift; }
  constexpr bool IsAligned(uint64_t alignment) const { return (value_ & (alignment - 1)) == 0; }

  friend constexpr bool operator==(GuestAddress a, GuestAddress b) { return a.value_ == b.value_; }
  friend constexpr bool operator!=(GuestAddress a, GuestAddress b) { return a.value_ != b.value_; }
  friend constexpr bool operator<(GuestAddress a, GuestAddress b) { return a.value_ < b.value_; }
  friend constexpr bool operator<=(GuestAddress a, GuestAddress b) { return a.value_ <= b.value_; }
  friend constexpr bool operator>(GuestAddress a, GuestAddress b) { return a.value_ > b.value_; }
  friend constexpr bool operator>=(GuestAddress a, GuestAddress b) { return a.value_ >= b.value_; }

  template <typename H>
  friend H AbslHashValue(H h, GuestAddress a) {
    return H::combine(std::move(h), a.value_);
  }

  std::string ToString() const { return absl::StrFormat("0x%x", value_); }

 private:
  uint64_t value_ = 0;
};

// A location in the VMM process. Only memory/ turns one into a pointer.
class HostAddress {
 public:
  constexpr HostAddress() = default;
  explicit HostAddress(void* p) : value_(reinterpret_cast<uintptr_t>(p)) {}
  constexpr uintptr_t value() const { return value_; }
  void* ToPointer() const { return reinterpret_cast<void*>(value_); }
  friend constexpr bool operator==(HostAddress a, HostAddress b) { return a.value_ == b.value_; }
  friend constexpr bool operator!=(HostAddress a, HostAddress b) { return a.value_ != b.value_; }

 private:
  uintptr_t value_ = 0;
};

}  // namespace s390vmm

#endif  // S390VMM_MEMORY_GUEST_ADDRESS_H_
