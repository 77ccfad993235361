// File: cpu/interp/vector_fp_test_util.h
//
// Test-only helpers of the vector floating-point tests (vector_fp_test.cc, vector_fp_convert_test.cc):
// CPU models with and without the vector-enhancements facilities, value and register builders, encoders
// of the vector instruction formats, and VTester, an InsnTester with vector enablement on.
#ifndef S390VMM_CPU_INTERP_VECTOR_FP_TEST_UTIL_H_
#define S390VMM_CPU_INTERP_VECTOR_FP_TEST_UTIL_H_

#include <cstdint>
#include <cstring>

#include "cpu/cpu_model.h"
#include "cpu/cpu_state.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/vector_insn_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {

using u128 = unsigned __int128;

inline uint64_t D(double x) { uint64_t u; std::memcpy(&u, &x, 8); return u; }
inline uint32_t F(float x) { uint32_t u; std::memcpy(&u, &x, 4); return u; }
inline u128 Q(__float128 x) { u128 u; std::memcpy(&u, &x, 16); return u; }
inline __float128 ToQ(u128 u) { __float128 x; std::memcpy(&x, &u, 16); return x; }

inline VectorRegister L(uint64_t e0, uint64_t e1) { return {e0, e1}; }
inline VectorRegister S(uint32_t e0, uint32_t e1, uint32_t e2, uint32_t e3) {
  return {uint64_t{e0} << 32 | e1, uint64_t{e2} << 32 | e3};
}
inline VectorRegister X(u128 v) { return {static_cast<uint64_t>(v >> 64), static_cast<uint64_t>(v)}; }

constexpr uint64_t kDNaN = 0x7ff8000000000000;  // default NaN
constexpr uint64_t kDSNaN = 0x7ff0000000000001;
constexpr uint32_t kFNaN = 0x7fc00000;
constexpr uint32_t kMaskInvalid = 0x80000000, kMaskDivide = 0x40000000, kMaskOverflow = 0x20000000;
constexpr uint32_t kMaskUnderflow = 0x10000000, kMaskInexact = 0x08000000;
constexpr uint32_t kFlagInvalid = 0x800000, kFlagDivide = 0x400000, kFlagOverflow = 0x200000;
constexpr uint32_t kFlagUnderflow = 0x100000, kFlagInexact = 0x080000;

// Opcodes.
constexpr uint16_t kVFA = 0xe7e3, kVFS = 0xe7e2, kVFM = 0xe7e7, kVFD = 0xe7e5, kVFSQ = 0xe7ce;
constexpr uint16_t kVFMA = 0xe78f, kVFMS = 0xe78e, kVFNMA = 0xe79f, kVFNMS = 0xe79e;
constexpr uint16_t kVFMIN = 0xe7ee, kVFMAX = 0xe7ef, kWFC = 0xe7cb, kWFK = 0xe7ca;
constexpr uint16_t kVFCE = 0xe7e8, kVFCH = 0xe7eb, kVFCHE = 0xe7ea, kVFTCI = 0xe74a, kVFPSO = 0xe7cc;
constexpr uint16_t kVFI = 0xe7c7, kVFLL = 0xe7c4, kVFLR = 0xe7c5;
constexpr uint16_t kVCFPS = 0xe7c3, kVCFPL = 0xe7c1, kVCSFP = 0xe7c2, kVCLFP = 0xe7c0;
constexpr int kShort = 2, kLong = 3, kExt = 4, kS = 8;

// An InsnTester with the vector facilities, vector enablement and the AFP-register control on.
class VTester : public InsnTester {
 public:
  explicit VTester(const CpuModel& model = VectorTestModel()) : InsnTester(model) {
    state().cr[0] = cr0::kAfpRegisterControl | cr0::kVectorEnablement;
  }
  void SetV(int v, VectorRegister x) { state().vr[v] = x; }
  VectorRegister V(int v) { return state().vr[v]; }
  void SetFpc(uint32_t fpc) { state().fpc = fpc; }
  uint32_t Fpc() { return state().fpc; }
};

inline void ExpectV(VTester& t, int v, VectorRegister want) {
  EXPECT_EQ(t.V(v).hi, want.hi) << std::hex << "v" << std::dec << v << " bits 0-63";
  EXPECT_EQ(t.V(v).lo, want.lo) << std::hex << "v" << std::dec << v << " bits 64-127";
}

// Runs `insn` expecting completion; returns the CC.
inline int Completes(VTester& t, const Bytes& insn) {
  const InsnResult r = t.Run(insn);
  EXPECT_TRUE(r.completed) << "program interruption 0x" << std::hex << static_cast<int>(r.code);
  return r.cc;
}

// Runs `insn` expecting a vector-processing exception with `vxc` that changes nothing but the DXC byte.
inline void ExpectVectorException(VTester& t, const Bytes& insn, uint8_t vxc, int v1) {
  const VectorRegister before = t.V(v1);
  const uint32_t fpc = t.Fpc();
  t.SetCc(1);
  const InsnResult r = t.Run(insn);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kVectorProcessing);
  EXPECT_EQ(r.ilc, 6);
  EXPECT_EQ(r.psw_address, InsnTester::kCode + 6);
  EXPECT_EQ(r.cc, 1) << "suppressed: the CC is unchanged";
  EXPECT_EQ((t.Fpc() >> 8) & 0xff, vxc) << std::hex << t.Fpc();
  EXPECT_EQ(t.Fpc() & ~0xff00u, fpc & ~0xff00u) << "suppressed: no flags";
  ExpectV(t, v1, before);
}

inline void ExpectProgram(VTester& t, const Bytes& insn, ProgramInterruptCode code) {
  const InsnResult r = t.Run(insn);
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, code);
  EXPECT_EQ(r.ilc, insn.size());
}

}  // namespace s390vmm::interp::testing

#endif  // S390VMM_CPU_INTERP_VECTOR_FP_TEST_UTIL_H_
