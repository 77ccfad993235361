// File: cpu/interp/vector_fp.h
//
// Internal to the vector floating-point family (vector_fp.cc, vector_fp_convert.cc; PoP chapter "Vector
// Floating-Point Instructions"): element formats, the floating-point-format fields, and the processing of
// IEEE exceptions element by element. The arithmetic itself is the BFP family's software IEEE core
// (bfp_soft.h) with the FPC and rounding-method rules of bfp_common.h.
//
// How vector FP differs from scalar BFP:
//   - A floating-point-format field (M3, M4 or M6 depending on the format) selects short (2), long (3) or
//     extended (4) elements: 4, 2 or 1 of them. Long came with the vector facility; short and extended
//     with vector-enhancements facility 1 (conversions to and from 32-bit integers with facility 2).
//     Other values are a specification exception.
//   - The single-element control S (bit 0 of the M4/M5 field, value 8; the "W" mnemonics: WFADB is VFA
//     with S) restricts the operation to element 0. The PoP leaves the other elements of the result
//     unpredictable; like the hardware as QEMU models it, they are zero here.
//   - IEEE exceptions are processed element by element in element order. When an exception whose FPC
//     mask bit is one occurs for an element, a vector-processing exception (program interruption 0x1B)
//     is recognized with the vector-exception code VXC = element index << 4 | VIC (1 invalid operation,
//     2 division by zero, 3 overflow, 4 underflow, 5 inexact, in that priority) and the instruction is
//     suppressed: no result and no FPC flags are stored (so, unlike scalar BFP, there are no scaled
//     overflow/underflow results). Otherwise the flags of all elements are ORed into the FPC.
#ifndef S390VMM_CPU_INTERP_VECTOR_FP_H_
#define S390VMM_CPU_INTERP_VECTOR_FP_H_

#include <cstdint>

#include "absl/base/optimization.h"
#include "cpu/interp/bfp_common.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"

namespace s390vmm::interp::vfp {

using bfp::Env;
using bfp::Format;
using bfp::Rounding;
using bfp::u128;

inline bool HasVectorEnhancements1(const ExecContext& cpu) { return cpu.model().HasBit(135); }
inline bool HasVectorEnhancements2(const ExecContext& cpu) { return cpu.model().HasBit(148); }

// Bits of the M field that holds the single-element control.
inline constexpr uint8_t kSingleElement = 8;  // S
inline constexpr uint8_t kInexactControl = 4;  // XxC: IEEE-inexact exception not recognized

// Element formats: where element i of a vector register holds its value.
struct ShortElements {
  static constexpr const Format& kF = bfp::kShort;
  static constexpr int kCount = 4;
  static u128 Get(const Vec& v, int i) { return v.Get<uint32_t>(i); }
  static void Set(Vec& v, int i, u128 x) { v.Set<uint32_t>(i, static_cast<uint32_t>(x)); }
};
struct LongElements {
  static constexpr const Format& kF = bfp::kLong;
  static constexpr int kCount = 2;
  static u128 Get(const Vec& v, int i) { return v.Get<uint64_t>(i); }
  static void Set(Vec& v, int i, u128 x) { v.Set<uint64_t>(i, static_cast<uint64_t>(x)); }
};
struct ExtendedElements {
  static constexpr const Format& kF = bfp::kExtended;
  static constexpr int kCount = 1;
  static u128 Get(const Vec& v, int) { return v.u128(); }
  static void Set(Vec& v, int, u128 x) { v = Vec::From128(x); }
};

// Sets of floating-point-format values an instruction accepts (bit n: format n).
inline constexpr uint8_t kShortFormat = 1 << 2;
inline constexpr uint8_t kLongFormat = 1 << 3;
inline constexpr uint8_t kExtendedFormat = 1 << 4;

// The formats of most instructions: long, and short and extended with vector-enhancements facility 1.
inline uint8_t ArithmeticFormats(const ExecContext& cpu) {
  return kLongFormat | (HasVectorEnhancements1(cpu) ? kShortFormat | kExtendedFormat : 0);
}

// Calls fn(ShortElements{}), fn(LongElements{}) or fn(ExtendedElements{}) for the format field value
// `fpf`; a value not in `allowed` is a specification exception.
template <typename Fn>
inline void DispatchFormat(uint8_t fpf, uint8_t allowed, Fn&& fn) {
  if (ABSL_PREDICT_FALSE(fpf > 4 || !(allowed & (1u << fpf)))) SpecificationException();
  switch (fpf) {
    case 2: fn(ShortElements{}); break;
    case 3: fn(LongElements{}); break;
    default: fn(ExtendedElements{}); break;
  }
}

// The vector interruption code of the highest-priority exception in `trapped`.
inline uint8_t VectorInterruptionCode(uint8_t trapped) {
  if (trapped & bfp::kInvalid) return 1;
  if (trapped & bfp::kDivideByZero) return 2;
  if (trapped & bfp::kOverflow) return 3;
  if (trapped & bfp::kUnderflow) return 4;
  return 5;
}

// IEEE exceptions of one instruction, element by element (see the file comment).
class ElementExceptions {
 public:
  // `suppress_inexact`: the XxC bit of the instructions that have one.
  ElementExceptions(const ExecContext& cpu, bool suppress_inexact)
      : mask_(static_cast<uint8_t>(cpu.s.fpc >> bfp::kFpcMaskShift)), suppress_inexact_(suppress_inexact) {}

  // The exceptions of element `index` (Env::flags); raises the vector-processing exception of a trapped
  // one.
  void Check(int index, uint8_t exceptions) {
    if (suppress_inexact_) exceptions &= static_cast<uint8_t>(~bfp::kInexact);
    const uint8_t trapped = exceptions & mask_;
    if (ABSL_PREDICT_FALSE(trapped)) {
      RaiseVectorProcessingException(static_cast<uint8_t>(index << 4 | VectorInterruptionCode(trapped)));
    }
    flags_ |= exceptions;
  }

  // After the result is stored: the flags of all elements go to the FPC.
  void SetFlags(ExecContext& cpu) const { cpu.s.fpc |= static_cast<uint32_t>(flags_) << bfp::kFpcFlagShift; }

 private:
  uint8_t mask_;
  bool suppress_inexact_;
  uint8_t flags_ = 0;
};

// The elements an instruction operates on: all of them, or element 0 with the single-element control.
template <class E>
inline int ElementCount(uint8_t m_with_s) {
  return (m_with_s & kSingleElement) ? 1 : E::kCount;
}

// Registration of the family's second file (RegisterVectorFp calls it).
void RegisterVectorFpConvert(HandlerTable& table);

}  // namespace s390vmm::interp::vfp

#endif  // S390VMM_CPU_INTERP_VECTOR_FP_H_
