// File: cpu/psw.h
//
// The z/Architecture program-status word (PoP "Program-Status Word", 128-bit format): the mask in the
// first doubleword, the instruction address in the second. Fields are read and written through typed
// accessors so that no one shifts PSW bits by hand elsewhere.
//
//   bit 1 PER, 5 DAT (T), 6 I/O (IO), 7 external (EX), 8-11 key, 13 machine check (M), 14 wait (W),
//   15 problem state (P), 16-17 address-space control (AS), 18-19 condition code, 20-23 program mask,
//   24 runtime instrumentation (RI), 31 extended addressing (EA), 32 basic addressing (BA).
#ifndef S390VMM_CPU_PSW_H_
#define S390VMM_CPU_PSW_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_format.h"

namespace s390vmm {

enum class AddressingMode : uint8_t { k24 = 0, k31 = 1, k64 = 3 };  // value = EA<<1 | BA

enum class AddressSpaceControl : uint8_t {
  kPrimary = 0,
  kAccessRegister = 1,
  kSecondary = 2,
  kHome = 3,
};

// Bit n of a 64-bit register or PSW doubleword, counted from the left as the PoP does.
constexpr uint64_t PopBit(int n) { return uint64_t{1} << (63 - n); }

class Psw {
 public:
  static constexpr uint64_t Bit(int n) { return PopBit(n); }
  static constexpr uint64_t kPer = PopBit(1);
  static constexpr uint64_t kDat = PopBit(5);
  static constexpr uint64_t kIo = PopBit(6);
  static constexpr uint64_t kExternal = PopBit(7);
  static constexpr uint64_t kKeyMask = 0xfull << (63 - 11);
  static constexpr uint64_t kMachineCheck = PopBit(13);
  static constexpr uint64_t kWait = PopBit(14);
  static constexpr uint64_t kProblemState = PopBit(15);
  static constexpr uint64_t kAsMask = 3ull << (63 - 17);
  static constexpr uint64_t kCcMask = 3ull << (63 - 19);
  static constexpr uint64_t kProgramMaskMask = 0xfull << (63 - 23);
  static constexpr uint64_t kRi = PopBit(24);
  static constexpr uint64_t kEa = PopBit(31);
  static constexpr uint64_t kBa = PopBit(32);
  // Bits that must be zero in a valid z/Architecture PSW: 0, 2-4, 12, 25-30, 33-63 (PoP "Exceptions
  // Associated with the PSW"). Bit 12 must be 0 in the 16-byte PSW (it is 1 only in the ESA/390 form).
  static constexpr uint64_t kReservedMask =
      PopBit(0) | PopBit(2) | PopBit(3) | PopBit(4) | PopBit(12) | (0x3full << (63 - 30)) | 0x7fffffffull;

  constexpr Psw() = default;
  constexpr Psw(uint64_t mask, uint64_t address) : mask_(mask), address_(address) {}

  constexpr uint64_t mask() const { return mask_; }
  constexpr uint64_t address() const { return address_; }
  void set_mask(uint64_t mask) { mask_ = mask; }
  void set_address(uint64_t address) { address_ = address; }

  constexpr bool per() const { return mask_ & kPer; }
  constexpr bool dat() const { return mask_ & kDat; }
  constexpr bool io_enabled() const { return mask_ & kIo; }
  constexpr bool external_enabled() const { return mask_ & kExternal; }
  constexpr bool machine_check_enabled() const { return mask_ & kMachineCheck; }
  constexpr bool wait() const { return mask_ & kWait; }
  constexpr bool problem_state() const { return mask_ & kProblemState; }
  constexpr uint8_t key() const { return (mask_ >> (63 - 11)) & 0xf; }
  constexpr AddressSpaceControl address_space() const {
    return static_cast<AddressSpaceControl>((mask_ >> (63 - 17)) & 3);
  }
  constexpr uint8_t cc() const { return (mask_ >> (63 - 19)) & 3; }
  constexpr uint8_t program_mask() const { return (mask_ >> (63 - 23)) & 0xf; }
  constexpr AddressingMode addressing_mode() const {
    return static_cast<AddressingMode>(((mask_ & kEa) ? 2 : 0) | ((mask_ & kBa) ? 1 : 0));
  }

  void set_cc(uint8_t cc) { mask_ = (mask_ & ~kCcMask) | (uint64_t{cc & 3u} << (63 - 19)); }
  void set_program_mask(uint8_t pm) {
    mask_ = (mask_ & ~kProgramMaskMask) | (uint64_t{pm & 0xfu} << (63 - 23));
  }
  void set_key(uint8_t key) { mask_ = (mask_ & ~kKeyMask) | (uint64_t{key & 0xfu} << (63 - 11)); }
  void set_address_space(AddressSpaceControl as) {
    mask_ = (mask_ & ~kAsMask) | (uint64_t{static_cast<uint8_t>(as)} << (63 - 17));
  }
  void set_addressing_mode(AddressingMode mode) {
    uint8_t m = static_cast<uint8_t>(mode);
    mask_ = (mask_ & ~(kEa | kBa)) | ((m & 2) ? kEa : 0) | ((m & 1) ? kBa : 0);
  }
  void set_mask_bits(uint64_t bits, bool on) { mask_ = on ? (mask_ | bits) : (mask_ & ~bits); }

  // The mask that wraps an address in the current addressing mode (24, 31 or 64 bits).
  constexpr uint64_t AddressMask() const {
    switch (addressing_mode()) {
      case AddressingMode::k24: return 0xffffff;
      case AddressingMode::k31: return 0x7fffffff;
      default: return ~uint64_t{0};
    }
  }

  // True when the PSW is valid: no reserved bit set, EA only with BA, and the address fits the mode.
  // (An invalid PSW loaded by LPSW(E) or an interrupt raises a specification exception.)
  constexpr bool IsValid() const {
    if (mask_ & kReservedMask) return false;
    if ((mask_ & kEa) && !(mask_ & kBa)) return false;
    return (address_ & ~AddressMask()) == 0;
  }

  std::string ToString() const { return absl::StrFormat("%016x %016x", mask_, address_); }

  friend constexpr bool operator==(const Psw& a, const Psw& b) {
    return a.mask_ == b.mask_ && a.address_ == b.address_;
  }

 private:
  uint64_t mask_ = 0;
  uint64_t address_ = 0;
};

}  // namespace s390vmm

#endif  // S390VMM_CPU_PSW_H_
