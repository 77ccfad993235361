#include "tools/s390x_run/elf_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "base/status_macros.h"

namespace s390vmm::s390x_run {
namespace {

// Big-endian field readers over a range already checked to be inside the file.
uint16_t U16(const std::vector<uint8_t>& f, uint64_t off) { return LoadBigEndian<uint16_t>(f.data() + off); }
uint32_t U32(const std::vector<uint8_t>& f, uint64_t off) { return LoadBigEndian<uint32_t>(f.data() + off); }
uint64_t U64(const std::vector<uint8_t>& f, uint64_t off) { return LoadBigEndian<uint64_t>(f.data() + off); }

// True if [off, off + len) lies inside a file of `size` bytes (no wraparound).
bool InFile(uint64_t off, uint64_t len, uint64_t size) { return off <= size && len <= size - off; }

absl::Status Bad(const std::string& name, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrFormat("%s: %s", name, what));
}

}  // namespace

uint64_t ElfImage::lowest_address() const {
  uint64_t low = std::numeric_limits<uint64_t>::max();
  for (const ElfSegment& s : segments) low = std::min(low, s.vaddr);
  return low;
}

uint64_t ElfImage::highest_address() const {
  uint64_t high = 0;
  for (const ElfSegment& s : segments) high = std::max(high, s.vaddr + s.memsz);
  return high;
}

bool LooksLikeS390xElf(absl::Span<const uint8_t> h) {
  return h.size() >= 20 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F' && h[4] == elf::kElfClass64 &&
         h[5] == elf::kElfData2Msb && LoadBigEndian<uint16_t>(h.data() + 18) == elf::kEmS390;
}

absl::StatusOr<ElfImage> ParseElf(std::vector<uint8_t> file, const std::string& name) {
  const uint64_t size = file.size();
  if (size < 4 || std::memcmp(file.data(), "\x7f" "ELF", 4) != 0) {
    return Bad(name, "not an ELF file (bad e_ident magic)");
  }
  if (size < elf::kEhdrSize) {
    return Bad(name, absl::StrFormat("file too short for an ELF header (%d bytes, need 64)", size));
  }
  if (file[4] != elf::kElfClass64) {
    return Bad(name, absl::StrFormat("e_ident[EI_CLASS] is %d, need ELFCLASS64 (2): 31-bit s390 programs are "
                                     "not supported", file[4]));
  }
  if (file[5] != elf::kElfData2Msb) {
    return Bad(name, absl::StrFormat("e_ident[EI_DATA] is %d, need ELFDATA2MSB (2, big-endian)", file[5]));
  }
  if (file[6] != elf::kEvCurrent) return Bad(name, absl::StrFormat("e_ident[EI_VERSION] is %d, need 1", file[6]));
  ElfImage image;
  image.type = U16(file, 16);
  const uint16_t machine = U16(file, 18);
  if (machine != elf::kEmS390) {
    return Bad(name, absl::StrFormat("e_machine is %d, need EM_S390 (22): not an s390x program", machine));
  }
  if (image.type != elf::kEtExec && image.type != elf::kEtDyn) {
    return Bad(name, absl::StrFormat("e_type is %d, need ET_EXEC (2) or a static-pie ET_DYN (3)", image.type));
  }
  const uint16_t phentsize = U16(file, 54);
  image.phoff = U64(file, 32);
  image.phnum = U16(file, 56);
  if (phentsize != elf::kPhdrSize) {
    return Bad(name, absl::StrFormat("e_phentsize is %d, need 56", phentsize));
  }
  if (image.phnum == 0 || image.phnum == 0xffff) {
    return Bad(name, absl::StrFormat("e_phnum is %d: no usable program headers", image.phnum));
  }
  const uint64_t ph_bytes = uint64_t{image.phnum} * elf::kPhdrSize;
  if (!InFile(image.phoff, ph_bytes, size)) {
    return Bad(name, absl::StrFormat("e_phoff 0x%x + %d program headers is past the end of the file "
                                     "(0x%x bytes)", image.phoff, image.phnum, size));
  }
  image.load_bias = image.type == elf::kEtDyn ? kStaticPieBase : 0;

  std::optional<uint64_t> pt_phdr;
  for (uint16_t i = 0; i < image.phnum; ++i) {
    const uint64_t ph = image.phoff + uint64_t{i} * elf::kPhdrSize;
    const uint32_t type = U32(file, ph);
    if (type == elf::kPtInterp) {
      const uint64_t off = U64(file, ph + 8), len = U64(file, ph + 32);
      std::string interp = InFile(off, len, size) && len > 0
                               ? std::string(reinterpret_cast<const char*>(file.data() + off), len - 1)
                               : std::string("?");
      return Bad(name, absl::StrFormat("dynamically linked (PT_INTERP %s): s390x-run runs static executables "
                                       "only", interp));
    }
    if (type == elf::kPtPhdr) pt_phdr = U64(file, ph + 16) + image.load_bias;
    if (type != elf::kPtLoad) continue;
    ElfSegment s;
    s.flags = U32(file, ph + 4);
    s.offset = U64(file, ph + 8);
    const uint64_t vaddr = U64(file, ph + 16);
    s.filesz = U64(file, ph + 32);
    s.memsz = U64(file, ph + 40);
    const std::string seg = absl::StrFormat("PT_LOAD segment %d (program header %d)", image.segments.size(), i);
    if (s.filesz > s.memsz) {
      return Bad(name, absl::StrFormat("%s: p_filesz 0x%x is larger than p_memsz 0x%x", seg, s.filesz, s.memsz));
    }
    if (!InFile(s.offset, s.filesz, size)) {
      return Bad(name, absl::StrFormat("%s: p_offset 0x%x + p_filesz 0x%x is past the end of the file (0x%x "
                                       "bytes)", seg, s.offset, s.filesz, size));
    }
    if (vaddr + image.load_bias < vaddr || s.memsz > std::numeric_limits<uint64_t>::max() - vaddr - image.load_bias) {
      return Bad(name, absl::StrFormat("%s: p_vaddr 0x%x + p_memsz 0x%x wraps past 2^64", seg, vaddr, s.memsz));
    }
    s.vaddr = vaddr + image.load_bias;
    image.segments.push_back(s);
  }
  if (image.segments.empty()) return Bad(name, "no PT_LOAD segment");

  image.entry = U64(file, 24) + image.load_bias;
  bool entry_ok = false;
  for (const ElfSegment& s : image.segments) {
    if (image.entry >= s.vaddr && image.entry - s.vaddr < s.memsz) entry_ok = true;
  }
  if (!entry_ok) {
    return Bad(name, absl::StrFormat("e_entry 0x%x is outside every PT_LOAD segment", image.entry - image.load_bias));
  }
  if (image.entry & 1) return Bad(name, absl::StrFormat("e_entry 0x%x is odd", image.entry - image.load_bias));

  if (pt_phdr) {
    image.phdr_vaddr = pt_phdr;
  } else {
    for (const ElfSegment& s : image.segments) {
      if (image.phoff >= s.offset && image.phoff - s.offset <= s.filesz &&
          ph_bytes <= s.filesz - (image.phoff - s.offset)) {
        image.phdr_vaddr = s.vaddr + (image.phoff - s.offset);
        break;
      }
    }
  }
  image.file = std::move(file);
  return image;
}

absl::StatusOr<ElfImage> ReadElfFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    const std::string msg = absl::StrFormat("cannot open %s: %s", path, std::strerror(err));
    if (err == ENOENT || err == ENOTDIR) return absl::NotFoundError(msg);
    if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(msg);
    return absl::InternalError(msg);
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return absl::InvalidArgumentError(absl::StrFormat("%s is not a regular file", path));
  }
  std::vector<uint8_t> data(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = read(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      close(fd);
      return absl::InternalError(absl::StrFormat("cannot read %s: %s", path, std::strerror(err)));
    }
    done += static_cast<size_t>(n);
  }
  close(fd);
  return ParseElf(std::move(data), path);
}

absl::StatusOr<LoadedElf> LoadElf(const ElfImage& image, GuestMemory& memory) {
  for (size_t i = 0; i < image.segments.size(); ++i) {
    const ElfSegment& s = image.segments[i];
    if (!memory.Contains(GuestAddress(s.vaddr), s.memsz)) {
      uint64_t lo = memory.regions().front().base.value();
      return absl::OutOfRangeError(absl::StrFormat(
          "PT_LOAD segment %d [0x%x, 0x%x) lies outside guest memory [0x%x, 0x%x)", i, s.vaddr, s.vaddr + s.memsz,
          lo, memory.end().value()));
    }
    RETURN_IF_ERROR(memory.Write(GuestAddress(s.vaddr), absl::MakeConstSpan(image.file).subspan(s.offset, s.filesz)));
    // The bytes after p_filesz are zero. Fresh guest memory already is; clear only the rest of the last file
    // page, which an overlapping earlier segment may have written (binfmt_elf's padzero()).
    const uint64_t bss = s.vaddr + s.filesz;
    const uint64_t bss_end = s.vaddr + s.memsz;
    const uint64_t page_end = std::min(bss_end, (bss + kPageSize - 1) & ~(kPageSize - 1));
    if (page_end > bss) RETURN_IF_ERROR(memory.Fill(GuestAddress(bss), page_end - bss, 0));
  }
  LoadedElf out;
  out.entry = image.entry;
  out.phdr_vaddr = image.phdr_vaddr;
  out.phnum = image.phnum;
  out.end = image.highest_address();
  return out;
}

}  // namespace s390vmm::s390x_run
