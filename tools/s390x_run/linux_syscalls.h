// File: tools/s390x_run/linux_syscalls.h
//
// A small Linux system call layer for user-mode s390x programs: the s390x 64-bit syscall ABI over a
// GuestMemory and a CpuState, implemented with the host's own system calls. It is what the kernel would be
// for one single-threaded process:
//
//   - Calling convention: the number comes from the SVC instruction's I field, or from r1 for SVC 0;
//     arguments are r2-r7; the result (or a negative errno) goes to r2. mmap (90) takes one argument, a
//     pointer to six longs (old_mmap), as on every s390x kernel.
//   - File descriptors are the host's: the guest's fd 0-2 are the runner's stdin/stdout/stderr, and every
//     descriptor the guest opens is a host descriptor. One descriptor is the runner's own (`diag_fd`,
//     where --strace and fault messages go); the guest cannot close or replace it.
//   - fork/vfork/clone fork the host process (the child continues the same guest); threads
//     (CLONE_VM without CLONE_VFORK) are ENOSYS. execve of an s390x ELF program re-executes the runner
//     (`Options::reexec_argv`) on it; "/proc/self/exe" means the running guest program.
//   - Signals (syscalls_signal.cc): rt_sigaction mirrors SIG_IGN / SIG_DFL onto the host, so that ignored
//     signals stay ignored across exec and default actions terminate the process as Linux would; for a
//     guest handler the host catches the signal and it is delivered to the guest at the next system call
//     boundary with Linux's s390x signal frame (rt_sigframe for SA_SIGINFO, else sigframe), and
//     sigreturn / rt_sigreturn restore the registers. A host call interrupted by such a signal returns
//     EINTR, or is restarted after the handler when the guest asked for SA_RESTART. The guest's signal
//     mask is the host's (rt_sigprocmask passes through). Guest faults are not signals here: the runner
//     ends the process (runner.h).
//   - Unknown or unsupported calls return -ENOSYS; with `strace`, every call is printed to `diag_fd`.
//
// Pointers from the guest are untrusted: every guest range is checked through GuestMemory and a bad one
// makes the call return -EFAULT; the host is never asked to touch guest memory it did not check.
//
//   LinuxSyscalls sys(memory, memory_map, options);
//   SyscallOutcome out = sys.Handle(cpu.state(), svc.number ? svc.number : cpu.state().gr[1], svc.length);
//   if (out.exit) ...
#ifndef S390VMM_TOOLS_S390X_RUN_LINUX_SYSCALLS_H_
#define S390VMM_TOOLS_S390X_RUN_LINUX_SYSCALLS_H_

#include <array>
#include <climits>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "cpu/cpu_state.h"
#include "memory/guest_memory.h"
#include "tools/s390x_run/linux_abi.h"
#include "tools/s390x_run/user_memory_map.h"

namespace s390vmm::s390x_run {

// What the run loop does after a system call.
struct SyscallOutcome {
  bool exit = false;    // the process ends: exit / exit_group
  int exit_status = 0;  // its status (0-255)
  int kill_signal = 0;  // the process ends by this signal (a signal frame could not be written: SIGSEGV)
};

class LinuxSyscalls {
 public:
  using Args = std::array<uint64_t, 6>;

  struct Options {
    // Absolute host path of the guest program: what /proc/self/exe means to the guest.
    std::string exe_path;
    // The command that starts this runner again, before its own "--argv0 NAME -- PROGRAM ARGS...":
    // e.g. {"/proc/self/exe", "--cpu", "z196"}. Empty: execve returns -ENOSYS.
    std::vector<std::string> reexec_argv;
    // Print every system call with its arguments and result to diag_fd.
    bool strace = false;
    // The runner's own descriptor for diagnostics (-1: none).
    int diag_fd = -1;
    // Called just before a successful-looking execve replaces the process (to flush statistics).
    std::function<void()> before_exec;
    // The CPU has the vector facility: signal frames carry the vector registers (Linux: MACHINE_HAS_VX).
    bool vector_registers = false;
  };

  LinuxSyscalls(GuestMemory& memory, UserMemoryMap& memory_map, Options options);

  // Executes system call `number` with the arguments in r2-r7 of `state`, stores the result in r2, then
  // delivers a pending signal if there is one. `svc_length` is the length of the SVC (or of the EXECUTE
  // of it), which a restarted call backs up by.
  SyscallOutcome Handle(CpuState& state, uint64_t number, uint8_t svc_length = 2);
  // Delivers one pending, unblocked signal to a guest handler (sets up the frame in `state`). For use at
  // instruction boundaries outside system calls too. Returns false if the frame could not be written
  // (the process must die by SIGSEGV).
  bool DeliverPendingSignal(CpuState& state);
  // Executes one call with explicit arguments and returns its raw result (a value or -errno); for tests
  // and for Handle. `outcome` receives exit requests.
  int64_t Call(uint64_t number, const Args& args, SyscallOutcome* outcome);

  const Options& options() const { return options_; }

 private:
  // --- Guest memory helpers (linux_syscalls.cc). All return false / -EFAULT on a bad range. ---
  // Sets *out to the host bytes of [addr, addr+len) (empty for len 0); false if the range is not guest memory.
  bool GuestSpan(uint64_t addr, uint64_t len, absl::Span<uint8_t>* out);
  // A NUL-terminated string of at most `max` bytes: 0, -EFAULT or -ENAMETOOLONG.
  int ReadString(uint64_t addr, std::string* out, size_t max = 4096);
  // A path argument, with "/proc/self/exe" mapped to the guest program.
  int ReadPath(uint64_t addr, std::string* out);
  // A NULL-terminated array of string pointers (argv/envp): 0, -EFAULT or -E2BIG.
  int ReadStringArray(uint64_t addr, std::vector<std::string>* out);
  bool Put(uint64_t addr, const void* data, uint64_t len);
  bool PutU32(uint64_t addr, uint32_t v);
  bool PutU64(uint64_t addr, uint64_t v);
  bool GetU32(uint64_t addr, uint32_t* v);
  bool GetU64(uint64_t addr, uint64_t* v);
  // -EBADF if the guest names the runner's own descriptor.
  bool IsReservedFd(int64_t fd) const { return options_.diag_fd >= 0 && fd == options_.diag_fd; }

  // --- strace (linux_syscalls.cc) ---
  std::string FormatCall(uint64_t number, const Args& args);
  void Trace(const std::string& call, int64_t result, uint64_t number);

  // --- Files (syscalls_file.cc) ---
  int64_t Read(const Args& a);
  int64_t Write(const Args& a);
  int64_t Pread(const Args& a);
  int64_t Pwrite(const Args& a);
  int64_t ReadvWritev(const Args& a, bool write, bool positioned);
  int64_t Openat(int dirfd, uint64_t path, uint64_t flags, uint64_t mode);
  int64_t Close(const Args& a);
  int64_t Lseek(const Args& a);
  int64_t Fstatat(int dirfd, uint64_t path, uint64_t buf, uint64_t flags);
  int64_t Fstat(const Args& a);
  int64_t Statfs(const Args& a, bool by_fd);
  int64_t Getdents64(const Args& a);
  int64_t Ioctl(const Args& a);
  int64_t Fcntl(const Args& a);
  int64_t Dup(const Args& a);
  int64_t Dup3(int64_t oldfd, int64_t newfd, uint64_t flags, bool dup2);
  int64_t Pipe2(uint64_t fds, uint64_t flags);
  int64_t Getcwd(const Args& a);
  int64_t Readlinkat(int dirfd, uint64_t path, uint64_t buf, uint64_t size);
  int64_t Sendfile(const Args& a);
  int64_t Poll(const Args& a);
  int64_t Ppoll(const Args& a);
  int64_t Select(const Args& a, bool pselect);
  int64_t Utimensat(const Args& a);
  // The *at() calls that take one path and plain integer arguments (mkdirat, unlinkat, fchmodat, ...).
  int64_t PathCall(uint64_t number, const Args& a);
  // Calls with two paths (renameat2, linkat, symlinkat and their old forms).
  int64_t TwoPathCall(uint64_t number, const Args& a);

  // --- Processes, signals, time, identity (syscalls_process.cc) ---
  int64_t Clone(uint64_t flags, uint64_t newsp, uint64_t parent_tid, uint64_t child_tid);
  int64_t Execve(const Args& a);
  int64_t Wait4(const Args& a);
  int64_t Waitid(const Args& a);
  int64_t Uname(const Args& a);
  int64_t ClockGettime(const Args& a, bool resolution);
  int64_t Gettimeofday(const Args& a);
  int64_t Nanosleep(const Args& a, bool clock);
  int64_t Times(const Args& a);
  int64_t Getrusage(const Args& a);
  int64_t Sysinfo(const Args& a);
  int64_t Prlimit(int64_t pid, uint64_t resource, uint64_t new_limit, uint64_t old_limit);
  int64_t Getgroups(const Args& a);
  int64_t Getres(const Args& a, bool uid);
  int64_t Getrandom(const Args& a);
  int64_t Prctl(const Args& a);
  int64_t Futex(const Args& a);

  // --- Signals (syscalls_signal.cc) ---
  int64_t RtSigaction(const Args& a);
  int64_t RtSigprocmask(const Args& a);
  int64_t RtSigsuspend(const Args& a);
  int64_t Pause();
  int64_t Sigaltstack(const Args& a);
  // sigreturn / rt_sigreturn: restores the registers from the frame at r15 and returns kRegistersRestored
  // (r2 must not be overwritten). A bad frame makes Handle end the process with SIGSEGV, as Linux does.
  int64_t Sigreturn(bool rt);
  // Records the guest's initial signal dispositions (SIG_IGN inherited across exec).
  void InitSignalActions();
  // A new child process starts with no pending signals (fork(2)).
  void ForgetPendingSignals();
  // The guest's (= the host's) blocked-signal mask, bit n-1 for signal n.
  uint64_t BlockedMask() const;
  void SetBlockedMask(uint64_t mask);
  bool WriteSignalFrame(CpuState& state, int sig, uint64_t handler, uint64_t flags, uint64_t restorer,
                        uint64_t old_mask);
  static bool RestartableAfterSignal(uint64_t number);
  // A result of Call() meaning "the registers were replaced; leave r2 alone".
  static constexpr int64_t kRegistersRestored = INT64_MIN;

  // --- Memory (syscalls_memory.cc) ---
  int64_t Mmap(uint64_t args_block);
  int64_t Mprotect(const Args& a);

  GuestMemory& memory_;
  UserMemoryMap& map_;
  Options options_;
  // The guest's signal actions (struct sigaction bytes as the guest wrote them), by signal number.
  std::array<std::array<uint8_t, linux_abi::kSigactionSize>, linux_abi::kNsig + 1> sigactions_{};
  // sigaltstack as the guest set it (ss_sp, ss_flags, ss_size).
  std::array<uint8_t, linux_abi::kStackTSize> altstack_{};
  bool altstack_set_ = false;
  uint64_t clear_child_tid_ = 0;
  // Limits the guest set that the runner does not apply to itself (address space, data, stack...).
  std::array<std::array<uint64_t, 2>, 16> shadow_limits_{};
  std::array<bool, 16> shadow_limit_set_{};
  // The CPU state of the call being handled (Handle), for calls that change more than r2 (clone's new
  // stack pointer, sigreturn); nullptr when called through Call() alone.
  CpuState* state_ = nullptr;
  // After rt_sigsuspend, until Handle delivered a signal: its temporary mask, and the mask to restore after
  // the handler (the frame's saved mask).
  std::optional<uint64_t> suspend_mask_;
  std::optional<uint64_t> suspend_saved_mask_;
  // Set by Handle while it delivers a signal after a call that returned EINTR.
  struct Restart {
    uint64_t r2;         // the call's first argument, which the result overwrote
    uint8_t svc_length;  // how far to back up the PSW to execute the SVC again
  };
  std::optional<Restart> restart_;
  bool sigreturn_failed_ = false;
};

}  // namespace s390vmm::s390x_run

#endif  // S390VMM_TOOLS_S390X_RUN_LINUX_SYSCALLS_H_
