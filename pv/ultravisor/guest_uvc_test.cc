#include "pv/ultravisor/guest_uvc.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/crypto/random_source.h"
#include "pv/ultravisor/soft_ultravisor.h"

namespace s390vmm::pv {
namespace {

constexpr uint64_t kMemSize = 1 << 20;
constexpr GuestAddress kUvcb(0x8000);

class GuestUvcTest : public ::testing::Test {
 protected:
  GuestUvcTest() {
    memory_ = *GuestMemory::CreateFlat(kMemSize);
    SeededRandomSource rng("guest uvc host");
    uv_ = std::make_unique<SoftUltravisor>(*memory_, std::vector<P521PrivateKey>{*P521PrivateKey::Generate(rng)});
    config_ = *uv_->CreateSecureConfig({GuestAddress(0), kMemSize});
    id_ = *uv_->OwnerId(config_);
    // The guest's UVCB page is its own secure page.
    EXPECT_TRUE(uv_->ConvertToSecure(config_, kUvcb).ok());
  }

  Accessor guest() const { return Accessor::SecureGuest(id_); }

  void WriteHeader(uint16_t len, uint16_t cmd) {
    std::vector<uint8_t> zero(0x100, 0);
    ASSERT_TRUE(memory_->Write(kUvcb, zero, guest()).ok());
    ASSERT_TRUE(memory_->Store<uint16_t>(kUvcb, len, guest()).ok());
    ASSERT_TRUE(memory_->Store<uint16_t>(kUvcb.WrappingAdd(2), cmd, guest()).ok());
  }
  uint16_t Rc() { return *memory_->Load<uint16_t>(kUvcb.WrappingAdd(4), guest()); }
  absl::StatusOr<int> Uvc(GuestAddress at = kUvcb) { return ExecuteGuestUvc(*uv_, config_, id_, *memory_, at); }

  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<SoftUltravisor> uv_;
  ConfigHandle config_;
  SecureConfigId id_{0};
};

TEST_F(GuestUvcTest, QueryTellsLinuxItRunsProtected) {
  WriteHeader(0x100, uvc::kQuery);
  EXPECT_EQ(*Uvc(), 0);
  EXPECT_EQ(Rc(), uv_rc::kSuccess);
  uint64_t calls = *memory_->Load<uint64_t>(kUvcb.WrappingAdd(0x10), guest());
  EXPECT_TRUE(calls & (uint64_t{1} << (63 - 8)));  // SET_SHARED_ACCESS
  EXPECT_TRUE(calls & (uint64_t{1} << (63 - 9)));  // REMOVE_SHARED_ACCESS
  EXPECT_EQ(*memory_->Load<uint64_t>(kUvcb.WrappingAdd(0x80), guest()), kMemSize - 1);
  EXPECT_EQ(*memory_->Load<uint64_t>(kUvcb.WrappingAdd(0xb8), guest()), kPcfNoDecryption);

  // 0xa8 bytes: partly filled, rc 0x0100 (Linux accepts it); shorter: invalid length.
  WriteHeader(0xa8, uvc::kQuery);
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uvcb::kQueryRcMoreData);
  EXPECT_NE(*memory_->Load<uint64_t>(kUvcb.WrappingAdd(0x10), guest()), 0u);
  EXPECT_EQ(*memory_->Load<uint64_t>(kUvcb.WrappingAdd(0xb8), guest()), 0u);  // not written
  WriteHeader(0xa0, uvc::kQuery);
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uv_rc::kInvalidLength);
}

TEST_F(GuestUvcTest, ShareAndUnshareThroughTheControlBlock) {
  const GuestAddress buffer(0x40000);
  ASSERT_TRUE(uv_->ConvertToSecure(config_, buffer).ok());
  std::vector<uint8_t> out(8);
  EXPECT_FALSE(memory_->Read(buffer, absl::MakeSpan(out)).ok());
  WriteHeader(uvcb::kShareLength, uvc::kSetSharedAccess);
  ASSERT_TRUE(memory_->Store<uint64_t>(kUvcb.WrappingAdd(0x20), buffer.value(), guest()).ok());
  EXPECT_EQ(*Uvc(), 0);
  EXPECT_TRUE(memory_->Read(buffer, absl::MakeSpan(out)).ok());  // host may now read it
  WriteHeader(uvcb::kShareLength, uvc::kRemoveSharedAccess);
  ASSERT_TRUE(memory_->Store<uint64_t>(kUvcb.WrappingAdd(0x20), buffer.value(), guest()).ok());
  EXPECT_EQ(*Uvc(), 0);
  EXPECT_FALSE(memory_->Read(buffer, absl::MakeSpan(out)).ok());
  // Again: not shared any more.
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uv_rc::kPageState);
  // Wrong length, unaligned page, unknown and host-only commands.
  WriteHeader(0x28, uvc::kSetSharedAccess);
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uv_rc::kInvalidLength);
  WriteHeader(uvcb::kShareLength, uvc::kSetSharedAccess);
  ASSERT_TRUE(memory_->Store<uint64_t>(kUvcb.WrappingAdd(0x20), 0x40010, guest()).ok());
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uv_rc::kBadAddress);
  WriteHeader(0x50, uvc::kUnpackImage);
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uv_rc::kInvalidCommand);
  WriteHeader(0x30, 0x7777);
  EXPECT_EQ(*Uvc(), 1);
  EXPECT_EQ(Rc(), uv_rc::kInvalidCommand);
}

TEST_F(GuestUvcTest, InaccessibleControlBlocksAreProgramExceptions) {
  EXPECT_TRUE(absl::IsInvalidArgument(Uvc(kUvcb.WrappingAdd(4)).status()));
  EXPECT_TRUE(absl::IsOutOfRange(Uvc(GuestAddress(kMemSize)).status()));
  // Another configuration's page.
  auto memory2 = *GuestMemory::CreateFlat(kMemSize);
  ASSERT_TRUE(memory_->SetPageOwner(GuestAddress(0x9000), kPageSize, PageOwner::Secure(SecureConfigId(77))).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(Uvc(GuestAddress(0x9000)).status()));
}

}  // namespace
}  // namespace s390vmm::pv
