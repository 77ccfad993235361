// Tests of the interlocked instructions (atomic.cc): results, CCs, alignment and register-pair
// specification exceptions, COMPARE AND SWAP AND STORE's function codes, and — with several interpreters
// on several host threads sharing one guest memory — that the updates really are atomic.
#include <string>
#include <thread>
#include <vector>

#include "cpu/interp/insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x30000;
constexpr uint64_t kCode = InsnTester::kCode;
constexpr uint64_t kJunk = 0xa5a5a5a500000000ull;

// SSF: CSST d1(b1),d2(b2),r3 and LPD r3,d1(b1),d2(b2); `ext` is the opcode extension (bits 12-15).
Bytes SSF(int ext, int r3, int d1, int b1, int d2, int b2) {
  return {0xc8, static_cast<uint8_t>(r3 << 4 | ext), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}
Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

const char* const kMnemonics[] = {"CS",   "CSY",  "CSG",  "CDS",   "CDSY", "CDSG", "CSST", "LAA",  "LAAG",
                                  "LAAL", "LAALG", "LAN", "LANG",  "LAO",  "LAOG", "LAX",  "LAXG", "LPD",
                                  "LPDG", "TS",   "LPQ",  "STPQ"};

TEST(AtomicTest, EveryMnemonicHasAHandler) {
  for (const char* m : kMnemonics) {
    bool found = false;
    for (size_t k = 0; k < isa::AllInsns().size(); ++k) {
      if (std::string(isa::AllInsns()[k].mnemonic) == m) {
        found = true;
        EXPECT_TRUE(HandlerTable::Default().Implemented(static_cast<isa::InsnId>(k + 1))) << m;
      }
    }
    EXPECT_TRUE(found) << m;
  }
}

// ---- Compare and swap -------------------------------------------------------------------------------------
TEST(AtomicTest, CompareAndSwap) {
  const Bytes b5 = Be<uint32_t>(5), b7 = Be<uint32_t>(7), b9 = Be<uint32_t>(9);
  RunCases({
      {"CS equal", RS(0xba, 1, 3, 0, 7), {{1, kJunk | 5}, {3, 9}, {7, kData}}, {{1, kJunk | 5}}, 0, 3,
       {{kData, b5}}, {{kData, b9}}},
      {"CS unequal", RS(0xba, 1, 3, 0, 7), {{1, kJunk | 5}, {3, 9}, {7, kData}}, {{1, kJunk | 7}}, 1, 0,
       {{kData, b7}}, {{kData, b7}}},
      {"CS compares 32 bits", RS(0xba, 1, 3, 0, 7), {{1, 0xffffffff00000005ull}, {3, 9}, {7, kData}}, {}, 0, 3,
       {{kData, b5}}, {{kData, b9}}},
      {"CSY", RSY(0xeb14, 1, 3, -4, 7), {{1, 5}, {3, 9}, {7, kData + 4}}, {}, 0, 3, {{kData, b5}}, {{kData, b9}}},
      {"CSG equal", RSY(0xeb30, 1, 3, 0, 7), {{1, 1ull << 40}, {3, 2}, {7, kData}}, {}, 0, 3,
       {{kData, Be<uint64_t>(1ull << 40)}}, {{kData, Be<uint64_t>(2)}}},
      {"CSG unequal", RSY(0xeb30, 1, 3, 0, 7), {{1, 1}, {3, 2}, {7, kData}}, {{1, 1ull << 40}}, 1, 0,
       {{kData, Be<uint64_t>(1ull << 40)}}, {{kData, Be<uint64_t>(1ull << 40)}}},
      {"CDS equal", RS(0xbb, 2, 4, 0, 7), {{2, kJunk | 1}, {3, kJunk | 2}, {4, 3}, {5, 4}, {7, kData}}, {}, 0, 3,
       {{kData, {0, 0, 0, 1, 0, 0, 0, 2}}}, {{kData, {0, 0, 0, 3, 0, 0, 0, 4}}}},
      {"CDS unequal", RS(0xbb, 2, 4, 0, 7), {{2, kJunk | 1}, {3, kJunk | 2}, {4, 3}, {5, 4}, {7, kData}},
       {{2, kJunk | 1}, {3, kJunk | 9}}, 1, 0, {{kData, {0, 0, 0, 1, 0, 0, 0, 9}}}, {{kData, {0, 0, 0, 1, 0, 0, 0, 9}}}},
      {"CDSY", RSY(0xeb31, 2, 4, 8, 7), {{2, 1}, {3, 2}, {4, 3}, {5, 4}, {7, kData - 8}}, {}, 0, 3,
       {{kData, {0, 0, 0, 1, 0, 0, 0, 2}}}, {{kData, {0, 0, 0, 3, 0, 0, 0, 4}}}},
      {"CDSG equal", RSY(0xeb3e, 2, 4, 0, 7),
       {{2, 0x0102030405060708ull}, {3, 0x1112131415161718ull}, {4, 0xa1}, {5, 0xb2}, {7, kData}}, {}, 0, 3,
       {{kData, Cat({Be<uint64_t>(0x0102030405060708ull), Be<uint64_t>(0x1112131415161718ull)})}},
       {{kData, Cat({Be<uint64_t>(0xa1), Be<uint64_t>(0xb2)})}}},
      {"CDSG unequal in the low half", RSY(0xeb3e, 2, 4, 0, 7),
       {{2, 0x0102030405060708ull}, {3, 0}, {4, 0xa1}, {5, 0xb2}, {7, kData}},
       {{2, 0x0102030405060708ull}, {3, 0x1112131415161718ull}}, 1, 0,
       {{kData, Cat({Be<uint64_t>(0x0102030405060708ull), Be<uint64_t>(0x1112131415161718ull)})}},
       {{kData, Cat({Be<uint64_t>(0x0102030405060708ull), Be<uint64_t>(0x1112131415161718ull)})}}},
  });
  const std::vector<std::pair<uint64_t, Bytes>> m = {{kData, Bytes(32, 0)}};
  RunExceptionCases({
      {"CS unaligned", RS(0xba, 1, 3, 2, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CSY unaligned", RSY(0xeb14, 1, 3, 1, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CSG unaligned", RSY(0xeb30, 1, 3, 4, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CDS odd R1", RS(0xbb, 3, 4, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CDS odd R3", RS(0xbb, 2, 5, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CDS unaligned", RS(0xbb, 2, 4, 4, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CDSG unaligned", RSY(0xeb3e, 2, 4, 8, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CDSG odd R1", RSY(0xeb3e, 1, 4, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"CDSG odd R3", RSY(0xeb3e, 2, 3, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
  });
}

// ---- Compare and swap and store ---------------------------------------------------------------------------
// Operand 1 at kData (R7), operand 2 at kData + 0x40, the parameter list at kData + 0x100 (R1).
constexpr uint64_t kOp2 = kData + 0x40;
constexpr uint64_t kParams = kData + 0x100;

struct CsstResult {
  InsnResult r;
  Bytes op1, op2;
  uint64_t r4, r5;
};

CsstResult RunCsst(const CpuModel& model, int fc, int sc, int r3, Bytes op1_in, uint64_t r4, uint64_t r5,
                   int op2_offset = 0, uint64_t params_bias = 0) {
  InsnTester t(model);
  Bytes params;
  for (int k = 0; k < 32; ++k) params.push_back(static_cast<uint8_t>(0xa0 + k));
  t.Put(kParams, params);
  t.Put(kData, op1_in);
  t.Put(kOp2, Bytes(16, 0));
  t.SetGr(0, static_cast<uint64_t>(sc) << 8 | fc);
  t.SetGr(1, kParams + params_bias);
  t.SetGr(4, r4);
  t.SetGr(5, r5);
  t.SetGr(7, kData);
  CsstResult out;
  out.r = t.Run(SSF(2, r3, 0, 7, 0x40 + op2_offset, 7));
  out.op1 = t.Get(kData, 16);
  out.op2 = t.Get(kOp2, 16);
  out.r4 = t.gr(4);
  out.r5 = t.gr(5);
  return out;
}

Bytes Params(int from, int n) {
  Bytes b;
  for (int k = 0; k < n; ++k) b.push_back(static_cast<uint8_t>(0xa0 + from + k));
  return b;
}
Bytes Pad(Bytes b, size_t n) {
  b.resize(n, 0);
  return b;
}

TEST(AtomicTest, CompareAndSwapAndStore) {
  const CpuModel& model = IntegerTestModel();
  {  // FC 0, SC 0: word compare and swap, byte store; GR1 bits 60-63 ignored
    const CsstResult c = RunCsst(model, 0, 0, 4, Pad({0, 0, 0, 5}, 16), kJunk | 5, 0, 0, 7);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 0);
    EXPECT_EQ(c.op1, Pad(Params(0, 4), 16));
    EXPECT_EQ(c.op2, Pad(Params(16, 1), 16));
    EXPECT_EQ(c.r4, kJunk | 5);
  }
  {  // FC 0 unequal: R3 bits 32-63 loaded, nothing stored
    const CsstResult c = RunCsst(model, 0, 2, 4, Pad({0, 0, 0, 6}, 16), kJunk | 5, 0);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 1);
    EXPECT_EQ(c.op1, Pad({0, 0, 0, 6}, 16));
    EXPECT_EQ(c.op2, Bytes(16, 0));
    EXPECT_EQ(c.r4, kJunk | 6);
  }
  {  // FC 1, SC 3
    const CsstResult c = RunCsst(model, 1, 3, 4, Pad(Be<uint64_t>(1ull << 50), 16), 1ull << 50, 0);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 0);
    EXPECT_EQ(c.op1, Pad(Params(0, 8), 16));
    EXPECT_EQ(c.op2, Pad(Params(16, 8), 16));
  }
  {  // FC 1 unequal
    const CsstResult c = RunCsst(model, 1, 1, 4, Pad(Be<uint64_t>(3), 16), 2, 0);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 1);
    EXPECT_EQ(c.r4, 3u);
    EXPECT_EQ(c.op2, Bytes(16, 0));
  }
  {  // FC 2, SC 4: quadword compare and swap, quadword store (R4/R5)
    const CsstResult c =
        RunCsst(model, 2, 4, 4, Cat({Be<uint64_t>(11), Be<uint64_t>(22)}), 11, 22);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 0);
    EXPECT_EQ(c.op1, Params(0, 16));
    EXPECT_EQ(c.op2, Params(16, 16));
  }
  {  // FC 2 unequal
    const CsstResult c = RunCsst(model, 2, 1, 4, Cat({Be<uint64_t>(11), Be<uint64_t>(23)}), 11, 22);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 1);
    EXPECT_EQ(c.r4, 11u);
    EXPECT_EQ(c.r5, 23u);
    EXPECT_EQ(c.op2, Bytes(16, 0));
  }
  struct Bad {
    std::string name;
    int fc, sc, r3, op2_offset;
  };
  for (const Bad& b : {Bad{"FC 3", 3, 0, 4, 0}, Bad{"SC 5", 0, 5, 4, 0}, Bad{"FC 2 odd R3", 2, 0, 5, 0},
                       Bad{"SC 2 op2 unaligned", 0, 2, 4, 2}, Bad{"SC 1 op2 odd", 1, 1, 4, 1},
                       Bad{"SC 4 op2 on a doubleword", 0, 4, 4, 8}}) {
    SCOPED_TRACE(b.name);
    const CsstResult c = RunCsst(model, b.fc, b.sc, b.r3, Pad({0, 0, 0, 5}, 16), 5, 0, b.op2_offset);
    ASSERT_FALSE(c.r.completed);
    EXPECT_EQ(c.r.code, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(c.r.ilc, 6);
    EXPECT_EQ(c.op1, Pad({0, 0, 0, 5}, 16));
  }
  {  // First operand aligned to its size: FC 1 at kData + 4
    InsnTester t(model);
    t.SetGr(0, 1);
    t.SetGr(1, kParams);
    t.SetGr(7, kData);
    const InsnResult r = t.Run(SSF(2, 4, 4, 7, 0x40, 7));
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  }
  // Without CSST facility 2, FC 2 and SC 4 are invalid.
  const CpuModel csst1("csst1", 0x2097, "CSST without facility 2", {0, 1, 2, 7, 18, 21, 32, 34, 35});
  for (const auto& [fc, sc] : {std::pair{2, 0}, std::pair{0, 4}}) {
    const CsstResult c = RunCsst(csst1, fc, sc, 4, Pad({0, 0, 0, 5}, 16), 5, 0);
    ASSERT_FALSE(c.r.completed);
    EXPECT_EQ(c.r.code, ProgramInterruptCode::kSpecification);
  }
  {
    const CsstResult c = RunCsst(csst1, 0, 3, 4, Pad({0, 0, 0, 5}, 16), 5, 0);
    ASSERT_TRUE(c.r.completed);
    EXPECT_EQ(c.r.cc, 0);
  }
}

// ---- Interlocked-access loads -----------------------------------------------------------------------------
TEST(AtomicTest, LoadAndOperate) {
  auto w = [](uint32_t v) { return Be<uint32_t>(v); };
  auto d = [](uint64_t v) { return Be<uint64_t>(v); };
  auto c = [](std::string name, Bytes insn, uint64_t op3, Bytes mem, uint64_t r1, Bytes mem_out, int cc) {
    return Case{name, insn, {{1, kJunk | 0xdead}, {3, op3}, {7, kData}}, {{1, r1}, {3, op3}}, cc, 0, {{kData, mem}},
                {{kData, mem_out}}};
  };
  RunCases({
      c("LAA positive", RSY(0xebf8, 1, 3, 0, 7), 3, w(5), kJunk | 5, w(8), 2),
      c("LAA negative", RSY(0xebf8, 1, 3, 0, 7), 3, w(-5), kJunk | 0xfffffffb, w(-2), 1),
      c("LAA zero", RSY(0xebf8, 1, 3, 0, 7), -5ull, w(5), kJunk | 5, w(0), 0),
      c("LAA overflow, masked", RSY(0xebf8, 1, 3, 0, 7), 1, w(0x7fffffff), kJunk | 0x7fffffff, w(0x80000000), 3),
      c("LAAG overflow, masked", RSY(0xebe8, 1, 3, 0, 7), -1ull, d(1ull << 63), 1ull << 63, d(~(1ull << 63)), 3),
      c("LAAG", RSY(0xebe8, 1, 3, 0, 7), 1ull << 40, d(1), 1, d((1ull << 40) + 1), 2),
      c("LAAL zero no carry", RSY(0xebfa, 1, 3, 0, 7), 0, w(0), kJunk, w(0), 0),
      c("LAAL nonzero no carry", RSY(0xebfa, 1, 3, 0, 7), 1, w(1), kJunk | 1, w(2), 1),
      c("LAAL zero carry", RSY(0xebfa, 1, 3, 0, 7), 1, w(0xffffffff), kJunk | 0xffffffff, w(0), 2),
      c("LAAL nonzero carry", RSY(0xebfa, 1, 3, 0, 7), 2, w(0xffffffff), kJunk | 0xffffffff, w(1), 3),
      c("LAALG carry", RSY(0xebea, 1, 3, 0, 7), 2, d(~0ull), ~0ull, d(1), 3),
      c("LAN zero", RSY(0xebf4, 1, 3, 0, 7), 0x0f0f, w(0xf0f0), kJunk | 0xf0f0, w(0), 0),
      c("LAN", RSY(0xebf4, 1, 3, 0, 7), 0xff0f, w(0xf0f0), kJunk | 0xf0f0, w(0xf000), 1),
      c("LANG", RSY(0xebe4, 1, 3, 0, 7), 0xff00000000000000ull, d(0x1234567890abcdefull), 0x1234567890abcdefull,
        d(0x1200000000000000ull), 1),
      c("LAO", RSY(0xebf6, 1, 3, 0, 7), 0x0f0f, w(0xf0f00000), kJunk | 0xf0f00000, w(0xf0f00f0f), 1),
      c("LAO zero", RSY(0xebf6, 1, 3, 0, 7), 0, w(0), kJunk, w(0), 0),
      c("LAOG", RSY(0xebe6, 1, 3, 0, 7), 1ull << 63, d(1), 1, d((1ull << 63) | 1), 1),
      c("LAX zero", RSY(0xebf7, 1, 3, 0, 7), 0x1234, w(0x1234), kJunk | 0x1234, w(0), 0),
      c("LAXG", RSY(0xebe7, 1, 3, 0, 7), ~0ull, d(0x00ff00ff00ff00ffull), 0x00ff00ff00ff00ffull,
        d(0xff00ff00ff00ff00ull), 1),
  });
  const std::vector<std::pair<uint64_t, Bytes>> m = {{kData, Bytes(16, 0)}};
  RunExceptionCases({
      {"LAA unaligned", RSY(0xebf8, 1, 3, 2, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"LAAG unaligned", RSY(0xebe8, 1, 3, 4, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"LAN unaligned", RSY(0xebf4, 1, 3, 1, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"LAXG unaligned", RSY(0xebe7, 1, 3, 12, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
  });
}

TEST(AtomicTest, LoadAndAddOverflowInterruptsAfterTheUpdate) {
  for (const bool g : {false, true}) {
    InsnTester t;
    t.SetProgramMask(8);
    t.SetGr(1, 0);
    t.SetGr(3, 1);
    t.SetGr(7, kData);
    if (g) {
      t.Store<uint64_t>(kData, 0x7fffffffffffffffull);
    } else {
      t.Store<uint32_t>(kData, 0x7fffffff);
    }
    const InsnResult r = t.Run(RSY(g ? 0xebe8 : 0xebf8, 1, 3, 0, 7));
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kFixedPointOverflow);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(r.psw_address, kCode + 6) << "the instruction completed";
    EXPECT_EQ(r.cc, 3);
    if (g) {
      EXPECT_EQ(t.gr(1), 0x7fffffffffffffffull);
      EXPECT_EQ(t.Load<uint64_t>(kData), 0x8000000000000000ull);
    } else {
      EXPECT_EQ(t.gr(1), 0x7fffffffu);
      EXPECT_EQ(t.Load<uint32_t>(kData), 0x80000000u);
    }
  }
}

TEST(AtomicTest, LoadPairDisjoint) {
  RunCases({
      {"LPD", SSF(4, 2, 0, 7, 0x20, 7), {{2, kJunk}, {3, kJunk}, {7, kData}}, {{2, kJunk | 0x11}, {3, kJunk | 0x22}},
       0, 3, {{kData, Be<uint32_t>(0x11)}, {kData + 0x20, Be<uint32_t>(0x22)}}},
      {"LPDG", SSF(5, 2, 0, 7, 0x20, 7), {{7, kData}}, {{2, 1ull << 40}, {3, 2ull << 40}}, 0, 3,
       {{kData, Be<uint64_t>(1ull << 40)}, {kData + 0x20, Be<uint64_t>(2ull << 40)}}},
  });
  RunExceptionCases({
      {"LPD odd R3", SSF(4, 3, 0, 7, 0x20, 7), {{7, kData}}, ProgramInterruptCode::kSpecification},
      {"LPD op1 unaligned", SSF(4, 2, 2, 7, 0x20, 7), {{7, kData}}, ProgramInterruptCode::kSpecification},
      {"LPDG op2 unaligned", SSF(5, 2, 0, 7, 0x24, 7), {{7, kData}}, ProgramInterruptCode::kSpecification},
  });
}

TEST(AtomicTest, TestAndSet) {
  for (const auto& [before, cc] : {std::pair<uint8_t, int>{0x00, 0}, {0x7f, 0}, {0x80, 1}, {0xff, 1}}) {
    InsnTester t;
    t.SetGr(7, kData);
    t.Put(kData, {before, 0x11});
    const InsnResult r = t.Run(SI(0x93, 0, 7, 0));
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, cc);
    EXPECT_EQ(t.Get(kData, 2), (Bytes{0xff, 0x11}));
  }
}

TEST(AtomicTest, QuadwordLoadAndStore) {
  const Bytes q = Cat({Be<uint64_t>(0x0102030405060708ull), Be<uint64_t>(0x1112131415161718ull)});
  RunCases({
      {"LPQ", RXY(0xe38f, 2, 0x10, 0, 7), {{7, kData - 0x10}}, {{2, 0x0102030405060708ull}, {3, 0x1112131415161718ull}},
       -1, 0, {{kData, q}}},
      {"STPQ", RXY(0xe38e, 4, 0, 0, 7), {{4, 0x0102030405060708ull}, {5, 0x1112131415161718ull}, {7, kData}}, {}, -1,
       0, {{kData, Bytes(16, 0)}}, {{kData, q}}},
  });
  const std::vector<std::pair<uint64_t, Bytes>> m = {{kData, Bytes(32, 0)}};
  RunExceptionCases({
      {"LPQ odd", RXY(0xe38f, 3, 0, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"LPQ unaligned", RXY(0xe38f, 2, 8, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"STPQ odd", RXY(0xe38e, 5, 0, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
      {"STPQ unaligned", RXY(0xe38e, 4, 4, 0, 7), {{7, kData}}, ProgramInterruptCode::kSpecification, m},
  });
}

// ---- Several CPUs at once ---------------------------------------------------------------------------------
// Each thread runs its own Interpreter (user mode) on one shared guest memory; every program loops
// `kIterations` times around one interlocked update and ends with SVC 0.
constexpr int kThreads = 4;
constexpr int kIterations = 20000;

void RunOnThreads(GuestMemory& memory, const Bytes& program, const std::vector<std::pair<int, uint64_t>>& regs) {
  ASSERT_TRUE(memory.Write(GuestAddress(kCode), absl::MakeConstSpan(program)).ok());
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] {
      InterpreterOptions options;
      options.user_mode = true;
      Interpreter cpu(memory, IntegerTestModel(), options);
      cpu.state().psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, kCode);
      for (const auto& [r, v] : regs) cpu.state().gr[r] = v;
      absl::StatusOr<Exit> exit = cpu.Run();
      ok[k] = exit.ok() && std::holds_alternative<SupervisorCallExit>(*exit);
    });
  }
  for (std::thread& t : threads) t.join();
  for (int k = 0; k < kThreads; ++k) EXPECT_TRUE(ok[k]) << "thread " << k;
}

TEST(AtomicConcurrencyTest, CompareAndSwapCounter) {
  auto memory = *GuestMemory::CreateFlat(1 << 20);
  // 0: L 2,0(10) ; 4: LR 3,2 ; 6: LA 3,1(3) ; 10: CS 2,3,0(10) ; 14: BRC 4,4 (retry) ; 18: BRCT 5,0 ; 22: SVC 0
  const Bytes program = Cat({RX(0x58, 2, 0, 0, 10), RR(0x18, 3, 2), RX(0x41, 3, 1, 0, 3), RS(0xba, 2, 3, 0, 10),
                             RI(0xa74, 4, -5), RI(0xa76, 5, -9), {0x0a, 0x00}});
  RunOnThreads(*memory, program, {{10, kData}, {5, kIterations}});
  EXPECT_EQ(*memory->Load<uint32_t>(GuestAddress(kData)), uint32_t{kThreads * kIterations});
}

TEST(AtomicConcurrencyTest, LoadAndAddCounter) {
  auto memory = *GuestMemory::CreateFlat(1 << 20);
  // 0: LAAG 2,4,0(11) ; 6: BRCT 5,0 ; 10: SVC 0
  const Bytes program = Cat({RSY(0xebe8, 2, 4, 0, 11), RI(0xa76, 5, -3), {0x0a, 0x00}});
  RunOnThreads(*memory, program, {{11, kData + 8}, {4, 3}, {5, kIterations}});
  EXPECT_EQ(*memory->Load<uint64_t>(GuestAddress(kData + 8)), uint64_t{3} * kThreads * kIterations);
}

TEST(AtomicConcurrencyTest, CompareDoubleAndSwapQuadwordCounter) {
  auto memory = *GuestMemory::CreateFlat(1 << 20);
  // Both halves of a quadword count up together; a torn update would make them differ.
  // 0: LG 2,0(12) ; 6: LG 3,8(12) ; 12: LA 4,1(2) ; 16: LA 5,1(3) ; 20: CDSG 2,4,0(12) ; 26: BRC 4,12 ;
  // 30: BRCT 6,0 ; 34: SVC 0
  const Bytes program = Cat({RXY(0xe304, 2, 0, 0, 12), RXY(0xe304, 3, 8, 0, 12), RX(0x41, 4, 1, 0, 2),
                             RX(0x41, 5, 1, 0, 3), RSY(0xeb3e, 2, 4, 0, 12), RI(0xa74, 4, -7), RI(0xa76, 6, -15),
                             {0x0a, 0x00}});
  ASSERT_TRUE(memory->Store<uint64_t>(GuestAddress(kData + 0x18), 1000).ok());
  RunOnThreads(*memory, program, {{12, kData + 0x10}, {6, kIterations}});
  EXPECT_EQ(*memory->Load<uint64_t>(GuestAddress(kData + 0x10)), uint64_t{kThreads * kIterations});
  EXPECT_EQ(*memory->Load<uint64_t>(GuestAddress(kData + 0x18)), uint64_t{1000 + kThreads * kIterations});
}

TEST(AtomicConcurrencyTest, TestAndSetLock) {
  auto memory = *GuestMemory::CreateFlat(1 << 20);
  // A spin lock around a plain load/add/store.
  // 0: TS 0(13) ; 4: BRC 4,0 ; 8: L 2,4(13) ; 12: LA 2,1(2) ; 16: ST 2,4(13) ; 20: MVI 0(13),0 ;
  // 24: BRCT 5,0 ; 28: SVC 0
  const Bytes program = Cat({SI(0x93, 0, 13, 0), RI(0xa74, 4, -2), RX(0x58, 2, 4, 0, 13), RX(0x41, 2, 1, 0, 2),
                             RX(0x50, 2, 4, 0, 13), SI(0x92, 0, 13, 0), RI(0xa76, 5, -12), {0x0a, 0x00}});
  RunOnThreads(*memory, program, {{13, kData + 0x40}, {5, kIterations}});
  EXPECT_EQ(*memory->Load<uint32_t>(GuestAddress(kData + 0x44)), uint32_t{kThreads * kIterations});
}

}  // namespace
}  // namespace s390vmm::interp::testing
