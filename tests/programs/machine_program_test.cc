// Runs the bare-metal programs that need the whole machine (several CPUs, SIGP, stop and store status)
// on machine::Machine instead of a lone interpreter. Each program is a raw kernel image linked at 0 (its
// IPL PSW, ESA/390 short format, at 0 names the entry; see bios/direct_boot.h) that boots through the
// ordinary direct-boot path with -smp 2. The harness convention is ProgramRunner's: the program ends in a
// disabled wait whose address is 0 when every check passed, N when check N failed, 0xdead0xxx (or
// N << 32 | 0xdead0150 from supervisor.inc) for an unexpected interruption.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "machine/char_backend.h"
#include "machine/config.pb.h"
#include "machine/machine.h"
#include "tests/programs/program_runner.h"

namespace s390vmm::testing {
namespace {

constexpr int kCpus = 2;
constexpr auto kTimeLimit = std::chrono::seconds(60);

class MachineProgramTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MachineProgramTest, AllChecksPass) {
  MachineConfig config;
  config.set_memory_mib(64);
  config.set_cpus(kCpus);
  config.mutable_boot()->set_kernel(RunfilePath("tests/programs/" + GetParam() + ".bin"));
  MemoryCharBackend console;
  absl::StatusOr<std::unique_ptr<Machine>> machine = Machine::Create(config, &console);
  ASSERT_TRUE(machine.ok()) << machine.status();

  // A program that hangs (a CPU that never answers) is stopped, and the test fails, after the limit.
  std::atomic<bool> finished{false};
  std::thread watchdog([&] {
    const auto deadline = std::chrono::steady_clock::now() + kTimeLimit;
    while (!finished && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!finished) (*machine)->RequestStop();
  });
  absl::StatusOr<MachineExit> exit = (*machine)->Run();
  finished = true;
  watchdog.join();
  ASSERT_TRUE(exit.ok()) << exit.status();
  ASSERT_EQ(exit->reason, MachineExit::Reason::kDisabledWait) << exit->message;

  // The CPU threads have ended: the state is stable. The disabled wait that ended the run is the result.
  int waiting = -1;
  for (int i = 0; i < (*machine)->cpu_count(); ++i) {
    const Psw& psw = (*machine)->cpu(i).state().psw;
    if (psw.wait() && !psw.external_enabled() && !psw.io_enabled() && !psw.machine_check_enabled()) waiting = i;
  }
  ASSERT_GE(waiting, 0) << exit->message;
  const uint64_t result = (*machine)->cpu(waiting).state().psw.address();
  EXPECT_EQ(waiting, 0) << absl::StrFormat("CPU %d ended the run at 0x%x", waiting, result);
  EXPECT_EQ(result, 0u) << absl::StrFormat("failed at 0x%x: N = check N failed; 0xdead0xxx an unexpected "
                                           "interruption (xxx = old-PSW offset - 0x80), N << 32 | 0xdead0150 "
                                           "one during check N",
                                           result);
}

INSTANTIATE_TEST_SUITE_P(Programs, MachineProgramTest, ::testing::Values("sigp"));

}  // namespace
}  // namespace s390vmm::testing
