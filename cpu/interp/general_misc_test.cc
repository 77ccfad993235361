// Tests of general_misc.cc: PERFORM LOCKED OPERATION (every function code, the test bit, register-pair
// and alignment rules, suppression on access exceptions, serialization of two CPUs), UPDATE TREE,
// COMPARE AND FORM CODEWORD and COPY ACCESS, one instruction at a time on a real Interpreter.
#include <cstring>
#include <thread>

#include "cpu/interp/insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

// PLO R1,D2(B2),R3,D4(B4) (SS-e).
Bytes PLO(int r1, int r3, int d2, int b2, int d4, int b4) {
  return {0xee, static_cast<uint8_t>(r1 << 4 | r3), static_cast<uint8_t>(b2 << 4 | (d2 >> 8)), static_cast<uint8_t>(d2),
          static_cast<uint8_t>(b4 << 4 | (d4 >> 8)), static_cast<uint8_t>(d4)};
}
const Bytes kUPT = {0x01, 0x02};
Bytes CFC(int d2, int b2) { return {0xb2, 0x1a, static_cast<uint8_t>(b2 << 4 | (d2 >> 8)), static_cast<uint8_t>(d2)}; }

// Operand locations: the second operand at kOp2 (base register 6), the fourth operand or parameter list
// at kPl (base register 7), the operands the parameter list designates at kOp4/kOp6/kOp8.
constexpr uint64_t kOp2 = 0x2000;
constexpr uint64_t kPl = 0x3000;
constexpr uint64_t kOp4 = 0x4000;
constexpr uint64_t kOp6 = 0x4100;
constexpr uint64_t kOp8 = 0x4200;
const Bytes kPloInsn = PLO(2, 4, 0, 6, 0, 7);  // PLO 2,0(6),4,0(7)

Bytes Ascii(const char* s) { return Bytes(s, s + std::strlen(s)); }

// A value of `width` bytes made of one repeated tag byte, so that slots are easy to tell apart.
Bytes Val(int width, uint8_t tag) { return Bytes(width, tag); }

class PloTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_.SetGr(6, kOp2);
    t_.SetGr(7, kPl);
    t_.Put(kPl, Bytes(160, 0));
    t_.Put(kOp4, Bytes(16, 0xee));
    t_.Put(kOp6, Bytes(16, 0xee));
    t_.Put(kOp8, Bytes(16, 0xee));
  }
  // The value of parameter-list slot `slot` (right-aligned in its 16 bytes).
  void PutSlot(int slot, const Bytes& v) { t_.Put(kPl + 16 * slot + 16 - v.size(), v); }
  Bytes GetSlot(int slot, int width) { return t_.Get(kPl + 16 * slot + 16 - width, width); }
  void PutAddress(int offset, uint64_t addr) { t_.Put(kPl + offset, Be<uint64_t>(addr)); }
  InsnResult Run(uint32_t fc) {
    t_.SetGr(0, fc);
    return t_.Run(kPloInsn);
  }

  InsnTester t_;
};

TEST(GeneralMiscTest, FamilyImplemented) { ExpectFamilyImplemented({"PLO", "UPT", "CFC", "CPYA", "CMPSC"}); }

// ---- PLO: test bit and function codes ---------------------------------------------------------------------

TEST_F(PloTest, TestBitReportsInstalledFunctions) {
  for (uint32_t fc : {0u, 1u, 2u, 3u, 7u, 12u, 19u, 23u, 24u, 25u, 0x80u, 0xffu}) {
    SCOPED_TRACE(fc);
    t_.SetGr(2, 0x1111);
    t_.Put(kOp2, Be<uint32_t>(0x1111));  // would compare equal
    const InsnResult r = Run(0x100 | fc);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, fc < 24 ? 0 : 3);
    EXPECT_EQ(t_.gr(2), 0x1111u);  // nothing performed
  }
  // Bits 0-31 of GR0 are ignored.
  t_.SetGr(0, 0xffffffff00000100ull | 5);
  EXPECT_EQ(t_.Run(kPloInsn).cc, 0);
}

TEST_F(PloTest, SpecificationExceptions) {
  const struct {
    const char* name;
    uint32_t gr0;
    Bytes insn;
    uint64_t gr6 = kOp2;
    uint64_t gr7 = kPl;
  } cases[] = {
      {"reserved GR0 bit 54", 0x200, kPloInsn},
      {"reserved GR0 bit 32", 0x80000000u, kPloInsn},
      {"reserved bits with the test bit", 0x300, kPloInsn},
      {"function code 24", 24, kPloInsn},
      {"function code 255", 255, kPloInsn},
      {"CS odd R1", 4, PLO(3, 4, 0, 6, 0, 7)},
      {"DCS odd R3", 8, PLO(2, 5, 0, 6, 0, 7)},
      {"CSST odd R1", 12, PLO(1, 4, 0, 6, 0, 7)},
      {"CSTSTGR odd R1", 22, PLO(5, 4, 0, 6, 0, 7)},
      {"CL word op2 misaligned", 0, kPloInsn, kOp2 + 2},
      {"CL word op4 misaligned", 0, kPloInsn, kOp2, kPl + 2},
      {"CLGR op2 on a word boundary", 2, kPloInsn, kOp2 + 4},
      {"CSG parameter list on a word boundary", 5, kPloInsn, kOp2, kPl + 4},
      {"CSX op2 on a doubleword boundary", 7, kPloInsn, kOp2 + 8},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t;
    t.SetGr(0, c.gr0);
    t.SetGr(6, c.gr6);
    t.SetGr(7, c.gr7);
    t.SetCc(1);
    const InsnResult r = t.Run(c.insn);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(r.ilc, 6);
    EXPECT_EQ(r.cc, 1);
  }
}

// ---- PLO: register functions (32-bit, FC % 4 == 0, and 64-bit "GR", FC % 4 == 2) ----------------------------

TEST_F(PloTest, CompareAndLoad32) {
  t_.SetGr(2, 0xaaaaaaaa00000005ull);
  t_.SetGr(4, 0xbbbbbbbb00000000ull);
  t_.Put(kOp2, Be<uint32_t>(5));
  t_.Put(kPl, Be<uint32_t>(0x12345678));
  InsnResult r = Run(0);
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t_.gr(4), 0xbbbbbbbb12345678ull);
  EXPECT_EQ(t_.gr(2), 0xaaaaaaaa00000005ull);
  t_.Put(kOp2, Be<uint32_t>(9));
  r = Run(0);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t_.gr(2), 0xaaaaaaaa00000009ull);
  EXPECT_EQ(t_.gr(4), 0xbbbbbbbb12345678ull);
}

TEST_F(PloTest, CompareAndLoad64Registers) {
  t_.SetGr(2, 0x0123456789abcdefull);
  t_.Put(kOp2, Be<uint64_t>(0x0123456789abcdefull));
  t_.Put(kPl, Be<uint64_t>(0xfedcba9876543210ull));
  EXPECT_EQ(Run(2).cc, 0);
  EXPECT_EQ(t_.gr(4), 0xfedcba9876543210ull);
  t_.Put(kOp2, Be<uint64_t>(7));
  EXPECT_EQ(Run(2).cc, 1);
  EXPECT_EQ(t_.gr(2), 7u);
}

TEST_F(PloTest, CompareAndSwapRegisters) {
  for (uint32_t fc : {4u, 6u}) {
    SCOPED_TRACE(fc);
    const int w = fc == 4 ? 4 : 8;
    t_.SetGr(2, 0xcccccccc00000042ull);
    t_.SetGr(3, 0xdddddddd87654321ull);
    t_.Put(kOp2, w == 4 ? Be<uint32_t>(0x42) : Be<uint64_t>(0xcccccccc00000042ull));
    InsnResult r = Run(fc);
    ASSERT_TRUE(r.completed);
    EXPECT_EQ(r.cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), w == 4 ? Be<uint32_t>(0x87654321) : Be<uint64_t>(0xdddddddd87654321ull));
    r = Run(fc);  // now unequal: R1 receives the second operand
    EXPECT_EQ(r.cc, 1);
    EXPECT_EQ(t_.gr(2), w == 4 ? 0xcccccccc87654321ull : 0xdddddddd87654321ull);
  }
}

TEST_F(PloTest, DoubleCompareAndSwapRegisters) {
  for (uint32_t fc : {8u, 10u}) {
    SCOPED_TRACE(fc);
    const int w = fc == 8 ? 4 : 8;
    auto be = [&](uint64_t v) { return w == 4 ? Be<uint32_t>(static_cast<uint32_t>(v)) : Be<uint64_t>(v); };
    // CC 1: the first comparison fails; R1 := op2, nothing stored.
    t_.SetGr(2, 1);
    t_.SetGr(3, 0x11);
    t_.SetGr(4, 2);
    t_.SetGr(5, 0x22);
    t_.Put(kOp2, be(9));
    t_.Put(kPl, be(2));
    EXPECT_EQ(Run(fc).cc, 1);
    EXPECT_EQ(t_.gr(2), 9u);
    EXPECT_EQ(t_.gr(4), 2u);
    // CC 2: the second comparison fails; R3 := op4.
    t_.SetGr(2, 9);
    t_.Put(kPl, be(8));
    EXPECT_EQ(Run(fc).cc, 2);
    EXPECT_EQ(t_.gr(4), 8u);
    EXPECT_EQ(t_.Get(kOp2, w), be(9));
    // CC 0: both equal; both replaced.
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), be(0x11));
    EXPECT_EQ(t_.Get(kPl, w), be(0x22));
  }
}

TEST_F(PloTest, CompareAndSwapAndStoreRegisters) {
  for (uint32_t fc : {12u, 14u}) {
    SCOPED_TRACE(fc);
    const int w = fc == 12 ? 4 : 8;
    auto be = [&](uint64_t v) { return w == 4 ? Be<uint32_t>(static_cast<uint32_t>(v)) : Be<uint64_t>(v); };
    t_.SetGr(2, 5);
    t_.SetGr(3, 6);
    t_.SetGr(4, 0x77);
    t_.Put(kOp2, be(5));
    t_.Put(kPl, be(0));
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), be(6));
    EXPECT_EQ(t_.Get(kPl, w), be(0x77));
    t_.Put(kPl, be(0));
    EXPECT_EQ(Run(fc).cc, 1);  // op2 is 6 now
    EXPECT_EQ(t_.gr(2), 6u);
    EXPECT_EQ(t_.Get(kPl, w), be(0)) << "nothing stored when unequal";
  }
}

TEST_F(PloTest, CompareAndSwapAndDoubleAndTripleStoreRegisters) {
  for (uint32_t fc : {16u, 18u, 20u, 22u}) {
    SCOPED_TRACE(fc);
    const int w = (fc % 4 == 0) ? 4 : 8;
    const int stores = fc >= 20 ? 3 : 2;
    auto be = [&](uint64_t v) { return w == 4 ? Be<uint32_t>(static_cast<uint32_t>(v)) : Be<uint64_t>(v); };
    SetUp();
    t_.SetGr(2, 5);
    t_.SetGr(3, 6);
    t_.Put(kOp2, be(5));
    PutSlot(3, Val(w, 0x33));
    PutSlot(5, Val(w, 0x55));
    PutSlot(7, Val(w, 0x77));
    PutAddress(72, kOp4);
    PutAddress(104, kOp6);
    PutAddress(136, kOp8);
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), be(6));
    EXPECT_EQ(t_.Get(kOp4, w), Val(w, 0x33));
    EXPECT_EQ(t_.Get(kOp6, w), Val(w, 0x55));
    EXPECT_EQ(t_.Get(kOp8, w), stores == 3 ? Val(w, 0x77) : Val(w, 0xee));
    EXPECT_EQ(Run(fc).cc, 1);
    EXPECT_EQ(t_.gr(2), 6u);
  }
}

// ---- PLO: parameter-list functions (64-bit "G", FC % 4 == 1, and 128-bit "X", FC % 4 == 3) ------------------

TEST_F(PloTest, CompareAndLoadParameterList) {
  for (uint32_t fc : {1u, 3u}) {
    SCOPED_TRACE(fc);
    const int w = fc == 1 ? 8 : 16;
    SetUp();
    t_.Put(kOp2, Val(w, 0x12));
    PutSlot(0, Val(w, 0x12));
    PutAddress(72, kOp4);
    t_.Put(kOp4, Val(w, 0x44));
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(GetSlot(2, w), Val(w, 0x44)) << "op4 replaces op3 in the list";
    t_.Put(kOp2, Val(w, 0x21));
    EXPECT_EQ(Run(fc).cc, 1);
    EXPECT_EQ(GetSlot(0, w), Val(w, 0x21)) << "op2 replaces the op1 comparison value";
  }
}

TEST_F(PloTest, CompareAndSwapParameterList) {
  for (uint32_t fc : {5u, 7u}) {
    SCOPED_TRACE(fc);
    const int w = fc == 5 ? 8 : 16;
    SetUp();
    t_.Put(kOp2, Val(w, 0x12));
    PutSlot(0, Val(w, 0x12));
    PutSlot(1, Val(w, 0x34));
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), Val(w, 0x34));
    EXPECT_EQ(Run(fc).cc, 1);
    EXPECT_EQ(GetSlot(0, w), Val(w, 0x34));
    EXPECT_EQ(t_.gr(2), 0u);
  }
}

TEST_F(PloTest, DoubleCompareAndSwapParameterList) {
  for (uint32_t fc : {9u, 11u}) {
    SCOPED_TRACE(fc);
    const int w = fc == 9 ? 8 : 16;
    SetUp();
    t_.Put(kOp2, Val(w, 0x12));
    PutSlot(0, Val(w, 0x12));
    PutSlot(1, Val(w, 0x13));
    PutSlot(2, Val(w, 0x40));
    PutSlot(3, Val(w, 0x41));
    PutAddress(72, kOp4);
    t_.Put(kOp4, Val(w, 0x4f));
    EXPECT_EQ(Run(fc).cc, 2);
    EXPECT_EQ(GetSlot(2, w), Val(w, 0x4f));
    EXPECT_EQ(t_.Get(kOp2, w), Val(w, 0x12));
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), Val(w, 0x13));
    EXPECT_EQ(t_.Get(kOp4, w), Val(w, 0x41));
    EXPECT_EQ(Run(fc).cc, 1);
    EXPECT_EQ(GetSlot(0, w), Val(w, 0x13));
  }
}

TEST_F(PloTest, CompareAndSwapAndStoresParameterList) {
  for (uint32_t fc : {13u, 15u, 17u, 19u, 21u, 23u}) {
    SCOPED_TRACE(fc);
    const int w = fc % 4 == 1 ? 8 : 16;
    const int stores = fc / 4 - 2;
    SetUp();
    t_.Put(kOp2, Val(w, 0x12));
    PutSlot(0, Val(w, 0x12));
    PutSlot(1, Val(w, 0x13));
    PutSlot(3, Val(w, 0x33));
    PutSlot(5, Val(w, 0x55));
    PutSlot(7, Val(w, 0x77));
    PutAddress(72, kOp4);
    PutAddress(104, kOp6);
    PutAddress(136, kOp8);
    EXPECT_EQ(Run(fc).cc, 0);
    EXPECT_EQ(t_.Get(kOp2, w), Val(w, 0x13));
    EXPECT_EQ(t_.Get(kOp4, w), Val(w, 0x33));
    EXPECT_EQ(t_.Get(kOp6, w), stores >= 2 ? Val(w, 0x55) : Val(w, 0xee));
    EXPECT_EQ(t_.Get(kOp8, w), stores >= 3 ? Val(w, 0x77) : Val(w, 0xee));
  }
}

TEST_F(PloTest, ParameterListAddressesWrapAndAlign) {
  // 31-bit mode: the operand address in the list is wrapped (bit 0 of the low word and the high word
  // ignored).
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kOp2, Val(8, 0x12));
  PutSlot(0, Val(8, 0x12));
  PutAddress(72, 0xffffffff80000000ull | kOp4);
  t_.Put(kOp4, Val(8, 0x44));
  EXPECT_EQ(Run(1).cc, 0);
  EXPECT_EQ(GetSlot(2, 8), Val(8, 0x44));
  // An operand address not aligned to the operand size: specification, nothing changed.
  t_.SetAddressingMode(AddressingMode::k64);
  PutSlot(2, Val(8, 0));
  PutAddress(72, kOp4 + 4);
  const InsnResult r = Run(1);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kSpecification);
  EXPECT_EQ(GetSlot(2, 8), Val(8, 0));
}

TEST_F(PloTest, AccessExceptionBeforeAnyStore) {
  // CSTSTG whose eighth operand is outside storage: nothing is stored, the instruction is suppressed.
  t_.Put(kOp2, Val(8, 0x12));
  PutSlot(0, Val(8, 0x12));
  PutSlot(1, Val(8, 0x13));
  PutAddress(72, kOp4);
  PutAddress(104, kOp6);
  PutAddress(136, InsnTester::kMemorySize + 0x1000);
  t_.SetCc(2);
  const InsnResult r = Run(21);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t_.Get(kOp2, 8), Val(8, 0x12));
  EXPECT_EQ(t_.Get(kOp4, 8), Val(8, 0xee));
  EXPECT_EQ(t_.Get(kOp6, 8), Val(8, 0xee));
}

TEST_F(PloTest, SixteenByteSlotCrossesAPage) {
  // CSX with a parameter list whose op1 comparison slot ends a page: compared and replaced whole.
  const uint64_t pl = 0x5ff0;
  t_.SetGr(7, pl);
  t_.Put(kOp2, Val(16, 0x21));
  t_.Put(pl, Val(16, 0x12));
  EXPECT_EQ(Run(7).cc, 1);
  EXPECT_EQ(t_.Get(pl, 16), Val(16, 0x21));
}

// Two CPUs increment one counter 20000 times each with PLO compare-and-swap (CSGR) loops: without
// serialization through the lock, updates would be lost.
TEST(PloLockTest, TwoCpusSerialize) {
  constexpr int kIterations = 20000;
  auto memory = *GuestMemory::CreateFlat(1 << 20);
  const Bytes code = {
      0xa7, 0x09, 0x00, 0x06,                                // lghi 0,6 (CSGR)
      0xa7, 0x49, kIterations >> 8, kIterations & 0xff,      // lghi 4,N
      0xe3, 0x20, 0x60, 0x00, 0x00, 0x04,                    // loop: lg 2,0(6)
      0x41, 0x30, 0x20, 0x01,                                // la 3,1(2)
      0xee, 0x20, 0x60, 0x00, 0x60, 0x00,                    // plo 2,0(6),0,0(6)
      0xa7, 0x44, 0xff, 0xf8,                                // jo loop (CC 1: retry)
      0xa7, 0x46, 0xff, 0xf6,                                // brct 4,loop
      0x0a, 0x00,                                            // svc 0
  };
  ASSERT_TRUE(memory->Write(GuestAddress(0x10000), absl::MakeConstSpan(code)).ok());
  ASSERT_TRUE(memory->Store<uint64_t>(GuestAddress(0x20000), 0).ok());
  InterpreterOptions options;
  options.user_mode = true;
  std::vector<std::unique_ptr<Interpreter>> cpus;
  for (int k = 0; k < 2; ++k) {
    cpus.push_back(std::make_unique<Interpreter>(*memory, IntegerTestModel(), options));
    cpus.back()->state().psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, 0x10000);
    cpus.back()->state().gr[6] = 0x20000;
  }
  std::vector<std::thread> threads;
  bool ok[2] = {false, false};
  for (int k = 0; k < 2; ++k) {
    threads.emplace_back([&, k] {
      for (;;) {
        absl::StatusOr<Exit> exit = cpus[k]->Run();
        if (!exit.ok()) return;
        if (std::holds_alternative<SupervisorCallExit>(*exit)) {
          ok[k] = true;
          return;
        }
        if (std::holds_alternative<ProgramInterruptExit>(*exit)) return;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(ok[0]);
  EXPECT_TRUE(ok[1]);
  EXPECT_EQ(*memory->Load<uint64_t>(GuestAddress(0x20000)), 2u * kIterations);
}

// ---- UPDATE TREE -------------------------------------------------------------------------------------------

class UptTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kTree = 0x8000;  // GR4: the node before the first
  // Node n (1-origin) of a 64-bit tree.
  void PutNode64(int n, uint64_t code, uint64_t data) {
    t_.Put(kTree + 16 * n, Be<uint64_t>(code));
    t_.Put(kTree + 16 * n + 8, Be<uint64_t>(data));
  }
  InsnTester t_;
};

TEST_F(UptTest, SwapsHigherCodewordsUpToTheRoot) {
  PutNode64(1, 9, 0x91);
  PutNode64(2, 3, 0x31);
  t_.SetGr(0, 5);
  t_.SetGr(1, 0x51);
  t_.SetGr(4, kTree);
  t_.SetGr(5, 0x40);  // node 4
  const InsnResult r = t_.Run(kUPT);
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t_.gr(5), 0u);
  EXPECT_EQ(t_.gr(0), 9u);
  EXPECT_EQ(t_.gr(1), 0x91u);
  EXPECT_EQ(t_.Get(kTree + 16, 16), (Bytes{0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0x51}));
  EXPECT_EQ(t_.Get(kTree + 32, 8), Be<uint64_t>(3)) << "lower codewords stay";
}

TEST_F(UptTest, EqualCodewordEndsWithCc0) {
  PutNode64(1, 9, 0x91);
  PutNode64(2, 5, 0x52);
  t_.SetGr(0, 5);
  t_.SetGr(1, 0x51);
  t_.SetGr(4, kTree);
  t_.SetGr(5, 0x50);  // node 5: its parent is node 2 (index 0x28 rounded down to a node)
  const InsnResult r = t_.Run(kUPT);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t_.gr(5), 0x20u);
  EXPECT_EQ(t_.gr(2), 5u);
  EXPECT_EQ(t_.gr(3), 0x52u);
  EXPECT_EQ(t_.gr(0), 5u);
}

TEST_F(UptTest, NegativeCodewordEndsWithCc3) {
  PutNode64(1, 9, 0x91);
  t_.SetGr(0, 0x8000000000000000ull);
  t_.SetGr(4, kTree);
  t_.SetGr(5, 0x20);
  const InsnResult r = t_.Run(kUPT);
  EXPECT_EQ(r.cc, 3);
  EXPECT_EQ(t_.gr(5), 0x10u);
  EXPECT_EQ(t_.Get(kTree + 16, 8), Be<uint64_t>(9));
}

TEST_F(UptTest, ThirtyOneBitNodesAreTwoWords) {
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kTree + 8, Be<uint32_t>(0x70000000));
  t_.Put(kTree + 12, Be<uint32_t>(0x1234));
  t_.SetGr(0, 0xffffffff00000005ull);  // bits 0-31 take no part
  t_.SetGr(1, 0xffffffff00000051ull);
  t_.SetGr(4, 0xaaaaaaaa00000000ull | kTree);
  t_.SetGr(5, 0xbbbbbbbb00000010ull);
  const InsnResult r = t_.Run(kUPT);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t_.gr(0), 0xffffffff70000000ull);
  EXPECT_EQ(t_.gr(1), 0xffffffff00001234ull);
  EXPECT_EQ(t_.gr(5), 0xbbbbbbbb00000000ull);
  EXPECT_EQ(t_.Get(kTree + 8, 8), (Bytes{0, 0, 0, 5, 0, 0, 0, 0x51}));
  // A 31-bit negative codeword is bit 32.
  t_.SetGr(0, 0x80000000);
  t_.SetGr(5, 0x10);
  EXPECT_EQ(t_.Run(kUPT).cc, 3);
}

TEST_F(UptTest, MisalignedRegistersAreSpecification) {
  RunExceptionCases({
      {"GR4 not a multiple of 16", kUPT, {{4, 0x8008}, {5, 0x40}}, ProgramInterruptCode::kSpecification},
      {"GR5 not a multiple of 16", kUPT, {{4, 0x8000}, {5, 0x48}}, ProgramInterruptCode::kSpecification},
  });
  RunExceptionCase({"31-bit GR5 not a multiple of 8", kUPT, {{4, 0x8000}, {5, 0x44}},
                    ProgramInterruptCode::kSpecification, {}, AddressingMode::k31});
}

TEST_F(UptTest, AccessExceptionKeepsCompletedSteps) {
  // The walk from index 2^21 reaches nodes outside storage: its first step faults, nothing changes.
  t_.SetGr(0, 5);
  t_.SetGr(4, 0);
  t_.SetGr(5, uint64_t{1} << 22);
  const InsnResult r = t_.Run(kUPT);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(t_.gr(5), uint64_t{1} << 22);
}

// ---- COMPARE AND FORM CODEWORD -----------------------------------------------------------------------------

class CfcTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kOp1 = 0x6000;
  static constexpr uint64_t kOp3 = 0x7000;
  void SetUp() override {
    t_.SetGr(1, kOp1);
    t_.SetGr(3, kOp3);
    t_.SetGr(2, 0);
  }
  InsnTester t_;
};

TEST_F(CfcTest, AscendingInSequence) {
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kOp1, Ascii("ABCD"));
  t_.Put(kOp3, Ascii("ABCE"));
  const InsnResult r = t_.Run(CFC(2, 0));  // limit 2, ascending
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t_.gr(2), 0x0004bcbau) << "index 4, then the high operand's unit inverted";
  EXPECT_EQ(t_.gr(1), kOp1);
  EXPECT_EQ(t_.gr(3), kOp3);
}

TEST_F(CfcTest, AscendingOutOfSequenceSwaps) {
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kOp1, Ascii("ABCE"));
  t_.Put(kOp3, Ascii("ABCD"));
  const InsnResult r = t_.Run(CFC(2, 0));
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t_.gr(2), 0x0004bcbau);
  EXPECT_EQ(t_.gr(1), kOp3);
  EXPECT_EQ(t_.gr(3), kOp1);
}

TEST_F(CfcTest, Descending) {
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kOp1, Ascii("ABCD"));
  t_.Put(kOp3, Ascii("ABCE"));
  InsnResult r = t_.Run(CFC(3, 0));  // limit 2, descending: op1 low is out of sequence
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t_.gr(2), 0x00044344u) << "the low operand's unit as is";
  EXPECT_EQ(t_.gr(1), kOp3);
  SetUp();
  t_.Put(kOp1, Ascii("ABCE"));
  t_.Put(kOp3, Ascii("ABCD"));
  r = t_.Run(CFC(3, 0));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t_.gr(2), 0x00044344u);
  EXPECT_EQ(t_.gr(1), kOp1);
}

TEST_F(CfcTest, EqualToTheLimit) {
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kOp1, Ascii("ABCDX"));
  t_.Put(kOp3, Ascii("ABCDY"));
  t_.SetGr(2, 0xffffffff00000000ull);
  const InsnResult r = t_.Run(CFC(2, 0));
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t_.gr(2), 0xffffffff00000000ull | 0x80000000u | kOp3);
}

TEST_F(CfcTest, SixtyFourBitUnitsOfSix) {
  t_.Put(kOp1, Ascii("abcdefghijkl"));
  t_.Put(kOp3, Ascii("abcdefghijkm"));
  t_.SetGr(2, 0x1234000000000000ull);  // only bits 48-63 are the index
  const InsnResult r = t_.Run(CFC(100, 0));
  EXPECT_EQ(r.cc, 1);
  // Index 12 in bits 0-15, then ~"ghijkm".
  EXPECT_EQ(t_.gr(2), 0x000c000000000000ull | (~0x6768696a6b6dull & 0xffffffffffffull));
  // Equal: GR2 := GR3 with bit 0 set.
  t_.SetGr(2, 0);
  t_.Put(kOp3, Ascii("abcdefghijkl"));
  EXPECT_EQ(t_.Run(CFC(6, 0)).cc, 0);
  EXPECT_EQ(t_.gr(2), 0x8000000000000000ull | kOp3);
}

TEST_F(CfcTest, StartsAtTheIndexAndTakesTheLimitFromTheAddress) {
  t_.SetAddressingMode(AddressingMode::k31);
  t_.Put(kOp1, Ascii("XXCD"));
  t_.Put(kOp3, Ascii("YYCE"));
  t_.SetGr(2, 2);
  t_.SetGr(5, 0x10000);  // base: bits 49-62 of the address are the limit
  const InsnResult r = t_.Run(CFC(2, 5));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t_.gr(2), 0x0004bcbau);
}

TEST_F(CfcTest, OddRegistersAreSpecification) {
  RunExceptionCases({
      {"GR1 odd", CFC(2, 0), {{1, 0x6001}, {2, 0}, {3, 0x7000}}, ProgramInterruptCode::kSpecification},
      {"GR2 odd", CFC(2, 0), {{1, 0x6000}, {2, 1}, {3, 0x7000}}, ProgramInterruptCode::kSpecification},
      {"GR3 odd", CFC(2, 0), {{1, 0x6000}, {2, 0}, {3, 0x7001}}, ProgramInterruptCode::kSpecification},
  });
}

// ---- COPY ACCESS -------------------------------------------------------------------------------------------

TEST(CpyaTest, CopiesTheAccessRegister) {
  InsnTester t;
  t.state().ar[2] = 0x12345678;
  t.state().ar[1] = 0;
  const uint64_t gr1 = t.gr(1);
  t.SetCc(2);
  const InsnResult r = t.Run(RRE(0xb24d, 1, 2));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.state().ar[1], 0x12345678u);
  EXPECT_EQ(t.state().ar[2], 0x12345678u);
  EXPECT_EQ(t.gr(1), gr1);
  EXPECT_EQ(r.cc, 2);
}

}  // namespace
}  // namespace s390vmm::interp::testing
