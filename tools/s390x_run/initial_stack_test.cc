#include "tools/s390x_run/initial_stack.h"

#include <algorithm>
#include <map>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::s390x_run {
namespace {

using ::testing::HasSubstr;

constexpr uint64_t kTop = 64 << 20;

class InitialStackTest : public ::testing::Test {
 protected:
  InitialStackTest() {
    RegionSpec spec{GuestAddress(0x10000), kTop - 0x10000};
    memory_ = *GuestMemory::Create(absl::MakeConstSpan(&spec, 1));
  }
  uint64_t U64(uint64_t addr) { return *memory_->Load<uint64_t>(GuestAddress(addr)); }
  std::string Str(uint64_t addr) {
    std::string s;
    for (;; ++addr) {
      const uint8_t c = *memory_->Load<uint8_t>(GuestAddress(addr));
      if (c == 0) return s;
      s += static_cast<char>(c);
    }
  }
  std::unique_ptr<GuestMemory> memory_;
};

TEST_F(InitialStackTest, LinuxLayout) {
  InitialStackSpec spec;
  spec.argv = {"busybox", "echo", "hi"};
  spec.envp = {"PATH=/bin", "LC_ALL=C"};
  spec.execfn = "/bin/busybox";
  spec.platform = "z196";
  for (int i = 0; i < 16; ++i) spec.random[i] = static_cast<uint8_t>(0xa0 + i);
  spec.auxv = {{auxv::kAtHwcap, 567}, {auxv::kAtPagesz, 4096}, {auxv::kAtPhdr, 0x1000040},
               {auxv::kAtPhnum, 8}, {auxv::kAtEntry, 0x1000a00}};
  auto stack = BuildInitialStack(*memory_, kTop, 1 << 20, spec);
  ASSERT_TRUE(stack.ok()) << stack.status();
  const uint64_t sp = stack->sp;
  EXPECT_EQ(sp % 16, 0u);
  EXPECT_LT(sp, kTop);
  EXPECT_GT(sp, kTop - 4096);
  EXPECT_EQ(U64(sp), 3u);  // argc
  EXPECT_EQ(stack->argv, sp + 8);
  EXPECT_EQ(Str(U64(sp + 8)), "busybox");
  EXPECT_EQ(Str(U64(sp + 16)), "echo");
  EXPECT_EQ(Str(U64(sp + 24)), "hi");
  EXPECT_EQ(U64(sp + 32), 0u);
  EXPECT_EQ(stack->envp, sp + 40);
  EXPECT_EQ(Str(U64(sp + 40)), "PATH=/bin");
  EXPECT_EQ(Str(U64(sp + 48)), "LC_ALL=C");
  EXPECT_EQ(U64(sp + 56), 0u);
  EXPECT_EQ(stack->auxv, sp + 64);
  std::map<uint64_t, uint64_t> aux;
  std::vector<uint64_t> order;
  for (uint64_t p = stack->auxv;; p += 16) {
    order.push_back(U64(p));
    aux[U64(p)] = U64(p + 8);
    if (U64(p) == auxv::kAtNull) break;
  }
  EXPECT_EQ(order.front(), auxv::kAtHwcap);
  EXPECT_EQ(aux[auxv::kAtHwcap], 567u);
  EXPECT_EQ(aux[auxv::kAtPhdr], 0x1000040u);
  EXPECT_EQ(Str(aux[auxv::kAtPlatform]), "z196");
  EXPECT_EQ(Str(aux[auxv::kAtExecfn]), "/bin/busybox");
  EXPECT_EQ(aux[auxv::kAtRandom], stack->random);
  EXPECT_EQ(*memory_->Load<uint8_t>(GuestAddress(stack->random)), 0xa0);
  EXPECT_EQ(*memory_->Load<uint8_t>(GuestAddress(stack->random + 15)), 0xaf);
  // Strings sit above the table, the last 8 bytes of the stack are a NULL word.
  EXPECT_GT(U64(sp + 8), stack->auxv);
  EXPECT_EQ(U64(kTop - 8), 0u);
}

TEST_F(InitialStackTest, TooLargeIsResourceExhausted) {
  InitialStackSpec spec;
  spec.argv = {std::string(8000, 'x')};
  auto stack = BuildInitialStack(*memory_, kTop, 4096, spec);
  EXPECT_EQ(stack.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(stack.status().message()), HasSubstr("argument list too long"));
}

TEST(Hwcap, MatchesLinuxForTheModels) {
  // z196 in s390vmm: facilities 0 1 2 7 18 19 21 22 25 27 31 32 33 34 35 37 41 45 (no MSA 17, no ETF3
  // enhancement 30, no DFP 42/44, no EDAT 8, no vector 129).
  const std::vector<int> z196 = {0, 1, 2, 7, 18, 19, 21, 22, 25, 27, 31, 32, 33, 34, 35, 37, 41, 45};
  auto has = [](std::vector<int> bits) {
    return [bits](int bit) { return std::find(bits.begin(), bits.end(), bit) != bits.end(); };
  };
  EXPECT_EQ(HwcapForFacilities(has(z196)),
            hwcap::kEsan3 | hwcap::kZarch | hwcap::kStfle | hwcap::kLdisp | hwcap::kEimm | hwcap::kHighGprs);
  std::vector<int> z15 = z196;
  for (int b : {8, 17, 30, 42, 44, 129, 135, 148}) z15.push_back(b);
  EXPECT_EQ(HwcapForFacilities(has(z15)), hwcap::kEsan3 | hwcap::kZarch | hwcap::kStfle | hwcap::kMsa |
                                              hwcap::kLdisp | hwcap::kEimm | hwcap::kDfp | hwcap::kHpage |
                                              hwcap::kEtf3eh | hwcap::kHighGprs | hwcap::kVxrs |
                                              hwcap::kVxrsExt | hwcap::kVxrsExt2);
  // Vector-enhancement bits without the vector facility give nothing.
  EXPECT_EQ(HwcapForFacilities(has({135})) & hwcap::kVxrsExt, 0u);
}

TEST(Platform, NamesLinuxUses) {
  EXPECT_EQ(PlatformForMachineType(0x2817), "z196");
  EXPECT_EQ(PlatformForMachineType(0x2097), "z10");
  EXPECT_EQ(PlatformForMachineType(0x8561), "z15");
  EXPECT_EQ(PlatformForMachineType(0x1234), "z900");
}

}  // namespace
}  // namespace s390vmm::s390x_run
