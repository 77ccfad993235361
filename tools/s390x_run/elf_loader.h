// File: tools/s390x_run/elf_loader.h
//
// Parses and loads a static s390x Linux executable (ELFCLASS64, ELFDATA2MSB, EM_S390) into guest memory,
// as Linux's binfmt_elf does for a program without an interpreter: every PT_LOAD segment's file bytes are
// copied to p_vaddr and the rest of p_memsz is zero (the guest memory must be fresh, i.e. zero-filled).
//
// The file is untrusted: every header field is checked against the file size and, when loading, every
// segment against guest memory. A bad file is an absl::InvalidArgumentError whose message names the field
// ("PT_LOAD segment 2: p_offset 0x... + p_filesz 0x... is past the end of the file (0x... bytes)");
// a segment outside guest memory is an absl::OutOfRangeError. Dynamically linked programs (PT_INTERP)
// are refused; ET_EXEC is loaded at its addresses, a static-pie ET_DYN at kStaticPieBase.
//
//   ASSIGN_OR_RETURN(ElfImage image, ReadElfFile("/bin/busybox"));
//   ASSIGN_OR_RETURN(LoadedElf loaded, LoadElf(image, *memory));
//   cpu.state().psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, loaded.entry);
#ifndef S390VMM_TOOLS_S390X_RUN_ELF_LOADER_H_
#define S390VMM_TOOLS_S390X_RUN_ELF_LOADER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "memory/guest_memory.h"

namespace s390vmm::s390x_run {

// ELF constants (System V gABI and the s390x ELF ABI supplement), named as in <elf.h>.
namespace elf {
inline constexpr uint8_t kElfClass64 = 2;     // ELFCLASS64
inline constexpr uint8_t kElfData2Msb = 2;    // ELFDATA2MSB
inline constexpr uint8_t kEvCurrent = 1;      // EV_CURRENT
inline constexpr uint16_t kEtExec = 2;        // ET_EXEC
inline constexpr uint16_t kEtDyn = 3;         // ET_DYN
inline constexpr uint16_t kEmS390 = 22;       // EM_S390
inline constexpr uint32_t kPtLoad = 1;        // PT_LOAD
inline constexpr uint32_t kPtInterp = 3;      // PT_INTERP
inline constexpr uint32_t kPtPhdr = 6;        // PT_PHDR
inline constexpr uint32_t kPfX = 1;           // PF_X
inline constexpr uint32_t kPfW = 2;           // PF_W
inline constexpr uint32_t kPfR = 4;           // PF_R
inline constexpr uint64_t kEhdrSize = 64;     // sizeof(Elf64_Ehdr)
inline constexpr uint64_t kPhdrSize = 56;     // sizeof(Elf64_Phdr)
}  // namespace elf

// Where a static-pie (ET_DYN without PT_INTERP) is placed: ELF_ET_DYN_BASE-like, page aligned.
inline constexpr uint64_t kStaticPieBase = 0x2000000;

struct ElfSegment {
  uint64_t vaddr = 0;   // after the load bias
  uint64_t memsz = 0;
  uint64_t offset = 0;  // in the file
  uint64_t filesz = 0;
  uint32_t flags = 0;   // PF_R | PF_W | PF_X
};

// A parsed, checked executable. `file` holds the whole file; the other fields already include the bias.
struct ElfImage {
  std::vector<uint8_t> file;
  uint16_t type = 0;        // ET_EXEC or ET_DYN
  uint64_t load_bias = 0;   // 0 for ET_EXEC
  uint64_t entry = 0;
  uint64_t phoff = 0;
  uint16_t phnum = 0;
  std::vector<ElfSegment> segments;  // the PT_LOAD segments, in file order
  // Guest address of the program headers if a PT_LOAD segment maps them (PT_PHDR, or the segment whose
  // file range contains [e_phoff, e_phoff + e_phnum * 56)); nullopt if no segment does.
  std::optional<uint64_t> phdr_vaddr;

  // The raw program header table (e_phnum entries of 56 bytes), e.g. to copy it for AT_PHDR.
  absl::Span<const uint8_t> phdr_bytes() const {
    return absl::MakeConstSpan(file).subspan(phoff, uint64_t{phnum} * elf::kPhdrSize);
  }
  // Lowest segment start and highest segment end (vaddr + memsz).
  uint64_t lowest_address() const;
  uint64_t highest_address() const;
};

// Checks and parses an executable image held in memory. `name` is used in messages.
absl::StatusOr<ElfImage> ParseElf(std::vector<uint8_t> file, const std::string& name = "executable");
// Reads `path` and parses it. A missing or unreadable file is NotFound / PermissionDenied / Internal.
absl::StatusOr<ElfImage> ReadElfFile(const std::string& path);

struct LoadedElf {
  uint64_t entry = 0;
  std::optional<uint64_t> phdr_vaddr;
  uint16_t phnum = 0;
  // One past the highest byte of any segment: where the program break starts (page-aligned up by the
  // caller, as Linux does).
  uint64_t end = 0;
};

// Copies the segments into `memory`. Fails (OutOfRange, naming the segment) if a segment is not inside
// guest memory; on failure some segments may already be written.
absl::StatusOr<LoadedElf> LoadElf(const ElfImage& image, GuestMemory& memory);

// True if `header` (at least the first 20 bytes of a file) starts an ELFCLASS64 big-endian EM_S390 file:
// the quick check execve uses to decide whether a file is a program for this runner.
bool LooksLikeS390xElf(absl::Span<const uint8_t> header);

}  // namespace s390vmm::s390x_run

#endif  // S390VMM_TOOLS_S390X_RUN_ELF_LOADER_H_
