// Instruction family: binary floating point, part 2: the instructions with a rounding-method field —
// LOAD ROUNDED (LEDBR, LDXBR, LEXBR), LOAD FP INTEGER (FIEBR, FIDBR, FIXBR), CONVERT FROM FIXED / FROM
// LOGICAL (CEFBR ... CXLGBR) and CONVERT TO FIXED / TO LOGICAL (CFEBR ... CLGXBR).
//
// M3 selects the rounding method (0: the FPC's) and bit 1 of M4 (value 4) is the IEEE-inexact-exception
// control; both came with the floating-point-extension facility (bit 37) where the PoP says so: without
// it the fields of LEDBR/LDXBR/LEXBR and CEFBR ... CXGBR are ignored and M4 is ignored everywhere.
//
// CONVERT TO FIXED/LOGICAL set the CC from the source: 0 zero, 1 less than zero, 2 greater than zero,
// 3 NaN or out of range (invalid operation; untrapped, the result is the most negative or most positive
// value of the table, or zero for the logical forms and NaNs).
#include "cpu/interp/bfp_common.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp::bfp {
namespace {

// The rounding method and XxC of an instruction whose M3 (kM3Fpe) and M4 fields came with the
// floating-point-extension facility.
template <bool kM3Fpe>
inline Rounding RoundingOf(const ExecContext& cpu, const Insn& insn) {
  if (kM3Fpe && !HasFpExtension(cpu)) return FpcRounding(cpu.s.fpc);
  return M3Rounding(cpu, insn.ops.m3);
}

// LOAD ROUNDED R1,M3,R2,M4: op2 rounded to the shorter format.
template <class From, class To>
void ExecLoadRounded(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  From::Check(insn.ops.r2);
  Env env = MakeEnv(cpu, RoundingOf<true>(cpu, insn));
  const u128 r = Convert(From::kF, To::kF, From::Get(cpu, insn.ops.r2), env);
  CheckSuppressing(cpu, env);
  To::Set(cpu, insn.ops.r1, r);
  Finish(cpu, env, InexactSuppressed(cpu, insn.ops.m4));
}

// LOAD FP INTEGER R1,M3,R2,M4.
template <class T>
void ExecLoadFpInteger(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  T::Check(insn.ops.r2);
  Env env = MakeEnv(cpu, RoundingOf<false>(cpu, insn));
  const u128 r = RoundToIntegral(T::kF, T::Get(cpu, insn.ops.r2), env);
  CheckSuppressing(cpu, env);
  T::Set(cpu, insn.ops.r1, r);
  Finish(cpu, env, InexactSuppressed(cpu, insn.ops.m4));
}

// CONVERT FROM FIXED / FROM LOGICAL R1,M3,R2,M4: a 32-bit (bits 32-63 of R2) or 64-bit integer.
template <class T, int kBits, bool kSigned, bool kM3Fpe>
void ExecConvertFromFixed(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  const uint64_t g = cpu.s.gr[insn.ops.r2];
  Env env = MakeEnv(cpu, RoundingOf<kM3Fpe>(cpu, insn));
  u128 r;
  if (kSigned) {
    r = FromSigned(T::kF, kBits == 32 ? static_cast<int64_t>(static_cast<int32_t>(g)) : static_cast<int64_t>(g), env);
  } else {
    r = FromInt(T::kF, false, kBits == 32 ? static_cast<uint32_t>(g) : g, env);
  }
  T::Set(cpu, insn.ops.r1, r);
  Finish(cpu, env, InexactSuppressed(cpu, insn.ops.m4));
}

// CONVERT TO FIXED / TO LOGICAL R1,M3,R2,M4.
template <class T, int kBits, bool kSigned>
void ExecConvertToFixed(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r2);
  const u128 a = T::Get(cpu, insn.ops.r2);
  Env env = MakeEnv(cpu, RoundingOf<false>(cpu, insn));
  bool special;
  const uint64_t v = ToInt(T::kF, a, kBits, kSigned, env, &special);
  CheckSuppressing(cpu, env);
  if (kBits == 32) {
    cpu.s.set_gr_low(insn.ops.r1, static_cast<uint32_t>(v));
  } else {
    cpu.s.gr[insn.ops.r1] = v;
  }
  cpu.SetCc(special ? 3 : ResultCc(T::kF, a));
  Finish(cpu, env, InexactSuppressed(cpu, insn.ops.m4));
}

}  // namespace

void RegisterBfpConvert(HandlerTable& table) {
  using isa::InsnId;
  using E = ShortFmt;
  using D = LongFmt;
  using X = ExtendedFmt;
  table.Set<&ExecLoadRounded<D, E>>(InsnId::kLEDBR);
  table.Set<&ExecLoadRounded<X, D>>(InsnId::kLDXBR);
  table.Set<&ExecLoadRounded<X, E>>(InsnId::kLEXBR);

  table.Set<&ExecLoadFpInteger<E>>(InsnId::kFIEBR);
  table.Set<&ExecLoadFpInteger<D>>(InsnId::kFIDBR);
  table.Set<&ExecLoadFpInteger<X>>(InsnId::kFIXBR);

  table.Set<&ExecConvertFromFixed<E, 32, true, true>>(InsnId::kCEFBR);
  table.Set<&ExecConvertFromFixed<D, 32, true, true>>(InsnId::kCDFBR);
  table.Set<&ExecConvertFromFixed<X, 32, true, true>>(InsnId::kCXFBR);
  table.Set<&ExecConvertFromFixed<E, 64, true, true>>(InsnId::kCEGBR);
  table.Set<&ExecConvertFromFixed<D, 64, true, true>>(InsnId::kCDGBR);
  table.Set<&ExecConvertFromFixed<X, 64, true, true>>(InsnId::kCXGBR);
  table.Set<&ExecConvertFromFixed<E, 32, false, false>>(InsnId::kCELFBR);
  table.Set<&ExecConvertFromFixed<D, 32, false, false>>(InsnId::kCDLFBR);
  table.Set<&ExecConvertFromFixed<X, 32, false, false>>(InsnId::kCXLFBR);
  table.Set<&ExecConvertFromFixed<E, 64, false, false>>(InsnId::kCELGBR);
  table.Set<&ExecConvertFromFixed<D, 64, false, false>>(InsnId::kCDLGBR);
  table.Set<&ExecConvertFromFixed<X, 64, false, false>>(InsnId::kCXLGBR);

  table.Set<&ExecConvertToFixed<E, 32, true>>(InsnId::kCFEBR);
  table.Set<&ExecConvertToFixed<D, 32, true>>(InsnId::kCFDBR);
  table.Set<&ExecConvertToFixed<X, 32, true>>(InsnId::kCFXBR);
  table.Set<&ExecConvertToFixed<E, 64, true>>(InsnId::kCGEBR);
  table.Set<&ExecConvertToFixed<D, 64, true>>(InsnId::kCGDBR);
  table.Set<&ExecConvertToFixed<X, 64, true>>(InsnId::kCGXBR);
  table.Set<&ExecConvertToFixed<E, 32, false>>(InsnId::kCLFEBR);
  table.Set<&ExecConvertToFixed<D, 32, false>>(InsnId::kCLFDBR);
  table.Set<&ExecConvertToFixed<X, 32, false>>(InsnId::kCLFXBR);
  table.Set<&ExecConvertToFixed<E, 64, false>>(InsnId::kCLGEBR);
  table.Set<&ExecConvertToFixed<D, 64, false>>(InsnId::kCLGDBR);
  table.Set<&ExecConvertToFixed<X, 64, false>>(InsnId::kCLGXBR);
}

}  // namespace s390vmm::interp::bfp
