// Runs every bare-metal test program; each must end in a disabled wait at address 0 (all checks passed).
#include <string>

#include "cpu/cpu_model.h"
#include "gtest/gtest.h"
#include "tests/programs/program_runner.h"

namespace s390vmm::testing {
namespace {

class ProgramTest : public ::testing::TestWithParam<std::string> {};

// The vector programs (vector*.S) run on a model with the vector facilities (129, 135, 148), which the named
// models report only once every vector chapter is implemented; the others on the default model.
const CpuModel& ModelFor(const std::string& program) {
  static const CpuModel* vector = new CpuModel(
      "vector-programs", 0x8561, "z15 facilities plus the vector facilities",
      {0, 1, 2, 7, 16, 18, 19, 21, 22, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 37, 41, 45, 49, 53, 58, 61, 129,
       135, 148});
  return program.rfind("vector", 0) == 0 ? *vector : DefaultCpuModel();
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
                                                                   "vector_integer", "vector_fp"));

}  // namespace
}  // namespace s390vmm::testing
