// File: cpu/interp/storage_access.h
//
// Internal to the storage and string families (storage.cc, string.cc, translate.cc, unicode.cc): storage
// operands resolved to host memory before anything is changed, and the register conventions of the
// instructions that keep an address and a length in registers.
//
// An SS-format operand is 1..256 bytes, so it lies in at most two pages (it may cross one page boundary,
// or wrap from the top of the address space to 0). AccessOperand() checks every page of the operand for
// the access type and returns the host memory of each piece; once all operands of an instruction are
// resolved it cannot fault any more, which is what makes these instructions suppressed or nullified as a
// whole on an access exception (PoP "Types of Instruction Ending").
#ifndef S390VMM_CPU_INTERP_STORAGE_ACCESS_H_
#define S390VMM_CPU_INTERP_STORAGE_ACCESS_H_

#include <algorithm>
#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "memory/guest_address.h"

namespace s390vmm::interp::storage {

inline constexpr uint64_t kPageOffsetMask = kPageSize - 1;

// Bytes from `addr` to the end of its page (1..4096).
inline uint64_t PageRemainder(uint64_t addr) { return kPageSize - (addr & kPageOffsetMask); }

// A resolved operand of `len` (1..4096) bytes: `n0` bytes at `p0`, the rest at `p1` (nullptr when the
// operand does not cross a page boundary).
struct HostOperand {
  uint8_t* p0 = nullptr;
  uint8_t* p1 = nullptr;
  uint32_t n0 = 0;
  uint32_t len = 0;

  bool contiguous() const { return p1 == nullptr; }
  uint8_t* At(uint32_t i) const { return i < n0 ? p0 + i : p1 + (i - n0); }
  uint8_t& operator[](uint32_t i) const { return *At(i); }
  // Bytes from index `i` to the end of its piece.
  uint32_t PieceRemainder(uint32_t i) const { return i < n0 ? n0 - i : len - i; }
};

// Resolves [addr, addr + len) for `type`, raising the access exception of the first inaccessible page.
inline HostOperand AccessOperand(ExecContext& cpu, uint64_t addr, uint32_t len, AccessType type) {
  HostOperand op;
  op.len = len;
  op.n0 = static_cast<uint32_t>(std::min<uint64_t>(len, PageRemainder(addr)));
  op.p0 = cpu.Access(addr, op.n0, type);
  if (op.n0 < len) op.p1 = cpu.Access(cpu.Wrap(addr + op.n0), len - op.n0, type);
  return op;
}

// An operand that is fetched and then stored (NC, OC, XC, TR, MVZ, ...): both accesses are checked.
inline HostOperand AccessUpdate(ExecContext& cpu, uint64_t addr, uint32_t len) {
  AccessOperand(cpu, addr, len, AccessType::kFetch);
  return AccessOperand(cpu, addr, len, AccessType::kStore);
}

// Calls fn(a_ptr, b_ptr, n) for consecutive runs of indexes over which both operands (of equal length)
// are contiguous in host memory: at most three runs.
template <typename Fn>
inline void ForEachRun(const HostOperand& a, const HostOperand& b, Fn&& fn) {
  uint32_t i = 0;
  while (i < a.len) {
    const uint32_t n = std::min(a.PieceRemainder(i), b.PieceRemainder(i));
    fn(a.At(i), b.At(i), n);
    i += n;
  }
}

// --- Registers holding addresses and lengths --------------------------------------------------------

inline bool Amode64(const ExecContext& cpu) { return cpu.AddressMask() == ~uint64_t{0}; }

// Stores an updated operand address in general register r. In the 24-bit and 31-bit addressing modes
// the address replaces bits 32-63 with the bits above the address (32-39, or 32) set to zeros, and bits
// 0-31 are unchanged; in the 64-bit mode it replaces the register (PoP, e.g. MOVE LONG EXTENDED).
inline void SetAddress(ExecContext& cpu, int r, uint64_t addr) {
  const uint64_t mask = cpu.AddressMask();
  if (mask == ~uint64_t{0}) {
    cpu.s.gr[r] = addr;
  } else {
    cpu.s.gr[r] = (cpu.s.gr[r] & 0xffffffff00000000ull) | (addr & mask);
  }
}

// The length of the instructions whose lengths follow the addressing mode (MVCLE, CLCLE, CUSE, CKSM,
// TRE, TROO..TRTT, CU12..CU42, ...): bits 32-63 of the register (unsigned) in the 24-bit and 31-bit
// modes, the whole register in the 64-bit mode.
inline uint64_t GetLength(const ExecContext& cpu, int r) {
  return Amode64(cpu) ? cpu.s.gr[r] : static_cast<uint32_t>(cpu.s.gr[r]);
}
inline void SetLength(ExecContext& cpu, int r, uint64_t len) {
  if (Amode64(cpu)) {
    cpu.s.gr[r] = len;
  } else {
    cpu.s.set_gr_low(r, static_cast<uint32_t>(len));
  }
}

// Units of work (bytes or characters) an instruction that can end with condition code 3 performs per
// execution, so that interruptions are taken in time (PoP: "a CPU-determined amount of data").
inline constexpr uint64_t kCpuDeterminedBytes = 4096;

// Runs body(); if a program exception unwinds it, runs commit() first (the registers of an interruptible
// instruction := its progress, PoP "Interruptible Instructions") and lets the exception continue. The
// exception is the fault path only: on the normal path this costs nothing.
template <typename Body, typename Commit>
inline auto WithProgress(Body&& body, Commit&& commit) -> decltype(body()) {
  try {
    return body();
  } catch (const ProgramException&) {
    commit();
    throw;
  }
}

}  // namespace s390vmm::interp::storage

#endif  // S390VMM_CPU_INTERP_STORAGE_ACCESS_H_
