// Decimal instructions run on a real Interpreter (user mode): packed-decimal arithmetic with its CCs,
// signs, overflow and the decimal-overflow/-divide and data exceptions, SRP, TP, PACK/UNPK (also
// overlapping), ED/EDMK, and CVB/CVD in their 32- and 64-bit forms.
#include <cstdint>
#include <string>
#include <vector>

#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kA = 0x20000;  // first operand (r10)
constexpr uint64_t kB = 0x20100;  // second operand (r11)
constexpr uint8_t kMaskDecimalOverflow = 4;  // PSW program-mask bit 21

Bytes SSb(uint8_t op, int l1, int d1, int b1, int l2, int d2, int b2) {
  return {op, static_cast<uint8_t>(l1 << 4 | l2), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}
Bytes SSa(uint8_t op, int l, int d1, int b1, int d2, int b2) {
  return {op, static_cast<uint8_t>(l), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)), static_cast<uint8_t>(d1),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}
Bytes SSc(int l1, int i3, int d1, int b1, int d2, int b2) {
  Bytes b = SSb(0xf0, l1, d1, b1, i3, d2, b2);
  return b;
}
Bytes RSLa(int l1, int d1, int b1) {
  return {0xeb, static_cast<uint8_t>(l1 << 4), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1), 0, 0xc0};
}

// AP/SP/ZAP/... with the first operand at kA (length = a.size()) and the second at kB.
Bytes Arith(uint8_t op, size_t la, size_t lb) {
  return SSb(op, static_cast<int>(la - 1), 0, 10, static_cast<int>(lb - 1), 0, 11);
}

struct DecCase {
  std::string name;
  uint8_t op;
  Bytes a, b;
  Bytes out;  // first operand after
  int cc;     // -1: unchanged (the test starts with CC 1)
};

TEST(DecimalTest, ArithmeticResultsSignsAndConditionCodes) {
  const std::vector<DecCase> cases = {
      {"AP", 0xfa, {0x01, 0x2c}, {0x03, 0x4c}, {0x04, 0x6c}, 2},
      {"AP to negative", 0xfa, {0x01, 0x2c}, {0x03, 0x4d}, {0x02, 0x2d}, 1},
      {"AP zero is positive", 0xfa, {0x01, 0x2c}, {0x01, 0x2d}, {0x00, 0x0c}, 0},
      {"AP preferred signs", 0xfa, {0x01, 0x2f}, {0x1a}, {0x01, 0x3c}, 2},
      {"AP longer second operand", 0xfa, {0x00, 0x00, 0x1c}, {0x00, 0x00, 0x99, 0x9c}, {0x01, 0x00, 0x0c}, 2},
      {"AP overflow", 0xfa, {0x99, 0x9c}, {0x00, 0x1c}, {0x00, 0x0c}, 3},
      {"AP overflow keeps the sign of a zero", 0xfa, {0x99, 0x9d}, {0x1d}, {0x00, 0x0d}, 3},
      {"SP", 0xfb, {0x00, 0x5c}, {0x7c}, {0x00, 0x2d}, 1},
      {"SP -0", 0xfb, {0x00, 0x5d}, {0x5d}, {0x00, 0x0c}, 0},
      {"ZAP", 0xf8, {0xff, 0xff, 0xff}, {0x12, 0x3b}, {0x00, 0x12, 0x3d}, 1},
      {"ZAP -0 becomes +0", 0xf8, {0x55, 0x55}, {0x0d}, {0x00, 0x0c}, 0},
      {"ZAP overflow", 0xf8, {0x00}, {0x12, 0x3c}, {0x3c}, 3},
      {"CP high", 0xf9, {0x01, 0x2c}, {0x01, 0x2d}, {0x01, 0x2c}, 2},
      {"CP -0 = +0", 0xf9, {0x00, 0x0d}, {0x0c}, {0x00, 0x0d}, 0},
      {"CP low", 0xf9, {0x99, 0x9d}, {0x00, 0x1d}, {0x99, 0x9d}, 1},
      {"MP", 0xfc, {0x00, 0x01, 0x2c}, {0x3d}, {0x00, 0x03, 0x6d}, -1},
      {"MP zero keeps the algebraic sign", 0xfc, {0x00, 0x00, 0x0c}, {0x5d}, {0x00, 0x00, 0x0d}, -1},
      {"DP", 0xfd, {0x00, 0x01, 0x23, 0x4c}, {0x00, 0x7c}, {0x17, 0x6c, 0x00, 0x2c}, -1},
      {"DP negative dividend", 0xfd, {0x00, 0x01, 0x23, 0x4d}, {0x00, 0x7c}, {0x17, 0x6d, 0x00, 0x2d}, -1},
      {"DP negative divisor", 0xfd, {0x00, 0x01, 0x23, 0x4c}, {0x00, 0x7d}, {0x17, 0x6d, 0x00, 0x2c}, -1},
  };
  for (const DecCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetGr(10, kA);
    t.SetGr(11, kB);
    t.Put(kA, c.a);
    t.Put(kB, c.b);
    t.SetCc(1);
    const InsnResult r = t.Run(Arith(c.op, c.a.size(), c.b.size()));
    ASSERT_TRUE(r.completed) << static_cast<int>(r.code);
    EXPECT_EQ(t.Get(kA, c.out.size()), c.out);
    EXPECT_EQ(r.cc, c.cc < 0 ? 1 : c.cc);
  }
}

TEST(DecimalTest, LargeMultiplyAndDivide) {
  // 15 nines times 15 nines fills 30 of the 31 digits.
  InsnTester t;
  t.SetGr(10, kA);
  t.SetGr(11, kB);
  Bytes a(16, 0);
  for (int i = 8; i < 15; ++i) a[i] = 0x99;
  a[15] = 0x9c;  // 15 nines
  t.Put(kA, a);
  t.Put(kB, Bytes{0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9d});  // -15 nines
  ASSERT_TRUE(t.Run(Arith(0xfc, 16, 8)).completed);
  // (10^15 - 1)^2 = 999999999999998000000000000001
  EXPECT_EQ(t.Get(kA, 16), (Bytes{0x09, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x98, 0x00, 0x00, 0x00, 0x00, 0x00,
                                  0x00, 0x00, 0x1d}));
  // Divide it back: quotient (8 bytes) -999999999999999 -> +, remainder 0 with the dividend's sign (-).
  ASSERT_TRUE(t.Run(Arith(0xfd, 16, 8)).completed);
  EXPECT_EQ(t.Get(kA, 16), (Bytes{0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9c, 0x00, 0x00, 0x00, 0x00, 0x00,
                                  0x00, 0x00, 0x0d}));
}

TEST(DecimalTest, OverlappingOperandsWithCoincidentRightmostBytes) {
  InsnTester t;
  t.SetGr(10, kA);
  t.Put(kA, Bytes{0x02, 0x5c});
  ASSERT_TRUE(t.Run(SSb(0xfa, 1, 0, 10, 1, 0, 10)).completed);  // AP 0(2,10),0(2,10)
  EXPECT_EQ(t.Get(kA, 2), (Bytes{0x05, 0x0c}));
  ASSERT_TRUE(t.Run(SSb(0xfb, 1, 0, 10, 0, 1, 10)).completed);  // SP 0(2,10),1(1,10): 50 - 0
  EXPECT_EQ(t.Get(kA, 2), (Bytes{0x05, 0x0c}));
}

struct DecException {
  std::string name;
  Bytes insn;
  Bytes a, b;
  ProgramInterruptCode code;
  uint8_t program_mask = 0;
  bool stores = false;  // completes (result stored) before the interruption
  Bytes out = {};
};

TEST(DecimalTest, Exceptions) {
  const std::vector<DecException> cases = {
      {"AP invalid digit", Arith(0xfa, 2, 1), {0x0a, 0x1c}, {0x1c}, ProgramInterruptCode::kData},
      {"AP invalid sign", Arith(0xfa, 2, 1), {0x01, 0x2c}, {0x13}, ProgramInterruptCode::kData},
      {"AP sign in a digit position", Arith(0xfa, 2, 1), {0x0c, 0x1c}, {0x1c}, ProgramInterruptCode::kData},
      {"CP invalid", Arith(0xf9, 2, 1), {0x01, 0x22}, {0x1c}, ProgramInterruptCode::kData},
      {"ZAP invalid source", Arith(0xf8, 2, 1), {0x00, 0x0c}, {0xcc}, ProgramInterruptCode::kData},
      {"AP decimal overflow enabled", Arith(0xfa, 1, 1), {0x9c}, {0x1c}, ProgramInterruptCode::kDecimalOverflow,
       kMaskDecimalOverflow, true, {0x0c}},
      {"SRP overflow enabled", SSc(0, 0, 0, 10, 1, 0), {0x1c}, {}, ProgramInterruptCode::kDecimalOverflow,
       kMaskDecimalOverflow, true, {0x0c}},
      {"MP L2 >= L1", Arith(0xfc, 2, 2), {0x00, 0x1c}, {0x00, 0x1c}, ProgramInterruptCode::kSpecification},
      {"MP L2 > 7", Arith(0xfc, 16, 9), Bytes(16, 0), Bytes(9, 0), ProgramInterruptCode::kSpecification},
      {"MP too few leading zeros", Arith(0xfc, 3, 1), {0x01, 0x23, 0x4c}, {0x2c}, ProgramInterruptCode::kData},
      {"DP by zero", Arith(0xfd, 3, 1), {0x00, 0x12, 0x3c}, {0x0c}, ProgramInterruptCode::kDecimalDivide},
      {"DP quotient too large", Arith(0xfd, 4, 2), {0x09, 0x99, 0x99, 0x9c}, {0x00, 0x1c},
       ProgramInterruptCode::kDecimalDivide},
      {"SRP invalid rounding digit", SSc(1, 0xa, 0, 10, 0x3f, 0), {0x12, 0x3c}, {}, ProgramInterruptCode::kData},
      {"ED invalid source digit", SSa(0xde, 2, 0, 10, 0, 11), {0x40, 0x20, 0x20}, {0xa1}, ProgramInterruptCode::kData},
  };
  for (const DecException& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetGr(10, kA);
    t.SetGr(11, kB);
    t.Put(kA, c.a);
    t.Put(kB, c.b);
    t.SetProgramMask(c.program_mask);
    t.SetCc(1);
    const InsnResult r = t.Run(c.insn);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, c.code);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(r.psw_address, InsnTester::kCode + 6);
    if (c.stores) {
      EXPECT_EQ(t.Get(kA, c.out.size()), c.out);
      EXPECT_EQ(r.cc, 3);
    } else {
      EXPECT_EQ(t.Get(kA, c.a.size()), c.a) << "suppressed: storage unchanged";
      EXPECT_EQ(r.cc, 1);
    }
  }
}

TEST(DecimalTest, AccessExceptionsAndPageCrossing) {
  InsnTester t;
  // A 3-byte operand crossing into the next page.
  t.SetGr(10, kA + 0xffe);
  t.SetGr(11, kB);
  t.Put(kA + 0xffe, Bytes{0x00, 0x01, 0x9c});
  t.Put(kB, Bytes{0x1c});
  ASSERT_TRUE(t.Run(Arith(0xfa, 3, 1)).completed);
  EXPECT_EQ(t.Get(kA + 0xffe, 3), (Bytes{0x00, 0x02, 0x0c}));
  // The second operand beyond the end of memory: addressing, nothing stored.
  t.SetGr(11, InsnTester::kMemorySize - 1);
  const InsnResult r = t.Run(Arith(0xfa, 3, 2));
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(t.Get(kA + 0xffe, 3), (Bytes{0x00, 0x02, 0x0c}));
}

TEST(DecimalTest, ShiftAndRoundDecimal) {
  struct SrpCase {
    Bytes in;
    int shift;  // second-operand address (bits 58-63: a signed 6-bit amount)
    int round;
    Bytes out;
    int cc;
  };
  const SrpCase cases[] = {
      {{0x00, 0x12, 0x34, 0x5c}, 2, 0, {0x12, 0x34, 0x50, 0x0c}, 2},
      {{0x00, 0x12, 0x34, 0x5c}, 0x3f, 5, {0x00, 0x01, 0x23, 0x5c}, 2},  // right 1, rounded
      {{0x00, 0x12, 0x34, 0x4d}, 0x3f, 5, {0x00, 0x01, 0x23, 0x4d}, 1},
      {{0x00, 0x12, 0x34, 0x5c}, 0x3e, 0, {0x00, 0x00, 0x12, 0x3c}, 2},  // right 2, truncated
      {{0x00, 0x00, 0x00, 0x4d}, 0x3f, 0, {0x00, 0x00, 0x00, 0x0c}, 0},  // -0 becomes +0
      {{0x00, 0x00, 0x00, 0x5d}, 0x3f, 5, {0x00, 0x00, 0x00, 0x1d}, 1},
      {{0x12, 0x34, 0x56, 0x7c}, 1, 0, {0x23, 0x45, 0x67, 0x0c}, 3},     // overflow
      {{0x00, 0x12, 0x34, 0x5c}, 0x40 + 1, 0, {0x01, 0x23, 0x45, 0x0c}, 2},  // only bits 58-63 count
      {{0x12, 0x34, 0x56, 0x7d}, 0x20, 0, {0x00, 0x00, 0x00, 0x0c}, 0},  // right 32
      {{0x00, 0x00, 0x00, 0x0c}, 31, 0, {0x00, 0x00, 0x00, 0x0c}, 0},   // zero shifted left: no overflow
  };
  for (const SrpCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << "shift " << c.shift);
    InsnTester t;
    t.SetGr(10, kA);
    t.Put(kA, c.in);
    const InsnResult r = t.Run(SSc(3, c.round, 0, 10, c.shift, 0));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.Get(kA, 4), c.out);
    EXPECT_EQ(r.cc, c.cc);
  }
}

TEST(DecimalTest, TestDecimal) {
  const std::pair<Bytes, int> cases[] = {
      {{0x01, 0x23, 0x4c}, 0}, {{0x01, 0x23, 0x49}, 1}, {{0x0a, 0x23, 0x4c}, 2},
      {{0x01, 0x2c, 0x45}, 3}, {{0x0f}, 0},             {{0xff}, 2},
  };
  // TEST DECIMAL came with the extended-translation facility 2 (bit 16).
  static const CpuModel* model = new CpuModel("tp-test", 0x8561, "TP test", {0, 1, 2, 7, 16, 18, 34});
  for (const auto& [bytes, cc] : cases) {
    InsnTester t(*model);
    t.SetGr(10, kA);
    t.Put(kA, bytes);
    const InsnResult r = t.Run(RSLa(static_cast<int>(bytes.size() - 1), 0, 10));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, cc);
  }
}

TEST(DecimalTest, PackAndUnpack) {
  InsnTester t;
  t.SetGr(10, kA);
  t.SetGr(11, kB);
  t.Put(kB, Bytes{0xf1, 0xf2, 0xf3, 0xc4});
  ASSERT_TRUE(t.Run(SSb(0xf2, 2, 0, 10, 3, 0, 11)).completed);  // PACK 0(3,10),0(4,11)
  EXPECT_EQ(t.Get(kA, 3), (Bytes{0x01, 0x23, 0x4c}));
  ASSERT_TRUE(t.Run(SSb(0xf2, 1, 0, 10, 3, 0, 11)).completed);  // short first operand: excess ignored
  EXPECT_EQ(t.Get(kA, 2), (Bytes{0x23, 0x4c}));
  // PACK of a field onto itself works right to left.
  t.Put(kA, Bytes{0xf1, 0xc2});
  ASSERT_TRUE(t.Run(SSb(0xf2, 1, 0, 10, 1, 0, 10)).completed);
  EXPECT_EQ(t.Get(kA, 2), (Bytes{0x01, 0x2c}));
  // UNPK: zones F, sign and digit swapped in the rightmost byte, zero digits to the left.
  t.Put(kB, Bytes{0x01, 0x23, 0x4d});
  ASSERT_TRUE(t.Run(SSb(0xf3, 6, 0, 10, 2, 0, 11)).completed);
  EXPECT_EQ(t.Get(kA, 7), (Bytes{0xf0, 0xf0, 0xf0, 0xf1, 0xf2, 0xf3, 0xd4}));
  // Nothing is checked: invalid codes pass through.
  t.Put(kB, Bytes{0xab});
  ASSERT_TRUE(t.Run(SSb(0xf3, 1, 0, 10, 0, 0, 11)).completed);
  EXPECT_EQ(t.Get(kA, 2), (Bytes{0xf0, 0xba}));
}

TEST(DecimalTest, EditAndEditAndMark) {
  // The PoP's example: pattern " dd,dsd.dd CR" (EBCDIC) with 0257426 and a minus sign.
  const Bytes pattern = {0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20, 0x4b, 0x20, 0x20, 0x40, 0xc3, 0xd9};
  struct EdCase {
    Bytes source;
    Bytes out;
    int cc;
  };
  const EdCase cases[] = {
      {{0x02, 0x57, 0x42, 0x6d}, {0x40, 0x40, 0xf2, 0x6b, 0xf5, 0xf7, 0xf4, 0x4b, 0xf2, 0xf6, 0x40, 0xc3, 0xd9}, 1},
      {{0x02, 0x57, 0x42, 0x6c}, {0x40, 0x40, 0xf2, 0x6b, 0xf5, 0xf7, 0xf4, 0x4b, 0xf2, 0xf6, 0x40, 0x40, 0x40}, 2},
      {{0x00, 0x00, 0x00, 0x0c}, {0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0xf0, 0x4b, 0xf0, 0xf0, 0x40, 0x40, 0x40}, 0},
      {{0x00, 0x00, 0x01, 0x2d}, {0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0xf0, 0x4b, 0xf1, 0xf2, 0x40, 0xc3, 0xd9}, 1},
  };
  for (const EdCase& c : cases) {
    InsnTester t;
    t.SetGr(10, kA);
    t.SetGr(11, kB);
    t.Put(kA, pattern);
    t.Put(kB, c.source);
    const InsnResult r = t.Run(SSa(0xde, static_cast<int>(pattern.size() - 1), 0, 10, 0, 11));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.Get(kA, pattern.size()), c.out);
    EXPECT_EQ(r.cc, c.cc);
  }
  // EDMK marks the first significant digit (not one forced by the significance starter).
  InsnTester t;
  t.SetGr(10, kA);
  t.SetGr(11, kB);
  t.SetGr(1, 0xdeadbeef);
  t.Put(kA, pattern);
  t.Put(kB, Bytes{0x02, 0x57, 0x42, 0x6d});
  ASSERT_TRUE(t.Run(SSa(0xdf, static_cast<int>(pattern.size() - 1), 0, 10, 0, 11)).completed);
  EXPECT_EQ(t.gr(1), kA + 2);
  t.Put(kA, pattern);
  t.Put(kB, Bytes{0x00, 0x00, 0x01, 0x2d});
  ASSERT_TRUE(t.Run(SSa(0xdf, static_cast<int>(pattern.size() - 1), 0, 10, 0, 11)).completed);
  EXPECT_EQ(t.gr(1), kA + 2) << "GR1 unchanged: the significance starter turned significance on";
  // In the 24-bit mode EDMK replaces only bits 40-63.
  t.SetAddressingMode(AddressingMode::k24);
  t.SetGr(1, 0x1122334455667788);
  t.Put(kA, pattern);
  t.Put(kB, Bytes{0x02, 0x57, 0x42, 0x6d});
  ASSERT_TRUE(t.Run(SSa(0xdf, static_cast<int>(pattern.size() - 1), 0, 10, 0, 11)).completed);
  EXPECT_EQ(t.gr(1), 0x1122334455000000 | (kA + 2));
  // A field separator starts a new field for the CC.
  t.SetAddressingMode(AddressingMode::k64);
  t.Put(kA, Bytes{0x40, 0x20, 0x20, 0x22, 0x20, 0x20});
  t.Put(kB, Bytes{0x12, 0x00, 0x0c});
  const InsnResult r = t.Run(SSa(0xde, 5, 0, 10, 0, 11));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.Get(kA, 6), (Bytes{0x40, 0xf1, 0xf2, 0x40, 0x40, 0x40}));
  EXPECT_EQ(r.cc, 0);
}

TEST(DecimalTest, ConvertToBinaryAndToDecimal) {
  InsnTester t;
  t.SetGr(10, kA);
  t.Put(kA, Be<uint64_t>(0x000000000001234d));
  t.SetGr(1, 0xaaaaaaaa00000000);
  ASSERT_TRUE(t.Run(RX(0x4f, 1, 0, 0, 10)).completed);  // CVB
  EXPECT_EQ(t.gr(1), 0xaaaaaaaafffffb2eu);
  ASSERT_TRUE(t.Run(RXY(0xe306, 2, 0, 0, 10)).completed);  // CVBY
  EXPECT_EQ(t.gr(2) & 0xffffffff, 0xfffffb2eu);
  // 2^31 is out of range: fixed-point divide after the rightmost 32 bits are stored.
  t.Put(kA, Be<uint64_t>(0x000002147483648c));
  InsnResult r = t.Run(RX(0x4f, 1, 0, 0, 10));
  EXPECT_EQ(r.code, ProgramInterruptCode::kFixedPointDivide);
  EXPECT_EQ(r.ilc, 4);
  EXPECT_EQ(t.gr(1), 0xaaaaaaaa80000000u);
  t.Put(kA, Be<uint64_t>(0x000002147483648d));
  ASSERT_TRUE(t.Run(RX(0x4f, 1, 0, 0, 10)).completed);  // -2^31 fits
  EXPECT_EQ(t.gr(1), 0xaaaaaaaa80000000u);
  t.Put(kA, Be<uint64_t>(0x000000000001234a));  // plus sign A
  ASSERT_TRUE(t.Run(RX(0x4f, 1, 0, 0, 10)).completed);
  EXPECT_EQ(t.gr(1), 0xaaaaaaaa000004d2u);
  t.Put(kA, Be<uint64_t>(0x00000000000123f4));
  EXPECT_EQ(t.Run(RX(0x4f, 1, 0, 0, 10)).code, ProgramInterruptCode::kData);
  // CVBG: 16 bytes, the full 64-bit range; beyond it fixed-point divide, suppressed.
  t.Put(kA, Bytes{0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80, 0x8d});
  ASSERT_TRUE(t.Run(RXY(0xe30e, 3, 0, 0, 10)).completed);
  EXPECT_EQ(t.gr(3), 0x8000000000000000u);
  t.Put(kA, Bytes{0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80, 0x8c});
  r = t.Run(RXY(0xe30e, 3, 0, 0, 10));
  EXPECT_EQ(r.code, ProgramInterruptCode::kFixedPointDivide);
  EXPECT_EQ(t.gr(3), 0x8000000000000000u);
  // CVD / CVDY / CVDG.
  t.SetGr(4, 0xffffffff80000000);
  ASSERT_TRUE(t.Run(RX(0x4e, 4, 0x20, 0, 10)).completed);  // CVD
  EXPECT_EQ(t.Get(kA + 0x20, 8), Be<uint64_t>(0x000002147483648d));
  t.SetGr(4, 1234);
  ASSERT_TRUE(t.Run(RXY(0xe326, 4, 0x28, 0, 10)).completed);  // CVDY
  EXPECT_EQ(t.Get(kA + 0x28, 8), Be<uint64_t>(0x000000000001234c));
  t.SetGr(4, 0x8000000000000000);
  ASSERT_TRUE(t.Run(RXY(0xe32e, 4, 0xff8, 0, 10)).completed);  // CVDG across a page
  EXPECT_EQ(t.Get(kA + 0xff8, 16),
            (Bytes{0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80, 0x8d}));
}

TEST(DecimalTest, EveryInstructionHasAHandler) {
  const char* const kImplemented[] = {"AP", "SP", "ZAP", "CP", "MP", "DP", "SRP", "TP", "PACK", "UNPK", "ED",
                                      "EDMK", "CVB", "CVBY", "CVBG", "CVD", "CVDY", "CVDG",
                                      // in storage.cc
                                      "MVO", "PKA", "PKU", "UNPKA", "UNPKU"};
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
