// File: bios/direct_boot.h
//
// Direct kernel boot as QEMU's s390-ccw-virtio machine does it (hw/s390x/ipl.c; see
// docs/facts/bootmap-ipl.md): the kernel (an s390x ELF, or a raw image such as Debian's vmlinuz) is
// loaded at absolute 0; "S390EP" at 0x10008 marks a Linux image whose entry is 0x10000, otherwise the
// entry comes from the short IPL PSW at 0. The command line goes to the parameter area at 0x10480
// (bounded by the kernel's maximum at 0x10430, or 896 bytes), the initrd to 8 MiB or the first 1 MiB
// boundary at least 1 MiB past the kernel, with its start and size at 0x10408 / 0x10410.
//
// Kernel and initrd files are untrusted input: empty, truncated, oversized or non-s390x files are
// rejected with a message that names the file and what is wrong, before guest memory is touched.
#ifndef S390VMM_BIOS_DIRECT_BOOT_H_
#define S390VMM_BIOS_DIRECT_BOOT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cpu/psw.h"
#include "memory/guest_memory.h"

namespace s390vmm {

// Linux parameter area (arch/s390/include/asm/setup.h).
namespace parmarea {
inline constexpr uint64_t kEntry = 0x10000;
inline constexpr uint64_t kSignature = 0x10008;  // "S390EP"
inline constexpr uint64_t kInitrdStart = 0x10408;
inline constexpr uint64_t kInitrdSize = 0x10410;
inline constexpr uint64_t kMaxCommandLineSize = 0x10430;
inline constexpr uint64_t kCommandLine = 0x10480;
inline constexpr uint64_t kLegacyCommandLineSize = 896;
}  // namespace parmarea

struct DirectBootResult {
  Psw psw;                   // the IPL PSW: 64-bit mode, DAT off, everything masked
  uint64_t kernel_end = 0;   // one past the highest byte loaded
  uint64_t initrd_start = 0;
  uint64_t initrd_size = 0;
};

// Loads `kernel` (ELF or raw), `initrd` (may be empty) and `cmdline` into `memory`.
absl::StatusOr<DirectBootResult> LoadDirectBoot(GuestMemory& memory, absl::Span<const uint8_t> kernel,
                                                absl::Span<const uint8_t> initrd, absl::string_view cmdline,
                                                absl::string_view kernel_name = "kernel",
                                                absl::string_view initrd_name = "initrd");

// The same, reading the files (an empty initrd path means none).
absl::StatusOr<DirectBootResult> LoadDirectBootFiles(GuestMemory& memory, const std::string& kernel_path,
                                                     const std::string& initrd_path, absl::string_view cmdline);

// Reads a whole file; errors name the path.
absl::StatusOr<std::string> ReadFileBytes(const std::string& path);

}  // namespace s390vmm

#endif  // S390VMM_BIOS_DIRECT_BOOT_H_
