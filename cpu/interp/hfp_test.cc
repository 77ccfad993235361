// Tests of the hexadecimal-floating-point family (hfp.cc, hfp_convert.cc) on a real Interpreter, one
// instruction at a time: results worked out by hand from the PoP rules (guard digit, normalization,
// truncation, rounding where the instruction rounds), condition codes, the exponent-overflow,
// exponent-underflow and significance interruptions with and without their program-mask bits, HFP divide
// and square-root exceptions, register pairs, the AFP-register control, and the HFP <-> BFP conversions.
#include <cstdint>
#include <vector>

#include "cpu/interp/insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x20000;  // storage operands, base register 10

Bytes RRE2(uint16_t op, int r1, int r2) { return RRE(op, r1, r2); }
Bytes RRD(uint16_t op, int r1, int r3, int r2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), static_cast<uint8_t>(r1 << 4),
          static_cast<uint8_t>(r3 << 4 | r2)};
}
Bytes RRFe(uint16_t op, int r1, int m3, int r2) { return RRF(op, r1, r2, m3, 0); }
Bytes RXE(uint16_t op, int r1, int d2, int x2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r1 << 4 | x2),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2), 0, static_cast<uint8_t>(op)};
}
Bytes RXF(uint16_t op, int r1, int r3, int d2, int x2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r3 << 4 | x2),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2), static_cast<uint8_t>(r1 << 4),
          static_cast<uint8_t>(op)};
}

// A short HFP value in an FPR (right half as given).
constexpr uint64_t S(uint32_t v, uint32_t low = 0) { return uint64_t{v} << 32 | low; }

// The integer-test model plus the HFP-multiply-and-add/subtract (20) and HFP-unnormalized-extension (23)
// facilities.
const CpuModel& HfpTestModel() {
  static const CpuModel* model = new CpuModel(
      "hfp-test", 0x8561, "hfp instruction tests",
      {0, 1, 2, 7, 18, 19, 20, 21, 22, 23, 25, 27, 31, 32, 33, 34, 35, 37, 41, 45, 49, 53, 58, 61});
  return *model;
}

class HfpTester : public InsnTester {
 public:
  HfpTester() : InsnTester(HfpTestModel()) {
    state().cr[0] = cr0::kAfpRegisterControl;
    SetGr(10, kData);
  }
  void SetFpr(int r, uint64_t v) { state().vr[r].hi = v; }
  uint64_t Fpr(int r) { return state().vr[r].hi; }
};

// One instruction that completes: FPRs before and after, the CC after (-1: unchanged from 3).
struct FpCase {
  const char* name;
  Bytes insn;
  std::vector<std::pair<int, uint64_t>> in;
  std::vector<std::pair<int, uint64_t>> out;
  int cc = -1;
  uint8_t program_mask = 0;
  std::vector<std::pair<uint64_t, Bytes>> mem = {};
};

void RunFpCases(const std::vector<FpCase>& cases) {
  for (const FpCase& c : cases) {
    SCOPED_TRACE(c.name);
    HfpTester t;
    for (const auto& [r, v] : c.in) t.SetFpr(r, v);
    for (const auto& [a, b] : c.mem) t.Put(a, b);
    t.SetProgramMask(c.program_mask);
    t.SetCc(3);
    const InsnResult r = t.Run(c.insn);
    ASSERT_TRUE(r.completed) << "program interruption " << static_cast<int>(r.code);
    for (const auto& [reg, v] : c.out) EXPECT_EQ(t.Fpr(reg), v) << "f" << reg << " = 0x" << std::hex << t.Fpr(reg);
    EXPECT_EQ(r.cc, c.cc < 0 ? 3 : c.cc);
  }
}

// An instruction that completes and then takes a program interruption (HFP overflow/underflow/
// significance): result stored, CC set, PSW past the instruction.
struct CompletingCase {
  const char* name;
  Bytes insn;
  std::vector<std::pair<int, uint64_t>> in;
  std::vector<std::pair<int, uint64_t>> out;
  ProgramInterruptCode code;
  int cc = -1;
  uint8_t program_mask = 0;
};

void RunCompletingCases(const std::vector<CompletingCase>& cases) {
  for (const CompletingCase& c : cases) {
    SCOPED_TRACE(c.name);
    HfpTester t;
    for (const auto& [r, v] : c.in) t.SetFpr(r, v);
    t.SetProgramMask(c.program_mask);
    t.SetCc(3);
    const InsnResult r = t.Run(c.insn);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, c.code);
    EXPECT_EQ(r.psw_address, InsnTester::kCode + c.insn.size());
    for (const auto& [reg, v] : c.out) EXPECT_EQ(t.Fpr(reg), v) << "f" << reg << " = 0x" << std::hex << t.Fpr(reg);
    EXPECT_EQ(r.cc, c.cc < 0 ? 3 : c.cc);
  }
}

// An instruction suppressed by a program interruption: no FPR changes.
void ExpectSuppressed(const char* name, const Bytes& insn, const std::vector<std::pair<int, uint64_t>>& in,
                      ProgramInterruptCode code, bool afp = true) {
  SCOPED_TRACE(name);
  HfpTester t;
  if (!afp) t.state().cr[0] = 0;
  for (const auto& [r, v] : in) t.SetFpr(r, v);
  t.SetCc(3);
  const InsnResult r = t.Run(insn);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, code);
  EXPECT_EQ(r.ilc, insn.size());
  for (const auto& [reg, v] : in) EXPECT_EQ(t.Fpr(reg), v);
  EXPECT_EQ(r.cc, 3);
}

TEST(HfpTest, FamilyImplemented) {
  ExpectFamilyImplemented({
      "LPER", "LNER", "LTER", "LCER", "LPDR", "LNDR", "LTDR", "LCDR", "LPXR", "LNXR", "LTXR", "LCXR",
      "AER",  "AE",   "SER",  "SE",   "ADR",  "AD",   "SDR",  "SD",   "AXR",  "SXR",  "AUR",  "AU",
      "SUR",  "SU",   "AWR",  "AW",   "SWR",  "SW",   "CER",  "CE",   "CDR",  "CD",   "CXR",  "MEER",
      "MEE",  "MDER", "MDE",  "MDR",  "MD",   "MXDR", "MXD",  "MXR",  "MAER", "MAE",  "MSER", "MSE",
      "MADR", "MAD",  "MSDR", "MSD",  "DER",  "DE",   "DDR",  "DD",   "DXR",  "HER",  "HDR",  "SQER",
      "SQE",  "SQDR", "SQD",  "SQXR", "LEDR", "LDXR", "LEXR", "LDER", "LDE",  "LXDR", "LXD",  "LXER",
      "LXE",  "FIER", "FIDR", "FIXR", "CEFR", "CDFR", "CXFR", "CEGR", "CDGR", "CXGR", "CFER", "CFDR",
      "CFXR", "CGER", "CGDR", "CGXR", "THDER", "THDR", "TBEDR", "TBDR", "MYR",  "MY",   "MYHR", "MYH",
      "MYLR", "MYL",  "MAYR", "MAY",  "MAYHR", "MAYH", "MAYLR", "MAYL",
  });
}

// ---- Add and subtract ------------------------------------------------------------------------------------

TEST(HfpTest, AddSubtract) {
  RunFpCases({
      {"AER 1 + 1", RR(0x3a, 0, 2), {{0, S(0x41100000, 0x1234)}, {2, S(0x41100000)}}, {{0, S(0x41200000, 0x1234)}}, 2},
      {"AER carry: 15 + 1", RR(0x3a, 0, 2), {{0, S(0x41f00000)}, {2, S(0x41100000)}}, {{0, S(0x42100000)}}, 2},
      {"AER normalizes: 1 - 0.9375", RR(0x3a, 0, 2), {{0, S(0x41100000)}, {2, S(0xc0f00000)}},
       {{0, S(0x40100000)}}, 2},
      {"AUR keeps it unnormalized", RR(0x3e, 0, 2), {{0, S(0x41100000)}, {2, S(0xc0f00000)}},
       {{0, S(0x41010000)}}, 2},
      {"AER negative result", RR(0x3a, 0, 2), {{0, S(0x41100000)}, {2, S(0xc1200000)}}, {{0, S(0xc1100000)}}, 1},
      {"SER to a true zero", RR(0x3b, 0, 2), {{0, S(0x41100000)}, {2, S(0x41100000)}}, {{0, S(0)}}, 0},
      // The guard digit: 1 - 0x40FFFFFF (1 - 16^-6) = 16^-6, whose only digit lies in the guard position.
      {"SER keeps the guard digit", RR(0x3b, 0, 2), {{0, S(0x41100000)}, {2, S(0x40ffffff)}}, {{0, S(0x3b100000)}}, 2},
      {"AER unnormalized operands", RR(0x3a, 0, 2), {{0, S(0x43000100)}, {2, S(0x41000010)}},
       {{0, S(0x40100100)}}, 2},
      {"ADR 1 + 1/16^13", RR(0x2a, 0, 2), {{0, 0x4110000000000000}, {2, 0x3410000000000000}},
       {{0, 0x4110000000000001}}, 2},
      {"SDR", RR(0x2b, 4, 6), {{4, 0x4130000000000000}, {6, 0x4110000000000000}}, {{4, 0x4120000000000000}}, 2},
      {"AWR unnormalized long", RR(0x2e, 0, 2), {{0, 0x4110000000000000}, {2, 0xc0f0000000000000}},
       {{0, 0x4101000000000000}}, 2},
      {"SWR", RR(0x2f, 0, 2), {{0, 0x4120000000000000}, {2, 0x4110000000000000}}, {{0, 0x4110000000000000}}, 2},
      {"SUR", RR(0x3f, 0, 2), {{0, S(0x41200000)}, {2, S(0x41100000)}}, {{0, S(0x41100000)}}, 2},
      {"AE storage", RX(0x7a, 0, 0, 0, 10), {{0, S(0x41100000)}}, {{0, S(0x41300000)}}, 2, 0,
       {{kData, {0x41, 0x20, 0, 0}}}},
      {"SE storage", RX(0x7b, 0, 0, 0, 10), {{0, S(0x41100000)}}, {{0, S(0xc1100000)}}, 1, 0,
       {{kData, {0x41, 0x20, 0, 0}}}},
      {"AD storage", RX(0x6a, 0, 0, 0, 10), {{0, 0x4110000000000000}}, {{0, 0x4130000000000000}}, 2, 0,
       {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"SD storage", RX(0x6b, 0, 8, 0, 10), {{0, 0x4110000000000000}}, {{0, 0x0}}, 0, 0,
       {{kData + 8, {0x41, 0x10, 0, 0, 0, 0, 0, 0}}}},
      {"AU storage", RX(0x7e, 0, 0, 0, 10), {{0, S(0x41100000)}}, {{0, S(0x41300000)}}, 2, 0,
       {{kData, {0x41, 0x20, 0, 0}}}},
      {"SU storage", RX(0x7f, 0, 0, 0, 10), {{0, S(0x41300000)}}, {{0, S(0x41100000)}}, 2, 0,
       {{kData, {0x41, 0x20, 0, 0}}}},
      {"AW storage", RX(0x6e, 0, 0, 0, 10), {{0, 0x4110000000000000}}, {{0, 0x4130000000000000}}, 2, 0,
       {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"SW storage", RX(0x6f, 0, 0, 0, 10), {{0, 0x4130000000000000}}, {{0, 0x4110000000000000}}, 2, 0,
       {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"AXR", RR(0x36, 0, 4), {{0, 0x4110000000000000}, {2, 0x3300000000000001}, {4, 0x4110000000000000},
                                   {6, 0x3300000000000001}},
       {{0, 0x4120000000000000}, {2, 0x3300000000000002}}, 2},
      {"SXR to zero", RR(0x37, 0, 4), {{0, 0x4110000000000000}, {4, 0x4110000000000000}}, {{0, 0}, {2, 0}}, 0},
  });
}

TEST(HfpTest, AddInterruptions) {
  RunCompletingCases({
      {"AER exponent overflow wraps the characteristic", RR(0x3a, 0, 2), {{0, S(0x7f800000)}, {2, S(0x7f800000)}},
       {{0, S(0x00100000)}}, ProgramInterruptCode::kHfpExponentOverflow, 2},
      {"SER significance with the mask on keeps the characteristic", RR(0x3b, 0, 2),
       {{0, S(0x41100000)}, {2, S(0x41100000)}}, {{0, S(0x41000000)}}, ProgramInterruptCode::kHfpSignificance, 0, 1},
      {"AER underflow with the mask on", RR(0x3a, 0, 2), {{0, S(0x00100000)}, {2, S(0x80080000)}},
       {{0, S(0x7f800000)}}, ProgramInterruptCode::kHfpExponentUnderflow, 2, 2},
      {"AXR exponent overflow", RR(0x36, 0, 4), {{0, 0x7f80000000000000}, {4, 0x7f80000000000000}},
       {{0, 0x0010000000000000}, {2, 0x7200000000000000}}, ProgramInterruptCode::kHfpExponentOverflow, 2},
  });
  RunFpCases({
      {"AER underflow with the mask off: a true zero", RR(0x3a, 0, 2), {{0, S(0x00100000)}, {2, S(0x80080000)}},
       {{0, S(0)}}, 0},
      {"unnormalized add to a zero fraction, significance masked off", RR(0x3e, 0, 2),
       {{0, S(0x41100000)}, {2, S(0xc1100000)}}, {{0, S(0)}}, 0},
  });
}

// ---- Compare, sign handling --------------------------------------------------------------------------------

TEST(HfpTest, CompareAndSign) {
  RunFpCases({
      {"CER low", RR(0x39, 0, 2), {{0, S(0x41100000)}, {2, S(0x41200000)}}, {}, 1},
      {"CER high", RR(0x39, 0, 2), {{0, S(0x41200000)}, {2, S(0xc1300000)}}, {}, 2},
      {"CER unnormalized equal", RR(0x39, 0, 2), {{0, S(0x41100000)}, {2, S(0x42010000)}}, {}, 0},
      {"CER zeros of any sign and characteristic", RR(0x39, 0, 2), {{0, S(0x80000000)}, {2, S(0x45000000)}}, {}, 0},
      {"CDR", RR(0x29, 0, 2), {{0, 0x4110000000000001}, {2, 0x4110000000000000}}, {}, 2},
      {"CE storage", RX(0x79, 0, 0, 0, 10), {{0, S(0x41100000)}}, {}, 0, 0, {{kData, {0x41, 0x10, 0, 0}}}},
      {"CD storage", RX(0x69, 0, 0, 0, 10), {{0, 0xc110000000000000}}, {}, 1, 0,
       {{kData, {0x41, 0x10, 0, 0, 0, 0, 0, 0}}}},
      {"CXR", RRE2(0xb369, 0, 4), {{0, 0x4110000000000000}, {2, 0x3300000000000001}, {4, 0x4110000000000000}}, {}, 2},
      {"LPER", RR(0x30, 0, 2), {{2, S(0xc1100000, 5)}}, {{0, S(0x41100000)}}, 2},
      {"LNER", RR(0x31, 0, 2), {{2, S(0x41100000)}}, {{0, S(0xc1100000)}}, 1},
      {"LTER zero fraction keeps the characteristic", RR(0x32, 0, 2), {{2, S(0xc5000000)}}, {{0, S(0xc5000000)}}, 0},
      {"LCER", RR(0x33, 0, 2), {{2, S(0x41100000)}}, {{0, S(0xc1100000)}}, 1},
      {"LPDR", RR(0x20, 0, 2), {{2, 0xc110000000000000}}, {{0, 0x4110000000000000}}, 2},
      {"LNDR", RR(0x21, 0, 2), {{2, 0x4110000000000000}}, {{0, 0xc110000000000000}}, 1},
      {"LTDR", RR(0x22, 0, 2), {{2, 0x0}}, {{0, 0x0}}, 0},
      {"LCDR", RR(0x23, 0, 2), {{2, 0xc110000000000000}}, {{0, 0x4110000000000000}}, 2},
      {"LPXR recomputes the low part", RRE2(0xb360, 0, 4), {{4, 0xc110000000000000}, {6, 0xff00000000000007}},
       {{0, 0x4110000000000000}, {2, 0x3300000000000007}}, 2},
      {"LNXR", RRE2(0xb361, 0, 4), {{4, 0x4110000000000000}, {6, 0}}, {{0, 0xc110000000000000}, {2, 0xb300000000000000}},
       1},
      {"LTXR zero: a signed zero", RRE2(0xb362, 0, 4), {{4, 0xc500000000000000}, {6, 0x4400000000000000}},
       {{0, 0x8000000000000000}, {2, 0x8000000000000000}}, 0},
      {"LCXR", RRE2(0xb363, 0, 4), {{4, 0x4110000000000000}, {6, 0}}, {{0, 0xc110000000000000}, {2, 0xb300000000000000}},
       1},
  });
}

// ---- Multiply, divide, multiply and add ----------------------------------------------------------------------

TEST(HfpTest, MultiplyDivide) {
  RunFpCases({
      {"MEER 2 * 3", RRE2(0xb337, 0, 2), {{0, S(0x41200000, 0x77)}, {2, S(0x41300000)}}, {{0, S(0x41600000, 0x77)}}},
      {"MEER prenormalizes", RRE2(0xb337, 0, 2), {{0, S(0x42020000)}, {2, S(0x41300000)}}, {{0, S(0x41600000)}}},
      {"MEER truncates", RRE2(0xb337, 0, 2), {{0, S(0x40555555)}, {2, S(0x41300000)}}, {{0, S(0x40fffffF)}}},
      {"MDER 2 * 3 long", RR(0x3c, 0, 2), {{0, S(0x41200000)}, {2, S(0x41300000)}}, {{0, 0x4160000000000000}}},
      {"MDER keeps 12 digits", RR(0x3c, 0, 2), {{0, S(0x40555555)}, {2, S(0x41300000)}}, {{0, 0x40fffffF00000000}}},
      {"MDR", RR(0x2c, 0, 2), {{0, 0x4110000000000001}, {2, 0x4120000000000000}}, {{0, 0x4120000000000002}}},
      {"MXDR", RR(0x27, 0, 2), {{0, 0x4110000000000001}, {2, 0x4110000000000001}},
       {{0, 0x4110000000000002}, {2, 0x3300000000000010}}},
      {"MXR", RR(0x26, 0, 4), {{0, 0x4120000000000000}, {4, 0x4130000000000000}},
       {{0, 0x4160000000000000}, {2, 0x3300000000000000}}},
      {"MEE storage", RXE(0xed37, 0, 0, 0, 10), {{0, S(0x41200000)}}, {{0, S(0x41600000)}}, -1, 0,
       {{kData, {0x41, 0x30, 0, 0}}}},
      {"MDE storage", RX(0x7c, 0, 0, 0, 10), {{0, S(0x41200000)}}, {{0, 0x4160000000000000}}, -1, 0,
       {{kData, {0x41, 0x30, 0, 0}}}},
      {"MD storage", RX(0x6c, 0, 0, 0, 10), {{0, 0x4120000000000000}}, {{0, 0x4160000000000000}}, -1, 0,
       {{kData, {0x41, 0x30, 0, 0, 0, 0, 0, 0}}}},
      {"MXD storage", RX(0x67, 4, 0, 0, 10), {{4, 0x4120000000000000}}, {{4, 0x4160000000000000}, {6, 0x3300000000000000}},
       -1, 0, {{kData, {0x41, 0x30, 0, 0, 0, 0, 0, 0}}}},
      {"MEER by zero: a true zero", RRE2(0xb337, 0, 2), {{0, S(0xc1200000)}, {2, S(0x45000000)}}, {{0, S(0)}}},
      {"DER 1 / 3", RR(0x3d, 0, 2), {{0, S(0x41100000)}, {2, S(0x41300000)}}, {{0, S(0x40555555)}}},
      {"DER 6 / 2", RR(0x3d, 0, 2), {{0, S(0x41600000)}, {2, S(0xc1200000)}}, {{0, S(0xc1300000)}}},
      {"DER zero dividend", RR(0x3d, 0, 2), {{0, S(0x45000000)}, {2, S(0x41200000)}}, {{0, S(0)}}},
      {"DDR 1 / 3", RR(0x2d, 0, 2), {{0, 0x4110000000000000}, {2, 0x4130000000000000}}, {{0, 0x4055555555555555}}},
      {"DXR 1 / 3", RRE2(0xb22d, 0, 4), {{0, 0x4110000000000000}, {2, 0}, {4, 0x4130000000000000}, {6, 0}},
       {{0, 0x4055555555555555}, {2, 0x3255555555555555}}},
      {"DE storage", RX(0x7d, 0, 0, 0, 10), {{0, S(0x41600000)}}, {{0, S(0x41300000)}}, -1, 0,
       {{kData, {0x41, 0x20, 0, 0}}}},
      {"DD storage", RX(0x6d, 0, 0, 0, 10), {{0, 0x4160000000000000}}, {{0, 0x4130000000000000}}, -1, 0,
       {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"MAER 2 * 3 + 1", RRD(0xb32e, 0, 4, 2), {{0, S(0x41100000)}, {2, S(0x41300000)}, {4, S(0x41200000)}},
       {{0, S(0x41700000)}}},
      {"MSER 2 * 3 - 1", RRD(0xb32f, 0, 4, 2), {{0, S(0x41100000)}, {2, S(0x41300000)}, {4, S(0x41200000)}},
       {{0, S(0x41500000)}}},
      {"MADR", RRD(0xb33e, 0, 4, 2), {{0, 0x4110000000000000}, {2, 0x4130000000000000}, {4, 0x4120000000000000}},
       {{0, 0x4170000000000000}}},
      {"MSDR to zero: no significance exception", RRD(0xb33f, 0, 4, 2),
       {{0, 0x4160000000000000}, {2, 0x4130000000000000}, {4, 0x4120000000000000}}, {{0, 0}}, -1, 1},
      {"MAE storage", RXF(0xed2e, 0, 4, 0, 0, 10), {{0, S(0x41100000)}, {4, S(0x41200000)}}, {{0, S(0x41700000)}}, -1,
       0, {{kData, {0x41, 0x30, 0, 0}}}},
      {"MSE storage", RXF(0xed2f, 0, 4, 0, 0, 10), {{0, S(0x41100000)}, {4, S(0x41200000)}}, {{0, S(0x41500000)}}, -1,
       0, {{kData, {0x41, 0x30, 0, 0}}}},
      {"MAD storage", RXF(0xed3e, 0, 4, 0, 0, 10), {{0, 0x4110000000000000}, {4, 0x4120000000000000}},
       {{0, 0x4170000000000000}}, -1, 0, {{kData, {0x41, 0x30, 0, 0, 0, 0, 0, 0}}}},
      {"MSD storage", RXF(0xed3f, 0, 4, 0, 0, 10), {{0, 0x4110000000000000}, {4, 0x4120000000000000}},
       {{0, 0x4150000000000000}}, -1, 0, {{kData, {0x41, 0x30, 0, 0, 0, 0, 0, 0}}}},
  });
  RunCompletingCases({
      {"MEER underflow, mask on", RRE2(0xb337, 0, 2), {{0, S(0x01100000)}, {2, S(0x01100000)}}, {{0, S(0x41100000)}},
       ProgramInterruptCode::kHfpExponentUnderflow, -1, 2},
      {"MDR overflow", RR(0x2c, 0, 2), {{0, 0x7f10000000000000}, {2, 0x7f10000000000000}}, {{0, 0x3d10000000000000}},
       ProgramInterruptCode::kHfpExponentOverflow},
      {"DER overflow", RR(0x3d, 0, 2), {{0, S(0x7f800000)}, {2, S(0x01100000)}}, {{0, S(0x3f800000)}},
       ProgramInterruptCode::kHfpExponentOverflow},
  });
  RunFpCases({
      {"MEER underflow, mask off: true zero", RRE2(0xb337, 0, 2), {{0, S(0x01100000)}, {2, S(0x01100000)}}, {{0, 0}}},
  });
  ExpectSuppressed("DER by zero", RR(0x3d, 0, 2), {{0, S(0x41100000)}, {2, S(0x45000000)}},
                   ProgramInterruptCode::kHfpDivide);
  ExpectSuppressed("DXR by zero", RRE2(0xb22d, 0, 4), {{0, 0x4110000000000000}, {4, 0}, {6, 0}},
                   ProgramInterruptCode::kHfpDivide);
}

TEST(HfpTest, MultiplyUnnormalized) {
  // (1 + 16^-13) * 2 = 0x02000000000000 20000000000000 (28 digits) with characteristic 65 + 65 - 64.
  const std::vector<std::pair<int, uint64_t>> ops = {{4, 0x4110000000000001}, {6, 0x4120000000000000}};
  auto with = [&](std::vector<std::pair<int, uint64_t>> extra) {
    extra.insert(extra.end(), ops.begin(), ops.end());
    return extra;
  };
  RunFpCases({
      {"MYR", RRD(0xb33b, 0, 4, 6), ops, {{0, 0x4202000000000000}, {2, 0x3420000000000000}}},
      {"MYHR", RRD(0xb33d, 1, 4, 6), ops, {{1, 0x4202000000000000}}},
      {"MYLR", RRD(0xb339, 1, 4, 6), ops, {{1, 0x3420000000000000}}},
      {"MY storage", RXF(0xed3b, 0, 4, 0, 0, 10), {{4, 0x4110000000000001}}, {{0, 0x4202000000000000},
       {2, 0x3420000000000000}}, -1, 0, {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"MYH storage", RXF(0xed3d, 8, 4, 0, 0, 10), {{4, 0x4110000000000001}}, {{8, 0x4202000000000000}}, -1, 0,
       {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"MYL storage", RXF(0xed39, 8, 4, 0, 0, 10), {{4, 0x4110000000000001}}, {{8, 0x3420000000000000}}, -1, 0,
       {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"MAYR adds the aligned addend", RRD(0xb33a, 0, 4, 6), with({{0, 0x4110000000000000}}),
       {{0, 0x4203000000000000}, {2, 0x3420000000000000}}},
      {"MAYR names either register of the pair", RRD(0xb33a, 2, 4, 6), with({{2, 0x4110000000000000}}),
       {{0, 0x4203000000000000}, {2, 0x3420000000000000}}},
      {"MAYHR", RRD(0xb33c, 8, 4, 6), with({{8, 0x4110000000000000}}), {{8, 0x4203000000000000}}},
      {"MAYLR", RRD(0xb338, 8, 4, 6), with({{8, 0x4110000000000000}}), {{8, 0x3420000000000000}}},
      {"MAY storage", RXF(0xed3a, 0, 4, 0, 0, 10), {{0, 0x4110000000000000}, {4, 0x4110000000000001}},
       {{0, 0x4203000000000000}, {2, 0x3420000000000000}}, -1, 0, {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"MAYH storage", RXF(0xed3c, 0, 4, 0, 0, 10), {{0, 0x4110000000000000}, {4, 0x4110000000000001}},
       {{0, 0x4203000000000000}}, -1, 0, {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      {"MAYL storage", RXF(0xed38, 0, 4, 0, 0, 10), {{0, 0x4110000000000000}, {4, 0x4110000000000001}},
       {{0, 0x3420000000000000}}, -1, 0, {{kData, {0x41, 0x20, 0, 0, 0, 0, 0, 0}}}},
      // 2 * 16^26 - (16^12 + a lost 16^-1): truncated, the lost digit borrows one.
      {"MAYR subtracts with digits lost on the right", RRD(0xb33a, 0, 4, 6),
       {{0, 0xb310000000000001}, {4, 0x4120000000000000}, {6, 0x4110000000000000}},
       {{0, 0x4201ffffffffffff}, {2, 0x34feffffffffffff}}},
      {"MAYR to zero: positive", RRD(0xb33a, 0, 4, 6),
       {{0, 0xc120000000000000}, {4, 0x4120000000000000}, {6, 0x4110000000000000}},
       {{0, 0x4200000000000000}, {2, 0x3400000000000000}}},
  });
  ExpectSuppressed("MYR with an invalid pair", RRD(0xb33b, 2, 4, 6), ops, ProgramInterruptCode::kSpecification);
}

// ---- Halve, square root ----------------------------------------------------------------------------------------

TEST(HfpTest, HalveAndSquareRoot) {
  RunFpCases({
      {"HER 1 -> 0.5", RR(0x34, 0, 2), {{2, S(0x41100000)}}, {{0, S(0x40800000)}}},
      {"HER normalizes", RR(0x34, 0, 2), {{2, S(0x40100000)}}, {{0, S(0x3f800000)}}},
      {"HER truncates the last bit", RR(0x34, 0, 2), {{2, S(0xc1300001)}}, {{0, S(0xc1180000)}}},
      {"HDR", RR(0x24, 0, 2), {{2, 0x4130000000000000}}, {{0, 0x4118000000000000}}},
      {"HER of a zero: true zero", RR(0x34, 0, 2), {{2, S(0xc4000000)}}, {{0, S(0)}}},
      {"SQER 4", RRE2(0xb245, 0, 2), {{2, S(0x41400000)}}, {{0, S(0x41200000)}}},
      {"SQER 16", RRE2(0xb245, 0, 2), {{2, S(0x42100000)}}, {{0, S(0x41400000)}}},
      {"SQER 2", RRE2(0xb245, 0, 2), {{2, S(0x41200000)}}, {{0, S(0x4116a09e)}}},
      {"SQDR 2 rounds", RRE2(0xb244, 0, 2), {{2, 0x4120000000000000}}, {{0, 0x4116a09e667f3bcd}}},
      {"SQXR 2", RRE2(0xb336, 0, 4), {{4, 0x4120000000000000}, {6, 0}},
       {{0, 0x4116a09e667f3bcc}, {2, 0x33908b2fb1366ea9}}},
      {"SQER of a negative zero", RRE2(0xb245, 0, 2), {{2, S(0xc5000000)}}, {{0, S(0)}}},
      {"SQE storage", RXE(0xed34, 0, 0, 0, 10), {}, {{0, S(0x41300000)}}, -1, 0, {{kData, {0x41, 0x90, 0, 0}}}},
      {"SQD storage", RXE(0xed35, 0, 0, 0, 10), {}, {{0, 0x4130000000000000}}, -1, 0,
       {{kData, {0x41, 0x90, 0, 0, 0, 0, 0, 0}}}},
  });
  RunCompletingCases({
      {"HER underflow, mask on", RR(0x34, 0, 2), {{2, S(0x00100000)}}, {{0, S(0x7f800000)}},
       ProgramInterruptCode::kHfpExponentUnderflow, -1, 2},
  });
  ExpectSuppressed("SQER of a negative number", RRE2(0xb245, 0, 2), {{0, S(0x41100000)}, {2, S(0xc1400000)}},
                   ProgramInterruptCode::kHfpSquareRoot);
}

// ---- Rounding, lengthening, integer ----------------------------------------------------------------------------

TEST(HfpTest, LoadRoundedLengthenedInteger) {
  RunFpCases({
      {"LEDR rounds up", RR(0x35, 0, 2), {{0, S(0, 0x55)}, {2, 0x4110000080000000}}, {{0, S(0x41100001, 0x55)}}},
      {"LEDR rounds down", RR(0x35, 0, 2), {{2, 0x411000007fffffff}}, {{0, S(0x41100000)}}},
      {"LEDR carry", RR(0x35, 0, 2), {{2, 0xc1ffffff80000000}}, {{0, S(0xc2100000)}}},
      {"LDXR", RR(0x25, 0, 4), {{4, 0x4110000000000000}, {6, 0x3380000000000000}}, {{0, 0x4110000000000001}}},
      {"LEXR", RRE2(0xb366, 0, 4), {{4, 0x41100000ffffffff}, {6, 0}}, {{0, S(0x41100001)}}},
      {"LDER", RRE2(0xb324, 0, 2), {{0, 0x1234}, {2, S(0x41100000, 0x99)}}, {{0, 0x4110000000000000}}},
      {"LDE", RXE(0xed24, 0, 0, 0, 10), {{0, 0x1234}}, {{0, 0x4110000000000000}}, -1, 0, {{kData, {0x41, 0x10, 0, 0}}}},
      {"LXDR", RRE2(0xb325, 0, 2), {{2, 0xc110000000000001}}, {{0, 0xc110000000000001}, {2, 0xb300000000000000}}},
      {"LXDR zero", RRE2(0xb325, 0, 2), {{2, 0xc500000000000000}}, {{0, 0x8000000000000000}, {2, 0x8000000000000000}}},
      {"LXD", RXE(0xed25, 4, 0, 0, 10), {}, {{4, 0x4110000000000000}, {6, 0x3300000000000000}}, -1, 0,
       {{kData, {0x41, 0x10, 0, 0, 0, 0, 0, 0}}}},
      {"LXER", RRE2(0xb326, 0, 2), {{2, S(0x41100000, 0x77)}}, {{0, 0x4110000000000000}, {2, 0x3300000000000000}}},
      {"LXE", RXE(0xed26, 0, 0, 0, 10), {}, {{0, 0x4110000000000000}, {2, 0x3300000000000000}}, -1, 0,
       {{kData, {0x41, 0x10, 0, 0}}}},
      {"FIER 2.5", RRE2(0xb377, 0, 2), {{2, S(0x41280000)}}, {{0, S(0x41200000)}}},
      {"FIER -0.5", RRE2(0xb377, 0, 2), {{2, S(0xc0800000)}}, {{0, S(0)}}},
      {"FIDR large stays", RRE2(0xb37f, 0, 2), {{2, 0x4f01000000000000}}, {{0, 0x4e10000000000000}}},
      {"FIDR", RRE2(0xb37f, 0, 2), {{2, 0xc1f8000000000000}}, {{0, 0xc1f0000000000000}}},
      {"FIXR", RRE2(0xb367, 0, 4), {{4, 0x4212345678000000}, {6, 0}}, {{0, 0x4212000000000000}, {2, 0x3400000000000000}}},
  });
  RunCompletingCases({
      {"LEDR overflow", RR(0x35, 0, 2), {{2, 0x7fffffff80000000}}, {{0, S(0x00100000)}},
       ProgramInterruptCode::kHfpExponentOverflow},
  });
}

// ---- Conversions to and from fixed --------------------------------------------------------------------------

TEST(HfpTest, ConvertFromFixed) {
  const struct {
    const char* name;
    Bytes insn;
    uint64_t gr;
    std::vector<std::pair<int, uint64_t>> out;
  } cases[] = {
      {"CEFR 1", RRE2(0xb3b4, 0, 1), 1, {{0, S(0x41100000)}}},
      {"CEFR -16", RRE2(0xb3b4, 0, 1), 0xfffffff0, {{0, S(0xc2100000)}}},
      {"CEFR truncates", RRE2(0xb3b4, 0, 1), 0x7fffffff, {{0, S(0x487fffff)}}},
      {"CEFR zero", RRE2(0xb3b4, 0, 1), 0xffffffff00000000ull, {{0, S(0)}}},
      {"CDFR", RRE2(0xb3b5, 0, 1), 0x80000000, {{0, 0xc880000000000000}}},
      {"CXFR", RRE2(0xb3b6, 0, 1), 255, {{0, 0x42ff000000000000}, {2, 0x3400000000000000}}},
      {"CEGR", RRE2(0xb3c4, 0, 1), 0x7fffffffffffffff, {{0, S(0x507fffff)}}},
      {"CDGR truncates", RRE2(0xb3c5, 0, 1), 0x7fffffffffffffff, {{0, 0x507fffffffffffff}}},
      {"CXGR exact", RRE2(0xb3c6, 0, 1), 0x7fffffffffffffff, {{0, 0x507fffffffffffff}, {2, 0x42ff000000000000}}},
      {"CXGR minimum", RRE2(0xb3c6, 0, 1), 0x8000000000000000, {{0, 0xd080000000000000}, {2, 0xc200000000000000}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    HfpTester t;
    t.SetGr(1, c.gr);
    t.SetCc(1);
    const InsnResult r = t.Run(c.insn);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, 1);
    for (const auto& [reg, v] : c.out) EXPECT_EQ(t.Fpr(reg), v) << std::hex << t.Fpr(reg);
  }
}

TEST(HfpTest, ConvertToFixed) {
  const struct {
    const char* name;
    Bytes insn;
    std::vector<std::pair<int, uint64_t>> in;
    uint64_t gr;
    int cc;
  } cases[] = {
      {"CFDR 2.5 toward zero", RRFe(0xb3b9, 1, 5, 2), {{2, 0x4128000000000000}}, 0xffffffff00000002ull, 2},
      {"CFDR 2.5 M3 0", RRFe(0xb3b9, 1, 0, 2), {{2, 0x4128000000000000}}, 0xffffffff00000002ull, 2},
      {"CFDR 2.5 nearest away", RRFe(0xb3b9, 1, 1, 2), {{2, 0x4128000000000000}}, 0xffffffff00000003ull, 2},
      {"CFDR 2.5 nearest even", RRFe(0xb3b9, 1, 4, 2), {{2, 0x4128000000000000}}, 0xffffffff00000002ull, 2},
      {"CFDR 3.5 nearest even", RRFe(0xb3b9, 1, 4, 2), {{2, 0x4138000000000000}}, 0xffffffff00000004ull, 2},
      {"CFDR 2.5 up", RRFe(0xb3b9, 1, 6, 2), {{2, 0x4128000000000000}}, 0xffffffff00000003ull, 2},
      {"CFDR -2.5 down", RRFe(0xb3b9, 1, 7, 2), {{2, 0xc128000000000000}}, 0xfffffffffffffffdull, 1},
      {"CFDR -2.5 toward zero", RRFe(0xb3b9, 1, 5, 2), {{2, 0xc128000000000000}}, 0xfffffffffffffffeull, 1},
      {"CFDR 0.01 up", RRFe(0xb3b9, 1, 6, 2), {{2, 0x3f28f5c28f5c28f5}}, 0xffffffff00000001ull, 2},
      {"CFDR 0.01 nearest", RRFe(0xb3b9, 1, 1, 2), {{2, 0x3f28f5c28f5c28f5}}, 0xffffffff00000000ull, 2},
      {"CFDR zero", RRFe(0xb3b9, 1, 1, 2), {{2, 0xc500000000000000}}, 0xffffffff00000000ull, 0},
      {"CFDR 2^31 overflows", RRFe(0xb3b9, 1, 5, 2), {{2, 0x4880000000000000}}, 0xffffffff7fffffffull, 3},
      {"CFDR -2^31 fits", RRFe(0xb3b9, 1, 5, 2), {{2, 0xc880000000000000}}, 0xffffffff80000000ull, 1},
      {"CFDR rounding overflows", RRFe(0xb3b9, 1, 6, 2), {{2, 0x487fffffff800000}}, 0xffffffff7fffffffull, 3},
      {"CFER", RRFe(0xb3b8, 1, 5, 2), {{2, S(0x42100000)}}, 0xffffffff00000010ull, 2},
      {"CFXR", RRFe(0xb3ba, 1, 5, 4), {{4, 0x4210000000000000}, {6, 0}}, 0xffffffff00000010ull, 2},
      {"CGDR", RRFe(0xb3c9, 1, 5, 2), {{2, 0xc910000000000000}}, 0xffffffff00000000ull, 1},
      {"CGDR overflow", RRFe(0xb3c9, 1, 5, 2), {{2, 0x5110000000000000}}, 0x7fffffffffffffffull, 3},
      {"CGER", RRFe(0xb3c8, 1, 5, 2), {{2, S(0x41100000)}}, 1, 2},
      {"CGXR -2^63", RRFe(0xb3ca, 1, 5, 4), {{4, 0xd080000000000000}, {6, 0}}, 0x8000000000000000ull, 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    HfpTester t;
    for (const auto& [reg, v] : c.in) t.SetFpr(reg, v);
    t.SetGr(1, 0xffffffffffffffffull);
    const InsnResult r = t.Run(c.insn);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, c.cc);
    EXPECT_EQ(t.gr(1), c.gr) << std::hex << t.gr(1);
  }
  ExpectSuppressed("CFDR M3 2", RRFe(0xb3b9, 1, 2, 2), {{2, 0x4110000000000000}}, ProgramInterruptCode::kSpecification);
  ExpectSuppressed("CGDR M3 8", RRFe(0xb3c9, 1, 8, 2), {{2, 0x4110000000000000}}, ProgramInterruptCode::kSpecification);
}

// ---- HFP <-> BFP ---------------------------------------------------------------------------------------------

TEST(HfpTest, ConvertBfpToHfp) {
  RunFpCases({
      {"THDR 1.0", RRE2(0xb359, 0, 2), {{2, 0x3ff0000000000000}}, {{0, 0x4110000000000000}}, 2},
      {"THDR -0.1", RRE2(0xb359, 0, 2), {{2, 0xbfb999999999999a}}, {{0, 0xc01999999999999a}}, 1},
      {"THDR -0", RRE2(0xb359, 0, 2), {{2, 0x8000000000000000}}, {{0, 0x8000000000000000}}, 0},
      {"THDR +inf", RRE2(0xb359, 0, 2), {{2, 0x7ff0000000000000}}, {{0, 0x7fffffffffffffff}}, 3},
      {"THDR -inf", RRE2(0xb359, 0, 2), {{2, 0xfff0000000000000}}, {{0, 0xffffffffffffffff}}, 3},
      {"THDR NaN", RRE2(0xb359, 0, 2), {{2, 0xfff8000000000001}}, {{0, 0x7fffffffffffffff}}, 3},
      {"THDR above the range", RRE2(0xb359, 0, 2), {{2, 0x7e37e43c8800759c}}, {{0, 0x7fffffffffffffff}}, 3},
      {"THDR below the range", RRE2(0xb359, 0, 2), {{2, 0x81a56e1fc2f8f359}}, {{0, 0x8000000000000000}}, 1},
      {"THDER 1.5", RRE2(0xb358, 0, 2), {{2, S(0x3fc00000)}}, {{0, 0x4118000000000000}}, 2},
      {"THDER smallest subnormal", RRE2(0xb358, 0, 2), {{2, S(0x00000001)}}, {{0, 0x1b80000000000000}}, 2},
  });
}

TEST(HfpTest, ConvertHfpToBfp) {
  RunFpCases({
      {"TBDR 1.0", RRFe(0xb351, 0, 0, 2), {{2, 0x4110000000000000}}, {{0, 0x3ff0000000000000}}, 2},
      {"TBDR -0", RRFe(0xb351, 0, 0, 2), {{2, 0xc500000000000000}}, {{0, 0x8000000000000000}}, 0},
      {"TBEDR 1/3 nearest even", RRFe(0xb350, 0, 4, 2), {{0, 0x12345678}, {2, 0x4055555555555555}},
       {{0, S(0x3eaaaaab, 0x12345678)}}, 2},
      {"TBEDR 1/3 toward zero", RRFe(0xb350, 0, 5, 2), {{2, 0x4055555555555555}}, {{0, S(0x3eaaaaaa)}}, 2},
      {"TBEDR 1/3 M3 0", RRFe(0xb350, 0, 0, 2), {{2, 0x4055555555555555}}, {{0, S(0x3eaaaaaa)}}, 2},
      {"TBEDR -1/3 down", RRFe(0xb350, 0, 7, 2), {{2, 0xc055555555555555}}, {{0, S(0xbeaaaaab)}}, 1},
      {"TBEDR overflow toward zero: largest", RRFe(0xb350, 0, 5, 2), {{2, 0x7f10000000000000}}, {{0, S(0x7f7fffff)}}, 3},
      {"TBEDR overflow up: infinity", RRFe(0xb350, 0, 6, 2), {{2, 0x7f10000000000000}}, {{0, S(0x7f800000)}}, 3},
      {"TBEDR subnormal", RRFe(0xb350, 0, 5, 2), {{2, 0x1b80000000000000}}, {{0, S(0x00000001)}}, 2},
      {"TBEDR underflow to zero keeps the CC", RRFe(0xb350, 0, 5, 2), {{2, 0x0110000000000000}}, {{0, S(0)}}, 2},
      {"TBDR 0.1 (HFP) nearest", RRFe(0xb351, 0, 4, 2), {{2, 0x401999999999999a}}, {{0, 0x3fb999999999999a}}, 2},
  });
  ExpectSuppressed("TBDR M3 3", RRFe(0xb351, 0, 3, 2), {{2, 0x4110000000000000}}, ProgramInterruptCode::kSpecification);
}

// ---- Register rules --------------------------------------------------------------------------------------------

TEST(HfpTest, RegisterPairsAndAfpControl) {
  ExpectSuppressed("AXR with an invalid pair", RR(0x36, 2, 4), {{2, 0x4110000000000000}},
                   ProgramInterruptCode::kSpecification);
  ExpectSuppressed("LXDR into an invalid pair", RRE2(0xb325, 6, 0), {{0, 0x4110000000000000}},
                   ProgramInterruptCode::kSpecification);
  ExpectSuppressed("AER with FPR 1 and the AFP control off", RR(0x3a, 1, 0), {{0, S(0x41100000)}},
                   ProgramInterruptCode::kData, /*afp=*/false);
  // FPRs 0, 2, 4, 6 work without the AFP-register control.
  HfpTester t;
  t.state().cr[0] = 0;
  t.SetFpr(4, S(0x41100000));
  t.SetFpr(6, S(0x41100000));
  const InsnResult r = t.Run(RR(0x3a, 4, 6));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.Fpr(4), S(0x41200000));
}

}  // namespace
}  // namespace s390vmm::interp::testing
