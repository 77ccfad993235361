// Instruction family: branch, continued — compare and trap (PoP "COMPARE AND TRAP", "COMPARE LOGICAL AND
// TRAP") and EXECUTE / EXECUTE RELATIVE LONG.
#include "cpu/interp/branch_helpers.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// ---- Compare and trap ------------------------------------------------------------------------------------
// M3 as in compare and branch (8 equal, 4 low, 2 high). When the condition holds: a data exception with
// DXC 0xff (compare-and-trap); the instruction is completed (nothing else to change).

constexpr uint8_t kDxcCompareAndTrap = 0xff;

template <typename T>
inline void TrapIf(T a, T b, uint8_t m3) {
  if ((m3 << CcCompare(a, b)) & 8) RaiseDataException(kDxcCompareAndTrap);
}

template <typename T>
void ExecCompareRegTrap(ExecContext& cpu, const Insn& i) {
  TrapIf(Reg<T>(cpu, i.ops.r1), Reg<T>(cpu, i.ops.r2), i.ops.m3);
}

// I2 is a 16-bit immediate: signed (CIT, CGIT) or unsigned (CLFIT, CLGIT), extended to the operand size.
template <typename T>
void ExecCompareImmTrap(ExecContext& cpu, const Insn& i) {
  T imm;
  if constexpr (std::is_signed_v<T>) {
    imm = static_cast<T>(static_cast<int16_t>(i.ops.i2));
  } else {
    imm = static_cast<T>(static_cast<uint16_t>(i.ops.i2));
  }
  TrapIf(Reg<T>(cpu, i.ops.r1), imm, i.ops.m3);
}

// CLT, CLGT: the second operand in storage.
template <typename T>
void ExecCompareMemTrap(ExecContext& cpu, const Insn& i) {
  const T op2 = cpu.Load<T>(AddrB2(cpu, i));
  TrapIf(Reg<T>(cpu, i.ops.r1), op2, i.ops.m3);
}

// ---- EXECUTE ---------------------------------------------------------------------------------------------
// The target instruction is fetched (instruction access), bits 8-15 ORed with bits 56-63 of R1 when R1 is
// not 0, and executed as if it were at the target address — relative branches and relative-long operands
// count from there — while the PSW, the ILC of any interruption and any link information refer to the
// EXECUTE instruction (cpu.in_execute). A target that is itself EX or EXRL is an execute exception.

// A target whose facility the CPU model does not have: an operation exception, as at decode time.
void FacilityNotInstalled(ExecContext&, const Insn&) { RaiseProgramInterrupt(ProgramInterruptCode::kOperation); }

void ExecuteAt(ExecContext& cpu, const Insn& ex, uint64_t target) {
  if (target & 1) SpecificationException();
  uint8_t bytes[6] = {};
  cpu.FetchBytes(target, bytes, 2);
  const int length = isa::InsnLength(bytes[0]);
  if (length > 2) cpu.FetchBytes(cpu.Wrap(target + 2), bytes + 2, length - 2);
  const uint8_t r1 = ex.ops.r1;
  if (r1 != 0) bytes[1] |= static_cast<uint8_t>(cpu.s.gr[r1]);

  const isa::DecodedInsn d = isa::Decode(bytes);
  if (d.id == InsnId::kEX || d.id == InsnId::kEXRL) RaiseProgramInterrupt(ProgramInterruptCode::kExecute);
  Insn t;
  t.id = d.id;
  t.ops = d.ops;
  t.length = d.length;
  t.exec = cpu.model().Has(isa::Info(d.id).facility) ? HandlerTable::Default().Get(d.id) : &FacilityNotInstalled;

  cpu.in_execute = true;
  cpu.execute_ia = cpu.ia;
  cpu.execute_length = ex.length;
  cpu.ia = target;
  t.exec(cpu, t);
  cpu.ia = cpu.execute_ia;
  cpu.in_execute = false;
}

void ExecEX(ExecContext& cpu, const Insn& i) { ExecuteAt(cpu, i, AddrX2(cpu, i)); }

void ExecEXRL(ExecContext& cpu, const Insn& i) { ExecuteAt(cpu, i, cpu.Wrap(RelTarget(cpu, i.ops.i2))); }

}  // namespace

void RegisterTrapAndExecute(HandlerTable& table) {
  table.Set<&ExecCompareRegTrap<int32_t>>(InsnId::kCRT);
  table.Set<&ExecCompareRegTrap<int64_t>>(InsnId::kCGRT);
  table.Set<&ExecCompareRegTrap<uint32_t>>(InsnId::kCLRT);
  table.Set<&ExecCompareRegTrap<uint64_t>>(InsnId::kCLGRT);
  table.Set<&ExecCompareImmTrap<int32_t>>(InsnId::kCIT);
  table.Set<&ExecCompareImmTrap<int64_t>>(InsnId::kCGIT);
  table.Set<&ExecCompareImmTrap<uint32_t>>(InsnId::kCLFIT);
  table.Set<&ExecCompareImmTrap<uint64_t>>(InsnId::kCLGIT);
  table.Set<&ExecCompareMemTrap<uint32_t>>(InsnId::kCLT);
  table.Set<&ExecCompareMemTrap<uint64_t>>(InsnId::kCLGT);

  // The target may be anything, including instructions that change the PSW or request an exit, so the
  // block ends after EXECUTE and the run loop looks at the state.
  table.Set<&ExecEX>(InsnId::kEX, /*ends_block=*/true);
  table.Set<&ExecEXRL>(InsnId::kEXRL, /*ends_block=*/true);
}

}  // namespace s390vmm::interp
