// File: tools/s390x_run/linux_abi.h
//
// The Linux s390x (64-bit) user ABI as the syscall layer needs it: system call numbers
// (arch/s390/kernel/syscalls/syscall.tbl, 64-bit column) and the big-endian layouts of the structures
// that cross the system call boundary, with converters from the host's (x86-64) structures.
//
// Where s390x and the host share a generic definition (errno values, open/mmap/fcntl flags, signal
// numbers, ioctl request numbers, wait status encoding, struct termios with NCCS 19, struct rusage), only the
// byte order differs; where s390x has its own layout (struct stat, struct statfs, mmap's argument block) it
// is spelled out here with offsets taken from arch/s390/include/uapi/asm/*.h.
#ifndef S390VMM_TOOLS_S390X_RUN_LINUX_ABI_H_
#define S390VMM_TOOLS_S390X_RUN_LINUX_ABI_H_

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <termios.h>

#include <cstdint>

namespace s390vmm::s390x_run::linux_abi {

// System call numbers, s390x 64-bit.
namespace nr {
inline constexpr int kExit = 1;
inline constexpr int kFork = 2;
inline constexpr int kRead = 3;
inline constexpr int kWrite = 4;
inline constexpr int kOpen = 5;
inline constexpr int kClose = 6;
inline constexpr int kCreat = 8;
inline constexpr int kLink = 9;
inline constexpr int kUnlink = 10;
inline constexpr int kExecve = 11;
inline constexpr int kChdir = 12;
inline constexpr int kMknod = 14;
inline constexpr int kChmod = 15;
inline constexpr int kLseek = 19;
inline constexpr int kGetpid = 20;
inline constexpr int kAlarm = 27;
inline constexpr int kPause = 29;
inline constexpr int kUtime = 30;
inline constexpr int kAccess = 33;
inline constexpr int kNice = 34;
inline constexpr int kSync = 36;
inline constexpr int kKill = 37;
inline constexpr int kRename = 38;
inline constexpr int kMkdir = 39;
inline constexpr int kRmdir = 40;
inline constexpr int kDup = 41;
inline constexpr int kPipe = 42;
inline constexpr int kTimes = 43;
inline constexpr int kBrk = 45;
inline constexpr int kIoctl = 54;
inline constexpr int kFcntl = 55;
inline constexpr int kSetpgid = 57;
inline constexpr int kUmask = 60;
inline constexpr int kChroot = 61;
inline constexpr int kDup2 = 63;
inline constexpr int kGetppid = 64;
inline constexpr int kGetpgrp = 65;
inline constexpr int kSetsid = 66;
inline constexpr int kSethostname = 74;
inline constexpr int kSetrlimit = 75;
inline constexpr int kGetrusage = 77;
inline constexpr int kGettimeofday = 78;
inline constexpr int kSymlink = 83;
inline constexpr int kReadlink = 85;
inline constexpr int kMmap = 90;  // old_mmap: one argument, a pointer to six longs
inline constexpr int kMunmap = 91;
inline constexpr int kTruncate = 92;
inline constexpr int kFtruncate = 93;
inline constexpr int kFchmod = 94;
inline constexpr int kGetpriority = 96;
inline constexpr int kSetpriority = 97;
inline constexpr int kStatfs = 99;
inline constexpr int kFstatfs = 100;
inline constexpr int kSetitimer = 104;
inline constexpr int kGetitimer = 105;
inline constexpr int kStat = 106;
inline constexpr int kLstat = 107;
inline constexpr int kFstat = 108;
inline constexpr int kWait4 = 114;
inline constexpr int kSysinfo = 116;
inline constexpr int kFsync = 118;
inline constexpr int kSigreturn = 119;
inline constexpr int kClone = 120;
inline constexpr int kUname = 122;
inline constexpr int kMprotect = 125;
inline constexpr int kGetpgid = 132;
inline constexpr int kFchdir = 133;
inline constexpr int kPersonality = 136;
inline constexpr int kGetdents = 141;
inline constexpr int kSelect = 142;
inline constexpr int kFlock = 143;
inline constexpr int kMsync = 144;
inline constexpr int kReadv = 145;
inline constexpr int kWritev = 146;
inline constexpr int kGetsid = 147;
inline constexpr int kFdatasync = 148;
inline constexpr int kMlock = 150;
inline constexpr int kMunlock = 151;
inline constexpr int kMlockall = 152;
inline constexpr int kMunlockall = 153;
inline constexpr int kSchedYield = 158;
inline constexpr int kNanosleep = 162;
inline constexpr int kMremap = 163;
inline constexpr int kPoll = 168;
inline constexpr int kPrctl = 172;
inline constexpr int kRtSigreturn = 173;
inline constexpr int kRtSigaction = 174;
inline constexpr int kRtSigprocmask = 175;
inline constexpr int kRtSigpending = 176;
inline constexpr int kRtSigsuspend = 179;
inline constexpr int kPread64 = 180;
inline constexpr int kPwrite64 = 181;
inline constexpr int kGetcwd = 183;
inline constexpr int kSigaltstack = 186;
inline constexpr int kSendfile = 187;
inline constexpr int kVfork = 190;
inline constexpr int kGetrlimit = 191;
inline constexpr int kLchown = 198;
inline constexpr int kGetuid = 199;
inline constexpr int kGetgid = 200;
inline constexpr int kGeteuid = 201;
inline constexpr int kGetegid = 202;
inline constexpr int kSetreuid = 203;
inline constexpr int kSetregid = 204;
inline constexpr int kGetgroups = 205;
inline constexpr int kSetgroups = 206;
inline constexpr int kFchown = 207;
inline constexpr int kSetresuid = 208;
inline constexpr int kGetresuid = 209;
inline constexpr int kSetresgid = 210;
inline constexpr int kGetresgid = 211;
inline constexpr int kChown = 212;
inline constexpr int kSetuid = 213;
inline constexpr int kSetgid = 214;
inline constexpr int kMadvise = 219;
inline constexpr int kGetdents64 = 220;
inline constexpr int kGettid = 236;
inline constexpr int kTkill = 237;
inline constexpr int kFutex = 238;
inline constexpr int kSchedSetaffinity = 239;
inline constexpr int kSchedGetaffinity = 240;
inline constexpr int kTgkill = 241;
inline constexpr int kExitGroup = 248;
inline constexpr int kSetTidAddress = 252;
inline constexpr int kFadvise64 = 253;
inline constexpr int kClockGettime = 260;
inline constexpr int kClockGetres = 261;
inline constexpr int kClockNanosleep = 262;
inline constexpr int kStatfs64 = 265;
inline constexpr int kFstatfs64 = 266;
inline constexpr int kWaitid = 281;
inline constexpr int kOpenat = 288;
inline constexpr int kMkdirat = 289;
inline constexpr int kMknodat = 290;
inline constexpr int kFchownat = 291;
inline constexpr int kNewfstatat = 293;
inline constexpr int kUnlinkat = 294;
inline constexpr int kRenameat = 295;
inline constexpr int kLinkat = 296;
inline constexpr int kSymlinkat = 297;
inline constexpr int kReadlinkat = 298;
inline constexpr int kFchmodat = 299;
inline constexpr int kFaccessat = 300;
inline constexpr int kPselect6 = 301;
inline constexpr int kPpoll = 302;
inline constexpr int kSetRobustList = 304;
inline constexpr int kGetRobustList = 305;
inline constexpr int kUtimensat = 315;
inline constexpr int kFallocate = 314;
inline constexpr int kPipe2 = 325;
inline constexpr int kDup3 = 326;
inline constexpr int kPreadv = 328;
inline constexpr int kPwritev = 329;
inline constexpr int kPrlimit64 = 334;
inline constexpr int kSyncfs = 338;
inline constexpr int kRenameat2 = 347;
inline constexpr int kGetrandom = 349;
inline constexpr int kMemfdCreate = 350;
inline constexpr int kExecveat = 354;
inline constexpr int kStatx = 379;
inline constexpr int kRseq = 383;
inline constexpr int kClone3 = 435;
inline constexpr int kCloseRange = 436;
inline constexpr int kFaccessat2 = 439;
}  // namespace nr

// Structure sizes.
inline constexpr uint64_t kStatSize = 144;      // struct stat (s390x)
inline constexpr uint64_t kStatfsSize = 88;     // struct statfs (s390x)
inline constexpr uint64_t kTimespecSize = 16;
inline constexpr uint64_t kTimevalSize = 16;
inline constexpr uint64_t kRusageSize = 144;    // 2 timevals + 14 longs
inline constexpr uint64_t kSysinfoSize = 112;
inline constexpr uint64_t kUtsnameSize = 6 * 65;
inline constexpr uint64_t kTermiosSize = 36;    // kernel struct termios: 4 x u32, c_line, c_cc[19]
inline constexpr uint64_t kWinsizeSize = 8;
inline constexpr uint64_t kSigactionSize = 32;  // handler, flags, restorer, mask (one 64-bit word)
inline constexpr uint64_t kSigsetSize = 8;      // _NSIG / 8
inline constexpr uint64_t kStackTSize = 24;     // stack_t: ss_sp, ss_flags (int + pad), ss_size
inline constexpr uint64_t kFlockSize = 32;      // short l_type, short l_whence, pad, off l_start, l_len, int l_pid
inline constexpr uint64_t kSiginfoSize = 128;
inline constexpr uint64_t kPollfdSize = 8;

// Encoders: host structure -> s390x bytes (big-endian). `out` must hold the structure's size.
void EncodeStat(const struct stat& st, uint8_t* out);
void EncodeStatfs(const struct statfs& st, uint8_t* out);
void EncodeTimespec(int64_t sec, int64_t nsec, uint8_t* out);
void EncodeRusage(const struct rusage& ru, uint8_t* out);
void EncodeSysinfo(const struct sysinfo& si, uint8_t* out);
void EncodeTermios(const struct termios& t, uint8_t* out);
void DecodeTermios(const uint8_t* in, struct termios* t);

// The mmap flags and protections this layer interprets (asm-generic/mman-common.h, same on the host).
inline constexpr uint64_t kMapShared = 0x01;
inline constexpr uint64_t kMapPrivate = 0x02;
inline constexpr uint64_t kMapFixed = 0x10;
inline constexpr uint64_t kMapAnonymous = 0x20;
inline constexpr uint64_t kMapFixedNoreplace = 0x100000;
inline constexpr uint64_t kProtWrite = 0x2;
inline constexpr uint64_t kMremapMaymove = 1;
inline constexpr uint64_t kMremapFixed = 2;

// clone flags (include/uapi/linux/sched.h).
inline constexpr uint64_t kCloneVm = 0x00000100;
inline constexpr uint64_t kCloneFs = 0x00000200;
inline constexpr uint64_t kCloneFiles = 0x00000400;
inline constexpr uint64_t kCloneSighand = 0x00000800;
inline constexpr uint64_t kCloneVfork = 0x00004000;
inline constexpr uint64_t kCloneParent = 0x00008000;
inline constexpr uint64_t kCloneThread = 0x00010000;
inline constexpr uint64_t kCloneSettls = 0x00080000;
inline constexpr uint64_t kCloneParentSettid = 0x00100000;
inline constexpr uint64_t kCloneChildCleartid = 0x00200000;
inline constexpr uint64_t kCloneChildSettid = 0x01000000;

// Signal frames (arch/s390/kernel/signal.c, uapi asm/sigcontext.h and asm/ucontext.h), 64-bit.
//   _sigregs: psw (mask, addr) @0, gprs[16] @16, acrs[16] @144, fpc @208, fprs[16] @216; 344 bytes.
//   _sigregs_ext: vxrs_low[16] (bits 64-127 of V0-V15) @0, vxrs_high[16] (V16-V31) @128; 512 bytes.
namespace frame {
inline constexpr uint64_t kCalleeStack = 160;      // __SIGNAL_FRAMESIZE: the handler's register save area
inline constexpr uint64_t kSigregsPsw = 0;
inline constexpr uint64_t kSigregsGprs = 16;
inline constexpr uint64_t kSigregsAcrs = 144;
inline constexpr uint64_t kSigregsFpc = 208;
inline constexpr uint64_t kSigregsFprs = 216;
inline constexpr uint64_t kSigregsSize = 344;
inline constexpr uint64_t kSigregsExtLow = 0;
inline constexpr uint64_t kSigregsExtHigh = 128;
inline constexpr uint64_t kSigregsExtSize = 512;
// sigframe (no SA_SIGINFO): callee stack, struct sigcontext { oldmask, sregs* }, _sigregs, int signo,
// _sigregs_ext, u16 svc_insn.
inline constexpr uint64_t kSigframeScOldmask = 160;
inline constexpr uint64_t kSigframeScSregs = 168;
inline constexpr uint64_t kSigframeSregs = 176;
inline constexpr uint64_t kSigframeSigno = 520;
inline constexpr uint64_t kSigframeSregsExt = 528;
inline constexpr uint64_t kSigframeSvcInsn = 1040;
inline constexpr uint64_t kSigframeSize = 1048;
// rt_sigframe (SA_SIGINFO): callee stack, u16 svc_insn, siginfo, struct ucontext_extended { uc_flags,
// uc_link, stack_t uc_stack, _sigregs uc_mcontext, sigset uc_sigmask, 120 unused bytes, _sigregs_ext }.
inline constexpr uint64_t kRtSvcInsn = 160;
inline constexpr uint64_t kRtInfo = 168;
inline constexpr uint64_t kRtUc = 296;
inline constexpr uint64_t kUcFlags = 0;
inline constexpr uint64_t kUcLink = 8;
inline constexpr uint64_t kUcStack = 16;
inline constexpr uint64_t kUcMcontext = 40;
inline constexpr uint64_t kUcSigmask = 384;
inline constexpr uint64_t kUcMcontextExt = 512;
inline constexpr uint64_t kRtSigframeSize = kRtUc + 1024;
inline constexpr uint64_t kUcVxrs = 2;  // UC_VXRS: uc_mcontext_ext holds the vector registers
}  // namespace frame

// sigaction flags (asm-generic/signal-defs.h and arch/s390/include/uapi/asm/signal.h).
inline constexpr uint64_t kSaSiginfo = 0x00000004;
inline constexpr uint64_t kSaOnstack = 0x08000000;
inline constexpr uint64_t kSaRestart = 0x10000000;
inline constexpr uint64_t kSaNodefer = 0x40000000;
inline constexpr uint64_t kSaResethand = 0x80000000;
inline constexpr uint64_t kSaRestorer = 0x04000000;

// Signal handler values in struct sigaction.
inline constexpr uint64_t kSigDfl = 0;
inline constexpr uint64_t kSigIgn = 1;
inline constexpr int kNsig = 64;

}  // namespace s390vmm::s390x_run::linux_abi

#endif  // S390VMM_TOOLS_S390X_RUN_LINUX_ABI_H_
