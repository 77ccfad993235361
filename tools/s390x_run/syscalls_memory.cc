// Memory system calls of LinuxSyscalls that need more than UserMemoryMap: mmap's argument block and
// file-backed mappings, mprotect.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/big_endian.h"
#include "tools/s390x_run/linux_syscalls.h"

namespace s390vmm::s390x_run {

namespace abi = linux_abi;

int64_t LinuxSyscalls::Mmap(uint64_t args_block) {
  // s390x old_mmap: struct mmap_arg_struct { addr, len, prot, flags, fd, offset } of longs.
  uint64_t f[6];
  for (int i = 0; i < 6; ++i) {
    if (!GetU64(args_block + 8 * i, &f[i])) return -EFAULT;
  }
  const uint64_t addr = f[0], len = f[1], prot = f[2], flags = f[3], offset = f[5];
  const int fd = static_cast<int>(static_cast<int32_t>(f[4]));
  if (offset & (kPageSize - 1)) return -EINVAL;
  const uint64_t type = flags & (abi::kMapShared | abi::kMapPrivate);
  if (type == 0 || type == (abi::kMapShared | abi::kMapPrivate)) return -EINVAL;
  const bool anonymous = flags & abi::kMapAnonymous;
  if (!anonymous) {
    // A file mapping is a copy of the file's bytes in anonymous memory. That is exact for private
    // mappings and for shared ones nobody writes; a writable shared file mapping cannot be emulated.
    if (IsReservedFd(fd)) return -EBADF;
    if (type == abi::kMapShared && (prot & abi::kProtWrite)) return -ENODEV;
    if (fcntl(fd, F_GETFD) < 0) return -EBADF;
  }
  const bool fixed = flags & (abi::kMapFixed | abi::kMapFixedNoreplace);
  const int64_t mapped = map_.Map(addr, len, fixed, flags & abi::kMapFixedNoreplace);
  if (mapped < 0 || anonymous) return mapped;
  // Fill from the file; bytes past its end stay zero (the SIGBUS area of a real mapping).
  absl::Span<uint8_t> span;
  if (!GuestSpan(static_cast<uint64_t>(mapped), len, &span)) return -EFAULT;
  uint64_t done = 0;
  while (done < len) {
    const ssize_t n = pread(fd, span.data() + done, len - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      map_.Unmap(static_cast<uint64_t>(mapped), len);
      return -err;
    }
    if (n == 0) break;
    done += static_cast<uint64_t>(n);
  }
  return mapped;
}

int64_t LinuxSyscalls::Mprotect(const Args& a) {
  // With DAT off there are no page protections to change: accept any range of the address space.
  if (a[0] & (kPageSize - 1)) return -EINVAL;
  if (a[2] & ~uint64_t{0x7 | 0x01000000 | 0x02000000}) return -EINVAL;  // PROT_READ|WRITE|EXEC|GROWSDOWN|GROWSUP
  return map_.InRegion(a[0], a[1]) ? 0 : -ENOMEM;
}

}  // namespace s390vmm::s390x_run
