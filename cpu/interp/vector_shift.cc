// Instruction family: vector shifts and rotates (PoP chapter "Vector Integer Instructions") — element
// shifts/rotates by the second-operand address (VESL, VESRA, VESRL, VERLL) or by the elements of V3
// (VESLV, VESRAV, VESRLV, VERLLV), VERIM, the whole-vector shifts by bit (VSL, VSRA, VSRL) and by byte
// (VSLB, VSRAB, VSRLB), and the double-vector shifts VSLDB, VSLD, VSRD (vector-enhancements facility 2).
// Registered by RegisterVectorInteger (vector_integer.cc).
#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"
#include "cpu/interp/vector_integer_internal.h"

namespace s390vmm::interp::vector_integer {
namespace {

using isa::InsnId;

// ---- Element shifts and rotates: `Apply(element, n)` with 0 <= n < bits(T) ----------------------------------

struct ShiftLeftOp {
  template <typename T>
  static T Apply(T a, int n) {
    return static_cast<T>(uint64_t{a} << n);
  }
};
struct ShiftRightLogicalOp {
  template <typename T>
  static T Apply(T a, int n) {
    return static_cast<T>(a >> n);
  }
};
struct ShiftRightArithmeticOp {
  template <typename T>
  static T Apply(T a, int n) {
    return static_cast<T>(static_cast<Signed<T>>(a) >> n);
  }
};
struct RotateLeftOp {
  template <typename T>
  static T Apply(T a, int n) {
    return RotateLeft(a, n);
  }
};

// VRS-a: V1 = V3 with every element shifted by the rightmost bits of the second-operand address, which
// addresses no storage (PoP: the amount is the address modulo the element size in bits).
template <typename Op>
void ElementShiftByAddress(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint64_t amount = AddrB2(cpu, insn);
  const Vec a = ReadV(cpu, insn.ops.v3);
  Vec r;
  DispatchElementSize(insn.ops.m4, 3, [&](auto tag) {
    using T = decltype(tag);
    const int n = static_cast<int>(amount & (kBits<T> - 1));
    for (int i = 0; i < Vec::Count<T>(); ++i) r.Set<T>(i, Op::template Apply<T>(a.Get<T>(i), n));
  });
  WriteV(cpu, insn.ops.v1, r);
}

// VRR-c: element i of V2 shifted by element i of V3 modulo the element size in bits.
template <typename Op>
void ElementShiftByVector(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  DispatchElementSize(insn.ops.m4, 3, [&](auto tag) {
    using T = decltype(tag);
    for (int i = 0; i < Vec::Count<T>(); ++i) {
      const int n = static_cast<int>(b.Get<T>(i) & (kBits<T> - 1));
      r.Set<T>(i, Op::template Apply<T>(a.Get<T>(i), n));
    }
  });
  WriteV(cpu, insn.ops.v1, r);
}

// VERIM (VRI-d, ES in M5): each element of V2 rotated left by I4 (modulo the element size) replaces the
// bits of V1 selected by the same element of V3.
void VectorElementRotateAndInsertUnderMask(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec dest = ReadV(cpu, insn.ops.v1), a = ReadV(cpu, insn.ops.v2), mask = ReadV(cpu, insn.ops.v3);
  Vec r;
  DispatchElementSize(insn.ops.m5, 3, [&](auto tag) {
    using T = decltype(tag);
    const int n = static_cast<int>(insn.ops.i4 & (kBits<T> - 1));
    for (int i = 0; i < Vec::Count<T>(); ++i) {
      const T m = mask.Get<T>(i);
      r.Set<T>(i, static_cast<T>((dest.Get<T>(i) & ~m) | (RotateLeft(a.Get<T>(i), n) & m)));
    }
  });
  WriteV(cpu, insn.ops.v1, r);
}

// ---- Whole-vector shifts by bit: VSL, VSRL, VSRA ----------------------------------------------------------------
// Byte i of the result is byte i of V2 shifted by bits 5-7 of byte i of V3, filled from the adjacent byte of
// V2 (zeros, or the sign for VSRA, beyond the ends). With the vector-enhancements facility 2 each byte has
// its own amount; before it the PoP required all amounts equal (unpredictable otherwise), where this is
// the same 128-bit shift.

void VectorShiftLeft(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  for (int i = 0; i < 16; ++i) {
    const unsigned pair = unsigned{a.Get<uint8_t>(i)} << 8 | (i < 15 ? a.Get<uint8_t>(i + 1) : 0u);
    r.Set<uint8_t>(i, static_cast<uint8_t>((pair << (b.Get<uint8_t>(i) & 7)) >> 8));
  }
  WriteV(cpu, insn.ops.v1, r);
}

template <bool kArithmetic>
void VectorShiftRight(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  const unsigned fill = (kArithmetic && (a.hi >> 63) != 0) ? 0xffu : 0u;
  Vec r;
  for (int i = 0; i < 16; ++i) {
    const unsigned pair = (i > 0 ? unsigned{a.Get<uint8_t>(i - 1)} : fill) << 8 | a.Get<uint8_t>(i);
    r.Set<uint8_t>(i, static_cast<uint8_t>(pair >> (b.Get<uint8_t>(i) & 7)));
  }
  WriteV(cpu, insn.ops.v1, r);
}

// ---- Whole-vector shifts by byte: VSLB, VSRLB, VSRAB -------------------------------------------------------------
// The byte count is bits 1-4 of byte 7 of V3 (0-15 bytes).

inline int ByteShiftBits(const Vec& b) { return ((b.Get<uint8_t>(7) >> 3) & 15) * 8; }

void VectorShiftLeftByByte(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  WriteV(cpu, insn.ops.v1, Vec::From128(a.u128() << ByteShiftBits(b)));
}

void VectorShiftRightLogicalByByte(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  WriteV(cpu, insn.ops.v1, Vec::From128(a.u128() >> ByteShiftBits(b)));
}

void VectorShiftRightArithmeticByByte(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  const __int128 shifted = static_cast<__int128>(a.u128()) >> ByteShiftBits(b);
  WriteV(cpu, insn.ops.v1, Vec::From128(static_cast<u128>(shifted)));
}

// ---- Double-vector shifts (VRI-d): the 256-bit V2 || V3 shifted, 128 bits of it into V1 ---------------------------

// The leftmost 128 bits of (hi || lo) << n, 0 <= n < 128.
inline u128 ShiftLeftDouble(u128 hi, u128 lo, int n) { return n == 0 ? hi : (hi << n) | (lo >> (128 - n)); }

// VSLDB: I4 bits 4-7 are the byte count; bits 0-3 must be zero (specification exception otherwise, as in
// QEMU's implementation of the PoP).
void VectorShiftLeftDoubleByByte(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.i4 & ~int64_t{15}) SpecificationException();
  const u128 a = ReadV(cpu, insn.ops.v2).u128(), b = ReadV(cpu, insn.ops.v3).u128();
  WriteV(cpu, insn.ops.v1, Vec::From128(ShiftLeftDouble(a, b, static_cast<int>(insn.ops.i4) * 8)));
}

// VSLD, VSRD: I4 bits 5-7 are the bit count; bits 0-4 must be zero.
void VectorShiftLeftDoubleByBit(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.i4 & ~int64_t{7}) SpecificationException();
  const u128 a = ReadV(cpu, insn.ops.v2).u128(), b = ReadV(cpu, insn.ops.v3).u128();
  WriteV(cpu, insn.ops.v1, Vec::From128(ShiftLeftDouble(a, b, static_cast<int>(insn.ops.i4))));
}

// The rightmost 128 bits of (V2 || V3) >> n.
void VectorShiftRightDoubleByBit(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.i4 & ~int64_t{7}) SpecificationException();
  const u128 a = ReadV(cpu, insn.ops.v2).u128(), b = ReadV(cpu, insn.ops.v3).u128();
  const int n = static_cast<int>(insn.ops.i4);
  WriteV(cpu, insn.ops.v1, Vec::From128(n == 0 ? b : (b >> n) | (a << (128 - n))));
}

}  // namespace

void RegisterVectorShift(HandlerTable& table) {
  table.Set<&ElementShiftByAddress<ShiftLeftOp>>(InsnId::kVESL);
  table.Set<&ElementShiftByAddress<ShiftRightArithmeticOp>>(InsnId::kVESRA);
  table.Set<&ElementShiftByAddress<ShiftRightLogicalOp>>(InsnId::kVESRL);
  table.Set<&ElementShiftByAddress<RotateLeftOp>>(InsnId::kVERLL);
  table.Set<&ElementShiftByVector<ShiftLeftOp>>(InsnId::kVESLV);
  table.Set<&ElementShiftByVector<ShiftRightArithmeticOp>>(InsnId::kVESRAV);
  table.Set<&ElementShiftByVector<ShiftRightLogicalOp>>(InsnId::kVESRLV);
  table.Set<&ElementShiftByVector<RotateLeftOp>>(InsnId::kVERLLV);
  table.Set<&VectorElementRotateAndInsertUnderMask>(InsnId::kVERIM);
  table.Set<&VectorShiftLeft>(InsnId::kVSL);
  table.Set<&VectorShiftRight<false>>(InsnId::kVSRL);
  table.Set<&VectorShiftRight<true>>(InsnId::kVSRA);
  table.Set<&VectorShiftLeftByByte>(InsnId::kVSLB);
  table.Set<&VectorShiftRightLogicalByByte>(InsnId::kVSRLB);
  table.Set<&VectorShiftRightArithmeticByByte>(InsnId::kVSRAB);
  table.Set<&VectorShiftLeftDoubleByByte>(InsnId::kVSLDB);
  table.Set<&VectorShiftLeftDoubleByBit>(InsnId::kVSLD);
  table.Set<&VectorShiftRightDoubleByBit>(InsnId::kVSRD);
}

}  // namespace s390vmm::interp::vector_integer
