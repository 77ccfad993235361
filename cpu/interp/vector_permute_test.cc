// Tests of the vector element-move, generate, permute and pack instructions (vector_permute.cc).
#include <cstdint>

#include "cpu/interp/vector_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

const Vec kPattern(0x0011223344556677, 0x8899aabbccddeeff);
const Vec kCount(0x0102030405060708, 0x090a0b0c0d0e0f10);
const Vec kOld(0xdeaddeaddeaddead, 0xbeefbeefbeefbeef);

// Runs one instruction that must complete; returns its CC.
int Exec(VectorTester& t, const Bytes& insn) {
  const InsnResult r = t.Run(insn);
  EXPECT_TRUE(r.completed) << "program interruption " << static_cast<int>(r.code);
  return r.cc;
}

// Runs one instruction that must end in a specification exception (ILC 6) with V1-V3 and the CC unchanged.
void ExpectSpecification(VectorTester& t, const Bytes& insn) {
  t.SetCc(2);
  const auto vr = t.state().vr;
  const InsnResult r = t.Run(insn);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(r.ilc, 6);
  EXPECT_EQ(r.cc, 2);
  for (int v = 0; v < 32; ++v) EXPECT_EQ(Vec(t.state().vr[v]), Vec(vr[v])) << "v" << v;
}

TEST(VectorPermuteTest, LoadGrFromVrElement) {
  VectorTester t;
  t.SetV(19, kPattern);
  struct C {
    int d2, base, m4;
    uint64_t expected;
  };
  for (const C& c : {C{5, 0, 0, 0x55}, C{21, 0, 0, 0x55}, C{3, 0, 1, 0x6677}, C{2, 0, 2, 0x8899aabb},
                     C{1, 0, 3, 0x8899aabbccddeeff}, C{0, 2, 3, 0x8899aabbccddeeff}, C{0xfff, 0, 2, 0xccddeeff}}) {
    t.SetGr(1, ~0ull);
    t.SetGr(2, 0x1001);
    Exec(t, VRSc(0xe721, 1, 19, c.d2, c.base, c.m4));  // VLGV %r1,%v19,d2(base),m4
    EXPECT_EQ(t.gr(1), c.expected) << c.d2 << " " << c.m4;
  }
  ExpectSpecification(t, VRSc(0xe721, 1, 19, 0, 0, 4));
}

TEST(VectorPermuteTest, LoadVrElementFromGr) {
  VectorTester t;
  t.SetGr(3, 0x123456789abcdef0);
  struct C {
    int d2, m4;
    Vec expected;
  };
  for (const C& c : {C{0, 0, Vec(0xf0addeaddeaddead, 0xbeefbeefbeefbeef)},
                     C{17, 0, Vec(0xdef0deaddeaddead, 0xbeefbeefbeefbeef)},
                     C{7, 1, Vec(0xdeaddeaddeaddead, 0xbeefbeefbeefdef0)},
                     C{2, 2, Vec(0xdeaddeaddeaddead, 0x9abcdef0beefbeef)},
                     C{0, 3, Vec(0x123456789abcdef0, 0xbeefbeefbeefbeef)}}) {
    t.SetV(17, kOld);
    Exec(t, VRSb(0xe722, 17, 3, c.d2, 0, c.m4));  // VLVG %v17,%r3,d2,m4
    EXPECT_EQ(t.V(17), c.expected) << c.d2 << " " << c.m4;
  }
  ExpectSpecification(t, VRSb(0xe722, 17, 3, 0, 0, 4));
  t.SetGr(4, 0xfedcba9876543210);
  Exec(t, VRRf(0xe762, 30, 3, 4));  // VLVGP %v30,%r3,%r4
  EXPECT_EQ(t.V(30), Vec(0x123456789abcdef0, 0xfedcba9876543210));
}

TEST(VectorPermuteTest, LoadElementImmediate) {
  VectorTester t;
  t.SetV(1, Vec(0, 0));
  Exec(t, VRIa(0xe740, 1, 0xfffe, 3));   // VLEIB -2 -> byte 3
  Exec(t, VRIa(0xe741, 1, 0x8000, 2));   // VLEIH -32768 -> halfword 2
  Exec(t, VRIa(0xe743, 1, 0xffff, 3));   // VLEIF -1 -> word 3
  EXPECT_EQ(t.V(1), Vec(0x000000fe80000000, 0x00000000ffffffff));
  Exec(t, VRIa(0xe742, 1, 0xfffe, 0));   // VLEIG -2 -> doubleword 0
  Exec(t, VRIa(0xe742, 1, 0x7fff, 1));
  EXPECT_EQ(t.V(1), Vec(0xfffffffffffffffe, 0x7fff));
  ExpectSpecification(t, VRIa(0xe741, 1, 0, 8));
  ExpectSpecification(t, VRIa(0xe743, 1, 0, 4));
  ExpectSpecification(t, VRIa(0xe742, 1, 0, 2));
}

TEST(VectorPermuteTest, GenerateByteMaskAndMask) {
  VectorTester t;
  Exec(t, VRIa(0xe744, 1, 0x8001));  // VGBM
  EXPECT_EQ(t.V(1), Vec(0xff00000000000000, 0xff));
  Exec(t, VRIa(0xe744, 1, 0x0f30));
  EXPECT_EQ(t.V(1), Vec(0x00000000ffffffff, 0x0000ffff00000000));
  struct C {
    int i2, i3, m4;
    Vec expected;
  };
  for (const C& c : {C{2, 5, 0, Vec(0x3c3c3c3c3c3c3c3c, 0x3c3c3c3c3c3c3c3c)},
                     C{6, 1, 0, Vec(0xc3c3c3c3c3c3c3c3, 0xc3c3c3c3c3c3c3c3)},
                     C{18, 3, 1, Vec(0x3000300030003000, 0x3000300030003000)},
                     C{31, 0, 2, Vec(0x8000000180000001, 0x8000000180000001)},
                     C{0, 63, 3, Vec(~0ull, ~0ull)},
                     C{63, 63, 3, Vec(1, 1)},
                     C{5, 5, 0, Vec(0x0404040404040404, 0x0404040404040404)}}) {
    Exec(t, VRIb(0xe746, 1, c.i2, c.i3, c.m4));  // VGM
    EXPECT_EQ(t.V(1), c.expected) << c.i2 << "-" << c.i3 << " m4 " << c.m4;
  }
  ExpectSpecification(t, VRIb(0xe746, 1, 0, 1, 4));
}

TEST(VectorPermuteTest, Replicate) {
  VectorTester t;
  Exec(t, VRIa(0xe745, 1, 0xfffd, 1));  // VREPI -3 halfwords
  EXPECT_EQ(t.V(1), Vec(0xfffdfffdfffdfffd, 0xfffdfffdfffdfffd));
  Exec(t, VRIa(0xe745, 1, 0x7fff, 3));
  EXPECT_EQ(t.V(1), Vec(0x7fff, 0x7fff));
  Exec(t, VRIa(0xe745, 1, 0x0180, 0));  // bytes take the rightmost 8 bits
  EXPECT_EQ(t.V(1), Vec(0x8080808080808080, 0x8080808080808080));
  ExpectSpecification(t, VRIa(0xe745, 1, 0, 4));

  t.SetV(18, kPattern);
  Exec(t, VRIc(0xe74d, 1, 18, 3, 1));  // VREP halfword 3
  EXPECT_EQ(t.V(1), Vec(0x6677667766776677, 0x6677667766776677));
  Exec(t, VRIc(0xe74d, 18, 18, 3, 2));  // word 3, V1 = V3
  EXPECT_EQ(t.V(18), Vec(0xccddeeffccddeeff, 0xccddeeffccddeeff));
  t.SetV(18, kPattern);
  Exec(t, VRIc(0xe74d, 1, 18, 1, 3));
  EXPECT_EQ(t.V(1), Vec(kPattern.lo, kPattern.lo));
  ExpectSpecification(t, VRIc(0xe74d, 1, 18, 16, 0));
  ExpectSpecification(t, VRIc(0xe74d, 1, 18, 2, 3));
  ExpectSpecification(t, VRIc(0xe74d, 1, 18, 0, 4));
}

TEST(VectorPermuteTest, SignExtendToDoubleword) {
  VectorTester t;
  t.SetV(2, kPattern);
  Exec(t, VRRa(0xe75f, 1, 2, 0));
  EXPECT_EQ(t.V(1), Vec(0x77, ~0ull));
  Exec(t, VRRa(0xe75f, 1, 2, 1));
  EXPECT_EQ(t.V(1), Vec(0x6677, 0xffffffffffffeeff));
  Exec(t, VRRa(0xe75f, 2, 2, 2));
  EXPECT_EQ(t.V(2), Vec(0x44556677, 0xffffffffccddeeff));
  ExpectSpecification(t, VRRa(0xe75f, 1, 2, 3));
}

TEST(VectorPermuteTest, Merge) {
  VectorTester t;
  struct C {
    uint16_t op;
    int m4;
    Vec expected;
  };
  for (const C& c : {C{0xe761, 0, Vec(0x0001110222033304, 0x4405550666077708)},
                     C{0xe760, 0, Vec(0x8809990aaa0bbb0c, 0xcc0ddd0eee0fff10)},
                     C{0xe761, 2, Vec(0x0011223301020304, 0x4455667705060708)},
                     C{0xe760, 1, Vec(0x8899090aaabb0b0c, 0xccdd0d0eeeff0f10)},
                     C{0xe761, 3, Vec(kPattern.hi, kCount.hi)},
                     C{0xe760, 3, Vec(kPattern.lo, kCount.lo)}}) {
    t.SetV(2, kPattern);
    t.SetV(3, kCount);
    Exec(t, VRRc(c.op, 1, 2, 3, c.m4));
    EXPECT_EQ(t.V(1), c.expected) << std::hex << c.op << " m4 " << c.m4;
  }
  // All three operands the same register.
  t.SetV(4, kPattern);
  Exec(t, VRRc(0xe761, 4, 4, 4, 1));
  EXPECT_EQ(t.V(4), Vec(0x0011001122332233, 0x4455445566776677));
  ExpectSpecification(t, VRRc(0xe761, 1, 2, 3, 4));
  ExpectSpecification(t, VRRc(0xe760, 1, 2, 3, 4));
}

TEST(VectorPermuteTest, PermutesAndSelect) {
  VectorTester t;
  t.SetV(2, kPattern);
  t.SetV(3, kCount);
  for (const auto& [m4, expected] : {std::pair<int, Vec>{0, Vec(kPattern.hi, kCount.hi)},
                                     {5, Vec(kPattern.lo, kCount.lo)},
                                     {4, Vec(kPattern.lo, kCount.hi)},
                                     {1, Vec(kPattern.hi, kCount.lo)}}) {
    Exec(t, VRRc(0xe784, 1, 2, 3, m4));  // VPDI
    EXPECT_EQ(t.V(1), expected) << "m4 " << m4;
  }
  t.SetV(20, VecBytes({31, 0, 16, 15, 37, 224, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21}));
  Exec(t, VRRe(0xe78c, 1, 2, 3, 20));  // VPERM
  EXPECT_EQ(t.V(1), Vec(0x100001ff55001102, 0x2203330444055506));
  Exec(t, VRRe(0xe78c, 20, 2, 3, 20));  // V1 = V4
  EXPECT_EQ(t.V(20), Vec(0x100001ff55001102, 0x2203330444055506));

  t.SetV(5, Vec(0x8000000000000001, 0x3));
  t.SetV(6, VecBytes({0, 1, 63, 64, 126, 127, 128, 255, 0, 1, 1, 1, 1, 1, 1, 1}));
  t.SetV(7, kOld);
  Exec(t, VRRc(0xe785, 7, 5, 6));  // VBPERM
  EXPECT_EQ(t.V(7), Vec(0xac80, 0));

  t.SetV(8, Vec(0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f));
  Exec(t, VRRe(0xe78d, 1, 2, 3, 8));  // VSEL: V2 where V4 is one, V3 where zero
  EXPECT_EQ(t.V(1), Vec(0x0002220444066608, 0x08090a0b0c0d0e1f));
}

TEST(VectorPermuteTest, Pack) {
  VectorTester t;
  t.SetV(2, kPattern);
  t.SetV(3, kCount);
  Exec(t, VRRc(0xe794, 1, 2, 3, 1));  // VPKH
  EXPECT_EQ(t.V(1), Vec(0x1133557799bbddff, 0x020406080a0c0e10));
  Exec(t, VRRc(0xe794, 1, 2, 3, 2));
  EXPECT_EQ(t.V(1), Vec(0x22336677aabbeeff, 0x030407080b0c0f10));
  Exec(t, VRRc(0xe794, 2, 2, 3, 3));  // V1 = V2
  EXPECT_EQ(t.V(2), Vec(0x44556677ccddeeff, 0x050607080d0e0f10));
  ExpectSpecification(t, VRRc(0xe794, 1, 2, 3, 0));
  ExpectSpecification(t, VRRc(0xe794, 1, 2, 3, 4));
}

TEST(VectorPermuteTest, PackSaturate) {
  VectorTester t;
  // Signed halfwords to bytes: 0x7f, 0x80 -> 0x7f (sat), -128, -129 -> -128 (sat), max, min, 0, -1.
  t.SetV(2, Vec(0x007f0080ff80ff7f, 0x7fff80000000ffff));
  t.SetV(3, Vec(0, 0));
  t.SetCc(2);
  EXPECT_EQ(Exec(t, VRRb(0xe797, 1, 2, 3, 1, 1)), 1);  // VPKSHS
  EXPECT_EQ(t.V(1), Vec(0x7f7f80807f8000ff, 0));
  t.SetCc(2);
  EXPECT_EQ(Exec(t, VRRb(0xe797, 1, 2, 3, 1, 0)), 2) << "without CS the CC is unchanged";
  EXPECT_EQ(Exec(t, VRRb(0xe797, 1, 3, 3, 1, 1)), 0);
  t.SetV(4, Vec(0x7fffffff7fffffff, 0x7fffffff7fffffff));
  t.SetV(5, Vec(0x8000000080000000, 0x8000000080000000));
  EXPECT_EQ(Exec(t, VRRb(0xe797, 1, 4, 5, 2, 1)), 3);  // words to halfwords, all saturated
  EXPECT_EQ(t.V(1), Vec(0x7fff7fff7fff7fff, 0x8000800080008000));
  t.SetV(4, Vec(0xffffffff80000000, 0x000000007fffffff));
  t.SetV(5, Vec(0x0000000000000001, 0x8000000000000000));
  EXPECT_EQ(Exec(t, VRRb(0xe797, 1, 4, 5, 3, 1)), 1);  // doublewords to words: only the last saturates
  EXPECT_EQ(t.V(1), Vec(0x800000007fffffff, 0x0000000180000000));

  // Logical: words to halfwords.
  t.SetV(2, Vec(0x0000ffff00010000, 0xffffffff00001234));
  t.SetV(3, Vec(0, 0x0000000000010000));
  EXPECT_EQ(Exec(t, VRRb(0xe795, 1, 2, 3, 2, 1)), 1);  // VPKLSFS
  EXPECT_EQ(t.V(1), Vec(0xffffffffffff1234, 0x000000000000ffff));
  EXPECT_EQ(Exec(t, VRRb(0xe795, 1, 3, 3, 2, 1)), 1);
  t.SetV(3, Vec(0x00ff00ff00ff00ff, 0x00ff00ff00ff00ff));
  EXPECT_EQ(Exec(t, VRRb(0xe795, 1, 3, 3, 1, 1)), 0);  // halfwords 0xff fit a byte
  EXPECT_EQ(t.V(1), Vec(~0ull, ~0ull));
  t.SetV(3, Vec(0x0100010001000100, 0x0100010001000100));
  EXPECT_EQ(Exec(t, VRRb(0xe795, 1, 3, 3, 1, 1)), 3);
  ExpectSpecification(t, VRRb(0xe795, 1, 2, 3, 0, 1));
  ExpectSpecification(t, VRRb(0xe797, 1, 2, 3, 4, 1));
}

TEST(VectorPermuteTest, Unpack) {
  VectorTester t;
  const Vec src(0x80ff017f00000000, 0x8081828384858687);
  struct C {
    uint16_t op;
    int m3;
    Vec expected;
  };
  for (const C& c : {C{0xe7d7, 0, Vec(0xff80ffff0001007f, 0)},                     // VUPHB
                     C{0xe7d5, 0, Vec(0x008000ff0001007f, 0)},                     // VUPLHB
                     C{0xe7d6, 0, Vec(0xff80ff81ff82ff83, 0xff84ff85ff86ff87)},    // VUPLB
                     C{0xe7d4, 0, Vec(0x0080008100820083, 0x0084008500860087)},    // VUPLLB
                     C{0xe7d7, 2, Vec(0xffffffff80ff017f, 0)},                     // VUPHF
                     C{0xe7d5, 2, Vec(0x0000000080ff017f, 0)},                     // VUPLHF
                     C{0xe7d4, 1, Vec(0x0000808100008283, 0x0000848500008687)},    // VUPLLH
                     C{0xe7d6, 1, Vec(0xffff8081ffff8283, 0xffff8485ffff8687)}}) {  // VUPLH
    t.SetV(2, src);
    Exec(t, VRRa(c.op, 1, 2, c.m3));
    EXPECT_EQ(t.V(1), c.expected) << std::hex << c.op << " m3 " << c.m3;
    Exec(t, VRRa(c.op, 2, 2, c.m3));  // in place
    EXPECT_EQ(t.V(2), c.expected) << std::hex << c.op << " m3 " << c.m3 << " in place";
  }
  for (uint16_t op : {0xe7d4, 0xe7d5, 0xe7d6, 0xe7d7}) ExpectSpecification(t, VRRa(op, 1, 2, 3));
}

}  // namespace
}  // namespace s390vmm::interp::testing
