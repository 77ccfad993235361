// Tests of the vector string instructions (vector_string.cc). The expected results and condition codes of
// the table were obtained by running the same instructions on the same operands under qemu-s390x-static
// (-cpu max, QEMU 7.2) and checked against the PoP's rules; VSTRS also agrees with the results the
// valgrind test suite records from hardware (no match: index 16, CC 1 when the string has a zero).
#include <cstdint>
#include <string>

#include "cpu/interp/vector_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

const Vec kZero(0, 0);
const Vec kOld(0xdeaddeaddeaddead, 0xbeefbeefbeefbeef);

// A string operand: up to 16 characters, '$' standing for a zero byte, zero-padded.
Vec S(const std::string& s) {
  Bytes b(16, 0);
  for (size_t k = 0; k < s.size() && k < 16; ++k) b[k] = s[k] == '$' ? 0 : static_cast<uint8_t>(s[k]);
  return VecBytes(b);
}
// The fourth operand of VSTRS: the substring length in byte 7.
Vec Len(int bytes) { return Vec(static_cast<uint64_t>(bytes), 0); }

struct StringCase {
  std::string name;
  Bytes insn;  // V1 = 1, V2 = 2, V3 = 3, V4 = 4
  Vec v2, v3, v4;
  Vec expected;
  int cc;  // the CC is 2 before the instruction (instructions without CS leave it)
};

TEST(VectorStringTest, FamilyImplemented) {
  ExpectFamilyImplemented({"VFAE", "VFEE", "VFENE", "VISTR", "VSTRC", "VSTRS"});
}

TEST(VectorStringTest, ResultsAndConditionCodes) {
  const StringCase cases[] = {
      {"vfee1 vfee %v1,%v2,%v3,0,3", VRRb(0xe780, 1, 2, 3, 0, 3),
       S("hello$world"), S("hxllo"), kZero, Vec(0, 0), 2},
      {"vfee2 vfee %v1,%v2,%v3,0,1", VRRb(0xe780, 1, 2, 3, 0, 1),
       S("abc"), S("xyz"), kZero, Vec(0x3, 0), 1},
      {"vfee3 vfee %v1,%v2,%v3,0,3", VRRb(0xe780, 1, 2, 3, 0, 3),
       S("abc"), S("xyz"), kZero, Vec(0x3, 0), 0},
      {"vfee4 vfee %v1,%v2,%v3,1,3", VRRb(0xe780, 1, 2, 3, 1, 3),
       Vec(0x6162636400000005, 0), Vec(0x6162000100020003, 0x0004000500060007), kZero, Vec(0, 0), 2},
      {"vfee5 vfee %v1,%v2,%v3,2,1", VRRb(0xe780, 1, 2, 3, 2, 1),
       Vec(0x0000000100000002, 0x0000000300000004), Vec(0x0000000500000006, 0x0000000300000004), kZero, Vec(0x8, 0), 1},
      {"vfee6 vfee %v1,%v2,%v3,2,3", VRRb(0xe780, 1, 2, 3, 2, 3),
       Vec(0x0000000100000000, 0x0000000300000004), Vec(0x0000000500000006, 0x0000000700000008), kZero, Vec(0x4, 0), 0},
      {"vfee7 vfee %v1,%v2,%v3,0,1", VRRb(0xe780, 1, 2, 3, 0, 1),
       S("abcdefghijklmnop"), S("ABCDEFGHIJKLMNOP"), kZero, Vec(0x10, 0), 3},
      {"vfene1 vfene %v1,%v2,%v3,0,3", VRRb(0xe781, 1, 2, 3, 0, 3),
       S("hello$"), S("hello$"), kZero, Vec(0x5, 0), 0},
      {"vfene2 vfene %v1,%v2,%v3,0,3", VRRb(0xe781, 1, 2, 3, 0, 3),
       S("hello"), S("help"), kZero, Vec(0x3, 0), 1},
      {"vfene3 vfene %v1,%v2,%v3,0,1", VRRb(0xe781, 1, 2, 3, 0, 1),
       S("abc"), S("abc"), kZero, Vec(0x10, 0), 3},
      {"vfene4 vfene %v1,%v2,%v3,0,3", VRRb(0xe781, 1, 2, 3, 0, 3),
       S("ab$d"), S("abxd"), kZero, Vec(0x2, 0), 1},
      {"vfene5 vfene %v1,%v2,%v3,0,3", VRRb(0xe781, 1, 2, 3, 0, 3),
       S("abd"), S("abc"), kZero, Vec(0x2, 0), 2},
      {"vfene6 vfene %v1,%v2,%v3,1,3", VRRb(0xe781, 1, 2, 3, 1, 3),
       Vec(0x0001000200038000, 0), Vec(0x0001000200037fff, 0), kZero, Vec(0x6, 0), 2},
      {"vfene7 vfene %v1,%v2,%v3,2,1", VRRb(0xe781, 1, 2, 3, 2, 1),
       Vec(0x0000000100000002, 0x0000000300000004), Vec(0x0000000100000002, 0x0000000300000004), kZero,
       Vec(0x10, 0), 3},
      {"vfene8 vfene %v1,%v2,%v3,0,3", VRRb(0xe781, 1, 2, 3, 0, 3),
       S("abcdefghijklmnop"), S("abcdefghijklmnop"), kZero, Vec(0x10, 0), 3},
      {"vfene9 vfene %v1,%v2,%v3,0,0", VRRb(0xe781, 1, 2, 3, 0, 0),
       S("abcx"), S("abcd"), kZero, Vec(0x3, 0), 2},
      {"vfae1 vfae %v1,%v2,%v3,0,3", VRRb(0xe782, 1, 2, 3, 0, 3),
       S("hello world"), S("ow"), kZero, Vec(0x4, 0), 2},
      {"vfae2 vfae %v1,%v2,%v3,0,9", VRRb(0xe782, 1, 2, 3, 0, 9),
       S("aaab"), S("a"), kZero, Vec(0x3, 0), 1},
      {"vfae3 vfae %v1,%v2,%v3,0,5", VRRb(0xe782, 1, 2, 3, 0, 5),
       S("hello world"), S("ow"), kZero, Vec(0x00000000ff00ffff, 0x000000ffffffffff), 1},
      {"vfae4 vfae %v1,%v2,%v3,0,3", VRRb(0xe782, 1, 2, 3, 0, 3),
       S("bcd"), S("xxxxxxxxxxxxxxxx"), kZero, Vec(0x3, 0), 0},
      {"vfae5 vfae %v1,%v2,%v3,0,1", VRRb(0xe782, 1, 2, 3, 0, 1),
       S("bcd"), S("xxxxxxxxxxxxxxxx"), kZero, Vec(0x10, 0), 3},
      {"vfae6 vfae %v1,%v2,%v3,1,3", VRRb(0xe782, 1, 2, 3, 1, 3),
       Vec(0x0041004200430000, 0x0044000000000000), Vec(0x0043009900990099, 0x0099009900990099), kZero, Vec(0x4, 0), 2},
      {"vfae7 vfae %v1,%v2,%v3,2,13", VRRb(0xe782, 1, 2, 3, 2, 13),
       Vec(0x0000000100000002, 0x0000000300000004), Vec(0x0000000200000002, 0x0000000200000002), kZero,
       Vec(0xffffffff00000000, 0xffffffffffffffff), 1},
      {"vfae8 vfae %v1,%v2,%v3,0,11", VRRb(0xe782, 1, 2, 3, 0, 11),
       S("aaa"), S("a"), kZero, Vec(0x3, 0), 0},
      {"vfae9 vfae %v1,%v2,%v3,0,15", VRRb(0xe782, 1, 2, 3, 0, 15),
       S("ab$a"), S("bbbbbbbbbbbbbbbb"), kZero, Vec(0xff00ffffffffffff, 0xffffffffffffffff), 2},
      {"vistr1 vistr %v1,%v2,0,1", VRRa(0xe75c, 1, 2, 0, 0, 1),
       S("abc$def"), kZero, kZero, Vec(0x6162630000000000, 0), 0},
      {"vistr2 vistr %v1,%v2,0,1", VRRa(0xe75c, 1, 2, 0, 0, 1),
       S("abcdefghijklmnop"), kZero, kZero, Vec(0x6162636465666768, 0x696a6b6c6d6e6f70), 3},
      {"vistr3 vistr %v1,%v2,1,1", VRRa(0xe75c, 1, 2, 1, 0, 1),
       S("a$bc$$xy"), kZero, kZero, Vec(0x6100626300000000, 0), 0},
      {"vistr4 vistr %v1,%v2,2,0", VRRa(0xe75c, 1, 2, 2, 0, 0),
       Vec(0x0000001122000000, 0x5), kZero, kZero, Vec(0x0000001122000000, 0), 2},
      {"vistr5 vistr %v1,%v2,0,1", VRRa(0xe75c, 1, 2, 0, 0, 1),
       S("$abc"), kZero, kZero, Vec(0, 0), 0},
      {"vstrc1 vstrc %v1,%v2,%v3,%v4,0,3", VRRd(0xe78a, 1, 2, 3, 4, 0, 3),
       S("AB1cD"), S("az09"), Vec(0xa0c0a0c000000000, 0), Vec(0x2, 0), 2},
      {"vstrc2 vstrc %v1,%v2,%v3,%v4,0,11", VRRd(0xe78a, 1, 2, 3, 4, 0, 11),
       S("AB1cD"), S("az09"), Vec(0xa0c0a0c000000000, 0), Vec(0, 0), 2},
      {"vstrc3 vstrc %v1,%v2,%v3,%v4,0,7", VRRd(0xe78a, 1, 2, 3, 4, 0, 7),
       S("AB1cD"), S("az09"), Vec(0xa0c0a0c000000000, 0), Vec(0x0000ffff00000000, 0), 2},
      {"vstrc4 vstrc %v1,%v2,%v3,%v4,0,1", VRRd(0xe78a, 1, 2, 3, 4, 0, 1),
       S("ABCDEFGHIJKLMNOP"), S("az09"), Vec(0xa0c0a0c000000000, 0), Vec(0x10, 0), 3},
      {"vstrc5 vstrc %v1,%v2,%v3,%v4,0,3", VRRd(0xe78a, 1, 2, 3, 4, 0, 3),
       S("ABC"), S("az09"), Vec(0xa0c0a0c000000000, 0), Vec(0x3, 0), 0},
      {"vstrc6 vstrc %v1,%v2,%v3,%v4,1,3", VRRd(0xe78a, 1, 2, 3, 4, 1, 3),
       Vec(0x0100020003000250, 0), Vec(0x0240026000000000, 0), Vec(0xa000c00000000000, 0), Vec(0x6, 0), 2},
      {"vstrc7 vstrc %v1,%v2,%v3,%v4,2,5", VRRd(0xe78a, 1, 2, 3, 4, 2, 5),
       Vec(0x000000050000000a, 0x0000000f00000014), Vec(0x0000000a0000000f, 0),
       Vec(0x2000000040000000, 0x8000000080000000), Vec(0, 0), 3},
      {"vstrc8 vstrc %v1,%v2,%v3,%v4,0,1", VRRd(0xe78a, 1, 2, 3, 4, 0, 1),
       S("xyz"), S("az"), Vec(0x8080000000000000, 0), Vec(0x10, 0), 3},
      {"vstrs1 vstrs %v1,%v2,%v3,%v4,0,2", VRRd(0xe78b, 1, 2, 3, 4, 0, 2),
       S("haystack$needle"), S("needle$haystack"), Len(6), Vec(0x10, 0), 1},
      {"vstrs2 vstrs %v1,%v2,%v3,%v4,0,2", VRRd(0xe78b, 1, 2, 3, 4, 0, 2),
       S("haystack, needle"), S("needle, haystack"), Len(16), Vec(0xa, 0), 3},
      {"vstrs3 vstrs %v1,%v2,%v3,%v4,0,0", VRRd(0xe78b, 1, 2, 3, 4, 0, 0),
       S("match in UNDEF"), S("UN"), Len(2), Vec(0x9, 0), 2},
      {"vstrs4 vstrs %v1,%v2,%v3,%v4,0,2", VRRd(0xe78b, 1, 2, 3, 4, 0, 2),
       S(""), S(""), Len(0), Vec(0, 0), 2},
      {"vstrs5 vstrs %v1,%v2,%v3,%v4,0,0", VRRd(0xe78b, 1, 2, 3, 4, 0, 0),
       S("abcdefghijklmnop"), S("xy"), Len(2), Vec(0x10, 0), 0},
      {"vstrs6 vstrs %v1,%v2,%v3,%v4,0,0", VRRd(0xe78b, 1, 2, 3, 4, 0, 0),
       S("abcdefghijklmnop"), S("opq"), Len(3), Vec(0xe, 0), 3},
      {"vstrs7 vstrs %v1,%v2,%v3,%v4,1,0", VRRd(0xe78b, 1, 2, 3, 4, 1, 0),
       Vec(0x0001000200030004, 0x0005000600070008), Vec(0x0004000500060000, 0), Len(6), Vec(0x6, 0), 2},
      {"vstrs8 vstrs %v1,%v2,%v3,%v4,2,0", VRRd(0xe78b, 1, 2, 3, 4, 2, 0),
       Vec(0x0000000100000002, 0x0000000300000004), Vec(0x0000000400000005, 0), Len(8), Vec(0xc, 0), 3},
      {"vstrs9 vstrs %v1,%v2,%v3,%v4,0,2", VRRd(0xe78b, 1, 2, 3, 4, 0, 2),
       S("abcdefg$"), S("fgh"), Len(3), Vec(0x10, 0), 1},
      {"vstrs10 vstrs %v1,%v2,%v3,%v4,0,2", VRRd(0xe78b, 1, 2, 3, 4, 0, 2),
       S("abcabd$"), S("abd$zz"), Len(6), Vec(0x3, 0), 2},
      {"vstrs11 vstrs %v1,%v2,%v3,%v4,0,0", VRRd(0xe78b, 1, 2, 3, 4, 0, 0),
       S("xxab"), S("ab"), Len(2), Vec(0x2, 0), 2},
      {"vstrs12 vstrs %v1,%v2,%v3,%v4,0,2", VRRd(0xe78b, 1, 2, 3, 4, 0, 2),
       S("abcdefghijklmnop"), S("op"), Len(20), Vec(0xe, 0), 2},
  };
  for (const StringCase& c : cases) {
    SCOPED_TRACE(c.name);
    VectorTester t;
    t.SetV(1, kOld);
    t.SetV(2, c.v2);
    t.SetV(3, c.v3);
    t.SetV(4, c.v4);
    t.SetCc(2);
    const InsnResult r = t.Run(c.insn);
    ASSERT_TRUE(r.completed) << "program interruption " << static_cast<int>(r.code);
    EXPECT_EQ(t.V(1), c.expected);
    EXPECT_EQ(r.cc, c.cc);
    EXPECT_EQ(t.V(2), c.v2) << "the second operand is unchanged";
  }
}

// The operands may be the same registers, and any of V0-V31.
TEST(VectorStringTest, OverlappingAndHighRegisters) {
  VectorTester t;
  t.SetV(17, S("hello$"));
  t.SetV(30, S("help"));
  EXPECT_EQ(t.Run(VRRb(0xe781, 30, 17, 30, 0, 3)).cc, 1);  // VFENEZBS %v30,%v17,%v30
  EXPECT_EQ(t.V(30), Vec(3, 0));
  t.SetV(17, S("abc$def"));
  EXPECT_EQ(t.Run(VRRa(0xe75c, 17, 17, 0, 0, 1)).cc, 0);  // VISTRBS %v17,%v17
  EXPECT_EQ(t.V(17), S("abc"));
  t.SetV(20, S("xxab"));
  t.SetV(21, S("ab"));
  t.SetV(22, Len(2));
  EXPECT_EQ(t.Run(VRRd(0xe78b, 22, 20, 21, 22, 0, 0)).cc, 2);  // VSTRS, V1 = V4
  EXPECT_EQ(t.V(22), Vec(2, 0));
  t.SetV(23, S("hello world"));
  t.SetV(24, S("ow"));
  EXPECT_EQ(t.Run(VRRb(0xe782, 24, 23, 24, 0, 1)).cc, 1);  // VFAEBS, V1 = V3
  EXPECT_EQ(t.V(24), Vec(4, 0));
}

// A string operation over a longer string, the way glibc's strlen and strcmp loop: VFENEZBS and VISTR.
TEST(VectorStringTest, StrcmpStyleLoop) {
  VectorTester t;
  const std::string a = "the quick brown fox jumps over the lazy dog";
  const std::string b = "the quick brown fox jumps over the lazy cat";
  size_t offset = 0;
  int cc = 3;
  uint64_t index = 16;
  while (cc == 3) {
    t.SetV(2, S(a.substr(offset, 16) + "$"));
    t.SetV(3, S(b.substr(offset, 16) + "$"));
    const InsnResult r = t.Run(VRRb(0xe781, 1, 2, 3, 0, 3));
    ASSERT_TRUE(r.completed);
    cc = r.cc;
    index = t.V(1).hi;
    if (cc == 3) offset += 16;
  }
  EXPECT_EQ(offset + index, a.find("dog"));
  EXPECT_EQ(cc, 2) << "'d' < 'c' is false: the first operand is high";
}

TEST(VectorStringTest, SpecificationExceptions) {
  const Bytes bad[] = {
      VRRb(0xe780, 1, 2, 3, 3, 0),     // VFEE ES 3
      VRRb(0xe780, 1, 2, 3, 0, 4),     // VFEE reserved M5 bit 1
      VRRb(0xe781, 1, 2, 3, 0, 8),     // VFENE reserved M5 bit 0
      VRRb(0xe781, 1, 2, 3, 4, 0),     // VFENE ES 4
      VRRb(0xe782, 1, 2, 3, 3, 15),    // VFAE ES 3
      VRRa(0xe75c, 1, 2, 3, 0, 1),     // VISTR ES 3
      VRRa(0xe75c, 1, 2, 0, 0, 2),     // VISTR reserved M5 bit 2
      VRRd(0xe78a, 1, 2, 3, 4, 3, 0),  // VSTRC ES 3
      VRRd(0xe78b, 1, 2, 3, 4, 3, 0),  // VSTRS ES 3
      VRRd(0xe78b, 1, 2, 3, 4, 0, 1),  // VSTRS M6 bit 3 (no CS flag)
      VRRd(0xe78b, 1, 2, 3, 4, 0, 4),  // VSTRS M6 bit 1
      VRRd(0xe78b, 1, 2, 3, 4, 0, 8),  // VSTRS M6 bit 0
  };
  for (const Bytes& insn : bad) {
    SCOPED_TRACE(isa::Disassemble(isa::Decode(insn.data()), 0));
    VectorTester t;
    t.SetV(1, kOld);
    t.SetCc(1);
    const InsnResult r = t.Run(insn);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(r.cc, 1);
    EXPECT_EQ(t.V(1), kOld);
  }
}

TEST(VectorStringTest, EnablementAndFacility) {
  VectorTester t;
  t.DisableVector();
  t.SetV(1, kOld);
  InsnResult r = t.Run(VRRb(0xe781, 1, 2, 3, 0, 3));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kData);
  EXPECT_EQ((t.state().fpc >> 8) & 0xff, kDxcVectorInstruction);
  EXPECT_EQ(t.V(1), kOld);

  VectorTester base(VectorBaseTestModel());
  r = base.Run(VRRd(0xe78b, 1, 2, 3, 4, 0, 0));  // VSTRS needs vector-enhancements 2
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kOperation);
  EXPECT_EQ(base.Run(VRRd(0xe78a, 1, 2, 3, 4, 0, 1)).completed, true);  // VSTRC is base vector
}

}  // namespace
}  // namespace s390vmm::interp::testing
