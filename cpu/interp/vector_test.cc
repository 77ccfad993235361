// Tests of the vector load/store family (vector.cc): one instruction at a time on a real Interpreter in
// user mode. Element moves, permutes and packs are in vector_permute_test.cc.
#include <array>
#include <cstdint>
#include <string>

#include "cpu/interp/vector_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x20000;

const Vec kPattern(0x0011223344556677, 0x8899aabbccddeeff);
const Vec kOld(0xdeaddeaddeaddead, 0xbeefbeefbeefbeef);

// Runs `insn`, expecting a program interruption `code` with ILC 6 that changes no vector or general
// register, no byte of [check_addr, check_addr + check_len) and not the CC.
void ExpectSuppressed(VectorTester& t, const Bytes& insn, ProgramInterruptCode code, uint64_t check_addr = kData,
                      size_t check_len = 32) {
  t.SetCc(2);
  const auto vr = t.state().vr;
  const auto gr = t.state().gr;
  const Bytes mem = t.Get(check_addr, check_len);
  const InsnResult r = t.Run(insn);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, code);
  EXPECT_EQ(r.ilc, 6);
  EXPECT_EQ(r.cc, 2);
  for (int v = 0; v < 32; ++v) EXPECT_EQ(Vec(t.state().vr[v]), Vec(vr[v])) << "v" << v;
  EXPECT_EQ(t.state().gr, gr);
  EXPECT_EQ(t.Get(check_addr, check_len), mem);
}

void ExpectCompleted(VectorTester& t, const Bytes& insn) {
  const InsnResult r = t.Run(insn);
  ASSERT_TRUE(r.completed) << "program interruption " << static_cast<int>(r.code);
}

TEST(VectorTest, FamilyImplemented) {
  ExpectFamilyImplemented({"VL",      "VLR",     "VLREP",   "VLEB",    "VLEH",    "VLEF",    "VLEG",   "VLLEZ",
                           "VLBB",    "VLL",     "VLM",     "VSTM",    "VST",     "VSTEB",   "VSTEH",  "VSTEF",
                           "VSTEG",   "VSTL",    "LCBB",    "VGEF",    "VGEG",    "VSCEF",   "VSCEG",  "VLGV",
                           "VLVG",    "VLVGP",   "VLEIB",   "VLEIH",   "VLEIF",   "VLEIG",   "VGBM",   "VGM",
                           "VREPI",   "VREP",    "VSEG",    "VMRH",    "VMRL",    "VPERM",   "VPDI",   "VBPERM",
                           "VSEL",    "VPK",     "VPKS",    "VPKLS",   "VUPH",    "VUPL",    "VUPLH",  "VUPLL",
                           "VLBR",    "VLBRREP", "VLEBRH",  "VLEBRF",  "VLEBRG",  "VLLEBRZ", "VLER",   "VSTBR",
                           "VSTEBRH", "VSTEBRF", "VSTEBRG", "VSTER"});
}

// The encoders agree with the isa decoder (which binutils_test holds to objdump).
TEST(VectorTest, EncodersMatchTheDecoder) {
  struct E {
    Bytes bytes;
    isa::InsnId id;
  };
  const E cases[] = {
      {VRX(0xe706, 31, 0x123, 4, 5, 3), isa::InsnId::kVL},
      {VRV(0xe713, 17, 8, 18, 3, 2), isa::InsnId::kVGEF},
      {VRSa(0xe736, 16, 31, 0xfff, 15), isa::InsnId::kVLM},
      {VRSb(0xe722, 17, 3, 5, 2, 3), isa::InsnId::kVLVG},
      {VRSc(0xe721, 1, 19, 5, 2, 3), isa::InsnId::kVLGV},
      {VRIa(0xe745, 20, 0xfffe, 1), isa::InsnId::kVREPI},
      {VRIb(0xe746, 1, 2, 5, 1), isa::InsnId::kVGM},
      {VRIc(0xe74d, 1, 18, 3, 1), isa::InsnId::kVREP},
      {VRRc(0xe761, 1, 17, 30, 2), isa::InsnId::kVMRH},
      {VRRe(0xe78c, 1, 2, 3, 20), isa::InsnId::kVPERM},
      {VRRf(0xe762, 17, 1, 2), isa::InsnId::kVLVGP},
  };
  for (const E& e : cases) {
    const isa::DecodedInsn d = isa::Decode(e.bytes.data());
    EXPECT_EQ(d.id, e.id) << isa::Info(e.id).mnemonic;
  }
  const isa::DecodedInsn vl = isa::Decode(VRX(0xe706, 31, 0x123, 4, 5, 3).data());
  EXPECT_EQ(vl.ops.v1, 31);
  EXPECT_EQ(vl.ops.d2, 0x123);
  EXPECT_EQ(vl.ops.x2, 4);
  EXPECT_EQ(vl.ops.b2, 5);
  EXPECT_EQ(vl.ops.m3, 3);
  const isa::DecodedInsn vperm = isa::Decode(VRRe(0xe78c, 1, 2, 3, 20).data());
  EXPECT_EQ(vperm.ops.v4, 20);
  const isa::DecodedInsn vgef = isa::Decode(VRV(0xe713, 17, 8, 18, 3, 2).data());
  EXPECT_EQ(vgef.ops.v1, 17);
  EXPECT_EQ(vgef.ops.v2, 18);
  EXPECT_EQ(isa::Decode(VRIa(0xe745, 20, 0xfffe, 1).data()).ops.i2, -2);
}

// ---- Enablement and facilities ---------------------------------------------------------------------------

TEST(VectorTest, VectorEnablementControlOffIsADataException) {
  VectorTester t;
  t.DisableVector();
  t.SetGr(2, kData);
  ExpectSuppressed(t, VRX(0xe706, 1, 0, 0, 2), ProgramInterruptCode::kData);  // VL
  EXPECT_EQ((t.state().fpc >> 8) & 0xff, kDxcVectorInstruction) << "DXC in the FPC (AFP-register control on)";
  ExpectSuppressed(t, VRRf(0xe762, 1, 2, 3), ProgramInterruptCode::kData);  // VLVGP
  // LCBB is not a vector-register instruction: it runs with the control off.
  t.SetGr(1, 0xffffffff00000000);
  ExpectCompleted(t, RXEm(0xe727, 1, 0x3c, 0, 2, 0));  // LCBB r1,0x3c(r2),0 -> 4 bytes to 0x20040
  EXPECT_EQ(t.gr(1), 0xffffffff00000004);
}

TEST(VectorTest, EnhancementInstructionsNeedTheirFacility) {
  VectorTester t(VectorBaseTestModel());
  t.SetGr(2, kData);
  ExpectSuppressed(t, VRX(0xe606, 1, 0, 0, 2, 1), ProgramInterruptCode::kOperation);  // VLBR (148)
  ExpectSuppressed(t, VRRc(0xe785, 1, 2, 3), ProgramInterruptCode::kOperation);       // VBPERM (135)
  // VLLEZ M3=6 (left-aligned word) is vector-enhancements 1.
  ExpectSuppressed(t, VRX(0xe704, 1, 0, 0, 2, 6), ProgramInterruptCode::kSpecification);
}

// ---- Whole registers -------------------------------------------------------------------------------------

TEST(VectorTest, LoadAndStore) {
  VectorTester t;
  t.Put(kData, BytesOf(kPattern));
  t.SetGr(2, kData - 0x100);
  t.SetGr(3, 0x80);
  ExpectCompleted(t, VRX(0xe706, 17, 0x80, 3, 2, 4));  // VL %v17,0x80(%r3,%r2),4 (alignment hint ignored)
  EXPECT_EQ(t.V(17), kPattern);
  ExpectCompleted(t, VRX(0xe70e, 17, 0x10, 0, 2));  // VST %v17,0x10(%r2)
  EXPECT_EQ(t.Get(kData - 0xf0, 16), BytesOf(kPattern));
  ExpectCompleted(t, VRRa(0xe756, 31, 17));  // VLR %v31,%v17
  EXPECT_EQ(t.V(31), kPattern);
  // FPR 4 is the left doubleword of VR 4.
  t.state().set_fpr(4, 0x4000000000000000);
  ExpectCompleted(t, VRRa(0xe756, 5, 4));
  EXPECT_EQ(t.V(5).hi, 0x4000000000000000u);
}

TEST(VectorTest, LoadAndStoreAcrossAPage) {
  VectorTester t;
  const uint64_t addr = 0x21ff9;  // 7 bytes in one page, 9 in the next
  t.Put(addr, BytesOf(kPattern));
  t.SetGr(2, addr);
  ExpectCompleted(t, VRX(0xe706, 3, 0, 0, 2));
  EXPECT_EQ(t.V(3), kPattern);
  t.SetV(4, kOld);
  ExpectCompleted(t, VRX(0xe70e, 4, 0, 0, 2));
  EXPECT_EQ(t.Get(addr, 16), BytesOf(kOld));
}

TEST(VectorTest, OperandWrapsAroundIn31BitMode) {
  VectorTester t;
  t.SetAddressingMode(AddressingMode::k31);
  const Bytes pattern = BytesOf(kPattern);
  t.Put(0x7ffffff8, Bytes(pattern.begin(), pattern.begin() + 8));  // 8 bytes at the top ...
  t.Put(0, BytesOf(Vec(0x1122334455667788, 0)));                      // ... and 8 at 0
  t.SetGr(2, 0x7ffffff8);
  ExpectCompleted(t, VRX(0xe706, 3, 0, 0, 2));
  EXPECT_EQ(t.V(3), Vec(0x0011223344556677, 0x1122334455667788));
  t.SetV(4, kOld);
  ExpectCompleted(t, VRX(0xe70e, 4, 0, 0, 2));
  const Bytes old = BytesOf(kOld);
  EXPECT_EQ(t.Get(0x7ffffff8, 8), Bytes(old.begin(), old.begin() + 8));
  EXPECT_EQ(t.Get(0, 8), Bytes(old.begin() + 8, old.end()));
}

TEST(VectorTest, AccessExceptionOnTheSecondPageChangesNothing) {
  VectorTester t;
  t.EnableDat({0x23000});
  const uint64_t addr = 0x22ff8;
  t.Put(addr, Bytes(8, 0x55));
  t.SetGr(2, addr);
  t.SetV(1, kOld);
  ExpectSuppressed(t, VRX(0xe706, 1, 0, 0, 2), ProgramInterruptCode::kPageTranslation, addr, 8);  // VL
  ExpectSuppressed(t, VRX(0xe70e, 1, 0, 0, 2), ProgramInterruptCode::kPageTranslation, addr, 8);  // VST
  // VSTM of two registers from 0x22fe8: the first 16 bytes fit, the rest does not.
  t.SetGr(3, 0x22fe8);
  ExpectSuppressed(t, VRSa(0xe73e, 1, 2, 0, 3), ProgramInterruptCode::kPageTranslation, 0x22fe8, 24);
  ExpectSuppressed(t, VRSa(0xe736, 1, 2, 0, 3), ProgramInterruptCode::kPageTranslation, 0x22fe8, 24);
  // VSTL storing only 8 bytes stays in the valid page.
  t.SetGr(4, 7);
  ExpectCompleted(t, VRSb(0xe73f, 1, 4, 0, 2));
  const Bytes old = BytesOf(kOld);
  EXPECT_EQ(t.Get(addr, 8), Bytes(old.begin(), old.begin() + 8));
}

TEST(VectorTest, LoadAndStoreMultiple) {
  VectorTester t;
  for (int k = 0; k < 16; ++k) t.Put(kData + 16 * k, BytesOf(Vec(0x1000 + k, 0x2000 + k)));
  t.SetGr(2, kData);
  ExpectCompleted(t, VRSa(0xe736, 16, 31, 0, 2));  // VLM %v16,%v31,0(%r2)
  for (int k = 0; k < 16; ++k) EXPECT_EQ(t.V(16 + k), Vec(0x1000 + k, 0x2000 + k));
  ExpectCompleted(t, VRSa(0xe736, 3, 3, 0x30, 2, 4));  // one register, hint 4
  EXPECT_EQ(t.V(3), Vec(0x1003, 0x2003));
  t.SetGr(3, 0x30000);
  ExpectCompleted(t, VRSa(0xe73e, 16, 18, 0x8, 3));  // VSTM %v16,%v18,8(%r3)
  EXPECT_EQ(t.Get(0x30008, 48), [&] {
    Bytes b;
    for (int k = 0; k < 3; ++k) {
      const Bytes e = BytesOf(Vec(0x1000 + k, 0x2000 + k));
      b.insert(b.end(), e.begin(), e.end());
    }
    return b;
  }());
  // V3 below V1, or more than 16 registers.
  ExpectSuppressed(t, VRSa(0xe736, 5, 4, 0, 2), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRSa(0xe736, 0, 16, 0, 2), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRSa(0xe73e, 16, 15, 0, 3), ProgramInterruptCode::kSpecification, 0x30000);
}

// ---- Elements --------------------------------------------------------------------------------------------

TEST(VectorTest, LoadAndStoreElement) {
  VectorTester t;
  t.Put(kData, {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88});
  t.SetGr(2, kData);
  t.SetV(1, Vec(0, 0));
  ExpectCompleted(t, VRX(0xe700, 1, 0, 0, 2, 15));  // VLEB %v1,0(%r2),15
  ExpectCompleted(t, VRX(0xe701, 1, 0, 0, 2, 0));   // VLEH ..,0
  ExpectCompleted(t, VRX(0xe703, 1, 0, 0, 2, 2));   // VLEF ..,2
  EXPECT_EQ(t.V(1), Vec(0x8182000000000000, 0x8182838400000081));
  ExpectCompleted(t, VRX(0xe702, 1, 0, 0, 2, 1));  // VLEG ..,1
  EXPECT_EQ(t.V(1), Vec(0x8182000000000000, 0x8182838485868788));

  t.SetV(2, kPattern);
  t.SetGr(3, 0x30000);
  ExpectCompleted(t, VRX(0xe708, 2, 0, 0, 3, 9));   // VSTEB byte 9 (0x99)
  ExpectCompleted(t, VRX(0xe709, 2, 1, 0, 3, 7));   // VSTEH halfword 7 (0xeeff)
  ExpectCompleted(t, VRX(0xe70b, 2, 3, 0, 3, 1));   // VSTEF word 1 (0x44556677)
  ExpectCompleted(t, VRX(0xe70a, 2, 7, 0, 3, 0));   // VSTEG doubleword 0
  EXPECT_EQ(t.Get(0x30000, 15), (Bytes{0x99, 0xee, 0xff, 0x44, 0x55, 0x66, 0x77, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
                                       0x66, 0x77}));

  // Element indexes beyond the element count.
  ExpectSuppressed(t, VRX(0xe701, 1, 0, 0, 2, 8), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRX(0xe703, 1, 0, 0, 2, 4), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRX(0xe702, 1, 0, 0, 2, 2), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRX(0xe709, 1, 0, 0, 3, 8), ProgramInterruptCode::kSpecification, 0x30000);
  ExpectSuppressed(t, VRX(0xe70b, 1, 0, 0, 3, 4), ProgramInterruptCode::kSpecification, 0x30000);
  ExpectSuppressed(t, VRX(0xe70a, 1, 0, 0, 3, 2), ProgramInterruptCode::kSpecification, 0x30000);
}

TEST(VectorTest, LoadAndReplicate) {
  VectorTester t;
  t.Put(kData, {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88});
  t.SetGr(2, kData);
  ExpectCompleted(t, VRX(0xe705, 1, 0, 0, 2, 0));
  EXPECT_EQ(t.V(1), Vec(0x8181818181818181, 0x8181818181818181));
  ExpectCompleted(t, VRX(0xe705, 1, 0, 0, 2, 1));
  EXPECT_EQ(t.V(1), Vec(0x8182818281828182, 0x8182818281828182));
  ExpectCompleted(t, VRX(0xe705, 1, 0, 0, 2, 2));
  EXPECT_EQ(t.V(1), Vec(0x8182838481828384, 0x8182838481828384));
  ExpectCompleted(t, VRX(0xe705, 1, 0, 0, 2, 3));
  EXPECT_EQ(t.V(1), Vec(0x8182838485868788, 0x8182838485868788));
  ExpectSuppressed(t, VRX(0xe705, 1, 0, 0, 2, 4), ProgramInterruptCode::kSpecification);
}

TEST(VectorTest, LoadLogicalElementAndZero) {
  VectorTester t;
  t.Put(kData, {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88});
  t.SetGr(2, kData);
  const std::pair<int, Vec> cases[] = {
      {0, Vec(0x81, 0)},
      {1, Vec(0x8182, 0)},
      {2, Vec(0x81828384, 0)},
      {3, Vec(0x8182838485868788, 0)},
      {6, Vec(0x8182838400000000, 0)},
  };
  for (const auto& [m3, expected] : cases) {
    t.SetV(1, kOld);
    ExpectCompleted(t, VRX(0xe704, 1, 0, 0, 2, m3));
    EXPECT_EQ(t.V(1), expected) << "M3 " << m3;
  }
  for (int m3 : {4, 5, 7, 15}) ExpectSuppressed(t, VRX(0xe704, 1, 0, 0, 2, m3), ProgramInterruptCode::kSpecification);
}

// ---- Lengths and block boundaries ------------------------------------------------------------------------

TEST(VectorTest, LoadToBlockBoundary) {
  VectorTester t;
  for (int k = 0; k < 64; ++k) t.Put(kData + k, {static_cast<uint8_t>(0x40 + k)});
  struct C {
    uint64_t addr;
    int m3;
    int bytes;
  };
  // 64-byte blocks: from 0x20038 only 8 bytes to the boundary; 4 KiB blocks: all 16.
  for (const C& c : {C{kData + 0x38, 0, 8}, C{kData + 0x30, 0, 16}, C{kData + 0x3f, 0, 1}, C{kData + 0x38, 6, 16},
                     C{kData + 0x3c, 1, 16}}) {
    t.SetGr(2, c.addr);
    t.SetV(1, kOld);
    ExpectCompleted(t, VRX(0xe707, 1, 0, 0, 2, c.m3));
    Bytes expected(16, 0);
    for (int k = 0; k < c.bytes; ++k) expected[k] = t.Get(c.addr + k, 1)[0];
    EXPECT_EQ(BytesOf(t.V(1)), expected) << std::hex << c.addr << " M3 " << c.m3;
  }
  t.SetGr(2, kData);
  ExpectSuppressed(t, VRX(0xe707, 1, 0, 0, 2, 7), ProgramInterruptCode::kSpecification);
}

TEST(VectorTest, LoadToBlockBoundaryDoesNotTouchTheNextPage) {
  VectorTester t;
  t.EnableDat({0x23000});
  t.Put(0x22ffa, {1, 2, 3, 4, 5, 6});
  t.SetGr(2, 0x22ffa);
  ExpectCompleted(t, VRX(0xe707, 1, 0, 0, 2, 6));  // VLBB ..,6 (4 KiB): 6 bytes
  EXPECT_EQ(t.V(1), Vec(0x0102030405060000, 0));
  t.SetGr(3, 8);  // VLL of 9 bytes reaches into the invalid page
  ExpectSuppressed(t, VRSb(0xe737, 1, 3, 0, 2), ProgramInterruptCode::kPageTranslation, 0x22ffa, 6);
}

TEST(VectorTest, LoadCountToBlockBoundary) {
  VectorTester t;
  struct C {
    uint64_t addr;
    int m3;
    uint32_t count;
    int cc;
  };
  for (const C& c : {C{0x20000, 0, 16, 0}, C{0x20031, 0, 15, 3}, C{0x2003f, 0, 1, 3}, C{0x2003f, 1, 16, 0},
                     C{0x20ff8, 6, 8, 3}, C{0x207f8, 5, 8, 3}, C{0x207f8, 6, 16, 0}}) {
    t.SetGr(1, 0x1234567800000000);
    t.SetGr(2, c.addr);
    const InsnResult r = t.Run(RXEm(0xe727, 1, 0, 0, 2, c.m3));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(t.gr(1), 0x1234567800000000 | c.count) << std::hex << c.addr;
    EXPECT_EQ(r.cc, c.cc);
  }
  t.SetGr(2, kData);
  ExpectSuppressed(t, RXEm(0xe727, 1, 0, 0, 2, 7), ProgramInterruptCode::kSpecification);
}

TEST(VectorTest, LoadAndStoreWithLength) {
  VectorTester t;
  t.Put(kData, BytesOf(kPattern));
  t.SetGr(2, kData);
  struct C {
    uint64_t r3;
    int bytes;
  };
  for (const C& c : {C{0, 1}, C{4, 5}, C{14, 15}, C{15, 16}, C{16, 16}, C{0xffffffff, 16},
                     C{0xffffffff00000003, 4}}) {
    t.SetGr(3, c.r3);
    t.SetV(1, kOld);
    ExpectCompleted(t, VRSb(0xe737, 1, 3, 0, 2));  // VLL %v1,%r3,0(%r2)
    Bytes expected(16, 0);
    for (int k = 0; k < c.bytes; ++k) expected[k] = BytesOf(kPattern)[k];
    EXPECT_EQ(BytesOf(t.V(1)), expected) << "r3 " << c.r3;

    t.Put(0x30000, Bytes(17, 0xee));
    t.SetGr(4, 0x30000);
    ExpectCompleted(t, VRSb(0xe73f, 1, 3, 0, 4));  // VSTL %v1,%r3,0(%r4): stores the same bytes back
    Bytes stored(17, 0xee);
    for (int k = 0; k < c.bytes; ++k) stored[k] = BytesOf(kPattern)[k];
    EXPECT_EQ(t.Get(0x30000, 17), stored) << "r3 " << c.r3;
  }
}

// ---- Gather / scatter ------------------------------------------------------------------------------------

TEST(VectorTest, GatherAndScatter) {
  VectorTester t;
  t.Put(kData + 0x100, {0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8});
  t.SetGr(2, kData);
  t.SetV(2, Vec(0x0000000000000100, 0x0000010400000000));  // words: 0, 0x100, 0x104, 0
  t.SetV(1, Vec(0, 0));
  ExpectCompleted(t, VRV(0xe713, 1, 0, 2, 2, 1));  // VGEF %v1,0(%v2,%r2),1: word 1 -> index 0x100
  ExpectCompleted(t, VRV(0xe713, 1, 0, 2, 2, 2));  // word 2 -> index 0x104
  EXPECT_EQ(t.V(1), Vec(0x00000000a1a2a3a4, 0xa5a6a7a800000000));
  t.SetV(3, Vec(0xfffffffffffffff0, 0x100));  // doubleword indexes: -16, 0x100
  ExpectCompleted(t, VRV(0xe712, 4, 0x10, 3, 2, 0));  // VGEG %v4,16(%v3,%r2),0 -> kData
  ExpectCompleted(t, VRV(0xe712, 4, 0, 3, 2, 1));
  EXPECT_EQ(t.V(4), VecBytes([&] {
    Bytes b = t.Get(kData, 8);
    b.insert(b.end(), {0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8});
    return b;
  }()));
  // Scatter the words back elsewhere.
  t.SetGr(3, 0x30000);
  t.SetV(5, kPattern);
  ExpectCompleted(t, VRV(0xe71b, 5, 0, 2, 3, 2));  // VSCEF word 2 (0x8899aabb) to 0x30104
  ExpectCompleted(t, VRV(0xe71a, 5, 0x20, 3, 3, 0));  // VSCEG doubleword 0 to 0x30010
  EXPECT_EQ(t.Get(0x30104, 4), (Bytes{0x88, 0x99, 0xaa, 0xbb}));
  const Bytes pattern = BytesOf(kPattern);
  EXPECT_EQ(t.Get(0x30010, 8), Bytes(pattern.begin(), pattern.begin() + 8));
  ExpectSuppressed(t, VRV(0xe713, 1, 0, 2, 2, 4), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRV(0xe712, 1, 0, 2, 2, 2), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRV(0xe71b, 1, 0, 2, 2, 4), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRV(0xe71a, 1, 0, 2, 2, 2), ProgramInterruptCode::kSpecification);
}

TEST(VectorTest, GatherAddressWrapsIn24BitMode) {
  VectorTester t;
  t.SetAddressingMode(AddressingMode::k24);
  t.Put(0x10, {1, 2, 3, 4});
  t.SetGr(2, 0xff000000);  // bits 0-39 of the base take no part in a 24-bit address
  t.SetV(2, Vec(0x00fffff8ull << 32, 0));  // word 0 = 0x00fffff8
  ExpectCompleted(t, VRV(0xe713, 1, 0x18, 2, 2, 0));  // 0xfffff8 + 0x18 wraps to 0x10
  EXPECT_EQ(t.V(1).Get<uint32_t>(0), 0x01020304u);
}

// ---- Vector-enhancements 2 -----------------------------------------------------------------------------

TEST(VectorTest, ByteReversedLoadsAndStores) {
  VectorTester t;
  t.Put(kData, BytesOf(kPattern));  // 00 11 22 ... ff
  t.SetGr(2, kData);
  struct C {
    int m3;
    Vec expected;
  };
  for (const C& c : {C{1, Vec(0x1100332255447766, 0x9988bbaaddccffee)},
                     C{2, Vec(0x3322110077665544, 0xbbaa9988ffeeddcc)},
                     C{3, Vec(0x7766554433221100, 0xffeeddccbbaa9988)},
                     C{4, Vec(0xffeeddccbbaa9988, 0x7766554433221100)}}) {
    ExpectCompleted(t, VRX(0xe606, 1, 0, 0, 2, c.m3));  // VLBR
    EXPECT_EQ(t.V(1), c.expected) << "M3 " << c.m3;
    t.SetGr(3, 0x30000);
    ExpectCompleted(t, VRX(0xe60e, 1, 0, 0, 3, c.m3));  // VSTBR restores the original order
    EXPECT_EQ(t.Get(0x30000, 16), BytesOf(kPattern)) << "M3 " << c.m3;
  }
  for (int m3 : {0, 5}) {
    ExpectSuppressed(t, VRX(0xe606, 1, 0, 0, 2, m3), ProgramInterruptCode::kSpecification);
    ExpectSuppressed(t, VRX(0xe60e, 1, 0, 0, 3, m3), ProgramInterruptCode::kSpecification, 0x30000);
  }
}

TEST(VectorTest, ElementReversedLoadsAndStores) {
  VectorTester t;
  t.Put(kData, BytesOf(kPattern));
  t.SetGr(2, kData);
  struct C {
    int m3;
    Vec expected;
  };
  for (const C& c : {C{1, Vec(0xeeffccddaabb8899, 0x6677445522330011)},
                     C{2, Vec(0xccddeeff8899aabb, 0x4455667700112233)},
                     C{3, Vec(0x8899aabbccddeeff, 0x0011223344556677)}}) {
    ExpectCompleted(t, VRX(0xe607, 1, 0, 0, 2, c.m3));  // VLER
    EXPECT_EQ(t.V(1), c.expected) << "M3 " << c.m3;
    t.SetGr(3, 0x30000);
    ExpectCompleted(t, VRX(0xe60f, 1, 0, 0, 3, c.m3));  // VSTER
    EXPECT_EQ(t.Get(0x30000, 16), BytesOf(kPattern)) << "M3 " << c.m3;
  }
  for (int m3 : {0, 4}) {
    ExpectSuppressed(t, VRX(0xe607, 1, 0, 0, 2, m3), ProgramInterruptCode::kSpecification);
    ExpectSuppressed(t, VRX(0xe60f, 1, 0, 0, 3, m3), ProgramInterruptCode::kSpecification, 0x30000);
  }
}

TEST(VectorTest, ByteReversedElements) {
  VectorTester t;
  t.Put(kData, {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88});
  t.SetGr(2, kData);
  ExpectCompleted(t, VRX(0xe605, 1, 0, 0, 2, 1));  // VLBRREP h
  EXPECT_EQ(t.V(1), Vec(0x8281828182818281, 0x8281828182818281));
  ExpectCompleted(t, VRX(0xe605, 1, 0, 0, 2, 3));  // VLBRREP g
  EXPECT_EQ(t.V(1), Vec(0x8887868584838281, 0x8887868584838281));
  ExpectSuppressed(t, VRX(0xe605, 1, 0, 0, 2, 0), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRX(0xe605, 1, 0, 0, 2, 4), ProgramInterruptCode::kSpecification);

  t.SetV(1, Vec(0, 0));
  ExpectCompleted(t, VRX(0xe601, 1, 0, 0, 2, 7));  // VLEBRH element 7
  ExpectCompleted(t, VRX(0xe603, 1, 0, 0, 2, 0));  // VLEBRF element 0
  EXPECT_EQ(t.V(1), Vec(0x8483828100000000, 0x0000000000008281));
  ExpectCompleted(t, VRX(0xe602, 1, 0, 0, 2, 1));  // VLEBRG element 1
  EXPECT_EQ(t.V(1).lo, 0x8887868584838281u);
  ExpectSuppressed(t, VRX(0xe601, 1, 0, 0, 2, 8), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRX(0xe603, 1, 0, 0, 2, 4), ProgramInterruptCode::kSpecification);
  ExpectSuppressed(t, VRX(0xe602, 1, 0, 0, 2, 2), ProgramInterruptCode::kSpecification);

  const std::pair<int, Vec> zero_cases[] = {
      {1, Vec(0x8281, 0)}, {2, Vec(0x84838281, 0)}, {3, Vec(0x8887868584838281, 0)}, {6, Vec(0x8483828100000000, 0)}};
  for (const auto& [m3, expected] : zero_cases) {
    t.SetV(2, kOld);
    ExpectCompleted(t, VRX(0xe604, 2, 0, 0, 2, m3));  // VLLEBRZ
    EXPECT_EQ(t.V(2), expected) << "M3 " << m3;
  }
  for (int m3 : {0, 4, 5, 7}) ExpectSuppressed(t, VRX(0xe604, 2, 0, 0, 2, m3), ProgramInterruptCode::kSpecification);

  t.SetV(3, kPattern);
  t.SetGr(3, 0x30000);
  ExpectCompleted(t, VRX(0xe609, 3, 0, 0, 3, 1));  // VSTEBRH element 1 (0x2233)
  ExpectCompleted(t, VRX(0xe60b, 3, 2, 0, 3, 3));  // VSTEBRF element 3 (0xccddeeff)
  ExpectCompleted(t, VRX(0xe60a, 3, 6, 0, 3, 0));  // VSTEBRG element 0
  EXPECT_EQ(t.Get(0x30000, 14), (Bytes{0x33, 0x22, 0xff, 0xee, 0xdd, 0xcc, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
                                       0x00}));
  ExpectSuppressed(t, VRX(0xe609, 3, 0, 0, 3, 8), ProgramInterruptCode::kSpecification, 0x30000);
  ExpectSuppressed(t, VRX(0xe60b, 3, 0, 0, 3, 4), ProgramInterruptCode::kSpecification, 0x30000);
  ExpectSuppressed(t, VRX(0xe60a, 3, 0, 0, 3, 2), ProgramInterruptCode::kSpecification, 0x30000);
}

}  // namespace
}  // namespace s390vmm::interp::testing
