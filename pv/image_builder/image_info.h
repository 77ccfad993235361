// File: pv/image_builder/image_info.h
//
// What anyone can learn from an SE image without a host key: the layout, the PV IPIB's components and the
// header's public (authenticated, unencrypted) fields — for `s390vmm-pvimg info` and the Python module.
#ifndef S390VMM_PV_IMAGE_BUILDER_IMAGE_INFO_H_
#define S390VMM_PV_IMAGE_BUILDER_IMAGE_INFO_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pv/image_builder/image_layout.h"
#include "pv/se_header/se_header.h"

namespace s390vmm::pv {

struct SeImageInfo {
  SeImageLayout layout;
  SeHeader header;
};

// Locates the layout and parses the header (every length validated).
absl::StatusOr<SeImageInfo> DescribeSeImage(absl::Span<const uint8_t> image);

// Human-readable, one field per line.
std::string SeImageInfoToText(const SeImageInfo& info);
// One JSON object: sizes and counts as numbers, addresses and flags as "0x..." strings, byte fields as hex.
std::string SeImageInfoToJson(const SeImageInfo& info);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_IMAGE_BUILDER_IMAGE_INFO_H_
