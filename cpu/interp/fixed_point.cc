// Instruction family: fixed-point add, subtract and compare (signed and logical, with carry/borrow,
// high-word forms), load complement/positive/negative/and-test. Multiply and divide live in
// fixed_point_muldiv.cc.
//
// Every handler computes `r1 <- A op B` from two operand fetchers (register halves, storage, immediates)
// chosen by template arguments, so that one typed template serves the RR, RRE, RRF, RX, RXY, RI, RIL, RIE,
// SIL and SIY forms alike. Fetchers only read (storage through the TLB), so an access exception leaves
// registers and the CC untouched; results are written before a fixed-point-overflow interruption is
// raised, which completes the instruction (PoP "Fixed-Point Overflow").
#include <cstdint>
#include <limits>
#include <type_traits>

#include "absl/base/optimization.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/fixed_point_operands.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using namespace operands;  // NOLINT: the fetchers are this file's vocabulary

// --- Destinations -------------------------------------------------------------------------------------
// Where a 32-bit result goes: bits 32-63 of R1 (the usual case) or bits 0-31 (high-word instructions).
enum class Half { kLow, kHigh };

template <Half kHalf>
inline void Put32(ExecContext& cpu, int r, uint32_t v) {
  if constexpr (kHalf == Half::kLow) {
    cpu.s.set_gr_low(r, v);
  } else {
    cpu.s.set_gr_high(r, v);
  }
}

// --- Signed add / subtract ------------------------------------------------------------------------------
// PoP ADD / SUBTRACT: CC 0 zero, 1 < 0, 2 > 0, 3 overflow (result = the rightmost bits).
template <Half kHalf, Fetch32s kA, Fetch32s kB>
void Add32(ExecContext& cpu, const Insn& i) {
  const int32_t a = kA(cpu, i), b = kB(cpu, i);
  int32_t r;
  const bool overflow = __builtin_add_overflow(a, b, &r);
  Put32<kHalf>(cpu, i.ops.r1, static_cast<uint32_t>(r));
  SetSignedArithmeticCc(cpu, r, overflow);
}
template <Half kHalf, Fetch32s kA, Fetch32s kB>
void Sub32(ExecContext& cpu, const Insn& i) {
  const int32_t a = kA(cpu, i), b = kB(cpu, i);
  int32_t r;
  const bool overflow = __builtin_sub_overflow(a, b, &r);
  Put32<kHalf>(cpu, i.ops.r1, static_cast<uint32_t>(r));
  SetSignedArithmeticCc(cpu, r, overflow);
}
template <Fetch64s kA, Fetch64s kB>
void Add64(ExecContext& cpu, const Insn& i) {
  const int64_t a = kA(cpu, i), b = kB(cpu, i);
  int64_t r;
  const bool overflow = __builtin_add_overflow(a, b, &r);
  cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  SetSignedArithmeticCc(cpu, r, overflow);
}
template <Fetch64s kA, Fetch64s kB>
void Sub64(ExecContext& cpu, const Insn& i) {
  const int64_t a = kA(cpu, i), b = kB(cpu, i);
  int64_t r;
  const bool overflow = __builtin_sub_overflow(a, b, &r);
  cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  SetSignedArithmeticCc(cpu, r, overflow);
}

// --- Logical add / subtract -----------------------------------------------------------------------------
// Subtraction is addition of the one's complement with a carry in of one (SUBTRACT LOGICAL) or of the
// previous carry (SUBTRACT LOGICAL WITH BORROW: CC 2 or 3 means "no borrow"), so one rule gives every CC:
// CC = carry * 2 + (result != 0) (PoP ADD LOGICAL / SUBTRACT LOGICAL).
enum class LogicalOp { kAdd, kAddWithCarry, kSub, kSubWithBorrow };

template <LogicalOp kOp>
inline uint32_t CarryIn(const ExecContext& cpu) {
  switch (kOp) {
    case LogicalOp::kAdd: return 0;
    case LogicalOp::kSub: return 1;
    default: return cpu.cc() >> 1;
  }
}
constexpr bool IsSub(LogicalOp op) { return op == LogicalOp::kSub || op == LogicalOp::kSubWithBorrow; }

template <Half kHalf, LogicalOp kOp, bool kSetCc, Fetch32u kA, Fetch32u kB>
void Logical32(ExecContext& cpu, const Insn& i) {
  const uint64_t a = kA(cpu, i);
  const uint64_t b = IsSub(kOp) ? static_cast<uint32_t>(~kB(cpu, i)) : kB(cpu, i);
  const uint64_t sum = a + b + CarryIn<kOp>(cpu);
  const uint32_t r = static_cast<uint32_t>(sum);
  Put32<kHalf>(cpu, i.ops.r1, r);
  if (kSetCc) cpu.SetCc(CcLogicalAdd(r, (sum >> 32) != 0));
}
template <LogicalOp kOp, Fetch64u kA, Fetch64u kB>
void Logical64(ExecContext& cpu, const Insn& i) {
  const uint64_t a = kA(cpu, i);
  const uint64_t b = IsSub(kOp) ? ~kB(cpu, i) : kB(cpu, i);
  uint64_t r;
  bool carry = __builtin_add_overflow(a, b, &r);
  carry |= __builtin_add_overflow(r, uint64_t{CarryIn<kOp>(cpu)}, &r);
  cpu.s.gr[i.ops.r1] = r;
  cpu.SetCc(CcLogicalAdd(r, carry));
}

// --- Storage add immediate (ASI, AGSI, ALSI, ALGSI) -------------------------------------------------------
// With the interlocked-access facility 1 the update of an aligned operand is interlocked against other
// CPUs (PoP ADD IMMEDIATE); an unaligned one is an ordinary fetch and store. Either way the store access
// is checked before anything changes.
template <typename T, typename F>
inline T UpdateStorage(ExecContext& cpu, uint64_t addr, F compute) {
  if (ABSL_PREDICT_TRUE((addr & (sizeof(T) - 1)) == 0)) {
    (void)cpu.Load<T>(addr);  // the fetch access (a TLB hit on the fast path)
    T* p = reinterpret_cast<T*>(cpu.Access(addr, sizeof(T), AccessType::kStore));
    T expected = __atomic_load_n(p, __ATOMIC_RELAXED);
    for (;;) {
      const T old = FromBigEndian(expected);
      if (__atomic_compare_exchange_n(p, &expected, ToBigEndian(compute(old)), false, __ATOMIC_SEQ_CST,
                                      __ATOMIC_RELAXED)) {
        return old;
      }
    }
  }
  const T old = cpu.Load<T>(addr);
  cpu.Store<T>(addr, compute(old));
  return old;
}

template <typename T>
void AddSignedImmediateToStorage(ExecContext& cpu, const Insn& i) {
  using S = std::make_signed_t<T>;
  const T imm = static_cast<T>(static_cast<S>(static_cast<int8_t>(i.ops.i2)));
  const T old = UpdateStorage<T>(cpu, AddrB1(cpu, i), [imm](T v) { return static_cast<T>(v + imm); });
  S r;
  const bool overflow = __builtin_add_overflow(static_cast<S>(old), static_cast<S>(imm), &r);
  SetSignedArithmeticCc(cpu, r, overflow);
}
template <typename T>
void AddLogicalSignedImmediateToStorage(ExecContext& cpu, const Insn& i) {
  // The immediate is sign-extended and then added as an unsigned number: adding -1 carries unless the
  // operand is zero (PoP ADD LOGICAL WITH SIGNED IMMEDIATE).
  using S = std::make_signed_t<T>;
  const T imm = static_cast<T>(static_cast<S>(static_cast<int8_t>(i.ops.i2)));
  const T old = UpdateStorage<T>(cpu, AddrB1(cpu, i), [imm](T v) { return static_cast<T>(v + imm); });
  T r;
  const bool carry = __builtin_add_overflow(old, imm, &r);
  cpu.SetCc(CcLogicalAdd(r, carry));
}

// --- Compare ------------------------------------------------------------------------------------------------
template <typename T, T (*kA)(ExecContext&, const Insn&), T (*kB)(ExecContext&, const Insn&)>
void Compare(ExecContext& cpu, const Insn& i) {
  const T a = kA(cpu, i), b = kB(cpu, i);
  cpu.SetCc(CcCompare(a, b));
}

// --- Load complement / positive / negative / and test ------------------------------------------------------
// LOAD COMPLEMENT: the maximum negative number has no complement: CC 3 and the operand unchanged.
template <typename S, bool kWide, S (*kSrc)(ExecContext&, const Insn&)>
void LoadComplement(ExecContext& cpu, const Insn& i) {
  using U = std::make_unsigned_t<S>;
  const S v = kSrc(cpu, i);
  const S r = static_cast<S>(U{0} - static_cast<U>(v));
  if constexpr (kWide) {
    cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  } else {
    cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(r));
  }
  SetSignedArithmeticCc(cpu, r, v == std::numeric_limits<S>::min());
}
template <typename S, bool kWide, S (*kSrc)(ExecContext&, const Insn&)>
void LoadPositive(ExecContext& cpu, const Insn& i) {
  using U = std::make_unsigned_t<S>;
  const S v = kSrc(cpu, i);
  const S r = v < 0 ? static_cast<S>(U{0} - static_cast<U>(v)) : v;
  if constexpr (kWide) {
    cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  } else {
    cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(r));
  }
  SetSignedArithmeticCc(cpu, r, v == std::numeric_limits<S>::min());
}
template <typename S, bool kWide, S (*kSrc)(ExecContext&, const Insn&)>
void LoadNegative(ExecContext& cpu, const Insn& i) {
  using U = std::make_unsigned_t<S>;
  const S v = kSrc(cpu, i);
  const S r = v > 0 ? static_cast<S>(U{0} - static_cast<U>(v)) : v;
  if constexpr (kWide) {
    cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  } else {
    cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(r));
  }
  cpu.SetCc(CcSigned(r));
}
template <typename S, bool kWide, S (*kSrc)(ExecContext&, const Insn&)>
void LoadAndTest(ExecContext& cpu, const Insn& i) {
  const S v = kSrc(cpu, i);
  if constexpr (kWide) {
    cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(v);
  } else {
    cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(v));
  }
  cpu.SetCc(CcSigned(v));
}

}  // namespace

void RegisterFixedPoint(HandlerTable& table) {
  constexpr Half L = Half::kLow, H = Half::kHigh;
  // ADD (signed).
  table.Set<&Add32<L, R1s, R2s>>(InsnId::kAR);
  table.Set<&Add32<L, R1s, MemX32s>>(InsnId::kA);
  table.Set<&Add32<L, R1s, MemX32s>>(InsnId::kAY);
  table.Set<&Add32<L, R1s, MemX16s>>(InsnId::kAH);
  table.Set<&Add32<L, R1s, MemX16s>>(InsnId::kAHY);
  table.Set<&Add32<L, R1s, Imm16s>>(InsnId::kAHI);
  table.Set<&Add32<L, R1s, Imm32s>>(InsnId::kAFI);
  table.Set<&Add32<L, R2s, R3s>>(InsnId::kARK);
  table.Set<&Add32<L, R3s, Imm16s>>(InsnId::kAHIK);
  table.Set<&Add64<G1s, G2s>>(InsnId::kAGR);
  table.Set<&Add64<G1s, R2sx>>(InsnId::kAGFR);
  table.Set<&Add64<G1s, MemX64s>>(InsnId::kAG);
  table.Set<&Add64<G1s, MemX32sx>>(InsnId::kAGF);
  table.Set<&Add64<G1s, MemX16sx>>(InsnId::kAGH);
  table.Set<&Add64<G1s, Imm16sx>>(InsnId::kAGHI);
  table.Set<&Add64<G1s, Imm32sx>>(InsnId::kAGFI);
  table.Set<&Add64<G2s, G3s>>(InsnId::kAGRK);
  table.Set<&Add64<G3s, Imm16sx>>(InsnId::kAGHIK);
  table.Set<&AddSignedImmediateToStorage<uint32_t>>(InsnId::kASI);
  table.Set<&AddSignedImmediateToStorage<uint64_t>>(InsnId::kAGSI);
  // ADD HIGH / ADD IMMEDIATE HIGH.
  table.Set<&Add32<H, R2hs, R3hs>>(InsnId::kAHHHR);
  table.Set<&Add32<H, R2hs, R3s>>(InsnId::kAHHLR);
  table.Set<&Add32<H, R1hs, Imm32s>>(InsnId::kAIH);

  // SUBTRACT (signed).
  table.Set<&Sub32<L, R1s, R2s>>(InsnId::kSR);
  table.Set<&Sub32<L, R1s, MemX32s>>(InsnId::kS);
  table.Set<&Sub32<L, R1s, MemX32s>>(InsnId::kSY);
  table.Set<&Sub32<L, R1s, MemX16s>>(InsnId::kSH);
  table.Set<&Sub32<L, R1s, MemX16s>>(InsnId::kSHY);
  table.Set<&Sub32<L, R2s, R3s>>(InsnId::kSRK);
  table.Set<&Sub64<G1s, G2s>>(InsnId::kSGR);
  table.Set<&Sub64<G1s, R2sx>>(InsnId::kSGFR);
  table.Set<&Sub64<G1s, MemX64s>>(InsnId::kSG);
  table.Set<&Sub64<G1s, MemX32sx>>(InsnId::kSGF);
  table.Set<&Sub64<G1s, MemX16sx>>(InsnId::kSGH);
  table.Set<&Sub64<G2s, G3s>>(InsnId::kSGRK);
  table.Set<&Sub32<H, R2hs, R3hs>>(InsnId::kSHHHR);
  table.Set<&Sub32<H, R2hs, R3s>>(InsnId::kSHHLR);

  // ADD LOGICAL (with carry, with signed immediate, high).
  constexpr LogicalOp kAdd = LogicalOp::kAdd, kAddC = LogicalOp::kAddWithCarry;
  constexpr LogicalOp kSub = LogicalOp::kSub, kSubB = LogicalOp::kSubWithBorrow;
  table.Set<&Logical32<L, kAdd, true, R1u, R2u>>(InsnId::kALR);
  table.Set<&Logical32<L, kAdd, true, R1u, MemX32u>>(InsnId::kAL);
  table.Set<&Logical32<L, kAdd, true, R1u, MemX32u>>(InsnId::kALY);
  table.Set<&Logical32<L, kAdd, true, R1u, Imm32u>>(InsnId::kALFI);
  table.Set<&Logical32<L, kAdd, true, R2u, R3u>>(InsnId::kALRK);
  table.Set<&Logical32<L, kAdd, true, R3u, Imm16su>>(InsnId::kALHSIK);
  table.Set<&Logical32<L, kAddC, true, R1u, R2u>>(InsnId::kALCR);
  table.Set<&Logical32<L, kAddC, true, R1u, MemX32u>>(InsnId::kALC);
  table.Set<&Logical64<kAdd, G1u, G2u>>(InsnId::kALGR);
  table.Set<&Logical64<kAdd, G1u, R2ux>>(InsnId::kALGFR);
  table.Set<&Logical64<kAdd, G1u, MemX64u>>(InsnId::kALG);
  table.Set<&Logical64<kAdd, G1u, MemX32ux>>(InsnId::kALGF);
  table.Set<&Logical64<kAdd, G1u, Imm32ux>>(InsnId::kALGFI);
  table.Set<&Logical64<kAdd, G2u, G3u>>(InsnId::kALGRK);
  table.Set<&Logical64<kAdd, G3u, Imm16sxu>>(InsnId::kALGHSIK);
  table.Set<&Logical64<kAddC, G1u, G2u>>(InsnId::kALCGR);
  table.Set<&Logical64<kAddC, G1u, MemX64u>>(InsnId::kALCG);
  table.Set<&AddLogicalSignedImmediateToStorage<uint32_t>>(InsnId::kALSI);
  table.Set<&AddLogicalSignedImmediateToStorage<uint64_t>>(InsnId::kALGSI);
  table.Set<&Logical32<H, kAdd, true, R2hu, R3hu>>(InsnId::kALHHHR);
  table.Set<&Logical32<H, kAdd, true, R2hu, R3u>>(InsnId::kALHHLR);
  table.Set<&Logical32<H, kAdd, true, R1hu, Imm32u>>(InsnId::kALSIH);
  table.Set<&Logical32<H, kAdd, false, R1hu, Imm32u>>(InsnId::kALSIHN);

  // SUBTRACT LOGICAL (with borrow, high).
  table.Set<&Logical32<L, kSub, true, R1u, R2u>>(InsnId::kSLR);
  table.Set<&Logical32<L, kSub, true, R1u, MemX32u>>(InsnId::kSL);
  table.Set<&Logical32<L, kSub, true, R1u, MemX32u>>(InsnId::kSLY);
  table.Set<&Logical32<L, kSub, true, R1u, Imm32u>>(InsnId::kSLFI);
  table.Set<&Logical32<L, kSub, true, R2u, R3u>>(InsnId::kSLRK);
  table.Set<&Logical32<L, kSubB, true, R1u, R2u>>(InsnId::kSLBR);
  table.Set<&Logical32<L, kSubB, true, R1u, MemX32u>>(InsnId::kSLB);
  table.Set<&Logical64<kSub, G1u, G2u>>(InsnId::kSLGR);
  table.Set<&Logical64<kSub, G1u, R2ux>>(InsnId::kSLGFR);
  table.Set<&Logical64<kSub, G1u, MemX64u>>(InsnId::kSLG);
  table.Set<&Logical64<kSub, G1u, MemX32ux>>(InsnId::kSLGF);
  table.Set<&Logical64<kSub, G1u, Imm32ux>>(InsnId::kSLGFI);
  table.Set<&Logical64<kSub, G2u, G3u>>(InsnId::kSLGRK);
  table.Set<&Logical64<kSubB, G1u, G2u>>(InsnId::kSLBGR);
  table.Set<&Logical64<kSubB, G1u, MemX64u>>(InsnId::kSLBG);
  table.Set<&Logical32<H, kSub, true, R2hu, R3hu>>(InsnId::kSLHHHR);
  table.Set<&Logical32<H, kSub, true, R2hu, R3u>>(InsnId::kSLHHLR);

  // COMPARE (signed).
  table.Set<&Compare<int32_t, R1s, R2s>>(InsnId::kCR);
  table.Set<&Compare<int32_t, R1s, MemX32s>>(InsnId::kC);
  table.Set<&Compare<int32_t, R1s, MemX32s>>(InsnId::kCY);
  table.Set<&Compare<int32_t, R1s, MemX16s>>(InsnId::kCH);
  table.Set<&Compare<int32_t, R1s, MemX16s>>(InsnId::kCHY);
  table.Set<&Compare<int32_t, R1s, Imm16s>>(InsnId::kCHI);
  table.Set<&Compare<int32_t, R1s, Imm32s>>(InsnId::kCFI);
  table.Set<&Compare<int32_t, R1s, Rel32s>>(InsnId::kCRL);
  table.Set<&Compare<int32_t, R1s, Rel16s>>(InsnId::kCHRL);
  table.Set<&Compare<int32_t, MemB1_32s, Imm16s>>(InsnId::kCHSI);
  table.Set<&Compare<int32_t, MemB1_16s, Imm16s>>(InsnId::kCHHSI);
  table.Set<&Compare<int64_t, G1s, G2s>>(InsnId::kCGR);
  table.Set<&Compare<int64_t, G1s, R2sx>>(InsnId::kCGFR);
  table.Set<&Compare<int64_t, G1s, MemX64s>>(InsnId::kCG);
  table.Set<&Compare<int64_t, G1s, MemX32sx>>(InsnId::kCGF);
  table.Set<&Compare<int64_t, G1s, MemX16sx>>(InsnId::kCGH);
  table.Set<&Compare<int64_t, G1s, Imm16sx>>(InsnId::kCGHI);
  table.Set<&Compare<int64_t, G1s, Imm32sx>>(InsnId::kCGFI);
  table.Set<&Compare<int64_t, G1s, Rel64s>>(InsnId::kCGRL);
  table.Set<&Compare<int64_t, G1s, Rel32sx>>(InsnId::kCGFRL);
  table.Set<&Compare<int64_t, G1s, Rel16sx>>(InsnId::kCGHRL);
  table.Set<&Compare<int64_t, MemB1_64s, Imm16sx>>(InsnId::kCGHSI);
  // COMPARE HIGH / COMPARE IMMEDIATE HIGH.
  table.Set<&Compare<int32_t, R1hs, R2hs>>(InsnId::kCHHR);
  table.Set<&Compare<int32_t, R1hs, R2s>>(InsnId::kCHLR);
  table.Set<&Compare<int32_t, R1hs, MemX32s>>(InsnId::kCHF);
  table.Set<&Compare<int32_t, R1hs, Imm32s>>(InsnId::kCIH);

  // COMPARE LOGICAL.
  table.Set<&Compare<uint32_t, R1u, R2u>>(InsnId::kCLR);
  table.Set<&Compare<uint32_t, R1u, MemX32u>>(InsnId::kCL);
  table.Set<&Compare<uint32_t, R1u, MemX32u>>(InsnId::kCLY);
  table.Set<&Compare<uint32_t, R1u, Imm32u>>(InsnId::kCLFI);
  table.Set<&Compare<uint32_t, R1u, Rel32u>>(InsnId::kCLRL);
  table.Set<&Compare<uint32_t, R1u, Rel16u>>(InsnId::kCLHRL);
  table.Set<&Compare<uint32_t, MemB1_32u, Imm16u>>(InsnId::kCLFHSI);
  table.Set<&Compare<uint32_t, MemB1_16u, Imm16u>>(InsnId::kCLHHSI);
  table.Set<&Compare<uint64_t, G1u, G2u>>(InsnId::kCLGR);
  table.Set<&Compare<uint64_t, G1u, R2ux>>(InsnId::kCLGFR);
  table.Set<&Compare<uint64_t, G1u, MemX64u>>(InsnId::kCLG);
  table.Set<&Compare<uint64_t, G1u, MemX32ux>>(InsnId::kCLGF);
  table.Set<&Compare<uint64_t, G1u, Imm32ux>>(InsnId::kCLGFI);
  table.Set<&Compare<uint64_t, G1u, Rel64u>>(InsnId::kCLGRL);
  table.Set<&Compare<uint64_t, G1u, Rel32ux>>(InsnId::kCLGFRL);
  table.Set<&Compare<uint64_t, G1u, Rel16ux>>(InsnId::kCLGHRL);
  table.Set<&Compare<uint64_t, MemB1_64u, Imm16ux>>(InsnId::kCLGHSI);
  // COMPARE LOGICAL HIGH / COMPARE LOGICAL IMMEDIATE HIGH.
  table.Set<&Compare<uint32_t, R1hu, R2hu>>(InsnId::kCLHHR);
  table.Set<&Compare<uint32_t, R1hu, R2u>>(InsnId::kCLHLR);
  table.Set<&Compare<uint32_t, R1hu, MemX32u>>(InsnId::kCLHF);
  table.Set<&Compare<uint32_t, R1hu, Imm32u>>(InsnId::kCLIH);

  // LOAD COMPLEMENT / POSITIVE / NEGATIVE / AND TEST (register forms).
  table.Set<&LoadComplement<int32_t, false, R2s>>(InsnId::kLCR);
  table.Set<&LoadComplement<int64_t, true, G2s>>(InsnId::kLCGR);
  table.Set<&LoadComplement<int64_t, true, R2sx>>(InsnId::kLCGFR);
  table.Set<&LoadPositive<int32_t, false, R2s>>(InsnId::kLPR);
  table.Set<&LoadPositive<int64_t, true, G2s>>(InsnId::kLPGR);
  table.Set<&LoadPositive<int64_t, true, R2sx>>(InsnId::kLPGFR);
  table.Set<&LoadNegative<int32_t, false, R2s>>(InsnId::kLNR);
  table.Set<&LoadNegative<int64_t, true, G2s>>(InsnId::kLNGR);
  table.Set<&LoadNegative<int64_t, true, R2sx>>(InsnId::kLNGFR);
  table.Set<&LoadAndTest<int32_t, false, R2s>>(InsnId::kLTR);
  table.Set<&LoadAndTest<int64_t, true, G2s>>(InsnId::kLTGR);
  table.Set<&LoadAndTest<int64_t, true, R2sx>>(InsnId::kLTGFR);

  RegisterFixedPointMulDiv(table);
}

}  // namespace s390vmm::interp
