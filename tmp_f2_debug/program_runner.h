// File: tests/programs/program_runner.h
//
// Runs a bare-metal s390x test program (assembled by s390x_program()) on the interpreter in supervisor
// state, DAT off, 64-bit mode, prefix 0, until it loads a disabled-wait PSW. Convention shared by every
// program in this directory: the address of the final disabled-wait PSW is the result — 0 means every
// check passed, N means check N failed. The runner pre-loads every new PSW in the lowcore with a disabled
// wait at 0xdead0000 | interruption class, so an unexpected interruption also ends the run with a
// recognizable result.
#ifndef S390VMM_TESTS_PROGRAMS_PROGRAM_RUNNER_H_
#define S390VMM_TESTS_PROGRAMS_PROGRAM_RUNNER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cpu/cpu_model.h"
#include "cpu/interp/interpreter.h"
#include "memory/guest_memory.h"

namespace s390vmm::testing {

struct ProgramResult {
  uint64_t wait_address = 0;   // the disabled-wait PSW's address: 0 = pass
  uint64_t instructions = 0;
};

class ProgramRunner {
 public:
  static constexpr uint64_t kBase = 0x10000;
  static constexpr uint64_t kUnexpectedProgram = 0xdead0150;

  explicit ProgramRunner(const CpuModel& model = DefaultCpuModel(), uint64_t memory_size = 16 << 20);

  // Loads the flat image at kBase.
  absl::Status Load(const std::string& bin_path);
  // Runs until a disabled wait; at most `max_exits` intercept/kick exits are tolerated.
  absl::StatusOr<ProgramResult> Run();

  GuestMemory& memory() { return *memory_; }
  interp::Interpreter& cpu() { return *cpu_; }

 private:
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<interp::Interpreter> cpu_;
};

// Path of a runfile given its workspace-relative name ("tests/programs/fixed_point.bin").
std::string RunfilePath(const std::string& relative);

}  // namespace s390vmm::testing

#endif  // S390VMM_TESTS_PROGRAMS_PROGRAM_RUNNER_H_
