// File: tools/s390x_run/initial_stack.h
//
// The process entry state Linux gives a new s390x program (fs/binfmt_elf.c create_elf_tables() and
// arch/s390 start_thread()): strings at the top of the stack (the file name for AT_EXECFN, then the
// environment and argument strings), the AT_PLATFORM string and the 16 AT_RANDOM bytes below them, and at
// the 16-byte-aligned stack pointer
//
//   sp -> argc | argv[0..argc-1] | NULL | envp[0..] | NULL | auxv (type, value) pairs ... AT_NULL
//
// all 8-byte big-endian words. r15 = sp; glibc's _start reads argc at 0(%r15) and builds its own 160-byte
// register save area below it. r14 = 0 (ELF_PLAT_INIT: no rtld_fini), other registers 0.
//
// Also the AT_HWCAP bits Linux derives from the facility list (arch/s390/kernel/processor.c, setup_hwcaps)
// and the AT_PLATFORM name it derives from the machine type (setup_elf_platform).
#ifndef S390VMM_TOOLS_S390X_RUN_INITIAL_STACK_H_
#define S390VMM_TOOLS_S390X_RUN_INITIAL_STACK_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "absl/functional/function_ref.h"
#include "memory/guest_memory.h"

namespace s390vmm::s390x_run {

// Auxiliary vector types (include/uapi/linux/auxvec.h), as Linux names them.
namespace auxv {
inline constexpr uint64_t kAtNull = 0;
inline constexpr uint64_t kAtPhdr = 3;
inline constexpr uint64_t kAtPhent = 4;
inline constexpr uint64_t kAtPhnum = 5;
inline constexpr uint64_t kAtPagesz = 6;
inline constexpr uint64_t kAtBase = 7;
inline constexpr uint64_t kAtFlags = 8;
inline constexpr uint64_t kAtEntry = 9;
inline constexpr uint64_t kAtUid = 11;
inline constexpr uint64_t kAtEuid = 12;
inline constexpr uint64_t kAtGid = 13;
inline constexpr uint64_t kAtEgid = 14;
inline constexpr uint64_t kAtPlatform = 15;
inline constexpr uint64_t kAtHwcap = 16;
inline constexpr uint64_t kAtClktck = 17;
inline constexpr uint64_t kAtSecure = 23;
inline constexpr uint64_t kAtRandom = 25;
inline constexpr uint64_t kAtExecfn = 31;
}  // namespace auxv

// s390 AT_HWCAP bits (arch/s390/include/asm/elf.h, HWCAP_S390_*).
namespace hwcap {
inline constexpr uint64_t kEsan3 = 1 << 0;
inline constexpr uint64_t kZarch = 1 << 1;
inline constexpr uint64_t kStfle = 1 << 2;
inline constexpr uint64_t kMsa = 1 << 3;
inline constexpr uint64_t kLdisp = 1 << 4;
inline constexpr uint64_t kEimm = 1 << 5;
inline constexpr uint64_t kDfp = 1 << 6;
inline constexpr uint64_t kHpage = 1 << 7;
inline constexpr uint64_t kEtf3eh = 1 << 8;
inline constexpr uint64_t kHighGprs = 1 << 9;
inline constexpr uint64_t kTe = 1 << 10;
inline constexpr uint64_t kVxrs = 1 << 11;
inline constexpr uint64_t kVxrsBcd = 1 << 12;
inline constexpr uint64_t kVxrsExt = 1 << 13;
inline constexpr uint64_t kGs = 1 << 14;
inline constexpr uint64_t kVxrsExt2 = 1 << 15;
inline constexpr uint64_t kVxrsPde = 1 << 16;
inline constexpr uint64_t kSort = 1 << 17;
inline constexpr uint64_t kDflt = 1 << 18;
}  // namespace hwcap

// AT_HWCAP as Linux computes it from the facility list; `has_facility(bit)` answers for STFLE bit numbers
// (e.g. [&](int bit) { return model.HasBit(bit); }).
uint64_t HwcapForFacilities(absl::FunctionRef<bool(int)> has_facility);
// AT_PLATFORM for a machine type (CPU id bits 32-47): "z10", "z196", "z15", ...; "z900" if unknown.
std::string PlatformForMachineType(uint16_t machine_type);

struct InitialStackSpec {
  std::vector<std::string> argv;
  std::vector<std::string> envp;
  std::string execfn;      // AT_EXECFN string (the path the program was started by)
  std::string platform;    // AT_PLATFORM string
  std::array<uint8_t, 16> random{};  // AT_RANDOM bytes
  // Entries before AT_NULL, in order (AT_PLATFORM, AT_RANDOM and AT_EXECFN are appended by the builder
  // with the addresses of their data).
  std::vector<std::pair<uint64_t, uint64_t>> auxv;
};

struct InitialStack {
  uint64_t sp = 0;         // argc is here; the value for r15
  uint64_t argv = 0;       // address of argv[0]
  uint64_t envp = 0;
  uint64_t auxv = 0;
  uint64_t random = 0;     // AT_RANDOM
};

// Writes the initial stack below `stack_top` (exclusive) in `memory`, using no more than `max_size` bytes.
// Fails with ResourceExhausted ("argument list too long") if it does not fit, or with the memory error.
absl::StatusOr<InitialStack> BuildInitialStack(GuestMemory& memory, uint64_t stack_top, uint64_t max_size,
                                               const InitialStackSpec& spec);

}  // namespace s390vmm::s390x_run

#endif  // S390VMM_TOOLS_S390X_RUN_INITIAL_STACK_H_
