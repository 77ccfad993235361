// File: cpu/interp/insn_test_util.h
//
// Test-only helpers for the instruction-family tests (fixed_point_test.cc, logical_test.cc,
// shift_rotate_test.cc): encoders for the instruction formats, and InsnTester, which runs one instruction
// on a real Interpreter in user mode (no lowcore) and reports how it ended.
//
//   InsnTester t;
//   t.SetGr(1, 5);
//   t.SetGr(2, 7);
//   InsnResult r = t.Run(RR(0x1a, 1, 2));   // AR 1,2
//   EXPECT_TRUE(r.completed);
//   EXPECT_EQ(t.gr(1), 12);
//   EXPECT_EQ(r.cc, 2);
//
// The instruction is placed at InsnTester::kCode and followed by SVC 0: reaching the SVC means the
// instruction completed; a program interruption ends the run with its code and ILC.
#ifndef S390VMM_CPU_INTERP_INSN_TEST_UTIL_H_
#define S390VMM_CPU_INTERP_INSN_TEST_UTIL_H_

#include <cstdint>
#include <array>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/interp/interpreter.h"
#include "gtest/gtest.h"
#include "memory/guest_memory.h"

namespace s390vmm::interp::testing {

using Bytes = std::vector<uint8_t>;

// --- Encoders (field order as the PoP's assembler syntax) ------------------------------------------------
inline Bytes RR(uint8_t op, int r1, int r2) { return {op, static_cast<uint8_t>(r1 << 4 | r2)}; }
inline Bytes RRE(uint16_t op, int r1, int r2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), 0, static_cast<uint8_t>(r1 << 4 | r2)};
}
// RRF-a/b (R1,R2,R3 in assembler order; R3 in bits 16-19, M4 in 20-23) and RRF-c (M3 in bits 16-19).
inline Bytes RRF(uint16_t op, int r1, int r2, int r3_or_m3, int m4 = 0) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), static_cast<uint8_t>(r3_or_m3 << 4 | m4),
          static_cast<uint8_t>(r1 << 4 | r2)};
}
inline Bytes RX(uint8_t op, int r1, int d2, int x2, int b2) {
  return {op, static_cast<uint8_t>(r1 << 4 | x2), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)),
          static_cast<uint8_t>(d2)};
}
// RXY: op is the full 16-bit opcode (0xe308 = AG); d2 is signed 20-bit.
inline Bytes RXY(uint16_t op, int r1, int d2, int x2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r1 << 4 | x2),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2),
          static_cast<uint8_t>(d2 >> 12), static_cast<uint8_t>(op)};
}
inline Bytes RS(uint8_t op, int r1, int r3, int d2, int b2) {
  return {op, static_cast<uint8_t>(r1 << 4 | r3), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)),
          static_cast<uint8_t>(d2)};
}
inline Bytes RSY(uint16_t op, int r1, int r3, int d2, int b2) { return RXY(op, r1, d2, r3, b2); }
// RI: op is the 12-bit opcode (0xa7a = AHI).
inline Bytes RI(uint16_t op, int r1, int i2) {
  return {static_cast<uint8_t>(op >> 4), static_cast<uint8_t>(r1 << 4 | (op & 0xf)), static_cast<uint8_t>(i2 >> 8),
          static_cast<uint8_t>(i2)};
}
// RIL: op is the 12-bit opcode (0xc29 = AFI).
inline Bytes RIL(uint16_t op, int r1, uint32_t i2) {
  return {static_cast<uint8_t>(op >> 4), static_cast<uint8_t>(r1 << 4 | (op & 0xf)), static_cast<uint8_t>(i2 >> 24),
          static_cast<uint8_t>(i2 >> 16), static_cast<uint8_t>(i2 >> 8), static_cast<uint8_t>(i2)};
}
// RIE-d (AHIK r1,r3,i2).
inline Bytes RIEd(uint16_t op, int r1, int r3, int i2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r1 << 4 | r3), static_cast<uint8_t>(i2 >> 8),
          static_cast<uint8_t>(i2), 0, static_cast<uint8_t>(op)};
}
// RIE-f (RISBG r1,r2,i3,i4,i5).
inline Bytes RIEf(uint16_t op, int r1, int r2, int i3, int i4, int i5) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(r1 << 4 | r2), static_cast<uint8_t>(i3),
          static_cast<uint8_t>(i4),        static_cast<uint8_t>(i5),          static_cast<uint8_t>(op)};
}
inline Bytes SI(uint8_t op, int d1, int b1, int i2) {
  return {op, static_cast<uint8_t>(i2), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)), static_cast<uint8_t>(d1)};
}
inline Bytes SIY(uint16_t op, int d1, int b1, int i2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(i2), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1),      static_cast<uint8_t>(d1 >> 12), static_cast<uint8_t>(op)};
}
inline Bytes SIL(uint16_t op, int d1, int b1, int i2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1),      static_cast<uint8_t>(i2 >> 8), static_cast<uint8_t>(i2)};
}

// A CPU model with every facility the integer families depend on (the named models leave out, for
// example, the miscellaneous-instruction-extensions facility 3).
inline const CpuModel& IntegerTestModel() {
  static const CpuModel* model = new CpuModel(
      "integer-test", 0x8561, "integer instruction tests",
      {0, 1, 2, 7, 18, 19, 21, 22, 25, 27, 31, 32, 33, 34, 35, 37, 41, 45, 49, 53, 58, 61});
  return *model;
}

// --- Running one instruction ------------------------------------------------------------------------------
struct InsnResult {
  bool completed = false;  // ran to the SVC after the instruction
  ProgramInterruptCode code = ProgramInterruptCode::kOperation;  // when !completed
  uint8_t ilc = 0;         // ILC in bytes, when !completed
  uint64_t psw_address = 0;
  uint8_t cc = 0;
};

class InsnTester {
 public:
  static constexpr uint64_t kCode = 0x10000;
  static constexpr uint64_t kMemorySize = 1 << 20;

  explicit InsnTester(const CpuModel& model = IntegerTestModel()) : model_(model) {
    memory_ = *GuestMemory::CreateFlat(kMemorySize);
    InterpreterOptions options;
    options.user_mode = true;
    cpu_ = std::make_unique<Interpreter>(*memory_, model_, options);
    state().psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, kCode);
  }

  CpuState& state() { return cpu_->state(); }
  GuestMemory& memory() { return *memory_; }
  Interpreter& cpu() { return *cpu_; }
  uint64_t gr(int r) { return state().gr[r]; }
  void SetGr(int r, uint64_t v) { state().gr[r] = v; }
  void SetCc(uint8_t cc) { state().psw.set_cc(cc); }
  void SetProgramMask(uint8_t mask) { state().psw.set_program_mask(mask); }
  void SetAddressingMode(AddressingMode mode) { state().psw.set_addressing_mode(mode); }

  void Put(uint64_t addr, const Bytes& bytes) {
    ASSERT_TRUE(memory_->Write(GuestAddress(addr), absl::MakeConstSpan(bytes)).ok());
  }
  Bytes Get(uint64_t addr, size_t n) {
    Bytes out(n);
    EXPECT_TRUE(memory_->Read(GuestAddress(addr), absl::MakeSpan(out)).ok());
    return out;
  }
  template <typename T>
  void Store(uint64_t addr, T v) {
    ASSERT_TRUE(memory_->Store<T>(GuestAddress(addr), v).ok());
  }
  template <typename T>
  T Load(uint64_t addr) {
    return *memory_->Load<T>(GuestAddress(addr));
  }

  // Runs `code` (one or more instructions) at kCode followed by SVC 0.
  InsnResult Run(const Bytes& code) {
    Bytes program = code;
    program.push_back(0x0a);  // SVC 0
    program.push_back(0x00);
    Put(kCode, program);
    state().psw.set_address(kCode);
    InsnResult r;
    absl::StatusOr<Exit> exit = cpu_->Run();
    EXPECT_TRUE(exit.ok()) << exit.status();
    if (!exit.ok()) return r;
    if (std::holds_alternative<SupervisorCallExit>(*exit)) {
      r.completed = true;
      EXPECT_EQ(state().psw.address(), kCode + program.size()) << "SVC exit at an unexpected address";
    } else if (const auto* pgm = std::get_if<ProgramInterruptExit>(&*exit)) {
      r.code = pgm->code;
      r.ilc = pgm->length;
    } else {
      ADD_FAILURE() << "unexpected exit kind " << exit->index();
    }
    r.psw_address = state().psw.address();
    r.cc = state().psw.cc();
    return r;
  }

 private:
  const CpuModel& model_;
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<Interpreter> cpu_;
};

// --- Table-driven cases -------------------------------------------------------------------------------------
// One instruction that completes: registers (and storage) before and after, the CC after (-1: not
// checked) and before.
struct Case {
  std::string name;
  Bytes insn;
  std::vector<std::pair<int, uint64_t>> in;
  std::vector<std::pair<int, uint64_t>> out;
  int cc = -1;
  int cc_in = 0;
  std::vector<std::pair<uint64_t, Bytes>> mem_in = {};
  std::vector<std::pair<uint64_t, Bytes>> mem_out = {};
};

inline void RunCase(const Case& c, const CpuModel& model = IntegerTestModel()) {
  SCOPED_TRACE(c.name);
  InsnTester t(model);
  for (const auto& [r, v] : c.in) t.SetGr(r, v);
  for (const auto& [a, b] : c.mem_in) t.Put(a, b);
  t.SetCc(static_cast<uint8_t>(c.cc_in));
  const InsnResult res = t.Run(c.insn);
  ASSERT_TRUE(res.completed) << "program interruption " << static_cast<int>(res.code);
  for (const auto& [r, v] : c.out) EXPECT_EQ(t.gr(r), v) << "r" << r << " = 0x" << std::hex << t.gr(r);
  if (c.cc >= 0) {
    EXPECT_EQ(res.cc, c.cc);
  }
  for (const auto& [a, b] : c.mem_out) EXPECT_EQ(t.Get(a, b.size()), b) << "storage at 0x" << std::hex << a;
}

inline void RunCases(const std::vector<Case>& cases, const CpuModel& model = IntegerTestModel()) {
  for (const Case& c : cases) RunCase(c, model);
}

// One instruction that ends in a program interruption which suppresses it: the code, the ILC, the PSW
// past the instruction, and no register, storage or CC change.
struct ExceptionCase {
  std::string name;
  Bytes insn;
  std::vector<std::pair<int, uint64_t>> in;
  ProgramInterruptCode code;
  std::vector<std::pair<uint64_t, Bytes>> mem_in = {};
  AddressingMode mode = AddressingMode::k64;
  uint64_t cr0 = 0;  // e.g. cr0::kLowAddressProtection
};

inline void RunExceptionCase(const ExceptionCase& c, const CpuModel& model = IntegerTestModel()) {
  SCOPED_TRACE(c.name);
  InsnTester t(model);
  t.SetAddressingMode(c.mode);
  t.state().cr[0] = c.cr0;
  for (const auto& [r, v] : c.in) t.SetGr(r, v);
  for (const auto& [a, b] : c.mem_in) t.Put(a, b);
  t.SetCc(1);
  const std::array<uint64_t, 16> before = t.state().gr;
  std::vector<Bytes> mem_before;
  for (const auto& [a, b] : c.mem_in) mem_before.push_back(t.Get(a, b.size()));
  const InsnResult res = t.Run(c.insn);
  ASSERT_FALSE(res.completed);
  EXPECT_EQ(res.code, c.code);
  EXPECT_EQ(res.ilc, c.insn.size());
  EXPECT_EQ(res.psw_address, InsnTester::kCode + c.insn.size());
  EXPECT_EQ(res.cc, 1) << "the CC must not change";
  EXPECT_EQ(t.state().gr, before) << "registers must not change";
  for (size_t k = 0; k < c.mem_in.size(); ++k) {
    EXPECT_EQ(t.Get(c.mem_in[k].first, c.mem_in[k].second.size()), mem_before[k]) << "storage must not change";
  }
}

inline void RunExceptionCases(const std::vector<ExceptionCase>& cases, const CpuModel& model = IntegerTestModel()) {
  for (const ExceptionCase& c : cases) RunExceptionCase(c, model);
}

// Big-endian bytes of a value, for storage operands.
template <typename T>
Bytes Be(T v) {
  Bytes out(sizeof(T));
  for (size_t k = 0; k < sizeof(T); ++k) {
    out[k] = static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * (sizeof(T) - 1 - k)));
  }
  return out;
}

// Checks that every mnemonic of a family is in the isa table and has a handler in the default table.
inline void ExpectFamilyImplemented(const std::set<std::string>& mine) {
  const HandlerTable& table = HandlerTable::Default();
  int found = 0;
  for (int k = 0; k < static_cast<int>(isa::InsnId::kCount); ++k) {
    const auto id = static_cast<isa::InsnId>(k);
    const std::string mnemonic(isa::Info(id).mnemonic);
    if (mine.count(mnemonic) == 0) continue;
    ++found;
    EXPECT_TRUE(table.Implemented(id)) << mnemonic << " has no handler";
  }
  EXPECT_EQ(found, static_cast<int>(mine.size())) << "instructions of this family missing from the isa table";
}

}  // namespace s390vmm::interp::testing

#endif  // S390VMM_CPU_INTERP_INSN_TEST_UTIL_H_
