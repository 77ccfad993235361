#include "pv/image_builder/image_builder.h"

#include <string>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "memory/guest_memory.h"
#include "pv/boot/boot_stubs.h"
#include "pv/image_builder/image_info.h"
#include "pv/ultravisor/secure_boot.h"
#include "pv/ultravisor/soft_ultravisor.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

P521PrivateKey Key(const std::string& seed) {
  SeededRandomSource rng(seed);
  return *P521PrivateKey::Generate(rng);
}

std::vector<uint8_t> Pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed ^ (i * 13) ^ (i >> 8));
  return v;
}

struct Unpacked {
  std::vector<std::vector<uint8_t>> components;  // padded plaintext
};

// Loads the image flat at 0 and runs the Ultravisor's unpack + verify, returning each component.
absl::StatusOr<Unpacked> Unpack(const BuiltSeImage& image, const P521PrivateKey& key) {
  auto memory = GuestMemory::CreateFlat((image.bytes.size() + (1 << 20)) / kPageSize * kPageSize);
  if (!memory.ok()) return memory.status();
  if (absl::Status s = (*memory)->Write(GuestAddress(0), image.bytes); !s.ok()) return s;
  SoftUltravisor uv(**memory, {key});
  const SeImageLayout& l = image.layout;
  std::vector<uint8_t> header(image.bytes.begin() + l.header_addr.value(),
                              image.bytes.begin() + l.header_addr.value() + l.header_size);
  auto guest = ProtectAndUnpack(uv, {GuestAddress(0), (*memory)->total_size()}, header, l.ipib.components);
  if (!guest.ok()) return guest.status();
  SecureConfigId id = *uv.OwnerId(guest->config);
  Unpacked out;
  for (const SecureComponent& c : l.ipib.components) {
    std::vector<uint8_t> data(c.size);
    if (absl::Status s = (*memory)->Read(c.addr, absl::MakeSpan(data), Accessor::SecureGuest(id)); !s.ok()) return s;
    out.components.push_back(std::move(data));
  }
  return out;
}

class ImageBuilderTest : public ::testing::Test {
 protected:
  ImageBuilderTest() : host_(Key("builder host")), rng_("builder test") {
    input_.kernel = Pattern(0x10000 + 3000, 1);
    input_.parmline = std::vector<uint8_t>{'r', 'o', 'o', 't', '=', '/', 'd', 'e', 'v', '/', 'v', 'd', 'a'};
    input_.initrd = Pattern(9000, 2);
    input_.host_keys = {host_.public_key()};
  }
  P521PrivateKey host_;
  SeededRandomSource rng_;
  ImageBuilderInput input_;
};

TEST_F(ImageBuilderTest, SoftUltravisorUnpacksWhatTheBuilderMade) {
  auto image = BuildSeImage(input_, rng_);
  ASSERT_TRUE(image.ok()) << image.status();
  const SeImageLayout& l = image->layout;
  ASSERT_EQ(l.ipib.components.size(), 4u);
  EXPECT_TRUE(l.stage3a_args.has_value());
  EXPECT_EQ(l.ipl_psw, 0x0008000180011000u);
  auto unpacked = Unpack(*image, host_);
  ASSERT_TRUE(unpacked.ok()) << unpacked.status();
  auto prefix = [](const std::vector<uint8_t>& padded, const std::vector<uint8_t>& orig) {
    return std::vector<uint8_t>(padded.begin(), padded.begin() + orig.size()) == orig &&
           std::all_of(padded.begin() + orig.size(), padded.end(), [](uint8_t b) { return b == 0; });
  };
  EXPECT_TRUE(prefix(unpacked->components[0], input_.kernel));
  EXPECT_TRUE(prefix(unpacked->components[1], *input_.parmline));
  EXPECT_TRUE(prefix(unpacked->components[2], *input_.initrd));
  // stage3b with its arguments: kernel/parmline/initrd {address, original size}, then the kernel PSW.
  const std::vector<uint8_t>& s3b = unpacked->components[3];
  const size_t args = Stage3bBinary().size() - kStage3bArgsSize;
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 0]), l.ipib.components[0].addr.value());
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 8]), input_.kernel.size());
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 16]), l.ipib.components[1].addr.value());
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 24]), 13u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 32]), l.ipib.components[2].addr.value());
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 40]), 9000u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 48]), 0x0000000180000000u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(&s3b[args + 56]), 0x10000u);
  // Someone else's host key cannot.
  auto other = Unpack(*image, Key("someone else"));
  EXPECT_THAT(other.status().message(), HasSubstr("no key slot matches"));
}

TEST_F(ImageBuilderTest, OptionalComponentsAndSeveralHostKeys) {
  input_.parmline.reset();
  input_.initrd.reset();
  P521PrivateKey second = Key("second host");
  input_.host_keys.push_back(second.public_key());
  auto image = BuildSeImage(input_, rng_);
  ASSERT_TRUE(image.ok()) << image.status();
  ASSERT_EQ(image->layout.ipib.components.size(), 2u);
  EXPECT_EQ(ComponentTypeOfTweak(image->layout.ipib.components[1].tweak_prefix), 3u);  // stage3b keeps type 3
  EXPECT_EQ(image->layout.header_size, 416u + 160 + 128 + 16);
  EXPECT_TRUE(Unpack(*image, host_).ok());
  EXPECT_TRUE(Unpack(*image, second).ok());
  auto info = DescribeSeImage(image->bytes);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->header.nks, 2u);
  std::string json = SeImageInfoToJson(*info);
  EXPECT_THAT(json, HasSubstr("\"nks\": 2"));
  EXPECT_THAT(json, HasSubstr("\"type\": \"stage3b\""));
  EXPECT_THAT(SeImageInfoToText(*info), HasSubstr("key slot 1"));
}

TEST_F(ImageBuilderTest, NoDecryptionFlagStoresPlaintext) {
  input_.pcf = kPcfNoDecryption;
  auto image = BuildSeImage(input_, rng_);
  ASSERT_TRUE(image.ok());
  const SecureComponent& k = image->layout.ipib.components[0];
  EXPECT_TRUE(std::equal(input_.kernel.begin(), input_.kernel.end(), image->bytes.begin() + k.addr.value()));
  EXPECT_TRUE(Unpack(*image, host_).ok());
}

TEST_F(ImageBuilderTest, InputsAreValidated) {
  ImageBuilderInput in = input_;
  in.kernel.resize(0xffff);
  EXPECT_THAT(BuildSeImage(in, rng_).status().message(), HasSubstr("at least 64 KiB"));
  in = input_;
  in.parmline = std::vector<uint8_t>(897, 'x');
  EXPECT_THAT(BuildSeImage(in, rng_).status().message(), HasSubstr("at most 896"));
  in = input_;
  in.host_keys.clear();
  EXPECT_THAT(BuildSeImage(in, rng_).status().message(), HasSubstr("at least one host-key document"));
  in.host_keys.assign(96, host_.public_key());
  EXPECT_THAT(BuildSeImage(in, rng_).status().message(), HasSubstr("at most 95 key slots"));
  in = input_;
  in.xts_key = std::array<uint8_t, 64>{};
  EXPECT_THAT(BuildSeImage(in, rng_).status().message(), HasSubstr("halves are equal"));
}

TEST_F(ImageBuilderTest, LocateRejectsDamagedLayouts) {
  auto image = BuildSeImage(input_, rng_);
  ASSERT_TRUE(image.ok());
  const std::vector<uint8_t>& good = image->bytes;
  const uint64_t hdr = image->layout.header_addr.value();
  auto error = [](const std::vector<uint8_t>& b) {
    auto l = LocateSeImage(b);
    return l.ok() ? std::string("OK") : std::string(l.status().message());
  };
  EXPECT_EQ(error(good), "OK");
  EXPECT_THAT(error(std::vector<uint8_t>(good.begin(), good.begin() + 0x11000)), HasSubstr("too small"));
  EXPECT_THAT(error(std::vector<uint8_t>(good.begin(), good.end() - kPageSize)),
              HasSubstr("lies beyond the end of the image"));
  std::vector<uint8_t> b = good;
  b[1] = 0;  // bit 12 of the short PSW
  EXPECT_THAT(error(b), HasSubstr("not a short PSW"));
  b = good;
  b[hdr] ^= 0xff;
  EXPECT_THAT(error(b), HasSubstr("no SE header"));
  b = good;
  StoreBigEndian<uint32_t>(&b[hdr + 12], 0x290);
  EXPECT_THAT(error(b), HasSubstr("gives header size 0x280, the header says phs 0x290"));
  b = good;
  b[hdr - kPageSize + 12] = 3;  // IPIB type
  EXPECT_THAT(error(b), HasSubstr("IPL parameter block at"));
  b = good;
  StoreBigEndian<uint64_t>(&b[hdr - kPageSize + 8 + 0x88], 0x12000);  // kernel over the IPIB
  EXPECT_THAT(error(b), HasSubstr("overlaps stage3a, the IPIB or the header"));
  b = good;
  std::fill(b.begin() + 0x10000, b.begin() + hdr - kPageSize, 0);  // no stage3a_args
  auto l = LocateSeImage(b);
  ASSERT_TRUE(l.ok());
  EXPECT_FALSE(l->stage3a_args.has_value());
}

}  // namespace
}  // namespace s390vmm::pv
