// File: cpu/interp/storage_test_util.h
//
// Test-only helpers for storage_test.cc and string_test.cc: encoders for the SS formats (the others come
// from insn_test_util.h), a CPU model with every facility these families depend on, and StorageTester,
// which runs instructions on a real Interpreter in user mode with 16 MiB of memory at 0 plus the last
// page below 2 GiB (for 31-bit wraparound), optionally with DAT on (identity mapping of the first 16 MiB,
// with chosen pages invalid).
#ifndef S390VMM_CPU_INTERP_STORAGE_TEST_UTIL_H_
#define S390VMM_CPU_INTERP_STORAGE_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/interpreter.h"
#include "gtest/gtest.h"
#include "memory/guest_memory.h"

namespace s390vmm::interp::testing {

// SS-a: MVC D1(L,B1),D2(B2) with `l` the length code (length - 1).
inline Bytes SSa(uint8_t op, int d1, int l, int b1, int d2, int b2) {
  return {op, static_cast<uint8_t>(l), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)), static_cast<uint8_t>(d1),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}
// SS-b: MVO D1(L1,B1),D2(L2,B2).
inline Bytes SSb(uint8_t op, int d1, int l1, int b1, int d2, int l2, int b2) {
  return {op, static_cast<uint8_t>(l1 << 4 | l2), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}
// SS-f: PKA D1(B1),D2(L2,B2).
inline Bytes SSf(uint8_t op, int d1, int b1, int d2, int l2, int b2) {
  return {op, static_cast<uint8_t>(l2), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)), static_cast<uint8_t>(d1),
          static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}
// SSE: MVCRL D1(B1),D2(B2).
inline Bytes SSE(uint16_t op, int d1, int b1, int d2, int b2) {
  return {static_cast<uint8_t>(op >> 8), static_cast<uint8_t>(op), static_cast<uint8_t>(b1 << 4 | ((d1 >> 8) & 0xf)),
          static_cast<uint8_t>(d1), static_cast<uint8_t>(b2 << 4 | ((d2 >> 8) & 0xf)), static_cast<uint8_t>(d2)};
}

// Every facility the storage and string families use, including those that change their behaviour:
// 16 ETF2, 22 ETF3, 24 ETF2-enhancement, 26 parsing enhancement, 30 ETF3-enhancement, 61 MIE3 (MVCRL).
inline const CpuModel& StringTestModel() {
  static const CpuModel* model =
      new CpuModel("string-test", 0x8561, "storage and string instruction tests",
                   {0, 1, 2, 7, 16, 18, 19, 21, 22, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 37, 41, 45, 49, 61});
  return *model;
}
// The same without the enhancement facilities (ETF2-enhancement, ETF3-enhancement).
inline const CpuModel& StringTestModelWithoutEnhancements() {
  static const CpuModel* model =
      new CpuModel("string-test-base", 0x2817, "storage and string instruction tests, no enhancements",
                   {0, 1, 2, 7, 16, 18, 19, 21, 22, 25, 26, 27, 31, 32, 33, 34, 35, 37, 41, 45, 49, 61});
  return *model;
}

class StorageTester {
 public:
  static constexpr uint64_t kCode = 0x10000;
  static constexpr uint64_t kLowSize = 16 << 20;
  static constexpr uint64_t kHighPage = 0x7ffff000;  // the last page of the 31-bit address space
  // DAT tables (when enabled) live here; the first 16 MiB are mapped one to one.
  static constexpr uint64_t kSegmentTable = 0xe00000;
  static constexpr uint64_t kPageTables = 0xe04000;

  explicit StorageTester(const CpuModel& model = StringTestModel()) : model_(model) {
    const RegionSpec regions[] = {{GuestAddress(0), kLowSize}, {GuestAddress(kHighPage), kPageSize}};
    memory_ = *GuestMemory::Create(regions);
    InterpreterOptions options;
    options.user_mode = true;
    cpu_ = std::make_unique<Interpreter>(*memory_, model_, options);
    state().psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, kCode);
  }

  CpuState& state() { return cpu_->state(); }
  GuestMemory& memory() { return *memory_; }
  uint64_t gr(int r) { return state().gr[r]; }
  void SetGr(int r, uint64_t v) { state().gr[r] = v; }
  void SetCc(uint8_t cc) { state().psw.set_cc(cc); }
  void SetAddressingMode(AddressingMode mode) { state().psw.set_addressing_mode(mode); }

  void Put(uint64_t addr, const Bytes& bytes) {
    ASSERT_TRUE(memory_->Write(GuestAddress(addr), absl::MakeConstSpan(bytes)).ok()) << std::hex << addr;
  }
  void Fill(uint64_t addr, uint64_t len, uint8_t byte) {
    ASSERT_TRUE(memory_->Fill(GuestAddress(addr), len, byte).ok());
  }
  Bytes Get(uint64_t addr, size_t n) {
    Bytes out(n);
    EXPECT_TRUE(memory_->Read(GuestAddress(addr), absl::MakeSpan(out)).ok()) << std::hex << addr;
    return out;
  }
  void SetKey(uint64_t addr, uint8_t acc, bool fetch_protected) {
    ASSERT_TRUE(memory_->SetStorageKey(GuestAddress(addr), StorageKey::Make(acc, fetch_protected, false, false)).ok());
  }

  // DAT on, primary space, the first 16 MiB mapped one to one except the pages in `invalid`.
  void EnableDat(const std::vector<uint64_t>& invalid = {}) {
    Fill(kSegmentTable, 4096, 0);
    for (uint64_t seg = 0; seg < 512; ++seg) {
      uint64_t entry = 0x20;  // invalid
      if (seg < kLowSize >> 20) entry = kPageTables + seg * 0x800;
      ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kSegmentTable + seg * 8), entry).ok());
    }
    for (uint64_t page = 0; page < kLowSize >> 12; ++page) {
      ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kPageTables + page * 8), page << 12).ok());
    }
    for (uint64_t addr : invalid) SetPageValid(addr, false);
    state().cr[1] = kSegmentTable;  // segment-table designation, TL 0
    state().psw.set_mask_bits(Psw::kDat, true);
  }
  // Only for pages the CPU has not translated yet (there is no TLB flush).
  void SetPageValid(uint64_t addr, bool valid) {
    const uint64_t page = addr >> 12;
    const uint64_t entry = (page << 12) | (valid ? 0 : 0x400);  // bit 53: page invalid
    ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kPageTables + page * 8), entry).ok());
  }

  // Runs `code` at kCode followed by SVC 0 (see InsnResult).
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
      teid_ = pgm->translation_exception_id;
    } else {
      ADD_FAILURE() << "unexpected exit kind " << exit->index();
    }
    r.psw_address = state().psw.address();
    r.cc = state().psw.cc();
    return r;
  }
  // Runs an instruction that may end with CC 3 ("CPU-determined amount processed") again and again, as a
  // program's BRC 1 back to it would; returns the last result and the number of executions.
  InsnResult RunToCompletion(const Bytes& code, int* executions = nullptr, int limit = 100000) {
    InsnResult r;
    int n = 0;
    do {
      r = Run(code);
      ++n;
    } while (r.completed && r.cc == 3 && n < limit);
    if (executions) *executions = n;
    return r;
  }
  uint64_t teid() const { return teid_; }

 private:
  const CpuModel& model_;
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<Interpreter> cpu_;
  uint64_t teid_ = 0;
};

inline Bytes Pattern(size_t n, uint8_t seed) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(seed + i * 7);
  return b;
}

inline Bytes Str(const char* s) { return Bytes(s, s + std::char_traits<char>::length(s)); }

}  // namespace s390vmm::interp::testing

#endif  // S390VMM_CPU_INTERP_STORAGE_TEST_UTIL_H_
