// Instruction family: long and string operations with addresses and lengths in registers: MVCL, MVCLE,
// MVCLU, CLCL, CLCLE, CLCLU, MVST, CLST, SRST, SRSTU, CUSE, CKSM. (TRE and the two-level translations
// are in translate.cc, the Unicode conversions in unicode.cc.)
//
// These are interruptible instructions (PoP "Interruptible Instructions"). MVCL and CLCL run to
// completion here, page by page. The others stop after a CPU-determined amount (kCpuDeterminedBytes)
// with condition code 3 and the registers updated, and the program branches back to them. When an
// access exception interrupts any of them, the registers are updated to the point of interruption
// (every completed unit of operation stays done) so that the instruction, executed again, resumes
// there: the handlers keep their progress in locals and commit it when an exception passes through.
#include <cstring>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using storage::GetLength;
using storage::kCpuDeterminedBytes;
using storage::PageRemainder;
using storage::SetAddress;
using storage::SetLength;
using storage::WithProgress;

inline uint8_t CcLengths(uint64_t len1, uint64_t len2) { return len1 == len2 ? 0 : (len1 < len2 ? 1 : 2); }

// Index of the first byte where a and b differ, or n.
inline size_t Mismatch(const uint8_t* a, const uint8_t* b, size_t n) {
  if (std::memcmp(a, b, n) == 0) return n;
  size_t i = 0;
  while (a[i] == b[i]) ++i;
  return i;
}
// Index of the first byte of p that is not `pad`, or n.
inline size_t FirstNot(const uint8_t* p, uint8_t pad, size_t n) {
  size_t i = 0;
  while (i < n && p[i] == pad) ++i;
  return i;
}

// --- Move long ---------------------------------------------------------------------------------------------

// The two operands of a long move or compare, as the handler advances them.
struct LongOperands {
  uint64_t addr1;
  uint64_t len1;
  uint64_t addr2;
  uint64_t len2;
};

// Moves (or pads, once the source is exhausted) up to `budget` bytes of the first operand, a page piece
// at a time. Non-destructive overlap only (MVCL checks; MVCLE/MVCLU overlap is unpredictable), so each
// piece is a memmove. `pad_at(remaining)` gives the padding byte for a destination byte when `remaining`
// first-operand bytes are left (MVCLU alternates the bytes of a two-byte pad).
template <typename PadAt>
inline void MoveLong(ExecContext& cpu, LongOperands& o, uint64_t budget, PadAt pad_at) {
  while (o.len1 > 0 && budget > 0) {
    uint64_t n = std::min({o.len1, PageRemainder(o.addr1), budget});
    if (o.len2 > 0) {
      n = std::min({n, o.len2, PageRemainder(o.addr2)});
      const uint8_t* s = cpu.Access(o.addr2, n, AccessType::kFetch);
      uint8_t* d = cpu.Access(o.addr1, n, AccessType::kStore);
      std::memmove(d, s, n);
      o.addr2 = cpu.Wrap(o.addr2 + n);
      o.len2 -= n;
    } else {
      uint8_t* d = cpu.Access(o.addr1, n, AccessType::kStore);
      const uint8_t pad0 = pad_at(o.len1);
      const uint8_t pad1 = pad_at(o.len1 - 1);
      if (pad0 == pad1) {
        std::memset(d, pad0, n);
      } else {
        for (uint64_t i = 0; i < n; ++i) d[i] = (i & 1) ? pad1 : pad0;
      }
    }
    o.addr1 = cpu.Wrap(o.addr1 + n);
    o.len1 -= n;
    budget -= n;
  }
}

// PoP MOVE LONG: destructive overlap when a first-operand byte is stored into a second-operand location
// that is still to be fetched, i.e. the first operand starts to the right of the second within the bytes
// moved (addresses taken modulo the address space, so wraparound counts).
inline bool DestructiveOverlap(const ExecContext& cpu, uint64_t dst, uint64_t src, uint64_t moved) {
  if (moved == 0 || dst == src) return false;
  return cpu.Wrap(dst - src) < moved;
}

// MVCL R1,R2: addresses in R1/R2, 24-bit lengths in bits 40-63 of R1+1/R2+1, padding byte in bits 32-39
// of R2+1. CC 0/1/2 compares the lengths; CC 3 (nothing moved) on destructive overlap.
void ExecMvcl(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  RequireEven(r1);
  RequireEven(r2);
  LongOperands o{cpu.Wrap(cpu.s.gr[r1]), cpu.s.gr[r1 + 1] & 0xffffff, cpu.Wrap(cpu.s.gr[r2]),
                 cpu.s.gr[r2 + 1] & 0xffffff};
  const uint8_t pad = static_cast<uint8_t>(cpu.s.gr[r2 + 1] >> 24);
  auto commit = [&] {
    SetAddress(cpu, r1, o.addr1);
    SetAddress(cpu, r2, o.addr2);
    cpu.s.gr[r1 + 1] = (cpu.s.gr[r1 + 1] & ~uint64_t{0xffffff}) | o.len1;
    cpu.s.gr[r2 + 1] = (cpu.s.gr[r2 + 1] & ~uint64_t{0xffffff}) | o.len2;
  };
  if (DestructiveOverlap(cpu, o.addr1, o.addr2, std::min(o.len1, o.len2))) {
    commit();  // the leftmost address bits are cleared even though nothing is moved
    cpu.SetCc(3);
    return;
  }
  const uint8_t cc = CcLengths(o.len1, o.len2);
  WithProgress([&] { MoveLong(cpu, o, ~uint64_t{0}, [pad](uint64_t) { return pad; }); }, commit);
  commit();
  cpu.SetCc(cc);
}

// MVCLE R1,R3,D2(B2) / MVCLU (2-byte units): lengths per addressing mode in R1+1/R3+1, padding in bits
// 56-63 (MVCLE) or 48-63 (MVCLU) of the second-operand address. CC 3 when the CPU-determined amount was
// moved and bytes remain.
template <int kUnit>
void MoveLongExtended(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r3 = insn.ops.r3;
  RequireEven(r1);
  RequireEven(r3);
  LongOperands o{cpu.Wrap(cpu.s.gr[r1]), GetLength(cpu, r1 + 1), cpu.Wrap(cpu.s.gr[r3]), GetLength(cpu, r3 + 1)};
  if (kUnit == 2 && ((o.len1 | o.len2) & 1)) SpecificationException();
  const uint64_t a2 = AddrB2(cpu, insn);
  const uint8_t pad_hi = kUnit == 2 ? static_cast<uint8_t>(a2 >> 8) : static_cast<uint8_t>(a2);
  const uint8_t pad_lo = static_cast<uint8_t>(a2);
  auto commit = [&] {
    SetAddress(cpu, r1, o.addr1);
    SetLength(cpu, r1 + 1, o.len1);
    SetAddress(cpu, r3, o.addr2);
    SetLength(cpu, r3 + 1, o.len2);
  };
  const uint8_t cc = CcLengths(o.len1, o.len2);
  // The two-byte pad starts with its left byte at an even remaining length.
  auto pad_at = [=](uint64_t remaining) { return (remaining & 1) ? pad_lo : pad_hi; };
  WithProgress([&] { MoveLong(cpu, o, kCpuDeterminedBytes, pad_at); }, commit);
  commit();
  cpu.SetCc(o.len1 > 0 ? 3 : cc);
}
void ExecMvcle(ExecContext& cpu, const Insn& insn) { MoveLongExtended<1>(cpu, insn); }
void ExecMvclu(ExecContext& cpu, const Insn& insn) { MoveLongExtended<2>(cpu, insn); }

// --- Compare long ------------------------------------------------------------------------------------------

// Compares byte operands, the shorter extended with `pad`, until they differ, both are exhausted, or
// `budget` bytes were processed. Returns CC 0/1/2, or 3 when the budget ran out first. On inequality the
// operands designate the unequal bytes.
uint8_t CompareLongBytes(ExecContext& cpu, LongOperands& o, uint8_t pad, uint64_t budget) {
  while (o.len1 > 0 || o.len2 > 0) {
    if (budget == 0) return 3;
    if (o.len1 > 0 && o.len2 > 0) {
      const uint64_t n = std::min({o.len1, o.len2, PageRemainder(o.addr1), PageRemainder(o.addr2), budget});
      const uint8_t* p1 = cpu.Access(o.addr1, n, AccessType::kFetch);
      const uint8_t* p2 = cpu.Access(o.addr2, n, AccessType::kFetch);
      const size_t i = Mismatch(p1, p2, n);
      o.addr1 = cpu.Wrap(o.addr1 + i);
      o.addr2 = cpu.Wrap(o.addr2 + i);
      o.len1 -= i;
      o.len2 -= i;
      if (i < n) return p1[i] < p2[i] ? 1 : 2;
      budget -= n;
    } else if (o.len1 > 0) {
      const uint64_t n = std::min({o.len1, PageRemainder(o.addr1), budget});
      const uint8_t* p1 = cpu.Access(o.addr1, n, AccessType::kFetch);
      const size_t i = FirstNot(p1, pad, n);
      o.addr1 = cpu.Wrap(o.addr1 + i);
      o.len1 -= i;
      if (i < n) return p1[i] < pad ? 1 : 2;
      budget -= n;
    } else {
      const uint64_t n = std::min({o.len2, PageRemainder(o.addr2), budget});
      const uint8_t* p2 = cpu.Access(o.addr2, n, AccessType::kFetch);
      const size_t i = FirstNot(p2, pad, n);
      o.addr2 = cpu.Wrap(o.addr2 + i);
      o.len2 -= i;
      if (i < n) return pad < p2[i] ? 1 : 2;
      budget -= n;
    }
  }
  return 0;
}

// CLCL R1,R2: like MVCL's operands; CC 0 equal (or both lengths zero), 1 first low, 2 first high, with
// R1/R2 (and lengths) designating the first unequal bytes.
void ExecClcl(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  RequireEven(r1);
  RequireEven(r2);
  LongOperands o{cpu.Wrap(cpu.s.gr[r1]), cpu.s.gr[r1 + 1] & 0xffffff, cpu.Wrap(cpu.s.gr[r2]),
                 cpu.s.gr[r2 + 1] & 0xffffff};
  const uint8_t pad = static_cast<uint8_t>(cpu.s.gr[r2 + 1] >> 24);
  auto commit = [&] {
    SetAddress(cpu, r1, o.addr1);
    SetAddress(cpu, r2, o.addr2);
    cpu.s.gr[r1 + 1] = (cpu.s.gr[r1 + 1] & ~uint64_t{0xffffff}) | o.len1;
    cpu.s.gr[r2 + 1] = (cpu.s.gr[r2 + 1] & ~uint64_t{0xffffff}) | o.len2;
  };
  const uint8_t cc = WithProgress([&] { return CompareLongBytes(cpu, o, pad, ~uint64_t{0}); }, commit);
  commit();
  cpu.SetCc(cc);
}

// CLCLE R1,R3,D2(B2): lengths per addressing mode, padding byte in bits 56-63 of the second-operand
// address, CC 3 after a CPU-determined number of bytes.
void ExecClcle(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r3 = insn.ops.r3;
  RequireEven(r1);
  RequireEven(r3);
  LongOperands o{cpu.Wrap(cpu.s.gr[r1]), GetLength(cpu, r1 + 1), cpu.Wrap(cpu.s.gr[r3]), GetLength(cpu, r3 + 1)};
  const uint8_t pad = static_cast<uint8_t>(AddrB2(cpu, insn));
  auto commit = [&] {
    SetAddress(cpu, r1, o.addr1);
    SetLength(cpu, r1 + 1, o.len1);
    SetAddress(cpu, r3, o.addr2);
    SetLength(cpu, r3 + 1, o.len2);
  };
  const uint8_t cc = WithProgress([&] { return CompareLongBytes(cpu, o, pad, kCpuDeterminedBytes); }, commit);
  commit();
  cpu.SetCc(cc);
}

// CLCLU R1,R3,D2(B2): two-byte characters (lengths must be even), padding character in bits 48-63 of the
// second-operand address.
void ExecClclu(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r3 = insn.ops.r3;
  RequireEven(r1);
  RequireEven(r3);
  LongOperands o{cpu.Wrap(cpu.s.gr[r1]), GetLength(cpu, r1 + 1), cpu.Wrap(cpu.s.gr[r3]), GetLength(cpu, r3 + 1)};
  if ((o.len1 | o.len2) & 1) SpecificationException();
  const uint16_t pad = static_cast<uint16_t>(AddrB2(cpu, insn));
  auto commit = [&] {
    SetAddress(cpu, r1, o.addr1);
    SetLength(cpu, r1 + 1, o.len1);
    SetAddress(cpu, r3, o.addr2);
    SetLength(cpu, r3 + 1, o.len2);
  };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t done = 0; o.len1 > 0 || o.len2 > 0; done += 2) {
          if (done >= kCpuDeterminedBytes) return 3;
          const uint16_t c1 = o.len1 > 0 ? cpu.Load<uint16_t>(o.addr1) : pad;
          const uint16_t c2 = o.len2 > 0 ? cpu.Load<uint16_t>(o.addr2) : pad;
          if (c1 != c2) return c1 < c2 ? 1 : 2;
          if (o.len1 > 0) {
            o.addr1 = cpu.Wrap(o.addr1 + 2);
            o.len1 -= 2;
          }
          if (o.len2 > 0) {
            o.addr2 = cpu.Wrap(o.addr2 + 2);
            o.len2 -= 2;
          }
        }
        return 0;
      },
      commit);
  commit();
  cpu.SetCc(cc);
}

// --- String instructions (terminator in general register 0) ------------------------------------------------

// MVST, CLST and SRST take their character from bits 56-63 of GR0; bits 32-55 must be zeros.
inline uint8_t StringTerminator(const ExecContext& cpu) {
  if (cpu.s.gr[0] & 0xffffff00u) SpecificationException();
  return static_cast<uint8_t>(cpu.s.gr[0]);
}

// MVST R1,R2: moves the second operand up to and including the terminator. CC 1: done, R1 = address of
// the terminator in the first operand, R2 unchanged. CC 3: a CPU-determined amount moved, R1 and R2
// advanced. Only the bytes moved are accessed.
void ExecMvst(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  const uint8_t term = StringTerminator(cpu);
  uint64_t dst = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t src = cpu.Wrap(cpu.s.gr[r2]);
  auto commit = [&] {
    SetAddress(cpu, r1, dst);
    SetAddress(cpu, r2, src);
  };
  const bool found = WithProgress(
      [&] {
        for (uint64_t budget = kCpuDeterminedBytes; budget > 0;) {
          const uint64_t n = std::min({PageRemainder(src), PageRemainder(dst), budget});
          const uint8_t* s = cpu.Access(src, n, AccessType::kFetch);
          const void* t = std::memchr(s, term, n);
          const uint64_t m = t ? static_cast<const uint8_t*>(t) - s + 1 : n;
          std::memmove(cpu.Access(dst, m, AccessType::kStore), s, m);
          if (t) {
            dst = cpu.Wrap(dst + m - 1);
            return true;
          }
          src = cpu.Wrap(src + n);
          dst = cpu.Wrap(dst + n);
          budget -= n;
        }
        return false;
      },
      commit);
  if (found) {
    SetAddress(cpu, r1, dst);
    cpu.SetCc(1);
  } else {
    commit();
    cpu.SetCc(3);
  }
}

// CLST R1,R2: compares two terminated strings. CC 0 equal (registers unchanged); CC 1/2 first operand
// low/high (a string that ends first is low), R1/R2 designating the unequal bytes; CC 3 after a
// CPU-determined number of equal bytes, R1/R2 advanced.
void ExecClst(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  const uint8_t term = StringTerminator(cpu);
  uint64_t a1 = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t a2 = cpu.Wrap(cpu.s.gr[r2]);
  auto commit = [&] {
    SetAddress(cpu, r1, a1);
    SetAddress(cpu, r2, a2);
  };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t budget = kCpuDeterminedBytes; budget > 0;) {
          const uint64_t n = std::min({PageRemainder(a1), PageRemainder(a2), budget});
          const uint8_t* p1 = cpu.Access(a1, n, AccessType::kFetch);
          const uint8_t* p2 = cpu.Access(a2, n, AccessType::kFetch);
          for (uint64_t i = 0; i < n; ++i) {
            const uint8_t b1 = p1[i];
            const uint8_t b2 = p2[i];
            if (b1 == b2) {
              if (b1 == term) return 0;
              continue;
            }
            a1 = cpu.Wrap(a1 + i);
            a2 = cpu.Wrap(a2 + i);
            return b1 == term ? 1 : (b2 == term ? 2 : (b1 < b2 ? 1 : 2));
          }
          a1 = cpu.Wrap(a1 + n);
          a2 = cpu.Wrap(a2 + n);
          budget -= n;
        }
        return 3;
      },
      commit);
  if (cc != 0) commit();
  cpu.SetCc(cc);
}

// SRST R1,R2: searches [R2, R1) for the character. CC 1: found, R1 = its address; CC 2: not found (the
// search reached the end address), registers unchanged; CC 3: R2 advanced by a CPU-determined amount.
void ExecSrst(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  const uint8_t ch = StringTerminator(cpu);
  const uint64_t end = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t cur = cpu.Wrap(cpu.s.gr[r2]);
  auto commit = [&] { SetAddress(cpu, r2, cur); };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t budget = kCpuDeterminedBytes;; ) {
          if (cur == end) return 2;
          if (budget == 0) return 3;
          const uint64_t n = std::min({cpu.Wrap(end - cur), PageRemainder(cur), budget});
          const uint8_t* p = cpu.Access(cur, n, AccessType::kFetch);
          if (const void* t = std::memchr(p, ch, n)) {
            SetAddress(cpu, r1, cpu.Wrap(cur + (static_cast<const uint8_t*>(t) - p)));
            return 1;
          }
          cur = cpu.Wrap(cur + n);
          budget -= n;
        }
      },
      commit);
  if (cc == 3) commit();
  cpu.SetCc(cc);
}

// SRSTU R1,R2: as SRST for two-byte characters (bits 48-63 of GR0; bits 32-47 must be zeros). When the
// distance to the end address is odd, the last character examined extends one byte past it.
void ExecSrstu(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  if (cpu.s.gr[0] & 0xffff0000u) SpecificationException();
  const uint16_t ch = static_cast<uint16_t>(cpu.s.gr[0]);
  uint64_t cur = cpu.Wrap(cpu.s.gr[r2]);
  const uint64_t end = cpu.Wrap(cpu.s.gr[r1] + ((cpu.s.gr[r1] ^ cur) & 1));
  auto commit = [&] { SetAddress(cpu, r2, cur); };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t done = 0;; done += 2) {
          if (cur == end) return 2;
          if (done >= kCpuDeterminedBytes) return 3;
          if (cpu.Load<uint16_t>(cur) == ch) {
            SetAddress(cpu, r1, cur);
            return 1;
          }
          cur = cpu.Wrap(cur + 2);
        }
      },
      commit);
  if (cc == 3) commit();
  cpu.SetCc(cc);
}

// --- CUSE, CKSM --------------------------------------------------------------------------------------------

// CUSE R1,R2: compares the operands (the shorter padded with bits 56-63 of GR1) left to right until a
// run of equal bytes as long as the substring length (bits 56-63 of GR0) is found. CC 0: found, CC 1:
// operands exhausted while the last bytes compared were equal — in both cases R1/R2 and their lengths
// designate the start of that equal run; CC 2: exhausted with the last bytes unequal (registers at the
// end); CC 3: a CPU-determined number of bytes compared, the last ones unequal (registers advanced).
void ExecCuse(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  RequireEven(r1);
  RequireEven(r2);
  const uint8_t sublen = static_cast<uint8_t>(cpu.s.gr[0]);
  const uint8_t pad = static_cast<uint8_t>(cpu.s.gr[1]);
  LongOperands o{cpu.Wrap(cpu.s.gr[r1]), GetLength(cpu, r1 + 1), cpu.Wrap(cpu.s.gr[r2]), GetLength(cpu, r2 + 1)};
  if (sublen == 0) {
    cpu.SetCc(0);
    return;
  }
  if (o.len1 == 0 && o.len2 == 0) {
    cpu.SetCc(2);
    return;
  }
  LongOperands run = o;  // start of the current run of equal bytes
  uint32_t equal = 0;
  auto commit_to = [&](const LongOperands& p) {
    SetAddress(cpu, r1, p.addr1);
    SetLength(cpu, r1 + 1, p.len1);
    SetAddress(cpu, r2, p.addr2);
    SetLength(cpu, r2 + 1, p.len2);
  };
  // An exception resumes at the start of the current equal run (or the next byte after an unequal one).
  auto commit = [&] { commit_to(equal > 0 ? run : o); };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        uint8_t last = 2;
        for (uint64_t done = 0; o.len1 > 0 || o.len2 > 0; ++done) {
          if (equal == 0 && done >= kCpuDeterminedBytes) return 3;
          const uint8_t b1 = o.len1 > 0 ? cpu.Load<uint8_t>(o.addr1) : pad;
          const uint8_t b2 = o.len2 > 0 ? cpu.Load<uint8_t>(o.addr2) : pad;
          if (b1 == b2) {
            if (equal == 0) run = o;
            ++equal;
            last = 1;
          } else {
            equal = 0;
            last = 2;
          }
          if (o.len1 > 0) {
            o.addr1 = cpu.Wrap(o.addr1 + 1);
            --o.len1;
          }
          if (o.len2 > 0) {
            o.addr2 = cpu.Wrap(o.addr2 + 1);
            --o.len2;
          }
          if (equal == sublen) return 0;
        }
        return last;
      },
      commit);
  commit_to(cc < 2 ? run : o);
  cpu.SetCc(cc);
}

// CKSM R1,R2: adds the second operand as 32-bit words (the last one padded on the right with zeros) to
// bits 32-63 of R1 with end-around carry. CC 0: operand done; CC 3: a CPU-determined amount done, R2 and
// R2+1 updated. Each execution fetches its whole piece before changing any register.
void ExecCksm(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  RequireEven(r2);
  const uint64_t addr = cpu.Wrap(cpu.s.gr[r2]);
  const uint64_t len = GetLength(cpu, r2 + 1);
  const uint64_t n = std::min(len, kCpuDeterminedBytes);
  uint8_t buf[kCpuDeterminedBytes + 4];
  cpu.ReadBytes(addr, buf, n);
  std::memset(buf + n, 0, 4);
  uint64_t sum = cpu.s.gr_low(r1);
  for (uint64_t i = 0; i < n; i += 4) sum += LoadBigEndian<uint32_t>(buf + i);
  while (sum >> 32) sum = (sum & 0xffffffff) + (sum >> 32);
  cpu.s.set_gr_low(r1, static_cast<uint32_t>(sum));
  SetAddress(cpu, r2, cpu.Wrap(addr + n));
  SetLength(cpu, r2 + 1, len - n);
  cpu.SetCc(len == n ? 0 : 3);
}

}  // namespace

void RegisterTranslate(HandlerTable& table);
void RegisterUnicode(HandlerTable& table);

void RegisterString(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ExecMvcl>(InsnId::kMVCL);
  table.Set<&ExecMvcle>(InsnId::kMVCLE);
  table.Set<&ExecMvclu>(InsnId::kMVCLU);
  table.Set<&ExecClcl>(InsnId::kCLCL);
  table.Set<&ExecClcle>(InsnId::kCLCLE);
  table.Set<&ExecClclu>(InsnId::kCLCLU);
  table.Set<&ExecMvst>(InsnId::kMVST);
  table.Set<&ExecClst>(InsnId::kCLST);
  table.Set<&ExecSrst>(InsnId::kSRST);
  table.Set<&ExecSrstu>(InsnId::kSRSTU);
  table.Set<&ExecCuse>(InsnId::kCUSE);
  table.Set<&ExecCksm>(InsnId::kCKSM);
  RegisterTranslate(table);
  RegisterUnicode(table);
}

}  // namespace s390vmm::interp
