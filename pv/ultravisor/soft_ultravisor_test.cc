#include "pv/ultravisor/soft_ultravisor.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/crypto/random_source.h"
#include "pv/ultravisor/secure_boot.h"
#include "pv/ultravisor/test_image.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;
using testing::BuildTestImage;
using testing::TestImage;

constexpr uint64_t kMemSize = 1 << 20;
constexpr GuestAddress kImageBase(0x20000);

P521PrivateKey Key(const std::string& seed) {
  SeededRandomSource rng(seed);
  return *P521PrivateKey::Generate(rng);
}

std::vector<uint8_t> Pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed + i * 7 + (i >> 9));
  return v;
}

class SoftUltravisorTest : public ::testing::Test {
 protected:
  SoftUltravisorTest() : host_(Key("uv host")) {
    memory_ = *GuestMemory::CreateFlat(kMemSize);
    uv_ = std::make_unique<SoftUltravisor>(*memory_, std::vector<P521PrivateKey>{Key("other host"), host_});
    // kernel (3 pages), cmdline (1), "stage3b" (1)
    plain_ = {Pattern(9000, 1), Pattern(30, 2), Pattern(100, 3)};
  }

  TestImage Build(uint64_t pcf = 0) { return BuildTestImage(*memory_, kImageBase, plain_, {host_.public_key()}, pcf); }

  absl::StatusOr<ProtectedGuest> Boot(const TestImage& image) {
    return ProtectAndUnpack(*uv_, {GuestAddress(0), kMemSize}, image.header, image.components);
  }

  std::vector<uint8_t> GuestRead(SecureConfigId id, GuestAddress addr, size_t n) {
    std::vector<uint8_t> out(n);
    EXPECT_TRUE(memory_->Read(addr, absl::MakeSpan(out), Accessor::SecureGuest(id)).ok());
    return out;
  }

  P521PrivateKey host_;
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<SoftUltravisor> uv_;
  std::vector<std::vector<uint8_t>> plain_;
};

TEST_F(SoftUltravisorTest, UnpacksVerifiesAndStarts) {
  TestImage image = Build();
  auto guest = Boot(image);
  ASSERT_TRUE(guest.ok()) << guest.status();
  EXPECT_EQ(guest->psw, image.psw);
  EXPECT_EQ(*uv_->GetCpuState(guest->ipl_cpu), SecureCpuState::kOperatingLoad);
  SecureConfigId id = *uv_->OwnerId(guest->config);
  for (size_t i = 0; i < image.components.size(); ++i) {
    const SecureComponent& c = image.components[i];
    EXPECT_EQ(GuestRead(id, c.addr, c.size), image.padded_plaintexts[i]) << "component " << i;
    // The host can no longer read what the UV unpacked.
    std::vector<uint8_t> buf(16);
    EXPECT_TRUE(absl::IsPermissionDenied(memory_->Read(c.addr, absl::MakeSpan(buf))));
  }
  EXPECT_EQ(memory_->secure_frame_count(), 5u);
  // Pages outside the image are untouched host pages.
  EXPECT_TRUE(memory_->Read(GuestAddress(0), absl::MakeSpan(std::vector<uint8_t>(16).data(), 16)).ok());
  // After VERIFY the configuration is sealed.
  EXPECT_EQ(GetUvCode(uv_->UnpackPage(guest->config, GuestAddress(0), 1 << 20, 0)).rc, uv_rc::kInvalidState);
  EXPECT_EQ(GetUvCode(uv_->VerifyImage(guest->config)).rc, uv_rc::kInvalidState);
  // Destroy returns the pages cleared.
  ASSERT_TRUE(uv_->DestroySecureConfig(guest->config).ok());
  EXPECT_EQ(memory_->secure_frame_count(), 0u);
  std::vector<uint8_t> page(kPageSize, 0xff);
  ASSERT_TRUE(memory_->Read(kImageBase, absl::MakeSpan(page)).ok());
  EXPECT_EQ(page, std::vector<uint8_t>(kPageSize, 0));
  EXPECT_EQ(GetUvCode(uv_->VerifyImage(guest->config)).rc, uv_rc::kBadHandle);
}

TEST_F(SoftUltravisorTest, WrongHostKeyIsRc108) {
  TestImage image = BuildTestImage(*memory_, kImageBase, plain_, {Key("stranger").public_key()});
  auto guest = Boot(image);
  ASSERT_FALSE(guest.ok());
  EXPECT_EQ(GetUvCode(guest.status()), (UvCode{uv_rc::kNoKeySlot, 0}));
  EXPECT_THAT(guest.status().message(), HasSubstr("setting the secure configuration parameters: SE header: no key slot"));
  EXPECT_EQ(memory_->secure_frame_count(), 0u);
}

TEST_F(SoftUltravisorTest, VerifyNamesWhatDiffers) {
  struct Case {
    const char* name;
    std::function<void(TestImage&)> tamper;
    uint16_t rrc;
    const char* message;
  };
  const Case cases[] = {
      {"ciphertext bit", [&](TestImage& im) {
         uint8_t b = *memory_->Load<uint8_t>(im.components[0].addr.WrappingAdd(5000));
         (void)memory_->Store<uint8_t>(im.components[0].addr.WrappingAdd(5000), b ^ 0x10);
       }, kVerifyMismatchPld, "PLD (page-list digest) differs"},
      {"address", [&](TestImage& im) {
         // Same ciphertext, unpacked one page higher: only the address list changes.
         std::vector<uint8_t> page(kPageSize);
         SecureComponent& c = im.components[2];
         (void)memory_->Read(c.addr, absl::MakeSpan(page));
         c.addr = c.addr.WrappingAdd(kPageSize);
         (void)memory_->Write(c.addr, page);
       }, kVerifyMismatchAld, "ALD (address-list digest) differs"},
      {"tweak", [&](TestImage& im) { im.components[1].tweak_prefix += 1; }, kVerifyMismatchTld,
       "TLD (tweak-list digest) differs"},
      {"missing page", [&](TestImage& im) { im.components.pop_back(); },
       kVerifyMismatchNep | kVerifyMismatchPld | kVerifyMismatchAld | kVerifyMismatchTld,
       "nep differs (unpacked 4 pages, header says 5)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TestImage image = Build();
    c.tamper(image);
    auto guest = Boot(image);
    ASSERT_FALSE(guest.ok());
    EXPECT_EQ(GetUvCode(guest.status()), (UvCode{uv_rc::kVerifyFailed, c.rrc}));
    EXPECT_THAT(guest.status().message(), HasSubstr("verifying the image: image verification failed: "));
    EXPECT_THAT(guest.status().message(), HasSubstr(c.message));
    EXPECT_EQ(memory_->secure_frame_count(), 0u);  // destroyed
  }
}

TEST_F(SoftUltravisorTest, StateMachineAndArgumentErrors) {
  TestImage image = Build();
  ConfigHandle cfg = *uv_->CreateSecureConfig({GuestAddress(0), kMemSize});
  const SecureComponent& k = image.components[0];
  auto rc = [](const absl::Status& s) { return GetUvCode(s).rc; };
  EXPECT_EQ(rc(uv_->UnpackPage(cfg, k.addr, k.tweak_prefix, 0)), uv_rc::kInvalidState);
  EXPECT_EQ(rc(uv_->VerifyImage(cfg)), uv_rc::kInvalidState);
  CpuHandle cpu = *uv_->CreateSecureCpu(cfg, 0);
  EXPECT_EQ(rc(uv_->CreateSecureCpu(cfg, 0).status()), uv_rc::kCpuExists);
  EXPECT_EQ(rc(uv_->CreateSecureCpu(cfg, 300).status()), uv_rc::kBadCpuNumber);
  EXPECT_EQ(rc(uv_->SetCpuState(cpu, SecureCpuState::kOperatingLoad)), uv_rc::kInvalidState);
  ASSERT_TRUE(uv_->SetSecureConfigParams(cfg, image.header).ok());
  EXPECT_EQ(rc(uv_->SetSecureConfigParams(cfg, image.header)), uv_rc::kInvalidState);
  EXPECT_EQ(rc(uv_->UnpackPage(cfg, k.addr.WrappingAdd(8), k.tweak_prefix, 0)), uv_rc::kBadAddress);
  EXPECT_EQ(rc(uv_->UnpackPage(cfg, GuestAddress(kMemSize), k.tweak_prefix, 0)), uv_rc::kBadAddress);
  ASSERT_TRUE(uv_->UnpackPage(cfg, k.addr, k.tweak_prefix, 0).ok());
  EXPECT_EQ(rc(uv_->UnpackPage(cfg, k.addr.WrappingAdd(kPageSize), k.tweak_prefix, 0)), uv_rc::kTweakOrder);
  EXPECT_EQ(rc(uv_->UnpackPage(cfg, k.addr, k.tweak_prefix, kPageSize)), uv_rc::kPageState);
  EXPECT_EQ(rc(uv_->InitialPsw(cfg).status()), uv_rc::kInvalidState);
  EXPECT_EQ(rc(uv_->CreateSecureConfig({GuestAddress(0), kMemSize}).status()), uv_rc::kBadStorage);  // overlap
  EXPECT_EQ(rc(uv_->CreateSecureConfig({GuestAddress(0), kMemSize * 2}).status()), uv_rc::kBadStorage);
  EXPECT_EQ(rc(uv_->SetCpuState(CpuHandle(999), SecureCpuState::kStopped)), uv_rc::kBadHandle);
  EXPECT_EQ(rc(uv_->DestroySecureCpu(cpu)), uv_rc::kSuccess);
  EXPECT_EQ(rc(uv_->DestroySecureCpu(cpu)), uv_rc::kBadHandle);
  // A header for nep pages accepts no more.
  ASSERT_TRUE(uv_->DestroySecureConfig(cfg).ok());
  image = Build();
  cfg = *uv_->CreateSecureConfig({GuestAddress(0), kMemSize});
  ASSERT_TRUE(uv_->SetSecureConfigParams(cfg, image.header).ok());
  for (const SecureComponent& c : image.components) ASSERT_TRUE(UnpackComponent(*uv_, cfg, c).ok());
  EXPECT_EQ(rc(uv_->UnpackPage(cfg, GuestAddress(0), ~uint64_t{0}, 0)), uv_rc::kTooManyPages);
  EXPECT_TRUE(uv_->VerifyImage(cfg).ok());
  EXPECT_FALSE(UnpackComponent(*uv_, cfg, {GuestAddress(0x1001), 4096, 0}).ok());
  EXPECT_FALSE(UnpackComponent(*uv_, cfg, {GuestAddress(0x1000), 0, 0}).ok());
}

TEST_F(SoftUltravisorTest, HeaderProblemsAreRefusedAtSetSecParms) {
  TestImage image = Build();
  ConfigHandle cfg = *uv_->CreateSecureConfig({GuestAddress(0), kMemSize});
  std::vector<uint8_t> bad = image.header;
  bad[0] ^= 1;
  absl::Status s = uv_->SetSecureConfigParams(cfg, bad);
  EXPECT_EQ(GetUvCode(s).rc, uv_rc::kBadHeader);
  EXPECT_THAT(s.message(), HasSubstr("bad magic"));
  bad = image.header;
  bad[0x30 + 7] ^= 1;  // nep
  s = uv_->SetSecureConfigParams(cfg, bad);
  EXPECT_EQ(GetUvCode(s).rc, uv_rc::kHeaderAuth);
  EXPECT_THAT(s.message(), HasSubstr("authentication failed"));
  EXPECT_EQ(GetUvCode(uv_->SetSecureConfigParams(cfg, absl::MakeConstSpan(image.header).first(600))).rc,
            uv_rc::kBadHeader);
  // A flag this Ultravisor does not support.
  TestImage dump = BuildTestImage(*memory_, kImageBase, plain_, {host_.public_key()}, 0x20000000);
  s = uv_->SetSecureConfigParams(cfg, dump.header);
  EXPECT_EQ(GetUvCode(s).rc, uv_rc::kUnsupportedPcf);
  EXPECT_THAT(s.message(), HasSubstr("unsupported bits 0x20000000"));
}

TEST_F(SoftUltravisorTest, NoDecryptionImagesStayInTheClear) {
  TestImage image = Build(kPcfNoDecryption);
  auto guest = Boot(image);
  ASSERT_TRUE(guest.ok()) << guest.status();
  SecureConfigId id = *uv_->OwnerId(guest->config);
  EXPECT_EQ(GuestRead(id, image.components[0].addr, 9000), plain_[0]);
}

TEST_F(SoftUltravisorTest, SharingExportAndImport) {
  TestImage image = Build();
  auto guest = Boot(image);
  ASSERT_TRUE(guest.ok());
  ConfigHandle cfg = guest->config;
  SecureConfigId id = *uv_->OwnerId(cfg);
  GuestAddress page = image.components[0].addr;
  std::vector<uint8_t> buf(64);
  // The guest shares a page: the host reads the guest's plaintext.
  ASSERT_TRUE(uv_->SetSharedAccess(cfg, page).ok());
  ASSERT_TRUE(memory_->Read(page, absl::MakeSpan(buf)).ok());
  EXPECT_TRUE(std::equal(buf.begin(), buf.end(), plain_[0].begin()));
  EXPECT_EQ(GetUvCode(uv_->ConvertToSecure(cfg, page)).rc, uv_rc::kPageState);
  ASSERT_TRUE(uv_->RemoveSharedAccess(cfg, page).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(memory_->Read(page, absl::MakeSpan(buf))));
  EXPECT_EQ(GetUvCode(uv_->RemoveSharedAccess(cfg, page)).rc, uv_rc::kPageState);
  // UnshareAll takes back every shared page.
  ASSERT_TRUE(uv_->SetSharedAccess(cfg, page).ok());
  ASSERT_TRUE(uv_->SetSharedAccess(cfg, GuestAddress(0x1000)).ok());  // never-secure page
  ASSERT_TRUE(uv_->UnshareAll(cfg).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(memory_->Read(page, absl::MakeSpan(buf))));
  EXPECT_TRUE(absl::IsPermissionDenied(memory_->Read(GuestAddress(0x1000), absl::MakeSpan(buf))));
  // Export: the host sees ciphertext only; import restores the plaintext.
  ASSERT_TRUE(uv_->ConvertFromSecure(page).ok());
  ASSERT_TRUE(memory_->Read(page, absl::MakeSpan(buf)).ok());
  EXPECT_FALSE(std::equal(buf.begin(), buf.end(), plain_[0].begin()));
  EXPECT_EQ(GetUvCode(uv_->ConvertFromSecure(page)).rc, uv_rc::kPageState);
  EXPECT_EQ(GetUvCode(uv_->SetSharedAccess(cfg, page)).rc, uv_rc::kPageState);
  ASSERT_TRUE(uv_->ConvertToSecure(cfg, page).ok());
  EXPECT_EQ(GuestRead(id, page, 64), std::vector<uint8_t>(plain_[0].begin(), plain_[0].begin() + 64));
  // Import of a fresh host page; addresses outside the configuration are refused.
  ASSERT_TRUE(uv_->ConvertToSecure(cfg, GuestAddress(0x3000)).ok());
  EXPECT_EQ(GetUvCode(uv_->ConvertToSecure(cfg, GuestAddress(0x3000))).rc, uv_rc::kPageState);
  EXPECT_EQ(GetUvCode(uv_->SetSharedAccess(cfg, GuestAddress(kMemSize))).rc, uv_rc::kBadAddress);
  EXPECT_EQ(GetUvCode(uv_->ConvertFromSecure(GuestAddress(0x5000))).rc, uv_rc::kPageState);
  // Prepare reset stops the CPUs.
  ASSERT_TRUE(uv_->PrepareReset(cfg).ok());
  EXPECT_EQ(*uv_->GetCpuState(guest->ipl_cpu), SecureCpuState::kStopped);
}

TEST_F(SoftUltravisorTest, QueryListsTheImplementedCalls) {
  UvQueryInfo host = uv_->Query();
  for (int bit : {uvc_bit::kQuery, uvc_bit::kCreateSecureConfig, uvc_bit::kSetSecureConfigParams,
                  uvc_bit::kUnpackImage, uvc_bit::kVerifyImage, uvc_bit::kSetUnshareAll}) {
    EXPECT_TRUE(host.installed(bit)) << bit;
  }
  EXPECT_FALSE(host.installed(1));  // INIT_UV: nothing to initialize in software
  EXPECT_EQ(host.max_guest_storage_address, kMemSize - 1);
  EXPECT_EQ(host.supported_pcf, kPcfNoDecryption);
  UvQueryInfo guest = uv_->GuestQuery(ConfigHandle(1));
  EXPECT_TRUE(guest.installed(uvc_bit::kSetSharedAccess));
  EXPECT_TRUE(guest.installed(uvc_bit::kRemoveSharedAccess));
  EXPECT_FALSE(guest.installed(uvc_bit::kUnpackImage));
  EXPECT_EQ(guest.installed_calls[0] >> 54, 0b1000'0000'11u);  // bits 0, 8, 9
}

TEST(UvCode, PayloadRoundTrip) {
  EXPECT_EQ(GetUvCode(absl::OkStatus()), (UvCode{1, 0}));
  absl::Status s = UvError(absl::StatusCode::kInternal, 0x10c, 0x6, "boom");
  EXPECT_EQ(GetUvCode(s), (UvCode{0x10c, 6}));
  EXPECT_THAT(s.message(), HasSubstr("boom [UV rc 0x010c rrc 0x0006]"));
  EXPECT_EQ(GetUvCode(absl::InternalError("x")).rc, uv_rc::kHostError);
}

}  // namespace
}  // namespace s390vmm::pv
