// Process, signal, time and identity system calls of LinuxSyscalls.
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/big_endian.h"
#include "tools/s390x_run/elf_loader.h"
#include "tools/s390x_run/linux_syscalls.h"

namespace s390vmm::s390x_run {

namespace abi = linux_abi;

namespace {

int64_t HostResult(long r) { return r < 0 ? -errno : r; }
int I32(uint64_t v) { return static_cast<int>(static_cast<int32_t>(v)); }

// The first bytes of a file (for the ELF / #! check), or -errno.
int ReadHeader(const std::string& path, std::vector<uint8_t>* out) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -errno;
  out->resize(256);
  const ssize_t n = read(fd, out->data(), out->size());
  const int err = errno;
  close(fd);
  if (n < 0) return -err;
  out->resize(static_cast<size_t>(n));
  return 0;
}

// -errno if `path` cannot be executed (missing, not a regular file, no execute permission), else 0.
int CheckExecutable(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return -errno;
  if (!S_ISREG(st.st_mode)) return -EACCES;
  if (access(path.c_str(), X_OK) != 0) return -errno;
  return 0;
}

}  // namespace

// --- Processes -----------------------------------------------------------------------------------------

int64_t LinuxSyscalls::Clone(uint64_t flags, uint64_t newsp, uint64_t parent_tid, uint64_t child_tid) {
  // One host process per guest process: fork semantics. vfork (CLONE_VM | CLONE_VFORK) becomes a fork,
  // which a program cannot tell apart unless it writes to memory before exec; threads are not supported.
  if ((flags & abi::kCloneThread) || ((flags & abi::kCloneVm) && !(flags & abi::kCloneVfork))) return -ENOSYS;
  const pid_t pid = fork();
  if (pid < 0) return -errno;
  if (pid == 0) {
    ForgetPendingSignals();
    if (newsp != 0 && state_ != nullptr) state_->gr[15] = newsp;
    if (flags & abi::kCloneChildSettid) (void)PutU32(child_tid, static_cast<uint32_t>(getpid()));
    if (flags & abi::kCloneChildCleartid) clear_child_tid_ = child_tid;
    return 0;
  }
  if (flags & abi::kCloneParentSettid) (void)PutU32(parent_tid, static_cast<uint32_t>(pid));
  return pid;
}

int64_t LinuxSyscalls::Execve(const Args& a) {
  std::string path;
  if (int r = ReadPath(a[0], &path); r < 0) return r;
  std::vector<std::string> argv, envp;
  if (int r = ReadStringArray(a[1], &argv); r < 0) return r;
  if (int r = ReadStringArray(a[2], &envp); r < 0) return r;
  if (path.empty()) return -ENOENT;
  if (int r = CheckExecutable(path); r < 0) return r;
  std::vector<uint8_t> header;
  if (int r = ReadHeader(path, &header); r < 0) return r;

  // What the new runner runs: the program itself, or the s390x interpreter of a "#!" script
  // (fs/binfmt_script.c: "#!interpreter [one optional argument]").
  std::string program = path;
  std::vector<std::string> args(argv.empty() ? std::vector<std::string>{path} : argv);
  if (!LooksLikeS390xElf(header)) {
    if (header.size() < 2 || header[0] != '#' || header[1] != '!') return -ENOEXEC;
    std::string line(header.begin() + 2, header.end());
    const size_t nl = line.find('\n');
    if (nl == std::string::npos && header.size() == 256) return -ENOEXEC;  // line too long
    line = std::string(absl::StripAsciiWhitespace(line.substr(0, nl)));
    const size_t space = line.find_first_of(" \t");
    std::string interp = line.substr(0, space);
    std::string interp_arg =
        space == std::string::npos ? "" : std::string(absl::StripAsciiWhitespace(line.substr(space)));
    if (interp.empty()) return -ENOEXEC;
    if (int r = CheckExecutable(interp); r < 0) return r;
    std::vector<uint8_t> interp_header;
    if (int r = ReadHeader(interp, &interp_header); r < 0) return r;
    // A host interpreter (an x86-64 /bin/sh) is not a program for this machine.
    if (!LooksLikeS390xElf(interp_header)) return -ENOEXEC;
    std::vector<std::string> new_args = {interp};
    if (!interp_arg.empty()) new_args.push_back(interp_arg);
    new_args.push_back(path);
    new_args.insert(new_args.end(), args.begin() + 1, args.end());
    args = std::move(new_args);
    program = interp;
  }
  if (options_.reexec_argv.empty()) return -ENOSYS;

  std::vector<std::string> host_args = options_.reexec_argv;
  host_args.push_back("--argv0");
  host_args.push_back(args[0]);
  host_args.push_back("--");
  host_args.push_back(program);
  host_args.insert(host_args.end(), args.begin() + 1, args.end());
  std::vector<char*> host_argv, host_envp;
  for (std::string& s : host_args) host_argv.push_back(s.data());
  host_argv.push_back(nullptr);
  for (std::string& s : envp) host_envp.push_back(s.data());
  host_envp.push_back(nullptr);
  if (options_.before_exec) options_.before_exec();
  execve(host_argv[0], host_argv.data(), host_envp.data());
  return -errno;
}

int64_t LinuxSyscalls::Wait4(const Args& a) {
  int status = 0;
  struct rusage ru;
  std::memset(&ru, 0, sizeof(ru));
  const pid_t pid = wait4(static_cast<pid_t>(a[0]), &status, I32(a[2]), a[3] ? &ru : nullptr);
  if (pid < 0) return -errno;
  // Wait statuses are encoded the same way on every Linux architecture.
  if (a[1] != 0 && pid > 0 && !PutU32(a[1], static_cast<uint32_t>(status))) return -EFAULT;
  if (a[3] != 0) {
    uint8_t out[abi::kRusageSize];
    abi::EncodeRusage(ru, out);
    if (!Put(a[3], out, sizeof(out))) return -EFAULT;
  }
  return pid;
}

int64_t LinuxSyscalls::Waitid(const Args& a) {
  siginfo_t si;
  std::memset(&si, 0, sizeof(si));
  struct rusage ru;
  std::memset(&ru, 0, sizeof(ru));
  const long r = syscall(SYS_waitid, I32(a[0]), I32(a[1]), &si, I32(a[3]), a[4] ? &ru : nullptr);
  if (r < 0) return -errno;
  if (a[2] != 0) {
    // Generic siginfo: si_signo, si_errno, si_code, (pad), then for SIGCHLD pid, uid, status, utime, stime.
    uint8_t out[abi::kSiginfoSize] = {};
    StoreBigEndian<uint32_t>(out, static_cast<uint32_t>(si.si_signo));
    StoreBigEndian<uint32_t>(out + 4, static_cast<uint32_t>(si.si_errno));
    StoreBigEndian<uint32_t>(out + 8, static_cast<uint32_t>(si.si_code));
    StoreBigEndian<uint32_t>(out + 16, static_cast<uint32_t>(si.si_pid));
    StoreBigEndian<uint32_t>(out + 20, static_cast<uint32_t>(si.si_uid));
    StoreBigEndian<uint32_t>(out + 24, static_cast<uint32_t>(si.si_status));
    StoreBigEndian<uint64_t>(out + 32, static_cast<uint64_t>(si.si_utime));
    StoreBigEndian<uint64_t>(out + 40, static_cast<uint64_t>(si.si_stime));
    if (!Put(a[2], out, sizeof(out))) return -EFAULT;
  }
  if (a[4] != 0) {
    uint8_t out[abi::kRusageSize];
    abi::EncodeRusage(ru, out);
    if (!Put(a[4], out, sizeof(out))) return -EFAULT;
  }
  return 0;
}

// --- Time and system information ------------------------------------------------------------------------

int64_t LinuxSyscalls::Uname(const Args& a) {
  struct utsname u;
  if (uname(&u) != 0) return -errno;
  std::memset(u.machine, 0, sizeof(u.machine));
  std::strncpy(u.machine, "s390x", sizeof(u.machine) - 1);
  uint8_t out[abi::kUtsnameSize] = {};
  const char* fields[] = {u.sysname, u.nodename, u.release, u.version, u.machine, u.domainname};
  for (int i = 0; i < 6; ++i) std::strncpy(reinterpret_cast<char*>(out) + 65 * i, fields[i], 64);
  return Put(a[0], out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::ClockGettime(const Args& a, bool resolution) {
  struct timespec ts;
  const long r = resolution ? clock_getres(I32(a[0]), &ts) : clock_gettime(I32(a[0]), &ts);
  if (r != 0) return -errno;
  if (a[1] == 0) return 0;
  uint8_t out[abi::kTimespecSize];
  abi::EncodeTimespec(ts.tv_sec, ts.tv_nsec, out);
  return Put(a[1], out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::Gettimeofday(const Args& a) {
  struct timeval tv;
  struct timezone tz;
  if (gettimeofday(&tv, &tz) != 0) return -errno;
  if (a[0] != 0) {
    uint8_t out[abi::kTimevalSize];
    abi::EncodeTimespec(tv.tv_sec, tv.tv_usec, out);
    if (!Put(a[0], out, sizeof(out))) return -EFAULT;
  }
  if (a[1] != 0) {
    uint8_t out[8];
    StoreBigEndian<uint32_t>(out, static_cast<uint32_t>(tz.tz_minuteswest));
    StoreBigEndian<uint32_t>(out + 4, static_cast<uint32_t>(tz.tz_dsttime));
    if (!Put(a[1], out, sizeof(out))) return -EFAULT;
  }
  return 0;
}

int64_t LinuxSyscalls::Nanosleep(const Args& a, bool clock) {
  // nanosleep(req, rem) or clock_nanosleep(clock, flags, req, rem).
  const uint64_t req_addr = clock ? a[2] : a[0];
  const uint64_t rem_addr = clock ? a[3] : a[1];
  absl::Span<uint8_t> in;
  if (!GuestSpan(req_addr, abi::kTimespecSize, &in)) return -EFAULT;
  struct timespec req, rem = {0, 0};
  req.tv_sec = static_cast<time_t>(LoadBigEndian<uint64_t>(in.data()));
  req.tv_nsec = static_cast<long>(LoadBigEndian<uint64_t>(in.data() + 8));
  int r;
  if (clock) {
    r = clock_nanosleep(I32(a[0]), I32(a[1]), &req, &rem);  // returns the error number
    if (r != 0) errno = r, r = -1;
  } else {
    r = nanosleep(&req, &rem);
  }
  if (r != 0) {
    const int err = errno;
    if (err == EINTR && rem_addr != 0) {
      uint8_t out[abi::kTimespecSize];
      abi::EncodeTimespec(rem.tv_sec, rem.tv_nsec, out);
      if (!Put(rem_addr, out, sizeof(out))) return -EFAULT;
    }
    return -err;
  }
  return 0;
}

int64_t LinuxSyscalls::Times(const Args& a) {
  struct tms t;
  const clock_t r = times(&t);
  if (r == static_cast<clock_t>(-1)) return -errno;
  if (a[0] != 0) {
    uint8_t out[32];
    StoreBigEndian<uint64_t>(out, static_cast<uint64_t>(t.tms_utime));
    StoreBigEndian<uint64_t>(out + 8, static_cast<uint64_t>(t.tms_stime));
    StoreBigEndian<uint64_t>(out + 16, static_cast<uint64_t>(t.tms_cutime));
    StoreBigEndian<uint64_t>(out + 24, static_cast<uint64_t>(t.tms_cstime));
    if (!Put(a[0], out, sizeof(out))) return -EFAULT;
  }
  return r;
}

int64_t LinuxSyscalls::Getrusage(const Args& a) {
  struct rusage ru;
  if (getrusage(I32(a[0]), &ru) != 0) return -errno;
  uint8_t out[abi::kRusageSize];
  abi::EncodeRusage(ru, out);
  return Put(a[1], out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::Sysinfo(const Args& a) {
  struct sysinfo si;
  if (sysinfo(&si) != 0) return -errno;
  uint8_t out[abi::kSysinfoSize];
  abi::EncodeSysinfo(si, out);
  return Put(a[0], out, sizeof(out)) ? 0 : -EFAULT;
}

int64_t LinuxSyscalls::Prlimit(int64_t pid, uint64_t resource, uint64_t new_limit, uint64_t old_limit) {
  if (resource >= shadow_limits_.size()) return -EINVAL;
  // Limits on memory would constrain the runner (its guest memory reservation), not the guest: they are
  // recorded and reported back, never applied.
  const bool memory_limit = resource == RLIMIT_AS || resource == RLIMIT_DATA || resource == RLIMIT_STACK ||
                            resource == RLIMIT_RSS || resource == RLIMIT_MEMLOCK;
  const bool self = pid == 0 || pid == getpid();
  struct rlimit64 nl, ol;
  if (new_limit != 0) {
    uint64_t cur, max;
    if (!GetU64(new_limit, &cur) || !GetU64(new_limit + 8, &max)) return -EFAULT;
    if (cur > max) return -EINVAL;
    nl.rlim_cur = cur;
    nl.rlim_max = max;
  }
  if (memory_limit && self) {
    if (prlimit64(0, static_cast<__rlimit_resource>(resource), nullptr, &ol) != 0) return -errno;
    if (shadow_limit_set_[resource]) {
      ol.rlim_cur = shadow_limits_[resource][0];
      ol.rlim_max = shadow_limits_[resource][1];
    }
    if (new_limit != 0) {
      shadow_limits_[resource] = {nl.rlim_cur, nl.rlim_max};
      shadow_limit_set_[resource] = true;
    }
  } else if (prlimit64(static_cast<pid_t>(pid), static_cast<__rlimit_resource>(resource),
                       new_limit ? &nl : nullptr, &ol) != 0) {
    return -errno;
  }
  if (old_limit != 0 && (!PutU64(old_limit, ol.rlim_cur) || !PutU64(old_limit + 8, ol.rlim_max))) return -EFAULT;
  return 0;
}

// --- Identity ------------------------------------------------------------------------------------------

int64_t LinuxSyscalls::Getgroups(const Args& a) {
  const int size = I32(a[0]);
  if (size < 0) return -EINVAL;
  std::vector<gid_t> groups(static_cast<size_t>(size));
  const int n = getgroups(size, groups.data());
  if (n < 0) return -errno;
  for (int i = 0; i < n && size > 0; ++i) {
    if (!PutU32(a[1] + 4 * static_cast<uint64_t>(i), groups[i])) return -EFAULT;
  }
  return n;
}

int64_t LinuxSyscalls::Getres(const Args& a, bool uid) {
  unsigned r[3];
  const int rc = uid ? getresuid(&r[0], &r[1], &r[2]) : getresgid(&r[0], &r[1], &r[2]);
  if (rc != 0) return -errno;
  for (int i = 0; i < 3; ++i) {
    if (!PutU32(a[i], r[i])) return -EFAULT;
  }
  return 0;
}

// --- Miscellaneous ---------------------------------------------------------------------------------------

int64_t LinuxSyscalls::Getrandom(const Args& a) {
  absl::Span<uint8_t> buf;
  if (!GuestSpan(a[0], a[1], &buf)) return -EFAULT;
  return HostResult(getrandom(buf.data(), buf.size(), static_cast<unsigned>(a[2])));
}

int64_t LinuxSyscalls::Prctl(const Args& a) {
  switch (I32(a[0])) {
    case PR_SET_NAME: {
      std::string name;
      int r = ReadString(a[1], &name, 4096);
      if (r < 0) return r;
      return HostResult(prctl(PR_SET_NAME, name.substr(0, 15).c_str(), 0, 0, 0));
    }
    case PR_GET_NAME: {
      char name[16] = {};
      if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0) return -errno;
      return Put(a[1], name, sizeof(name)) ? 0 : -EFAULT;
    }
    case PR_SET_PDEATHSIG:
    case PR_SET_DUMPABLE:
    case PR_GET_DUMPABLE:
      return HostResult(prctl(I32(a[0]), a[1], 0, 0, 0));
    default:
      return -EINVAL;
  }
}

int64_t LinuxSyscalls::Futex(const Args& a) {
  // One thread per process: nobody can wake a waiter, and a wake finds nobody.
  constexpr int kFutexWait = 0, kFutexWake = 1, kFutexWaitBitset = 9, kFutexWakeBitset = 10;
  const int cmd = I32(a[1]) & 0x7f;  // without FUTEX_PRIVATE_FLAG / FUTEX_CLOCK_REALTIME
  if (cmd == kFutexWake || cmd == kFutexWakeBitset) return 0;
  if (cmd == kFutexWait || cmd == kFutexWaitBitset) {
    uint32_t v;
    if (!GetU32(a[0], &v)) return -EFAULT;
    if (v != static_cast<uint32_t>(a[2])) return -EAGAIN;
    return a[3] != 0 ? -ETIMEDOUT : -EDEADLK;
  }
  return -ENOSYS;
}

}  // namespace s390vmm::s390x_run
