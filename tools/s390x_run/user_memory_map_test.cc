#include "tools/s390x_run/user_memory_map.h"

#include <cerrno>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::s390x_run {
namespace {

constexpr uint64_t kMiB = 1 << 20;

class UserMemoryMapTest : public ::testing::Test {
 protected:
  UserMemoryMapTest() {
    layout_.base = 0x10000;
    layout_.end = 256 * kMiB;
    layout_.stack_size = 8 * kMiB;
    layout_.stack_guard = kMiB;
    RegionSpec spec{GuestAddress(layout_.base), layout_.end - layout_.base};
    memory_ = *GuestMemory::Create(absl::MakeConstSpan(&spec, 1));
    map_ = std::make_unique<UserMemoryMap>(*memory_, layout_);
    map_->SetBrkStart(0x1004321);
  }
  uint8_t Byte(uint64_t addr) { return *memory_->Load<uint8_t>(GuestAddress(addr)); }
  void Poke(uint64_t addr, uint8_t v) { ASSERT_TRUE(memory_->Store<uint8_t>(GuestAddress(addr), v).ok()); }

  UserMemoryMap::Layout layout_;
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<UserMemoryMap> map_;
};

TEST_F(UserMemoryMapTest, LayoutPutsTheStackAtTheTop) {
  EXPECT_EQ(map_->stack_top(), 256 * kMiB);
  EXPECT_EQ(map_->stack_bottom(), 248 * kMiB);
  EXPECT_EQ(map_->mmap_top(), 247 * kMiB);
  EXPECT_EQ(map_->brk_start(), 0x1005000u);  // page-aligned end of the image
}

TEST_F(UserMemoryMapTest, BrkGrowsShrinksAndHandsOutZeroMemory) {
  EXPECT_EQ(map_->Brk(0), 0x1005000u);
  EXPECT_EQ(map_->Brk(0x1000000), 0x1005000u);  // below the start: refused, current break returned
  EXPECT_EQ(map_->Brk(0x1025b20), 0x1025b20u);
  Poke(0x1024000, 7);
  Poke(0x1025b00, 9);
  EXPECT_EQ(map_->Brk(0x1010000), 0x1010000u);
  // Pages given back are zero when the break grows again (glibc's malloc relies on it).
  EXPECT_EQ(map_->Brk(0x1030000), 0x1030000u);
  EXPECT_EQ(Byte(0x1024000), 0);
  EXPECT_EQ(Byte(0x1025b00), 0);
  EXPECT_EQ(map_->Brk(layout_.end + 1), 0x1030000u);
}

TEST_F(UserMemoryMapTest, BrkStopsAtMappings) {
  ASSERT_EQ(map_->Map(0x2000000, kMiB, /*fixed=*/true, false), 0x2000000);
  EXPECT_EQ(map_->Brk(0x2000000), 0x2000000u);
  EXPECT_EQ(map_->Brk(0x2000001), 0x2000000u);
}

TEST_F(UserMemoryMapTest, MapsTopDownAndZeroes) {
  const int64_t a = map_->Map(0, 3 * kPageSize + 1, false, false);
  EXPECT_EQ(a, static_cast<int64_t>(map_->mmap_top() - 4 * kPageSize));
  const int64_t b = map_->Map(0, kPageSize, false, false);
  EXPECT_EQ(b, a - static_cast<int64_t>(kPageSize));
  EXPECT_EQ(map_->mapped_bytes(), 5 * kPageSize);
  EXPECT_TRUE(map_->IsMapped(b, 5 * kPageSize));
  Poke(a + 10, 1);
  EXPECT_EQ(map_->Unmap(a, 4 * kPageSize), 0);
  EXPECT_FALSE(map_->IsMapped(a, 1));
  EXPECT_EQ(Byte(a + 10), 0);
  // The hole is reused.
  EXPECT_EQ(map_->Map(0, 2 * kPageSize, false, false), a + 2 * static_cast<int64_t>(kPageSize));
}

TEST_F(UserMemoryMapTest, HintsAndFixedMappings) {
  EXPECT_EQ(map_->Map(0x4000000, kPageSize, false, false), 0x4000000);
  // A hint that is taken falls back to a free range.
  EXPECT_NE(map_->Map(0x4000000, kPageSize, false, false), 0x4000000);
  Poke(0x4000000, 5);
  // MAP_FIXED replaces (and clears), MAP_FIXED_NOREPLACE refuses.
  EXPECT_EQ(map_->Map(0x4000000, kPageSize, true, /*noreplace=*/true), -EEXIST);
  EXPECT_EQ(map_->Map(0x4000000, 2 * kPageSize, true, false), 0x4000000);
  EXPECT_EQ(Byte(0x4000000), 0);
  EXPECT_EQ(map_->Map(0x4000001, kPageSize, true, false), -EINVAL);
  EXPECT_EQ(map_->Map(layout_.end, kPageSize, true, false), -ENOMEM);
  EXPECT_EQ(map_->Map(0, 0, false, false), -EINVAL);
  EXPECT_EQ(map_->Map(0, 1ull << 40, false, false), -ENOMEM);
}

TEST_F(UserMemoryMapTest, UnmapChecksArguments) {
  EXPECT_EQ(map_->Unmap(0x4000001, kPageSize), -EINVAL);
  EXPECT_EQ(map_->Unmap(0x4000000, 0), -EINVAL);
  EXPECT_EQ(map_->Unmap(0x1000, kPageSize), -EINVAL);  // below the region
  EXPECT_EQ(map_->Unmap(0x4000000, kPageSize), 0);     // nothing mapped there: fine
  // Unmapping the middle of a mapping splits it.
  ASSERT_EQ(map_->Map(0x5000000, 3 * kPageSize, true, false), 0x5000000);
  EXPECT_EQ(map_->Unmap(0x5001000, kPageSize), 0);
  EXPECT_TRUE(map_->IsMapped(0x5000000, kPageSize));
  EXPECT_FALSE(map_->IsMapped(0x5001000, kPageSize));
  EXPECT_TRUE(map_->IsMapped(0x5002000, kPageSize));
}

TEST_F(UserMemoryMapTest, RemapGrowsInPlaceOrMoves) {
  const int64_t a = map_->Map(0x6000000, 2 * kPageSize, true, false);
  ASSERT_EQ(a, 0x6000000);
  Poke(0x6000010, 42);
  // Room above: grows in place.
  EXPECT_EQ(map_->Remap(0x6000000, 2 * kPageSize, 4 * kPageSize, false, false, 0), 0x6000000);
  EXPECT_TRUE(map_->IsMapped(0x6000000, 4 * kPageSize));
  // Blocked above: moves only with MREMAP_MAYMOVE, keeping the contents.
  ASSERT_EQ(map_->Map(0x6004000, kPageSize, true, false), 0x6004000);
  EXPECT_EQ(map_->Remap(0x6000000, 4 * kPageSize, 8 * kPageSize, false, false, 0), -ENOMEM);
  const int64_t moved = map_->Remap(0x6000000, 4 * kPageSize, 8 * kPageSize, true, false, 0);
  ASSERT_GT(moved, 0);
  EXPECT_NE(moved, 0x6000000);
  EXPECT_EQ(Byte(moved + 0x10), 42);
  EXPECT_FALSE(map_->IsMapped(0x6000000, kPageSize));
  EXPECT_EQ(Byte(0x6000010), 0);
  // Shrinking keeps the address.
  EXPECT_EQ(map_->Remap(moved, 8 * kPageSize, kPageSize, false, false, 0), moved);
  EXPECT_FALSE(map_->IsMapped(moved + kPageSize, kPageSize));
  // MREMAP_FIXED.
  EXPECT_EQ(map_->Remap(moved, kPageSize, kPageSize, true, true, 0x7000000), 0x7000000);
  EXPECT_EQ(Byte(0x7000010), 42);
  // Errors.
  EXPECT_EQ(map_->Remap(0x7000001, kPageSize, kPageSize, true, false, 0), -EINVAL);
  EXPECT_EQ(map_->Remap(0x7000000, kPageSize, 0, true, false, 0), -EINVAL);
  EXPECT_EQ(map_->Remap(0x8000000, kPageSize, 2 * kPageSize, true, false, 0), -EFAULT);
}

}  // namespace
}  // namespace s390vmm::s390x_run
