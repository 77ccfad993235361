// Instruction family: decimal (PoP chapter "Decimal Instructions"): ADD / SUBTRACT / ZERO AND ADD /
// COMPARE / MULTIPLY / DIVIDE DECIMAL, SHIFT AND ROUND DECIMAL, TEST DECIMAL, PACK, UNPACK, EDIT (AND
// MARK), and CONVERT TO BINARY / TO DECIMAL. MVO, PKA, PKU, UNPKA and UNPKU are in storage.cc.
//
// Packed decimal: two digits per byte, the rightmost four bits are the sign (A, C, E, F plus; B, D minus;
// results use C and D). An operand of at most 16 bytes has at most 31 digits, so its value fits an
// unsigned __int128. The arithmetic handlers resolve and fetch every operand, check digits and signs
// (data exception, DXC 0), compute, and only then store: an exception leaves storage unchanged. Operands
// whose rightmost bytes coincide (AP X,X) work because both are read before the result is stored.
// Decimal overflow stores the truncated result, sets CC 3 and, with PSW program-mask bit 21 on, raises
// the decimal-overflow interruption after completing.
#include <cstdint>
#include <cstring>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using storage::AccessOperand;
using storage::AccessUpdate;
using storage::HostOperand;
using u128 = unsigned __int128;
using i128 = __int128;

constexpr uint8_t kPlus = 0xc;
constexpr uint8_t kMinus = 0xd;

inline bool IsMinusSign(uint8_t s) { return s == 0xb || s == 0xd; }

u128 Pow10(int n) {
  u128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// A packed-decimal operand: its magnitude and sign, and whether every digit and the sign are valid.
struct Packed {
  u128 magnitude = 0;
  bool negative = false;
  bool digits_valid = true;
  bool sign_valid = true;
  bool valid() const { return digits_valid && sign_valid; }
};

Packed ReadPacked(const uint8_t* bytes, uint32_t len) {
  Packed p;
  for (uint32_t i = 0; i < len; ++i) {
    const uint8_t hi = bytes[i] >> 4;
    const uint8_t lo = bytes[i] & 0xf;
    if (hi > 9) p.digits_valid = false;
    p.magnitude = p.magnitude * 10 + (hi > 9 ? 0 : hi);
    if (i + 1 < len) {
      if (lo > 9) p.digits_valid = false;
      p.magnitude = p.magnitude * 10 + (lo > 9 ? 0 : lo);
    } else {
      p.sign_valid = lo >= 0xa;
      p.negative = IsMinusSign(lo);
    }
  }
  return p;
}

void CopyIn(const HostOperand& op, uint8_t* out) {
  for (uint32_t i = 0; i < op.len; ++i) out[i] = op[i];
}

// Fetches and validates a packed operand (data exception on an invalid digit or sign).
Packed FetchPacked(const HostOperand& op) {
  uint8_t buf[16];
  CopyIn(op, buf);
  const Packed p = ReadPacked(buf, op.len);
  if (!p.valid()) RaiseDataException(0);
  return p;
}

// The digits of `magnitude` (which must be < 10^(2*len-1)) with the sign, into `len` bytes.
void WritePacked(const HostOperand& op, u128 magnitude, bool negative) {
  const uint32_t len = op.len;
  uint8_t nibbles[32];
  const int n = static_cast<int>(2 * len);
  nibbles[n - 1] = negative ? kMinus : kPlus;
  for (int i = n - 2; i >= 0; --i) {
    nibbles[i] = static_cast<uint8_t>(magnitude % 10);
    magnitude /= 10;
  }
  for (uint32_t i = 0; i < len; ++i) op[i] = static_cast<uint8_t>(nibbles[2 * i] << 4 | nibbles[2 * i + 1]);
}

inline int Digits(uint32_t len) { return static_cast<int>(2 * len - 1); }

// Stores a signed result into op1 with the overflow rules of ADD DECIMAL and friends and sets the CC.
void StoreDecimalResult(ExecContext& cpu, const HostOperand& op1, bool negative, u128 magnitude) {
  const u128 limit = Pow10(Digits(op1.len));
  const bool overflow = magnitude >= limit;
  if (overflow) magnitude %= limit;
  // A zero result is positive unless digits were lost: then it keeps the sign of the true result.
  if (magnitude == 0 && !overflow) negative = false;
  WritePacked(op1, magnitude, negative);
  if (overflow) {
    cpu.SetCc(3);
    if (cpu.s.psw.program_mask() & kMaskDecimalOverflow) RaiseProgramInterrupt(ProgramInterruptCode::kDecimalOverflow);
    return;
  }
  cpu.SetCc(magnitude == 0 ? 0 : (negative ? 1 : 2));
}

inline uint32_t Len1(const Insn& insn) { return static_cast<uint32_t>(insn.ops.l1) + 1; }
inline uint32_t Len2(const Insn& insn) { return static_cast<uint32_t>(insn.ops.l2) + 1; }

// --- AP, SP, ZAP, CP ------------------------------------------------------------------------------------
template <bool kSubtract>
void ExecAddDecimal(ExecContext& cpu, const Insn& insn) {
  const HostOperand op2 = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const HostOperand op1 = AccessUpdate(cpu, AddrB1(cpu, insn), Len1(insn));
  const Packed a = FetchPacked(op1);
  const Packed b = FetchPacked(op2);
  const i128 x = a.negative ? -static_cast<i128>(a.magnitude) : static_cast<i128>(a.magnitude);
  const i128 y = b.negative != kSubtract ? -static_cast<i128>(b.magnitude) : static_cast<i128>(b.magnitude);
  const i128 r = x + y;
  StoreDecimalResult(cpu, op1, r < 0, static_cast<u128>(r < 0 ? -r : r));
}

void ExecZap(ExecContext& cpu, const Insn& insn) {
  const HostOperand op2 = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const HostOperand op1 = AccessOperand(cpu, AddrB1(cpu, insn), Len1(insn), AccessType::kStore);
  const Packed b = FetchPacked(op2);
  StoreDecimalResult(cpu, op1, b.negative, b.magnitude);
}

void ExecCp(ExecContext& cpu, const Insn& insn) {
  const HostOperand op1 = AccessOperand(cpu, AddrB1(cpu, insn), Len1(insn), AccessType::kFetch);
  const HostOperand op2 = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const Packed a = FetchPacked(op1);
  const Packed b = FetchPacked(op2);
  const i128 x = a.negative ? -static_cast<i128>(a.magnitude) : static_cast<i128>(a.magnitude);
  const i128 y = b.negative ? -static_cast<i128>(b.magnitude) : static_cast<i128>(b.magnitude);
  cpu.SetCc(CcCompare(x, y));
}

// --- MP, DP -------------------------------------------------------------------------------------------------
// The second operand is at most 8 bytes and shorter than the first (specification exception).
inline void CheckMulDivLengths(const Insn& insn) {
  if (insn.ops.l2 > 7 || insn.ops.l2 >= insn.ops.l1) SpecificationException();
}

// MP: the multiplicand needs as many leftmost zero bytes as the multiplier has bytes (data exception);
// the product's sign follows the rules of algebra, also for zero. The CC is unchanged.
void ExecMp(ExecContext& cpu, const Insn& insn) {
  CheckMulDivLengths(insn);
  const HostOperand op2 = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const HostOperand op1 = AccessUpdate(cpu, AddrB1(cpu, insn), Len1(insn));
  const Packed a = FetchPacked(op1);
  const Packed b = FetchPacked(op2);
  for (uint32_t i = 0; i < op2.len; ++i) {
    if (op1[i] != 0) RaiseDataException(0);
  }
  WritePacked(op1, a.magnitude * b.magnitude, a.negative != b.negative);
}

// DP: quotient in the leftmost L1-L2 bytes (sign by the rules of algebra), remainder in the rightmost
// L2+1 bytes (sign of the dividend). A zero divisor or a quotient that does not fit is a decimal-divide
// exception, which suppresses the instruction. The CC is unchanged.
void ExecDp(ExecContext& cpu, const Insn& insn) {
  CheckMulDivLengths(insn);
  const HostOperand op2 = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const HostOperand op1 = AccessUpdate(cpu, AddrB1(cpu, insn), Len1(insn));
  const Packed a = FetchPacked(op1);
  const Packed b = FetchPacked(op2);
  const uint32_t qlen = op1.len - op2.len;
  if (b.magnitude == 0) RaiseProgramInterrupt(ProgramInterruptCode::kDecimalDivide);
  const u128 q = a.magnitude / b.magnitude;
  const u128 r = a.magnitude % b.magnitude;
  if (q >= Pow10(Digits(qlen))) RaiseProgramInterrupt(ProgramInterruptCode::kDecimalDivide);
  uint8_t qbytes[16], rbytes[16];
  HostOperand qop{qbytes, nullptr, qlen, qlen};
  HostOperand rop{rbytes, nullptr, op2.len, op2.len};
  WritePacked(qop, q, a.negative != b.negative);
  WritePacked(rop, r, a.negative);
  for (uint32_t i = 0; i < qlen; ++i) op1[i] = qbytes[i];
  for (uint32_t i = 0; i < op2.len; ++i) op1[qlen + i] = rbytes[i];
}

// --- SRP ----------------------------------------------------------------------------------------------------
// SRP D1(L1,B1),D2(B2),I3: op1 shifted by the signed 6-bit amount in bits 58-63 of the second-operand
// address (left: positive; right: negative, rounded by adding I3 to the last digit shifted out).
void ExecSrp(ExecContext& cpu, const Insn& insn) {
  const HostOperand op1 = AccessUpdate(cpu, AddrB1(cpu, insn), Len1(insn));
  const Packed a = FetchPacked(op1);
  int shift = static_cast<int>(AddrB2(cpu, insn) & 0x3f);
  if (shift & 0x20) shift -= 64;
  const int digits = Digits(op1.len);
  u128 m = a.magnitude;
  bool overflow = false;
  if (shift > 0) {
    if (shift >= digits) {
      overflow = m != 0;
      m = 0;
    } else {
      const u128 keep = Pow10(digits - shift);
      overflow = m >= keep;
      m = (m % keep) * Pow10(shift);
    }
  } else if (shift < 0) {
    const uint8_t round = static_cast<uint8_t>(insn.ops.i3);
    if (round > 9) RaiseDataException(0);
    m = (m / Pow10(-shift - 1) + round) / 10;
  }
  // The stored value is already within the field; StoreDecimalResult applies the sign rules.
  if (overflow) {
    WritePacked(op1, m, a.negative);
    cpu.SetCc(3);
    if (cpu.s.psw.program_mask() & kMaskDecimalOverflow) RaiseProgramInterrupt(ProgramInterruptCode::kDecimalOverflow);
    return;
  }
  StoreDecimalResult(cpu, op1, a.negative, m);
}

// --- TP -----------------------------------------------------------------------------------------------------
// TP D1(L1,B1): CC 0 valid, 1 invalid sign, 2 invalid digit, 3 both. No data exception.
void ExecTp(ExecContext& cpu, const Insn& insn) {
  const HostOperand op1 = AccessOperand(cpu, AddrB1(cpu, insn), Len1(insn), AccessType::kFetch);
  uint8_t buf[16];
  CopyIn(op1, buf);
  const Packed p = ReadPacked(buf, op1.len);
  cpu.SetCc(static_cast<uint8_t>((p.sign_valid ? 0 : 1) | (p.digits_valid ? 0 : 2)));
}

// --- PACK, UNPK ------------------------------------------------------------------------------------------------
// Both work right to left one byte at a time, fetching each source byte just before the result byte that
// needs it, so overlapping operands (PACK X,X) give the architected results. Nothing is checked.
void ExecPack(ExecContext& cpu, const Insn& insn) {
  const HostOperand src = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, AddrB1(cpu, insn), Len1(insn), AccessType::kStore);
  int j = static_cast<int>(src.len) - 1;
  const uint8_t last = src[j--];
  dst[dst.len - 1] = static_cast<uint8_t>(last << 4 | last >> 4);
  for (int i = static_cast<int>(dst.len) - 2; i >= 0; --i) {
    const uint8_t lo = j >= 0 ? src[j--] & 0xf : 0;
    const uint8_t hi = j >= 0 ? src[j--] & 0xf : 0;
    dst[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
}

void ExecUnpk(ExecContext& cpu, const Insn& insn) {
  const HostOperand src = AccessOperand(cpu, AddrB2(cpu, insn), Len2(insn), AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, AddrB1(cpu, insn), Len1(insn), AccessType::kStore);
  int j = static_cast<int>(src.len) - 1;
  uint8_t byte = src[j--];
  dst[dst.len - 1] = static_cast<uint8_t>(byte << 4 | byte >> 4);
  bool have_high = false;  // the left digit of `byte` is still to be unpacked
  for (int i = static_cast<int>(dst.len) - 2; i >= 0; --i) {
    uint8_t digit = 0;
    if (have_high) {
      digit = byte >> 4;
      have_high = false;
    } else if (j >= 0) {
      byte = src[j--];
      digit = byte & 0xf;
      have_high = true;
    }
    dst[i] = static_cast<uint8_t>(0xf0 | digit);
  }
}

// --- ED, EDMK -------------------------------------------------------------------------------------------------
// ED D1(L1,B1),D2(B2): the pattern (op1) is replaced by the edited source digits. Pattern characters:
// 0x20 digit selector, 0x21 significance starter, 0x22 field separator, anything else a message
// character; the first pattern byte is the fill character. The result is built first (the source is
// fetched only as far as the pattern consumes it) and stored afterwards. EDMK also sets GR1 to the
// address of the first result digit that turned the significance indicator on.
template <bool kMark>
void ExecEdit(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = static_cast<uint32_t>(insn.ops.l1) + 1;
  const uint64_t addr1 = AddrB1(cpu, insn);
  const uint64_t addr2 = AddrB2(cpu, insn);
  const HostOperand pattern = AccessUpdate(cpu, addr1, len);
  uint8_t out[256];
  const uint8_t fill = pattern[0];
  bool significance = false;
  bool nonzero = false;  // in the current field
  bool mark = false;
  uint64_t mark_addr = 0;
  uint64_t src_index = 0;
  uint8_t src_byte = 0;
  bool right_pending = false;  // the right digit of src_byte is the next digit
  for (uint32_t i = 0; i < len; ++i) {
    const uint8_t p = pattern[i];
    if (p == 0x20 || p == 0x21) {
      uint8_t digit;
      bool left;
      if (right_pending) {
        digit = src_byte & 0xf;
        right_pending = false;
        left = false;
      } else {
        src_byte = cpu.Load<uint8_t>(cpu.Wrap(addr2 + src_index++));
        digit = src_byte >> 4;
        left = true;
      }
      if (digit > 9) RaiseDataException(0);
      if (significance || digit != 0) {
        if (!significance && kMark) {
          mark = true;
          mark_addr = cpu.Wrap(addr1 + i);
        }
        out[i] = static_cast<uint8_t>(0xf0 | digit);
      } else {
        out[i] = fill;
      }
      if (digit != 0) nonzero = true;
      significance = significance || digit != 0 || p == 0x21;
      if (left) {
        const uint8_t right = src_byte & 0xf;
        if (right >= 0xa) {
          if (!IsMinusSign(right)) significance = false;  // a plus sign ends the significance
        } else {
          right_pending = true;
        }
      }
    } else if (p == 0x22) {
      out[i] = fill;
      significance = false;
      nonzero = false;
    } else {
      out[i] = significance ? p : fill;
    }
  }
  for (uint32_t i = 0; i < len; ++i) pattern[i] = out[i];
  if (kMark && mark) {
    const uint64_t mask = cpu.AddressMask();
    cpu.s.gr[1] = mask == ~uint64_t{0} ? mark_addr : (cpu.s.gr[1] & ~mask) | mark_addr;
  }
  cpu.SetCc(!nonzero ? 0 : (significance ? 1 : 2));
}

// --- CVB, CVD ---------------------------------------------------------------------------------------------------
// CVB/CVBY R1,D2(X2,B2): an 8-byte packed operand to a 32-bit signed integer in bits 32-63 of R1. A
// value outside the range is a fixed-point-divide exception after the rightmost 32 bits are stored.
void ExecCvb(ExecContext& cpu, const Insn& insn) {
  const uint64_t v = cpu.Load<uint64_t>(AddrX2(cpu, insn));
  uint8_t buf[8];
  StoreBigEndian<uint64_t>(buf, v);
  const Packed p = ReadPacked(buf, 8);
  if (!p.valid()) RaiseDataException(0);
  const i128 r = p.negative ? -static_cast<i128>(p.magnitude) : static_cast<i128>(p.magnitude);
  cpu.s.set_gr_low(insn.ops.r1, static_cast<uint32_t>(static_cast<uint64_t>(r)));
  if (r > INT32_MAX || r < INT32_MIN) RaiseProgramInterrupt(ProgramInterruptCode::kFixedPointDivide);
}

// CVBG R1,D2(X2,B2): a 16-byte packed operand to a 64-bit signed integer; out of range: fixed-point
// divide, suppressed.
void ExecCvbg(ExecContext& cpu, const Insn& insn) {
  const HostOperand op2 = AccessOperand(cpu, AddrX2(cpu, insn), 16, AccessType::kFetch);
  const Packed p = FetchPacked(op2);
  const i128 r = p.negative ? -static_cast<i128>(p.magnitude) : static_cast<i128>(p.magnitude);
  if (r > INT64_MAX || r < INT64_MIN) RaiseProgramInterrupt(ProgramInterruptCode::kFixedPointDivide);
  cpu.s.gr[insn.ops.r1] = static_cast<uint64_t>(static_cast<int64_t>(r));
}

// CVD/CVDY R1,D2(X2,B2): bits 32-63 of R1 as 8 bytes of packed decimal (sign C or D).
void ExecCvd(ExecContext& cpu, const Insn& insn) {
  const int64_t v = static_cast<int32_t>(cpu.s.gr_low(insn.ops.r1));
  uint8_t buf[8];
  HostOperand op{buf, nullptr, 8, 8};
  WritePacked(op, static_cast<u128>(v < 0 ? -v : v), v < 0);
  cpu.Store<uint64_t>(AddrX2(cpu, insn), LoadBigEndian<uint64_t>(buf));
}

// CVDG R1,D2(X2,B2): all of R1 as 16 bytes of packed decimal.
void ExecCvdg(ExecContext& cpu, const Insn& insn) {
  const int64_t v = static_cast<int64_t>(cpu.s.gr[insn.ops.r1]);
  const HostOperand op = AccessOperand(cpu, AddrX2(cpu, insn), 16, AccessType::kStore);
  const u128 m = v < 0 ? static_cast<u128>(0 - static_cast<uint64_t>(v)) : static_cast<u128>(v);
  WritePacked(op, m, v < 0);
}

}  // namespace

void RegisterDecimal(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ExecAddDecimal<false>>(InsnId::kAP);
  table.Set<&ExecAddDecimal<true>>(InsnId::kSP);
  table.Set<&ExecZap>(InsnId::kZAP);
  table.Set<&ExecCp>(InsnId::kCP);
  table.Set<&ExecMp>(InsnId::kMP);
  table.Set<&ExecDp>(InsnId::kDP);
  table.Set<&ExecSrp>(InsnId::kSRP);
  table.Set<&ExecTp>(InsnId::kTP);
  table.Set<&ExecPack>(InsnId::kPACK);
  table.Set<&ExecUnpk>(InsnId::kUNPK);
  table.Set<&ExecEdit<false>>(InsnId::kED);
  table.Set<&ExecEdit<true>>(InsnId::kEDMK);
  table.Set<&ExecCvb>(InsnId::kCVB);
  table.Set<&ExecCvb>(InsnId::kCVBY);
  table.Set<&ExecCvbg>(InsnId::kCVBG);
  table.Set<&ExecCvd>(InsnId::kCVD);
  table.Set<&ExecCvd>(InsnId::kCVDY);
  table.Set<&ExecCvdg>(InsnId::kCVDG);
}

}  // namespace s390vmm::interp
