// Instruction family: shifts (single and double, logical and arithmetic, 32/64-bit, distinct-operands
// forms), rotates, the rotate-then-*-selected-bits instructions and FIND LEFTMOST ONE.
//
// The shift amount is the rightmost six bits of the second-operand address D2(B2) (PoP "Shift
// instructions"); the address is not used to reach storage. Shift counts of 32-63 on 32-bit operands
// shift every bit out.
#include <cstdint>
#include <type_traits>

#include "absl/base/optimization.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

inline unsigned ShiftAmount(const ExecContext& cpu, const Insn& i) {
  uint64_t a = static_cast<uint64_t>(static_cast<int64_t>(i.ops.d2));
  if (i.ops.b2) a += cpu.s.gr[i.ops.b2];
  return static_cast<unsigned>(a & 63);
}

// The source register of a shift: R1 for the RS forms (SLL, SRA, ...), R3 for the RSY forms (SLLG, SLAK,
// ...) which write R1 from R3.
enum class Src { kR1, kR3 };
template <Src kSrc>
inline int Source(const Insn& i) {
  return kSrc == Src::kR1 ? i.ops.r1 : i.ops.r3;
}

// SHIFT LEFT SINGLE (arithmetic): the sign bit stays; the numeric bits shift left, and overflow is any
// bit shifted out of bit position 1 that differs from the sign (CC 3, fixed-point-overflow interruption
// when the program mask enables it, after the result is stored). Otherwise CC 0/1/2 by the result's sign.
// Shifts longer than the numeric bits (32-63 for SLA, SLAK) also shift out the zeros that came in from
// the right: any value but zero overflows.
template <typename S>
struct ArithmeticShift {
  S result;
  bool overflow;
};
template <typename S>
inline ArithmeticShift<S> ShiftLeftArithmetic(S v, unsigned n) {
  using U = std::make_unsigned_t<S>;
  constexpr unsigned kNumericBits = sizeof(S) * 8 - 1;
  constexpr U kSignBit = U{1} << kNumericBits;
  const unsigned m = n < kNumericBits ? n : kNumericBits;
  const U numeric = static_cast<U>(static_cast<U>(v) << m) & static_cast<U>(~kSignBit);
  // No overflow when the sign and the m bits after it are all equal.
  const S top = static_cast<S>(v >> (kNumericBits - m));
  const bool overflow = n > kNumericBits ? v != 0 : (top != 0 && top != -1);
  return {static_cast<S>((static_cast<U>(v) & kSignBit) | numeric), overflow};
}

template <Src kSrc>
void ShiftLeftSingle32(ExecContext& cpu, const Insn& i) {  // SLA, SLAK
  const auto s = ShiftLeftArithmetic(static_cast<int32_t>(cpu.s.gr[Source<kSrc>(i)]), ShiftAmount(cpu, i));
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(s.result));
  SetSignedArithmeticCc(cpu, s.result, s.overflow);
}
void ShiftLeftSingle64(ExecContext& cpu, const Insn& i) {  // SLAG
  const auto s = ShiftLeftArithmetic(static_cast<int64_t>(cpu.s.gr[i.ops.r3]), ShiftAmount(cpu, i));
  cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(s.result);
  SetSignedArithmeticCc(cpu, s.result, s.overflow);
}
// SHIFT RIGHT SINGLE (arithmetic): CC 0/1/2 by the result's sign.
template <Src kSrc>
void ShiftRightSingle32(ExecContext& cpu, const Insn& i) {  // SRA, SRAK
  const int32_t v = static_cast<int32_t>(cpu.s.gr[Source<kSrc>(i)]);
  const unsigned n = ShiftAmount(cpu, i);
  const int32_t r = v >> (n < 31 ? n : 31);
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(r));
  cpu.SetCc(CcSigned(r));
}
void ShiftRightSingle64(ExecContext& cpu, const Insn& i) {  // SRAG
  const int64_t r = static_cast<int64_t>(cpu.s.gr[i.ops.r3]) >> ShiftAmount(cpu, i);
  cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  cpu.SetCc(CcSigned(r));
}
// SHIFT LEFT / RIGHT SINGLE LOGICAL: no CC.
template <Src kSrc>
void ShiftLeftLogical32(ExecContext& cpu, const Insn& i) {  // SLL, SLLK
  const uint64_t v = static_cast<uint32_t>(cpu.s.gr[Source<kSrc>(i)]);
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(v << ShiftAmount(cpu, i)));
}
template <Src kSrc>
void ShiftRightLogical32(ExecContext& cpu, const Insn& i) {  // SRL, SRLK
  const uint64_t v = static_cast<uint32_t>(cpu.s.gr[Source<kSrc>(i)]);
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(v >> ShiftAmount(cpu, i)));
}
void ShiftLeftLogical64(ExecContext& cpu, const Insn& i) {  // SLLG
  cpu.s.gr[i.ops.r1] = cpu.s.gr[i.ops.r3] << ShiftAmount(cpu, i);
}
void ShiftRightLogical64(ExecContext& cpu, const Insn& i) {  // SRLG
  cpu.s.gr[i.ops.r1] = cpu.s.gr[i.ops.r3] >> ShiftAmount(cpu, i);
}

// --- Double shifts: the 64-bit operand is bits 32-63 of R1 (high) and R1+1 (low); R1 must be even ------
inline uint64_t GetPair32(const ExecContext& cpu, int r1) {
  return (uint64_t{static_cast<uint32_t>(cpu.s.gr[r1])} << 32) | static_cast<uint32_t>(cpu.s.gr[r1 + 1]);
}
inline void SetPair32(ExecContext& cpu, int r1, uint64_t v) {
  cpu.s.set_gr_low(r1, static_cast<uint32_t>(v >> 32));
  cpu.s.set_gr_low(r1 + 1, static_cast<uint32_t>(v));
}
void ShiftLeftDoubleLogical(ExecContext& cpu, const Insn& i) {  // SLDL
  RequireEven(i.ops.r1);
  SetPair32(cpu, i.ops.r1, GetPair32(cpu, i.ops.r1) << ShiftAmount(cpu, i));
}
void ShiftRightDoubleLogical(ExecContext& cpu, const Insn& i) {  // SRDL
  RequireEven(i.ops.r1);
  SetPair32(cpu, i.ops.r1, GetPair32(cpu, i.ops.r1) >> ShiftAmount(cpu, i));
}
void ShiftLeftDouble(ExecContext& cpu, const Insn& i) {  // SLDA
  RequireEven(i.ops.r1);
  const auto s = ShiftLeftArithmetic(static_cast<int64_t>(GetPair32(cpu, i.ops.r1)), ShiftAmount(cpu, i));
  SetPair32(cpu, i.ops.r1, static_cast<uint64_t>(s.result));
  SetSignedArithmeticCc(cpu, s.result, s.overflow);
}
void ShiftRightDouble(ExecContext& cpu, const Insn& i) {  // SRDA
  RequireEven(i.ops.r1);
  const int64_t r = static_cast<int64_t>(GetPair32(cpu, i.ops.r1)) >> ShiftAmount(cpu, i);
  SetPair32(cpu, i.ops.r1, static_cast<uint64_t>(r));
  cpu.SetCc(CcSigned(r));
}

// --- Rotates -------------------------------------------------------------------------------------------------
inline uint64_t RotateLeft64(uint64_t v, unsigned n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); }
inline uint32_t RotateLeft32(uint32_t v, unsigned n) { return n == 0 ? v : (v << n) | (v >> (32 - n)); }

void RotateLeft32Handler(ExecContext& cpu, const Insn& i) {  // RLL
  cpu.s.set_gr_low(i.ops.r1, RotateLeft32(static_cast<uint32_t>(cpu.s.gr[i.ops.r3]), ShiftAmount(cpu, i) & 31));
}
void RotateLeft64Handler(ExecContext& cpu, const Insn& i) {  // RLLG
  cpu.s.gr[i.ops.r1] = RotateLeft64(cpu.s.gr[i.ops.r3], ShiftAmount(cpu, i));
}

// Bits start..end of a doubleword (PoP numbering, bit 0 leftmost), wrapping around when start > end.
inline uint64_t BitRangeMask(unsigned start, unsigned end) {
  const uint64_t from_start = ~uint64_t{0} >> start;
  const uint64_t to_end = ~uint64_t{0} << (63 - end);
  return start <= end ? (from_start & to_end) : (from_start | to_end);
}

// ROTATE THEN INSERT SELECTED BITS: R2 rotated left by I5 replaces the bits I3..I4 of R1 (RISBG,
// RISBGN: all 64 bits; RISBHG: bits 0-31 only, positions 0-31; RISBLG: bits 32-63 only, positions 32-63).
// Bit 0 of I4 (Z) zeroes the other bits of the affected part instead of keeping them. Only RISBG sets
// the CC (by the signed 64-bit result).
enum class Part { kAll, kHigh, kLow };
template <Part kPart, bool kSetCc>
void RotateThenInsert(ExecContext& cpu, const Insn& i) {
  const unsigned i3 = static_cast<uint8_t>(i.ops.i3), i4 = static_cast<uint8_t>(i.ops.i4);
  const unsigned rot = static_cast<uint8_t>(i.ops.i5) & 63;
  unsigned start, end;
  uint64_t part;
  if constexpr (kPart == Part::kAll) {
    start = i3 & 63;
    end = i4 & 63;
    part = ~uint64_t{0};
  } else if constexpr (kPart == Part::kHigh) {
    start = i3 & 31;
    end = i4 & 31;
    part = 0xffffffff00000000ull;
  } else {
    start = (i3 & 31) + 32;
    end = (i4 & 31) + 32;
    part = 0x00000000ffffffffull;
  }
  const uint64_t mask = BitRangeMask(start, end) & part;
  const uint64_t rotated = RotateLeft64(cpu.s.gr[i.ops.r2], rot);
  const uint64_t old = cpu.s.gr[i.ops.r1];
  const uint64_t keep = (i4 & 0x80) ? ~part : ~mask;
  const uint64_t r = (old & keep) | (rotated & mask);
  cpu.s.gr[i.ops.r1] = r;
  if (kSetCc) cpu.SetCc(CcSigned(static_cast<int64_t>(r)));
}

// ROTATE THEN AND / OR / EXCLUSIVE OR SELECTED BITS: the selected bits of R1 become R1 op rotated R2;
// the others are unchanged. CC 0 when the selected bits of the result are all zero, 1 otherwise. Bit 0 of
// I3 (T) makes it a test: the CC is set and R1 is left alone.
enum class SelOp { kAnd, kOr, kXor };
template <SelOp kOp>
void RotateThenSelected(ExecContext& cpu, const Insn& i) {
  const unsigned i3 = static_cast<uint8_t>(i.ops.i3), i4 = static_cast<uint8_t>(i.ops.i4);
  const uint64_t mask = BitRangeMask(i3 & 63, i4 & 63);
  const uint64_t rotated = RotateLeft64(cpu.s.gr[i.ops.r2], static_cast<uint8_t>(i.ops.i5) & 63);
  const uint64_t old = cpu.s.gr[i.ops.r1];
  uint64_t selected;
  if constexpr (kOp == SelOp::kAnd) {
    selected = old & rotated & mask;
  } else if constexpr (kOp == SelOp::kOr) {
    selected = (old | rotated) & mask;
  } else {
    selected = (old ^ rotated) & mask;
  }
  if (!(i3 & 0x80)) cpu.s.gr[i.ops.r1] = (old & ~mask) | selected;
  cpu.SetCc(selected != 0 ? 1 : 0);
}

// FIND LEFTMOST ONE: R1 <- number of leading zeros of R2 (64 if none), R1+1 <- R2 with that bit cleared
// (zero if none). CC 0 no one bit found, 2 found. R1 must be even.
void FindLeftmostOne(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const uint64_t v = cpu.s.gr[i.ops.r2];
  if (v == 0) {
    cpu.s.gr[r1] = 64;
    cpu.s.gr[r1 + 1] = 0;
    cpu.SetCc(0);
    return;
  }
  const unsigned n = static_cast<unsigned>(__builtin_clzll(v));
  cpu.s.gr[r1] = n;
  cpu.s.gr[r1 + 1] = v & ~(uint64_t{1} << (63 - n));
  cpu.SetCc(2);
}

}  // namespace

void RegisterShiftRotate(HandlerTable& table) {
  table.Set<&ShiftLeftSingle32<Src::kR1>>(InsnId::kSLA);
  table.Set<&ShiftLeftSingle32<Src::kR3>>(InsnId::kSLAK);
  table.Set<&ShiftLeftSingle64>(InsnId::kSLAG);
  table.Set<&ShiftRightSingle32<Src::kR1>>(InsnId::kSRA);
  table.Set<&ShiftRightSingle32<Src::kR3>>(InsnId::kSRAK);
  table.Set<&ShiftRightSingle64>(InsnId::kSRAG);
  table.Set<&ShiftLeftLogical32<Src::kR1>>(InsnId::kSLL);
  table.Set<&ShiftLeftLogical32<Src::kR3>>(InsnId::kSLLK);
  table.Set<&ShiftLeftLogical64>(InsnId::kSLLG);
  table.Set<&ShiftRightLogical32<Src::kR1>>(InsnId::kSRL);
  table.Set<&ShiftRightLogical32<Src::kR3>>(InsnId::kSRLK);
  table.Set<&ShiftRightLogical64>(InsnId::kSRLG);
  table.Set<&ShiftLeftDoubleLogical>(InsnId::kSLDL);
  table.Set<&ShiftRightDoubleLogical>(InsnId::kSRDL);
  table.Set<&ShiftLeftDouble>(InsnId::kSLDA);
  table.Set<&ShiftRightDouble>(InsnId::kSRDA);
  table.Set<&RotateLeft32Handler>(InsnId::kRLL);
  table.Set<&RotateLeft64Handler>(InsnId::kRLLG);
  table.Set<&RotateThenInsert<Part::kAll, true>>(InsnId::kRISBG);
  table.Set<&RotateThenInsert<Part::kAll, false>>(InsnId::kRISBGN);
  table.Set<&RotateThenInsert<Part::kHigh, false>>(InsnId::kRISBHG);
  table.Set<&RotateThenInsert<Part::kLow, false>>(InsnId::kRISBLG);
  table.Set<&RotateThenSelected<SelOp::kAnd>>(InsnId::kRNSBG);
  table.Set<&RotateThenSelected<SelOp::kOr>>(InsnId::kROSBG);
  table.Set<&RotateThenSelected<SelOp::kXor>>(InsnId::kRXSBG);
  table.Set<&FindLeftmostOne>(InsnId::kFLOGR);
}

}  // namespace s390vmm::interp
