// Vector integer multiplies (vector_multiply.cc): low/high/logical-high, even/odd, multiply-and-add,
// VMSL and the Galois-field multiply sums, run one instruction at a time on a real Interpreter. Expected
// values were cross-checked with qemu-s390x-static -cpu max.
#include <cstdint>
#include <string>
#include <vector>

#include "cpu/interp/insn_test_util.h"
#include "cpu/interp/vector_integer_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing::vector_integer {
namespace {

// ---- Multiply -------------------------------------------------------------------------------------------------------

TEST(VectorMultiplyTest, Multiply) {
  auto c = [](std::string name, uint16_t op, int es, V a, V b, V out) {
    return VCase{name, VRRc(op, kV1, kV2, kV3, es), {{kV2, a}, {kV3, b}}, {kV1, out}};
  };
  const V ab = B({0x10, 0xff, 0x03, 0x80, 0x80, 0xff}), bb = B({0x10, 0xff, 0x05, 0x80, 0x7f, 0x01});
  const V af = F({0xffffffff, 3, 0x80000000, 7}), bf = F({2, 5, 0x80000000, 0xffffffff});
  RunVCases({
      c("VMLB low", kVML, 0, ab, bb, B({0x00, 0x01, 0x0f, 0x00, 0x80, 0xff})),
      c("VMHB signed high", kVMH, 0, ab, bb, B({0x01, 0x00, 0x00, 0x40, 0xc0, 0xff})),
      c("VMLHB unsigned high", kVMLH, 0, ab, bb, B({0x01, 0xfe, 0x00, 0x40, 0x3f, 0x00})),
      c("VMLHW", kVML, 1, H({0x8000, 0xffff, 300}), H({2, 0xffff, 300}), H({0, 1, 24464})),
      c("VMHH", kVMH, 1, H({0x8000, 0xffff, 300}), H({2, 0xffff, 300}), H({0xffff, 0, 1})),
      c("VMLF", kVML, 2, af, bf, F({0xfffffffe, 15, 0, 0xfffffff9})),
      c("VMHF", kVMH, 2, af, bf, F({0xffffffff, 0, 0x40000000, 0xffffffff})),
      c("VMLHF", kVMLH, 2, af, bf, F({1, 0, 0x40000000, 6})),
      // Even/odd: double-width products of elements 0, 2, ... or 1, 3, ...
      c("VMEB", kVME, 0, B({0xff, 0x02, 0x80, 0x03}), B({0x02, 0x05, 0x80, 0x07}), H({0xfffe, 0x4000})),
      c("VMLEB", kVMLE, 0, B({0xff, 0x02, 0x80, 0x03}), B({0x02, 0x05, 0x80, 0x07}), H({0x01fe, 0x4000})),
      c("VMOB", kVMO, 0, B({0xff, 0x02, 0x80, 0xff}), B({0x02, 0x05, 0x80, 0x07}), H({0x000a, 0xfff9})),
      c("VMLOB", kVMLO, 0, B({0xff, 0x02, 0x80, 0xff}), B({0x02, 0x05, 0x80, 0x07}), H({0x000a, 0x06f9})),
      c("VMEH", kVME, 1, H({0x8000, 0, 0xffff}), H({0x8000, 0, 0x7fff}), F({0x40000000, 0xffff8001})),
      c("VMEF", kVME, 2, af, bf, Q(0xfffffffffffffffe, 0x4000000000000000)),
      c("VMLEF", kVMLE, 2, af, bf, Q(0x00000001fffffffe, 0x4000000000000000)),
      c("VMOF", kVMO, 2, af, bf, Q(15, 0xfffffffffffffff9)),
      c("VMLOF", kVMLO, 2, af, bf, Q(15, 0x00000006fffffff9)),
      {"VMLF V1 = V2 = V3", VRRc(kVML, 7, 7, 7, 2), {{7, F({3, 0x10000, 0xffffffff, 2})}},
       {7, F({9, 0, 1, 4})}},
  });
}

TEST(VectorMultiplyTest, MultiplyAndAdd) {
  auto c = [](std::string name, uint16_t op, int es, V a, V b, V add, V out) {
    return VCase{name, VRRd(op, kV1, kV2, kV3, kV4, es), {{kV2, a}, {kV3, b}, {kV4, add}}, {kV1, out}};
  };
  const V ab = B({0x10, 0xff, 0x80}), bb = B({0x10, 0xff, 0x80}), cb = B({0x01, 0xff, 0x80});
  const V af = F({0xffffffff, 3, 0x80000000, 7}), bf = F({2, 5, 0x80000000, 0xffffffff});
  const V cd = Q(1, kMin64);
  RunVCases({
      c("VMALB", kVMAL, 0, ab, bb, cb, B({0x01, 0x00, 0x80})),
      c("VMAHB", kVMAH, 0, ab, bb, cb, B({0x01, 0x00, 0x3f})),
      c("VMALHB", kVMALH, 0, ab, bb, cb, B({0x01, 0xff, 0x40})),
      c("VMAHF", kVMAH, 2, F({0x80000000, 0xffffffff}), F({0x80000000, 0xffffffff}), F({0x80000000, 0xffffffff}),
        F({0x3fffffff, 0})),
      c("VMALHF", kVMALH, 2, F({0xffffffff, 0xffffffff}), F({0xffffffff, 0xffffffff}), F({0xffffffff, 0}),
        F({0xffffffff, 0xfffffffe})),
      c("VMALF", kVMAL, 2, F({0xffffffff, 3}), F({0xffffffff, 3}), F({5, 0xfffffff8}), F({6, 1})),
      c("VMAEF", kVMAE, 2, af, bf, cd, Q(kOnes, 0xc000000000000000)),
      c("VMALEF", kVMALE, 2, af, bf, cd, Q(0x00000001ffffffff, 0xc000000000000000)),
      c("VMAOF", kVMAO, 2, af, bf, cd, Q(16, 0x7ffffffffffffff9)),
      c("VMALOF", kVMALO, 2, af, bf, cd, Q(16, 0x80000006fffffff9)),
      c("VMAEB", kVMAE, 0, B({0xff, 0, 0x80}), B({0x02, 0, 0x80}), H({0x0002, 0x8000}), H({0x0000, 0xc000})),
      c("VMALOH", kVMALO, 1, H({0, 0xffff}), H({0, 0xffff}), F({0xffffffff}), F({0xfffe0000})),
  });
}

TEST(VectorMultiplyTest, MultiplySumLogical) {
  // (2^64-1)^2 = 0xfffffffffffffffe_0000000000000001; the odd product is 6; V4 adds 1. M6 bit 0 doubles the
  // even product, bit 1 the odd one; the 128-bit sum wraps.
  const V a = Q(kOnes, 2), b = Q(kOnes, 3), add = Q(0, 1);
  auto c = [&](std::string name, int m6, V out) {
    return VCase{name, VRRd(kVMSL, kV1, kV2, kV3, kV4, 3, m6), {{kV2, a}, {kV3, b}, {kV4, add}}, {kV1, out}};
  };
  RunVCases({
      c("VMSLG", 0, Q(0xfffffffffffffffe, 8)),
      c("VMSLG even doubled", 8, Q(0xfffffffffffffffc, 9)),
      c("VMSLG odd doubled", 4, Q(0xfffffffffffffffe, 14)),
      c("VMSLG both doubled", 12, Q(0xfffffffffffffffc, 15)),
      {"VMSLG wraps", VRRd(kVMSL, kV1, kV2, kV3, kV4, 3), {{kV2, Q(kOnes, kOnes)}, {kV3, Q(kOnes, kOnes)},
       {kV4, Q(kOnes, kOnes)}}, {kV1, Q(0xfffffffffffffffc, 0x0000000000000001)}},
  });
}

TEST(VectorMultiplyTest, GaloisFieldMultiplySum) {
  RunVCases({
      // clmul(3,3) ^ clmul(2,3) = 5 ^ 6 = 3; clmul(0xff,0xff) = 0x5555.
      {"VGFMB", VRRc(kVGFM, kV1, kV2, kV3, 0), {{kV2, B({0x03, 0x02, 0xff, 0x00})}, {kV3, B({0x03, 0x03, 0xff, 0x00})}},
       {kV1, H({0x0003, 0x5555})}},
      {"VGFMH", VRRc(kVGFM, kV1, kV2, kV3, 1), {{kV2, H({0x8000, 0x0001})}, {kV3, H({0x0002, 0x8001})}},
       {kV1, F({0x00018001})}},
      {"VGFMF", VRRc(kVGFM, kV1, kV2, kV3, 2), {{kV2, F({0x80000000, 0})}, {kV3, F({2, 0})}},
       {kV1, Q(0x0000000100000000, 0)}},
      {"VGFMG", VRRc(kVGFM, kV1, kV2, kV3, 3), {{kV2, Q(kOnes, 0)}, {kV3, Q(kOnes, 0)}},
       {kV1, Q(0x5555555555555555, 0x5555555555555555)}},
      {"VGFMG odd pair", VRRc(kVGFM, kV1, kV2, kV3, 3), {{kV2, Q(0, kMin64)}, {kV3, Q(0, kMin64)}},
       {kV1, Q(0x4000000000000000, 0)}},
      {"VGFMAG", VRRd(kVGFMA, kV1, kV2, kV3, kV4, 3),
       {{kV2, Q(kOnes, 0)}, {kV3, Q(kOnes, 0)}, {kV4, Q(kOnes, 1)}},
       {kV1, Q(0xaaaaaaaaaaaaaaaa, 0x5555555555555554)}},
      {"VGFMAB", VRRd(kVGFMA, kV1, kV2, kV3, kV4, 0),
       {{kV2, B({0x03, 0x02, 0xff, 0x00})}, {kV3, B({0x03, 0x03, 0xff, 0x00})}, {kV4, H({0xffff, 0x5555, 7})}},
       {kV1, H({0xfffc, 0x0000, 7})}},
  });
}

}  // namespace
}  // namespace s390vmm::interp::testing::vector_integer
