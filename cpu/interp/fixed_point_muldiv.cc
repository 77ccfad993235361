// Instruction family: fixed-point multiply and divide (registered by RegisterFixedPoint via
// RegisterFixedPointMulDiv).
//
// Even-odd register pairs: R1 must be even (specification exception otherwise, recognized before any
// storage operand is fetched); the pair holds a double-width operand, R1 the high half and R1+1 the low
// half. The 32-bit forms use bits 32-63 of both registers and leave bits 0-31 alone. A fixed-point-divide
// exception suppresses the instruction (nothing changes).
#include <cstdint>

#include "absl/base/optimization.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/fixed_point_operands.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using namespace operands;  // NOLINT: the fetchers are this file's vocabulary

[[noreturn]] void FixedPointDivide() { RaiseProgramInterrupt(ProgramInterruptCode::kFixedPointDivide); }

// --- Multiply single (result = rightmost bits of the product, no CC) ---------------------------------------
template <Fetch32s kA, Fetch32s kB>
void MulSingle32(ExecContext& cpu, const Insn& i) {
  const uint32_t a = static_cast<uint32_t>(kA(cpu, i)), b = static_cast<uint32_t>(kB(cpu, i));
  cpu.s.set_gr_low(i.ops.r1, a * b);
}
template <Fetch64s kA, Fetch64s kB>
void MulSingle64(ExecContext& cpu, const Insn& i) {
  const uint64_t a = static_cast<uint64_t>(kA(cpu, i)), b = static_cast<uint64_t>(kB(cpu, i));
  cpu.s.gr[i.ops.r1] = a * b;
}
// MULTIPLY SINGLE with CC (MSC, MSRKC, MSGC, MSGRKC): CC 0/1/2 by sign, 3 on overflow plus the
// fixed-point-overflow interruption when enabled; the result is the rightmost bits either way.
template <Fetch32s kA, Fetch32s kB>
void MulSingleCc32(ExecContext& cpu, const Insn& i) {
  const int32_t a = kA(cpu, i), b = kB(cpu, i);
  int32_t r;
  const bool overflow = __builtin_mul_overflow(a, b, &r);
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(r));
  SetSignedArithmeticCc(cpu, r, overflow);
}
template <Fetch64s kA, Fetch64s kB>
void MulSingleCc64(ExecContext& cpu, const Insn& i) {
  const int64_t a = kA(cpu, i), b = kB(cpu, i);
  int64_t r;
  const bool overflow = __builtin_mul_overflow(a, b, &r);
  cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(r);
  SetSignedArithmeticCc(cpu, r, overflow);
}

// --- Multiply into an even-odd pair --------------------------------------------------------------------------
// M, MR, MFY: R1+1 (bits 32-63, signed) * operand -> 64-bit product in bits 32-63 of R1 (high) and R1+1.
template <Fetch32s kB>
void Mul32Pair(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const int32_t b = kB(cpu, i);
  const int64_t p = int64_t{static_cast<int32_t>(cpu.s.gr[r1 + 1])} * b;
  cpu.s.set_gr_low(r1, static_cast<uint32_t>(static_cast<uint64_t>(p) >> 32));
  cpu.s.set_gr_low(r1 + 1, static_cast<uint32_t>(p));
}
// ML, MLR: unsigned.
template <Fetch32u kB>
void MulLogical32Pair(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const uint32_t b = kB(cpu, i);
  const uint64_t p = uint64_t{static_cast<uint32_t>(cpu.s.gr[r1 + 1])} * b;
  cpu.s.set_gr_low(r1, static_cast<uint32_t>(p >> 32));
  cpu.s.set_gr_low(r1 + 1, static_cast<uint32_t>(p));
}
// MLG, MLGR: R1+1 * operand -> 128-bit product in R1:R1+1 (the hot loop of the kernel's MPI code).
template <Fetch64u kB>
void MulLogical64Pair(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const uint64_t b = kB(cpu, i);
  const unsigned __int128 p = static_cast<unsigned __int128>(cpu.s.gr[r1 + 1]) * b;
  cpu.s.gr[r1] = static_cast<uint64_t>(p >> 64);
  cpu.s.gr[r1 + 1] = static_cast<uint64_t>(p);
}
// MG (R1+1 * storage) and MGRK (R2 * R3): signed 128-bit product in R1:R1+1.
template <Fetch64s kA, Fetch64s kB>
void Mul64Pair(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const int64_t a = kA(cpu, i), b = kB(cpu, i);
  const __int128 p = static_cast<__int128>(a) * b;
  cpu.s.gr[r1] = static_cast<uint64_t>(static_cast<unsigned __int128>(p) >> 64);
  cpu.s.gr[r1 + 1] = static_cast<uint64_t>(p);
}
inline int64_t G1PlusOneS(ExecContext& c, const Insn& i) { return static_cast<int64_t>(c.s.gr[(i.ops.r1 + 1) & 15]); }

// --- Divide ------------------------------------------------------------------------------------------------------
// D, DR: the 64-bit dividend in bits 32-63 of R1 (high) and R1+1 (low), a 32-bit divisor; remainder to
// R1, quotient to R1+1 (bits 32-63). The remainder has the dividend's sign. A quotient that does not fit
// 32 bits, or a zero divisor, is a fixed-point-divide exception.
template <Fetch32s kB>
void Divide32(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const int64_t divisor = kB(cpu, i);
  const int64_t dividend = static_cast<int64_t>((uint64_t{static_cast<uint32_t>(cpu.s.gr[r1])} << 32) |
                                                static_cast<uint32_t>(cpu.s.gr[r1 + 1]));
  if (ABSL_PREDICT_FALSE(divisor == 0)) FixedPointDivide();
  if (ABSL_PREDICT_FALSE(divisor == -1 && dividend == INT64_MIN)) FixedPointDivide();
  const int64_t q = dividend / divisor;
  const int64_t r = dividend % divisor;
  if (ABSL_PREDICT_FALSE(q != static_cast<int32_t>(q))) FixedPointDivide();
  cpu.s.set_gr_low(r1, static_cast<uint32_t>(r));
  cpu.s.set_gr_low(r1 + 1, static_cast<uint32_t>(q));
}
// DL, DLR: unsigned 64 / 32.
template <Fetch32u kB>
void DivideLogical32(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const uint64_t divisor = kB(cpu, i);
  const uint64_t dividend =
      (uint64_t{static_cast<uint32_t>(cpu.s.gr[r1])} << 32) | static_cast<uint32_t>(cpu.s.gr[r1 + 1]);
  if (ABSL_PREDICT_FALSE(divisor == 0)) FixedPointDivide();
  const uint64_t q = dividend / divisor;
  if (ABSL_PREDICT_FALSE(q >> 32)) FixedPointDivide();
  cpu.s.set_gr_low(r1, static_cast<uint32_t>(dividend % divisor));
  cpu.s.set_gr_low(r1 + 1, static_cast<uint32_t>(q));
}
// DLG, DLGR: unsigned 128 / 64. The quotient fits 64 bits exactly when the high half is below the divisor.
template <Fetch64u kB>
void DivideLogical64(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const uint64_t divisor = kB(cpu, i);
  const uint64_t high = cpu.s.gr[r1], low = cpu.s.gr[r1 + 1];
  if (ABSL_PREDICT_FALSE(divisor == 0 || high >= divisor)) FixedPointDivide();
  uint64_t q, r;
  if (high == 0) {
    q = low / divisor;
    r = low % divisor;
  } else {
    const unsigned __int128 dividend = (static_cast<unsigned __int128>(high) << 64) | low;
    q = static_cast<uint64_t>(dividend / divisor);
    r = static_cast<uint64_t>(dividend % divisor);
  }
  cpu.s.gr[r1] = r;
  cpu.s.gr[r1 + 1] = q;
}
// DSG, DSGR, DSGF, DSGFR: the dividend is R1+1 alone (64-bit signed); R1 only receives the remainder.
template <Fetch64s kB>
void DivideSingle64(ExecContext& cpu, const Insn& i) {
  const int r1 = i.ops.r1;
  RequireEven(r1);
  const int64_t divisor = kB(cpu, i);
  const int64_t dividend = static_cast<int64_t>(cpu.s.gr[r1 + 1]);
  if (ABSL_PREDICT_FALSE(divisor == 0)) FixedPointDivide();
  if (ABSL_PREDICT_FALSE(divisor == -1 && dividend == INT64_MIN)) FixedPointDivide();
  cpu.s.gr[r1] = static_cast<uint64_t>(dividend % divisor);
  cpu.s.gr[r1 + 1] = static_cast<uint64_t>(dividend / divisor);
}

}  // namespace

void RegisterFixedPointMulDiv(HandlerTable& t) {
  // MULTIPLY (into a pair).
  t.Set(InsnId::kMR, &Mul32Pair<R2s>);
  t.Set(InsnId::kM, &Mul32Pair<MemX32s>);
  t.Set(InsnId::kMFY, &Mul32Pair<MemX32s>);
  t.Set(InsnId::kMG, &Mul64Pair<G1PlusOneS, MemX64s>);
  t.Set(InsnId::kMGRK, &Mul64Pair<G2s, G3s>);
  // MULTIPLY LOGICAL.
  t.Set(InsnId::kMLR, &MulLogical32Pair<R2u>);
  t.Set(InsnId::kML, &MulLogical32Pair<MemX32u>);
  t.Set(InsnId::kMLGR, &MulLogical64Pair<G2u>);
  t.Set(InsnId::kMLG, &MulLogical64Pair<MemX64u>);
  // MULTIPLY HALFWORD (IMMEDIATE), MULTIPLY SINGLE (IMMEDIATE).
  t.Set(InsnId::kMH, &MulSingle32<R1s, MemX16s>);
  t.Set(InsnId::kMHY, &MulSingle32<R1s, MemX16s>);
  t.Set(InsnId::kMHI, &MulSingle32<R1s, Imm16s>);
  t.Set(InsnId::kMSR, &MulSingle32<R1s, R2s>);
  t.Set(InsnId::kMS, &MulSingle32<R1s, MemX32s>);
  t.Set(InsnId::kMSY, &MulSingle32<R1s, MemX32s>);
  t.Set(InsnId::kMSFI, &MulSingle32<R1s, Imm32s>);
  t.Set(InsnId::kMGH, &MulSingle64<G1s, MemX16sx>);
  t.Set(InsnId::kMGHI, &MulSingle64<G1s, Imm16sx>);
  t.Set(InsnId::kMSGR, &MulSingle64<G1s, G2s>);
  t.Set(InsnId::kMSGFR, &MulSingle64<G1s, R2sx>);
  t.Set(InsnId::kMSG, &MulSingle64<G1s, MemX64s>);
  t.Set(InsnId::kMSGF, &MulSingle64<G1s, MemX32sx>);
  t.Set(InsnId::kMSGFI, &MulSingle64<G1s, Imm32sx>);
  // MULTIPLY SINGLE with CC (miscellaneous-instruction-extensions facility 2).
  t.Set(InsnId::kMSC, &MulSingleCc32<R1s, MemX32s>);
  t.Set(InsnId::kMSRKC, &MulSingleCc32<R2s, R3s>);
  t.Set(InsnId::kMSGC, &MulSingleCc64<G1s, MemX64s>);
  t.Set(InsnId::kMSGRKC, &MulSingleCc64<G2s, G3s>);

  // DIVIDE, DIVIDE LOGICAL, DIVIDE SINGLE.
  t.Set(InsnId::kDR, &Divide32<R2s>);
  t.Set(InsnId::kD, &Divide32<MemX32s>);
  t.Set(InsnId::kDLR, &DivideLogical32<R2u>);
  t.Set(InsnId::kDL, &DivideLogical32<MemX32u>);
  t.Set(InsnId::kDLGR, &DivideLogical64<G2u>);
  t.Set(InsnId::kDLG, &DivideLogical64<MemX64u>);
  t.Set(InsnId::kDSGR, &DivideSingle64<G2s>);
  t.Set(InsnId::kDSGFR, &DivideSingle64<R2sx>);
  t.Set(InsnId::kDSG, &DivideSingle64<MemX64s>);
  t.Set(InsnId::kDSGF, &DivideSingle64<MemX32sx>);
}

}  // namespace s390vmm::interp
