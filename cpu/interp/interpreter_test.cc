// The run loop: threaded dispatch through blocks that continue past not-taken conditional branches
// (side exits), exact instruction counts on every way out of a block, and --trace=insn.
#include <string>

#include "absl/strings/match.h"
#include "cpu/interp/insn_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// BRC M1,I2 (relative to the BRC itself, in halfwords).
Bytes Brc(int m1, int halfwords) { return RI(0xa74, m1, halfwords); }
Bytes Lhi(int r1, int i2) { return RI(0xa78, r1, i2); }
Bytes Ahi(int r1, int i2) { return RI(0xa7a, r1, i2); }

TEST(InterpreterTest, NotTakenBranchFallsThroughWithinTheBlock) {
  InsnTester t;
  // LHI 1,1; LTR 1,1 (CC 2); BRC 8 (not taken) +4; AHI 1,10; AHI 1,100 -> 111, six instructions with SVC.
  const Bytes code = Concat({Lhi(1, 1), RR(0x12, 1, 1), Brc(8, 4), Ahi(1, 10), Ahi(1, 100)});
  InsnResult r = t.Run(code);
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(1), 111u);
  EXPECT_EQ(t.cpu().instructions(), 6u);
}

TEST(InterpreterTest, TakenBranchLeavesTheBlockAndSkipsWhatFollows) {
  InsnTester t;
  // LHI 1,1; LTR 1,1 (CC 2); BRC 2 (taken) over the first AHI; AHI 1,10 (skipped); AHI 1,100 -> 101.
  const Bytes code = Concat({Lhi(1, 1), RR(0x12, 1, 1), Brc(2, 4), Ahi(1, 10), Ahi(1, 100)});
  InsnResult r = t.Run(code);
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(1), 101u);
  EXPECT_EQ(t.cpu().instructions(), 5u);
}

TEST(InterpreterTest, LoopsCountEveryIteration) {
  InsnTester t;
  // LHI 1,5; LHI 2,0; loop: AHI 2,3; BRCT 1,loop -> 15; 2 + 5*2 + SVC = 13 instructions.
  const Bytes code = Concat({Lhi(1, 5), Lhi(2, 0), Ahi(2, 3), RI(0xa76, 1, -2)});
  InsnResult r = t.Run(code);
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(2), 15u);
  EXPECT_EQ(t.cpu().instructions(), 13u);
}

TEST(InterpreterTest, ProgramInterruptionMidBlockCountsOnlyWhatRan) {
  InsnTester t;
  // LHI 1,1; DR 1,1 needs an even R1: specification exception on the second instruction.
  InsnResult r = t.Run(Concat({Lhi(1, 1), RR(0x1d, 1, 1), Ahi(1, 5)}));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(t.gr(1), 1u);
  EXPECT_EQ(t.cpu().instructions(), 2u);  // LHI and the DR that was suppressed
}

TEST(InterpreterTest, TraceInsnWritesEveryInstructionBeforeItRuns) {
  InsnTester t;
  t.cpu().set_trace_insns(true);
  ::testing::internal::CaptureStderr();
  InsnResult r = t.Run(Concat({Lhi(1, 1), RR(0x12, 1, 1), Brc(2, 4), Ahi(1, 10), Ahi(1, 100)}));
  const std::string trace = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(1), 101u);
  EXPECT_THAT(trace, ::testing::HasSubstr("[cpu 0] 0000000000010000: lhi\t%r1,1\n"));
  EXPECT_THAT(trace, ::testing::HasSubstr("0000000000010006: jh\t0x1000e\n"));
  EXPECT_FALSE(absl::StrContains(trace, "000000000001000a:")) << "the skipped AHI is not traced";
  EXPECT_THAT(trace, ::testing::HasSubstr("000000000001000e: ahi\t%r1,100\n"));
  EXPECT_EQ(t.cpu().instructions(), 5u);
}

}  // namespace
}  // namespace s390vmm::interp::testing
