// Instruction family: vector floating point (PoP chapter "Vector Floating-Point Instructions"), part 1:
// ADD, SUBTRACT, MULTIPLY, DIVIDE, SQUARE ROOT, MULTIPLY AND ADD/SUBTRACT (and the NEGATIVE forms of
// vector-enhancements facility 1), MINIMUM/MAXIMUM, the compares (WFC, WFK, VFCE, VFCH, VFCHE), TEST DATA
// CLASS IMMEDIATE and PERFORM SIGN OPERATION. Rounding, conversions and lengthening are in
// vector_fp_convert.cc; element formats and exception processing in vector_fp.h.
//
// Every handler reads its source registers into local values, computes the whole result (raising the
// vector-processing exception of a trapped IEEE exception before anything is stored) and only then writes
// V1, the CC and the FPC flags, so that v1 may overlap any source.
#include "cpu/interp/bfp_common.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"
#include "cpu/interp/vector_fp.h"

namespace s390vmm::interp {
namespace vfp {
namespace {

using bfp::IsNaN;
using bfp::IsSNaN;
using bfp::IsZero;

using Binary = u128 (*)(const Format&, u128, u128, Env&);

// VFA, VFS, VFM, VFD V1,V2,V3,M4,M5: v1 := v2 <op> v3 element by element; M4 format, M5 bit 0 S (bits 1-3
// reserved: specification exception).
template <Binary kOp>
void ExecBinary(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m5 = insn.ops.m5;
  if (m5 & 7) SpecificationException();
  DispatchFormat(insn.ops.m4, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    const Vec b = ReadV(cpu, insn.ops.v3);
    ElementExceptions exceptions(cpu, false);
    Vec r;
    for (int i = 0; i < ElementCount<E>(m5); ++i) {
      Env env = bfp::FpcEnv(cpu);
      const u128 x = kOp(E::kF, E::Get(a, i), E::Get(b, i), env);
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// VFSQ V1,V2,M3,M4.
void ExecSquareRoot(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m4 = insn.ops.m4;
  if (m4 & 7) SpecificationException();
  DispatchFormat(insn.ops.m3, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    ElementExceptions exceptions(cpu, false);
    Vec r;
    for (int i = 0; i < ElementCount<E>(m4); ++i) {
      Env env = bfp::FpcEnv(cpu);
      const u128 x = bfp::Sqrt(E::kF, E::Get(a, i), env);
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// VFMA, VFMS, VFNMA, VFNMS V1,V2,V3,V4,M5,M6: v1 := [-](v2 * v3 [+-] v4) rounded once; M5 bit 0 S, M6
// format. NaN precedence as MULTIPLY AND ADD: third, second, fourth operand (PoP table "Results: MULTIPLY
// AND ADD"); a NaN is neither negated as the addend of the SUBTRACT forms nor as the result of the
// NEGATIVE forms.
template <bool kSubtract, bool kNegative>
void ExecMultiplyAdd(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m5 = insn.ops.m5;
  if (m5 & 7) SpecificationException();
  DispatchFormat(insn.ops.m6, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Format& f = E::kF;
    const Vec v2 = ReadV(cpu, insn.ops.v2);
    const Vec v3 = ReadV(cpu, insn.ops.v3);
    const Vec v4 = ReadV(cpu, insn.ops.v4);
    ElementExceptions exceptions(cpu, false);
    Vec r;
    for (int i = 0; i < ElementCount<E>(m5); ++i) {
      const u128 a = E::Get(v3, i);
      const u128 b = E::Get(v2, i);
      u128 c = E::Get(v4, i);
      if (kSubtract && !IsNaN(f, c)) c ^= f.sign_bit();
      Env env = bfp::FpcEnv(cpu);
      u128 x = bfp::MulAdd(f, a, b, c, env);
      if (kNegative && !IsNaN(f, x)) {
        if (env.flags & bfp::kInexact) {
          // -(a*b + c) is rounded as one value: round the negated sum, not the sum (directed rounding).
          env = bfp::FpcEnv(cpu);
          x = bfp::MulAdd(f, IsNaN(f, a) ? a : a ^ f.sign_bit(), b, IsNaN(f, c) ? c : c ^ f.sign_bit(), env);
        } else {
          x ^= f.sign_bit();  // exact, zeros included
        }
      }
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// --- MINIMUM / MAXIMUM --------------------------------------------------------------------------------------
// a < b for values that are not NaNs, with -0 below +0.
bool OrderedLess(const Format& f, u128 a, u128 b) {
  const bool sa = bfp::IsNegative(f, a);
  if (sa != bfp::IsNegative(f, b)) return sa;
  const u128 ma = a & ~f.sign_bit();
  const u128 mb = b & ~f.sign_bit();
  return sa ? ma > mb : ma < mb;
}

// The NaN an IEEE operation with NaN operands delivers (PoP: an SNaN before a QNaN, the first operand
// before the second; an SNaN is quieted and is an invalid operation).
u128 PropagateNaN(const Format& f, u128 a, u128 b, Env& env) {
  if (IsSNaN(f, a) || IsSNaN(f, b)) env.flags |= bfp::kInvalid;
  if (IsSNaN(f, a)) return a | f.quiet_bit();
  if (IsSNaN(f, b)) return b | f.quiet_bit();
  return IsNaN(f, a) ? a : b;
}

enum Method : uint8_t { kIeee = 0, kJava = 1, kCMacro = 2, kCpp = 3, kFortran = 4 };

// One element of VFMIN (kMax false) / VFMAX with the M6 method (PoP "VECTOR FP MAXIMUM/MINIMUM"):
//   0 IEEE MaxNum/MinNum: a QNaN loses against a number; 1 Java Math.max/min: any NaN wins; 2 C-style
//   macro (a > b ? a : b): the second operand unless the first compares; 3 C++ std::max/min (a < b ? b :
//   a): the first operand unless the second compares; 4 fmax/fmin: the non-NaN operand. 2 and 3 signal
//   invalid for any NaN, the others for SNaNs. 8-12: the same on magnitudes; IEEE MaxNumMag/MinNumMag
//   deliver the operand, the others its absolute value. Zeros of both signs: -0 is below +0 for 0, 1 and
//   4; 2 delivers the second operand and 3 the first.
u128 MinMax(const Format& f, bool max, uint8_t method, u128 a, u128 b, Env& env) {
  const bool magnitude = method >= 8;
  method &= 7;
  const u128 sign = f.sign_bit();
  if (method == kIeee) {
    if (IsNaN(f, a) || IsNaN(f, b)) {
      if (!IsSNaN(f, a) && !IsSNaN(f, b) && !(IsNaN(f, a) && IsNaN(f, b))) return IsNaN(f, a) ? b : a;
      return PropagateNaN(f, a, b, env);
    }
    if (magnitude && (a & ~sign) != (b & ~sign)) {
      const bool a_smaller = (a & ~sign) < (b & ~sign);
      return a_smaller != max ? a : b;
    }
    return OrderedLess(f, b, a) != max ? b : a;
  }
  if (magnitude) {
    a &= ~sign;
    b &= ~sign;
  }
  if (IsNaN(f, a) || IsNaN(f, b)) {
    if (IsSNaN(f, a) || IsSNaN(f, b) || method == kCMacro || method == kCpp) env.flags |= bfp::kInvalid;
    switch (method) {
      case kJava:
        if (IsSNaN(f, a)) return a | f.quiet_bit();
        if (IsSNaN(f, b)) return b | f.quiet_bit();
        return IsNaN(f, a) ? a : b;
      case kFortran: return IsNaN(f, b) ? a : b;
      case kCMacro: return b;
      default: return a;
    }
  }
  if (IsZero(f, a) && IsZero(f, b)) {
    switch (method) {
      case kCMacro: return b;
      case kCpp: return a;
      default: return bfp::IsNegative(f, a) != max ? a : b;
    }
  }
  return OrderedLess(f, b, a) != max ? b : a;
}

// VFMIN, VFMAX V1,V2,V3,M4,M5,M6: M4 format, M5 bit 0 S, M6 method (5-7 and 13-15 are a specification
// exception).
template <bool kMax>
void ExecMinMax(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m5 = insn.ops.m5;
  const uint8_t method = insn.ops.m6;
  if ((method & 7) > 4) SpecificationException();
  DispatchFormat(insn.ops.m4, kShortFormat | kLongFormat | kExtendedFormat, [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    const Vec b = ReadV(cpu, insn.ops.v3);
    ElementExceptions exceptions(cpu, false);
    Vec r;
    for (int i = 0; i < ElementCount<E>(m5); ++i) {
      Env env = bfp::FpcEnv(cpu);
      const u128 x = MinMax(E::kF, kMax, method, E::Get(a, i), E::Get(b, i), env);
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// --- Compares ------------------------------------------------------------------------------------------------
// WFC, WFK V1,V2,M3,M4 (kSignaling: COMPARE AND SIGNAL SCALAR): element 0 of V1 against element 0 of V2;
// CC 0 equal, 1 low, 2 high, 3 unordered. M4 is reserved (specification exception if not zero).
template <bool kSignaling>
void ExecCompareScalar(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  if (insn.ops.m4 != 0) SpecificationException();
  DispatchFormat(insn.ops.m3, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    ElementExceptions exceptions(cpu, false);
    Env env = bfp::FpcEnv(cpu);
    const uint8_t cc =
        bfp::Compare(E::kF, E::Get(ReadV(cpu, insn.ops.v1), 0), E::Get(ReadV(cpu, insn.ops.v2), 0), kSignaling, env);
    exceptions.Check(0, env.flags);
    cpu.SetCc(cc);
    exceptions.SetFlags(cpu);
  });
}

enum class Relation { kEqual, kHigh, kHighOrEqual };

// VFCE, VFCH, VFCHE V1,V2,V3,M4,M5,M6: element i of V1 := all ones if v2[i] <relation> v3[i], else zeros.
// M5: bit 0 S, bit 1 SQ (signaling: invalid for any NaN, vector-enhancements facility 1; quiet compares
// signal invalid for SNaNs only), bits 2-3 reserved. M6: bit 3 CS (set the CC: 0 all elements true,
// 1 some, 3 none), bits 0-2 reserved.
template <Relation kRelation>
void ExecCompare(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m5 = insn.ops.m5;
  const uint8_t m6 = insn.ops.m6;
  const bool signaling = m5 & 4;
  if ((m5 & 3) || (m6 & 0xe) || (signaling && !HasVectorEnhancements1(cpu))) SpecificationException();
  DispatchFormat(insn.ops.m4, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    const Vec b = ReadV(cpu, insn.ops.v3);
    ElementExceptions exceptions(cpu, false);
    Vec r;
    const int n = ElementCount<E>(m5);
    int matches = 0;
    for (int i = 0; i < n; ++i) {
      Env env = bfp::FpcEnv(cpu);
      const uint8_t cc = bfp::Compare(E::kF, E::Get(a, i), E::Get(b, i), signaling, env);
      exceptions.Check(i, env.flags);
      const bool match = kRelation == Relation::kEqual ? cc == 0
                         : kRelation == Relation::kHigh ? cc == 2
                                                        : cc == 0 || cc == 2;
      if (match) {
        ++matches;
        E::Set(r, i, E::kF.sign_bit() | (E::kF.sign_bit() - 1));
      }
    }
    WriteV(cpu, insn.ops.v1, r);
    if (m6 & 1) cpu.SetCc(matches == n ? 0 : matches > 0 ? 1 : 3);
    exceptions.SetFlags(cpu);
  });
}

// VFTCI V1,V2,I3,M4,M5: element i of V1 := all ones if v2[i] is in a data class selected by the 12-bit I3
// (the bits of TEST DATA CLASS: +0, -0, +normal, ..., -SNaN), else zeros. CC 0 all selected, 1 some,
// 3 none. No IEEE exceptions.
void ExecTestDataClass(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m5 = insn.ops.m5;
  if (m5 & 7) SpecificationException();
  const uint16_t classes = static_cast<uint16_t>(insn.ops.i3 & 0xfff);
  DispatchFormat(insn.ops.m4, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    Vec r;
    const int n = ElementCount<E>(m5);
    int matches = 0;
    for (int i = 0; i < n; ++i) {
      if (bfp::DataClassBit(E::kF, E::Get(a, i)) & classes) {
        ++matches;
        E::Set(r, i, E::kF.sign_bit() | (E::kF.sign_bit() - 1));
      }
    }
    WriteV(cpu, insn.ops.v1, r);
    cpu.SetCc(matches == n ? 0 : matches > 0 ? 1 : 3);
  });
}

// VFPSO V1,V2,M3,M4,M5: M5 0 complement, 1 negative, 2 positive the sign bit of each element (NaNs
// included, no IEEE exceptions); 3-15 are a specification exception.
void ExecSignOperation(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m4 = insn.ops.m4;
  const uint8_t op = insn.ops.m5;
  if ((m4 & 7) || op > 2) SpecificationException();
  DispatchFormat(insn.ops.m3, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    const u128 sign = E::kF.sign_bit();
    Vec r;
    for (int i = 0; i < ElementCount<E>(m4); ++i) {
      const u128 x = E::Get(a, i);
      E::Set(r, i, op == 0 ? x ^ sign : op == 1 ? x | sign : x & ~sign);
    }
    WriteV(cpu, insn.ops.v1, r);
  });
}

}  // namespace
}  // namespace vfp

void RegisterVectorFp(HandlerTable& table) {
  using isa::InsnId;
  using namespace vfp;  // NOLINT(build/namespaces)
  table.Set<&ExecBinary<&bfp::Add>>(InsnId::kVFA);
  table.Set<&ExecBinary<&bfp::Sub>>(InsnId::kVFS);
  table.Set<&ExecBinary<&bfp::Mul>>(InsnId::kVFM);
  table.Set<&ExecBinary<&bfp::Div>>(InsnId::kVFD);
  table.Set<&ExecSquareRoot>(InsnId::kVFSQ);
  table.Set<&ExecMultiplyAdd<false, false>>(InsnId::kVFMA);
  table.Set<&ExecMultiplyAdd<true, false>>(InsnId::kVFMS);
  table.Set<&ExecMultiplyAdd<false, true>>(InsnId::kVFNMA);
  table.Set<&ExecMultiplyAdd<true, true>>(InsnId::kVFNMS);
  table.Set<&ExecMinMax<false>>(InsnId::kVFMIN);
  table.Set<&ExecMinMax<true>>(InsnId::kVFMAX);
  table.Set<&ExecCompareScalar<false>>(InsnId::kWFC);
  table.Set<&ExecCompareScalar<true>>(InsnId::kWFK);
  table.Set<&ExecCompare<Relation::kEqual>>(InsnId::kVFCE);
  table.Set<&ExecCompare<Relation::kHigh>>(InsnId::kVFCH);
  table.Set<&ExecCompare<Relation::kHighOrEqual>>(InsnId::kVFCHE);
  table.Set<&ExecTestDataClass>(InsnId::kVFTCI);
  table.Set<&ExecSignOperation>(InsnId::kVFPSO);
  RegisterVectorFpConvert(table);
  bfp::RegisterBfpDivideToInteger(table);
}

}  // namespace s390vmm::interp
