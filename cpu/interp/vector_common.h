// File: cpu/interp/vector_common.h
//
// What every vector-facility handler shares (PoP chapter 21-24, "Vector Overview and Support
// Instructions"): the vector-enablement control, element access in the architected big-endian element
// numbering, and the element-size control (ES) of the M fields.
//
// Element numbering: a vector register is 16 bytes, byte 0 the leftmost (most significant of `hi`).
// Element i of size S bytes occupies bytes i*S .. i*S+S-1. VectorRegister keeps bits 0-63 in `hi` and
// 64-127 in `lo` as host integers, so byte k of the register is byte (7 - k%8) of the host value of the
// doubleword k/8. The helpers below hide that; handlers should work on a local `Vec` copy (read all
// source registers first, then write the result) so that overlapping v1/v2/v3 behave as the PoP
// requires.
#ifndef S390VMM_CPU_INTERP_VECTOR_COMMON_H_
#define S390VMM_CPU_INTERP_VECTOR_COMMON_H_

#include <cstdint>
#include <type_traits>

#include "absl/base/optimization.h"
#include "cpu/cpu_state.h"
#include "cpu/interp/exec_context.h"

namespace s390vmm::interp {

// DXC of a vector instruction executed with the vector-enablement control (CR0 bit 46) zero.
inline constexpr uint8_t kDxcVectorInstruction = 0xfe;

// Every vector instruction (and the vector-register forms of FP instructions) checks this first.
inline void RequireVectorEnabled(const ExecContext& cpu) {
  if (ABSL_PREDICT_FALSE(!(cpu.s.cr[0] & cr0::kVectorEnablement))) RaiseDataException(kDxcVectorInstruction);
}

// A vector value with architected element access. Element type T is one of uint8/16/32/64_t.
struct Vec {
  uint64_t hi = 0;  // bytes 0-7
  uint64_t lo = 0;  // bytes 8-15

  Vec() = default;
  Vec(uint64_t h, uint64_t l) : hi(h), lo(l) {}
  explicit Vec(const VectorRegister& r) : hi(r.hi), lo(r.lo) {}
  VectorRegister reg() const { return VectorRegister{hi, lo}; }

  template <typename T>
  static constexpr int Count() {
    return 16 / static_cast<int>(sizeof(T));
  }

  // Element i (0 = leftmost) of type T.
  template <typename T>
  T Get(int i) const {
    static_assert(std::is_unsigned_v<T> && sizeof(T) <= 8);
    constexpr int kPerDw = 8 / sizeof(T);
    const uint64_t dw = i < kPerDw ? hi : lo;
    const int shift = (kPerDw - 1 - i % kPerDw) * 8 * sizeof(T);
    return static_cast<T>(dw >> shift);
  }

  template <typename T>
  void Set(int i, T v) {
    static_assert(std::is_unsigned_v<T> && sizeof(T) <= 8);
    constexpr int kPerDw = 8 / sizeof(T);
    uint64_t& dw = i < kPerDw ? hi : lo;
    const int shift = (kPerDw - 1 - i % kPerDw) * 8 * sizeof(T);
    if constexpr (sizeof(T) == 8) {
      dw = v;
    } else {
      const uint64_t mask = ((uint64_t{1} << (8 * sizeof(T))) - 1) << shift;
      dw = (dw & ~mask) | (static_cast<uint64_t>(v) << shift);
    }
  }

  unsigned __int128 u128() const { return (static_cast<unsigned __int128>(hi) << 64) | lo; }
  static Vec From128(unsigned __int128 v) { return Vec(static_cast<uint64_t>(v >> 64), static_cast<uint64_t>(v)); }
};

inline Vec ReadV(const ExecContext& cpu, int v) { return Vec(cpu.s.vr[v]); }
inline void WriteV(ExecContext& cpu, int v, const Vec& value) { cpu.s.vr[v] = value.reg(); }

// Element-size control values of the M fields (0 byte, 1 halfword, 2 word, 3 doubleword, 4 quadword).
enum class ElementSize : uint8_t { kByte = 0, kHalfword = 1, kWord = 2, kDoubleword = 3, kQuadword = 4 };

// Dispatches `fn` with a value of the element type for ES 0-3: fn(uint8_t{}) ... fn(uint64_t{}).
// An ES beyond `max_es` is a specification exception (PoP: reserved ES values).
template <typename Fn>
inline void DispatchElementSize(uint8_t es, uint8_t max_es, Fn&& fn) {
  if (ABSL_PREDICT_FALSE(es > max_es)) RaiseProgramInterrupt(ProgramInterruptCode::kSpecification);
  switch (es) {
    case 0: fn(uint8_t{}); break;
    case 1: fn(uint16_t{}); break;
    case 2: fn(uint32_t{}); break;
    case 3: fn(uint64_t{}); break;
    default: RaiseProgramInterrupt(ProgramInterruptCode::kSpecification);
  }
}

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_VECTOR_COMMON_H_
