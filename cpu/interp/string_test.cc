// Tests of the long and string instructions (string.cc) on a real Interpreter:
// results, condition codes, register updates in the 24/31/64-bit modes, CC 3 continuation, padding,
// overlap, and restart after an access exception with the registers at the point of interruption. (The
// handler check covers the whole family, translate.cc and unicode.cc included.)
#include <string>
#include <vector>

#include "cpu/interp/insn.h"
#include "cpu/interp/storage_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint8_t kMvcl = 0x0e, kClcl = 0x0f, kMvcle = 0xa8, kClcle = 0xa9;
constexpr uint16_t kMvclu = 0xeb8e, kClclu = 0xeb8f, kMvst = 0xb255, kClst = 0xb25d, kSrst = 0xb25e,
                   kSrstu = 0xb9be, kCuse = 0xb257, kCksm = 0xb241;

TEST(StringTest, EveryInstructionOfTheFamilyHasAHandler) {
  const char* kMnemonics[] = {"MVCL", "MVCLE", "MVCLU", "CLCL", "CLCLE", "CLCLU", "MVST", "CLST",
                              "SRST", "SRSTU", "CUSE",  "CKSM", "TRE",   "TROO",  "TROT", "TRTO",
                              "TRTT", "TRTE",  "TRTRE", "CU12", "CU14",  "CU21",  "CU24", "CU41", "CU42"};
  const HandlerTable& table = HandlerTable::Default();
  for (const char* m : kMnemonics) {
    bool found = false;
    for (size_t i = 0; i < isa::AllInsns().size(); ++i) {
      if (std::string(isa::AllInsns()[i].mnemonic) == m) {
        found = true;
        EXPECT_TRUE(table.Implemented(static_cast<isa::InsnId>(i + 1))) << m;
      }
    }
    EXPECT_TRUE(found) << m << " is not in the instruction table";
  }
}

// --- MVCL -------------------------------------------------------------------------------------------------

TEST(StringTest, MvclMovesPadsAndSetsTheCcFromTheLengths) {
  struct Row {
    const char* name;
    uint32_t len1, len2;
    int cc;
  };
  for (const Row& row : {Row{"equal", 300, 300, 0}, Row{"first shorter", 100, 300, 1}, Row{"pad", 5000, 10, 2},
                         Row{"nothing", 0, 50, 1}, Row{"all padding", 8192, 0, 2}}) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    t.Put(0x20000, Pattern(row.len2, 3));
    t.Fill(0x40000, 0x4000, 0xee);
    t.SetGr(2, 0x40000);
    t.SetGr(3, 0xaaaaaaaa00000000 | row.len1);
    t.SetGr(4, 0x20000);
    t.SetGr(5, 0xbbbbbbbb5a000000 | row.len2);  // padding byte 0x5a
    InsnResult r = t.Run(RR(kMvcl, 2, 4));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
    const uint32_t moved = std::min(row.len1, row.len2);
    Bytes expected = Pattern(row.len2, 3);
    expected.resize(moved);
    expected.resize(row.len1, 0x5a);
    EXPECT_EQ(t.Get(0x40000, row.len1), expected);
    EXPECT_EQ(t.Get(0x40000 + row.len1, 1), Bytes{0xee});
    EXPECT_EQ(t.gr(2), 0x40000u + row.len1);
    EXPECT_EQ(t.gr(3), 0xaaaaaaaa00000000);
    EXPECT_EQ(t.gr(4), 0x20000u + moved);
    EXPECT_EQ(t.gr(5), 0xbbbbbbbb5a000000 | (row.len2 - moved));
  }
}

TEST(StringTest, MvclDestructiveOverlapSetsCc3AndMovesNothing) {
  StorageTester t;
  t.SetAddressingMode(AddressingMode::k24);
  t.Put(0x20000, Pattern(64, 1));
  t.SetGr(2, 0x12345678ff020010);  // bits 32-39 of the address are cleared in the 24-bit mode
  t.SetGr(3, 32);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 32);
  InsnResult r = t.Run(RR(kMvcl, 2, 4));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 3);
  EXPECT_EQ(t.Get(0x20000, 64), Pattern(64, 1));
  EXPECT_EQ(t.gr(2), 0x1234567800020010u);
  EXPECT_EQ(t.gr(3), 32u);
  // Overlap that only the padding reaches is not destructive: 16 bytes moved, 16 padded.
  t.SetGr(2, 0x20010);
  t.SetGr(3, 32);
  t.SetGr(5, 16);
  r = t.Run(RR(kMvcl, 2, 4));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 2);
  Bytes expected = Pattern(64, 1);
  for (int i = 0; i < 16; ++i) expected[16 + i] = expected[i];
  for (int i = 32; i < 48; ++i) expected[i] = 0;
  EXPECT_EQ(t.Get(0x20000, 64), expected);
  // Destination left of the source: a forward move.
  t.Put(0x20000, Pattern(64, 1));
  t.SetGr(2, 0x20000);
  t.SetGr(3, 40);
  t.SetGr(4, 0x20008);
  t.SetGr(5, 40);
  ASSERT_TRUE(t.Run(RR(kMvcl, 2, 4)).completed);
  const Bytes p = Pattern(64, 1);
  EXPECT_EQ(t.Get(0x20000, 40), Bytes(p.begin() + 8, p.begin() + 48));
}

TEST(StringTest, MvclWrapsAroundIn24BitMode) {
  StorageTester t;
  t.SetAddressingMode(AddressingMode::k24);
  t.Put(0x20000, Pattern(32, 1));
  t.SetGr(2, 0xfffff0);
  t.SetGr(3, 32);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 32);
  ASSERT_TRUE(t.Run(RR(kMvcl, 2, 4)).completed);
  const Bytes p = Pattern(32, 1);
  EXPECT_EQ(t.Get(0xfffff0, 16), Bytes(p.begin(), p.begin() + 16));
  EXPECT_EQ(t.Get(0, 16), Bytes(p.begin() + 16, p.end()));
  EXPECT_EQ(t.gr(2), 0x10u);
}

TEST(StringTest, MvclOddRegisterIsASpecificationException) {
  StorageTester t;
  t.SetCc(1);
  InsnResult r = t.Run(RR(kMvcl, 3, 4));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(r.ilc, 2);
  EXPECT_EQ(r.cc, 1);
  r = t.Run(RR(kClcl, 2, 5));
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
}

TEST(StringTest, MvclResumesAfterAPageTranslationException) {
  // 3 pages from 0x20000 to 0x40000; the third destination page is invalid. The first two pages are
  // moved, the registers designate the rest, the PSW points at MVCL; once the page is valid, executing
  // MVCL again finishes the move.
  StorageTester t;
  t.EnableDat({0x42000});
  t.Put(0x20000, Pattern(3 * 4096, 7));
  t.SetGr(2, 0x40000);
  t.SetGr(3, 3 * 4096);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 3 * 4096);
  InsnResult r = t.Run(RR(kMvcl, 2, 4));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kPageTranslation);
  EXPECT_EQ(r.psw_address, StorageTester::kCode);
  EXPECT_EQ(t.gr(2), 0x42000u);
  EXPECT_EQ(t.gr(3), 4096u);
  EXPECT_EQ(t.gr(4), 0x22000u);
  EXPECT_EQ(t.gr(5), 4096u);
  const Bytes p = Pattern(3 * 4096, 7);
  EXPECT_EQ(t.Get(0x40000, 2 * 4096), Bytes(p.begin(), p.begin() + 2 * 4096));
  t.SetPageValid(0x42000, true);
  r = t.Run(RR(kMvcl, 2, 4));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x40000, 3 * 4096), p);
  EXPECT_EQ(t.gr(3), 0u);
  EXPECT_EQ(t.gr(2), 0x43000u);
}

// --- MVCLE, MVCLU ------------------------------------------------------------------------------------------

TEST(StringTest, MvcleContinuesWithCc3) {
  StorageTester t;
  const uint64_t len1 = 10000, len2 = 6000;
  t.Put(0x20000, Pattern(len2, 1));
  t.SetGr(2, 0x40000);
  t.SetGr(3, len1);
  t.SetGr(4, 0x20000);
  t.SetGr(5, len2);
  int executions = 0;
  InsnResult r = t.RunToCompletion(RS(kMvcle, 2, 4, 0x1a5, 0), &executions);  // padding 0xa5
  ASSERT_TRUE(r.completed);
  EXPECT_GT(executions, 1);
  EXPECT_EQ(r.cc, 2);
  Bytes expected = Pattern(len2, 1);
  expected.resize(len1, 0xa5);
  EXPECT_EQ(t.Get(0x40000, len1), expected);
  EXPECT_EQ(t.gr(2), 0x40000 + len1);
  EXPECT_EQ(t.gr(3), 0u);
  EXPECT_EQ(t.gr(4), 0x20000 + len2);
  EXPECT_EQ(t.gr(5), 0u);
}

TEST(StringTest, MvcleLengthsAndAddressesIn31BitMode) {
  StorageTester t;
  t.SetAddressingMode(AddressingMode::k31);
  t.Put(0x20000, Pattern(16, 1));
  t.SetGr(2, 0x1111111180040000);  // bit 32 is not part of the address and is cleared
  t.SetGr(3, 0x2222222200000010);  // the length is bits 32-63
  t.SetGr(4, 0x3333333300020000);
  t.SetGr(5, 0x4444444400000008);
  InsnResult r = t.Run(RS(kMvcle, 2, 4, 0, 0));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t.gr(2), 0x1111111100040010u);
  EXPECT_EQ(t.gr(3), 0x2222222200000000u);
  EXPECT_EQ(t.gr(4), 0x3333333300020008u);
  EXPECT_EQ(t.gr(5), 0x4444444400000000u);
  Bytes expected = Pattern(8, 1);
  expected.resize(16, 0);
  EXPECT_EQ(t.Get(0x40000, 16), expected);
}

TEST(StringTest, MvcluPadsWithATwoByteCharacter) {
  StorageTester t;
  t.Put(0x20000, {0x00, 0x41});
  t.SetGr(2, 0x40000);
  t.SetGr(3, 8);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 2);
  InsnResult r = t.RunToCompletion(RSY(kMvclu, 2, 4, 0x3020, 0));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t.Get(0x40000, 8), (Bytes{0x00, 0x41, 0x30, 0x20, 0x30, 0x20, 0x30, 0x20}));
  t.SetGr(3, 7);
  r = t.Run(RSY(kMvclu, 2, 4, 0, 0));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(r.ilc, 6);
}

// --- CLCL, CLCLE, CLCLU ------------------------------------------------------------------------------------

TEST(StringTest, Clcl) {
  struct Row {
    const char* name;
    Bytes op1, op2;
    uint8_t pad;
    int cc;
    uint32_t stop;  // bytes equal before the difference (or the longer length when equal)
  };
  const Row rows[] = {
      {"equal", Str("abcdef"), Str("abcdef"), 0, 0, 6},
      {"low", Str("abcdef"), Str("abcxef"), 0, 1, 3},
      {"high", Str("abz"), Str("aba"), 0, 2, 2},
      {"padded equal", Str("ab   "), Str("ab"), ' ', 0, 5},
      {"padded low", Str("ab  \x01"), Str("ab"), ' ', 1, 4},
      {"second longer high", Str("ab"), Str("ab  \x01"), ' ', 2, 4},
      {"both empty", Bytes{}, Bytes{}, 0, 0, 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    t.Put(0x30000, row.op1);
    t.Put(0x20000, row.op2);
    t.SetGr(2, 0x30000);
    t.SetGr(3, 0x5500000000000000 | row.op1.size());
    t.SetGr(4, 0x20000);
    t.SetGr(5, uint64_t{row.pad} << 24 | row.op2.size());
    InsnResult r = t.Run(RR(kClcl, 2, 4));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
    const uint64_t adv1 = std::min<uint64_t>(row.stop, row.op1.size());
    const uint64_t adv2 = std::min<uint64_t>(row.stop, row.op2.size());
    EXPECT_EQ(t.gr(2), 0x30000 + adv1);
    EXPECT_EQ(t.gr(3), 0x5500000000000000 | (row.op1.size() - adv1));
    EXPECT_EQ(t.gr(4), 0x20000 + adv2);
    EXPECT_EQ(t.gr(5), uint64_t{row.pad} << 24 | (row.op2.size() - adv2));
  }
}

TEST(StringTest, ClcleStopsWithCc3AndContinues) {
  StorageTester t;
  const uint64_t len = 20000;
  t.Put(0x100000, Pattern(len, 1));
  t.Put(0x200000, Pattern(len, 1));
  t.Put(0x200000 + 15000, {0});
  t.SetGr(2, 0x100000);
  t.SetGr(3, len);
  t.SetGr(4, 0x200000);
  t.SetGr(5, len + 10);  // the second operand is longer: 10 more bytes compared with the padding
  int executions = 0;
  InsnResult r = t.RunToCompletion(RS(kClcle, 2, 4, 0, 0), &executions);
  ASSERT_TRUE(r.completed);
  EXPECT_GT(executions, 1);
  ASSERT_NE(Pattern(len, 1)[15000], 0);
  EXPECT_EQ(r.cc, 2);  // the first operand's byte is higher than the 0 stored into the second
  EXPECT_EQ(t.gr(2), 0x100000u + 15000);
  EXPECT_EQ(t.gr(4), 0x200000u + 15000);
  EXPECT_EQ(t.gr(3), len - 15000);
}

TEST(StringTest, ClcleComparesWithThePaddingByte) {
  StorageTester t;
  t.Put(0x20000, Str("xyz"));
  t.Fill(0x30000, 10, 0x40);
  t.SetGr(2, 0x30000);
  t.SetGr(3, 10);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 0);
  InsnResult r = t.RunToCompletion(RS(kClcle, 2, 4, 0x40, 0));
  EXPECT_EQ(r.cc, 0);
  t.Put(0x30000 + 9, {0x3f});
  t.SetGr(2, 0x30000);
  t.SetGr(3, 10);
  r = t.RunToCompletion(RS(kClcle, 2, 4, 0x40, 0));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x30009u);
  EXPECT_EQ(t.gr(3), 1u);
}

TEST(StringTest, Clclu) {
  StorageTester t;
  t.Put(0x20000, {0x00, 0x41, 0x00, 0x20});
  t.Put(0x30000, {0x00, 0x41});
  t.SetGr(2, 0x20000);
  t.SetGr(3, 4);
  t.SetGr(4, 0x30000);
  t.SetGr(5, 2);
  EXPECT_EQ(t.RunToCompletion(RSY(kClclu, 2, 4, 0x0020, 0)).cc, 0);
  t.SetGr(2, 0x20000);
  t.SetGr(3, 4);
  t.SetGr(4, 0x30000);
  t.SetGr(5, 2);
  EXPECT_EQ(t.RunToCompletion(RSY(kClclu, 2, 4, 0x0100, 0)).cc, 1);  // 0x0020 < 0x0100
  EXPECT_EQ(t.gr(2), 0x20002u);
  t.SetGr(3, 3);
  InsnResult r = t.Run(RSY(kClclu, 2, 4, 0, 0));
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
}

// --- MVST, CLST, SRST, SRSTU -------------------------------------------------------------------------------

TEST(StringTest, Mvst) {
  StorageTester t;
  t.Put(0x20ffa, Str("hello, world"));  // crosses a page
  t.Put(0x20ffa + 12, {0});
  t.SetGr(0, 0);
  t.SetGr(2, 0x40000);
  t.SetGr(4, 0x20ffa);
  InsnResult r = t.RunToCompletion(RRE(kMvst, 2, 4));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x4000cu);
  EXPECT_EQ(t.gr(4), 0x20ffau);
  Bytes expected = Str("hello, world");
  expected.push_back(0);
  EXPECT_EQ(t.Get(0x40000, 13), expected);
  // A long string with terminator ',' takes several executions.
  t.Fill(0x100000, 10000, 'a');
  t.Put(0x100000 + 9000, {','});
  t.SetGr(0, ',');
  t.SetGr(2, 0x200000);
  t.SetGr(4, 0x100000);
  int executions = 0;
  r = t.RunToCompletion(RRE(kMvst, 2, 4), &executions);
  EXPECT_GT(executions, 1);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x200000u + 9000);
  EXPECT_EQ(t.Get(0x200000 + 8999, 2), (Bytes{'a', ','}));
  // Bits 32-55 of GR0 must be zero.
  t.SetGr(0, 0x100);
  r = t.Run(RRE(kMvst, 2, 4));
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(r.ilc, 4);
}

TEST(StringTest, Clst) {
  struct Row {
    const char* name;
    const char* s1;
    const char* s2;
    int cc;
    int stop;  // index of the bytes R1/R2 designate afterwards (-1: unchanged)
  };
  const Row rows[] = {
      {"equal", "abc", "abc", 0, -1},
      {"low", "abc", "abd", 1, 2},
      {"high", "b", "a", 2, 0},
      {"first shorter", "ab", "abc", 1, 2},
      {"second shorter", "abc", "ab", 2, 2},
      {"empty", "", "", 0, -1},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    Bytes s1 = Str(row.s1);
    s1.push_back(0);
    Bytes s2 = Str(row.s2);
    s2.push_back(0);
    t.Put(0x20000, s1);
    t.Put(0x30000, s2);
    t.SetGr(0, 0);
    t.SetGr(2, 0x20000);
    t.SetGr(4, 0x30000);
    InsnResult r = t.RunToCompletion(RRE(kClst, 2, 4));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
    const uint64_t off = row.stop < 0 ? 0 : row.stop;
    EXPECT_EQ(t.gr(2), 0x20000 + off);
    EXPECT_EQ(t.gr(4), 0x30000 + off);
  }
  // Equal strings longer than the CPU-determined amount: CC 3, then CC 0.
  StorageTester t;
  t.Fill(0x100000, 9000, 'q');
  t.Fill(0x200000, 9000, 'q');
  t.Put(0x100000 + 9000, {0});
  t.Put(0x200000 + 9000, {0});
  t.SetGr(2, 0x100000);
  t.SetGr(4, 0x200000);
  InsnResult r = t.Run(RRE(kClst, 2, 4));
  EXPECT_EQ(r.cc, 3);
  EXPECT_GT(t.gr(2), 0x100000u);
  EXPECT_EQ(t.gr(2) - 0x100000, t.gr(4) - 0x200000);
  EXPECT_EQ(t.RunToCompletion(RRE(kClst, 2, 4)).cc, 0);
}

TEST(StringTest, Srst) {
  StorageTester t;
  t.Put(0x20000, Str("find the x here"));
  t.SetGr(0, 'x');
  t.SetGr(2, 0x20000 + 15);  // end
  t.SetGr(4, 0x20000);
  InsnResult r = t.RunToCompletion(RRE(kSrst, 2, 4));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x20009u);
  EXPECT_EQ(t.gr(4), 0x20000u);
  t.SetGr(2, 0x20000 + 9);  // the end excludes the x
  r = t.RunToCompletion(RRE(kSrst, 2, 4));
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t.gr(2), 0x20009u);
  EXPECT_EQ(t.gr(4), 0x20000u);
  // A long search: CC 3 with R2 advanced, then found.
  t.Fill(0x100000, 20000, 0);
  t.Put(0x100000 + 19999, {'x'});
  t.SetGr(2, 0x200000);
  t.SetGr(4, 0x100000);
  r = t.Run(RRE(kSrst, 2, 4));
  EXPECT_EQ(r.cc, 3);
  EXPECT_GT(t.gr(4), 0x100000u);
  EXPECT_EQ(t.RunToCompletion(RRE(kSrst, 2, 4)).cc, 1);
  EXPECT_EQ(t.gr(2), 0x100000u + 19999);
  // In the 24-bit mode the search wraps at 16 MiB.
  t.SetAddressingMode(AddressingMode::k24);
  t.Fill(0xfffff0, 16, 0);
  t.Put(0x4, {'x'});
  t.SetGr(2, 0x10);
  t.SetGr(4, 0xfffff0);
  r = t.RunToCompletion(RRE(kSrst, 2, 4));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x4u);
  t.SetGr(0, 0x8000);
  EXPECT_EQ(t.Run(RRE(kSrst, 2, 4)).code, ProgramInterruptCode::kSpecification);
}

TEST(StringTest, Srstu) {
  StorageTester t;
  t.Put(0x20000, {0x00, 0x41, 0x12, 0x34, 0x00, 0x42});
  t.SetGr(0, 0x1234);
  t.SetGr(2, 0x20006);
  t.SetGr(4, 0x20000);
  InsnResult r = t.RunToCompletion(RRE(kSrstu, 2, 4));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x20002u);
  t.SetGr(0, 0x4300);
  t.SetGr(2, 0x20006);
  r = t.RunToCompletion(RRE(kSrstu, 2, 4));
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t.gr(2), 0x20006u);
  t.SetGr(0, 0x10000);
  EXPECT_EQ(t.Run(RRE(kSrstu, 2, 4)).code, ProgramInterruptCode::kSpecification);
}

// --- CUSE --------------------------------------------------------------------------------------------------

TEST(StringTest, Cuse) {
  struct Row {
    const char* name;
    const char* op1;
    const char* op2;
    uint8_t sublen;
    uint8_t pad;
    int cc;
    uint64_t at1, at2;  // offsets R1/R2 designate afterwards
  };
  const Row rows[] = {
      {"substring of 2", "ABCDEFG", "XBCDYFG", 2, 0, 0, 1, 1},
      {"substring of 3", "ABCDEFG", "XBCDYFG", 3, 0, 0, 1, 1},
      {"ends equal", "ABCDEFG", "XBCDYFG", 4, 0, 1, 5, 5},
      {"ends unequal", "ABCDEFG", "XBCDYFZ", 4, 0, 2, 7, 7},
      {"with padding", "AB  ", "AB", 4, ' ', 0, 0, 0},
      {"substring length 0", "A", "B", 0, 0, 0, 0, 0},
      {"both empty", "", "", 3, 0, 2, 0, 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    const Bytes op1 = Str(row.op1);
    const Bytes op2 = Str(row.op2);
    t.Put(0x20000, op1);
    t.Put(0x30000, op2);
    t.SetGr(0, row.sublen);
    t.SetGr(1, row.pad);
    t.SetGr(2, 0x20000);
    t.SetGr(3, op1.size());
    t.SetGr(4, 0x30000);
    t.SetGr(5, op2.size());
    InsnResult r = t.RunToCompletion(RRE(kCuse, 2, 4));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
    const uint64_t at2 = std::min<uint64_t>(row.at2, op2.size());
    EXPECT_EQ(t.gr(2), 0x20000 + row.at1);
    EXPECT_EQ(t.gr(3), op1.size() - row.at1);
    EXPECT_EQ(t.gr(4), 0x30000 + at2);
    EXPECT_EQ(t.gr(5), op2.size() - at2);
  }
}

// --- CKSM --------------------------------------------------------------------------------------------------

uint32_t ReferenceChecksum(uint32_t init, const Bytes& data) {
  uint32_t sum = init;
  for (size_t i = 0; i < data.size(); i += 4) {
    uint32_t w = 0;
    for (size_t k = 0; k < 4; ++k) w = w << 8 | (i + k < data.size() ? data[i + k] : 0);
    const uint32_t prev = sum;
    sum += w;
    if (sum < prev) ++sum;  // end-around carry
  }
  return sum;
}

TEST(StringTest, Cksm) {
  for (size_t len : {0u, 1u, 3u, 4u, 7u, 4096u, 10003u}) {
    SCOPED_TRACE(len);
    StorageTester t;
    Bytes data = Pattern(len, 0xf1);
    for (size_t i = 0; i < len; i += 5) data[i] = 0xff;
    t.Put(0x20ffe, data);  // crosses pages
    t.SetGr(1, 0xaaaaaaaa12345678);
    t.SetGr(4, 0x20ffe);
    t.SetGr(5, len);
    int executions = 0;
    InsnResult r = t.RunToCompletion(RRE(kCksm, 1, 4), &executions);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, 0);
    EXPECT_EQ(executions, len > 4096 ? 3 : 1);
    EXPECT_EQ(t.gr(1), 0xaaaaaaaa00000000 | ReferenceChecksum(0x12345678, data));
    EXPECT_EQ(t.gr(4), 0x20ffe + len);
    EXPECT_EQ(t.gr(5), 0u);
  }
  StorageTester t;
  EXPECT_EQ(t.Run(RRE(kCksm, 1, 5)).code, ProgramInterruptCode::kSpecification);
}

}  // namespace
}  // namespace s390vmm::interp::testing
