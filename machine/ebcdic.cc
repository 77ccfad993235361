#include "machine/ebcdic.h"

#include <array>

namespace s390vmm {
namespace {

constexpr char kFirstPrintable = 0x20;
constexpr char kLastPrintable = 0x7e;

// Code page 037 for ASCII 0x20-0x7e, in ASCII order.
constexpr std::array<uint8_t, kLastPrintable - kFirstPrintable + 1> kPrintableToEbcdic = {
    0x40, 0x5a, 0x7f, 0x7b, 0x5b, 0x6c, 0x50, 0x7d, 0x4d, 0x5d, 0x5c, 0x4e, 0x6b, 0x60, 0x4b, 0x61,  //  !"#$%&'()*+,-./
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x5e, 0x4c, 0x7e, 0x6e, 0x6f,  // 0123456789:;<=>?
    0x7c, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,  // @ABCDEFGHIJKLMNO
    0xd7, 0xd8, 0xd9, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xba, 0xe0, 0xbb, 0xb0, 0x6d,  // PQRSTUVWXYZ[\]^_
    0x79, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96,  // `abcdefghijklmno
    0x97, 0x98, 0x99, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xc0, 0x4f, 0xd0, 0xa1,        // pqrstuvwxyz{|}~
};

// The inverse, over all 256 EBCDIC codes; 0 marks "no mapping" (NUL is handled apart).
constexpr std::array<char, 256> MakeEbcdicToAscii() {
  std::array<char, 256> table = {};
  for (int i = 0; i < static_cast<int>(kPrintableToEbcdic.size()); ++i) {
    table[kPrintableToEbcdic[i]] = static_cast<char>(kFirstPrintable + i);
  }
  return table;
}
constexpr std::array<char, 256> kEbcdicToAscii = MakeEbcdicToAscii();

}  // namespace

uint8_t AsciiToEbcdic(char c) {
  if (c == '\0') return 0x00;
  if (c < kFirstPrintable || c > kLastPrintable) return kEbcdicQuestionMark;
  return kPrintableToEbcdic[c - kFirstPrintable];
}

char EbcdicToAscii(uint8_t c) {
  if (c == 0x00) return '\0';
  const char ascii = kEbcdicToAscii[c];
  return ascii != 0 ? ascii : '?';
}

void PutEbcdic(absl::string_view text, absl::Span<uint8_t> field) {
  for (size_t i = 0; i < field.size(); ++i) {
    field[i] = i < text.size() ? AsciiToEbcdic(text[i]) : kEbcdicBlank;
  }
}

std::string EbcdicToAscii(absl::Span<const uint8_t> bytes) {
  std::string out(bytes.size(), '\0');
  for (size_t i = 0; i < bytes.size(); ++i) out[i] = EbcdicToAscii(bytes[i]);
  return out;
}

}  // namespace s390vmm
