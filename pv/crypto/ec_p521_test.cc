#include "pv/crypto/ec_p521.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/crypto/sha.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

std::vector<uint8_t> Hex(const std::string& hex) {
  std::string b = absl::HexStringToBytes(hex);
  return std::vector<uint8_t>(b.begin(), b.end());
}
template <typename C>
std::string ToHex(const C& b) {
  return absl::BytesToHexString(std::string(b.begin(), b.end()));
}

// NIST CAVS 14.1 ECC CDH primitive test vectors (ecccdhtestvectors.zip, KAS_ECC_CDH_PrimitiveTest.txt,
// [P-521] COUNT 0..2): dIUT, QCAVS (as 04 || x || y) and ZIUT. Transcribed from the copy in Botan's
// src/tests/data/pubkey/ecdh.vec.
struct CdhCase {
  std::string d, q_peer, z;
};
const CdhCase kCdh[] = {
    {"017eecc07ab4b329068fba65e56a1f8890aa935e57134ae0ffcce802735151f4eac6564f6ee9974c5e6887a1fefee5743ae2241bfeb95d5ce31ddcb6f9edb4d6fc47",
     "0400685a48e86c79f0f0875f7bc18d25eb5fc8c0b07e5da4f4370f3a9490340854334b1e1b87fa395464c60626124a4e70d0f785601d37c09870ebf176666877a2046d01ba52c56fc8776d9e8f5db4f0cc27636d0b741bbe05400697942e80b739884a83bde99e0f6716939e632bc8986fa18dccd443a348b6c3e522497955a4f3c302f676",
     "005fc70477c3e63bc3954bd0df3ea0d1f41ee21746ed95fc5e1fdf90930d5e136672d72cc770742d1711c3c3a4c334a0ad9759436a4d3c5bf6e74b9578fac148c831"},
    {"00816f19c1fb10ef94d4a1d81c156ec3d1de08b66761f03f06ee4bb9dcebbbfe1eaa1ed49a6a990838d8ed318c14d74cc872f95d05d07ad50f621ceb620cd905cfb8",
     "0401df277c152108349bc34d539ee0cf06b24f5d3500677b4445453ccc21409453aafb8a72a0be9ebe54d12270aa51b3ab7f316aa5e74a951c5e53f74cd95fc29aee7a013d52f33a9f3c14384d1587fa8abe7aed74bc33749ad9c570b471776422c7d4505d9b0a96b3bfac041e4c6a6990ae7f700e5b4a6640229112deafa0cd8bb0d089b0",
     "000b3920ac830ade812c8f96805da2236e002acbbf13596a9ab254d44d0e91b6255ebf1229f366fb5a05c5884ef46032c26d42189273ca4efa4c3db6bd12a6853759"},
    {"012f2e0c6d9e9d117ceb9723bced02eb3d4eebf5feeaf8ee0113ccd8057b13ddd416e0b74280c2d0ba8ed291c443bc1b141caf8afb3a71f97f57c225c03e1e4d42b0",
     "040092db3142564d27a5f0006f819908fba1b85038a5bc2509906a497daac67fd7aee0fc2daba4e4334eeaef0e0019204b471cd88024f82115d8149cc0cf4f7ce1a4d5016bad0623f517b158d9881841d2571efbad63f85cbe2e581960c5d670601a6760272675a548996217e4ab2b8ebce31d71fca63fcc3c08e91c1d8edd91cf6fe845f8",
     "006b380a6e95679277cfee4e8353bf96ef2a1ebdd060749f2f046fe571053740bbcc9a0b55790bc9ab56c3208aa05ddf746a10a3ad694daae00d980d944aabc6a08f"},
};

TEST(EcP521, NistCdhVectors) {
  for (const CdhCase& c : kCdh) {
    auto priv = P521PrivateKey::FromScalar(Hex(c.d));
    ASSERT_TRUE(priv.ok()) << priv.status();
    auto peer = P521PublicKey::FromUncompressedPoint(Hex(c.q_peer));
    ASSERT_TRUE(peer.ok()) << peer.status();
    auto z = priv->Ecdh(*peer);
    ASSERT_TRUE(z.ok()) << z.status();
    EXPECT_EQ(ToHex(*z), c.z);
    EXPECT_EQ(ToHex(priv->scalar()), c.d);
  }
}

TEST(EcP521, SeFormatIsLeftPaddedXY) {
  auto peer = P521PublicKey::FromUncompressedPoint(Hex(kCdh[0].q_peer));
  ASSERT_TRUE(peer.ok());
  SePublicKeyBytes se = peer->ToSeFormat();
  std::vector<uint8_t> q = Hex(kCdh[0].q_peer);
  EXPECT_EQ(std::vector<uint8_t>(se.begin(), se.begin() + 14), std::vector<uint8_t>(14, 0));
  EXPECT_TRUE(std::equal(se.begin() + 14, se.begin() + 80, q.begin() + 1));
  EXPECT_EQ(std::vector<uint8_t>(se.begin() + 80, se.begin() + 94), std::vector<uint8_t>(14, 0));
  EXPECT_TRUE(std::equal(se.begin() + 94, se.end(), q.begin() + 67));
  auto back = P521PublicKey::FromSeFormat(se);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == *peer);
}

TEST(EcP521, RejectsInvalidPoints) {
  auto peer = P521PublicKey::FromUncompressedPoint(Hex(kCdh[0].q_peer));
  ASSERT_TRUE(peer.ok());
  SePublicKeyBytes se = peer->ToSeFormat();
  SePublicKeyBytes bad = se;
  bad[3] = 1;  // padding
  EXPECT_THAT(P521PublicKey::FromSeFormat(bad).status().message(), HasSubstr("left-padded"));
  bad = se;
  bad[159] ^= 1;  // y no longer matches x
  EXPECT_THAT(P521PublicKey::FromSeFormat(bad).status().message(), HasSubstr("not a valid P-521 public key"));
  bad = se;
  std::fill(bad.begin() + 14, bad.begin() + 80, 0xff);  // x >= p
  EXPECT_FALSE(P521PublicKey::FromSeFormat(bad).ok());
  SePublicKeyBytes zero{};  // (0, 0) is not on the curve
  EXPECT_FALSE(P521PublicKey::FromSeFormat(zero).ok());
  EXPECT_FALSE(P521PublicKey::FromSeFormat(absl::MakeConstSpan(se).first(159)).ok());
  EXPECT_FALSE(P521PublicKey::FromUncompressedPoint(std::vector<uint8_t>(133, 0)).ok());
}

TEST(EcP521, RejectsScalarsOutsideTheGroup) {
  EXPECT_THAT(P521PrivateKey::FromScalar(std::vector<uint8_t>(66, 0)).status().message(), HasSubstr("[1, n-1]"));
  std::vector<uint8_t> big(66, 0xff);
  big[0] = 0x01;  // 2^521 - 1 > n
  EXPECT_FALSE(P521PrivateKey::FromScalar(big).ok());
  EXPECT_FALSE(P521PrivateKey::FromScalar(std::vector<uint8_t>(65, 1)).ok());
}

TEST(EcP521, GenerateIsDeterministicForASeedAndEcdhAgrees) {
  SeededRandomSource r1("host key"), r2("host key"), r3("customer key");
  auto a = P521PrivateKey::Generate(r1);
  auto a2 = P521PrivateKey::Generate(r2);
  auto b = P521PrivateKey::Generate(r3);
  ASSERT_TRUE(a.ok() && a2.ok() && b.ok());
  EXPECT_EQ(a->scalar(), a2->scalar());
  EXPECT_NE(a->scalar(), b->scalar());
  auto ab = a->Ecdh(b->public_key());
  auto ba = b->Ecdh(a->public_key());
  ASSERT_TRUE(ab.ok() && ba.ok());
  EXPECT_EQ(*ab, *ba);
}

// KDF2 with SHA-256 (= ANSI X9.63 KDF: counter from 1, appended after the secret), no shared info; vector
// from Bouncy Castle as collected in Botan's src/tests/data/kdf/kdf2.vec.
TEST(X963Kdf, KnownAnswer) {
  std::vector<uint8_t> secret = Hex(
      "032E45326FA859A72EC235ACFF929B15D1372E30B207255F0611B8F785D764374152E0AC009E509E7BA30CD2F1778E113B64E135CF4E"
      "2292C75EFE5288EDFDA4");
  std::vector<uint8_t> out = X963KdfSha256(secret, {}, 128);
  EXPECT_EQ(ToHex(out),
            absl::AsciiStrToLower(
                "10A2403DB42A8743CB989DE86E668D168CBE6046E23FF26F741E87949A3BBA1311AC179F819A3D18412E9EB45668F292"
                "3C087C1299005F8D5FD42CA257BC93E8FEE0C5A0D2A8AA70185401FBBD99379EC76C663E9A29D0B70F3FE261A59CDC24"
                "875A60B4AACB1319FA11C3365A8B79A44669F26FBA933D012DB213D7E3B16349"));
}

TEST(X963Kdf, KeySlotKekIsSha256OfZAndCounterOne) {
  EcdhSharedSecret z;
  for (size_t i = 0; i < z.size(); ++i) z[i] = static_cast<uint8_t>(i * 7);
  std::vector<uint8_t> input(z.begin(), z.end());
  input.insert(input.end(), {0, 0, 0, 1});
  Sha256Digest expected = Sha256(input);
  KeySlotKek kek = DeriveKeySlotKek(z);
  EXPECT_TRUE(std::equal(kek.begin(), kek.end(), expected.begin()));
}

}  // namespace
}  // namespace s390vmm::pv
