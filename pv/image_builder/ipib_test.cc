#include "pv/image_builder/ipib.h"

#include <string>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

PvIplBlock Sample() {
  PvIplBlock b;
  b.pv_hdr_size = 0x280;
  b.components = {{GuestAddress(0x14000), 0x11000, 0x0000'1111'2222'3333},
                  {GuestAddress(0x25000), 0x1000, 0x0001'aaaa'bbbb'cccc},
                  {GuestAddress(0x26000), 0x1000, 0x0003'0000'0000'0001}};
  return b;
}

std::string Error(const std::vector<uint8_t>& b) {
  auto p = ParsePvIpib(b);
  return p.ok() ? "OK" : std::string(p.status().message());
}

TEST(PvIpib, LayoutAsGenprotimgWritesIt) {
  std::vector<uint8_t> b = SerializePvIpib(Sample());
  ASSERT_EQ(b.size(), 4096u);
  EXPECT_EQ(LoadBigEndian<uint32_t>(&b[0]), 0x1000u);        // hdr.len: padded to a page
  EXPECT_EQ(b[7], 1);                                        // IPL_PARM_BLOCK_VERSION
  EXPECT_EQ(LoadBigEndian<uint32_t>(&b[8]), 0x80u + 3 * 24);  // pb0 len
  EXPECT_EQ(b[8 + 4], 5);                                    // IPL_TYPE_PV
  EXPECT_EQ(LoadBigEndian<uint32_t>(&b[8 + 0x6c]), 3u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[8 + 0x70]), 0u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[8 + 0x78]), 0x280u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[8 + 0x80]), 0x0000'1111'2222'3333u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[8 + 0x88]), 0x14000u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&b[8 + 0x90]), 0x11000u);
  auto back = ParsePvIpib(b);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->components.size(), 3u);
  EXPECT_EQ(back->components[1].addr, GuestAddress(0x25000));
  EXPECT_EQ(back->pv_hdr_size, 0x280u);
}

TEST(PvIpib, EveryFieldIsValidated) {
  const std::vector<uint8_t> good = SerializePvIpib(Sample());
  auto with = [&](size_t off, auto v) {
    std::vector<uint8_t> b = good;
    StoreBigEndian(&b[off], v);
    return Error(b);
  };
  EXPECT_EQ(Error(good), "OK");
  EXPECT_THAT(Error(std::vector<uint8_t>(good.begin(), good.begin() + 100)), HasSubstr("cannot hold"));
  EXPECT_THAT(with(0, uint32_t{0x2000}), HasSubstr("length 0x2000 is outside"));
  EXPECT_THAT(with(0, uint32_t{0x10}), HasSubstr("outside"));
  EXPECT_THAT(with(7, uint8_t{2}), HasSubstr("version 2"));
  EXPECT_THAT(with(12, uint8_t{2}), HasSubstr("type 2 is not PV"));
  EXPECT_THAT(with(8 + 0x6c, uint32_t{0}), HasSubstr("no components"));
  EXPECT_THAT(with(8 + 0x6c, uint32_t{0xffffffff}), HasSubstr("do not fit in one page"));
  EXPECT_THAT(with(8 + 0x6c, uint32_t{4}), HasSubstr("does not match 0x80 + 24*num_comp"));
  EXPECT_THAT(with(8 + 0x88, uint64_t{0x14010}), HasSubstr("component 0 address 0x14010 is not page aligned"));
  EXPECT_THAT(with(8 + 0x90, uint64_t{0}), HasSubstr("component 0 length 0x0"));
  EXPECT_THAT(with(8 + 0x90, uint64_t{0x1001}), HasSubstr("not a non-zero multiple"));
  EXPECT_THAT(with(8 + 0x88, uint64_t{0xfffffffffffff000}), HasSubstr("wraps"));
  EXPECT_THAT(with(8 + 0x98, uint64_t{0x0000'1111'2222'3333}), HasSubstr("component 1 tweak prefix"));
}

}  // namespace
}  // namespace s390vmm::pv
