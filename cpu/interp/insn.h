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

// A handler: executes one instruction. It reads cpu.ia (its own address) and may change cpu.next_ia
// (branches); anything that is not a plain fall-through ends the run of the block.
using ExecFn = void (*)(ExecContext& cpu, const Insn& insn);

// The threaded form of a handler, which is what blocks run: it executes its instruction and, when the
// instruction falls through, tail-calls the next instruction's threaded handler. Each handler thus has
// its own indirect jump to its successor, which the host's branch predictor learns per guest instruction
// pair — a shared dispatch loop funnels every guest instruction through one unpredictable indirect call
// and costs about a third of the interpreter's time. Returns the instruction that left the block early
// (taken branch, PSW change), or nullptr when the block ran to its end.
using ThreadFn = const Insn* (*)(ExecContext& cpu, const Insn& insn);

struct Insn {
  ExecFn exec;      // runs this instruction alone (EXECUTE targets)
  ThreadFn thread;  // runs this instruction and the rest of its block
  isa::Operands ops;
  isa::InsnId id;
  uint8_t length;  // 2, 4 or 6; 0 for the end-of-block sentinel
};

// The threaded handler of `F` (see ThreadFn). The dispatcher has set cpu.ia and cpu.next_ia for `insn`
// before the call; ExecContext is only forward-declared here, so the body lives in exec_context.h.
template <ExecFn F>
const Insn* Threaded(ExecContext& cpu, const Insn& insn);
// The threaded handler of an Insn whose handler is only known at run time (insn.exec).
const Insn* ThreadedDynamic(ExecContext& cpu, const Insn& insn);
// Ends every decoded block: returns nullptr to the dispatcher.
const Insn* EndOfBlock(ExecContext& cpu, const Insn& insn);

// Handlers by instruction id. An id without a handler executes NotImplemented(), which raises an operation
// exception and counts the opcode (s390vmm --stats lists them).
class HandlerTable {
 public:
  HandlerTable();
  // `ends_block`: the handler may change the PSW beyond next_ia (mode, key, DAT, wait) or request an exit,
  // so decoded blocks end after it and the run loop looks at the state. Instructions the isa table flags
  // kEndsBlock end blocks anyway.
  //
  // Prefer the template form, Set<&Handler>(id): it gives the handler its own threaded dispatch
  // (Threaded<F>). The run-time form shares one dispatch site among all handlers registered with it.
  template <ExecFn F>
  void Set(isa::InsnId id, bool ends_block = false) {
    SetBoth(id, F, &Threaded<F>, ends_block);
  }
  void Set(isa::InsnId id, ExecFn fn, bool ends_block = false) { SetBoth(id, fn, &ThreadedDynamic, ends_block); }
  ExecFn Get(isa::InsnId id) const { return fns_[static_cast<int>(id)]; }
  ThreadFn GetThreaded(isa::InsnId id) const { return threads_[static_cast<int>(id)]; }
  bool EndsBlock(isa::InsnId id) const { return ends_block_[static_cast<int>(id)]; }
  bool Implemented(isa::InsnId id) const;

  // The table with every family registered (built once, immutable afterwards).
  static const HandlerTable& Default();

 private:
  void SetBoth(isa::InsnId id, ExecFn fn, ThreadFn thread, bool ends_block) {
    fns_[static_cast<int>(id)] = fn;
    threads_[static_cast<int>(id)] = thread;
    ends_block_[static_cast<int>(id)] = ends_block;
  }

  ExecFn fns_[static_cast<int>(isa::InsnId::kCount)];
  ThreadFn threads_[static_cast<int>(isa::InsnId::kCount)];
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
void RegisterGeneralMisc(HandlerTable& table);  // general_misc.cc (+ compression.cc)
void RegisterHfp(HandlerTable& table);          // hfp.cc (+ hfp_convert.cc)

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_INSN_H_
