// File: cpu/interp/bfp_common.h
//
// Internal to the floating-point families (bfp.cc, bfp_convert.cc, fpr_support.cc): floating-point
// registers by format, the FPC register, the AFP-register control, rounding methods from the FPC and the
// M3 field, and the delivery of IEEE exceptions (PoP "Floating-Point Overview and Support Instructions",
// "Binary-Floating-Point Instructions"):
//
//   - An IEEE exception whose mask bit (FPC byte 0) is zero sets its flag (FPC byte 1) and the
//     instruction completes. One whose mask bit is one raises a data exception with the DXC of the
//     exception (stored in the lowcore and FPC byte 2): invalid operation (DXC 0x80) and division by
//     zero (0x40) suppress the instruction; overflow (0x20), underflow (0x10) and inexact (0x08) complete
//     it first, with the alpha-scaled result for overflow/underflow, and DXC bit 0x08 / 0x04 tell whether
//     the result was inexact / rounded up in magnitude.
//   - With the AFP-register control (CR0 bit 45) zero, BFP instructions raise a data exception with DXC 2
//     and the floating-point-support instructions raise DXC 1 if they name a register other than 0, 2, 4
//     or 6.
//
// Handlers call CheckSuppressing() after computing and before storing anything, and Finish() after.
#ifndef S390VMM_CPU_INTERP_BFP_COMMON_H_
#define S390VMM_CPU_INTERP_BFP_COMMON_H_

#include <cstdint>

#include "absl/base/optimization.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp::bfp {

// --- FPC (PoP "Floating-Point-Control Register"): byte 0 masks, byte 1 flags, byte 2 DXC, byte 3 bits
// 25-27 DFP rounding mode and 29-31 BFP rounding mode. Bits 6-7, 14-15, 24 and 28 are reserved.
inline constexpr int kFpcMaskShift = 24;
inline constexpr int kFpcFlagShift = 16;
inline constexpr uint32_t kFpcReserved = 0x03030088;
inline constexpr uint32_t kFpcBfpRounding = 0x7;
inline constexpr uint32_t kFpcDfpRounding = 0x70;

// DXCs of the AFP-register control.
inline constexpr uint8_t kDxcAfpRegister = 1;
inline constexpr uint8_t kDxcBfpInstruction = 2;

// Facility bit 37 (floating-point extension): M3 value 3, BFP rounding mode 7, and the M4 field.
inline bool HasFpExtension(const ExecContext& cpu) { return cpu.model().HasBit(37); }

// Whether `fpc` is a valid FPC value (LFPC, SFPC, ...): reserved bits zero and a defined BFP rounding mode
// (0-3, and 7 with the floating-point-extension facility).
inline bool ValidFpc(const ExecContext& cpu, uint32_t fpc) {
  if (fpc & kFpcReserved) return false;
  const uint32_t brm = fpc & kFpcBfpRounding;
  return brm <= 3 || (brm == 7 && HasFpExtension(cpu));
}

// --- AFP-register control -------------------------------------------------------------------------------
inline bool AfpEnabled(const ExecContext& cpu) { return cpu.s.cr[0] & cr0::kAfpRegisterControl; }
// BFP instructions need the AFP-register control.
inline void RequireBfp(const ExecContext& cpu) {
  if (ABSL_PREDICT_FALSE(!AfpEnabled(cpu))) RaiseDataException(kDxcBfpInstruction);
}
// Floating-point-support instructions may use FPRs 0, 2, 4 and 6 without it.
inline bool IsAfpRegister(int r) { return (r & 9) != 0; }  // odd, or 8-15
inline void CheckAfpRegisters(const ExecContext& cpu, int a, int b = 0, int c = 0) {
  if (ABSL_PREDICT_FALSE(!AfpEnabled(cpu)) && (IsAfpRegister(a) || IsAfpRegister(b) || IsAfpRegister(c))) {
    RaiseDataException(kDxcAfpRegister);
  }
}

// --- Registers by format ----------------------------------------------------------------------------------
// Short operands occupy bits 0-31 of an FPR (bits 32-63 are left unchanged); extended operands a register
// pair r, r+2 with r in {0, 1, 4, 5, 8, 9, 12, 13} (any other is a specification exception).
inline void RequirePair(int r) {
  if (r & 2) SpecificationException();
}

struct ShortFmt {
  static constexpr const Format& kF = kShort;
  static void Check(int) {}
  static u128 Get(const ExecContext& cpu, int r) { return cpu.s.fpr(r) >> 32; }
  static void Set(ExecContext& cpu, int r, u128 v) {
    cpu.s.set_fpr(r, (cpu.s.fpr(r) & 0xffffffffull) | (static_cast<uint64_t>(v) << 32));
  }
  static u128 Load(ExecContext& cpu, uint64_t addr) { return cpu.Load<uint32_t>(addr); }
};
struct LongFmt {
  static constexpr const Format& kF = kLong;
  static void Check(int) {}
  static u128 Get(const ExecContext& cpu, int r) { return cpu.s.fpr(r); }
  static void Set(ExecContext& cpu, int r, u128 v) { cpu.s.set_fpr(r, static_cast<uint64_t>(v)); }
  static u128 Load(ExecContext& cpu, uint64_t addr) { return cpu.Load<uint64_t>(addr); }
};
struct ExtendedFmt {
  static constexpr const Format& kF = kExtended;
  static void Check(int r) { RequirePair(r); }
  static u128 Get(const ExecContext& cpu, int r) {
    return static_cast<u128>(cpu.s.fpr(r)) << 64 | cpu.s.fpr(r + 2);
  }
  static void Set(ExecContext& cpu, int r, u128 v) {
    cpu.s.set_fpr(r, static_cast<uint64_t>(v >> 64));
    cpu.s.set_fpr(r + 2, static_cast<uint64_t>(v));
  }
};

// --- Rounding ---------------------------------------------------------------------------------------------
inline Rounding FpcRounding(uint32_t fpc) {
  switch (fpc & kFpcBfpRounding) {
    case 1: return Rounding::kTowardZero;
    case 2: return Rounding::kUp;
    case 3: return Rounding::kDown;
    case 7: return Rounding::kPrepareShorter;
    default: return Rounding::kNearestEven;
  }
}

// The BFP rounding method of an M3 field (PoP "Rounding Method"): 0 the FPC's, 1 nearest with ties away
// from zero, 3 prepare for shorter precision, 4 nearest with ties to even, 5 toward 0, 6 toward +inf,
// 7 toward -inf; 2 and 8-15 (and 3 without the floating-point-extension facility) are a specification
// exception.
inline Rounding M3Rounding(const ExecContext& cpu, uint8_t m3) {
  switch (m3) {
    case 0: return FpcRounding(cpu.s.fpc);
    case 1: return Rounding::kNearestAway;
    case 3:
      if (!HasFpExtension(cpu)) SpecificationException();
      return Rounding::kPrepareShorter;
    case 4: return Rounding::kNearestEven;
    case 5: return Rounding::kTowardZero;
    case 6: return Rounding::kUp;
    case 7: return Rounding::kDown;
    default: SpecificationException();
  }
}

// The IEEE-inexact-exception control (XxC, M4 bit 1) of the floating-point-extension forms.
inline bool InexactSuppressed(const ExecContext& cpu, uint8_t m4) { return (m4 & 4) && HasFpExtension(cpu); }

inline Env MakeEnv(const ExecContext& cpu, Rounding rounding) {
  Env env;
  env.rounding = rounding;
  env.trap_mask = static_cast<uint8_t>(cpu.s.fpc >> kFpcMaskShift);
  return env;
}
inline Env FpcEnv(const ExecContext& cpu) { return MakeEnv(cpu, FpcRounding(cpu.s.fpc)); }

// --- IEEE exceptions --------------------------------------------------------------------------------------
// Invalid operation and division by zero with their trap enabled suppress the instruction.
inline void CheckSuppressing(const ExecContext& cpu, const Env& env) {
  const uint8_t trapped = env.flags & static_cast<uint8_t>(cpu.s.fpc >> kFpcMaskShift) & (kInvalid | kDivideByZero);
  if (ABSL_PREDICT_FALSE(trapped)) RaiseDataException(trapped & kInvalid ? kInvalid : kDivideByZero);
}

// Sets the flags of untrapped exceptions, or raises the data exception of a trapped overflow, underflow
// or inexact result (the result is already stored). `suppress_inexact`: XxC of the M4 field.
void SignalExceptions(ExecContext& cpu, const Env& env, bool suppress_inexact);
inline void Finish(ExecContext& cpu, const Env& env, bool suppress_inexact = false) {
  if (ABSL_PREDICT_FALSE(env.flags != 0)) SignalExceptions(cpu, env, suppress_inexact);
}

// Registration of the files that make up the floating-point families (RegisterBfp calls them).
void RegisterBfpArithmetic(HandlerTable& table);
void RegisterBfpConvert(HandlerTable& table);
void RegisterFpSupport(HandlerTable& table);
// DIVIDE TO INTEGER (bfp_divide_integer.cc; RegisterVectorFp calls it).
void RegisterBfpDivideToInteger(HandlerTable& table);

}  // namespace s390vmm::interp::bfp

#endif  // S390VMM_CPU_INTERP_BFP_COMMON_H_
