// Instruction family: branches (PoP chapter 7, "General Instructions"): branch on condition, branch and
// link/save (with the architected link information of each addressing mode), branch and set mode, branch on
// count and on index, the relative forms, compare and branch/jump, and BRANCH INDIRECT ON CONDITION.
// Compare-and-trap and EXECUTE live in branch_trap_execute.cc.
//
// Every handler computes its branch address (and reads every register it needs) before it changes R1, since
// R1 may be the same register as X2, B2, R2 or R3.
#include <atomic>

#include "cpu/interp/branch_helpers.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// ---- Branch on condition --------------------------------------------------------------------------------

void ExecBC(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m1)) cpu.Branch(AddrX2(cpu, i));
}

void ExecBCR(ExecContext& cpu, const Insn& i) {
  const uint8_t r2 = i.ops.r2;
  if (r2 != 0) {
    if (CondMet(cpu, i.ops.m1)) cpu.Branch(cpu.s.gr[r2]);
    return;
  }
  // BCR 15,0 serializes; so does BCR 14,0 (fast-BCR-serialization facility). Other CPUs must see every
  // store of this one before any later access: a full fence on the host.
  if (i.ops.m1 >= 14) std::atomic_thread_fence(std::memory_order_seq_cst);
}

void ExecBRC(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m1)) cpu.Branch(RelTarget(cpu, i.ops.i2));
}

// BRCL 0 is the ftrace/static-key nop at every kernel function entry; BRCL 15 the long jump.
void ExecBRCL(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m1)) cpu.Branch(RelTarget(cpu, i.ops.i2));
}

// BRANCH INDIRECT ON CONDITION: the branch address is the doubleword at D2(X2,B2). It is fetched only when
// the branch is taken (the PoP leaves the access unpredictable otherwise).
void ExecBIC(ExecContext& cpu, const Insn& i) {
  if (CondMet(cpu, i.ops.m1)) cpu.Branch(cpu.Load<uint64_t>(AddrX2(cpu, i)));
}

// ---- Branch and link / save ------------------------------------------------------------------------------

void ExecBAL(ExecContext& cpu, const Insn& i) {
  const uint64_t target = AddrX2(cpu, i);
  const uint8_t r1 = i.ops.r1;
  cpu.s.gr[r1] = BalLinkInfo(cpu, i, cpu.s.gr[r1]);
  cpu.Branch(target);
}

void ExecBALR(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r2 = i.ops.r2;
  const uint64_t target = cpu.s.gr[r2];
  cpu.s.gr[r1] = BalLinkInfo(cpu, i, cpu.s.gr[r1]);
  if (r2 != 0) cpu.Branch(target);
}

void ExecBAS(ExecContext& cpu, const Insn& i) {
  const uint64_t target = AddrX2(cpu, i);
  const uint8_t r1 = i.ops.r1;
  cpu.s.gr[r1] = BasLinkInfo(cpu, cpu.s.gr[r1]);
  cpu.Branch(target);
}

void ExecBASR(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r2 = i.ops.r2;
  const uint64_t target = cpu.s.gr[r2];
  cpu.s.gr[r1] = BasLinkInfo(cpu, cpu.s.gr[r1]);
  if (r2 != 0) cpu.Branch(target);
}

// BRAS / BRASL: link like BAS, branch relative to this instruction (or to the EXECUTE target).
void ExecBRAS(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint64_t target = RelTarget(cpu, i.ops.i2);
  cpu.s.gr[r1] = BasLinkInfo(cpu, cpu.s.gr[r1]);
  cpu.Branch(target);
}

// ---- Branch and set mode ---------------------------------------------------------------------------------

// The addressing mode and instruction address that R2's contents designate (PoP "BRANCH AND SET MODE"):
// bit 63 on selects the 64-bit mode (address = bits 0-62, bit 63 taken as zero); otherwise bit 32 selects
// 31-bit (bits 33-63) or 24-bit (bits 40-63) mode.
void SetModeAndBranch(ExecContext& cpu, uint64_t r2_value) {
  AddressingMode mode;
  uint64_t target;
  if (r2_value & 1) {
    mode = AddressingMode::k64;
    target = r2_value & ~uint64_t{1};
  } else if (r2_value & 0x80000000u) {
    mode = AddressingMode::k31;
    target = r2_value & 0x7fffffffu;
  } else {
    mode = AddressingMode::k24;
    target = r2_value & 0xffffffu;
  }
  cpu.s.psw.set_addressing_mode(mode);
  cpu.PswChanged();
  cpu.Branch(target);
}

void ExecBSM(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r2 = i.ops.r2;
  const uint64_t r2_value = cpu.s.gr[r2];  // before R1 changes: R1 may be R2
  if (r1 != 0) {
    // Save the current mode: bit 63 set in the 64-bit mode (bits 0-62 unchanged), else bit 32 = PSW bit 32
    // (the basic-addressing-mode bit; bits 0-31 and 33-63 unchanged).
    uint64_t& g = cpu.s.gr[r1];
    switch (cpu.s.psw.addressing_mode()) {
      case AddressingMode::k64: g |= 1; break;
      case AddressingMode::k31: g |= 0x80000000u; break;
      default: g &= ~uint64_t{0x80000000u}; break;
    }
  }
  if (r2 != 0) SetModeAndBranch(cpu, r2_value);
}

void ExecBASSM(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r2 = i.ops.r2;
  const uint64_t r2_value = cpu.s.gr[r2];
  // Link information: like BAS in the 24/31-bit modes (bit 32 = basic-addressing-mode bit); in the 64-bit
  // mode the updated address with bit 63 set, which a later BSM turns back into the 64-bit mode.
  const uint64_t ia = UpdatedIa(cpu);
  uint64_t& g = cpu.s.gr[r1];
  switch (cpu.s.psw.addressing_mode()) {
    case AddressingMode::k64: g = ia | 1; break;
    case AddressingMode::k31: g = (g & kHighWord) | 0x80000000u | ia; break;
    default: g = (g & kHighWord) | ia; break;
  }
  if (r2 != 0) SetModeAndBranch(cpu, r2_value);
}

// ---- Branch on count -------------------------------------------------------------------------------------

void ExecBCT(ExecContext& cpu, const Insn& i) {
  const uint64_t target = AddrX2(cpu, i);
  const uint8_t r1 = i.ops.r1;
  const uint32_t v = cpu.s.gr_low(r1) - 1;
  cpu.s.set_gr_low(r1, v);
  if (v != 0) cpu.Branch(target);
}

void ExecBCTR(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint8_t r2 = i.ops.r2;
  const uint64_t target = cpu.s.gr[r2];
  const uint32_t v = cpu.s.gr_low(r1) - 1;
  cpu.s.set_gr_low(r1, v);
  if (v != 0 && r2 != 0) cpu.Branch(target);
}

void ExecBCTG(ExecContext& cpu, const Insn& i) {
  const uint64_t target = AddrX2(cpu, i);
  const uint64_t v = --cpu.s.gr[i.ops.r1];
  if (v != 0) cpu.Branch(target);
}

void ExecBCTGR(ExecContext& cpu, const Insn& i) {
  const uint8_t r2 = i.ops.r2;
  const uint64_t target = cpu.s.gr[r2];
  const uint64_t v = --cpu.s.gr[i.ops.r1];
  if (v != 0 && r2 != 0) cpu.Branch(target);
}

void ExecBRCT(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint32_t v = cpu.s.gr_low(r1) - 1;
  cpu.s.set_gr_low(r1, v);
  if (v != 0) cpu.Branch(RelTarget(cpu, i.ops.i2));
}

void ExecBRCTG(ExecContext& cpu, const Insn& i) {
  if (--cpu.s.gr[i.ops.r1] != 0) cpu.Branch(RelTarget(cpu, i.ops.i2));
}

// BRANCH RELATIVE ON COUNT HIGH: counts in bits 0-31.
void ExecBRCTH(ExecContext& cpu, const Insn& i) {
  const uint8_t r1 = i.ops.r1;
  const uint32_t v = cpu.s.gr_high(r1) - 1;
  cpu.s.set_gr_high(r1, v);
  if (v != 0) cpu.Branch(RelTarget(cpu, i.ops.i2));
}

// ---- Branch on index -------------------------------------------------------------------------------------
// R3 is the increment, R3|1 the compare value (R3 itself when odd). Both are read before R1 is updated:
// R1 may be either of them. The sum wraps (no overflow exception).

template <typename T, bool kHigh>
inline bool IndexStep(ExecContext& cpu, const Insn& i) {
  using S = std::make_signed_t<T>;
  const uint8_t r1 = i.ops.r1;
  const uint8_t r3 = i.ops.r3;
  T inc, cmp, cur;
  if constexpr (sizeof(T) == 4) {
    inc = cpu.s.gr_low(r3);
    cmp = cpu.s.gr_low(r3 | 1);
    cur = cpu.s.gr_low(r1);
  } else {
    inc = cpu.s.gr[r3];
    cmp = cpu.s.gr[r3 | 1];
    cur = cpu.s.gr[r1];
  }
  const T sum = cur + inc;
  if constexpr (sizeof(T) == 4) {
    cpu.s.set_gr_low(r1, sum);
  } else {
    cpu.s.gr[r1] = sum;
  }
  return kHigh ? static_cast<S>(sum) > static_cast<S>(cmp) : static_cast<S>(sum) <= static_cast<S>(cmp);
}

template <typename T, bool kHigh>
void ExecBranchIndex(ExecContext& cpu, const Insn& i) {
  const uint64_t target = AddrB2(cpu, i);
  if (IndexStep<T, kHigh>(cpu, i)) cpu.Branch(target);
}

template <typename T, bool kHigh>
void ExecBranchIndexRelative(ExecContext& cpu, const Insn& i) {
  if (IndexStep<T, kHigh>(cpu, i)) cpu.Branch(RelTarget(cpu, i.ops.i2));
}

// ---- Compare and branch ----------------------------------------------------------------------------------
// M3: 8 branch on equal, 4 on first operand low, 2 on first operand high (bit 3 ignored). The CC is not
// changed.

template <typename T>
inline bool CompareMet(T a, T b, uint8_t m3) {
  return (m3 << CcCompare(a, b)) & 8;
}

// Register-register, relative (CRJ, CGRJ, CLRJ, CLGRJ).
template <typename T>
void ExecCompareRegJump(ExecContext& cpu, const Insn& i) {
  if (CompareMet(Reg<T>(cpu, i.ops.r1), Reg<T>(cpu, i.ops.r2), i.ops.m3)) cpu.Branch(RelTarget(cpu, i.ops.i4));
}

// Register-register, to D4(B4) (CRB, CGRB, CLRB, CLGRB).
template <typename T>
void ExecCompareRegBranch(ExecContext& cpu, const Insn& i) {
  const uint64_t target = cpu.Address(i.ops.b4, 0, i.ops.d4);
  if (CompareMet(Reg<T>(cpu, i.ops.r1), Reg<T>(cpu, i.ops.r2), i.ops.m3)) cpu.Branch(target);
}

// Register-immediate: I2 is an 8-bit immediate, signed for the arithmetic forms and unsigned for the
// logical ones, extended to the operand size.
template <typename T>
inline T Imm8(const Insn& i) {
  if constexpr (std::is_signed_v<T>) {
    return static_cast<T>(static_cast<int8_t>(i.ops.i2));
  } else {
    return static_cast<T>(static_cast<uint8_t>(i.ops.i2));
  }
}

template <typename T>
void ExecCompareImmJump(ExecContext& cpu, const Insn& i) {
  if (CompareMet(Reg<T>(cpu, i.ops.r1), Imm8<T>(i), i.ops.m3)) cpu.Branch(RelTarget(cpu, i.ops.i4));
}

template <typename T>
void ExecCompareImmBranch(ExecContext& cpu, const Insn& i) {
  const uint64_t target = cpu.Address(i.ops.b4, 0, i.ops.d4);
  if (CompareMet(Reg<T>(cpu, i.ops.r1), Imm8<T>(i), i.ops.m3)) cpu.Branch(target);
}

// BRANCH PREDICTION (RELATIVE) PRELOAD: hints about a later branch; no architected effect.
void ExecBranchPreload(ExecContext&, const Insn&) {}

}  // namespace

void RegisterBranch(HandlerTable& table) {
  table.Set<&ExecBC>(InsnId::kBC);
  table.Set<&ExecBCR>(InsnId::kBCR);
  table.Set<&ExecBRC>(InsnId::kBRC);
  table.Set<&ExecBRCL>(InsnId::kBRCL);
  table.Set<&ExecBIC>(InsnId::kBIC);

  table.Set<&ExecBAL>(InsnId::kBAL);
  table.Set<&ExecBALR>(InsnId::kBALR);
  table.Set<&ExecBAS>(InsnId::kBAS);
  table.Set<&ExecBASR>(InsnId::kBASR);
  table.Set<&ExecBRAS>(InsnId::kBRAS);
  table.Set<&ExecBRAS>(InsnId::kBRASL);
  // They change the addressing mode: the run loop must look at the PSW.
  table.Set<&ExecBSM>(InsnId::kBSM, /*ends_block=*/true);
  table.Set<&ExecBASSM>(InsnId::kBASSM, /*ends_block=*/true);

  table.Set<&ExecBCT>(InsnId::kBCT);
  table.Set<&ExecBCTR>(InsnId::kBCTR);
  table.Set<&ExecBCTG>(InsnId::kBCTG);
  table.Set<&ExecBCTGR>(InsnId::kBCTGR);
  table.Set<&ExecBRCT>(InsnId::kBRCT);
  table.Set<&ExecBRCTG>(InsnId::kBRCTG);
  table.Set<&ExecBRCTH>(InsnId::kBRCTH);

  table.Set<&ExecBranchIndex<uint32_t, true>>(InsnId::kBXH);
  table.Set<&ExecBranchIndex<uint32_t, false>>(InsnId::kBXLE);
  table.Set<&ExecBranchIndex<uint64_t, true>>(InsnId::kBXHG);
  table.Set<&ExecBranchIndex<uint64_t, false>>(InsnId::kBXLEG);
  table.Set<&ExecBranchIndexRelative<uint32_t, true>>(InsnId::kBRXH);
  table.Set<&ExecBranchIndexRelative<uint32_t, false>>(InsnId::kBRXLE);
  table.Set<&ExecBranchIndexRelative<uint64_t, true>>(InsnId::kBRXHG);
  table.Set<&ExecBranchIndexRelative<uint64_t, false>>(InsnId::kBRXLG);

  table.Set<&ExecCompareRegJump<int32_t>>(InsnId::kCRJ);
  table.Set<&ExecCompareRegJump<int64_t>>(InsnId::kCGRJ);
  table.Set<&ExecCompareRegJump<uint32_t>>(InsnId::kCLRJ);
  table.Set<&ExecCompareRegJump<uint64_t>>(InsnId::kCLGRJ);
  table.Set<&ExecCompareRegBranch<int32_t>>(InsnId::kCRB);
  table.Set<&ExecCompareRegBranch<int64_t>>(InsnId::kCGRB);
  table.Set<&ExecCompareRegBranch<uint32_t>>(InsnId::kCLRB);
  table.Set<&ExecCompareRegBranch<uint64_t>>(InsnId::kCLGRB);
  table.Set<&ExecCompareImmJump<int32_t>>(InsnId::kCIJ);
  table.Set<&ExecCompareImmJump<int64_t>>(InsnId::kCGIJ);
  table.Set<&ExecCompareImmJump<uint32_t>>(InsnId::kCLIJ);
  table.Set<&ExecCompareImmJump<uint64_t>>(InsnId::kCLGIJ);
  table.Set<&ExecCompareImmBranch<int32_t>>(InsnId::kCIB);
  table.Set<&ExecCompareImmBranch<int64_t>>(InsnId::kCGIB);
  table.Set<&ExecCompareImmBranch<uint32_t>>(InsnId::kCLIB);
  table.Set<&ExecCompareImmBranch<uint64_t>>(InsnId::kCLGIB);

  table.Set<&ExecBranchPreload>(InsnId::kBPP);
  table.Set<&ExecBranchPreload>(InsnId::kBPRP);

  RegisterTrapAndExecute(table);
}

}  // namespace s390vmm::interp
