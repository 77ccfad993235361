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

void RegisterFixedPointMulDiv(HandlerTable& table) {
  // MULTIPLY (into a pair).
  table.Set<&Mul32Pair<R2s>>(InsnId::kMR);
  table.Set<&Mul32Pair<MemX32s>>(InsnId::kM);
  table.Set<&Mul32Pair<MemX32s>>(InsnId::kMFY);
  table.Set<&Mul64Pair<G1PlusOneS, MemX64s>>(InsnId::kMG);
  table.Set<&Mul64Pair<G2s, G3s>>(InsnId::kMGRK);
  // MULTIPLY LOGICAL.
  table.Set<&MulLogical32Pair<R2u>>(InsnId::kMLR);
  table.Set<&MulLogical32Pair<MemX32u>>(InsnId::kML);
  table.Set<&MulLogical64Pair<G2u>>(InsnId::kMLGR);
  table.Set<&MulLogical64Pair<MemX64u>>(InsnId::kMLG);
  // MULTIPLY HALFWORD (IMMEDIATE), MULTIPLY SINGLE (IMMEDIATE).
  table.Set<&MulSingle32<R1s, MemX16s>>(InsnId::kMH);
  table.Set<&MulSingle32<R1s, MemX16s>>(InsnId::kMHY);
  table.Set<&MulSingle32<R1s, Imm16s>>(InsnId::kMHI);
  table.Set<&MulSingle32<R1s, R2s>>(InsnId::kMSR);
  table.Set<&MulSingle32<R1s, MemX32s>>(InsnId::kMS);
  table.Set<&MulSingle32<R1s, MemX32s>>(InsnId::kMSY);
  table.Set<&MulSingle32<R1s, Imm32s>>(InsnId::kMSFI);
  table.Set<&MulSingle64<G1s, MemX16sx>>(InsnId::kMGH);
  table.Set<&MulSingle64<G1s, Imm16sx>>(InsnId::kMGHI);
  table.Set<&MulSingle64<G1s, G2s>>(InsnId::kMSGR);
  table.Set<&MulSingle64<G1s, R2sx>>(InsnId::kMSGFR);
  table.Set<&MulSingle64<G1s, MemX64s>>(InsnId::kMSG);
  table.Set<&MulSingle64<G1s, MemX32sx>>(InsnId::kMSGF);
  table.Set<&MulSingle64<G1s, Imm32sx>>(InsnId::kMSGFI);
  // MULTIPLY SINGLE with CC (miscellaneous-instruction-extensions facility 2).
  table.Set<&MulSingleCc32<R1s, MemX32s>>(InsnId::kMSC);
  table.Set<&MulSingleCc32<R2s, R3s>>(InsnId::kMSRKC);
  table.Set<&MulSingleCc64<G1s, MemX64s>>(InsnId::kMSGC);
  table.Set<&MulSingleCc64<G2s, G3s>>(InsnId::kMSGRKC);

  // DIVIDE, DIVIDE LOGICAL, DIVIDE SINGLE.
  table.Set<&Divide32<R2s>>(InsnId::kDR);
  table.Set<&Divide32<MemX32s>>(InsnId::kD);
  table.Set<&DivideLogical32<R2u>>(InsnId::kDLR);
  table.Set<&DivideLogical32<MemX32u>>(InsnId::kDL);
  table.Set<&DivideLogical64<G2u>>(InsnId::kDLGR);
  table.Set<&DivideLogical64<MemX64u>>(InsnId::kDLG);
  table.Set<&DivideSingle64<G2s>>(InsnId::kDSGR);
  table.Set<&DivideSingle64<R2sx>>(InsnId::kDSGFR);
  table.Set<&DivideSingle64<MemX64s>>(InsnId::kDSG);
  table.Set<&DivideSingle64<MemX32sx>>(InsnId::kDSGF);
}

}  // namespace s390vmm::interp
