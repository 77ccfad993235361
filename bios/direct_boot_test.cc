#include "bios/direct_boot.h"

#include <cstring>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

using ::testing::HasSubstr;

constexpr uint64_t kMiB = 1 << 20;

// A raw image shaped like Debian's vmlinuz: short IPL PSW at 0, "S390EP" at 0x10008, max command
// line size at 0x10430.
std::vector<uint8_t> RawLinux(size_t size, uint64_t max_cmdline = 0x1000) {
  std::vector<uint8_t> img(size, 0);
  StoreBigEndian<uint32_t>(img.data(), 0x00080000);
  StoreBigEndian<uint32_t>(img.data() + 4, 0x80000200);
  std::memcpy(img.data() + 0x10008, "S390EP", 6);
  StoreBigEndian<uint64_t>(img.data() + 0x10430, max_cmdline);
  img[0x10000] = 0xa7;  // something at the entry
  return img;
}

std::vector<uint8_t> Elf(uint16_t machine, uint64_t paddr, std::vector<uint8_t> payload, uint64_t memsz) {
  std::vector<uint8_t> f(64 + 56, 0);
  std::memcpy(f.data(), "\x7f" "ELF", 4);
  f[4] = 2;  // 64-bit
  f[5] = 2;  // big-endian
  f[6] = 1;
  StoreBigEndian<uint16_t>(f.data() + 16, 2);  // ET_EXEC
  StoreBigEndian<uint16_t>(f.data() + 18, machine);
  StoreBigEndian<uint64_t>(f.data() + 24, paddr);  // entry
  StoreBigEndian<uint64_t>(f.data() + 32, 64);     // phoff
  StoreBigEndian<uint16_t>(f.data() + 54, 56);
  StoreBigEndian<uint16_t>(f.data() + 56, 1);
  uint8_t* ph = f.data() + 64;
  StoreBigEndian<uint32_t>(ph, 1);  // PT_LOAD
  StoreBigEndian<uint64_t>(ph + 8, f.size());
  StoreBigEndian<uint64_t>(ph + 16, paddr);
  StoreBigEndian<uint64_t>(ph + 24, paddr);
  StoreBigEndian<uint64_t>(ph + 32, payload.size());
  StoreBigEndian<uint64_t>(ph + 40, memsz);
  f.insert(f.end(), payload.begin(), payload.end());
  return f;
}

class DirectBootTest : public ::testing::Test {
 protected:
  std::unique_ptr<GuestMemory> mem_ = *GuestMemory::CreateFlat(64 * kMiB);
};

TEST_F(DirectBootTest, RawLinuxImageWithInitrdAndCommandLine) {
  std::vector<uint8_t> kernel = RawLinux(3 * kMiB);
  std::vector<uint8_t> initrd(5000, 0x42);
  auto r = LoadDirectBoot(*mem_, kernel, initrd, "console=ttysclp0 rdinit=/init");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->psw, Psw(Psw::kEa | Psw::kBa, 0x10000));
  EXPECT_EQ(*mem_->Load<uint8_t>(GuestAddress(0x10000)), 0xa7);
  EXPECT_EQ(r->initrd_start, 0x800000u);  // 8 MiB: the kernel ends well below 7 MiB
  EXPECT_EQ(*mem_->Load<uint64_t>(GuestAddress(0x10408)), 0x800000u);
  EXPECT_EQ(*mem_->Load<uint64_t>(GuestAddress(0x10410)), 5000u);
  EXPECT_EQ(*mem_->Load<uint8_t>(GuestAddress(0x800000 + 4999)), 0x42);
  char cmdline[32] = {};
  ASSERT_TRUE(mem_->Read(GuestAddress(0x10480), absl::MakeSpan(reinterpret_cast<uint8_t*>(cmdline), 31)).ok());
  EXPECT_STREQ(cmdline, "console=ttysclp0 rdinit=/init");
}

TEST_F(DirectBootTest, InitrdMovesAboveALargeKernel) {
  auto r = LoadDirectBoot(*mem_, RawLinux(9 * kMiB + 5), std::vector<uint8_t>(10, 1), "");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->initrd_start, 11 * kMiB);  // first 1 MiB step at least 1 MiB past the kernel's end
}

TEST_F(DirectBootTest, CommandLineBoundedByTheKernelsMaximum) {
  auto r = LoadDirectBoot(*mem_, RawLinux(kMiB, /*max_cmdline=*/16), {}, std::string(16, 'x'));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("at most 16"));
  // No maximum in the image: the legacy 896 bytes.
  r = LoadDirectBoot(*mem_, RawLinux(kMiB, 0), {}, std::string(896, 'x'));
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(LoadDirectBoot(*mem_, RawLinux(kMiB, 0), {}, std::string(895, 'x')).ok());
}

TEST_F(DirectBootTest, ElfKernel) {
  std::vector<uint8_t> payload(0x100, 0x07);
  auto r = LoadDirectBoot(*mem_, Elf(22, 0x20000, payload, 0x2000), {}, "");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->psw.address(), 0x20000u);
  EXPECT_EQ(r->kernel_end, 0x22000u);
  EXPECT_EQ(*mem_->Load<uint8_t>(GuestAddress(0x200ff)), 0x07);
  EXPECT_EQ(*mem_->Load<uint8_t>(GuestAddress(0x20100)), 0x00);  // bss cleared
}

TEST_F(DirectBootTest, BadKernelsGetClearErrors) {
  EXPECT_THAT(LoadDirectBoot(*mem_, {}, {}, "").status().message(), HasSubstr("is empty"));
  std::vector<uint8_t> bz(0x300, 0);
  std::memcpy(bz.data() + 0x202, "HdrS", 4);
  EXPECT_THAT(LoadDirectBoot(*mem_, bz, {}, "").status().message(), HasSubstr("x86 Linux bzImage"));
  EXPECT_THAT(LoadDirectBoot(*mem_, std::vector<uint8_t>{0x1f, 0x8b, 8, 0}, {}, "").status().message(),
              HasSubstr("gzip"));
  EXPECT_THAT(LoadDirectBoot(*mem_, std::vector<uint8_t>(100, 0), {}, "").status().message(),
              HasSubstr("not an s390x kernel"));
  EXPECT_THAT(LoadDirectBoot(*mem_, Elf(62, 0x20000, {1}, 1), {}, "").status().message(),
              HasSubstr("machine 62"));
  std::vector<uint8_t> truncated = Elf(22, 0x20000, std::vector<uint8_t>(64, 1), 64);
  truncated.resize(truncated.size() - 10);
  EXPECT_THAT(LoadDirectBoot(*mem_, truncated, {}, "").status().message(), HasSubstr("truncated"));
  EXPECT_THAT(LoadDirectBoot(*mem_, Elf(22, 63 * kMiB, {1}, 2 * kMiB), {}, "").status().message(),
              HasSubstr("does not fit"));
  EXPECT_THAT(LoadDirectBoot(*mem_, RawLinux(65 * kMiB), {}, "").status().message(), HasSubstr("does not fit"));
  EXPECT_THAT(LoadDirectBoot(*mem_, RawLinux(kMiB), std::vector<uint8_t>(60 * kMiB, 0), "").status().message(),
              HasSubstr("initrd"));
  EXPECT_EQ(LoadDirectBootFiles(*mem_, "/nonexistent/vmlinuz", "", "").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace s390vmm
