// Instruction family: logical AND / OR / EXCLUSIVE OR (register, storage, immediate and SI forms, and the
// miscellaneous-instruction-extensions-3 NAND/NOR/NXOR/AND-with-complement/OR-with-complement), TEST UNDER
// MASK, INSERT IMMEDIATE, LOAD LOGICAL IMMEDIATE and POPULATION COUNT.
//
// CC of the Boolean operations: 0 result zero, 1 result not zero; for the immediate forms that change a
// part of R1, "result" is that part only (PoP AND IMMEDIATE).
#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/fixed_point_operands.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using namespace operands;  // NOLINT: the fetchers are this file's vocabulary

enum class BitOp { kAnd, kOr, kXor, kAndWithComplement, kOrWithComplement, kNand, kNor, kNotXor };

template <BitOp kOp, typename T>
constexpr T Apply(T a, T b) {
  switch (kOp) {
    case BitOp::kAnd: return a & b;
    case BitOp::kOr: return a | b;
    case BitOp::kXor: return a ^ b;
    case BitOp::kAndWithComplement: return a & ~b;
    case BitOp::kOrWithComplement: return a | static_cast<T>(~b);
    case BitOp::kNand: return static_cast<T>(~(a & b));
    case BitOp::kNor: return static_cast<T>(~(a | b));
    case BitOp::kNotXor: return static_cast<T>(~(a ^ b));
  }
  return a;
}

// R1 <- A op B (bits 32-63 of R1, or all of it).
template <BitOp kOp, Fetch32u kA, Fetch32u kB>
void Bitwise32(ExecContext& cpu, const Insn& i) {
  const uint32_t a = kA(cpu, i), b = kB(cpu, i);
  const uint32_t r = Apply<kOp>(a, b);
  cpu.s.set_gr_low(i.ops.r1, r);
  cpu.SetCc(CcZero(r));
}
template <BitOp kOp, Fetch64u kA, Fetch64u kB>
void Bitwise64(ExecContext& cpu, const Insn& i) {
  const uint64_t a = kA(cpu, i), b = kB(cpu, i);
  const uint64_t r = Apply<kOp>(a, b);
  cpu.s.gr[i.ops.r1] = r;
  cpu.SetCc(CcZero(r));
}

// NI, OI, XI and their long-displacement forms: a byte of storage op I2. The fetch and store are one
// interlocked update (as with the interlocked-access facility 2), so that concurrent bit updates by
// other CPUs on neighbouring bits are never lost.
template <BitOp kOp>
void BitwiseStorageImmediate(ExecContext& cpu, const Insn& i) {
  const uint64_t addr = AddrB1(cpu, i);
  const uint8_t imm = static_cast<uint8_t>(i.ops.i2);
  (void)cpu.Load<uint8_t>(addr);  // the fetch access (a TLB hit on the fast path)
  uint8_t* p = cpu.Access(addr, 1, AccessType::kStore);
  uint8_t r;
  if constexpr (kOp == BitOp::kAnd) {
    r = __atomic_and_fetch(p, imm, __ATOMIC_SEQ_CST);
  } else if constexpr (kOp == BitOp::kOr) {
    r = __atomic_or_fetch(p, imm, __ATOMIC_SEQ_CST);
  } else {
    r = __atomic_xor_fetch(p, imm, __ATOMIC_SEQ_CST);
  }
  cpu.SetCc(CcZero(r));
}

// NIHF ... XILF: I2 op the 16- or 32-bit part of R1 that starts kShift bits from the right.
template <BitOp kOp, int kShift, int kBits>
void BitwiseImmediate(ExecContext& cpu, const Insn& i) {
  constexpr uint64_t kField = ((uint64_t{1} << kBits) - 1) << kShift;
  const uint64_t imm = (static_cast<uint64_t>(static_cast<uint32_t>(i.ops.i2)) << kShift) & kField;
  uint64_t& reg = cpu.s.gr[i.ops.r1];
  uint64_t r;
  if constexpr (kOp == BitOp::kAnd) {
    r = reg & (imm | ~kField);
  } else if constexpr (kOp == BitOp::kOr) {
    r = reg | imm;
  } else {
    r = reg ^ imm;
  }
  reg = r;
  cpu.SetCc(CcZero(r & kField));
}

// INSERT IMMEDIATE: the part of R1 is replaced, the rest is unchanged, no CC.
template <int kShift, int kBits>
void InsertImmediate(ExecContext& cpu, const Insn& i) {
  constexpr uint64_t kField = ((uint64_t{1} << kBits) - 1) << kShift;
  const uint64_t imm = (static_cast<uint64_t>(static_cast<uint32_t>(i.ops.i2)) << kShift) & kField;
  uint64_t& reg = cpu.s.gr[i.ops.r1];
  reg = (reg & ~kField) | imm;
}

// LOAD LOGICAL IMMEDIATE: R1 <- I2 in the part, zeros elsewhere.
template <int kShift, int kBits>
void LoadLogicalImmediate(ExecContext& cpu, const Insn& i) {
  constexpr uint64_t kField = ((uint64_t{1} << kBits) - 1) << kShift;
  cpu.s.gr[i.ops.r1] = (static_cast<uint64_t>(static_cast<uint32_t>(i.ops.i2)) << kShift) & kField;
}

// TEST UNDER MASK (TMLL, TMLH, TMHL, TMHH): CC 0 selected bits all zero (or mask zero), 1 mixed with the
// leftmost selected bit zero, 2 mixed with it one, 3 all ones.
template <int kShift>
void TestUnderMaskRegister(ExecContext& cpu, const Insn& i) {
  const uint16_t mask = static_cast<uint16_t>(i.ops.i2);
  const uint16_t selected = static_cast<uint16_t>(cpu.s.gr[i.ops.r1] >> kShift) & mask;
  uint8_t cc;
  if (selected == 0) {
    cc = 0;
  } else if (selected == mask) {
    cc = 3;
  } else {
    const uint16_t leftmost = static_cast<uint16_t>(0x8000u >> __builtin_clz(uint32_t{mask} << 16));
    cc = (selected & leftmost) ? 2 : 1;
  }
  cpu.SetCc(cc);
}

// TM, TMY: a storage byte under the I2 mask; CC 0 all zero (or mask zero), 1 mixed, 3 all ones.
void TestUnderMaskStorage(ExecContext& cpu, const Insn& i) {
  const uint8_t mask = static_cast<uint8_t>(i.ops.i2);
  const uint8_t selected = cpu.Load<uint8_t>(AddrB1(cpu, i)) & mask;
  cpu.SetCc(selected == 0 ? 0 : selected == mask ? 3 : 1);
}

// POPCNT: the number of one bits of each byte of R2 in the corresponding byte of R1, or (bit 0 of M3
// with the miscellaneous-instruction-extensions facility 3) the count of all 64 bits in R1.
// CC 0 when R2 is zero, 1 otherwise.
void PopulationCount(ExecContext& cpu, const Insn& i) {
  const uint64_t v = cpu.s.gr[i.ops.r2];
  uint64_t r;
  if ((i.ops.m3 & 8) && cpu.model().Has(isa::Facility::kMiscInstructionExtensions3)) {
    r = static_cast<uint64_t>(__builtin_popcountll(v));
  } else {
    // SWAR per-byte count: no byte's count can carry into its neighbour.
    r = v - ((v >> 1) & 0x5555555555555555ull);
    r = (r & 0x3333333333333333ull) + ((r >> 2) & 0x3333333333333333ull);
    r = (r + (r >> 4)) & 0x0f0f0f0f0f0f0f0full;
  }
  cpu.s.gr[i.ops.r1] = r;
  cpu.SetCc(CcZero(v));
}

}  // namespace

void RegisterLogical(HandlerTable& table) {
  constexpr BitOp kAnd = BitOp::kAnd, kOr = BitOp::kOr, kXor = BitOp::kXor;
  // AND.
  table.Set<&Bitwise32<kAnd, R1u, R2u>>(InsnId::kNR);
  table.Set<&Bitwise32<kAnd, R1u, MemX32u>>(InsnId::kN);
  table.Set<&Bitwise32<kAnd, R1u, MemX32u>>(InsnId::kNY);
  table.Set<&Bitwise32<kAnd, R2u, R3u>>(InsnId::kNRK);
  table.Set<&Bitwise64<kAnd, G1u, G2u>>(InsnId::kNGR);
  table.Set<&Bitwise64<kAnd, G1u, MemX64u>>(InsnId::kNG);
  table.Set<&Bitwise64<kAnd, G2u, G3u>>(InsnId::kNGRK);
  table.Set<&BitwiseStorageImmediate<kAnd>>(InsnId::kNI);
  table.Set<&BitwiseStorageImmediate<kAnd>>(InsnId::kNIY);
  table.Set<&BitwiseImmediate<kAnd, 32, 32>>(InsnId::kNIHF);
  table.Set<&BitwiseImmediate<kAnd, 0, 32>>(InsnId::kNILF);
  table.Set<&BitwiseImmediate<kAnd, 48, 16>>(InsnId::kNIHH);
  table.Set<&BitwiseImmediate<kAnd, 32, 16>>(InsnId::kNIHL);
  table.Set<&BitwiseImmediate<kAnd, 16, 16>>(InsnId::kNILH);
  table.Set<&BitwiseImmediate<kAnd, 0, 16>>(InsnId::kNILL);
  // OR.
  table.Set<&Bitwise32<kOr, R1u, R2u>>(InsnId::kOR);
  table.Set<&Bitwise32<kOr, R1u, MemX32u>>(InsnId::kO);
  table.Set<&Bitwise32<kOr, R1u, MemX32u>>(InsnId::kOY);
  table.Set<&Bitwise32<kOr, R2u, R3u>>(InsnId::kORK);
  table.Set<&Bitwise64<kOr, G1u, G2u>>(InsnId::kOGR);
  table.Set<&Bitwise64<kOr, G1u, MemX64u>>(InsnId::kOG);
  table.Set<&Bitwise64<kOr, G2u, G3u>>(InsnId::kOGRK);
  table.Set<&BitwiseStorageImmediate<kOr>>(InsnId::kOI);
  table.Set<&BitwiseStorageImmediate<kOr>>(InsnId::kOIY);
  table.Set<&BitwiseImmediate<kOr, 32, 32>>(InsnId::kOIHF);
  table.Set<&BitwiseImmediate<kOr, 0, 32>>(InsnId::kOILF);
  table.Set<&BitwiseImmediate<kOr, 48, 16>>(InsnId::kOIHH);
  table.Set<&BitwiseImmediate<kOr, 32, 16>>(InsnId::kOIHL);
  table.Set<&BitwiseImmediate<kOr, 16, 16>>(InsnId::kOILH);
  table.Set<&BitwiseImmediate<kOr, 0, 16>>(InsnId::kOILL);
  // EXCLUSIVE OR.
  table.Set<&Bitwise32<kXor, R1u, R2u>>(InsnId::kXR);
  table.Set<&Bitwise32<kXor, R1u, MemX32u>>(InsnId::kX);
  table.Set<&Bitwise32<kXor, R1u, MemX32u>>(InsnId::kXY);
  table.Set<&Bitwise32<kXor, R2u, R3u>>(InsnId::kXRK);
  table.Set<&Bitwise64<kXor, G1u, G2u>>(InsnId::kXGR);
  table.Set<&Bitwise64<kXor, G1u, MemX64u>>(InsnId::kXG);
  table.Set<&Bitwise64<kXor, G2u, G3u>>(InsnId::kXGRK);
  table.Set<&BitwiseStorageImmediate<kXor>>(InsnId::kXI);
  table.Set<&BitwiseStorageImmediate<kXor>>(InsnId::kXIY);
  table.Set<&BitwiseImmediate<kXor, 32, 32>>(InsnId::kXIHF);
  table.Set<&BitwiseImmediate<kXor, 0, 32>>(InsnId::kXILF);
  // Miscellaneous-instruction-extensions facility 3: R1 <- R2 op R3.
  table.Set<&Bitwise32<BitOp::kAndWithComplement, R2u, R3u>>(InsnId::kNCRK);
  table.Set<&Bitwise64<BitOp::kAndWithComplement, G2u, G3u>>(InsnId::kNCGRK);
  table.Set<&Bitwise32<BitOp::kOrWithComplement, R2u, R3u>>(InsnId::kOCRK);
  table.Set<&Bitwise64<BitOp::kOrWithComplement, G2u, G3u>>(InsnId::kOCGRK);
  table.Set<&Bitwise32<BitOp::kNand, R2u, R3u>>(InsnId::kNNRK);
  table.Set<&Bitwise64<BitOp::kNand, G2u, G3u>>(InsnId::kNNGRK);
  table.Set<&Bitwise32<BitOp::kNor, R2u, R3u>>(InsnId::kNORK);
  table.Set<&Bitwise64<BitOp::kNor, G2u, G3u>>(InsnId::kNOGRK);
  table.Set<&Bitwise32<BitOp::kNotXor, R2u, R3u>>(InsnId::kNXRK);
  table.Set<&Bitwise64<BitOp::kNotXor, G2u, G3u>>(InsnId::kNXGRK);

  // TEST UNDER MASK.
  table.Set<&TestUnderMaskRegister<0>>(InsnId::kTMLL);
  table.Set<&TestUnderMaskRegister<16>>(InsnId::kTMLH);
  table.Set<&TestUnderMaskRegister<32>>(InsnId::kTMHL);
  table.Set<&TestUnderMaskRegister<48>>(InsnId::kTMHH);
  table.Set<&TestUnderMaskStorage>(InsnId::kTM);
  table.Set<&TestUnderMaskStorage>(InsnId::kTMY);

  // INSERT IMMEDIATE, LOAD LOGICAL IMMEDIATE.
  table.Set<&InsertImmediate<32, 32>>(InsnId::kIIHF);
  table.Set<&InsertImmediate<0, 32>>(InsnId::kIILF);
  table.Set<&InsertImmediate<48, 16>>(InsnId::kIIHH);
  table.Set<&InsertImmediate<32, 16>>(InsnId::kIIHL);
  table.Set<&InsertImmediate<16, 16>>(InsnId::kIILH);
  table.Set<&InsertImmediate<0, 16>>(InsnId::kIILL);
  table.Set<&LoadLogicalImmediate<32, 32>>(InsnId::kLLIHF);
  table.Set<&LoadLogicalImmediate<0, 32>>(InsnId::kLLILF);
  table.Set<&LoadLogicalImmediate<48, 16>>(InsnId::kLLIHH);
  table.Set<&LoadLogicalImmediate<32, 16>>(InsnId::kLLIHL);
  table.Set<&LoadLogicalImmediate<16, 16>>(InsnId::kLLILH);
  table.Set<&LoadLogicalImmediate<0, 16>>(InsnId::kLLILL);

  table.Set<&PopulationCount>(InsnId::kPOPCNT);
}

}  // namespace s390vmm::interp
