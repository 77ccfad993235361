#include "memory/guest_memory.h"

#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr uint64_t kMiB = 1 << 20;

std::unique_ptr<GuestMemory> Flat(uint64_t size, MemoryBacking backing = MemoryBacking::kAnonymous) {
  auto mem = GuestMemory::CreateFlat(size, backing);
  EXPECT_TRUE(mem.ok()) << mem.status();
  return *std::move(mem);
}

TEST(GuestAddress, CheckedAndWrappingArithmetic) {
  GuestAddress a(0xffff'ffff'ffff'fff0);
  EXPECT_EQ(a.CheckedAdd(0xf)->value(), 0xffff'ffff'ffff'ffffull);
  EXPECT_FALSE(a.CheckedAdd(0x10).has_value());
  EXPECT_EQ(a.WrappingAdd(0x20).value(), 0x10u);
  EXPECT_EQ(GuestAddress(0x12345).PageBase().value(), 0x12000u);
  EXPECT_EQ(GuestAddress(0x12345).PageOffset(), 0x345u);
  EXPECT_EQ(GuestAddress(0x12345).ToString(), "0x12345");
}

TEST(StorageKey, FieldsMatchSskeByteLayout) {
  StorageKey k = StorageKey::Make(/*acc=*/9, /*fetch_protected=*/true, /*referenced=*/false, /*changed=*/true);
  EXPECT_EQ(k.byte(), 0x9a);
  EXPECT_EQ(k.acc(), 9);
  EXPECT_TRUE(k.fetch_protected());
  EXPECT_FALSE(k.referenced());
  EXPECT_TRUE(k.changed());
  EXPECT_EQ(StorageKey(0xff).byte(), 0xfe);  // bit 7 is not part of the key
}

TEST(GuestMemoryCreate, RejectsBadRegions) {
  EXPECT_THAT(GuestMemory::Create({}).status().message(), HasSubstr("at least one region"));
  EXPECT_THAT(GuestMemory::CreateFlat(0).status().message(), HasSubstr("size 0"));
  EXPECT_THAT(GuestMemory::CreateFlat(4097).status().message(), HasSubstr("not aligned"));
  RegionSpec unaligned[] = {{GuestAddress(0x800), kPageSize}};
  EXPECT_THAT(GuestMemory::Create(unaligned).status().message(), HasSubstr("not aligned"));
  RegionSpec overlap[] = {{GuestAddress(0), 2 * kPageSize}, {GuestAddress(kPageSize), kPageSize}};
  EXPECT_THAT(GuestMemory::Create(overlap).status().message(), HasSubstr("overlap"));
  RegionSpec wrap[] = {{GuestAddress(0xffff'ffff'ffff'f000), 2 * kPageSize}};
  EXPECT_THAT(GuestMemory::Create(wrap).status().message(), HasSubstr("wraps"));
  EXPECT_EQ(GuestMemory::CreateFlat(1ull << 62).status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(GuestMemory, BigEndianLoadStore) {
  auto mem = Flat(kMiB);
  ASSERT_TRUE(mem->Store<uint32_t>(GuestAddress(0x100), 0x11223344).ok());
  uint8_t raw[4];
  ASSERT_TRUE(mem->Read(GuestAddress(0x100), absl::MakeSpan(raw)).ok());
  EXPECT_THAT(raw, ElementsAre(0x11, 0x22, 0x33, 0x44));
  EXPECT_EQ(*mem->Load<uint16_t>(GuestAddress(0x101)), 0x2233);
  EXPECT_EQ(*mem->Load<uint8_t>(GuestAddress(0x103)), 0x44);
  ASSERT_TRUE(mem->Store<int64_t>(GuestAddress(0x1ffd), -2).ok());  // unaligned, across a page
  EXPECT_EQ(*mem->Load<int64_t>(GuestAddress(0x1ffd)), -2);
  EXPECT_EQ(*mem->Load<uint64_t>(GuestAddress(0x1ffd)), 0xffff'ffff'ffff'fffeull);
  // Fresh memory reads as zero.
  EXPECT_EQ(*mem->Load<uint64_t>(GuestAddress(kMiB - 8)), 0u);
}

TEST(GuestMemory, OutOfRangeAccessesFailAndTouchNothing) {
  auto mem = Flat(kMiB);
  ASSERT_TRUE(mem->Fill(GuestAddress(kMiB - 4), 4, 0xaa).ok());
  // Last valid byte, then one past it.
  EXPECT_TRUE(mem->Load<uint8_t>(GuestAddress(kMiB - 1)).ok());
  absl::StatusOr<uint8_t> past = mem->Load<uint8_t>(GuestAddress(kMiB));
  EXPECT_EQ(past.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(past.status().message(), HasSubstr("[0x100000, +0x1)"));
  // Straddling the end: an error and no partial write.
  EXPECT_EQ(mem->Store<uint64_t>(GuestAddress(kMiB - 4), 0).code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(*mem->Load<uint32_t>(GuestAddress(kMiB - 4)), 0xaaaaaaaau);
  // Near 2^64, including lengths that wrap around to low (valid) addresses.
  EXPECT_FALSE(mem->Load<uint64_t>(GuestAddress(std::numeric_limits<uint64_t>::max() - 3)).ok());
  uint8_t buf[16];
  EXPECT_FALSE(mem->Read(GuestAddress(0xffff'ffff'ffff'fff8), absl::MakeSpan(buf)).ok());
  EXPECT_FALSE(mem->Contains(GuestAddress(0xffff'ffff'ffff'fff8), 16));
  EXPECT_FALSE(mem->Contains(GuestAddress(1), std::numeric_limits<uint64_t>::max()));
  EXPECT_FALSE(mem->Fill(GuestAddress(0), kMiB + 1, 0).ok());
}

TEST(GuestMemory, ZeroLengthAccessesSucceedAnywhere) {
  auto mem = Flat(kMiB);
  EXPECT_TRUE(mem->Read(GuestAddress(~0ull), absl::Span<uint8_t>()).ok());
  EXPECT_TRUE(mem->Write(GuestAddress(5 * kMiB), absl::Span<const uint8_t>()).ok());
  auto span = mem->HostSpan(GuestAddress(~0ull), 0);
  ASSERT_TRUE(span.ok());
  EXPECT_TRUE(span->empty());
  EXPECT_TRUE(mem->Contains(GuestAddress(~0ull), 0));
}

TEST(GuestMemory, AccessesSpanAdjacentRegionsButNotHoles) {
  // [0, 1 MiB) and [1 MiB, 2 MiB) are adjacent; [4 MiB, 5 MiB) follows a hole.
  RegionSpec specs[] = {{GuestAddress(4 * kMiB), kMiB}, {GuestAddress(0), kMiB}, {GuestAddress(kMiB), kMiB}};
  auto mem = GuestMemory::Create(specs);
  ASSERT_TRUE(mem.ok()) << mem.status();
  GuestMemory& m = **mem;
  EXPECT_EQ(m.total_size(), 3 * kMiB);
  EXPECT_EQ(m.end().value(), 5 * kMiB);
  ASSERT_EQ(m.regions().size(), 3u);
  EXPECT_EQ(m.regions()[1].base.value(), kMiB);  // sorted

  ASSERT_TRUE(m.Store<uint64_t>(GuestAddress(kMiB - 4), 0x0102030405060708).ok());
  EXPECT_EQ(*m.Load<uint64_t>(GuestAddress(kMiB - 4)), 0x0102030405060708u);
  EXPECT_EQ(*m.Load<uint32_t>(GuestAddress(kMiB)), 0x05060708u);

  EXPECT_FALSE(m.Load<uint64_t>(GuestAddress(2 * kMiB - 4)).ok());  // runs into the hole
  EXPECT_FALSE(m.Load<uint8_t>(GuestAddress(3 * kMiB)).ok());       // in the hole
  EXPECT_TRUE(m.Load<uint8_t>(GuestAddress(4 * kMiB)).ok());
  EXPECT_FALSE(m.Load<uint16_t>(GuestAddress(5 * kMiB - 1)).ok());

  // A host span must stay inside one region, even if the next one is adjacent.
  auto span = m.HostSpan(GuestAddress(kMiB - 4), 8);
  EXPECT_EQ(span.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(span.status().message(), HasSubstr("single host span"));
}

TEST(GuestMemory, RegionEndingAtTopOfAddressSpace) {
  RegionSpec specs[] = {{GuestAddress(0xffff'ffff'ffff'e000), 2 * kPageSize}};
  auto mem = GuestMemory::Create(specs);
  ASSERT_TRUE(mem.ok()) << mem.status();
  GuestMemory& m = **mem;
  ASSERT_TRUE(m.Store<uint64_t>(GuestAddress(0xffff'ffff'ffff'fff8), 42).ok());
  EXPECT_EQ(*m.Load<uint64_t>(GuestAddress(0xffff'ffff'ffff'fff8)), 42u);
  EXPECT_FALSE(m.Load<uint64_t>(GuestAddress(0xffff'ffff'ffff'fffc)).ok());  // would wrap to 0
  EXPECT_FALSE(m.Load<uint8_t>(GuestAddress(0)).ok());
}

TEST(GuestMemory, HostSpanAliasesGuestBytes) {
  auto mem = Flat(kMiB);
  auto span = mem->HostSpan(GuestAddress(0x2000), 16);
  ASSERT_TRUE(span.ok());
  (*span)[0] = 0xde;
  (*span)[1] = 0xad;
  EXPECT_EQ(*mem->Load<uint16_t>(GuestAddress(0x2000)), 0xdead);
  EXPECT_FALSE(mem->HostSpan(GuestAddress(kMiB - 8), 16).ok());
}

TEST(GuestMemory, MemfdBackingIsSharedWithTheFd) {
  auto mem = Flat(kMiB, MemoryBacking::kMemfd);
  ASSERT_EQ(mem->regions().size(), 1u);
  int fd = mem->regions()[0].fd;
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(mem->Store<uint32_t>(GuestAddress(0x3000), 0xcafef00d).ok());
  uint8_t bytes[4];
  ASSERT_EQ(pread(fd, bytes, 4, 0x3000), 4);
  EXPECT_THAT(bytes, ElementsAre(0xca, 0xfe, 0xf0, 0x0d));
}

TEST(GuestMemory, StorageKeysPerFrame) {
  auto mem = Flat(kMiB);
  EXPECT_EQ(mem->GetStorageKey(GuestAddress(0x5000))->byte(), 0);
  ASSERT_TRUE(mem->SetStorageKey(GuestAddress(0x5123), StorageKey::Make(6, true, false, false)).ok());
  EXPECT_EQ(mem->GetStorageKey(GuestAddress(0x5fff))->acc(), 6);
  EXPECT_EQ(mem->GetStorageKey(GuestAddress(0x6000))->byte(), 0);  // next frame untouched
  ASSERT_TRUE(mem->MarkReferenced(GuestAddress(0x5000), /*changed=*/false).ok());
  EXPECT_TRUE(mem->GetStorageKey(GuestAddress(0x5000))->referenced());
  EXPECT_FALSE(mem->GetStorageKey(GuestAddress(0x5000))->changed());
  ASSERT_TRUE(mem->MarkReferenced(GuestAddress(0x5000), /*changed=*/true).ok());
  EXPECT_EQ(mem->GetStorageKey(GuestAddress(0x5000))->byte(), 0x6e);
  EXPECT_EQ(mem->GetStorageKey(GuestAddress(kMiB)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_FALSE(mem->SetStorageKey(GuestAddress(kMiB), StorageKey()).ok());
  EXPECT_FALSE(mem->MarkReferenced(GuestAddress(kMiB), true).ok());
}

TEST(GuestMemory, ConcurrentReferenceMarkingLosesNoBits) {
  auto mem = Flat(kMiB);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) ASSERT_TRUE(mem->MarkReferenced(GuestAddress(0), t == 3).ok());
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(mem->GetStorageKey(GuestAddress(0))->changed());
}

TEST(GuestMemory, SecureFramesRefuseHostAccess) {
  auto mem = Flat(kMiB);
  const SecureConfigId cfg(7);
  ASSERT_TRUE(mem->Store<uint64_t>(GuestAddress(0x4ff8), 0x1122334455667788).ok());
  ASSERT_TRUE(mem->SetPageOwner(GuestAddress(0x5000), 2 * kPageSize, PageOwner::Secure(cfg)).ok());
  EXPECT_EQ(mem->secure_frame_count(), 2u);
  EXPECT_EQ(*mem->GetPageOwner(GuestAddress(0x6abc)), PageOwner::Secure(cfg));
  EXPECT_EQ(*mem->GetPageOwner(GuestAddress(0x7000)), PageOwner::Shared());

  // Every host-side accessor refuses, naming the page.
  auto load = mem->Load<uint64_t>(GuestAddress(0x5000));
  EXPECT_EQ(load.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(load.status().message(), HasSubstr("page 0x5000"));
  EXPECT_THAT(load.status().message(), HasSubstr("secure"));
  EXPECT_EQ(mem->Store<uint8_t>(GuestAddress(0x6fff), 1).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_FALSE(mem->Fill(GuestAddress(0), 0x8000, 0).ok());
  EXPECT_FALSE(mem->HostSpan(GuestAddress(0x6000), 1).ok());
  EXPECT_EQ(mem->FramePointer(GuestAddress(0x5000), Accessor::Host()), nullptr);
  // An access that only straddles into a secure frame is refused as a whole and writes nothing.
  EXPECT_FALSE(mem->Store<uint64_t>(GuestAddress(0x4ffc), 0).ok());
  EXPECT_EQ(*mem->Load<uint32_t>(GuestAddress(0x4ff8)), 0x11223344u);
  // Shared neighbours stay accessible.
  EXPECT_TRUE(mem->Load<uint32_t>(GuestAddress(0x4ffc)).ok());
  EXPECT_TRUE(mem->Load<uint8_t>(GuestAddress(0x7000)).ok());

  // The owning configuration may access; another may not.
  EXPECT_TRUE(mem->Load<uint64_t>(GuestAddress(0x5000), Accessor::SecureGuest(cfg)).ok());
  EXPECT_NE(mem->FramePointer(GuestAddress(0x5000), Accessor::SecureGuest(cfg)), nullptr);
  EXPECT_FALSE(mem->Load<uint64_t>(GuestAddress(0x5000), Accessor::SecureGuest(SecureConfigId(8))).ok());

  // Back to shared: the host sees the page again.
  ASSERT_TRUE(mem->SetPageOwner(GuestAddress(0x5000), 2 * kPageSize, PageOwner::Shared()).ok());
  EXPECT_EQ(mem->secure_frame_count(), 0u);
  EXPECT_TRUE(mem->Load<uint64_t>(GuestAddress(0x5000)).ok());
}

TEST(GuestMemory, PageOwnershipRangeChecks) {
  auto mem = Flat(kMiB);
  EXPECT_THAT(mem->SetPageOwner(GuestAddress(0x5001), kPageSize, PageOwner::Shared()).message(),
              HasSubstr("page-aligned"));
  EXPECT_EQ(mem->SetPageOwner(GuestAddress(kMiB), kPageSize, PageOwner::Shared()).code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(mem->GetPageOwner(GuestAddress(kMiB)).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(mem->FramePointer(GuestAddress(kMiB), Accessor::Host()), nullptr);
}

}  // namespace
}  // namespace s390vmm

namespace s390vmm {
namespace {

TEST(GuestMemory, HostWritesBumpWriteGenerations) {
  auto mem = *GuestMemory::CreateFlat(1 << 20);
  int64_t f1 = mem->FrameIndex(GuestAddress(0x1000));
  int64_t f2 = mem->FrameIndex(GuestAddress(0x2000));
  ASSERT_EQ(f1, 1);
  EXPECT_EQ(mem->FrameIndex(GuestAddress(1 << 20)), -1);
  EXPECT_EQ(mem->frame_count(), 256u);
  uint32_t g1 = mem->write_generation(f1).load();
  uint32_t g2 = mem->write_generation(f2).load();
  ASSERT_TRUE(mem->Store<uint64_t>(GuestAddress(0x1ffc), 1).ok());  // touches both frames
  EXPECT_EQ(mem->write_generation(f1).load(), g1 + 1);
  EXPECT_EQ(mem->write_generation(f2).load(), g2 + 1);
  ASSERT_TRUE(mem->Load<uint64_t>(GuestAddress(0x1ffc)).ok());  // reads do not
  EXPECT_EQ(mem->write_generation(f1).load(), g1 + 1);
  ASSERT_TRUE(mem->HostSpan(GuestAddress(0x2000), 8).ok());
  ASSERT_TRUE(mem->Fill(GuestAddress(0x2000), 8, 0).ok());
  EXPECT_EQ(mem->write_generation(f2).load(), g2 + 3);
  mem->BumpWriteGeneration(f1);
  EXPECT_EQ(mem->write_generation(f1).load(), g1 + 2);
}

}  // namespace
}  // namespace s390vmm
