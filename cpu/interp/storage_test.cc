// Tests of the SS-format character instructions (storage.cc) on a real Interpreter: results, condition
// codes, overlap semantics, page crossing, 24/31-bit wraparound, and the exceptions (with their ILC) that
// must leave storage untouched.
#include <cstring>
#include <string>
#include <vector>

#include "cpu/interp/insn.h"
#include "cpu/interp/storage_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint8_t kMvc = 0xd2, kMvcin = 0xe8, kMvz = 0xd3, kMvn = 0xd1, kMvo = 0xf1, kClc = 0xd5, kNc = 0xd4,
                  kOc = 0xd6, kXc = 0xd7, kTr = 0xdc, kTrt = 0xdd, kTrtr = 0xd0, kCli = 0x95, kClm = 0xbd,
                  kPka = 0xe9, kPku = 0xe1, kUnpka = 0xea, kUnpku = 0xe2;
constexpr uint16_t kMvpg = 0xb254, kMvcrl = 0xe50a, kCliy = 0xeb55, kClmy = 0xeb21, kClmh = 0xeb20;

// The byte-at-a-time reference of MVC: what the PoP defines for overlapping operands.
Bytes ReferenceMvc(Bytes mem, size_t dst, size_t src, size_t len) {
  for (size_t i = 0; i < len; ++i) mem[dst + i] = mem[src + i];
  return mem;
}

TEST(StorageTest, EveryInstructionOfTheFamilyHasAHandler) {
  const char* kMnemonics[] = {"MVC",  "MVCIN", "MVCRL", "MVZ",  "MVN", "MVO", "MVPG",  "CLC",   "NC",
                              "OC",   "XC",    "CLI",   "CLIY", "CLM", "CLMY", "CLMH", "TR",
                              "TRT",  "TRTR",  "PKA",   "PKU",  "UNPKA", "UNPKU"};
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

// --- MVC ---------------------------------------------------------------------------------------------------

TEST(StorageTest, MvcCopiesAndLeavesTheCcAlone) {
  StorageTester t;
  t.Put(0x20000, Pattern(256, 1));
  t.SetGr(2, 0x30000);
  t.SetGr(3, 0x20000);
  t.SetCc(2);
  InsnResult r = t.Run(SSa(kMvc, 0, 255, 2, 0, 3));  // MVC 0(256,%r2),0(%r3)
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.Get(0x30000, 256), Pattern(256, 1));
  EXPECT_EQ(r.cc, 2);
  r = t.Run(SSa(kMvc, 0x10, 0, 2, 0, 3));  // one byte
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.Get(0x30010, 1), Bytes{1});
}

TEST(StorageTest, MvcOverlapGivesByteByByteResults) {
  // Destination 1, 2, 3, 7 bytes right of the source (propagation with that period), destination left of
  // the source (a plain forward move), and identical operands.
  for (int shift : {1, 2, 3, 7, -1, -5, 0}) {
    SCOPED_TRACE(shift);
    StorageTester t;
    const Bytes init = Pattern(300, 9);
    t.Put(0x20000, init);
    const size_t src = 20;
    const size_t dst = static_cast<size_t>(20 + shift);
    t.SetGr(2, 0x20000 + dst);
    t.SetGr(3, 0x20000 + src);
    ASSERT_TRUE(t.Run(SSa(kMvc, 0, 199, 2, 0, 3)).completed);
    EXPECT_EQ(t.Get(0x20000, 300), ReferenceMvc(init, dst, src, 200));
  }
}

TEST(StorageTest, MvcAcrossPageBoundaries) {
  // Source and destination cross their page boundaries at different offsets (three pieces), with and
  // without destructive overlap.
  struct Layout {
    uint64_t src;
    uint64_t dst;
  };
  for (const Layout& l : {Layout{0x20ff0, 0x30fa0}, Layout{0x20f00, 0x20f01}, Layout{0x21000 - 3, 0x21000 - 1},
                          Layout{0x21000 - 200, 0x21000 - 250}}) {
    SCOPED_TRACE(l.src);
    StorageTester t;
    const Bytes init = Pattern(0x20000, 3);
    t.Put(0x20000, init);
    t.SetGr(2, l.dst);
    t.SetGr(3, l.src);
    ASSERT_TRUE(t.Run(SSa(kMvc, 0, 255, 2, 0, 3)).completed);
    EXPECT_EQ(t.Get(0x20000, 0x20000), ReferenceMvc(init, l.dst - 0x20000, l.src - 0x20000, 256));
  }
}

TEST(StorageTest, MvcWrapsAroundIn24And31BitModes) {
  {
    StorageTester t;
    t.SetAddressingMode(AddressingMode::k24);
    t.Put(0x20000, Pattern(16, 5));
    t.SetGr(2, 0xabfffff8);  // bits above 24 are ignored
    t.SetGr(3, 0x20000);
    ASSERT_TRUE(t.Run(SSa(kMvc, 0, 15, 2, 0, 3)).completed);
    const Bytes p = Pattern(16, 5);
    EXPECT_EQ(t.Get(0xfffff8, 8), Bytes(p.begin(), p.begin() + 8));
    EXPECT_EQ(t.Get(0, 8), Bytes(p.begin() + 8, p.end()));
  }
  {
    StorageTester t;
    t.SetAddressingMode(AddressingMode::k31);
    t.Put(0x7ffffffc, {1, 2, 3, 4});
    t.Put(0, {5, 6, 7, 8});
    t.SetGr(2, 0x40000);
    t.SetGr(3, 0x7ffffffc);
    ASSERT_TRUE(t.Run(SSa(kMvc, 0, 7, 2, 0, 3)).completed);
    EXPECT_EQ(t.Get(0x40000, 8), (Bytes{1, 2, 3, 4, 5, 6, 7, 8}));
  }
}

TEST(StorageTest, MvcAccessExceptionsStoreNothing) {
  // Destination crossing into a page beyond the end of memory: addressing exception, suppression, the
  // bytes in the accessible page untouched, ILC 6.
  {
    StorageTester t;
    const uint64_t dst = StorageTester::kLowSize - 8;
    t.Fill(dst, 8, 0xee);
    t.SetGr(2, dst);
    t.SetGr(3, 0x20000);
    t.SetCc(1);
    InsnResult r = t.Run(SSa(kMvc, 0, 15, 2, 0, 3));
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(r.psw_address, StorageTester::kCode + 6);
    EXPECT_EQ(r.cc, 1);
    EXPECT_EQ(t.Get(dst, 8), Bytes(8, 0xee));
  }
  // Source in a page beyond memory.
  {
    StorageTester t;
    t.Fill(0x30000, 16, 0xee);
    t.SetGr(2, 0x30000);
    t.SetGr(3, StorageTester::kLowSize - 4);
    InsnResult r = t.Run(SSa(kMvc, 0, 15, 2, 0, 3));
    EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
    EXPECT_EQ(t.Get(0x30000, 16), Bytes(16, 0xee));
  }
  // Key-controlled protection of the second destination page.
  {
    StorageTester t;
    t.state().psw.set_key(1);
    t.SetKey(0x10000, 1, false);  // the code page
    t.SetKey(0x30000, 1, false);
    t.SetKey(0x20000, 1, false);
    t.SetKey(0x31000, 2, false);
    t.Fill(0x30ff8, 16, 0xee);
    t.SetGr(2, 0x30ff8);
    t.SetGr(3, 0x20000);
    InsnResult r = t.Run(SSa(kMvc, 0, 15, 2, 0, 3));
    EXPECT_EQ(r.code, ProgramInterruptCode::kProtection);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(t.Get(0x30ff8, 16), Bytes(16, 0xee));
  }
  // Fetch protection of the source.
  {
    StorageTester t;
    t.state().psw.set_key(1);
    t.SetKey(0x10000, 1, false);
    t.SetKey(0x30000, 1, false);
    t.SetKey(0x20000, 3, true);
    t.Fill(0x30000, 16, 0xee);
    t.SetGr(2, 0x30000);
    t.SetGr(3, 0x20000);
    InsnResult r = t.Run(SSa(kMvc, 0, 15, 2, 0, 3));
    EXPECT_EQ(r.code, ProgramInterruptCode::kProtection);
    EXPECT_EQ(t.Get(0x30000, 16), Bytes(16, 0xee));
  }
}

TEST(StorageTest, MvcPageTranslationNullifies) {
  StorageTester t;
  t.EnableDat({0x31000});
  t.Fill(0x30ff0, 16, 0xee);
  t.Put(0x20000, Pattern(32, 1));
  t.SetGr(2, 0x30ff0);
  t.SetGr(3, 0x20000);
  InsnResult r = t.Run(SSa(kMvc, 0, 31, 2, 0, 3));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kPageTranslation);
  EXPECT_EQ(r.psw_address, StorageTester::kCode);  // nullified: the instruction runs again
  EXPECT_EQ(t.teid() & ~uint64_t{0xfff}, 0x31000u);
  EXPECT_EQ(t.Get(0x30ff0, 16), Bytes(16, 0xee));
  t.SetPageValid(0x31000, true);
  ASSERT_TRUE(t.Run(SSa(kMvc, 0, 31, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x30ff0, 32), Pattern(32, 1));
}

// --- MVCIN, MVCRL, MVZ, MVN, MVO ---------------------------------------------------------------------------

TEST(StorageTest, Mvcin) {
  StorageTester t;
  t.Put(0x20ffe, {1, 2, 3, 4, 5});  // the source crosses a page; its rightmost byte is at 0x21002
  t.SetGr(2, 0x30000);
  t.SetGr(3, 0x21002);
  ASSERT_TRUE(t.Run(SSa(kMvcin, 0, 4, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x30000, 5), (Bytes{5, 4, 3, 2, 1}));
}

TEST(StorageTest, MvcrlMovesRightToLeft) {
  StorageTester t;
  t.Put(0x20000, {1, 2, 3, 4, 5, 6, 7, 8});
  t.SetGr(0, 0xffffff03);  // length code 3 in bits 56-63
  t.SetGr(2, 0x20001);
  t.SetGr(3, 0x20000);
  // Destination right of the source: right to left is a plain move.
  ASSERT_TRUE(t.Run(SSE(kMvcrl, 0, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x20000, 8), (Bytes{1, 1, 2, 3, 4, 6, 7, 8}));
  // Destination left of the source: the rightmost byte propagates leftwards.
  t.Put(0x20000, {1, 2, 3, 4, 5, 6, 7, 8});
  t.SetGr(2, 0x20000);
  t.SetGr(3, 0x20001);
  ASSERT_TRUE(t.Run(SSE(kMvcrl, 0, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x20000, 8), (Bytes{5, 5, 5, 5, 5, 6, 7, 8}));
}

TEST(StorageTest, MvzAndMvn) {
  StorageTester t;
  t.Put(0x20000, {0x12, 0x34, 0x56});
  t.Put(0x30000, {0xab, 0xcd, 0xef});
  t.SetGr(2, 0x30000);
  t.SetGr(3, 0x20000);
  ASSERT_TRUE(t.Run(SSa(kMvz, 0, 2, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x30000, 3), (Bytes{0x1b, 0x3d, 0x5f}));
  ASSERT_TRUE(t.Run(SSa(kMvn, 0, 2, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x30000, 3), (Bytes{0x12, 0x34, 0x56}));
  // Overlapping by one byte: each byte moves the zone/numeric of the byte on its left, as stored.
  t.Put(0x20000, {0x1a, 0x2b, 0x3c, 0x4d});
  t.SetGr(2, 0x20001);
  ASSERT_TRUE(t.Run(SSa(kMvn, 0, 2, 2, 0, 3)).completed);
  EXPECT_EQ(t.Get(0x20000, 4), (Bytes{0x1a, 0x2a, 0x3a, 0x4a}));
}

TEST(StorageTest, Mvo) {
  StorageTester t;
  // PoP example: 7788990C shifted in from 123456 -> 0123456C.
  t.Put(0x30000, {0x77, 0x88, 0x99, 0x0c});
  t.Put(0x20000, {0x12, 0x34, 0x56});
  t.SetGr(2, 0x30000);
  t.SetGr(3, 0x20000);
  ASSERT_TRUE(t.Run(SSb(kMvo, 0, 3, 2, 0, 2, 3)).completed);
  EXPECT_EQ(t.Get(0x30000, 4), (Bytes{0x01, 0x23, 0x45, 0x6c}));
  // A shorter first operand loses the leftmost digits.
  t.Put(0x30000, {0x77, 0x0d});
  ASSERT_TRUE(t.Run(SSb(kMvo, 0, 1, 2, 0, 2, 3)).completed);
  EXPECT_EQ(t.Get(0x30000, 2), (Bytes{0x45, 0x6d}));
}

// --- NC, OC, XC --------------------------------------------------------------------------------------------

TEST(StorageTest, AndOrXorCharacter) {
  struct Row {
    const char* name;
    uint8_t op;
    Bytes op1, op2, result;
    int cc;
  };
  const Row rows[] = {
      {"NC nonzero", kNc, {0xf0, 0x0f, 0xff}, {0x3c, 0x3c, 0x01}, {0x30, 0x0c, 0x01}, 1},
      {"NC zero", kNc, {0xf0, 0x0f}, {0x0f, 0xf0}, {0, 0}, 0},
      {"OC nonzero", kOc, {0xf0, 0x00}, {0x0f, 0x80}, {0xff, 0x80}, 1},
      {"OC zero", kOc, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, 0},
      {"XC nonzero", kXc, {0xff, 0x55}, {0x0f, 0x55}, {0xf0, 0x00}, 1},
      {"XC zero", kXc, {0x12, 0x34}, {0x12, 0x34}, {0, 0}, 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    t.Put(0x30000, row.op1);
    t.Put(0x20000, row.op2);
    t.SetGr(2, 0x30000);
    t.SetGr(3, 0x20000);
    t.SetCc(3);
    InsnResult r = t.Run(SSa(row.op, 0, static_cast<int>(row.op1.size()) - 1, 2, 0, 3));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
    EXPECT_EQ(t.Get(0x30000, row.op1.size()), row.result);
  }
}

TEST(StorageTest, XcClearsAcrossAPage) {
  StorageTester t;
  t.Fill(0x20f80, 256, 0xa5);
  t.SetGr(2, 0x20f80);
  t.SetCc(1);
  InsnResult r = t.Run(SSa(kXc, 0, 255, 2, 0, 2));  // XC 0(256,%r2),0(%r2)
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x20f80, 256), Bytes(256, 0));
}

TEST(StorageTest, XcOverlapIsByteByByte) {
  StorageTester t;
  t.Put(0x20000, {1, 2, 4, 8, 16});
  t.SetGr(2, 0x20001);
  t.SetGr(3, 0x20000);
  ASSERT_TRUE(t.Run(SSa(kXc, 0, 3, 2, 0, 3)).completed);
  // byte i+1 ^= byte i, with byte i already updated: 1, 3, 7, 15, 31.
  EXPECT_EQ(t.Get(0x20000, 5), (Bytes{1, 3, 7, 15, 31}));
}

// --- CLC, CLI, CLM -----------------------------------------------------------------------------------------

TEST(StorageTest, Clc) {
  struct Row {
    Bytes op1, op2;
    int cc;
  };
  const Row rows[] = {{{1, 2, 3}, {1, 2, 3}, 0}, {{1, 2, 3}, {1, 2, 4}, 1}, {{0x80, 0}, {0x7f, 0xff}, 2},
                      {{0}, {0xff}, 1}};
  for (const Row& row : rows) {
    StorageTester t;
    t.Put(0x30000, row.op1);
    t.Put(0x20000, row.op2);
    t.SetGr(2, 0x30000);
    t.SetGr(3, 0x20000);
    InsnResult r = t.Run(SSa(kClc, 0, static_cast<int>(row.op1.size()) - 1, 2, 0, 3));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
  }
  // The difference lies in the second page of both operands.
  StorageTester t;
  t.Put(0x20f00, Pattern(256, 1));
  t.Put(0x31000 - 10, Pattern(256, 1));
  t.Put(0x31000 - 10 + 200, {0});
  t.SetGr(2, 0x31000 - 10);
  t.SetGr(3, 0x20f00);
  InsnResult r = t.Run(SSa(kClc, 0, 255, 2, 0, 3));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 1);
}

TEST(StorageTest, CliAndCliy) {
  StorageTester t;
  t.Put(0x20000, {0x80});
  t.SetGr(2, 0x20000 - 0x100);
  EXPECT_EQ(t.Run(SI(kCli, 0x100, 2, 0x80)).cc, 0);
  EXPECT_EQ(t.Run(SI(kCli, 0x100, 2, 0x7f)).cc, 2);  // unsigned: 0x80 > 0x7f
  EXPECT_EQ(t.Run(SI(kCli, 0x100, 2, 0xff)).cc, 1);
  t.SetGr(2, 0x20000 + 0x1000);
  EXPECT_EQ(t.Run(SIY(kCliy, -0x1000, 2, 0x81)).cc, 1);  // negative long displacement
}

TEST(StorageTest, ClmClmyClmh) {
  StorageTester t;
  t.Put(0x20000, {0x11, 0x33, 0x44});
  t.SetGr(4, 0xaabbccdd11223344);
  t.SetGr(2, 0x20000);
  EXPECT_EQ(t.Run(RS(kClm, 4, 0xb, 0, 2)).cc, 0);  // bytes 11 _ 33 44 vs 11 33 44
  EXPECT_EQ(t.Run(RS(kClm, 4, 0xf, 0, 2)).cc, 1);  // 11223344 vs 11334400: low
  t.Put(0x20000, {0x11, 0x22, 0x33, 0x44});
  EXPECT_EQ(t.Run(RS(kClm, 4, 0xf, 0, 2)).cc, 0);
  EXPECT_EQ(t.Run(RSY(kClmy, 4, 0x8, 0, 2)).cc, 0);
  EXPECT_EQ(t.Run(RSY(kClmh, 4, 0x1, 0, 2)).cc, 2);  // 0xdd vs 0x11
  EXPECT_EQ(t.Run(RSY(kClmh, 4, 0xc, 0, 2)).cc, 2);  // aa bb vs 11 22
  t.Put(0x20000, {0xff, 0xff});
  EXPECT_EQ(t.Run(RSY(kClmh, 4, 0xc, 0, 2)).cc, 1);
  t.SetCc(2);
  EXPECT_EQ(t.Run(RS(kClm, 4, 0, 0, 2)).cc, 0);  // mask 0: equal
  // Register bytes 0x80 vs 0x7f compare unsigned.
  t.SetGr(4, 0x80000000);
  t.Put(0x20000, {0x7f});
  EXPECT_EQ(t.Run(RS(kClm, 4, 0x8, 0, 2)).cc, 2);
}

// --- TR, TRT, TRTR -----------------------------------------------------------------------------------------

TEST(StorageTest, TrTranslates) {
  StorageTester t;
  Bytes table(256);
  for (int i = 0; i < 256; ++i) table[i] = static_cast<uint8_t>(255 - i);
  t.Put(0x40000, table);
  t.Put(0x30ffe, {0, 1, 2, 0x80, 0xff});  // crosses a page
  t.SetGr(2, 0x30ffe);
  t.SetGr(3, 0x40000);
  t.SetCc(3);
  InsnResult r = t.Run(SSa(kTr, 0, 4, 2, 0, 3));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 3);
  EXPECT_EQ(t.Get(0x30ffe, 5), (Bytes{0xff, 0xfe, 0xfd, 0x7f, 0x00}));
}

TEST(StorageTest, TrAccessesOnlyTheTableBytesUsed) {
  // The table starts 16 bytes before the end of memory: arguments below 16 work, a larger one raises an
  // addressing exception before anything is stored.
  StorageTester t;
  const uint64_t table = StorageTester::kLowSize - 16;
  t.Put(table, Pattern(16, 0x40));
  t.Put(0x30000, {3, 15, 0});
  t.SetGr(2, 0x30000);
  t.SetGr(3, table);
  ASSERT_TRUE(t.Run(SSa(kTr, 0, 2, 2, 0, 3)).completed);
  const Bytes p = Pattern(16, 0x40);
  EXPECT_EQ(t.Get(0x30000, 3), (Bytes{p[3], p[15], p[0]}));
  t.Put(0x30000, {3, 16, 0});
  InsnResult r = t.Run(SSa(kTr, 0, 2, 2, 0, 3));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(t.Get(0x30000, 3), (Bytes{3, 16, 0}));
}

TEST(StorageTest, TrWithTheTableOverlappingTheOperand) {
  // Each result byte is stored before the next function byte is fetched: the operand is the start of the
  // table, so the second byte is translated through the first byte's new value.
  StorageTester t;
  t.Put(0x40000, {1, 0});
  t.SetGr(2, 0x40000);
  ASSERT_TRUE(t.Run(SSa(kTr, 0, 1, 2, 0, 2)).completed);  // TR 0(2,%r2),0(%r2)
  // byte0 = t[1] = 0; byte1 = t[0], which is now 0 (it was 1).
  EXPECT_EQ(t.Get(0x40000, 2), (Bytes{0, 0}));
}

TEST(StorageTest, TrtAndTrtr) {
  Bytes table(256, 0);
  table[','] = 4;
  table[';'] = 8;
  struct Row {
    const char* name;
    uint8_t op;
    AddressingMode mode;
    Bytes text;
    int cc;
    uint64_t gr1;  // expected
    uint64_t gr2;
  };
  const uint64_t kText = 0x30000;
  const uint64_t kGr1 = 0xffffffffffffffff;
  const uint64_t kGr2 = 0x1111111111111111;
  const Row rows[] = {
      {"TRT found", kTrt, AddressingMode::k64, Str("ab,cd;"), 1, kText + 2, 0x1111111111111104},
      {"TRT last", kTrt, AddressingMode::k64, Str("abcd;"), 2, kText + 4, 0x1111111111111108},
      {"TRT none", kTrt, AddressingMode::k64, Str("abcd"), 0, kGr1, kGr2},
      {"TRT 31-bit clears bit 32", kTrt, AddressingMode::k31, Str("a,"), 2, 0xffffffff00000000 | (kText + 1),
       0x1111111111111104},
      {"TRT 24-bit keeps bits 32-39", kTrt, AddressingMode::k24, Str(",a"), 1, 0xffffffffff000000 | kText,
       0x1111111111111104},
      {"TRTR found", kTrtr, AddressingMode::k64, Str("a;bc,d"), 1, kText + 4, 0x1111111111111104},
      {"TRTR last", kTrtr, AddressingMode::k64, Str(";bcd"), 2, kText, 0x1111111111111108},
      {"TRTR 31-bit keeps bit 32", kTrtr, AddressingMode::k31, Str(",a"), 2, 0xffffffff80000000 | kText,
       0x1111111111111104},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    t.SetAddressingMode(row.mode);
    t.Put(0x40000, table);
    t.Put(kText, row.text);
    const int l = static_cast<int>(row.text.size()) - 1;
    t.SetGr(1, kGr1);
    t.SetGr(2, kGr2);
    t.SetGr(3, 0x40000);
    t.SetGr(4, row.op == kTrtr ? kText + l : kText);
    InsnResult r = t.Run(SSa(row.op, 0, l, 4, 0, 3));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, row.cc);
    EXPECT_EQ(t.gr(1), row.gr1) << std::hex << t.gr(1);
    EXPECT_EQ(t.gr(2), row.gr2) << std::hex << t.gr(2);
  }
}

// --- PKA, PKU, UNPKA, UNPKU --------------------------------------------------------------------------------

TEST(StorageTest, PackAsciiAndUnicode) {
  StorageTester t;
  t.Put(0x20000, Str("12345"));
  t.Fill(0x30000, 16, 0xee);
  t.SetGr(2, 0x30000);
  t.SetGr(3, 0x20000);
  ASSERT_TRUE(t.Run(SSf(kPka, 0, 2, 0, 4, 3)).completed);
  Bytes expected(16, 0);  // digits 1-5 right-aligned before the plus sign C
  expected[13] = 0x12;
  expected[14] = 0x34;
  expected[15] = 0x5c;
  EXPECT_EQ(t.Get(0x30000, 16), expected);
  // 32 characters: the leftmost digit is dropped, 31 remain.
  t.Put(0x20000, Str("98765432109876543210987654321012"));
  ASSERT_TRUE(t.Run(SSf(kPka, 0, 2, 0, 31, 3)).completed);
  EXPECT_EQ(t.Get(0x30000, 16), (Bytes{0x87, 0x65, 0x43, 0x21, 0x09, 0x87, 0x65, 0x43, 0x21, 0x09, 0x87, 0x65,
                                       0x43, 0x21, 0x01, 0x2c}));
  // PKU: the rightmost four bits of each two-byte character.
  t.Put(0x20000, {0x00, 0x37, 0xff, 0x39});
  ASSERT_TRUE(t.Run(SSf(kPku, 0, 2, 0, 3, 3)).completed);
  expected = Bytes(16, 0);
  expected[14] = 0x07;
  expected[15] = 0x9c;
  EXPECT_EQ(t.Get(0x30000, 16), expected);
}

TEST(StorageTest, UnpackAsciiAndUnicode) {
  StorageTester t;
  Bytes packed(16, 0);
  packed[14] = 0x12;
  packed[15] = 0x3d;  // -123
  t.Put(0x20000, packed);
  t.SetGr(2, 0x30000);
  t.SetGr(3, 0x20000);
  InsnResult r = t.Run(SSa(kUnpka, 0, 4, 2, 0, 3));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.Get(0x30000, 5), Str("00123"));
  packed[15] = 0x3f;
  t.Put(0x20000, packed);
  r = t.Run(SSa(kUnpku, 0, 5, 2, 0, 3));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x30000, 6), (Bytes{0, '1', 0, '2', 0, '3'}));
  packed[15] = 0x35;  // invalid sign
  t.Put(0x20000, packed);
  r = t.Run(SSa(kUnpka, 0, 31, 2, 0, 3));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 3);
  EXPECT_EQ(t.Get(0x30000, 32), Str("00000000000000000000000000000123"));
}

TEST(StorageTest, SpecificationExceptions) {
  struct Row {
    const char* name;
    Bytes insn;
  };
  const Row rows[] = {
      {"PKA longer than 32", SSf(kPka, 0, 2, 0, 32, 3)},
      {"PKU odd length", SSf(kPku, 0, 2, 0, 2, 3)},
      {"PKU longer than 64", SSf(kPku, 0, 2, 0, 65, 3)},
      {"UNPKA longer than 32", SSa(kUnpka, 0, 32, 2, 0, 3)},
      {"UNPKU odd length", SSa(kUnpku, 0, 4, 2, 0, 3)},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    StorageTester t;
    t.Fill(0x30000, 64, 0xee);
    t.SetGr(2, 0x30000);
    t.SetGr(3, 0x20000);
    t.SetCc(2);
    InsnResult r = t.Run(row.insn);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(r.cc, 2);
    EXPECT_EQ(t.Get(0x30000, 64), Bytes(64, 0xee));
  }
}

TEST(StorageTest, MvcrlNeedsMie3) {
  const CpuModel* z196 = *FindCpuModel("z196");
  StorageTester old(*z196);
  InsnResult r = old.Run(SSE(kMvcrl, 0, 2, 0, 3));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kOperation);
  EXPECT_EQ(r.ilc, 6);
}

TEST(StorageTest, MovePage) {
  StorageTester t;
  t.EnableDat({0x50000, 0x61000});
  t.Put(0x40000, Pattern(4096, 3));
  t.SetGr(0, 0);
  t.SetGr(2, 0x30123);  // the low 12 bits are ignored
  t.SetGr(4, 0x40fff);
  t.SetCc(3);
  InsnResult r = t.Run(RRE(kMvpg, 2, 4));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.Get(0x30000, 4096), Pattern(4096, 3));
  // With the condition-code option, an unavailable source page is CC 2, a destination page CC 1.
  t.SetGr(0, 0x100);
  t.SetGr(4, 0x50000);
  EXPECT_EQ(t.Run(RRE(kMvpg, 2, 4)).cc, 2);
  t.SetGr(2, 0x61000);
  t.SetGr(4, 0x40000);
  EXPECT_EQ(t.Run(RRE(kMvpg, 2, 4)).cc, 1);
  // Without it, the page-translation exception nullifies.
  t.SetGr(0, 0);
  r = t.Run(RRE(kMvpg, 2, 4));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kPageTranslation);
  EXPECT_EQ(r.psw_address, StorageTester::kCode);
  // Reserved bits of GR0, and both key controls at once.
  for (uint64_t r0 : {0x1000u, 0xc00u}) {
    t.SetGr(0, r0);
    r = t.Run(RRE(kMvpg, 2, 4));
    EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(r.ilc, 4);
  }
  // A key control in the problem state with a key the PSW-key mask does not allow.
  t.state().cr[3] = 0x80000000;  // key 0 only
  t.SetGr(0, 0x850);             // F, key 5
  EXPECT_EQ(t.Run(RRE(kMvpg, 2, 4)).code, ProgramInterruptCode::kPrivilegedOperation);
}

}  // namespace
}  // namespace s390vmm::interp::testing
