// Software IEEE binary floating point for the BFP family; see bfp_soft.h for the contract.
//
// Finite nonzero operands are unpacked to (sign, exponent, 128-bit significand with its leading one in bit
// 127): value = sig / 2^127 * 2^exp. Operations produce such a triple, exact or with a sticky bit ORed
// into bit 0 ("jamming"), and RoundPack() rounds it once into the target format. The significand keeps at
// least 15 bits below the 113 of the extended format, so one rounding of the jammed value is the
// correctly rounded result.
#include "cpu/interp/bfp_soft.h"

#include <utility>

namespace s390vmm::interp::bfp {
namespace {

struct Unpacked {
  bool sign;
  int32_t exp;
  u128 sig;  // bit 127 set
};

inline int Clz128(u128 x) {  // x != 0
  const uint64_t hi = static_cast<uint64_t>(x >> 64);
  return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll(static_cast<uint64_t>(x));
}

// x >> n with every bit shifted out ORed into bit 0.
inline u128 ShiftRightJam(u128 x, int n) {
  if (n <= 0) return x;
  if (n >= 128) return x != 0;
  return (x >> n) | static_cast<u128>((x & ((u128{1} << n) - 1)) != 0);
}

Unpacked UnpackFinite(const Format& f, u128 x) {  // x finite and nonzero
  Unpacked u;
  u.sign = IsNegative(f, x);
  const int biased = static_cast<int>((x >> (f.precision - 1)) & ((1u << f.exp_bits) - 1));
  const u128 frac = x & f.frac_mask();
  if (biased != 0) {
    u.sig = (frac | (u128{1} << (f.precision - 1))) << (128 - f.precision);
    u.exp = biased - f.bias();
  } else {
    const int lz = Clz128(frac);
    u.sig = frac << lz;
    u.exp = 1 - f.bias() - (f.precision - 1) + 127 - lz;
  }
  return u;
}

inline void Normalize(int32_t& exp, u128& sig) {  // sig != 0
  const int lz = Clz128(sig);
  sig <<= lz;
  exp -= lz;
}

// Whether rounding a magnitude whose kept part ends in `lsb` and whose discarded part compares to one
// half as `rem` vs `half` increases it.
inline bool RoundUp(Rounding r, bool sign, bool lsb, u128 rem, u128 half) {
  switch (r) {
    case Rounding::kNearestEven: return rem > half || (rem == half && lsb);
    case Rounding::kNearestAway: return rem >= half;
    case Rounding::kUp: return !sign && rem != 0;
    case Rounding::kDown: return sign && rem != 0;
    case Rounding::kTowardZero:
    case Rounding::kPrepareShorter: return false;
  }
  return false;
}

// Rounds sign * sig/2^127 * 2^exp (sig normalized, possibly jammed) into format f.
u128 RoundPack(const Format& f, bool sign, int32_t exp, u128 sig, Env& env) {
  const int p = f.precision;
  const int emin = 1 - f.bias();
  const int emax = f.bias();
  const int shift = 128 - p;
  const u128 sign_bits = sign ? f.sign_bit() : 0;
  bool tiny = exp < emin;  // tininess before rounding
  if (tiny && (env.trap_mask & kUnderflow)) {
    // Trapped underflow: deliver the normal-precision result with the exponent scaled up.
    env.flags |= kUnderflow;
    exp += f.alpha;
    tiny = false;
  }
  if (tiny) {
    sig = ShiftRightJam(sig, emin - exp);
    exp = emin;
  }
  u128 kept = sig >> shift;
  const u128 rem = sig & ((u128{1} << shift) - 1);
  if (rem != 0) {
    env.flags |= kInexact;
    if (env.rounding == Rounding::kPrepareShorter && !(kept & 1)) {
      kept |= 1;  // round to odd: an even truncation moves away from zero
      env.incremented = true;
    }
  }
  if (RoundUp(env.rounding, sign, kept & 1, rem, u128{1} << (shift - 1))) {
    ++kept;
    env.incremented = true;
    if (kept >> p) {
      kept >>= 1;
      ++exp;
    }
  }
  if (tiny) {
    if (rem != 0) env.flags |= kUnderflow;
    const u128 biased = (kept >> (p - 1)) & 1;  // rounding reached the smallest normal number
    return sign_bits | (biased << (p - 1)) | (kept & f.frac_mask());
  }
  if (exp > emax) {
    if (env.trap_mask & kOverflow) {
      env.flags |= kOverflow;
      exp -= f.alpha;
    } else {
      env.flags |= kOverflow | kInexact;
      const Rounding r = env.rounding;
      const bool to_inf = r == Rounding::kNearestEven || r == Rounding::kNearestAway ||
                          (r == Rounding::kUp && !sign) || (r == Rounding::kDown && sign);
      env.incremented = to_inf;
      return sign_bits | (to_inf ? f.inf() : f.max_finite());
    }
  }
  const u128 biased = static_cast<u128>(exp + f.bias()) & ((1u << f.exp_bits) - 1);
  return sign_bits | (biased << (p - 1)) | (kept & f.frac_mask());
}

inline u128 Quiet(const Format& f, u128 x) { return x | f.quiet_bit(); }

u128 PropagateNaN(const Format& f, u128 a, u128 b, Env& env) {
  const bool sa = IsSNaN(f, a);
  const bool sb = IsSNaN(f, b);
  if (sa || sb) env.flags |= kInvalid;
  if (sa) return Quiet(f, a);
  if (sb) return Quiet(f, b);
  return IsNaN(f, a) ? a : b;
}

u128 InvalidResult(const Format& f, Env& env) {
  env.flags |= kInvalid;
  return f.default_nan();
}

// The sum of two finite nonzero values, rounded.
u128 AddUnpacked(const Format& f, Unpacked x, Unpacked y, Env& env) {
  if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) std::swap(x, y);  // |x| >= |y|
  const int d = x.exp - y.exp;
  const u128 xs = x.sig >> 1;  // one bit of headroom for the carry
  const u128 ys = ShiftRightJam(y.sig, d + 1);
  int32_t exp = x.exp + 1;
  u128 s = x.sign == y.sign ? xs + ys : xs - ys;
  if (s == 0) return env.rounding == Rounding::kDown ? f.sign_bit() : 0;  // exact cancellation
  Normalize(exp, s);
  return RoundPack(f, x.sign, exp, s, env);
}

u128 AddSigned(const Format& f, u128 a, u128 b, bool negate_b, Env& env) {
  if (IsNaN(f, a) || IsNaN(f, b)) return PropagateNaN(f, a, b, env);
  if (negate_b) b ^= f.sign_bit();
  const bool sa = IsNegative(f, a);
  const bool sb = IsNegative(f, b);
  if (IsInf(f, a)) {
    if (IsInf(f, b) && sa != sb) return InvalidResult(f, env);
    return a;
  }
  if (IsInf(f, b)) return b;
  if (IsZero(f, a) && IsZero(f, b)) {
    if (sa == sb) return a;
    return env.rounding == Rounding::kDown ? f.sign_bit() : 0;
  }
  // x + 0 = x exactly, but a tiny x still underflows when the underflow trap is enabled.
  if (IsZero(f, a)) {
    const Unpacked y = UnpackFinite(f, b);
    return RoundPack(f, y.sign, y.exp, y.sig, env);
  }
  if (IsZero(f, b)) {
    const Unpacked x = UnpackFinite(f, a);
    return RoundPack(f, x.sign, x.exp, x.sig, env);
  }
  return AddUnpacked(f, UnpackFinite(f, a), UnpackFinite(f, b), env);
}

// 128 x 128 -> 256-bit product.
inline void Mul128(u128 a, u128 b, u128* hi, u128* lo) {
  const uint64_t a1 = static_cast<uint64_t>(a >> 64), a0 = static_cast<uint64_t>(a);
  const uint64_t b1 = static_cast<uint64_t>(b >> 64), b0 = static_cast<uint64_t>(b);
  const u128 p00 = static_cast<u128>(a0) * b0;
  const u128 p01 = static_cast<u128>(a0) * b1;
  const u128 p10 = static_cast<u128>(a1) * b0;
  const u128 p11 = static_cast<u128>(a1) * b1;
  const u128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  *lo = (mid << 64) | static_cast<uint64_t>(p00);
  *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

// The exact or jammed product of two unpacked values.
Unpacked MulUnpacked(const Unpacked& x, const Unpacked& y) {
  u128 hi, lo;
  Mul128(x.sig, y.sig, &hi, &lo);
  Unpacked p{x.sign != y.sign, x.exp + y.exp + 1, hi | static_cast<u128>(lo != 0)};
  Normalize(p.exp, p.sig);
  return p;
}

// Minimal 256-bit unsigned arithmetic for the extended square root.
struct U256 {
  u128 hi = 0, lo = 0;
  U256 Shl(int n) const {  // 0 < n < 128
    return {(hi << n) | (lo >> (128 - n)), lo << n};
  }
  bool operator>=(const U256& o) const { return hi != o.hi ? hi > o.hi : lo >= o.lo; }
  U256 operator-(const U256& o) const { return {hi - o.hi - (lo < o.lo), lo - o.lo}; }
  U256 operator+(const U256& o) const {
    const u128 l = lo + o.lo;
    return {hi + o.hi + (l < lo), l};
  }
  bool IsZero() const { return (hi | lo) == 0; }
  int Clz() const { return hi ? Clz128(hi) : 128 + Clz128(lo); }  // *this != 0
  U256 ShlAny(int n) const {  // 0 <= n < 256
    if (n == 0) return *this;
    if (n >= 128) return {lo << (n - 128), 0};
    return Shl(n);
  }
  // >> n with every bit shifted out ORed into bit 0.
  U256 ShrJam(int n) const {
    if (n <= 0) return *this;
    if (n >= 256) return {0, static_cast<u128>(!IsZero())};
    if (n >= 128) {
      const int k = n - 128;
      const bool lost = lo != 0 || (k > 0 && (hi << (128 - k)) != 0);
      return {0, (hi >> k) | static_cast<u128>(lost)};
    }
    const bool lost = (lo << (128 - n)) != 0;
    return {hi >> n, (lo >> n) | (hi << (128 - n)) | static_cast<u128>(lost)};
  }
  // The top 128 bits with the rest ORed into bit 0: what RoundPack takes.
  u128 Jam128() const { return hi | static_cast<u128>(lo != 0); }
};

// a * b + c for the extended format, whose 226-bit significand product does not fit the 128 bits the other
// paths work in: the product is kept whole in 256 bits and the addend aligned to it with a sticky bit, so
// the sum is exact up to bits far below the rounding position, and rounded once into `out`. Values are
// M / 2^255 * 2^E here.
u128 MulAddWide(const Format& out, const Unpacked& x, const Unpacked& y, const Unpacked* z, Env& env) {
  U256 p;
  Mul128(x.sig, y.sig, &p.hi, &p.lo);
  int32_t pe = x.exp + y.exp + 1;
  bool ps = x.sign != y.sign;
  if (!(p.hi >> 127)) {
    p = p.Shl(1);
    --pe;
  }
  if (z == nullptr) return RoundPack(out, ps, pe, p.Jam128(), env);
  U256 c{z->sig, 0};
  int32_t ce = z->exp;
  bool cs = z->sign;
  if (ce > pe || (ce == pe && !(p >= c))) {  // |p| >= |c| from here on
    std::swap(p, c);
    std::swap(pe, ce);
    std::swap(ps, cs);
  }
  p = p.ShrJam(1);  // one bit of headroom for the carry
  c = c.ShrJam(1 + (pe - ce));
  U256 sum = ps == cs ? p + c : p - c;
  if (sum.IsZero()) return env.rounding == Rounding::kDown ? out.sign_bit() : 0;  // exact cancellation
  const int lz = sum.Clz();
  sum = sum.ShlAny(lz);
  return RoundPack(out, ps, pe + 1 - lz, sum.Jam128(), env);
}

}  // namespace

uint16_t DataClassBit(const Format& f, u128 x) {
  int index;
  if (IsZero(f, x)) {
    index = 0;
  } else if (IsInf(f, x)) {
    index = 6;
  } else if (IsNaN(f, x)) {
    index = IsSNaN(f, x) ? 10 : 8;
  } else {
    index = IsSubnormal(f, x) ? 4 : 2;
  }
  if (IsNegative(f, x)) ++index;
  return static_cast<uint16_t>(1u << (11 - index));
}

u128 Add(const Format& f, u128 a, u128 b, Env& env) { return AddSigned(f, a, b, false, env); }
u128 Sub(const Format& f, u128 a, u128 b, Env& env) { return AddSigned(f, a, b, true, env); }

u128 Mul(const Format& f, u128 a, u128 b, Env& env) { return MulWiden(f, f, a, b, env); }

u128 MulWiden(const Format& from, const Format& to, u128 a, u128 b, Env& env) {
  if (IsNaN(from, a) || IsNaN(from, b)) {
    const u128 n = PropagateNaN(from, a, b, env);
    return from.precision == to.precision ? n : Convert(from, to, n, env);
  }
  const bool sign = IsNegative(from, a) != IsNegative(from, b);
  const u128 sign_bits = sign ? to.sign_bit() : 0;
  if (IsInf(from, a) || IsInf(from, b)) {
    if (IsZero(from, a) || IsZero(from, b)) return InvalidResult(to, env);
    return sign_bits | to.inf();
  }
  if (IsZero(from, a) || IsZero(from, b)) return sign_bits;
  const Unpacked p = MulUnpacked(UnpackFinite(from, a), UnpackFinite(from, b));
  return RoundPack(to, p.sign, p.exp, p.sig, env);
}

u128 Div(const Format& f, u128 a, u128 b, Env& env) {
  if (IsNaN(f, a) || IsNaN(f, b)) return PropagateNaN(f, a, b, env);
  const bool sign = IsNegative(f, a) != IsNegative(f, b);
  const u128 sign_bits = sign ? f.sign_bit() : 0;
  if (IsInf(f, a)) {
    if (IsInf(f, b)) return InvalidResult(f, env);
    return sign_bits | f.inf();
  }
  if (IsInf(f, b)) return sign_bits;
  if (IsZero(f, b)) {
    if (IsZero(f, a)) return InvalidResult(f, env);
    env.flags |= kDivideByZero;
    return sign_bits | f.inf();
  }
  if (IsZero(f, a)) return sign_bits;
  const Unpacked x = UnpackFinite(f, a);
  const Unpacked y = UnpackFinite(f, b);
  int32_t exp = x.exp - y.exp;
  u128 sig;
  if (f.precision <= 64) {
    // 64-bit significands: one 128/64 division gives 64+ quotient bits.
    const uint64_t a64 = static_cast<uint64_t>(x.sig >> 64);
    const uint64_t b64 = static_cast<uint64_t>(y.sig >> 64);
    const u128 n = static_cast<u128>(a64) << 64;
    const u128 q = n / b64;
    const bool sticky = n % b64 != 0;
    sig = (q << 63) | static_cast<u128>(sticky);
  } else {
    // Restoring division, one quotient bit per step: q = floor(a'/b' * 2^127).
    const u128 bd = y.sig >> 1;
    u128 rem = x.sig >> 1;
    u128 q = 0;
    for (int i = 0; i < 128; ++i) {
      q <<= 1;
      if (rem >= bd) {
        rem -= bd;
        q |= 1;
      }
      rem <<= 1;
    }
    sig = q | static_cast<u128>(rem != 0);
  }
  Normalize(exp, sig);
  return RoundPack(f, sign, exp, sig, env);
}

u128 Sqrt(const Format& f, u128 a, Env& env) {
  if (IsNaN(f, a)) return PropagateNaN(f, a, a, env);
  if (IsZero(f, a)) return a;
  if (IsNegative(f, a)) return InvalidResult(f, env);
  if (IsInf(f, a)) return a;
  const Unpacked x = UnpackFinite(f, a);
  const bool odd = x.exp & 1;
  const int32_t exp = (x.exp - (odd ? 1 : 0)) / 2;
  // Y / 2^126 in [1, 4) is the operand with an even exponent; the root is sqrt(Y * 2^128) / 2^127.
  const u128 y = odd ? x.sig : x.sig >> 1;
  u128 sig;
  if (f.precision <= 53) {
    // Y's low 64 bits are zero: root = isqrt(Y64 * 2^64) * 2^64.
    const u128 n = (y >> 64) << 64;
    u128 rem = 0, root = 0;
    for (int i = 63; i >= 0; --i) {
      rem = (rem << 2) | ((n >> (2 * i)) & 3);
      const u128 trial = (root << 2) | 1;
      root <<= 1;
      if (rem >= trial) {
        rem -= trial;
        root |= 1;
      }
    }
    sig = (root << 64) | static_cast<u128>(rem != 0);
  } else {
    // Digit-by-digit over the 256-bit radicand Y * 2^128 (its low half is zero).
    U256 rem, root;
    for (int i = 127; i >= 0; --i) {
      const uint64_t pair = i >= 64 ? static_cast<uint64_t>((y >> (2 * (i - 64))) & 3) : 0;
      rem = rem.Shl(2);
      rem.lo |= pair;
      U256 trial = root.Shl(2);
      trial.lo |= 1;
      root = root.Shl(1);
      if (rem >= trial) {
        rem = rem - trial;
        root.lo |= 1;
      }
    }
    sig = root.lo | static_cast<u128>(rem.hi != 0 || rem.lo != 0);
  }
  return RoundPack(f, false, exp, sig, env);
}

u128 MulAdd(const Format& f, u128 a, u128 b, u128 c, Env& env) { return MulAddTo(f, f, a, b, c, env); }

u128 MulAddTo(const Format& f, const Format& out, u128 a, u128 b, u128 c, Env& env) {
  // PoP "Results: MULTIPLY AND ADD": infinity times zero is the default NaN whatever the addend is;
  // otherwise an SNaN before a QNaN, in the order third, second, first operand.
  if ((IsInf(f, a) && IsZero(f, b)) || (IsZero(f, a) && IsInf(f, b))) return InvalidResult(out, env);
  if (IsNaN(f, a) || IsNaN(f, b) || IsNaN(f, c)) {
    if (IsSNaN(f, a) || IsSNaN(f, b) || IsSNaN(f, c)) env.flags |= kInvalid;
    const u128 n = [&] {
      for (u128 x : {a, b, c}) {
        if (IsSNaN(f, x)) return Quiet(f, x);
      }
      for (u128 x : {a, b, c}) {
        if (IsNaN(f, x)) return x;
      }
      return c;
    }();
    return f.precision == out.precision ? n : Convert(f, out, n, env);
  }
  const bool psign = IsNegative(f, a) != IsNegative(f, b);
  const bool csign = IsNegative(f, c);
  if (IsInf(f, a) || IsInf(f, b)) {
    if (IsInf(f, c) && csign != psign) return InvalidResult(out, env);
    return (psign ? out.sign_bit() : 0) | out.inf();
  }
  if (IsInf(f, c)) return (csign ? out.sign_bit() : 0) | out.inf();
  if (IsZero(f, a) || IsZero(f, b)) {
    if (IsZero(f, c)) {
      if (psign == csign) return csign ? out.sign_bit() : 0;
      return env.rounding == Rounding::kDown ? out.sign_bit() : 0;
    }
    const Unpacked z = UnpackFinite(f, c);
    return RoundPack(out, z.sign, z.exp, z.sig, env);
  }
  const Unpacked x = UnpackFinite(f, a);
  const Unpacked y = UnpackFinite(f, b);
  if (f.precision > 64) {
    if (IsZero(f, c)) return MulAddWide(out, x, y, nullptr, env);
    const Unpacked z = UnpackFinite(f, c);
    return MulAddWide(out, x, y, &z, env);
  }
  // The product of two significands of at most 53 bits is exact in 128 bits.
  Unpacked p{psign, x.exp + y.exp + 1,
             static_cast<u128>(static_cast<uint64_t>(x.sig >> 64)) * static_cast<uint64_t>(y.sig >> 64)};
  Normalize(p.exp, p.sig);
  if (IsZero(f, c)) return RoundPack(out, p.sign, p.exp, p.sig, env);
  return AddUnpacked(out, p, UnpackFinite(f, c), env);
}

uint8_t Compare(const Format& f, u128 a, u128 b, bool signaling, Env& env) {
  if (IsNaN(f, a) || IsNaN(f, b)) {
    if (signaling || IsSNaN(f, a) || IsSNaN(f, b)) env.flags |= kInvalid;
    return 3;
  }
  if (IsZero(f, a) && IsZero(f, b)) return 0;
  const bool sa = IsNegative(f, a);
  const bool sb = IsNegative(f, b);
  if (sa != sb) return sa ? 1 : 2;
  const u128 ma = a & ~f.sign_bit();
  const u128 mb = b & ~f.sign_bit();
  if (ma == mb) return 0;
  return (ma < mb) != sa ? 1 : 2;
}

u128 Convert(const Format& from, const Format& to, u128 a, Env& env) {
  const u128 sign_bits = IsNegative(from, a) ? to.sign_bit() : 0;
  if (IsNaN(from, a)) {
    if (IsSNaN(from, a)) env.flags |= kInvalid;
    u128 frac = a & from.frac_mask();
    frac = to.precision > from.precision ? frac << (to.precision - from.precision)
                                         : frac >> (from.precision - to.precision);
    return sign_bits | to.inf() | to.quiet_bit() | frac;
  }
  if (IsInf(from, a)) return sign_bits | to.inf();
  if (IsZero(from, a)) return sign_bits;
  const Unpacked x = UnpackFinite(from, a);
  return RoundPack(to, x.sign, x.exp, x.sig, env);
}

namespace {

// |a| split at the binary point and rounded to an integer magnitude; a finite nonzero, exp <= 64.
struct IntegerPart {
  u128 magnitude;
  bool inexact;
  bool incremented;
};
IntegerPart RoundToInteger(const Unpacked& x, Rounding r) {
  u128 int_part, frac;
  if (x.exp >= 0) {
    int_part = x.sig >> (127 - x.exp);
    frac = x.exp + 1 >= 128 ? 0 : x.sig << (x.exp + 1);
  } else {
    int_part = 0;
    frac = ShiftRightJam(x.sig, -x.exp - 1);
  }
  IntegerPart out{int_part, frac != 0, false};
  if (frac != 0 && r == Rounding::kPrepareShorter && !(int_part & 1)) {
    out.magnitude |= 1;
    out.incremented = true;
  }
  if (RoundUp(r, x.sign, int_part & 1, frac, u128{1} << 127)) {
    ++out.magnitude;
    out.incremented = true;
  }
  return out;
}

}  // namespace

u128 RoundToIntegral(const Format& f, u128 a, Env& env) {
  if (IsNaN(f, a)) return PropagateNaN(f, a, a, env);
  if (IsInf(f, a) || IsZero(f, a)) return a;
  const Unpacked x = UnpackFinite(f, a);
  if (x.exp >= f.precision - 1) return a;  // already integral
  const IntegerPart ip = RoundToInteger(x, env.rounding);
  if (ip.inexact) env.flags |= kInexact;
  env.incremented = ip.incremented;
  if (ip.magnitude == 0) return IsNegative(f, a) ? f.sign_bit() : 0;
  int32_t exp = 127;
  u128 sig = ip.magnitude;
  Normalize(exp, sig);
  Env exact = env;  // the integral value is representable: packing adds no exception
  return RoundPack(f, x.sign, exp, sig, exact);
}

u128 FromInt(const Format& f, bool negative, uint64_t magnitude, Env& env) {
  if (magnitude == 0) return 0;
  const int lz = __builtin_clzll(magnitude);
  return RoundPack(f, negative, 63 - lz, static_cast<u128>(magnitude) << (64 + lz), env);
}

uint64_t ToInt(const Format& f, u128 a, int bits, bool is_signed, Env& env, bool* special) {
  *special = false;
  const bool neg = IsNegative(f, a);
  const uint64_t max = is_signed ? (uint64_t{1} << (bits - 1)) - 1 : (bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1);
  const uint64_t min = is_signed ? uint64_t{1} << (bits - 1) : 0;  // the magnitude limit of negatives
  // An infinity or a finite value out of range also signals inexact (the PoP's CONVERT TO FIXED
  // tables); a NaN only invalid.
  auto invalid = [&](bool nan) -> uint64_t {
    env.flags |= nan ? kInvalid : kInvalid | kInexact;
    *special = true;
    if (!is_signed) return nan || neg ? 0 : max;
    const uint64_t most_negative = bits == 64 ? uint64_t{1} << 63 : uint64_t{0xffffffff80000000};
    return nan || neg ? most_negative : max;
  };
  if (IsNaN(f, a)) return invalid(true);
  if (IsInf(f, a)) return invalid(false);
  if (IsZero(f, a)) return 0;
  const Unpacked x = UnpackFinite(f, a);
  if (x.exp > 64) return invalid(false);
  const IntegerPart ip = RoundToInteger(x, env.rounding);
  const u128 limit = neg ? min : max;
  if (ip.magnitude > limit) return invalid(false);
  if (ip.inexact) env.flags |= kInexact;
  env.incremented = ip.incremented;
  const uint64_t mag = static_cast<uint64_t>(ip.magnitude);
  return neg ? 0 - mag : mag;
}

}  // namespace s390vmm::interp::bfp
