#include "cpu/cpu_model.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace s390vmm {

CpuModel::CpuModel(std::string name, uint16_t machine_type, std::string description,
                   std::initializer_list<int> facility_bits)
    : name_(std::move(name)), machine_type_(machine_type), description_(std::move(description)) {
  for (int bit : facility_bits) facilities_[bit / 64] |= uint64_t{1} << (63 - bit % 64);
}

int CpuModel::facility_word_count() const {
  int n = kFacilityWords;
  while (n > 1 && facilities_[n - 1] == 0) --n;
  return n;
}

std::vector<int> CpuModel::FacilityBits() const {
  std::vector<int> bits;
  for (int bit = 0; bit < 64 * kFacilityWords; ++bit) {
    if (HasBit(bit)) bits.push_back(bit);
  }
  return bits;
}

namespace {

// Facility bits by model (PoP "Facility Indications"; STFLE bit numbers). A model reports only what the
// backends implement.
//   0 N3 instructions, 1 z/Architecture installed, 2 z/Architecture active, 7 STFLE, 16 extended
//   translation 2, 18 long displacement, 19 long-displacement high performance, 21 extended immediate,
//   22 extended translation 3, 24 ETF2 enhancement, 25 STORE CLOCK FAST, 26 parsing enhancement,
//   27 MVCOS, 30 ETF3 enhancement, 31 EXTRACT CPU TIME, 32/33 compare-and-swap-and-store 1/2,
//   34 general-instructions extension, 35 execute extensions, 41 FP-support enhancement (LDGR, LGDR, ...).
#define S390VMM_Z10_FACILITIES 0, 1, 2, 7, 16, 18, 19, 21, 22, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 41
//   37 floating-point extension, 45 distinct operands / high word / interlocked access 1 / load/store on
//   condition 1 / population count.
#define S390VMM_Z196_FACILITIES S390VMM_Z10_FACILITIES, 37, 45
//   49 miscellaneous-instruction extensions, 53 load/store on condition 2 and load-and-zero-rightmost-byte,
//   58/61 miscellaneous-instruction extensions 2/3, 129 vector facility, 135/148 vector enhancements 1/2
//   (glibc switches to its vector string and memory functions when these are reported). Not reported:
//   vector packed decimal (134/152) and NNPA (165), which the interpreter does not execute.
#define S390VMM_Z15_FACILITIES S390VMM_Z196_FACILITIES, 49, 53, 58, 61, 129, 135, 148

const CpuModel& Z10() {
  static const CpuModel* model = new CpuModel("z10", 0x2097, "IBM System z10 EC", {S390VMM_Z10_FACILITIES});
  return *model;
}
const CpuModel& Z196() {
  static const CpuModel* model =
      new CpuModel("z196", 0x2817, "IBM zEnterprise 196 (Debian bookworm's baseline)", {S390VMM_Z196_FACILITIES});
  return *model;
}
const CpuModel& Z15() {
  static const CpuModel* model = new CpuModel("z15", 0x8561, "IBM z15 T01", {S390VMM_Z15_FACILITIES});
  return *model;
}
const CpuModel& Max() {
  // Everything s390vmm implements, including the DAT-enhancement facility (3: IDTE, CSPG) and the
  // Ultravisor-call (158) and Unpack (161) facilities that Protected Virtualization needs.
  static const CpuModel* model =
      new CpuModel("max", 0x8561, "all facilities s390vmm implements", {S390VMM_Z15_FACILITIES, 3, 158, 161});
  return *model;
}

}  // namespace

std::vector<const CpuModel*> AllCpuModels() { return {&Z10(), &Z196(), &Z15(), &Max()}; }

const CpuModel& DefaultCpuModel() { return Z196(); }

absl::StatusOr<const CpuModel*> FindCpuModel(absl::string_view name) {
  std::vector<std::string> names;
  for (const CpuModel* model : AllCpuModels()) {
    if (model->name() == name) return model;
    names.push_back(model->name());
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("unknown CPU model '%s' (known models: %s)", name, absl::StrJoin(names, ", ")));
}

}  // namespace s390vmm
