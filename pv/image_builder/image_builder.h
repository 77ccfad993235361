// File: pv/image_builder/image_builder.h
//
// Builds a Secure Execution image with genprotimg's inputs and output layout (image_layout.h): the kernel,
// optional parmline and initrd, our stage3b with its arguments, each XTS-encrypted page by page; the SE
// header sealed for every host key; the PV IPIB; our stage3a with its arguments; the IPL PSW.
//
// All randomness comes from the RandomSource passed in, drawn in this order (golden tests rely on it):
//   1. customer key scalar (P521PrivateKey::Generate)      4. customer communication key (unless fixed)
//   2. header key (unless fixed)                            5. header GCM IV (12 bytes)
//   3. XTS key (unless fixed; redrawn if its halves match)  6. 6 tweak bytes per component, in layout order
#ifndef S390VMM_PV_IMAGE_BUILDER_IMAGE_BUILDER_H_
#define S390VMM_PV_IMAGE_BUILDER_IMAGE_BUILDER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "pv/crypto/ec_p521.h"
#include "pv/crypto/random_source.h"
#include "pv/image_builder/image_layout.h"

namespace s390vmm::pv {

struct ImageBuilderInput {
  std::vector<uint8_t> kernel;                 // the whole kernel image file (at least 64 KiB)
  std::optional<std::vector<uint8_t>> parmline;  // kernel command line file, at most 896 bytes
  std::optional<std::vector<uint8_t>> initrd;
  std::vector<P521PublicKey> host_keys;        // one key slot each (from the host-key documents)
  uint64_t pcf = 0;                            // plaintext control flags (genprotimg --x-pcf)
  uint64_t scf = 0;                            // secret control flags (--x-scf)
  SePsw kernel_psw = kDefaultKernelPsw;        // what stage3b finally loads (--x-psw)
  // Fixed keys (genprotimg --x-header-key, --x-comp-key, --x-comm-key); drawn from the source if unset.
  std::optional<std::array<uint8_t, 32>> header_key;
  std::optional<std::array<uint8_t, 64>> xts_key;
  std::optional<std::array<uint8_t, 32>> comm_key;
};

struct BuiltSeImage {
  std::vector<uint8_t> bytes;
  SeImageLayout layout;
  std::vector<uint64_t> original_sizes;  // per component, before padding (stage3b: its binary's size)
};

absl::StatusOr<BuiltSeImage> BuildSeImage(const ImageBuilderInput& input, RandomSource& rng);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_IMAGE_BUILDER_IMAGE_BUILDER_H_
