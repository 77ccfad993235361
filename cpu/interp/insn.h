// File: cpu/interp/insn.h
//
// A predecoded instruction as the interpreter caches it: the handler to call, the operand fields decoded
// once by cpu/isa, and the length. Handlers are grouped by family (fixed_point.cc, branch.cc, ...) and
// registered into the HandlerTable by InsnId, so the isa table stays the only list of instructions.
#ifndef S390VMM_CPU_INTERP_INSN_H_
#define S390VMM_CPU_INTERP_INSN_H_

#include <cstdint>

#include "cpu/isa/isa.h"

namespace s390vmm::interp {

class ExecContext;
struct Insn;

using ExecFn = void (*)(ExecContext& cpu, const Insn& insn);

struct Insn {
  ExecFn exec;
  isa::Operands ops;
  isa::InsnId id;
  uint8_t length;  // 2, 4 or 6
};

// Handlers by instruction id. An id without a handler executes NotImplemented(), which raises an operation
// exception and counts the opcode (s390vmm --stats lists them).
class HandlerTable {
 public:
  HandlerTable();
  // `ends_block`: the handler may change the PSW beyond next_ia (mode, key, DAT, wait) or request an exit,
  // so decoded blocks end after it and the run loop looks at the state. Instructions the isa table flags
  // kEndsBlock end blocks anyway.
  void Set(isa::InsnId id, ExecFn fn, bool ends_block = false) {
    fns_[static_cast<int>(id)] = fn;
    ends_block_[static_cast<int>(id)] = ends_block;
  }
  ExecFn Get(isa::InsnId id) const { return fns_[static_cast<int>(id)]; }
  bool EndsBlock(isa::InsnId id) const { return ends_block_[static_cast<int>(id)]; }
  bool Implemented(isa::InsnId id) const;

  // The table with every family registered (built once, immutable afterwards).
  static const HandlerTable& Default();

 private:
  ExecFn fns_[static_cast<int>(isa::InsnId::kCount)];
  bool ends_block_[static_cast<int>(isa::InsnId::kCount)];
};

// The handler of ids without an implementation.
void NotImplemented(ExecContext& cpu, const Insn& insn);

// Family registration functions, one per file.
void RegisterFixedPoint(HandlerTable& table);
void RegisterLogical(HandlerTable& table);
void RegisterBranch(HandlerTable& table);
void RegisterLoadStore(HandlerTable& table);
void RegisterShiftRotate(HandlerTable& table);
void RegisterStorage(HandlerTable& table);
void RegisterString(HandlerTable& table);
void RegisterDecimal(HandlerTable& table);
void RegisterBfp(HandlerTable& table);
void RegisterVector(HandlerTable& table);
void RegisterVectorString(HandlerTable& table);
void RegisterVectorInteger(HandlerTable& table);
void RegisterVectorFp(HandlerTable& table);
void RegisterControl(HandlerTable& table);
void RegisterIntercepts(HandlerTable& table);
void RegisterControlStorage(HandlerTable& table);

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_INSN_H_
