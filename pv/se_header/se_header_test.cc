#include "pv/se_header/se_header.h"

#include <cstdint>
#include <string>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;
namespace off = se_offsets;

SeHeader SampleHeader(size_t slots = 1, size_t optional = 0) {
  SeHeader h;
  for (size_t i = 0; i < h.iv.size(); ++i) h.iv[i] = static_cast<uint8_t>(0xa0 + i);
  h.nks = slots;
  h.key_slots.resize(slots);
  for (size_t s = 0; s < slots; ++s) {
    h.key_slots[s].digest_key.fill(static_cast<uint8_t>(0x10 + s));
    h.key_slots[s].wrapped_key.fill(static_cast<uint8_t>(0x20 + s));
    h.key_slots[s].tag.fill(static_cast<uint8_t>(0x30 + s));
  }
  h.sea = 128 + optional;
  h.encrypted.assign(h.sea, 0xee);
  h.phs = static_cast<uint32_t>(416 + 80 * slots + h.sea + 16);
  h.nep = 0x17;
  h.pcf = 0;
  h.cust_pub_key.fill(0x44);
  h.pld.fill(0x51);
  h.ald.fill(0x52);
  h.tld.fill(0x53);
  h.tag.fill(0x77);
  return h;
}

std::vector<uint8_t> Serialize(const SeHeader& h) {
  auto bytes = SerializeSeHeader(h);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::vector<uint8_t>();
}

std::string ParseError(const std::vector<uint8_t>& bytes) {
  auto h = ParseSeHeader(bytes);
  return h.ok() ? "OK" : std::string(h.status().message());
}

TEST(SeHeader, LayoutMatchesTheFormat) {
  std::vector<uint8_t> b = Serialize(SampleHeader());
  ASSERT_EQ(b.size(), 0x280u);  // 416 + 80 + 128 + 16 (facts §1)
  EXPECT_EQ(std::string(b.begin(), b.begin() + 8), "IBMSecEx");
  EXPECT_EQ(LoadBigEndian<uint32_t>(&b[off::kVersion]), 0x100u);
  EXPECT_EQ(LoadBigEndian<uint32_t>(&b[off::kPhs]), 0x280u);
  EXPECT_EQ(b[off::kIv], 0xa0);
  EXPECT_EQ(b[off::kIv + 11], 0xab);
  EXPECT_EQ(LoadBigEndian<uint32_t>(&b[off::kRes1]), 0u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[off::kNks]), 1u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[off::kSea]), 0x80u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[off::kNep]), 0x17u);
  EXPECT_EQ(b[off::kCustPubKey], 0x44);
  EXPECT_EQ(b[off::kPld], 0x51);
  EXPECT_EQ(b[off::kAld + 63], 0x52);
  EXPECT_EQ(b[off::kTld], 0x53);
  EXPECT_EQ(b[0x1a0], 0x10);         // slot 0 digest
  EXPECT_EQ(b[0x1a0 + 32], 0x20);    // wrapped key
  EXPECT_EQ(b[0x1a0 + 64], 0x30);    // slot tag
  EXPECT_EQ(b[0x1f0], 0xee);         // encrypted part at 0x1a0 + 80
  EXPECT_EQ(b[0x280 - 16], 0x77);    // tag
  auto aad = SeHeaderAad(b, SampleHeader());
  EXPECT_EQ(aad.size(), 0x1f0u);
}

TEST(SeHeader, RoundTripsWithSeveralSlotsAndOptionalItems) {
  SeHeader h = SampleHeader(3, 48);
  std::vector<uint8_t> b = Serialize(h);
  ASSERT_EQ(b.size(), 416u + 240 + 176 + 16);
  auto parsed = ParseSeHeader(b);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->key_slots, h.key_slots);
  EXPECT_EQ(parsed->encrypted, h.encrypted);
  EXPECT_EQ(parsed->pld, h.pld);
  EXPECT_EQ(Serialize(*parsed), b);
  auto phs = PeekSeHeaderSize(b);
  ASSERT_TRUE(phs.ok());
  EXPECT_EQ(*phs, b.size());
}

TEST(SeHeader, EveryLengthAndCountIsValidated) {
  const std::vector<uint8_t> good = Serialize(SampleHeader());
  auto with = [&](size_t offset, auto value) {
    std::vector<uint8_t> b = good;
    StoreBigEndian(&b[offset], value);
    return ParseError(b);
  };
  EXPECT_EQ(ParseError(good), "OK");
  EXPECT_THAT(ParseError(std::vector<uint8_t>(good.begin(), good.begin() + 100)), HasSubstr("shorter than the smallest"));
  EXPECT_THAT(with(off::kMagic, uint64_t{0x49424d5365634579}), HasSubstr("SE header: bad magic"));
  EXPECT_THAT(with(off::kVersion, uint32_t{0x200}), HasSubstr("unsupported version 0x200"));
  EXPECT_THAT(with(off::kPhs, uint32_t{0x290}), HasSubstr("phs 0x290 does not match the 640 (0x280) bytes given"));
  EXPECT_THAT(with(off::kPhs, uint32_t{0xffffffff}), HasSubstr("exceeds the v1 limit"));
  EXPECT_THAT(with(off::kPhs, uint32_t{0x10}), HasSubstr("smaller than the smallest v1 header"));
  EXPECT_THAT(with(off::kRes1, uint32_t{1}), HasSubstr("res1"));
  EXPECT_THAT(with(off::kNks, uint64_t{0}), HasSubstr("nks is 0"));
  EXPECT_THAT(with(off::kNks, uint64_t{2}),
              HasSubstr("phs 0x280 does not match 416 + 80*nks + sea + 16 = 0x2d0 (nks 2, sea 0x80)"));
  EXPECT_THAT(with(off::kNks, ~uint64_t{0}), HasSubstr("exceeds the 95 key slots"));
  EXPECT_THAT(with(off::kSea, uint64_t{0x70}), HasSubstr("smaller than the fixed encrypted part"));
  EXPECT_THAT(with(off::kSea, uint64_t{0x88}), HasSubstr("not a multiple of 16"));
  EXPECT_THAT(with(off::kSea, uint64_t{0x90}), HasSubstr("does not match 416 + 80*nks + sea + 16"));
  EXPECT_THAT(with(off::kSea, uint64_t{1} << 63), HasSubstr("exceeds the v1 header limit"));
  EXPECT_THAT(with(off::kNep, uint64_t{0}), HasSubstr("nep is 0"));
  EXPECT_THAT(with(off::kNep, ~uint64_t{0}), HasSubstr("exceeds the 64-bit address space"));
  // A longer buffer is not silently truncated.
  std::vector<uint8_t> longer = good;
  longer.push_back(0);
  EXPECT_THAT(ParseError(longer), HasSubstr("does not match the 641"));
}

TEST(SeHeader, PeekNeedsMagicVersionAndSize) {
  std::vector<uint8_t> b = Serialize(SampleHeader());
  EXPECT_THAT(PeekSeHeaderSize(absl::MakeConstSpan(b).first(12)).status().message(), HasSubstr("cannot hold"));
  EXPECT_TRUE(PeekSeHeaderSize(absl::MakeConstSpan(b).first(16)).ok());
}

TEST(SeHeader, SerializeRejectsInconsistentFields) {
  SeHeader h = SampleHeader();
  h.nks = 2;
  EXPECT_THAT(SerializeSeHeader(h).status().message(), HasSubstr("nks 2 but 1 key slots"));
  h = SampleHeader();
  h.encrypted.push_back(0);
  EXPECT_THAT(SerializeSeHeader(h).status().message(), HasSubstr("encrypted bytes"));
  h = SampleHeader();
  h.phs += 16;
  EXPECT_THAT(SerializeSeHeader(h).status().message(), HasSubstr("does not match 416"));
}

TEST(SeSecrets, RoundTripAndValidation) {
  SeSecrets s;
  s.cust_comm_key.fill(1);
  for (size_t i = 0; i < 64; ++i) s.xts_key[i] = static_cast<uint8_t>(i);
  s.psw = {0x0000000180000000, 0x2c000};
  s.scf = 0x1234;
  std::vector<uint8_t> b = SerializeSeSecrets(s);
  ASSERT_EQ(b.size(), 128u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[96]), 0x0000000180000000u);  // PSW mask at +96
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[104]), 0x2c000u);            // PSW address at +104
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[112]), 0x1234u);             // scf at +112
  auto back = ParseSeSecrets(b);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->xts_key, s.xts_key);
  EXPECT_EQ(back->psw, s.psw);
  EXPECT_EQ(back->scf, 0x1234u);

  std::vector<uint8_t> bad = b;
  StoreBigEndian<uint32_t>(&bad[120], 1);  // noi 1, no items
  EXPECT_THAT(ParseSeSecrets(bad).status().message(), HasSubstr("noi is 1"));
  bad = b;
  StoreBigEndian<uint32_t>(&bad[124], 1);
  EXPECT_THAT(ParseSeSecrets(bad).status().message(), HasSubstr("res2"));
  bad = b;
  bad.resize(144);
  EXPECT_THAT(ParseSeSecrets(bad).status().message(), HasSubstr("noi is 0 but 16 bytes"));
  EXPECT_FALSE(ParseSeSecrets(absl::MakeConstSpan(b).first(100)).ok());
}

}  // namespace
}  // namespace s390vmm::pv
