#include "pv/se_header/se_header_crypto.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/crypto/aes_gcm.h"
#include "pv/crypto/random_source.h"
#include "pv/crypto/sha.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;
namespace off = se_offsets;

P521PrivateKey Key(const std::string& seed) {
  SeededRandomSource rng(seed);
  return *P521PrivateKey::Generate(rng);
}

class SeHeaderCryptoTest : public ::testing::Test {
 protected:
  SeHeaderCryptoTest() : host_a_(Key("host a")), host_b_(Key("host b")), customer_(Key("customer")) {
    input_.fields.nep = 5;
    input_.fields.iv.fill(0x11);
    input_.fields.pld.fill(1);
    input_.fields.ald.fill(2);
    input_.fields.tld.fill(3);
    input_.secrets.cust_comm_key.fill(0xcc);
    for (size_t i = 0; i < 64; ++i) input_.secrets.xts_key[i] = static_cast<uint8_t>(i);
    input_.secrets.psw = {0x0000000180000000, 0x2c000};
    input_.header_key.fill(0x5a);
    input_.customer_key = &customer_;
    input_.host_keys = {host_a_.public_key(), host_b_.public_key()};
  }

  std::vector<uint8_t> Seal() {
    auto bytes = SealSeHeader(input_);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    return bytes.ok() ? *bytes : std::vector<uint8_t>();
  }

  std::string OpenError(const std::vector<uint8_t>& bytes, const P521PrivateKey& key) {
    auto opened = OpenSeHeader(bytes, absl::MakeConstSpan(&key, 1));
    return opened.ok() ? "OK" : std::string(opened.status().message());
  }

  P521PrivateKey host_a_, host_b_, customer_;
  SeHeaderSealInput input_;
};

TEST_F(SeHeaderCryptoTest, EachHostKeyOpensItsSlot) {
  std::vector<uint8_t> b = Seal();
  ASSERT_EQ(b.size(), 416u + 160 + 128 + 16);
  auto a = OpenSeHeader(b, absl::MakeConstSpan(&host_a_, 1));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->key_slot, 0u);
  EXPECT_EQ(a->secrets.xts_key, input_.secrets.xts_key);
  EXPECT_EQ(a->secrets.psw, input_.secrets.psw);
  EXPECT_EQ(a->secrets.cust_comm_key, input_.secrets.cust_comm_key);
  std::vector<P521PrivateKey> keys = {Key("unrelated"), host_b_};
  auto b_open = OpenSeHeader(b, keys);
  ASSERT_TRUE(b_open.ok()) << b_open.status();
  EXPECT_EQ(b_open->key_slot, 1u);
  EXPECT_EQ(b_open->host_key, 1u);
}

// The key slot, rebuilt independently from the rules in facts §2 rather than through SealSeHeader.
TEST_F(SeHeaderCryptoTest, KeySlotFollowsTheFormatRules) {
  std::vector<uint8_t> b = Seal();
  auto h = ParseSeHeader(b);
  ASSERT_TRUE(h.ok());
  // digest_key = SHA-256(host X80 || Y80)
  EXPECT_EQ(h->key_slots[0].digest_key, Sha256(host_a_.public_key().ToSeFormat()));
  // customer public key in the head
  EXPECT_EQ(h->cust_pub_key, customer_.public_key().ToSeFormat());
  // KEK = SHA-256(Z || 00000001), wrapped = GCM(KEK, 0^12, no AAD, header key)
  EcdhSharedSecret z = *host_a_.Ecdh(customer_.public_key());
  std::vector<uint8_t> kek_input(z.begin(), z.end());
  kek_input.insert(kek_input.end(), {0, 0, 0, 1});
  Sha256Digest kek = Sha256(kek_input);
  std::array<uint8_t, 12> zero_iv{};
  auto header_key = AesGcmOpen(kek, zero_iv, {}, h->key_slots[0].wrapped_key, h->key_slots[0].tag);
  ASSERT_TRUE(header_key.ok());
  EXPECT_EQ(*header_key, std::vector<uint8_t>(32, 0x5a));
  // Header: GCM(header key, head IV, AAD = bytes before the encrypted part)
  auto plain = AesGcmOpen(*header_key, h->iv, absl::MakeConstSpan(b).first(416 + 160), h->encrypted, h->tag);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->size(), 128u);
}

TEST_F(SeHeaderCryptoTest, FailuresNameTheirCause) {
  const std::vector<uint8_t> good = Seal();
  EXPECT_THAT(OpenError(good, Key("stranger")), HasSubstr("no key slot matches the host key"));
  std::vector<uint8_t> b = good;
  b[off::kKeySlots + 40] ^= 1;  // wrapped key of slot 0
  EXPECT_THAT(OpenError(b, host_a_), HasSubstr("key slot 0: unwrapping the header key failed (GCM tag mismatch)"));
  // Slot 1 still unwraps, but every slot is part of the AAD of the header.
  EXPECT_THAT(OpenError(b, host_b_), HasSubstr("authentication failed"));
  b = good;
  b[off::kNep + 7] ^= 1;  // authenticated head field
  EXPECT_THAT(OpenError(b, host_a_), HasSubstr("authentication failed"));
  b = good;
  b[b.size() - 1] ^= 1;  // tag
  EXPECT_THAT(OpenError(b, host_a_), HasSubstr("authentication failed"));
  b = good;
  b[off::kCustPubKey + 100] ^= 1;  // customer key y coordinate
  EXPECT_THAT(OpenError(b, host_a_), HasSubstr("customer public key is invalid"));
  b = good;
  b[off::kCustPubKey] = 1;  // padding
  EXPECT_THAT(OpenError(b, host_a_), HasSubstr("left-padded"));
}

TEST_F(SeHeaderCryptoTest, SealNeedsKeys) {
  input_.host_keys.clear();
  EXPECT_THAT(SealSeHeader(input_).status().message(), HasSubstr("at least one host key"));
  input_.customer_key = nullptr;
  EXPECT_FALSE(SealSeHeader(input_).ok());
}

}  // namespace
}  // namespace s390vmm::pv
