#include <string>

#include "cpu/cpu_model.h"
#include "cpu/cpu_state.h"
#include "cpu/psw.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Psw, FieldsFollowThePopBitNumbering) {
  // Linux's kernel PSW after boot: DAT, I/O, ext, machine check, EA+BA, key 0, CC 2.
  Psw psw(0x0706'0001'8000'0000ull | (2ull << (63 - 19)), 0x1000);
  EXPECT_TRUE(psw.dat());
  EXPECT_TRUE(psw.io_enabled());
  EXPECT_TRUE(psw.external_enabled());
  EXPECT_TRUE(psw.machine_check_enabled());
  EXPECT_FALSE(psw.problem_state());
  EXPECT_EQ(psw.addressing_mode(), AddressingMode::k64);
  EXPECT_EQ(psw.cc(), 2);
  psw.set_cc(1);
  EXPECT_EQ(psw.cc(), 1);
  psw.set_key(9);
  EXPECT_EQ(psw.key(), 9);
  EXPECT_EQ(psw.mask() >> 52 & 0xf, 9u);
  psw.set_address_space(AddressSpaceControl::kHome);
  EXPECT_EQ(psw.address_space(), AddressSpaceControl::kHome);
  psw.set_program_mask(0xc);
  EXPECT_EQ(psw.program_mask(), 0xc);
  EXPECT_TRUE(psw.IsValid());
}

TEST(Psw, AddressingModesAndValidity) {
  Psw psw(0, 0);
  EXPECT_EQ(psw.addressing_mode(), AddressingMode::k24);
  EXPECT_EQ(psw.AddressMask(), 0xffffffu);
  psw.set_addressing_mode(AddressingMode::k31);
  EXPECT_EQ(psw.mask(), Psw::kBa);
  EXPECT_EQ(psw.AddressMask(), 0x7fffffffu);
  psw.set_address(0x80000000);
  EXPECT_FALSE(psw.IsValid());  // address beyond the 31-bit mode
  psw.set_addressing_mode(AddressingMode::k64);
  EXPECT_TRUE(psw.IsValid());
  EXPECT_FALSE(Psw(Psw::kEa, 0).IsValid());         // EA without BA
  EXPECT_FALSE(Psw(Psw::Bit(12), 0).IsValid());     // the ESA/390 bit in a z/Architecture PSW
  EXPECT_FALSE(Psw(Psw::Bit(0), 0).IsValid());
}

TEST(CpuState, RegisterHalvesAndFprOverlay) {
  CpuState s;
  s.gr[3] = 0x1111'2222'3333'4444;
  s.set_gr_low(3, 0xdeadbeef);
  EXPECT_EQ(s.gr[3], 0x1111'2222'dead'beefull);
  s.set_gr_high(3, 0xcafe);
  EXPECT_EQ(s.gr[3], 0x0000'cafe'dead'beefull);
  EXPECT_EQ(s.gr_high(3), 0xcafeu);
  s.set_fpr(2, 0x4000'0000'0000'0000);
  EXPECT_EQ(s.vr[2].hi, 0x4000'0000'0000'0000u);
  EXPECT_EQ(s.vr[2].lo, 0u);
}

TEST(CpuModel, NamedModelsAndFacilities) {
  auto z196 = FindCpuModel("z196");
  ASSERT_TRUE(z196.ok());
  // What Debian's z10-built kernel checks (arch/s390/boot/als.c) and what its z196 user space needs.
  for (int bit : {0, 1, 2, 7, 18, 21, 25, 27, 32, 33, 34, 35, 45}) EXPECT_TRUE((*z196)->HasBit(bit)) << bit;
  EXPECT_FALSE((*z196)->HasBit(129));  // no vector facility
  EXPECT_FALSE((*z196)->HasBit(161));
  EXPECT_EQ((*z196)->facility_word_count(), 1);
  EXPECT_EQ(&DefaultCpuModel(), *z196);

  auto z15 = FindCpuModel("z15");
  ASSERT_TRUE(z15.ok());
  EXPECT_TRUE((*z15)->HasBit(61));
  for (int bit : {129, 135, 148}) EXPECT_TRUE((*z15)->HasBit(bit)) << bit;  // vector, enhancements 1 and 2
  EXPECT_FALSE((*z15)->HasBit(134));  // vector packed decimal: not executed, not reported
  EXPECT_EQ((*z15)->facility_word_count(), 3);  // STFLE stores doublewords 0-2

  auto max = FindCpuModel("max");
  ASSERT_TRUE(max.ok());
  EXPECT_TRUE((*max)->Has(isa::Facility::kUnpack));
  EXPECT_TRUE((*max)->Has(isa::Facility::kUltravisorCall));
  EXPECT_THAT((*max)->FacilityBits(), Contains(161));
  EXPECT_THAT((*z15)->FacilityBits(), Not(Contains(158)));
  // Bit numbering: bit 0 is the leftmost bit of the first doubleword.
  EXPECT_EQ((*z196)->facility_words()[0] >> 63, 1u);

  auto bad = FindCpuModel("z99");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("z196"));
  EXPECT_THAT(bad.status().message(), HasSubstr("'z99'"));
}

}  // namespace
}  // namespace s390vmm

#include <time.h>

#include "cpu/tod_clock.h"

namespace s390vmm {
namespace {

TEST(TodClock, TracksRealTimeAndIsMonotonic) {
  TodClock clock;
  const uint64_t tod = clock.Now();
  // Seconds since 1900 from bit 51 = 1 µs.
  const uint64_t seconds_1900 = (tod >> 12) / 1000000;
  const uint64_t unix_now = static_cast<uint64_t>(time(nullptr));
  EXPECT_NEAR(static_cast<double>(seconds_1900 - TodClock::kUnixEpochSeconds), static_cast<double>(unix_now), 2.0);
  uint64_t prev = clock.Now();
  for (int i = 0; i < 1000; ++i) {
    uint64_t now = clock.Now();
    EXPECT_GE(now, prev);
    prev = now;
  }
  clock.Set(uint64_t{1} << 62);
  EXPECT_GE(clock.Now(), uint64_t{1} << 62);
  EXPECT_LT(clock.Now() - (uint64_t{1} << 62), uint64_t{4096} * 1000000);  // within a second
  EXPECT_EQ(clock.HostDeadlineNs(0), 0);
  EXPECT_GT(clock.HostDeadlineNs(clock.Now() + 4096 * 1000), TodClock::HostMonotonicNs());
}

}  // namespace
}  // namespace s390vmm
