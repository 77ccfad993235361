// Instruction family: vector integer. Handlers are registered by InsnId from the isa table.
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"

namespace s390vmm::interp {

void RegisterVectorInteger(HandlerTable& table) { (void)table; }

}  // namespace s390vmm::interp
