// File: cpu/interp/vector_integer_test_util.h
//
// Test-only helpers of the vector-integer tests (vector_integer_test.cc, vector_multiply_test.cc,
// vector_shift_test.cc): encoders of the six-byte vector formats, vector literals, CPU models with and
// without the vector enhancements, and table-driven runners that execute one instruction on a real
// Interpreter (user mode) and check every vector register, the CC or the program interruption.
//
//   RunVCases({{"VAB", VRRc(kVA, 17, 2, 30, 0), {{2, B({0xff})}, {30, B({1})}}, {17, B({0})}}});
#ifndef S390VMM_CPU_INTERP_VECTOR_INTEGER_TEST_UTIL_H_
#define S390VMM_CPU_INTERP_VECTOR_INTEGER_TEST_UTIL_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/cpu_state.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/vector_insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing::vector_integer {

using V = VectorRegister;
inline constexpr uint64_t kOnes = ~uint64_t{0};
inline constexpr uint64_t kMin64 = 0x8000000000000000ull;
inline constexpr uint64_t kMax64 = 0x7fffffffffffffffull;

// Vector literals: two doublewords, or elements of one size from the left (the rest zero).
inline V Q(uint64_t hi, uint64_t lo) { return V{hi, lo}; }
template <int kBytes>
inline V E(std::initializer_list<uint64_t> elements) {
  V v;
  int i = 0;
  for (uint64_t x : elements) {
    const int bit = i * kBytes * 8;  // PoP bit number of the element's leftmost bit
    uint64_t& dw = bit < 64 ? v.hi : v.lo;
    const int shift = 64 - (bit % 64) - kBytes * 8;
    const uint64_t mask = kBytes == 8 ? kOnes : ((uint64_t{1} << (kBytes * 8)) - 1);
    dw |= (x & mask) << shift;
    ++i;
  }
  return v;
}
inline const auto B = E<1>;
inline const auto H = E<2>;
inline const auto F = E<4>;

// ---- The runner ------------------------------------------------------------------------------------------------
inline constexpr uint64_t kVectorCr0 = cr0::kVectorEnablement | cr0::kAfpRegisterControl;

// Background of every vector register the case does not set: distinct values, so that a write to the
// wrong register shows.
inline V Background(int r) {
  return V{0x5a5a000000000000ull | uint64_t(r) << 8, 0xa5a5000000000000ull | uint64_t(r)};
}

struct VCase {
  std::string name;
  Bytes insn;
  std::vector<std::pair<int, V>> in;
  std::pair<int, V> out;  // the register written (also checked: no other register changes)
  int cc = -1;            // the CC after; -1: the instruction leaves the CC alone
  std::vector<std::pair<int, uint64_t>> gr = {};
  const CpuModel* model = &VectorTestModel();
};

inline void RunVCase(const VCase& c) {
  SCOPED_TRACE(c.name);
  // Twice, from CC 0 and CC 3, so that "the CC is unchanged" and every CC value are seen to be set.
  for (uint8_t cc_in : {0, 3}) {
    InsnTester t(*c.model);
    t.state().cr[0] = kVectorCr0;
    for (int r = 0; r < 32; ++r) t.state().vr[r] = Background(r);
    for (const auto& [r, v] : c.in) t.state().vr[r] = v;
    for (const auto& [r, v] : c.gr) t.SetGr(r, v);
    std::array<V, 32> expected = t.state().vr;
    expected[c.out.first] = c.out.second;
    t.SetCc(cc_in);
    const InsnResult res = t.Run(c.insn);
    ASSERT_TRUE(res.completed) << "program interruption " << static_cast<int>(res.code);
    for (int r = 0; r < 32; ++r) {
      EXPECT_EQ(t.state().vr[r], expected[r]) << "v" << r << " = " << std::hex << t.state().vr[r].hi << " "
                                              << t.state().vr[r].lo << ", expected " << expected[r].hi << " "
                                              << expected[r].lo;
    }
    EXPECT_EQ(res.cc, c.cc < 0 ? cc_in : c.cc) << "from CC " << int{cc_in};
  }
}

inline void RunVCases(const std::vector<VCase>& cases) {
  for (const VCase& c : cases) RunVCase(c);
}

// An instruction that is suppressed by a program interruption: the code, ILC 6, the PSW past it, and no
// vector register or CC change.
struct VExceptionCase {
  std::string name;
  Bytes insn;
  ProgramInterruptCode code;
  const CpuModel* model = &VectorTestModel();
  uint64_t cr0 = kVectorCr0;
};

inline void RunVExceptionCase(const VExceptionCase& c) {
  SCOPED_TRACE(c.name);
  InsnTester t(*c.model);
  t.state().cr[0] = c.cr0;
  for (int r = 0; r < 32; ++r) t.state().vr[r] = Background(r);
  const std::array<V, 32> before = t.state().vr;
  t.SetCc(2);
  const InsnResult res = t.Run(c.insn);
  ASSERT_FALSE(res.completed);
  EXPECT_EQ(res.code, c.code);
  EXPECT_EQ(res.ilc, 6);
  EXPECT_EQ(res.psw_address, InsnTester::kCode + 6);
  EXPECT_EQ(res.cc, 2) << "the CC must not change";
  EXPECT_TRUE(t.state().vr == before) << "vector registers must not change";
}

// Opcodes.
enum : uint16_t {
  kVESL = 0xe730, kVERLL = 0xe733, kVESRL = 0xe738, kVESRA = 0xe73a, kVPOPCT = 0xe750, kVCTZ = 0xe752,
  kVCLZ = 0xe753, kVSUM = 0xe764, kVSUMG = 0xe765, kVCKSM = 0xe766, kVSUMQ = 0xe767, kVN = 0xe768,
  kVNC = 0xe769, kVO = 0xe76a, kVNO = 0xe76b, kVNX = 0xe76c, kVX = 0xe76d, kVNN = 0xe76e, kVOC = 0xe76f,
  kVESLV = 0xe770, kVERIM = 0xe772, kVERLLV = 0xe773, kVSL = 0xe774, kVSLB = 0xe775, kVSLDB = 0xe777,
  kVESRLV = 0xe778, kVESRAV = 0xe77a, kVSRL = 0xe77c, kVSRLB = 0xe77d, kVSRA = 0xe77e, kVSRAB = 0xe77f,
  kVSLD = 0xe786, kVSRD = 0xe787, kVMLH = 0xe7a1, kVML = 0xe7a2, kVMH = 0xe7a3, kVMLE = 0xe7a4,
  kVMLO = 0xe7a5, kVME = 0xe7a6, kVMO = 0xe7a7, kVMALH = 0xe7a9, kVMAL = 0xe7aa, kVMAH = 0xe7ab,
  kVMALE = 0xe7ac, kVMALO = 0xe7ad, kVMAE = 0xe7ae, kVMAO = 0xe7af, kVGFM = 0xe7b4, kVMSL = 0xe7b8,
  kVACCC = 0xe7b9, kVAC = 0xe7bb, kVGFMA = 0xe7bc, kVSBCBI = 0xe7bd, kVSBI = 0xe7bf, kVTM = 0xe7d8,
  kVECL = 0xe7d9, kVEC = 0xe7db, kVLC = 0xe7de, kVLP = 0xe7df, kVAVGL = 0xe7f0, kVACC = 0xe7f1,
  kVAVG = 0xe7f2, kVA = 0xe7f3, kVSCBI = 0xe7f5, kVS = 0xe7f7, kVCEQ = 0xe7f8, kVCHL = 0xe7f9,
  kVCH = 0xe7fb, kVMNL = 0xe7fc, kVMXL = 0xe7fd, kVMN = 0xe7fe, kVMX = 0xe7ff,
};

// Register numbers used by most cases: V1 and V3 above 15 (RXB bits), V2 and V4 below.
inline constexpr int kV1 = 17, kV2 = 2, kV3 = 30, kV4 = 9;

}  // namespace s390vmm::interp::testing::vector_integer

#endif  // S390VMM_CPU_INTERP_VECTOR_INTEGER_TEST_UTIL_H_
