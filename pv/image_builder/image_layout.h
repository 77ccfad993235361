// File: pv/image_builder/image_layout.h
//
// The layout of a Secure Execution image as genprotimg 2.16 writes it (facts §3). The file is a flat memory
// image — file offset == guest absolute address:
//   0x0                       short IPL PSW (ESA/390 format, bit 12 set) -> 0x11000, stage3a's entry
//   0x10000                   stage3a (its last 24 bytes: stage3a_args)
//   PAGE_ALIGN(end of stage3a) PV IPL parameter block, one page
//   next page                 SE header (phs bytes), padded to a page
//   next page                 components, each padded to whole pages (at least one), in this order:
//                             kernel (0), parmline (1, optional), initrd (2, optional), stage3b (3)
// Component i's XTS tweak prefix is (type << 48) | 48 random bits, so prefixes grow across components.
//
// LocateSeImage finds these pieces in an image built by us or by IBM's genprotimg, validating every offset
// and size against the file before use (the image is untrusted input).
#ifndef S390VMM_PV_IMAGE_BUILDER_IMAGE_LAYOUT_H_
#define S390VMM_PV_IMAGE_BUILDER_IMAGE_LAYOUT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "memory/guest_address.h"
#include "pv/image_builder/ipib.h"

namespace s390vmm::pv {

enum class ComponentType : uint16_t { kKernel = 0, kParmline = 1, kInitrd = 2, kStage3b = 3 };
// "kernel", "parmline", "initrd", "stage3b", or "component N" for an unknown type.
std::string ComponentTypeName(uint64_t type);
// The component type is the top 16 bits of the tweak prefix.
inline uint64_t ComponentTypeOfTweak(uint64_t tweak_prefix) { return tweak_prefix >> 48; }

inline constexpr uint64_t kSeImageStage3aAddress = 0x10000;
// Short PSW bit 12 (must be one in an ESA/390-format PSW) and the EA/BA bits of 64-bit mode.
inline constexpr uint64_t kShortPswBit12 = 0x0008000000000000;
inline constexpr uint64_t kPswMaskEaBa = 0x0000000180000000;
// The initial PSW stage3b loads by default: 64-bit mode at the kernel's entry (IMAGE_ENTRY).
inline constexpr SePsw kDefaultKernelPsw{kPswMaskEaBa, 0x10000};
// Largest command line stage3b copies (the legacy COMMAND_LINE_SIZE of the parameter area).
inline constexpr uint64_t kMaxParmlineSize = 896;
// stage3b drops the first 64 KiB of the kernel image (lowcore/head), so a kernel is at least this long.
inline constexpr uint64_t kMinKernelSize = 0x10000;

struct SeImageLayout {
  uint64_t ipl_psw = 0;             // the 8 bytes at 0
  GuestAddress entry;               // address in the IPL PSW
  GuestAddress ipib_addr;
  PvIplBlock ipib;
  GuestAddress header_addr;
  uint32_t header_size = 0;         // phs
  std::optional<GuestAddress> stage3a_args;  // where stage3a_args point at this IPIB and header, if found
  uint64_t image_size = 0;
};

// Finds and validates the layout. Errors start with "SE image: " and say what is missing or inconsistent.
absl::StatusOr<SeImageLayout> LocateSeImage(absl::Span<const uint8_t> image);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_IMAGE_BUILDER_IMAGE_LAYOUT_H_
