// File: tools/s390x_run/runner.h
//
// Runs one static s390x Linux program to its end on the interpreter in user mode: builds the guest memory
// and the process layout (ELF segments, brk, mmap area, the initial stack of Linux's execve), starts the
// CPU in the problem state, turns SUPERVISOR CALL exits into LinuxSyscalls calls and program interruptions
// into the signal Linux would send, with a message:
//
//   addressing, protection, translation exceptions        -> SIGSEGV "SIGSEGV at 0x... (psw ...)"
//   operation exception                                   -> SIGILL  "SIGILL: unimplemented or invalid
//                                                                     instruction LAY (e3 ...) at 0x..."
//   privileged-operation, specification, execute, operand -> SIGILL
//   fixed-point divide/overflow, decimal, data (BFP/DXC)  -> SIGFPE
//
// Memory model: DAT off, 64-bit addressing (PSW EA+BA), problem state, PSW key 0, so guest logical
// addresses are absolute addresses in one GuestMemory region [0x10000, 4 GiB); the first 64 KiB are
// unbacked so that NULL dereferences raise addressing exceptions.
#ifndef S390VMM_TOOLS_S390X_RUN_RUNNER_H_
#define S390VMM_TOOLS_S390X_RUN_RUNNER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cpu/cpu_model.h"
#include "cpu/program_interrupt.h"

namespace s390vmm::s390x_run {

struct RunnerOptions {
  std::string program;             // host path of the ELF file
  std::vector<std::string> argv;   // the guest's argv, argv[0] included
  std::vector<std::string> envp;   // the guest's environment
  const CpuModel* model = nullptr;
  bool stats = false;              // print statistics to diag_fd at exit (and before execve)
  bool strace = false;             // print every system call to diag_fd
  int diag_fd = 2;                 // the runner's own stderr (the guest cannot close it)
  // The runner's own command line prefix for execve of another s390x program ({"/proc/self/exe", ...}).
  std::vector<std::string> reexec_argv;
  uint64_t memory_end = uint64_t{1} << 32;  // one past the highest guest address
};

// How the guest process ended.
struct RunResult {
  bool signaled = false;  // killed by `signal` (a guest fault), else exited with `exit_status`
  int exit_status = 0;
  int signal = 0;
};

// Loads and runs the program. Host-level problems (missing file, bad ELF, no memory) are errors; guest
// faults are a RunResult with `signaled` after the message was written to diag_fd.
absl::StatusOr<RunResult> RunProgram(const RunnerOptions& options);

// The signal Linux sends for a program interruption in user space (arch/s390/kernel/traps.c), adapted to
// DAT off: addressing exceptions are what a page-translation exception is under Linux (SIGSEGV).
int SignalForProgramInterrupt(ProgramInterruptCode code);

}  // namespace s390vmm::s390x_run

#endif  // S390VMM_TOOLS_S390X_RUN_RUNNER_H_
