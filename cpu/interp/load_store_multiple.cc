// Instruction family: loads and stores, continued — multiple registers (LM, STM and their 64-bit, high
// and access-register forms), characters under mask (ICM, STCM), access registers (EAR, SAR), and the
// conditional forms (LOAD/STORE ON CONDITION, SELECT).
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/load_store_helpers.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// The branch/selection condition of mask M: bit 8 >> CC.
inline bool CondMet(const ExecContext& cpu, uint8_t mask) { return (mask << cpu.cc()) & 8; }

// Number of registers R1..R3, wrapping from 15 to 0.
inline int RegisterCount(uint8_t r1, uint8_t r3) { return ((r3 - r1) & 15) + 1; }

// ---- Load / store multiple -------------------------------------------------------------------------------
// The operand is read (or checked for store) as a whole before any register (or byte) changes, so that an
// access exception on its second page leaves everything unchanged.

template <typename M, Part P>
void ExecLoadMultiple(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const int n = RegisterCount(r1, i.ops.r3);
  const uint64_t addr = AddrB2(cpu, i);
  uint8_t buf[16 * sizeof(M)];
  cpu.ReadBytes(addr, buf, n * sizeof(M));
  for (int k = 0; k < n; ++k) {
    SetPart<P>(cpu, (r1 + k) & 15, LoadBigEndian<M>(buf + k * sizeof(M)));
  }
}

template <typename M, Part P>
void ExecStoreMultiple(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const int n = RegisterCount(r1, i.ops.r3);
  const uint64_t addr = AddrB2(cpu, i);
  uint8_t buf[16 * sizeof(M)];
  for (int k = 0; k < n; ++k) {
    StoreBigEndian<M>(buf + k * sizeof(M), static_cast<M>(GetPart<P>(cpu, (r1 + k) & 15)));
  }
  cpu.WriteBytes(addr, buf, n * sizeof(M));
}

// LOAD MULTIPLE DISJOINT (SS-e): bits 0-31 of R1..R3 from the second operand, bits 32-63 from the fourth.
void ExecLMD(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const int n = RegisterCount(r1, i.ops.r3);
  uint8_t high[64];
  uint8_t low[64];
  cpu.ReadBytes(AddrB2(cpu, i), high, n * 4);
  cpu.ReadBytes(cpu.Address(i.ops.b4, 0, i.ops.d4), low, n * 4);
  for (int k = 0; k < n; ++k) {
    cpu.s.gr[(r1 + k) & 15] = uint64_t{LoadBigEndian<uint32_t>(high + 4 * k)} << 32 | LoadBigEndian<uint32_t>(low + 4 * k);
  }
}

// LAM LAMY / STAM STAMY: access registers R1..R3; the operand must be word aligned.
void ExecLAM(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const int n = RegisterCount(r1, i.ops.r3);
  const uint64_t addr = AddrB2(cpu, i);
  RequireAligned(addr, 4);
  uint8_t buf[64];
  cpu.ReadBytes(addr, buf, n * 4);
  for (int k = 0; k < n; ++k) cpu.s.ar[(r1 + k) & 15] = LoadBigEndian<uint32_t>(buf + 4 * k);
}

void ExecSTAM(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const int n = RegisterCount(r1, i.ops.r3);
  const uint64_t addr = AddrB2(cpu, i);
  RequireAligned(addr, 4);
  uint8_t buf[64];
  for (int k = 0; k < n; ++k) StoreBigEndian<uint32_t>(buf + 4 * k, cpu.s.ar[(r1 + k) & 15]);
  cpu.WriteBytes(addr, buf, n * 4);
}

// EXTRACT ACCESS / SET ACCESS (problem state allowed; glibc keeps the thread pointer in AR0/AR1).
void ExecEAR(ExecContext& cpu, const Insn& i) { cpu.s.set_gr_low(i.ops.r1, cpu.s.ar[i.ops.r2]); }
void ExecSAR(ExecContext& cpu, const Insn& i) { cpu.s.ar[i.ops.r1] = cpu.s.gr_low(i.ops.r2); }

// ---- Characters under mask -------------------------------------------------------------------------------
// M3 selects bytes of the 32-bit register part (leftmost mask bit = leftmost byte); the selected bytes are
// contiguous in storage.

// ICM ICMY ICMH. CC: 0 all inserted bits zero (or mask zero), 1 leftmost inserted bit one, 2 otherwise.
template <Part P>
void ExecInsertCharsUnderMask(ExecContext& cpu, const Insn& i) {
  const uint8_t m3 = i.ops.m3;
  if (m3 == 0) {
    cpu.SetCc(0);
    return;
  }
  const int n = __builtin_popcount(m3);
  uint8_t buf[4];
  cpu.ReadBytes(AddrB2(cpu, i), buf, n);
  uint32_t v = GetPart<P>(cpu, i.ops.r1);
  int k = 0;
  for (int byte = 0; byte < 4; ++byte) {
    if (m3 & (8 >> byte)) {
      const int shift = 24 - 8 * byte;
      v = (v & ~(0xffu << shift)) | uint32_t{buf[k++]} << shift;
    }
  }
  SetPart<P>(cpu, i.ops.r1, v);
  uint8_t cc = 0;
  for (int b = 0; b < n; ++b) {
    if (buf[b] != 0) {
      cc = (buf[0] & 0x80) ? 1 : 2;
      break;
    }
  }
  cpu.SetCc(cc);
}

// STCM STCMY STCMH.
template <Part P>
void ExecStoreCharsUnderMask(ExecContext& cpu, const Insn& i) {
  const uint8_t m3 = i.ops.m3;
  if (m3 == 0) return;
  const uint32_t v = GetPart<P>(cpu, i.ops.r1);
  uint8_t buf[4];
  int n = 0;
  for (int byte = 0; byte < 4; ++byte) {
    if (m3 & (8 >> byte)) buf[n++] = static_cast<uint8_t>(v >> (24 - 8 * byte));
  }
  cpu.WriteBytes(AddrB2(cpu, i), buf, n);
}

// ---- On condition ----------------------------------------------------------------------------------------
// When the M3 condition is not met nothing is changed and the storage operand is not accessed.

// LOCR LOCGR LOCFHR: R2's part into R1's part. LOCFHR moves bits 0-31 to bits 0-31.
template <Part P>
void ExecLoadOnCondReg(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m3)) SetPart<P>(cpu, i.ops.r1, GetPart<P>(cpu, i.ops.r2));
}

// LOC LOCG LOCFH.
template <Part P>
void ExecLoadOnCond(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m3)) SetPart<P>(cpu, i.ops.r1, cpu.Load<PartType<P>>(AddrB2(cpu, i)));
}

// STOC STOCG STOCFH.
template <Part P>
void ExecStoreOnCond(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m3)) cpu.Store<PartType<P>>(AddrB2(cpu, i), GetPart<P>(cpu, i.ops.r1));
}

// LOCHI LOCGHI LOCHHI: the signed 16-bit I2.
template <Part P>
void ExecLoadImmOnCond(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m3)) {
    SetPart<P>(cpu, i.ops.r1, static_cast<PartType<P>>(static_cast<int16_t>(i.ops.i2)));
  }
}

// SELR SELGR SELFHR (RRF-a: R1,R2,R3,M4): R2's part if the condition holds, else R3's.
template <Part P>
void ExecSelect(ExecContext& cpu, const Insn& i) {
  const PartType<P> v = CondMet(cpu, i.ops.m4) ? GetPart<P>(cpu, i.ops.r2) : GetPart<P>(cpu, i.ops.r3);
  SetPart<P>(cpu, i.ops.r1, v);
}

}  // namespace

void RegisterLoadStoreMultiple(HandlerTable& table) {
  constexpr Part kLow = Part::kLow;
  constexpr Part kFull = Part::kFull;
  constexpr Part kHigh = Part::kHigh;

  table.Set<&ExecLoadMultiple<uint32_t, kLow>>(InsnId::kLM);
  table.Set<&ExecLoadMultiple<uint32_t, kLow>>(InsnId::kLMY);
  table.Set<&ExecLoadMultiple<uint64_t, kFull>>(InsnId::kLMG);
  table.Set<&ExecLoadMultiple<uint32_t, kHigh>>(InsnId::kLMH);
  table.Set<&ExecLMD>(InsnId::kLMD);
  table.Set<&ExecStoreMultiple<uint32_t, kLow>>(InsnId::kSTM);
  table.Set<&ExecStoreMultiple<uint32_t, kLow>>(InsnId::kSTMY);
  table.Set<&ExecStoreMultiple<uint64_t, kFull>>(InsnId::kSTMG);
  table.Set<&ExecStoreMultiple<uint32_t, kHigh>>(InsnId::kSTMH);
  table.Set<&ExecLAM>(InsnId::kLAM);
  table.Set<&ExecLAM>(InsnId::kLAMY);
  table.Set<&ExecSTAM>(InsnId::kSTAM);
  table.Set<&ExecSTAM>(InsnId::kSTAMY);
  table.Set<&ExecEAR>(InsnId::kEAR);
  table.Set<&ExecSAR>(InsnId::kSAR);

  table.Set<&ExecInsertCharsUnderMask<kLow>>(InsnId::kICM);
  table.Set<&ExecInsertCharsUnderMask<kLow>>(InsnId::kICMY);
  table.Set<&ExecInsertCharsUnderMask<kHigh>>(InsnId::kICMH);
  table.Set<&ExecStoreCharsUnderMask<kLow>>(InsnId::kSTCM);
  table.Set<&ExecStoreCharsUnderMask<kLow>>(InsnId::kSTCMY);
  table.Set<&ExecStoreCharsUnderMask<kHigh>>(InsnId::kSTCMH);

  table.Set<&ExecLoadOnCondReg<kLow>>(InsnId::kLOCR);
  table.Set<&ExecLoadOnCondReg<kFull>>(InsnId::kLOCGR);
  table.Set<&ExecLoadOnCondReg<kHigh>>(InsnId::kLOCFHR);
  table.Set<&ExecLoadOnCond<kLow>>(InsnId::kLOC);
  table.Set<&ExecLoadOnCond<kFull>>(InsnId::kLOCG);
  table.Set<&ExecLoadOnCond<kHigh>>(InsnId::kLOCFH);
  table.Set<&ExecStoreOnCond<kLow>>(InsnId::kSTOC);
  table.Set<&ExecStoreOnCond<kFull>>(InsnId::kSTOCG);
  table.Set<&ExecStoreOnCond<kHigh>>(InsnId::kSTOCFH);
  table.Set<&ExecLoadImmOnCond<kLow>>(InsnId::kLOCHI);
  table.Set<&ExecLoadImmOnCond<kFull>>(InsnId::kLOCGHI);
  table.Set<&ExecLoadImmOnCond<kHigh>>(InsnId::kLOCHHI);
  table.Set<&ExecSelect<kLow>>(InsnId::kSELR);
  table.Set<&ExecSelect<kFull>>(InsnId::kSELGR);
  table.Set<&ExecSelect<kHigh>>(InsnId::kSELFHR);
}

}  // namespace s390vmm::interp
