// Tests of the load/store family (load_store.cc, load_store_multiple.cc) on a real Interpreter in user mode:
// every width and extension, which register bits stay, CCs, relative-long alignment, addressing-mode wrap,
// page-crossing operands (with DAT: an invalid second page changes nothing), and the conditional forms.
#include <string>
#include <vector>

#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/storage_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint64_t kData = 0x30000;  // operands; R7 points here in most cases
constexpr uint64_t kCode = InsnTester::kCode;
constexpr uint64_t kJunk = 0xa5a5a5a5a5a5a5a5ull;

// Every facility the family uses, transactional execution (NTSTG) included.
const CpuModel& LoadStoreTestModel() {
  static const CpuModel* model = new CpuModel("load-store-test", 0x8561, "load/store tests",
                                              {0, 1, 2, 7, 18, 19, 21, 32, 33, 34, 35, 45, 49, 53, 58, 61, 73});
  return *model;
}

void RunAll(const std::vector<Case>& cases) { RunCases(cases, LoadStoreTestModel()); }
void RunExceptions(const std::vector<ExceptionCase>& cases) { RunExceptionCases(cases, LoadStoreTestModel()); }

Bytes Cat2(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
uint8_t Lo(int v) { return static_cast<uint8_t>(v); }
// SS-e: LMD r1,r3,d2(b2),d4(b4).
Bytes SSe(uint8_t op, int r1, int r3, int d2, int b2, int d4, int b4) {
  return {op, static_cast<uint8_t>(r1 << 4 | r3), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), Lo(d2),
          static_cast<uint8_t>(b4 << 4 | ((d4 >> 8) & 0xf)), Lo(d4)};
}

const char* const kMnemonics[] = {
    "L",     "LY",     "LG",     "LGF",    "LGH",    "LH",    "LHY",   "LB",    "LGB",    "LLC",    "LLGC",
    "LLH",   "LLGH",   "LLGF",   "LLGT",   "LFH",    "LHH",   "LLHH",  "LLCH",  "LBH",    "LT",     "LTG",
    "LTGF",  "LAT",    "LGAT",   "LFHAT",  "LLGFAT", "LLGTAT", "LRV",  "LRVG",  "LRVH",   "LRVR",   "LRVGR",
    "LZRF",  "LZRG",   "LLZRGF", "LR",     "LGR",    "LGFR",  "LHR",   "LGHR",  "LBR",    "LGBR",   "LLCR",
    "LLGCR", "LLHR",   "LLGHR",  "LLGFR",  "LLGTR",  "LHI",   "LGHI",  "LGFI",  "LA",     "LAY",    "LARL",
    "LAE",   "LAEY",   "LRL",    "LGRL",   "LGFRL",  "LHRL",  "LGHRL", "LLHRL", "LLGHRL", "LLGFRL", "STRL",
    "STGRL", "STHRL",  "ST",     "STY",    "STG",    "STH",   "STHY",  "STC",   "STCY",   "STFH",   "STHH",
    "STCH",  "STRV",   "STRVG",  "STRVH",  "NTSTG",  "MVI",   "MVIY",  "MVHHI", "MVHI",   "MVGHI",  "IC",
    "ICY",   "LM",     "LMY",    "LMG",    "LMH",    "LMD",   "STM",   "STMY",  "STMG",   "STMH",   "LAM",
    "LAMY",  "STAM",   "STAMY",  "EAR",    "SAR",    "ICM",   "ICMY",  "ICMH",  "STCM",   "STCMY",  "STCMH",
    "LOCR",  "LOCGR",  "LOCFHR", "LOC",    "LOCG",   "LOCFH", "STOC",  "STOCG", "STOCFH", "LOCHI",  "LOCGHI",
    "LOCHHI", "SELR",  "SELGR",  "SELFHR",
};

TEST(LoadStoreTest, EveryMnemonicHasAHandler) {
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

// ---- Loads ------------------------------------------------------------------------------------------------
TEST(LoadStoreTest, LoadsFromStorage) {
  const Bytes mem = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87};
  const std::vector<std::pair<uint64_t, Bytes>> m = {{kData, mem}};
  auto c = [&](std::string name, Bytes insn, uint64_t out) {
    return Case{name, insn, {{1, kJunk}, {7, kData}, {8, 16}}, {{1, out}}, -1, 0, m};
  };
  RunAll({
      c("L", RX(0x58, 1, 0, 0, 7), 0xa5a5a5a580818283ull),
      c("LY negative displacement", RXY(0xe358, 1, -16, 8, 7), 0xa5a5a5a580818283ull),
      c("LG", RXY(0xe304, 1, 0, 0, 7), 0x8081828384858687ull),
      c("LGF", RXY(0xe314, 1, 0, 0, 7), 0xffffffff80818283ull),
      c("LGH", RXY(0xe315, 1, 0, 0, 7), 0xffffffffffff8081ull),
      c("LH", RX(0x48, 1, 0, 0, 7), 0xa5a5a5a5ffff8081ull),
      c("LHY", RXY(0xe378, 1, 0, 0, 7), 0xa5a5a5a5ffff8081ull),
      c("LB", RXY(0xe376, 1, 0, 0, 7), 0xa5a5a5a5ffffff80ull),
      c("LGB", RXY(0xe377, 1, 0, 0, 7), 0xffffffffffffff80ull),
      c("LLC", RXY(0xe394, 1, 0, 0, 7), 0xa5a5a5a500000080ull),
      c("LLGC", RXY(0xe390, 1, 0, 0, 7), 0x80),
      c("LLH", RXY(0xe395, 1, 0, 0, 7), 0xa5a5a5a500008081ull),
      c("LLGH", RXY(0xe391, 1, 0, 0, 7), 0x8081),
      c("LLGF", RXY(0xe316, 1, 0, 0, 7), 0x80818283),
      c("LLGT", RXY(0xe317, 1, 0, 0, 7), 0x00818283),
      c("LFH", RXY(0xe3ca, 1, 0, 0, 7), 0x80818283a5a5a5a5ull),
      c("LHH", RXY(0xe3c4, 1, 0, 0, 7), 0xffff8081a5a5a5a5ull),
      c("LLHH", RXY(0xe3c6, 1, 0, 0, 7), 0x00008081a5a5a5a5ull),
      c("LLCH", RXY(0xe3c2, 1, 0, 0, 7), 0x00000080a5a5a5a5ull),
      c("LBH", RXY(0xe3c0, 1, 0, 0, 7), 0xffffff80a5a5a5a5ull),
      c("LRV", RXY(0xe31e, 1, 0, 0, 7), 0xa5a5a5a583828180ull),
      c("LRVG", RXY(0xe30f, 1, 0, 0, 7), 0x8786858483828180ull),
      c("LRVH", RXY(0xe31f, 1, 0, 0, 7), 0xa5a5a5a5a5a58180ull),
      c("LZRF", RXY(0xe33b, 1, 0, 0, 7), 0xa5a5a5a580818200ull),
      c("LZRG", RXY(0xe32a, 1, 0, 0, 7), 0x8081828384858600ull),
      c("LLZRGF", RXY(0xe33a, 1, 0, 0, 7), 0x80818200ull),
      c("IC", RX(0x43, 1, 3, 0, 7), 0xa5a5a5a5a5a5a583ull),
      c("ICY", RXY(0xe373, 1, 3, 0, 7), 0xa5a5a5a5a5a5a583ull),
  });
}

TEST(LoadStoreTest, LoadAndTestSetsTheCc) {
  auto c = [](std::string name, Bytes insn, Bytes mem, uint64_t out, int cc) {
    return Case{name, insn, {{1, kJunk}, {7, kData}}, {{1, out}}, cc, 3, {{kData, mem}}};
  };
  RunAll({
      c("LT zero", RXY(0xe312, 1, 0, 0, 7), {0, 0, 0, 0}, 0xa5a5a5a500000000ull, 0),
      c("LT negative", RXY(0xe312, 1, 0, 0, 7), {0xff, 0, 0, 0}, 0xa5a5a5a5ff000000ull, 1),
      c("LT positive", RXY(0xe312, 1, 0, 0, 7), {0, 0, 0, 1}, 0xa5a5a5a500000001ull, 2),
      c("LTG negative", RXY(0xe302, 1, 0, 0, 7), {0x80, 0, 0, 0, 0, 0, 0, 0}, 0x8000000000000000ull, 1),
      c("LTG positive", RXY(0xe302, 1, 0, 0, 7), {0, 0, 0, 0, 0, 0, 0, 1}, 1, 2),
      c("LTGF negative", RXY(0xe332, 1, 0, 0, 7), {0x80, 0, 0, 0}, 0xffffffff80000000ull, 1),
      c("LTGF zero", RXY(0xe332, 1, 0, 0, 7), {0, 0, 0, 0}, 0, 0),
  });
}

TEST(LoadStoreTest, LoadAndTrap) {
  struct T {
    std::string name;
    Bytes insn;
    Bytes mem;
    uint64_t out;
    bool traps;
  };
  const std::vector<T> cases = {
      {"LAT", RXY(0xe39f, 1, 0, 0, 7), {0, 0, 0, 5}, 0xa5a5a5a500000005ull, false},
      {"LAT zero", RXY(0xe39f, 1, 0, 0, 7), {0, 0, 0, 0}, 0xa5a5a5a500000000ull, true},
      {"LGAT zero", RXY(0xe385, 1, 0, 0, 7), {0, 0, 0, 0, 0, 0, 0, 0}, 0, true},
      {"LGAT", RXY(0xe385, 1, 0, 0, 7), {0, 0, 0, 1, 0, 0, 0, 0}, 0x100000000ull, false},
      {"LFHAT zero", RXY(0xe3c8, 1, 0, 0, 7), {0, 0, 0, 0}, 0x00000000a5a5a5a5ull, true},
      {"LLGFAT", RXY(0xe39d, 1, 0, 0, 7), {0x80, 0, 0, 0}, 0x80000000ull, false},
      {"LLGTAT only 31 bits", RXY(0xe39c, 1, 0, 0, 7), {0x80, 0, 0, 0}, 0, true},
      {"LLGTAT", RXY(0xe39c, 1, 0, 0, 7), {0x80, 0, 0, 2}, 2, false},
  };
  for (const T& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t(LoadStoreTestModel());
    t.SetGr(1, kJunk);
    t.SetGr(7, kData);
    t.Put(kData, c.mem);
    const InsnResult r = t.Run(c.insn);
    EXPECT_EQ(t.gr(1), c.out) << "the register is loaded even when the instruction traps";
    EXPECT_EQ(r.completed, !c.traps);
    if (c.traps) {
      EXPECT_EQ(r.code, ProgramInterruptCode::kData);
      EXPECT_EQ(r.ilc, 6);
      EXPECT_EQ(r.psw_address, kCode + 6);
    }
  }
}

TEST(LoadStoreTest, RegisterLoads) {
  auto c = [](std::string name, Bytes insn, uint64_t out) {
    return Case{name, insn, {{1, kJunk}, {2, 0x0123456789abcdefull}}, {{1, out}, {2, 0x0123456789abcdefull}}, -1};
  };
  RunAll({
      c("LR", RR(0x18, 1, 2), 0xa5a5a5a589abcdefull),
      c("LGR", RRE(0xb904, 1, 2), 0x0123456789abcdefull),
      c("LGFR", RRE(0xb914, 1, 2), 0xffffffff89abcdefull),
      c("LHR", RRE(0xb927, 1, 2), 0xa5a5a5a5ffffcdefull),
      c("LGHR", RRE(0xb907, 1, 2), 0xffffffffffffcdefull),
      c("LBR", RRE(0xb926, 1, 2), 0xa5a5a5a5ffffffefull),
      c("LGBR", RRE(0xb906, 1, 2), 0xffffffffffffffefull),
      c("LLCR", RRE(0xb994, 1, 2), 0xa5a5a5a5000000efull),
      c("LLGCR", RRE(0xb984, 1, 2), 0xef),
      c("LLHR", RRE(0xb995, 1, 2), 0xa5a5a5a50000cdefull),
      c("LLGHR", RRE(0xb985, 1, 2), 0xcdef),
      c("LLGFR", RRE(0xb916, 1, 2), 0x89abcdef),
      c("LLGTR", RRE(0xb917, 1, 2), 0x09abcdef),
      c("LRVR", RRE(0xb91f, 1, 2), 0xa5a5a5a5efcdab89ull),
      c("LRVGR", RRE(0xb90f, 1, 2), 0xefcdab8967452301ull),
      c("LHI", RI(0xa78, 1, 0x8000), 0xa5a5a5a5ffff8000ull),
      c("LGHI", RI(0xa79, 1, 0x8000), 0xffffffffffff8000ull),
      c("LGFI", RIL(0xc01, 1, 0x80000000u), 0xffffffff80000000ull),
      c("LGFI positive", RIL(0xc01, 1, 0x7fffffffu), 0x7fffffffull),
  });
}

// ---- Load address -----------------------------------------------------------------------------------------
TEST(LoadStoreTest, LoadAddressPerAddressingMode) {
  struct A {
    std::string name;
    AddressingMode mode;
    Bytes insn;
    uint64_t out;
  };
  // R2 = 0x0000_0001_ffff_fff0, R3 = 0x20: the sum wraps at 24, 31 or 64 bits.
  const uint64_t r2 = 0x00000001fffffff0ull;
  const std::vector<A> cases = {
      {"LA 64", AddressingMode::k64, RX(0x41, 1, 0x10, 3, 2), r2 + 0x30},
      {"LA 31", AddressingMode::k31, RX(0x41, 1, 0x10, 3, 2), (kJunk & 0xffffffff00000000ull) | 0x20},
      {"LA 24", AddressingMode::k24, RX(0x41, 1, 0x10, 3, 2), (kJunk & 0xffffffff00000000ull) | 0x20},
      {"LA 31 no wrap", AddressingMode::k31, RX(0x41, 1, 0, 0, 3), (kJunk & 0xffffffff00000000ull) | 0x20},
      {"LAY negative", AddressingMode::k64, RXY(0xe371, 1, -0x30, 0, 3), static_cast<uint64_t>(-0x10)},
      {"LAY negative 31", AddressingMode::k31, RXY(0xe371, 1, -0x30, 0, 3),
       (kJunk & 0xffffffff00000000ull) | 0x7ffffff0},
      {"LA 24 high byte", AddressingMode::k24, RX(0x41, 1, 0, 0, 4), (kJunk & 0xffffffff00000000ull) | 0x345678},
      {"LARL forward", AddressingMode::k64, RIL(0xc00, 1, 0x100), kCode + 0x200},
      {"LARL backward 31", AddressingMode::k31, RIL(0xc00, 1, static_cast<uint32_t>(-0x8800)),
       (kJunk & 0xffffffff00000000ull) | 0x7ffff000},
  };
  for (const A& c : cases) {
    SCOPED_TRACE(c.name);
    InsnTester t(LoadStoreTestModel());
    t.SetAddressingMode(c.mode);
    t.SetGr(1, kJunk);
    t.SetGr(2, r2);
    t.SetGr(3, 0x20);
    t.SetGr(4, 0xff12345678ull);
    ASSERT_TRUE(t.Run(c.insn).completed);
    EXPECT_EQ(t.gr(1), c.out) << std::hex << t.gr(1);
  }
}

TEST(LoadStoreTest, LoadAddressExtendedSetsTheAccessRegister) {
  struct A {
    AddressSpaceControl as;
    uint32_t ar;
  };
  for (const A& c : {A{AddressSpaceControl::kPrimary, 0}, A{AddressSpaceControl::kSecondary, 1},
                     A{AddressSpaceControl::kHome, 2}, A{AddressSpaceControl::kAccessRegister, 0x77}}) {
    for (const Bytes& insn : {RX(0x51, 1, 8, 0, 3), RXY(0xe375, 1, 8, 0, 3)}) {
      InsnTester t(LoadStoreTestModel());
      // DAT stays off, so the address-space control only selects the ALET.
      t.state().psw.set_address_space(c.as);
      t.SetGr(3, 0x1000);
      t.state().ar[3] = 0x77;
      t.state().ar[1] = 0xdead;
      ASSERT_TRUE(t.Run(insn).completed);
      EXPECT_EQ(t.gr(1), 0x1008u);
      EXPECT_EQ(t.state().ar[1], c.ar);
    }
  }
  InsnTester t(LoadStoreTestModel());  // AR mode with B2 = 0: ALET 0
  t.state().psw.set_address_space(AddressSpaceControl::kAccessRegister);
  t.state().ar[0] = 0x55;
  t.state().ar[1] = 0xdead;
  ASSERT_TRUE(t.Run(RX(0x51, 1, 8, 0, 0)).completed);
  EXPECT_EQ(t.state().ar[1], 0u);
}

// ---- Relative long ----------------------------------------------------------------------------------------
TEST(LoadStoreTest, RelativeLong) {
  // Operands at kCode + 0x1000 (I2 = 0x800 halfwords).
  const Bytes mem = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87};
  const uint64_t at = kCode + 0x1000;
  auto c = [&](std::string name, Bytes insn, uint64_t out) {
    return Case{name, insn, {{1, kJunk}}, {{1, out}}, -1, 0, {{at, mem}}};
  };
  RunAll({
      c("LRL", RIL(0xc4d, 1, 0x800), 0xa5a5a5a580818283ull),
      c("LGRL", RIL(0xc48, 1, 0x800), 0x8081828384858687ull),
      c("LGFRL", RIL(0xc4c, 1, 0x800), 0xffffffff80818283ull),
      c("LHRL", RIL(0xc45, 1, 0x800), 0xa5a5a5a5ffff8081ull),
      c("LGHRL", RIL(0xc44, 1, 0x800), 0xffffffffffff8081ull),
      c("LLHRL", RIL(0xc42, 1, 0x800), 0xa5a5a5a500008081ull),
      c("LLGHRL", RIL(0xc46, 1, 0x800), 0x8081),
      c("LLGFRL", RIL(0xc4e, 1, 0x800), 0x80818283),
      c("LHRL on a halfword boundary", RIL(0xc45, 1, 0x801), 0xa5a5a5a5ffff8283ull),
  });
  RunAll({
      {"STRL", RIL(0xc4f, 1, 0x800), {{1, 0x1122334455667788ull}}, {}, -1, 0, {}, {{at, {0x55, 0x66, 0x77, 0x88}}}},
      {"STGRL", RIL(0xc4b, 1, 0x800), {{1, 0x1122334455667788ull}}, {}, -1, 0, {},
       {{at, {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}}}},
      {"STHRL", RIL(0xc47, 1, 0x801), {{1, 0x1122334455667788ull}}, {}, -1, 0, {{at, {0, 0, 0, 0}}},
       {{at, {0, 0, 0x77, 0x88}}}},
  });
  RunExceptions({
      {"LRL halfword aligned", RIL(0xc4d, 1, 0x801), {{1, kJunk}}, ProgramInterruptCode::kSpecification},
      {"LGRL word aligned", RIL(0xc48, 1, 0x802), {{1, kJunk}}, ProgramInterruptCode::kSpecification},
      {"LGFRL", RIL(0xc4c, 1, 0x801), {{1, kJunk}}, ProgramInterruptCode::kSpecification},
      {"LLGFRL", RIL(0xc4e, 1, 0x801), {{1, kJunk}}, ProgramInterruptCode::kSpecification},
      {"STRL", RIL(0xc4f, 1, 0x801), {{1, kJunk}}, ProgramInterruptCode::kSpecification, {{at, {0, 0, 0, 0, 0, 0}}}},
      {"STGRL", RIL(0xc4b, 1, 0x802), {{1, kJunk}}, ProgramInterruptCode::kSpecification,
       {{at, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}}},
  });
}

// ---- Stores -----------------------------------------------------------------------------------------------
TEST(LoadStoreTest, Stores) {
  const uint64_t v = 0x0123456789abcdefull;
  const Bytes zero(8, 0);
  auto c = [&](std::string name, Bytes insn, Bytes out) {
    return Case{name, insn, {{1, v}, {7, kData}}, {{1, v}}, -1, 0, {{kData, zero}}, {{kData, out}}};
  };
  RunAll({
      c("ST", RX(0x50, 1, 0, 0, 7), {0x89, 0xab, 0xcd, 0xef, 0, 0, 0, 0}),
      c("STY", RXY(0xe350, 1, 2, 0, 7), {0, 0, 0x89, 0xab, 0xcd, 0xef, 0, 0}),
      c("STG", RXY(0xe324, 1, 0, 0, 7), {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}),
      c("STH", RX(0x40, 1, 1, 0, 7), {0, 0xcd, 0xef, 0, 0, 0, 0, 0}),
      c("STHY", RXY(0xe370, 1, 0, 0, 7), {0xcd, 0xef, 0, 0, 0, 0, 0, 0}),
      c("STC", RX(0x42, 1, 7, 0, 7), {0, 0, 0, 0, 0, 0, 0, 0xef}),
      c("STCY", RXY(0xe372, 1, 0, 0, 7), {0xef, 0, 0, 0, 0, 0, 0, 0}),
      c("STFH", RXY(0xe3cb, 1, 0, 0, 7), {0x01, 0x23, 0x45, 0x67, 0, 0, 0, 0}),
      c("STHH", RXY(0xe3c7, 1, 0, 0, 7), {0x45, 0x67, 0, 0, 0, 0, 0, 0}),
      c("STCH", RXY(0xe3c3, 1, 0, 0, 7), {0x67, 0, 0, 0, 0, 0, 0, 0}),
      c("STRV", RXY(0xe33e, 1, 0, 0, 7), {0xef, 0xcd, 0xab, 0x89, 0, 0, 0, 0}),
      c("STRVG", RXY(0xe32f, 1, 0, 0, 7), {0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01}),
      c("STRVH", RXY(0xe33f, 1, 0, 0, 7), {0xef, 0xcd, 0, 0, 0, 0, 0, 0}),
      c("NTSTG", RXY(0xe325, 1, 0, 0, 7), {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}),
      c("MVI", SI(0x92, 1, 7, 0x9c), {0, 0x9c, 0, 0, 0, 0, 0, 0}),
      c("MVIY", SIY(0xeb52, 1, 7, 0x9c), {0, 0x9c, 0, 0, 0, 0, 0, 0}),
      c("MVHHI", SIL(0xe544, 0, 7, 0x8001), {0x80, 0x01, 0, 0, 0, 0, 0, 0}),
      c("MVHI", SIL(0xe54c, 0, 7, 0x8001), {0xff, 0xff, 0x80, 0x01, 0, 0, 0, 0}),
      c("MVGHI", SIL(0xe548, 0, 7, 0x8001), {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x01}),
      c("MVGHI positive", SIL(0xe548, 0, 7, 0x7001), {0, 0, 0, 0, 0, 0, 0x70, 0x01}),
  });
  RunExceptions({
      {"NTSTG unaligned", RXY(0xe325, 1, 4, 0, 7), {{1, v}, {7, kData}}, ProgramInterruptCode::kSpecification,
       {{kData, Bytes(16, 0)}}},
  });
}

TEST(LoadStoreTest, NtstgNeedsTransactionalExecution) {
  InsnTester t;  // IntegerTestModel: no facility 73
  t.SetGr(7, kData);
  const InsnResult r = t.Run(RXY(0xe325, 1, 0, 0, 7));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kOperation);
}

// ---- Characters under mask --------------------------------------------------------------------------------
TEST(LoadStoreTest, InsertCharactersUnderMask) {
  auto c = [](std::string name, Bytes insn, Bytes mem, uint64_t out, int cc) {
    return Case{name, insn, {{1, 0x1122334455667788ull}, {7, kData}}, {{1, out}}, cc, 3, {{kData, mem}}};
  };
  RunAll({
      c("ICM 15", RS(0xbf, 1, 15, 0, 7), {0x80, 0, 0, 1}, 0x1122334480000001ull, 1),
      c("ICM 5", RS(0xbf, 1, 5, 0, 7), {0x7f, 0x01}, 0x11223344557f7701ull, 2),
      c("ICM 0101 keeps bytes", RS(0xbf, 1, 5, 0, 7), {0xaa, 0xbb}, 0x1122334455aa77bbull, 1),
      c("ICM zero", RS(0xbf, 1, 9, 0, 7), {0, 0}, 0x1122334400667700ull, 0),
      c("ICM mask 0", RS(0xbf, 1, 0, 0, 7), {0xff}, 0x1122334455667788ull, 0),
      c("ICMY", RSY(0xeb81, 1, 8, 0, 7), {0xfe}, 0x11223344fe667788ull, 1),
      c("ICMH", RSY(0xeb80, 1, 3, 0, 7), {0x00, 0x01}, 0x1122000155667788ull, 2),
  });
}

TEST(LoadStoreTest, StoreCharactersUnderMask) {
  const Bytes zero(4, 0);
  auto c = [&](std::string name, Bytes insn, Bytes out) {
    return Case{name, insn, {{1, 0x1122334455667788ull}, {7, kData}}, {}, -1, 0, {{kData, zero}}, {{kData, out}}};
  };
  RunAll({
      c("STCM 15", RS(0xbe, 1, 15, 0, 7), {0x55, 0x66, 0x77, 0x88}),
      c("STCM 5", RS(0xbe, 1, 5, 0, 7), {0x66, 0x88, 0, 0}),
      c("STCM 0", RS(0xbe, 1, 0, 0, 7), {0, 0, 0, 0}),
      c("STCMY 8", RSY(0xeb2d, 1, 8, 1, 7), {0, 0x55, 0, 0}),
      c("STCMH 6", RSY(0xeb2c, 1, 6, 0, 7), {0x22, 0x33, 0, 0}),
  });
}

// ---- Multiple ---------------------------------------------------------------------------------------------
TEST(LoadStoreTest, LoadAndStoreMultiple) {
  Bytes words;
  for (int k = 0; k < 16; ++k) {
    for (int b = 0; b < 8; ++b) words.push_back(static_cast<uint8_t>(0x10 * k + b));
  }
  {
    // LM 14,1,0(7): R14, R15, R0, R1 from four words (wraparound from 15 to 0).
    InsnTester t(LoadStoreTestModel());
    for (int r = 0; r < 16; ++r) t.SetGr(r, kJunk);
    t.SetGr(7, kData);
    t.Put(kData, words);
    ASSERT_TRUE(t.Run(RS(0x98, 14, 1, 0, 7)).completed);
    EXPECT_EQ(t.gr(14), 0xa5a5a5a500010203ull);
    EXPECT_EQ(t.gr(15), 0xa5a5a5a504050607ull);
    EXPECT_EQ(t.gr(0), 0xa5a5a5a510111213ull);
    EXPECT_EQ(t.gr(1), 0xa5a5a5a514151617ull);
    EXPECT_EQ(t.gr(2), kJunk);
  }
  {
    InsnTester t(LoadStoreTestModel());  // LMG 0,15 including the base register
    t.SetGr(7, kData);
    t.Put(kData, words);
    ASSERT_TRUE(t.Run(RSY(0xeb04, 0, 15, 0, 7)).completed);
    for (int r = 0; r < 16; ++r) EXPECT_EQ(t.gr(r), LoadBigEndian<uint64_t>(words.data() + 8 * r)) << r;
  }
  {
    InsnTester t(LoadStoreTestModel());  // LMH 3,3 / LMY 4,4
    t.SetGr(3, kJunk);
    t.SetGr(4, kJunk);
    t.SetGr(7, kData);
    t.Put(kData, words);
    ASSERT_TRUE(t.Run(Cat2(RSY(0xeb96, 3, 3, 0, 7), RSY(0xeb98, 4, 4, 4, 7))).completed);
    EXPECT_EQ(t.gr(3), 0x00010203a5a5a5a5ull);
    EXPECT_EQ(t.gr(4), 0xa5a5a5a504050607ull);
  }
  {
    InsnTester t(LoadStoreTestModel());  // STM 15,0 / STMG 1,2 / STMH 3,4 / STMY 5,5
    for (int r = 0; r < 16; ++r) t.SetGr(r, 0x0101010101010101ull * r);
    t.SetGr(7, kData);
    const Bytes code = Cat2(Cat2(RS(0x90, 15, 0, 0, 7), RSY(0xeb24, 1, 2, 8, 7)),
                            Cat2(RSY(0xeb26, 3, 4, 24, 7), RSY(0xeb90, 5, 5, 32, 7)));
    t.SetGr(7, kData);
    ASSERT_TRUE(t.Run(code).completed);
    EXPECT_EQ(t.Get(kData, 36), (Bytes{0x0f, 0x0f, 0x0f, 0x0f, 0, 0, 0, 0,        // STM 15,0
                                       1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2,  // STMG 1,2
                                       3, 3, 3, 3, 4, 4, 4, 4,                          // STMH 3,4
                                       5, 5, 5, 5}));                                   // STMY 5,5
  }
  {
    InsnTester t(LoadStoreTestModel());  // LMD 2,3,0(7),0x100(7)
    t.SetGr(7, kData);
    t.Put(kData, {1, 2, 3, 4, 5, 6, 7, 8});
    t.Put(kData + 0x100, {9, 10, 11, 12, 13, 14, 15, 16});
    ASSERT_TRUE(t.Run(SSe(0xef, 2, 3, 0, 7, 0x100, 7)).completed);
    EXPECT_EQ(t.gr(2), 0x01020304'090a0b0cull);
    EXPECT_EQ(t.gr(3), 0x05060708'0d0e0f10ull);
  }
}

TEST(LoadStoreTest, AccessRegisters) {
  InsnTester t(LoadStoreTestModel());
  t.SetGr(7, kData);
  t.Put(kData, {0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3});
  t.SetGr(5, kJunk);
  // LAM 15,1,0(7) ; EAR 5,0 ; SAR 2,5 ; STAMY 0,2,16(7)
  ASSERT_TRUE(
      t.Run(Cat2(Cat2(RS(0x9a, 15, 1, 0, 7), RRE(0xb24f, 5, 0)), Cat2(RRE(0xb24e, 2, 5), RSY(0xeb9b, 0, 2, 16, 7))))
          .completed);
  EXPECT_EQ(t.state().ar[15], 1u);
  EXPECT_EQ(t.state().ar[0], 2u);
  EXPECT_EQ(t.state().ar[1], 3u);
  EXPECT_EQ(t.gr(5), 0xa5a5a5a500000002ull);
  EXPECT_EQ(t.state().ar[2], 2u);
  EXPECT_EQ(t.Get(kData + 16, 12), (Bytes{0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2}));
  RunExceptions({
      {"LAM unaligned", RS(0x9a, 1, 2, 2, 7), {{7, kData}}, ProgramInterruptCode::kSpecification},
      {"STAM unaligned", RS(0x9b, 1, 2, 1, 7), {{7, kData}}, ProgramInterruptCode::kSpecification,
       {{kData, Bytes(12, 0)}}},
      {"LAMY unaligned", RSY(0xeb9a, 1, 2, 6, 7), {{7, kData}}, ProgramInterruptCode::kSpecification},
  });
}

// ---- On condition -----------------------------------------------------------------------------------------
TEST(LoadStoreTest, LoadStoreOnConditionAndSelect) {
  const uint64_t a = 0x1111111122222222ull, b = 0x3333333344444444ull;
  const Bytes mem = {0x55, 0x55, 0x55, 0x55, 0x66, 0x66, 0x66, 0x66};
  auto c = [&](std::string name, Bytes insn, int cc_in, uint64_t out) {
    return Case{name, insn, {{1, a}, {2, b}, {3, kJunk}, {7, kData}}, {{1, out}}, cc_in, cc_in, {{kData, mem}}};
  };
  RunAll({
      c("LOCR met", RRF(0xb9f2, 1, 2, 8), 0, 0x1111111144444444ull),
      c("LOCR not met", RRF(0xb9f2, 1, 2, 7), 0, a),
      c("LOCGR met", RRF(0xb9e2, 1, 2, 4), 1, b),
      c("LOCFHR met", RRF(0xb9e0, 1, 2, 2), 2, 0x3333333322222222ull),
      c("LOC met", RSY(0xebf2, 1, 1, 0, 7), 3, 0x1111111155555555ull),
      c("LOCG met", RSY(0xebe2, 1, 15, 0, 7), 3, 0x5555555566666666ull),
      c("LOCFH met", RSY(0xebe0, 1, 8, 4, 7), 0, 0x6666666622222222ull),
      c("LOCG not met", RSY(0xebe2, 1, 14, 0, 7), 3, a),
      c("LOCHI", RIEd(0xec42, 1, 8, 0x8000), 0, 0x11111111ffff8000ull),
      c("LOCGHI", RIEd(0xec46, 1, 8, 0x8000), 0, 0xffffffffffff8000ull),
      c("LOCHHI", RIEd(0xec4e, 1, 8, 0x7fff), 0, 0x00007fff22222222ull),
      c("LOCHI not met", RIEd(0xec42, 1, 8, 0x8000), 1, a),
      c("SELR first", RRF(0xb9f0, 1, 2, 3, 8), 0, 0x1111111144444444ull),
      c("SELR second", RRF(0xb9f0, 1, 2, 3, 8), 1, 0x11111111a5a5a5a5ull),
      c("SELGR", RRF(0xb9e3, 1, 2, 3, 2), 2, b),
      c("SELFHR", RRF(0xb9c0, 1, 2, 3, 2), 3, 0xa5a5a5a522222222ull),
  });
  const Bytes zero(8, 0);
  RunAll({
      {"STOC met", RSY(0xebf3, 1, 8, 0, 7), {{1, a}, {7, kData}}, {}, -1, 0, {{kData, zero}},
       {{kData, {0x22, 0x22, 0x22, 0x22, 0, 0, 0, 0}}}},
      {"STOCG met", RSY(0xebe3, 1, 8, 0, 7), {{1, a}, {7, kData}}, {}, -1, 0, {{kData, zero}},
       {{kData, {0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22}}}},
      {"STOCFH met", RSY(0xebe1, 1, 8, 0, 7), {{1, a}, {7, kData}}, {}, -1, 0, {{kData, zero}},
       {{kData, {0x11, 0x11, 0x11, 0x11, 0, 0, 0, 0}}}},
      {"STOC not met", RSY(0xebf3, 1, 7, 0, 7), {{1, a}, {7, kData}}, {}, -1, 0, {{kData, zero}}, {{kData, zero}}},
  });
}

TEST(LoadStoreTest, ConditionNotMetDoesNotAccessStorage) {
  StorageTester t(LoadStoreTestModel());
  t.EnableDat({0x400000});
  t.SetGr(7, 0x400000);
  t.SetGr(1, kJunk);
  t.SetCc(0);
  // LOC 1,0(7),7 ; STOCG 1,0(7),4 ; LOCFH 1,0(7),1 — none met with CC 0.
  const InsnResult r = t.Run(Cat2(Cat2(RSY(0xebf2, 1, 7, 0, 7), RSY(0xebe3, 1, 4, 0, 7)), RSY(0xebe0, 1, 1, 0, 7)));
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(t.gr(1), kJunk);
  // Met: the page-translation exception nullifies.
  const InsnResult s = t.Run(RSY(0xebf2, 1, 8, 0, 7));
  ASSERT_FALSE(s.completed);
  EXPECT_EQ(s.code, ProgramInterruptCode::kPageTranslation);
  EXPECT_EQ(s.psw_address, StorageTester::kCode);
}

// ---- Crossing pages and wrapping --------------------------------------------------------------------------
TEST(LoadStoreTest, OperandsCrossingAPage) {
  StorageTester t(LoadStoreTestModel());
  t.Put(0x30ffc, {1, 2, 3, 4, 5, 6, 7, 8});
  t.SetGr(7, 0x30ffc);
  t.SetGr(2, 0x1122334455667788ull);
  // LG 1,0(7) ; STG 2,2(7)
  ASSERT_TRUE(t.Run(Cat2(RXY(0xe304, 1, 0, 0, 7), RXY(0xe324, 2, 2, 0, 7))).completed);
  EXPECT_EQ(t.gr(1), 0x0102030405060708ull);
  EXPECT_EQ(t.Get(0x30ffc, 10), (Bytes{1, 2, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}));
}

TEST(LoadStoreTest, InvalidSecondPageChangesNothing) {
  struct X {
    std::string name;
    Bytes insn;
  };
  // The operand starts 4 bytes before the invalid page 0x401000.
  const std::vector<X> cases = {
      {"L", RX(0x58, 1, 0xffe, 0, 7)},        {"LG", RXY(0xe304, 1, 0xffc, 0, 7)},
      {"STG", RXY(0xe324, 1, 0xffc, 0, 7)},   {"ST", RX(0x50, 1, 0xffe, 0, 7)},
      {"LM", RS(0x98, 0, 15, 0xff0, 7)},      {"STMG", RSY(0xeb24, 0, 15, 0xf90, 7)},
      {"LMG", RSY(0xeb04, 0, 15, 0xf90, 7)},  {"STCM", RS(0xbe, 1, 15, 0xffe, 7)},
      {"ICM", RS(0xbf, 1, 15, 0xffe, 7)},     {"STAM", RS(0x9b, 0, 15, 0xff0, 7)},
      {"LAM", RS(0x9a, 0, 15, 0xff0, 7)},     {"MVGHI", SIL(0xe548, 0xffc, 7, 1)},
  };
  for (const X& c : cases) {
    SCOPED_TRACE(c.name);
    StorageTester t(LoadStoreTestModel());
    t.EnableDat({0x401000});
    for (int r = 0; r < 16; ++r) t.SetGr(r, 0x0101010101010101ull * r);
    t.SetGr(7, 0x400000);
    t.Fill(0x400f00, 0x100, 0xee);
    t.SetCc(2);
    const auto before = t.state().gr;
    const auto ar_before = t.state().ar;
    const InsnResult r = t.Run(c.insn);
    ASSERT_FALSE(r.completed);
    EXPECT_EQ(r.code, ProgramInterruptCode::kPageTranslation);
    EXPECT_EQ(r.psw_address, StorageTester::kCode) << "page translation nullifies";
    EXPECT_EQ(t.teid() & ~0xfffull, 0x401000u);
    EXPECT_EQ(t.state().gr, before);
    EXPECT_EQ(t.state().ar, ar_before);
    EXPECT_EQ(r.cc, 2);
    EXPECT_EQ(t.Get(0x400f00, 0x100), Bytes(0x100, 0xee));
  }
}

TEST(LoadStoreTest, OperandsWrapAroundTheAddressSpace) {
  {
    StorageTester t(LoadStoreTestModel());  // 24-bit: 0xfffffe..0x000001
    t.SetAddressingMode(AddressingMode::k24);
    t.Put(0xfffffe, {0xaa, 0xbb});
    t.Put(0, {0xcc, 0xdd});
    t.SetGr(7, 0xfffffe);
    ASSERT_TRUE(t.Run(RX(0x58, 1, 0, 0, 7)).completed);
    EXPECT_EQ(t.gr(1) & 0xffffffff, 0xaabbccddu);
  }
  {
    StorageTester t(LoadStoreTestModel());  // 31-bit: STG at 0x7ffffffc; displacement wraps too
    t.SetAddressingMode(AddressingMode::k31);
    t.SetGr(2, 0x1122334455667788ull);
    t.SetGr(7, 0x7ffffff0);
    ASSERT_TRUE(t.Run(RXY(0xe324, 2, 0xc, 0, 7)).completed);
    EXPECT_EQ(t.Get(0x7ffffffc, 4), (Bytes{0x11, 0x22, 0x33, 0x44}));
    EXPECT_EQ(t.Get(0, 4), (Bytes{0x55, 0x66, 0x77, 0x88}));
  }
  {
    StorageTester t(LoadStoreTestModel());  // 31-bit STM wraps from 0x7ffffffc to 0
    t.SetAddressingMode(AddressingMode::k31);
    t.SetGr(1, 0x11111111);
    t.SetGr(2, 0x22222222);
    t.SetGr(7, 0x7ffffffc);
    ASSERT_TRUE(t.Run(RS(0x90, 1, 2, 0, 7)).completed);
    EXPECT_EQ(t.Get(0x7ffffffc, 4), (Bytes{0x11, 0x11, 0x11, 0x11}));
    EXPECT_EQ(t.Get(0, 4), (Bytes{0x22, 0x22, 0x22, 0x22}));
  }
}

}  // namespace
}  // namespace s390vmm::interp::testing
