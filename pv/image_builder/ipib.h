// File: pv/image_builder/ipib.h
//
// The IPL parameter block of type PV (pbt 5) that genprotimg places in an SE image and stage3a hands to the
// hypervisor with diag 308 subcode 8 (facts §3). All fields big-endian:
//   +0x00 ipl_pl_hdr {u32 len, u8 flags, u8 res[2], u8 version = 1}
//   +0x08 ipl_pb0_pv {u32 len = 0x80 + 24 * num_comp, u8 pbt = 5, ..., +0x67 u8 version = 0,
//                     +0x6c u32 num_comp, +0x70 u64 pv_hdr_addr, +0x78 u64 pv_hdr_size,
//                     +0x80 components[num_comp] {u64 tweak_pref, u64 addr, u64 len}}
// genprotimg writes pv_hdr_addr = 0 (stage3a fills it in at boot) and pads the block to one page.
#ifndef S390VMM_PV_IMAGE_BUILDER_IPIB_H_
#define S390VMM_PV_IMAGE_BUILDER_IPIB_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pv/ultravisor/secure_boot.h"

namespace s390vmm::pv {

inline constexpr uint8_t kIplTypePv = 5;
inline constexpr uint8_t kIplParmBlockVersion = 1;
inline constexpr uint32_t kIplPlHdrSize = 8;
inline constexpr uint32_t kIplPb0PvFixedSize = 0x80;
inline constexpr uint32_t kIplPb0PvComponentSize = 24;
// A PV IPIB is at most one page (genprotimg v1), which bounds num_comp.
inline constexpr uint32_t kPvIpibMaxSize = 4096;
inline constexpr uint32_t kPvIpibMaxComponents = (kPvIpibMaxSize - kIplPlHdrSize - kIplPb0PvFixedSize) /
                                                 kIplPb0PvComponentSize;

struct PvIplBlock {
  uint64_t pv_hdr_addr = 0;
  uint64_t pv_hdr_size = 0;
  std::vector<SecureComponent> components;  // size = IPIB len field (page multiple)
};

// One page (or more if the components need it), zero padded; hdr.len = the padded size as genprotimg writes.
std::vector<uint8_t> SerializePvIpib(const PvIplBlock& block);

// Validates type, lengths and counts before reading the component table, then every component: page
// aligned address, non-zero page-multiple length, tweak prefixes strictly increasing (what genprotimg
// asserts and QEMU's s390_ipl_pv_check_components requires). Messages start with "PV IPIB: ".
absl::StatusOr<PvIplBlock> ParsePvIpib(absl::Span<const uint8_t> bytes);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_IMAGE_BUILDER_IPIB_H_
