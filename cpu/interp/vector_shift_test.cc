// Vector shifts and rotates (vector_shift.cc): element shifts by address and by vector, VERIM, the
// whole-vector shifts by bit (per-byte amounts of the vector-enhancements facility 2) and by byte, and the
// double-vector shifts, run one instruction at a time on a real Interpreter. Expected values were
// cross-checked with qemu-s390x-static -cpu max.
#include <cstdint>
#include <string>
#include <vector>

#include "cpu/cpu_state.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/vector_integer_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing::vector_integer {
namespace {

// ---- Element shifts and rotates -----------------------------------------------------------------------------------

TEST(VectorShiftTest, ElementShiftByAddress) {
  auto c = [](std::string name, uint16_t op, int es, int d2, int b2, uint64_t gr, V a, V out) {
    return VCase{name, VRSa(op, kV1, kV3, d2, b2, es), {{kV3, a}}, {kV1, out}, -1, {{b2, gr}}};
  };
  RunVCases({
      c("VESLB 3", kVESL, 0, 3, 0, 0, B({0x81, 0x01, 0xff}), B({0x08, 0x08, 0xf8})),
      c("VESLB 11 is 3", kVESL, 0, 11, 0, 0, B({0x81, 0x01, 0xff}), B({0x08, 0x08, 0xf8})),
      c("VESLG by base + displacement", kVESL, 3, 1, 5, 0x11f, Q(1, kOnes), Q(0x100000000, 0xffffffff00000000)),
      c("VESRAH 4", kVESRA, 1, 4, 0, 0, H({0x8000, 0x7ff0}), H({0xf800, 0x07ff})),
      c("VESRAB 7", kVESRA, 0, 7, 0, 0, B({0x80, 0x7f}), B({0xff, 0x00})),
      c("VESRLF 31", kVESRL, 2, 31, 0, 0, F({0x80000000, 0x7fffffff}), F({1, 0})),
      c("VESRLG 0", kVESRL, 3, 64, 0, 0, Q(kMin64, 5), Q(kMin64, 5)),
      c("VERLLG 4", kVERLL, 3, 4, 5, 0x1000000000000000, Q(0x123456789abcdef0, 1),
        Q(0x23456789abcdef01, 0x10)),
      c("VERLLB 1", kVERLL, 0, 1, 0, 0, B({0x81, 0x80}), B({0x03, 0x01})),
      c("VERLLH 12", kVERLL, 1, 12, 0, 0, H({0x1234}), H({0x4123})),
  });
}

TEST(VectorShiftTest, ElementShiftByAddressIn24BitMode) {
  // The amount is the rightmost bits of the second-operand address, wrapped to the addressing mode.
  InsnTester t(VectorTestModel());
  t.state().cr[0] = kVectorCr0;
  t.SetAddressingMode(AddressingMode::k24);
  t.SetGr(4, 0xffffffffffffffff);
  t.state().vr[3] = B({0x01});
  ASSERT_TRUE(t.Run(VRSa(kVESL, 3, 3, 2, 4, 0)).completed);  // VESLB 3,3,2(4): address 1
  EXPECT_EQ(t.state().vr[3], B({0x02}));
}

TEST(VectorShiftTest, ElementShiftByVector) {
  auto c = [](std::string name, uint16_t op, int es, V a, V amounts, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3, es), {{kV2, a}, {kV3, amounts}}, {kV1, out}};
  };
  RunVCases({
      c("VESLVH modulo 16", kVESLV, 1, H({1, 1, 1, 1, 1, 1, 1, 1}), H({0, 1, 15, 16, 17, 0xfff1, 3, 8}),
        H({1, 2, 0x8000, 1, 2, 2, 8, 0x100})),
      c("VESRAVB", kVESRAV, 0, B({0x80, 0x80, 0x40, 0xff}), B({7, 9, 6, 3}), B({0xff, 0xc0, 0x01, 0xff})),
      c("VESRLVG", kVESRLV, 3, Q(kMin64, kOnes), Q(63, 64), Q(1, kOnes)),
      c("VESRLVF", kVESRLV, 2, F({0x80000000, 0xf0}), F({32 + 4, 4}), F({0x08000000, 0x0f})),
      c("VERLLVF", kVERLLV, 2, F({0x80000001, 0x12345678}), F({1, 36}), F({0x00000003, 0x23456781})),
      c("VERLLVB", kVERLLV, 0, B({0x81, 0x0f}), B({4, 8}), B({0x18, 0x0f})),
  });
}

TEST(VectorShiftTest, ElementRotateAndInsertUnderMask) {
  const V a = Q(0x0123456789abcdef, 0x0123456789abcdef), mask = Q(0x00000000ffffffff, 0xffffffff00000000);
  auto c = [&](std::string name, int i4, int es, V dest, V out) {
    return VCase{name, VRId(kVERIM, kV1, kV2, kV3, i4, es), {{kV1, dest}, {kV2, a}, {kV3, mask}}, {kV1, out}};
  };
  RunVCases({
      c("VERIMG 8", 8, 3, Q(kOnes, 0), Q(0xffffffffabcdef01, 0x2345678900000000)),
      c("VERIMG 72 is 8", 72, 3, Q(kOnes, 0), Q(0xffffffffabcdef01, 0x2345678900000000)),
      c("VERIMF 4", 4, 2, Q(0, kOnes), Q(0x000000009abcdef8, 0x12345670ffffffff)),
      c("VERIMB 1", 1, 0, Q(0, 0), Q(0x0000000013579bdf, 0x02468ace00000000)),
      {"VERIMH V1 = V2", VRId(kVERIM, 6, 6, 7, 8, 1), {{6, H({0x1234, 0xabcd})}, {7, H({0x00ff, 0xff00})}},
       {6, H({0x1212, 0xcdcd})}},
  });
}

// ---- Whole-vector shifts --------------------------------------------------------------------------------------------

TEST(VectorShiftTest, ShiftByBit) {
  const V a = Q(0x0123456789abcdef, 0xfedcba9876543210);
  const V four = Q(0x0404040404040404, 0x0404040404040404);
  auto c = [](std::string name, uint16_t op, V v2, V v3, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3), {{kV2, v2}, {kV3, v3}}, {kV1, out}};
  };
  RunVCases({
      c("VSL 4", kVSL, a, four, Q(0x123456789abcdeff, 0xedcba98765432100)),
      c("VSRL 4", kVSRL, a, four, Q(0x00123456789abcde, 0xffedcba987654321)),
      c("VSRA 4 positive", kVSRA, a, four, Q(0x00123456789abcde, 0xffedcba987654321)),
      c("VSRA 4 negative", kVSRA, Q(0xf123456789abcdef, 0), four, Q(0xff123456789abcde, 0xf000000000000000)),
      // Only bits 5-7 of each byte count: 0xfc is 4.
      c("VSL amount bits 5-7", kVSL, a, Q(0xfcfcfcfcfcfcfcfc, 0xfcfcfcfcfcfcfcfc),
        Q(0x123456789abcdeff, 0xedcba98765432100)),
      // Vector-enhancements facility 2: an amount per byte, bits from the neighbouring byte.
      c("VSL per byte", kVSL, B({0x01, 0x80, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}),
        B({1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}), Q(0x0300000000000000, 0x0000000000000080)),
      c("VSRL per byte", kVSRL, B({0x01, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0x01}),
        B({1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}), Q(0x00c0000000000000, 0x00000000000003c0)),
      c("VSRA per byte", kVSRA, B({0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
        B({3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), Q(0xf0c0000000000000, 0)),
  });
}

TEST(VectorShiftTest, ShiftByByte) {
  const V a = Q(0x0123456789abcdef, 0xfedcba9876543210);
  // The byte count is bits 1-4 of byte 7 of V3 (0x18: 3 bytes); the other bytes take no part.
  const V three = Q(0xff00000000000018, kOnes), zero = Q(0, 0x1818181818181818), fifteen = Q(0x78, 0);
  auto c = [](std::string name, uint16_t op, V v2, V v3, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3), {{kV2, v2}, {kV3, v3}}, {kV1, out}};
  };
  RunVCases({
      c("VSLB 3", kVSLB, a, three, Q(0x6789abcdeffedcba, 0x9876543210000000)),
      c("VSLB 0", kVSLB, a, zero, a),
      c("VSLB bit 0 and 5-7 ignored", kVSLB, a, Q(0x87, 0), a),
      c("VSLB 15", kVSLB, a, fifteen, Q(0x1000000000000000, 0)),
      c("VSRLB 3", kVSRLB, a, three, Q(0x0000000123456789, 0xabcdeffedcba9876)),
      c("VSRLB 15", kVSRLB, a, fifteen, Q(0, 0x01)),
      c("VSRAB 3 negative", kVSRAB, Q(0xf123456789abcdef, 0), three, Q(0xfffffff123456789, 0xabcdef0000000000)),
      c("VSRAB 3 positive", kVSRAB, a, three, Q(0x0000000123456789, 0xabcdeffedcba9876)),
      c("VSRAB 15 negative", kVSRAB, Q(kMin64, 0), fifteen, Q(kOnes, 0xffffffffffffff80)),
  });
}

TEST(VectorShiftTest, ShiftDouble) {
  const V a = Q(0x0123456789abcdef, 0xfedcba9876543215), b = Q(0x1122334455667788, 0x99aabbccddeeff00);
  auto c = [&](std::string name, uint16_t op, int i4, V out) {
    return VCase{name, VRId(op, kV1, kV2, kV3, i4), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  RunVCases({
      c("VSLDB 3", kVSLDB, 3, Q(0x6789abcdeffedcba, 0x9876543215112233)),
      c("VSLDB 0", kVSLDB, 0, a),
      c("VSLDB 15", kVSLDB, 15, Q(0x1511223344556677, 0x8899aabbccddeeff)),
      c("VSLD 4", kVSLD, 4, Q(0x123456789abcdeff, 0xedcba98765432151)),
      c("VSLD 0", kVSLD, 0, a),
      c("VSLD 7", kVSLD, 7, Q(0x91a2b3c4d5e6f7ff, 0x6e5d4c3b2a190a88)),
      c("VSRD 4", kVSRD, 4, Q(0x5112233445566778, 0x899aabbccddeeff0)),
      c("VSRD 0", kVSRD, 0, b),
      c("VSRD 7", kVSRD, 7, Q(0x2a22446688aaccef, 0x1133557799bbddfe)),
      {"VSLDB V1 = V3", VRId(kVSLDB, 4, 5, 4, 8), {{4, b}, {5, a}}, {4, Q(0xfedcba9876543215, 0x1122334455667788)}},
  });
}

}  // namespace
}  // namespace s390vmm::interp::testing::vector_integer
