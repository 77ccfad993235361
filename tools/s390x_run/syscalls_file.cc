// File and descriptor system calls of LinuxSyscalls: host calls on host descriptors, with the structures
// converted to the s390x layouts (linux_abi.h).
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include "base/big_endian.h"
#include "tools/s390x_run/linux_syscalls.h"

namespace s390vmm::s390x_run {

namespace nr = linux_abi::nr;

namespace {

int64_t HostResult(long r) { return r < 0 ? -errno : r; }
int I32(uint64_t v) { return static_cast<int>(static_cast<int32_t>(v)); }

// Linux caps a single read/write at MAX_RW_COUNT (INT_MAX rounded down to a page).
constexpr uint64_t kMaxRwCount = INT_MAX & ~(uint64_t{4096} - 1);

}  // namespace

int64_t LinuxSyscalls::Read(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  absl::Span<uint8_t> buf;
  if (!GuestSpan(a[1], std::min(a[2], kMaxRwCount), &buf)) return -EFAULT;
  return HostResult(read(I32(a[0]), buf.data(), buf.size()));
}

int64_t LinuxSyscalls::Write(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  absl::Span<uint8_t> buf;
  if (!GuestSpan(a[1], std::min(a[2], kMaxRwCount), &buf)) return -EFAULT;
  return HostResult(write(I32(a[0]), buf.data(), buf.size()));
}

int64_t LinuxSyscalls::Pread(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  absl::Span<uint8_t> buf;
  if (!GuestSpan(a[1], std::min(a[2], kMaxRwCount), &buf)) return -EFAULT;
  return HostResult(pread(I32(a[0]), buf.data(), buf.size(), static_cast<off_t>(a[3])));
}

int64_t LinuxSyscalls::Pwrite(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  absl::Span<uint8_t> buf;
  if (!GuestSpan(a[1], std::min(a[2], kMaxRwCount), &buf)) return -EFAULT;
  return HostResult(pwrite(I32(a[0]), buf.data(), buf.size(), static_cast<off_t>(a[3])));
}

int64_t LinuxSyscalls::ReadvWritev(const Args& a, bool write, bool positioned) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  const uint64_t count = a[2];
  if (count > IOV_MAX) return -EINVAL;
  std::vector<struct iovec> iov(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t base, len;
    if (!GetU64(a[1] + 16 * i, &base) || !GetU64(a[1] + 16 * i + 8, &len)) return -EFAULT;
    if (len > kMaxRwCount) return -EINVAL;
    absl::Span<uint8_t> span;
    if (!GuestSpan(base, len, &span)) return -EFAULT;
    iov[i] = {span.data(), span.size()};
  }
  const int fd = I32(a[0]);
  const int n = static_cast<int>(count);
  if (positioned) {
    const off_t off = static_cast<off_t>(a[3]);  // s390x 64-bit: pos_l holds the whole offset
    return HostResult(write ? pwritev(fd, iov.data(), n, off) : preadv(fd, iov.data(), n, off));
  }
  return HostResult(write ? writev(fd, iov.data(), n) : readv(fd, iov.data(), n));
}

int64_t LinuxSyscalls::Openat(int dirfd, uint64_t path_addr, uint64_t flags, uint64_t mode) {
  if (IsReservedFd(dirfd)) return -EBADF;
  std::string path;
  if (int r = ReadPath(path_addr, &path); r < 0) return r;
  // The open flags are the generic ones on s390x and the host (asm-generic/fcntl.h).
  return HostResult(syscall(SYS_openat, dirfd, path.c_str(), static_cast<int>(flags), static_cast<mode_t>(mode)));
}

int64_t LinuxSyscalls::Close(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  return HostResult(close(I32(a[0])));
}

int64_t LinuxSyscalls::Lseek(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  return HostResult(lseek(I32(a[0]), static_cast<off_t>(a[1]), I32(a[2])));
}

int64_t LinuxSyscalls::Fstatat(int dirfd, uint64_t path_addr, uint64_t buf, uint64_t flags) {
  if (IsReservedFd(dirfd)) return -EBADF;
  std::string path;
  if (int r = ReadPath(path_addr, &path); r < 0) return r;
  struct stat st;
  if (fstatat(dirfd, path.c_str(), &st, static_cast<int>(flags)) != 0) return -errno;
  uint8_t out[linux_abi::kStatSize];
  linux_abi::EncodeStat(st, out);
  return Put(buf, out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::Fstat(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  struct stat st;
  if (fstat(I32(a[0]), &st) != 0) return -errno;
  uint8_t out[linux_abi::kStatSize];
  linux_abi::EncodeStat(st, out);
  return Put(a[1], out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::Statfs(const Args& a, bool by_fd) {
  struct statfs st;
  if (by_fd) {
    if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
    if (fstatfs(I32(a[0]), &st) != 0) return -errno;
  } else {
    std::string path;
    if (int r = ReadPath(a[0], &path); r < 0) return r;
    if (statfs(path.c_str(), &st) != 0) return -errno;
  }
  uint8_t out[linux_abi::kStatfsSize];
  linux_abi::EncodeStatfs(st, out);
  return Put(a[1], out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::Getdents64(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  const uint64_t count = std::min<uint64_t>(a[2], 1 << 20);
  absl::Span<uint8_t> out;
  if (!GuestSpan(a[1], count, &out)) return -EFAULT;
  // struct linux_dirent64 has the same layout everywhere; only d_ino, d_off and d_reclen change byte order.
  std::vector<uint8_t> buf(count);
  const long n = syscall(SYS_getdents64, I32(a[0]), buf.data(), buf.size());
  if (n < 0) return -errno;
  for (long off = 0; off < n;) {
    uint8_t* d = buf.data() + off;
    uint64_t ino, doff;
    uint16_t reclen;
    std::memcpy(&ino, d, 8);
    std::memcpy(&doff, d + 8, 8);
    std::memcpy(&reclen, d + 16, 2);
    StoreBigEndian<uint64_t>(d, ino);
    StoreBigEndian<uint64_t>(d + 8, doff);
    StoreBigEndian<uint16_t>(d + 16, reclen);
    if (reclen == 0) break;
    off += reclen;
  }
  std::memcpy(out.data(), buf.data(), static_cast<size_t>(n));
  return n;
}

int64_t LinuxSyscalls::Ioctl(const Args& a) {
  const int fd = I32(a[0]);
  if (IsReservedFd(fd)) return -EBADF;
  if (fcntl(fd, F_GETFD) < 0) return -errno;
  const uint64_t request = a[1] & 0xffffffff;
  const uint64_t arg = a[2];
  // Request numbers are the generic ones (asm-generic/ioctls.h) on s390x and the host.
  switch (request) {
    case TCGETS: {
      struct termios t;
      if (ioctl(fd, TCGETS, &t) != 0) return -errno;
      uint8_t out[linux_abi::kTermiosSize];
      linux_abi::EncodeTermios(t, out);
      return Put(arg, out, sizeof(out)) ? 0 : -EFAULT;
    }
    case TCSETS:
    case TCSETSW:
    case TCSETSF: {
      absl::Span<uint8_t> in;
      if (!GuestSpan(arg, linux_abi::kTermiosSize, &in)) return -EFAULT;
      struct termios t;
      linux_abi::DecodeTermios(in.data(), &t);
      return HostResult(ioctl(fd, request, &t));
    }
    case TIOCGWINSZ: {
      struct winsize ws;
      if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -errno;
      uint8_t out[linux_abi::kWinsizeSize];
      StoreBigEndian<uint16_t>(out, ws.ws_row);
      StoreBigEndian<uint16_t>(out + 2, ws.ws_col);
      StoreBigEndian<uint16_t>(out + 4, ws.ws_xpixel);
      StoreBigEndian<uint16_t>(out + 6, ws.ws_ypixel);
      return Put(arg, out, sizeof(out)) ? 0 : -EFAULT;
    }
    case TIOCSWINSZ: {
      absl::Span<uint8_t> in;
      if (!GuestSpan(arg, linux_abi::kWinsizeSize, &in)) return -EFAULT;
      struct winsize ws;
      ws.ws_row = LoadBigEndian<uint16_t>(in.data());
      ws.ws_col = LoadBigEndian<uint16_t>(in.data() + 2);
      ws.ws_xpixel = LoadBigEndian<uint16_t>(in.data() + 4);
      ws.ws_ypixel = LoadBigEndian<uint16_t>(in.data() + 6);
      return HostResult(ioctl(fd, TIOCSWINSZ, &ws));
    }
    case TIOCGPGRP:
    case TIOCGSID:
    case FIONREAD: {
      int v = 0;
      if (ioctl(fd, request, &v) != 0) return -errno;
      return PutU32(arg, static_cast<uint32_t>(v)) ? 0 : -EFAULT;
    }
    case TIOCSPGRP:
    case FIONBIO:
    case FIOASYNC: {
      uint32_t v;
      if (!GetU32(arg, &v)) return -EFAULT;
      int iv = static_cast<int>(v);
      return HostResult(ioctl(fd, request, &iv));
    }
    case FIOCLEX:
    case FIONCLEX:
    case TIOCNOTTY:
      return HostResult(ioctl(fd, request));
    case TIOCSCTTY:
    case TCFLSH:
    case TCXONC:
    case TCSBRK:
      return HostResult(ioctl(fd, request, I32(arg)));
    default:
      return -ENOTTY;
  }
}

int64_t LinuxSyscalls::Fcntl(const Args& a) {
  const int fd = I32(a[0]);
  if (IsReservedFd(fd)) return -EBADF;
  const int cmd = I32(a[1]);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETFL:
    case F_SETFL:
    case F_SETOWN:
    case F_GETOWN:
    case F_SETSIG:
    case F_GETSIG:
    case F_SETPIPE_SZ:
    case F_GETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
      return HostResult(fcntl(fd, cmd, I32(a[2])));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW: {
      // struct flock: short l_type, short l_whence, (pad), off_t l_start, off_t l_len, pid_t l_pid.
      absl::Span<uint8_t> in;
      if (!GuestSpan(a[2], linux_abi::kFlockSize, &in)) return -EFAULT;
      struct flock fl;
      std::memset(&fl, 0, sizeof(fl));
      fl.l_type = static_cast<short>(LoadBigEndian<uint16_t>(in.data()));
      fl.l_whence = static_cast<short>(LoadBigEndian<uint16_t>(in.data() + 2));
      fl.l_start = static_cast<off_t>(LoadBigEndian<uint64_t>(in.data() + 8));
      fl.l_len = static_cast<off_t>(LoadBigEndian<uint64_t>(in.data() + 16));
      fl.l_pid = static_cast<pid_t>(LoadBigEndian<uint32_t>(in.data() + 24));
      if (fcntl(fd, cmd, &fl) != 0) return -errno;
      if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        StoreBigEndian<uint16_t>(in.data(), static_cast<uint16_t>(fl.l_type));
        StoreBigEndian<uint16_t>(in.data() + 2, static_cast<uint16_t>(fl.l_whence));
        StoreBigEndian<uint64_t>(in.data() + 8, static_cast<uint64_t>(fl.l_start));
        StoreBigEndian<uint64_t>(in.data() + 16, static_cast<uint64_t>(fl.l_len));
        StoreBigEndian<uint32_t>(in.data() + 24, static_cast<uint32_t>(fl.l_pid));
      }
      return 0;
    }
    default:
      return -EINVAL;
  }
}

int64_t LinuxSyscalls::Dup(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0]))) return -EBADF;
  return HostResult(dup(I32(a[0])));
}

int64_t LinuxSyscalls::Dup3(int64_t oldfd, int64_t newfd, uint64_t flags, bool is_dup2) {
  if (IsReservedFd(oldfd) || IsReservedFd(newfd)) return -EBADF;
  if (is_dup2) return HostResult(dup2(static_cast<int>(oldfd), static_cast<int>(newfd)));
  return HostResult(dup3(static_cast<int>(oldfd), static_cast<int>(newfd), static_cast<int>(flags)));
}

int64_t LinuxSyscalls::Pipe2(uint64_t fds_addr, uint64_t flags) {
  absl::Span<uint8_t> out;
  if (!GuestSpan(fds_addr, 8, &out)) return -EFAULT;
  int fds[2];
  if (pipe2(fds, static_cast<int>(flags)) != 0) return -errno;
  StoreBigEndian<uint32_t>(out.data(), static_cast<uint32_t>(fds[0]));
  StoreBigEndian<uint32_t>(out.data() + 4, static_cast<uint32_t>(fds[1]));
  return 0;
}

int64_t LinuxSyscalls::Getcwd(const Args& a) {
  char buf[PATH_MAX];
  if (getcwd(buf, sizeof(buf)) == nullptr) return -errno;
  const uint64_t len = std::strlen(buf) + 1;
  if (len > a[1]) return -ERANGE;
  return Put(a[0], buf, len) ? static_cast<int64_t>(len) : -EFAULT;
}

int64_t LinuxSyscalls::Readlinkat(int dirfd, uint64_t path_addr, uint64_t buf, uint64_t size) {
  if (IsReservedFd(dirfd)) return -EBADF;
  if (static_cast<int64_t>(size) <= 0) return -EINVAL;
  std::string path;
  if (int r = ReadString(path_addr, &path); r < 0) return r;
  std::string target;
  if (path == "/proc/self/exe" && !options_.exe_path.empty()) {
    target = options_.exe_path;
  } else {
    std::vector<char> tmp(std::min<uint64_t>(size, 1 << 16));
    const ssize_t n = readlinkat(dirfd, path.c_str(), tmp.data(), tmp.size());
    if (n < 0) return -errno;
    target.assign(tmp.data(), static_cast<size_t>(n));
  }
  const uint64_t n = std::min<uint64_t>(target.size(), size);
  return Put(buf, target.data(), n) ? static_cast<int64_t>(n) : -EFAULT;
}

int64_t LinuxSyscalls::Sendfile(const Args& a) {
  if (IsReservedFd(static_cast<int64_t>(a[0])) || IsReservedFd(static_cast<int64_t>(a[1]))) return -EBADF;
  if (a[2] == 0) return HostResult(sendfile(I32(a[0]), I32(a[1]), nullptr, a[3]));
  uint64_t off;
  if (!GetU64(a[2], &off)) return -EFAULT;
  off_t host_off = static_cast<off_t>(off);
  const ssize_t n = sendfile(I32(a[0]), I32(a[1]), &host_off, a[3]);
  if (n < 0) return -errno;
  return PutU64(a[2], static_cast<uint64_t>(host_off)) ? n : -EFAULT;
}

int64_t LinuxSyscalls::Poll(const Args& a) {
  const uint64_t nfds = a[1];
  if (nfds > 65536) return -EINVAL;
  absl::Span<uint8_t> guest;
  if (!GuestSpan(a[0], nfds * linux_abi::kPollfdSize, &guest)) return -EFAULT;
  std::vector<struct pollfd> fds(nfds);
  for (uint64_t i = 0; i < nfds; ++i) {
    const uint8_t* p = guest.data() + 8 * i;
    fds[i].fd = static_cast<int>(LoadBigEndian<uint32_t>(p));
    if (IsReservedFd(fds[i].fd)) fds[i].fd = -1;
    fds[i].events = static_cast<short>(LoadBigEndian<uint16_t>(p + 4));
    fds[i].revents = 0;
  }
  const int n = poll(fds.data(), nfds, I32(a[2]));
  if (n < 0) return -errno;
  for (uint64_t i = 0; i < nfds; ++i) {
    StoreBigEndian<uint16_t>(guest.data() + 8 * i + 6, static_cast<uint16_t>(fds[i].revents));
  }
  return n;
}

int64_t LinuxSyscalls::Ppoll(const Args& a) {
  // ppoll(fds, nfds, timeout, sigmask, sigsetsize)
  const uint64_t nfds = a[1];
  if (nfds > 65536) return -EINVAL;
  absl::Span<uint8_t> guest;
  if (!GuestSpan(a[0], nfds * linux_abi::kPollfdSize, &guest)) return -EFAULT;
  struct timespec ts, *tsp = nullptr;
  if (a[2] != 0) {
    uint64_t sec, nsec;
    if (!GetU64(a[2], &sec) || !GetU64(a[2] + 8, &nsec)) return -EFAULT;
    ts = {static_cast<time_t>(sec), static_cast<long>(nsec)};
    tsp = &ts;
  }
  uint64_t mask = 0;
  if (a[3] != 0) {
    if (a[4] != linux_abi::kSigsetSize) return -EINVAL;
    if (!GetU64(a[3], &mask)) return -EFAULT;
  }
  std::vector<struct pollfd> fds(nfds);
  for (uint64_t i = 0; i < nfds; ++i) {
    const uint8_t* p = guest.data() + 8 * i;
    fds[i].fd = static_cast<int>(LoadBigEndian<uint32_t>(p));
    if (IsReservedFd(fds[i].fd)) fds[i].fd = -1;
    fds[i].events = static_cast<short>(LoadBigEndian<uint16_t>(p + 4));
    fds[i].revents = 0;
  }
  const long n = syscall(SYS_ppoll, fds.data(), nfds, tsp, a[3] ? &mask : nullptr, sizeof(mask));
  if (n < 0) return -errno;
  for (uint64_t i = 0; i < nfds; ++i) {
    StoreBigEndian<uint16_t>(guest.data() + 8 * i + 6, static_cast<uint16_t>(fds[i].revents));
  }
  if (tsp != nullptr) {
    uint8_t out[linux_abi::kTimespecSize];
    linux_abi::EncodeTimespec(ts.tv_sec, ts.tv_nsec, out);
    (void)Put(a[2], out, sizeof(out));  // the remaining time, as the kernel writes it back
  }
  return n;
}

int64_t LinuxSyscalls::Select(const Args& a, bool pselect) {
  // select(nfds, readfds, writefds, exceptfds, struct timeval*) or pselect6(..., struct timespec*,
  // { const sigset_t* ss; size_t ss_len }*). An fd_set is an array of longs, bit fd % 64 of word fd / 64:
  // the same bits on both sides, with the words in the guest's byte order.
  const int nfds = I32(a[0]);
  if (nfds < 0 || nfds > FD_SETSIZE) return -EINVAL;
  const uint64_t words = (static_cast<uint64_t>(nfds) + 63) / 64;
  fd_set sets[3];
  fd_set* host[3] = {nullptr, nullptr, nullptr};
  for (int k = 0; k < 3; ++k) {
    if (a[1 + k] == 0) continue;
    FD_ZERO(&sets[k]);
    for (uint64_t w = 0; w < words; ++w) {
      uint64_t v;
      if (!GetU64(a[1 + k] + 8 * w, &v)) return -EFAULT;
      for (int b = 0; b < 64; ++b) {
        const int fd = static_cast<int>(64 * w) + b;
        if (((v >> b) & 1) && fd < nfds) {
          if (IsReservedFd(fd)) return -EBADF;
          FD_SET(fd, &sets[k]);
        }
      }
    }
    host[k] = &sets[k];
  }
  long n;
  struct timespec ts;
  if (pselect) {
    struct timespec* tsp = nullptr;
    if (a[4] != 0) {
      uint64_t sec, nsec;
      if (!GetU64(a[4], &sec) || !GetU64(a[4] + 8, &nsec)) return -EFAULT;
      ts = {static_cast<time_t>(sec), static_cast<long>(nsec)};
      tsp = &ts;
    }
    uint64_t mask = 0;
    struct {
      const uint64_t* ss;
      size_t ss_len;
    } sigdata = {nullptr, sizeof(mask)};
    if (a[5] != 0) {
      uint64_t ptr, len;
      if (!GetU64(a[5], &ptr) || !GetU64(a[5] + 8, &len)) return -EFAULT;
      if (ptr != 0) {
        if (len != linux_abi::kSigsetSize) return -EINVAL;
        if (!GetU64(ptr, &mask)) return -EFAULT;
        sigdata.ss = &mask;
      }
    }
    n = syscall(SYS_pselect6, nfds, host[0], host[1], host[2], tsp, &sigdata);
  } else {
    struct timeval tv, *tvp = nullptr;
    if (a[4] != 0) {
      uint64_t sec, usec;
      if (!GetU64(a[4], &sec) || !GetU64(a[4] + 8, &usec)) return -EFAULT;
      tv = {static_cast<time_t>(sec), static_cast<suseconds_t>(usec)};
      tvp = &tv;
    }
    n = syscall(SYS_select, nfds, host[0], host[1], host[2], tvp);
    if (tvp != nullptr && n >= 0) {
      (void)PutU64(a[4], static_cast<uint64_t>(tv.tv_sec));
      (void)PutU64(a[4] + 8, static_cast<uint64_t>(tv.tv_usec));
    }
  }
  if (n < 0) return -errno;
  for (int k = 0; k < 3; ++k) {
    if (host[k] == nullptr) continue;
    for (uint64_t w = 0; w < words; ++w) {
      uint64_t v = 0;
      for (int b = 0; b < 64; ++b) {
        const int fd = static_cast<int>(64 * w) + b;
        if (fd < nfds && FD_ISSET(fd, host[k])) v |= uint64_t{1} << b;
      }
      if (!PutU64(a[1 + k] + 8 * w, v)) return -EFAULT;
    }
  }
  return n;
}

int64_t LinuxSyscalls::Utimensat(const Args& a) {
  const int dirfd = I32(a[0]);
  if (IsReservedFd(dirfd)) return -EBADF;
  std::string path;
  const char* path_ptr = nullptr;  // NULL path: futimens(dirfd)
  if (a[1] != 0) {
    if (int r = ReadPath(a[1], &path); r < 0) return r;
    path_ptr = path.c_str();
  }
  struct timespec ts[2];
  struct timespec* ts_ptr = nullptr;
  if (a[2] != 0) {
    absl::Span<uint8_t> in;
    if (!GuestSpan(a[2], 2 * linux_abi::kTimespecSize, &in)) return -EFAULT;
    for (int i = 0; i < 2; ++i) {
      ts[i].tv_sec = static_cast<time_t>(LoadBigEndian<uint64_t>(in.data() + 16 * i));
      ts[i].tv_nsec = static_cast<long>(LoadBigEndian<uint64_t>(in.data() + 16 * i + 8));
    }
    ts_ptr = ts;
  }
  return HostResult(syscall(SYS_utimensat, dirfd, path_ptr, ts_ptr, I32(a[3])));
}

int64_t LinuxSyscalls::PathCall(uint64_t number, const Args& a) {
  // Which argument is the path, and whether a directory fd comes first.
  const bool at = number == nr::kFaccessat || number == nr::kFaccessat2 || number == nr::kMkdirat ||
                  number == nr::kUnlinkat || number == nr::kFchmodat || number == nr::kFchownat ||
                  number == nr::kMknodat;
  const int dirfd = at ? I32(a[0]) : AT_FDCWD;
  if (IsReservedFd(dirfd)) return -EBADF;
  const uint64_t* rest = at ? &a[2] : &a[1];  // the arguments after the path
  std::string s;
  if (int r = ReadPath(at ? a[1] : a[0], &s); r < 0) return r;
  const char* p = s.c_str();
  switch (number) {
    case nr::kAccess:
    case nr::kFaccessat: return HostResult(syscall(SYS_faccessat, dirfd, p, I32(rest[0])));
    case nr::kFaccessat2: return HostResult(syscall(SYS_faccessat2, dirfd, p, I32(rest[0]), I32(rest[1])));
    case nr::kChdir: return HostResult(chdir(p));
    case nr::kChroot: return HostResult(chroot(p));
    case nr::kMkdir:
    case nr::kMkdirat: return HostResult(mkdirat(dirfd, p, static_cast<mode_t>(rest[0])));
    case nr::kRmdir: return HostResult(unlinkat(dirfd, p, AT_REMOVEDIR));
    case nr::kUnlink: return HostResult(unlinkat(dirfd, p, 0));
    case nr::kUnlinkat: return HostResult(unlinkat(dirfd, p, I32(rest[0])));
    case nr::kChmod:
    case nr::kFchmodat: return HostResult(syscall(SYS_fchmodat, dirfd, p, static_cast<mode_t>(rest[0])));
    case nr::kChown: return HostResult(fchownat(dirfd, p, static_cast<uid_t>(rest[0]), static_cast<gid_t>(rest[1]), 0));
    case nr::kLchown:
      return HostResult(fchownat(dirfd, p, static_cast<uid_t>(rest[0]), static_cast<gid_t>(rest[1]),
                                 AT_SYMLINK_NOFOLLOW));
    case nr::kFchownat:
      return HostResult(fchownat(dirfd, p, static_cast<uid_t>(rest[0]), static_cast<gid_t>(rest[1]), I32(rest[2])));
    case nr::kTruncate: return HostResult(truncate(p, static_cast<off_t>(rest[0])));
    case nr::kMknod:
    case nr::kMknodat:
      return HostResult(syscall(SYS_mknodat, dirfd, p, static_cast<mode_t>(rest[0]), static_cast<unsigned>(rest[1])));
    default: return -ENOSYS;
  }
}

int64_t LinuxSyscalls::TwoPathCall(uint64_t number, const Args& a) {
  std::string from, to;
  int olddir = AT_FDCWD, newdir = AT_FDCWD;
  int r = 0;
  switch (number) {
    case nr::kRename:
    case nr::kLink:
      if ((r = ReadPath(a[0], &from)) < 0 || (r = ReadPath(a[1], &to)) < 0) return r;
      break;
    case nr::kSymlink:  // the target is stored as text, never translated
      if ((r = ReadString(a[0], &from)) < 0 || (r = ReadPath(a[1], &to)) < 0) return r;
      break;
    case nr::kSymlinkat:
      newdir = I32(a[1]);
      if ((r = ReadString(a[0], &from)) < 0 || (r = ReadPath(a[2], &to)) < 0) return r;
      break;
    default:  // renameat, renameat2, linkat: (olddirfd, old, newdirfd, new, flags)
      olddir = I32(a[0]);
      newdir = I32(a[2]);
      if ((r = ReadPath(a[1], &from)) < 0 || (r = ReadPath(a[3], &to)) < 0) return r;
      break;
  }
  if (IsReservedFd(olddir) || IsReservedFd(newdir)) return -EBADF;
  switch (number) {
    case nr::kRename:
    case nr::kRenameat: return HostResult(renameat(olddir, from.c_str(), newdir, to.c_str()));
    case nr::kRenameat2:
      return HostResult(syscall(SYS_renameat2, olddir, from.c_str(), newdir, to.c_str(), I32(a[4])));
    case nr::kLink: return HostResult(linkat(olddir, from.c_str(), newdir, to.c_str(), 0));
    case nr::kLinkat: return HostResult(linkat(olddir, from.c_str(), newdir, to.c_str(), I32(a[4])));
    case nr::kSymlink:
    case nr::kSymlinkat: return HostResult(symlinkat(from.c_str(), newdir, to.c_str()));
    default: return -ENOSYS;
  }
}

}  // namespace s390vmm::s390x_run
