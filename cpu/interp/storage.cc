// Instruction family: storage-to-storage character instructions with an encoded length (SS formats,
// L+1 = 1..256 bytes), MOVE PAGE, and the character compares: MVC, MVCIN, MVCRL, MVZ, MVN, MVO, MVPG,
// CLC, NC, OC, XC, CLI, CLIY, CLM, CLMY, CLMH, TR, TRT, TRTR, PKA, PKU, UNPKA, UNPKU.
//
// Each handler resolves every operand to host memory (checking every page it will touch) before it
// stores anything, so an access exception leaves storage and the CC unchanged. When operands overlap,
// results are those of processing one byte at a time (PoP "MOVE (CHARACTER)": "as if the operands were
// processed one byte at a time"); MVC with the destination one byte right of the source propagates a
// byte, which Linux uses to fill storage. The common cases (no destructive overlap, one page) take
// memmove/memset/memcmp fast paths.
#include <cstring>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using storage::AccessOperand;
using storage::AccessUpdate;
using storage::ForEachRun;
using storage::HostOperand;

// Whether [addr, addr+len) stays in one page (then one Access covers it).
inline bool InOnePage(uint64_t addr, uint32_t len) { return (addr & storage::kPageOffsetMask) + len <= kPageSize; }

inline bool Disjoint(const uint8_t* a, const uint8_t* b, size_t n) {
  const uintptr_t x = reinterpret_cast<uintptr_t>(a);
  const uintptr_t y = reinterpret_cast<uintptr_t>(b);
  return x + n <= y || y + n <= x;
}

// d[i] = s[i] for i = 0..n-1 in ascending order, with the results that loop gives on overlap.
inline void MoveForward(uint8_t* d, const uint8_t* s, size_t n) {
  const uintptr_t du = reinterpret_cast<uintptr_t>(d);
  const uintptr_t su = reinterpret_cast<uintptr_t>(s);
  if (du <= su || du >= su + n) {  // no source byte is read after it was stored into
    std::memmove(d, s, n);
    return;
  }
  // d = s + k with 0 < k < n: the first k source bytes repeat through the destination.
  const size_t k = du - su;
  if (k == 1) {
    std::memset(d, *s, n);
    return;
  }
  std::memcpy(d, s, k);  // [s, s+k) ends where d starts
  size_t done = k;
  while (done < n) {
    const size_t c = std::min(done, n - done);
    std::memcpy(d + done, d, c);  // a whole number of periods; [d, d+c) and [d+done, ...) are disjoint
    done += c;
  }
}

// d[i] = op(d[i], s[i]) in ascending order; returns the OR of all results (for the CC of NC/OC/XC).
template <typename Op>
inline uint8_t CombineDisjoint(uint8_t* __restrict d, const uint8_t* __restrict s, size_t n, Op op) {
  uint8_t acc = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t r = op(d[i], s[i]);
    d[i] = r;
    acc |= r;
  }
  return acc;
}
template <typename Op>
inline uint8_t Combine(uint8_t* d, const uint8_t* s, size_t n, Op op) {
  if (Disjoint(d, s, n)) return CombineDisjoint(d, s, n, op);
  uint8_t acc = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t r = op(d[i], s[i]);
    d[i] = r;
    acc |= r;
  }
  return acc;
}

struct AndOp {
  uint8_t operator()(uint8_t a, uint8_t b) const { return a & b; }
};
struct OrOp {
  uint8_t operator()(uint8_t a, uint8_t b) const { return a | b; }
};
struct XorOp {
  uint8_t operator()(uint8_t a, uint8_t b) const { return a ^ b; }
};
struct ZoneOp {  // MVZ: zones (left digits) from the source, numerics kept
  uint8_t operator()(uint8_t d, uint8_t s) const { return (s & 0xf0) | (d & 0x0f); }
};
struct NumericOp {  // MVN: numerics (right digits) from the source, zones kept
  uint8_t operator()(uint8_t d, uint8_t s) const { return (d & 0xf0) | (s & 0x0f); }
};

inline uint32_t SsLength(const Insn& insn) { return static_cast<uint32_t>(insn.ops.l1) + 1; }

// --- Moves ----------------------------------------------------------------------------------------------

// MVC D1(L,B1),D2(B2): the hottest SS instruction (memcpy, memset by propagation, structure copies).
void ExecMvc(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  if (ABSL_PREDICT_TRUE(InOnePage(a1, len) && InOnePage(a2, len))) {
    const uint8_t* s = cpu.Access(a2, len, AccessType::kFetch);
    uint8_t* d = cpu.Access(a1, len, AccessType::kStore);
    MoveForward(d, s, len);
    return;
  }
  const HostOperand src = AccessOperand(cpu, a2, len, AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, a1, len, AccessType::kStore);
  ForEachRun(dst, src, [](uint8_t* d, uint8_t* s, uint32_t n) { MoveForward(d, s, n); });
}

// MVCIN D1(L,B1),D2(B2): the second-operand address designates the RIGHTMOST source byte; bytes are
// stored in reverse order. (PoP: results are unpredictable when the operands overlap, so the source is
// read completely first.)
void ExecMvcin(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t src_start = cpu.Wrap(AddrB2(cpu, insn) - (len - 1));
  const HostOperand src = AccessOperand(cpu, src_start, len, AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, a1, len, AccessType::kStore);
  uint8_t buf[256];
  for (uint32_t i = 0; i < len; ++i) buf[i] = src[len - 1 - i];
  for (uint32_t i = 0; i < len; ++i) dst[i] = buf[i];
}

// MVCRL D1(B1),D2(B2) (miscellaneous-instruction-extensions 3): like MVC but the length code is in bits
// 56-63 of general register 0 and bytes are processed right to left.
void ExecMvcrl(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = static_cast<uint32_t>(cpu.s.gr[0] & 0xff) + 1;
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  const HostOperand src = AccessOperand(cpu, a2, len, AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, a1, len, AccessType::kStore);
  for (uint32_t i = len; i-- > 0;) dst[i] = src[i];
}

template <typename Op>
void MoveDigits(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  const HostOperand src = AccessOperand(cpu, a2, len, AccessType::kFetch);
  const HostOperand dst = AccessUpdate(cpu, a1, len);
  ForEachRun(dst, src, [](uint8_t* d, uint8_t* s, uint32_t n) { Combine(d, s, n, Op()); });
}
void ExecMvz(ExecContext& cpu, const Insn& insn) { MoveDigits<ZoneOp>(cpu, insn); }
void ExecMvn(ExecContext& cpu, const Insn& insn) { MoveDigits<NumericOp>(cpu, insn); }

// MVO D1(L1,B1),D2(L2,B2): the second operand shifted left by one digit into the first operand, whose
// rightmost digit (the sign) is kept; processed right to left, the source padded with zero digits.
void ExecMvo(ExecContext& cpu, const Insn& insn) {
  const uint32_t len1 = static_cast<uint32_t>(insn.ops.l1) + 1;
  const uint32_t len2 = static_cast<uint32_t>(insn.ops.l2) + 1;
  const HostOperand src = AccessOperand(cpu, AddrB2(cpu, insn), len2, AccessType::kFetch);
  const HostOperand dst = AccessUpdate(cpu, AddrB1(cpu, insn), len1);
  int j = static_cast<int>(len2) - 1;
  uint8_t sbyte = src[j--];
  dst[len1 - 1] = static_cast<uint8_t>((dst[len1 - 1] & 0x0f) | (sbyte << 4));
  for (int i = static_cast<int>(len1) - 2; i >= 0; --i) {
    const uint8_t right = sbyte >> 4;
    sbyte = j >= 0 ? src[j--] : 0;
    dst[i] = static_cast<uint8_t>((sbyte << 4) | right);
  }
}

// MVPG R1,R2: moves the 4 KiB page at R2 to the page at R1 (the low 12 address bits are ignored). GR0:
// bits 48-51 must be zeros and at most one of F (bit 52, destination key) and S (bit 53, source key) may
// be one; CCO (bit 55) turns translation exceptions into CC 1 (destination page not available) or CC 2
// (source page not available). s390vmm accesses both pages with the PSW key: the key in GR0 bits 56-59
// is only checked against the PSW-key mask in the problem state.
bool IsTranslationException(ProgramInterruptCode code) {
  switch (code) {
    case ProgramInterruptCode::kPageTranslation:
    case ProgramInterruptCode::kSegmentTranslation:
    case ProgramInterruptCode::kRegionFirstTranslation:
    case ProgramInterruptCode::kRegionSecondTranslation:
    case ProgramInterruptCode::kRegionThirdTranslation:
      return true;
    default:
      return false;
  }
}

void ExecMvpg(ExecContext& cpu, const Insn& insn) {
  const uint64_t r0 = cpu.s.gr[0];
  const bool dest_key = r0 & 0x800;
  const bool source_key = r0 & 0x400;
  const bool cco = r0 & 0x100;
  if ((r0 & 0xf000) || (dest_key && source_key)) SpecificationException();
  if ((dest_key || source_key) && cpu.s.psw.problem_state()) {
    const uint8_t key = (r0 >> 4) & 0xf;
    const uint16_t psw_key_mask = static_cast<uint16_t>(cpu.s.cr[3] >> 16);
    if (!(psw_key_mask & (0x8000 >> key))) PrivilegedOperation();
  }
  const uint64_t dst = cpu.Wrap(cpu.s.gr[insn.ops.r1]) & ~storage::kPageOffsetMask;
  const uint64_t src = cpu.Wrap(cpu.s.gr[insn.ops.r2]) & ~storage::kPageOffsetMask;
  const uint8_t* s;
  uint8_t* d;
  try {
    s = cpu.Access(src, kPageSize, AccessType::kFetch);
  } catch (const ProgramException& e) {
    if (!cco || !IsTranslationException(e.code)) throw;
    cpu.SetCc(2);
    return;
  }
  try {
    d = cpu.Access(dst, kPageSize, AccessType::kStore);
  } catch (const ProgramException& e) {
    if (!cco || !IsTranslationException(e.code)) throw;
    cpu.SetCc(1);
    return;
  }
  std::memmove(d, s, kPageSize);
  cpu.SetCc(0);
}

// --- Logical operations on storage ------------------------------------------------------------------

template <typename Op>
void LogicalCharacter(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  uint8_t acc = 0;
  if (ABSL_PREDICT_TRUE(InOnePage(a1, len) && InOnePage(a2, len))) {
    const uint8_t* s = cpu.Access(a2, len, AccessType::kFetch);
    cpu.Access(a1, len, AccessType::kFetch);
    uint8_t* d = cpu.Access(a1, len, AccessType::kStore);
    acc = Combine(d, s, len, Op());
  } else {
    const HostOperand src = AccessOperand(cpu, a2, len, AccessType::kFetch);
    const HostOperand dst = AccessUpdate(cpu, a1, len);
    ForEachRun(dst, src, [&acc](uint8_t* d, uint8_t* s, uint32_t n) { acc |= Combine(d, s, n, Op()); });
  }
  cpu.SetCc(acc != 0);
}

void ExecNc(ExecContext& cpu, const Insn& insn) { LogicalCharacter<AndOp>(cpu, insn); }
void ExecOc(ExecContext& cpu, const Insn& insn) { LogicalCharacter<OrOp>(cpu, insn); }

// XC: `XC D(L,B),D(B)` with both operands at one address is the idiomatic way to clear storage.
void ExecXc(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  if (a1 == a2) {
    const HostOperand dst = AccessUpdate(cpu, a1, len);
    std::memset(dst.p0, 0, dst.n0);
    if (dst.p1 != nullptr) std::memset(dst.p1, 0, len - dst.n0);
    cpu.SetCc(0);
    return;
  }
  LogicalCharacter<XorOp>(cpu, insn);
}

// --- Compares ------------------------------------------------------------------------------------------

inline uint8_t CcFromMemcmp(int r) { return r == 0 ? 0 : (r < 0 ? 1 : 2); }

// CLC D1(L,B1),D2(B2): unsigned byte comparison, CC 0 equal, 1 first operand low, 2 high.
void ExecClc(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  if (ABSL_PREDICT_TRUE(InOnePage(a1, len) && InOnePage(a2, len))) {
    const uint8_t* p1 = cpu.Access(a1, len, AccessType::kFetch);
    const uint8_t* p2 = cpu.Access(a2, len, AccessType::kFetch);
    cpu.SetCc(CcFromMemcmp(std::memcmp(p1, p2, len)));
    return;
  }
  const HostOperand op1 = AccessOperand(cpu, a1, len, AccessType::kFetch);
  const HostOperand op2 = AccessOperand(cpu, a2, len, AccessType::kFetch);
  int r = 0;
  ForEachRun(op1, op2, [&r](uint8_t* x, uint8_t* y, uint32_t n) {
    if (r == 0) r = std::memcmp(x, y, n);
  });
  cpu.SetCc(CcFromMemcmp(r));
}

// CLI/CLIY D1(B1),I2: the storage byte is the first operand.
void ExecCli(ExecContext& cpu, const Insn& insn) {
  const uint8_t b = cpu.Load<uint8_t>(AddrB1(cpu, insn));
  cpu.SetCc(CcCompare<uint8_t>(b, static_cast<uint8_t>(insn.ops.i2)));
}

// CLM/CLMY/CLMH R1,M3,D2(B2): the bytes of a register word selected by the mask, left to right, are
// compared with as many contiguous storage bytes.
inline void CompareUnderMask(ExecContext& cpu, const Insn& insn, uint32_t word) {
  const uint8_t mask = insn.ops.m3 & 0xf;
  const uint64_t a2 = AddrB2(cpu, insn);
  if (mask == 0) {
    // No bytes compared: CC 0. Access exceptions may be recognized for one byte (as QEMU does).
    cpu.Access(a2, 1, AccessType::kFetch);
    cpu.SetCc(0);
    return;
  }
  const int n = __builtin_popcount(mask);
  uint8_t mem[4];
  cpu.ReadBytes(a2, mem, n);
  uint32_t reg_value = 0;
  uint32_t mem_value = 0;
  int k = 0;
  for (int bit = 0; bit < 4; ++bit) {
    if (mask & (8 >> bit)) {
      reg_value = reg_value << 8 | ((word >> (24 - 8 * bit)) & 0xff);
      mem_value = mem_value << 8 | mem[k++];
    }
  }
  cpu.SetCc(CcCompare(reg_value, mem_value));
}
void ExecClm(ExecContext& cpu, const Insn& insn) { CompareUnderMask(cpu, insn, cpu.s.gr_low(insn.ops.r1)); }
void ExecClmh(ExecContext& cpu, const Insn& insn) { CompareUnderMask(cpu, insn, cpu.s.gr_high(insn.ops.r1)); }

// --- Translation ---------------------------------------------------------------------------------------

// TR D1(L,B1),D2(B2): each first-operand byte is replaced by the table byte it indexes. Access exceptions
// are recognized only for the table bytes actually used (PoP "TRANSLATE"), so the table range is derived
// from the smallest and largest argument byte before anything is stored. On overlap each result byte is
// stored before the next function byte is fetched, which reading the table live here reproduces.
void ExecTr(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a2 = AddrB2(cpu, insn);
  const HostOperand op1 = AccessUpdate(cpu, AddrB1(cpu, insn), len);
  uint8_t lo = 0xff;
  uint8_t hi = 0;
  for (uint32_t i = 0; i < len; ++i) {
    const uint8_t b = op1[i];
    lo = std::min(lo, b);
    hi = std::max(hi, b);
  }
  const HostOperand table = AccessOperand(cpu, cpu.Wrap(a2 + lo), hi - lo + 1u, AccessType::kFetch);
  if (op1.contiguous() && table.contiguous()) {
    uint8_t* p = op1.p0;
    const uint8_t* t = table.p0 - lo;  // t[b] for lo <= b <= hi only
    for (uint32_t i = 0; i < len; ++i) p[i] = t[p[i]];
    return;
  }
  for (uint32_t i = 0; i < len; ++i) {
    uint8_t& b = op1[i];
    b = table[b - lo];
  }
}

// GR1 receives the address of the argument byte (PoP "TRANSLATE AND TEST"): bits 40-63 in the 24-bit
// mode (32-39 unchanged), bits 33-63 in the 31-bit mode with bit 32 set to zero (TRT) or left unchanged
// (TRTR), bits 0-63 in the 64-bit mode.
inline void SetTestAddress(ExecContext& cpu, uint64_t addr, bool keep_bit32) {
  uint64_t& gr1 = cpu.s.gr[1];
  switch (cpu.AddressMask()) {
    case 0xffffff: gr1 = (gr1 & ~uint64_t{0xffffff}) | (addr & 0xffffff); break;
    case 0x7fffffff:
      gr1 = (gr1 & ~uint64_t{keep_bit32 ? 0x7fffffffu : 0xffffffffu}) | (addr & 0x7fffffff);
      break;
    default: gr1 = addr; break;
  }
}

// TRT / TRTR: the first nonzero function byte selected by a first-operand byte ends the operation: GR1
// gets the argument's address, bits 56-63 of GR2 the function byte; CC 1, or 2 when it was the last
// byte processed; CC 0 (registers unchanged) when all function bytes are zero. Nothing is stored, so
// function bytes are fetched one at a time and only those used are accessed.
template <bool kReverse>
void TranslateAndTest(ExecContext& cpu, const Insn& insn) {
  const uint32_t len = SsLength(insn);
  const uint64_t a1 = AddrB1(cpu, insn);  // TRTR: the rightmost byte
  const uint64_t a2 = AddrB2(cpu, insn);
  const uint64_t start = kReverse ? cpu.Wrap(a1 - (len - 1)) : a1;
  const HostOperand op1 = AccessOperand(cpu, start, len, AccessType::kFetch);
  for (uint32_t n = 0; n < len; ++n) {
    const uint32_t i = kReverse ? len - 1 - n : n;
    const uint8_t function = cpu.Load<uint8_t>(cpu.Wrap(a2 + op1[i]));
    if (function != 0) {
      SetTestAddress(cpu, cpu.Wrap(start + i), kReverse);
      cpu.s.gr[2] = (cpu.s.gr[2] & ~uint64_t{0xff}) | function;
      cpu.SetCc(n == len - 1 ? 2 : 1);
      return;
    }
  }
  cpu.SetCc(0);
}
void ExecTrt(ExecContext& cpu, const Insn& insn) { TranslateAndTest<false>(cpu, insn); }
void ExecTrtr(ExecContext& cpu, const Insn& insn) { TranslateAndTest<true>(cpu, insn); }

// --- ASCII / Unicode <-> packed decimal -------------------------------------------------------------------

// PKA D1(B1),D2(L2,B2) / PKU: the rightmost four bits of each character of the second operand (1-byte
// ASCII for PKA, 2-byte Unicode for PKU; at most 32 / 64 bytes) become the digits of a 16-byte packed
// decimal number with a plus sign (1100), right-aligned; excess leftmost digits are ignored.
template <uint32_t kCharSize>
void PackCharacters(ExecContext& cpu, const Insn& insn) {
  const uint32_t len2 = static_cast<uint32_t>(insn.ops.l2) + 1;
  if (len2 > 32 * kCharSize || len2 % kCharSize != 0) SpecificationException();
  const HostOperand src = AccessOperand(cpu, AddrB2(cpu, insn), len2, AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, AddrB1(cpu, insn), 16, AccessType::kStore);
  uint8_t nibbles[32] = {};
  nibbles[31] = 0xc;
  int k = 30;
  for (int c = static_cast<int>(len2 / kCharSize) - 1; c >= 0 && k >= 0; --c, --k) {
    nibbles[k] = src[c * kCharSize + kCharSize - 1] & 0xf;
  }
  for (uint32_t i = 0; i < 16; ++i) dst[i] = static_cast<uint8_t>(nibbles[2 * i] << 4 | nibbles[2 * i + 1]);
}
void ExecPka(ExecContext& cpu, const Insn& insn) { PackCharacters<1>(cpu, insn); }
void ExecPku(ExecContext& cpu, const Insn& insn) { PackCharacters<2>(cpu, insn); }

// UNPKA D1(L1,B1),D2(B2) / UNPKU: the 31 digits of a 16-byte packed decimal number become ASCII (0x3d) or
// Unicode (0x003d) characters, right-aligned in the first operand (at most 32 / 64 bytes); a 32nd
// character is a zero digit. Digits are not checked; the sign sets the CC: 0 plus (A, C, E, F),
// 1 minus (B, D), 3 invalid (0-9).
template <uint32_t kCharSize>
void UnpackCharacters(ExecContext& cpu, const Insn& insn) {
  const uint32_t len1 = static_cast<uint32_t>(insn.ops.l1) + 1;
  if (len1 > 32 * kCharSize || len1 % kCharSize != 0) SpecificationException();
  const HostOperand src = AccessOperand(cpu, AddrB2(cpu, insn), 16, AccessType::kFetch);
  const HostOperand dst = AccessOperand(cpu, AddrB1(cpu, insn), len1, AccessType::kStore);
  uint8_t packed[16];
  for (uint32_t i = 0; i < 16; ++i) packed[i] = src[i];
  const int chars = static_cast<int>(len1 / kCharSize);
  for (int c = 0; c < chars; ++c) {
    const int nibble = 30 - c;  // the digit for the c-th character from the right
    uint8_t digit = 0;
    if (nibble >= 0) digit = (nibble & 1) ? (packed[nibble / 2] & 0xf) : (packed[nibble / 2] >> 4);
    const uint32_t pos = (chars - 1 - c) * kCharSize;
    if (kCharSize == 2) dst[pos] = 0;
    dst[pos + kCharSize - 1] = static_cast<uint8_t>(0x30 | digit);
  }
  switch (packed[15] & 0xf) {
    case 0xa: case 0xc: case 0xe: case 0xf: cpu.SetCc(0); break;
    case 0xb: case 0xd: cpu.SetCc(1); break;
    default: cpu.SetCc(3); break;
  }
}
void ExecUnpka(ExecContext& cpu, const Insn& insn) { UnpackCharacters<1>(cpu, insn); }
void ExecUnpku(ExecContext& cpu, const Insn& insn) { UnpackCharacters<2>(cpu, insn); }

}  // namespace

void RegisterStorage(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ExecMvc>(InsnId::kMVC);
  table.Set<&ExecMvcin>(InsnId::kMVCIN);
  table.Set<&ExecMvcrl>(InsnId::kMVCRL);
  table.Set<&ExecMvz>(InsnId::kMVZ);
  table.Set<&ExecMvn>(InsnId::kMVN);
  table.Set<&ExecMvo>(InsnId::kMVO);
  table.Set<&ExecMvpg>(InsnId::kMVPG);
  table.Set<&ExecNc>(InsnId::kNC);
  table.Set<&ExecOc>(InsnId::kOC);
  table.Set<&ExecXc>(InsnId::kXC);
  table.Set<&ExecClc>(InsnId::kCLC);
  table.Set<&ExecCli>(InsnId::kCLI);
  table.Set<&ExecCli>(InsnId::kCLIY);
  table.Set<&ExecClm>(InsnId::kCLM);
  table.Set<&ExecClm>(InsnId::kCLMY);
  table.Set<&ExecClmh>(InsnId::kCLMH);
  table.Set<&ExecTr>(InsnId::kTR);
  table.Set<&ExecTrt>(InsnId::kTRT);
  table.Set<&ExecTrtr>(InsnId::kTRTR);
  table.Set<&ExecPka>(InsnId::kPKA);
  table.Set<&ExecPku>(InsnId::kPKU);
  table.Set<&ExecUnpka>(InsnId::kUNPKA);
  table.Set<&ExecUnpku>(InsnId::kUNPKU);
}

}  // namespace s390vmm::interp
