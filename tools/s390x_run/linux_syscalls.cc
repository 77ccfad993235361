// The dispatcher, the guest-memory helpers and --strace. The calls themselves live in syscalls_file.cc,
// syscalls_process.cc and syscalls_memory.cc.
#include "tools/s390x_run/linux_syscalls.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "tools/s390x_run/syscall_table.h"

namespace s390vmm::s390x_run {

namespace nr = linux_abi::nr;

LinuxSyscalls::LinuxSyscalls(GuestMemory& memory, UserMemoryMap& memory_map, Options options)
    : memory_(memory), map_(memory_map), options_(std::move(options)) {
  InitSignalActions();
}

// --- Guest memory helpers ----------------------------------------------------------------------------

bool LinuxSyscalls::GuestSpan(uint64_t addr, uint64_t len, absl::Span<uint8_t>* out) {
  if (len == 0) {
    *out = absl::Span<uint8_t>();
    return true;
  }
  auto span = memory_.HostSpan(GuestAddress(addr), len);
  if (!span.ok()) return false;
  *out = *span;
  return true;
}

int LinuxSyscalls::ReadString(uint64_t addr, std::string* out, size_t max) {
  out->clear();
  // Page by page: the string may end just before an unbacked page.
  while (true) {
    const uint64_t chunk = kPageSize - (addr & (kPageSize - 1));
    absl::Span<uint8_t> page;
    if (!GuestSpan(addr, chunk, &page)) return -EFAULT;
    const void* nul = std::memchr(page.data(), 0, chunk);
    const size_t n = nul ? static_cast<const uint8_t*>(nul) - page.data() : chunk;
    if (out->size() + n >= max) return -ENAMETOOLONG;
    out->append(reinterpret_cast<const char*>(page.data()), n);
    if (nul) return 0;
    addr += chunk;
  }
}

int LinuxSyscalls::ReadPath(uint64_t addr, std::string* out) {
  if (int r = ReadString(addr, out); r < 0) return r;
  if (*out == "/proc/self/exe" && !options_.exe_path.empty()) *out = options_.exe_path;
  return 0;
}

int LinuxSyscalls::ReadStringArray(uint64_t addr, std::vector<std::string>* out) {
  out->clear();
  if (addr == 0) return 0;  // Linux accepts a NULL argv/envp as empty
  size_t total = 0;
  for (uint64_t p = addr;; p += 8) {
    uint64_t ptr;
    if (!GetU64(p, &ptr)) return -EFAULT;
    if (ptr == 0) return 0;
    std::string s;
    if (int r = ReadString(ptr, &s, 128 * 1024); r < 0) return r == -ENAMETOOLONG ? -E2BIG : r;
    total += s.size() + 1 + 8;
    if (total > 2 * 1024 * 1024) return -E2BIG;
    out->push_back(std::move(s));
  }
}

bool LinuxSyscalls::Put(uint64_t addr, const void* data, uint64_t len) {
  absl::Span<uint8_t> span;
  if (!GuestSpan(addr, len, &span)) return false;
  if (len) std::memcpy(span.data(), data, len);
  return true;
}

bool LinuxSyscalls::PutU32(uint64_t addr, uint32_t v) {
  uint8_t b[4];
  StoreBigEndian<uint32_t>(b, v);
  return Put(addr, b, 4);
}

bool LinuxSyscalls::PutU64(uint64_t addr, uint64_t v) {
  uint8_t b[8];
  StoreBigEndian<uint64_t>(b, v);
  return Put(addr, b, 8);
}

bool LinuxSyscalls::GetU32(uint64_t addr, uint32_t* v) {
  auto r = memory_.Load<uint32_t>(GuestAddress(addr));
  if (!r.ok()) return false;
  *v = *r;
  return true;
}

bool LinuxSyscalls::GetU64(uint64_t addr, uint64_t* v) {
  auto r = memory_.Load<uint64_t>(GuestAddress(addr));
  if (!r.ok()) return false;
  *v = *r;
  return true;
}

// --- Dispatch ----------------------------------------------------------------------------------------

SyscallOutcome LinuxSyscalls::Handle(CpuState& state, uint64_t number, uint8_t svc_length) {
  const Args args = {state.gr[2], state.gr[3], state.gr[4], state.gr[5], state.gr[6], state.gr[7]};
  SyscallOutcome outcome;
  std::string call;
  if (options_.strace) call = FormatCall(number, args);
  if (options_.strace && (number == nr::kExecve || number == nr::kExit || number == nr::kExitGroup)) {
    // These do not return on success: print the call now.
    Trace(call, 0, ~uint64_t{0});
  }
  state_ = &state;
  const int64_t result = Call(number, args, &outcome);
  state_ = nullptr;
  if (result != kRegistersRestored) state.gr[2] = static_cast<uint64_t>(result);
  if (options_.strace && !outcome.exit) Trace(call, result, number);
  if (outcome.exit) return outcome;
  if (sigreturn_failed_) {
    sigreturn_failed_ = false;
    outcome.kill_signal = SIGSEGV;
    return outcome;
  }
  // A call a guest handler interrupted is restarted after the handler if the handler has SA_RESTART
  // (Linux: -ERESTARTSYS), except the calls Linux never restarts this way.
  if (result == -EINTR && RestartableAfterSignal(number)) {
    restart_ = Restart{args[0], svc_length};
  }
  if (!DeliverPendingSignal(state)) outcome.kill_signal = SIGSEGV;
  restart_.reset();
  suspend_mask_.reset();
  suspend_saved_mask_.reset();
  return outcome;
}

bool LinuxSyscalls::RestartableAfterSignal(uint64_t number) {
  switch (number) {
    case nr::kPause:
    case nr::kRtSigsuspend:
    case nr::kPoll:
    case nr::kPpoll:
    case nr::kSelect:
    case nr::kPselect6:
    case nr::kNanosleep:
    case nr::kClockNanosleep:
      return false;
    default:
      return true;
  }
}

namespace {

// Plain pass-through of a call whose arguments are all integers.
int64_t HostResult(long r) { return r < 0 ? -errno : r; }

}  // namespace

int64_t LinuxSyscalls::Call(uint64_t number, const Args& a, SyscallOutcome* outcome) {
  const auto i32 = [](uint64_t v) { return static_cast<int>(static_cast<int32_t>(v)); };
  switch (number) {
    // Process lifetime.
    case nr::kExit:
    case nr::kExitGroup:
      outcome->exit = true;
      outcome->exit_status = static_cast<int>(a[0] & 0xff);
      return 0;
    case nr::kFork:
    case nr::kVfork:
      return Clone(SIGCHLD, 0, 0, 0);
    case nr::kClone:  // s390: clone(newsp, flags, parent_tidptr, child_tidptr, tls)
      return Clone(a[1], a[0], a[2], a[3]);
    case nr::kExecve: return Execve(a);
    case nr::kWait4: return Wait4(a);
    case nr::kWaitid: return Waitid(a);

    // Files.
    case nr::kRead: return Read(a);
    case nr::kWrite: return Write(a);
    case nr::kPread64: return Pread(a);
    case nr::kPwrite64: return Pwrite(a);
    case nr::kReadv: return ReadvWritev(a, /*write=*/false, /*positioned=*/false);
    case nr::kWritev: return ReadvWritev(a, /*write=*/true, /*positioned=*/false);
    case nr::kPreadv: return ReadvWritev(a, /*write=*/false, /*positioned=*/true);
    case nr::kPwritev: return ReadvWritev(a, /*write=*/true, /*positioned=*/true);
    case nr::kOpen: return Openat(AT_FDCWD, a[0], a[1], a[2]);
    case nr::kCreat: return Openat(AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, a[1]);
    case nr::kOpenat: return Openat(i32(a[0]), a[1], a[2], a[3]);
    case nr::kClose: return Close(a);
    case nr::kLseek: return Lseek(a);
    case nr::kStat: return Fstatat(AT_FDCWD, a[0], a[1], 0);
    case nr::kLstat: return Fstatat(AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW);
    case nr::kNewfstatat: return Fstatat(i32(a[0]), a[1], a[2], a[3]);
    case nr::kFstat: return Fstat(a);
    case nr::kStatfs: return Statfs(a, /*by_fd=*/false);
    case nr::kFstatfs: return Statfs(a, /*by_fd=*/true);
    case nr::kStatfs64:  // (path, size, buf): the same layout as statfs on s390x
    case nr::kFstatfs64:
      if (a[1] != linux_abi::kStatfsSize) return -EINVAL;
      return Statfs({a[0], a[2]}, number == nr::kFstatfs64);
    case nr::kGetdents64: return Getdents64(a);
    case nr::kIoctl: return Ioctl(a);
    case nr::kFcntl: return Fcntl(a);
    case nr::kDup: return Dup(a);
    case nr::kDup2: return Dup3(static_cast<int64_t>(a[0]), static_cast<int64_t>(a[1]), 0, /*dup2=*/true);
    case nr::kDup3: return Dup3(static_cast<int64_t>(a[0]), static_cast<int64_t>(a[1]), a[2], /*dup2=*/false);
    case nr::kPipe: return Pipe2(a[0], 0);
    case nr::kPipe2: return Pipe2(a[0], a[1]);
    case nr::kGetcwd: return Getcwd(a);
    case nr::kReadlink: return Readlinkat(AT_FDCWD, a[0], a[1], a[2]);
    case nr::kReadlinkat: return Readlinkat(i32(a[0]), a[1], a[2], a[3]);
    case nr::kSendfile: return Sendfile(a);
    case nr::kPoll: return Poll(a);
    case nr::kPpoll: return Ppoll(a);
    case nr::kSelect: return Select(a, /*pselect=*/false);
    case nr::kPselect6: return Select(a, /*pselect=*/true);
    case nr::kUtimensat: return Utimensat(a);
    case nr::kAccess:
    case nr::kFaccessat:
    case nr::kFaccessat2:
    case nr::kChdir:
    case nr::kMkdir:
    case nr::kMkdirat:
    case nr::kRmdir:
    case nr::kUnlink:
    case nr::kUnlinkat:
    case nr::kChmod:
    case nr::kFchmodat:
    case nr::kChown:
    case nr::kLchown:
    case nr::kFchownat:
    case nr::kTruncate:
    case nr::kMknod:
    case nr::kMknodat:
    case nr::kChroot:
      return PathCall(number, a);
    case nr::kRename:
    case nr::kRenameat:
    case nr::kRenameat2:
    case nr::kLink:
    case nr::kLinkat:
    case nr::kSymlink:
    case nr::kSymlinkat:
      return TwoPathCall(number, a);
    case nr::kFchdir: return HostResult(fchdir(i32(a[0])));
    case nr::kFchmod: return HostResult(fchmod(i32(a[0]), static_cast<mode_t>(a[1])));
    case nr::kFchown: return HostResult(fchown(i32(a[0]), static_cast<uid_t>(a[1]), static_cast<gid_t>(a[2])));
    case nr::kFtruncate: return HostResult(ftruncate(i32(a[0]), static_cast<off_t>(a[1])));
    case nr::kFsync: return HostResult(fsync(i32(a[0])));
    case nr::kFdatasync: return HostResult(fdatasync(i32(a[0])));
    case nr::kSync: sync(); return 0;
    case nr::kSyncfs: return HostResult(syncfs(i32(a[0])));
    case nr::kFlock: return HostResult(flock(i32(a[0]), i32(a[1])));
    case nr::kFadvise64: return 0;
    case nr::kFallocate:
      return HostResult(fallocate(i32(a[0]), i32(a[1]), static_cast<off_t>(a[2]), static_cast<off_t>(a[3])));
    case nr::kUmask: return umask(static_cast<mode_t>(a[0] & 0777));
    case nr::kMemfdCreate: {
      std::string name;
      if (int r = ReadString(a[0], &name, 250); r < 0) return r;
      return HostResult(memfd_create(name.c_str(), static_cast<unsigned>(a[1])));
    }

    // Memory.
    case nr::kBrk: return static_cast<int64_t>(map_.Brk(a[0]));
    case nr::kMmap: return Mmap(a[0]);
    case nr::kMunmap: return map_.Unmap(a[0], a[1]);
    case nr::kMprotect: return Mprotect(a);
    case nr::kMremap:
      return map_.Remap(a[0], a[1], a[2], a[3] & linux_abi::kMremapMaymove, a[3] & linux_abi::kMremapFixed, a[4]);
    case nr::kMadvise:
    case nr::kMsync:
    case nr::kMlock:
    case nr::kMunlock:
      return (a[0] & (kPageSize - 1)) ? -EINVAL : (map_.InRegion(a[0], a[1]) ? 0 : -ENOMEM);
    case nr::kMlockall:
    case nr::kMunlockall:
      return 0;

    // Signals.
    case nr::kRtSigaction: return RtSigaction(a);
    case nr::kRtSigprocmask: return RtSigprocmask(a);
    case nr::kSigaltstack: return Sigaltstack(a);
    case nr::kRtSigsuspend: return RtSigsuspend(a);
    case nr::kSigreturn: return Sigreturn(/*rt=*/false);
    case nr::kRtSigreturn: return Sigreturn(/*rt=*/true);
    case nr::kKill: return HostResult(kill(static_cast<pid_t>(a[0]), i32(a[1])));
    case nr::kTkill: return HostResult(syscall(SYS_tkill, i32(a[0]), i32(a[1])));
    case nr::kTgkill: return HostResult(syscall(SYS_tgkill, i32(a[0]), i32(a[1]), i32(a[2])));
    case nr::kAlarm: return alarm(static_cast<unsigned>(a[0]));
    case nr::kPause: return Pause();

    // Identity and process groups.
    case nr::kGetpid: return getpid();
    case nr::kGetppid: return getppid();
    case nr::kGettid: return gettid();
    case nr::kGetuid: return getuid();
    case nr::kGeteuid: return geteuid();
    case nr::kGetgid: return getgid();
    case nr::kGetegid: return getegid();
    case nr::kGetresuid: return Getres(a, /*uid=*/true);
    case nr::kGetresgid: return Getres(a, /*uid=*/false);
    case nr::kGetgroups: return Getgroups(a);
    case nr::kSetuid: return HostResult(syscall(SYS_setuid, a[0]));
    case nr::kSetgid: return HostResult(syscall(SYS_setgid, a[0]));
    case nr::kSetreuid: return HostResult(syscall(SYS_setreuid, a[0], a[1]));
    case nr::kSetregid: return HostResult(syscall(SYS_setregid, a[0], a[1]));
    case nr::kSetresuid: return HostResult(syscall(SYS_setresuid, a[0], a[1], a[2]));
    case nr::kSetresgid: return HostResult(syscall(SYS_setresgid, a[0], a[1], a[2]));
    case nr::kGetpgrp: return getpgrp();
    case nr::kGetpgid: return HostResult(getpgid(static_cast<pid_t>(a[0])));
    case nr::kSetpgid: return HostResult(setpgid(static_cast<pid_t>(a[0]), static_cast<pid_t>(a[1])));
    case nr::kGetsid: return HostResult(getsid(static_cast<pid_t>(a[0])));
    case nr::kSetsid: return HostResult(setsid());
    case nr::kGetpriority: return HostResult(syscall(SYS_getpriority, i32(a[0]), i32(a[1])));
    case nr::kSetpriority: return HostResult(syscall(SYS_setpriority, i32(a[0]), i32(a[1]), i32(a[2])));
    case nr::kPersonality: return 0;  // PER_LINUX

    // Time, system information, limits.
    case nr::kUname: return Uname(a);
    case nr::kClockGettime: return ClockGettime(a, /*resolution=*/false);
    case nr::kClockGetres: return ClockGettime(a, /*resolution=*/true);
    case nr::kGettimeofday: return Gettimeofday(a);
    case nr::kNanosleep: return Nanosleep(a, /*clock=*/false);
    case nr::kClockNanosleep: return Nanosleep(a, /*clock=*/true);
    case nr::kTimes: return Times(a);
    case nr::kGetrusage: return Getrusage(a);
    case nr::kSysinfo: return Sysinfo(a);
    case nr::kGetrlimit: return Prlimit(0, a[0], 0, a[1]);
    case nr::kSetrlimit: return Prlimit(0, a[0], a[1], 0);
    case nr::kPrlimit64: return Prlimit(static_cast<int64_t>(a[0]), a[1], a[2], a[3]);
    case nr::kGetrandom: return Getrandom(a);
    case nr::kPrctl: return Prctl(a);
    case nr::kSchedYield: return 0;

    // Threads: this runner has one thread per process.
    case nr::kSetTidAddress:
      clear_child_tid_ = a[0];
      return gettid();
    case nr::kFutex: return Futex(a);

    default:
      // Includes set_robust_list, rseq, clone3, statx and everything unlisted: glibc falls back (as it
      // does under qemu-user for the first three).
      return -ENOSYS;
  }
}

// --- strace ------------------------------------------------------------------------------------------

namespace {

std::string Escape(const std::string& s, size_t max) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    const unsigned char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c >= 0x7f) {
      out += absl::StrFormat("\\x%02x", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

std::string LinuxSyscalls::FormatCall(uint64_t number, const Args& args) {
  const SyscallInfo* info = FindSyscall(number);
  std::string out = absl::StrCat(info ? info->name : absl::StrCat("syscall_", number), "(");
  const char* fmt = info ? info->args : "xxxxxx";
  for (int i = 0; fmt[i] != '\0' && i < 6; ++i) {
    if (i) out += ", ";
    const uint64_t v = args[i];
    switch (fmt[i]) {
      case 'd': absl::StrAppend(&out, static_cast<int32_t>(v)); break;
      case 'D': absl::StrAppend(&out, static_cast<int64_t>(v)); break;
      case 'u': absl::StrAppend(&out, v); break;
      case 'o': absl::StrAppend(&out, absl::StrFormat("0%o", v)); break;
      case 'f':
        if (static_cast<int32_t>(v) == AT_FDCWD) {
          out += "AT_FDCWD";
        } else {
          absl::StrAppend(&out, static_cast<int32_t>(v));
        }
        break;
      case 's': {
        std::string s;
        if (v == 0) {
          out += "NULL";
        } else if (ReadString(v, &s, 4096) == 0) {
          out += Escape(s, 256);
        } else {
          absl::StrAppend(&out, absl::StrFormat("0x%x", v));
        }
        break;
      }
      case 'p':
        out += v == 0 ? std::string("NULL") : absl::StrFormat("0x%x", v);
        break;
      default: absl::StrAppend(&out, absl::StrFormat("0x%x", v)); break;
    }
  }
  out += ")";
  return out;
}

void LinuxSyscalls::Trace(const std::string& call, int64_t result, uint64_t number) {
  if (options_.diag_fd < 0) return;
  // The pid now, not when the call was formatted: after fork, the child prints its own.
  std::string line = absl::StrCat(getpid(), " ", call);
  if (number == ~uint64_t{0}) {
    line += " = ?\n";
  } else if (result < 0 && result >= -4095) {
    const int err = static_cast<int>(-result);
    const char* name = strerrorname_np(err);
    line += absl::StrFormat(" = -1 %s (%s)\n", name ? name : "E?", std::strerror(err));
  } else if (result == kRegistersRestored) {
    line += " = ? (registers restored)\n";
  } else if (number == nr::kBrk || number == nr::kMmap || number == nr::kMremap) {
    line += absl::StrFormat(" = 0x%x\n", static_cast<uint64_t>(result));
  } else {
    line += absl::StrFormat(" = %d\n", result);
  }
  (void)!write(options_.diag_fd, line.data(), line.size());
}

}  // namespace s390vmm::s390x_run
