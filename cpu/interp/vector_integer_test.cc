// Vector integer instructions (vector_integer.cc): the Boolean operations, add/subtract with carries and
// borrows (also the quadword), average, minimum/maximum, compares and their CC, complement/positive, counts,
// sums across, checksum and test under mask; and for the whole family (with vector_multiply_test.cc and
// vector_shift_test.cc): reserved element sizes (specification exception), facilities that are off
// (operation exception) and the vector-enablement control (data exception, DXC 0xfe). Each case runs one
// instruction on a real Interpreter (user mode) and checks all 32 vector registers and the CC. Expected
// values were cross-checked with qemu-s390x-static -cpu max, except VCKSM, where QEMU 7.2 loses the
// end-around carry (VCKSM with words 1, 2, 3, 4 and 10 gives 0xba there, not 20).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/cpu_state.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/vector_integer_test_util.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing::vector_integer {
namespace {

// ---- The encoders agree with the isa decoder --------------------------------------------------------------------

TEST(VectorIntegerTest, EncodersMatchTheDecoder) {
  struct Expect {
    Bytes insn;
    isa::InsnId id;
    isa::Operands ops;
  };
  auto ops = [](int v1, int v2, int v3, int v4) {
    isa::Operands o;
    o.v1 = v1, o.v2 = v2, o.v3 = v3, o.v4 = v4;
    return o;
  };
  isa::Operands vceq = ops(kV1, kV2, kV3, 0);
  vceq.m4 = 2, vceq.m5 = 1;
  isa::Operands vmsl = ops(kV1, kV2, kV3, 25);
  vmsl.m5 = 3, vmsl.m6 = 12;
  isa::Operands vesl = ops(kV1, 0, 31, 0);
  vesl.d2 = 0xabc, vesl.b2 = 5, vesl.m4 = 3;
  isa::Operands verim = ops(kV1, kV2, kV3, 0);
  verim.i4 = 0xa5, verim.m5 = 2;
  isa::Operands vpopct = ops(16, 31, 0, 0);
  vpopct.m3 = 3;
  for (const Expect& e : std::vector<Expect>{
           {VRRb(kVCEQ, kV1, kV2, kV3, 2, 1), isa::InsnId::kVCEQ, vceq},
           {VRRd(kVMSL, kV1, kV2, kV3, 25, 3, 12), isa::InsnId::kVMSL, vmsl},
           {VRSa(kVESL, kV1, 31, 0xabc, 5, 3), isa::InsnId::kVESL, vesl},
           {VRId(kVERIM, kV1, kV2, kV3, 0xa5, 2), isa::InsnId::kVERIM, verim},
           {VRRa(kVPOPCT, 16, 31, 3), isa::InsnId::kVPOPCT, vpopct},
       }) {
    const isa::DecodedInsn d = isa::Decode(e.insn.data());
    SCOPED_TRACE(isa::Info(e.id).mnemonic);
    EXPECT_EQ(d.id, e.id);
    EXPECT_EQ(d.ops.v1, e.ops.v1);
    EXPECT_EQ(d.ops.v2, e.ops.v2);
    EXPECT_EQ(d.ops.v3, e.ops.v3);
    EXPECT_EQ(d.ops.v4, e.ops.v4);
    EXPECT_EQ(d.ops.m3, e.ops.m3);
    EXPECT_EQ(d.ops.m4, e.ops.m4);
    EXPECT_EQ(d.ops.m5, e.ops.m5);
    EXPECT_EQ(d.ops.m6, e.ops.m6);
    EXPECT_EQ(d.ops.i4, e.ops.i4);
    EXPECT_EQ(d.ops.d2, e.ops.d2);
    EXPECT_EQ(d.ops.b2, e.ops.b2);
  }
}

// ---- Boolean ----------------------------------------------------------------------------------------------------

TEST(VectorIntegerTest, Boolean) {
  const V a = Q(0xff00ff00f0f0f0f0, 0x0123456789abcdef), b = Q(0x0f0f0f0f0f0f0f0f, 0xffffffff00000000);
  auto c = [&](const char* name, uint16_t op, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  RunVCases({
      c("VN", kVN, Q(0x0f000f0000000000, 0x0123456700000000)),
      c("VNC", kVNC, Q(0xf000f000f0f0f0f0, 0x0000000089abcdef)),
      c("VO", kVO, Q(0xff0fff0fffffffff, 0xffffffff89abcdef)),
      c("VNO", kVNO, Q(0x00f000f000000000, 0x0000000076543210)),
      c("VX", kVX, Q(0xf00ff00fffffffff, 0xfedcba9889abcdef)),
      c("VNX", kVNX, Q(0x0ff00ff000000000, 0x0123456776543210)),
      c("VNN", kVNN, Q(0xf0fff0ffffffffff, 0xfedcba98ffffffff)),
      c("VOC", kVOC, Q(0xfff0fff0f0f0f0f0, 0x01234567ffffffff)),
      // VX V1,V1,V1 clears the register (the usual idiom); VNO V1,V2,V2 is NOT.
      {"VX same register", VRRc(kVX, 20, 20, 20), {{20, a}}, {20, Q(0, 0)}},
      {"VNO as NOT", VRRc(kVNO, 0, 31, 31), {{31, a}}, {0, Q(0x00ff00ff0f0f0f0f, 0xfedcba9876543210)}},
  });
}

// ---- Add and subtract ----------------------------------------------------------------------------------------------

TEST(VectorIntegerTest, Add) {
  auto c = [](std::string name, uint16_t op, int es, V a, V b, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3, es), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  RunVCases({
      c("VAB wraps per byte", kVA, 0, B({0xff, 0x7f, 0x80, 0x01, 0, 0, 0, 0, 1, 2, 3}),
        B({0x01, 0x01, 0x80, 0x01, 0, 0, 0, 0, 0x10, 0x10, 0xff}),
        B({0x00, 0x80, 0x00, 0x02, 0, 0, 0, 0, 0x11, 0x12, 0x02})),
      c("VAH", kVA, 1, H({0xffff, 0x7fff, 1}), H({1, 1, 1}), H({0, 0x8000, 2})),
      c("VAF", kVA, 2, F({0xffffffff, 0x7fffffff}), F({1, 1}), F({0, 0x80000000})),
      c("VAG: no carry between doublewords", kVA, 3, Q(kOnes, kMax64), Q(1, 1), Q(0, kMin64)),
      c("VAQ: carry into the left doubleword", kVA, 4, Q(0, kOnes), Q(0, 1), Q(1, 0)),
      c("VAQ wraps", kVA, 4, Q(kOnes, kOnes), Q(0, 1), Q(0, 0)),
      c("VACCB", kVACC, 0, B({0xff, 0x7f, 0x80, 0x01}), B({0x01, 0x01, 0x80, 0xfe}), B({1, 0, 1, 0})),
      c("VACCH", kVACC, 1, H({0xffff, 0x8000, 0x8000}), H({1, 0x7fff, 0x8000}), H({1, 0, 1})),
      c("VACCF", kVACC, 2, F({0xffffffff, 0xfffffffe}), F({1, 1}), F({1, 0})),
      c("VACCG", kVACC, 3, Q(kOnes, kMax64), Q(1, 1), Q(1, 0)),
      c("VACCQ carry", kVACC, 4, Q(kOnes, kOnes), Q(0, 1), Q(0, 1)),
      c("VACCQ no carry", kVACC, 4, Q(0, kOnes), Q(0, 1), Q(0, 0)),
  });
}

TEST(VectorIntegerTest, Subtract) {
  auto c = [](std::string name, uint16_t op, int es, V a, V b, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3, es), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  RunVCases({
      c("VSB", kVS, 0, B({0x00, 0x80, 0x01, 0xff}), B({0x01, 0x01, 0x01, 0xff}), B({0xff, 0x7f, 0x00, 0x00})),
      c("VSH", kVS, 1, H({0, 0x8000}), H({1, 1}), H({0xffff, 0x7fff})),
      c("VSG", kVS, 3, Q(0, kMin64), Q(1, 1), Q(kOnes, kMax64)),
      c("VSQ borrow from the left doubleword", kVS, 4, Q(1, 0), Q(0, 1), Q(0, kOnes)),
      c("VSQ wraps", kVS, 4, Q(0, 0), Q(0, 1), Q(kOnes, kOnes)),
      // VSCBI: 1 = no borrow (first >= second unsigned), 0 = borrow.
      c("VSCBIB", kVSCBI, 0, B({0x00, 0x80, 0x01, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
        B({0x01, 0x01, 0x01, 0xfe, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), B({0, 1, 1, 1})),
      c("VSCBIF", kVSCBI, 2, F({0, 0xffffffff, 5, 4}), F({1, 0xffffffff, 4, 5}), F({0, 1, 1, 0})),
      c("VSCBIG", kVSCBI, 3, Q(kMin64, 0), Q(kMax64, 1), Q(1, 0)),
      c("VSCBIQ borrow", kVSCBI, 4, Q(0, 0), Q(0, 1), Q(0, 0)),
      c("VSCBIQ no borrow", kVSCBI, 4, Q(1, 0), Q(0, 1), Q(0, 1)),
      c("VSCBIQ equal", kVSCBI, 4, Q(kOnes, 7), Q(kOnes, 7), Q(0, 1)),
      {"VS same register", VRRc(kVS, 5, 5, 5, 3), {{5, Q(123, 456)}}, {5, Q(0, 0)}},
  });
}

TEST(VectorIntegerTest, QuadwordWithCarry) {
  // The carry/borrow in is bit 127 of V4; its other bits are ignored.
  auto c = [](std::string name, uint16_t op, V a, V b, V carry, V out) {
    return VCase{name, VRRd(op, kV1, kV2, kV3, kV4, 4), {{kV2, a}, {kV3, b}, {kV4, carry}}, {kV1, out}};
  };
  const V kCarry = Q(0, 1), kNoCarry = Q(kOnes, 0xfffffffffffffffe);
  RunVCases({
      c("VAC carry in", kVAC, Q(0, kOnes), Q(0, 0), kCarry, Q(1, 0)),
      c("VAC no carry in", kVAC, Q(0, kOnes), Q(0, 0), kNoCarry, Q(0, kOnes)),
      c("VAC wraps", kVAC, Q(kOnes, kOnes), Q(kOnes, kOnes), kCarry, Q(kOnes, kOnes)),
      c("VACCC carry out from the carry in", kVACCC, Q(kOnes, kOnes), Q(0, 0), kCarry, Q(0, 1)),
      c("VACCC no carry", kVACCC, Q(kOnes, kOnes), Q(0, 0), kNoCarry, Q(0, 0)),
      c("VACCC carry out from the sum", kVACCC, Q(kMin64, 0), Q(kMin64, 0), kNoCarry, Q(0, 1)),
      c("VACCC both", kVACCC, Q(kOnes, kOnes), Q(kOnes, kOnes), kCarry, Q(0, 1)),
      c("VSBI no borrow in", kVSBI, Q(0, 5), Q(0, 3), kCarry, Q(0, 2)),
      c("VSBI borrow in", kVSBI, Q(0, 5), Q(0, 3), kNoCarry, Q(0, 1)),
      c("VSBI wraps", kVSBI, Q(0, 0), Q(0, 0), kNoCarry, Q(kOnes, kOnes)),
      c("VSBCBI no borrow", kVSBCBI, Q(0, 5), Q(0, 3), kCarry, Q(0, 1)),
      c("VSBCBI equal, no borrow in", kVSBCBI, Q(0, 3), Q(0, 3), kCarry, Q(0, 1)),
      c("VSBCBI equal, borrow in", kVSBCBI, Q(0, 3), Q(0, 3), kNoCarry, Q(0, 0)),
      c("VSBCBI borrow", kVSBCBI, Q(0, 0), Q(0, 1), kCarry, Q(0, 0)),
      c("VSBCBI across the doublewords", kVSBCBI, Q(1, 0), Q(0, kOnes), kCarry, Q(0, 1)),
      {"VAC V1 = V4", VRRd(kVAC, 3, 4, 5, 3, 4), {{3, Q(0, 1)}, {4, Q(0, 10)}, {5, Q(0, 20)}}, {3, Q(0, 31)}},
  });
}

// ---- Average, minimum, maximum ----------------------------------------------------------------------------------

TEST(VectorIntegerTest, AverageMinimumMaximum) {
  auto c = [](std::string name, uint16_t op, int es, V a, V b, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3, es), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  const V ab = B({0x7f, 0x80, 0xff, 0x01}), bb = B({0x7f, 0x80, 0x01, 0x02});
  const V a2 = B({0x7f, 0x80, 0xff, 0x01}), b2 = B({0x80, 0x7f, 0x01, 0xff});
  RunVCases({
      c("VAVGB rounds up, one bit wider", kVAVG, 0, ab, bb, B({0x7f, 0x80, 0x00, 0x02})),
      c("VAVGLB", kVAVGL, 0, ab, bb, B({0x7f, 0x80, 0x80, 0x02})),
      c("VAVGH negative", kVAVG, 1, H({0xfffd, 0x8000}), H({0xfffe, 0x7fff}), H({0xfffe, 0x0000})),
      c("VAVGF", kVAVG, 2, F({0x7fffffff, 0x80000000, 0xffffffff}), F({0x7fffffff, 0x80000000, 0}),
        F({0x7fffffff, 0x80000000, 0})),
      c("VAVGLF", kVAVGL, 2, F({0xffffffff, 0, 3}), F({0xffffffff, 1, 4}), F({0xffffffff, 1, 4})),
      c("VAVGG", kVAVG, 3, Q(kMax64, kMin64), Q(kMax64, kMin64), Q(kMax64, kMin64)),
      c("VAVGLG", kVAVGL, 3, Q(kOnes, 0), Q(kOnes, 1), Q(kOnes, 1)),
      c("VMNB", kVMN, 0, a2, b2, B({0x80, 0x80, 0xff, 0xff})),
      c("VMNLB", kVMNL, 0, a2, b2, B({0x7f, 0x7f, 0x01, 0x01})),
      c("VMXB", kVMX, 0, a2, b2, B({0x7f, 0x7f, 0x01, 0x01})),
      c("VMXLB", kVMXL, 0, a2, b2, B({0x80, 0x80, 0xff, 0xff})),
      c("VMNH", kVMN, 1, H({0x8000, 0x0001}), H({0x7fff, 0xffff}), H({0x8000, 0xffff})),
      c("VMXLF", kVMXL, 2, F({0x80000000, 1}), F({0x7fffffff, 0xffffffff}), F({0x80000000, 0xffffffff})),
      c("VMNG", kVMN, 3, Q(kMin64, 1), Q(kMax64, 2), Q(kMin64, 1)),
      c("VMNLG", kVMNL, 3, Q(kMin64, 1), Q(kMax64, 2), Q(kMax64, 1)),
      c("VMXG", kVMX, 3, Q(kMin64, 1), Q(kMax64, 2), Q(kMax64, 2)),
      c("VMXLG", kVMXL, 3, Q(kMin64, 1), Q(kMax64, 2), Q(kMin64, 2)),
  });
}

// ---- Compares -----------------------------------------------------------------------------------------------------

TEST(VectorIntegerTest, CompareElements) {
  auto c = [](std::string name, uint16_t op, int es, int cs, V a, V b, V out, int cc) {
    return VCase{name, VRRb(op, kV1, kV2, kV3, es, cs), {{kV2, a}, {kV3, b}}, {kV1, out}, cc};
  };
  const V a = F({1, 2, 3, 4}), some = F({1, 0, 3, 0});
  RunVCases({
      c("VCEQF mixed", kVCEQ, 2, 1, a, some, F({0xffffffff, 0, 0xffffffff, 0}), 1),
      c("VCEQF all", kVCEQ, 2, 1, a, a, Q(kOnes, kOnes), 0),
      c("VCEQF none", kVCEQ, 2, 1, a, F({0, 0, 0, 0}), Q(0, 0), 3),
      c("VCEQF without CS leaves the CC", kVCEQ, 2, 0, a, some, F({0xffffffff, 0, 0xffffffff, 0}), -1),
      c("VCEQB", kVCEQ, 0, 1, B({1, 2, 3}), B({1, 0, 3}), Q(0xff00ffffffffffff, kOnes), 1),
      c("VCEQG", kVCEQ, 3, 1, Q(5, 6), Q(5, 7), Q(kOnes, 0), 1),
      c("VCHB signed", kVCH, 0, 1, B({0x80, 0x7f, 1}), B({0x7f, 0x80, 1}), B({0, 0xff, 0}), 1),
      c("VCHLB unsigned", kVCHL, 0, 1, B({0x80, 0x7f, 1}), B({0x7f, 0x80, 1}), B({0xff, 0, 0}), 1),
      c("VCHH none", kVCH, 1, 1, H({0x8000}), H({0x7fff}), Q(0, 0), 3),
      c("VCHG", kVCH, 3, 1, Q(1, kOnes), Q(kOnes, 1), Q(kOnes, 0), 1),
      c("VCHLG", kVCHL, 3, 1, Q(1, kOnes), Q(kOnes, 1), Q(0, kOnes), 1),
      c("VCHLG all", kVCHL, 3, 1, Q(2, 2), Q(1, 1), Q(kOnes, kOnes), 0),
      // Reserved bits of M5 are ignored; only bit 3 (CS) counts.
      c("VCEQH CS with other M5 bits", kVCEQ, 1, 0xf, H({1, 1, 1, 1, 1, 1, 1, 1}), H({1, 1, 1, 1, 1, 1, 1, 1}),
        Q(kOnes, kOnes), 0),
  });
}

TEST(VectorIntegerTest, ElementCompare) {
  // The compared element is the rightmost of the leftmost doubleword: byte 7, halfword 3, word 1,
  // doubleword 0. The others take no part.
  auto c = [](std::string name, uint16_t op, int es, V a, V b, int cc) {
    return VCase{name, VRRa(op, kV1, kV2, es), {{kV1, a}, {kV2, b}}, {kV1, a}, cc};
  };
  RunVCases({
      c("VECB low", kVEC, 0, Q(0x01000000000000ff, 5), Q(0xff00000000000001, 9), 1),
      c("VECLB high", kVECL, 0, Q(0x01000000000000ff, 5), Q(0xff00000000000001, 9), 2),
      c("VECB equal", kVEC, 0, Q(0x0100000000000007, 5), Q(0xff00000000000007, 9), 0),
      c("VECH", kVEC, 1, Q(0x0000000000007fff, 0), Q(0xffffffffffff8000, 0), 2),
      c("VECLH", kVECL, 1, Q(0x0000000000007fff, 0), Q(0xffffffffffff8000, 0), 1),
      c("VECF", kVEC, 2, Q(0xffffffff80000000, 0), Q(0x0000000000000001, 0), 1),
      c("VECLF", kVECL, 2, Q(0xffffffff80000000, 0), Q(0x0000000000000001, 0), 2),
      c("VECG", kVEC, 3, Q(kMin64, 1), Q(kMax64, 0), 1),
      c("VECLG", kVECL, 3, Q(kMin64, 1), Q(kMax64, 0), 2),
      c("VECLG equal", kVECL, 3, Q(42, 1), Q(42, 0), 0),
  });
}

// ---- Complement, positive, counts -----------------------------------------------------------------------------

TEST(VectorIntegerTest, ComplementPositiveCounts) {
  auto c = [](std::string name, uint16_t op, int es, V a, V out) {
    return VCase{name, VRRa(op, kV1, kV2, es), {{kV2, a}}, {kV1, out}};
  };
  RunVCases({
      c("VLCB", kVLC, 0, B({0x01, 0x80, 0x00, 0xff}), B({0xff, 0x80, 0x00, 0x01})),
      c("VLCG", kVLC, 3, Q(1, kMin64), Q(kOnes, kMin64)),
      c("VLPB keeps the maximum negative", kVLP, 0, B({0x01, 0x80, 0xff, 0x81}), B({0x01, 0x80, 0x01, 0x7f})),
      c("VLPH", kVLP, 1, H({0xfffe, 0x8000, 0x7fff}), H({2, 0x8000, 0x7fff})),
      c("VLPG", kVLP, 3, Q(kOnes, kMin64), Q(1, kMin64)),
      c("VCLZB", kVCLZ, 0, B({0x00, 0x01, 0x80, 0x0f}),
        B({8, 7, 0, 4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8})),
      c("VCLZH", kVCLZ, 1, H({0, 1, 0x8000, 0x00ff, 0, 0, 0, 0}), H({16, 15, 0, 8, 16, 16, 16, 16})),
      c("VCLZF", kVCLZ, 2, F({0, 0x00010000, 0xffffffff, 1}), F({32, 15, 0, 31})),
      c("VCLZG", kVCLZ, 3, Q(0, 1), Q(64, 63)),
      c("VCTZB", kVCTZ, 0, B({0x00, 0x01, 0x80, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
        B({8, 0, 7, 4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8})),
      c("VCTZF", kVCTZ, 2, F({0, 0x00010000, 0x80000000, 3}), F({32, 16, 31, 0})),
      c("VCTZG", kVCTZ, 3, Q(0, kMin64), Q(64, 63)),
      c("VPOPCTB", kVPOPCT, 0, B({0xff, 0x00, 0x0f, 0x81}), B({8, 0, 4, 2})),
      c("VPOPCTH (VE1)", kVPOPCT, 1, H({0xffff, 0x8001}), H({16, 2})),
      c("VPOPCTF (VE1)", kVPOPCT, 2, F({0xffffffff, 1, 0x80000000, 0x0f0f0f0f}), F({32, 1, 1, 16})),
      c("VPOPCTG (VE1)", kVPOPCT, 3, Q(kOnes, 0x8000000000000001), Q(64, 2)),
      {"VPOPCTB without VE1", VRRa(kVPOPCT, 3, 3, 0), {{3, B({0xff, 0x0f})}}, {3, B({8, 4})}, -1, {},
       &VectorBaseTestModel()},
  });
}

// ---- Sums across, checksum, test under mask ------------------------------------------------------------------------

TEST(VectorIntegerTest, SumAcross) {
  const V a = Q(0x01020304ffffffff, 0x8000000000000001), b = Q(0x0000000a000000ff, 0x0000000000000100);
  auto c = [&](std::string name, uint16_t op, int es, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3, es), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  RunVCases({
      c("VSUMB", kVSUM, 0, Q(0x00000014000004fb, 0x0000008000000001)),
      c("VSUMH", kVSUM, 1, Q(0x00000410000200fd, 0x0000800000000101)),
      c("VSUMGH", kVSUMG, 1, Q(0x20503, 0x8101)),
      c("VSUMGF", kVSUMG, 2, Q(0x101020402, 0x80000101)),
      c("VSUMQF", kVSUMQ, 2, Q(0, 0x181020404)),
      c("VSUMQG", kVSUMQ, 3, Q(0, 0x8102030500000100)),
      {"VSUMQG carries into the left doubleword", VRRc(kVSUMQ, kV1, kV2, kV3, 3),
       {{kV2, Q(kOnes, kOnes)}, {kV3, Q(0, 2)}}, {kV1, Q(2, 0)}},
      {"VSUMGF sums beyond 32 bits", VRRc(kVSUMG, kV1, kV2, kV3, 2),
       {{kV2, Q(kOnes, 0)}, {kV3, F({0, 0xffffffff, 0, 0})}}, {kV1, Q(0x00000002fffffffd, 0)}},
      {"VSUMGH all ones", VRRc(kVSUMG, kV1, kV2, kV3, 1), {{kV2, Q(kOnes, 0)}, {kV3, Q(kOnes, 0)}},
       {kV1, Q(0x000000000004fffb, 0)}},
  });
}

TEST(VectorIntegerTest, Checksum) {
  RunVCases({
      // 1 + 0xffffffff = 1 (end-around carry), + 1, + 0x80000000, + 0x80000000 = 3 (end-around carry).
      {"VCKSM", VRRc(kVCKSM, kV1, kV2, kV3), {{kV2, F({0xffffffff, 1, 0x80000000, 0x80000000})},
       {kV3, Q(0xdeadbeef00000001, 0x0123456789abcdef)}}, {kV1, Q(3, 0)}},
      {"VCKSM no carries", VRRc(kVCKSM, kV1, kV2, kV3), {{kV2, F({1, 2, 3, 4})}, {kV3, F({0, 10})}},
       {kV1, Q(20, 0)}},
      {"VCKSM all ones", VRRc(kVCKSM, kV1, kV2, kV3), {{kV2, Q(kOnes, kOnes)}, {kV3, Q(kOnes, kOnes)}},
       {kV1, Q(0xffffffff, 0)}},
  });
}

TEST(VectorIntegerTest, TestUnderMask) {
  auto c = [](std::string name, V value, V mask, int cc) {
    return VCase{name, VRRa(kVTM, kV1, kV2), {{kV1, value}, {kV2, mask}}, {kV1, value}, cc};
  };
  RunVCases({
      c("selected all ones", Q(0xff00, 0), Q(0x0f00, 0), 3),
      c("mixed", Q(0xff00, 0), Q(0xf0f0, 0), 1),
      c("selected all zeros", Q(0x00ff, 0), Q(0xff00, 0), 0),
      c("mask zero", Q(kOnes, kOnes), Q(0, 0), 0),
      c("mixed across doublewords", Q(0, 1), Q(1, 1), 1),
      c("all ones everywhere", Q(kOnes, kOnes), Q(kOnes, kOnes), 3),
  });
}

// ---- Exceptions -----------------------------------------------------------------------------------------------------

TEST(VectorIntegerTest, ReservedElementSizes) {
  const ProgramInterruptCode kSpec = ProgramInterruptCode::kSpecification;
  for (const VExceptionCase& c : std::vector<VExceptionCase>{
           {"VA ES 5", VRRc(kVA, kV1, kV2, kV3, 5), kSpec},
           {"VS ES 15", VRRc(kVS, kV1, kV2, kV3, 15), kSpec},
           {"VACC ES 5", VRRc(kVACC, kV1, kV2, kV3, 5), kSpec},
           {"VAC ES 3", VRRd(kVAC, kV1, kV2, kV3, kV4, 3), kSpec},
           {"VACCC ES 0", VRRd(kVACCC, kV1, kV2, kV3, kV4, 0), kSpec},
           {"VSBI ES 5", VRRd(kVSBI, kV1, kV2, kV3, kV4, 5), kSpec},
           {"VSBCBI ES 3", VRRd(kVSBCBI, kV1, kV2, kV3, kV4, 3), kSpec},
           {"VAVG ES 4", VRRc(kVAVG, kV1, kV2, kV3, 4), kSpec},
           {"VMNL ES 4", VRRc(kVMNL, kV1, kV2, kV3, 4), kSpec},
           {"VCEQ ES 4", VRRb(kVCEQ, kV1, kV2, kV3, 4, 1), kSpec},
           {"VCHL ES 7", VRRb(kVCHL, kV1, kV2, kV3, 7, 0), kSpec},
           {"VEC ES 4", VRRa(kVEC, kV1, kV2, 4), kSpec},
           {"VLC ES 4", VRRa(kVLC, kV1, kV2, 4), kSpec},
           {"VCLZ ES 4", VRRa(kVCLZ, kV1, kV2, 4), kSpec},
           {"VPOPCT ES 4", VRRa(kVPOPCT, kV1, kV2, 4), kSpec},
           {"VPOPCT ES 1 without VE1", VRRa(kVPOPCT, kV1, kV2, 1), kSpec, &VectorBaseTestModel()},
           {"VML ES 3", VRRc(kVML, kV1, kV2, kV3, 3), kSpec},
           {"VMLE ES 3", VRRc(kVMLE, kV1, kV2, kV3, 3), kSpec},
           {"VMAL ES 3", VRRd(kVMAL, kV1, kV2, kV3, kV4, 3), kSpec},
           {"VMAO ES 4", VRRd(kVMAO, kV1, kV2, kV3, kV4, 4), kSpec},
           {"VMSL ES 2", VRRd(kVMSL, kV1, kV2, kV3, kV4, 2), kSpec},
           {"VMSL ES 4", VRRd(kVMSL, kV1, kV2, kV3, kV4, 4), kSpec},
           {"VGFM ES 4", VRRc(kVGFM, kV1, kV2, kV3, 4), kSpec},
           {"VGFMA ES 4", VRRd(kVGFMA, kV1, kV2, kV3, kV4, 4), kSpec},
           {"VSUM ES 2", VRRc(kVSUM, kV1, kV2, kV3, 2), kSpec},
           {"VSUMG ES 0", VRRc(kVSUMG, kV1, kV2, kV3, 0), kSpec},
           {"VSUMG ES 3", VRRc(kVSUMG, kV1, kV2, kV3, 3), kSpec},
           {"VSUMQ ES 1", VRRc(kVSUMQ, kV1, kV2, kV3, 1), kSpec},
           {"VSUMQ ES 4", VRRc(kVSUMQ, kV1, kV2, kV3, 4), kSpec},
           {"VESL ES 4", VRSa(kVESL, kV1, kV3, 1, 0, 4), kSpec},
           {"VERLLV ES 4", VRRc(kVERLLV, kV1, kV2, kV3, 4), kSpec},
           {"VERIM ES 4", VRId(kVERIM, kV1, kV2, kV3, 1, 4), kSpec},
           {"VSLDB I4 16", VRId(kVSLDB, kV1, kV2, kV3, 16), kSpec},
           {"VSLD I4 8", VRId(kVSLD, kV1, kV2, kV3, 8), kSpec},
           {"VSRD I4 0x80", VRId(kVSRD, kV1, kV2, kV3, 0x80), kSpec},
       }) {
    RunVExceptionCase(c);
  }
}

TEST(VectorIntegerTest, FacilitiesOff) {
  const ProgramInterruptCode kOp = ProgramInterruptCode::kOperation;
  for (const VExceptionCase& c : std::vector<VExceptionCase>{
           // Vector-enhancements facility 1.
           {"VNX", VRRc(kVNX, kV1, kV2, kV3), kOp, &VectorBaseTestModel()},
           {"VNN", VRRc(kVNN, kV1, kV2, kV3), kOp, &VectorBaseTestModel()},
           {"VOC", VRRc(kVOC, kV1, kV2, kV3), kOp, &VectorBaseTestModel()},
           {"VMSL", VRRd(kVMSL, kV1, kV2, kV3, kV4, 3), kOp, &VectorBaseTestModel()},
           // Vector-enhancements facility 2.
           {"VSLD", VRId(kVSLD, kV1, kV2, kV3, 1), kOp, &VectorBaseTestModel()},
           {"VSRD", VRId(kVSRD, kV1, kV2, kV3, 1), kOp, &VectorBaseTestModel()},
           // No vector facility at all.
           {"VA", VRRc(kVA, kV1, kV2, kV3, 0), kOp, &IntegerTestModel()},
           {"VN", VRRc(kVN, kV1, kV2, kV3), kOp, &IntegerTestModel()},
       }) {
    RunVExceptionCase(c);
  }
}

TEST(VectorIntegerTest, VectorEnablementControlOff) {
  // CR0 bit 46 off: data exception with DXC 0xfe, which (AFP control on) also goes to byte 2 of the FPC. It
  // comes before the specification exception of a reserved element size.
  for (const VExceptionCase& c : std::vector<VExceptionCase>{
           {"VA", VRRc(kVA, kV1, kV2, kV3, 0), ProgramInterruptCode::kData},
           {"VA ES 5", VRRc(kVA, kV1, kV2, kV3, 5), ProgramInterruptCode::kData},
           {"VESL", VRSa(kVESL, kV1, kV3, 1, 0, 0), ProgramInterruptCode::kData},
           {"VMSL", VRRd(kVMSL, kV1, kV2, kV3, kV4, 3), ProgramInterruptCode::kData},
           {"VTM", VRRa(kVTM, kV1, kV2), ProgramInterruptCode::kData},
           {"VSLDB", VRId(kVSLDB, kV1, kV2, kV3, 1), ProgramInterruptCode::kData},
       }) {
    VExceptionCase d = c;
    d.cr0 = cr0::kAfpRegisterControl;
    RunVExceptionCase(d);
  }
  InsnTester t(VectorTestModel());
  t.state().cr[0] = cr0::kAfpRegisterControl;
  const InsnResult res = t.Run(VRRc(kVN, 1, 2, 3));
  ASSERT_FALSE(res.completed);
  EXPECT_EQ(res.code, ProgramInterruptCode::kData);
  EXPECT_EQ((t.state().fpc >> 8) & 0xff, 0xfeu);
}

TEST(VectorIntegerTest, SequenceThroughTheDecodeCache) {
  // Several vector instructions in one block: a 128-bit add with carry chain over two quadwords
  // (VACCQ/VAQ/VACQ), then VSUMQF into a scalar-like result.
  InsnTester t(VectorTestModel());
  t.state().cr[0] = kVectorCr0;
  t.state().vr[1] = Q(0, kOnes);  // low quadword of x
  t.state().vr[2] = Q(0, 0);      // high quadword of x
  t.state().vr[3] = Q(kOnes, kOnes);
  t.state().vr[4] = Q(0, 0);
  Bytes code;
  for (const Bytes& insn : {VRRc(kVACC, 5, 1, 3, 4), VRRc(kVA, 6, 1, 3, 4), VRRd(kVAC, 7, 2, 4, 5, 4)}) {
    code.insert(code.end(), insn.begin(), insn.end());
  }
  ASSERT_TRUE(t.Run(code).completed);
  EXPECT_EQ(t.state().vr[5], Q(0, 1));          // carry out of the low quadword
  EXPECT_EQ(t.state().vr[6], Q(0, kOnes - 1));  // low quadword of the sum
  EXPECT_EQ(t.state().vr[7], Q(0, 1));          // high quadword: 0 + 0 + carry
}

TEST(VectorIntegerTest, AllInstructionsImplemented) {
  ExpectFamilyImplemented({
      "VN",    "VNC",   "VO",    "VNO",   "VNX",    "VX",    "VNN",   "VOC",    "VA",     "VACC",  "VAC",
      "VACCC", "VS",    "VSCBI", "VSBI",  "VSBCBI", "VAVG",  "VAVGL", "VCEQ",   "VCH",    "VCHL",  "VEC",
      "VECL",  "VMN",   "VMNL",  "VMX",   "VMXL",   "VLC",   "VLP",   "VCLZ",   "VCTZ",   "VPOPCT", "VMH",
      "VMLH",  "VML",   "VME",   "VMLE",  "VMO",    "VMLO",  "VMAH",  "VMALH",  "VMAL",   "VMAE",  "VMALE",
      "VMAO",  "VMALO", "VMSL",  "VGFM",  "VGFMA",  "VSUM",  "VSUMG", "VSUMQ",  "VCKSM",  "VTM",   "VESL",
      "VESRA", "VESRL", "VERLL", "VESLV", "VESRAV", "VESRLV", "VERLLV", "VERIM", "VSL",    "VSLB",  "VSRA",
      "VSRAB", "VSRL",  "VSRLB", "VSLDB", "VSLD",   "VSRD",
  });
}

}  // namespace
}  // namespace s390vmm::interp::testing::vector_integer
