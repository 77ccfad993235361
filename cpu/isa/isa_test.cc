#include "cpu/isa/isa.h"

#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::isa {
namespace {

using F = Field;

constexpr const char* kFieldNames[] = {"r1", "r2", "r3", "x2", "b1", "b2", "b3", "b4", "d1", "d2",
                                       "d3", "d4", "i1", "i2", "i3", "i4", "i5", "m1", "m2", "m3",
                                       "m4", "m5", "m6", "l1", "l2", "v1", "v2", "v3", "v4"};
static_assert(sizeof(kFieldNames) / sizeof(kFieldNames[0]) == static_cast<int>(Field::kCount));

std::string Name(Field f) { return kFieldNames[static_cast<int>(f)]; }

// One instruction of each format, as bytes, with every field it should decode to (all other fields must
// be zero) and objdump's text for it at `address` (bytes from GNU as 2.40, text from its objdump).
struct Case {
  std::vector<uint8_t> bytes;
  InsnId id;
  Format format;
  std::map<Field, int64_t> fields;
  std::string text;
  uint64_t address = 0x10000;
};

const std::vector<Case>& Cases() {
  static const auto* cases = new std::vector<Case>{
      {{0x01, 0x01}, InsnId::kPR, Format::kE, {}, "pr"},
      {{0x0a, 0xc8}, InsnId::kSVC, Format::kI, {{F::kI1, 200}}, "svc\t200"},
      {{0x1a, 0x12}, InsnId::kAR, Format::kRR, {{F::kR1, 1}, {F::kR2, 2}}, "ar\t%r1,%r2"},
      {{0x07, 0x8e}, InsnId::kBCR, Format::kRR_M, {{F::kM1, 8}, {F::kR2, 14}}, "ber\t%r14"},
      {{0xb2, 0xfa, 0x00, 0x12}, InsnId::kNIAI, Format::kIE, {{F::kI1, 1}, {F::kI2, 2}}, "niai\t1,2"},
      {{0xc5, 0x50, 0x08, 0xff, 0xff, 0xf0}, InsnId::kBPRP, Format::kMII,
       {{F::kM1, 5}, {F::kI2, 8}, {F::kI3, -16}}, "bprp\t5,0x1001c,0xffec", 0x1000c},
      {{0xa7, 0x3a, 0xff, 0xfe}, InsnId::kAHI, Format::kRI_a, {{F::kR1, 3}, {F::kI2, -2}}, "ahi\t%r3,-2"},
      {{0xa7, 0x46, 0xff, 0xfc}, InsnId::kBRCT, Format::kRI_b, {{F::kR1, 4}, {F::kI2, -4}},
       "brct\t%r4,0x1000e", 0x10016},
      {{0xa7, 0x74, 0x00, 0x32}, InsnId::kBRC, Format::kRI_c, {{F::kM1, 7}, {F::kI2, 50}}, "jne\t0x1007e",
       0x1001a},
      {{0xec, 0x50, 0xff, 0xf9, 0x80, 0x72}, InsnId::kCIT, Format::kRIE_a,
       {{F::kR1, 5}, {F::kI2, -7}, {F::kM3, 8}}, "cite\t%r5,-7"},
      {{0xec, 0x67, 0x00, 0x20, 0x40, 0x76}, InsnId::kCRJ, Format::kRIE_b,
       {{F::kR1, 6}, {F::kR2, 7}, {F::kI4, 32}, {F::kM3, 4}}, "crjl\t%r6,%r7,0x10064", 0x10024},
      {{0xec, 0x82, 0xf0, 0x00, 0x80, 0x7e}, InsnId::kCIJ, Format::kRIE_c,
       {{F::kR1, 8}, {F::kM3, 2}, {F::kI4, -4096}, {F::kI2, -128}}, "cijh\t%r8,-128,0xe02a", 0x1002a},
      {{0xec, 0x9a, 0xfc, 0x18, 0x00, 0xd8}, InsnId::kAHIK, Format::kRIE_d,
       {{F::kR1, 9}, {F::kR3, 10}, {F::kI2, -1000}}, "ahik\t%r9,%r10,-1000"},
      {{0xec, 0x13, 0x04, 0x00, 0x00, 0x44}, InsnId::kBRXHG, Format::kRIE_e,
       {{F::kR1, 1}, {F::kR3, 3}, {F::kI2, 1024}}, "brxhg\t%r1,%r3,0x10836", 0x10036},
      {{0xec, 0x12, 0x03, 0x84, 0x05, 0x55}, InsnId::kRISBG, Format::kRIE_f,
       {{F::kR1, 1}, {F::kR2, 2}, {F::kI3, 3}, {F::kI4, 0x84}, {F::kI5, 5}}, "risbgz\t%r1,%r2,3,4,5"},
      {{0xec, 0xbe, 0xff, 0xfd, 0x00, 0x42}, InsnId::kLOCHI, Format::kRIE_g,
       {{F::kR1, 11}, {F::kM3, 14}, {F::kI2, -3}}, "lochino\t%r11,-3"},
      {{0xc0, 0xc9, 0xfe, 0xdc, 0xba, 0x98}, InsnId::kIILF, Format::kRIL_a,
       {{F::kR1, 12}, {F::kI2, 0xfedcba98}}, "iilf\t%r12,4275878552"},
      {{0xc0, 0xd0, 0x00, 0x00, 0x09, 0x1a}, InsnId::kLARL, Format::kRIL_b, {{F::kR1, 13}, {F::kI2, 0x91a}},
       "larl\t%r13,0x11282", 0x1004e},
      {{0xc0, 0xf4, 0xff, 0xff, 0x80, 0x00}, InsnId::kBRCL, Format::kRIL_c, {{F::kM1, 15}, {F::kI2, -32768}},
       "jg\t0x54", 0x10054},
      {{0xec, 0x16, 0xff, 0xff, 0xf8, 0xfe}, InsnId::kCIB, Format::kRIS,
       {{F::kR1, 1}, {F::kM3, 6}, {F::kB4, 15}, {F::kD4, 4095}, {F::kI2, -8}}, "cibne\t%r1,-8,4095(%r15)"},
      {{0xec, 0x23, 0x40, 0x01, 0xc0, 0xf6}, InsnId::kCRB, Format::kRRS,
       {{F::kR1, 2}, {F::kR2, 3}, {F::kB4, 4}, {F::kD4, 1}, {F::kM3, 12}}, "crbnh\t%r2,%r3,1(%r4)"},
      {{0xb3, 0x0e, 0x10, 0x32}, InsnId::kMAEBR, Format::kRRD, {{F::kR1, 1}, {F::kR3, 3}, {F::kR2, 2}},
       "maebr\t%f1,%f3,%f2"},
      {{0xb9, 0x08, 0x00, 0xef}, InsnId::kAGR, Format::kRRE, {{F::kR1, 14}, {F::kR2, 15}}, "agr\t%r14,%r15"},
      {{0xb9, 0xe8, 0x30, 0x12}, InsnId::kAGRK, Format::kRRF_a, {{F::kR1, 1}, {F::kR2, 2}, {F::kR3, 3}},
       "agrk\t%r1,%r2,%r3"},
      {{0xb9, 0x29, 0x40, 0x26}, InsnId::kKMA, Format::kRRF_b, {{F::kR1, 2}, {F::kR3, 4}, {F::kR2, 6}},
       "kma\t%r2,%r4,%r6"},
      {{0xb9, 0xf2, 0xd0, 0x12}, InsnId::kLOCR, Format::kRRF_c, {{F::kR1, 1}, {F::kR2, 2}, {F::kM3, 13}},
       "locrnh\t%r1,%r2"},
      {{0xb3, 0xd4, 0x04, 0x12}, InsnId::kLDETR, Format::kRRF_d, {{F::kR1, 1}, {F::kR2, 2}, {F::kM4, 4}},
       "ldetr\t%f1,%f2,4"},
      {{0xb3, 0x98, 0x53, 0x14}, InsnId::kCFEBR, Format::kRRF_e,
       {{F::kR1, 1}, {F::kM3, 5}, {F::kR2, 4}, {F::kM4, 3}}, "cfebra\t%r1,5,%f4,3"},
      {{0x98, 0x1f, 0x2f, 0xa0}, InsnId::kLM, Format::kRS_a,
       {{F::kR1, 1}, {F::kR3, 15}, {F::kB2, 2}, {F::kD2, 4000}}, "lm\t%r1,%r15,4000(%r2)"},
      {{0xbf, 0x3a, 0x40, 0x0c}, InsnId::kICM, Format::kRS_b,
       {{F::kR1, 3}, {F::kM3, 10}, {F::kB2, 4}, {F::kD2, 12}}, "icm\t%r3,10,12(%r4)"},
      {{0x84, 0x56, 0xff, 0x80}, InsnId::kBRXH, Format::kRSI, {{F::kR1, 5}, {F::kR3, 6}, {F::kI2, -128}},
       "brxh\t%r5,%r6,0xff8a", 0x1008a},
      {{0xeb, 0xf0, 0x20, 0x01, 0x00, 0xc0}, InsnId::kTP, Format::kRSL_a,
       {{F::kL1, 15}, {F::kB1, 2}, {F::kD1, 1}}, "tp\t1(16,%r2)"},
      {{0xed, 0xff, 0x50, 0x02, 0x43, 0xa8}, InsnId::kCZDT, Format::kRSL_b,
       {{F::kL2, 255}, {F::kB2, 5}, {F::kD2, 2}, {F::kR1, 4}, {F::kM3, 3}}, "czdt\t%f4,2(256,%r5),3"},
      {{0xeb, 0x67, 0x80, 0x00, 0x80, 0x04}, InsnId::kLMG, Format::kRSY_a,
       {{F::kR1, 6}, {F::kR3, 7}, {F::kB2, 8}, {F::kD2, -524288}}, "lmg\t%r6,%r7,-524288(%r8)"},
      {{0xeb, 0x13, 0x20, 0x0a, 0x00, 0xf2}, InsnId::kLOC, Format::kRSY_b,
       {{F::kR1, 1}, {F::kM3, 3}, {F::kB2, 2}, {F::kD2, 10}}, "locnle\t%r1,10(%r2)"},
      {{0x58, 0x12, 0x30, 0x04}, InsnId::kL, Format::kRX_a,
       {{F::kR1, 1}, {F::kX2, 2}, {F::kB2, 3}, {F::kD2, 4}}, "l\t%r1,4(%r2,%r3)"},
      {{0x47, 0xf2, 0x30, 0x04}, InsnId::kBC, Format::kRX_b,
       {{F::kM1, 15}, {F::kX2, 2}, {F::kB2, 3}, {F::kD2, 4}}, "b\t4(%r2,%r3)"},
      {{0xe7, 0x12, 0x30, 0x04, 0x60, 0x27}, InsnId::kLCBB, Format::kRXE,
       {{F::kR1, 1}, {F::kX2, 2}, {F::kB2, 3}, {F::kD2, 4}, {F::kM3, 6}}, "lcbb\t%r1,4(%r2,%r3),6"},
      {{0xed, 0x32, 0x30, 0x04, 0x10, 0x0e}, InsnId::kMAEB, Format::kRXF,
       {{F::kR3, 3}, {F::kX2, 2}, {F::kB2, 3}, {F::kD2, 4}, {F::kR1, 1}}, "maeb\t%f1,%f3,4(%r2,%r3)"},
      // LG with a negative long displacement (DH = 0xff).
      {{0xe3, 0x12, 0xff, 0xf8, 0xff, 0x04}, InsnId::kLG, Format::kRXY_a,
       {{F::kR1, 1}, {F::kX2, 2}, {F::kB2, 15}, {F::kD2, -8}}, "lg\t%r1,-8(%r2,%r15)"},
      {{0xe3, 0x20, 0x3f, 0xff, 0xff, 0x36}, InsnId::kPFD, Format::kRXY_b,
       {{F::kM1, 2}, {F::kB2, 3}, {F::kD2, -1}}, "pfd\t2,-1(%r3)"},
      {{0xb2, 0xb2, 0x70, 0x04}, InsnId::kLPSWE, Format::kS, {{F::kB2, 7}, {F::kD2, 4}}, "lpswe\t4(%r7)"},
      {{0x92, 0xff, 0x10, 0x64}, InsnId::kMVI, Format::kSI, {{F::kI2, 255}, {F::kB1, 1}, {F::kD1, 100}},
       "mvi\t100(%r1),255"},
      {{0xe5, 0x4c, 0x20, 0x04, 0xff, 0xfb}, InsnId::kMVHI, Format::kSIL,
       {{F::kB1, 2}, {F::kD1, 4}, {F::kI2, -5}}, "mvhi\t4(%r2),-5"},
      {{0xeb, 0x80, 0x2f, 0xff, 0xff, 0x6a}, InsnId::kASI, Format::kSIY,
       {{F::kI2, -128}, {F::kB1, 2}, {F::kD1, -1}}, "asi\t-1(%r2),-128"},
      {{0xc7, 0x70, 0x30, 0x64, 0x00, 0x20}, InsnId::kBPP, Format::kSMI,
       {{F::kM1, 7}, {F::kB3, 3}, {F::kD3, 100}, {F::kI2, 32}}, "bpp\t7,0x1011a,100(%r3)", 0x100da},
      {{0xd2, 0xff, 0x10, 0x00, 0x2f, 0xff}, InsnId::kMVC, Format::kSS_a,
       {{F::kL1, 255}, {F::kB1, 1}, {F::kB2, 2}, {F::kD2, 4095}}, "mvc\t0(256,%r1),4095(%r2)"},
      {{0xfa, 0xf0, 0x10, 0x00, 0x2f, 0xff}, InsnId::kAP, Format::kSS_b,
       {{F::kL1, 15}, {F::kB1, 1}, {F::kB2, 2}, {F::kD2, 4095}}, "ap\t0(16,%r1),4095(1,%r2)"},
      {{0xf0, 0x19, 0x30, 0x01, 0x50, 0x04}, InsnId::kSRP, Format::kSS_c,
       {{F::kL1, 1}, {F::kI3, 9}, {F::kB1, 3}, {F::kD1, 1}, {F::kB2, 5}, {F::kD2, 4}},
       "srp\t1(2,%r3),4(%r5),9"},
      {{0xd9, 0x26, 0x30, 0x01, 0x50, 0x04}, InsnId::kMVCK, Format::kSS_d,
       {{F::kR1, 2}, {F::kR3, 6}, {F::kB1, 3}, {F::kD1, 1}, {F::kB2, 5}, {F::kD2, 4}},
       "mvck\t1(%r2,%r3),4(%r5),%r6"},
      {{0xee, 0x13, 0x20, 0x04, 0x40, 0x08}, InsnId::kPLO, Format::kSS_e,
       {{F::kR1, 1}, {F::kR3, 3}, {F::kB2, 2}, {F::kD2, 4}, {F::kB4, 4}, {F::kD4, 8}},
       "plo\t%r1,4(%r2),%r3,8(%r4)"},
      {{0xe9, 0x1f, 0x20, 0x01, 0x40, 0x03}, InsnId::kPKA, Format::kSS_f,
       {{F::kL2, 31}, {F::kB1, 2}, {F::kD1, 1}, {F::kB2, 4}, {F::kD2, 3}}, "pka\t1(%r2),3(32,%r4)"},
      {{0xe5, 0x0f, 0x20, 0x01, 0x40, 0x03}, InsnId::kMVCDK, Format::kSSE,
       {{F::kB1, 2}, {F::kD1, 1}, {F::kB2, 4}, {F::kD2, 3}}, "mvcdk\t1(%r2),3(%r4)"},
      {{0xc8, 0x50, 0x20, 0x01, 0x40, 0x03}, InsnId::kMVCOS, Format::kSSF,
       {{F::kR3, 5}, {F::kB1, 2}, {F::kD1, 1}, {F::kB2, 4}, {F::kD2, 3}}, "mvcos\t1(%r2),3(%r4),%r5"},
      {{0xe7, 0x10, 0xff, 0xfe, 0x38, 0x40}, InsnId::kVLEIB, Format::kVRI_a,
       {{F::kV1, 17}, {F::kI2, -2}, {F::kM3, 3}}, "vleib\t%v17,-2,3"},
      {{0xe7, 0x10, 0x03, 0x3c, 0x20, 0x46}, InsnId::kVGM, Format::kVRI_b,
       {{F::kV1, 1}, {F::kI2, 3}, {F::kI3, 60}, {F::kM4, 2}}, "vgmf\t%v1,3,60"},
      {{0xe7, 0x1f, 0x03, 0xe8, 0x34, 0x4d}, InsnId::kVREP, Format::kVRI_c,
       {{F::kV1, 1}, {F::kV3, 31}, {F::kI2, 1000}, {F::kM4, 3}}, "vrepg\t%v1,%v31,1000"},
      {{0xe7, 0x12, 0x30, 0xc8, 0x30, 0x72}, InsnId::kVERIM, Format::kVRI_d,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kV3, 3}, {F::kI4, 200}, {F::kM5, 3}}, "verimg\t%v1,%v2,%v3,200"},
      {{0xe7, 0x45, 0xfe, 0xd8, 0x3c, 0x4a}, InsnId::kVFTCI, Format::kVRI_e,
       {{F::kV1, 20}, {F::kV2, 21}, {F::kI3, 4077}, {F::kM5, 8}, {F::kM4, 3}}, "wftcidb\t%v20,%v21,4077"},
      {{0xe6, 0x12, 0x30, 0xfc, 0x80, 0x71}, InsnId::kVAP, Format::kVRI_f,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kV3, 3}, {F::kM5, 15}, {F::kI4, 200}}, "vap\t%v1,%v2,%v3,200,15"},
      {{0xe6, 0x12, 0xc8, 0xf0, 0x30, 0x5b}, InsnId::kVPSOP, Format::kVRI_g,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kI4, 200}, {F::kM5, 15}, {F::kI3, 3}}, "vpsop\t%v1,%v2,3,200,15"},
      {{0xe6, 0xf0, 0x12, 0x34, 0x78, 0x49}, InsnId::kVLIP, Format::kVRI_h,
       {{F::kV1, 31}, {F::kI2, 0x1234}, {F::kI3, 7}}, "vlip\t%v31,4660,7"},
      {{0xe6, 0x12, 0x00, 0xc8, 0x10, 0x58}, InsnId::kVCVD, Format::kVRI_i,
       {{F::kV1, 1}, {F::kR2, 2}, {F::kM4, 12}, {F::kI3, 0x81}}, "vcvd\t%v1,%r2,129,12"},
      {{0xe7, 0x12, 0x00, 0x00, 0x34, 0xde}, InsnId::kVLC, Format::kVRR_a,
       {{F::kV1, 1}, {F::kV2, 18}, {F::kM3, 3}}, "vlcg\t%v1,%v18"},
      {{0xe7, 0x12, 0x30, 0x10, 0x36, 0xf8}, InsnId::kVCEQ, Format::kVRR_b,
       {{F::kV1, 1}, {F::kV2, 18}, {F::kV3, 19}, {F::kM5, 1}, {F::kM4, 3}}, "vceqgs\t%v1,%v18,%v19"},
      {{0xe7, 0x01, 0x20, 0x00, 0x3e, 0xf3}, InsnId::kVA, Format::kVRR_c,
       {{F::kV1, 16}, {F::kV2, 17}, {F::kV3, 18}, {F::kM4, 3}}, "vag\t%v16,%v17,%v18"},
      {{0xe7, 0x12, 0x32, 0x00, 0xf1, 0xaa}, InsnId::kVMAL, Format::kVRR_d,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kV3, 3}, {F::kM5, 2}, {F::kV4, 31}}, "vmalf\t%v1,%v2,%v3,%v31"},
      {{0xe7, 0x12, 0x38, 0x03, 0x40, 0x8f}, InsnId::kVFMA, Format::kVRR_e,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kV3, 3}, {F::kM6, 8}, {F::kM5, 3}, {F::kV4, 4}},
       "vfma\t%v1,%v2,%v3,%v4,3,8"},
      {{0xe7, 0x12, 0x30, 0x00, 0x08, 0x62}, InsnId::kVLVGP, Format::kVRR_f,
       {{F::kV1, 17}, {F::kR2, 2}, {F::kR3, 3}}, "vlvgp\t%v17,%r2,%r3"},
      {{0xe6, 0x01, 0x00, 0x00, 0x04, 0x5f}, InsnId::kVTP, Format::kVRR_g, {{F::kV1, 17}}, "vtp\t%v17"},
      {{0xe6, 0x01, 0x20, 0x50, 0x06, 0x77}, InsnId::kVCP, Format::kVRR_h,
       {{F::kV1, 17}, {F::kV2, 18}, {F::kM3, 5}}, "vcp\t%v17,%v18,5"},
      {{0xe6, 0x11, 0x00, 0x12, 0x04, 0x50}, InsnId::kVCVB, Format::kVRR_i,
       {{F::kR1, 1}, {F::kV2, 17}, {F::kM3, 1}, {F::kM4, 2}}, "vcvb\t%r1,%v17,1,2"},
      {{0xe6, 0x12, 0x30, 0x40, 0x00, 0x7d}, InsnId::kVCSPH, Format::kVRR_j,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kV3, 3}, {F::kM4, 4}}, "vcsph\t%v1,%v2,%v3,4"},
      {{0xe6, 0x12, 0x00, 0x30, 0x00, 0x51}, InsnId::kVCLZDP, Format::kVRR_k,
       {{F::kV1, 1}, {F::kV2, 2}, {F::kM3, 3}}, "vclzdp\t%v1,%v2,3"},
      {{0xe7, 0x12, 0x30, 0x04, 0x30, 0x30}, InsnId::kVESL, Format::kVRS_a,
       {{F::kV1, 1}, {F::kV3, 2}, {F::kB2, 3}, {F::kD2, 4}, {F::kM4, 3}}, "veslg\t%v1,%v2,4(%r3)"},
      {{0xe7, 0x12, 0x30, 0x04, 0x20, 0x22}, InsnId::kVLVG, Format::kVRS_b,
       {{F::kV1, 1}, {F::kR3, 2}, {F::kB2, 3}, {F::kD2, 4}, {F::kM4, 2}}, "vlvgf\t%v1,%r2,4(%r3)"},
      {{0xe7, 0x12, 0x30, 0x04, 0x20, 0x21}, InsnId::kVLGV, Format::kVRS_c,
       {{F::kR1, 1}, {F::kV3, 2}, {F::kB2, 3}, {F::kD2, 4}, {F::kM4, 2}}, "vlgvf\t%r1,%v2,4(%r3)"},
      {{0xe6, 0x03, 0x50, 0x04, 0x21, 0x37}, InsnId::kVLRLR, Format::kVRS_d,
       {{F::kR3, 3}, {F::kB2, 5}, {F::kD2, 4}, {F::kV1, 18}}, "vlrlr\t%v18,%r3,4(%r5)"},
      {{0xe7, 0x11, 0x30, 0x04, 0x24, 0x13}, InsnId::kVGEF, Format::kVRV,
       {{F::kV1, 1}, {F::kV2, 17}, {F::kB2, 3}, {F::kD2, 4}, {F::kM3, 2}}, "vgef\t%v1,4(%v17,%r3),2"},
      {{0xe7, 0x12, 0x30, 0x04, 0x38, 0x06}, InsnId::kVL, Format::kVRX,
       {{F::kV1, 17}, {F::kX2, 2}, {F::kB2, 3}, {F::kD2, 4}, {F::kM3, 3}}, "vl\t%v17,4(%r2,%r3),3"},
      {{0xe6, 0x0f, 0x20, 0x04, 0x11, 0x35}, InsnId::kVLRL, Format::kVSI,
       {{F::kI3, 15}, {F::kB2, 2}, {F::kD2, 4}, {F::kV1, 17}}, "vlrl\t%v17,4(%r2),15"},
  };
  return *cases;
}

TEST(Isa, InstructionLengthFromFirstByte) {
  for (int b = 0; b < 256; ++b) {
    const int expected = b < 0x40 ? 2 : b < 0xc0 ? 4 : 6;
    EXPECT_EQ(InsnLength(static_cast<uint8_t>(b)), expected) << b;
  }
  static_assert(InsnLength(0x1a) == 2 && InsnLength(0x58) == 4 && InsnLength(0xe3) == 6);
}

TEST(Isa, DecodesOneInstructionOfEveryFormat) {
  std::set<Format> covered;
  for (const Case& c : Cases()) {
    const std::string name = Info(c.id).mnemonic;
    SCOPED_TRACE(name);
    ASSERT_EQ(InsnLength(c.bytes[0]), static_cast<int>(c.bytes.size()));
    EXPECT_EQ(Lookup(c.bytes.data()), c.id);
    EXPECT_EQ(Info(c.id).format, c.format);
    const DecodedInsn d = Decode(c.bytes.data());
    EXPECT_EQ(d.id, c.id);
    EXPECT_EQ(d.length, c.bytes.size());
    for (int f = 0; f < static_cast<int>(Field::kCount); ++f) {
      const auto it = c.fields.find(static_cast<Field>(f));
      EXPECT_EQ(GetField(d.ops, static_cast<Field>(f)), it == c.fields.end() ? 0 : it->second)
          << "field " << Name(static_cast<Field>(f));
    }
    EXPECT_EQ(Disassemble(d, c.address), c.text);
    covered.insert(c.format);
  }
  EXPECT_EQ(covered.size(), static_cast<size_t>(Format::kCount)) << "a format has no case";
}

TEST(Isa, NamedOperandMembers) {
  const uint8_t lg[] = {0xe3, 0x12, 0xff, 0xf8, 0xff, 0x04};  // lg %r1,-8(%r2,%r15)
  const DecodedInsn d = Decode(lg);
  EXPECT_EQ(d.ops.r1, 1);
  EXPECT_EQ(d.ops.x2, 2);
  EXPECT_EQ(d.ops.b2, 15);
  EXPECT_EQ(d.ops.d2, -8);
  EXPECT_EQ(d.bits, 0xe312fff8ff040000u);
  const uint8_t brasl[] = {0xc0, 0xe5, 0xff, 0xff, 0xff, 0xfe};  // brasl %r14,.-4
  const DecodedInsn b = Decode(brasl);
  EXPECT_EQ(b.id, InsnId::kBRASL);
  EXPECT_EQ(b.ops.r1, 14);
  EXPECT_EQ(b.ops.i2, -2);  // halfwords
  EXPECT_EQ(Disassemble(b, 0x1000), "brasl\t%r14,0xffc");
  EXPECT_EQ(Disassemble(b, 0), "brasl\t%r14,0xfffffffffffffffc");  // wraps like objdump's 64-bit vma
}

TEST(Isa, UnknownOpcodes) {
  const std::vector<std::vector<uint8_t>> invalid = {
      {0x00, 0x00}, {0x01, 0x00}, {0xb2, 0x03, 0x00, 0x00}, {0xc0, 0x02, 0, 0, 0, 0},
      {0xe3, 0x00, 0x00, 0x00, 0x00, 0x00}, {0xe7, 0x00, 0x00, 0x00, 0x00, 0x0f}, {0xff, 1, 2, 3, 4, 5},
  };
  for (const auto& bytes : invalid) {
    EXPECT_EQ(Lookup(bytes.data()), InsnId::kInvalid) << static_cast<int>(bytes[0]);
    const DecodedInsn d = Decode(bytes.data());
    EXPECT_EQ(d.id, InsnId::kInvalid);
    EXPECT_EQ(d.length, bytes.size());
  }
  EXPECT_EQ(Disassemble(Decode(invalid[0].data()), 0), ".short\t0x0000");
  EXPECT_EQ(Disassemble(Decode(invalid[2].data()), 0), ".long\t0xb2030000");
  EXPECT_EQ(Disassemble(Decode(invalid[6].data()), 0), ".short\t0xff01,0x0203,0x0405");
  EXPECT_EQ(Info(InsnId::kInvalid).length, 0);
  EXPECT_NE(Info(InsnId::kInvalid).flags & kEndsBlock, 0u);
}

TEST(Isa, Facilities) {
  EXPECT_EQ(StfleBit(Facility::kNone), -1);
  EXPECT_EQ(StfleBit(Facility::kZArchInstalled), 1);
  EXPECT_EQ(StfleBit(Facility::kLongDisplacement), 18);
  EXPECT_EQ(StfleBit(Facility::kExtendedImmediate), 21);
  EXPECT_EQ(StfleBit(Facility::kGeneralInstructionsExtension), 34);
  EXPECT_EQ(StfleBit(Facility::kDistinctOperands), 45);
  EXPECT_EQ(Facility::kHighWord, Facility::kDistinctOperands);
  EXPECT_EQ(Facility::kPopulationCount, Facility::kDistinctOperands);
  EXPECT_EQ(StfleBit(Facility::kMiscInstructionExtensions), 49);
  EXPECT_EQ(StfleBit(Facility::kLoadStoreOnCondition2), 53);
  EXPECT_EQ(StfleBit(Facility::kMiscInstructionExtensions2), 58);
  EXPECT_EQ(StfleBit(Facility::kMiscInstructionExtensions3), 61);
  EXPECT_EQ(StfleBit(Facility::kVector), 129);
  EXPECT_EQ(StfleBit(Facility::kVectorEnhancements2), 148);
  EXPECT_EQ(StfleBit(Facility::kUltravisorCall), 158);
  EXPECT_EQ(StfleBit(Facility::kUnpack), 161);
  EXPECT_EQ(Info(InsnId::kAGRK).facility, Facility::kDistinctOperands);
  EXPECT_EQ(Info(InsnId::kUVC).facility, Facility::kUltravisorCall);
  std::set<int> bits;
  for (const FacilityInfo& f : AllFacilities()) {
    EXPECT_TRUE(f.stfle_bit == -1 || bits.insert(f.stfle_bit).second) << f.name << " reuses a bit";
  }
  EXPECT_EQ(AllFacilities().size(), static_cast<size_t>(Facility::kCount));
}

TEST(Isa, Flags) {
  EXPECT_EQ(Info(InsnId::kLPSWE).flags, kPrivileged | kEndsBlock);
  EXPECT_EQ(Info(InsnId::kAR).flags, 0u);
  EXPECT_NE(Info(InsnId::kSSCH).flags & kPrivileged, 0u);
  EXPECT_NE(Info(InsnId::kSAC).flags & kSemiPrivileged, 0u);
  EXPECT_NE(Info(InsnId::kEXRL).flags & kEndsBlock, 0u);
  EXPECT_NE(Info(InsnId::kVA).flags & kVector, 0u);
  EXPECT_NE(Info(InsnId::kAHI).flags & kSignedImm, 0u);
  EXPECT_EQ(Info(InsnId::kTMLL).flags & kSignedImm, 0u);
}

// ---- Table invariants ----

// The bytes of `insn` with every operand field zero.
std::vector<uint8_t> Encode(const InsnInfo& insn) {
  std::vector<uint8_t> bytes(insn.length, 0);
  const uint32_t op = insn.opcode;
  switch (Info(insn.format).opcode_layout) {
    case OpcodeLayout::kOp8: bytes[0] = static_cast<uint8_t>(op); break;
    case OpcodeLayout::kOp16: bytes[0] = op >> 8; bytes[1] = op & 0xff; break;
    case OpcodeLayout::kOp8Op4: bytes[0] = op >> 4; bytes[1] = op & 0x0f; break;
    case OpcodeLayout::kOp8Op8: bytes[0] = op >> 8; bytes[5] = op & 0xff; break;
  }
  return bytes;
}

// The field a syntax token names ("f1" -> R1, "x2" -> X2, "v2" inside an address -> V2), or kCount.
Field FieldOfToken(const std::string& token) {
  if (token.size() < 2 || !std::isdigit(static_cast<unsigned char>(token[1]))) return Field::kCount;
  std::string name = token.substr(0, 2);
  if (name[0] == 'f' || name[0] == 'a' || name[0] == 'c') name[0] = 'r';
  for (int f = 0; f < static_cast<int>(Field::kCount); ++f) {
    if (name == kFieldNames[f]) return static_cast<Field>(f);
  }
  return Field::kCount;
}

// Checks that every token of `syntax` names a field of `format` of a matching kind; returns the fields.
std::vector<Field> CheckSyntax(const std::string& syntax, Format format, const std::string& where) {
  std::vector<Field> fields;
  const FormatInfo& fmt = Info(format);
  for (absl::string_view piece : absl::StrSplit(syntax, absl::ByAnyChar(",()[]"), absl::SkipEmpty())) {
    std::string token(piece);
    if (token.find('&') != std::string::npos) token = token.substr(0, token.find('&'));
    const Field field = FieldOfToken(token);
    const FieldSpec* spec = nullptr;
    for (int i = 0; i < fmt.num_fields; ++i) {
      if (fmt.fields[i].field == field) spec = &fmt.fields[i];
    }
    if (spec == nullptr) {
      ADD_FAILURE() << where << ": '" << token << "' is not a field of " << fmt.name;
      continue;
    }
    const char c = token[0];
    const FieldKind k = spec->kind;
    const bool ok = (c == 'r' && (k == FieldKind::kRegister || k == FieldKind::kBase)) ||
                    ((c == 'f' || c == 'a' || c == 'c') && k == FieldKind::kRegister) ||
                    (c == 'v' && k == FieldKind::kVector) || (c == 'x' && k == FieldKind::kIndex) ||
                    (c == 'b' && k == FieldKind::kBase) || (c == 'm' && k == FieldKind::kMask) ||
                    (c == 'l' && k == FieldKind::kLength) ||
                    (c == 'd' && (k == FieldKind::kDisp12 || k == FieldKind::kDisp20)) ||
                    (c == 'i' && (k == FieldKind::kImmediate || k == FieldKind::kPcRel));
    EXPECT_TRUE(ok) << where << ": token '" << token << "' does not fit the field's kind";
    fields.push_back(field);
  }
  return fields;
}

TEST(IsaTable, EveryRowIsConsistent) {
  std::set<std::string> mnemonics;
  for (int i = 1; i < static_cast<int>(InsnId::kCount); ++i) {
    const InsnId id = static_cast<InsnId>(i);
    const InsnInfo& insn = Info(id);
    SCOPED_TRACE(insn.mnemonic);
    EXPECT_EQ(&insn, &AllInsns()[i - 1]);
    EXPECT_TRUE(mnemonics.insert(insn.mnemonic).second) << "duplicate mnemonic";
    for (const char* p = insn.mnemonic; *p; ++p) EXPECT_TRUE(std::isupper(*p) || std::isdigit(*p));
    EXPECT_EQ(insn.length, Info(insn.format).length);
    EXPECT_LT(static_cast<int>(insn.facility), static_cast<int>(Facility::kCount));
    const std::vector<uint8_t> bytes = Encode(insn);
    EXPECT_EQ(InsnLength(bytes[0]), insn.length) << "opcode length disagrees with the format";
    // Also finds duplicate opcodes: the second row would never be looked up.
    EXPECT_EQ(Lookup(bytes.data()), id);
    EXPECT_EQ(Decode(bytes.data()).id, id);
    const std::vector<Field> used = CheckSyntax(insn.syntax, insn.format, insn.mnemonic);
    EXPECT_EQ(std::set<Field>(used.begin(), used.end()).size(), used.size()) << "a field appears twice";
    EXPECT_EQ((insn.flags & kVector) != 0, insn.format >= Format::kVRI_a && insn.format <= Format::kVSI);
  }
}

TEST(IsaTable, FormatsAreWellFormed) {
  for (int i = 0; i < static_cast<int>(Format::kCount); ++i) {
    const FormatInfo& fmt = Info(static_cast<Format>(i));
    SCOPED_TRACE(fmt.name);
    uint64_t used = 0;
    switch (fmt.opcode_layout) {  // opcode bits, PoP numbering from the left of a 64-bit word
      case OpcodeLayout::kOp8: used = 0xffull << 56; break;
      case OpcodeLayout::kOp16: used = 0xffffull << 48; break;
      case OpcodeLayout::kOp8Op4: used = (0xffull << 56) | (0xfull << 48); break;
      case OpcodeLayout::kOp8Op8: used = (0xffull << 56) | (0xffull << 16); break;
    }
    auto claim = [&](int start, int width) {
      ASSERT_LE(start + width, fmt.length * 8) << "field past the end";
      const uint64_t bits = ((uint64_t{1} << width) - 1) << (64 - start - width);
      EXPECT_EQ(used & bits, 0u) << "overlapping fields at bit " << start;
      used |= bits;
    };
    for (int f = 0; f < fmt.num_fields; ++f) {
      const FieldSpec& spec = fmt.fields[f];
      claim(spec.start, spec.width);
      if (spec.kind == FieldKind::kDisp20) claim(32, 8);
      if (spec.kind == FieldKind::kVector) claim(spec.rxb_bit, 1);
    }
  }
}

TEST(IsaTable, ExtendedMnemonicsAreConsistent) {
  EXPECT_GT(AllExtendedMnemonics().size(), 900u);
  InsnId previous = InsnId::kInvalid;
  std::set<InsnId> seen;
  for (const ExtendedMnemonic& e : AllExtendedMnemonics()) {
    SCOPED_TRACE(e.mnemonic);
    ASSERT_NE(e.base, InsnId::kInvalid);
    if (e.base != previous) {
      EXPECT_TRUE(seen.insert(e.base).second) << "rows of one instruction split";
    }
    previous = e.base;
    const FormatInfo& fmt = Info(Info(e.base).format);
    for (int i = 0; i < e.num_constraints; ++i) {
      const FieldConstraint& c = e.constraint[i];
      const FieldSpec* spec = nullptr;
      for (int f = 0; f < fmt.num_fields; ++f) {
        if (fmt.fields[f].field == c.field) spec = &fmt.fields[f];
      }
      ASSERT_NE(spec, nullptr) << "constraint on a field the format lacks";
      EXPECT_LE(spec->width, 16) << "constraint masks are 16 bits";
      EXPECT_EQ(c.value & ~c.mask, 0);
    }
    CheckSyntax(e.syntax, Info(e.base).format, e.mnemonic);
    for (const char* p = e.mnemonic; *p; ++p) EXPECT_TRUE(std::islower(*p) || std::isdigit(*p));
  }
}

}  // namespace
}  // namespace s390vmm::isa
