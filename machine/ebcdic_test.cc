#include "machine/ebcdic.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

using ::testing::ElementsAre;

TEST(EbcdicTest, KnownCodes) {
  // Linux's detect_machine_type() compares the control-program identifier with "\xd2\xe5\xd4".
  EXPECT_EQ(AsciiToEbcdic('K'), 0xd2);
  EXPECT_EQ(AsciiToEbcdic('V'), 0xe5);
  EXPECT_EQ(AsciiToEbcdic('M'), 0xd4);
  // ... and "\xa9\x61\xe5\xd4" for z/VM.
  EXPECT_EQ(AsciiToEbcdic('z'), 0xa9);
  EXPECT_EQ(AsciiToEbcdic('/'), 0x61);
  EXPECT_EQ(AsciiToEbcdic(' '), kEbcdicBlank);
  EXPECT_EQ(AsciiToEbcdic('0'), 0xf0);
  EXPECT_EQ(AsciiToEbcdic('9'), 0xf9);
  EXPECT_EQ(AsciiToEbcdic('A'), 0xc1);
  EXPECT_EQ(AsciiToEbcdic('J'), 0xd1);
  EXPECT_EQ(AsciiToEbcdic('S'), 0xe2);
  EXPECT_EQ(AsciiToEbcdic('a'), 0x81);
  EXPECT_EQ(AsciiToEbcdic('j'), 0x91);
  EXPECT_EQ(AsciiToEbcdic('s'), 0xa2);
  EXPECT_EQ(AsciiToEbcdic('-'), 0x60);
  EXPECT_EQ(AsciiToEbcdic('.'), 0x4b);
  EXPECT_EQ(AsciiToEbcdic('_'), 0x6d);
  EXPECT_EQ(AsciiToEbcdic('\0'), 0x00);
  EXPECT_EQ(EbcdicToAscii(uint8_t{0x00}), '\0');
}

TEST(EbcdicTest, EveryPrintableAsciiCharacterRoundTrips) {
  std::vector<bool> seen(256, false);
  for (int c = 0x20; c <= 0x7e; ++c) {
    const uint8_t e = AsciiToEbcdic(static_cast<char>(c));
    EXPECT_FALSE(seen[e]) << "two characters map to EBCDIC 0x" << std::hex << int{e};
    seen[e] = true;
    EXPECT_EQ(EbcdicToAscii(e), static_cast<char>(c)) << "ASCII 0x" << std::hex << c;
  }
}

TEST(EbcdicTest, EveryMappedEbcdicCodeRoundTrips) {
  int mapped = 0;
  for (int e = 0; e < 256; ++e) {
    const char a = EbcdicToAscii(static_cast<uint8_t>(e));
    if (a == '?' && e != kEbcdicQuestionMark) continue;  // no mapping
    ++mapped;
    EXPECT_EQ(AsciiToEbcdic(a), e) << "EBCDIC 0x" << std::hex << e;
  }
  EXPECT_EQ(mapped, 95 + 1);  // printable ASCII and NUL
}

TEST(EbcdicTest, UnmappedCharactersBecomeQuestionMarks) {
  EXPECT_EQ(AsciiToEbcdic('\n'), kEbcdicQuestionMark);
  EXPECT_EQ(AsciiToEbcdic('\x7f'), kEbcdicQuestionMark);
  EXPECT_EQ(AsciiToEbcdic('\xc3'), kEbcdicQuestionMark);  // a UTF-8 lead byte
  EXPECT_EQ(EbcdicToAscii(uint8_t{0x41}), '?');           // EBCDIC 0x41 is a no-break space in CP037
  EXPECT_EQ(EbcdicToAscii(uint8_t{0xff}), '?');
}

TEST(EbcdicTest, PutEbcdicPadsWithBlanksAndTruncates) {
  uint8_t field[8];
  PutEbcdic("s390vmm", absl::MakeSpan(field));
  EXPECT_THAT(field, ElementsAre(0xa2, 0xf3, 0xf9, 0xf0, 0xa5, 0x94, 0x94, 0x40));
  PutEbcdic("kvm-unit-test", absl::MakeSpan(field));
  EXPECT_THAT(field, ElementsAre(0x92, 0xa5, 0x94, 0x60, 0xa4, 0x95, 0x89, 0xa3));
  PutEbcdic("", absl::MakeSpan(field));
  EXPECT_THAT(field, ElementsAre(0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40));
}

TEST(EbcdicTest, StringRoundTrip) {
  const std::string text = "KVM/Linux 8561 QEMU s390vmm-01_a.b";
  std::vector<uint8_t> e(text.size());
  PutEbcdic(text, absl::MakeSpan(e));
  EXPECT_EQ(EbcdicToAscii(e), text);
  EXPECT_EQ(EbcdicToAscii(absl::Span<const uint8_t>()), "");
}

}  // namespace
}  // namespace s390vmm
