// AND / OR / EXCLUSIVE OR in every form, TEST UNDER MASK, INSERT IMMEDIATE, LOAD LOGICAL IMMEDIATE and
// POPULATION COUNT, run on a real Interpreter (user mode) one instruction at a time.
#include <cstdint>
#include <set>
#include <string>

#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x20000;              // storage operands; r10 holds this address
constexpr uint64_t kHi = 0xdeadbeef00000000ull;  // bits 0-31 that 32-bit instructions must keep
constexpr uint64_t kPattern = 0x123456789abcdef0ull;

TEST(LogicalTest, And) {
  RunCases({
      {"NR", RR(0x14, 1, 2), {{1, kHi | 0xff00ff00}, {2, 0xffffffff0ff00ff0}}, {{1, kHi | 0x0f000f00}}, 1},
      {"NR zero", RR(0x14, 1, 2), {{1, kHi | 0xf0}, {2, 0x0f}}, {{1, kHi}}, 0},
      {"NGR", RRE(0xb980, 1, 2), {{1, ~0ull}, {2, 0x8000000000000000}}, {{1, 0x8000000000000000}}, 1},
      {"NRK", RRF(0xb9f4, 1, 2, 3), {{1, kHi}, {2, 0xc}, {3, 0xa}}, {{1, kHi | 8}, {2, 0xc}, {3, 0xa}}, 1},
      {"NGRK zero", RRF(0xb9e4, 1, 2, 3), {{1, 5}, {2, 0xf0}, {3, 0x0f}}, {{1, 0}}, 0},
      {"N", RX(0x54, 1, 4, 0, 10), {{1, 0xffffffff}, {10, kData}}, {{1, 0x12345678}}, 1, 0,
       {{kData + 4, Be<uint32_t>(0x12345678)}}},
      {"NY", RXY(0xe354, 1, -4, 0, 10), {{1, 0xffff}, {10, kData + 4}}, {{1, 0}}, 0, 0,
       {{kData, Be<uint32_t>(0xffff0000)}}},
      {"NG", RXY(0xe380, 1, 0, 0, 10), {{1, kPattern}, {10, kData}}, {{1, kPattern & 0xff00ff00ff00ff00}}, 1, 0,
       {{kData, Be<uint64_t>(0xff00ff00ff00ff00)}}},
      {"NIHF", RIL(0xc0a, 1, 0x0000ffff), {{1, kPattern}}, {{1, 0x000056789abcdef0}}, 1},
      {"NILF zero", RIL(0xc0b, 1, 0), {{1, kPattern}}, {{1, 0x1234567800000000}}, 0},
      {"NIHH", RI(0xa54, 1, 0x00ff), {{1, ~0ull}}, {{1, 0x00ffffffffffffff}}, 1},
      {"NIHL", RI(0xa55, 1, 0), {{1, ~0ull}}, {{1, 0xffff0000ffffffff}}, 0},
      {"NILH", RI(0xa56, 1, 0x8000), {{1, ~0ull}}, {{1, 0xffffffff8000ffff}}, 1},
      {"NILL field zero, register not", RI(0xa57, 1, 0xffff), {{1, 0xffffffffffff0000}}, {{1, 0xffffffffffff0000}}, 0},
  });
}

TEST(LogicalTest, Or) {
  RunCases({
      {"OR", RR(0x16, 1, 2), {{1, kHi | 0xf0}, {2, 0xffffffff0000000f}}, {{1, kHi | 0xff}}, 1},
      {"OR zero", RR(0x16, 1, 2), {{1, kHi}, {2, 0xffffffff00000000}}, {{1, kHi}}, 0},
      {"OGR", RRE(0xb981, 1, 2), {{1, 1ull << 63}, {2, 1}}, {{1, (1ull << 63) | 1}}, 1},
      {"ORK", RRF(0xb9f6, 1, 2, 3), {{1, kHi}, {2, 1}, {3, 2}}, {{1, kHi | 3}}, 1},
      {"OGRK", RRF(0xb9e6, 1, 2, 3), {{2, 0}, {3, 0}}, {{1, 0}}, 0},
      {"O", RX(0x56, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 0x80000001}}, 1, 0, {{kData, Be<uint32_t>(0x80000000)}}},
      {"OY", RXY(0xe356, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 0}}, 0, 0, {{kData, Be<uint32_t>(0)}}},
      {"OG", RXY(0xe381, 1, 0, 0, 10), {{1, 0xf0}, {10, kData}}, {{1, 0xff000000000000f0}}, 1, 0,
       {{kData, Be<uint64_t>(0xff00000000000000)}}},
      {"OIHF", RIL(0xc0c, 1, 0x80000000), {{1, 1}}, {{1, 0x8000000000000001}}, 1},
      {"OILF", RIL(0xc0d, 1, 0), {{1, 0xffffffff00000000}}, {{1, 0xffffffff00000000}}, 0},
      {"OIHH", RI(0xa58, 1, 0x8000), {{1, 0}}, {{1, 0x8000000000000000}}, 1},
      {"OIHL", RI(0xa59, 1, 1), {{1, 0}}, {{1, 0x0000000100000000}}, 1},
      {"OILH", RI(0xa5a, 1, 0), {{1, 0xffff}}, {{1, 0xffff}}, 0},
      {"OILL", RI(0xa5b, 1, 0x0f0f), {{1, kHi}}, {{1, kHi | 0x0f0f}}, 1},
  });
}

TEST(LogicalTest, ExclusiveOr) {
  RunCases({
      {"XR self", RR(0x17, 3, 3), {{3, kHi | 0x1234}}, {{3, kHi}}, 0},
      {"XR", RR(0x17, 1, 2), {{1, 0xff}, {2, 0x0f}}, {{1, 0xf0}}, 1},
      {"XGR", RRE(0xb982, 1, 2), {{1, kPattern}, {2, ~0ull}}, {{1, ~kPattern}}, 1},
      {"XRK", RRF(0xb9f7, 1, 2, 3), {{1, kHi}, {2, 5}, {3, 5}}, {{1, kHi}}, 0},
      {"XGRK", RRF(0xb9e7, 1, 2, 3), {{2, 1}, {3, 3}}, {{1, 2}}, 1},
      {"X", RX(0x57, 1, 0, 0, 10), {{1, 0xffffffff}, {10, kData}}, {{1, 0x0000ffff}}, 1, 0,
       {{kData, Be<uint32_t>(0xffff0000)}}},
      {"XY", RXY(0xe357, 1, 0, 0, 10), {{1, 7}, {10, kData}}, {{1, 0}}, 0, 0, {{kData, Be<uint32_t>(7)}}},
      {"XG", RXY(0xe382, 1, 0, 0, 10), {{1, kPattern}, {10, kData}}, {{1, 0}}, 0, 0, {{kData, Be<uint64_t>(kPattern)}}},
      {"XIHF", RIL(0xc06, 1, 0xffffffff), {{1, kPattern}}, {{1, 0xedcba9879abcdef0}}, 1},
      {"XILF to zero", RIL(0xc07, 1, 0x9abcdef0), {{1, kPattern}}, {{1, 0x1234567800000000}}, 0},
  });
}

TEST(LogicalTest, MiscellaneousInstructionExtensions3) {
  RunCases({
      {"NCRK", RRF(0xb9f5, 1, 2, 3), {{1, kHi}, {2, 0xff}, {3, 0x0f}}, {{1, kHi | 0xf0}}, 1},
      {"NCGRK zero", RRF(0xb9e5, 1, 2, 3), {{2, 0xff}, {3, ~0ull}}, {{1, 0}}, 0},
      {"OCRK", RRF(0xb975, 1, 2, 3), {{1, kHi}, {2, 0}, {3, 0xffff0000}}, {{1, kHi | 0x0000ffff}}, 1},
      {"OCGRK", RRF(0xb965, 1, 2, 3), {{2, 0}, {3, ~0ull}}, {{1, 0}}, 0},
      {"NNRK", RRF(0xb974, 1, 2, 3), {{2, 0xffffffff}, {3, 0xffffffff}}, {{1, 0}}, 0},
      {"NNGRK", RRF(0xb964, 1, 2, 3), {{2, 0xf0}, {3, 0xff}}, {{1, ~0xf0ull}}, 1},
      {"NORK", RRF(0xb976, 1, 2, 3), {{1, kHi}, {2, 0xf0}, {3, 0x0f}}, {{1, kHi | 0xffffff00}}, 1},
      {"NOGRK", RRF(0xb966, 1, 2, 3), {{2, kPattern}, {3, ~kPattern}}, {{1, 0}}, 0},
      {"NXRK", RRF(0xb977, 1, 2, 3), {{2, 0x12345678}, {3, 0x12345678}}, {{1, 0xffffffff}}, 1},
      {"NXGRK", RRF(0xb967, 1, 2, 3), {{2, kPattern}, {3, ~kPattern}}, {{1, 0}}, 0},
  });
}

TEST(LogicalTest, StorageImmediate) {
  RunCases({
      {"NI", SI(0x94, 1, 10, 0x0f), {{10, kData}}, {}, 0, 0, {{kData, Bytes{0xaa, 0xf0, 0xbb}}},
       {{kData, Bytes{0xaa, 0x00, 0xbb}}}},
      {"NIY", SIY(0xeb54, -1, 10, 0x81), {{10, kData + 1}}, {}, 1, 0, {{kData, Bytes{0xff}}}, {{kData, Bytes{0x81}}}},
      {"OI", SI(0x96, 0, 10, 0x80), {{10, kData}}, {}, 1, 0, {{kData, Bytes{0x01}}}, {{kData, Bytes{0x81}}}},
      {"OIY zero", SIY(0xeb56, 0, 10, 0), {{10, kData}}, {}, 0, 0, {{kData, Bytes{0}}}, {{kData, Bytes{0}}}},
      {"XI", SI(0x97, 0, 10, 0xff), {{10, kData}}, {}, 0, 0, {{kData, Bytes{0xff}}}, {{kData, Bytes{0x00}}}},
      {"XIY", SIY(0xeb57, 0, 10, 0x0f), {{10, kData}}, {}, 1, 0, {{kData, Bytes{0xff}}}, {{kData, Bytes{0xf0}}}},
  });
  RunExceptionCases({
      {"NI beyond memory", SI(0x94, 0, 10, 0), {{10, InsnTester::kMemorySize}}, ProgramInterruptCode::kAddressing},
      {"OIY beyond memory", SIY(0xeb56, 0, 10, 1), {{10, InsnTester::kMemorySize}}, ProgramInterruptCode::kAddressing},
      {"TM beyond memory", SI(0x91, 0, 10, 1), {{10, InsnTester::kMemorySize}}, ProgramInterruptCode::kAddressing},
      {"OI under low-address protection", SI(0x96, 0x10, 0, 0xff), {}, ProgramInterruptCode::kProtection,
       {{0x10, Bytes{0x5a}}}, AddressingMode::k64, cr0::kLowAddressProtection},
      {"XIY under low-address protection", SIY(0xeb57, 0x1ff, 0, 0xff), {}, ProgramInterruptCode::kProtection,
       {{0x1ff, Bytes{0x5a}}}, AddressingMode::k64, cr0::kLowAddressProtection},
      {"N beyond memory", RX(0x54, 1, 0, 0, 10), {{10, InsnTester::kMemorySize - 2}},
       ProgramInterruptCode::kAddressing},
  });
}

TEST(LogicalTest, TestUnderMask) {
  RunCases({
      {"TM all zero", SI(0x91, 0, 10, 0xf0), {{10, kData}}, {}, 0, 3, {{kData, Bytes{0x0f}}}},
      {"TM all ones", SI(0x91, 0, 10, 0x0c), {{10, kData}}, {}, 3, 0, {{kData, Bytes{0x0f}}}},
      {"TM mixed", SI(0x91, 0, 10, 0x18), {{10, kData}}, {}, 1, 0, {{kData, Bytes{0x0f}}}},
      {"TM mixed, leftmost one", SI(0x91, 0, 10, 0x81), {{10, kData}}, {}, 1, 0, {{kData, Bytes{0x80}}}},
      {"TM mask zero", SI(0x91, 0, 10, 0x00), {{10, kData}}, {}, 0, 3, {{kData, Bytes{0xff}}}},
      {"TMY", SIY(0xeb51, -2, 10, 0xff), {{10, kData + 2}}, {}, 3, 0, {{kData, Bytes{0xff}}}},
      {"TMLL ones", RI(0xa71, 1, 0x8001), {{1, 0x8001}}, {}, 3},
      {"TMLL mixed, leftmost one", RI(0xa71, 1, 0x8003), {{1, 0x8001}}, {}, 2},
      {"TMLL mixed, leftmost zero", RI(0xa71, 1, 0x4001), {{1, 0x8001}}, {}, 1},
      {"TMLL zero", RI(0xa71, 1, 0x7ffe), {{1, 0x8001}}, {}, 0},
      {"TMLL mask zero", RI(0xa71, 1, 0), {{1, 0xffff}}, {}, 0, 3},
      {"TMLH", RI(0xa70, 1, 0x0001), {{1, 0x10000}}, {}, 3},
      {"TMHL", RI(0xa73, 1, 0xc000), {{1, 0x0000400000000000}}, {}, 1},
      {"TMHH", RI(0xa72, 1, 0xc000), {{1, 0x8000000000000000}}, {}, 2},
  });
}

TEST(LogicalTest, InsertAndLoadLogicalImmediate) {
  RunCases({
      {"IIHF", RIL(0xc08, 1, 0xcafef00d), {{1, kPattern}}, {{1, 0xcafef00d9abcdef0}}, -1},
      {"IILF", RIL(0xc09, 1, 0xcafef00d), {{1, kPattern}}, {{1, 0x12345678cafef00d}}, -1},
      {"IIHH", RI(0xa50, 1, 0xabcd), {{1, kPattern}}, {{1, 0xabcd56789abcdef0}}, -1},
      {"IIHL", RI(0xa51, 1, 0xabcd), {{1, kPattern}}, {{1, 0x1234abcd9abcdef0}}, -1},
      {"IILH", RI(0xa52, 1, 0xabcd), {{1, kPattern}}, {{1, 0x12345678abcddef0}}, -1},
      {"IILL keeps the CC", RI(0xa53, 1, 0xabcd), {{1, kPattern}}, {{1, 0x123456789abcabcd}}, 2, 2},
      {"LLIHF", RIL(0xc0e, 1, 0xcafef00d), {{1, kPattern}}, {{1, 0xcafef00d00000000}}, -1},
      {"LLILF", RIL(0xc0f, 1, 0xcafef00d), {{1, kPattern}}, {{1, 0x00000000cafef00d}}, -1},
      {"LLIHH", RI(0xa5c, 1, 0x8001), {{1, kPattern}}, {{1, 0x8001000000000000}}, -1},
      {"LLIHL", RI(0xa5d, 1, 0x8001), {{1, kPattern}}, {{1, 0x0000800100000000}}, -1},
      {"LLILH", RI(0xa5e, 1, 0x8001), {{1, kPattern}}, {{1, 0x0000000080010000}}, -1},
      {"LLILL keeps the CC", RI(0xa5f, 1, 0x8001), {{1, kPattern}}, {{1, 0x0000000000008001}}, 1, 1},
  });
}

TEST(LogicalTest, PopulationCount) {
  RunCases({
      {"POPCNT per byte", RRF(0xb9e1, 1, 2, 0), {{2, 0xff01030700000080}}, {{1, 0x0801020300000001}}, 1},
      {"POPCNT zero", RRF(0xb9e1, 1, 2, 0), {{1, 5}, {2, 0}}, {{1, 0}}, 0},
      {"POPCNT in place", RRF(0xb9e1, 4, 4, 0), {{4, ~0ull}}, {{4, 0x0808080808080808}}, 1},
      {"POPCNT M3=8 total", RRF(0xb9e1, 1, 2, 8), {{2, 0xff01030700000080}}, {{1, 15}}, 1},
  });
  // Without the miscellaneous-instruction-extensions facility 3, its instructions are operation exceptions
  // (the decoder checks the facility) and POPCNT ignores M3.
  RunExceptionCases({{"NCRK on z196", RRF(0xb9f5, 1, 2, 3), {{2, 1}}, ProgramInterruptCode::kOperation},
                     {"NXGRK on z196", RRF(0xb967, 1, 2, 3), {}, ProgramInterruptCode::kOperation}},
                    DefaultCpuModel());
  RunCase({"POPCNT M3=8 on z196", RRF(0xb9e1, 1, 2, 8), {{2, 0xff01030700000080}}, {{1, 0x0801020300000001}}, 1},
          DefaultCpuModel());
}

// Every Boolean/test-under-mask/insert-immediate/popcount instruction of the isa table has a handler.
TEST(LogicalTest, EveryTableInstructionHasAHandler) {
  const std::set<std::string> mine = {
      "N",     "NR",    "NY",    "NG",    "NGR",   "NRK",   "NGRK",  "NI",    "NIY",   "NIHF",  "NILF",  "NIHH",
      "NIHL",  "NILH",  "NILL",  "O",     "OR",    "OY",    "OG",    "OGR",   "ORK",   "OGRK",  "OI",    "OIY",
      "OIHF",  "OILF",  "OIHH",  "OIHL",  "OILH",  "OILL",  "X",     "XR",    "XY",    "XG",    "XGR",   "XRK",
      "XGRK",  "XI",    "XIY",   "XIHF",  "XILF",  "NCRK",  "NCGRK", "OCRK",  "OCGRK", "NNRK",  "NNGRK", "NORK",
      "NOGRK", "NXRK",  "NXGRK", "TM",    "TMY",   "TMLL",  "TMLH",  "TMHL",  "TMHH",  "IIHF",  "IILF",  "IIHH",
      "IIHL",  "IILH",  "IILL",  "LLIHF", "LLILF", "LLIHH", "LLIHL", "LLILH", "LLILL", "POPCNT"};
  ExpectFamilyImplemented(mine);
}

}  // namespace
}  // namespace s390vmm::interp::testing
