// Instruction family: hexadecimal floating point, continued — the loads that change the format (LOAD
// ROUNDED, LOAD LENGTHENED), LOAD FP INTEGER, CONVERT FROM FIXED / TO FIXED, and the conversions between
// HFP and BFP (CONVERT BFP TO HFP: THDER, THDR; CONVERT HFP TO BFP: TBEDR, TBDR).
//
// Facts: z/Architecture Principles of Operation SA22-7832 chapters 18 and 9 ("CONVERT BFP TO HFP",
// "CONVERT HFP TO BFP"); the Hercules implementation (float.c, ieee.c) read for the same facts. Where the
// two differ from each other or from IEEE practice this file says which it follows.
#include "cpu/interp/hfp.h"

namespace s390vmm::interp::hfp {
namespace {

using isa::InsnId;

// --- LOAD ROUNDED -----------------------------------------------------------------------------------------
// The operand is rounded by adding one in the leftmost bit position dropped, then truncated; a carry out
// of the leftmost digit shifts the fraction right one digit (exponent overflow possible). No normalization.
template <int kIn, int kOut>
Pending Round(const ExecContext& cpu, Hfp x, Hfp* out) {
  constexpr int kShift = 4 * (kIn - kOut);
  x.frac = (x.frac + (u128{1} << (kShift - 1))) >> kShift;
  Pending p = Pending::kNone;
  if (x.frac >= DigitsLimit(kOut)) {
    x.frac >>= 4;
    ++x.ch;
    p = CheckRange(cpu, x);
  }
  *out = x;
  return p;
}

void ExecLEDR(ExecContext& cpu, const Insn& i) {  // long -> short
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  Hfp r;
  const Pending p = Round<kLongDigits, kShortDigits>(cpu, GetLong(cpu, i.ops.r2), &r);
  SetShort(cpu, i.ops.r1, r);
  Finish(p);
}
void ExecLDXR(ExecContext& cpu, const Insn& i) {  // extended -> long
  RequirePair(i.ops.r2);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  Hfp r;
  const Pending p = Round<kExtendedDigits, kLongDigits>(cpu, GetExtended(cpu, i.ops.r2), &r);
  SetLong(cpu, i.ops.r1, r);
  Finish(p);
}
void ExecLEXR(ExecContext& cpu, const Insn& i) {  // extended -> short
  RequirePair(i.ops.r2);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  Hfp r;
  const Pending p = Round<kExtendedDigits, kShortDigits>(cpu, GetExtended(cpu, i.ops.r2), &r);
  SetShort(cpu, i.ops.r1, r);
  Finish(p);
}

// --- LOAD LENGTHENED ----------------------------------------------------------------------------------------
// Zeros are appended; no normalization. To extended: the low-order part gets the sign and the
// characteristic minus 14, and a zero fraction gives a zero with the sign and zero characteristics.
void SetLengthenedExtended(ExecContext& cpu, int r1, uint64_t hi) {
  const uint64_t sign = hi & (uint64_t{1} << 63);
  if (hi & 0x00ffffffffffffffull) {
    cpu.s.set_fpr(r1, hi);
    cpu.s.set_fpr(r1 + 2, sign | (((hi >> 56) - 14) & 0x7f) << 56);
  } else {
    cpu.s.set_fpr(r1, sign);
    cpu.s.set_fpr(r1 + 2, sign);
  }
}

void ExecLDER(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  cpu.s.set_fpr(i.ops.r1, cpu.s.fpr(i.ops.r2) & 0xffffffff00000000ull);
}
void ExecLDE(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1);
  cpu.s.set_fpr(i.ops.r1, uint64_t{cpu.Load<uint32_t>(AddrX2(cpu, i))} << 32);
}
void ExecLXDR(ExecContext& cpu, const Insn& i) {
  RequirePair(i.ops.r1);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  SetLengthenedExtended(cpu, i.ops.r1, cpu.s.fpr(i.ops.r2));
}
void ExecLXD(ExecContext& cpu, const Insn& i) {
  RequirePair(i.ops.r1);
  CheckAfpRegisters(cpu, i.ops.r1);
  SetLengthenedExtended(cpu, i.ops.r1, cpu.Load<uint64_t>(AddrX2(cpu, i)));
}
void ExecLXER(ExecContext& cpu, const Insn& i) {
  RequirePair(i.ops.r1);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  SetLengthenedExtended(cpu, i.ops.r1, cpu.s.fpr(i.ops.r2) & 0xffffffff00000000ull);
}
void ExecLXE(ExecContext& cpu, const Insn& i) {
  RequirePair(i.ops.r1);
  CheckAfpRegisters(cpu, i.ops.r1);
  SetLengthenedExtended(cpu, i.ops.r1, uint64_t{cpu.Load<uint32_t>(AddrX2(cpu, i))} << 32);
}

// --- LOAD FP INTEGER ------------------------------------------------------------------------------------------
// The fraction digits right of the radix point are dropped (truncation toward zero) and the result is
// normalized; a value below one gives a true zero.
template <int kDigits>
Hfp Integer(Hfp x) {
  if (x.ch <= 64) return Hfp{};
  if (x.ch < 64 + kDigits) {
    x.frac >>= 4 * (64 + kDigits - x.ch);
    x.ch = 64 + kDigits;
  }
  Normalize(x, kDigits);
  return x;
}
void ExecFIER(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  SetShort(cpu, i.ops.r1, Integer<kShortDigits>(GetShort(cpu, i.ops.r2)));
}
void ExecFIDR(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  SetLong(cpu, i.ops.r1, Integer<kLongDigits>(GetLong(cpu, i.ops.r2)));
}
void ExecFIXR(ExecContext& cpu, const Insn& i) {
  RequirePair(i.ops.r1);
  RequirePair(i.ops.r2);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  SetExtended(cpu, i.ops.r1, Integer<kExtendedDigits>(GetExtended(cpu, i.ops.r2)));
}

// --- CONVERT FROM FIXED ---------------------------------------------------------------------------------------
// The signed binary integer, normalized; truncated where the format has fewer digits (short from 32 or
// 64 bits, long from 64 bits). Zero gives a true zero. The CC is unchanged.
template <int kDigits>
Hfp FromInteger(int64_t v) {
  Hfp x;
  if (v == 0) return x;
  x.neg = v < 0;
  x.frac = x.neg ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  x.ch = 64 + 16;
  Normalize(x, 16);
  if (kDigits < 16) {
    x.frac >>= 4 * (16 - kDigits);
  } else {
    x.frac <<= 4 * (kDigits - 16);
  }
  return x;
}
template <bool k64>
inline int64_t GrOperand(const ExecContext& cpu, int r) {
  return k64 ? static_cast<int64_t>(cpu.s.gr[r]) : static_cast<int32_t>(cpu.s.gr_low(r));
}
template <bool k64>
void ExecCEFR(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1);
  SetShort(cpu, i.ops.r1, FromInteger<kShortDigits>(GrOperand<k64>(cpu, i.ops.r2)));
}
template <bool k64>
void ExecCDFR(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1);
  SetLong(cpu, i.ops.r1, FromInteger<kLongDigits>(GrOperand<k64>(cpu, i.ops.r2)));
}
template <bool k64>
void ExecCXFR(ExecContext& cpu, const Insn& i) {
  RequirePair(i.ops.r1);
  CheckAfpRegisters(cpu, i.ops.r1);
  SetExtended(cpu, i.ops.r1, FromInteger<kExtendedDigits>(GrOperand<k64>(cpu, i.ops.r2)));
}

// --- CONVERT TO FIXED -----------------------------------------------------------------------------------------
// M3 (PoP "HFP rounding"): 0 and 5 toward zero, 1 to nearest with ties away from zero, 4 to nearest with
// ties to even, 6 toward +infinity, 7 toward -infinity; 2, 3 and 8-15 are a specification exception. CC 0
// zero fraction, 1/2 by the sign of the operand, 3 when the rounded value does not fit (the result is the
// largest number of that sign).
inline void CheckHfpRounding(uint8_t m3) {
  if (m3 == 2 || m3 == 3 || m3 > 7) SpecificationException();
}

template <int kDigits, int kBits>
void ToFixed(ExecContext& cpu, int r1, Hfp x, uint8_t m3) {
  int64_t result = 0;
  uint8_t cc = 0;
  if (x.frac != 0) {
    Normalize(x, kDigits);
    const int k = x.ch - 64;  // integer digits
    const u128 max_pos = (u128{1} << (kBits - 1)) - 1;
    const u128 max_neg = u128{1} << (kBits - 1);
    bool overflow = k > kBits / 4;
    u128 ip = 0;
    if (!overflow) {
      bool above = false, half = false, inexact = false;
      if (k >= kDigits) {
        ip = x.frac << (4 * (k - kDigits));
      } else if (k >= 0) {
        const int s = 4 * (kDigits - k);
        ip = x.frac >> s;
        const u128 rem = x.frac & ((u128{1} << s) - 1);
        const u128 h = u128{1} << (s - 1);
        inexact = rem != 0;
        above = rem > h;
        half = rem == h;
      } else {
        inexact = true;  // below 1/16: less than one half
      }
      bool up = false;
      switch (m3) {
        case 1: up = above || half; break;
        case 4: up = above || (half && (ip & 1)); break;
        case 6: up = inexact && !x.neg; break;
        case 7: up = inexact && x.neg; break;
        default: break;
      }
      if (up) ++ip;
      overflow = ip > (x.neg ? max_neg : max_pos);
    }
    if (overflow) {
      cc = 3;
      result = x.neg ? static_cast<int64_t>(-static_cast<int64_t>(max_neg - 1) - 1) : static_cast<int64_t>(max_pos);
    } else {
      cc = x.neg ? 1 : 2;
      result = static_cast<int64_t>(x.neg ? 0 - static_cast<uint64_t>(ip) : static_cast<uint64_t>(ip));
    }
  }
  if (kBits == 32) {
    cpu.s.set_gr_low(r1, static_cast<uint32_t>(result));
  } else {
    cpu.s.gr[r1] = static_cast<uint64_t>(result);
  }
  cpu.SetCc(cc);
}

template <int kBits>
void ExecCFER(ExecContext& cpu, const Insn& i) {
  CheckHfpRounding(i.ops.m3);
  CheckAfpRegisters(cpu, i.ops.r2);
  ToFixed<kShortDigits, kBits>(cpu, i.ops.r1, GetShort(cpu, i.ops.r2), i.ops.m3);
}
template <int kBits>
void ExecCFDR(ExecContext& cpu, const Insn& i) {
  CheckHfpRounding(i.ops.m3);
  CheckAfpRegisters(cpu, i.ops.r2);
  ToFixed<kLongDigits, kBits>(cpu, i.ops.r1, GetLong(cpu, i.ops.r2), i.ops.m3);
}
template <int kBits>
void ExecCFXR(ExecContext& cpu, const Insn& i) {
  CheckHfpRounding(i.ops.m3);
  RequirePair(i.ops.r2);
  CheckAfpRegisters(cpu, i.ops.r2);
  ToFixed<kExtendedDigits, kBits>(cpu, i.ops.r1, GetExtended(cpu, i.ops.r2), i.ops.m3);
}

// --- CONVERT BFP TO HFP ---------------------------------------------------------------------------------------
// The BFP value exactly in long HFP. CC 0 zero (a zero with the sign), 1/2 by the sign; a value below the
// HFP range gives a zero with the sign and CC 1/2; infinity (and a value above the range) the largest
// magnitude with the sign and CC 3; a NaN the largest positive magnitude and CC 3 (as Hercules does). Short
// BFP subnormals are within the HFP range and convert exactly.
void BfpToHfp(ExecContext& cpu, int r1, bool neg, int biased_exp, uint64_t fraction, int frac_bits, int bias,
              int max_exp) {
  const uint64_t sign = neg ? uint64_t{1} << 63 : 0;
  constexpr uint64_t kMax = 0x7fffffffffffffffull;
  if (biased_exp == max_exp) {
    const bool nan = fraction != 0;
    cpu.s.set_fpr(r1, nan ? kMax : (sign | kMax));
    cpu.SetCc(3);
    return;
  }
  if (biased_exp == 0 && fraction == 0) {
    cpu.s.set_fpr(r1, sign);
    cpu.SetCc(0);
    return;
  }
  // value = m * 2^e2.
  const uint64_t m = biased_exp ? (fraction | uint64_t{1} << frac_bits) : fraction;
  const int e2 = (biased_exp ? biased_exp : 1) - bias - frac_bits;
  const int top = 63 - __builtin_clzll(m) + e2;  // value in [2^top, 2^(top+1))
  const int h = (top >= 0 ? top / 4 : -((-top + 3) / 4)) + 1;  // value in [16^(h-1), 16^h)
  const int s = e2 + 56 - 4 * h;
  const uint64_t f = s >= 0 ? m << s : m >> -s;
  const int ch = h + 64;
  cpu.SetCc(neg ? 1 : 2);
  if (ch < 0) {
    cpu.s.set_fpr(r1, sign);
  } else if (ch > 127) {
    cpu.s.set_fpr(r1, sign | kMax);
    cpu.SetCc(3);
  } else {
    cpu.s.set_fpr(r1, sign | uint64_t(ch) << 56 | f);
  }
}

void ExecTHDER(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  const uint32_t v = static_cast<uint32_t>(cpu.s.fpr(i.ops.r2) >> 32);
  BfpToHfp(cpu, i.ops.r1, v >> 31, (v >> 23) & 0xff, v & 0x7fffff, 23, 127, 255);
}
void ExecTHDR(ExecContext& cpu, const Insn& i) {
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  const uint64_t v = cpu.s.fpr(i.ops.r2);
  BfpToHfp(cpu, i.ops.r1, v >> 63, static_cast<int>((v >> 52) & 0x7ff), v & 0xfffffffffffffull, 52, 1023, 2047);
}

// --- CONVERT HFP TO BFP ---------------------------------------------------------------------------------------
// The long HFP operand rounded to short or long BFP by the M3 method (as for CONVERT TO FIXED; 0 is toward
// zero). CC 0 zero (a zero with the sign), 1/2 by the sign (also when the result underflows to zero),
// 3 when it exceeds the largest BFP number: the result is then infinity if the method rounds away from
// zero in that direction (6 for plus, 7 for minus), else the largest finite number (as Hercules does).
uint64_t HfpToBfp(const Hfp& x, uint8_t m3, int p, int bias, int max_exp, uint8_t* cc) {
  const uint64_t sign_bit = uint64_t{1} << (p + (max_exp == 255 ? 8 : 11) - 1);
  const uint64_t sign = x.neg ? sign_bit : 0;
  if (x.frac == 0) {
    *cc = 0;
    return sign;
  }
  *cc = x.neg ? 1 : 2;
  // value = m * 2^e with m normalized to bit 55.
  uint64_t m = static_cast<uint64_t>(x.frac);
  int e = 4 * (x.ch - 64) - 56;
  const int lead = __builtin_clzll(m) - 8;
  m <<= lead;
  e -= lead;
  int biased = e + 55 + bias;
  int shift = 56 - p;
  if (biased < 1) {
    shift += 1 - biased;
    biased = 0;
  }
  u128 q = 0;
  bool above = false, half = false, inexact = false;
  if (shift >= 100) {
    inexact = true;
  } else {
    q = u128{m} >> shift;
    const u128 rem = u128{m} & ((u128{1} << shift) - 1);
    const u128 h = u128{1} << (shift - 1);
    inexact = rem != 0;
    above = rem > h;
    half = rem == h;
  }
  bool up = false;
  switch (m3) {
    case 1: up = above || half; break;
    case 4: up = above || (half && (q & 1)); break;
    case 6: up = inexact && !x.neg; break;
    case 7: up = inexact && x.neg; break;
    default: break;
  }
  if (up) ++q;
  uint64_t bits = biased > 0 ? (uint64_t(biased - 1) << (p - 1)) + static_cast<uint64_t>(q) : static_cast<uint64_t>(q);
  if ((bits >> (p - 1)) >= static_cast<uint64_t>(max_exp)) {
    *cc = 3;
    const bool to_infinity = (m3 == 6 && !x.neg) || (m3 == 7 && x.neg);
    bits = to_infinity ? uint64_t(max_exp) << (p - 1) : (uint64_t(max_exp) << (p - 1)) - 1;
  }
  return sign | bits;
}

inline void CheckBfpRounding(uint8_t m3) {
  if (m3 == 2 || m3 == 3 || m3 > 7) SpecificationException();
}

void ExecTBEDR(ExecContext& cpu, const Insn& i) {
  CheckBfpRounding(i.ops.m3);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  uint8_t cc;
  const uint64_t v = HfpToBfp(GetLong(cpu, i.ops.r2), i.ops.m3, 24, 127, 255, &cc);
  cpu.s.set_fpr(i.ops.r1, (cpu.s.fpr(i.ops.r1) & 0xffffffffull) | v << 32);
  cpu.SetCc(cc);
}
void ExecTBDR(ExecContext& cpu, const Insn& i) {
  CheckBfpRounding(i.ops.m3);
  CheckAfpRegisters(cpu, i.ops.r1, i.ops.r2);
  uint8_t cc;
  cpu.s.set_fpr(i.ops.r1, HfpToBfp(GetLong(cpu, i.ops.r2), i.ops.m3, 53, 1023, 2047, &cc));
  cpu.SetCc(cc);
}

}  // namespace

void RegisterHfpConvert(HandlerTable& table) {
  table.Set<&ExecLEDR>(InsnId::kLEDR);
  table.Set<&ExecLDXR>(InsnId::kLDXR);
  table.Set<&ExecLEXR>(InsnId::kLEXR);
  table.Set<&ExecLDER>(InsnId::kLDER);
  table.Set<&ExecLDE>(InsnId::kLDE);
  table.Set<&ExecLXDR>(InsnId::kLXDR);
  table.Set<&ExecLXD>(InsnId::kLXD);
  table.Set<&ExecLXER>(InsnId::kLXER);
  table.Set<&ExecLXE>(InsnId::kLXE);
  table.Set<&ExecFIER>(InsnId::kFIER);
  table.Set<&ExecFIDR>(InsnId::kFIDR);
  table.Set<&ExecFIXR>(InsnId::kFIXR);
  table.Set<&ExecCEFR<false>>(InsnId::kCEFR);
  table.Set<&ExecCDFR<false>>(InsnId::kCDFR);
  table.Set<&ExecCXFR<false>>(InsnId::kCXFR);
  table.Set<&ExecCEFR<true>>(InsnId::kCEGR);
  table.Set<&ExecCDFR<true>>(InsnId::kCDGR);
  table.Set<&ExecCXFR<true>>(InsnId::kCXGR);
  table.Set<&ExecCFER<32>>(InsnId::kCFER);
  table.Set<&ExecCFDR<32>>(InsnId::kCFDR);
  table.Set<&ExecCFXR<32>>(InsnId::kCFXR);
  table.Set<&ExecCFER<64>>(InsnId::kCGER);
  table.Set<&ExecCFDR<64>>(InsnId::kCGDR);
  table.Set<&ExecCFXR<64>>(InsnId::kCGXR);
  table.Set<&ExecTHDER>(InsnId::kTHDER);
  table.Set<&ExecTHDR>(InsnId::kTHDR);
  table.Set<&ExecTBEDR>(InsnId::kTBEDR);
  table.Set<&ExecTBDR>(InsnId::kTBDR);
}

}  // namespace s390vmm::interp::hfp
