// Signals of LinuxSyscalls: actions, masks, and delivery to guest handlers with Linux's s390x signal frames
// (arch/s390/kernel/signal.c: setup_frame, setup_rt_frame, sigreturn, rt_sigreturn).
//
// A guest handler is backed by a host handler that only records the signal (below). Handle() delivers
// recorded signals at the end of a system call — the only point where the guest is "in the kernel" —
// which is also when a blocking host call the signal interrupted returns. A guest that never makes a
// system call sees its signals late; Linux programs that wait for signals wait in system calls.
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "base/big_endian.h"
#include "tools/s390x_run/linux_syscalls.h"

namespace s390vmm::s390x_run {

namespace abi = linux_abi;
namespace fr = linux_abi::frame;

namespace {

int I32(uint64_t v) { return static_cast<int>(static_cast<int32_t>(v)); }

// What the host handler saw. A signal handler can reach only global state; this is the one place the
// runner keeps any, and it is written only by HostSignalHandler and consumed by DeliverPendingSignal.
std::atomic<uint64_t> g_pending{0};  // bit n-1: signal n caught and not yet delivered
struct CaughtSignal {
  std::atomic<int> code{0};
  std::atomic<int> pid{0};
  std::atomic<int> uid{0};
  std::atomic<int> status{0};
};
CaughtSignal g_caught[abi::kNsig + 1];

void HostSignalHandler(int sig, siginfo_t* info, void*) {
  if (sig <= 0 || sig > abi::kNsig) return;
  g_caught[sig].code.store(info->si_code, std::memory_order_relaxed);
  g_caught[sig].pid.store(info->si_pid, std::memory_order_relaxed);
  g_caught[sig].uid.store(static_cast<int>(info->si_uid), std::memory_order_relaxed);
  g_caught[sig].status.store(info->si_status, std::memory_order_relaxed);
  g_pending.fetch_or(uint64_t{1} << (sig - 1), std::memory_order_release);
}

// Signals whose host disposition the runner keeps to itself: its own faults must stay fatal and visible
// (a guest fault is reported by the runner, not delivered), and SIGKILL / SIGSTOP cannot be changed.
bool IsHostOwnedSignal(int sig) {
  return sig == SIGILL || sig == SIGTRAP || sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV || sig == SIGKILL ||
         sig == SIGSTOP || sig >= 32;  // glibc reserves the first real-time signals for itself
}

// Signals whose default action is to ignore them.
bool DefaultIgnores(int sig) { return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT; }

constexpr uint64_t Bit(int sig) { return uint64_t{1} << (sig - 1); }
constexpr uint64_t kUnblockable = Bit(SIGKILL) | Bit(SIGSTOP);

}  // namespace

void LinuxSyscalls::InitSignalActions() {
  for (int sig = 1; sig < 32; ++sig) {
    struct sigaction old;
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) {
      StoreBigEndian<uint64_t>(sigactions_[sig].data(), abi::kSigIgn);
    }
  }
}

void LinuxSyscalls::ForgetPendingSignals() { g_pending.store(0, std::memory_order_release); }

uint64_t LinuxSyscalls::BlockedMask() const {
  uint64_t mask = 0;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, nullptr, &mask, sizeof(mask));
  return mask;
}

void LinuxSyscalls::SetBlockedMask(uint64_t mask) {
  mask &= ~kUnblockable;
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, nullptr, sizeof(mask));
}

int64_t LinuxSyscalls::RtSigaction(const Args& a) {
  const int sig = I32(a[0]);
  if (a[3] != abi::kSigsetSize) return -EINVAL;
  if (sig < 1 || sig > abi::kNsig) return -EINVAL;
  if (a[1] != 0 && (sig == SIGKILL || sig == SIGSTOP)) return -EINVAL;
  std::array<uint8_t, abi::kSigactionSize> act;
  if (a[1] != 0) {
    absl::Span<uint8_t> in;
    if (!GuestSpan(a[1], abi::kSigactionSize, &in)) return -EFAULT;
    std::memcpy(act.data(), in.data(), act.size());
  }
  if (a[2] != 0 && !Put(a[2], sigactions_[sig].data(), abi::kSigactionSize)) return -EFAULT;
  if (a[1] == 0) return 0;
  sigactions_[sig] = act;
  if (IsHostOwnedSignal(sig)) return 0;  // recorded only
  const uint64_t handler = LoadBigEndian<uint64_t>(act.data());
  struct sigaction host;
  std::memset(&host, 0, sizeof(host));
  sigemptyset(&host.sa_mask);
  if (handler == abi::kSigIgn) {
    host.sa_handler = SIG_IGN;
  } else if (handler == abi::kSigDfl) {
    host.sa_handler = SIG_DFL;
  } else {
    // No SA_RESTART: a host call the signal interrupts returns EINTR, and Handle() restarts it after the
    // guest handler if the guest asked for SA_RESTART.
    host.sa_sigaction = &HostSignalHandler;
    host.sa_flags = SA_SIGINFO;
  }
  sigaction(sig, &host, nullptr);
  // A signal caught for an old handler that is now ignored is dropped, as Linux drops it.
  if (handler == abi::kSigIgn || (handler == abi::kSigDfl && DefaultIgnores(sig))) {
    g_pending.fetch_and(~Bit(sig));
  }
  return 0;
}

int64_t LinuxSyscalls::RtSigprocmask(const Args& a) {
  if (a[3] != abi::kSigsetSize) return -EINVAL;
  // The kernel sigset is one 64-bit word (bit n-1 = signal n) on s390x and x86-64: only the byte order
  // differs, so the raw system call takes the converted word.
  uint64_t set = 0, old = 0;
  if (a[1] != 0 && !GetU64(a[1], &set)) return -EFAULT;
  const long r = syscall(SYS_rt_sigprocmask, I32(a[0]), a[1] ? &set : nullptr, &old, sizeof(uint64_t));
  if (r < 0) return -errno;
  if (a[2] != 0 && !PutU64(a[2], old)) return -EFAULT;
  return 0;
}

int64_t LinuxSyscalls::RtSigsuspend(const Args& a) {
  if (a[1] != abi::kSigsetSize) return -EINVAL;
  uint64_t mask;
  if (!GetU64(a[0], &mask)) return -EFAULT;
  mask &= ~kUnblockable;
  // Waits until a host handler ran (a guest handler's signal) or a default action ends the process. The
  // handler then runs with the mask from before the call saved in its frame.
  // Linux delivers the signal while the temporary mask is in effect and saves the old one in the frame.
  suspend_saved_mask_ = BlockedMask();
  suspend_mask_ = mask;
  if ((g_pending.load(std::memory_order_acquire) & ~mask) == 0) {
    syscall(SYS_rt_sigsuspend, &mask, sizeof(mask));
  }
  return -EINTR;
}

int64_t LinuxSyscalls::Pause() {
  if ((g_pending.load(std::memory_order_acquire) & ~BlockedMask()) == 0) pause();
  return -EINTR;
}

int64_t LinuxSyscalls::Sigaltstack(const Args& a) {
  if (a[1] != 0) {
    if (altstack_set_) {
      if (!Put(a[1], altstack_.data(), altstack_.size())) return -EFAULT;
    } else {
      uint8_t disabled[abi::kStackTSize] = {};
      StoreBigEndian<uint32_t>(disabled + 8, SS_DISABLE);
      if (!Put(a[1], disabled, sizeof(disabled))) return -EFAULT;
    }
  }
  if (a[0] != 0) {
    absl::Span<uint8_t> in;
    if (!GuestSpan(a[0], abi::kStackTSize, &in)) return -EFAULT;
    const uint32_t flags = LoadBigEndian<uint32_t>(in.data() + 8);
    constexpr uint32_t kSsAutodisarm = 1u << 31;  // SS_AUTODISARM (linux/signal.h)
    constexpr uint64_t kMinSigStackSize = 2048;   // MINSIGSTKSZ on s390x
    if (flags & ~uint32_t{SS_DISABLE | kSsAutodisarm}) return -EINVAL;
    if (!(flags & SS_DISABLE) && LoadBigEndian<uint64_t>(in.data() + 16) < kMinSigStackSize) return -ENOMEM;
    std::memcpy(altstack_.data(), in.data(), altstack_.size());
    altstack_set_ = !(flags & SS_DISABLE);
  }
  return 0;
}

bool LinuxSyscalls::DeliverPendingSignal(CpuState& s) {
  const uint64_t pending = g_pending.load(std::memory_order_acquire);
  if (pending == 0) return true;
  const uint64_t blocked = suspend_mask_.value_or(BlockedMask());
  const uint64_t ready = pending & ~blocked;
  if (ready == 0) return true;
  const int sig = __builtin_ctzll(ready) + 1;
  g_pending.fetch_and(~Bit(sig), std::memory_order_acq_rel);

  const uint8_t* act = sigactions_[sig].data();
  const uint64_t handler = LoadBigEndian<uint64_t>(act);
  const uint64_t flags = LoadBigEndian<uint64_t>(act + 8);
  const uint64_t restorer = LoadBigEndian<uint64_t>(act + 16);
  const uint64_t sa_mask = LoadBigEndian<uint64_t>(act + 24);
  if (handler == abi::kSigIgn) return true;
  if (handler == abi::kSigDfl) {
    // The action changed back to the default after the host caught the signal: take the default action.
    if (DefaultIgnores(sig)) return true;
    signal(sig, SIG_DFL);
    raise(sig);
    return true;
  }
  // A call the signal interrupted: restart it after the handler (SA_RESTART), else it returns EINTR.
  if (restart_ && (flags & abi::kSaRestart)) {
    s.gr[2] = restart_->r2;
    s.psw.set_address(s.psw.address() - restart_->svc_length);
  }
  // The frame keeps the mask to restore; the handler runs with the current one plus sa_mask and the signal.
  const uint64_t saved_mask = suspend_saved_mask_.value_or(blocked);
  if (!WriteSignalFrame(s, sig, handler, flags, restorer, saved_mask)) return false;
  SetBlockedMask(blocked | sa_mask | ((flags & abi::kSaNodefer) ? 0 : Bit(sig)));
  if (flags & abi::kSaResethand) {
    std::memset(sigactions_[sig].data(), 0, abi::kSigactionSize);
    signal(sig, SIG_DFL);
  }
  return true;
}

bool LinuxSyscalls::WriteSignalFrame(CpuState& s, int sig, uint64_t handler, uint64_t flags, uint64_t restorer,
                                     uint64_t old_mask) {
  const bool rt = flags & abi::kSaSiginfo;
  const bool vx = options_.vector_registers;
  const uint64_t size = rt ? (vx ? fr::kRtSigframeSize : fr::kRtSigframeSize - fr::kSigregsExtSize)
                           : (vx ? fr::kSigframeSize : fr::kSigframeSize - fr::kSigregsExtSize);
  // get_sigframe(): the alternate stack if asked for and not already on it.
  uint64_t sp = s.gr[15];
  if (altstack_set_) {
    const uint64_t ss_sp = LoadBigEndian<uint64_t>(altstack_.data());
    const uint64_t ss_size = LoadBigEndian<uint64_t>(altstack_.data() + 16);
    const bool on_stack = sp > ss_sp && sp - ss_sp <= ss_size;
    if (on_stack && (sp - size) <= ss_sp) return false;  // overflow of the alternate stack
    if ((flags & abi::kSaOnstack) && !on_stack) sp = ss_sp + ss_size;
  }
  const uint64_t frame = (sp - size) & ~uint64_t{7};
  std::vector<uint8_t> f(size, 0);
  auto u16 = [&](uint64_t off, uint64_t v) { StoreBigEndian<uint16_t>(&f[off], static_cast<uint16_t>(v)); };
  auto u32 = [&](uint64_t off, uint64_t v) { StoreBigEndian<uint32_t>(&f[off], static_cast<uint32_t>(v)); };
  auto u64 = [&](uint64_t off, uint64_t v) { StoreBigEndian<uint64_t>(&f[off], v); };
  u64(0, s.gr[15]);  // back chain
  // _sigregs and _sigregs_ext.
  auto save_regs = [&](uint64_t at) {
    u64(at + fr::kSigregsPsw, s.psw.mask());
    u64(at + fr::kSigregsPsw + 8, s.psw.address());
    for (int i = 0; i < 16; ++i) u64(at + fr::kSigregsGprs + 8 * i, s.gr[i]);
    for (int i = 0; i < 16; ++i) u32(at + fr::kSigregsAcrs + 4 * i, s.ar[i]);
    u32(at + fr::kSigregsFpc, s.fpc);
    for (int i = 0; i < 16; ++i) u64(at + fr::kSigregsFprs + 8 * i, s.vr[i].hi);
  };
  auto save_ext = [&](uint64_t at) {
    if (!vx) return;
    for (int i = 0; i < 16; ++i) u64(at + fr::kSigregsExtLow + 8 * i, s.vr[i].lo);
    for (int i = 0; i < 16; ++i) {
      u64(at + fr::kSigregsExtHigh + 16 * i, s.vr[16 + i].hi);
      u64(at + fr::kSigregsExtHigh + 16 * i + 8, s.vr[16 + i].lo);
    }
  };
  constexpr uint16_t kSvcOpcode = 0x0a00;
  uint64_t return_address;
  if (rt) {
    // siginfo: si_signo, si_errno, si_code, then pid, uid (and for SIGCHLD status).
    u32(fr::kRtInfo, static_cast<uint64_t>(sig));
    u32(fr::kRtInfo + 8, static_cast<uint32_t>(g_caught[sig].code.load()));
    u32(fr::kRtInfo + 16, static_cast<uint32_t>(g_caught[sig].pid.load()));
    u32(fr::kRtInfo + 20, static_cast<uint32_t>(g_caught[sig].uid.load()));
    if (sig == SIGCHLD) u32(fr::kRtInfo + 24, static_cast<uint32_t>(g_caught[sig].status.load()));
    const uint64_t uc = fr::kRtUc;
    u64(uc + fr::kUcFlags, vx ? fr::kUcVxrs : 0);
    // uc_stack: the alternate stack as sigaltstack would report it.
    if (altstack_set_) {
      std::memcpy(&f[uc + fr::kUcStack], altstack_.data(), altstack_.size());
    } else {
      u32(uc + fr::kUcStack + 8, SS_DISABLE);
    }
    save_regs(uc + fr::kUcMcontext);
    u64(uc + fr::kUcSigmask, old_mask);
    save_ext(uc + fr::kUcMcontextExt);
    u16(fr::kRtSvcInsn, kSvcOpcode | linux_abi::nr::kRtSigreturn);
    return_address = (flags & abi::kSaRestorer) ? restorer : frame + fr::kRtSvcInsn;
  } else {
    u64(fr::kSigframeScOldmask, old_mask);
    u64(fr::kSigframeScSregs, frame + fr::kSigframeSregs);
    save_regs(fr::kSigframeSregs);
    u32(fr::kSigframeSigno, static_cast<uint64_t>(sig));
    save_ext(fr::kSigframeSregsExt);
    u16(size - 2, kSvcOpcode | linux_abi::nr::kSigreturn);  // the last halfword of the frame
    return_address = (flags & abi::kSaRestorer) ? restorer : frame + size - 2;
  }
  if (!Put(frame, f.data(), f.size())) return false;

  s.gr[14] = return_address;
  s.gr[15] = frame;
  s.gr[2] = static_cast<uint64_t>(sig);
  s.gr[3] = frame + (rt ? fr::kRtInfo : fr::kSigframeScOldmask);
  if (rt) {
    s.gr[4] = frame + fr::kRtUc;
    s.gr[5] = 0;  // last breaking-event address
  }
  s.psw.set_address(handler & s.psw.AddressMask());
  return true;
}

int64_t LinuxSyscalls::Sigreturn(bool rt) {
  if (state_ == nullptr) return -ENOSYS;
  CpuState& s = *state_;
  const uint64_t frame = s.gr[15];
  const bool vx = options_.vector_registers;
  const uint64_t size = rt ? (vx ? fr::kRtSigframeSize : fr::kRtSigframeSize - fr::kSigregsExtSize)
                           : (vx ? fr::kSigframeSize : fr::kSigframeSize - fr::kSigregsExtSize);
  absl::Span<uint8_t> f;
  if (!GuestSpan(frame, size, &f)) {
    sigreturn_failed_ = true;  // Linux: force_sig(SIGSEGV)
    return kRegistersRestored;
  }
  const uint64_t regs = rt ? fr::kRtUc + fr::kUcMcontext : fr::kSigframeSregs;
  const uint64_t ext = rt ? fr::kRtUc + fr::kUcMcontextExt : fr::kSigframeSregsExt;
  const uint64_t mask = LoadBigEndian<uint64_t>(&f[rt ? fr::kRtUc + fr::kUcSigmask : fr::kSigframeScOldmask]);
  auto u32 = [&](uint64_t off) { return LoadBigEndian<uint32_t>(&f[off]); };
  auto u64 = [&](uint64_t off) { return LoadBigEndian<uint64_t>(&f[off]); };
  // restore_sigregs(): only the condition code and program mask of the saved PSW mask are the guest's.
  const uint64_t user_bits = Psw::kCcMask | Psw::kProgramMaskMask;
  s.psw = Psw((s.psw.mask() & ~user_bits) | (u64(regs + fr::kSigregsPsw) & user_bits),
              u64(regs + fr::kSigregsPsw + 8) & s.psw.AddressMask());
  for (int i = 0; i < 16; ++i) s.gr[i] = u64(regs + fr::kSigregsGprs + 8 * i);
  for (int i = 0; i < 16; ++i) s.ar[i] = u32(regs + fr::kSigregsAcrs + 4 * i);
  s.fpc = u32(regs + fr::kSigregsFpc);
  for (int i = 0; i < 16; ++i) s.vr[i].hi = u64(regs + fr::kSigregsFprs + 8 * i);
  if (vx) {
    for (int i = 0; i < 16; ++i) s.vr[i].lo = u64(ext + fr::kSigregsExtLow + 8 * i);
    for (int i = 0; i < 16; ++i) {
      s.vr[16 + i].hi = u64(ext + fr::kSigregsExtHigh + 16 * i);
      s.vr[16 + i].lo = u64(ext + fr::kSigregsExtHigh + 16 * i + 8);
    }
  }
  SetBlockedMask(mask);
  return kRegistersRestored;
}

}  // namespace s390vmm::s390x_run
