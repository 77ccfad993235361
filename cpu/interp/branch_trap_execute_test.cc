// Tests of compare and trap and of EXECUTE (branch_trap_execute.cc) on a real Interpreter in user mode: the
// trap conditions and their data exception, and EXECUTE's modified targets, relative targets, link
// information, ILC and exceptions.
#include <string>
#include <vector>

#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/storage_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kCode = InsnTester::kCode;

Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
uint8_t Hi(int v) { return static_cast<uint8_t>(v >> 8); }
uint8_t Lo(int v) { return static_cast<uint8_t>(v); }
// RIE-a: CIT r1,i2,m3.
Bytes RIEa(uint16_t op, int r1, int i2, int m3) {
  return {Hi(op), static_cast<uint8_t>(r1 << 4), Hi(i2), Lo(i2), static_cast<uint8_t>(m3 << 4), Lo(op)};
}
Bytes Lhi(int r, int v) { return RI(0xa78, r, v); }
Bytes Brc(int m, int halfwords) { return RI(0xa74, m, halfwords); }
Bytes Nopr() { return {0x07, 0x00}; }

// ---- Compare and trap -------------------------------------------------------------------------------------
struct TrapCase {
  std::string name;
  Bytes insn;
  uint64_t r1, r2;
  bool traps;
};

TEST(BranchTest, CompareAndTrap) {
  const std::vector<TrapCase> cases = {
      {"CRT equal", RRF(0xb972, 1, 2, 8), 5, 5, true},
      {"CRT not equal", RRF(0xb972, 1, 2, 8), 5, 6, false},
      {"CRT low signed", RRF(0xb972, 1, 2, 4), -1ull, 0, true},
      {"CLRT low unsigned", RRF(0xb973, 1, 2, 4), -1ull, 0, false},
      {"CGRT high", RRF(0xb960, 1, 2, 2), 1ull << 40, 0, true},
      {"CLGRT 64", RRF(0xb961, 1, 2, 8), 1ull << 40, 0, false},
      {"CIT -1", RIEa(0xec72, 1, 0xffff, 8), 0xffffffffu, 0, true},
      {"CGIT -1", RIEa(0xec70, 1, 0xffff, 8), 0xffffffffu, 0, false},
      {"CLFIT 0xffff", RIEa(0xec73, 1, 0xffff, 8), 0xffff, 0, true},
      {"CLFIT high", RIEa(0xec73, 1, 0xffff, 2), 0xffffffffu, 0, true},
      {"CLGIT low", RIEa(0xec71, 1, 0xffff, 4), 5, 0, true},
      {"CLGIT mask 0", RIEa(0xec71, 1, 0xffff, 0), 5, 0, false},
      // CLT 1,8,0(7) / CLGT: the word/doubleword at 0x30000 holds 7.
      {"CLT equal", RSY(0xeb23, 1, 8, 0, 7), 7, 0, true},
      {"CLT high", RSY(0xeb23, 1, 2, 0, 7), 0x100000007ull, 0, false},
      {"CLGT high", RSY(0xeb2b, 1, 2, 4, 7), 0x100000007ull, 0, true},
  };
  for (const TrapCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetGr(1, c.r1);
    t.SetGr(2, c.r2);
    t.SetGr(7, 0x30000);
    t.Store<uint32_t>(0x30000, 7);
    t.Store<uint64_t>(0x30004, 7);
    t.SetCc(2);
    const InsnResult r = t.Run(c.insn);
    EXPECT_EQ(r.cc, 2);
    if (!c.traps) {
      EXPECT_TRUE(r.completed);
      continue;
    }
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kData);
    EXPECT_EQ(r.ilc, c.insn.size());
    EXPECT_EQ(r.psw_address, kCode + c.insn.size());
  }
}

// ---- EXECUTE ----------------------------------------------------------------------------------------------
constexpr uint64_t kTarget = 0x20000;

TEST(ExecuteTest, ExecuteMvcWithTheLengthFromR1) {
  InsnTester t;
  t.Put(kTarget, SSa(0xd2, 0, 0, 3, 0, 4));  // MVC 0(1,3),0(4)
  t.Put(0x31000, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  t.SetGr(1, 0xffffff07);  // bits 56-63: length code 7
  t.SetGr(3, 0x32000);
  t.SetGr(4, 0x31000);
  t.SetGr(7, kTarget);
  ASSERT_TRUE(t.Run(RX(0x44, 1, 0, 0, 7)).completed);  // EX 1,0(7)
  EXPECT_EQ(t.Get(0x32000, 10), (Bytes{1, 2, 3, 4, 5, 6, 7, 8, 0, 0}));
  EXPECT_EQ(t.Get(kTarget, 6), SSa(0xd2, 0, 0, 3, 0, 4)) << "the target in storage is not modified";
}

TEST(ExecuteTest, R1ZeroExecutesTheTargetUnmodified) {
  InsnTester t;
  t.Put(kTarget, Lhi(5, 3));  // ORing R0's 0xff into it would make it CGHI 15,3
  t.SetGr(0, 0xff);
  t.SetGr(5, 1);
  t.SetGr(7, kTarget);
  const InsnResult r = t.Run(RX(0x44, 0, 0, 0, 7));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(5), 3u);
}

TEST(ExecuteTest, ExecuteRelativeLongOrsIntoATwoByteTarget) {
  InsnTester t;
  // 0: J +8 (over the target) ; 4: BCR 0,0 (target; |0xf8 -> BCR 15,8) ; 6: NOPR ; 8: EXRL 1,-2 ;
  // 14: LHI 9,1 ; 18: SVC
  t.SetGr(1, 0xf8);
  t.SetGr(8, kCode + 18);
  const InsnResult r = t.Run(Cat({Brc(15, 4), Nopr(), Nopr(), RIL(0xc60, 1, static_cast<uint32_t>(-2)), Lhi(9, 1)}));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(9), 0u) << "the executed BCR 15,8 branched";
}

TEST(ExecuteTest, RelativeTargetsCountFromTheTargetAndLinkAfterTheExecute) {
  InsnTester t;
  // 0: J +8 ; 4: BRAS 14,+7 (-> 18) ; 8: EXRL 0,-2 (-> 4) ; 14: LHI 9,1 ; 18: SVC
  const InsnResult r = t.Run(Cat({Brc(15, 4), RI(0xa75, 14, 7), RIL(0xc60, 0, static_cast<uint32_t>(-2)), Lhi(9, 1)}));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(9), 0u);
  EXPECT_EQ(t.gr(14), kCode + 14);
}

TEST(ExecuteTest, LarlExecutedByExIsRelativeToTheTarget) {
  InsnTester t;
  t.Put(kTarget, RIL(0xc00, 3, 0x10));  // LARL 3,+0x20
  t.SetGr(7, kTarget);
  ASSERT_TRUE(t.Run(RX(0x44, 0, 0, 0, 7)).completed);
  EXPECT_EQ(t.gr(3), kTarget + 0x20);
}

TEST(ExecuteTest, NotTakenBranchContinuesAfterTheExecute) {
  InsnTester t;
  t.Put(kTarget, Brc(8, 100));  // BRC 8 with CC 1: not taken
  t.SetGr(7, kTarget);
  t.SetCc(1);
  ASSERT_TRUE(t.Run(Cat({RX(0x44, 0, 0, 0, 7), Lhi(9, 5)})).completed);
  EXPECT_EQ(t.gr(9), 5u);
}

TEST(ExecuteTest, BalrExecutedStoresTheIlcOfTheExecute) {
  for (bool exrl : {false, true}) {
    InsnTester t;
    t.SetAddressingMode(AddressingMode::k24);
    t.Put(kTarget, RR(0x05, 14, 0));  // BALR 14,0
    t.SetGr(7, kTarget);
    t.SetCc(1);
    const Bytes ex = exrl ? RIL(0xc60, 0, static_cast<uint32_t>((kTarget - kCode) / 2)) : RX(0x44, 0, 0, 0, 7);
    ASSERT_TRUE(t.Run(ex).completed);
    EXPECT_EQ(t.gr(14) & 0xffffffff, (exrl ? 3u : 2u) << 30 | 1u << 28 | (kCode + ex.size()));
  }
}

TEST(ExecuteTest, ExceptionsOfTheTargetReportTheExecute) {
  InsnTester t;
  t.Put(kTarget, RXY(0xe38f, 3, 0, 0, 0));  // LPQ 3,0: odd R1 -> specification
  t.SetGr(7, kTarget);
  const InsnResult r = t.Run(RX(0x44, 0, 0, 0, 7));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(r.ilc, 4);
  EXPECT_EQ(r.psw_address, kCode + 4);

  InsnTester u;
  u.Put(kTarget, RRF(0xb972, 1, 2, 8));  // CRT 1,2,8 (equal): data exception
  u.SetGr(7, kTarget);
  const Bytes exrl = RIL(0xc60, 0, static_cast<uint32_t>((kTarget - kCode) / 2));
  const InsnResult s = u.Run(exrl);
  ASSERT_FALSE(s.completed);
  EXPECT_EQ(s.code, ProgramInterruptCode::kData);
  EXPECT_EQ(s.ilc, 6);
  EXPECT_EQ(s.psw_address, kCode + 6);
}

TEST(ExecuteTest, ExecuteOfExecuteIsAnExecuteException) {
  for (const Bytes& target : {RX(0x44, 0, 0, 0, 0), RIL(0xc60, 0, 0)}) {
    for (bool exrl : {false, true}) {
      InsnTester t;
      t.Put(kTarget, target);
      t.SetGr(7, kTarget);
      const Bytes ex = exrl ? RIL(0xc60, 0, static_cast<uint32_t>((kTarget - kCode) / 2)) : RX(0x44, 0, 0, 0, 7);
      const InsnResult r = t.Run(ex);
      ASSERT_FALSE(r.completed);
      EXPECT_EQ(r.code, ProgramInterruptCode::kExecute);
      EXPECT_EQ(r.ilc, ex.size());
      EXPECT_EQ(r.psw_address, kCode + ex.size());
    }
  }
}

TEST(ExecuteTest, OddTargetIsASpecificationException) {
  InsnTester t;
  t.SetGr(7, kTarget + 1);
  const InsnResult r = t.Run(RX(0x44, 0, 0, 0, 7));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(r.ilc, 4);
}

TEST(ExecuteTest, TargetOfAnUninstalledFacilityIsAnOperationException) {
  const CpuModel no_mie3("no-mie3", 0x2964, "without MIE3", {0, 1, 2, 7, 18, 21, 34, 35, 45});
  InsnTester t(no_mie3);
  t.Put(kTarget, RRF(0xb9f0, 1, 2, 3, 8));  // SELR 1,2,3,8
  t.SetGr(7, kTarget);
  const InsnResult r = t.Run(RX(0x44, 0, 0, 0, 7));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kOperation);
  EXPECT_EQ(r.ilc, 4);

  InsnTester u;  // with MIE3 it runs
  u.Put(kTarget, RRF(0xb9f0, 1, 2, 3, 8));
  u.SetGr(7, kTarget);
  u.SetGr(2, 22);
  u.SetGr(3, 33);
  u.SetCc(0);
  ASSERT_TRUE(u.Run(RX(0x44, 0, 0, 0, 7)).completed);
  EXPECT_EQ(u.gr(1), 22u);
}

TEST(ExecuteTest, TargetCrossingAPageBoundary) {
  InsnTester t;
  t.Put(0x20ffe, RIL(0xc01, 4, 0x12345678));  // LGFI 4,0x12345678 (6 bytes over the page boundary)
  t.SetGr(7, 0x20ffe);
  ASSERT_TRUE(t.Run(RX(0x44, 0, 0, 0, 7)).completed);
  EXPECT_EQ(t.gr(4), 0x12345678u);
}

}  // namespace
}  // namespace s390vmm::interp::testing
