// File: cpu/interp/bfp_soft.h
//
// Internal to the BFP family (bfp*.cc, fpr_support.cc): IEEE 754 binary floating point in software, for
// the three z/Architecture BFP formats (short = binary32, long = binary64, extended = binary128), with the
// z/Architecture choices where IEEE leaves one open:
//   - tininess is detected before rounding (PoP: the "precise intermediate value" is smaller than Nmin);
//   - six rounding methods: the four IEEE directed/nearest ones, round to nearest with ties away from
//     zero, and round to prepare for shorter precision (round to odd);
//   - NaN propagation: an SNaN operand before a QNaN, the first operand before the second; an SNaN result
//     is quieted, an invalid operation without NaN operands returns the default QNaN (0x7fc00000...);
//   - with the IEEE-overflow or IEEE-underflow trap enabled in the FPC, the delivered result is the
//     rounded value with its exponent scaled by -/+ alpha (192, 1536, 24576) instead of infinity or a
//     denormal, for the data-exception interruption that follows (PoP "IEEE Exceptions").
//
// Values travel as right-aligned bit patterns in an unsigned __int128 (short in the low 32 bits, long in
// the low 64). Every function takes the Format and an Env that carries the rounding method and the trap
// mask in, and the exceptions that occurred out. Nothing here touches CPU state.
#ifndef S390VMM_CPU_INTERP_BFP_SOFT_H_
#define S390VMM_CPU_INTERP_BFP_SOFT_H_

#include <cstdint>

namespace s390vmm::interp::bfp {

using u128 = unsigned __int128;

// IEEE exception bits in the layout of the FPC mask and flag bytes and of the DXC (PoP "FPC Register",
// "Data-Exception Code").
inline constexpr uint8_t kInvalid = 0x80;
inline constexpr uint8_t kDivideByZero = 0x40;
inline constexpr uint8_t kOverflow = 0x20;
inline constexpr uint8_t kUnderflow = 0x10;
inline constexpr uint8_t kInexact = 0x08;

enum class Rounding : uint8_t {
  kNearestEven,
  kTowardZero,
  kUp,    // toward +infinity
  kDown,  // toward -infinity
  kNearestAway,
  kPrepareShorter,  // round to odd: truncate, and set the last bit if inexact
};

struct Format {
  int precision;  // significand bits including the implicit one: 24, 53, 113
  int exp_bits;   // 8, 11, 15
  int alpha;      // exponent adjustment of trapped overflow/underflow results: 192, 1536, 24576
  int bias() const { return (1 << (exp_bits - 1)) - 1; }
  int width() const { return precision + exp_bits; }
  u128 sign_bit() const { return u128{1} << (width() - 1); }
  u128 frac_mask() const { return (u128{1} << (precision - 1)) - 1; }
  u128 quiet_bit() const { return u128{1} << (precision - 2); }
  u128 inf() const { return u128((1u << exp_bits) - 1) << (precision - 1); }
  u128 default_nan() const { return inf() | quiet_bit(); }
  u128 max_finite() const { return inf() - 1; }
};
inline constexpr Format kShort{24, 8, 192};
inline constexpr Format kLong{53, 11, 1536};
inline constexpr Format kExtended{113, 15, 24576};

// In: the rounding method and the FPC trap mask (only the overflow and underflow bits change results).
// Out: the IEEE exceptions that occurred, whether rounding increased the magnitude (DXC bit 5), and
// whether the result is the alpha-scaled one of a trapped overflow or underflow.
struct Env {
  Rounding rounding = Rounding::kNearestEven;
  uint8_t trap_mask = 0;
  uint8_t flags = 0;
  bool incremented = false;
};

// --- Classification -------------------------------------------------------------------------------------
inline bool IsNaN(const Format& f, u128 x) { return (x & ~f.sign_bit()) > f.inf(); }
inline bool IsSNaN(const Format& f, u128 x) { return IsNaN(f, x) && !(x & f.quiet_bit()); }
inline bool IsInf(const Format& f, u128 x) { return (x & ~f.sign_bit()) == f.inf(); }
inline bool IsZero(const Format& f, u128 x) { return (x & ~f.sign_bit()) == 0; }
inline bool IsNegative(const Format& f, u128 x) { return (x & f.sign_bit()) != 0; }
inline bool IsSubnormal(const Format& f, u128 x) {
  return !IsZero(f, x) && ((x >> (f.precision - 1)) & ((1u << f.exp_bits) - 1)) == 0;
}
// CC of load-and-test style results: 0 zero, 1 negative, 2 positive, 3 NaN.
inline uint8_t ResultCc(const Format& f, u128 x) {
  if (IsNaN(f, x)) return 3;
  if (IsZero(f, x)) return 0;
  return IsNegative(f, x) ? 1 : 2;
}
// The 12-bit data-class mask bit of TEST DATA CLASS (bit 52 of the address = +zero ... bit 63 = -SNaN).
uint16_t DataClassBit(const Format& f, u128 x);

// --- Arithmetic -----------------------------------------------------------------------------------------
u128 Add(const Format& f, u128 a, u128 b, Env& env);
u128 Sub(const Format& f, u128 a, u128 b, Env& env);
u128 Mul(const Format& f, u128 a, u128 b, Env& env);
u128 Div(const Format& f, u128 a, u128 b, Env& env);
u128 Sqrt(const Format& f, u128 a, Env& env);
// a * b + c with one rounding; NaN precedence a, b, c (MULTIPLY AND ADD: third, second, first operand).
u128 MulAdd(const Format& f, u128 a, u128 b, u128 c, Env& env);
// The same for `f` operands with the result rounded once into `out` (DIVIDE TO INTEGER computes its
// remainder from extended-format operands whose quotient exceeds the short and long exponent range).
u128 MulAddTo(const Format& f, const Format& out, u128 a, u128 b, u128 c, Env& env);
// The product of two `from` values in the wider format `to`, rounded once (MDEBR, MXDBR).
u128 MulWiden(const Format& from, const Format& to, u128 a, u128 b, Env& env);

// 0 equal, 1 a low, 2 a high, 3 unordered. Invalid for an SNaN (or, when `signaling`, for any NaN).
uint8_t Compare(const Format& f, u128 a, u128 b, bool signaling, Env& env);

// --- Conversions ----------------------------------------------------------------------------------------
// Between formats (lengthening is exact; rounding obeys env.rounding).
u128 Convert(const Format& from, const Format& to, u128 a, Env& env);
// Rounds to an integral value in the same format (LOAD FP INTEGER).
u128 RoundToIntegral(const Format& f, u128 a, Env& env);
// From a signed or unsigned 64-bit integer.
u128 FromInt(const Format& f, bool negative, uint64_t magnitude, Env& env);
inline u128 FromSigned(const Format& f, int64_t v, Env& env) {
  return FromInt(f, v < 0, v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v), env);
}
// To a `bits`-wide (32 or 64) signed or unsigned integer, rounded by env.rounding. A NaN or a value
// out of range is an IEEE-invalid operation (an infinity or out-of-range number with inexact) and gives
// the most negative / most positive / zero result of the PoP's table; `*special` reports it.
uint64_t ToInt(const Format& f, u128 a, int bits, bool is_signed, Env& env, bool* special);

}  // namespace s390vmm::interp::bfp

#endif  // S390VMM_CPU_INTERP_BFP_SOFT_H_
