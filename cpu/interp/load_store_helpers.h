// File: cpu/interp/load_store_helpers.h
//
// Internal to the load/store family (load_store.cc, load_store_multiple.cc, atomic.cc): which part of a
// general register an instruction writes, operand alignment checks, and the registration functions of
// the family's files.
#ifndef S390VMM_CPU_INTERP_LOAD_STORE_HELPERS_H_
#define S390VMM_CPU_INTERP_LOAD_STORE_HELPERS_H_

#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {

// The part of a general register an instruction reads or writes: bits 32-63 (the 32-bit register), all
// 64 bits, or bits 0-31 (the high-word facility's register).
enum class Part : uint8_t { kLow, kFull, kHigh };

// The value type of a register part: 32 or 64 bits.
template <Part P>
using PartType = std::conditional_t<P == Part::kFull, uint64_t, uint32_t>;

template <Part P>
inline PartType<P> GetPart(const ExecContext& cpu, uint8_t r) {
  if constexpr (P == Part::kLow) {
    return cpu.s.gr_low(r);
  } else if constexpr (P == Part::kHigh) {
    return cpu.s.gr_high(r);
  } else {
    return cpu.s.gr[r];
  }
}

template <Part P>
inline void SetPart(ExecContext& cpu, uint8_t r, PartType<P> v) {
  if constexpr (P == Part::kLow) {
    cpu.s.set_gr_low(r, v);
  } else if constexpr (P == Part::kHigh) {
    cpu.s.set_gr_high(r, v);
  } else {
    cpu.s.gr[r] = v;
  }
}

// Specification exception unless `addr` is a multiple of `size` (a power of two).
inline void RequireAligned(uint64_t addr, uint64_t size) {
  if (addr & (size - 1)) SpecificationException();
}

// Registration of the family's other files.
void RegisterLoadStoreMultiple(HandlerTable& table);  // load_store_multiple.cc
void RegisterAtomic(HandlerTable& table);             // atomic.cc

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_LOAD_STORE_HELPERS_H_
