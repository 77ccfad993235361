#include "pv/boot/boot_stubs.h"

namespace s390vmm::pv {
namespace boot_blobs {
// Generated from the assembled stubs (BUILD.bazel: stage3a_blob, stage3b_blob).
extern const uint8_t kStage3a[];
extern const size_t kStage3aSize;
extern const uint8_t kStage3b[];
extern const size_t kStage3bSize;
}  // namespace boot_blobs

absl::Span<const uint8_t> Stage3aBinary() { return {boot_blobs::kStage3a, boot_blobs::kStage3aSize}; }
absl::Span<const uint8_t> Stage3bBinary() { return {boot_blobs::kStage3b, boot_blobs::kStage3bSize}; }

}  // namespace s390vmm::pv
