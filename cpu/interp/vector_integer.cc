// Instruction family: vector integer (PoP chapter "Vector Integer Instructions") — the Boolean operations,
// add and subtract with their carry/borrow forms (also on the one quadword element, ES 4), average,
// element compares (with the CC of the CS flag), minimum/maximum, load complement/positive, the counts,
// the sums across elements, checksum and test under mask. Multiplies live in vector_multiply.cc, shifts
// and rotates in vector_shift.cc; RegisterVectorInteger registers all three.
//
// Every handler checks the vector-enablement control first, then the M fields (a reserved element size is
// a specification exception), reads all source registers into local Vec copies and only then writes V1,
// so V1 may be any of the sources. None of these instructions accesses storage or raises an arithmetic
// exception: sums and differences wrap.
#include <algorithm>
#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"
#include "cpu/interp/vector_integer_internal.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using vector_integer::kBits;
using vector_integer::Signed;
using vector_integer::u128;

// ---- Boolean operations on all 128 bits (VRR-c, no element size) -----------------------------------------

struct AndOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return a & b; }
};
struct AndWithComplementOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return a & ~b; }
};
struct OrOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return a | b; }
};
struct NorOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return ~(a | b); }
};
struct NotXorOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return ~(a ^ b); }
};
struct XorOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return a ^ b; }
};
struct NandOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return ~(a & b); }
};
struct OrWithComplementOp {
  static uint64_t Apply(uint64_t a, uint64_t b) { return a | ~b; }
};

template <typename Op>
void Boolean(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  WriteV(cpu, insn.ops.v1, Vec(Op::Apply(a.hi, b.hi), Op::Apply(a.lo, b.lo)));
}

// ---- Element-wise binary operations (VRR-c, ES in M4) -------------------------------------------------------
// Each Op has `template <typename T> static T Apply(T a, T b)`; the ones that allow the quadword element
// (ES 4) also instantiate it with T = u128.

struct AddOp {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(a + b);
  }
};
// VACC: the carry out of bit 0 of each element sum, as 0 or 1.
struct AddComputeCarryOp {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(static_cast<T>(a + b) < a);
  }
};
struct SubtractOp {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(a - b);
  }
};
// VSCBI: the borrow indication, 1 when no borrow (a >= b unsigned), 0 when a borrow.
struct SubtractComputeBorrowOp {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(a >= b);
  }
};
// VAVG/VAVGL: (a + b + 1) / 2 rounded down, with the sum one bit wider than the element.
struct AverageOp {
  template <typename T>
  static T Apply(T a, T b) {
    using Wide = std::conditional_t<sizeof(T) == 8, __int128, int64_t>;
    return static_cast<T>((Wide{static_cast<Signed<T>>(a)} + static_cast<Signed<T>>(b) + 1) >> 1);
  }
};
struct AverageLogicalOp {
  template <typename T>
  static T Apply(T a, T b) {
    using Wide = std::conditional_t<sizeof(T) == 8, u128, uint64_t>;
    return static_cast<T>((Wide{a} + b + 1) >> 1);
  }
};
struct MinimumOp {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<Signed<T>>(b) < static_cast<Signed<T>>(a) ? b : a;
  }
};
struct MinimumLogicalOp {
  template <typename T>
  static T Apply(T a, T b) {
    return std::min(a, b);
  }
};
struct MaximumOp {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<Signed<T>>(b) > static_cast<Signed<T>>(a) ? b : a;
  }
};
struct MaximumLogicalOp {
  template <typename T>
  static T Apply(T a, T b) {
    return std::max(a, b);
  }
};

// v1 = op(v2, v3) element by element; kQuadword: ES 4 (the 128-bit element) is valid too.
template <typename Op, bool kQuadword = false>
void Elementwise(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  if constexpr (kQuadword) {
    if (insn.ops.m4 == static_cast<uint8_t>(ElementSize::kQuadword)) {
      WriteV(cpu, insn.ops.v1, Vec::From128(Op::template Apply<u128>(a.u128(), b.u128())));
      return;
    }
  }
  DispatchElementSize(insn.ops.m4, 3, [&](auto tag) {
    using T = decltype(tag);
    for (int i = 0; i < Vec::Count<T>(); ++i) r.Set<T>(i, Op::template Apply<T>(a.Get<T>(i), b.Get<T>(i)));
  });
  WriteV(cpu, insn.ops.v1, r);
}

// ---- Quadword add/subtract with carry/borrow in (VRR-d, M5 must be 4) ----------------------------------------
// The carry in is bit 127 of V4; the "borrow" forms add the ones complement of V3, so that the carry in
// and out are the borrow indications of VSCBI (1 = no borrow).

inline bool CarryOut(u128 a, u128 b, u128 carry_in) {
  const u128 s = a + b;
  return s < a || s + carry_in < s;
}
struct AddWithCarryOp {
  static u128 Apply(u128 a, u128 b, u128 c) { return a + b + c; }
};
struct AddWithCarryComputeCarryOp {
  static u128 Apply(u128 a, u128 b, u128 c) { return CarryOut(a, b, c); }
};
struct SubtractWithBorrowOp {
  static u128 Apply(u128 a, u128 b, u128 c) { return a + ~b + c; }
};
struct SubtractWithBorrowComputeBorrowOp {
  static u128 Apply(u128 a, u128 b, u128 c) { return CarryOut(a, ~b, c); }
};

template <typename Op>
void QuadwordWithCarry(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.m5 != static_cast<uint8_t>(ElementSize::kQuadword)) SpecificationException();
  const u128 a = ReadV(cpu, insn.ops.v2).u128(), b = ReadV(cpu, insn.ops.v3).u128();
  const u128 carry_in = ReadV(cpu, insn.ops.v4).lo & 1;
  WriteV(cpu, insn.ops.v1, Vec::From128(Op::Apply(a, b, carry_in)));
}

// ---- Compares ---------------------------------------------------------------------------------------------

struct EqualPred {
  template <typename T>
  static bool Test(T a, T b) {
    return a == b;
  }
};
struct HighPred {
  template <typename T>
  static bool Test(T a, T b) {
    return static_cast<Signed<T>>(a) > static_cast<Signed<T>>(b);
  }
};
struct HighLogicalPred {
  template <typename T>
  static bool Test(T a, T b) {
    return a > b;
  }
};

// VCEQ, VCH, VCHL (VRR-b): each element of V1 all ones where the compare is true, zeros elsewhere. With
// the CS flag (M5 bit 3) the CC is 0 all true, 1 some true, 3 none true; without it the CC is unchanged.
template <typename Pred>
void CompareElements(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  int trues = 0, count = 0;
  DispatchElementSize(insn.ops.m4, 3, [&](auto tag) {
    using T = decltype(tag);
    count = Vec::Count<T>();
    for (int i = 0; i < count; ++i) {
      const bool t = Pred::template Test<T>(a.Get<T>(i), b.Get<T>(i));
      r.Set<T>(i, t ? static_cast<T>(~T{0}) : T{0});
      trues += t;
    }
  });
  WriteV(cpu, insn.ops.v1, r);
  if (insn.ops.m5 & 1) cpu.SetCc(trues == count ? 0 : (trues == 0 ? 3 : 1));
}

// VEC, VECL (VRR-a): compare the rightmost element of the leftmost doubleword of V1 and V2 (the element
// a general register would hold), CC 0 equal, 1 first low, 2 first high.
template <bool kSigned>
void ElementCompare(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v1), b = ReadV(cpu, insn.ops.v2);
  uint8_t cc = 0;
  DispatchElementSize(insn.ops.m3, 3, [&](auto tag) {
    using T = decltype(tag);
    const int i = Vec::Count<T>() / 2 - 1;
    if constexpr (kSigned) {
      cc = CcCompare(static_cast<Signed<T>>(a.Get<T>(i)), static_cast<Signed<T>>(b.Get<T>(i)));
    } else {
      cc = CcCompare(a.Get<T>(i), b.Get<T>(i));
    }
  });
  cpu.SetCc(cc);
}

// ---- Element-wise unary operations (VRR-a, ES in M3) ----------------------------------------------------------

struct LoadComplementOp {
  template <typename T>
  static T Apply(T a) {
    return static_cast<T>(T{0} - a);
  }
};
// The maximum negative number stays itself (no overflow is recognized).
struct LoadPositiveOp {
  template <typename T>
  static T Apply(T a) {
    return static_cast<Signed<T>>(a) < 0 ? static_cast<T>(T{0} - a) : a;
  }
};
struct CountLeadingZerosOp {
  template <typename T>
  static T Apply(T a) {
    return static_cast<T>(a == 0 ? kBits<T> : __builtin_clzll(a) - (64 - kBits<T>));
  }
};
struct CountTrailingZerosOp {
  template <typename T>
  static T Apply(T a) {
    return static_cast<T>(a == 0 ? kBits<T> : __builtin_ctzll(a));
  }
};
struct PopulationCountOp {
  template <typename T>
  static T Apply(T a) {
    return static_cast<T>(__builtin_popcountll(a));
  }
};

template <typename Op>
void Unary(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2);
  Vec r;
  DispatchElementSize(insn.ops.m3, 3, [&](auto tag) {
    using T = decltype(tag);
    for (int i = 0; i < Vec::Count<T>(); ++i) r.Set<T>(i, Op::template Apply<T>(a.Get<T>(i)));
  });
  WriteV(cpu, insn.ops.v1, r);
}

// VPOPCT: only byte elements without the vector-enhancements facility 1 (PoP: other ES values are then
// reserved); halfword to doubleword counts come with it.
void VectorPopulationCount(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.m3 != 0 && !cpu.model().Has(isa::Facility::kVectorEnhancements1)) SpecificationException();
  Unary<PopulationCountOp>(cpu, insn);
}

// ---- Sums across elements ---------------------------------------------------------------------------------------
// Each W element of the result is the sum of the T elements of V2 it covers plus the rightmost T element
// of V3 it covers, modulo 2^bits(W) (PoP VSUM, VSUMG, VSUMQ).
template <typename W, typename T>
Vec SumAcross(const Vec& a, const Vec& b) {
  constexpr int kPer = static_cast<int>(sizeof(W) / sizeof(T));
  Vec r;
  for (int j = 0; j < 16 / static_cast<int>(sizeof(W)); ++j) {
    W sum = b.Get<T>((j + 1) * kPer - 1);
    for (int i = j * kPer; i < (j + 1) * kPer; ++i) sum = static_cast<W>(sum + a.Get<T>(i));
    vector_integer::SetWide<W>(r, j, sum);
  }
  return r;
}

// VSUM: word sums of bytes (ES 0) or halfwords (ES 1).
void VectorSumAcrossWord(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  switch (insn.ops.m4) {
    case 0: r = SumAcross<uint32_t, uint8_t>(a, b); break;
    case 1: r = SumAcross<uint32_t, uint16_t>(a, b); break;
    default: SpecificationException();
  }
  WriteV(cpu, insn.ops.v1, r);
}

// VSUMG: doubleword sums of halfwords (ES 1) or words (ES 2).
void VectorSumAcrossDoubleword(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  switch (insn.ops.m4) {
    case 1: r = SumAcross<uint64_t, uint16_t>(a, b); break;
    case 2: r = SumAcross<uint64_t, uint32_t>(a, b); break;
    default: SpecificationException();
  }
  WriteV(cpu, insn.ops.v1, r);
}

// VSUMQ: the quadword sum of words (ES 2) or doublewords (ES 3).
void VectorSumAcrossQuadword(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  Vec r;
  switch (insn.ops.m4) {
    case 2: r = SumAcross<u128, uint32_t>(a, b); break;
    case 3: r = SumAcross<u128, uint64_t>(a, b); break;
    default: SpecificationException();
  }
  WriteV(cpu, insn.ops.v1, r);
}

// VCKSM: word 1 of V3 plus the four words of V2, each addition with the carry out of bit 0 added back in
// (end-around carry), into word 1 of V1; words 0, 2 and 3 of V1 are zeroed.
void VectorChecksum(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, insn.ops.v2), b = ReadV(cpu, insn.ops.v3);
  uint32_t sum = b.Get<uint32_t>(1);
  for (int i = 0; i < 4; ++i) {
    const uint64_t s = uint64_t{sum} + a.Get<uint32_t>(i);
    sum = static_cast<uint32_t>(s) + static_cast<uint32_t>(s >> 32);
  }
  Vec r;
  r.Set<uint32_t>(1, sum);
  WriteV(cpu, insn.ops.v1, r);
}

// VTM: V2 is the mask. CC 0 selected bits all zeros (or the mask is zero), 1 mixed, 3 all ones.
void VectorTestUnderMask(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const u128 value = ReadV(cpu, insn.ops.v1).u128(), mask = ReadV(cpu, insn.ops.v2).u128();
  const u128 selected = value & mask;
  cpu.SetCc(selected == 0 ? 0 : (selected == mask ? 3 : 1));
}

}  // namespace

void RegisterVectorInteger(HandlerTable& table) {
  // Boolean.
  table.Set<&Boolean<AndOp>>(InsnId::kVN);
  table.Set<&Boolean<AndWithComplementOp>>(InsnId::kVNC);
  table.Set<&Boolean<OrOp>>(InsnId::kVO);
  table.Set<&Boolean<NorOp>>(InsnId::kVNO);
  table.Set<&Boolean<NotXorOp>>(InsnId::kVNX);
  table.Set<&Boolean<XorOp>>(InsnId::kVX);
  table.Set<&Boolean<NandOp>>(InsnId::kVNN);
  table.Set<&Boolean<OrWithComplementOp>>(InsnId::kVOC);
  // Add and subtract.
  table.Set<&Elementwise<AddOp, true>>(InsnId::kVA);
  table.Set<&Elementwise<AddComputeCarryOp, true>>(InsnId::kVACC);
  table.Set<&QuadwordWithCarry<AddWithCarryOp>>(InsnId::kVAC);
  table.Set<&QuadwordWithCarry<AddWithCarryComputeCarryOp>>(InsnId::kVACCC);
  table.Set<&Elementwise<SubtractOp, true>>(InsnId::kVS);
  table.Set<&Elementwise<SubtractComputeBorrowOp, true>>(InsnId::kVSCBI);
  table.Set<&QuadwordWithCarry<SubtractWithBorrowOp>>(InsnId::kVSBI);
  table.Set<&QuadwordWithCarry<SubtractWithBorrowComputeBorrowOp>>(InsnId::kVSBCBI);
  // Average, minimum, maximum.
  table.Set<&Elementwise<AverageOp>>(InsnId::kVAVG);
  table.Set<&Elementwise<AverageLogicalOp>>(InsnId::kVAVGL);
  table.Set<&Elementwise<MinimumOp>>(InsnId::kVMN);
  table.Set<&Elementwise<MinimumLogicalOp>>(InsnId::kVMNL);
  table.Set<&Elementwise<MaximumOp>>(InsnId::kVMX);
  table.Set<&Elementwise<MaximumLogicalOp>>(InsnId::kVMXL);
  // Compares.
  table.Set<&CompareElements<EqualPred>>(InsnId::kVCEQ);
  table.Set<&CompareElements<HighPred>>(InsnId::kVCH);
  table.Set<&CompareElements<HighLogicalPred>>(InsnId::kVCHL);
  table.Set<&ElementCompare<true>>(InsnId::kVEC);
  table.Set<&ElementCompare<false>>(InsnId::kVECL);
  // Complement, positive, counts.
  table.Set<&Unary<LoadComplementOp>>(InsnId::kVLC);
  table.Set<&Unary<LoadPositiveOp>>(InsnId::kVLP);
  table.Set<&Unary<CountLeadingZerosOp>>(InsnId::kVCLZ);
  table.Set<&Unary<CountTrailingZerosOp>>(InsnId::kVCTZ);
  table.Set<&VectorPopulationCount>(InsnId::kVPOPCT);
  // Sums, checksum, test under mask.
  table.Set<&VectorSumAcrossWord>(InsnId::kVSUM);
  table.Set<&VectorSumAcrossDoubleword>(InsnId::kVSUMG);
  table.Set<&VectorSumAcrossQuadword>(InsnId::kVSUMQ);
  table.Set<&VectorChecksum>(InsnId::kVCKSM);
  table.Set<&VectorTestUnderMask>(InsnId::kVTM);

  vector_integer::RegisterVectorMultiply(table);
  vector_integer::RegisterVectorShift(table);
}

}  // namespace s390vmm::interp
