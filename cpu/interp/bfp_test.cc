// Binary-floating-point and floating-point-support instructions, run on a real Interpreter (user mode)
// one instruction at a time: results in the FPRs, CCs, FPC flags and DXCs, traps (suppressing and
// completing), rounding-method fields, AFP-register control, register pairs, storage operands.
// The arithmetic itself is checked against the host in bfp_soft_test.cc.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x20000;  // storage operands; r10 holds this address

uint64_t D(double x) { uint64_t u; std::memcpy(&u, &x, 8); return u; }
uint32_t F(float x) { uint32_t u; std::memcpy(&u, &x, 4); return u; }
uint64_t E(float x) { return uint64_t{F(x)} << 32; }  // a short value in an FPR (right half zero)

// FPC fields.
constexpr uint32_t kMaskInvalid = 0x80000000, kMaskDivide = 0x40000000, kMaskOverflow = 0x20000000;
constexpr uint32_t kMaskUnderflow = 0x10000000, kMaskInexact = 0x08000000;
constexpr uint32_t kFlagInvalid = 0x800000, kFlagDivide = 0x400000, kFlagOverflow = 0x200000;
constexpr uint32_t kFlagUnderflow = 0x100000, kFlagInexact = 0x080000;
uint8_t Dxc(uint32_t fpc) { return static_cast<uint8_t>(fpc >> 8); }

// --- Encoders for the floating-point formats -----------------------------------------------------------------
Bytes RRD(uint16_t op, int r1, int r3, int r2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), static_cast<uint8_t>(r1 << 4),
          static_cast<uint8_t>(r3 << 4 | r2)};
}
// RRF-e: R1,M3,R2,M4.
Bytes RRFe(uint16_t op, int r1, int m3, int r2, int m4 = 0) { return RRF(op, r1, r2, m3, m4); }
Bytes RXE(uint16_t op, int r1, int d2, int x2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r1 << 4 | x2),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2), 0, static_cast<uint8_t>(op)};
}
Bytes RXF(uint16_t op, int r1, int r3, int d2, int x2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r3 << 4 | x2),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2), static_cast<uint8_t>(r1 << 4),
          static_cast<uint8_t>(op)};
}
Bytes S(uint16_t op, int d2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)),
          static_cast<uint8_t>(d2)};
}

// An InsnTester with the AFP-register control on (as Linux runs).
class FpTester : public InsnTester {
 public:
  FpTester() { state().cr[0] = cr0::kAfpRegisterControl; }
  void SetFpr(int r, uint64_t v) { state().vr[r].hi = v; }
  uint64_t Fpr(int r) { return state().vr[r].hi; }
  void SetFpc(uint32_t fpc) { state().fpc = fpc; }
  uint32_t Fpc() { return state().fpc; }
};

void ExpectCompleted(const InsnResult& r) {
  EXPECT_TRUE(r.completed) << "program interruption 0x" << std::hex << static_cast<int>(r.code);
}
void ExpectData(FpTester& t, const InsnResult& r, uint8_t dxc, uint8_t ilc) {
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kData);
  EXPECT_EQ(r.ilc, ilc);
  EXPECT_EQ(Dxc(t.Fpc()), dxc) << std::hex << t.Fpc();
}

// --- Arithmetic ----------------------------------------------------------------------------------------------
struct ArithCase {
  std::string name;
  Bytes insn;
  uint64_t f1, f2;  // FPR 1 and FPR 2 before (f2 also at kData for storage forms)
  uint64_t out;     // FPR 1 after
  int cc;           // -1: unchanged (the test starts with CC 3... no: with CC 1)
  uint32_t flags = 0;
};

TEST(BfpTest, ArithmeticResultsAndConditionCodes) {
  const std::vector<ArithCase> cases = {
      {"ADBR", RRE(0xb31a, 1, 2), D(1.5), D(2.25), D(3.75), 2},
      {"ADBR zero", RRE(0xb31a, 1, 2), D(1.5), D(-1.5), D(0.0), 0},
      {"ADBR inexact", RRE(0xb31a, 1, 2), D(1.0), D(std::ldexp(1.0, -60)), D(1.0), 2, kFlagInexact},
      {"SDBR negative", RRE(0xb31b, 1, 2), D(1.0), D(3.0), D(-2.0), 1},
      {"SDBR inf-inf", RRE(0xb31b, 1, 2), D(INFINITY), D(INFINITY), 0x7ff8000000000000, 3, kFlagInvalid},
      {"AEBR keeps the right half", RRE(0xb30a, 1, 2), E(1.0f) | 0x12345678, E(2.0f), E(3.0f) | 0x12345678, 2},
      {"SEBR", RRE(0xb30b, 1, 2), E(1.0f), E(1.0f), E(0.0f), 0},
      {"MDBR leaves the CC", RRE(0xb31c, 1, 2), D(3.0), D(-0.5), D(-1.5), -1},
      {"MEEBR", RRE(0xb317, 1, 2), E(3.0f), E(4.0f), E(12.0f), -1},
      {"DDBR", RRE(0xb31d, 1, 2), D(1.0), D(3.0), D(1.0 / 3.0), -1, kFlagInexact},
      {"DDBR by zero", RRE(0xb31d, 1, 2), D(-1.0), D(0.0), D(-INFINITY), -1, kFlagDivide},
      {"DDBR 0/0", RRE(0xb31d, 1, 2), D(0.0), D(0.0), 0x7ff8000000000000, -1, kFlagInvalid},
      {"DEBR", RRE(0xb30d, 1, 2), E(1.0f), E(4.0f), E(0.25f), -1},
      {"SQDBR", RRE(0xb315, 1, 2), 0, D(2.0), D(std::sqrt(2.0)), -1, kFlagInexact},
      {"SQDBR -0", RRE(0xb315, 1, 2), 0, D(-0.0), D(-0.0), -1},
      {"SQEBR negative", RRE(0xb314, 1, 2), 0, E(-4.0f), uint64_t{0x7fc00000} << 32, -1, kFlagInvalid},
      {"MDEBR short*short->long", RRE(0xb30c, 1, 2), E(16777215.0f), E(16777215.0f),
       D(16777215.0 * 16777215.0), -1},
      {"LDEBR", RRE(0xb304, 1, 2), 0, E(0.1f), D(static_cast<double>(0.1f)), -1},
      {"LDEBR SNaN", RRE(0xb304, 1, 2), 0, uint64_t{0x7f800001} << 32, 0x7ff8000020000000, -1, kFlagInvalid},
      {"LTDBR", RRE(0xb312, 1, 2), 0, D(-2.0), D(-2.0), 1},
      {"LTDBR SNaN quieted", RRE(0xb312, 1, 2), 0, 0x7ff0000000000001, 0x7ff8000000000001, 3, kFlagInvalid},
      {"LCDBR SNaN: sign only", RRE(0xb313, 1, 2), 0, 0x7ff0000000000001, 0xfff0000000000001, 3},
      {"LCDBR", RRE(0xb313, 1, 2), 0, D(0.0), D(-0.0), 0},
      {"LPDBR", RRE(0xb310, 1, 2), 0, D(-5.0), D(5.0), 2},
      {"LNDBR", RRE(0xb311, 1, 2), 0, D(5.0), D(-5.0), 1},
      {"LNEBR", RRE(0xb301, 1, 2), 0, E(5.0f), E(-5.0f), 1},
      {"LTEBR zero", RRE(0xb302, 1, 2), 0, E(-0.0f), E(-0.0f), 0},
      {"ADB", RXE(0xed1a, 1, 0, 0, 10), D(1.0), D(2.0), D(3.0), 2},
      {"SEB", RXE(0xed0b, 1, 0, 0, 10), E(1.0f), F(4.0f), E(-3.0f), 1},
      {"MDB", RXE(0xed1c, 1, 0, 0, 10), D(1.5), D(4.0), D(6.0), -1},
      {"DDB", RXE(0xed1d, 1, 0, 0, 10), D(1.0), D(8.0), D(0.125), -1},
      {"SQDB", RXE(0xed15, 1, 0, 0, 10), 0, D(9.0), D(3.0), -1},
      {"MDEB", RXE(0xed0c, 1, 0, 0, 10), E(3.0f), F(0.5f), D(1.5), -1},
      {"LDEB", RXE(0xed04, 1, 0, 0, 10), 0, F(-2.5f), D(-2.5), -1},
  };
  for (const ArithCase& c : cases) {
    SCOPED_TRACE(c.name);
    FpTester t;
    t.SetFpr(1, c.f1);
    t.SetFpr(2, c.f2);
    t.SetGr(10, kData);
    if (c.insn.size() == 6) {
      if (c.name == "SEB" || c.name == "MDEB" || c.name == "LDEB") {
        t.Store<uint32_t>(kData, static_cast<uint32_t>(c.f2));
      } else {
        t.Store<uint64_t>(kData, c.f2);
      }
    }
    t.SetCc(1);
    const InsnResult r = t.Run(c.insn);
    ExpectCompleted(r);
    EXPECT_EQ(t.Fpr(1), c.out) << std::hex << t.Fpr(1);
    EXPECT_EQ(r.cc, c.cc < 0 ? 1 : c.cc);
    EXPECT_EQ(t.Fpc(), c.flags) << std::hex << t.Fpc();
  }
}

TEST(BfpTest, ExtendedFormatUsesRegisterPairs) {
  FpTester t;
  // 1 + 2^-100 needs the extended format: FPR 1/3 = 1.0, FPR 5/7 = 2^-100.
  t.SetFpr(1, 0x3fff000000000000);
  t.SetFpr(3, 0);
  t.SetFpr(5, 0x3f9b000000000000);
  t.SetFpr(7, 0);
  ExpectCompleted(t.Run(RRE(0xb34a, 1, 5)));  // AXBR 1,5
  EXPECT_EQ(t.Fpr(1), 0x3fff000000000000u);
  EXPECT_EQ(t.Fpr(3), 0x1000u);  // 2^-100 is fraction bit 12 (of 112)
  // LDXBR rounds it back to long (1.0, inexact).
  const InsnResult r = t.Run(RRFe(0xb345, 8, 0, 1));
  ExpectCompleted(r);
  EXPECT_EQ(t.Fpr(8), D(1.0));
  EXPECT_EQ(t.Fpc(), kFlagInexact);
  // MXDBR: long x long -> extended, exact.
  t.SetFpr(4, D(3.0));
  t.SetFpr(2, D(1.0 / 3.0));
  ExpectCompleted(t.Run(RRE(0xb307, 4, 2)));
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb345, 0, 0, 4)));  // back to long: 3 * fl(1/3) rounds to 1
  EXPECT_EQ(t.Fpr(0), D(1.0));
  // An invalid pair (R1 = 2) is a specification exception.
  const InsnResult bad = t.Run(RRE(0xb34a, 2, 5));
  EXPECT_FALSE(bad.completed);
  EXPECT_EQ(bad.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(bad.ilc, 4);
  EXPECT_EQ(t.Run(RRE(0xb365, 0, 6)).code, ProgramInterruptCode::kSpecification);  // LXR 0,6
}

TEST(BfpTest, ExtendedCompareConvertAndSquareRoot) {
  FpTester t;
  t.SetGr(2, static_cast<uint64_t>(-7));
  ExpectCompleted(t.Run(RRFe(0xb3a6, 4, 0, 2)));  // CXGBR 4,2: -7 exactly
  EXPECT_EQ(t.Fpr(4), 0xc001c00000000000u);
  EXPECT_EQ(t.Fpr(6), 0u);
  ExpectCompleted(t.Run(RRE(0xb343, 0, 4)));  // LCXBR 0,4 -> +7
  InsnResult r = t.Run(RRE(0xb349, 0, 4));    // CXBR 0,4: 7 > -7
  ExpectCompleted(r);
  EXPECT_EQ(r.cc, 2);
  ExpectCompleted(t.Run(RRE(0xb316, 8, 0)));  // SQXBR 8,0: sqrt(7)
  r = t.Run(RRFe(0xb3aa, 3, 5, 8));           // CGXBR 3,5(toward 0),8
  ExpectCompleted(r);
  EXPECT_EQ(t.gr(3), 2u);
  EXPECT_EQ(r.cc, 2);
  ExpectCompleted(t.Run(RRFe(0xb347, 12, 6, 8)));  // FIXBR 12,6(+inf),8 = 3
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb3aa, 3, 0, 12)));  // CGXBR: exact now
  EXPECT_EQ(t.gr(3), 3u);
  EXPECT_EQ(t.Fpc(), 0u);
  // TCXB: +normal is bit 54 of the address (0x200).
  t.SetGr(10, 0x200);
  r = t.Run(RXE(0xed12, 12, 0, 0, 10));
  ExpectCompleted(r);
  EXPECT_EQ(r.cc, 1);
}

// --- IEEE traps ------------------------------------------------------------------------------------------------
TEST(BfpTest, SuppressingTrapsLeaveEverythingUnchanged) {
  FpTester t;
  t.SetFpr(1, D(1.0));
  t.SetFpr(2, D(0.0));
  t.SetFpc(kMaskDivide);
  t.SetCc(1);
  InsnResult r = t.Run(RRE(0xb31d, 1, 2));  // DDBR
  ExpectData(t, r, 0x40, 4);
  EXPECT_EQ(t.Fpr(1), D(1.0));
  EXPECT_EQ(r.psw_address, InsnTester::kCode + 4);
  EXPECT_EQ(t.Fpc() & 0x00ff0000, 0u) << "a trapped exception sets no flag";

  t.SetFpc(kMaskInvalid);
  t.SetFpr(1, D(1.0));
  t.SetFpr(2, 0x7ff8000000000000);
  r = t.Run(RRE(0xb318, 1, 2));  // KDBR with a QNaN: invalid
  ExpectData(t, r, 0x80, 4);
  EXPECT_EQ(r.cc, 1);
  r = t.Run(RRE(0xb319, 1, 2));  // CDBR with a QNaN: no exception, CC 3
  ExpectCompleted(r);
  EXPECT_EQ(r.cc, 3);

  t.SetFpc(kMaskInvalid);
  t.SetGr(10, kData);
  t.Store<uint64_t>(kData, D(-1.0));
  r = t.Run(RXE(0xed15, 3, 0, 0, 10));  // SQDB: ILC 3 (6 bytes)
  ExpectData(t, r, 0x80, 6);

  t.SetFpc(kMaskInvalid);
  t.SetGr(5, 0x1234);
  t.SetFpr(2, D(NAN));
  r = t.Run(RRFe(0xb399, 5, 0, 2));  // CFDBR of a NaN: suppressed
  ExpectData(t, r, 0x80, 4);
  EXPECT_EQ(t.gr(5), 0x1234u);
}

TEST(BfpTest, CompletingTrapsStoreTheResultFirst) {
  FpTester t;
  // Overflow trap: 2^1000 * 2^1000 is delivered as 2^(2000-1536), DXC 0x20 (exact).
  t.SetFpr(1, D(std::ldexp(1.0, 1000)));
  t.SetFpr(2, D(std::ldexp(1.0, 1000)));
  t.SetFpc(kMaskOverflow);
  InsnResult r = t.Run(RRE(0xb31c, 1, 2));
  ExpectData(t, r, 0x20, 4);
  EXPECT_EQ(t.Fpr(1), D(std::ldexp(1.0, 464)));
  // Inexact and truncated: DXC 0x28.
  t.SetFpr(1, D(std::ldexp(1.0 + std::ldexp(1.0, -52), 1000)));
  t.SetFpr(2, D(std::ldexp(1.0 + std::ldexp(1.0, -52), 1000)));
  t.SetFpc(kMaskOverflow);
  r = t.Run(RRE(0xb31c, 1, 2));
  ExpectData(t, r, 0x28, 4);
  // Underflow trap on an AEBR: scaled up by 192, and the CC is set from the stored result.
  t.SetFpr(1, E(std::ldexp(1.0f, -126)));
  t.SetFpr(2, E(-std::ldexp(1.5f, -126)));
  t.SetFpc(kMaskUnderflow);
  r = t.Run(RRE(0xb30a, 1, 2));
  ExpectData(t, r, 0x10, 4);
  EXPECT_EQ(t.Fpr(1), E(-std::ldexp(1.0f, -127 + 192)));
  EXPECT_EQ(r.cc, 1);
  // Untrapped underflow: denormal result with the underflow and inexact flags.
  t.SetFpr(1, D(std::ldexp(1.0, -1022)));
  t.SetFpr(2, D(1.0 / 3.0));
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRE(0xb31c, 1, 2)));
  EXPECT_EQ(t.Fpc(), kFlagUnderflow | kFlagInexact);
  // Inexact trap: the result is stored; DXC 0x08 truncated, 0x0c incremented.
  t.SetFpr(1, D(1.0));
  t.SetFpr(2, D(std::ldexp(1.0, -60)));
  t.SetFpc(kMaskInexact);
  r = t.Run(RRE(0xb31a, 1, 2));
  ExpectData(t, r, 0x08, 4);
  EXPECT_EQ(t.Fpr(1), D(1.0));
  t.SetFpc(kMaskInexact | 2);  // round toward +infinity
  r = t.Run(RRE(0xb31a, 1, 2));
  ExpectData(t, r, 0x0c, 4);
  EXPECT_EQ(t.Fpr(1), D(1.0 + std::ldexp(1.0, -52)));
  // Untrapped overflow with the inexact trap: overflow flag set, inexact trap (incremented to inf).
  t.SetFpr(1, D(1e300));
  t.SetFpr(2, D(1e300));
  t.SetFpc(kMaskInexact);
  r = t.Run(RRE(0xb31c, 1, 2));
  ExpectData(t, r, 0x0c, 4);
  EXPECT_EQ(t.Fpr(1), D(INFINITY));
  EXPECT_EQ(t.Fpc() & 0x00ff0000, kFlagOverflow);
}

// --- Rounding methods -------------------------------------------------------------------------------------------
TEST(BfpTest, RoundingModesFromTheFpcAndTheM3Field) {
  struct RoundCase {
    int m3;
    uint32_t fpc;
    double in;
    int32_t out;
  };
  const RoundCase cases[] = {
      {0, 0, 2.5, 2},  {0, 1, 2.7, 2},   {0, 2, 2.1, 3},  {0, 3, -2.1, -3}, {0, 7, 2.0000001, 3},
      {1, 0, 2.5, 3},  {1, 0, -2.5, -3}, {3, 0, 4.5, 5},  {4, 1, 3.5, 4},   {5, 0, -2.9, -2},
      {6, 0, 2.1, 3},  {7, 0, 2.9, 2},   {4, 0, 0.5, 0},  {3, 0, 4.0, 4},
  };
  for (const RoundCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << "m3 " << c.m3 << " fpc " << c.fpc << " " << c.in);
    FpTester t;
    t.SetFpr(2, D(c.in));
    t.SetFpc(c.fpc);
    t.SetGr(1, 0xffffffff00000000);
    const InsnResult r = t.Run(RRFe(0xb399, 1, c.m3, 2));  // CFDBR
    ExpectCompleted(r);
    EXPECT_EQ(t.gr(1), 0xffffffff00000000 | static_cast<uint32_t>(c.out));
    EXPECT_EQ(r.cc, c.in < 0 ? 1 : 2);
  }
  // M3 = 2 and M3 > 7 are specification exceptions.
  FpTester t;
  EXPECT_EQ(t.Run(RRFe(0xb399, 1, 2, 2)).code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(t.Run(RRFe(0xb35f, 1, 9, 2)).code, ProgramInterruptCode::kSpecification);
}

TEST(BfpTest, ConvertToFixedSpecialCases) {
  struct ToFixed {
    std::string name;
    Bytes insn;
    uint64_t in;
    uint64_t out;
    int cc;
    uint32_t flags;
  };
  const std::vector<ToFixed> cases = {
      {"CFDBR NaN", RRFe(0xb399, 1, 0, 2), D(NAN), 0x80000000, 3, kFlagInvalid},
      {"CFDBR +big", RRFe(0xb399, 1, 0, 2), D(3e9), 0x7fffffff, 3, kFlagInvalid | kFlagInexact},
      {"CFDBR -2^31", RRFe(0xb399, 1, 0, 2), D(-2147483648.0), 0x80000000, 1, 0},
      {"CFDBR -0.4", RRFe(0xb399, 1, 0, 2), D(-0.4), 0, 1, kFlagInexact},
      {"CFDBR XxC", RRFe(0xb399, 1, 0, 2, 4), D(-0.4), 0, 1, 0},
      {"CGDBR", RRFe(0xb3a9, 1, 5, 2), D(-1e18), static_cast<uint64_t>(-1000000000000000000), 1, 0},
      {"CGDBR -inf", RRFe(0xb3a9, 1, 0, 2), D(-INFINITY), 0x8000000000000000, 3, kFlagInvalid | kFlagInexact},
      {"CGEBR", RRFe(0xb3a8, 1, 0, 2), E(-3.0f), static_cast<uint64_t>(-3), 1, 0},
      {"CLFDBR negative", RRFe(0xb39d, 1, 0, 2), D(-1.0), 0, 3, kFlagInvalid | kFlagInexact},
      {"CLFDBR -0.3 rounds to 0", RRFe(0xb39d, 1, 0, 2), D(-0.3), 0, 1, kFlagInexact},
      {"CLFDBR 4e9", RRFe(0xb39d, 1, 0, 2), D(4e9), 4000000000, 2, 0},
      {"CLGDBR too big", RRFe(0xb3ad, 1, 0, 2), D(2e19), ~uint64_t{0}, 3, kFlagInvalid | kFlagInexact},
      {"CLGEBR", RRFe(0xb3ac, 1, 0, 2), E(1e10f), 10000000000, 2, 0},
      {"CFEBR zero", RRFe(0xb398, 1, 0, 2), E(-0.0f), 0, 0, 0},
  };
  for (const ToFixed& c : cases) {
    SCOPED_TRACE(c.name);
    FpTester t;
    t.SetFpr(2, c.in);
    const bool is32 = c.name.rfind("CF", 0) == 0 || c.name.rfind("CLF", 0) == 0;
    t.SetGr(1, is32 ? 0x5555555500000000 : 0);
    const InsnResult r = t.Run(c.insn);
    ExpectCompleted(r);
    EXPECT_EQ(t.gr(1), (is32 ? 0x5555555500000000 : 0) | c.out) << std::hex << t.gr(1);
    EXPECT_EQ(r.cc, c.cc);
    EXPECT_EQ(t.Fpc(), c.flags) << std::hex << t.Fpc();
  }
}

TEST(BfpTest, ConvertFromFixedAndLoadRounded) {
  FpTester t;
  t.SetGr(2, 0x00000000ffffffff);  // -1 as a 32-bit signed value, 2^32-1 as logical
  ExpectCompleted(t.Run(RRFe(0xb395, 1, 0, 2)));  // CDFBR
  EXPECT_EQ(t.Fpr(1), D(-1.0));
  ExpectCompleted(t.Run(RRFe(0xb391, 1, 0, 2)));  // CDLFBR
  EXPECT_EQ(t.Fpr(1), D(4294967295.0));
  t.SetGr(2, (uint64_t{1} << 53) + 1);
  const uint32_t cc_before = 2;
  t.SetCc(cc_before);
  InsnResult r = t.Run(RRFe(0xb3a5, 1, 0, 2));  // CDGBR: inexact, CC unchanged
  ExpectCompleted(r);
  EXPECT_EQ(t.Fpr(1), D(std::ldexp(1.0, 53)));
  EXPECT_EQ(t.Fpc(), kFlagInexact);
  EXPECT_EQ(r.cc, cc_before);
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb3a5, 1, 6, 2)));  // M3 = 6: toward +infinity
  EXPECT_EQ(t.Fpr(1), D(std::ldexp(1.0, 53) + 2));
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb3a1, 1, 0, 2, 4)));  // CDLGBR with XxC: no inexact flag
  EXPECT_EQ(t.Fpc(), 0u);
  t.SetGr(2, ~uint64_t{0});
  ExpectCompleted(t.Run(RRFe(0xb3a0, 3, 0, 2)));  // CELGBR: 2^64-1 -> 2^64 in short
  EXPECT_EQ(t.Fpr(3) >> 32, F(18446744073709551616.0f));

  // LEDBR(A): long -> short by the FPC mode or M3.
  t.SetFpr(2, D(1.0 + std::ldexp(1.0, -30)));
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb344, 4, 0, 2)));
  EXPECT_EQ(t.Fpr(4) >> 32, F(1.0f));
  ExpectCompleted(t.Run(RRFe(0xb344, 4, 6, 2)));
  EXPECT_EQ(t.Fpr(4) >> 32, F(1.0f) + 1);
  ExpectCompleted(t.Run(RRFe(0xb344, 4, 3, 2)));  // prepare for shorter precision: odd
  EXPECT_EQ(t.Fpr(4) >> 32, F(1.0f) + 1);
  t.SetFpr(2, D(1e300));
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb344, 4, 0, 2)));
  EXPECT_EQ(t.Fpr(4) >> 32, F(INFINITY));
  EXPECT_EQ(t.Fpc(), kFlagOverflow | kFlagInexact);
  // FIDBR(A).
  t.SetFpr(2, D(-2.5));
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb35f, 5, 0, 2)));
  EXPECT_EQ(t.Fpr(5), D(-2.0));
  EXPECT_EQ(t.Fpc(), kFlagInexact);
  t.SetFpc(0);
  ExpectCompleted(t.Run(RRFe(0xb35f, 5, 1, 2, 4)));  // ties away, XxC
  EXPECT_EQ(t.Fpr(5), D(-3.0));
  EXPECT_EQ(t.Fpc(), 0u);
  t.SetFpr(2, D(-0.25));
  ExpectCompleted(t.Run(RRFe(0xb357, 5, 5, 2)));  // FIEBR on a long register's left half
  t.SetFpr(2, E(-0.25f));
  ExpectCompleted(t.Run(RRFe(0xb357, 5, 5, 2)));
  EXPECT_EQ(t.Fpr(5) >> 32, F(-0.0f));
}

TEST(BfpTest, MultiplyAndAddIsFused) {
  FpTester t;
  const double a = 1.0 + std::ldexp(1.0, -30), b = 1.0 - std::ldexp(1.0, -30);
  t.SetFpr(3, D(a));
  t.SetFpr(2, D(b));
  t.SetFpr(1, D(-1.0));
  ExpectCompleted(t.Run(RRD(0xb31e, 1, 3, 2)));  // MADBR 1,3,2: a*b - 1 = -2^-60 exactly
  EXPECT_EQ(t.Fpr(1), D(-std::ldexp(1.0, -60)));
  t.SetFpr(1, D(1.0));
  ExpectCompleted(t.Run(RRD(0xb31f, 1, 3, 2)));  // MSDBR: a*b - 1
  EXPECT_EQ(t.Fpr(1), D(-std::ldexp(1.0, -60)));
  t.SetFpr(1, E(1.0f));
  t.SetFpr(3, E(2.0f));
  t.SetGr(10, kData);
  t.Store<uint32_t>(kData + 8, F(3.0f));
  ExpectCompleted(t.Run(RXF(0xed0e, 1, 3, 8, 0, 10)));  // MAEB 1,3,8(10): 2*3 + 1
  EXPECT_EQ(t.Fpr(1), E(7.0f));
  ExpectCompleted(t.Run(RXF(0xed0f, 1, 3, 8, 0, 10)));  // MSEB: 2*3 - 7
  EXPECT_EQ(t.Fpr(1), E(-1.0f));
}

TEST(BfpTest, CompareAndTestDataClass) {
  struct CmpCase {
    Bytes insn;
    uint64_t f1, f2;
    int cc;
    uint32_t flags;
  };
  const CmpCase cases[] = {
      {RRE(0xb319, 1, 2), D(1.0), D(2.0), 1, 0},
      {RRE(0xb319, 1, 2), D(2.0), D(1.0), 2, 0},
      {RRE(0xb319, 1, 2), D(0.0), D(-0.0), 0, 0},
      {RRE(0xb319, 1, 2), D(NAN), D(1.0), 3, 0},
      {RRE(0xb319, 1, 2), 0x7ff0000000000001, D(1.0), 3, kFlagInvalid},
      {RRE(0xb318, 1, 2), D(NAN), D(1.0), 3, kFlagInvalid},
      {RRE(0xb309, 1, 2), E(-1.0f), E(-2.0f), 2, 0},
      {RRE(0xb308, 1, 2), E(-INFINITY), E(-INFINITY), 0, 0},
  };
  for (const CmpCase& c : cases) {
    FpTester t;
    t.SetFpr(1, c.f1);
    t.SetFpr(2, c.f2);
    const InsnResult r = t.Run(c.insn);
    ExpectCompleted(r);
    EXPECT_EQ(r.cc, c.cc);
    EXPECT_EQ(t.Fpc(), c.flags);
  }
  FpTester t;
  t.SetFpr(1, D(-std::ldexp(1.0, -1070)));  // -subnormal: bit 57 (0x40)
  t.SetGr(10, 0x1000);
  EXPECT_EQ(t.Run(RXE(0xed11, 1, 0x40, 0, 10)).cc, 1);  // TCDB: address 0x1040, no storage access
  EXPECT_EQ(t.Run(RXE(0xed11, 1, 0x80, 0, 10)).cc, 0);
  t.SetFpr(1, uint64_t{0xff800001} << 32);  // -SNaN short: bit 63 (0x1)
  EXPECT_EQ(t.Run(RXE(0xed10, 1, 1, 0, 10)).cc, 1);  // TCEB
  EXPECT_EQ(t.Fpc(), 0u) << "TEST DATA CLASS signals nothing";
}

// --- AFP-register control --------------------------------------------------------------------------------------
TEST(BfpTest, AfpRegisterControl) {
  FpTester t;
  t.state().cr[0] = 0;
  t.SetFpr(2, D(1.0));
  t.SetFpr(4, D(2.0));
  InsnResult r = t.Run(RRE(0xb31a, 2, 4));  // ADBR 2,4: BFP needs AFP (DXC 2)
  EXPECT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kData);
  EXPECT_EQ(t.Fpr(2), D(1.0));
  ExpectCompleted(t.Run(RR(0x28, 2, 4)));  // LDR 2,4 is fine
  EXPECT_EQ(t.Fpr(2), D(2.0));
  r = t.Run(RR(0x28, 2, 3));  // LDR 2,3: AFP register (DXC 1)
  EXPECT_EQ(r.code, ProgramInterruptCode::kData);
  EXPECT_EQ(r.ilc, 2);
  EXPECT_EQ(t.Run(RRE(0xb3c1, 8, 1)).code, ProgramInterruptCode::kData);  // LDGR 8,1
  EXPECT_EQ(t.Fpc(), 0u) << "without AFP the DXC is not placed in the FPC";
  t.SetGr(1, 2);
  ExpectCompleted(t.Run(RRE(0xb384, 1, 0)));  // SFPC needs no AFP
  EXPECT_EQ(t.Fpc(), 2u);
}

// --- Floating-point-support instructions --------------------------------------------------------------------------
TEST(BfpTest, LoadsStoresAndTransfers) {
  FpTester t;
  t.SetGr(10, kData);
  t.Put(kData + 0xffc, Bytes{0x40, 0x49, 0x0f, 0xdb, 0x11, 0x22, 0x33, 0x44});  // crosses a page
  t.SetFpr(1, 0x00000000aaaaaaaa);
  ExpectCompleted(t.Run(RX(0x78, 1, 0xffc, 0, 10)));  // LE: right half unchanged
  EXPECT_EQ(t.Fpr(1), 0x40490fdbaaaaaaaau);
  ExpectCompleted(t.Run(RX(0x68, 2, 0xffc, 0, 10)));  // LD
  EXPECT_EQ(t.Fpr(2), 0x40490fdb11223344u);
  ExpectCompleted(t.Run(RXY(0xed66, 1, -8, 0, 10)));  // STEY
  EXPECT_EQ(t.Load<uint32_t>(kData - 8), 0x40490fdbu);
  ExpectCompleted(t.Run(RX(0x60, 2, 0x10, 0, 10)));  // STD
  EXPECT_EQ(t.Load<uint64_t>(kData + 0x10), 0x40490fdb11223344u);
  ExpectCompleted(t.Run(RXY(0xed65, 3, 0x10, 0, 10)));  // LDY
  EXPECT_EQ(t.Fpr(3), 0x40490fdb11223344u);
  ExpectCompleted(t.Run(RR(0x38, 4, 2)));  // LER
  EXPECT_EQ(t.Fpr(4), 0x40490fdb00000000u);
  ExpectCompleted(t.Run(RRE(0xb375, 3, 0)));  // LZDR
  EXPECT_EQ(t.Fpr(3), 0u);
  t.SetFpr(5, ~uint64_t{0});
  ExpectCompleted(t.Run(RRE(0xb374, 5, 0)));  // LZER: right half unchanged
  EXPECT_EQ(t.Fpr(5), 0x00000000ffffffffu);
  t.SetFpr(0, 1);
  t.SetFpr(2, 2);
  ExpectCompleted(t.Run(RRE(0xb376, 0, 0)));  // LZXR
  EXPECT_EQ(t.Fpr(0) | t.Fpr(2), 0u);
  t.SetGr(7, 0x123456789abcdef0);
  ExpectCompleted(t.Run(RRE(0xb3c1, 9, 7)));  // LDGR
  ExpectCompleted(t.Run(RRE(0xb3cd, 8, 9)));  // LGDR
  EXPECT_EQ(t.gr(8), 0x123456789abcdef0u);
  t.SetFpr(1, D(-1.0));
  t.SetFpr(2, D(5.0));
  ExpectCompleted(t.Run(RRF(0xb372, 3, 2, 1)));  // CPSDR 3,1,2: sign of 1, magnitude of 2
  EXPECT_EQ(t.Fpr(3), D(-5.0));
  ExpectCompleted(t.Run(RRE(0xb373, 3, 3)));  // LCDFR
  EXPECT_EQ(t.Fpr(3), D(5.0));
  ExpectCompleted(t.Run(RRE(0xb371, 3, 3)));  // LNDFR
  EXPECT_EQ(t.Fpr(3), D(-5.0));
  ExpectCompleted(t.Run(RRE(0xb370, 3, 3)));  // LPDFR
  EXPECT_EQ(t.Fpr(3), D(5.0));
  // An access exception on LD leaves the FPR unchanged.
  t.SetGr(10, InsnTester::kMemorySize - 4);
  const InsnResult r = t.Run(RX(0x68, 3, 0, 0, 10));
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(t.Fpr(3), D(5.0));
}

TEST(BfpTest, FpcInstructions) {
  FpTester t;
  t.SetGr(10, kData);
  t.Store<uint32_t>(kData, 0xf8000003);
  ExpectCompleted(t.Run(S(0xb29d, 0, 10)));  // LFPC
  EXPECT_EQ(t.Fpc(), 0xf8000003u);
  ExpectCompleted(t.Run(S(0xb29c, 4, 10)));  // STFPC
  EXPECT_EQ(t.Load<uint32_t>(kData + 4), 0xf8000003u);
  t.SetGr(3, 0xffffffff00000000);
  ExpectCompleted(t.Run(RRE(0xb38c, 3, 0)));  // EFPC
  EXPECT_EQ(t.gr(3), 0xfffffffff8000003u);
  t.SetGr(4, 0x00000001);
  ExpectCompleted(t.Run(RRE(0xb384, 4, 0)));  // SFPC
  EXPECT_EQ(t.Fpc(), 1u);
  // Reserved bits and rounding modes 4-6 are specification exceptions.
  for (uint32_t bad : {0x02000000u, 0x00010000u, 0x00000080u, 0x00000008u, 0x00000005u}) {
    t.SetGr(4, bad);
    const InsnResult r = t.Run(RRE(0xb384, 4, 0));
    EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification) << std::hex << bad;
    EXPECT_EQ(t.Fpc(), 1u);
  }
  t.SetGr(5, 0x7);
  ExpectCompleted(t.Run(S(0xb299, 0x2, 5)));  // SRNM 2(5): address 9 -> bits 62-63 = 01
  EXPECT_EQ(t.Fpc(), 1u);
  t.SetFpc(7);
  ExpectCompleted(t.Run(S(0xb299, 3, 0)));  // SRNM 3: bit 29 cleared
  EXPECT_EQ(t.Fpc(), 3u);
  ExpectCompleted(t.Run(S(0xb2b8, 7, 0)));  // SRNMB 7
  EXPECT_EQ(t.Fpc(), 7u);
  EXPECT_EQ(t.Run(S(0xb2b8, 5, 0)).code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(t.Run(S(0xb2b8, 0x17, 0)).code, ProgramInterruptCode::kSpecification);
  ExpectCompleted(t.Run(S(0xb2b9, 0xfff, 0)));  // SRNMT: DFP rounding mode 7
  EXPECT_EQ(t.Fpc(), 0x77u);
}

TEST(BfpTest, SetFpcAndSignal) {
  FpTester t;
  t.SetFpc(kFlagOverflow | kFlagInexact);
  t.SetGr(1, 0);  // no masks: the flags just stay
  ExpectCompleted(t.Run(RRE(0xb385, 1, 0)));  // SFASR
  EXPECT_EQ(t.Fpc(), kFlagOverflow | kFlagInexact);
  t.SetGr(1, kMaskOverflow | kMaskInexact | 1);
  InsnResult r = t.Run(RRE(0xb385, 1, 0));
  ExpectData(t, r, 0x2b, 4);  // simulated overflow with inexact
  EXPECT_EQ(t.Fpc() & 0xffff00ff, kMaskOverflow | kMaskInexact | kFlagOverflow | kFlagInexact | 1);
  t.SetFpc(kFlagInvalid | kFlagDivide);
  t.SetGr(10, kData);
  t.Store<uint32_t>(kData, kMaskDivide);
  r = t.Run(S(0xb2bd, 0, 10));  // LFAS
  ExpectData(t, r, 0x43, 4);
}

// Every BFP and floating-point-support instruction of the table has a handler, except those deferred (see
// the family's report): DIEBR/DIDBR, PFPO and the HFP<->BFP conversions.
TEST(BfpTest, EveryInstructionHasAHandler) {
  const char* const kImplemented[] = {
      "LE", "LEY", "LD", "LDY", "STE", "STEY", "STD", "STDY", "LER", "LDR", "LXR", "LZER", "LZDR", "LZXR",
      "LDGR", "LGDR", "CPSDR", "LCDFR", "LNDFR", "LPDFR", "LFPC", "STFPC", "SFPC", "EFPC", "SRNM", "SRNMB",
      "SRNMT", "SFASR", "LFAS", "AEBR", "ADBR", "AXBR", "AEB", "ADB", "SEBR", "SDBR", "SXBR", "SEB", "SDB",
      "MEEBR", "MDBR", "MXBR", "MEEB", "MDB", "MDEBR", "MDEB", "MXDBR", "MXDB", "DEBR", "DDBR", "DXBR", "DEB",
      "DDB", "MAEBR", "MADBR", "MAEB", "MADB", "MSEBR", "MSDBR", "MSEB", "MSDB", "SQEBR", "SQDBR", "SQXBR",
      "SQEB", "SQDB", "CEBR", "CDBR", "CXBR", "CEB", "CDB", "KEBR", "KDBR", "KXBR", "KEB", "KDB", "LTEBR",
      "LTDBR", "LTXBR", "LCEBR", "LCDBR", "LCXBR", "LPEBR", "LPDBR", "LPXBR", "LNEBR", "LNDBR", "LNXBR",
      "LEDBR", "LDXBR", "LEXBR", "LDEBR", "LXDBR", "LXEBR", "LDEB", "LXDB", "LXEB", "FIEBR", "FIDBR", "FIXBR",
      "CEFBR", "CDFBR", "CXFBR", "CEGBR", "CDGBR", "CXGBR", "CELFBR", "CDLFBR", "CXLFBR", "CELGBR", "CDLGBR",
      "CXLGBR", "CFEBR", "CFDBR", "CFXBR", "CGEBR", "CGDBR", "CGXBR", "CLFEBR", "CLFDBR", "CLFXBR", "CLGEBR",
      "CLGDBR", "CLGXBR", "TCEB", "TCDB", "TCXB",
  };
  const HandlerTable& table = HandlerTable::Default();
  int found = 0;
  for (size_t i = 0; i < isa::AllInsns().size(); ++i) {
    const isa::InsnId id = static_cast<isa::InsnId>(i + 1);
    const std::string m = isa::Info(id).mnemonic;
    for (const char* want : kImplemented) {
      if (m == want) {
        EXPECT_TRUE(table.Implemented(id)) << m;
        ++found;
      }
    }
  }
  EXPECT_EQ(found, static_cast<int>(sizeof(kImplemented) / sizeof(kImplemented[0])));
}

}  // namespace
}  // namespace s390vmm::interp::testing
