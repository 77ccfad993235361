// Instruction family: hexadecimal floating point (PoP chapter "Hexadecimal-Floating-Point Instructions"),
// the arithmetic: ADD and SUBTRACT (normalized and unnormalized), COMPARE, MULTIPLY (short, long and
// extended results), MULTIPLY AND ADD/SUBTRACT, MULTIPLY (AND ADD) UNNORMALIZED, DIVIDE, HALVE, SQUARE ROOT, and the sign-handling loads
// (LOAD POSITIVE/NEGATIVE/COMPLEMENT, LOAD AND TEST). Conversions, rounding and lengthening loads and
// LOAD FP INTEGER are in hfp_convert.cc; the number format and the exception rules in hfp.h.
//
// Facts: z/Architecture Principles of Operation SA22-7832 chapter 18; the Hercules implementation
// (float.c) read for the same facts (guard digit, significance and underflow results, rounding of
// SQUARE ROOT, the truncated product of MULTIPLY AND ADD).
#include "cpu/interp/hfp.h"

#include <algorithm>

namespace s390vmm::interp::hfp {

using isa::InsnId;

// --- 256-bit helpers for the extended format -----------------------------------------------------------------
namespace {

struct U256 {
  u128 hi = 0;
  u128 lo = 0;
};

inline U256 Mul128(u128 a, u128 b) {
  const uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  const uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  const u128 p00 = u128{a0} * b0, p01 = u128{a0} * b1, p10 = u128{a1} * b0, p11 = u128{a1} * b1;
  const u128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  U256 r;
  r.lo = (mid << 64) | static_cast<uint64_t>(p00);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}
inline U256 Shr(U256 x, int n) {
  if (n == 0) return x;
  if (n >= 128) return U256{0, x.hi >> (n - 128)};
  return U256{x.hi >> n, (x.lo >> n) | (x.hi << (128 - n))};
}
inline U256 Shl(U256 x, int n) {
  if (n == 0) return x;
  if (n >= 128) return U256{x.lo << (n - 128), 0};
  return U256{(x.hi << n) | (x.lo >> (128 - n)), x.lo << n};
}
inline bool Less(U256 a, U256 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
inline U256 Sub(U256 a, U256 b) { return U256{a.hi - b.hi - (a.lo < b.lo ? 1 : 0), a.lo - b.lo}; }
inline U256 Add(U256 a, U256 b) {
  const u128 lo = a.lo + b.lo;
  return U256{a.hi + b.hi + (lo < a.lo ? 1 : 0), lo};
}
// The hex digit of `x` at digit position `k` (0 = least significant).
inline unsigned Digit(U256 x, int k) { return static_cast<unsigned>(Shr(x, 4 * k).lo & 0xf); }

// floor(sqrt(n)), bit by bit.
u128 Isqrt(U256 n) {
  U256 res;
  U256 bit = Shl(U256{0, 1}, 254);
  while (Less(n, bit)) bit = Shr(bit, 2);
  while (bit.hi != 0 || bit.lo != 0) {
    const U256 t = Add(res, bit);
    if (!Less(n, t)) {
      n = Sub(n, t);
      res = Add(Shr(res, 1), bit);
    } else {
      res = Shr(res, 1);
    }
    bit = Shr(bit, 2);
  }
  return res.lo;
}

}  // namespace

// --- Core ------------------------------------------------------------------------------------------------
void Normalize(Hfp& x, int digits) {
  if (x.frac == 0) {
    x = Hfp{};
    return;
  }
  const int top = 4 * (digits - 1);
  while ((x.frac >> top) == 0) {
    x.frac <<= 4;
    --x.ch;
  }
}

Pending NormalizeWithGuard(const ExecContext& cpu, Hfp x, int digits, Hfp* out) {
  Normalize(x, digits + 1);
  x.frac >>= 4;
  Pending p = x.frac ? CheckRange(cpu, x) : Pending::kNone;
  *out = x;
  return p;
}

namespace {

// The aligned signed sum of a and b with one guard digit: the intermediate result of ADD/SUBTRACT and
// COMPARE, `digits` + 1 digits (+ 1 for a carry).
Hfp AlignedSum(const Hfp& a, const Hfp& b, int digits) {
  u128 fa = a.frac << 4;
  u128 fb = b.frac << 4;
  Hfp r;
  if (a.ch >= b.ch) {
    const int d = a.ch - b.ch;
    fb = d > digits + 1 ? 0 : fb >> (4 * d);
    r.ch = a.ch;
  } else {
    const int d = b.ch - a.ch;
    fa = d > digits + 1 ? 0 : fa >> (4 * d);
    r.ch = b.ch;
  }
  if (a.neg == b.neg) {
    r.frac = fa + fb;
    r.neg = a.neg;
  } else if (fa >= fb) {
    r.frac = fa - fb;
    r.neg = a.neg;
  } else {
    r.frac = fb - fa;
    r.neg = b.neg;
  }
  return r;
}

}  // namespace

Pending Add(const ExecContext& cpu, Hfp a, Hfp b, int digits, bool normalize, bool significance, Hfp* out) {
  Hfp r = AlignedSum(a, b, digits);
  Pending p = Pending::kNone;
  if (r.frac == 0) {
    p = Significance(cpu, r, significance);
  } else if (r.frac >= DigitsLimit(digits + 1)) {
    // Carry out of the leftmost digit: shift right one digit (and drop the guard digit).
    r.frac >>= 8;
    ++r.ch;
    p = CheckRange(cpu, r);
  } else if (normalize) {
    Normalize(r, digits + 1);
    r.frac >>= 4;
    p = CheckRange(cpu, r);
  } else {
    r.frac >>= 4;
    if (r.frac == 0) p = Significance(cpu, r, significance);
  }
  *out = r;
  return p;
}

uint8_t Compare(Hfp a, Hfp b, int digits) {
  b.neg = !b.neg;
  const Hfp r = AlignedSum(a, b, digits);
  return r.frac == 0 ? 0 : (r.neg ? 1 : 2);
}

Pending Multiply(const ExecContext& cpu, Hfp a, int da, Hfp b, int db, int dout, Hfp* out, bool check_range) {
  Normalize(a, da);
  Normalize(b, db);
  Hfp r;
  if (a.frac == 0 || b.frac == 0) {
    *out = r;  // a true zero
    return Pending::kNone;
  }
  const int total = da + db;
  U256 product = Mul128(a.frac, b.frac);
  r.neg = a.neg != b.neg;
  r.ch = a.ch + b.ch - 64;
  if (Digit(product, total - 1) == 0) {  // normalized operands: at most one leading zero digit
    product = Shl(product, 4);
    --r.ch;
  }
  r.frac = total >= dout ? Shr(product, 4 * (total - dout)).lo : Shl(product, 4 * (dout - total)).lo;
  *out = r;
  if (!check_range) return Pending::kNone;
  return CheckRange(cpu, *out);
}

Pending Divide(const ExecContext& cpu, Hfp a, Hfp b, int digits, Hfp* out) {
  Normalize(b, digits);
  if (b.frac == 0) RaiseProgramInterrupt(ProgramInterruptCode::kHfpDivide);
  Normalize(a, digits);
  Hfp r;
  if (a.frac == 0) {
    *out = r;
    return Pending::kNone;
  }
  r.neg = a.neg != b.neg;
  r.ch = a.ch - b.ch + 64;
  // Q = floor(fa * 16^digits / fb): digits + 1 digits when fa >= fb (then one more characteristic).
  u128 q;
  if (digits <= kLongDigits) {
    q = (a.frac << (4 * digits)) / b.frac;
  } else {
    u128 rem = a.frac;
    q = rem / b.frac;
    rem %= b.frac;
    for (int k = 0; k < digits; ++k) {
      rem <<= 4;
      q = q << 4 | rem / b.frac;
      rem %= b.frac;
    }
  }
  if (q >= DigitsLimit(digits)) {
    q >>= 4;
    ++r.ch;
  }
  r.frac = q;
  *out = r;
  return CheckRange(cpu, *out);
}

namespace {

// --- Operand access ------------------------------------------------------------------------------------
// The three formats: register access (with the pair and AFP checks), storage operands, digits.
struct ShortOps {
  static constexpr int kDigits = kShortDigits;
  static void Check(const ExecContext& cpu, int a, int b = 0, int c = 0) { CheckAfpRegisters(cpu, a, b, c); }
  static Hfp Get(const ExecContext& cpu, int r) { return GetShort(cpu, r); }
  static void Set(ExecContext& cpu, int r, const Hfp& x) { SetShort(cpu, r, x); }
  static Hfp Load(ExecContext& cpu, uint64_t addr) { return FromShort(cpu.Load<uint32_t>(addr)); }
};
struct LongOps {
  static constexpr int kDigits = kLongDigits;
  static void Check(const ExecContext& cpu, int a, int b = 0, int c = 0) { CheckAfpRegisters(cpu, a, b, c); }
  static Hfp Get(const ExecContext& cpu, int r) { return GetLong(cpu, r); }
  static void Set(ExecContext& cpu, int r, const Hfp& x) { SetLong(cpu, r, x); }
  static Hfp Load(ExecContext& cpu, uint64_t addr) { return FromLong(cpu.Load<uint64_t>(addr)); }
};
struct ExtendedOps {
  static constexpr int kDigits = kExtendedDigits;
  static void Check(const ExecContext& cpu, int a, int b = 0, int c = 0) {
    RequirePair(a);
    RequirePair(b);
    RequirePair(c);
    CheckAfpRegisters(cpu, a, b, c);
  }
  static Hfp Get(const ExecContext& cpu, int r) { return GetExtended(cpu, r); }
  static void Set(ExecContext& cpu, int r, const Hfp& x) { SetExtended(cpu, r, x); }
};

// Second operand of an RR/RRE form (register) or an RX/RXE form (storage).
template <typename F, bool kStorage>
inline Hfp Operand2(ExecContext& cpu, const Insn& i) {
  if constexpr (kStorage) {
    return F::Load(cpu, AddrX2(cpu, i));
  } else {
    return F::Get(cpu, i.ops.r2);
  }
}
template <typename F, bool kStorage>
inline void CheckOperands(const ExecContext& cpu, const Insn& i) {
  if constexpr (kStorage) {
    F::Check(cpu, i.ops.r1);
  } else {
    F::Check(cpu, i.ops.r1, i.ops.r2);
  }
}

// --- ADD / SUBTRACT / COMPARE ------------------------------------------------------------------------------
template <typename F, bool kStorage, bool kSubtract, bool kNormalize>
void ExecAdd(ExecContext& cpu, const Insn& i) {
  CheckOperands<F, kStorage>(cpu, i);
  Hfp b = Operand2<F, kStorage>(cpu, i);
  if (kSubtract) b.neg = !b.neg;
  Hfp r;
  const Pending p = Add(cpu, F::Get(cpu, i.ops.r1), b, F::kDigits, kNormalize, true, &r);
  F::Set(cpu, i.ops.r1, r);
  cpu.SetCc(ResultCc(r));
  Finish(p);
}

template <typename F, bool kStorage>
void ExecCompare(ExecContext& cpu, const Insn& i) {
  CheckOperands<F, kStorage>(cpu, i);
  const Hfp b = Operand2<F, kStorage>(cpu, i);
  cpu.SetCc(Compare(F::Get(cpu, i.ops.r1), b, F::kDigits));
}

// --- MULTIPLY / DIVIDE --------------------------------------------------------------------------------------
// Operands of format In (r1 and the second operand), result of format Out in r1.
template <typename In, typename Out, bool kStorage>
void ExecMultiply(ExecContext& cpu, const Insn& i) {
  CheckOperands<In, kStorage>(cpu, i);
  Out::Check(cpu, i.ops.r1);
  const Hfp b = Operand2<In, kStorage>(cpu, i);
  Hfp r;
  const Pending p = Multiply(cpu, In::Get(cpu, i.ops.r1), In::kDigits, b, In::kDigits, Out::kDigits, &r);
  Out::Set(cpu, i.ops.r1, r);
  Finish(p);
}

template <typename F, bool kStorage>
void ExecDivide(ExecContext& cpu, const Insn& i) {
  CheckOperands<F, kStorage>(cpu, i);
  const Hfp b = Operand2<F, kStorage>(cpu, i);
  Hfp r;
  const Pending p = Divide(cpu, F::Get(cpu, i.ops.r1), b, F::kDigits, &r);
  F::Set(cpu, i.ops.r1, r);
  Finish(p);
}

// MULTIPLY AND ADD / SUBTRACT (RRD: R1,R3,R2; RXF: R1,R3,D2(X2,B2)): op1 := op3 * op2 +/- op1. The
// product is normalized and truncated to the format without range checks, then op1 is added (subtracted
// from it) with normalization; no significance exception.
template <typename F, bool kStorage, bool kSubtract>
void ExecMultiplyAdd(ExecContext& cpu, const Insn& i) {
  if constexpr (kStorage) {
    F::Check(cpu, i.ops.r1, i.ops.r3);
  } else {
    F::Check(cpu, i.ops.r1, i.ops.r2, i.ops.r3);
  }
  const Hfp op2 = Operand2<F, kStorage>(cpu, i);
  Hfp product;
  Multiply(cpu, F::Get(cpu, i.ops.r3), F::kDigits, op2, F::kDigits, F::kDigits, &product, false);
  Hfp op1 = F::Get(cpu, i.ops.r1);
  if (kSubtract) op1.neg = !op1.neg;
  Hfp r;
  const Pending p = Add(cpu, product, op1, F::kDigits, true, false, &r);
  F::Set(cpu, i.ops.r1, r);
  Finish(p);
}

// MULTIPLY UNNORMALIZED / MULTIPLY AND ADD UNNORMALIZED (RRD: R1,R3,R2; RXF: R1,R3,D2(X2,B2)): the exact
// 28-digit product of the long third and second operands, unnormalized, with the characteristic
// c3 + c2 - 64 modulo 128 (no exponent exceptions); the AND ADD forms add the long first operand aligned
// to the product's characteristic, as if exactly and then truncated to 28 digits (digits beyond the left
// end are lost). kWhole: the extended result in the pair of R1 (for MAYR either register of the pair);
// otherwise its high-order (MYH, MAYH) or low-order (MYL, MAYL) part in R1.
enum class UnnormPart { kWhole, kHigh, kLow };

template <bool kStorage, bool kAdd, UnnormPart kPart>
void ExecMultiplyUnnormalized(ExecContext& cpu, const Insn& i) {
  int r1 = i.ops.r1;
  if (kPart == UnnormPart::kWhole && !kAdd) RequirePair(r1);
  if constexpr (kStorage) {
    CheckAfpRegisters(cpu, r1, i.ops.r3);
  } else {
    CheckAfpRegisters(cpu, r1, i.ops.r2, i.ops.r3);
  }
  const Hfp op2 = Operand2<LongOps, kStorage>(cpu, i);
  const Hfp op3 = GetLong(cpu, i.ops.r3);
  const u128 limit = DigitsLimit(kExtendedDigits);
  u128 p = op3.frac * op2.frac;  // 28 digits, exact
  bool neg = op3.neg != op2.neg;
  const int ch = op3.ch + op2.ch - 64;
  if (kAdd) {
    const Hfp op1 = GetLong(cpu, r1);
    const int d = op1.ch - ch;
    u128 a = op1.frac << 56;  // the addend as 28 digits
    bool lost_left = false, lost_right = false;
    if (d > 0) {
      const U256 shifted = Shl(U256{0, a}, 4 * std::min(d, 40));
      lost_left = Shr(shifted, 112).lo != 0 || shifted.hi != 0;
      a = shifted.lo & (limit - 1);
    } else if (d < 0) {
      const int n = std::min(-d, 29);
      lost_right = n >= 29 ? a != 0 : (a & ((u128{1} << (4 * n)) - 1)) != 0;
      a = n >= 29 ? 0 : a >> (4 * n);
    }
    if (op1.neg == neg) {
      p = (p + a) & (limit - 1);
    } else if (a > p || (a == p && lost_right)) {
      p = a - p;
      neg = op1.neg;
    } else {
      p = p - a - (lost_right ? 1 : 0);
    }
    if (p == 0 && !lost_left && !lost_right) neg = false;
  }
  Hfp r{neg, ch, p};
  const uint64_t sign = neg ? uint64_t{1} << 63 : 0;
  const uint64_t hi = sign | static_cast<uint64_t>(ch & 0x7f) << 56 | static_cast<uint64_t>(r.frac >> 56);
  const uint64_t lo = sign | static_cast<uint64_t>((ch - 14) & 0x7f) << 56 |
                      (static_cast<uint64_t>(r.frac) & 0x00ffffffffffffffull);
  switch (kPart) {
    case UnnormPart::kWhole:
      r1 &= 13;
      cpu.s.set_fpr(r1, hi);
      cpu.s.set_fpr(r1 + 2, lo);
      break;
    case UnnormPart::kHigh: cpu.s.set_fpr(r1, hi); break;
    case UnnormPart::kLow: cpu.s.set_fpr(r1, lo); break;
  }
}

// --- HALVE / SQUARE ROOT ------------------------------------------------------------------------------------
template <typename F>
void ExecHalve(ExecContext& cpu, const Insn& i) {
  F::Check(cpu, i.ops.r1, i.ops.r2);
  Hfp x = F::Get(cpu, i.ops.r2);
  x.frac <<= 3;  // half the value, with a guard digit
  Hfp r;
  const Pending p = NormalizeWithGuard(cpu, x, F::kDigits, &r);
  F::Set(cpu, i.ops.r1, r);
  Finish(p);
}

// The square root is computed with one more digit and rounded (half up); a negative nonzero operand is a
// square-root exception, a zero fraction gives a true zero.
template <typename F, bool kStorage>
void ExecSquareRoot(ExecContext& cpu, const Insn& i) {
  CheckOperands<F, kStorage>(cpu, i);
  Hfp x = Operand2<F, kStorage>(cpu, i);
  Hfp r;
  if (x.frac != 0) {
    if (x.neg) RaiseProgramInterrupt(ProgramInterruptCode::kHfpSquareRoot);
    Normalize(x, F::kDigits);
    const bool odd = (x.ch - 64) & 1;
    r.ch = odd ? (x.ch + 65) / 2 : (x.ch + 64) / 2;
    // floor(sqrt(f * 16^(D + 1 or 2))): D + 1 digits, normalized.
    const int shift = 4 * (F::kDigits + (odd ? 1 : 2));
    const u128 root = Isqrt(Shl(U256{0, x.frac}, shift));
    r.frac = (root + 8) >> 4;
  }
  F::Set(cpu, i.ops.r1, r);
}

// --- Sign handling -------------------------------------------------------------------------------------------
enum class SignOp { kPositive, kNegative, kComplement, kTest };

template <SignOp kOp>
inline bool NewSign(bool neg) {
  switch (kOp) {
    case SignOp::kPositive: return false;
    case SignOp::kNegative: return true;
    case SignOp::kComplement: return !neg;
    case SignOp::kTest: return neg;
  }
  return neg;
}

// Short and long: the operand with its sign changed, characteristic and fraction unchanged.
template <typename F, SignOp kOp>
void ExecSign(ExecContext& cpu, const Insn& i) {
  F::Check(cpu, i.ops.r1, i.ops.r2);
  Hfp x = F::Get(cpu, i.ops.r2);
  x.neg = NewSign<kOp>(x.neg);
  F::Set(cpu, i.ops.r1, x);
  cpu.SetCc(ResultCc(x));
}

// Extended: the low-order part gets the new sign and the characteristic minus 14; a zero fraction gives
// a zero with the new sign and zero characteristics.
template <SignOp kOp>
void ExecSignExtended(ExecContext& cpu, const Insn& i) {
  ExtendedOps::Check(cpu, i.ops.r1, i.ops.r2);
  Hfp x = GetExtended(cpu, i.ops.r2);
  x.neg = NewSign<kOp>(x.neg);
  if (x.frac == 0) {
    const uint64_t sign = x.neg ? uint64_t{1} << 63 : 0;
    cpu.s.set_fpr(i.ops.r1, sign);
    cpu.s.set_fpr(i.ops.r1 + 2, sign);
  } else {
    SetExtended(cpu, i.ops.r1, x);
  }
  cpu.SetCc(ResultCc(x));
}

void RegisterArithmetic(HandlerTable& table) {
  using S = ShortOps;
  using L = LongOps;
  using X = ExtendedOps;
  // Sign handling.
  table.Set<&ExecSign<S, SignOp::kPositive>>(InsnId::kLPER);
  table.Set<&ExecSign<S, SignOp::kNegative>>(InsnId::kLNER);
  table.Set<&ExecSign<S, SignOp::kTest>>(InsnId::kLTER);
  table.Set<&ExecSign<S, SignOp::kComplement>>(InsnId::kLCER);
  table.Set<&ExecSign<L, SignOp::kPositive>>(InsnId::kLPDR);
  table.Set<&ExecSign<L, SignOp::kNegative>>(InsnId::kLNDR);
  table.Set<&ExecSign<L, SignOp::kTest>>(InsnId::kLTDR);
  table.Set<&ExecSign<L, SignOp::kComplement>>(InsnId::kLCDR);
  table.Set<&ExecSignExtended<SignOp::kPositive>>(InsnId::kLPXR);
  table.Set<&ExecSignExtended<SignOp::kNegative>>(InsnId::kLNXR);
  table.Set<&ExecSignExtended<SignOp::kTest>>(InsnId::kLTXR);
  table.Set<&ExecSignExtended<SignOp::kComplement>>(InsnId::kLCXR);
  // Add and subtract, normalized and unnormalized.
  table.Set<&ExecAdd<S, false, false, true>>(InsnId::kAER);
  table.Set<&ExecAdd<S, true, false, true>>(InsnId::kAE);
  table.Set<&ExecAdd<S, false, true, true>>(InsnId::kSER);
  table.Set<&ExecAdd<S, true, true, true>>(InsnId::kSE);
  table.Set<&ExecAdd<L, false, false, true>>(InsnId::kADR);
  table.Set<&ExecAdd<L, true, false, true>>(InsnId::kAD);
  table.Set<&ExecAdd<L, false, true, true>>(InsnId::kSDR);
  table.Set<&ExecAdd<L, true, true, true>>(InsnId::kSD);
  table.Set<&ExecAdd<X, false, false, true>>(InsnId::kAXR);
  table.Set<&ExecAdd<X, false, true, true>>(InsnId::kSXR);
  table.Set<&ExecAdd<S, false, false, false>>(InsnId::kAUR);
  table.Set<&ExecAdd<S, true, false, false>>(InsnId::kAU);
  table.Set<&ExecAdd<S, false, true, false>>(InsnId::kSUR);
  table.Set<&ExecAdd<S, true, true, false>>(InsnId::kSU);
  table.Set<&ExecAdd<L, false, false, false>>(InsnId::kAWR);
  table.Set<&ExecAdd<L, true, false, false>>(InsnId::kAW);
  table.Set<&ExecAdd<L, false, true, false>>(InsnId::kSWR);
  table.Set<&ExecAdd<L, true, true, false>>(InsnId::kSW);
  // Compare.
  table.Set<&ExecCompare<S, false>>(InsnId::kCER);
  table.Set<&ExecCompare<S, true>>(InsnId::kCE);
  table.Set<&ExecCompare<L, false>>(InsnId::kCDR);
  table.Set<&ExecCompare<L, true>>(InsnId::kCD);
  table.Set<&ExecCompare<X, false>>(InsnId::kCXR);
  // Multiply.
  table.Set<&ExecMultiply<S, S, false>>(InsnId::kMEER);
  table.Set<&ExecMultiply<S, S, true>>(InsnId::kMEE);
  table.Set<&ExecMultiply<S, L, false>>(InsnId::kMDER);
  table.Set<&ExecMultiply<S, L, true>>(InsnId::kMDE);
  table.Set<&ExecMultiply<L, L, false>>(InsnId::kMDR);
  table.Set<&ExecMultiply<L, L, true>>(InsnId::kMD);
  table.Set<&ExecMultiply<L, X, false>>(InsnId::kMXDR);
  table.Set<&ExecMultiply<L, X, true>>(InsnId::kMXD);
  table.Set<&ExecMultiply<X, X, false>>(InsnId::kMXR);
  // Multiply and add / subtract.
  table.Set<&ExecMultiplyAdd<S, false, false>>(InsnId::kMAER);
  table.Set<&ExecMultiplyAdd<S, true, false>>(InsnId::kMAE);
  table.Set<&ExecMultiplyAdd<S, false, true>>(InsnId::kMSER);
  table.Set<&ExecMultiplyAdd<S, true, true>>(InsnId::kMSE);
  table.Set<&ExecMultiplyAdd<L, false, false>>(InsnId::kMADR);
  table.Set<&ExecMultiplyAdd<L, true, false>>(InsnId::kMAD);
  table.Set<&ExecMultiplyAdd<L, false, true>>(InsnId::kMSDR);
  table.Set<&ExecMultiplyAdd<L, true, true>>(InsnId::kMSD);
  // Multiply (and add) unnormalized, long to extended.
  using P = UnnormPart;
  table.Set<&ExecMultiplyUnnormalized<false, false, P::kWhole>>(InsnId::kMYR);
  table.Set<&ExecMultiplyUnnormalized<true, false, P::kWhole>>(InsnId::kMY);
  table.Set<&ExecMultiplyUnnormalized<false, false, P::kHigh>>(InsnId::kMYHR);
  table.Set<&ExecMultiplyUnnormalized<true, false, P::kHigh>>(InsnId::kMYH);
  table.Set<&ExecMultiplyUnnormalized<false, false, P::kLow>>(InsnId::kMYLR);
  table.Set<&ExecMultiplyUnnormalized<true, false, P::kLow>>(InsnId::kMYL);
  table.Set<&ExecMultiplyUnnormalized<false, true, P::kWhole>>(InsnId::kMAYR);
  table.Set<&ExecMultiplyUnnormalized<true, true, P::kWhole>>(InsnId::kMAY);
  table.Set<&ExecMultiplyUnnormalized<false, true, P::kHigh>>(InsnId::kMAYHR);
  table.Set<&ExecMultiplyUnnormalized<true, true, P::kHigh>>(InsnId::kMAYH);
  table.Set<&ExecMultiplyUnnormalized<false, true, P::kLow>>(InsnId::kMAYLR);
  table.Set<&ExecMultiplyUnnormalized<true, true, P::kLow>>(InsnId::kMAYL);
  // Divide.
  table.Set<&ExecDivide<S, false>>(InsnId::kDER);
  table.Set<&ExecDivide<S, true>>(InsnId::kDE);
  table.Set<&ExecDivide<L, false>>(InsnId::kDDR);
  table.Set<&ExecDivide<L, true>>(InsnId::kDD);
  table.Set<&ExecDivide<X, false>>(InsnId::kDXR);
  // Halve and square root.
  table.Set<&ExecHalve<S>>(InsnId::kHER);
  table.Set<&ExecHalve<L>>(InsnId::kHDR);
  table.Set<&ExecSquareRoot<S, false>>(InsnId::kSQER);
  table.Set<&ExecSquareRoot<S, true>>(InsnId::kSQE);
  table.Set<&ExecSquareRoot<L, false>>(InsnId::kSQDR);
  table.Set<&ExecSquareRoot<L, true>>(InsnId::kSQD);
  table.Set<&ExecSquareRoot<X, false>>(InsnId::kSQXR);
}

}  // namespace
}  // namespace s390vmm::interp::hfp

namespace s390vmm::interp {

void RegisterHfp(HandlerTable& table) {
  hfp::RegisterArithmetic(table);
  hfp::RegisterHfpConvert(table);
}

}  // namespace s390vmm::interp
