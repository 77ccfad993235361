// Tests of compression.cc (COMPRESSION CALL) with hand-built dictionaries: fixed index-symbol strings
// worked out from the PoP's compression flowchart (longest match through children, examine-child bits,
// additional-extension characters, double-character entries, format-0 and format-1 sibling descriptors,
// symbol translation), expansion through unpreceded and preceded entries, compress -> expand round trips,
// CC 0/1/3 endings, CBN handling, zero padding, data and specification exceptions, and resumption after
// an access exception.
#include <cstring>

#include "cpu/interp/insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

const Bytes kCmpsc = RRE(0xb263, 2, 4);  // CMPSC 2,4
constexpr uint64_t kDict = 0x40000;
constexpr uint64_t kSrc = 0x60000;
constexpr uint64_t kDst = 0x70000;

Bytes Ascii(const char* s) { return Bytes(s, s + std::strlen(s)); }

// ---- Dictionary entries (PoP "Compression Call" entry formats) ---------------------------------------------

uint64_t Byte(int k, uint8_t v) { return uint64_t{v} << (56 - 8 * k); }

// CCE without children: CCT 0, ACT in bits 8-10, the AECs from byte 3.
uint64_t CceLeaf(const Bytes& aec = {}) {
  uint64_t e = uint64_t{aec.size()} << 53;
  for (size_t k = 0; k < aec.size(); ++k) e |= Byte(3 + k, aec[k]);
  return e;
}
// CCE with one child: X1 in bit 3, ACT, CPTR in bits 11-23, AECs from byte 3, then the child character.
uint64_t CceOne(bool x1, const Bytes& aec, uint8_t cc, uint16_t cptr) {
  uint64_t e = uint64_t{1} << 61 | uint64_t{x1} << 60 | uint64_t{aec.size()} << 53 | uint64_t{cptr} << 40;
  for (size_t k = 0; k < aec.size(); ++k) e |= Byte(3 + k, aec[k]);
  return e | Byte(3 + aec.size(), cc);
}
// CCE with several children: X1-X5 (x: 0x10 = X1), Y1-Y2 (y: 2 = Y1), D (one AEC), CPTR, the children's
// characters; `more`: sibling descriptors follow (CCT one higher than the characters).
uint64_t CceMany(uint8_t x, uint8_t y, const Bytes& aec, const Bytes& ccs, uint16_t cptr, bool more) {
  const uint64_t cct = ccs.size() + (more ? 1 : 0);
  uint64_t e = cct << 61 | uint64_t{x} << 56 | uint64_t{y} << 54 | uint64_t{aec.size()} << 53 | uint64_t{cptr} << 40;
  for (size_t k = 0; k < aec.size(); ++k) e |= Byte(3, aec[k]);
  for (size_t k = 0; k < ccs.size(); ++k) e |= Byte(3 + aec.size() + k, ccs[k]);
  return e;
}
// Format-0 SD: SCT in bits 0-2 (0: seven and more), Y1-Y5 (y: 0x10 = Y1), SCs in bytes 1-7.
uint64_t Sd0(uint8_t sct, uint8_t y, const Bytes& scs) {
  uint64_t e = uint64_t{sct} << 61 | uint64_t{y} << 56;
  for (size_t k = 0; k < scs.size(); ++k) e |= Byte(1 + k, scs[k]);
  return e;
}
// Format-1 SD: SCT in bits 0-3, Y1-Y12 in bits 4-15 (y: 0x800 = Y1), SCs 1-6 in bytes 2-7; SCs 7-14 are
// the expansion-dictionary entry of the same index (Sd1Continuation).
uint64_t Sd1(uint8_t sct, uint16_t y, const Bytes& scs) {
  uint64_t e = uint64_t{sct} << 60 | uint64_t{y} << 48;
  for (size_t k = 0; k < scs.size() && k < 6; ++k) e |= Byte(2 + k, scs[k]);
  return e;
}
uint64_t Sd1Continuation(const Bytes& scs) {
  uint64_t e = 0;
  for (size_t k = 6; k < scs.size(); ++k) e |= Byte(k - 6, scs[k]);
  return e;
}
// Unpreceded ECE: CSL in bits 5-7, the characters from byte 1.
uint64_t Ece(const char* chars) {
  const size_t n = std::strlen(chars);
  uint64_t e = uint64_t{n} << 56;
  for (size_t k = 0; k < n; ++k) e |= Byte(1 + k, chars[k]);
  return e;
}
// Preceded ECE: PSL in bits 0-2, PPTR in bits 3-15, the characters from byte 2, OFST in byte 7.
uint64_t EcePreceded(const char* chars, uint16_t pptr, uint8_t ofst) {
  const size_t n = std::strlen(chars);
  uint64_t e = uint64_t{n} << 61 | uint64_t{pptr} << 48 | ofst;
  for (size_t k = 0; k < n; ++k) e |= Byte(2 + k, chars[k]);
  return e;
}

// GR0 for CMPSC: CDSS, E (expansion), F1, ST, ZP.
uint64_t Gr0(int cdss, bool expand, bool f1 = false, bool st = false, bool zp = false) {
  return uint64_t(cdss) << 12 | uint64_t{expand} << 8 | uint64_t{f1} << 9 | uint64_t{st} << 16 | uint64_t{zp} << 17;
}

// The model of the other tests plus the CMPSC-enhancement facility (47, zero padding).
const CpuModel& CmpscEnhancedModel() {
  static const CpuModel* model = new CpuModel(
      "cmpsc-test", 0x8561, "compression tests",
      {0, 1, 2, 7, 18, 19, 21, 22, 25, 27, 31, 32, 33, 34, 35, 37, 41, 45, 47, 49, 53, 58, 61});
  return *model;
}

class CmpscTest : public ::testing::Test {
 protected:
  explicit CmpscTest(const CpuModel& model = IntegerTestModel()) : t_(model) {}

  // Entry `index` of the dictionary at `dict`.
  void Put(uint64_t dict, uint32_t index, uint64_t entry) { t_.Put(dict + 8 * index, Be<uint64_t>(entry)); }

  // Dictionary 1 (CDSS 1, format-0 SDs): compression at kDict, expansion at kDict + 4K.
  //   'a' -> "ab" (256, examined: has a child) and "ac" (257, a leaf); "ab" -> "abc" (258).
  //   't' -> "th"+AEC 'e' = "the" (260, examined), "to" "t1" "t2" "t3" (261-264) and, through the SD at
  //   265, "te" (266, Y1 0) and "tx"+AECs "yz" = "txyz" (267, Y2 1: examined).
  // The expansion dictionary expands "abc" through a preceded entry (258 -> 256) and "txyz" through a
  // preceded entry on an entry compression never produces (267 -> 268 "tx").
  void BuildDictionary1() {
    for (uint32_t c = 0; c < 256; ++c) Put(kDict, c, CceLeaf());
    Put(kDict, 'a', CceMany(0x10, 0, {}, Ascii("bc"), 256, false));
    Put(kDict, 256, CceOne(false, {}, 'c', 258));
    Put(kDict, 257, CceLeaf());
    Put(kDict, 258, CceLeaf());
    Put(kDict, 't', CceMany(0x10, 0, {}, Ascii("ho123"), 260, true));
    Put(kDict, 260, CceLeaf(Ascii("e")));
    for (uint32_t i = 261; i <= 264; ++i) Put(kDict, i, CceLeaf());
    Put(kDict, 265, Sd0(2, 0x08, Ascii("ex")));
    Put(kDict, 266, CceLeaf());
    Put(kDict, 267, CceLeaf(Ascii("yz")));
    const uint64_t exp = kDict + 0x1000;
    Put(exp, 256, Ece("ab"));
    Put(exp, 257, Ece("ac"));
    Put(exp, 258, EcePreceded("c", 256, 2));
    Put(exp, 260, Ece("the"));
    Put(exp, 261, Ece("to"));
    Put(exp, 262, Ece("t1"));
    Put(exp, 263, Ece("t2"));
    Put(exp, 264, Ece("t3"));
    Put(exp, 266, Ece("te"));
    Put(exp, 267, EcePreceded("yz", 268, 2));
    Put(exp, 268, Ece("tx"));
  }

  // Runs CMPSC with the operands at `dst` (length len1) and `src` (len2), re-executing while CC 3.
  InsnResult Run(uint64_t gr0, uint64_t gr1, uint64_t dst, uint64_t len1, uint64_t src, uint64_t len2,
                 int* executions = nullptr) {
    t_.SetGr(0, gr0);
    t_.SetGr(1, gr1);
    t_.SetGr(2, dst);
    t_.SetGr(3, len1);
    t_.SetGr(4, src);
    t_.SetGr(5, len2);
    InsnResult r;
    int n = 0;
    do {
      r = t_.Run(kCmpsc);
      ++n;
    } while (r.completed && r.cc == 3 && n < 100000);
    if (executions) *executions = n;
    return r;
  }

  InsnTester t_;
};

TEST_F(CmpscTest, CompressesWithChildrenAecsAndSiblings) {
  BuildDictionary1();
  const Bytes input = Ascii("abcabacxthetxyztxqthz");
  t_.Put(kSrc, input);
  const InsnResult r = Run(Gr0(1, false), kDict, kDst, 100, kSrc, input.size());
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 0);
  // Index symbols 258 ("abc"), 256 ("ab"), 257 ("ac"), 'x', 260 ("the"), 267 ("txyz"), 't' (AECs "yz"
  // do not match "qt"), 'x', 'q', 't' (AEC 'e' of "th" does not match 'z'), 'h', 'z': 12 x 9 bits.
  EXPECT_EQ(t_.Get(kDst, 14), (Bytes{0x81, 0x40, 0x20, 0x27, 0x88, 0x24, 0x2c, 0xe8, 0x78, 0x38, 0x9d, 0x0d, 0x07,
                                     0xa0}));
  EXPECT_EQ(t_.gr(2), kDst + 13);
  EXPECT_EQ(t_.gr(3), 100u - 13);
  EXPECT_EQ(t_.gr(4), kSrc + input.size());
  EXPECT_EQ(t_.gr(5), 0u);
  EXPECT_EQ(t_.gr(1), kDict | 4) << "CBN 4: 108 bits";

  // Expansion of the result gives the input back.
  t_.Put(0x80000, Bytes(32, 0));
  const InsnResult e = Run(Gr0(1, true), kDict + 0x1000, 0x80000, 32, kDst, 14);
  ASSERT_TRUE(e.completed);
  EXPECT_EQ(e.cc, 0);
  EXPECT_EQ(t_.Get(0x80000, input.size()), input);
  EXPECT_EQ(t_.gr(2), 0x80000 + input.size());
  EXPECT_EQ(t_.gr(4), kDst + 13) << "the last 4 bits are fewer than a symbol";
  EXPECT_EQ(t_.gr(5), 1u);
  EXPECT_EQ(t_.gr(1), (kDict + 0x1000) | 4);
}

TEST_F(CmpscTest, FirstOperandFullEndsWithCc1) {
  BuildDictionary1();
  t_.Put(kSrc, Ascii("abcabacx"));
  const InsnResult r = Run(Gr0(1, false), kDict, kDst, 3, kSrc, 8);
  EXPECT_EQ(r.cc, 1);
  // 258 and 256 fit (9 bits at CBN 0 and 1); the third would need 2 bytes at CBN 2 with 1 left.
  EXPECT_EQ(t_.gr(2), kDst + 2);
  EXPECT_EQ(t_.gr(3), 1u);
  EXPECT_EQ(t_.gr(4), kSrc + 5);
  EXPECT_EQ(t_.gr(5), 3u);
  EXPECT_EQ(t_.gr(1), kDict | 2);
  EXPECT_EQ(t_.Get(kDst, 3), (Bytes{0x81, 0x40, 0x00}));
  // Resuming at CBN 2 with room keeps the two bits already there.
  t_.SetGr(3, 10);
  t_.SetGr(0, Gr0(1, false));
  const InsnResult r2 = t_.Run(kCmpsc);
  EXPECT_EQ(r2.cc, 0);
  // 257 and 'x' after 258 and 256: 100000010 100000000 100000001 001111000.
  EXPECT_EQ(t_.Get(kDst, 5), (Bytes{0x81, 0x40, 0x20, 0x27, 0x80}));
}

TEST_F(CmpscTest, EmptySourceIsCc0EvenWhenTheFirstOperandIsFull) {
  BuildDictionary1();
  EXPECT_EQ(Run(Gr0(1, false), kDict, kDst, 0, kSrc, 0).cc, 0);
  t_.Put(kSrc, Ascii("a"));
  EXPECT_EQ(Run(Gr0(1, false), kDict, kDst, 1, kSrc, 1).cc, 1) << "a 9-bit symbol needs 2 bytes";
  EXPECT_EQ(Run(Gr0(1, true), kDict + 0x1000, kDst, 0, kSrc, 1).cc, 0) << "8 bits hold no symbol";
}

TEST_F(CmpscTest, LongInputEndsWithCc3AndResumes) {
  BuildDictionary1();
  Bytes input(10000);
  for (size_t i = 0; i < input.size(); ++i) input[i] = "abcthex"[i % 7];
  t_.Put(kSrc, input);
  int executions = 0;
  const InsnResult r = Run(Gr0(1, false), kDict, kDst, 0x10000, kSrc, input.size(), &executions);
  EXPECT_EQ(r.cc, 0);
  EXPECT_GT(executions, 2) << "a CPU-determined amount per execution";
  const uint64_t compressed = t_.gr(2) - kDst + (t_.gr(1) & 7 ? 1 : 0);
  EXPECT_LT(compressed, input.size());
  const InsnResult e = Run(Gr0(1, true), kDict + 0x1000, 0x90000, input.size(), kDst, compressed, &executions);
  EXPECT_EQ(e.cc, 0);
  EXPECT_GT(executions, 2);
  EXPECT_EQ(t_.Get(0x90000, input.size()), input);
  EXPECT_EQ(t_.gr(3), 0u);
}

TEST_F(CmpscTest, FormatOneSiblingsAndSymbolSize10) {
  // CDSS 2: 1024 entries, the expansion dictionary 8K after the compression dictionary.
  const uint64_t exp = kDict + 0x2000;
  for (uint32_t c = 0; c < 256; ++c) Put(kDict, c, CceLeaf());
  // 's': children 'A'-'E' (300-304, leaves) and more: a format-1 SD at 305 with 14 siblings 'a'-'n' and
  // more siblings (SCT 15), children 306-319; Y3 examines "sc", the parent's Y1 the 13th sibling "sm"
  // (AEC '!'), its Y2 (0) leaves the 14th "sn" unexamined; a second SD at 320 holds 'z' (321).
  Put(kDict, 's', CceMany(0, 2, {}, Ascii("ABCDE"), 300, true));
  for (uint32_t i = 300; i <= 304; ++i) Put(kDict, i, CceLeaf());
  const Bytes siblings = Ascii("abcdefghijklmn");
  Put(kDict, 305, Sd1(15, 0x200, siblings));
  Put(exp, 305, Sd1Continuation(siblings));
  for (uint32_t i = 306; i <= 319; ++i) Put(kDict, i, CceLeaf());
  Put(kDict, 318, CceLeaf(Ascii("!")));
  Put(kDict, 320, Sd1(1, 0, Ascii("z")));
  Put(kDict, 321, CceLeaf());
  Put(exp, 308, Ece("sc"));
  Put(exp, 316, Ece("sk"));
  Put(exp, 318, Ece("sm!"));
  Put(exp, 319, Ece("sn"));
  Put(exp, 321, Ece("sz"));
  const Bytes input = Ascii("scsmsm!snszsk");
  t_.Put(kSrc, input);
  const InsnResult r = Run(Gr0(2, false, /*f1=*/true), kDict, kDst, 100, kSrc, input.size());
  EXPECT_EQ(r.cc, 0);
  // 308 "sc", 's', 'm', 318 "sm!", 319 "sn", 321 "sz", 316 "sk": 7 x 10 bits.
  EXPECT_EQ(t_.Get(kDst, 9), (Bytes{0x4d, 0x07, 0x31, 0xb5, 0x3e, 0x4f, 0xd4, 0x14, 0xf0}));
  EXPECT_EQ(t_.gr(1), kDict | 6);
  const InsnResult e = Run(Gr0(2, true), exp, 0x80000, 100, kDst, 9);
  EXPECT_EQ(e.cc, 0);
  EXPECT_EQ(t_.Get(0x80000, input.size()), input);
  EXPECT_EQ(t_.gr(3), 100 - input.size());
}

TEST_F(CmpscTest, FormatZeroSdWithMoreSiblings) {
  for (uint32_t c = 0; c < 256; ++c) Put(kDict, c, CceLeaf());
  // 'q': 5 CCs and more, a format-0 SD with SCT 0 (seven siblings and more) and a
  // second SD; siblings 6 and 7 of the first SD use the parent's Y bits (Y1 1, Y2 0), those of the second
  // are always examined.
  Put(kDict, 'q', CceMany(0, 2, {}, Ascii("12345"), 256, true));
  for (uint32_t i = 256; i <= 260; ++i) Put(kDict, i, CceLeaf());
  Put(kDict, 261, Sd0(0, 0, Ascii("abcdefg")));  // children 262-268
  for (uint32_t i = 262; i <= 268; ++i) Put(kDict, i, CceLeaf());
  Put(kDict, 267, CceLeaf(Ascii("?")));           // 'f' (6th): examined through Y1, needs "?"
  Put(kDict, 269, Sd0(2, 0x08, Ascii("hi")));     // second SD at 261 + 7 + 1; children 270, 271 (Y2)
  Put(kDict, 270, CceLeaf());
  Put(kDict, 271, CceLeaf(Ascii("!")));
  t_.Put(kSrc, Ascii("qaqfqf?qgqhqi!qi"));
  const InsnResult r = Run(Gr0(1, false), kDict, kDst, 100, kSrc, 16);
  EXPECT_EQ(r.cc, 0);
  // 262 "qa", 'q', 'f', 267 "qf?", 268 "qg" (7th, parent Y2 0: leaf), 270 "qh", 271 "qi!", 'q', 'i'.
  const uint32_t expected[] = {262, 'q', 'f', 267, 268, 270, 271, 'q', 'i'};
  std::string bits;
  for (uint32_t s : expected) {
    for (int b = 8; b >= 0; --b) bits += ((s >> b) & 1) ? '1' : '0';
  }
  std::string got;
  for (uint8_t byte : t_.Get(kDst, (bits.size() + 7) / 8)) {
    for (int b = 7; b >= 0; --b) got += ((byte >> b) & 1) ? '1' : '0';
  }
  EXPECT_EQ(got.substr(0, bits.size()), bits);
}

TEST_F(CmpscTest, DoubleCharacterEntryAndSymbolTranslation) {
  for (uint32_t c = 0; c < 256; ++c) Put(kDict, c, CceLeaf());
  // "wh" + D-bit AEC 'e' = "whe" (256) with children "when" (257) and "whey" (258).
  Put(kDict, 'w', CceOne(true, {}, 'h', 256));
  Put(kDict, 256, CceMany(0, 0, Ascii("e"), Ascii("ny"), 257, false));
  Put(kDict, 257, CceLeaf());
  Put(kDict, 258, CceLeaf());
  t_.Put(kSrc, Ascii("whenwhewheyz"));
  EXPECT_EQ(Run(Gr0(1, false), kDict, kDst, 100, kSrc, 12).cc, 0);
  EXPECT_EQ(t_.Get(kDst, 5), (Bytes{0x80, 0xc0, 0x20, 0x47, 0xa0}));  // 257, 256, 258, 'z'
  // The same with symbol translation: the table at dictionary + 128 * STT (STT 0x40 = 8K), each index
  // replaced by its halfword (here index ^ 0x1ff).
  const uint64_t table = kDict + 0x2000;
  for (uint32_t i : {257u, 256u, 258u, 0x7au}) t_.Put(table + 2 * i, Be<uint16_t>(static_cast<uint16_t>(i ^ 0x1ff)));
  t_.Put(kDst, Bytes(8, 0));
  EXPECT_EQ(Run(Gr0(1, false, false, /*st=*/true), kDict | 0x40 << 3, kDst, 100, kSrc, 12).cc, 0);
  EXPECT_EQ(t_.Get(kDst, 5), (Bytes{0x7f, 0x3f, 0xdf, 0xb8, 0x50}));
  EXPECT_EQ(t_.gr(1), kDict | 0x40 << 3 | 4) << "only the CBN changes in GR1";
}

TEST_F(CmpscTest, ExpansionStartsAtTheBitNumber) {
  BuildDictionary1();
  // "111" then 258 ("abc") and 'z' from CBN 3: 111 100000010 001111010 -> 11110000 00100011 11010xxx.
  t_.Put(kSrc, Bytes{0xf0, 0x23, 0xd7});
  const InsnResult e = Run(Gr0(1, true), (kDict + 0x1000) | 3, 0x80000, 10, kSrc, 3);
  EXPECT_EQ(e.cc, 0);
  EXPECT_EQ(t_.Get(0x80000, 4), Ascii("abcz"));
  EXPECT_EQ(t_.gr(4), kSrc + 2);
  EXPECT_EQ(t_.gr(5), 1u);
  EXPECT_EQ(t_.gr(1), (kDict + 0x1000) | 5);
}

TEST_F(CmpscTest, ExpansionNeedsRoomForTheWholeSymbol) {
  BuildDictionary1();
  t_.Put(kSrc, Bytes{0x81, 0x00});  // 258 "abc"
  t_.Put(0x80000, Bytes(4, 0xee));
  const InsnResult e = Run(Gr0(1, true), kDict + 0x1000, 0x80000, 2, kSrc, 2);
  EXPECT_EQ(e.cc, 1);
  EXPECT_EQ(t_.Get(0x80000, 4), Bytes(4, 0xee));
  EXPECT_EQ(t_.gr(2), 0x80000u);
  EXPECT_EQ(t_.gr(4), kSrc);
  EXPECT_EQ(t_.gr(1), kDict + 0x1000);
}

TEST_F(CmpscTest, InvalidEntriesAreDataExceptionsAfterTheCompletedSymbols) {
  BuildDictionary1();
  // Compression: 'x' is emitted, then the entry of 'b' has CCT 7 without D.
  Put(kDict, 'b', uint64_t{7} << 61);
  t_.Put(kSrc, Ascii("xb"));
  t_.SetCc(2);
  InsnResult r = Run(Gr0(1, false), kDict, kDst, 100, kSrc, 2);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kData);
  EXPECT_EQ(r.ilc, 4);
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t_.gr(4), kSrc + 1);
  EXPECT_EQ(t_.gr(2), kDst + 1);
  EXPECT_EQ(t_.gr(1), kDict | 1);

  const struct {
    const char* name;
    uint64_t entry;
  } bad_cce[] = {
      {"CCT 1 with 5 AECs", uint64_t{1} << 61 | uint64_t{5} << 53},
      {"CCT 0 with 6 AECs", uint64_t{6} << 53},
      {"D and CCT 6", uint64_t{6} << 61 | uint64_t{1} << 53},
      {"child pointer beyond the dictionary", uint64_t{2} << 61 | uint64_t{0x1fff} << 40},
  };
  for (const auto& c : bad_cce) {
    SCOPED_TRACE(c.name);
    Put(kDict, 'b', c.entry);
    r = Run(Gr0(1, false), kDict, kDst, 100, kSrc + 1, 2);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kData);
    EXPECT_EQ(t_.gr(4), kSrc + 1);
  }

  // Expansion: 'q' is expanded, then entry 300 has neither PSL nor CSL; entry 301 has PSL 6; entry 302
  // is preceded by an entry whose characters fall outside the symbol.
  const uint64_t exp = kDict + 0x1000;
  Put(exp, 300, 0);
  Put(exp, 301, uint64_t{6} << 61);
  Put(exp, 302, EcePreceded("z", 303, 1));
  Put(exp, 303, EcePreceded("yy", 256, 3));
  for (uint32_t index : {300u, 301u, 302u}) {
    SCOPED_TRACE(index);
    // 'q' (0x71) then `index`, 9 bits each.
    const uint32_t bits = 0x71u << 9 | index;
    t_.Put(kSrc, Bytes{static_cast<uint8_t>(bits >> 10), static_cast<uint8_t>(bits >> 2),
                       static_cast<uint8_t>(bits << 6)});
    r = Run(Gr0(1, true), exp, 0x80000, 10, kSrc, 3);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kData);
    EXPECT_EQ(t_.Get(0x80000, 1), Ascii("q"));
    EXPECT_EQ(t_.gr(2), 0x80001u);
    EXPECT_EQ(t_.gr(4), kSrc + 1);
    EXPECT_EQ(t_.gr(1), exp | 1);
  }
}

TEST_F(CmpscTest, SpecificationExceptions) {
  RunExceptionCases({
      {"odd R1", RRE(0xb263, 3, 4), {{0, Gr0(1, false)}, {1, kDict}}, ProgramInterruptCode::kSpecification},
      {"odd R2", RRE(0xb263, 2, 5), {{0, Gr0(1, false)}, {1, kDict}}, ProgramInterruptCode::kSpecification},
      {"CDSS 0", kCmpsc, {{0, Gr0(0, false)}, {1, kDict}}, ProgramInterruptCode::kSpecification},
      {"CDSS 6", kCmpsc, {{0, Gr0(6, true)}, {1, kDict}}, ProgramInterruptCode::kSpecification},
  });
}

TEST_F(CmpscTest, AccessExceptionKeepsTheCompletedSymbols) {
  BuildDictionary1();
  t_.Put(kSrc, Ascii("xyz"));
  // The first symbol fits in the last two bytes of storage; the second would cross its end.
  const uint64_t dst = InsnTester::kMemorySize - 2;
  const InsnResult r = Run(Gr0(1, false), kDict, dst, 100, kSrc, 3);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(t_.gr(2), dst + 1);
  EXPECT_EQ(t_.gr(3), 99u);
  EXPECT_EQ(t_.gr(4), kSrc + 1);
  EXPECT_EQ(t_.gr(5), 2u);
  EXPECT_EQ(t_.gr(1), kDict | 1);
  EXPECT_EQ(t_.Get(dst, 2), (Bytes{0x3c, 0x00}));
}

TEST_F(CmpscTest, ThirtyOneBitModeWrapsAndUpdatesTheLowWords) {
  BuildDictionary1();
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kSrc, Ascii("abc"));
  const InsnResult r = Run(Gr0(1, false), 0xffffffff00000000ull | kDict, 0xaaaaaaaa80000000ull | kDst,
                           0xbbbbbbbb00000010ull, 0xcccccccc00000000ull | kSrc, 0xdddddddd00000003ull);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t_.gr(2), 0xaaaaaaaa00000000ull | (kDst + 1));
  EXPECT_EQ(t_.gr(3), 0xbbbbbbbb0000000full);
  EXPECT_EQ(t_.gr(4), 0xcccccccc00000000ull | (kSrc + 3));
  EXPECT_EQ(t_.gr(5), 0xdddddddd00000000ull);
  EXPECT_EQ(t_.gr(1), 0xffffffff00000000ull | kDict | 1);
}

class CmpscZeroPadTest : public CmpscTest {
 protected:
  CmpscZeroPadTest() : CmpscTest(CmpscEnhancedModel()) {}
};

TEST_F(CmpscZeroPadTest, PadsToTheBoundaryOnlyWithTheFacility) {
  BuildDictionary1();
  t_.Put(kSrc, Ascii("xyz"));
  t_.Put(kDst, Bytes(16, 0xff));
  EXPECT_EQ(Run(Gr0(1, false, false, false, /*zp=*/true), kDict, kDst, 100, kSrc, 3).cc, 0);
  // 'x' 'y' 'z' (27 bits), the partly used fourth byte kept, zeros to the doubleword boundary.
  EXPECT_EQ(t_.Get(kDst, 9), (Bytes{0x3c, 0x1e, 0x4f, 0x40, 0, 0, 0, 0, 0xff}));
  EXPECT_EQ(t_.gr(2), kDst + 3);
  // Without zero padding requested nothing after the result changes.
  t_.Put(kDst, Bytes(16, 0xff));
  EXPECT_EQ(Run(Gr0(1, false), kDict, kDst, 100, kSrc, 3).cc, 0);
  EXPECT_EQ(t_.Get(kDst, 9), (Bytes{0x3c, 0x1e, 0x4f, 0x40, 0xff, 0xff, 0xff, 0xff, 0xff}));
}

TEST_F(CmpscTest, ZeroPaddingNeedsTheFacility) {
  BuildDictionary1();
  t_.Put(kSrc, Ascii("xyz"));
  t_.Put(kDst, Bytes(16, 0xff));
  EXPECT_EQ(Run(Gr0(1, false, false, false, /*zp=*/true), kDict, kDst, 100, kSrc, 3).cc, 0);
  EXPECT_EQ(t_.Get(kDst + 4, 4), Bytes(4, 0xff));
}

}  // namespace
}  // namespace s390vmm::interp::testing
