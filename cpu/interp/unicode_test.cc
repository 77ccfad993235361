// Tests of the Unicode conversions (unicode.cc): CU12, CU14, CU21, CU24, CU41, CU42 on a real Interpreter:
// round trips across page boundaries, the condition codes, well-formedness checking and restart after an
// access exception.
#include <string>
#include <vector>

#include "cpu/interp/storage_test_util.h"
#include "gtest/gtest.h"

namespace s390vmm::interp::testing {
namespace {

constexpr uint16_t kCu12 = 0xb2a7, kCu14 = 0xb9b0, kCu21 = 0xb2a6, kCu24 = 0xb9b1, kCu41 = 0xb9b2, kCu42 = 0xb9b3;

// --- Unicode conversions -----------------------------------------------------------------------------------

// "Aé€😀" in each encoding.
const Bytes kUtf8 = {0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80};
const Bytes kUtf16 = {0x00, 0x41, 0x00, 0xe9, 0x20, 0xac, 0xd8, 0x3d, 0xde, 0x00};
const Bytes kUtf32 = {0, 0, 0, 0x41, 0, 0, 0, 0xe9, 0, 0, 0x20, 0xac, 0, 0x01, 0xf6, 0x00};

TEST(UnicodeTest, UnicodeConversionsRoundTrip) {
  struct Row {
    const char* name;
    uint16_t op;
    const Bytes* from;
    const Bytes* to;
  };
  const Row rows[] = {
      {"CU12", kCu12, &kUtf8, &kUtf16},  {"CU14", kCu14, &kUtf8, &kUtf32},  {"CU21", kCu21, &kUtf16, &kUtf8},
      {"CU24", kCu24, &kUtf16, &kUtf32}, {"CU41", kCu41, &kUtf32, &kUtf8}, {"CU42", kCu42, &kUtf32, &kUtf16},
  };
  for (const Row& row : rows) {
    for (int m3 : {0, 1}) {
      SCOPED_TRACE(std::string(row.name) + (m3 ? " checked" : ""));
      StorageTester t;
      t.Put(0x20ffc, *row.from);  // the source crosses a page
      t.Fill(0x30ffd, 32, 0xee);
      t.SetGr(2, 0x30ffd);
      t.SetGr(3, 32);
      t.SetGr(4, 0x20ffc);
      t.SetGr(5, row.from->size());
      InsnResult r = t.RunToCompletion(RRF(row.op, 2, 4, m3));
      ASSERT_TRUE(r.completed);
      EXPECT_EQ(r.cc, 0);
      EXPECT_EQ(t.Get(0x30ffd, row.to->size()), *row.to);
      EXPECT_EQ(t.Get(0x30ffd + row.to->size(), 1), Bytes{0xee});
      EXPECT_EQ(t.gr(2), 0x30ffd + row.to->size());
      EXPECT_EQ(t.gr(3), 32 - row.to->size());
      EXPECT_EQ(t.gr(4), 0x20ffc + row.from->size());
      EXPECT_EQ(t.gr(5), 0u);
    }
  }
}

TEST(UnicodeTest, UnicodeConversionConditions) {
  StorageTester t;
  // CC 1: no room for the next character (the 3-byte euro sign with 2 bytes left).
  t.Put(0x20000, kUtf16);
  t.SetGr(2, 0x30000);
  t.SetGr(3, 5);
  t.SetGr(4, 0x20000);
  t.SetGr(5, kUtf16.size());
  InsnResult r = t.RunToCompletion(RRF(kCu21, 2, 4, 0));
  EXPECT_EQ(r.cc, 1);
  EXPECT_EQ(t.gr(2), 0x30003u);
  EXPECT_EQ(t.gr(3), 2u);
  EXPECT_EQ(t.gr(4), 0x20004u);
  // CC 0 with a partial character left in the source.
  t.Put(0x20000, {0xe2, 0x82});
  t.SetGr(2, 0x30000);
  t.SetGr(3, 16);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 2);
  r = t.RunToCompletion(RRF(kCu12, 2, 4, 0));
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(t.gr(5), 2u);
  // CC 2: a continuation byte cannot start a character; with W, neither can an overlong C0.
  t.Put(0x20000, {0x41, 0x80});
  t.SetGr(2, 0x30000);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 2);
  r = t.RunToCompletion(RRF(kCu14, 2, 4, 0));
  EXPECT_EQ(r.cc, 2);
  EXPECT_EQ(t.gr(4), 0x20001u);
  t.Put(0x20000, {0xc0, 0x80});
  t.SetGr(4, 0x20000);
  t.SetGr(5, 2);
  EXPECT_EQ(t.RunToCompletion(RRF(kCu14, 2, 4, 0)).cc, 0);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 2);
  EXPECT_EQ(t.RunToCompletion(RRF(kCu14, 2, 4, 1)).cc, 2);
  // UTF-16 high surrogate followed by a non-surrogate: accepted without W, CC 2 with it.
  t.Put(0x20000, {0xd8, 0x00, 0x00, 0x41});
  t.SetGr(2, 0x30000);
  t.SetGr(3, 16);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 4);
  EXPECT_EQ(t.RunToCompletion(RRF(kCu24, 2, 4, 1)).cc, 2);
  // UTF-32 above 10FFFF is always invalid.
  t.Put(0x20000, {0x00, 0x11, 0x00, 0x00});
  t.SetGr(4, 0x20000);
  t.SetGr(5, 4);
  EXPECT_EQ(t.RunToCompletion(RRE(kCu41, 2, 4)).cc, 2);
  EXPECT_EQ(t.Run(RRE(kCu42, 2, 5)).code, ProgramInterruptCode::kSpecification);
}

TEST(UnicodeTest, UnicodeConversionStopsWithRegistersAtTheFault) {
  // The destination runs into the end of memory: the characters before are converted and the registers
  // designate the first one that was not.
  StorageTester t;
  t.Put(0x20000, Bytes(64, 0x41));
  const uint64_t dst = StorageTester::kLowSize - 20;
  t.SetGr(2, dst);
  t.SetGr(3, 128);
  t.SetGr(4, 0x20000);
  t.SetGr(5, 64);
  InsnResult r = t.Run(RRF(kCu12, 2, 4, 0));
  ASSERT_FALSE(r.completed);
  EXPECT_EQ(r.code, ProgramInterruptCode::kAddressing);
  EXPECT_EQ(t.gr(2), dst + 20);
  EXPECT_EQ(t.gr(3), 128u - 20);
  EXPECT_EQ(t.gr(4), 0x20000u + 10);
  EXPECT_EQ(t.gr(5), 54u);
}

}  // namespace
}  // namespace s390vmm::interp::testing
