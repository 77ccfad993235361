// File: cpu/interp/branch_helpers.h
//
// Internal to the branch family (branch.cc, branch_trap_execute.cc): branch conditions, the link
// information BRANCH AND LINK / BRANCH AND SAVE store in each addressing mode, and typed register reads.
#ifndef S390VMM_CPU_INTERP_BRANCH_HELPERS_H_
#define S390VMM_CPU_INTERP_BRANCH_HELPERS_H_

#include <cstdint>
#include <type_traits>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {

inline constexpr uint64_t kHighWord = 0xffffffff00000000ull;

// The branch condition of mask M (bit 8 >> CC).
inline bool CondMet(const ExecContext& cpu, uint8_t mask) { return (mask << cpu.cc()) & 8; }

// Target of a relative branch: the address of this instruction (of the EXECUTE target when executed by
// EX/EXRL) + 2 * the signed halfword count.
template <typename Imm>
inline uint64_t RelTarget(const ExecContext& cpu, Imm halfwords) {
  return cpu.ia + static_cast<uint64_t>(static_cast<int64_t>(halfwords)) * 2;
}

// The updated instruction address: the address of the next sequential instruction (after the EXECUTE
// instruction when this one is its target), in the current addressing mode.
inline uint64_t UpdatedIa(const ExecContext& cpu) { return cpu.Wrap(cpu.next_ia); }

// Instruction-length code (halfwords) of the instruction as the PSW sees it: that of EX (2) / EXRL (3)
// when executed by one.
inline uint8_t InstructionLengthCode(const ExecContext& cpu, const Insn& insn) {
  return (cpu.in_execute ? cpu.execute_length : insn.length) >> 1;
}

// Link information of BRANCH AND SAVE (BAS, BASR, BRAS, BRASL), PoP "BRANCH AND SAVE": in the 64-bit mode
// the whole register is the updated address; in the 31-bit mode bits 32-63 are a one followed by the
// 31-bit address; in the 24-bit mode eight zeros followed by the 24-bit address. Bits 0-31 are unchanged
// in the 24- and 31-bit modes.
inline uint64_t BasLinkInfo(const ExecContext& cpu, uint64_t old) {
  const uint64_t ia = UpdatedIa(cpu);
  switch (cpu.s.psw.addressing_mode()) {
    case AddressingMode::k64: return ia;
    case AddressingMode::k31: return (old & kHighWord) | 0x80000000u | ia;
    default: return (old & kHighWord) | ia;
  }
}

// Link information of BRANCH AND LINK (BAL, BALR): as BAS in the 31- and 64-bit modes; in the 24-bit mode
// bits 32-63 are the ILC (2 bits), the CC (2), the program mask (4) and the 24-bit updated address.
inline uint64_t BalLinkInfo(const ExecContext& cpu, const Insn& insn, uint64_t old) {
  if (cpu.s.psw.addressing_mode() != AddressingMode::k24) return BasLinkInfo(cpu, old);
  const uint64_t info = uint64_t{InstructionLengthCode(cpu, insn)} << 30 | uint64_t{cpu.cc()} << 28 |
                        uint64_t{cpu.s.psw.program_mask()} << 24 | UpdatedIa(cpu);
  return (old & kHighWord) | info;
}

// General register r as a T: the whole register for 64-bit types, bits 32-63 for 32-bit ones.
template <typename T>
inline T Reg(const ExecContext& cpu, uint8_t r) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8);
  return static_cast<T>(cpu.s.gr[r]);
}

// Registers the compare-and-trap instructions and EXECUTE (branch_trap_execute.cc).
void RegisterTrapAndExecute(HandlerTable& table);

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_BRANCH_HELPERS_H_
