// File: cpu/interp/vector_test_util.h
//
// Test-only helpers for the vector-facility tests: encoders for the vector instruction formats (operands
// in the assembler's order; vector registers 0-31, the RXB bits are filled in), a CPU model with the
// vector facilities (129, 135, 148), and VectorTester: a StorageTester (16 MiB at 0 plus the last page
// below 2 GiB, optional DAT) with the vector-enablement and AFP-register controls on and vector register
// accessors.
//
//   VectorTester t;
//   t.SetV(2, Vec(0x0102030405060708, 0x090a0b0c0d0e0f10));
//   InsnResult r = t.Run(VRRc(0xe761, 1, 2, 3, 0));   // VMRHB %v1,%v2,%v3
//   EXPECT_EQ(t.V(1), ...);
#ifndef S390VMM_CPU_INTERP_VECTOR_TEST_UTIL_H_
#define S390VMM_CPU_INTERP_VECTOR_TEST_UTIL_H_

#include <cstdint>
#include <ostream>

#include "cpu/cpu_model.h"
#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/storage_test_util.h"
#include "cpu/interp/vector_common.h"
#include "cpu/interp/vector_insn_test_util.h"

namespace s390vmm::interp {

// Printing for gtest.
inline bool operator==(const Vec& a, const Vec& b) { return a.hi == b.hi && a.lo == b.lo; }
inline std::ostream& operator<<(std::ostream& os, const Vec& v) {
  const auto flags = os.flags();
  os << std::hex << "{0x" << v.hi << ", 0x" << v.lo << "}";
  os.flags(flags);
  return os;
}

namespace testing {

// --- Running --------------------------------------------------------------------------------------------

class VectorTester : public StorageTester {
 public:
  explicit VectorTester(const CpuModel& model = VectorTestModel()) : StorageTester(model) {
    state().cr[0] |= cr0::kAfpRegisterControl | cr0::kVectorEnablement;
  }
  Vec V(int v) { return Vec(state().vr[v]); }
  void SetV(int v, const Vec& value) { state().vr[v] = value.reg(); }
  void DisableVector() { state().cr[0] &= ~cr0::kVectorEnablement; }
};

// A vector from its 16 bytes in register order (byte 0 first).
inline Vec VecBytes(const Bytes& b) {
  uint64_t hi = 0, lo = 0;
  for (int k = 0; k < 8; ++k) hi = hi << 8 | b.at(k);
  for (int k = 8; k < 16; ++k) lo = lo << 8 | b.at(k);
  return Vec(hi, lo);
}
// The 16 bytes of a vector in register order.
inline Bytes BytesOf(const Vec& v) {
  Bytes out(16);
  for (int k = 0; k < 16; ++k) out[k] = v.Get<uint8_t>(k);
  return out;
}
// A vector from a string of up to 16 characters, zero-padded.
inline Vec VecStr(const char* s) {
  Bytes b(16, 0);
  for (int k = 0; k < 16 && s[k]; ++k) b[k] = static_cast<uint8_t>(s[k]);
  return VecBytes(b);
}

}  // namespace testing
}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_VECTOR_TEST_UTIL_H_
