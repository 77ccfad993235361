#include "pv/boot/boot_stubs.h"

#include <algorithm>

#include "base/big_endian.h"
#include "gtest/gtest.h"

namespace s390vmm::pv {
namespace {

bool AllZero(absl::Span<const uint8_t> s) {
  return std::all_of(s.begin(), s.end(), [](uint8_t b) { return b == 0; });
}

TEST(BootStubs, Stage3aHasBothEntriesAndTrailingArgs) {
  absl::Span<const uint8_t> a = Stage3aBinary();
  ASSERT_GT(a.size(), kStage3aEntry - kStage3aLoadAddress + kStage3aArgsSize);
  EXPECT_LT(a.size(), 0x2000u);  // IPIB then lands at 0x12000
  EXPECT_EQ(a.size() % 8, 0u);
  // 0x10000: LHI r1,1 (A7 18 0001) starts the ESA/390 entry.
  EXPECT_EQ(LoadBigEndian<uint32_t>(a.data()), 0xa7180001u);
  // 0x11000: LARL r13,... (C0 D0) starts the main path the IPL PSW enters.
  EXPECT_EQ(a[0x1000], 0xc0);
  EXPECT_EQ(a[0x1001], 0xd0);
  // LARL's target (halfwords from the instruction) is the args block at the very end.
  int32_t halfwords = static_cast<int32_t>(LoadBigEndian<uint32_t>(&a[0x1002]));
  EXPECT_EQ(0x1000 + 2 * static_cast<int64_t>(halfwords), static_cast<int64_t>(a.size() - kStage3aArgsSize));
  EXPECT_TRUE(AllZero(a.last(kStage3aArgsSize)));
}

TEST(BootStubs, Stage3bStartsWithLarlOfItsTrailingArgs) {
  absl::Span<const uint8_t> b = Stage3bBinary();
  ASSERT_GT(b.size(), kStage3bArgsSize);
  EXPECT_EQ(b.size() % 8, 0u);
  EXPECT_EQ(b[0], 0xc0);
  EXPECT_EQ(b[1], 0xd0);
  int32_t halfwords = static_cast<int32_t>(LoadBigEndian<uint32_t>(&b[2]));
  EXPECT_EQ(2 * static_cast<int64_t>(halfwords), static_cast<int64_t>(b.size() - kStage3bArgsSize));
  EXPECT_TRUE(AllZero(b.last(kStage3bArgsSize)));
}

}  // namespace
}  // namespace s390vmm::pv
