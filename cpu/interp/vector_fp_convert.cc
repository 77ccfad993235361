// Instruction family: vector floating point, part 2: the instructions with a rounding-method field and the
// format changes — LOAD FP INTEGER (VFI), LOAD LENGTHENED (VFLL), LOAD ROUNDED (VFLR), CONVERT FROM FIXED /
// FROM LOGICAL (VCFPS, VCFPL; VCDG, VCDLG in the original mnemonics) and CONVERT TO FIXED / TO LOGICAL
// (VCSFP, VCLFP; VCGD, VCLGD).
//
// The M4 field holds S (value 8) and XxC (value 4, the IEEE-inexact-exception control); its bits 2-3 are
// reserved (specification exception). M5 is the rounding method of the BFP instructions' M3 field
// (0 the FPC's, 1 nearest with ties away, 3 prepare for shorter precision, 4-7; 2 and 8-15 are a
// specification exception). Conversions between integers and BFP use doubleword integers with long
// elements and, with vector-enhancements facility 2, word integers with short elements. A NaN or an
// out-of-range value converted to an integer is an invalid operation; untrapped, the element becomes the
// most negative integer (zero for the logical forms and NaNs) as with the scalar CONVERT TO FIXED.
#include <type_traits>

#include "cpu/interp/bfp_common.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"
#include "cpu/interp/vector_fp.h"

namespace s390vmm::interp::vfp {
namespace {

// The M4 (S, XxC) and M5 (rounding method) fields of the rounding instructions.
struct RoundingFields {
  uint8_t m4;
  Rounding rounding;
  bool suppress_inexact() const { return m4 & kInexactControl; }
};
RoundingFields DecodeRoundingFields(const ExecContext& cpu, const Insn& insn) {
  if (insn.ops.m4 & 3) SpecificationException();
  return {insn.ops.m4, bfp::M3Rounding(cpu, insn.ops.m5)};
}

// VFI V1,V2,M3,M4,M5: each element rounded to an integral value in the same format.
void ExecLoadFpInteger(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const RoundingFields fields = DecodeRoundingFields(cpu, insn);
  DispatchFormat(insn.ops.m3, ArithmeticFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    ElementExceptions exceptions(cpu, fields.suppress_inexact());
    Vec r;
    for (int i = 0; i < ElementCount<E>(fields.m4); ++i) {
      Env env = bfp::MakeEnv(cpu, fields.rounding);
      const u128 x = bfp::RoundToIntegral(E::kF, E::Get(a, i), env);
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// VFLL V1,V2,M3,M4: M3 2 (short word elements 0 and 2 to long elements 0 and 1) or, with vector-
// enhancements facility 1, 3 (long element 0 to extended). Exact; an SNaN is an invalid operation. M4
// bit 0 is S, bits 1-3 reserved. The VXC names the source element.
void ExecLoadLengthened(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const uint8_t m4 = insn.ops.m4;
  if (m4 & 7) SpecificationException();
  const uint8_t allowed = kShortFormat | (HasVectorEnhancements1(cpu) ? kLongFormat : 0);
  DispatchFormat(insn.ops.m3, allowed, [&](auto e) {
    using From = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    ElementExceptions exceptions(cpu, false);
    Vec r;
    if constexpr (std::is_same_v<From, ShortElements>) {
      for (int i = 0; i < ElementCount<LongElements>(m4); ++i) {
        Env env = bfp::FpcEnv(cpu);
        const u128 x = bfp::Convert(bfp::kShort, bfp::kLong, ShortElements::Get(a, 2 * i), env);
        exceptions.Check(2 * i, env.flags);
        LongElements::Set(r, i, x);
      }
    } else if constexpr (std::is_same_v<From, LongElements>) {
      Env env = bfp::FpcEnv(cpu);
      const u128 x = bfp::Convert(bfp::kLong, bfp::kExtended, LongElements::Get(a, 0), env);
      exceptions.Check(0, env.flags);
      ExtendedElements::Set(r, 0, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// VFLR V1,V2,M3,M4,M5: M3 3 (long elements 0 and 1 to short word elements 0 and 2) or, with vector-
// enhancements facility 1, 4 (extended to long element 0), rounded by M5. The VXC names the source
// element.
void ExecLoadRounded(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const RoundingFields fields = DecodeRoundingFields(cpu, insn);
  const uint8_t allowed = kLongFormat | (HasVectorEnhancements1(cpu) ? kExtendedFormat : 0);
  DispatchFormat(insn.ops.m3, allowed, [&](auto e) {
    using From = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    ElementExceptions exceptions(cpu, fields.suppress_inexact());
    Vec r;
    if constexpr (std::is_same_v<From, LongElements>) {
      for (int i = 0; i < ElementCount<LongElements>(fields.m4); ++i) {
        Env env = bfp::MakeEnv(cpu, fields.rounding);
        const u128 x = bfp::Convert(bfp::kLong, bfp::kShort, LongElements::Get(a, i), env);
        exceptions.Check(i, env.flags);
        ShortElements::Set(r, 2 * i, x);
      }
    } else if constexpr (std::is_same_v<From, ExtendedElements>) {
      Env env = bfp::MakeEnv(cpu, fields.rounding);
      const u128 x = bfp::Convert(bfp::kExtended, bfp::kLong, ExtendedElements::Get(a, 0), env);
      exceptions.Check(0, env.flags);
      LongElements::Set(r, 0, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// The integer formats of the conversions: doubleword with long elements, word with short elements
// (vector-enhancements facility 2).
uint8_t ConversionFormats(const ExecContext& cpu) {
  return kLongFormat | (HasVectorEnhancements2(cpu) ? kShortFormat : 0);
}

// VCFPS (kSigned) / VCFPL V1,V2,M3,M4,M5: integer elements to BFP elements of the same width.
template <bool kSigned>
void ExecConvertFromFixed(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const RoundingFields fields = DecodeRoundingFields(cpu, insn);
  DispatchFormat(insn.ops.m3, ConversionFormats(cpu), [&](auto e) {
    using E = decltype(e);
    const Vec a = ReadV(cpu, insn.ops.v2);
    ElementExceptions exceptions(cpu, fields.suppress_inexact());
    Vec r;
    for (int i = 0; i < ElementCount<E>(fields.m4); ++i) {
      Env env = bfp::MakeEnv(cpu, fields.rounding);
      const uint64_t v = static_cast<uint64_t>(E::Get(a, i));
      u128 x;
      if constexpr (std::is_same_v<E, ShortElements>) {
        x = kSigned ? bfp::FromSigned(E::kF, static_cast<int32_t>(v), env) : bfp::FromInt(E::kF, false, v, env);
      } else {
        x = kSigned ? bfp::FromSigned(E::kF, static_cast<int64_t>(v), env) : bfp::FromInt(E::kF, false, v, env);
      }
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

// VCSFP (kSigned) / VCLFP V1,V2,M3,M4,M5: BFP elements to integer elements of the same width.
template <bool kSigned>
void ExecConvertToFixed(ExecContext& cpu, const Insn& insn) {
  RequireVectorEnabled(cpu);
  const RoundingFields fields = DecodeRoundingFields(cpu, insn);
  DispatchFormat(insn.ops.m3, ConversionFormats(cpu), [&](auto e) {
    using E = decltype(e);
    constexpr int kBits = std::is_same_v<E, ShortElements> ? 32 : 64;
    const Vec a = ReadV(cpu, insn.ops.v2);
    ElementExceptions exceptions(cpu, fields.suppress_inexact());
    Vec r;
    for (int i = 0; i < ElementCount<E>(fields.m4); ++i) {
      Env env = bfp::MakeEnv(cpu, fields.rounding);
      bool special;
      const uint64_t x = bfp::ToInt(E::kF, E::Get(a, i), kBits, kSigned, env, &special);
      exceptions.Check(i, env.flags);
      E::Set(r, i, x);
    }
    WriteV(cpu, insn.ops.v1, r);
    exceptions.SetFlags(cpu);
  });
}

}  // namespace

void RegisterVectorFpConvert(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ExecLoadFpInteger>(InsnId::kVFI);
  table.Set<&ExecLoadLengthened>(InsnId::kVFLL);
  table.Set<&ExecLoadRounded>(InsnId::kVFLR);
  table.Set<&ExecConvertFromFixed<true>>(InsnId::kVCFPS);
  table.Set<&ExecConvertFromFixed<false>>(InsnId::kVCFPL);
  table.Set<&ExecConvertToFixed<true>>(InsnId::kVCSFP);
  table.Set<&ExecConvertToFixed<false>>(InsnId::kVCLFP);
}

}  // namespace s390vmm::interp::vfp
