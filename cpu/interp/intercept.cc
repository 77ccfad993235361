// Instructions the machine executes (architecture.md, "The central seam"): the interpreter checks what a
// CPU checks itself (privilege), then returns an InstructionIntercept exit carrying the instruction bytes
// in KVM's ipa/ipb layout. The machine's handler updates the state or injects a program interrupt.
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

void RequestIntercept(ExecContext& cpu, const Insn& insn) {
  uint8_t bytes[6] = {};
  cpu.FetchBytes(cpu.ia, bytes, insn.length);
  InstructionIntercept icpt;
  icpt.ipa = LoadBigEndian<uint16_t>(bytes);
  icpt.ipb = LoadBigEndian<uint32_t>(bytes + 2);
  if (insn.length == 2) icpt.ipb = 0;
  if (insn.length == 4) icpt.ipb &= 0xffff0000;
  icpt.length = insn.length;
  cpu.exit = icpt;
  cpu.exit_requested = true;
}

// Privileged instructions handled by the machine.
void PrivilegedIntercept(ExecContext& cpu, const Insn& insn) {
  RequireSupervisor(cpu);
  RequestIntercept(cpu, insn);
}

}  // namespace

void RegisterIntercepts(HandlerTable& table) {
  constexpr bool kEnds = true;
  for (InsnId id : {InsnId::kSERVC, InsnId::kDIAG, InsnId::kSIGP, InsnId::kSTSI, InsnId::kSSCH, InsnId::kTSCH,
                    InsnId::kSTSCH, InsnId::kMSCH, InsnId::kCSCH, InsnId::kHSCH, InsnId::kXSCH, InsnId::kRSCH,
                    InsnId::kRCHP, InsnId::kSAL, InsnId::kSCHM, InsnId::kTPI, InsnId::kCHSC, InsnId::kSTCRW}) {
    table.Set(id, &PrivilegedIntercept, kEnds);
  }
  // ULTRAVISOR CALL is privileged too; the machine (or the user of a bare CPU) decides what it does.
  table.Set<&PrivilegedIntercept>(InsnId::kUVC, kEnds);
}

}  // namespace s390vmm::interp
