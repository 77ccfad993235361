// Issue 6 point 8: bad input is rejected with a specific message, never a crash (run under --config=asan
// too). Every byte of a small image's SE header is flipped in turn and the image must fail to unpack with
// one of the messages that name a cause; likewise a bit in any encrypted page, a wrong host key, truncated
// files and absurd lengths.
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/pvimg/pvimg.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SeededRandomSource rng("bad input");
    host_ = new P521PrivateKey(*P521PrivateKey::Generate(rng));
    ImageBuilderInput in;
    in.kernel.assign(0x10000 + 100, 0x33);
    in.parmline = std::vector<uint8_t>{'q', 'u', 'i', 'e', 't'};
    in.host_keys = {host_->public_key()};
    auto built = BuildSeImage(in, rng);
    ASSERT_TRUE(built.ok()) << built.status();
    image_ = new std::vector<uint8_t>(built->bytes);
    layout_ = new SeImageLayout(built->layout);
  }

  static std::string UnpackError(const std::vector<uint8_t>& image) {
    auto r = UnpackSeImage(image, absl::MakeConstSpan(host_, 1));
    return r.ok() ? "OK" : std::string(r.status().message());
  }

  static P521PrivateKey* host_;
  static std::vector<uint8_t>* image_;
  static SeImageLayout* layout_;
};
P521PrivateKey* BadInputTest::host_;
std::vector<uint8_t>* BadInputTest::image_;
SeImageLayout* BadInputTest::layout_;

TEST_F(BadInputTest, TheGoodImageUnpacks) { EXPECT_EQ(UnpackError(*image_), "OK"); }

TEST_F(BadInputTest, EveryHeaderByteFlippedIsRejectedWithACause) {
  // The causes a header flip may legitimately produce, by the field that was hit.
  const std::vector<std::string> causes = {
      "no SE header",                        // magic (the image locator no longer finds the header)
      "unsupported version",                 // version
      "the header says phs",                 // phs (disagrees with the IPIB)
      "reserved field res1",                 // res1
      "does not match 416 + 80*nks + sea + 16",  // nks, sea
      "nks is 0", "exceeds the", "not a multiple of 16", "smaller than the smallest v1 header",
      "smaller than the fixed encrypted part",
      "nep is 0",
      "customer public key is invalid",      // customer key: not on the curve any more
      "no key slot matches the host key",    // key slot digest
      "unwrapping the header key failed",    // wrapped key / slot tag (or a still-valid but different point)
      "authentication failed",               // any other authenticated byte, the encrypted part, the tag
  };
  const uint64_t hdr = layout_->header_addr.value();
  std::map<std::string, int> seen;
  for (uint64_t off = 0; off < layout_->header_size; ++off) {
    std::vector<uint8_t> bad = *image_;
    bad[hdr + off] ^= 0xff;
    std::string error = UnpackError(bad);
    ASSERT_NE(error, "OK") << "flipping header byte 0x" << std::hex << off << " was not detected";
    bool known = false;
    for (const std::string& c : causes) {
      if (error.find(c) != std::string::npos) {
        ++seen[c];
        known = true;
        break;
      }
    }
    EXPECT_TRUE(known) << "header byte 0x" << std::hex << off << ": unexpected message: " << error;
  }
  for (const auto& [cause, n] : seen) std::cout << n << " x " << cause << "\n";
  // The big groups each show up (the counts document the split).
  EXPECT_EQ(seen["no SE header"], 8);
  EXPECT_EQ(seen["no key slot matches the host key"], 32);
  EXPECT_GE(seen["authentication failed"], 300);
  EXPECT_GE(seen["customer public key is invalid"], 100);
  EXPECT_GE(seen["unwrapping the header key failed"], 48);
}

TEST_F(BadInputTest, EncryptedPagesAreCheckedByVerify) {
  for (const SecureComponent& c : layout_->ipib.components) {
    for (uint64_t off : {uint64_t{0}, c.size - 1}) {
      std::vector<uint8_t> bad = *image_;
      bad[c.addr.value() + off] ^= 0x01;
      EXPECT_THAT(UnpackError(bad), HasSubstr("PLD (page-list digest) differs"));
    }
  }
}

TEST_F(BadInputTest, WrongHostKey) {
  SeededRandomSource rng("a different machine");
  P521PrivateKey other = *P521PrivateKey::Generate(rng);
  auto r = UnpackSeImage(*image_, absl::MakeConstSpan(&other, 1));
  EXPECT_THAT(r.status().message(), HasSubstr("the image was not built for this host"));
}

TEST_F(BadInputTest, TruncatedFiles) {
  const uint64_t hdr = layout_->header_addr.value();
  for (uint64_t len : {uint64_t{0}, uint64_t{7}, uint64_t{0x10000}, uint64_t{0x11000}, hdr, hdr + 100,
                       hdr + layout_->header_size - 1, uint64_t(image_->size() - kPageSize),
                       uint64_t(image_->size() - 1)}) {
    std::vector<uint8_t> cut(image_->begin(), image_->begin() + len);
    std::string error = UnpackError(cut);
    EXPECT_THAT(error, HasSubstr("SE image: ")) << "length " << len;
  }
}

TEST_F(BadInputTest, AbsurdLengthsAndCounts) {
  const uint64_t hdr = layout_->header_addr.value();
  const uint64_t ipib = layout_->ipib_addr.value();
  struct Case {
    uint64_t offset;
    int width;
    uint64_t value;
    const char* message;
  } cases[] = {
      {hdr + 0x0c, 4, 0xffffffff, "exceeds the v1 limit"},                  // phs
      {hdr + 0x20, 8, ~uint64_t{0}, "exceeds the 95 key slots"},            // nks
      {hdr + 0x28, 8, uint64_t{1} << 62, "exceeds the v1 header limit"},    // sea
      {hdr + 0x30, 8, ~uint64_t{0}, "exceeds the 64-bit address space"},    // nep
      {ipib + 0, 4, 0xffffffff, "length 0xffffffff is outside"},            // IPIB length
      {ipib + 8 + 0x6c, 4, 0x7fffffff, "do not fit in one page"},           // num_comp
      {ipib + 8 + 0x90, 8, uint64_t{1} << 63, "lies beyond the end of the image"},  // kernel length
      {ipib + 8 + 0x88, 8, 0xfffffffffffff000, "wraps the address space"},  // kernel address
      {ipib + 8 + 0x78, 8, 0x10000000, "gives header size"},                // pv_hdr_size
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> bad = *image_;
    if (c.width == 4) StoreBigEndian<uint32_t>(&bad[c.offset], static_cast<uint32_t>(c.value));
    if (c.width == 8) StoreBigEndian<uint64_t>(&bad[c.offset], c.value);
    EXPECT_THAT(UnpackError(bad), HasSubstr(c.message)) << c.message;
  }
}

}  // namespace
}  // namespace s390vmm::pv
