#include "cpu/interp/dat.h"

#include "gtest/gtest.h"

namespace s390vmm::interp {
namespace {

uint64_t Identity(const void*, uint64_t real) { return real; }

// Tables: a region-third table (2 units: entries 0-1023) at 0x10000, one segment table at 0x14000, one
// page table at 0x18000 mapping virtual 0x100000.. (region-third index 0, segment index 0) pages.
class DatTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kRegionThird = 0x10000;
  static constexpr uint64_t kSegment = 0x14000;
  static constexpr uint64_t kPage = 0x18000;
  static constexpr uint64_t kAsce = kRegionThird | asce::kTypeRegionThird | 1;  // TL 1: 1024 entries

  void SetUp() override {
    mem_ = *GuestMemory::CreateFlat(16 << 20);
    // Everything invalid first.
    for (int i = 0; i < 2048; ++i) {
      Put(kRegionThird + 8 * i, dte::kRegionInvalid | 0x04);  // TT 01
      Put(kSegment + 8 * i, dte::kSegmentInvalid);
    }
    for (int i = 0; i < 256; ++i) Put(kPage + 8 * i, dte::kPageInvalid);
    Put(kRegionThird, kSegment | 0x04 | 3);  // region-third entry 0 -> segment table, TT 01, TL 3
    Put(kSegment, kPage);                    // segment 0 -> page table
    Put(kPage + 8 * 5, 0x300000);            // page 5 -> frame 0x300000
    Put(kPage + 8 * 6, 0x301000 | dte::kPageProtection);
  }
  void Put(uint64_t addr, uint64_t v) { ASSERT_TRUE(mem_->Store<uint64_t>(GuestAddress(addr), v).ok()); }
  DatResult T(uint64_t vaddr, uint64_t asce_value = kAsce, bool edat1 = false) {
    return Translate(*mem_, asce_value, vaddr, edat1, &Identity, nullptr);
  }

  std::unique_ptr<GuestMemory> mem_;
};

TEST_F(DatTest, TranslatesThroughEveryLevel) {
  DatResult r = T(0x5123);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.real, 0x300123u);
  EXPECT_FALSE(r.write_protected);
  r = T(0x6ff8);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.real, 0x301ff8u);
  EXPECT_TRUE(r.write_protected);
}

TEST_F(DatTest, ExceptionsNameTheLevel) {
  EXPECT_EQ(T(0x7000).code, ProgramInterruptCode::kPageTranslation);
  EXPECT_EQ(T(0x100000).code, ProgramInterruptCode::kSegmentTranslation);        // segment 1 invalid
  EXPECT_EQ(T(uint64_t{1} << 31).code, ProgramInterruptCode::kRegionThirdTranslation);  // RTX 1 invalid
  EXPECT_EQ(T(uint64_t{1} << 41).code, ProgramInterruptCode::kRegionThirdTranslation);  // beyond TL
  EXPECT_EQ(T(uint64_t{1} << 42).code, ProgramInterruptCode::kAsceType);         // needs a region-second table
  // A segment table entry with a nonzero TT is a translation-specification exception.
  Put(kSegment, kPage | 0x04);
  EXPECT_EQ(T(0x5000).code, ProgramInterruptCode::kTranslationSpecification);
}

TEST_F(DatTest, RealSpaceAndSegmentTableDesignation) {
  DatResult r = T(0xabcdef, asce::kRealSpace);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.real, 0xabcdefu);
  r = T(0x5008, kSegment | asce::kTypeSegment | 3);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.real, 0x300008u);
  EXPECT_EQ(T(uint64_t{1} << 31, kSegment | asce::kTypeSegment | 3).code, ProgramInterruptCode::kAsceType);
}

TEST_F(DatTest, LargePagesNeedEdat1) {
  Put(kSegment + 8, 0x500000 | dte::kSegmentFormat);  // segment 1 -> 1 MiB frame at 5 MiB
  // Without EDAT-1 the FC bit is ignored: 0x500000 is a page table, whose entry 0x12 maps the page.
  Put(0x500000 + 0x12 * 8, 0x700000);
  DatResult r = T(0x112345);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.real, 0x700345u);
  r = T(0x112345, kAsce, /*edat1=*/true);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.real, 0x512345u);
}

TEST_F(DatTest, TablesOutsideMemoryGiveAddressingExceptions) {
  EXPECT_EQ(T(0x5000, (64ull << 20) | asce::kTypeRegionThird | 3).code, ProgramInterruptCode::kAddressing);
}

}  // namespace
}  // namespace s390vmm::interp
