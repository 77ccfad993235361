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

void RegisterFixedPoint(HandlerTable& t) {
  constexpr Half L = Half::kLow, H = Half::kHigh;
  // ADD (signed).
  t.Set(InsnId::kAR, &Add32<L, R1s, R2s>);
  t.Set(InsnId::kA, &Add32<L, R1s, MemX32s>);
  t.Set(InsnId::kAY, &Add32<L, R1s, MemX32s>);
  t.Set(InsnId::kAH, &Add32<L, R1s, MemX16s>);
  t.Set(InsnId::kAHY, &Add32<L, R1s, MemX16s>);
  t.Set(InsnId::kAHI, &Add32<L, R1s, Imm16s>);
  t.Set(InsnId::kAFI, &Add32<L, R1s, Imm32s>);
  t.Set(InsnId::kARK, &Add32<L, R2s, R3s>);
  t.Set(InsnId::kAHIK, &Add32<L, R3s, Imm16s>);
  t.Set(InsnId::kAGR, &Add64<G1s, G2s>);
  t.Set(InsnId::kAGFR, &Add64<G1s, R2sx>);
  t.Set(InsnId::kAG, &Add64<G1s, MemX64s>);
  t.Set(InsnId::kAGF, &Add64<G1s, MemX32sx>);
  t.Set(InsnId::kAGH, &Add64<G1s, MemX16sx>);
  t.Set(InsnId::kAGHI, &Add64<G1s, Imm16sx>);
  t.Set(InsnId::kAGFI, &Add64<G1s, Imm32sx>);
  t.Set(InsnId::kAGRK, &Add64<G2s, G3s>);
  t.Set(InsnId::kAGHIK, &Add64<G3s, Imm16sx>);
  t.Set(InsnId::kASI, &AddSignedImmediateToStorage<uint32_t>);
  t.Set(InsnId::kAGSI, &AddSignedImmediateToStorage<uint64_t>);
  // ADD HIGH / ADD IMMEDIATE HIGH.
  t.Set(InsnId::kAHHHR, &Add32<H, R2hs, R3hs>);
  t.Set(InsnId::kAHHLR, &Add32<H, R2hs, R3s>);
  t.Set(InsnId::kAIH, &Add32<H, R1hs, Imm32s>);

  // SUBTRACT (signed).
  t.Set(InsnId::kSR, &Sub32<L, R1s, R2s>);
  t.Set(InsnId::kS, &Sub32<L, R1s, MemX32s>);
  t.Set(InsnId::kSY, &Sub32<L, R1s, MemX32s>);
  t.Set(InsnId::kSH, &Sub32<L, R1s, MemX16s>);
  t.Set(InsnId::kSHY, &Sub32<L, R1s, MemX16s>);
  t.Set(InsnId::kSRK, &Sub32<L, R2s, R3s>);
  t.Set(InsnId::kSGR, &Sub64<G1s, G2s>);
  t.Set(InsnId::kSGFR, &Sub64<G1s, R2sx>);
  t.Set(InsnId::kSG, &Sub64<G1s, MemX64s>);
  t.Set(InsnId::kSGF, &Sub64<G1s, MemX32sx>);
  t.Set(InsnId::kSGH, &Sub64<G1s, MemX16sx>);
  t.Set(InsnId::kSGRK, &Sub64<G2s, G3s>);
  t.Set(InsnId::kSHHHR, &Sub32<H, R2hs, R3hs>);
  t.Set(InsnId::kSHHLR, &Sub32<H, R2hs, R3s>);

  // ADD LOGICAL (with carry, with signed immediate, high).
  constexpr LogicalOp kAdd = LogicalOp::kAdd, kAddC = LogicalOp::kAddWithCarry;
  constexpr LogicalOp kSub = LogicalOp::kSub, kSubB = LogicalOp::kSubWithBorrow;
  t.Set(InsnId::kALR, &Logical32<L, kAdd, true, R1u, R2u>);
  t.Set(InsnId::kAL, &Logical32<L, kAdd, true, R1u, MemX32u>);
  t.Set(InsnId::kALY, &Logical32<L, kAdd, true, R1u, MemX32u>);
  t.Set(InsnId::kALFI, &Logical32<L, kAdd, true, R1u, Imm32u>);
  t.Set(InsnId::kALRK, &Logical32<L, kAdd, true, R2u, R3u>);
  t.Set(InsnId::kALHSIK, &Logical32<L, kAdd, true, R3u, Imm16su>);
  t.Set(InsnId::kALCR, &Logical32<L, kAddC, true, R1u, R2u>);
  t.Set(InsnId::kALC, &Logical32<L, kAddC, true, R1u, MemX32u>);
  t.Set(InsnId::kALGR, &Logical64<kAdd, G1u, G2u>);
  t.Set(InsnId::kALGFR, &Logical64<kAdd, G1u, R2ux>);
  t.Set(InsnId::kALG, &Logical64<kAdd, G1u, MemX64u>);
  t.Set(InsnId::kALGF, &Logical64<kAdd, G1u, MemX32ux>);
  t.Set(InsnId::kALGFI, &Logical64<kAdd, G1u, Imm32ux>);
  t.Set(InsnId::kALGRK, &Logical64<kAdd, G2u, G3u>);
  t.Set(InsnId::kALGHSIK, &Logical64<kAdd, G3u, Imm16sxu>);
  t.Set(InsnId::kALCGR, &Logical64<kAddC, G1u, G2u>);
  t.Set(InsnId::kALCG, &Logical64<kAddC, G1u, MemX64u>);
  t.Set(InsnId::kALSI, &AddLogicalSignedImmediateToStorage<uint32_t>);
  t.Set(InsnId::kALGSI, &AddLogicalSignedImmediateToStorage<uint64_t>);
  t.Set(InsnId::kALHHHR, &Logical32<H, kAdd, true, R2hu, R3hu>);
  t.Set(InsnId::kALHHLR, &Logical32<H, kAdd, true, R2hu, R3u>);
  t.Set(InsnId::kALSIH, &Logical32<H, kAdd, true, R1hu, Imm32u>);
  t.Set(InsnId::kALSIHN, &Logical32<H, kAdd, false, R1hu, Imm32u>);

  // SUBTRACT LOGICAL (with borrow, high).
  t.Set(InsnId::kSLR, &Logical32<L, kSub, true, R1u, R2u>);
  t.Set(InsnId::kSL, &Logical32<L, kSub, true, R1u, MemX32u>);
  t.Set(InsnId::kSLY, &Logical32<L, kSub, true, R1u, MemX32u>);
  t.Set(InsnId::kSLFI, &Logical32<L, kSub, true, R1u, Imm32u>);
  t.Set(InsnId::kSLRK, &Logical32<L, kSub, true, R2u, R3u>);
  t.Set(InsnId::kSLBR, &Logical32<L, kSubB, true, R1u, R2u>);
  t.Set(InsnId::kSLB, &Logical32<L, kSubB, true, R1u, MemX32u>);
  t.Set(InsnId::kSLGR, &Logical64<kSub, G1u, G2u>);
  t.Set(InsnId::kSLGFR, &Logical64<kSub, G1u, R2ux>);
  t.Set(InsnId::kSLG, &Logical64<kSub, G1u, MemX64u>);
  t.Set(InsnId::kSLGF, &Logical64<kSub, G1u, MemX32ux>);
  t.Set(InsnId::kSLGFI, &Logical64<kSub, G1u, Imm32ux>);
  t.Set(InsnId::kSLGRK, &Logical64<kSub, G2u, G3u>);
  t.Set(InsnId::kSLBGR, &Logical64<kSubB, G1u, G2u>);
  t.Set(InsnId::kSLBG, &Logical64<kSubB, G1u, MemX64u>);
  t.Set(InsnId::kSLHHHR, &Logical32<H, kSub, true, R2hu, R3hu>);
  t.Set(InsnId::kSLHHLR, &Logical32<H, kSub, true, R2hu, R3u>);

  // COMPARE (signed).
  t.Set(InsnId::kCR, &Compare<int32_t, R1s, R2s>);
  t.Set(InsnId::kC, &Compare<int32_t, R1s, MemX32s>);
  t.Set(InsnId::kCY, &Compare<int32_t, R1s, MemX32s>);
  t.Set(InsnId::kCH, &Compare<int32_t, R1s, MemX16s>);
  t.Set(InsnId::kCHY, &Compare<int32_t, R1s, MemX16s>);
  t.Set(InsnId::kCHI, &Compare<int32_t, R1s, Imm16s>);
  t.Set(InsnId::kCFI, &Compare<int32_t, R1s, Imm32s>);
  t.Set(InsnId::kCRL, &Compare<int32_t, R1s, Rel32s>);
  t.Set(InsnId::kCHRL, &Compare<int32_t, R1s, Rel16s>);
  t.Set(InsnId::kCHSI, &Compare<int32_t, MemB1_32s, Imm16s>);
  t.Set(InsnId::kCHHSI, &Compare<int32_t, MemB1_16s, Imm16s>);
  t.Set(InsnId::kCGR, &Compare<int64_t, G1s, G2s>);
  t.Set(InsnId::kCGFR, &Compare<int64_t, G1s, R2sx>);
  t.Set(InsnId::kCG, &Compare<int64_t, G1s, MemX64s>);
  t.Set(InsnId::kCGF, &Compare<int64_t, G1s, MemX32sx>);
  t.Set(InsnId::kCGH, &Compare<int64_t, G1s, MemX16sx>);
  t.Set(InsnId::kCGHI, &Compare<int64_t, G1s, Imm16sx>);
  t.Set(InsnId::kCGFI, &Compare<int64_t, G1s, Imm32sx>);
  t.Set(InsnId::kCGRL, &Compare<int64_t, G1s, Rel64s>);
  t.Set(InsnId::kCGFRL, &Compare<int64_t, G1s, Rel32sx>);
  t.Set(InsnId::kCGHRL, &Compare<int64_t, G1s, Rel16sx>);
  t.Set(InsnId::kCGHSI, &Compare<int64_t, MemB1_64s, Imm16sx>);
  // COMPARE HIGH / COMPARE IMMEDIATE HIGH.
  t.Set(InsnId::kCHHR, &Compare<int32_t, R1hs, R2hs>);
  t.Set(InsnId::kCHLR, &Compare<int32_t, R1hs, R2s>);
  t.Set(InsnId::kCHF, &Compare<int32_t, R1hs, MemX32s>);
  t.Set(InsnId::kCIH, &Compare<int32_t, R1hs, Imm32s>);

  // COMPARE LOGICAL.
  t.Set(InsnId::kCLR, &Compare<uint32_t, R1u, R2u>);
  t.Set(InsnId::kCL, &Compare<uint32_t, R1u, MemX32u>);
  t.Set(InsnId::kCLY, &Compare<uint32_t, R1u, MemX32u>);
  t.Set(InsnId::kCLFI, &Compare<uint32_t, R1u, Imm32u>);
  t.Set(InsnId::kCLRL, &Compare<uint32_t, R1u, Rel32u>);
  t.Set(InsnId::kCLHRL, &Compare<uint32_t, R1u, Rel16u>);
  t.Set(InsnId::kCLFHSI, &Compare<uint32_t, MemB1_32u, Imm16u>);
  t.Set(InsnId::kCLHHSI, &Compare<uint32_t, MemB1_16u, Imm16u>);
  t.Set(InsnId::kCLGR, &Compare<uint64_t, G1u, G2u>);
  t.Set(InsnId::kCLGFR, &Compare<uint64_t, G1u, R2ux>);
  t.Set(InsnId::kCLG, &Compare<uint64_t, G1u, MemX64u>);
  t.Set(InsnId::kCLGF, &Compare<uint64_t, G1u, MemX32ux>);
  t.Set(InsnId::kCLGFI, &Compare<uint64_t, G1u, Imm32ux>);
  t.Set(InsnId::kCLGRL, &Compare<uint64_t, G1u, Rel64u>);
  t.Set(InsnId::kCLGFRL, &Compare<uint64_t, G1u, Rel32ux>);
  t.Set(InsnId::kCLGHRL, &Compare<uint64_t, G1u, Rel16ux>);
  t.Set(InsnId::kCLGHSI, &Compare<uint64_t, MemB1_64u, Imm16ux>);
  // COMPARE LOGICAL HIGH / COMPARE LOGICAL IMMEDIATE HIGH.
  t.Set(InsnId::kCLHHR, &Compare<uint32_t, R1hu, R2hu>);
  t.Set(InsnId::kCLHLR, &Compare<uint32_t, R1hu, R2u>);
  t.Set(InsnId::kCLHF, &Compare<uint32_t, R1hu, MemX32u>);
  t.Set(InsnId::kCLIH, &Compare<uint32_t, R1hu, Imm32u>);

  // LOAD COMPLEMENT / POSITIVE / NEGATIVE / AND TEST (register forms).
  t.Set(InsnId::kLCR, &LoadComplement<int32_t, false, R2s>);
  t.Set(InsnId::kLCGR, &LoadComplement<int64_t, true, G2s>);
  t.Set(InsnId::kLCGFR, &LoadComplement<int64_t, true, R2sx>);
  t.Set(InsnId::kLPR, &LoadPositive<int32_t, false, R2s>);
  t.Set(InsnId::kLPGR, &LoadPositive<int64_t, true, G2s>);
  t.Set(InsnId::kLPGFR, &LoadPositive<int64_t, true, R2sx>);
  t.Set(InsnId::kLNR, &LoadNegative<int32_t, false, R2s>);
  t.Set(InsnId::kLNGR, &LoadNegative<int64_t, true, G2s>);
  t.Set(InsnId::kLNGFR, &LoadNegative<int64_t, true, R2sx>);
  t.Set(InsnId::kLTR, &LoadAndTest<int32_t, false, R2s>);
  t.Set(InsnId::kLTGR, &LoadAndTest<int64_t, true, G2s>);
  t.Set(InsnId::kLTGFR, &LoadAndTest<int64_t, true, R2sx>);

  RegisterFixedPointMulDiv(t);
}

}  // namespace s390vmm::interp
