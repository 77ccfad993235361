#include "cpu/interp/insn.h"

#include "cpu/interp/exec_context.h"

namespace s390vmm::interp {

HandlerTable::HandlerTable() {
  for (int i = 0; i < static_cast<int>(isa::InsnId::kCount); ++i) {
    fns_[i] = &NotImplemented;
    threads_[i] = &ThreadedDynamic;
    ends_block_[i] = false;
  }
}

bool HandlerTable::Implemented(isa::InsnId id) const { return Get(id) != &NotImplemented; }

const HandlerTable& HandlerTable::Default() {
  static const HandlerTable* table = [] {
    auto* t = new HandlerTable();
    RegisterFixedPoint(*t);
    RegisterLogical(*t);
    RegisterBranch(*t);
    RegisterLoadStore(*t);
    RegisterShiftRotate(*t);
    RegisterStorage(*t);
    RegisterString(*t);
    RegisterDecimal(*t);
    RegisterBfp(*t);
    RegisterVector(*t);
    RegisterVectorString(*t);
    RegisterVectorInteger(*t);
    RegisterVectorFp(*t);
    RegisterControl(*t);
    RegisterIntercepts(*t);
    RegisterControlStorage(*t);
    RegisterGeneralMisc(*t);
    RegisterHfp(*t);
    return t;
  }();
  return *table;
}

const Insn* ThreadedDynamic(ExecContext& cpu, const Insn& insn) { return ThreadNext<ExecFn>(cpu, insn, insn.exec); }

const Insn* EndOfBlock(ExecContext&, const Insn&) { return nullptr; }

void NotImplemented(ExecContext& cpu, const Insn& insn) {
  cpu.CountUnimplemented(insn.id);
  RaiseProgramInterrupt(ProgramInterruptCode::kOperation);
}

}  // namespace s390vmm::interp
