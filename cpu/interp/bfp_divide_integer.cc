// Instruction family: binary floating point, DIVIDE TO INTEGER (DIEBR, DIDBR R1,R3,R2,M4; PoP "DIVIDE TO
// INTEGER" and its table "Results: DIVIDE TO INTEGER"): the dividend (first operand) divided by the
// divisor (second operand) gives an integer quotient n in BFP form (third-operand location) and the
// remainder r = a - b * n (first-operand location).
//
//   - Final results: when |a / b| < 2^p (p = 24 or 53), n is a / b rounded to an integer by the M4
//     rounding method and r is computed exactly and rounded by the FPC's rounding mode (it may be inexact,
//     e.g. when M4 rounds a tiny quotient away from zero, and a tiny r signals underflow only when the
//     underflow trap is enabled, with the alpha-scaled r). CC 0.
//   - Partial results: otherwise n is a / b truncated to p significant bits, which is exact in the
//     format unless its exponent is beyond Emax, and r is exact: iterating the instruction on r finishes
//     the division. CC 2, or 0 when r is zero. When n's exponent exceeds Emax, n is delivered scaled by
//     2^-alpha (192 or 1536) and the CC is 3, or 1 when r is zero. No IEEE exception is recognized for
//     partial results.
//   - Special operands: an SNaN (dividend first) or QNaN operand is propagated to both results with CC 1
//     (an SNaN quieted: invalid operation); an infinite dividend or a zero divisor is an invalid operation
//     with the default NaN in both results and CC 1; an infinite divisor gives r = a and n = 0.
//   - A zero remainder has the sign of the dividend, a zero quotient the exclusive or of the operand signs.
//   - M4 values 2 and 8-15 and registers R1, R2, R3 that are not all different are a specification
//     exception; a trapped invalid operation suppresses the instruction, other traps complete it.
//
// The quotient's integer part comes from integer division of the operands' significands, so it is exact
// for every exponent; the remainder a - b * n is one fused multiply-add of the BFP core on extended
// operands (where n always fits) rounded into the operation's format.
#include "cpu/interp/bfp_common.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp::bfp {
namespace {

// A finite nonzero value as (-1)^negative * mant * 2^exp.
struct Parts {
  bool negative;
  int32_t exp;
  uint64_t mant;
};
Parts Decompose(const Format& f, u128 x) {
  const int biased = static_cast<int>((x >> (f.precision - 1)) & ((1u << f.exp_bits) - 1));
  const uint64_t frac = static_cast<uint64_t>(x & f.frac_mask());
  const int32_t exp = (biased != 0 ? biased : 1) - f.bias() - (f.precision - 1);
  return {IsNegative(f, x), exp, biased != 0 ? frac | (uint64_t{1} << (f.precision - 1)) : frac};
}

inline int BitLength(uint64_t m) { return 64 - __builtin_clzll(m); }  // m != 0

// What a division discarded below the integer part, compared to one half.
enum class Fraction { kZero, kBelowHalf, kHalf, kAboveHalf };

// Whether rounding to an integer increases the magnitude (round to prepare for shorter precision is the
// caller's: it sets the last bit instead).
bool RoundsUp(Rounding r, bool negative, bool odd, Fraction frac) {
  switch (r) {
    case Rounding::kNearestEven: return frac == Fraction::kAboveHalf || (frac == Fraction::kHalf && odd);
    case Rounding::kNearestAway: return frac == Fraction::kAboveHalf || frac == Fraction::kHalf;
    case Rounding::kUp: return !negative && frac != Fraction::kZero;
    case Rounding::kDown: return negative && frac != Fraction::kZero;
    case Rounding::kTowardZero:
    case Rounding::kPrepareShorter: return false;
  }
  return false;
}

// The integer quotient of finite nonzero a / b: (-1)^negative * integer * 2^scale. scale 0 means the
// final quotient (|a / b| < 2^p, rounded by `rounding`); scale > 0 a partial one (truncated to p bits).
struct Quotient {
  bool negative;
  uint64_t integer;
  int32_t scale;
};
Quotient IntegerQuotient(const Format& f, u128 a, u128 b, Rounding rounding) {
  const Parts x = Decompose(f, a);
  const Parts y = Decompose(f, b);
  const int p = f.precision;
  // k = floor(log2 |a / b|) from the exponents and the normalized significands.
  const bool ge = (x.mant << __builtin_clzll(x.mant)) >= (y.mant << __builtin_clzll(y.mant));
  const int k = (BitLength(x.mant) - 1 + x.exp) - (BitLength(y.mant) - 1 + y.exp) - (ge ? 0 : 1);
  Quotient q{x.negative != y.negative, 0, k > p - 1 ? k - (p - 1) : 0};
  // t = |a / b| / 2^scale = x.mant * 2^e / y.mant < 2^p: its integer part and what is left.
  const int e = x.exp - y.exp - q.scale;
  u128 rem;
  u128 den;
  if (e >= 0) {
    const u128 num = static_cast<u128>(x.mant) << e;  // < y.mant * 2^p < 2^106
    q.integer = static_cast<uint64_t>(num / y.mant);
    rem = num % y.mant;
    den = y.mant;
  } else if (-e < 64) {
    den = static_cast<u128>(y.mant) << -e;
    q.integer = static_cast<uint64_t>(x.mant / den);
    rem = x.mant % den;
  } else {  // the divisor's significand times 2^-e exceeds twice the dividend's
    rem = x.mant;
    den = static_cast<u128>(x.mant) * 4;
  }
  const Fraction frac = rem == 0         ? Fraction::kZero
                        : 2 * rem < den  ? Fraction::kBelowHalf
                        : 2 * rem == den ? Fraction::kHalf
                                         : Fraction::kAboveHalf;
  if (q.scale == 0) {
    if (rounding == Rounding::kPrepareShorter) {
      if (frac != Fraction::kZero) q.integer |= 1;
    } else if (RoundsUp(rounding, q.negative, q.integer & 1, frac)) {
      ++q.integer;
    }
  }
  return q;
}

// DIEBR / DIDBR R1,R3,R2,M4.
template <class T>
void ExecDivideToInteger(ExecContext& cpu, const Insn& insn) {
  RequireBfp(cpu);
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  const int r3 = insn.ops.r3;
  const Rounding rounding = M3Rounding(cpu, insn.ops.m4);
  if (r1 == r2 || r1 == r3 || r2 == r3) SpecificationException();
  const Format& f = T::kF;
  const u128 a = T::Get(cpu, r1);
  const u128 b = T::Get(cpu, r2);
  const u128 sign = f.sign_bit();
  const u128 zero_quotient = IsNegative(f, a) != IsNegative(f, b) ? sign : 0;
  Env env = FpcEnv(cpu);
  u128 r;
  u128 n;
  uint8_t cc;
  if (IsNaN(f, a) || IsNaN(f, b)) {
    const u128 nan = IsSNaN(f, a) ? a : IsSNaN(f, b) ? b : IsNaN(f, a) ? a : b;
    if (IsSNaN(f, nan)) env.flags |= kInvalid;
    r = n = nan | f.quiet_bit();
    cc = 1;
  } else if (IsInf(f, a) || IsZero(f, b)) {
    env.flags |= kInvalid;
    r = n = f.default_nan();
    cc = 1;
  } else if (IsInf(f, b) || IsZero(f, a)) {
    r = a;
    n = zero_quotient;
    cc = 0;
  } else {
    const Quotient q = IntegerQuotient(f, a, b, rounding);
    const bool partial = q.scale > 0;
    Env scratch;
    // n in the extended format, whose exponent range holds every quotient of short or long operands.
    u128 n_ext = FromInt(kExtended, q.negative, q.integer, scratch);
    if (q.integer != 0) n_ext += static_cast<u128>(q.scale) << (kExtended.precision - 1);
    // r = a - b * n, rounded once. Partial remainders are exact; their (absent) exceptions are not
    // recognized, and a tiny one is not scaled.
    Env renv = env;
    if (partial) renv.trap_mask = 0;
    r = MulAddTo(kExtended, f, Convert(f, kExtended, b, scratch) ^ kExtended.sign_bit(), n_ext,
                 Convert(f, kExtended, a, scratch), renv);
    if (IsZero(f, r)) r = IsNegative(f, a) ? sign : 0;
    if (!partial) {
      env.flags = renv.flags;
      env.incremented = renv.incremented;
    }
    const bool quotient_overflow = q.integer != 0 && BitLength(q.integer) - 1 + q.scale > f.bias();
    if (quotient_overflow) n_ext -= static_cast<u128>(f.alpha) << (kExtended.precision - 1);
    n = q.integer == 0 ? zero_quotient : Convert(kExtended, f, n_ext, scratch);
    cc = static_cast<uint8_t>((quotient_overflow ? 1 : 0) | (partial && !IsZero(f, r) ? 2 : 0));
  }
  CheckSuppressing(cpu, env);
  T::Set(cpu, r1, r);
  T::Set(cpu, r3, n);
  cpu.SetCc(cc);
  Finish(cpu, env);
}

}  // namespace

void RegisterBfpDivideToInteger(HandlerTable& table) {
  table.Set<&ExecDivideToInteger<ShortFmt>>(isa::InsnId::kDIEBR);
  table.Set<&ExecDivideToInteger<LongFmt>>(isa::InsnId::kDIDBR);
}

}  // namespace s390vmm::interp::bfp
