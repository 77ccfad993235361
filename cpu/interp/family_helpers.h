// File: cpu/interp/family_helpers.h
//
// Small helpers the instruction families share: operand addresses, condition-code rules that recur
// across families, and the masked program interruptions. Header-only so that handlers inline them.
#ifndef S390VMM_CPU_INTERP_FAMILY_HELPERS_H_
#define S390VMM_CPU_INTERP_FAMILY_HELPERS_H_

#include <cstdint>
#include <type_traits>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {

// Second-operand address of RX/RXY/RXE/RXF formats: D2(X2,B2).
inline uint64_t AddrX2(const ExecContext& cpu, const Insn& i) { return cpu.Address(i.ops.b2, i.ops.x2, i.ops.d2); }
// Second-operand address of RS/RSY/S/SI/SIY/SS formats: D2(B2).
inline uint64_t AddrB2(const ExecContext& cpu, const Insn& i) { return cpu.Address(i.ops.b2, 0, i.ops.d2); }
// First-operand address D1(B1).
inline uint64_t AddrB1(const ExecContext& cpu, const Insn& i) { return cpu.Address(i.ops.b1, 0, i.ops.d1); }

// Target of a relative branch / relative-long operand: the instruction's address + 2 * offset.
inline uint64_t RelativeAddr(const ExecContext& cpu, int64_t halfwords) {
  return cpu.Wrap(cpu.ia + static_cast<uint64_t>(halfwords) * 2);
}

// CC 0 zero, 1 negative, 2 positive (load-and-test, arithmetic without overflow).
template <typename T>
inline uint8_t CcSigned(T v) {
  static_assert(std::is_signed_v<T>);
  return v == 0 ? 0 : (v < 0 ? 1 : 2);
}

// CC of a comparison: 0 equal, 1 first operand low, 2 first operand high.
template <typename T>
inline uint8_t CcCompare(T a, T b) {
  return a == b ? 0 : (a < b ? 1 : 2);
}

// CC 0 result zero, 1 not zero (logical AND/OR/XOR).
template <typename T>
inline uint8_t CcZero(T v) {
  return v == 0 ? 0 : 1;
}

// Program-mask bits (PSW bits 20-23).
inline constexpr uint8_t kMaskFixedPointOverflow = 8;
inline constexpr uint8_t kMaskDecimalOverflow = 4;
inline constexpr uint8_t kMaskHfpUnderflow = 2;
inline constexpr uint8_t kMaskHfpSignificance = 1;

// Sets CC 3 for an arithmetic overflow and, if the program mask enables it, raises the fixed-point
// overflow interruption (the result is already stored: the instruction completes).
inline void FixedPointOverflow(ExecContext& cpu) {
  cpu.SetCc(3);
  if (cpu.s.psw.program_mask() & kMaskFixedPointOverflow) {
    RaiseProgramInterrupt(ProgramInterruptCode::kFixedPointOverflow);
  }
}

// Signed add/subtract results: CC 0/1/2 by sign, or CC 3 + FixedPointOverflow.
template <typename T>
inline void SetSignedArithmeticCc(ExecContext& cpu, T result, bool overflow) {
  if (overflow) {
    FixedPointOverflow(cpu);
  } else {
    cpu.SetCc(CcSigned(result));
  }
}

// Logical (unsigned) add: CC = (carry ? 2 : 0) | (result != 0 ? 1 : 0).
template <typename T>
inline uint8_t CcLogicalAdd(T result, bool carry) {
  return (carry ? 2 : 0) | (result != 0 ? 1 : 0);
}
// Logical subtract: CC = (no borrow ? 2 : 0) | (result != 0 ? 1 : 0).
template <typename T>
inline uint8_t CcLogicalSub(T result, bool borrow) {
  return (borrow ? 0 : 2) | (result != 0 ? 1 : 0);
}

[[noreturn]] inline void SpecificationException() { RaiseProgramInterrupt(ProgramInterruptCode::kSpecification); }
[[noreturn]] inline void PrivilegedOperation() { RaiseProgramInterrupt(ProgramInterruptCode::kPrivilegedOperation); }

// Raises a privileged-operation exception in the problem state.
inline void RequireSupervisor(const ExecContext& cpu) {
  if (cpu.s.psw.problem_state()) PrivilegedOperation();
}

// Registers must be even (the even-odd pairs of 64/128-bit operands).
inline void RequireEven(uint8_t r) {
  if (r & 1) SpecificationException();
}

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_FAMILY_HELPERS_H_
