// Instruction family: binary floating point (PoP chapter "Binary-Floating-Point Instructions"), part 1:
// ADD, SUBTRACT, MULTIPLY (incl. the lengthening forms), DIVIDE, SQUARE ROOT, MULTIPLY AND ADD/SUBTRACT,
// COMPARE (AND SIGNAL), LOAD AND TEST / COMPLEMENT / POSITIVE / NEGATIVE, LOAD LENGTHENED and TEST DATA
// CLASS, in the short, long and extended formats. Conversions and LOAD ROUNDED / LOAD FP INTEGER are in
// bfp_convert.cc, the floating-point-support instructions (loads, stores, FPC) in fpr_support.cc; the
// arithmetic itself is bfp_soft.cc.
//
// Every handler reads its operands (and, for the RXE/RXF forms, the storage operand) before it changes
// anything; an IEEE invalid-operation or division-by-zero trap suppresses it, other IEEE traps complete it.
#include "cpu/interp/bfp_common.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace bfp {

void SignalExceptions(ExecContext& cpu, const Env& env, bool suppress_inexact) {
  const uint8_t mask = static_cast<uint8_t>(cpu.s.fpc >> kFpcMaskShift);
  const uint8_t rounded = static_cast<uint8_t>((env.flags & kInexact ? 0x08 : 0) | (env.incremented ? 0x04 : 0));
  // Trapped overflow / underflow: the scaled result is stored; the DXC says how it was rounded.
  if (env.flags & mask & kOverflow) RaiseDataException(kOverflow | rounded);
  if (env.flags & mask & kUnderflow) RaiseDataException(kUnderflow | rounded);
  uint8_t flags = env.flags;
  if (suppress_inexact) flags &= static_cast<uint8_t>(~kInexact);
  if (flags & mask & kInexact) {
    cpu.s.fpc |= static_cast<uint32_t>(flags & ~kInexact) << kFpcFlagShift;
    RaiseDataException(kInexact | (env.incremented ? 0x04 : 0));
  }
  cpu.s.fpc |= static_cast<uint32_t>(flags) << kFpcFlagShift;
}

namespace {

using Binary = u128 (*)(const Format&, u128, u128, Env&);

// The second operand of the RRE forms (a checked register) or, kStorage, of the RXE forms (D2(X2,B2)).
template <class T, bool kStorage>
u128 SecondOperand(ExecContext& cpu, const Insn& insn) {
  if constexpr (kStorage) {
    return T::Load(cpu, AddrX2(cpu, insn));
  } else {
    T::Check(insn.ops.r2);
    return T::Get(cpu, insn.ops.r2);
  }
}

// op1 := op1 <op> op2 for the RRE forms (kStorage: the RXE forms, op2 from D2(X2,B2)).
template <class T, Binary kOp, bool kSetsCc, bool kStorage>
void ExecBinary(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  const int r1 = insn.ops.r1;
  T::Check(r1);
  const u128 b = SecondOperand<T, kStorage>(cpu, insn);
  Env env = FpcEnv(cpu);
  const u128 r = kOp(T::kF, T::Get(cpu, r1), b, env);
  CheckSuppressing(cpu, env);
  T::Set(cpu, r1, r);
  if (kSetsCc) cpu.SetCc(ResultCc(T::kF, r));
  Finish(cpu, env);
}

// MDEBR/MDEB (short x short -> long) and MXDBR/MXDB (long x long -> extended): the first operand is the
// narrower value in the (left register of the) first-operand location.
template <class From, class To, bool kStorage>
void ExecMultiplyLengthened(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  const int r1 = insn.ops.r1;
  To::Check(r1);
  const u128 b = kStorage ? From::Load(cpu, AddrX2(cpu, insn)) : From::Get(cpu, insn.ops.r2);
  Env env = FpcEnv(cpu);
  const u128 r = MulWiden(From::kF, To::kF, From::Get(cpu, r1), b, env);
  CheckSuppressing(cpu, env);
  To::Set(cpu, r1, r);
  Finish(cpu, env);
}

// MAEBR/MADBR R1,R3,R2: op1 := op3 * op2 + op1 (kSubtract: - op1), rounded once. RXF: op2 in storage.
template <class T, bool kSubtract, bool kStorage>
void ExecMultiplyAdd(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  const int r1 = insn.ops.r1;
  const u128 b = kStorage ? T::Load(cpu, AddrX2(cpu, insn)) : T::Get(cpu, insn.ops.r2);
  u128 c = T::Get(cpu, r1);
  if (kSubtract && !IsNaN(T::kF, c)) c ^= T::kF.sign_bit();
  Env env = FpcEnv(cpu);
  const u128 r = MulAdd(T::kF, T::Get(cpu, insn.ops.r3), b, c, env);
  CheckSuppressing(cpu, env);
  T::Set(cpu, r1, r);
  Finish(cpu, env);
}

template <class T, bool kStorage>
void ExecSqrt(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  const u128 a = SecondOperand<T, kStorage>(cpu, insn);
  Env env = FpcEnv(cpu);
  const u128 r = Sqrt(T::kF, a, env);
  CheckSuppressing(cpu, env);
  T::Set(cpu, insn.ops.r1, r);
  Finish(cpu, env);
}

// COMPARE (kSignaling: COMPARE AND SIGNAL): CC 0 equal, 1 low, 2 high, 3 unordered.
template <class T, bool kSignaling, bool kStorage>
void ExecCompare(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  const u128 b = SecondOperand<T, kStorage>(cpu, insn);
  Env env = FpcEnv(cpu);
  const uint8_t cc = Compare(T::kF, T::Get(cpu, insn.ops.r1), b, kSignaling, env);
  CheckSuppressing(cpu, env);
  cpu.SetCc(cc);
  Finish(cpu, env);
}

// LOAD AND TEST: an SNaN is an invalid operation (its quieted form is the untrapped result).
template <class T>
void ExecLoadAndTest(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  T::Check(insn.ops.r2);
  u128 r = T::Get(cpu, insn.ops.r2);
  Env env = FpcEnv(cpu);
  if (IsSNaN(T::kF, r)) {
    env.flags |= kInvalid;
    r |= T::kF.quiet_bit();
  }
  CheckSuppressing(cpu, env);
  T::Set(cpu, insn.ops.r1, r);
  cpu.SetCc(ResultCc(T::kF, r));
  Finish(cpu, env);
}

// LOAD COMPLEMENT / POSITIVE / NEGATIVE: sign changes only, for NaNs too, without IEEE exceptions.
enum class SignOp { kComplement, kPositive, kNegative };
template <class T, SignOp kOp>
void ExecLoadSign(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  T::Check(insn.ops.r2);
  u128 r = T::Get(cpu, insn.ops.r2);
  switch (kOp) {
    case SignOp::kComplement: r ^= T::kF.sign_bit(); break;
    case SignOp::kPositive: r &= ~T::kF.sign_bit(); break;
    case SignOp::kNegative: r |= T::kF.sign_bit(); break;
  }
  T::Set(cpu, insn.ops.r1, r);
  cpu.SetCc(ResultCc(T::kF, r));
}

// LOAD LENGTHENED: exact; an SNaN is an invalid operation.
template <class From, class To, bool kStorage>
void ExecLoadLengthened(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  To::Check(insn.ops.r1);
  const u128 a = kStorage ? From::Load(cpu, AddrX2(cpu, insn)) : From::Get(cpu, insn.ops.r2);
  Env env = FpcEnv(cpu);
  const u128 r = Convert(From::kF, To::kF, a, env);
  CheckSuppressing(cpu, env);
  To::Set(cpu, insn.ops.r1, r);
  Finish(cpu, env);
}

// TEST DATA CLASS R1,D2(X2,B2): bits 52-63 of the second-operand address select data classes; CC 1 if
// the first operand is in a selected one. No storage is accessed.
template <class T>
void ExecTestDataClass(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  T::Check(insn.ops.r1);
  const uint16_t mask = static_cast<uint16_t>(AddrX2(cpu, insn) & 0xfff);
  cpu.SetCc((mask & DataClassBit(T::kF, T::Get(cpu, insn.ops.r1))) ? 1 : 0);
}

}  // namespace

void RegisterBfpArithmetic(HandlerTable& table) {
  using isa::InsnId;
  using E = ShortFmt;
  using D = LongFmt;
  using X = ExtendedFmt;
  table.Set<&ExecBinary<E, &Add, true, false>>(InsnId::kAEBR);
  table.Set<&ExecBinary<D, &Add, true, false>>(InsnId::kADBR);
  table.Set<&ExecBinary<X, &Add, true, false>>(InsnId::kAXBR);
  table.Set<&ExecBinary<E, &Add, true, true>>(InsnId::kAEB);
  table.Set<&ExecBinary<D, &Add, true, true>>(InsnId::kADB);
  table.Set<&ExecBinary<E, &Sub, true, false>>(InsnId::kSEBR);
  table.Set<&ExecBinary<D, &Sub, true, false>>(InsnId::kSDBR);
  table.Set<&ExecBinary<X, &Sub, true, false>>(InsnId::kSXBR);
  table.Set<&ExecBinary<E, &Sub, true, true>>(InsnId::kSEB);
  table.Set<&ExecBinary<D, &Sub, true, true>>(InsnId::kSDB);
  table.Set<&ExecBinary<E, &Mul, false, false>>(InsnId::kMEEBR);
  table.Set<&ExecBinary<D, &Mul, false, false>>(InsnId::kMDBR);
  table.Set<&ExecBinary<X, &Mul, false, false>>(InsnId::kMXBR);
  table.Set<&ExecBinary<E, &Mul, false, true>>(InsnId::kMEEB);
  table.Set<&ExecBinary<D, &Mul, false, true>>(InsnId::kMDB);
  table.Set<&ExecBinary<E, &Div, false, false>>(InsnId::kDEBR);
  table.Set<&ExecBinary<D, &Div, false, false>>(InsnId::kDDBR);
  table.Set<&ExecBinary<X, &Div, false, false>>(InsnId::kDXBR);
  table.Set<&ExecBinary<E, &Div, false, true>>(InsnId::kDEB);
  table.Set<&ExecBinary<D, &Div, false, true>>(InsnId::kDDB);

  table.Set<&ExecMultiplyLengthened<E, D, false>>(InsnId::kMDEBR);
  table.Set<&ExecMultiplyLengthened<E, D, true>>(InsnId::kMDEB);
  table.Set<&ExecMultiplyLengthened<D, X, false>>(InsnId::kMXDBR);
  table.Set<&ExecMultiplyLengthened<D, X, true>>(InsnId::kMXDB);

  table.Set<&ExecMultiplyAdd<E, false, false>>(InsnId::kMAEBR);
  table.Set<&ExecMultiplyAdd<D, false, false>>(InsnId::kMADBR);
  table.Set<&ExecMultiplyAdd<E, true, false>>(InsnId::kMSEBR);
  table.Set<&ExecMultiplyAdd<D, true, false>>(InsnId::kMSDBR);
  table.Set<&ExecMultiplyAdd<E, false, true>>(InsnId::kMAEB);
  table.Set<&ExecMultiplyAdd<D, false, true>>(InsnId::kMADB);
  table.Set<&ExecMultiplyAdd<E, true, true>>(InsnId::kMSEB);
  table.Set<&ExecMultiplyAdd<D, true, true>>(InsnId::kMSDB);

  table.Set<&ExecSqrt<E, false>>(InsnId::kSQEBR);
  table.Set<&ExecSqrt<D, false>>(InsnId::kSQDBR);
  table.Set<&ExecSqrt<X, false>>(InsnId::kSQXBR);
  table.Set<&ExecSqrt<E, true>>(InsnId::kSQEB);
  table.Set<&ExecSqrt<D, true>>(InsnId::kSQDB);

  table.Set<&ExecCompare<E, false, false>>(InsnId::kCEBR);
  table.Set<&ExecCompare<D, false, false>>(InsnId::kCDBR);
  table.Set<&ExecCompare<X, false, false>>(InsnId::kCXBR);
  table.Set<&ExecCompare<E, false, true>>(InsnId::kCEB);
  table.Set<&ExecCompare<D, false, true>>(InsnId::kCDB);
  table.Set<&ExecCompare<E, true, false>>(InsnId::kKEBR);
  table.Set<&ExecCompare<D, true, false>>(InsnId::kKDBR);
  table.Set<&ExecCompare<X, true, false>>(InsnId::kKXBR);
  table.Set<&ExecCompare<E, true, true>>(InsnId::kKEB);
  table.Set<&ExecCompare<D, true, true>>(InsnId::kKDB);

  table.Set<&ExecLoadAndTest<E>>(InsnId::kLTEBR);
  table.Set<&ExecLoadAndTest<D>>(InsnId::kLTDBR);
  table.Set<&ExecLoadAndTest<X>>(InsnId::kLTXBR);
  table.Set<&ExecLoadSign<E, SignOp::kComplement>>(InsnId::kLCEBR);
  table.Set<&ExecLoadSign<D, SignOp::kComplement>>(InsnId::kLCDBR);
  table.Set<&ExecLoadSign<X, SignOp::kComplement>>(InsnId::kLCXBR);
  table.Set<&ExecLoadSign<E, SignOp::kPositive>>(InsnId::kLPEBR);
  table.Set<&ExecLoadSign<D, SignOp::kPositive>>(InsnId::kLPDBR);
  table.Set<&ExecLoadSign<X, SignOp::kPositive>>(InsnId::kLPXBR);
  table.Set<&ExecLoadSign<E, SignOp::kNegative>>(InsnId::kLNEBR);
  table.Set<&ExecLoadSign<D, SignOp::kNegative>>(InsnId::kLNDBR);
  table.Set<&ExecLoadSign<X, SignOp::kNegative>>(InsnId::kLNXBR);

  table.Set<&ExecLoadLengthened<E, D, false>>(InsnId::kLDEBR);
  table.Set<&ExecLoadLengthened<D, X, false>>(InsnId::kLXDBR);
  table.Set<&ExecLoadLengthened<E, X, false>>(InsnId::kLXEBR);
  table.Set<&ExecLoadLengthened<E, D, true>>(InsnId::kLDEB);
  table.Set<&ExecLoadLengthened<D, X, true>>(InsnId::kLXDB);
  table.Set<&ExecLoadLengthened<E, X, true>>(InsnId::kLXEB);

  table.Set<&ExecTestDataClass<E>>(InsnId::kTCEB);
  table.Set<&ExecTestDataClass<D>>(InsnId::kTCDB);
  table.Set<&ExecTestDataClass<X>>(InsnId::kTCXB);
}

}  // namespace bfp

void RegisterBfp(HandlerTable& table) {
  bfp::RegisterBfpArithmetic(table);
  bfp::RegisterBfpConvert(table);
  bfp::RegisterFpSupport(table);
}

}  // namespace s390vmm::interp
