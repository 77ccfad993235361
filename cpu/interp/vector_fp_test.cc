// Vector floating-point arithmetic (vector_fp.cc) on a real Interpreter in user mode, one instruction at a
// time: element results in the three formats, the single-element control, FPC flags, vector-processing
// exceptions (VXC = element index << 4 | VIC, suppression), reserved and facility-dependent M-field values,
// multiply-and-add rounding and NaN rules, minimum/maximum methods, and the extended-format fused
// multiply-add of the BFP core against the host's libquadmath. Compares, rounding and conversions are in
// vector_fp_convert_test.cc.
#include <quadmath.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/cpu_state.h"
#include "cpu/interp/bfp_soft.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/vector_fp_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

// --- Arithmetic ------------------------------------------------------------------------------------------------
TEST(VectorFpTest, LongArithmeticAllElements) {
  struct Case {
    std::string name;
    uint16_t op;
    double a0, b0, a1, b1, r0, r1;
    uint32_t flags;
  };
  const std::vector<Case> cases = {
      {"VFADB", kVFA, 1.5, 2.25, -1.0, 1.0, 3.75, 0.0, 0},
      {"VFSDB", kVFS, 1.0, 3.0, 1.0, std::ldexp(1.0, -60), -2.0, 1.0, kFlagInexact},
      {"VFMDB", kVFM, 3.0, -0.5, 1e300, 1e300, -1.5, INFINITY, kFlagOverflow | kFlagInexact},
      {"VFDDB", kVFD, 1.0, 3.0, -1.0, 0.0, 1.0 / 3.0, -INFINITY, kFlagInexact | kFlagDivide},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(2, L(D(c.a0), D(c.a1)));
    t.SetV(3, L(D(c.b0), D(c.b1)));
    t.SetCc(2);
    EXPECT_EQ(Completes(t, VRRc(c.op, 1, 2, 3, kLong)), 2) << "the CC is unchanged";
    ExpectV(t, 1, L(D(c.r0), D(c.r1)));
    EXPECT_EQ(t.Fpc(), c.flags) << std::hex << t.Fpc();
  }
}

TEST(VectorFpTest, SquareRootAndRegistersAbove15) {
  VTester t;
  t.SetV(20, L(D(2.25), D(-4.0)));
  Completes(t, VRRa(kVFSQ, 31, 20, kLong));
  ExpectV(t, 31, L(D(1.5), kDNaN));
  EXPECT_EQ(t.Fpc(), kFlagInvalid);
}

TEST(VectorFpTest, ShortAndExtendedFormats) {
  VTester t;
  t.SetV(2, S(F(1.0f), F(2.0f), F(-3.0f), F(0.5f)));
  t.SetV(3, S(F(1.0f), F(0.25f), F(3.0f), F(1e-45f)));
  Completes(t, VRRc(kVFA, 1, 2, 3, kShort));  // VFASB
  ExpectV(t, 1, S(F(2.0f), F(2.25f), F(0.0f), F(0.5f)));
  EXPECT_EQ(t.Fpc(), kFlagInexact) << "0.5 + 2^-149 rounds";
  t.SetFpc(0);
  // WFAXB: (1 + 2^-100) in 113 bits.
  t.SetV(4, X(Q(1.0Q)));
  t.SetV(5, X(Q(0x1p-100Q)));
  Completes(t, VRRc(kVFA, 6, 4, 5, kExt, kS));
  ExpectV(t, 6, X(Q(1.0Q + 0x1p-100Q)));
  Completes(t, VRRc(kVFD, 7, 6, 4, kExt, kS));  // WFDXB by 1
  ExpectV(t, 7, X(Q(1.0Q + 0x1p-100Q)));
  t.SetV(8, X(Q(2.0Q)));
  Completes(t, VRRa(kVFSQ, 9, 8, kExt, kS));  // WFSQXB: sqrt(2) correctly rounded (libquadmath's sqrtq is not)
  ExpectV(t, 9, L(0x3fff6a09e667f3bc, 0xc908b2fb1366ea95));
  EXPECT_EQ(t.Fpc(), kFlagInexact);
}

TEST(VectorFpTest, SingleElementControlZeroesTheOtherElements) {
  VTester t;
  t.SetV(2, S(F(1.0f), F(2.0f), F(3.0f), F(4.0f)));
  t.SetV(1, S(1, 2, 3, 4));
  Completes(t, VRRc(kVFM, 1, 2, 2, kShort, kS));  // WFMSB 1,2,2
  ExpectV(t, 1, S(F(1.0f), 0, 0, 0));
  t.SetV(2, L(D(9.0), kDSNaN));  // element 1 would be an invalid operation: not computed
  t.SetFpc(kMaskInvalid);
  Completes(t, VRRa(kVFSQ, 2, 2, kLong, kS));  // WFSQDB 2,2 (overlapping)
  ExpectV(t, 2, L(D(3.0), 0));
  EXPECT_EQ(t.Fpc(), kMaskInvalid);
}

TEST(VectorFpTest, OverlappingOperands) {
  VTester t;
  t.SetV(5, L(D(2.0), D(3.0)));
  Completes(t, VRRc(kVFM, 5, 5, 5, kLong));
  ExpectV(t, 5, L(D(4.0), D(9.0)));
  t.SetV(6, L(D(1.0), D(1.0)));
  Completes(t, VRRe(kVFMA, 6, 5, 5, 6, 0, kLong));  // 6 := 5 * 5 + 6
  ExpectV(t, 6, L(D(17.0), D(82.0)));
}

// --- IEEE exceptions: element order, VXC, suppression, flags --------------------------------------------------
TEST(VectorFpTest, TrappedExceptionsRaiseVectorProcessingWithElementAndCode) {
  struct Case {
    std::string name;
    Bytes insn;
    VectorRegister a, b;
    uint32_t fpc;
    uint8_t vxc;
  };
  const std::vector<Case> cases = {
      {"invalid in element 1", VRRc(kVFM, 1, 2, 3, kLong), L(D(1.0), D(INFINITY)), L(D(2.0), D(0.0)), kMaskInvalid,
       0x11},
      {"divide by zero in element 3", VRRc(kVFD, 1, 2, 3, kShort),
       S(F(1.0f), F(1.0f), F(1.0f), F(1.0f)), S(F(1.0f), F(1.0f), F(1.0f), 0), kMaskDivide, 0x32},
      {"overflow", VRRc(kVFM, 1, 2, 3, kLong), L(D(1e300), D(1.0)), L(D(1e300), D(1.0)), kMaskOverflow, 0x03},
      {"underflow", VRRc(kVFM, 1, 2, 3, kLong), L(D(1.0), D(1e-300)), L(D(1.0), D(1e-300)), kMaskUnderflow, 0x14},
      {"trapped underflow even when exact", VRRc(kVFM, 1, 2, 3, kLong), L(D(0x1p-1070), D(1.0)),
       L(D(0.5), D(1.0)), kMaskUnderflow, 0x04},
      {"inexact", VRRc(kVFD, 1, 2, 3, kLong), L(D(1.0), D(1.0)), L(D(1.0), D(3.0)), kMaskInexact, 0x15},
      {"the first element wins: inexact in 0 before invalid in 1", VRRc(kVFD, 1, 2, 3, kLong),
       L(D(1.0), D(0.0)), L(D(3.0), D(0.0)), kMaskInexact | kMaskInvalid, 0x05},
      {"invalid before inexact in one element (VIC priority)", VRRa(kVCSFP, 1, 2, kLong),
       L(D(1e300), D(1.0)), L(0, 0), kMaskInexact | kMaskInvalid, 0x01},
      {"extended element 0", VRRc(kVFD, 1, 2, 3, kExt), X(Q(1.0Q)), X(0), kMaskDivide, 0x02},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(1, L(0x1111, 0x2222));
    t.SetV(2, c.a);
    t.SetV(3, c.b);
    t.SetFpc(c.fpc);
    ExpectVectorException(t, c.insn, c.vxc, 1);
  }
}

TEST(VectorFpTest, UntrappedFlagsOfAllElementsAreOred) {
  VTester t;
  t.SetFpc(kMaskInexact);  // element 1 raises only invalid, which is not enabled
  t.SetV(2, L(D(4.0), kDSNaN));
  t.SetV(3, L(D(2.0), D(1.0)));
  Completes(t, VRRc(kVFD, 1, 2, 3, kLong));
  ExpectV(t, 1, L(D(2.0), 0x7ff8000000000001));
  EXPECT_EQ(t.Fpc(), kMaskInexact | kFlagInvalid);
  t.SetFpc(0);
  t.SetV(2, L(D(1e-300), D(1.0)));
  t.SetV(3, L(D(1e-300), D(0.0)));
  Completes(t, VRRc(kVFM, 1, 2, 3, kLong));
  EXPECT_EQ(t.Fpc(), kFlagUnderflow | kFlagInexact);
}

TEST(VectorFpTest, VxcReachesTheLowcoreLikeADxc) {
  // In user mode the FPC holds it; the bare-metal program vector_fp.S checks lowcore 0x93 and code 0x1b.
  VTester t;
  t.state().cr[0] = cr0::kVectorEnablement;  // without the AFP-register control the FPC keeps its DXC
  t.SetFpc(kMaskDivide | 0x4200);
  t.SetV(2, L(D(1.0), D(1.0)));
  t.SetV(3, L(D(1.0), 0));
  const InsnResult r = t.Run(VRRc(kVFD, 1, 2, 3, kLong));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kVectorProcessing);
  EXPECT_EQ(t.Fpc(), kMaskDivide | 0x4200);
}

// --- Operation, specification and data exceptions -------------------------------------------------------------
TEST(VectorFpTest, ReservedFieldsAndFormatsAreSpecificationExceptions) {
  const std::vector<std::pair<std::string, Bytes>> cases = {
      {"VFA M5 bit 3", VRRc(kVFA, 1, 2, 3, kLong, 1)},
      {"VFA format 1", VRRc(kVFA, 1, 2, 3, 1)},
      {"VFA format 5", VRRc(kVFA, 1, 2, 3, 5)},
      {"VFSQ M4 bit 1", VRRa(kVFSQ, 1, 2, kLong, 4)},
      {"VFMA M5 bit 2", VRRe(kVFMA, 1, 2, 3, 4, 2, kLong)},
      {"VFMA format 0", VRRe(kVFMA, 1, 2, 3, 4, 0, 0)},
      {"WFC M4 nonzero", VRRa(kWFC, 1, 2, kLong, 8)},
      {"VFCE M5 bit 3", VRRc(kVFCE, 1, 2, 3, kLong, 1)},
      {"VFCE M6 bit 0", VRRc(kVFCE, 1, 2, 3, kLong, 0, 8)},
      {"VFTCI M5 bit 1", VRIe(kVFTCI, 1, 2, 0xfff, kLong, 4)},
      {"VFPSO operation 3", VRRa(kVFPSO, 1, 2, kLong, 0, 3)},
      {"VFPSO M4 bit 3", VRRa(kVFPSO, 1, 2, kLong, 1, 0)},
      {"VFMIN method 5", VRRc(kVFMIN, 1, 2, 3, kLong, 0, 5)},
      {"VFMAX method 13", VRRc(kVFMAX, 1, 2, 3, kLong, 0, 13)},
      {"VFI rounding method 2", VRRa(kVFI, 1, 2, kLong, 0, 2)},
      {"VFI rounding method 8", VRRa(kVFI, 1, 2, kLong, 0, 8)},
      {"VFI M4 bit 3", VRRa(kVFI, 1, 2, kLong, 1, 0)},
      {"VFLL from extended", VRRa(kVFLL, 1, 2, kExt)},
      {"VFLR from short", VRRa(kVFLR, 1, 2, kShort)},
      {"VCFPS extended", VRRa(kVCFPS, 1, 2, kExt)},
  };
  for (const auto& [name, insn] : cases) {
    SCOPED_TRACE(name);
    VTester t;
    t.SetV(1, L(5, 6));
    t.SetCc(1);
    ExpectProgram(t, insn, ProgramInterruptCode::kSpecification);
    ExpectV(t, 1, L(5, 6));
  }
}

TEST(VectorFpTest, ShortAndExtendedNeedVectorEnhancements1) {
  const std::vector<std::pair<std::string, Bytes>> spec = {
      {"VFASB", VRRc(kVFA, 1, 2, 3, kShort)},
      {"WFAXB", VRRc(kVFA, 1, 2, 3, kExt, kS)},
      {"VFKEDB (SQ)", VRRc(kVFCE, 1, 2, 3, kLong, 4)},
      {"VFLLD to extended", VRRa(kVFLL, 1, 2, kLong)},
      {"WFLRX", VRRa(kVFLR, 1, 2, kExt, kS)},
      {"VCEFB (short, facility 2)", VRRa(kVCFPS, 1, 2, kShort)},
  };
  for (const auto& [name, insn] : spec) {
    SCOPED_TRACE(name);
    VTester t(VectorBaseTestModel());
    ExpectProgram(t, insn, ProgramInterruptCode::kSpecification);
  }
  VTester t(VectorBaseTestModel());
  ExpectProgram(t, VRRc(kVFMIN, 1, 2, 3, kLong), ProgramInterruptCode::kOperation);
  ExpectProgram(t, VRRe(kVFNMA, 1, 2, 3, 4, 0, kLong), ProgramInterruptCode::kOperation);
  t.SetV(2, L(D(1.0), D(2.0)));
  Completes(t, VRRc(kVFA, 1, 2, 2, kLong));  // the long format is the vector facility's
  ExpectV(t, 1, L(D(2.0), D(4.0)));
}

TEST(VectorFpTest, VectorEnablementControl) {
  VTester t;
  t.state().cr[0] = cr0::kAfpRegisterControl;
  const InsnResult r = t.Run(VRRc(kVFA, 1, 2, 3, kLong));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kData);
  EXPECT_EQ((t.Fpc() >> 8) & 0xff, 0xfeu);
}

// --- Multiply and add ----------------------------------------------------------------------------------------------
TEST(VectorFpTest, MultiplyAndAddForms) {
  struct Case {
    std::string name;
    uint16_t op;
    double a, b, c;  // v2, v3, v4
    double want;
  };
  const double e = std::ldexp(1.0, -30);
  const std::vector<Case> cases = {
      {"VFMADB fused", kVFMA, 1 + e, 1 - e, -1.0, -e * e},  // unfused it would be 0
      {"VFMSDB", kVFMS, 2.0, 3.0, 1.0, 5.0},
      {"VFNMADB", kVFNMA, 2.0, 3.0, 1.0, -7.0},
      {"VFNMSDB", kVFNMS, 2.0, 3.0, 1.0, -5.0},
      {"VFNMADB zero: -(+0) is -0", kVFNMA, 0.0, 1.0, 0.0, -0.0},
      {"VFNMADB mixed zeros: -(+0 + -0) = -0", kVFNMA, 0.0, 1.0, -0.0, -0.0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(2, L(D(c.a), D(c.a)));
    t.SetV(3, L(D(c.b), D(c.b)));
    t.SetV(4, L(D(c.c), D(c.c)));
    Completes(t, VRRe(c.op, 1, 2, 3, 4, 0, kLong));
    ExpectV(t, 1, L(D(c.want), D(c.want)));
  }
}

TEST(VectorFpTest, NegativeMultiplyAddRoundsTheNegatedSum) {
  // fl(1/3) * 3 = 1 - 2^-54 exactly. -(that) rounded toward +infinity is -(1 - 2^-53); negating the sum
  // rounded toward +infinity would give -1.
  VTester t;
  t.SetFpc(2);  // BFP rounding mode: toward +infinity
  t.SetV(2, L(D(1.0 / 3.0), 0));
  t.SetV(3, L(D(3.0), 0));
  t.SetV(4, L(0, 0));
  Completes(t, VRRe(kVFNMA, 1, 2, 3, 4, kS, kLong));
  ExpectV(t, 1, L(D(-std::nextafter(1.0, 0.0)), 0));
  EXPECT_EQ(t.Fpc(), 2u | kFlagInexact);
  Completes(t, VRRe(kVFMA, 1, 2, 3, 4, kS, kLong));
  ExpectV(t, 1, L(D(1.0), 0));
}

TEST(VectorFpTest, MultiplyAndAddNaNPrecedence) {
  // PoP "Results: MULTIPLY AND ADD" with VFMA's operands: v3 (multiplier) before v2 before v4 (addend),
  // an SNaN before a QNaN; infinity * 0 is the default NaN whatever the addend.
  struct Case {
    std::string name;
    uint64_t v2, v3, v4, want;
    uint32_t flags;
  };
  const std::vector<Case> cases = {
      {"QNaN v2, QNaN v3: v3", 0x7ff8000000000002, 0x7ff8000000000003, D(1.0), 0x7ff8000000000003, 0},
      {"QNaN v3, SNaN v4: the SNaN", D(1.0), 0x7ff8000000000003, 0x7ff0000000000004, 0x7ff8000000000004,
       kFlagInvalid},
      {"QNaN v4 only", D(1.0), D(2.0), 0xfff8000000000004, 0xfff8000000000004, 0},
      {"SNaN v2 and v3: v3", 0x7ff0000000000002, 0x7ff0000000000003, D(1.0), 0x7ff8000000000003, kFlagInvalid},
      {"inf * 0 + QNaN", D(INFINITY), 0, 0x7ff8000000000004, kDNaN, kFlagInvalid},
      {"VFMS keeps the sign of a NaN addend", D(1.0), D(1.0), 0x7ff8000000000004, 0x7ff8000000000004, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(2, L(c.v2, 0));
    t.SetV(3, L(c.v3, 0));
    t.SetV(4, L(c.v4, 0));
    Completes(t, VRRe(c.name.rfind("VFMS", 0) == 0 ? kVFMS : kVFMA, 1, 2, 3, 4, kS, kLong));
    ExpectV(t, 1, L(c.want, 0));
    EXPECT_EQ(t.Fpc(), c.flags);
  }
}

TEST(VectorFpTest, ExtendedFusedMultiplyAddMatchesLibquadmath) {
  // The BFP core's extended path (226-bit product) against fmaq, round to nearest even.
  std::mt19937_64 rng(7);
  auto value = [&]() -> __float128 {
    const u128 bits = (static_cast<u128>(rng()) << 64 | rng());
    const int exp = 16383 + static_cast<int>(rng() % 240) - 120;
    u128 v = (bits & ((u128{1} << 112) - 1)) | static_cast<u128>(exp) << 112;
    if (rng() % 2) v |= u128{1} << 127;
    if (rng() % 4 == 0) v &= ~((u128{1} << (rng() % 112)) - 1);  // few significant bits
    return ToQ(v);
  };
  for (int k = 0; k < 20000; ++k) {
    const __float128 a = value();
    const __float128 b = value();
    // Addends near the product to exercise cancellation, or anywhere.
    __float128 c = rng() % 2 ? -(a * b) * (1 + (rng() % 3) * 0x1p-112Q) : value();
    if (rng() % 8 == 0) c = -(a * b);
    bfp::Env env;
    const u128 got = bfp::MulAdd(bfp::kExtended, Q(a), Q(b), Q(c), env);
    const __float128 want = fmaq(a, b, c);
    ASSERT_EQ(got, Q(want)) << k;
  }
}

// --- MINIMUM / MAXIMUM -----------------------------------------------------------------------------------------
TEST(VectorFpTest, MinimumAndMaximumMethods) {
  constexpr uint64_t kQ = 0x7ff8000000000005, kSn = 0x7ff0000000000006;
  const uint64_t p0 = D(0.0), n0 = D(-0.0), one = D(1.0), m2 = D(-2.0);
  struct Case {
    std::string name;
    bool max;
    int method;
    uint64_t a, b, want;
    uint32_t flags;
  };
  const std::vector<Case> cases = {
      {"IEEE min QNaN, 1 -> 1", false, 0, kQ, one, one, 0},
      {"IEEE max 1, QNaN -> 1", true, 0, one, kQ, one, 0},
      {"IEEE min SNaN -> quieted, invalid", false, 0, one, kSn, kSn | 0x8000000000000, kFlagInvalid},
      {"IEEE min -0, +0 -> -0", false, 0, p0, n0, n0, 0},
      {"IEEE max -0, +0 -> +0", true, 0, n0, p0, p0, 0},
      {"IEEE min 1, -2 -> -2", false, 0, one, m2, m2, 0},
      {"Java min QNaN, 1 -> QNaN", false, 1, one, kQ, kQ, 0},
      {"Java max SNaN -> quieted", true, 1, kSn, one, kSn | 0x8000000000000, kFlagInvalid},
      {"Java min +0, -0 -> -0", false, 1, p0, n0, n0, 0},
      {"Java max +0, -0 -> +0", true, 1, p0, n0, p0, 0},
      {"C macro min NaN -> second operand, invalid", false, 2, kQ, one, one, kFlagInvalid},
      {"C macro min -0, +0 -> second", false, 2, n0, p0, p0, 0},
      {"C++ max NaN -> first operand, invalid", true, 3, one, kQ, one, kFlagInvalid},
      {"C++ min +0, -0 -> first", false, 3, p0, n0, p0, 0},
      {"fmin QNaN, 1 -> 1", false, 4, kQ, one, one, 0},
      {"fmax 1, QNaN -> 1", true, 4, one, kQ, one, 0},
      {"IEEE min magnitude 1, -2 -> 1", false, 8, one, m2, one, 0},
      {"IEEE max magnitude 1, -2 -> -2", true, 8, one, m2, m2, 0},
      {"Java max magnitude -> |-2|", true, 9, one, m2, D(2.0), 0},
      {"fmin magnitude -> 1", false, 12, m2, one, one, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VTester t;
    t.SetV(2, L(c.a, c.a));
    t.SetV(3, L(c.b, c.b));
    Completes(t, VRRc(c.max ? kVFMAX : kVFMIN, 1, 2, 3, kLong, 0, c.method));
    ExpectV(t, 1, L(c.want, c.want));
    EXPECT_EQ(t.Fpc(), c.flags);
  }
  VTester t;  // short and extended
  t.SetV(2, S(F(1.0f), F(-5.0f), F(3.0f), kFNaN));
  t.SetV(3, S(F(2.0f), F(4.0f), F(-3.0f), F(7.0f)));
  Completes(t, VRRc(kVFMAX, 1, 2, 3, kShort, 0, 0));
  ExpectV(t, 1, S(F(2.0f), F(4.0f), F(3.0f), F(7.0f)));
  t.SetV(4, X(Q(-1.0Q)));
  t.SetV(5, X(Q(0.5Q)));
  Completes(t, VRRc(kVFMIN, 6, 4, 5, kExt, kS, 0));
  ExpectV(t, 6, X(Q(-1.0Q)));
}

TEST(VectorFpTest, EveryInstructionHasAHandler) {
  ExpectFamilyImplemented({"VFA", "VFS", "VFM", "VFD", "VFSQ", "VFMA", "VFMS", "VFNMA", "VFNMS", "WFC", "WFK",
                           "VFCE", "VFCH", "VFCHE", "VFMIN", "VFMAX", "VFPSO", "VFTCI", "VFI", "VFLL", "VFLR",
                           "VCFPS", "VCFPL", "VCSFP", "VCLFP", "DIEBR", "DIDBR"});
}

TEST(VectorFpTest, EncodersMatchTheDecoder) {
  const std::vector<std::pair<Bytes, std::string>> cases = {
      {VRRc(kVFA, 1, 17, 30, kLong), "vfadb\t%v1,%v17,%v30"},
      {VRRe(kVFMA, 16, 2, 3, 31, 0, kLong), "vfmadb\t%v16,%v2,%v3,%v31"},
      {VRIe(kVFTCI, 1, 2, 0x123, kLong, kS), "wftcidb\t%v1,%v2,291"},
      {VRRa(kVFI, 1, 2, kLong, 4, 5), "vfidb\t%v1,%v2,4,5"},
  };
  for (const auto& [bytes, text] : cases) {
    const isa::DecodedInsn d = isa::Decode(bytes.data());
    EXPECT_EQ(isa::Disassemble(d, 0), text);
  }
}

}  // namespace
}  // namespace s390vmm::interp::testing
