#include "tools/s390x_run/linux_abi.h"

#include <cstring>

#include "base/big_endian.h"

namespace s390vmm::s390x_run::linux_abi {
namespace {

void U16(uint8_t* out, uint64_t off, uint64_t v) { StoreBigEndian<uint16_t>(out + off, static_cast<uint16_t>(v)); }
void U32(uint8_t* out, uint64_t off, uint64_t v) { StoreBigEndian<uint32_t>(out + off, static_cast<uint32_t>(v)); }
void U64(uint8_t* out, uint64_t off, uint64_t v) { StoreBigEndian<uint64_t>(out + off, v); }

}  // namespace

void EncodeStat(const struct stat& st, uint8_t* out) {
  // arch/s390/include/uapi/asm/stat.h, the __s390x__ struct stat.
  std::memset(out, 0, kStatSize);
  U64(out, 0, st.st_dev);
  U64(out, 8, st.st_ino);
  U64(out, 16, st.st_nlink);
  U32(out, 24, st.st_mode);
  U32(out, 28, st.st_uid);
  U32(out, 32, st.st_gid);
  U64(out, 40, st.st_rdev);
  U64(out, 48, static_cast<uint64_t>(st.st_size));
  U64(out, 56, static_cast<uint64_t>(st.st_atim.tv_sec));
  U64(out, 64, static_cast<uint64_t>(st.st_atim.tv_nsec));
  U64(out, 72, static_cast<uint64_t>(st.st_mtim.tv_sec));
  U64(out, 80, static_cast<uint64_t>(st.st_mtim.tv_nsec));
  U64(out, 88, static_cast<uint64_t>(st.st_ctim.tv_sec));
  U64(out, 96, static_cast<uint64_t>(st.st_ctim.tv_nsec));
  U64(out, 104, static_cast<uint64_t>(st.st_blksize));
  U64(out, 112, static_cast<uint64_t>(st.st_blocks));
}

void EncodeStatfs(const struct statfs& st, uint8_t* out) {
  // arch/s390/include/uapi/asm/statfs.h: f_type and f_bsize are 32-bit on s390x.
  std::memset(out, 0, kStatfsSize);
  U32(out, 0, static_cast<uint64_t>(st.f_type));
  U32(out, 4, static_cast<uint64_t>(st.f_bsize));
  U64(out, 8, st.f_blocks);
  U64(out, 16, st.f_bfree);
  U64(out, 24, st.f_bavail);
  U64(out, 32, st.f_files);
  U64(out, 40, st.f_ffree);
  int fsid[2];
  static_assert(sizeof(fsid) == sizeof(st.f_fsid));
  std::memcpy(fsid, &st.f_fsid, sizeof(fsid));
  U32(out, 48, static_cast<uint32_t>(fsid[0]));
  U32(out, 52, static_cast<uint32_t>(fsid[1]));
  U32(out, 56, static_cast<uint64_t>(st.f_namelen));
  U32(out, 60, static_cast<uint64_t>(st.f_frsize));
  U32(out, 64, static_cast<uint64_t>(st.f_flags));
}

void EncodeTimespec(int64_t sec, int64_t nsec, uint8_t* out) {
  U64(out, 0, static_cast<uint64_t>(sec));
  U64(out, 8, static_cast<uint64_t>(nsec));
}

void EncodeRusage(const struct rusage& ru, uint8_t* out) {
  U64(out, 0, static_cast<uint64_t>(ru.ru_utime.tv_sec));
  U64(out, 8, static_cast<uint64_t>(ru.ru_utime.tv_usec));
  U64(out, 16, static_cast<uint64_t>(ru.ru_stime.tv_sec));
  U64(out, 24, static_cast<uint64_t>(ru.ru_stime.tv_usec));
  const long fields[] = {ru.ru_maxrss, ru.ru_ixrss,  ru.ru_idrss,  ru.ru_isrss,    ru.ru_minflt,
                         ru.ru_majflt, ru.ru_nswap,  ru.ru_inblock, ru.ru_oublock, ru.ru_msgsnd,
                         ru.ru_msgrcv, ru.ru_nsignals, ru.ru_nvcsw, ru.ru_nivcsw};
  for (int i = 0; i < 14; ++i) U64(out, 32 + 8 * i, static_cast<uint64_t>(fields[i]));
}

void EncodeSysinfo(const struct sysinfo& si, uint8_t* out) {
  std::memset(out, 0, kSysinfoSize);
  U64(out, 0, static_cast<uint64_t>(si.uptime));
  for (int i = 0; i < 3; ++i) U64(out, 8 + 8 * i, si.loads[i]);
  U64(out, 32, si.totalram);
  U64(out, 40, si.freeram);
  U64(out, 48, si.sharedram);
  U64(out, 56, si.bufferram);
  U64(out, 64, si.totalswap);
  U64(out, 72, si.freeswap);
  U16(out, 80, si.procs);
  U64(out, 88, si.totalhigh);
  U64(out, 96, si.freehigh);
  U32(out, 104, si.mem_unit);
}

// The kernel's struct termios (asm-generic/termbits.h) is what TCGETS transfers on both s390x and x86-64:
// glibc's struct termios is larger (speeds), so the fields are copied one by one.
void EncodeTermios(const struct termios& t, uint8_t* out) {
  std::memset(out, 0, kTermiosSize);
  U32(out, 0, t.c_iflag);
  U32(out, 4, t.c_oflag);
  U32(out, 8, t.c_cflag);
  U32(out, 12, t.c_lflag);
  out[16] = t.c_line;
  std::memcpy(out + 17, t.c_cc, 19);
}

void DecodeTermios(const uint8_t* in, struct termios* t) {
  std::memset(t, 0, sizeof(*t));
  t->c_iflag = LoadBigEndian<uint32_t>(in);
  t->c_oflag = LoadBigEndian<uint32_t>(in + 4);
  t->c_cflag = LoadBigEndian<uint32_t>(in + 8);
  t->c_lflag = LoadBigEndian<uint32_t>(in + 12);
  t->c_line = in[16];
  std::memcpy(t->c_cc, in + 17, 19);
}

}  // namespace s390vmm::s390x_run::linux_abi
