// Fixed-point add, subtract, compare, load complement/positive/negative/test, multiply and divide, run on
// a real Interpreter (user mode) one instruction at a time.
#include <cstdint>
#include <set>
#include <string>

#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x20000;  // storage operands; r10 holds this address
constexpr uint64_t kHi = 0xdeadbeef00000000ull;  // bits 0-31 that 32-bit instructions must keep
constexpr uint64_t kMin32 = 0x80000000;
constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;

TEST(FixedPointTest, AddSigned) {
  RunCases({
      {"AR 2+3", RR(0x1a, 1, 2), {{1, kHi | 2}, {2, 3}}, {{1, kHi | 5}}, 2},
      {"AR -5+3", RR(0x1a, 1, 2), {{1, 0xfffffffb}, {2, 3}}, {{1, 0xfffffffe}}, 1},
      {"AR 5+-5", RR(0x1a, 1, 2), {{1, 5}, {2, 0xfffffffb}}, {{1, 0}}, 0},
      {"AR overflow max+1", RR(0x1a, 1, 2), {{1, kHi | 0x7fffffff}, {2, 1}}, {{1, kHi | kMin32}}, 3},
      {"AR overflow min+min", RR(0x1a, 1, 2), {{1, kMin32}, {2, kMin32}}, {{1, 0}}, 3},
      {"AR r1=r2", RR(0x1a, 3, 3), {{3, 0x40000000}}, {{3, kMin32}}, 3},
      {"AGR", RRE(0xb908, 1, 2), {{1, 0x100000000}, {2, 0xffffffff}}, {{1, 0x1ffffffff}}, 2},
      {"AGR overflow", RRE(0xb908, 1, 2), {{1, kMax64}, {2, 1}}, {{1, kMin64}}, 3},
      {"AGR -1+1", RRE(0xb908, 1, 2), {{1, ~0ull}, {2, 1}}, {{1, 0}}, 0},
      {"AGFR sign-extends", RRE(0xb918, 1, 2), {{1, 5}, {2, 0x12345678ffffffff}}, {{1, 4}}, 2},
      {"AHI -32768", RI(0xa7a, 1, 0x8000), {{1, kHi | 0}}, {{1, kHi | 0xffff8000}}, 1},
      {"AHI overflow", RI(0xa7a, 1, 1), {{1, 0x7fffffff}}, {{1, kMin32}}, 3},
      {"AGHI", RI(0xa7b, 1, 0xffff), {{1, 0}}, {{1, ~0ull}}, 1},
      {"AFI -2^31", RIL(0xc29, 1, 0x80000000), {{1, kHi | 1}}, {{1, kHi | 0x80000001}}, 1},
      {"AGFI", RIL(0xc28, 1, 0xffffffff), {{1, 0x100000000}}, {{1, 0xffffffff}}, 2},
      {"ARK", RRF(0xb9f8, 1, 2, 3), {{1, kHi}, {2, 7}, {3, 8}}, {{1, kHi | 15}, {2, 7}, {3, 8}}, 2},
      {"AGRK overflow", RRF(0xb9e8, 1, 2, 3), {{2, kMin64}, {3, ~0ull}}, {{1, kMax64}}, 3},
      {"AHIK", RIEd(0xecd8, 1, 3, 0xfffe), {{1, kHi}, {3, 2}}, {{1, kHi}}, 0},
      {"AGHIK", RIEd(0xecd9, 1, 3, 0x7fff), {{3, 1}}, {{1, 0x8000}}, 2},
      {"AHHHR", RRF(0xb9c8, 1, 2, 3), {{1, 0x1111}, {2, 0x0000000500000000}, {3, 0x0000000600000009}},
       {{1, 0x0000000b00001111}}, 2},
      {"AHHLR overflow", RRF(0xb9d8, 1, 2, 3), {{1, 0}, {2, 0x7fffffff00000000}, {3, 1}}, {{1, kMin64}}, 3},
      {"AIH", RIL(0xcc8, 1, 0xffffffff), {{1, 0x0000000100000007}}, {{1, 7}}, 0},
  });
}

TEST(FixedPointTest, AddSignedStorage) {
  RunCases({
      {"A", RX(0x5a, 1, 8, 0, 10), {{1, 1}, {10, kData}}, {{1, 0x12345679}}, 2, 0,
       {{kData + 8, Be<uint32_t>(0x12345678)}}},
      {"A with index", RX(0x5a, 1, 4, 9, 10), {{1, 1}, {9, 4}, {10, kData}}, {{1, 3}}, 2, 0,
       {{kData + 8, Be<uint32_t>(2)}}},
      {"AY negative displacement", RXY(0xe35a, 1, -8, 0, 10), {{1, 1}, {10, kData + 8}}, {{1, 0}}, 0, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"AH sign-extends", RX(0x4a, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 0xffff8000}}, 1, 0,
       {{kData, Be<uint16_t>(0x8000)}}},
      {"AHY", RXY(0xe37a, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 2}}, 2, 0, {{kData, Be<uint16_t>(1)}}},
      {"AG", RXY(0xe308, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, kMin64}}, 3, 0, {{kData, Be<uint64_t>(kMax64)}}},
      {"AGF", RXY(0xe318, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, ~0ull}}, 1, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"AGH", RXY(0xe338, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, ~1ull}}, 1, 0, {{kData, Be<uint16_t>(0xfffe)}}},
      {"A crossing a page", RX(0x5a, 1, 0xffe, 0, 10), {{1, 0}, {10, kData}}, {{1, 0x01020304}}, 2, 0,
       {{kData + 0xffe, Bytes{1, 2, 3, 4}}}},
      {"ASI", SIY(0xeb6a, 0, 10, 0x80), {{10, kData}}, {}, 1, 0, {{kData, Be<uint32_t>(0)}},
       {{kData, Be<uint32_t>(0xffffff80)}}},
      {"ASI overflow", SIY(0xeb6a, 4, 10, 1), {{10, kData}}, {}, 3, 0, {{kData + 4, Be<uint32_t>(0x7fffffff)}},
       {{kData + 4, Be<uint32_t>(0x80000000)}}},
      {"ASI unaligned across a page", SIY(0xeb6a, 0xffe, 10, 2), {{10, kData}}, {}, 2, 0,
       {{kData + 0xffe, Be<uint32_t>(0x0000ffff)}}, {{kData + 0xffe, Be<uint32_t>(0x00010001)}}},
      {"AGSI", SIY(0xeb7a, -8, 10, 0xff), {{10, kData + 8}}, {}, 0, 0, {{kData, Be<uint64_t>(1)}},
       {{kData, Be<uint64_t>(0)}}},
  });
}

TEST(FixedPointTest, SubtractSigned) {
  RunCases({
      {"SR 1-2", RR(0x1b, 1, 2), {{1, kHi | 1}, {2, 2}}, {{1, kHi | 0xffffffff}}, 1},
      {"SR self", RR(0x1b, 1, 1), {{1, 77}}, {{1, 0}}, 0},
      {"SR overflow min-1", RR(0x1b, 1, 2), {{1, kMin32}, {2, 1}}, {{1, 0x7fffffff}}, 3},
      {"SR overflow 0-min", RR(0x1b, 1, 2), {{1, 0}, {2, kMin32}}, {{1, kMin32}}, 3},
      {"SGR", RRE(0xb909, 1, 2), {{1, 10}, {2, 3}}, {{1, 7}}, 2},
      {"SGR overflow", RRE(0xb909, 1, 2), {{1, kMin64}, {2, 1}}, {{1, kMax64}}, 3},
      {"SGFR", RRE(0xb919, 1, 2), {{1, 0}, {2, 0xffffffff}}, {{1, 1}}, 2},
      {"SRK", RRF(0xb9f9, 1, 2, 3), {{1, kHi}, {2, 3}, {3, 5}}, {{1, kHi | 0xfffffffe}}, 1},
      {"SGRK", RRF(0xb9e9, 1, 2, 3), {{2, 3}, {3, 3}}, {{1, 0}}, 0},
      {"SHHHR", RRF(0xb9c9, 1, 2, 3), {{1, 5}, {2, 0x0000000300000000}, {3, 0x0000000500000000}},
       {{1, 0xfffffffe00000005}}, 1},
      {"SHHLR", RRF(0xb9d9, 1, 2, 3), {{2, 0x0000000300000000}, {3, 3}}, {{1, 0}}, 0},
      {"S", RX(0x5b, 1, 0, 0, 10), {{1, 5}, {10, kData}}, {{1, 6}}, 2, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"SY", RXY(0xe35b, 1, 0, 0, 10), {{1, 5}, {10, kData}}, {{1, 0}}, 0, 0, {{kData, Be<uint32_t>(5)}}},
      {"SH", RX(0x4b, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 0x8000}}, 2, 0, {{kData, Be<uint16_t>(0x8000)}}},
      {"SHY", RXY(0xe37b, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 0xffffffff}}, 1, 0, {{kData, Be<uint16_t>(1)}}},
      {"SG", RXY(0xe309, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, kMin64}}, 3, 0, {{kData, Be<uint64_t>(kMin64)}}},
      {"SGF", RXY(0xe319, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 1}}, 2, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"SGH", RXY(0xe339, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 2}}, 2, 0, {{kData, Be<uint16_t>(0xfffe)}}},
  });
}

TEST(FixedPointTest, AddLogical) {
  RunCases({
      {"ALR carry, zero", RR(0x1e, 1, 2), {{1, kHi | 0xffffffff}, {2, 1}}, {{1, kHi}}, 2},
      {"ALR no carry", RR(0x1e, 1, 2), {{1, 1}, {2, 1}}, {{1, 2}}, 1},
      {"ALR zero", RR(0x1e, 1, 2), {{1, 0}, {2, 0}}, {{1, 0}}, 0},
      {"ALR carry, nonzero", RR(0x1e, 1, 2), {{1, 0xffffffff}, {2, 0xffffffff}}, {{1, 0xfffffffe}}, 3},
      {"ALGR carry", RRE(0xb90a, 1, 2), {{1, ~0ull}, {2, 2}}, {{1, 1}}, 3},
      {"ALGFR zero-extends", RRE(0xb91a, 1, 2), {{1, 1}, {2, 0xffffffffffffffff}}, {{1, 0x100000000}}, 1},
      {"ALFI", RIL(0xc2b, 1, 0xffffffff), {{1, 1}}, {{1, 0}}, 2},
      {"ALGFI", RIL(0xc2a, 1, 0xffffffff), {{1, 1}}, {{1, 0x100000000}}, 1},
      {"ALRK", RRF(0xb9fa, 1, 2, 3), {{2, 0x80000000}, {3, 0x80000000}}, {{1, 0}}, 2},
      {"ALGRK", RRF(0xb9ea, 1, 2, 3), {{2, 5}, {3, 6}}, {{1, 11}}, 1},
      {"ALHSIK -1 carries", RIEd(0xecda, 1, 3, 0xffff), {{1, kHi}, {3, 5}}, {{1, kHi | 4}}, 3},
      {"ALHSIK -1 on zero", RIEd(0xecda, 1, 3, 0xffff), {{3, 0}}, {{1, 0xffffffff}}, 1},
      {"ALGHSIK", RIEd(0xecdb, 1, 3, 0xfffe), {{3, 2}}, {{1, 0}}, 2},
      {"ALCR carry in", RRE(0xb998, 1, 2), {{1, 1}, {2, 1}}, {{1, 3}}, 1, 2},
      {"ALCR carry in, carry out", RRE(0xb998, 1, 2), {{1, 0xffffffff}, {2, 0}}, {{1, 0}}, 2, 3},
      {"ALCR no carry in", RRE(0xb998, 1, 2), {{1, 0xffffffff}, {2, 0}}, {{1, 0xffffffff}}, 1, 1},
      {"ALCGR carry chain", RRE(0xb988, 1, 2), {{1, ~0ull}, {2, ~0ull}}, {{1, ~0ull}}, 3, 2},
      {"ALCGR", RRE(0xb988, 1, 2), {{1, 0}, {2, 0}}, {{1, 1}}, 1, 3},
      {"ALHHHR", RRF(0xb9ca, 1, 2, 3), {{1, 9}, {2, 0xffffffff00000000}, {3, 0x0000000100000000}}, {{1, 9}}, 2},
      {"ALHHLR", RRF(0xb9da, 1, 2, 3), {{2, 0x0000000100000000}, {3, 1}}, {{1, 0x0000000200000000}}, 1},
      {"ALSIH", RIL(0xcca, 1, 0xffffffff), {{1, 0x0000000200000003}}, {{1, 0x0000000100000003}}, 3},
      {"ALSIHN keeps CC", RIL(0xccb, 1, 0xffffffff), {{1, 0x0000000200000003}}, {{1, 0x0000000100000003}}, 1, 1},
      {"AL", RX(0x5e, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 0}}, 2, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"ALY", RXY(0xe35e, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 2}}, 1, 0, {{kData, Be<uint32_t>(1)}}},
      {"ALG", RXY(0xe30a, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 0}}, 2, 0, {{kData, Be<uint64_t>(~0ull)}}},
      {"ALGF", RXY(0xe31a, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 0x100000000}}, 1, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"ALC", RXY(0xe398, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 0}}, 2, 2, {{kData, Be<uint32_t>(0xfffffffe)}}},
      {"ALCG", RXY(0xe388, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 3}}, 1, 3, {{kData, Be<uint64_t>(1)}}},
      {"ALSI -1", SIY(0xeb6e, 0, 10, 0xff), {{10, kData}}, {}, 3, 0, {{kData, Be<uint32_t>(5)}},
       {{kData, Be<uint32_t>(4)}}},
      {"ALSI -1 on zero", SIY(0xeb6e, 0, 10, 0xff), {{10, kData}}, {}, 1, 0, {{kData, Be<uint32_t>(0)}},
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"ALGSI +1", SIY(0xeb7e, 0, 10, 1), {{10, kData}}, {}, 2, 0, {{kData, Be<uint64_t>(~0ull)}},
       {{kData, Be<uint64_t>(0)}}},
      {"ALGSI -2", SIY(0xeb7e, 0, 10, 0xfe), {{10, kData}}, {}, 3, 0, {{kData, Be<uint64_t>(3)}},
       {{kData, Be<uint64_t>(1)}}},
  });
}

TEST(FixedPointTest, SubtractLogical) {
  RunCases({
      {"SLR no borrow", RR(0x1f, 1, 2), {{1, kHi | 5}, {2, 3}}, {{1, kHi | 2}}, 3},
      {"SLR borrow", RR(0x1f, 1, 2), {{1, 3}, {2, 5}}, {{1, 0xfffffffe}}, 1},
      {"SLR equal", RR(0x1f, 1, 2), {{1, 5}, {2, 5}}, {{1, 0}}, 2},
      {"SLGR borrow", RRE(0xb90b, 1, 2), {{1, 0}, {2, 1}}, {{1, ~0ull}}, 1},
      {"SLGFR", RRE(0xb91b, 1, 2), {{1, 0x100000000}, {2, 0xffffffff00000001}}, {{1, 0xffffffff}}, 3},
      {"SLFI", RIL(0xc25, 1, 1), {{1, 1}}, {{1, 0}}, 2},
      {"SLGFI", RIL(0xc24, 1, 0xffffffff), {{1, 0}}, {{1, 0xffffffff00000001}}, 1},
      {"SLRK", RRF(0xb9fb, 1, 2, 3), {{2, 9}, {3, 4}}, {{1, 5}}, 3},
      {"SLGRK", RRF(0xb9eb, 1, 2, 3), {{2, 4}, {3, 9}}, {{1, ~4ull}}, 1},
      {"SLBR borrow in", RRE(0xb999, 1, 2), {{1, 5}, {2, 5}}, {{1, 0xffffffff}}, 1, 1},
      {"SLBR no borrow in", RRE(0xb999, 1, 2), {{1, 5}, {2, 5}}, {{1, 0}}, 2, 3},
      {"SLBR zero with borrow", RRE(0xb999, 1, 2), {{1, 0}, {2, 0xffffffff}}, {{1, 0}}, 0, 0},
      {"SLBGR", RRE(0xb989, 1, 2), {{1, 10}, {2, 3}}, {{1, 6}}, 3, 0},
      {"SLHHHR", RRF(0xb9cb, 1, 2, 3), {{2, 0x0000000100000000}, {3, 0x0000000200000000}}, {{1, 0xffffffff00000000}},
       1},
      {"SLHHLR", RRF(0xb9db, 1, 2, 3), {{2, 0x0000000500000000}, {3, 5}}, {{1, 0}}, 2},
      {"SL", RX(0x5f, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {{1, 2}}, 1, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"SLY", RXY(0xe35f, 1, 0, 0, 10), {{1, 7}, {10, kData}}, {{1, 0}}, 2, 0, {{kData, Be<uint32_t>(7)}}},
      {"SLG", RXY(0xe30b, 1, 0, 0, 10), {{1, 7}, {10, kData}}, {{1, 6}}, 3, 0, {{kData, Be<uint64_t>(1)}}},
      {"SLGF", RXY(0xe31b, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {{1, 0xffffffff00000001}}, 1, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"SLB", RXY(0xe399, 1, 0, 0, 10), {{1, 7}, {10, kData}}, {{1, 5}}, 3, 1, {{kData, Be<uint32_t>(1)}}},
      {"SLBG", RXY(0xe389, 1, 0, 0, 10), {{1, 7}, {10, kData}}, {{1, 6}}, 3, 2, {{kData, Be<uint64_t>(1)}}},
  });
}

TEST(FixedPointTest, Compare) {
  RunCases({
      {"CR equal", RR(0x19, 1, 2), {{1, 0xaaaa00000005}, {2, 5}}, {}, 0},
      {"CR signed low", RR(0x19, 1, 2), {{1, 0xffffffff}, {2, 1}}, {}, 1},
      {"CLR unsigned high", RR(0x15, 1, 2), {{1, 0xffffffff}, {2, 1}}, {}, 2},
      {"CGR", RRE(0xb920, 1, 2), {{1, kMin64}, {2, kMax64}}, {}, 1},
      {"CLGR", RRE(0xb921, 1, 2), {{1, kMin64}, {2, kMax64}}, {}, 2},
      {"CGFR", RRE(0xb930, 1, 2), {{1, ~0ull}, {2, 0xffffffff}}, {}, 0},
      {"CLGFR zero-extends", RRE(0xb931, 1, 2), {{1, ~0ull}, {2, 0xffffffff}}, {}, 2},
      {"CHI", RI(0xa7e, 1, 0xffff), {{1, 0xfffffffe}}, {}, 1},
      {"CGHI", RI(0xa7f, 1, 0xffff), {{1, ~0ull}}, {}, 0},
      {"CFI", RIL(0xc2d, 1, 0x80000000), {{1, 0x80000000}}, {}, 0},
      {"CGFI", RIL(0xc2c, 1, 0x80000000), {{1, 0x80000000}}, {}, 2},
      {"CLFI", RIL(0xc2f, 1, 0x80000000), {{1, 0x7fffffff}}, {}, 1},
      {"CLGFI", RIL(0xc2e, 1, 0xffffffff), {{1, 0x100000000}}, {}, 2},
      {"C", RX(0x59, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"CY", RXY(0xe359, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {}, 0, 0, {{kData, Be<uint32_t>(1)}}},
      {"CL", RX(0x55, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {}, 1, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"CLY", RXY(0xe355, 1, 0, 0, 10), {{1, 2}, {10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(1)}}},
      {"CH", RX(0x49, 1, 0, 0, 10), {{1, 0xffff8000}, {10, kData}}, {}, 0, 0, {{kData, Be<uint16_t>(0x8000)}}},
      {"CHY", RXY(0xe379, 1, 0, 0, 10), {{1, 0}, {10, kData}}, {}, 2, 0, {{kData, Be<uint16_t>(0x8000)}}},
      {"CG", RXY(0xe320, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {}, 1, 0, {{kData, Be<uint64_t>(2)}}},
      {"CLG", RXY(0xe321, 1, 0, 0, 10), {{1, 1}, {10, kData}}, {}, 1, 0, {{kData, Be<uint64_t>(~0ull)}}},
      {"CGF", RXY(0xe330, 1, 0, 0, 10), {{1, ~0ull}, {10, kData}}, {}, 0, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"CLGF", RXY(0xe331, 1, 0, 0, 10), {{1, ~0ull}, {10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(0xffffffff)}}},
      {"CGH", RXY(0xe334, 1, 0, 0, 10), {{1, ~0ull}, {10, kData}}, {}, 0, 0, {{kData, Be<uint16_t>(0xffff)}}},
      {"CHSI", SIL(0xe55c, 0, 10, 0xffff), {{10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(0)}}},
      {"CHHSI", SIL(0xe554, 0, 10, 0x8000), {{10, kData}}, {}, 0, 0, {{kData, Be<uint16_t>(0x8000)}}},
      {"CGHSI", SIL(0xe558, 0, 10, 0xffff), {{10, kData}}, {}, 0, 0, {{kData, Be<uint64_t>(~0ull)}}},
      {"CLHHSI", SIL(0xe555, 0, 10, 0x8000), {{10, kData}}, {}, 2, 0, {{kData, Be<uint16_t>(0x8001)}}},
      {"CLFHSI zero-extends", SIL(0xe55d, 0, 10, 0xffff), {{10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(0x10000)}}},
      {"CLGHSI", SIL(0xe559, 0, 10, 0xffff), {{10, kData}}, {}, 1, 0, {{kData, Be<uint64_t>(0xfffe)}}},
      {"CHHR", RRE(0xb9cd, 1, 2), {{1, 0xffffffff00000000}, {2, 0x0000000100000000}}, {}, 1},
      {"CHLR", RRE(0xb9dd, 1, 2), {{1, 0x0000000500000000}, {2, 5}}, {}, 0},
      {"CHF", RXY(0xe3cd, 1, 0, 0, 10), {{1, 0x0000000200000000}, {10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(1)}}},
      {"CIH", RIL(0xccd, 1, 0xffffffff), {{1, 0xffffffff00000000}}, {}, 0},
      {"CLHHR", RRE(0xb9cf, 1, 2), {{1, 0xffffffff00000000}, {2, 0x0000000100000000}}, {}, 2},
      {"CLHLR", RRE(0xb9df, 1, 2), {{1, 0x0000000100000000}, {2, 2}}, {}, 1},
      {"CLHF", RXY(0xe3cf, 1, 0, 0, 10), {{1, 0x8000000000000000}, {10, kData}}, {}, 2, 0, {{kData, Be<uint32_t>(1)}}},
      {"CLIH", RIL(0xccf, 1, 0x80000000), {{1, 0x8000000000000000}}, {}, 0},
  });
}

TEST(FixedPointTest, CompareRelativeLong) {
  // The operand sits at kCode + 2 * I2.
  constexpr uint64_t kOperand = InsnTester::kCode + 0x100;
  constexpr uint32_t kHalfwords = 0x80;
  RunCases({
      {"CRL", RIL(0xc6d, 1, kHalfwords), {{1, 5}}, {}, 1, 0, {{kOperand, Be<uint32_t>(6)}}},
      {"CGRL", RIL(0xc68, 1, kHalfwords), {{1, 7}}, {}, 2, 0, {{kOperand, Be<uint64_t>(~0ull)}}},
      {"CGFRL", RIL(0xc6c, 1, kHalfwords), {{1, ~0ull}}, {}, 0, 0, {{kOperand, Be<uint32_t>(0xffffffff)}}},
      {"CHRL", RIL(0xc65, 1, kHalfwords), {{1, 0xffffffff}}, {}, 0, 0, {{kOperand, Be<uint16_t>(0xffff)}}},
      {"CGHRL", RIL(0xc64, 1, kHalfwords), {{1, 0}}, {}, 2, 0, {{kOperand, Be<uint16_t>(0x8000)}}},
      {"CLRL", RIL(0xc6f, 1, kHalfwords), {{1, 5}}, {}, 1, 0, {{kOperand, Be<uint32_t>(0xffffffff)}}},
      {"CLGRL", RIL(0xc6a, 1, kHalfwords), {{1, ~0ull}}, {}, 0, 0, {{kOperand, Be<uint64_t>(~0ull)}}},
      {"CLGFRL", RIL(0xc6e, 1, kHalfwords), {{1, ~0ull}}, {}, 2, 0, {{kOperand, Be<uint32_t>(0xffffffff)}}},
      {"CLHRL", RIL(0xc67, 1, kHalfwords), {{1, 0x8000}}, {}, 0, 0, {{kOperand, Be<uint16_t>(0x8000)}}},
      {"CLGHRL", RIL(0xc66, 1, kHalfwords), {{1, 0x10000}}, {}, 2, 0, {{kOperand, Be<uint16_t>(0xffff)}}},
      {"CRL backwards", RIL(0xc6d, 1, 0xfffffff8), {{1, 5}}, {}, 0, 0, {{InsnTester::kCode - 16, Be<uint32_t>(5)}}},
  });
  RunExceptionCases({
      {"CRL misaligned", RIL(0xc6d, 1, kHalfwords + 1), {{1, 5}}, ProgramInterruptCode::kSpecification},
      {"CGRL misaligned", RIL(0xc68, 1, kHalfwords + 2), {{1, 5}}, ProgramInterruptCode::kSpecification},
      {"CLGFRL misaligned", RIL(0xc6e, 1, kHalfwords + 1), {{1, 5}}, ProgramInterruptCode::kSpecification},
  });
}

TEST(FixedPointTest, LoadComplementPositiveNegativeTest) {
  RunCases({
      {"LCR", RR(0x13, 1, 2), {{1, kHi}, {2, 5}}, {{1, kHi | 0xfffffffb}}, 1},
      {"LCR zero", RR(0x13, 1, 2), {{1, kHi}, {2, 0}}, {{1, kHi}}, 0},
      {"LCR max negative", RR(0x13, 1, 2), {{2, kMin32}}, {{1, kMin32}}, 3},
      {"LCGR", RRE(0xb903, 1, 2), {{2, ~0ull}}, {{1, 1}}, 2},
      {"LCGR max negative", RRE(0xb903, 1, 2), {{2, kMin64}}, {{1, kMin64}}, 3},
      {"LCGFR", RRE(0xb913, 1, 2), {{2, kMin32}}, {{1, 0x80000000}}, 2},
      {"LPR", RR(0x10, 1, 2), {{2, 0xfffffffb}}, {{1, 5}}, 2},
      {"LPR max negative", RR(0x10, 1, 2), {{2, kMin32}}, {{1, kMin32}}, 3},
      {"LPR zero", RR(0x10, 1, 1), {{1, kHi}}, {{1, kHi}}, 0},
      {"LPGR", RRE(0xb900, 1, 2), {{2, ~4ull}}, {{1, 5}}, 2},
      {"LPGR max negative", RRE(0xb900, 1, 2), {{2, kMin64}}, {{1, kMin64}}, 3},
      {"LPGFR", RRE(0xb910, 1, 2), {{2, kMin32}}, {{1, 0x80000000}}, 2},
      {"LNR", RR(0x11, 1, 2), {{2, 5}}, {{1, 0xfffffffb}}, 1},
      {"LNR negative stays", RR(0x11, 1, 2), {{2, kMin32}}, {{1, kMin32}}, 1},
      {"LNR zero", RR(0x11, 1, 2), {{1, 7}, {2, 0}}, {{1, 0}}, 0},
      {"LNGR", RRE(0xb901, 1, 2), {{2, 1}}, {{1, ~0ull}}, 1},
      {"LNGFR", RRE(0xb911, 1, 2), {{2, 0x7fffffff}}, {{1, 0xffffffff80000001}}, 1},
      {"LTR", RR(0x12, 1, 2), {{1, kHi}, {2, kMin32}}, {{1, kHi | kMin32}}, 1},
      {"LTR self", RR(0x12, 3, 3), {{3, 0xffffffff00000000}}, {{3, 0xffffffff00000000}}, 0},
      {"LTGR", RRE(0xb902, 1, 2), {{2, 1}}, {{1, 1}}, 2},
      {"LTGFR", RRE(0xb912, 1, 2), {{2, 0xffffffff}}, {{1, ~0ull}}, 1},
  });
}

TEST(FixedPointTest, Multiply) {
  RunCases({
      {"MR", RR(0x1c, 2, 4), {{2, kHi}, {3, 0x1234567800000003}, {4, 0xfffffffe}},
       {{2, kHi | 0xffffffff}, {3, 0x12345678fffffffa}}},
      {"MR large", RR(0x1c, 2, 4), {{3, 0x80000000}, {4, 0x80000000}}, {{2, 0x40000000}, {3, 0}}},
      {"M", RX(0x5c, 2, 0, 0, 10), {{3, 100000}, {10, kData}}, {{2, 0x17}, {3, 0x4876e800}}, -1, 0,
       {{kData, Be<uint32_t>(1000000)}}},
      {"MFY", RXY(0xe35c, 2, 0, 0, 10), {{3, 7}, {10, kData}}, {{2, 0xffffffff}, {3, 0xfffffff9}}, -1, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"MLR", RRE(0xb996, 2, 4), {{3, 0xffffffff}, {4, 0xffffffff}}, {{2, 0xfffffffe}, {3, 1}}},
      {"ML", RXY(0xe396, 2, 0, 0, 10), {{3, 2}, {10, kData}}, {{2, 1}, {3, 0xfffffffe}}, -1, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"MLGR", RRE(0xb986, 2, 4), {{3, ~0ull}, {4, ~0ull}}, {{2, ~1ull}, {3, 1}}},
      {"MLGR r2 = r1+1", RRE(0xb986, 2, 3), {{3, 1ull << 63}}, {{2, 1ull << 62}, {3, 0}}},
      {"MLG", RXY(0xe386, 2, 0, 0, 10), {{3, 1ull << 32}, {10, kData}}, {{2, 1}, {3, 0}}, -1, 0,
       {{kData, Be<uint64_t>(1ull << 32)}}},
      {"MG", RXY(0xe384, 2, 0, 0, 10), {{3, ~0ull}, {10, kData}}, {{2, ~0ull}, {3, ~1ull}}, -1, 0,
       {{kData, Be<uint64_t>(2)}}},
      {"MGRK", RRF(0xb9ec, 2, 5, 6), {{5, kMin64}, {6, kMin64}}, {{2, 1ull << 62}, {3, 0}}},
      {"MH", RX(0x4c, 1, 0, 0, 10), {{1, kHi | 3}, {10, kData}}, {{1, kHi | 0xfffffffd}}, -1, 0,
       {{kData, Be<uint16_t>(0xffff)}}},
      {"MHY", RXY(0xe37c, 1, 0, 0, 10), {{1, 0x10000}, {10, kData}}, {{1, 0x80000000}}, -1, 0,
       {{kData, Be<uint16_t>(0x8000)}}},
      {"MHI", RI(0xa7c, 1, 0xfffe), {{1, 0x40000000}}, {{1, 0x80000000}}},
      {"MGHI", RI(0xa7d, 1, 0xfffe), {{1, 3}}, {{1, ~5ull}}},
      {"MGH", RXY(0xe33c, 1, 0, 0, 10), {{1, 3}, {10, kData}}, {{1, ~5ull}}, -1, 0, {{kData, Be<uint16_t>(0xfffe)}}},
      {"MSR keeps the low bits", RRE(0xb252, 1, 2), {{1, kHi | 0x10000}, {2, 0x10000}}, {{1, kHi}}},
      {"MS", RX(0x71, 1, 0, 0, 10), {{1, 7}, {10, kData}}, {{1, 0xfffffff9}}, -1, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"MSY", RXY(0xe351, 1, 0, 0, 10), {{1, 6}, {10, kData}}, {{1, 42}}, -1, 0, {{kData, Be<uint32_t>(7)}}},
      {"MSFI", RIL(0xc21, 1, 0xfffffffd), {{1, 5}}, {{1, 0xfffffff1}}},
      {"MSGR", RRE(0xb90c, 1, 2), {{1, 1ull << 32}, {2, 1ull << 32}}, {{1, 0}}},
      {"MSGFR", RRE(0xb91c, 1, 2), {{1, 5}, {2, 0xffffffff}}, {{1, ~4ull}}},
      {"MSG", RXY(0xe30c, 1, 0, 0, 10), {{1, 5}, {10, kData}}, {{1, 35}}, -1, 0, {{kData, Be<uint64_t>(7)}}},
      {"MSGF", RXY(0xe31c, 1, 0, 0, 10), {{1, 5}, {10, kData}}, {{1, ~4ull}}, -1, 0,
       {{kData, Be<uint32_t>(0xffffffff)}}},
      {"MSGFI", RIL(0xc20, 1, 0xffffffff), {{1, 5}}, {{1, ~4ull}}},
      {"MSC", RXY(0xe353, 1, 0, 0, 10), {{1, kHi | 5}, {10, kData}}, {{1, kHi | 0xfffffff1}}, 1, 0,
       {{kData, Be<uint32_t>(0xfffffffd)}}},
      {"MSC overflow", RXY(0xe353, 1, 0, 0, 10), {{1, 0x10000}, {10, kData}}, {{1, 0}}, 3, 0,
       {{kData, Be<uint32_t>(0x10000)}}},
      {"MSRKC zero", RRF(0xb9fd, 1, 2, 3), {{1, 9}, {2, 0}, {3, 5}}, {{1, 0}}, 0},
      {"MSRKC min*-1", RRF(0xb9fd, 1, 2, 3), {{2, kMin32}, {3, 0xffffffff}}, {{1, kMin32}}, 3},
      {"MSGC", RXY(0xe383, 1, 0, 0, 10), {{1, 5}, {10, kData}}, {{1, 35}}, 2, 0, {{kData, Be<uint64_t>(7)}}},
      {"MSGRKC overflow", RRF(0xb9ed, 1, 2, 3), {{2, 1ull << 32}, {3, 1ull << 31}}, {{1, kMin64}}, 3},
      {"MSGRKC", RRF(0xb9ed, 1, 2, 3), {{2, ~0ull}, {3, 3}}, {{1, ~2ull}}, 1},
  });
}

TEST(FixedPointTest, Divide) {
  RunCases({
      {"DR", RR(0x1d, 2, 4), {{2, kHi | 0}, {3, kHi | 100}, {4, 7}}, {{2, kHi | 2}, {3, kHi | 14}}},
      {"DR negative dividend", RR(0x1d, 2, 4), {{2, 0xffffffff}, {3, 0xffffff9c}, {4, 7}},
       {{2, 0xfffffffe}, {3, 0xfffffff2}}},
      {"DR negative divisor", RR(0x1d, 2, 4), {{2, 0}, {3, 100}, {4, 0xfffffff9}}, {{2, 2}, {3, 0xfffffff2}}},
      {"DR 64-bit dividend", RR(0x1d, 2, 4), {{2, 1}, {3, 0}, {4, 4}}, {{2, 0}, {3, 0x40000000}}},
      {"D", RX(0x5d, 2, 0, 0, 10), {{2, 0}, {3, 9}, {10, kData}}, {{2, 1}, {3, 4}}, -1, 0, {{kData, Be<uint32_t>(2)}}},
      {"DLR", RRE(0xb997, 2, 4), {{2, 1}, {3, 0}, {4, 2}}, {{2, 0}, {3, 0x80000000}}},
      {"DLR max", RRE(0xb997, 2, 4), {{2, 0xfffffffe}, {3, 0xffffffff}, {4, 0xffffffff}},
       {{2, 0xfffffffe}, {3, 0xffffffff}}},
      {"DL", RXY(0xe397, 2, 0, 0, 10), {{2, 0}, {3, 10}, {10, kData}}, {{2, 1}, {3, 3}}, -1, 0,
       {{kData, Be<uint32_t>(3)}}},
      {"DLGR", RRE(0xb987, 2, 4), {{2, 1}, {3, 0}, {4, 2}}, {{2, 0}, {3, 1ull << 63}}},
      {"DLGR small", RRE(0xb987, 2, 4), {{2, 0}, {3, 100}, {4, 7}}, {{2, 2}, {3, 14}}},
      {"DLG", RXY(0xe387, 2, 0, 0, 10), {{2, 5}, {3, 5}, {10, kData}}, {{2, 5}, {3, 1ull << 60}}, -1, 0,
       {{kData, Be<uint64_t>(0x50)}}},
      {"DSGR", RRE(0xb90d, 2, 4), {{2, 99}, {3, ~99ull}, {4, 7}}, {{2, ~1ull}, {3, ~13ull}}},
      {"DSGR min/1", RRE(0xb90d, 2, 4), {{3, kMin64}, {4, 1}}, {{2, 0}, {3, kMin64}}},
      {"DSGFR", RRE(0xb91d, 2, 4), {{3, 100}, {4, 0xfffffff9}}, {{2, 2}, {3, ~13ull}}},
      {"DSG", RXY(0xe30d, 2, 0, 0, 10), {{3, 1000}, {10, kData}}, {{2, 0}, {3, 100}}, -1, 0,
       {{kData, Be<uint64_t>(10)}}},
      {"DSGF", RXY(0xe31d, 2, 0, 0, 10), {{3, 1000}, {10, kData}}, {{2, 0}, {3, ~99ull}}, -1, 0,
       {{kData, Be<uint32_t>(0xfffffff6)}}},
  });
  constexpr auto kDivide = ProgramInterruptCode::kFixedPointDivide;
  constexpr auto kSpec = ProgramInterruptCode::kSpecification;
  RunExceptionCases({
      {"DR by zero", RR(0x1d, 2, 4), {{2, 0}, {3, 1}, {4, 0}}, kDivide},
      {"DR quotient too big", RR(0x1d, 2, 4), {{2, 1}, {3, 0}, {4, 1}}, kDivide},
      {"DR min/-1", RR(0x1d, 2, 4), {{2, 0xffffffff}, {3, kMin32}, {4, 0xffffffff}}, kDivide},
      {"DR odd r1", RR(0x1d, 3, 4), {{4, 1}}, kSpec},
      {"D odd r1 before the access", RX(0x5d, 1, 0, 0, 10), {{10, InsnTester::kMemorySize}}, kSpec},
      {"DLR quotient too big", RRE(0xb997, 2, 4), {{2, 2}, {3, 0}, {4, 2}}, kDivide},
      {"DL by zero", RXY(0xe397, 2, 0, 0, 10), {{10, kData}}, kDivide, {{kData, Be<uint32_t>(0)}}},
      {"DLGR high == divisor", RRE(0xb987, 2, 4), {{2, 7}, {3, 0}, {4, 7}}, kDivide},
      {"DLGR by zero", RRE(0xb987, 2, 4), {{2, 0}, {3, 1}, {4, 0}}, kDivide},
      {"DLG odd r1", RXY(0xe387, 3, 0, 0, 10), {{10, kData}}, kSpec},
      {"DSGR min/-1", RRE(0xb90d, 2, 4), {{3, kMin64}, {4, ~0ull}}, kDivide},
      {"DSGFR min/-1", RRE(0xb91d, 2, 4), {{3, kMin64}, {4, 0xffffffff}}, kDivide},
      {"DSGF by zero", RXY(0xe31d, 2, 0, 0, 10), {{3, 1}, {10, kData}}, kDivide, {{kData, Be<uint32_t>(0)}}},
      {"DSGR odd r1", RRE(0xb90d, 1, 4), {{4, 1}}, kSpec},
      {"MR odd r1", RR(0x1c, 1, 4), {}, kSpec},
      {"M odd r1", RX(0x5c, 3, 0, 0, 10), {{10, kData}}, kSpec},
      {"MLGR odd r1", RRE(0xb986, 5, 4), {}, kSpec},
      {"MLR odd r1", RRE(0xb996, 5, 4), {}, kSpec},
      {"MG odd r1", RXY(0xe384, 1, 0, 0, 10), {{10, kData}}, kSpec},
      {"MGRK odd r1", RRF(0xb9ec, 1, 2, 3), {}, kSpec},
  });
}

// Instructions of facilities the CPU model lacks are operation exceptions (z196: no
// miscellaneous-instruction-extensions facility 2).
TEST(FixedPointTest, FacilityNotInstalled) {
  RunExceptionCases({{"AGH on z196", RXY(0xe338, 1, 0, 0, 10), {{10, kData}}, ProgramInterruptCode::kOperation},
                     {"MSGRKC on z196", RRF(0xb9ed, 1, 2, 3), {}, ProgramInterruptCode::kOperation},
                     {"MG on z196", RXY(0xe384, 2, 0, 0, 10), {{10, kData}}, ProgramInterruptCode::kOperation}},
                    DefaultCpuModel());
}

// A fixed-point overflow with the program-mask bit on completes the instruction (result and CC 3) and
// then interrupts, with the PSW past the instruction.
TEST(FixedPointTest, OverflowInterruption) {
  struct OverflowCase {
    std::string name;
    Bytes insn;
    std::vector<std::pair<int, uint64_t>> in;
    int r1;
    uint64_t result;
  };
  const std::vector<OverflowCase> cases = {
      {"AR", RR(0x1a, 1, 2), {{1, 0x7fffffff}, {2, 1}}, 1, kMin32},
      {"AGHI", RI(0xa7b, 1, 1), {{1, kMax64}}, 1, kMin64},
      {"AGSI", SIY(0xeb7a, 0, 10, 1), {{10, kData}}, -1, kMin64},
      {"SGFR", RRE(0xb919, 1, 2), {{1, kMin64}, {2, 1}}, 1, kMax64},
      {"AHIK", RIEd(0xecd8, 1, 3, 1), {{3, 0x7fffffff}}, 1, kMin32},
      {"LCR", RR(0x13, 1, 2), {{2, kMin32}}, 1, kMin32},
      {"LPGR", RRE(0xb900, 1, 2), {{2, kMin64}}, 1, kMin64},
      {"MSGC", RXY(0xe383, 1, 0, 0, 10), {{1, kMax64}, {10, kData + 8}}, 1, ~1ull},
  };
  for (const OverflowCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.Store<uint64_t>(kData, kMax64);
    t.Store<uint64_t>(kData + 8, 2);
    for (const auto& [r, v] : c.in) t.SetGr(r, v);
    t.SetProgramMask(8);
    const InsnResult res = t.Run(c.insn);
    ASSERT_FALSE(res.completed);
    EXPECT_EQ(res.code, ProgramInterruptCode::kFixedPointOverflow);
    EXPECT_EQ(res.ilc, c.insn.size());
    EXPECT_EQ(res.psw_address, InsnTester::kCode + c.insn.size());
    EXPECT_EQ(res.cc, 3);
    if (c.r1 >= 0) {
      EXPECT_EQ(t.gr(c.r1), c.result);
    } else {
      EXPECT_EQ(t.Load<uint64_t>(kData), c.result);
    }
  }
  // Other program-mask bits do not enable it.
  InsnTester t;
  t.SetGr(1, 0x7fffffff);
  t.SetGr(2, 1);
  t.SetProgramMask(7);
  const InsnResult res = t.Run(RR(0x1a, 1, 2));
  EXPECT_TRUE(res.completed);
  EXPECT_EQ(res.cc, 3);
}

TEST(FixedPointTest, AddressWrapping) {
  // 24-bit mode: base + displacement wraps at 2^24 and bits 0-39 of the base are ignored.
  {
    InsnTester t;
    t.SetAddressingMode(AddressingMode::k24);
    t.SetGr(10, 0xabcdef0012ffff00);
    t.SetGr(1, 1);
    t.Store<uint32_t>(0x100, 41);
    // The code runs at 0x10000, which is also a valid 24-bit address.
    const InsnResult res = t.Run(RX(0x5a, 1, 0x200, 0, 10));
    ASSERT_TRUE(res.completed);
    EXPECT_EQ(t.gr(1), 42u);
  }
  // 31-bit mode: base + index + displacement wraps at 2^31.
  {
    InsnTester t;
    t.SetAddressingMode(AddressingMode::k31);
    t.SetGr(10, 0x7fffff00);
    t.SetGr(9, 0x80000000);
    t.SetGr(1, 1);
    t.Store<uint64_t>(0x100, 41);
    const InsnResult res = t.Run(RXY(0xe308, 1, 0x200, 9, 10));
    ASSERT_TRUE(res.completed);
    EXPECT_EQ(t.gr(1), 42u);
  }
  // Low-address protection covers stores only: a fetch from 0-511 works, and a store just above it too.
  {
    InsnTester t;
    t.state().cr[0] = cr0::kLowAddressProtection;
    t.Store<uint32_t>(0x100, 41);
    t.Store<uint32_t>(0x200, 1);
    t.SetGr(1, 1);
    ASSERT_TRUE(t.Run(RX(0x5a, 1, 0x100, 0, 0)).completed);  // A 1,0x100
    EXPECT_EQ(t.gr(1), 42u);
    ASSERT_TRUE(t.Run(SIY(0xeb6a, 0x200, 0, 1)).completed);  // ASI 0x200,1
    EXPECT_EQ(t.Load<uint32_t>(0x200), 2u);
  }
  // 64-bit mode: a negative long displacement wraps below zero to the top of the address space, which
  // is beyond this machine's memory: an addressing exception.
  RunExceptionCases({
      {"AG below zero", RXY(0xe308, 1, -8, 0, 10), {{10, 0}}, ProgramInterruptCode::kAddressing},
      {"A beyond memory", RX(0x5a, 1, 0, 0, 10), {{10, InsnTester::kMemorySize}}, ProgramInterruptCode::kAddressing},
      {"ASI across the end of memory", SIY(0xeb6a, 0, 10, 1), {{10, InsnTester::kMemorySize - 2}},
       ProgramInterruptCode::kAddressing, {{InsnTester::kMemorySize - 2, Bytes{0x12, 0x34}}}},
      {"AGSI across the end of memory", SIY(0xeb7a, 0, 10, 1), {{10, InsnTester::kMemorySize - 4}},
       ProgramInterruptCode::kAddressing, {{InsnTester::kMemorySize - 4, Bytes{1, 2, 3, 4}}}},
      {"ASI under low-address protection", SIY(0xeb6a, 0x100, 0, 1), {}, ProgramInterruptCode::kProtection,
       {{0x100, Be<uint32_t>(7)}}, AddressingMode::k64, cr0::kLowAddressProtection},
      {"ALGSI under low-address protection", SIY(0xeb7e, 0x1f8, 0, 1), {}, ProgramInterruptCode::kProtection,
       {{0x1f8, Be<uint64_t>(7)}}, AddressingMode::k64, cr0::kLowAddressProtection},
      {"CHSI beyond memory", SIL(0xe55c, 0, 10, 1), {{10, InsnTester::kMemorySize}}, ProgramInterruptCode::kAddressing},
  });
}

// Every add/subtract/compare/multiply/divide/load-complement instruction of the isa table has a handler.
TEST(FixedPointTest, EveryTableInstructionHasAHandler) {
  const std::set<std::string> mine = {
      "A", "AR", "AY", "AG", "AGR", "AGF", "AGFR", "AH", "AHY", "AGH", "AHI", "AGHI", "AFI", "AGFI", "AHIK",
      "AGHIK", "ARK", "AGRK", "ASI", "AGSI", "AHHHR", "AHHLR", "AIH", "AL", "ALR", "ALY", "ALG", "ALGR", "ALGF",
      "ALGFR", "ALC", "ALCR", "ALCG", "ALCGR", "ALFI", "ALGFI", "ALRK", "ALGRK", "ALHSIK", "ALGHSIK", "ALSI",
      "ALGSI", "ALHHHR", "ALHHLR", "ALSIH", "ALSIHN", "S", "SR", "SY", "SG", "SGR", "SGF", "SGFR", "SH", "SHY",
      "SGH", "SRK", "SGRK", "SHHHR", "SHHLR", "SL", "SLR", "SLY", "SLG", "SLGR", "SLGF", "SLGFR", "SLB", "SLBR",
      "SLBG", "SLBGR", "SLFI", "SLGFI", "SLRK", "SLGRK", "SLHHHR", "SLHHLR", "M", "MR", "MFY", "MH", "MHY",
      "MHI", "MGHI", "MGH", "MS", "MSR", "MSY", "MSG", "MSGR", "MSGF", "MSGFR", "MSFI", "MSGFI", "MSC", "MSRKC",
      "MSGC", "MSGRKC", "ML", "MLR", "MLG", "MLGR", "MG", "MGRK", "D", "DR", "DL", "DLR", "DLG", "DLGR", "DSG",
      "DSGR", "DSGF", "DSGFR", "C", "CR", "CY", "CG", "CGR", "CGF", "CGFR", "CH", "CHY", "CGH", "CHI", "CGHI",
      "CFI", "CGFI", "CHSI", "CGHSI", "CHHSI", "CL", "CLR", "CLY", "CLG", "CLGR", "CLGF", "CLGFR", "CLFI",
      "CLGFI", "CLFHSI", "CLGHSI", "CLHHSI", "CRL", "CGRL", "CGFRL", "CHRL", "CGHRL", "CLRL", "CLGRL", "CLGFRL",
      "CLHRL", "CLGHRL", "CHF", "CHHR", "CHLR", "CLHF", "CLHHR", "CLHLR", "CIH", "CLIH", "LCR", "LCGR",
      "LCGFR", "LPR", "LPGR", "LPGFR", "LNR", "LNGR", "LNGFR", "LTR", "LTGR", "LTGFR"};
  ExpectFamilyImplemented(mine);
}

}  // namespace
}  // namespace s390vmm::interp::testing
