#include "tools/s390x_run/linux_syscalls.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <string>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/s390x_run/syscall_table.h"

namespace s390vmm::s390x_run {
namespace {

namespace nr = linux_abi::nr;
using ::testing::HasSubstr;
using Args = LinuxSyscalls::Args;

constexpr uint64_t kBase = 0x10000;
constexpr uint64_t kEnd = 64 << 20;
constexpr uint64_t kBuf = 0x100000;   // scratch guest buffers
constexpr uint64_t kPath = 0x200000;  // guest strings

class SyscallsTest : public ::testing::Test {
 protected:
  SyscallsTest() {
    RegionSpec spec{GuestAddress(kBase), kEnd - kBase};
    memory_ = *GuestMemory::Create(absl::MakeConstSpan(&spec, 1));
    UserMemoryMap::Layout layout;
    layout.base = kBase;
    layout.end = kEnd;
    map_ = std::make_unique<UserMemoryMap>(*memory_, layout);
    map_->SetBrkStart(0x400000);
    tmpdir_ = std::string(std::getenv("TEST_TMPDIR") ? std::getenv("TEST_TMPDIR") : "/tmp");
    Make({});
  }
  void Make(LinuxSyscalls::Options options) {
    options.exe_path = "/guest/bin/busybox";
    sys_ = std::make_unique<LinuxSyscalls>(*memory_, *map_, std::move(options));
  }
  int64_t Call(uint64_t number, Args args) {
    SyscallOutcome out;
    return sys_->Call(number, args, &out);
  }
  uint64_t PutString(const std::string& s, uint64_t addr = kPath) {
    EXPECT_TRUE(memory_->Write(GuestAddress(addr), absl::MakeConstSpan(
                                                         reinterpret_cast<const uint8_t*>(s.c_str()), s.size() + 1))
                    .ok());
    return addr;
  }
  std::string GetBytes(uint64_t addr, size_t n) {
    std::string s(n, '\0');
    EXPECT_TRUE(memory_->Read(GuestAddress(addr), absl::MakeSpan(reinterpret_cast<uint8_t*>(s.data()), n)).ok());
    return s;
  }
  uint64_t U64(uint64_t addr) { return *memory_->Load<uint64_t>(GuestAddress(addr)); }
  uint32_t U32(uint64_t addr) { return *memory_->Load<uint32_t>(GuestAddress(addr)); }

  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<UserMemoryMap> map_;
  std::unique_ptr<LinuxSyscalls> sys_;
  std::string tmpdir_;
};

TEST_F(SyscallsTest, WriteAndReadThroughAPipe) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  PutString("hello", kBuf);
  EXPECT_EQ(Call(nr::kWrite, {static_cast<uint64_t>(fds[1]), kBuf, 5}), 5);
  EXPECT_EQ(Call(nr::kRead, {static_cast<uint64_t>(fds[0]), kBuf + 0x100, 64}), 5);
  EXPECT_EQ(GetBytes(kBuf + 0x100, 5), "hello");
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallsTest, BadGuestPointersAreEfault) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const uint64_t w = static_cast<uint64_t>(fds[1]);
  EXPECT_EQ(Call(nr::kWrite, {w, 0x100, 5}), -EFAULT);           // the NULL area
  EXPECT_EQ(Call(nr::kWrite, {w, kEnd - 2, 5}), -EFAULT);        // runs past the end
  EXPECT_EQ(Call(nr::kWrite, {w, ~uint64_t{0} - 1, 5}), -EFAULT);  // wraps
  EXPECT_EQ(Call(nr::kWrite, {w, 0x100, 0}), 0);                 // nothing to transfer: fine
  EXPECT_EQ(Call(nr::kOpenat, {static_cast<uint64_t>(AT_FDCWD), 0x20, 0, 0}), -EFAULT);
  EXPECT_EQ(Call(nr::kFstat, {0, 0x20}), -EFAULT);
  EXPECT_EQ(Call(nr::kUname, {kEnd - 100}), -EFAULT);
  EXPECT_EQ(Call(nr::kPipe2, {kEnd - 4, 0}), -EFAULT);
  // A path that runs off the end of memory without a NUL.
  ASSERT_TRUE(memory_->Fill(GuestAddress(kEnd - 16), 16, 'a').ok());
  EXPECT_EQ(Call(nr::kOpenat, {static_cast<uint64_t>(AT_FDCWD), kEnd - 16, 0, 0}), -EFAULT);
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallsTest, OpenFstatAndStatLayout) {
  const std::string path = tmpdir_ + "/stat_me";
  int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0640);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "0123456789", 10), 10);
  close(fd);
  PutString(path);
  const int64_t gfd = Call(nr::kOpenat, {static_cast<uint64_t>(AT_FDCWD), kPath, O_RDONLY, 0});
  ASSERT_GE(gfd, 0);
  ASSERT_EQ(Call(nr::kFstat, {static_cast<uint64_t>(gfd), kBuf}), 0);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(U64(kBuf + 0), st.st_dev);
  EXPECT_EQ(U64(kBuf + 8), st.st_ino);
  EXPECT_EQ(U64(kBuf + 16), st.st_nlink);
  EXPECT_EQ(U32(kBuf + 24), S_IFREG | 0640u);
  EXPECT_EQ(U32(kBuf + 28), st.st_uid);
  EXPECT_EQ(U64(kBuf + 48), 10u);                        // st_size
  EXPECT_EQ(U64(kBuf + 72), static_cast<uint64_t>(st.st_mtim.tv_sec));
  EXPECT_EQ(U64(kBuf + 104), static_cast<uint64_t>(st.st_blksize));
  // newfstatat with AT_EMPTY_PATH (glibc's fstat) and by path.
  PutString("", kPath + 0x1000);
  ASSERT_EQ(Call(nr::kNewfstatat, {static_cast<uint64_t>(gfd), kPath + 0x1000, kBuf + 0x200, AT_EMPTY_PATH}), 0);
  EXPECT_EQ(U64(kBuf + 0x200 + 48), 10u);
  ASSERT_EQ(Call(nr::kStat, {kPath, kBuf + 0x400}), 0);
  EXPECT_EQ(U64(kBuf + 0x400 + 8), st.st_ino);
  EXPECT_EQ(Call(nr::kLseek, {static_cast<uint64_t>(gfd), 4, SEEK_SET}), 4);
  EXPECT_EQ(Call(nr::kRead, {static_cast<uint64_t>(gfd), kBuf, 100}), 6);
  EXPECT_EQ(GetBytes(kBuf, 6), "456789");
  EXPECT_EQ(Call(nr::kClose, {static_cast<uint64_t>(gfd)}), 0);
  EXPECT_EQ(Call(nr::kClose, {static_cast<uint64_t>(gfd)}), -EBADF);
  PutString(tmpdir_ + "/does-not-exist");
  EXPECT_EQ(Call(nr::kOpenat, {static_cast<uint64_t>(AT_FDCWD), kPath, O_RDONLY, 0}), -ENOENT);
  unlink(path.c_str());
}

TEST_F(SyscallsTest, Getdents64IsBigEndian) {
  const std::string dir = tmpdir_ + "/dents";
  mkdir(dir.c_str(), 0755);
  close(open((dir + "/file_a").c_str(), O_CREAT | O_WRONLY, 0644));
  PutString(dir);
  const int64_t fd = Call(nr::kOpenat, {static_cast<uint64_t>(AT_FDCWD), kPath, O_RDONLY | O_DIRECTORY, 0});
  ASSERT_GE(fd, 0);
  const int64_t n = Call(nr::kGetdents64, {static_cast<uint64_t>(fd), kBuf, 4096});
  ASSERT_GT(n, 0);
  std::vector<std::string> names;
  for (int64_t off = 0; off < n;) {
    const uint16_t reclen = *memory_->Load<uint16_t>(GuestAddress(kBuf + off + 16));
    ASSERT_GE(reclen, 20);
    std::string name;
    for (uint64_t p = kBuf + off + 19; *memory_->Load<uint8_t>(GuestAddress(p)) != 0; ++p) {
      name += static_cast<char>(*memory_->Load<uint8_t>(GuestAddress(p)));
    }
    if (name == "file_a") {
      struct stat st;
      ASSERT_EQ(stat((dir + "/file_a").c_str(), &st), 0);
      EXPECT_EQ(U64(kBuf + off), st.st_ino);
      EXPECT_EQ(*memory_->Load<uint8_t>(GuestAddress(kBuf + off + 18)), DT_REG);
    }
    names.push_back(name);
    off += reclen;
  }
  EXPECT_THAT(names, ::testing::UnorderedElementsAre(".", "..", "file_a"));
  Call(nr::kClose, {static_cast<uint64_t>(fd)});
}

TEST_F(SyscallsTest, UnameReportsS390x) {
  ASSERT_EQ(Call(nr::kUname, {kBuf}), 0);
  EXPECT_EQ(GetBytes(kBuf, 6), std::string("Linux\0", 6));
  EXPECT_EQ(GetBytes(kBuf + 4 * 65, 6), std::string("s390x\0", 6));
}

TEST_F(SyscallsTest, BrkMmapMunmap) {
  EXPECT_EQ(Call(nr::kBrk, {0}), 0x400000);
  EXPECT_EQ(Call(nr::kBrk, {0x421000}), 0x421000);
  // old_mmap: a pointer to { addr, len, prot, flags, fd, offset }.
  const uint64_t block[] = {0, 0x3000, 3, linux_abi::kMapPrivate | linux_abi::kMapAnonymous, ~uint64_t{0}, 0};
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 8 * i), block[i]).ok());
  const int64_t a = Call(nr::kMmap, {kBuf});
  ASSERT_GT(a, 0x421000);
  EXPECT_EQ(a % 4096, 0);
  EXPECT_EQ(Call(nr::kMunmap, {static_cast<uint64_t>(a), 0x3000}), 0);
  EXPECT_EQ(Call(nr::kMprotect, {0x400000, 0x1000, 1}), 0);
  EXPECT_EQ(Call(nr::kMprotect, {0x400001, 0x1000, 1}), -EINVAL);
  EXPECT_EQ(Call(nr::kMmap, {0x20}), -EFAULT);
}

TEST_F(SyscallsTest, FileMappingCopiesTheFile) {
  const std::string path = tmpdir_ + "/mapped";
  int fd = open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0644);
  ASSERT_EQ(write(fd, "mapped bytes", 12), 12);
  const uint64_t block[] = {0, 0x2000, 1, linux_abi::kMapPrivate, static_cast<uint64_t>(fd), 0};
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 8 * i), block[i]).ok());
  const int64_t a = Call(nr::kMmap, {kBuf});
  ASSERT_GT(a, 0);
  EXPECT_EQ(GetBytes(a, 13), std::string("mapped bytes\0", 13));
  // A writable shared file mapping cannot be emulated.
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 16), 3).ok());
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 24), linux_abi::kMapShared).ok());
  EXPECT_EQ(Call(nr::kMmap, {kBuf}), -ENODEV);
  close(fd);
  unlink(path.c_str());
}

TEST_F(SyscallsTest, ProcSelfExeIsTheGuestProgram) {
  PutString("/proc/self/exe");
  EXPECT_EQ(Call(nr::kReadlink, {kPath, kBuf, 4096}), 18);
  EXPECT_EQ(GetBytes(kBuf, 18), "/guest/bin/busybox");
  EXPECT_EQ(Call(nr::kReadlinkat, {static_cast<uint64_t>(AT_FDCWD), kPath, kBuf, 6}), 6);
}

TEST_F(SyscallsTest, PipeAndDupUseBigEndianInts) {
  ASSERT_EQ(Call(nr::kPipe2, {kBuf, O_CLOEXEC}), 0);
  const int r = static_cast<int>(U32(kBuf)), w = static_cast<int>(U32(kBuf + 4));
  EXPECT_GT(r, 2);
  EXPECT_GT(w, 2);
  EXPECT_EQ(fcntl(r, F_GETFD), FD_CLOEXEC);
  const int64_t d = Call(nr::kDup, {static_cast<uint64_t>(w)});
  ASSERT_GT(d, 2);
  EXPECT_EQ(Call(nr::kFcntl, {static_cast<uint64_t>(d), F_GETFD, 0}), 0);
  EXPECT_EQ(Call(nr::kDup3, {static_cast<uint64_t>(w), static_cast<uint64_t>(d), O_CLOEXEC}), d);
  EXPECT_EQ(Call(nr::kFcntl, {static_cast<uint64_t>(d), F_GETFD, 0}), FD_CLOEXEC);
  EXPECT_EQ(Call(nr::kIoctl, {static_cast<uint64_t>(r), 0x5401 /* TCGETS */, kBuf}), -ENOTTY);
  EXPECT_EQ(Call(nr::kIoctl, {999, 0x5401, kBuf}), -EBADF);
  for (int fd : {r, w, static_cast<int>(d)}) close(fd);
}

TEST_F(SyscallsTest, WritevGathers) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  PutString("abc", kBuf);
  PutString("defg", kBuf + 0x10);
  const uint64_t iov[] = {kBuf, 3, kBuf + 0x10, 4};
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 0x100 + 8 * i), iov[i]).ok());
  EXPECT_EQ(Call(nr::kWritev, {static_cast<uint64_t>(fds[1]), kBuf + 0x100, 2}), 7);
  char got[8] = {};
  EXPECT_EQ(read(fds[0], got, sizeof(got)), 7);
  EXPECT_STREQ(got, "abcdefg");
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 0x110), 0x20).ok());  // second iov base: bad
  EXPECT_EQ(Call(nr::kWritev, {static_cast<uint64_t>(fds[1]), kBuf + 0x100, 2}), -EFAULT);
  EXPECT_EQ(Call(nr::kWritev, {static_cast<uint64_t>(fds[1]), kBuf + 0x100, 100000}), -EINVAL);
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallsTest, PollAndSelectSeeReadablePipes) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "x", 1), 1);
  // struct pollfd { int fd; short events; short revents; } x 2: the read end is readable.
  ASSERT_TRUE(memory_->Store<uint32_t>(GuestAddress(kBuf), static_cast<uint32_t>(fds[0])).ok());
  ASSERT_TRUE(memory_->Store<uint16_t>(GuestAddress(kBuf + 4), POLLIN).ok());
  ASSERT_TRUE(memory_->Store<uint32_t>(GuestAddress(kBuf + 8), static_cast<uint32_t>(fds[1])).ok());
  ASSERT_TRUE(memory_->Store<uint16_t>(GuestAddress(kBuf + 12), POLLIN).ok());
  EXPECT_EQ(Call(nr::kPoll, {kBuf, 2, 0}), 1);
  EXPECT_EQ(*memory_->Load<uint16_t>(GuestAddress(kBuf + 6)), POLLIN);
  EXPECT_EQ(*memory_->Load<uint16_t>(GuestAddress(kBuf + 14)), 0);
  EXPECT_EQ(Call(nr::kPpoll, {kBuf, 2, 0, 0, 0}), 1);
  // select: an fd_set of big-endian longs with both descriptors; only the read end stays set.
  const int maxfd = std::max(fds[0], fds[1]);
  ASSERT_LT(maxfd, 64);
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 0x100), (1ull << fds[0]) | (1ull << fds[1])).ok());
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 0x200), 0).ok());  // timeval {0, 0}
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 0x208), 0).ok());
  EXPECT_EQ(Call(nr::kSelect, {static_cast<uint64_t>(maxfd + 1), kBuf + 0x100, 0, 0, kBuf + 0x200}), 1);
  EXPECT_EQ(U64(kBuf + 0x100), 1ull << fds[0]);
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallsTest, HandleUsesRegistersAndReportsExit) {
  CpuState state;
  auto& gr = state.gr;
  gr[2] = kBuf;
  SyscallOutcome out = sys_->Handle(state, nr::kUname);
  EXPECT_FALSE(out.exit);
  EXPECT_EQ(gr[2], 0u);
  gr[2] = 0x1234;  // exit statuses are 8 bits
  out = sys_->Handle(state, nr::kExitGroup);
  EXPECT_TRUE(out.exit);
  EXPECT_EQ(out.exit_status, 0x34);
  gr[2] = 0;
  sys_->Handle(state, 9999);
  EXPECT_EQ(static_cast<int64_t>(gr[2]), -ENOSYS);
  gr[2] = 0;
  sys_->Handle(state, nr::kSetRobustList);
  EXPECT_EQ(static_cast<int64_t>(gr[2]), -ENOSYS);
}

TEST_F(SyscallsTest, StraceLine) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  LinuxSyscalls::Options options;
  options.strace = true;
  options.diag_fd = fds[1];
  Make(options);
  CpuState state;
  auto& gr = state.gr;
  gr[2] = static_cast<uint64_t>(AT_FDCWD);
  gr[3] = PutString("/nonexistent\n");
  gr[4] = O_RDONLY;
  sys_->Handle(state, nr::kOpenat);
  gr[2] = 1;
  gr[3] = kBuf;
  gr[4] = 0;
  sys_->Handle(state, nr::kWrite);
  char buf[512] = {};
  ASSERT_GT(read(fds[0], buf, sizeof(buf) - 1), 0);
  EXPECT_THAT(std::string(buf), HasSubstr("openat(AT_FDCWD, \"/nonexistent\\n\", 0x0, 00) = -1 ENOENT"));
  EXPECT_THAT(std::string(buf), HasSubstr("write(1, 0x100000, 0) = 0\n"));
  // The diagnostics descriptor is not the guest's.
  EXPECT_EQ(Call(nr::kClose, {static_cast<uint64_t>(fds[1])}), -EBADF);
  EXPECT_EQ(Call(nr::kDup2, {0, static_cast<uint64_t>(fds[1])}), -EBADF);
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallsTest, SigactionRecordsAndMirrorsIgnore) {
  // struct sigaction { handler, flags, restorer, mask }: set SIGPIPE to SIG_IGN.
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf), linux_abi::kSigIgn).ok());
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 8), 0x04000000).ok());
  ASSERT_EQ(Call(nr::kRtSigaction, {SIGPIPE, kBuf, 0, 8}), 0);
  struct sigaction host;
  sigaction(SIGPIPE, nullptr, &host);
  EXPECT_EQ(host.sa_handler, SIG_IGN);
  ASSERT_EQ(Call(nr::kRtSigaction, {SIGPIPE, 0, kBuf + 0x100, 8}), 0);
  EXPECT_EQ(U64(kBuf + 0x100), linux_abi::kSigIgn);
  EXPECT_EQ(U64(kBuf + 0x108), 0x04000000u);
  // A guest handler: the host catches the signal for delivery.
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf), 0x1000400).ok());
  ASSERT_EQ(Call(nr::kRtSigaction, {SIGPIPE, kBuf, 0, 8}), 0);
  sigaction(SIGPIPE, nullptr, &host);
  EXPECT_NE(host.sa_handler, SIG_IGN);
  EXPECT_NE(host.sa_handler, SIG_DFL);
  EXPECT_TRUE(host.sa_flags & SA_SIGINFO);
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf), linux_abi::kSigDfl).ok());
  ASSERT_EQ(Call(nr::kRtSigaction, {SIGPIPE, kBuf, 0, 8}), 0);
  sigaction(SIGPIPE, nullptr, &host);
  EXPECT_EQ(host.sa_handler, SIG_DFL);
  EXPECT_EQ(Call(nr::kRtSigaction, {SIGKILL, kBuf, 0, 8}), -EINVAL);
  EXPECT_EQ(Call(nr::kRtSigaction, {SIGPIPE, kBuf, 0, 16}), -EINVAL);
  // Faults stay the runner's: a guest SIG_IGN for SIGSEGV is recorded, not applied.
  struct sigaction segv_before;
  sigaction(SIGSEGV, nullptr, &segv_before);
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf), linux_abi::kSigIgn).ok());
  ASSERT_EQ(Call(nr::kRtSigaction, {SIGSEGV, kBuf, 0, 8}), 0);
  sigaction(SIGSEGV, nullptr, &host);
  EXPECT_EQ(host.sa_handler, segv_before.sa_handler);  // SIG_DFL, or the sanitizer's handler
}

// Installs a guest handler at `handler` for `sig` with `flags` (no SA_RESTORER: the frame's svc returns).
void SetAction(GuestMemory& memory, LinuxSyscalls& sys, int sig, uint64_t handler, uint64_t flags) {
  const uint64_t act = 0x300000;
  ASSERT_TRUE(memory.Store<uint64_t>(GuestAddress(act), handler).ok());
  ASSERT_TRUE(memory.Store<uint64_t>(GuestAddress(act + 8), flags).ok());
  ASSERT_TRUE(memory.Store<uint64_t>(GuestAddress(act + 16), 0).ok());
  ASSERT_TRUE(memory.Store<uint64_t>(GuestAddress(act + 24), 0).ok());
  SyscallOutcome out;
  ASSERT_EQ(sys.Call(nr::kRtSigaction, {static_cast<uint64_t>(sig), act, 0, 8}, &out), 0);
}

void RestoreDefault(int sig) { signal(sig, SIG_DFL); }

TEST_F(SyscallsTest, DeliversToGuestHandlerAndSigreturnRestores) {
  SetAction(*memory_, *sys_, SIGUSR1, 0x1000800, 0);
  CpuState state;
  state.psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, 0x1000100);
  state.psw.set_cc(2);
  for (int i = 0; i < 16; ++i) state.gr[i] = 0x1000 + i;
  state.gr[15] = 0x380000;
  state.ar[0] = 0xabcd;
  state.set_fpr(8, 0x4000000000000000ull);
  state.gr[2] = static_cast<uint64_t>(getpid());
  state.gr[3] = SIGUSR1;
  const CpuState before = state;
  sys_->Handle(state, nr::kKill);  // the signal arrives during the call, is delivered after it
  EXPECT_EQ(state.psw.address(), 0x1000800u);
  EXPECT_EQ(state.gr[2], static_cast<uint64_t>(SIGUSR1));
  const uint64_t frame = state.gr[15];
  EXPECT_EQ(frame, (0x380000 - 536) & ~7ull);  // sigframe without vector registers
  EXPECT_EQ(state.gr[3], frame + 160);            // &sigcontext
  EXPECT_EQ(state.gr[14], frame + 536 - 2);       // the svc in the frame
  EXPECT_EQ(*memory_->Load<uint16_t>(GuestAddress(state.gr[14])), 0x0a00 | nr::kSigreturn);
  EXPECT_EQ(U64(frame), 0x380000u);                // back chain
  EXPECT_EQ(U64(frame + 176 + 8), 0x1000100u);     // saved PSW address
  EXPECT_EQ(U64(frame + 176 + 16 + 8 * 9), 0x1009u);
  // The handler runs with SIGUSR1 blocked.
  uint64_t mask = 0;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, nullptr, &mask, 8);
  EXPECT_TRUE(mask & (1ull << (SIGUSR1 - 1)));
  // The handler clobbers registers, then returns through the frame's svc: sigreturn.
  state.gr[9] = 0;
  state.ar[0] = 0;
  state.psw.set_cc(0);
  state.psw.set_address(state.gr[14] + 2);
  sys_->Handle(state, nr::kSigreturn);
  EXPECT_EQ(state.psw.address(), 0x1000100u);
  EXPECT_EQ(state.psw.cc(), 2);
  EXPECT_EQ(state.gr[9], 0x1009u);
  EXPECT_EQ(state.gr[15], 0x380000u);
  EXPECT_EQ(state.gr[2], 0u);  // kill's result
  EXPECT_EQ(state.ar[0], 0xabcdu);
  EXPECT_EQ(state.fpr(8), before.fpr(8));
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, nullptr, &mask, 8);
  EXPECT_FALSE(mask & (1ull << (SIGUSR1 - 1)));
  RestoreDefault(SIGUSR1);
}

TEST_F(SyscallsTest, RtFrameCarriesSiginfoAndUcontext) {
  SetAction(*memory_, *sys_, SIGUSR2, 0x1000900, linux_abi::kSaSiginfo);
  CpuState state;
  state.psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, 0x1000200);
  state.gr[15] = 0x380000;
  state.gr[2] = static_cast<uint64_t>(getpid());
  state.gr[3] = SIGUSR2;
  sys_->Handle(state, nr::kKill);
  const uint64_t frame = state.gr[15];
  EXPECT_EQ(frame, (0x380000 - 808) & ~7ull);
  EXPECT_EQ(state.gr[3], frame + 168);
  EXPECT_EQ(state.gr[4], frame + 296);
  EXPECT_EQ(U32(frame + 168), static_cast<uint32_t>(SIGUSR2));         // si_signo
  EXPECT_EQ(U32(frame + 168 + 16), static_cast<uint32_t>(getpid()));   // si_pid
  EXPECT_EQ(U64(frame + 296 + 40 + 8), 0x1000200u);                    // uc_mcontext.psw.addr
  EXPECT_EQ(*memory_->Load<uint16_t>(GuestAddress(state.gr[14])), 0x0a00 | nr::kRtSigreturn);
  state.psw.set_address(state.gr[14] + 2);
  sys_->Handle(state, nr::kRtSigreturn);
  EXPECT_EQ(state.psw.address(), 0x1000200u);
  EXPECT_EQ(state.gr[15], 0x380000u);
  RestoreDefault(SIGUSR2);
}

TEST_F(SyscallsTest, InterruptedCallIsRestartedOnlyWithSaRestart) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  for (const bool restart : {true, false}) {
    SetAction(*memory_, *sys_, SIGALRM, 0x1000a00, restart ? linux_abi::kSaRestart : 0);
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, nullptr);
    CpuState state;
    state.psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, 0x1000302);  // just past the SVC
    state.gr[15] = 0x380000;
    state.gr[2] = static_cast<uint64_t>(fds[0]);
    state.gr[3] = kBuf;
    state.gr[4] = 16;
    sys_->Handle(state, nr::kRead);  // blocks on the empty pipe until SIGALRM
    EXPECT_EQ(state.psw.address(), 0x1000a00u);
    // The saved registers: the SVC again with its argument, or the EINTR result after it.
    const uint64_t saved = state.gr[15] + 176;
    if (restart) {
      EXPECT_EQ(U64(saved + 8), 0x1000300u);
      EXPECT_EQ(U64(saved + 16 + 16), static_cast<uint64_t>(fds[0]));
    } else {
      EXPECT_EQ(U64(saved + 8), 0x1000302u);
      EXPECT_EQ(static_cast<int64_t>(U64(saved + 16 + 16)), -EINTR);
    }
    state.psw.set_address(state.gr[14] + 2);
    sys_->Handle(state, nr::kSigreturn);
  }
  RestoreDefault(SIGALRM);
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallsTest, SigprocmaskRoundTrip) {
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf), uint64_t{1} << (SIGUSR1 - 1)).ok());
  ASSERT_EQ(Call(nr::kRtSigprocmask, {SIG_BLOCK, kBuf, kBuf + 8, 8}), 0);
  ASSERT_EQ(Call(nr::kRtSigprocmask, {SIG_SETMASK, 0, kBuf + 16, 8}), 0);
  EXPECT_EQ(U64(kBuf + 16) & (uint64_t{1} << (SIGUSR1 - 1)), uint64_t{1} << (SIGUSR1 - 1));
  ASSERT_EQ(Call(nr::kRtSigprocmask, {SIG_SETMASK, kBuf + 8, 0, 8}), 0);
}

TEST_F(SyscallsTest, ClockAndTime) {
  ASSERT_EQ(Call(nr::kClockGettime, {CLOCK_REALTIME, kBuf}), 0);
  EXPECT_GT(U64(kBuf), 1600000000u);
  EXPECT_LT(U64(kBuf + 8), 1000000000u);
  ASSERT_EQ(Call(nr::kGettimeofday, {kBuf, 0}), 0);
  EXPECT_GT(U64(kBuf), 1600000000u);
  EXPECT_LT(U64(kBuf + 8), 1000000u);
}

TEST_F(SyscallsTest, ForkAndWait) {
  const int64_t pid = Call(nr::kFork, {});
  if (pid == 0) _exit(7);  // the child continues "the same guest": here, the test
  ASSERT_GT(pid, 0);
  ASSERT_EQ(Call(nr::kWait4, {static_cast<uint64_t>(pid), kBuf, 0, kBuf + 0x100}), pid);
  const int status = static_cast<int>(U32(kBuf));
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  // Threads are not supported.
  EXPECT_EQ(Call(nr::kClone, {0, linux_abi::kCloneVm | linux_abi::kCloneThread | SIGCHLD}), -ENOSYS);
}

TEST_F(SyscallsTest, ExecveErrors) {
  LinuxSyscalls::Options options;
  options.reexec_argv = {"/proc/self/exe"};
  Make(options);
  PutString(tmpdir_ + "/no-such-program");
  EXPECT_EQ(Call(nr::kExecve, {kPath, 0, 0}), -ENOENT);
  // Not executable.
  const std::string file = tmpdir_ + "/not-exec";
  close(open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644));
  PutString(file);
  EXPECT_EQ(Call(nr::kExecve, {kPath, 0, 0}), -EACCES);
  // A host shell script: the interpreter is not an s390x program.
  const std::string script = tmpdir_ + "/script";
  int fd = open(script.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0755);
  ASSERT_EQ(write(fd, "#!/bin/sh\necho hi\n", 18), 18);
  close(fd);
  PutString(script);
  EXPECT_EQ(Call(nr::kExecve, {kPath, 0, 0}), -ENOEXEC);
  // A host binary.
  PutString("/bin/true");
  EXPECT_EQ(Call(nr::kExecve, {kPath, 0, 0}), -ENOEXEC);
  PutString(tmpdir_);
  EXPECT_EQ(Call(nr::kExecve, {kPath, 0, 0}), -EACCES);
  // argv pointing nowhere.
  PutString("/bin/true");
  EXPECT_EQ(Call(nr::kExecve, {kPath, 0x20, 0}), -EFAULT);
}

TEST_F(SyscallsTest, LimitsOnMemoryAreShadowed) {
  // RLIMIT_AS (9) would limit the runner's reservation: recorded, reported, not applied.
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf), 1 << 20).ok());
  ASSERT_TRUE(memory_->Store<uint64_t>(GuestAddress(kBuf + 8), 1 << 20).ok());
  ASSERT_EQ(Call(nr::kPrlimit64, {0, 9, kBuf, 0}), 0);
  ASSERT_EQ(Call(nr::kGetrlimit, {9, kBuf + 16}), 0);
  EXPECT_EQ(U64(kBuf + 16), 1u << 20);
  struct rlimit host;
  getrlimit(RLIMIT_AS, &host);
  EXPECT_NE(host.rlim_cur, 1u << 20);
  ASSERT_EQ(Call(nr::kGetrlimit, {RLIMIT_NOFILE, kBuf + 32}), 0);
  getrlimit(RLIMIT_NOFILE, &host);
  EXPECT_EQ(U64(kBuf + 32), host.rlim_cur);
}

TEST_F(SyscallsTest, GetcwdAndGetrandom) {
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof(cwd)), nullptr);
  EXPECT_EQ(Call(nr::kGetcwd, {kBuf, 4096}), static_cast<int64_t>(std::strlen(cwd) + 1));
  EXPECT_EQ(GetBytes(kBuf, std::strlen(cwd)), cwd);
  EXPECT_EQ(Call(nr::kGetcwd, {kBuf, 1}), -ERANGE);
  EXPECT_EQ(Call(nr::kGetrandom, {kBuf, 16, 0}), 16);
  EXPECT_EQ(Call(nr::kGetrandom, {0x20, 16, 0}), -EFAULT);
}

TEST(SyscallTable, SortedAndNamed) {
  EXPECT_STREQ(FindSyscall(nr::kOpenat)->name, "openat");
  EXPECT_STREQ(FindSyscall(nr::kExitGroup)->name, "exit_group");
  EXPECT_STREQ(FindSyscall(nr::kMmap)->name, "mmap");
  EXPECT_STREQ(FindSyscall(nr::kNewfstatat)->name, "newfstatat");
  EXPECT_STREQ(FindSyscall(nr::kClone3)->name, "clone3");
  EXPECT_EQ(FindSyscall(13), nullptr);  // time(2) does not exist on s390x
  uint64_t prev = 0;
  for (uint64_t n = 0; n < 500; ++n) {
    if (const SyscallInfo* s = FindSyscall(n)) {
      EXPECT_GT(s->number, prev);
      prev = s->number;
    }
  }
}

}  // namespace
}  // namespace s390vmm::s390x_run
