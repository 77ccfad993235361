#include "tools/s390x_run/runner.h"

#include <csignal>

#include "gtest/gtest.h"

namespace s390vmm::s390x_run {
namespace {

TEST(Runner, SignalsFollowLinux) {
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kAddressing), SIGSEGV);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kProtection), SIGSEGV);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kPageTranslation), SIGSEGV);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kOperation), SIGILL);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kPrivilegedOperation), SIGILL);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kSpecification), SIGILL);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kExecute), SIGILL);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kFixedPointDivide), SIGFPE);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kFixedPointOverflow), SIGFPE);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kDecimalDivide), SIGFPE);
  EXPECT_EQ(SignalForProgramInterrupt(ProgramInterruptCode::kData), SIGFPE);
}

}  // namespace
}  // namespace s390vmm::s390x_run
