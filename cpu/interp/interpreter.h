// File: cpu/interp/interpreter.h
//
// The interpreter backend of the Vcpu interface: executes z/Architecture instructions from predecoded
// blocks, delivers interrupts through the lowcore, and returns to the machine for what a CPU cannot do by
// itself (instruction intercepts, disabled waits, stop).
//
// In user mode (InterpreterOptions::user_mode) there is no lowcore: SUPERVISOR CALL and program
// interruptions return SupervisorCallExit / ProgramInterruptExit instead, which the user-mode runner
// (tools/s390x-run) turns into Linux system calls and signals.
//
//   InterpreterOptions options;
//   options.user_mode = true;
//   Interpreter cpu(memory, model, options);
//   cpu.state().psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, entry);
//   ASSIGN_OR_RETURN(Exit exit, cpu.Run());
#ifndef S390VMM_CPU_INTERP_INTERPRETER_H_
#define S390VMM_CPU_INTERP_INTERPRETER_H_

#include <atomic>
#include <memory>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>
#include <variant>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/interp/decode_cache.h"
#include "cpu/interp/exec_context.h"
#include "cpu/vcpu.h"
#include "memory/guest_memory.h"

namespace s390vmm::interp {

struct InterpreterOptions {
  // No lowcore: SVC and program interruptions exit to the caller.
  bool user_mode = false;
  // The machine's TOD clock, shared by its CPUs; null: this CPU has its own.
  TodClock* tod_clock = nullptr;
  // This CPU's address (STAP, SIGP).
  uint16_t cpu_address = 0;
};

// Lowcore offsets (PoP "Assigned Storage Locations"), relative to the prefix.
namespace lowcore {
inline constexpr uint64_t kExternalParameter = 0x80;
inline constexpr uint64_t kCpuAddress = 0x84;
inline constexpr uint64_t kExternalCode = 0x86;
inline constexpr uint64_t kSvcIlc = 0x88;
inline constexpr uint64_t kSvcCode = 0x8a;
inline constexpr uint64_t kProgramIlc = 0x8c;
inline constexpr uint64_t kProgramCode = 0x8e;
inline constexpr uint64_t kDataExceptionCode = 0x90;
inline constexpr uint64_t kMonitorClass = 0x94;
inline constexpr uint64_t kExceptionAccessId = 0xa0;
inline constexpr uint64_t kTeid = 0xa8;
inline constexpr uint64_t kMonitorCode = 0xb0;
inline constexpr uint64_t kSubchannelId = 0xb8;
inline constexpr uint64_t kIoParameter = 0xbc;
inline constexpr uint64_t kIoWord = 0xc0;
inline constexpr uint64_t kFacilityList = 0xc8;
inline constexpr uint64_t kRestartOldPsw = 0x120;
inline constexpr uint64_t kExternalOldPsw = 0x130;
inline constexpr uint64_t kSvcOldPsw = 0x140;
inline constexpr uint64_t kProgramOldPsw = 0x150;
inline constexpr uint64_t kMachineCheckOldPsw = 0x160;
inline constexpr uint64_t kIoOldPsw = 0x170;
inline constexpr uint64_t kRestartNewPsw = 0x1a0;
inline constexpr uint64_t kExternalNewPsw = 0x1b0;
inline constexpr uint64_t kSvcNewPsw = 0x1c0;
inline constexpr uint64_t kProgramNewPsw = 0x1d0;
inline constexpr uint64_t kMachineCheckNewPsw = 0x1e0;
inline constexpr uint64_t kIoNewPsw = 0x1f0;
}  // namespace lowcore

class Interpreter final : public Vcpu {
 public:
  Interpreter(GuestMemory& memory, const CpuModel& model, InterpreterOptions options = {});

  // Vcpu
  absl::StatusOr<Exit> Run() override;
  CpuState& state() override { return cpu_.s; }
  absl::Status Inject(const Interrupt& interrupt) override;
  void Kick() override;

  // Between Run() calls, from the thread that runs this CPU (or while it is stopped):
  // The CPU timer now (CpuState::cpu_timer is its value when it was last set), and SET CPU TIMER.
  int64_t cpu_timer() const { return cpu_.CpuTimer(); }
  void set_cpu_timer(int64_t value) { cpu_.SetCpuTimer(value); }
  // Drops every cached translation: after the machine changed the prefix or the control registers.
  void FlushTlb() { cpu_.FlushTlb(); }
  // CPU reset (PoP "CPU Reset"): the interruption conditions local to this CPU (restart, emergency
  // signal, external call, malfunction alert) are cleared; floating ones (service signal, I/O) stay.
  void ClearLocalInterrupts();

  // For machine handlers of intercepted instructions: the absolute address of logical `addr` in the
  // CPU's current address-space mode, with the access checks of a fetch or a store, or the program
  // interruption the access would cause.
  std::variant<GuestAddress, ProgramInterruptCode> TranslateOperand(uint64_t addr, bool store);

  // Writes every program interruption and PSW swap to stderr (--trace=interrupts).
  void set_trace_interrupts(bool on) { trace_interrupts_ = on; }
  // Writes every instruction to stderr before it executes (--trace=insn): CPU address, instruction
  // address, disassembly. Runs instructions one at a time (about 50x slower).
  void set_trace_insns(bool on) { trace_insns_ = on; }

  // Statistics for --stats.
  uint64_t instructions() const { return cpu_.insn_count; }
  // The instruction address at the last block boundary; may be read from any thread (for "where was it").
  uint64_t last_address() const { return last_address_.load(std::memory_order_relaxed); }
  uint64_t decoded_blocks() const { return cache_.decoded_blocks(); }
  // (id, executions) of instructions that raised an operation exception because s390vmm does not
  // implement them (kInvalid: opcodes not in the table at all).
  std::vector<std::pair<isa::InsnId, uint64_t>> UnimplementedHits() const;

 private:
  // Runs blocks until something needs the outer loop.
  void RunBlocks();
  void ExecuteBlock(const Block& block);
  void ExecuteBlockTraced(const Block& block);
  // A program exception of the current instruction: returns an exit in user mode, else swaps PSWs.
  bool OnProgramException(const ProgramException& e, Exit* exit);
  // SUPERVISOR CALL: returns an exit in user mode, else swaps PSWs.
  bool OnSupervisorCall(const SupervisorCallException& e, Exit* exit);
  // Stores `old` at `old_offset` in the lowcore and loads the PSW at `new_offset`.
  void SwapPsw(uint64_t old_offset, uint64_t new_offset);
  // Delivers the highest-priority enabled pending interrupt, if any. Returns true if one was delivered.
  bool DeliverPending();
  // The I/O part of DeliverPending (below every external condition).
  bool DeliverIo();
  bool ExternalEnabled(uint16_t code) const;

  GuestMemory& memory_;
  InterpreterOptions options_;
  std::unique_ptr<TodClock> own_tod_clock_;  // when options_.tod_clock is null
  ExecContext cpu_;
  DecodeCache cache_;
  const Block* current_block_ = nullptr;  // while ExecuteBlock runs it
  uint64_t block_start_ia_ = 0;
  bool fetching_ = false;
  // Length of the instruction the last InstructionIntercept exit was for (a handler's injected program
  // interrupt refers to it).
  uint8_t intercept_length_ = 0;

  std::deque<ExternalInterrupt> pending_external_;
  std::deque<IoInterrupt> pending_io_;
  bool pending_restart_ = false;

  std::atomic<bool> kicked_{false};
  std::atomic<uint64_t> last_address_{0};
  bool trace_interrupts_ = false;
  bool trace_insns_ = false;
  std::mutex wait_mu_;
  std::condition_variable wait_cv_;
};

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_INTERPRETER_H_
