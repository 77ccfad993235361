#include "pv/crypto/sha.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "pv/crypto/random_source.h"

namespace s390vmm::pv {
namespace {

template <size_t N>
std::string ToHex(const std::array<uint8_t, N>& d) {
  return absl::BytesToHexString(std::string(d.begin(), d.end()));
}

absl::Span<const uint8_t> Bytes(const std::string& s) {
  return absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// FIPS 180-2 Appendix B/C examples ("abc").
TEST(Sha, Fips180Abc) {
  EXPECT_EQ(ToHex(Sha256(Bytes("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ToHex(Sha512(Bytes("abc"))),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Sha, HasherMatchesOneShotAndPeekDoesNotDisturb) {
  std::string data(10000, '\0');
  SeededRandomSource rng("sha");
  ASSERT_TRUE(rng.Fill(absl::MakeSpan(reinterpret_cast<uint8_t*>(data.data()), data.size())).ok());
  Sha512Hasher h;
  EXPECT_EQ(h.Peek(), Sha512({}));
  for (size_t off = 0; off < data.size(); off += 777) {
    h.Update(Bytes(data.substr(off, 777)));
    (void)h.Peek();
  }
  EXPECT_EQ(h.Peek(), Sha512(Bytes(data)));
}

TEST(RandomSource, SeededIsReproducibleAndChunkingInvariant) {
  SeededRandomSource a("seed"), b("seed"), c("other");
  std::array<uint8_t, 100> x{}, y{}, z{};
  ASSERT_TRUE(a.Fill(absl::MakeSpan(x)).ok());
  ASSERT_TRUE(b.Fill(absl::MakeSpan(y).first(7)).ok());
  ASSERT_TRUE(b.Fill(absl::MakeSpan(y).subspan(7, 50)).ok());
  ASSERT_TRUE(b.Fill(absl::MakeSpan(y).subspan(57)).ok());
  ASSERT_TRUE(c.Fill(absl::MakeSpan(z)).ok());
  EXPECT_EQ(x, y);
  EXPECT_NE(x, z);
  // Block 0 is SHA-256("seed" || 00 00 00 00 00 00 00 00).
  std::string block0 = std::string("seed") + std::string(8, '\0');
  Sha256Digest d = Sha256(Bytes(block0));
  EXPECT_TRUE(std::equal(d.begin(), d.end(), x.begin()));
}

TEST(RandomSource, SystemSourceFills) {
  SystemRandomSource rng;
  std::array<uint8_t, 64> a{}, b{};
  ASSERT_TRUE(rng.Fill(absl::MakeSpan(a)).ok());
  ASSERT_TRUE(rng.Fill(absl::MakeSpan(b)).ok());
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace s390vmm::pv
