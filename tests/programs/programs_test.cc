// Runs every bare-metal test program; each must end in a disabled wait at address 0 (all checks passed).
#include <string>

#include "cpu/cpu_model.h"
#include "gtest/gtest.h"
#include "tests/programs/program_runner.h"

namespace s390vmm::testing {
namespace {

class ProgramTest : public ::testing::TestWithParam<std::string> {};

// The vector programs (vector*.S) run on the z15 model, which has the vector facilities (129, 135, 148);
// the others on the default model.
const CpuModel& ModelFor(const std::string& program) {
  return program.rfind("vector", 0) == 0 ? **FindCpuModel("z15") : DefaultCpuModel();
}

TEST_P(ProgramTest, AllChecksPass) {
  ProgramRunner runner(ModelFor(GetParam()));
  ASSERT_TRUE(runner.Load(RunfilePath("tests/programs/" + GetParam() + ".bin")).ok());
  absl::StatusOr<ProgramResult> result = runner.Run();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->wait_address, 0u) << "check " << result->wait_address << " failed (0xdead0xxx: an "
                                      << "unexpected interruption; xxx = old-PSW offset - 0x80)";
}

INSTANTIATE_TEST_SUITE_P(Programs, ProgramTest, ::testing::Values("fixed_point", "logical", "shift_rotate", "storage",
                                                                   "string", "branch",
                                                                   "load_store", "bfp", "decimal", "vector",
                                                                   "vector_integer", "vector_fp", "keys", "general_misc",
                                                                   "interrupts", "dat", "hfp"));

}  // namespace
}  // namespace s390vmm::testing
