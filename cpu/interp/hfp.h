// File: cpu/interp/hfp.h
//
// Internal to the hexadecimal-floating-point family (hfp.cc, hfp_convert.cc): HFP numbers unpacked from
// and packed into the FPRs, and the arithmetic core of PoP chapter "Hexadecimal-Floating-Point
// Instructions":
//
//   - A number is a sign, a 7-bit characteristic (excess-64 power of 16) and a fraction of 6 (short),
//     14 (long) or 28 (extended) hexadecimal digits; extended numbers span a register pair, the low-order
//     part carrying the sign and a characteristic 14 less (modulo 128), which are ignored on input.
//   - Results are truncated (except the explicitly rounding instructions). Addition keeps one guard
//     digit; normalized results are shifted left until the leftmost digit is nonzero.
//   - Exponent overflow (characteristic > 127) always interrupts, with the characteristic wrapped
//     (128 less) in the stored result. Exponent underflow (< 0) interrupts only when PSW bit 22 is one
//     (characteristic 128 more in the result), otherwise the result is a true zero. A zero result
//     fraction of an addition is a significance exception when PSW bit 23 is one (the characteristic of
//     the intermediate result is kept), otherwise a true zero. These interruptions complete the
//     instruction: handlers store the result and set the CC first (Finish).
//   - A zero divisor fraction is an HFP-divide exception and a negative nonzero square-root operand a
//     square-root exception; both suppress the instruction.
//
// Intermediate values keep the characteristic as a plain int (it may leave 0..127 before the checks) and
// the fraction as an integer of `digits` digits: value = frac / 16^digits * 16^(ch - 64).
#ifndef S390VMM_CPU_INTERP_HFP_H_
#define S390VMM_CPU_INTERP_HFP_H_

#include <cstdint>

#include "cpu/interp/bfp_common.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp::hfp {

using u128 = unsigned __int128;

inline constexpr int kShortDigits = 6;
inline constexpr int kLongDigits = 14;
inline constexpr int kExtendedDigits = 28;

struct Hfp {
  bool neg = false;
  int ch = 0;
  u128 frac = 0;
};

inline constexpr u128 DigitsLimit(int digits) { return u128{1} << (4 * digits); }  // 16^digits

// --- Registers ------------------------------------------------------------------------------------------
// With the AFP-register control off only FPRs 0, 2, 4 and 6 may be named (data exception, DXC 1).
using bfp::CheckAfpRegisters;
using bfp::RequirePair;

inline Hfp FromShort(uint32_t v) { return Hfp{(v >> 31) != 0, static_cast<int>((v >> 24) & 0x7f), v & 0xffffff}; }
inline Hfp FromLong(uint64_t v) {
  return Hfp{(v >> 63) != 0, static_cast<int>((v >> 56) & 0x7f), v & 0x00ffffffffffffffull};
}
inline uint32_t ToShort(const Hfp& x) {
  return (x.neg ? 0x80000000u : 0) | static_cast<uint32_t>(x.ch & 0x7f) << 24 | static_cast<uint32_t>(x.frac);
}
inline uint64_t ToLong(const Hfp& x) {
  return (x.neg ? uint64_t{1} << 63 : 0) | static_cast<uint64_t>(x.ch & 0x7f) << 56 | static_cast<uint64_t>(x.frac);
}

inline Hfp GetShort(const ExecContext& cpu, int r) { return FromShort(static_cast<uint32_t>(cpu.s.fpr(r) >> 32)); }
inline void SetShort(ExecContext& cpu, int r, const Hfp& x) {
  cpu.s.set_fpr(r, (cpu.s.fpr(r) & 0xffffffffull) | uint64_t{ToShort(x)} << 32);
}
inline Hfp GetLong(const ExecContext& cpu, int r) { return FromLong(cpu.s.fpr(r)); }
inline void SetLong(ExecContext& cpu, int r, const Hfp& x) { cpu.s.set_fpr(r, ToLong(x)); }
inline Hfp GetExtended(const ExecContext& cpu, int r) {
  const uint64_t hi = cpu.s.fpr(r);
  const uint64_t lo = cpu.s.fpr(r + 2);
  return Hfp{(hi >> 63) != 0, static_cast<int>((hi >> 56) & 0x7f),
             u128{hi & 0x00ffffffffffffffull} << 56 | (lo & 0x00ffffffffffffffull)};
}
// The low-order part gets the sign and, unless both parts are zero, the characteristic minus 14.
inline void SetExtended(ExecContext& cpu, int r, const Hfp& x) {
  const uint64_t sign = x.neg ? uint64_t{1} << 63 : 0;
  const uint64_t hi = sign | static_cast<uint64_t>(x.ch & 0x7f) << 56 | static_cast<uint64_t>(x.frac >> 56);
  uint64_t lo = sign | (static_cast<uint64_t>(x.frac) & 0x00ffffffffffffffull);
  if (hi | lo) lo |= static_cast<uint64_t>((x.ch - 14) & 0x7f) << 56;
  cpu.s.set_fpr(r, hi);
  cpu.s.set_fpr(r + 2, lo);
}

// --- Exceptions -------------------------------------------------------------------------------------------
// The program interruption (if any) an operation leaves for Finish().
enum class Pending : uint8_t { kNone, kOverflow, kUnderflow, kSignificance };

inline bool UnderflowMasked(const ExecContext& cpu) { return cpu.s.psw.program_mask() & kMaskHfpUnderflow; }
inline bool SignificanceMasked(const ExecContext& cpu) { return cpu.s.psw.program_mask() & kMaskHfpSignificance; }

// Checks the characteristic of a nonzero result: overflow wraps it and interrupts; underflow wraps it and
// interrupts when enabled, else the result becomes a true zero.
inline Pending CheckRange(const ExecContext& cpu, Hfp& x) {
  if (x.ch > 127) {
    x.ch &= 0x7f;
    return Pending::kOverflow;
  }
  if (x.ch < 0) {
    if (UnderflowMasked(cpu)) {
      x.ch &= 0x7f;
      return Pending::kUnderflow;
    }
    x = Hfp{};
  }
  return Pending::kNone;
}

// A zero result fraction of an addition (significance): a true zero, or with the significance mask on a
// zero fraction with the intermediate characteristic and a significance exception.
inline Pending Significance(const ExecContext& cpu, Hfp& x, bool allowed = true) {
  x.neg = false;
  x.frac = 0;
  if (allowed && SignificanceMasked(cpu)) return Pending::kSignificance;
  x.ch = 0;
  return Pending::kNone;
}

// After the result is stored and the CC set: the completing interruption, if one is pending.
inline void Finish(Pending p) {
  switch (p) {
    case Pending::kNone: return;
    case Pending::kOverflow: RaiseProgramInterrupt(ProgramInterruptCode::kHfpExponentOverflow);
    case Pending::kUnderflow: RaiseProgramInterrupt(ProgramInterruptCode::kHfpExponentUnderflow);
    case Pending::kSignificance: RaiseProgramInterrupt(ProgramInterruptCode::kHfpSignificance);
  }
}

// CC 0 zero fraction, 1 negative, 2 positive.
inline uint8_t ResultCc(const Hfp& x) { return x.frac == 0 ? 0 : (x.neg ? 1 : 2); }

// --- Core operations (hfp.cc) ----------------------------------------------------------------------------
// Shifts a nonzero fraction of `digits` digits left until its leftmost digit is nonzero; a zero fraction
// becomes a true zero.
void Normalize(Hfp& x, int digits);
// a + b (subtraction: b with the sign inverted) with one guard digit; `normalize` for the normalized
// instructions, `significance` whether a zero result may be a significance exception.
Pending Add(const ExecContext& cpu, Hfp a, Hfp b, int digits, bool normalize, bool significance, Hfp* out);
// CC of the comparison a : b (the subtraction's rules, no exceptions).
uint8_t Compare(Hfp a, Hfp b, int digits);
// The product of normalized operands of `da` and `db` digits, truncated to `dout` digits; `check_range`
// false for the intermediate product of MULTIPLY AND ADD.
Pending Multiply(const ExecContext& cpu, Hfp a, int da, Hfp b, int db, int dout, Hfp* out, bool check_range = true);
// a / b, both of `digits` digits (raises the HFP-divide exception for a zero divisor).
Pending Divide(const ExecContext& cpu, Hfp a, Hfp b, int digits, Hfp* out);
// Normalizes an intermediate value of digits + 1 digits (one guard digit) and truncates the guard digit.
Pending NormalizeWithGuard(const ExecContext& cpu, Hfp x, int digits, Hfp* out);

// Registration of hfp_convert.cc.
void RegisterHfpConvert(HandlerTable& table);

}  // namespace s390vmm::interp::hfp

#endif  // S390VMM_CPU_INTERP_HFP_H_
