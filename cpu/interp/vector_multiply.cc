// Instruction family: vector integer multiplies (PoP chapter "Vector Integer Instructions") — multiply low,
// high and logical high; the even/odd forms with double-width products; the multiply-and-add forms of
// each; MULTIPLY SUM LOGICAL (vector-enhancements facility 1) and the Galois-field (carry-less) multiply
// sums. Registered by RegisterVectorInteger (vector_integer.cc).
//
// Products of elements up to a word are formed exactly in 64 bits (signed or unsigned), doubleword
// products (VGFM, VMSL) in 128 bits; results wrap to the element size as the PoP describes.
#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"
#include "cpu/interp/vector_integer_internal.h"

namespace s390vmm::interp::vector_integer {
namespace {

using isa::InsnId;

// The exact product of two elements of at most 32 bits, as the 64-bit two's-complement pattern.
template <bool kSigned, typename T>
inline uint64_t Product(T a, T b) {
  static_assert(sizeof(T) <= 4);
  if constexpr (kSigned) {
    return static_cast<uint64_t>(int64_t{static_cast<Signed<T>>(a)} * static_cast<Signed<T>>(b));
  } else {
    return uint64_t{a} * b;
  }
}

// The rightmost bits(T) of the sign- or zero-extended x shifted right by bits(T): the high half of a
// double-width result.
template <bool kSigned, typename T>
inline T HighHalf(uint64_t x) {
  if constexpr (kSigned) {
    return static_cast<T>(static_cast<int64_t>(x) >> kBits<T>);
  } else {
    return static_cast<T>(x >> kBits<T>);
  }
}

// ---- Same-size results: VML, VMH, VMLH and VMAL, VMAH, VMALH --------------------------------------------------
// kHigh selects the leftmost half of the double-width product (plus addend), else the rightmost half.

template <bool kSigned, bool kHigh>
void Multiply(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  DispatchElementSizeUpToWord(insn.ops.m4, [&](auto tag) {
    using T = decltype(tag);
    for (int i = 0; i < Vec::Count<T>(); ++i) {
      const uint64_t p = Product<kSigned>(a.Get<T>(i), b.Get<T>(i));
      r.Set<T>(i, kHigh ? HighHalf<kSigned, T>(p) : static_cast<T>(p));
    }
  });
  WriteV(cpu, insn.ops.v1, r);
}

// VRR-d, ES in M5: the addend is the element of V4, extended like the multiplier.
template <bool kSigned, bool kHigh>
void MultiplyAndAdd(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3), c = ReadV(cpu, insn.ops.v4);
  Vec r;
  DispatchElementSizeUpToWord(insn.ops.m5, [&](auto tag) {
    using T = decltype(tag);
    for (int i = 0; i < Vec::Count<T>(); ++i) {
      const T addend = c.Get<T>(i);
      const uint64_t extended =
          kSigned ? static_cast<uint64_t>(int64_t{static_cast<Signed<T>>(addend)}) : uint64_t{addend};
      const uint64_t s = Product<kSigned>(a.Get<T>(i), b.Get<T>(i)) + extended;
      r.Set<T>(i, kHigh ? HighHalf<kSigned, T>(s) : static_cast<T>(s));
    }
  });
  WriteV(cpu, insn.ops.v1, r);
}

// ---- Even/odd forms with double-width results: VME, VMLE, VMO, VMLO and VMAE, VMALE, VMAO, VMALO ----------
// Element i of the result (twice as wide) is the product of elements 2i (even) or 2i+1 (odd) of V2 and V3,
// plus element i of V4 for the multiply-and-add forms (a double-width addend, no extension needed).

template <bool kSigned, int kOdd, bool kAdd>
void MultiplyEvenOdd(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  const Vec c = kAdd ? ReadV(cpu, insn.ops.v4) : Vec();
  Vec r;
  DispatchElementSizeUpToWord(kAdd ? insn.ops.m5 : insn.ops.m4, [&](auto tag) {
    using T = decltype(tag);
    using W = Wider<T>;
    for (int i = 0; i < Vec::Count<W>(); ++i) {
      uint64_t p = Product<kSigned>(a.Get<T>(2 * i + kOdd), b.Get<T>(2 * i + kOdd));
      if (kAdd) p += c.Get<W>(i);
      r.Set<W>(i, static_cast<W>(p));
    }
  });
  WriteV(cpu, insn.ops.v1, r);
}

// ---- VMSL (VRR-d): M5 must be 3 (doubleword) -------------------------------------------------------------------
// The 128-bit sum of the product of the even (leftmost) doublewords, the product of the odd doublewords and
// V4; M6 bit 0 doubles the even product, bit 1 the odd product, before the sum. Carries out of bit 0 are
// lost.
void VectorMultiplySumLogical(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.m5 != static_cast<uint8_t>(ElementSize::kDoubleword)) SpecificationException();
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3), c = ReadV(cpu, insn.ops.v4);
  u128 even = static_cast<u128>(a.hi) * b.hi;
  u128 odd = static_cast<u128>(a.lo) * b.lo;
  if (insn.ops.m6 & 8) even <<= 1;
  if (insn.ops.m6 & 4) odd <<= 1;
  WriteV(cpu, insn.ops.v1, Vec::From128(even + odd + c.u128()));
}

// ---- Galois-field multiply sum: VGFM (VRR-c, ES in M4), VGFMA (VRR-d, ES in M5) --------------------------------
// Carry-less (polynomial over GF(2)) products of the even and odd elements, XORed together into a
// double-width element (and XORed with element i of V4 for VGFMA).

template <typename T>
inline Wider<T> CarrylessMultiply(T a, T b) {
  using W = Wider<T>;
  W result = 0;
  W shifted = a;
  for (uint64_t m = b; m != 0; m >>= 1, shifted = static_cast<W>(shifted << 1)) {
    if (m & 1) result ^= shifted;
  }
  return result;
}

template <bool kAccumulate>
void GaloisFieldMultiplySum(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  const Vec c = kAccumulate ? ReadV(cpu, insn.ops.v4) : Vec();
  Vec r;
  DispatchElementSize(kAccumulate ? insn.ops.m5 : insn.ops.m4, 3, [&](auto tag) {
    using T = decltype(tag);
    using W = Wider<T>;
    for (int i = 0; i < 16 / static_cast<int>(sizeof(W)); ++i) {
      W x = CarrylessMultiply<T>(a.Get<T>(2 * i), b.Get<T>(2 * i)) ^
            CarrylessMultiply<T>(a.Get<T>(2 * i + 1), b.Get<T>(2 * i + 1));
      if (kAccumulate) x ^= GetWide<W>(c, i);
      SetWide<W>(r, i, x);
    }
  });
  WriteV(cpu, insn.ops.v1, r);
}

}  // namespace

void RegisterVectorMultiply(HandlerTable& table) {
  constexpr bool kSigned = true, kLogical = false, kHigh = true, kLow = false;
  table.Set<&Multiply<kLogical, kLow>>(InsnId::kVML);
  table.Set<&Multiply<kSigned, kHigh>>(InsnId::kVMH);
  table.Set<&Multiply<kLogical, kHigh>>(InsnId::kVMLH);
  table.Set<&MultiplyEvenOdd<kSigned, 0, false>>(InsnId::kVME);
  table.Set<&MultiplyEvenOdd<kLogical, 0, false>>(InsnId::kVMLE);
  table.Set<&MultiplyEvenOdd<kSigned, 1, false>>(InsnId::kVMO);
  table.Set<&MultiplyEvenOdd<kLogical, 1, false>>(InsnId::kVMLO);
  table.Set<&MultiplyAndAdd<kLogical, kLow>>(InsnId::kVMAL);
  table.Set<&MultiplyAndAdd<kSigned, kHigh>>(InsnId::kVMAH);
  table.Set<&MultiplyAndAdd<kLogical, kHigh>>(InsnId::kVMALH);
  table.Set<&MultiplyEvenOdd<kSigned, 0, true>>(InsnId::kVMAE);
  table.Set<&MultiplyEvenOdd<kLogical, 0, true>>(InsnId::kVMALE);
  table.Set<&MultiplyEvenOdd<kSigned, 1, true>>(InsnId::kVMAO);
  table.Set<&MultiplyEvenOdd<kLogical, 1, true>>(InsnId::kVMALO);
  table.Set<&VectorMultiplySumLogical>(InsnId::kVMSL);
  table.Set<&GaloisFieldMultiplySum<false>>(InsnId::kVGFM);
  table.Set<&GaloisFieldMultiplySum<true>>(InsnId::kVGFMA);
}

}  // namespace s390vmm::interp::vector_integer
