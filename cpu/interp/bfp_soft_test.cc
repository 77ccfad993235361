// The software IEEE arithmetic of the BFP family (bfp_soft.cc) against the host: x86-64 SSE for binary32
// and binary64 (IEEE 754, all four directed/nearest rounding modes through fesetround, exception flags
// through fetestexcept) and libgcc's __float128 for binary128. Random operands are biased toward the
// interesting exponents (zero, subnormal, near the limits, infinity/NaN).
//
// Host and z/Architecture differ on purpose in two places, which the comparisons skip: NaN payloads and
// the default NaN's sign (x86 returns a negative default NaN, z a positive one), and tininess (x86
// detects it after rounding, z before), which only matters for results that round to the smallest normal
// number.
#include "cpu/interp/bfp_soft.h"

#include <cfenv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>

#include "gtest/gtest.h"

namespace s390vmm::interp::bfp {
namespace {

constexpr Rounding kHostModes[] = {Rounding::kNearestEven, Rounding::kTowardZero, Rounding::kUp, Rounding::kDown};
int HostMode(Rounding r) {
  switch (r) {
    case Rounding::kTowardZero: return FE_TOWARDZERO;
    case Rounding::kUp: return FE_UPWARD;
    case Rounding::kDown: return FE_DOWNWARD;
    default: return FE_TONEAREST;
  }
}
uint8_t HostFlags() {
  const int fe = std::fetestexcept(FE_ALL_EXCEPT);
  return static_cast<uint8_t>((fe & FE_INVALID ? kInvalid : 0) | (fe & FE_DIVBYZERO ? kDivideByZero : 0) |
                              (fe & FE_OVERFLOW ? kOverflow : 0) | (fe & FE_UNDERFLOW ? kUnderflow : 0) |
                              (fe & FE_INEXACT ? kInexact : 0));
}

// Random bit patterns of format f with exponents biased toward the edges.
class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  uint64_t Bits64() { return rng_(); }
  u128 Value(const Format& f) {
    const int emax = (1 << f.exp_bits) - 1;
    int e;
    switch (rng_() % 8) {
      case 0: e = 0; break;
      case 1: e = static_cast<int>(rng_() % 3) + 1; break;
      case 2: e = emax - 1 - static_cast<int>(rng_() % 3); break;
      case 3: e = rng_() % 4 == 0 ? emax : f.bias() + static_cast<int>(rng_() % 5) - 2; break;
      default: e = static_cast<int>(rng_() % emax); break;
    }
    u128 frac = (static_cast<u128>(rng_()) << 64 | rng_()) & f.frac_mask();
    if (rng_() % 4 == 0) frac &= ~((u128{1} << (rng_() % f.precision)) - 1);  // few significant bits
    if (e == emax && rng_() % 2) frac = 0;                                          // infinity
    const u128 sign = rng_() % 2 ? f.sign_bit() : 0;
    return sign | (static_cast<u128>(e) << (f.precision - 1)) | frac;
  }

 private:
  std::mt19937_64 rng_;
};

uint32_t F2U(float x) { uint32_t u; std::memcpy(&u, &x, 4); return u; }
float U2F(uint32_t u) { float x; std::memcpy(&x, &u, 4); return x; }
uint64_t D2U(double x) { uint64_t u; std::memcpy(&u, &x, 8); return u; }
double U2D(uint64_t u) { double x; std::memcpy(&x, &u, 8); return x; }
u128 Q2U(__float128 x) { u128 u; std::memcpy(&u, &x, 16); return u; }
__float128 U2Q(u128 u) { __float128 x; std::memcpy(&x, &u, 16); return x; }

// Compares one result: bits (or NaN-ness) and the flags, skipping underflow at the smallest normal.
void ExpectSame(const Format& f, u128 host, uint8_t host_flags, u128 soft, const Env& env, const char* what,
                u128 a, u128 b, Rounding mode) {
  SCOPED_TRACE(testing::Message() << what << " mode " << static_cast<int>(mode) << " a=0x" << std::hex
                                  << static_cast<uint64_t>(a >> 64) << "_" << static_cast<uint64_t>(a) << " b=0x"
                                  << static_cast<uint64_t>(b >> 64) << "_" << static_cast<uint64_t>(b));
  if (IsNaN(f, host)) {
    EXPECT_TRUE(IsNaN(f, soft));
  } else {
    EXPECT_EQ(static_cast<uint64_t>(soft >> 64), static_cast<uint64_t>(host >> 64));
    EXPECT_EQ(static_cast<uint64_t>(soft), static_cast<uint64_t>(host));
  }
  uint8_t mask = 0xff;
  const u128 min_normal = u128{1} << (f.precision - 1);
  if ((host & ~f.sign_bit()) == min_normal) mask &= static_cast<uint8_t>(~kUnderflow);
  EXPECT_EQ(env.flags & mask, host_flags & mask);
}

enum class Op { kAdd, kSub, kMul, kDiv, kSqrt };
u128 SoftOp(Op op, const Format& f, u128 a, u128 b, Env& env) {
  switch (op) {
    case Op::kAdd: return Add(f, a, b, env);
    case Op::kSub: return Sub(f, a, b, env);
    case Op::kMul: return Mul(f, a, b, env);
    case Op::kDiv: return Div(f, a, b, env);
    case Op::kSqrt: return Sqrt(f, a, env);
  }
  return 0;
}
template <typename T>
T HostOp(Op op, T a, T b) {
  volatile T x = a, y = b;
  switch (op) {
    case Op::kAdd: return x + y;
    case Op::kSub: return x - y;
    case Op::kMul: return x * y;
    case Op::kDiv: return x / y;
    case Op::kSqrt:
      if constexpr (sizeof(T) == 16) {
        return 0;
      } else {
        return std::sqrt(x);
      }
  }
  return 0;
}

constexpr int kIterations = 12000;

TEST(BfpSoftTest, ShortAndLongMatchHostInFourRoundingModes) {
  Gen gen(1);
  for (Op op : {Op::kAdd, Op::kSub, Op::kMul, Op::kDiv, Op::kSqrt}) {
    for (int i = 0; i < kIterations; ++i) {
      const u128 a = gen.Value(kLong), b = gen.Value(kLong);
      const u128 as = gen.Value(kShort), bs = gen.Value(kShort);
      for (Rounding mode : kHostModes) {
        std::fesetround(HostMode(mode));
        std::feclearexcept(FE_ALL_EXCEPT);
        const double hd = HostOp<double>(op, U2D(static_cast<uint64_t>(a)), U2D(static_cast<uint64_t>(b)));
        const uint8_t fd = HostFlags();
        std::feclearexcept(FE_ALL_EXCEPT);
        const float hs = HostOp<float>(op, U2F(static_cast<uint32_t>(as)), U2F(static_cast<uint32_t>(bs)));
        const uint8_t fs = HostFlags();
        std::fesetround(FE_TONEAREST);
        Env env{mode};
        const u128 sd = SoftOp(op, kLong, a, b, env);
        ExpectSame(kLong, D2U(hd), fd, sd, env, "long", a, b, mode);
        Env envs{mode};
        const u128 ss = SoftOp(op, kShort, as, bs, envs);
        ExpectSame(kShort, F2U(hs), fs, ss, envs, "short", as, bs, mode);
        if (HasFailure()) return;
      }
    }
  }
}

// The brief's question: does libgcc's __float128 arithmetic honour fesetround? (It does on x86-64:
// soft-fp reads the rounding mode from MXCSR and raises the exceptions there.) The comparison below
// relies on it.
TEST(BfpSoftTest, HostFloat128HonoursRoundingMode) {
  volatile __float128 one = 1;
  volatile __float128 tiny = 1e-40;
  std::fesetround(FE_UPWARD);
  std::feclearexcept(FE_ALL_EXCEPT);
  const __float128 up = one + tiny;
  const bool inexact = std::fetestexcept(FE_INEXACT);
  std::fesetround(FE_DOWNWARD);
  const __float128 down = one - tiny;
  std::fesetround(FE_TONEAREST);
  const __float128 nearest = one + tiny;
  EXPECT_TRUE(up > 1);
  EXPECT_TRUE(down < 1);
  EXPECT_TRUE(nearest == 1);
  EXPECT_TRUE(inexact);
}

TEST(BfpSoftTest, ExtendedMatchesHostFloat128) {
  Gen gen(2);
  for (Op op : {Op::kAdd, Op::kSub, Op::kMul, Op::kDiv}) {
    for (int i = 0; i < kIterations / 4; ++i) {
      const u128 a = gen.Value(kExtended), b = gen.Value(kExtended);
      for (Rounding mode : kHostModes) {
        std::fesetround(HostMode(mode));
        std::feclearexcept(FE_ALL_EXCEPT);
        const __float128 h = HostOp<__float128>(op, U2Q(a), U2Q(b));
        const uint8_t fh = HostFlags();
        std::fesetround(FE_TONEAREST);
        Env env{mode};
        const u128 s = SoftOp(op, kExtended, a, b, env);
        ExpectSame(kExtended, Q2U(h), fh, s, env, "extended", a, b, mode);
        if (HasFailure()) return;
      }
    }
  }
}

// Extended square root: exact squares come back exactly, and for long operands the extended root
// rounded to long is the host's long root (113 >= 2 * 53 + 2: double rounding is innocuous).
TEST(BfpSoftTest, ExtendedSquareRoot) {
  Gen gen(3);
  for (int i = 0; i < kIterations / 4; ++i) {
    // y with at most 56 significant bits: y*y is exact in 113 bits.
    const uint64_t m = (gen.Bits64() >> 8) | (uint64_t{1} << 55);
    Env env;
    const u128 y = FromInt(kExtended, false, m, env);
    const u128 yy = Mul(kExtended, y, y, env);
    ASSERT_EQ(env.flags, 0);
    EXPECT_TRUE(Sqrt(kExtended, yy, env) == y);
    EXPECT_EQ(env.flags, 0);

    u128 a = gen.Value(kLong);
    for (Rounding mode : kHostModes) {
      std::fesetround(HostMode(mode));
      const double h = HostOp<double>(Op::kSqrt, U2D(static_cast<uint64_t>(a)), 0);
      std::fesetround(FE_TONEAREST);
      Env e{mode};
      const u128 r = Convert(kExtended, kLong, Sqrt(kExtended, Convert(kLong, kExtended, a, e), e), e);
      if (std::isnan(h)) {
        EXPECT_TRUE(IsNaN(kLong, r));
      } else {
        EXPECT_EQ(static_cast<uint64_t>(r), D2U(h)) << std::hex << static_cast<uint64_t>(a);
      }
    }
  }
}

TEST(BfpSoftTest, MulAddMatchesHostFma) {
  Gen gen(4);
  for (int i = 0; i < kIterations; ++i) {
    const u128 a = gen.Value(kLong), b = gen.Value(kLong), c = gen.Value(kLong);
    for (Rounding mode : kHostModes) {
      std::fesetround(HostMode(mode));
      volatile double x = U2D(static_cast<uint64_t>(a)), y = U2D(static_cast<uint64_t>(b)),
                      z = U2D(static_cast<uint64_t>(c));
      const double h = std::fma(x, y, z);
      std::fesetround(FE_TONEAREST);
      Env env{mode};
      const u128 s = MulAdd(kLong, a, b, c, env);
      if (std::isnan(h)) {
        EXPECT_TRUE(IsNaN(kLong, s));
      } else {
        EXPECT_EQ(static_cast<uint64_t>(s), D2U(h)) << std::hex << static_cast<uint64_t>(a) << " "
                                                     << static_cast<uint64_t>(b) << " " << static_cast<uint64_t>(c);
      }
      if (HasFailure()) return;
    }
  }
}

TEST(BfpSoftTest, ConversionsMatchHost) {
  Gen gen(5);
  for (int i = 0; i < kIterations; ++i) {
    const u128 a = gen.Value(kLong);
    const int64_t n = static_cast<int64_t>(gen.Bits64()) >> (gen.Bits64() % 64);
    for (Rounding mode : kHostModes) {
      std::fesetround(HostMode(mode));
      std::feclearexcept(FE_ALL_EXCEPT);
      volatile double x = U2D(static_cast<uint64_t>(a));
      const float narrowed = static_cast<float>(x);
      const uint8_t f_narrow = HostFlags();
      std::feclearexcept(FE_ALL_EXCEPT);
      const double integral = std::rint(x);
      const uint8_t f_rint = HostFlags();
      volatile int64_t vn = n;
      const double from_int = static_cast<double>(vn);
      const float from_int_short = static_cast<float>(vn);
      std::feclearexcept(FE_ALL_EXCEPT);
      const long long to_int = std::llrint(x);
      const uint8_t f_int = HostFlags();
      std::fesetround(FE_TONEAREST);

      Env e1{mode};
      ExpectSame(kShort, F2U(narrowed), f_narrow, Convert(kLong, kShort, a, e1), e1, "narrow", a, 0, mode);
      Env e2{mode};
      ExpectSame(kLong, D2U(integral), f_rint, RoundToIntegral(kLong, a, e2), e2, "rint", a, 0, mode);
      Env e3{mode};
      EXPECT_EQ(static_cast<uint64_t>(FromSigned(kLong, n, e3)), D2U(from_int)) << n;
      EXPECT_EQ(static_cast<uint32_t>(FromSigned(kShort, n, e3)), F2U(from_int_short)) << n;
      Env e4{mode};
      bool special;
      const uint64_t v = ToInt(kLong, a, 64, true, e4, &special);
      if (!(f_int & kInvalid)) {
        EXPECT_FALSE(special);
        EXPECT_EQ(v, static_cast<uint64_t>(to_int)) << std::hex << static_cast<uint64_t>(a);
        EXPECT_EQ(e4.flags, f_int);
      } else {
        EXPECT_TRUE(special);
        EXPECT_EQ(e4.flags, IsNaN(kLong, a) ? kInvalid : kInvalid | kInexact);
      }
      // Widening is exact and lossless.
      Env e5{mode};
      const u128 wide = Convert(kLong, kExtended, a, e5);
      if (!IsNaN(kLong, a)) {
        Env e6{mode};
        EXPECT_TRUE(Convert(kExtended, kLong, wide, e6) == a);
        EXPECT_EQ(e6.flags, 0);
      }
      if (HasFailure()) return;
    }
  }
}

TEST(BfpSoftTest, RoundToOddAndTiesAway) {
  Gen gen(6);
  for (int i = 0; i < kIterations; ++i) {
    const u128 a = gen.Value(kLong), b = gen.Value(kLong);
    Env z{Rounding::kTowardZero};
    const u128 rz = Add(kLong, a, b, z);
    Env o{Rounding::kPrepareShorter};
    const u128 ro = Add(kLong, a, b, o);
    if (IsNaN(kLong, rz) || (z.flags & kOverflow)) continue;
    EXPECT_TRUE(ro == (rz | ((z.flags & kInexact) ? 1 : 0)));
  }
  // Ties: 1 + 2^-24 in short is halfway between 1 and 1 + 2^-23.
  const u128 one = 0x3f800000, half_ulp = 0x33800000;
  Env ne{Rounding::kNearestEven}, na{Rounding::kNearestAway};
  EXPECT_TRUE(Add(kShort, one, half_ulp, ne) == 0x3f800000);
  EXPECT_TRUE(Add(kShort, one, half_ulp, na) == 0x3f800001);
  EXPECT_TRUE(Add(kShort, one | kShort.sign_bit(), half_ulp | kShort.sign_bit(), na) == 0xbf800001);
  Env ni{Rounding::kNearestAway};
  EXPECT_TRUE(RoundToIntegral(kLong, D2U(2.5), ni) == D2U(3.0));
  Env nj{Rounding::kNearestEven};
  EXPECT_TRUE(RoundToIntegral(kLong, D2U(2.5), nj) == D2U(2.0));
}

TEST(BfpSoftTest, TininessBeforeRoundingAndTrappedResults) {
  // Nmin * (1 - 2^-54) rounds to Nmin in round-to-nearest: tiny before rounding, so underflow (x86 would
  // not signal it).
  const u128 nmin = u128{1} << 52;
  const u128 almost_one = D2U(1.0 - std::ldexp(1.0, -53));
  Env env;
  EXPECT_TRUE(Mul(kLong, nmin, almost_one, env) == nmin);
  EXPECT_EQ(env.flags, kUnderflow | kInexact);
  EXPECT_TRUE(env.incremented);

  // Overflow with the trap enabled: the exponent is scaled down by 1536.
  Env trap;
  trap.trap_mask = kOverflow;
  const u128 big = D2U(std::ldexp(1.0, 1000));
  EXPECT_TRUE(Mul(kLong, big, big, trap) == D2U(std::ldexp(1.0, 2000 - 1536)));
  EXPECT_EQ(trap.flags, kOverflow);
  // Underflow with the trap enabled: scaled up by 1536, also when exact.
  Env utrap;
  utrap.trap_mask = kUnderflow;
  const u128 small = D2U(std::ldexp(1.0, -1000));
  EXPECT_TRUE(Mul(kLong, small, small, utrap) == D2U(std::ldexp(1.0, -2000 + 1536)));
  EXPECT_EQ(utrap.flags, kUnderflow);
  // Untrapped exact tiny results do not underflow.
  Env exact;
  EXPECT_TRUE(Mul(kLong, D2U(std::ldexp(1.0, -1040)), D2U(0.5), exact) == D2U(std::ldexp(1.0, -1041)));
  EXPECT_EQ(exact.flags, 0);
}

TEST(BfpSoftTest, NaNPropagationAndDefaultNaN) {
  const u128 qa = 0x7ff8000000000001, qb = 0x7ff8000000000002;
  const u128 sa = 0x7ff0000000000003, sb = 0xfff0000000000004;
  Env e;
  EXPECT_TRUE(Add(kLong, qa, qb, e) == qa);
  EXPECT_EQ(e.flags, 0);
  EXPECT_TRUE(Add(kLong, qa, sb, e) == (sb | kLong.quiet_bit()));  // an SNaN wins over a QNaN
  EXPECT_EQ(e.flags, kInvalid);
  EXPECT_TRUE(Mul(kLong, sa, sb, e) == (sa | kLong.quiet_bit()));  // the first SNaN
  EXPECT_TRUE(Div(kLong, D2U(1.0), qb, e) == qb);
  Env d;
  EXPECT_TRUE(Sub(kLong, kLong.inf(), kLong.inf(), d) == 0x7ff8000000000000);  // default NaN is positive
  EXPECT_EQ(d.flags, kInvalid);
  EXPECT_TRUE(Sqrt(kShort, 0xbf800000, d) == 0x7fc00000);
  // NaN payloads survive format changes (left-aligned).
  Env c;
  EXPECT_TRUE(Convert(kShort, kLong, 0x7f800001, c) == 0x7ff8000020000000);
  EXPECT_EQ(c.flags, kInvalid);
  EXPECT_TRUE(Convert(kLong, kShort, 0x7ff8000020000000, c) == 0x7fc00001);
  // Exact zero sums: +0, but -0 when rounding toward -infinity.
  Env m{Rounding::kDown};
  EXPECT_TRUE(Sub(kLong, D2U(1.0), D2U(1.0), m) == kLong.sign_bit());
  Env p;
  EXPECT_TRUE(Sub(kLong, D2U(1.0), D2U(1.0), p) == 0);
}

TEST(BfpSoftTest, DataClass) {
  EXPECT_EQ(DataClassBit(kLong, 0), 0x800);
  EXPECT_EQ(DataClassBit(kLong, kLong.sign_bit()), 0x400);
  EXPECT_EQ(DataClassBit(kLong, D2U(1.0)), 0x200);
  EXPECT_EQ(DataClassBit(kLong, D2U(-1.0)), 0x100);
  EXPECT_EQ(DataClassBit(kLong, 1), 0x80);
  EXPECT_EQ(DataClassBit(kLong, 1 | kLong.sign_bit()), 0x40);
  EXPECT_EQ(DataClassBit(kLong, kLong.inf()), 0x20);
  EXPECT_EQ(DataClassBit(kLong, kLong.inf() | kLong.sign_bit()), 0x10);
  EXPECT_EQ(DataClassBit(kLong, kLong.default_nan()), 0x8);
  EXPECT_EQ(DataClassBit(kLong, kLong.default_nan() | kLong.sign_bit()), 0x4);
  EXPECT_EQ(DataClassBit(kLong, kLong.inf() | 1), 0x2);
  EXPECT_EQ(DataClassBit(kLong, kLong.inf() | 1 | kLong.sign_bit()), 0x1);
}

}  // namespace
}  // namespace s390vmm::interp::bfp
