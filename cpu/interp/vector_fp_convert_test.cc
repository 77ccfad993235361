// Vector floating-point compares, data classes, sign operations, rounding, lengthening and conversions
// (vector_fp.cc, vector_fp_convert.cc) on a real Interpreter in user mode; see vector_fp_test.cc for the
// arithmetic and the exception processing.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "cpu/interp/vector_fp_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

// --- Compares, data classes, sign operations ----------------------------------------------------------------------
TEST(VectorFpTest, CompareScalar) {
  struct Case {
    std::string name;
    uint16_t op;
    uint64_t a, b;
    int cc;
    uint32_t flags;
  };
  const std::vector<Case> cases = {
      {"WFCDB equal", kWFC, D(1.0), D(1.0), 0, 0},
      {"WFCDB low", kWFC, D(-1.0), D(1.0), 1, 0},
      {"WFCDB high", kWFC, D(2.0), D(1.0), 2, 0},
      {"WFCDB +0 -0 equal", kWFC, D(0.0), D(-0.0), 0, 0},
      {"WFCDB QNaN: unordered, quiet", kWFC, kDNaN, D(1.0), 3, 0},
      {"WFCDB SNaN: invalid", kWFC, D(1.0), kDSNaN, 3, kFlagInvalid},
      {"WFKDB QNaN: invalid", kWFK, kDNaN, D(1.0), 3, kFlagInvalid},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(1, L(c.a, D(5.0)));
    t.SetV(2, L(c.b, D(7.0)));
    EXPECT_EQ(Completes(t, VRRa(c.op, 1, 2, kLong)), c.cc);
    EXPECT_EQ(t.Fpc(), c.flags);
  }
  VTester t;  // WFKSB with the invalid trap: VXC 0x01, CC unchanged
  t.SetFpc(kMaskInvalid);
  t.SetV(1, S(kFNaN, 0, 0, 0));
  ExpectVectorException(t, VRRa(kWFK, 1, 2, kShort), 0x01, 1);
  t.SetFpc(0);
  t.SetV(1, X(Q(-2.0Q)));
  t.SetV(2, X(Q(-1.0Q)));
  EXPECT_EQ(Completes(t, VRRa(kWFC, 1, 2, kExt)), 1);  // WFCXB
}

TEST(VectorFpTest, CompareElementsMasksAndCc) {
  const uint64_t ones = ~uint64_t{0};
  struct Case {
    std::string name;
    uint16_t op;
    int m5, m6;
    VectorRegister a, b, want;
    int cc;  // -1: unchanged (CS = 0)
    uint32_t flags;
  };
  const std::vector<Case> cases = {
      {"VFCEDBS all", kVFCE, 0, 1, L(D(1.0), D(2.0)), L(D(1.0), D(2.0)), L(ones, ones), 0, 0},
      {"VFCEDBS some", kVFCE, 0, 1, L(D(1.0), D(2.0)), L(D(1.0), D(3.0)), L(ones, 0), 1, 0},
      {"VFCEDBS none", kVFCE, 0, 1, L(D(1.0), D(2.0)), L(D(0.0), D(3.0)), L(0, 0), 3, 0},
      {"VFCEDB no CC", kVFCE, 0, 0, L(D(1.0), D(2.0)), L(D(0.0), D(3.0)), L(0, 0), -1, 0},
      {"VFCHDB", kVFCH, 0, 1, L(D(2.0), D(2.0)), L(D(1.0), D(2.0)), L(ones, 0), 1, 0},
      {"VFCHEDB", kVFCHE, 0, 1, L(D(2.0), D(2.0)), L(D(1.0), D(2.0)), L(ones, ones), 0, 0},
      {"VFCHDB QNaN is false and quiet", kVFCH, 0, 1, L(kDNaN, D(1.0)), L(D(1.0), D(0.0)), L(0, ones), 1, 0},
      {"VFKHDB QNaN signals", kVFCH, 4, 1, L(kDNaN, D(1.0)), L(D(1.0), D(0.0)), L(0, ones), 1, kFlagInvalid},
      {"VFCEDB SNaN signals", kVFCE, 0, 0, L(kDSNaN, D(1.0)), L(D(1.0), D(1.0)), L(0, ones), -1, kFlagInvalid},
      {"WFCEDBS single true", kVFCE, kS, 1, L(D(1.0), D(2.0)), L(D(1.0), D(3.0)), L(ones, 0), 0, 0},
      {"WFCHDBS single false", kVFCH, kS, 1, L(D(1.0), D(3.0)), L(D(1.0), D(2.0)), L(0, 0), 3, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(2, c.a);
    t.SetV(3, c.b);
    t.SetCc(2);
    const int cc = Completes(t, VRRc(c.op, 1, 2, 3, kLong, c.m5, c.m6));
    ExpectV(t, 1, c.want);
    EXPECT_EQ(cc, c.cc < 0 ? 2 : c.cc);
    EXPECT_EQ(t.Fpc(), c.flags);
  }
  VTester t;  // short: four elements
  t.SetV(2, S(F(1.0f), F(2.0f), F(3.0f), F(4.0f)));
  t.SetV(3, S(F(1.0f), F(3.0f), F(2.0f), F(4.0f)));
  EXPECT_EQ(Completes(t, VRRc(kVFCHE, 1, 2, 3, kShort, 0, 1)), 1);
  ExpectV(t, 1, S(~0u, 0, ~0u, ~0u));
}

TEST(VectorFpTest, TestDataClassImmediate) {
  VTester t;
  // +zero 0x800, -zero 0x400, +normal 0x200, -normal 0x100, +subnormal 0x80, ... +QNaN 0x8, -SNaN 0x1.
  t.SetV(2, L(D(-1.0), D(0.0)));
  EXPECT_EQ(Completes(t, VRIe(kVFTCI, 1, 2, 0x100, kLong, 0)), 1);  // -normal: element 0 only
  ExpectV(t, 1, L(~uint64_t{0}, 0));
  EXPECT_EQ(Completes(t, VRIe(kVFTCI, 1, 2, 0x900, kLong, 0)), 0);
  EXPECT_EQ(Completes(t, VRIe(kVFTCI, 1, 2, 0x0ff, kLong, 0)), 3);
  ExpectV(t, 1, L(0, 0));
  t.SetV(2, S(kFNaN, F(-INFINITY), 0x00000001, 0xff800001));  // +QNaN, -inf, +subnormal, -SNaN
  EXPECT_EQ(Completes(t, VRIe(kVFTCI, 1, 2, 0x8 | 0x10 | 0x80 | 0x1, kShort, 0)), 0);
  EXPECT_EQ(Completes(t, VRIe(kVFTCI, 1, 2, 0x10, kShort, kS)), 3);  // WFTCISB: element 0 is not -inf
  EXPECT_EQ(t.Fpc(), 0u) << "no IEEE exceptions, not even for an SNaN";
}

TEST(VectorFpTest, PerformSignOperation) {
  VTester t;
  t.SetV(2, L(D(1.0), kDSNaN | (uint64_t{1} << 63)));
  Completes(t, VRRa(kVFPSO, 1, 2, kLong, 0, 0));  // complement
  ExpectV(t, 1, L(D(-1.0), kDSNaN));
  Completes(t, VRRa(kVFPSO, 1, 2, kLong, 0, 1));  // negative
  ExpectV(t, 1, L(D(-1.0), kDSNaN | (uint64_t{1} << 63)));
  Completes(t, VRRa(kVFPSO, 1, 2, kLong, 0, 2));  // positive
  ExpectV(t, 1, L(D(1.0), kDSNaN));
  EXPECT_EQ(t.Fpc(), 0u);
  t.SetV(3, S(F(1.0f), F(-2.0f), F(3.0f), F(-4.0f)));
  Completes(t, VRRa(kVFPSO, 4, 3, kShort, kS, 1));  // WFLNSB
  ExpectV(t, 4, S(F(-1.0f), 0, 0, 0));
  t.SetV(5, X(Q(-3.0Q)));
  Completes(t, VRRa(kVFPSO, 6, 5, kExt, kS, 2));  // WFLPXB
  ExpectV(t, 6, X(Q(3.0Q)));
}

// --- Rounding and conversions ------------------------------------------------------------------------------------
TEST(VectorFpTest, LoadFpInteger) {
  struct Case {
    int m5;
    double in, out;
  };
  const std::vector<Case> cases = {{4, 2.5, 2.0}, {1, 2.5, 3.0}, {5, -2.7, -2.0}, {6, 2.1, 3.0}, {7, -2.1, -3.0},
                                   {3, 2.5, 3.0}, {3, 4.5, 5.0}, {0, 3.5, 4.0}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.m5);
    VTester t;
    t.SetV(2, L(D(c.in), D(7.0)));
    Completes(t, VRRa(kVFI, 1, 2, kLong, 0, c.m5));
    ExpectV(t, 1, L(D(c.out), D(7.0)));
    EXPECT_EQ(t.Fpc(), kFlagInexact);
  }
  VTester t;  // XxC: no inexact flag, no inexact trap
  t.SetFpc(kMaskInexact);
  t.SetV(2, S(F(1.5f), F(-0.5f), F(8.0f), F(1e9f)));
  Completes(t, VRRa(kVFI, 1, 2, kShort, 4, 5));
  ExpectV(t, 1, S(F(1.0f), F(-0.0f), F(8.0f), F(1e9f)));
  EXPECT_EQ(t.Fpc(), kMaskInexact);
  ExpectVectorException(t, VRRa(kVFI, 3, 2, kShort, 0, 5), 0x05, 3);
}

TEST(VectorFpTest, LoadLengthenedAndRounded) {
  VTester t;
  t.SetV(2, S(F(1.5f), F(9.0f), F(-0.1f), F(9.0f)));
  Completes(t, VRRa(kVFLL, 1, 2, kShort));  // VLDEB: words 0 and 2
  ExpectV(t, 1, L(D(1.5), D(static_cast<double>(-0.1f))));
  t.SetV(3, L(D(0.1), D(-2.0)));
  Completes(t, VRRa(kVFLR, 4, 3, kLong, 0, 0));  // VLEDB: to words 0 and 2
  ExpectV(t, 4, S(F(0.1f), 0, F(-2.0f), 0));
  EXPECT_EQ(t.Fpc(), kFlagInexact);
  t.SetFpc(0);
  Completes(t, VRRa(kVFLR, 4, 3, kLong, 4 | kS, 0));  // WLEDB with XxC
  ExpectV(t, 4, S(F(0.1f), 0, 0, 0));
  EXPECT_EQ(t.Fpc(), 0u);
  t.SetV(5, L(D(1.0 / 3.0), 0));
  Completes(t, VRRa(kVFLL, 6, 5, kLong, kS));  // WFLLD: long to extended, exact
  ExpectV(t, 6, X(Q(static_cast<__float128>(1.0 / 3.0))));
  t.SetV(7, X(Q(0.1Q)));
  Completes(t, VRRa(kVFLR, 8, 7, kExt, kS, 5));  // WFLRX toward zero (nearest would round up)
  ExpectV(t, 8, L(D(std::nextafter(0.1, 0.0)), 0));
  // The VXC names the source element: short element 2 of VFLL, long element 1 of VFLR.
  t.SetFpc(kMaskInvalid);
  t.SetV(2, S(F(1.0f), F(1.0f), 0x7f800001, F(1.0f)));
  ExpectVectorException(t, VRRa(kVFLL, 1, 2, kShort), 0x21, 1);
  t.SetFpc(kMaskOverflow);
  t.SetV(3, L(D(1.0), D(1e300)));
  ExpectVectorException(t, VRRa(kVFLR, 4, 3, kLong, 0, 0), 0x13, 4);
}

TEST(VectorFpTest, ConvertFromAndToFixed) {
  VTester t;
  t.SetV(2, L(static_cast<uint64_t>(-3), (uint64_t{1} << 53) + 1));
  Completes(t, VRRa(kVCFPS, 1, 2, kLong, 0, 0));  // VCDGB: nearest even
  ExpectV(t, 1, L(D(-3.0), D(std::ldexp(1.0, 53))));
  EXPECT_EQ(t.Fpc(), kFlagInexact);
  t.SetFpc(0);
  Completes(t, VRRa(kVCFPL, 1, 2, kLong, 4, 6));  // VCDLGB toward +inf, XxC
  ExpectV(t, 1, L(D(18446744073709551613.0), D(std::ldexp(1.0, 53) + 2)));
  EXPECT_EQ(t.Fpc(), 0u);
  t.SetV(3, S(static_cast<uint32_t>(-7), 16777217, 0, 0x80000000));
  Completes(t, VRRa(kVCFPS, 4, 3, kShort, 0, 5));  // VCEFB (facility 2) toward zero
  ExpectV(t, 4, S(F(-7.0f), F(16777216.0f), 0, F(-2147483648.0f)));
  Completes(t, VRRa(kVCFPL, 4, 3, kShort, kS, 0));  // WCELFB
  ExpectV(t, 4, S(F(4294967289.0f), 0, 0, 0));

  t.SetFpc(0);
  t.SetV(5, L(D(-2.5), D(1e30)));
  Completes(t, VRRa(kVCSFP, 6, 5, kLong, 0, 4));  // VCGDB: -2 and saturated
  ExpectV(t, 6, L(static_cast<uint64_t>(-2), 0x7fffffffffffffff));
  EXPECT_EQ(t.Fpc(), kFlagInvalid | kFlagInexact);
  t.SetFpc(0);
  t.SetV(5, L(kDNaN, D(-1.0)));
  Completes(t, VRRa(kVCSFP, 6, 5, kLong, 0, 0));  // a NaN: the most negative number, invalid only
  ExpectV(t, 6, L(0x8000000000000000, static_cast<uint64_t>(-1)));
  EXPECT_EQ(t.Fpc(), kFlagInvalid);
  t.SetFpc(0);
  Completes(t, VRRa(kVCLFP, 6, 5, kLong, 0, 0));  // VCLGDB: NaN and negative -> 0
  ExpectV(t, 6, L(0, 0));
  EXPECT_EQ(t.Fpc(), kFlagInvalid | kFlagInexact);
  t.SetFpc(0);
  t.SetV(7, S(F(-1.5f), F(3e9f), F(4e9f), F(2.5f)));
  Completes(t, VRRa(kVCSFP, 8, 7, kShort, 0, 1));  // VCFEB ties away
  ExpectV(t, 8, S(static_cast<uint32_t>(-2), 0x7fffffff, 0x7fffffff, 3));
  Completes(t, VRRa(kVCLFP, 8, 7, kShort, 0, 5));  // VCLFEB toward zero
  ExpectV(t, 8, S(0, 3000000000u, 4000000000u, 2));
  // Invalid trapped in element 1: VXC 0x11, nothing stored.
  t.SetFpc(kMaskInvalid);
  t.SetV(5, L(D(1.0), D(1e300)));
  ExpectVectorException(t, VRRa(kVCSFP, 6, 5, kLong, 0, 0), 0x11, 6);
}

}  // namespace
}  // namespace s390vmm::interp::testing
