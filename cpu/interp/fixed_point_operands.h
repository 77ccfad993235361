// File: cpu/interp/fixed_point_operands.h
//
// Operand fetchers of the fixed-point, logical and shift families (private to cpu/interp). Each is a tiny
// inline function `T Fetch(ExecContext&, const Insn&)` that returns one operand already extended to the
// width of the operation; handlers take two of them as template arguments, so `Add32<R1s, MemX16s>` reads
// "R1 (bits 32-63, signed) + halfword at D2(X2,B2)". Fetchers only read: a storage fetcher raises its
// access exception before the handler has changed anything.
//
// Naming: R1/R2/R3 = bits 32-63 of a register, R1h.. = bits 0-31, G1.. = all 64 bits; s/u = signed /
// unsigned; a trailing x = extended to 64 bits. MemX = D2(X2,B2) (RX, RXY), MemB1 = D1(B1) (SI, SIY, SIL),
// Rel = the relative-long operand at the instruction address + 2 * I2 (RIL-b). Immediates are taken from
// their field width, whatever sign the decoder gave them.
#ifndef S390VMM_CPU_INTERP_FIXED_POINT_OPERANDS_H_
#define S390VMM_CPU_INTERP_FIXED_POINT_OPERANDS_H_

#include <cstdint>

#include "absl/base/optimization.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp::operands {

using Fetch32s = int32_t (*)(ExecContext&, const Insn&);
using Fetch32u = uint32_t (*)(ExecContext&, const Insn&);
using Fetch64s = int64_t (*)(ExecContext&, const Insn&);
using Fetch64u = uint64_t (*)(ExecContext&, const Insn&);

// --- Registers ---------------------------------------------------------------------------------------------
inline int32_t R1s(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.s.gr[i.ops.r1]); }
inline int32_t R2s(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.s.gr[i.ops.r2]); }
inline int32_t R3s(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.s.gr[i.ops.r3]); }
inline uint32_t R1u(ExecContext& c, const Insn& i) { return static_cast<uint32_t>(c.s.gr[i.ops.r1]); }
inline uint32_t R2u(ExecContext& c, const Insn& i) { return static_cast<uint32_t>(c.s.gr[i.ops.r2]); }
inline uint32_t R3u(ExecContext& c, const Insn& i) { return static_cast<uint32_t>(c.s.gr[i.ops.r3]); }
inline int32_t R1hs(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.s.gr[i.ops.r1] >> 32); }
inline int32_t R2hs(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.s.gr[i.ops.r2] >> 32); }
inline int32_t R3hs(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.s.gr[i.ops.r3] >> 32); }
inline uint32_t R1hu(ExecContext& c, const Insn& i) { return static_cast<uint32_t>(c.s.gr[i.ops.r1] >> 32); }
inline uint32_t R2hu(ExecContext& c, const Insn& i) { return static_cast<uint32_t>(c.s.gr[i.ops.r2] >> 32); }
inline uint32_t R3hu(ExecContext& c, const Insn& i) { return static_cast<uint32_t>(c.s.gr[i.ops.r3] >> 32); }
inline int64_t G1s(ExecContext& c, const Insn& i) { return static_cast<int64_t>(c.s.gr[i.ops.r1]); }
inline int64_t G2s(ExecContext& c, const Insn& i) { return static_cast<int64_t>(c.s.gr[i.ops.r2]); }
inline int64_t G3s(ExecContext& c, const Insn& i) { return static_cast<int64_t>(c.s.gr[i.ops.r3]); }
inline uint64_t G1u(ExecContext& c, const Insn& i) { return c.s.gr[i.ops.r1]; }
inline uint64_t G2u(ExecContext& c, const Insn& i) { return c.s.gr[i.ops.r2]; }
inline uint64_t G3u(ExecContext& c, const Insn& i) { return c.s.gr[i.ops.r3]; }
inline int64_t R2sx(ExecContext& c, const Insn& i) { return R2s(c, i); }
inline uint64_t R2ux(ExecContext& c, const Insn& i) { return R2u(c, i); }

// --- Storage at D2(X2,B2) ------------------------------------------------------------------------------------
inline int32_t MemX32s(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.Load<uint32_t>(AddrX2(c, i))); }
inline uint32_t MemX32u(ExecContext& c, const Insn& i) { return c.Load<uint32_t>(AddrX2(c, i)); }
inline int32_t MemX16s(ExecContext& c, const Insn& i) { return static_cast<int16_t>(c.Load<uint16_t>(AddrX2(c, i))); }
inline int64_t MemX64s(ExecContext& c, const Insn& i) { return static_cast<int64_t>(c.Load<uint64_t>(AddrX2(c, i))); }
inline uint64_t MemX64u(ExecContext& c, const Insn& i) { return c.Load<uint64_t>(AddrX2(c, i)); }
inline int64_t MemX32sx(ExecContext& c, const Insn& i) { return MemX32s(c, i); }
inline uint64_t MemX32ux(ExecContext& c, const Insn& i) { return MemX32u(c, i); }
inline int64_t MemX16sx(ExecContext& c, const Insn& i) { return MemX16s(c, i); }

// --- Storage at D1(B1) (SI, SIY, SIL) --------------------------------------------------------------------------
inline int32_t MemB1_32s(ExecContext& c, const Insn& i) { return static_cast<int32_t>(c.Load<uint32_t>(AddrB1(c, i))); }
inline uint32_t MemB1_32u(ExecContext& c, const Insn& i) { return c.Load<uint32_t>(AddrB1(c, i)); }
inline int32_t MemB1_16s(ExecContext& c, const Insn& i) { return static_cast<int16_t>(c.Load<uint16_t>(AddrB1(c, i))); }
inline uint32_t MemB1_16u(ExecContext& c, const Insn& i) { return c.Load<uint16_t>(AddrB1(c, i)); }
inline int64_t MemB1_64s(ExecContext& c, const Insn& i) { return static_cast<int64_t>(c.Load<uint64_t>(AddrB1(c, i))); }
inline uint64_t MemB1_64u(ExecContext& c, const Insn& i) { return c.Load<uint64_t>(AddrB1(c, i)); }

// --- Immediates (I2) --------------------------------------------------------------------------------------------
inline int32_t Imm16s(ExecContext&, const Insn& i) { return static_cast<int16_t>(i.ops.i2); }
inline int32_t Imm32s(ExecContext&, const Insn& i) { return static_cast<int32_t>(i.ops.i2); }
inline int64_t Imm16sx(ExecContext&, const Insn& i) { return static_cast<int16_t>(i.ops.i2); }
inline int64_t Imm32sx(ExecContext&, const Insn& i) { return static_cast<int32_t>(i.ops.i2); }
inline uint32_t Imm16u(ExecContext&, const Insn& i) { return static_cast<uint16_t>(i.ops.i2); }
inline uint32_t Imm32u(ExecContext&, const Insn& i) { return static_cast<uint32_t>(i.ops.i2); }
inline uint64_t Imm16ux(ExecContext&, const Insn& i) { return static_cast<uint16_t>(i.ops.i2); }
inline uint64_t Imm32ux(ExecContext&, const Insn& i) { return static_cast<uint32_t>(i.ops.i2); }
// Signed immediates added as unsigned numbers (ADD LOGICAL WITH SIGNED IMMEDIATE).
inline uint32_t Imm16su(ExecContext&, const Insn& i) {
  return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(i.ops.i2)));
}
inline uint64_t Imm16sxu(ExecContext&, const Insn& i) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(i.ops.i2)));
}

// --- Relative-long storage operands (RIL-b) ---------------------------------------------------------------------
// The operand must lie on an integral boundary of its size (PoP COMPARE RELATIVE LONG): a specification
// exception otherwise. Halfword operands are always aligned (the address is the instruction's + 2 * I2).
template <typename T>
inline T LoadRelative(ExecContext& c, const Insn& i) {
  const uint64_t addr = RelativeAddr(c, static_cast<int32_t>(i.ops.i2));
  if (ABSL_PREDICT_FALSE(addr & (sizeof(T) - 1))) SpecificationException();
  return c.Load<T>(addr);
}
inline int32_t Rel32s(ExecContext& c, const Insn& i) { return static_cast<int32_t>(LoadRelative<uint32_t>(c, i)); }
inline uint32_t Rel32u(ExecContext& c, const Insn& i) { return LoadRelative<uint32_t>(c, i); }
inline int32_t Rel16s(ExecContext& c, const Insn& i) { return static_cast<int16_t>(LoadRelative<uint16_t>(c, i)); }
inline uint32_t Rel16u(ExecContext& c, const Insn& i) { return LoadRelative<uint16_t>(c, i); }
inline int64_t Rel64s(ExecContext& c, const Insn& i) { return static_cast<int64_t>(LoadRelative<uint64_t>(c, i)); }
inline uint64_t Rel64u(ExecContext& c, const Insn& i) { return LoadRelative<uint64_t>(c, i); }
inline int64_t Rel32sx(ExecContext& c, const Insn& i) { return Rel32s(c, i); }
inline uint64_t Rel32ux(ExecContext& c, const Insn& i) { return Rel32u(c, i); }
inline int64_t Rel16sx(ExecContext& c, const Insn& i) { return Rel16s(c, i); }
inline uint64_t Rel16ux(ExecContext& c, const Insn& i) { return Rel16u(c, i); }

}  // namespace s390vmm::interp::operands

namespace s390vmm::interp {
// Multiply and divide (fixed_point_muldiv.cc); called by RegisterFixedPoint.
void RegisterFixedPointMulDiv(HandlerTable& table);
}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_FIXED_POINT_OPERANDS_H_
