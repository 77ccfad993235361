// File: cpu/vcpu.h
//
// The seam between the machine and a CPU backend (the interpreter here, KVM on IBM Z). Modelled on how KVM
// on s390 reports SIE intercepts, so that everything above the CPU is written once:
//
//   for (;;) {
//     ASSIGN_OR_RETURN(Exit exit, vcpu.Run());
//     if (auto* icpt = std::get_if<InstructionIntercept>(&exit)) {
//       // SERVC, DIAG, SIGP, I/O instructions, UVC ...: the handler reads/writes vcpu.state() and guest
//       // memory; a guest error becomes vcpu.Inject(ProgramInterrupt{...}).
//     }
//   }
//
// The backend executes everything a CPU does by itself (all problem-state instructions, DAT, storage
// keys, interrupt delivery through the lowcore, timers) and returns only for what the machine must do.
#ifndef S390VMM_CPU_VCPU_H_
#define S390VMM_CPU_VCPU_H_

#include <cstdint>
#include <variant>

#include "absl/status/statusor.h"
#include "cpu/cpu_state.h"
#include "cpu/program_interrupt.h"
#include "cpu/psw.h"

namespace s390vmm {

// An instruction the machine must execute (KVM's "instruction intercept", code 0x04). `ipa` holds
// instruction bytes 0-1 and `ipb` bytes 2-5 (left-aligned), as in the SIE control block. The PSW
// already points past the instruction; the handler updates the state (registers, condition code) or
// injects a program interrupt, which is presented as if the instruction had caused it.
struct InstructionIntercept {
  uint16_t ipa = 0;
  uint32_t ipb = 0;
  uint8_t length = 0;  // 2, 4 or 6 bytes
};

// SUPERVISOR CALL in a backend running without a lowcore (the user-mode runner): the PSW points past the
// SVC instruction.
struct SupervisorCallExit {
  uint8_t number = 0;
  uint8_t length = 0;  // 2 (SVC) or 4/6 when executed by EX/EXRL
};

// A program interruption in a backend running without a lowcore. For a nullifying or suppressing
// condition the PSW points at the instruction; `length` is the ILC in bytes.
struct ProgramInterruptExit {
  ProgramInterruptCode code = ProgramInterruptCode::kOperation;
  uint8_t length = 0;
  uint64_t translation_exception_id = 0;  // for access exceptions: the failing address (TEID)
};

// The CPU loaded a disabled-wait PSW (wait bit on, no interrupt class enabled): it will never run again
// without a reset. Enabled waits are handled inside the backend.
struct DisabledWaitExit {
  Psw psw;
};

// The CPU is in the stopped state (SIGP stop, or not yet started).
struct StoppedExit {};

// Kick() was called (or a run budget expired): nothing to do but look at the machine's state and re-run.
struct KickedExit {};

using Exit = std::variant<InstructionIntercept, SupervisorCallExit, ProgramInterruptExit, DisabledWaitExit,
                          StoppedExit, KickedExit>;

// Interrupts the machine makes pending on a CPU.
struct ExternalInterrupt {
  uint16_t code = 0;          // e.g. 0x2401 service signal, 0x1201 emergency signal, 0x1202 external call
  uint32_t parameter = 0;     // stored at lowcore 0x80
  uint16_t cpu_address = 0;   // stored at lowcore 0x84 (signalling CPU for 0x1201/0x1202)
};
struct IoInterrupt {
  uint32_t subchannel_id = 0;   // lowcore 0xb8
  uint32_t parameter = 0;       // lowcore 0xbc
  uint32_t word = 0;            // lowcore 0xc0
};
struct ProgramInterrupt {
  ProgramInterruptCode code = ProgramInterruptCode::kOperation;
};
struct RestartInterrupt {};

using Interrupt = std::variant<ExternalInterrupt, IoInterrupt, ProgramInterrupt, RestartInterrupt>;

class Vcpu {
 public:
  virtual ~Vcpu() = default;

  // Runs the CPU until the machine must act. A Status error is a host-level failure (never a guest
  // error: those become program interrupts or exits).
  virtual absl::StatusOr<Exit> Run() = 0;

  // The architected state. Valid between Run() calls only.
  virtual CpuState& state() = 0;

  // Makes an interrupt pending; it is delivered when the guest enables it. Not thread-safe with Run():
  // call it from the thread that runs this CPU (other threads use Kick() and a machine-level queue).
  virtual absl::Status Inject(const Interrupt& interrupt) = 0;

  // Thread-safe: makes a running Run() return a KickedExit soon (or the next Run() return at once).
  virtual void Kick() = 0;
};

}  // namespace s390vmm

#endif  // S390VMM_CPU_VCPU_H_
