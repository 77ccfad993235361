// File: cpu/cpu_model.h
//
// A CPU model: a name, the CPU identification STIDP reports, and the facility list STFL/STFLE store.
// Facilities that are off make their instructions raise an operation exception, so every bit a model
// reports must be implemented by the backends (glibc picks code paths from STFLE at run time).
//
//   ASSIGN_OR_RETURN(const CpuModel* model, FindCpuModel("z196"));
//   if (model->Has(isa::Facility::kDistinctOperands)) ...
#ifndef S390VMM_CPU_CPU_MODEL_H_
#define S390VMM_CPU_CPU_MODEL_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cpu/isa/isa.h"

namespace s390vmm {

class CpuModel {
 public:
  // STFLE stores up to this many doublewords; 4 covers bits 0-255.
  static constexpr int kFacilityWords = 4;

  CpuModel(std::string name, uint16_t machine_type, std::string description,
           std::initializer_list<int> facility_bits);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  // CPU type of the CPU id (STIDP bits 32-47), e.g. 0x2817 for z196.
  uint16_t machine_type() const { return machine_type_; }

  bool HasBit(int bit) const {
    return bit >= 0 && bit < 64 * kFacilityWords && (facilities_[bit / 64] >> (63 - bit % 64)) & 1;
  }
  // Facility::kNone (instructions every CPU has) is always present.
  bool Has(isa::Facility facility) const {
    const int bit = isa::StfleBit(facility);
    return bit < 0 || HasBit(bit);
  }
  // The facility list as STFLE stores it (big-endian bit numbering: bit 0 is the MSB of word 0).
  const std::array<uint64_t, kFacilityWords>& facility_words() const { return facilities_; }
  // Number of doublewords STFLE needs to store all set bits.
  int facility_word_count() const;
  // Facility bits that are on, ascending.
  std::vector<int> FacilityBits() const;

 private:
  std::string name_;
  uint16_t machine_type_;
  std::string description_;
  std::array<uint64_t, kFacilityWords> facilities_{};
};

// The named models: "z10", "z196" (the default: what Debian bookworm's kernel and user space need),
// "z15", "max". An unknown name is an InvalidArgumentError that lists the known ones.
absl::StatusOr<const CpuModel*> FindCpuModel(absl::string_view name);
const CpuModel& DefaultCpuModel();
std::vector<const CpuModel*> AllCpuModels();

}  // namespace s390vmm

#endif  // S390VMM_CPU_CPU_MODEL_H_
