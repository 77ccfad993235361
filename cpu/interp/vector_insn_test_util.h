// File: cpu/interp/vector_insn_test_util.h
//
// Test-only: the encoders of the vector instruction formats (operands in the assembler's order; vector
// registers 0-31, the RXB bits filled in) and the CPU models of the vector tests, shared by every vector
// family's tests (vector_test_util.h, vector_integer_test_util.h, vector_fp_test_util.h).
#ifndef S390VMM_CPU_INTERP_VECTOR_INSN_TEST_UTIL_H_
#define S390VMM_CPU_INTERP_VECTOR_INSN_TEST_UTIL_H_

#include <cstdint>

#include "cpu/cpu_model.h"
#include "cpu/interp/insn_test_util.h"

namespace s390vmm::interp::testing {

// The z15 model: it has the vector facility (129) and vector-enhancements 1 (135) and 2 (148).
inline const CpuModel& VectorTestModel() { return **FindCpuModel("z15"); }
// The vector facility alone (no enhancements), for the instructions and M values that need 135/148.
inline const CpuModel& VectorBaseTestModel() {
  static const CpuModel* model = new CpuModel(
      "vector-base-test", 0x3906, "vector facility without enhancements",
      {0, 1, 2, 7, 16, 18, 19, 21, 22, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 37, 41, 45, 49, 53, 58, 129});
  return *model;
}


// --- Encoders ---------------------------------------------------------------------------------------------
// A six-byte vector instruction: `op` is the 16-bit opcode (0xe706 = VL), nibbles[k] the 4-bit field in
// bits 8+4k .. 11+4k (k = 0..6, bits 8-35), and `rxb` the RXB field (bits 36-39).
inline Bytes V6(uint16_t op, const int (&nibbles)[7], int rxb) {
  auto nib = [&](int k) { return static_cast<uint8_t>(nibbles[k] & 15); };
  return {static_cast<uint8_t>(op >> 8),          static_cast<uint8_t>(nib(0) << 4 | nib(1)),
          static_cast<uint8_t>(nib(2) << 4 | nib(3)), static_cast<uint8_t>(nib(4) << 4 | nib(5)),
          static_cast<uint8_t>(nib(6) << 4 | (rxb & 15)), static_cast<uint8_t>(op)};
}
// RXB bit for a vector register in the first (bit 36), second (37), third (38) or fourth (39) position.
inline int Rxb(int v, int position) { return (v & 16) ? (8 >> position) : 0; }

// VRX: VL V1,D2(X2,B2),M3.
inline Bytes VRX(uint16_t op, int v1, int d2, int x2, int b2, int m3 = 0) {
  return V6(op, {v1, x2, b2, d2 >> 8, d2 >> 4, d2, m3}, Rxb(v1, 0));
}
// VRV: VGEF V1,D2(V2,B2),M3.
inline Bytes VRV(uint16_t op, int v1, int d2, int v2, int b2, int m3) {
  return V6(op, {v1, v2, b2, d2 >> 8, d2 >> 4, d2, m3}, Rxb(v1, 0) | Rxb(v2, 1));
}
// VRS-a: VLM V1,V3,D2(B2),M4.
inline Bytes VRSa(uint16_t op, int v1, int v3, int d2, int b2, int m4 = 0) {
  return V6(op, {v1, v3, b2, d2 >> 8, d2 >> 4, d2, m4}, Rxb(v1, 0) | Rxb(v3, 1));
}
// VRS-b: VLVG V1,R3,D2(B2),M4.
inline Bytes VRSb(uint16_t op, int v1, int r3, int d2, int b2, int m4 = 0) {
  return V6(op, {v1, r3, b2, d2 >> 8, d2 >> 4, d2, m4}, Rxb(v1, 0));
}
// VRS-c: VLGV R1,V3,D2(B2),M4.
inline Bytes VRSc(uint16_t op, int r1, int v3, int d2, int b2, int m4) {
  return V6(op, {r1, v3, b2, d2 >> 8, d2 >> 4, d2, m4}, Rxb(v3, 1));
}
// VRI-a: VREPI V1,I2,M3.
inline Bytes VRIa(uint16_t op, int v1, int i2, int m3 = 0) {
  return V6(op, {v1, 0, i2 >> 12, i2 >> 8, i2 >> 4, i2, m3}, Rxb(v1, 0));
}
// VRI-b: VGM V1,I2,I3,M4.
inline Bytes VRIb(uint16_t op, int v1, int i2, int i3, int m4) {
  return V6(op, {v1, 0, i2 >> 4, i2, i3 >> 4, i3, m4}, Rxb(v1, 0));
}
// VRI-c: VREP V1,V3,I2,M4.
inline Bytes VRIc(uint16_t op, int v1, int v3, int i2, int m4) {
  return V6(op, {v1, v3, i2 >> 12, i2 >> 8, i2 >> 4, i2, m4}, Rxb(v1, 0) | Rxb(v3, 1));
}
// VRR-a: VUPH V1,V2,M3[,M4,M5] (M5 bits 24-27, M4 bits 28-31, M3 bits 32-35).
inline Bytes VRRa(uint16_t op, int v1, int v2, int m3 = 0, int m4 = 0, int m5 = 0) {
  return V6(op, {v1, v2, 0, 0, m5, m4, m3}, Rxb(v1, 0) | Rxb(v2, 1));
}
// VRR-b: VFEE V1,V2,V3,M4,M5 (M5 bits 24-27, M4 bits 32-35).
inline Bytes VRRb(uint16_t op, int v1, int v2, int v3, int m4, int m5 = 0) {
  return V6(op, {v1, v2, v3, 0, m5, 0, m4}, Rxb(v1, 0) | Rxb(v2, 1) | Rxb(v3, 2));
}
// VRR-c: VMRH V1,V2,V3,M4[,M5,M6] (M6 bits 24-27, M5 bits 28-31, M4 bits 32-35).
inline Bytes VRRc(uint16_t op, int v1, int v2, int v3, int m4 = 0, int m5 = 0, int m6 = 0) {
  return V6(op, {v1, v2, v3, 0, m6, m5, m4}, Rxb(v1, 0) | Rxb(v2, 1) | Rxb(v3, 2));
}
// VRR-d: VSTRC V1,V2,V3,V4,M5,M6 (M5 bits 20-23, M6 bits 24-27, V4 bits 32-35).
inline Bytes VRRd(uint16_t op, int v1, int v2, int v3, int v4, int m5, int m6 = 0) {
  return V6(op, {v1, v2, v3, m5, m6, 0, v4}, Rxb(v1, 0) | Rxb(v2, 1) | Rxb(v3, 2) | Rxb(v4, 3));
}
// VRR-e: VPERM V1,V2,V3,V4[,M5,M6] (M6 bits 20-23, M5 bits 28-31).
inline Bytes VRRe(uint16_t op, int v1, int v2, int v3, int v4, int m5 = 0, int m6 = 0) {
  return V6(op, {v1, v2, v3, m6, 0, m5, v4}, Rxb(v1, 0) | Rxb(v2, 1) | Rxb(v3, 2) | Rxb(v4, 3));
}
// VRI-d: VERIM V1,V2,V3,I4,M5 (I4 bits 24-31, M5 bits 32-35).
inline Bytes VRId(uint16_t op, int v1, int v2, int v3, int i4, int m5 = 0) {
  return V6(op, {v1, v2, v3, 0, i4 >> 4, i4, m5}, Rxb(v1, 0) | Rxb(v2, 1) | Rxb(v3, 2));
}
// VRI-e: VFTCI V1,V2,I3,M4,M5 (I3 bits 16-27, M5 bits 28-31, M4 bits 32-35).
inline Bytes VRIe(uint16_t op, int v1, int v2, int i3, int m4, int m5) {
  return V6(op, {v1, v2, i3 >> 8, i3 >> 4, i3, m5, m4}, Rxb(v1, 0) | Rxb(v2, 1));
}
// VRR-f: VLVGP V1,R2,R3.
inline Bytes VRRf(uint16_t op, int v1, int r2, int r3) { return V6(op, {v1, r2, r3, 0, 0, 0, 0}, Rxb(v1, 0)); }
// RXE with M3 (LCBB R1,D2(X2,B2),M3).
inline Bytes RXEm(uint16_t op, int r1, int d2, int x2, int b2, int m3) {
  return V6(op, {r1, x2, b2, d2 >> 8, d2 >> 4, d2, m3}, 0);
}

}  // namespace s390vmm::interp::testing

#endif  // S390VMM_CPU_INTERP_VECTOR_INSN_TEST_UTIL_H_
