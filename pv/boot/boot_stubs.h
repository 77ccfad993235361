// File: pv/boot/boot_stubs.h
//
// Our stage3a and stage3b boot stubs (stage3a.S, stage3b.S), assembled at build time by Debian's s390x
// binutils and compiled into the binary as byte arrays, so the image builder needs no runfiles. Their ABI
// is genprotimg's (facts §3): stage3a is loaded at 0x10000 and entered at 0x11000, its last 24 bytes are
// stage3a_args; stage3b is position independent and its last 64 bytes are stage3b_args.
#ifndef S390VMM_PV_BOOT_BOOT_STUBS_H_
#define S390VMM_PV_BOOT_BOOT_STUBS_H_

#include <cstddef>
#include <cstdint>

#include "absl/types/span.h"

namespace s390vmm::pv {

inline constexpr uint64_t kStage3aLoadAddress = 0x10000;
inline constexpr uint64_t kStage3aEntry = 0x11000;  // where the image's IPL PSW points
inline constexpr size_t kStage3aArgsSize = 24;      // {hdr_offs, hdr_size, ipib_offs}
inline constexpr size_t kStage3bArgsSize = 64;      // {kernel, cmdline, initrd memblobs; psw}

// Disabled-wait PSW addresses of the stubs' failure paths (see the .S files).
inline constexpr uint64_t kStage3aWaitNoUnpackFacility = 0x5e010000;
inline constexpr uint64_t kStage3aWaitPvSetFailed = 0x5e020000;    // | diag 308 rc
inline constexpr uint64_t kStage3aWaitPvStartFailed = 0x5e030000;  // | diag 308 rc
inline constexpr uint64_t kStage3bWaitKernelTooSmall = 0x5e3b0001;
inline constexpr uint64_t kStage3bWaitCmdlineTooLong = 0x5e3b0002;

// The assembled stubs, args zero.
absl::Span<const uint8_t> Stage3aBinary();
absl::Span<const uint8_t> Stage3bBinary();

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_BOOT_BOOT_STUBS_H_
