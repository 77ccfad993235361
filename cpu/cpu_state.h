// File: cpu/cpu_state.h
//
// The architected state of one CPU (PoP chapter 2, "Organization"): PSW, 16 general registers, 16 access
// registers, 16 control registers, 32 vector registers whose leftmost doublewords are the 16 floating-point
// registers, the floating-point-control register, the prefix, and the timing facilities. Backends keep
// their own copy in whatever form runs fastest and sync it here at exits (the interpreter runs on it
// directly; KVM copies it in and out of kvm_run / KVM_GET_SREGS).
#ifndef S390VMM_CPU_CPU_STATE_H_
#define S390VMM_CPU_CPU_STATE_H_

#include <array>
#include <cstdint>

#include "cpu/psw.h"

namespace s390vmm {

// One 128-bit vector register: `hi` is bits 0-63 (the floating-point register for VR 0-15), `lo` 64-127.
struct VectorRegister {
  uint64_t hi = 0;
  uint64_t lo = 0;
  friend bool operator==(const VectorRegister& a, const VectorRegister& b) { return a.hi == b.hi && a.lo == b.lo; }
};

struct CpuState {
  Psw psw;
  std::array<uint64_t, 16> gr{};
  std::array<uint32_t, 16> ar{};
  std::array<uint64_t, 16> cr{};
  std::array<VectorRegister, 32> vr{};
  uint32_t fpc = 0;
  uint32_t prefix = 0;              // absolute address of the lowcore; bits 1-18 significant (8 KiB aligned)
  uint32_t tod_programmable = 0;    // TOD programmable register (SCKPF), bits 16-31 significant
  int64_t cpu_timer = 0;            // decrements; a negative value makes the CPU-timer interrupt pending
  uint64_t clock_comparator = ~uint64_t{0};
  uint64_t breaking_event_address = 0;

  // The right half (bits 32-63) of general register r: the 32-bit register of 32-bit instructions.
  uint32_t gr_low(int r) const { return static_cast<uint32_t>(gr[r]); }
  void set_gr_low(int r, uint32_t v) { gr[r] = (gr[r] & 0xffffffff00000000ull) | v; }
  // The left half (bits 0-31), used by the high-word instructions.
  uint32_t gr_high(int r) const { return static_cast<uint32_t>(gr[r] >> 32); }
  void set_gr_high(int r, uint32_t v) { gr[r] = (gr[r] & 0xffffffffull) | (uint64_t{v} << 32); }

  // Floating-point register f (bits 0-63 of vector register f).
  uint64_t fpr(int f) const { return vr[f].hi; }
  void set_fpr(int f, uint64_t v) { vr[f].hi = v; }
};

// Control-register bits the CPU itself interprets (PoP "Control Registers"), named as in the PoP and Linux.
namespace cr0 {
inline constexpr uint64_t kLowAddressProtection = Psw::Bit(35);
inline constexpr uint64_t kSecondarySpaceControl = Psw::Bit(37);
inline constexpr uint64_t kFetchProtectionOverride = Psw::Bit(38);
inline constexpr uint64_t kStorageProtectionOverride = Psw::Bit(39);
inline constexpr uint64_t kEdat = Psw::Bit(40);
inline constexpr uint64_t kInstructionExecutionProtection = Psw::Bit(43);
inline constexpr uint64_t kAfpRegisterControl = Psw::Bit(45);
inline constexpr uint64_t kVectorEnablement = Psw::Bit(46);
inline constexpr uint64_t kMalfunctionAlertSubmask = Psw::Bit(48);
inline constexpr uint64_t kEmergencySignalSubmask = Psw::Bit(49);
inline constexpr uint64_t kExternalCallSubmask = Psw::Bit(50);
inline constexpr uint64_t kClockComparatorSubmask = Psw::Bit(52);
inline constexpr uint64_t kCpuTimerSubmask = Psw::Bit(53);
inline constexpr uint64_t kServiceSignalSubmask = Psw::Bit(54);
inline constexpr uint64_t kInterruptKeySubmask = Psw::Bit(57);
}  // namespace cr0

}  // namespace s390vmm

#endif  // S390VMM_CPU_CPU_STATE_H_
