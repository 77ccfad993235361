// Instruction family: floating-point-support instructions (PoP chapter "Floating-Point Overview and
// Support Instructions"), the format-independent part shared by HFP and BFP: LOAD (LER, LDR, LXR, LE,
// LEY, LD, LDY), STORE (STE, STEY, STD, STDY), LOAD ZERO, the sign-handling instructions (CPSDR, LCDFR,
// LNDFR, LPDFR), the FPR <-> GR transfers (LDGR, LGDR), and the FPC instructions (LFPC, STFPC, SFPC,
// EFPC, SRNM, SRNMB, SRNMT, SFASR, LFAS).
//
// None of them signals an IEEE exception or sets the CC (SFASR and LFAS signal the flags they find).
// With the AFP-register control off only FPRs 0, 2, 4 and 6 may be named (data exception, DXC 1).
#include "cpu/interp/bfp_common.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp::bfp {
namespace {

constexpr uint64_t kSign64 = uint64_t{1} << 63;

// --- Loads and stores -------------------------------------------------------------------------------------
void ExecLer(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2);
  ShortFmt::Set(cpu, insn.ops.r1, ShortFmt::Get(cpu, insn.ops.r2));
}
void ExecLdr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2);
  cpu.s.set_fpr(insn.ops.r1, cpu.s.fpr(insn.ops.r2));
}
void ExecLxr(ExecContext& cpu, const Insn& insn) {
  RequirePair(insn.ops.r1);
  RequirePair(insn.ops.r2);
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2);
  ExtendedFmt::Set(cpu, insn.ops.r1, ExtendedFmt::Get(cpu, insn.ops.r2));
}
void ExecLe(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  ShortFmt::Set(cpu, insn.ops.r1, cpu.Load<uint32_t>(AddrX2(cpu, insn)));
}
void ExecLd(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  cpu.s.set_fpr(insn.ops.r1, cpu.Load<uint64_t>(AddrX2(cpu, insn)));
}
void ExecSte(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  cpu.Store<uint32_t>(AddrX2(cpu, insn), static_cast<uint32_t>(cpu.s.fpr(insn.ops.r1) >> 32));
}
void ExecStd(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  cpu.Store<uint64_t>(AddrX2(cpu, insn), cpu.s.fpr(insn.ops.r1));
}
void ExecLzer(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  ShortFmt::Set(cpu, insn.ops.r1, 0);
}
void ExecLzdr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  cpu.s.set_fpr(insn.ops.r1, 0);
}
void ExecLzxr(ExecContext& cpu, const Insn& insn) {
  RequirePair(insn.ops.r1);
  CheckAfpRegisters(cpu, insn.ops.r1);
  ExtendedFmt::Set(cpu, insn.ops.r1, 0);
}

// --- Sign handling and FPR <-> GR ---------------------------------------------------------------------------
// CPSDR R1,R3,R2: the sign of R3 with the rest of R2.
void ExecCpsdr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2, insn.ops.r3);
  cpu.s.set_fpr(insn.ops.r1, (cpu.s.fpr(insn.ops.r3) & kSign64) | (cpu.s.fpr(insn.ops.r2) & ~kSign64));
}
void ExecLcdfr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2);
  cpu.s.set_fpr(insn.ops.r1, cpu.s.fpr(insn.ops.r2) ^ kSign64);
}
void ExecLndfr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2);
  cpu.s.set_fpr(insn.ops.r1, cpu.s.fpr(insn.ops.r2) | kSign64);
}
void ExecLpdfr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1, insn.ops.r2);
  cpu.s.set_fpr(insn.ops.r1, cpu.s.fpr(insn.ops.r2) & ~kSign64);
}
void ExecLdgr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r1);
  cpu.s.set_fpr(insn.ops.r1, cpu.s.gr[insn.ops.r2]);
}
void ExecLgdr(ExecContext& cpu, const Insn& insn) {
  CheckAfpRegisters(cpu, insn.ops.r2);
  cpu.s.gr[insn.ops.r1] = cpu.s.fpr(insn.ops.r2);
}

// --- FPC --------------------------------------------------------------------------------------------------
inline void SetFpcChecked(ExecContext& cpu, uint32_t fpc) {
  if (!ValidFpc(cpu, fpc)) SpecificationException();
  cpu.s.fpc = fpc;
}
void ExecLfpc(ExecContext& cpu, const Insn& insn) { SetFpcChecked(cpu, cpu.Load<uint32_t>(AddrB2(cpu, insn))); }
void ExecStfpc(ExecContext& cpu, const Insn& insn) { cpu.Store<uint32_t>(AddrB2(cpu, insn), cpu.s.fpc); }
void ExecSfpc(ExecContext& cpu, const Insn& insn) { SetFpcChecked(cpu, cpu.s.gr_low(insn.ops.r1)); }
void ExecEfpc(ExecContext& cpu, const Insn& insn) { cpu.s.set_gr_low(insn.ops.r1, cpu.s.fpc); }

// SRNM D2(B2): address bits 62-63 become the BFP rounding mode (FPC bit 29 := 0).
void ExecSrnm(ExecContext& cpu, const Insn& insn) {
  cpu.s.fpc = (cpu.s.fpc & ~kFpcBfpRounding) | static_cast<uint32_t>(AddrB2(cpu, insn) & 3);
}
// SRNMB D2(B2): address bits 61-63 (bits 56-60 must be zero; modes 4-6 are invalid).
void ExecSrnmb(ExecContext& cpu, const Insn& insn) {
  const uint32_t mode = static_cast<uint32_t>(AddrB2(cpu, insn) & 0xff);
  if (mode > 7 || (mode >= 4 && mode <= 6)) SpecificationException();
  cpu.s.fpc = (cpu.s.fpc & ~kFpcBfpRounding) | mode;
}
// SRNMT D2(B2): address bits 61-63 become the DFP rounding mode (FPC bits 25-27).
void ExecSrnmt(ExecContext& cpu, const Insn& insn) {
  cpu.s.fpc = (cpu.s.fpc & ~kFpcDfpRounding) | static_cast<uint32_t>((AddrB2(cpu, insn) & 7) << 4);
}

// SET FPC AND SIGNAL / LOAD FPC AND SIGNAL: the new FPC value, with the flags ORed into the current ones;
// a current flag whose new mask bit is one raises a simulated IEEE exception (DXC bits 6-7 = 11), the
// highest-priority one (invalid, division by zero, overflow / underflow with inexact, inexact, quantum).
void SetFpcAndSignal(ExecContext& cpu, uint32_t fpc) {
  if (!ValidFpc(cpu, fpc)) SpecificationException();
  const uint32_t old = cpu.s.fpc;
  cpu.s.fpc = fpc | (old & 0x00ff0000);
  uint8_t signal = static_cast<uint8_t>((old >> kFpcFlagShift) & (fpc >> kFpcMaskShift) & 0xfc);
  if (signal == 0) return;
  if (signal & kInvalid) {
    signal = kInvalid;
  } else if (signal & kDivideByZero) {
    signal = kDivideByZero;
  } else if (signal & kOverflow) {
    signal &= kOverflow | kInexact;
  } else if (signal & kUnderflow) {
    signal &= kUnderflow | kInexact;
  } else if (signal & kInexact) {
    signal = kInexact;
  }
  RaiseDataException(static_cast<uint8_t>(signal | 3));
}
void ExecSfasr(ExecContext& cpu, const Insn& insn) { SetFpcAndSignal(cpu, cpu.s.gr_low(insn.ops.r1)); }
void ExecLfas(ExecContext& cpu, const Insn& insn) { SetFpcAndSignal(cpu, cpu.Load<uint32_t>(AddrB2(cpu, insn))); }

}  // namespace

void RegisterFpSupport(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ExecLer>(InsnId::kLER);
  table.Set<&ExecLdr>(InsnId::kLDR);
  table.Set<&ExecLxr>(InsnId::kLXR);
  table.Set<&ExecLe>(InsnId::kLE);
  table.Set<&ExecLe>(InsnId::kLEY);
  table.Set<&ExecLd>(InsnId::kLD);
  table.Set<&ExecLd>(InsnId::kLDY);
  table.Set<&ExecSte>(InsnId::kSTE);
  table.Set<&ExecSte>(InsnId::kSTEY);
  table.Set<&ExecStd>(InsnId::kSTD);
  table.Set<&ExecStd>(InsnId::kSTDY);
  table.Set<&ExecLzer>(InsnId::kLZER);
  table.Set<&ExecLzdr>(InsnId::kLZDR);
  table.Set<&ExecLzxr>(InsnId::kLZXR);
  table.Set<&ExecCpsdr>(InsnId::kCPSDR);
  table.Set<&ExecLcdfr>(InsnId::kLCDFR);
  table.Set<&ExecLndfr>(InsnId::kLNDFR);
  table.Set<&ExecLpdfr>(InsnId::kLPDFR);
  table.Set<&ExecLdgr>(InsnId::kLDGR);
  table.Set<&ExecLgdr>(InsnId::kLGDR);
  table.Set<&ExecLfpc>(InsnId::kLFPC);
  table.Set<&ExecStfpc>(InsnId::kSTFPC);
  table.Set<&ExecSfpc>(InsnId::kSFPC);
  table.Set<&ExecEfpc>(InsnId::kEFPC);
  table.Set<&ExecSrnm>(InsnId::kSRNM);
  table.Set<&ExecSrnmb>(InsnId::kSRNMB);
  table.Set<&ExecSrnmt>(InsnId::kSRNMT);
  table.Set<&ExecSfasr>(InsnId::kSFASR);
  table.Set<&ExecLfas>(InsnId::kLFAS);
}

}  // namespace s390vmm::interp::bfp
