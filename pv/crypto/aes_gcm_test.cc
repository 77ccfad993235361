#include "pv/crypto/aes_gcm.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

std::vector<uint8_t> Hex(const std::string& hex) {
  std::string b = absl::HexStringToBytes(hex);
  return std::vector<uint8_t>(b.begin(), b.end());
}
std::string ToHex(absl::Span<const uint8_t> b) {
  return absl::BytesToHexString(std::string(b.begin(), b.end()));
}

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 13-16 (AES-256, 96-bit IV) —
// the vectors NIST's GCM validation was derived from.
struct Case {
  int number;
  std::string key, iv, plaintext, aad, ciphertext, tag;
};
const Case kCases[] = {
    {13, std::string(64, '0'), std::string(24, '0'), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {14, std::string(64, '0'), std::string(24, '0'), std::string(32, '0'), "", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
    {15, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
     "b16aedf5aa0de657ba637b391aafd255",
     "",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
     "c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {16, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
     "b16aedf5aa0de657ba637b39",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
     "c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(AesGcm, McGrewViegaVectors) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.number);
    auto sealed = AesGcmSeal(Hex(c.key), Hex(c.iv), Hex(c.aad), Hex(c.plaintext));
    ASSERT_TRUE(sealed.ok()) << sealed.status();
    EXPECT_EQ(ToHex(sealed->ciphertext), c.ciphertext);
    EXPECT_EQ(ToHex(sealed->tag), c.tag);
    auto opened = AesGcmOpen(Hex(c.key), Hex(c.iv), Hex(c.aad), Hex(c.ciphertext), Hex(c.tag));
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(ToHex(*opened), c.plaintext);
  }
}

TEST(AesGcm, AnyChangeFailsAuthentication) {
  const Case& c = kCases[3];
  std::vector<uint8_t> key = Hex(c.key), iv = Hex(c.iv), aad = Hex(c.aad), ct = Hex(c.ciphertext),
                       tag = Hex(c.tag);
  auto flip = [](std::vector<uint8_t> v, size_t i) {
    v[i] ^= 0x01;
    return v;
  };
  EXPECT_THAT(AesGcmOpen(flip(key, 31), iv, aad, ct, tag).status().message(), HasSubstr("GCM tag mismatch"));
  EXPECT_FALSE(AesGcmOpen(key, flip(iv, 0), aad, ct, tag).ok());
  EXPECT_FALSE(AesGcmOpen(key, iv, flip(aad, 5), ct, tag).ok());
  EXPECT_FALSE(AesGcmOpen(key, iv, aad, flip(ct, 59), tag).ok());
  EXPECT_FALSE(AesGcmOpen(key, iv, aad, ct, flip(tag, 15)).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(AesGcmOpen(key, iv, aad, ct, flip(tag, 15)).status()));
}

TEST(AesGcm, RejectsWrongSizes) {
  std::vector<uint8_t> key(32), iv(12), tag(16);
  EXPECT_THAT(AesGcmSeal(std::vector<uint8_t>(16), iv, {}, {}).status().message(), HasSubstr("key must be 32"));
  EXPECT_THAT(AesGcmSeal(key, std::vector<uint8_t>(16), {}, {}).status().message(), HasSubstr("IV must be 12"));
  EXPECT_THAT(AesGcmOpen(key, iv, {}, {}, std::vector<uint8_t>(8)).status().message(), HasSubstr("tag must be 16"));
}

}  // namespace
}  // namespace s390vmm::pv
