// Tests of the branch family (branch.cc) on a real Interpreter in user mode: branch conditions for every CC
// and mask, link information in the 24/31/64-bit modes, branch and set mode, count and index loops, and
// compare and branch. Compare and trap and EXECUTE: branch_trap_execute_test.cc.
#include <string>
#include <vector>

#include "cpu/interp/insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kCode = InsnTester::kCode;

// ---- Encoders for the formats insn_test_util.h does not have ------------------------------------------------
Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
uint8_t Hi(int v) { return static_cast<uint8_t>(v >> 8); }
uint8_t Lo(int v) { return static_cast<uint8_t>(v); }
// RIE-b: CRJ r1,r2,m3,i4.
Bytes RIEb(uint16_t op, int r1, int r2, int m3, int i4) {
  return {Hi(op), static_cast<uint8_t>(r1 << 4 | r2), Hi(i4), Lo(i4), static_cast<uint8_t>(m3 << 4), Lo(op)};
}
// RIE-c: CIJ r1,i2,m3,i4.
Bytes RIEc(uint16_t op, int r1, int i2, int m3, int i4) {
  return {Hi(op), static_cast<uint8_t>(r1 << 4 | m3), Hi(i4), Lo(i4), Lo(i2), Lo(op)};
}
// RRS: CRB r1,r2,m3,d4(b4).
Bytes RRS(uint16_t op, int r1, int r2, int m3, int d4, int b4) {
  return {Hi(op), static_cast<uint8_t>(r1 << 4 | r2), static_cast<uint8_t>(b4 << 4 | ((d4 >> 8) & 0xf)), Lo(d4),
          static_cast<uint8_t>(m3 << 4), Lo(op)};
}
// RIS: CIB r1,i2,m3,d4(b4).
Bytes RIS(uint16_t op, int r1, int i2, int m3, int d4, int b4) {
  return {Hi(op), static_cast<uint8_t>(r1 << 4 | m3), static_cast<uint8_t>(b4 << 4 | ((d4 >> 8) & 0xf)), Lo(d4),
          Lo(i2), Lo(op)};
}
// RSI: BRXH r1,r3,i2.
Bytes RSI(uint8_t op, int r1, int r3, int i2) { return {op, static_cast<uint8_t>(r1 << 4 | r3), Hi(i2), Lo(i2)}; }

// Common instructions.
Bytes Lhi(int r, int v) { return RI(0xa78, r, v); }
Bytes Brc(int m, int halfwords) { return RI(0xa74, m, halfwords); }
Bytes Nopr() { return {0x07, 0x00}; }

// The general-instruction mnemonics this family implements.
const char* const kMnemonics[] = {
    "BC",    "BCR",   "BRC",   "BRCL",  "BIC",   "BAL",   "BALR",  "BAS",   "BASR",  "BRAS",  "BRASL", "BSM",
    "BASSM", "BCT",   "BCTR",  "BCTG",  "BCTGR", "BRCT",  "BRCTG", "BRCTH", "BXH",   "BXLE",  "BXHG",  "BXLEG",
    "BRXH",  "BRXLE", "BRXHG", "BRXLG", "CRJ",   "CGRJ",  "CLRJ",  "CLGRJ", "CRB",   "CGRB",  "CLRB",  "CLGRB",
    "CIJ",   "CGIJ",  "CLIJ",  "CLGIJ", "CIB",   "CGIB",  "CLIB",  "CLGIB", "CRT",   "CGRT",  "CLRT",  "CLGRT",
    "CIT",   "CGIT",  "CLFIT", "CLGIT", "CLT",   "CLGT",  "EX",    "EXRL",  "BPP",   "BPRP",
};

TEST(BranchTest, EveryMnemonicHasAHandler) {
  for (const char* m : kMnemonics) {
    bool found = false;
    for (size_t k = 0; k < isa::AllInsns().size(); ++k) {
      if (std::string(isa::AllInsns()[k].mnemonic) == m) {
        found = true;
        EXPECT_TRUE(HandlerTable::Default().Implemented(static_cast<isa::InsnId>(k + 1))) << m;
      }
    }
    EXPECT_TRUE(found) << m << " is not in the instruction table";
  }
}

// ---- Branch on condition: every CC against every mask -----------------------------------------------------
// Each program branches over LHI 9,1 to the final SVC when the branch is taken.
enum class Form { kBRC, kBRCL, kBC, kBCR, kBIC };

bool RunConditional(Form form, int cc, int mask) {
  InsnTester t;
  t.SetGr(9, 0);
  t.SetCc(static_cast<uint8_t>(cc));
  Bytes code;
  switch (form) {
    case Form::kBRC: code = Cat({Brc(mask, 4), Lhi(9, 1)}); break;
    case Form::kBRCL: code = Cat({RIL(0xc04, mask, 5), Lhi(9, 1)}); break;
    case Form::kBC:
      t.SetGr(8, kCode);
      code = Cat({RX(0x47, mask, 8, 0, 8), Lhi(9, 1)});
      break;
    case Form::kBCR:
      t.SetGr(8, kCode + 6);
      code = Cat({RR(0x07, mask, 8), Lhi(9, 1)});
      break;
    case Form::kBIC:
      t.SetGr(8, 0x30000);
      t.Store<uint64_t>(0x30008, kCode + 10);
      code = Cat({RXY(0xe347, mask, 8, 0, 8), Lhi(9, 1)});
      break;
  }
  const InsnResult r = t.Run(code);
  EXPECT_TRUE(r.completed);
  EXPECT_EQ(r.cc, cc) << "branches do not change the CC";
  return t.gr(9) == 0;
}

TEST(BranchTest, ConditionalBranchesFollowTheMask) {
  for (Form form : {Form::kBRC, Form::kBRCL, Form::kBC, Form::kBCR, Form::kBIC}) {
    for (int cc = 0; cc < 4; ++cc) {
      for (int mask = 0; mask < 16; ++mask) {
        const bool expected = (mask >> (3 - cc)) & 1;
        EXPECT_EQ(RunConditional(form, cc, mask), expected)
            << "form " << static_cast<int>(form) << " cc " << cc << " mask " << mask;
      }
    }
  }
}

TEST(BranchTest, BcrWithRegisterZeroNeverBranches) {
  for (int mask : {0, 14, 15}) {  // 14 and 15: serialization
    InsnTester t;
    t.SetGr(0, kCode + 100);
    const InsnResult r = t.Run(Cat({RR(0x07, mask, 0), Lhi(9, 7)}));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(9), 7u);
  }
}

TEST(BranchTest, BranchAddressWrapsInThe24BitMode) {
  InsnTester t;
  t.SetAddressingMode(AddressingMode::k24);
  t.SetGr(8, 0xabcdef0000000000ull | 0x7f000000ull | (kCode + 6));
  const InsnResult r = t.Run(Cat({RR(0x07, 15, 8), Lhi(9, 1)}));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(9), 0u);
}

TEST(BranchTest, BranchAddressWrapsInThe31BitMode) {
  InsnTester t;
  t.SetAddressingMode(AddressingMode::k31);
  t.SetGr(8, 0xffffffff80000000ull | (kCode + 6));
  const InsnResult r = t.Run(Cat({RR(0x07, 15, 8), Lhi(9, 1)}));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(9), 0u);
}

// ---- Link information -------------------------------------------------------------------------------------
constexpr uint64_t kHighJunk = 0xa5a5a5a500000000ull;

struct LinkCase {
  std::string name;
  AddressingMode mode;
  Bytes code;  // branches to the SVC right after it
  uint64_t r14;
};

TEST(BranchTest, LinkInformationPerAddressingMode) {
  const Bytes basr = RR(0x0d, 14, 8);
  const Bytes balr = RR(0x05, 14, 8);
  const Bytes bas = RX(0x4d, 14, 4, 0, 7);
  const Bytes bal = RX(0x45, 14, 4, 0, 7);
  const Bytes bras = RI(0xa75, 14, 2);
  const Bytes brasl = RIL(0xc05, 14, 3);
  const uint64_t a2 = kCode + 2, a4 = kCode + 4, a6 = kCode + 6;
  const std::vector<LinkCase> cases = {
      {"BASR 64", AddressingMode::k64, basr, a2},
      {"BASR 31", AddressingMode::k31, basr, kHighJunk | 0x80000000u | a2},
      {"BASR 24", AddressingMode::k24, basr, kHighJunk | a2},
      {"BAS 64", AddressingMode::k64, bas, a4},
      {"BAS 31", AddressingMode::k31, bas, kHighJunk | 0x80000000u | a4},
      {"BAS 24", AddressingMode::k24, bas, kHighJunk | a4},
      {"BRAS 64", AddressingMode::k64, bras, a4},
      {"BRAS 31", AddressingMode::k31, bras, kHighJunk | 0x80000000u | a4},
      {"BRASL 24", AddressingMode::k24, brasl, kHighJunk | a6},
      {"BRASL 64", AddressingMode::k64, brasl, a6},
      {"BALR 64", AddressingMode::k64, balr, a2},
      {"BALR 31", AddressingMode::k31, balr, kHighJunk | 0x80000000u | a2},
      // 24-bit BAL(R): ILC (1 or 2), CC 2, program mask 0xa, then the address.
      {"BALR 24", AddressingMode::k24, balr, kHighJunk | 1u << 30 | 2u << 28 | 0xau << 24 | a2},
      {"BAL 24", AddressingMode::k24, bal, kHighJunk | 2u << 30 | 2u << 28 | 0xau << 24 | a4},
  };
  for (const LinkCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetAddressingMode(c.mode);
    t.SetCc(2);
    t.SetProgramMask(0xa);
    t.SetGr(7, kCode);
    t.SetGr(8, kCode + 2);
    t.SetGr(14, kHighJunk | 0x12345678);
    const InsnResult r = t.Run(c.code);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(14), c.r14) << std::hex << t.gr(14);
  }
}

TEST(BranchTest, BalrAndBasrWithR2ZeroLinkWithoutBranching) {
  for (uint8_t op : {0x05, 0x0d}) {
    InsnTester t;
    t.SetGr(0, kCode + 100);
    const InsnResult r = t.Run(Cat({RR(op, 14, 0), Lhi(9, 1)}));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(14), kCode + 2);
    EXPECT_EQ(t.gr(9), 1u);
  }
}

TEST(BranchTest, BranchAddressIsTakenBeforeTheLinkIsStored) {
  InsnTester t;
  t.SetGr(8, kCode + 6);
  const InsnResult r = t.Run(Cat({RR(0x0d, 8, 8), Lhi(9, 1)}));  // BASR 8,8
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(9), 0u);
  EXPECT_EQ(t.gr(8), kCode + 2);
}

// ---- Branch and set mode ----------------------------------------------------------------------------------
struct ModeCase {
  std::string name;
  AddressingMode mode;
  Bytes code;
  uint64_t r1_in, r2_in;
  uint64_t r1_out;
  AddressingMode mode_out;
};

TEST(BranchTest, BranchAndSetMode) {
  const Bytes bsm = RR(0x0b, 1, 2);
  const Bytes bassm = RR(0x0c, 1, 2);
  const uint64_t next = kCode + 2;
  const std::vector<ModeCase> cases = {
      {"BSM 64->24", AddressingMode::k64, bsm, 0x100, next, 0x101, AddressingMode::k24},
      {"BSM 64->31", AddressingMode::k64, bsm, 0x100, 0x80000000u | next, 0x101, AddressingMode::k31},
      {"BSM 64->64, bit 63 ignored in the address", AddressingMode::k64, bsm, 0, next | 1, 1, AddressingMode::k64},
      {"BSM 31->24 saves bit 32", AddressingMode::k31, bsm, kHighJunk | 0x11, next, kHighJunk | 0x80000011u,
       AddressingMode::k24},
      {"BSM 24->64 clears bit 32", AddressingMode::k24, bsm, kHighJunk | 0x80000011u, next | 1, kHighJunk | 0x11,
       AddressingMode::k64},
      {"BSM 31->24 drops high address bits", AddressingMode::k31, bsm, 0, 0x7f000000u | next, 0x80000000u,
       AddressingMode::k24},
      {"BASSM 64->31", AddressingMode::k64, bassm, kHighJunk, 0x80000000u | next, next | 1, AddressingMode::k31},
      {"BASSM 31->64", AddressingMode::k31, bassm, kHighJunk, next | 1, kHighJunk | 0x80000000u | next,
       AddressingMode::k64},
      {"BASSM 24->31", AddressingMode::k24, bassm, kHighJunk, 0x80000000u | next, kHighJunk | next,
       AddressingMode::k31},
  };
  for (const ModeCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetAddressingMode(c.mode);
    t.SetGr(1, c.r1_in);
    t.SetGr(2, c.r2_in);
    const InsnResult r = t.Run(c.code);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(1), c.r1_out) << std::hex << t.gr(1);
    EXPECT_EQ(t.state().psw.addressing_mode(), c.mode_out);
  }
}

TEST(BranchTest, BranchAndSetModeWithR2ZeroKeepsModeAndSequence) {
  InsnTester t;
  t.SetGr(0, 0x80000000u | (kCode + 100));
  t.SetGr(1, 0);
  const InsnResult r = t.Run(Cat({RR(0x0b, 1, 0), Lhi(9, 1)}));  // BSM 1,0
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(1), 1u);
  EXPECT_EQ(t.gr(9), 1u);
  EXPECT_EQ(t.state().psw.addressing_mode(), AddressingMode::k64);

  InsnTester u;
  u.SetAddressingMode(AddressingMode::k31);
  u.SetGr(1, 0);
  const InsnResult s = u.Run(Cat({RR(0x0c, 1, 0), Lhi(9, 1)}));  // BASSM 1,0: link, no branch
  ASSERT_TRUE(s.completed);
  EXPECT_EQ(u.gr(1), 0x80000000u | (kCode + 2));
  EXPECT_EQ(u.gr(9), 1u);
  EXPECT_EQ(u.state().psw.addressing_mode(), AddressingMode::k31);
}

TEST(BranchTest, BsmReadsR2BeforeUpdatingR1) {
  InsnTester t;
  t.SetGr(2, kCode + 6);  // bit 63 zero: 24-bit mode
  const InsnResult r = t.Run(Cat({RR(0x0b, 2, 2), Lhi(9, 1)}));  // BSM 2,2
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(9), 0u);
  EXPECT_EQ(t.gr(2), kCode + 7);
  EXPECT_EQ(t.state().psw.addressing_mode(), AddressingMode::k24);
}

// ---- Branch on count --------------------------------------------------------------------------------------
TEST(BranchTest, BranchOnCountLoops) {
  // Sum 1..10 with BRCT, BRCTG, BCT, BCTR, BCTG, BCTGR; the count register keeps its high half (32-bit forms).
  struct Loop {
    std::string name;
    Bytes branch;  // at loop offset 4, back to offset 0 (the AR)
    uint64_t count_in;
    uint64_t count_out;
  };
  const std::vector<Loop> loops = {
      {"BRCT", RI(0xa76, 3, -2), 0xdead00000000000aull, 0xdead000000000000ull},
      {"BRCTG", RI(0xa77, 3, -2), 10, 0},
      {"BCT", RX(0x46, 3, 0, 0, 7), 0xdead00000000000aull, 0xdead000000000000ull},
      {"BCTR", Cat({RR(0x06, 3, 7), Nopr()}), 0xdead00000000000aull, 0xdead000000000000ull},
      {"BCTG", RXY(0xe346, 3, 0, 0, 7), 10, 0},
      {"BCTGR", Cat({RRE(0xb946, 3, 7)}), 10, 0},
  };
  for (const Loop& l : loops) {
    SCOPED_TRACE(l.name);
    InsnTester t;
    t.SetGr(2, 0);
    t.SetGr(3, l.count_in);
    t.SetGr(7, kCode + 4);
    // LHI 2,0 is not used: offset 0 is a NOPR pair, offset 4 the AR, then the branch back to 4.
    const InsnResult r = t.Run(Cat({Nopr(), Nopr(), RR(0x1a, 2, 3), Nopr(), l.branch}));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(2) & 0xffffffff, 55u);
    EXPECT_EQ(t.gr(3), l.count_out);
  }
}

TEST(BranchTest, BranchOnCountEdgeValues) {
  // Count 1 -> 0: no branch. Count 0 -> -1: branch. BCTR with R2 0: decrement only.
  {
    InsnTester t;
    t.SetGr(3, 1);
    ASSERT_TRUE(t.Run(Cat({RI(0xa76, 3, 4), Lhi(9, 1)})).completed);
    EXPECT_EQ(t.gr(9), 1u);
    EXPECT_EQ(t.gr(3), 0u);
  }
  {
    InsnTester t;
    t.SetGr(3, 0x100000000ull);
    ASSERT_TRUE(t.Run(Cat({RI(0xa76, 3, 4), Lhi(9, 1)})).completed);
    EXPECT_EQ(t.gr(9), 0u);
    EXPECT_EQ(t.gr(3), 0x1ffffffffull) << "BRCT counts in bits 32-63 only";
  }
  {
    InsnTester t;
    t.SetGr(3, 5);
    t.SetGr(0, kCode + 100);
    ASSERT_TRUE(t.Run(Cat({RR(0x06, 3, 0), Lhi(9, 1)})).completed);
    EXPECT_EQ(t.gr(9), 1u);
    EXPECT_EQ(t.gr(3), 4u);
  }
  {
    InsnTester t;  // BCT whose index register is R1: the address uses the value before the decrement
    t.SetGr(3, kCode + 8 - 0);
    ASSERT_TRUE(t.Run(Cat({RX(0x46, 3, 0, 3, 0), Lhi(9, 1)})).completed);
    EXPECT_EQ(t.gr(9), 0u);
    EXPECT_EQ(t.gr(3), kCode + 7);
  }
}

TEST(BranchTest, BranchRelativeOnCountHigh) {
  InsnTester t;
  t.SetGr(4, 0x0000000312345678ull);
  // offset 0: AHI 5,1 ; offset 4: BRCTH 4,-2 (back to 0)
  ASSERT_TRUE(t.Run(Cat({RI(0xa7a, 5, 1), RIL(0xcc6, 4, static_cast<uint32_t>(-2))})).completed);
  EXPECT_EQ(t.gr(5), 3u);
  EXPECT_EQ(t.gr(4), 0x0000000012345678ull);
}

// ---- Branch on index --------------------------------------------------------------------------------------
struct IndexCase {
  std::string name;
  Bytes code;  // the branch at offset 0, LHI 9,1 after it, the SVC after that
  std::vector<std::pair<int, uint64_t>> in;
  bool taken;
  uint64_t r1_out;
};

TEST(BranchTest, BranchOnIndex) {
  // Targets: the SVC at kCode + len + 4. R7 = kCode as the base.
  const std::vector<IndexCase> cases = {
      // BXH 1,4,8(7): R4 increment, R5 compare value.
      {"BXH high", RS(0x86, 1, 4, 8, 7), {{1, 10}, {4, 1}, {5, 10}, {7, kCode}}, true, 11},
      {"BXH equal", RS(0x86, 1, 4, 8, 7), {{1, 9}, {4, 1}, {5, 10}, {7, kCode}}, false, 10},
      {"BXH signed", RS(0x86, 1, 4, 8, 7), {{1, 0x7fffffff}, {4, 1}, {5, 0}, {7, kCode}}, false, 0x80000000u},
      {"BXLE equal", RS(0x87, 1, 4, 8, 7), {{1, 9}, {4, 1}, {5, 10}, {7, kCode}}, true, 10},
      {"BXLE high", RS(0x87, 1, 4, 8, 7), {{1, 10}, {4, 1}, {5, 10}, {7, kCode}}, false, 11},
      // Odd R3: it is both the increment and the compare value.
      {"BXLE odd R3", RS(0x87, 1, 5, 8, 7), {{1, 2}, {5, 3}, {7, kCode}}, false, 5},
      {"BXH odd R3", RS(0x86, 1, 5, 8, 7), {{1, 2}, {5, 3}, {7, kCode}}, true, 5},
      // R1 = R3 + 1: the compare value is read before R1 changes.
      {"BXLE R1 is the comparand", RS(0x87, 5, 4, 8, 7), {{4, 1}, {5, 10}, {7, kCode}}, false, 11},
      // 32-bit forms leave bits 0-31 alone.
      {"BXLE high half kept", RS(0x87, 1, 4, 8, 7), {{1, 0xffff000000000001ull}, {4, 1}, {5, 10}, {7, kCode}}, true,
       0xffff000000000002ull},
      {"BRXH", RSI(0x84, 1, 4, 4), {{1, 10}, {4, 1}, {5, 10}}, true, 11},
      {"BRXLE", RSI(0x85, 1, 4, 4), {{1, 10}, {4, -1ull}, {5, 10}}, true, 9},
      {"BXHG", RSY(0xeb44, 1, 4, 10, 7), {{1, 1ull << 40}, {4, 1}, {5, 1ull << 40}, {7, kCode}}, true,
       (1ull << 40) + 1},
      {"BXLEG", RSY(0xeb45, 1, 4, 10, 7), {{1, 1ull << 40}, {4, 1}, {5, 1ull << 40}, {7, kCode}}, false,
       (1ull << 40) + 1},
      {"BRXHG", RIEd(0xec44, 1, 4, 5), {{1, -5ull}, {4, 1}, {5, -5ull}}, true, -4ull},
      {"BRXLG", RIEd(0xec45, 1, 4, 5), {{1, -5ull}, {4, 1}, {5, -5ull}}, false, -4ull},
  };
  for (const IndexCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    for (const auto& [r, v] : c.in) t.SetGr(r, v);
    t.SetGr(9, 0);
    ASSERT_TRUE(t.Run(Cat({c.code, Lhi(9, 1)})).completed);
    EXPECT_EQ(t.gr(9) == 0, c.taken);
    const int r1 = c.code[1] >> 4;
    EXPECT_EQ(t.gr(r1), c.r1_out) << std::hex << t.gr(r1);
  }
}

// ---- Compare and branch -----------------------------------------------------------------------------------
struct CompareBranchCase {
  std::string name;
  Bytes code;  // branch at offset 0 to the SVC after LHI 9,1 (offset len + 4)
  uint64_t r1, r2;
  bool taken;
};

TEST(BranchTest, CompareAndBranch) {
  const uint64_t m1 = -1ull;
  // Relative forms: target = 6 + 4 = 10 bytes = 5 halfwords. Address forms: D4(B4) with B4 = R7 = kCode.
  const std::vector<CompareBranchCase> cases = {
      {"CRJ low", RIEb(0xec76, 1, 2, 4, 5), m1, 1, true},
      {"CRJ low not high", RIEb(0xec76, 1, 2, 2, 5), m1, 1, false},
      {"CLRJ high", RIEb(0xec77, 1, 2, 2, 5), m1, 1, true},
      {"CRJ equal 32 bits only", RIEb(0xec76, 1, 2, 8, 5), 0x100000005ull, 5, true},
      {"CGRJ not equal 64", RIEb(0xec64, 1, 2, 8, 5), 0x100000005ull, 5, false},
      {"CGRJ low", RIEb(0xec64, 1, 2, 4, 5), m1, 0, true},
      {"CLGRJ high", RIEb(0xec65, 1, 2, 2, 5), m1, 0, true},
      {"CRJ mask 1 ignored", RIEb(0xec76, 1, 2, 1, 5), 1, 1, false},
      {"CRJ mask 14", RIEb(0xec76, 1, 2, 14, 5), 7, 3, true},
      {"CRB equal", RRS(0xecf6, 1, 2, 8, 10, 7), 3, 3, true},
      {"CGRB high", RRS(0xece4, 1, 2, 2, 10, 7), 3, 2, true},
      {"CLRB low", RRS(0xecf7, 1, 2, 4, 10, 7), 1, m1, true},
      {"CLGRB not low", RRS(0xece5, 1, 2, 4, 10, 7), m1, 1, false},
      {"CIJ -1 equal", RIEc(0xec7e, 1, 0xff, 8, 5), 0xffffffffu, 0, true},
      {"CLIJ 255 not equal to -1", RIEc(0xec7f, 1, 0xff, 8, 5), 0xffffffffu, 0, false},
      {"CLIJ 255 equal", RIEc(0xec7f, 1, 0xff, 8, 5), 255, 0, true},
      {"CGIJ -128 low", RIEc(0xec7c, 1, 0x80, 4, 5), -129ull, 0, true},
      {"CLGIJ 128 high", RIEc(0xec7d, 1, 0x80, 2, 5), -129ull, 0, true},
      {"CIB", RIS(0xecfe, 1, 0xfe, 8, 10, 7), 0xfffffffeu, 0, true},
      {"CGIB", RIS(0xecfc, 1, 0xfe, 8, 10, 7), 0xfffffffeu, 0, false},
      {"CLIB", RIS(0xecff, 1, 0xfe, 2, 10, 7), 0xffu, 0, true},
      {"CLGIB", RIS(0xecfd, 1, 0xfe, 4, 10, 7), 0xfdu, 0, true},
  };
  for (const CompareBranchCase& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetGr(1, c.r1);
    t.SetGr(2, c.r2);
    t.SetGr(7, kCode);
    t.SetCc(3);
    const InsnResult r = t.Run(Cat({c.code, Lhi(9, 1)}));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(9) == 0, c.taken);
    EXPECT_EQ(r.cc, 3) << "compare and branch leaves the CC alone";
  }
}

}  // namespace
}  // namespace s390vmm::interp::testing
