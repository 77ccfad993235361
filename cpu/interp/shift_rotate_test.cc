// Shifts, rotates, rotate-then-*-selected-bits and FIND LEFTMOST ONE, run on a real Interpreter (user
// mode) one instruction at a time.
#include <cstdint>
#include <set>
#include <string>

#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kHi = 0xdeadbeef00000000ull;  // bits 0-31 that 32-bit instructions must keep
constexpr uint64_t kMin64 = 0x8000000000000000ull;

TEST(ShiftRotateTest, SingleLogical) {
  RunCases({
      {"SLL", RS(0x89, 1, 0, 1, 0), {{1, kHi | 0x80000001}}, {{1, kHi | 2}}, -1},
      {"SLL 31", RS(0x89, 1, 0, 31, 0), {{1, kHi | 1}}, {{1, kHi | 0x80000000}}, -1},
      {"SLL 32 clears", RS(0x89, 1, 0, 32, 0), {{1, kHi | 0xffffffff}}, {{1, kHi}}, -1},
      {"SLL keeps the CC", RS(0x89, 1, 0, 4, 0), {{1, 1}}, {{1, 16}}, 3, 3},
      {"SLL amount from base + displacement, low 6 bits", RS(0x89, 1, 0, 0xfff, 5), {{1, 1}, {5, 0x1000000000000005}},
       {{1, 1u << 4}}, -1},
      {"SRL", RS(0x88, 1, 0, 31, 0), {{1, kHi | 0x80000000}}, {{1, kHi | 1}}, -1},
      {"SRL 63", RS(0x88, 1, 0, 63, 0), {{1, kHi | 0xffffffff}}, {{1, kHi}}, -1},
      {"SLLK", RSY(0xebdf, 1, 3, 8, 0), {{1, kHi}, {3, 0xffff00ff}}, {{1, kHi | 0xff00ff00}, {3, 0xffff00ff}}, -1},
      {"SRLK", RSY(0xebde, 1, 3, 8, 0), {{1, kHi}, {3, 0xffff00ff}}, {{1, kHi | 0x00ffff00}}, -1},
      {"SLLG", RSY(0xeb0d, 1, 3, 63, 0), {{3, 3}}, {{1, kMin64}}, -1},
      {"SLLG base", RSY(0xeb0d, 1, 3, -1, 5), {{3, 1}, {5, 5}}, {{1, 16}}, -1},
      {"SRLG", RSY(0xeb0c, 1, 3, 60, 0), {{3, 0xf000000000000000}}, {{1, 0xf}}, -1},
      {"SRLG 0", RSY(0xeb0c, 1, 3, 64, 0), {{3, 0xf000000000000000}}, {{1, 0xf000000000000000}}, -1},
  });
}

TEST(ShiftRotateTest, SingleArithmetic) {
  RunCases({
      {"SLA", RS(0x8b, 1, 0, 30, 0), {{1, kHi | 1}}, {{1, kHi | 0x40000000}}, 2},
      {"SLA 31 overflow", RS(0x8b, 1, 0, 31, 0), {{1, kHi | 1}}, {{1, kHi}}, 3},
      {"SLA -1 by 31", RS(0x8b, 1, 0, 31, 0), {{1, 0xffffffff}}, {{1, 0x80000000}}, 1},
      {"SLA -1 by 32 shifts out a zero", RS(0x8b, 1, 0, 32, 0), {{1, 0xffffffff}}, {{1, 0x80000000}}, 3},
      {"SLA -1 by 40", RS(0x8b, 1, 0, 40, 0), {{1, 0xffffffff}}, {{1, 0x80000000}}, 3},
      {"SLA 0 by 40", RS(0x8b, 1, 0, 40, 0), {{1, 0}}, {{1, 0}}, 0},
      {"SLA 1 by 63", RS(0x8b, 1, 0, 63, 0), {{1, 1}}, {{1, 0}}, 3},
      {"SLA 0xc0000000 by 1", RS(0x8b, 1, 0, 1, 0), {{1, 0xc0000000}}, {{1, 0x80000000}}, 1},
      {"SLA min by 1 overflows, keeps the sign", RS(0x8b, 1, 0, 1, 0), {{1, 0x80000000}}, {{1, 0x80000000}}, 3},
      {"SLA 0x40000000 by 1 overflows", RS(0x8b, 1, 0, 1, 0), {{1, 0x40000000}}, {{1, 0}}, 3},
      {"SLA 0x80000001 by 1 overflows", RS(0x8b, 1, 0, 1, 0), {{1, 0x80000001}}, {{1, 0x80000002}}, 3},
      {"SLA by 0", RS(0x8b, 1, 0, 0, 0), {{1, 0x80000000}}, {{1, 0x80000000}}, 1},
      {"SLA zero", RS(0x8b, 1, 0, 5, 0), {{1, kHi}}, {{1, kHi}}, 0},
      {"SLAK", RSY(0xebdd, 1, 3, 2, 0), {{1, kHi}, {3, 0xfffffff0}}, {{1, kHi | 0xffffffc0}}, 1},
      {"SLAG", RSY(0xeb0b, 1, 3, 62, 0), {{3, 1}}, {{1, 0x4000000000000000}}, 2},
      {"SLAG overflow", RSY(0xeb0b, 1, 3, 63, 0), {{3, 1}}, {{1, 0}}, 3},
      {"SLAG -1 by 63", RSY(0xeb0b, 1, 3, 63, 0), {{3, ~0ull}}, {{1, kMin64}}, 1},
      {"SLAG overflow keeps the sign", RSY(0xeb0b, 1, 3, 4, 0), {{3, 0x8800000000000001}}, {{1, 0x8000000000000010}},
       3},
      {"SRA", RS(0x8a, 1, 0, 31, 0), {{1, kHi | 0x80000000}}, {{1, kHi | 0xffffffff}}, 1},
      {"SRA 63", RS(0x8a, 1, 0, 63, 0), {{1, 0x80000000}}, {{1, 0xffffffff}}, 1},
      {"SRA to zero", RS(0x8a, 1, 0, 40, 0), {{1, 0x7fffffff}}, {{1, 0}}, 0},
      {"SRA positive", RS(0x8a, 1, 0, 4, 0), {{1, 0x7fffffff}}, {{1, 0x07ffffff}}, 2},
      {"SRAK", RSY(0xebdc, 1, 3, 1, 0), {{1, kHi}, {3, 0xfffffffe}}, {{1, kHi | 0xffffffff}}, 1},
      {"SRAG", RSY(0xeb0a, 1, 3, 63, 0), {{3, kMin64}}, {{1, ~0ull}}, 1},
      {"SRAG zero", RSY(0xeb0a, 1, 3, 1, 0), {{3, 1}}, {{1, 0}}, 0},
  });
}

TEST(ShiftRotateTest, Double) {
  RunCases({
      {"SLDL", RS(0x8d, 2, 0, 1, 0), {{2, kHi | 1}, {3, kHi | 0x80000000}}, {{2, kHi | 3}, {3, kHi}}, -1},
      {"SLDL 32", RS(0x8d, 2, 0, 32, 0), {{2, 5}, {3, 7}}, {{2, 7}, {3, 0}}, -1},
      {"SRDL", RS(0x8c, 2, 0, 4, 0), {{2, 0x12345678}, {3, 0x9abcdef0}}, {{2, 0x01234567}, {3, 0x89abcdef}}, -1},
      {"SRDL 63", RS(0x8c, 2, 0, 63, 0), {{2, 0x80000000}, {3, 0}}, {{2, 0}, {3, 1}}, -1},
      {"SLDA", RS(0x8f, 2, 0, 31, 0), {{2, 0}, {3, 1}}, {{2, 0}, {3, 0x80000000}}, 2},
      {"SLDA overflow", RS(0x8f, 2, 0, 33, 0), {{2, 0x40000000}, {3, 0}}, {{2, 0}, {3, 0}}, 3},
      {"SLDA negative", RS(0x8f, 2, 0, 8, 0), {{2, 0xffffffff}, {3, 0xffffff00}}, {{2, 0xffffffff}, {3, 0xffff0000}},
       1},
      {"SRDA", RS(0x8e, 2, 0, 32, 0), {{2, kHi | 0xffffffff}, {3, kHi}},
       {{2, kHi | 0xffffffff}, {3, kHi | 0xffffffff}}, 1},
      {"SRDA positive", RS(0x8e, 2, 0, 1, 0), {{2, 0}, {3, 2}}, {{2, 0}, {3, 1}}, 2},
      {"SRDA zero", RS(0x8e, 2, 0, 63, 0), {{2, 0x7fffffff}, {3, 0}}, {{2, 0}, {3, 0}}, 0},
  });
  RunExceptionCases({
      {"SLDL odd", RS(0x8d, 3, 0, 1, 0), {}, ProgramInterruptCode::kSpecification},
      {"SRDL odd", RS(0x8c, 1, 0, 1, 0), {}, ProgramInterruptCode::kSpecification},
      {"SLDA odd", RS(0x8f, 5, 0, 1, 0), {}, ProgramInterruptCode::kSpecification},
      {"SRDA odd", RS(0x8e, 15, 0, 1, 0), {}, ProgramInterruptCode::kSpecification},
      {"FLOGR odd", RRE(0xb983, 3, 4), {{4, 1}}, ProgramInterruptCode::kSpecification},
  });
}

TEST(ShiftRotateTest, ShiftOverflowInterruption) {
  InsnTester t;
  t.SetGr(1, 0x40000000);
  t.SetProgramMask(8);
  const InsnResult res = t.Run(RS(0x8b, 1, 0, 1, 0));  // SLA 1,1
  ASSERT_FALSE(res.completed);
  EXPECT_EQ(res.code, ProgramInterruptCode::kFixedPointOverflow);
  EXPECT_EQ(res.ilc, 4);
  EXPECT_EQ(res.cc, 3);
  EXPECT_EQ(t.gr(1), 0u);
}

TEST(ShiftRotateTest, Rotate) {
  RunCases({
      {"RLL", RSY(0xeb1d, 1, 3, 1, 0), {{1, kHi}, {3, 0x80000001}}, {{1, kHi | 3}}, -1},
      {"RLL 33 = 1", RSY(0xeb1d, 1, 3, 33, 0), {{1, kHi}, {3, 0x80000001}}, {{1, kHi | 3}}, -1},
      {"RLL 0", RSY(0xeb1d, 1, 3, 0, 0), {{3, 0x12345678}}, {{1, 0x12345678}}, -1},
      {"RLL 8", RSY(0xeb1d, 1, 1, 8, 0), {{1, kHi | 0x12345678}}, {{1, kHi | 0x34567812}}, -1},
      {"RLLG", RSY(0xeb1c, 1, 3, 4, 0), {{3, 0xf000000000000001}}, {{1, 0x000000000000001f}}, -1},
      {"RLLG 0", RSY(0xeb1c, 1, 3, 64, 0), {{3, 0x8000000000000001}}, {{1, 0x8000000000000001}}, -1},
  });
}

TEST(ShiftRotateTest, RotateThenInsertSelectedBits) {
  constexpr uint64_t kA = 0x1111111122222222ull, kB = 0xaaaaaaaabbbbbbbbull;
  RunCases({
      // risbg r1,r2,32,128+63,0 is LLGFR with a CC.
      {"RISBG zero-extend", RIEf(0xec55, 1, 2, 32, 0x80 | 63, 0), {{1, kA}, {2, kB}}, {{1, 0xbbbbbbbb}}, 2},
      {"RISBG shift right", RIEf(0xec55, 1, 2, 60, 0x80 | 63, 4), {{1, kA}, {2, kB}}, {{1, 0xa}}, 2},
      {"RISBG keep others", RIEf(0xec55, 1, 2, 8, 15, 0), {{1, kA}, {2, kB}}, {{1, 0x11aa111122222222}}, 2},
      {"RISBG negative result", RIEf(0xec55, 1, 2, 0, 0x80 | 0, 0), {{1, kA}, {2, kB}}, {{1, kMin64}}, 1},
      {"RISBG zero result", RIEf(0xec55, 1, 2, 0, 0x80 | 63, 0), {{1, kA}, {2, 0}}, {{1, 0}}, 0},
      {"RISBG wrap-around", RIEf(0xec55, 1, 2, 62, 0x80 | 1, 0), {{1, 0}, {2, ~0ull}}, {{1, 0xc000000000000003}}, 1},
      {"RISBG rotate", RIEf(0xec55, 1, 2, 0, 0x80 | 63, 32), {{2, kB}}, {{1, 0xbbbbbbbbaaaaaaaa}}, 1},
      {"RISBGN keeps the CC", RIEf(0xec59, 1, 2, 32, 0x80 | 63, 0), {{1, kA}, {2, kB}}, {{1, 0xbbbbbbbb}}, 3, 3},
      {"RISBHG", RIEf(0xec5d, 1, 2, 0, 0x80 | 31, 32), {{1, kA}, {2, kB}}, {{1, 0xbbbbbbbb22222222}}, 1, 1},
      {"RISBHG keep", RIEf(0xec5d, 1, 2, 8, 15, 0), {{1, kA}, {2, kB}}, {{1, 0x11aa111122222222}}, -1},
      {"RISBHG Z zeroes the high word only", RIEf(0xec5d, 1, 2, 8, 0x80 | 15, 0), {{1, kA}, {2, kB}},
       {{1, 0x00aa000022222222}}, -1},
      {"RISBHG positions modulo 32", RIEf(0xec5d, 1, 2, 32 + 8, 0x80 | (32 + 15), 0), {{1, kA}, {2, kB}},
       {{1, 0x00aa000022222222}}, -1},
      {"RISBLG", RIEf(0xec51, 1, 2, 0, 0x80 | 31, 0), {{1, kA}, {2, kB}}, {{1, 0x11111111bbbbbbbb}}, -1},
      {"RISBLG wrap within the low word", RIEf(0xec51, 1, 2, 24, 0x80 | 7, 0), {{1, kA}, {2, ~0ull}},
       {{1, 0x11111111ff0000ff}}, -1},
  });
}

TEST(ShiftRotateTest, RotateThenOperateOnSelectedBits) {
  RunCases({
      {"RNSBG", RIEf(0xec54, 1, 2, 56, 63, 0), {{1, 0xff000000000000ff}, {2, 0x0f}}, {{1, 0xff0000000000000f}}, 1},
      {"RNSBG zero", RIEf(0xec54, 1, 2, 56, 63, 0), {{1, 0xff000000000000f0}, {2, 0x0f}}, {{1, 0xff00000000000000}}, 0},
      {"RNSBG test only", RIEf(0xec54, 1, 2, 0x80 | 56, 63, 0), {{1, 0xff000000000000ff}, {2, 0x0f}},
       {{1, 0xff000000000000ff}}, 1},
      {"ROSBG rotate", RIEf(0xec56, 1, 2, 0, 7, 8), {{1, 1}, {2, 0xab00000000000000}}, {{1, 1}}, 0},
      {"ROSBG", RIEf(0xec56, 1, 2, 0, 7, 56), {{1, 1}, {2, 0xab}}, {{1, 0xab00000000000001}}, 1},
      {"ROSBG test only", RIEf(0xec56, 1, 2, 0x80 | 0, 7, 56), {{1, 1}, {2, 0xab}}, {{1, 1}}, 1},
      {"RXSBG", RIEf(0xec57, 1, 2, 32, 63, 32), {{1, 0xffffffffffffffff}, {2, 0xffffffff00000000}},
       {{1, 0xffffffff00000000}}, 0},
      {"RXSBG wrap-around", RIEf(0xec57, 1, 2, 63, 0, 0), {{1, 0}, {2, ~0ull}}, {{1, 0x8000000000000001}}, 1},
      {"RXSBG test only", RIEf(0xec57, 1, 2, 0x80 | 63, 0, 0), {{1, 0}, {2, ~0ull}}, {{1, 0}}, 1},
  });
}

TEST(ShiftRotateTest, FindLeftmostOne) {
  RunCases({
      {"FLOGR", RRE(0xb983, 2, 4), {{4, 0x0000100000000001}}, {{2, 19}, {3, 1}, {4, 0x0000100000000001}}, 2},
      {"FLOGR zero", RRE(0xb983, 2, 4), {{2, 5}, {3, 5}, {4, 0}}, {{2, 64}, {3, 0}}, 0},
      {"FLOGR bit 0", RRE(0xb983, 2, 4), {{4, kMin64}}, {{2, 0}, {3, 0}}, 2},
      {"FLOGR bit 63", RRE(0xb983, 2, 4), {{4, 1}}, {{2, 63}, {3, 0}}, 2},
      {"FLOGR r2 = r1", RRE(0xb983, 2, 2), {{2, 0x00ff}}, {{2, 56}, {3, 0x7f}}, 2},
      {"FLOGR r2 = r1+1", RRE(0xb983, 2, 3), {{3, 0x0300000000000000}}, {{2, 6}, {3, 0x0100000000000000}}, 2},
  });
}

// Every shift/rotate/FLOGR instruction of the isa table has a handler.
TEST(ShiftRotateTest, EveryTableInstructionHasAHandler) {
  const std::set<std::string> mine = {"SLL",  "SRL",  "SLA",    "SRA",    "SLDL",   "SRDL",  "SLDA",  "SRDA",
                                      "SLLG", "SRLG", "SLAG",   "SRAG",   "SLLK",   "SRLK",  "SLAK",  "SRAK",
                                      "RLL",  "RLLG", "RISBG",  "RISBGN", "RISBHG", "RISBLG", "RNSBG", "ROSBG",
                                      "RXSBG", "FLOGR"};
  ExpectFamilyImplemented(mine);
}

}  // namespace
}  // namespace s390vmm::interp::testing
