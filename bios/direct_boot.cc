#include "bios/direct_boot.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "base/status_macros.h"

namespace s390vmm {
namespace {

constexpr uint64_t kInitrdDefaultStart = 0x800000;
constexpr uint64_t kMiB = 1 << 20;
// ELF constants (System V ABI; s390x supplement).
constexpr uint8_t kElfClass64 = 2;
constexpr uint8_t kElfDataBigEndian = 2;
constexpr uint16_t kEmS390 = 22;
constexpr uint32_t kPtLoad = 1;
constexpr size_t kElfHeaderSize = 64;
constexpr size_t kProgramHeaderSize = 56;

bool IsElf(absl::Span<const uint8_t> b) { return b.size() >= 4 && std::memcmp(b.data(), "\x7f" "ELF", 4) == 0; }

// Names a file that is clearly not an s390x kernel, for the error message.
std::string GuessWrongKind(absl::Span<const uint8_t> b) {
  if (b.size() >= 0x206 && std::memcmp(b.data() + 0x202, "HdrS", 4) == 0) return "an x86 Linux bzImage";
  if (b.size() >= 2 && b[0] == 0x1f && b[1] == 0x8b) return "a gzip file";
  if (b.size() >= 6 && std::memcmp(b.data(), "\xfd" "7zXZ", 5) == 0) return "an XZ file";
  if (b.size() >= 6 && (std::memcmp(b.data(), "070701", 6) == 0)) return "a cpio archive";
  if (b.size() >= 8 && std::memcmp(b.data(), "IBMSecEx", 8) == 0) return "a Secure Execution header";
  return "";
}

struct Loaded {
  uint64_t entry = 0;
  uint64_t end = 0;
};

absl::StatusOr<Loaded> LoadElf(GuestMemory& memory, absl::Span<const uint8_t> b, absl::string_view name) {
  if (b.size() < kElfHeaderSize) return absl::InvalidArgumentError(absl::StrFormat("%s: truncated ELF header", name));
  if (b[4] != kElfClass64 || b[5] != kElfDataBigEndian) {
    return absl::InvalidArgumentError(absl::StrFormat("%s: not a 64-bit big-endian ELF (class %d, data %d)", name, b[4], b[5]));
  }
  const uint16_t machine = LoadBigEndian<uint16_t>(b.data() + 18);
  if (machine != kEmS390) {
    return absl::InvalidArgumentError(absl::StrFormat("%s: ELF for machine %d, not s390x (%d)", name, machine, kEmS390));
  }
  const uint64_t entry = LoadBigEndian<uint64_t>(b.data() + 24);
  const uint64_t phoff = LoadBigEndian<uint64_t>(b.data() + 32);
  const uint16_t phentsize = LoadBigEndian<uint16_t>(b.data() + 54);
  const uint16_t phnum = LoadBigEndian<uint16_t>(b.data() + 56);
  if (phentsize != kProgramHeaderSize || phoff > b.size() || phnum > (b.size() - phoff) / kProgramHeaderSize) {
    return absl::InvalidArgumentError(absl::StrFormat("%s: program headers (offset %d, %d x %d bytes) outside the file",
                                                      name, phoff, phnum, phentsize));
  }
  Loaded out;
  out.entry = entry;
  bool any = false;
  for (uint16_t i = 0; i < phnum; ++i) {
    const uint8_t* ph = b.data() + phoff + i * kProgramHeaderSize;
    if (LoadBigEndian<uint32_t>(ph) != kPtLoad) continue;
    const uint64_t offset = LoadBigEndian<uint64_t>(ph + 8);
    const uint64_t paddr = LoadBigEndian<uint64_t>(ph + 24);
    const uint64_t filesz = LoadBigEndian<uint64_t>(ph + 32);
    const uint64_t memsz = LoadBigEndian<uint64_t>(ph + 40);
    if (filesz > memsz || offset > b.size() || filesz > b.size() - offset) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: segment %d (file offset %d, %d bytes, %d in memory) is truncated or inconsistent", name, i, offset,
          filesz, memsz));
    }
    if (!memory.Contains(GuestAddress(paddr), memsz)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: segment %d at 0x%x (+0x%x) does not fit in guest memory (%d MiB)", name, i, paddr, memsz,
          memory.total_size() >> 20));
    }
    RETURN_IF_ERROR(memory.Write(GuestAddress(paddr), b.subspan(offset, filesz)));
    RETURN_IF_ERROR(memory.Fill(GuestAddress(paddr + filesz), memsz - filesz, 0));
    out.end = std::max(out.end, paddr + memsz);
    any = true;
  }
  if (!any) return absl::InvalidArgumentError(absl::StrFormat("%s: ELF has no loadable segment", name));
  return out;
}

}  // namespace

absl::StatusOr<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrFormat("cannot open %s: %s", path, std::strerror(errno)));
  std::ostringstream data;
  data << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrFormat("cannot read %s", path));
  return data.str();
}

absl::StatusOr<DirectBootResult> LoadDirectBoot(GuestMemory& memory, absl::Span<const uint8_t> kernel,
                                                absl::Span<const uint8_t> initrd, absl::string_view cmdline,
                                                absl::string_view kernel_name, absl::string_view initrd_name) {
  if (kernel.empty()) return absl::InvalidArgumentError(absl::StrFormat("%s is empty", kernel_name));
  if (std::string kind = GuessWrongKind(kernel); !kind.empty()) {
    return absl::InvalidArgumentError(absl::StrFormat("%s is %s, not an s390x kernel image", kernel_name, kind));
  }
  Loaded loaded;
  if (IsElf(kernel)) {
    ASSIGN_OR_RETURN(loaded, LoadElf(memory, kernel, kernel_name));
  } else {
    // A raw image: its IPL PSW (ESA/390 short format, bit 12 set) at 0, and for Linux "S390EP".
    const bool s390ep = kernel.size() >= parmarea::kSignature + 6 &&
                        std::memcmp(kernel.data() + parmarea::kSignature, "S390EP", 6) == 0;
    const bool short_psw = kernel.size() >= 8 && (LoadBigEndian<uint32_t>(kernel.data()) & 0x00080000);
    if (!s390ep && !short_psw) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s is not an s390x kernel: neither an ELF file, nor a raw image with an IPL PSW at 0 or \"S390EP\" at "
          "0x10008", kernel_name));
    }
    if (kernel.size() > memory.total_size() || !memory.Contains(GuestAddress(0), kernel.size())) {
      return absl::InvalidArgumentError(absl::StrFormat("%s (%d bytes) does not fit in guest memory (%d MiB)",
                                                        kernel_name, kernel.size(), memory.total_size() >> 20));
    }
    RETURN_IF_ERROR(memory.Write(GuestAddress(0), kernel));
    loaded.end = kernel.size();
    loaded.entry = s390ep ? parmarea::kEntry : (LoadBigEndian<uint32_t>(kernel.data() + 4) & 0x7fffffff);
  }
  // An ELF Linux image also carries "S390EP" once loaded.
  uint8_t sig[6] = {};
  if (memory.Read(GuestAddress(parmarea::kSignature), absl::MakeSpan(sig)).ok() &&
      std::memcmp(sig, "S390EP", 6) == 0) {
    loaded.entry = parmarea::kEntry;
  }

  DirectBootResult result;
  result.psw = Psw(Psw::kEa | Psw::kBa, loaded.entry);
  result.kernel_end = loaded.end;

  if (!cmdline.empty()) {
    uint64_t max = memory.Load<uint64_t>(GuestAddress(parmarea::kMaxCommandLineSize)).value_or(0);
    if (max == 0) max = parmarea::kLegacyCommandLineSize;
    if (cmdline.size() + 1 > max) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "the kernel command line is %d bytes; %s accepts at most %d (including the terminating NUL)",
          cmdline.size(), kernel_name, max));
    }
    std::string with_nul(cmdline);
    with_nul.push_back('\0');
    RETURN_IF_ERROR(memory.Write(GuestAddress(parmarea::kCommandLine),
                                 absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(with_nul.data()), with_nul.size())));
  }

  if (!initrd.empty()) {
    uint64_t start = kInitrdDefaultStart;
    while (start < loaded.end + kMiB) start += kMiB;
    if (!memory.Contains(GuestAddress(start), initrd.size())) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s (%d bytes at 0x%x) does not fit in guest memory (%d MiB)", initrd_name, initrd.size(), start,
          memory.total_size() >> 20));
    }
    RETURN_IF_ERROR(memory.Write(GuestAddress(start), initrd));
    RETURN_IF_ERROR(memory.Store<uint64_t>(GuestAddress(parmarea::kInitrdStart), start));
    RETURN_IF_ERROR(memory.Store<uint64_t>(GuestAddress(parmarea::kInitrdSize), initrd.size()));
    result.initrd_start = start;
    result.initrd_size = initrd.size();
  }
  return result;
}

absl::StatusOr<DirectBootResult> LoadDirectBootFiles(GuestMemory& memory, const std::string& kernel_path,
                                                     const std::string& initrd_path, absl::string_view cmdline) {
  ASSIGN_OR_RETURN(std::string kernel, ReadFileBytes(kernel_path));
  std::string initrd;
  if (!initrd_path.empty()) {
    ASSIGN_OR_RETURN(initrd, ReadFileBytes(initrd_path));
    if (initrd.empty()) return absl::InvalidArgumentError(absl::StrFormat("initrd %s is empty", initrd_path));
  }
  auto bytes = [](const std::string& s) {
    return absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  return LoadDirectBoot(memory, bytes(kernel), bytes(initrd), cmdline, "kernel " + kernel_path,
                        "initrd " + initrd_path);
}

}  // namespace s390vmm
