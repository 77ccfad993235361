#include "machine/sclp.h"

#include <cstring>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

constexpr uint64_t kSccb = 0x25000;

class SclpTest : public ::testing::Test {
 protected:
  SclpTest() : memory_(*GuestMemory::CreateFlat(1 << 30)), sclp_(*memory_, {512ull << 20, 2, 4}, &console_) {}

  // Writes an SCCB of `length` bytes (header + payload) at kSccb.
  void PutSccb(uint16_t length, std::vector<uint8_t> payload = {}, uint8_t control2 = 0) {
    std::vector<uint8_t> sccb(std::max<size_t>(length, 8 + payload.size()), 0);  // a header even if `length` lies
    StoreBigEndian<uint16_t>(sccb.data(), length);
    sccb[5] = control2;
    std::copy(payload.begin(), payload.end(), sccb.begin() + 8);
    ASSERT_TRUE(memory_->Write(GuestAddress(kSccb), absl::MakeConstSpan(sccb)).ok());
  }
  uint16_t Response() { return *memory_->Load<uint16_t>(GuestAddress(kSccb + 6)); }
  template <typename T>
  T At(uint64_t offset) {
    return *memory_->Load<T>(GuestAddress(kSccb + offset));
  }
  // Registers the guest's masks (8-byte masks): receive = what it accepts, send = what it sends.
  void RegisterMasks(uint64_t receive, uint64_t send) {
    std::vector<uint8_t> p(4 + 32, 0);
    p[2] = 0;
    p[3] = 8;  // mask length
    for (int i = 0; i < 8; ++i) {
      p[4 + i] = static_cast<uint8_t>(receive >> (56 - 8 * i));
      p[12 + i] = static_cast<uint8_t>(send >> (56 - 8 * i));
    }
    PutSccb(8 + 4 + 32, p);
    auto r = sclp_.ServiceCall(sclp_command::kWriteEventMask, kSccb, 0);
    ASSERT_FALSE(r.program_interrupt.has_value());
    ASSERT_EQ(Response(), sclp_response::kNormalCompletion);
  }

  static constexpr uint64_t kVt220Bit = uint64_t{1} << (64 - 0x1a);

  std::unique_ptr<GuestMemory> memory_;
  MemoryCharBackend console_;
  Sclp sclp_;
};

TEST_F(SclpTest, ReadScpInfoDescribesMemoryAndCpus) {
  PutSccb(4096);
  auto r = sclp_.ServiceCall(sclp_command::kReadScpInfoForced, kSccb, 0);
  ASSERT_FALSE(r.program_interrupt.has_value());
  EXPECT_EQ(r.cc, 0);
  ASSERT_TRUE(r.service_signal.has_value());
  EXPECT_EQ(*r.service_signal, kSccb);  // no event pending
  EXPECT_EQ(Response(), sclp_response::kNormalReadCompletion);
  // rnmax * rnsize MiB = 512 MiB.
  EXPECT_EQ(At<uint16_t>(8) * At<uint8_t>(10), 512);
  EXPECT_EQ(At<uint64_t>(104), 512u);
  EXPECT_EQ(At<uint16_t>(16), 2);    // CPUs
  EXPECT_EQ(At<uint16_t>(18), 128);  // CPU entry offset
  EXPECT_EQ(At<uint8_t>(128 + 16), 1);  // second CPU's address
  EXPECT_EQ(At<uint64_t>(48), 0x0800000000000000u);  // CPU info available
  EXPECT_EQ(At<uint16_t>(120), 3);  // highest CPU address
}

TEST_F(SclpTest, ReadCpuInfo) {
  PutSccb(4096);
  sclp_.ServiceCall(sclp_command::kReadCpuInfo, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kNormalReadCompletion);
  EXPECT_EQ(At<uint16_t>(8), 2);
  EXPECT_EQ(At<uint16_t>(10), 16);
  EXPECT_EQ(At<uint8_t>(16 + 16), 1);
}

TEST_F(SclpTest, BadSccbAddressesAndLengths) {
  PutSccb(4096);
  EXPECT_EQ(sclp_.ServiceCall(sclp_command::kReadScpInfo, kSccb + 4, 0).program_interrupt,
            ProgramInterruptCode::kSpecification);  // not doubleword aligned
  EXPECT_EQ(sclp_.ServiceCall(sclp_command::kReadScpInfo, 0x1000, 0).program_interrupt,
            ProgramInterruptCode::kSpecification);  // in the lowcore
  EXPECT_EQ(sclp_.ServiceCall(sclp_command::kReadScpInfo, 0x80000000, 0).program_interrupt,
            ProgramInterruptCode::kSpecification);  // above 2 GiB
  EXPECT_EQ(sclp_.ServiceCall(sclp_command::kReadScpInfo, 0x40000000 + 0x1000 * 0, 0x40000000).program_interrupt,
            ProgramInterruptCode::kSpecification);  // in the prefix area
  EXPECT_EQ(sclp_.ServiceCall(sclp_command::kReadScpInfo, 0x7fff0000, 0).program_interrupt,
            ProgramInterruptCode::kAddressing);  // no memory there
  PutSccb(4);  // shorter than a header
  EXPECT_EQ(sclp_.ServiceCall(sclp_command::kReadScpInfo, kSccb, 0).program_interrupt,
            ProgramInterruptCode::kSpecification);
  // Crossing a page boundary: a response code, nothing else written.
  ASSERT_TRUE(memory_->Store<uint16_t>(GuestAddress(kSccb + 0x800), 0x1000).ok());
  auto r = sclp_.ServiceCall(sclp_command::kReadScpInfo, kSccb + 0x800, 0);
  EXPECT_FALSE(r.program_interrupt.has_value());
  EXPECT_EQ(*memory_->Load<uint16_t>(GuestAddress(kSccb + 0x806)), sclp_response::kSccbBoundaryViolation);
  // Too small for the CPU entries.
  PutSccb(64);
  sclp_.ServiceCall(sclp_command::kReadScpInfo, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kInsufficientLength);
  // Unknown command.
  PutSccb(64);
  sclp_.ServiceCall(0x00ff0001, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kInvalidCommand);
}

TEST_F(SclpTest, WriteEventMaskReportsVt220) {
  RegisterMasks(kVt220Bit, kVt220Bit);
  EXPECT_EQ(sclp_.guest_receive_mask(), kVt220Bit);
  EXPECT_EQ(sclp_.guest_send_mask(), kVt220Bit);
  EXPECT_EQ(At<uint64_t>(12 + 16), kVt220Bit);  // SCLP receive mask
  EXPECT_NE(At<uint64_t>(12 + 24) & kVt220Bit, 0u);  // SCLP send mask
  // Linux's 4-byte masks work too; a zero mask length is refused.
  PutSccb(8 + 4 + 16, {0, 0, 0, 4});
  sclp_.ServiceCall(sclp_command::kWriteEventMask, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kNormalCompletion);
  PutSccb(8 + 4 + 16, {0, 0, 0, 0});
  sclp_.ServiceCall(sclp_command::kWriteEventMask, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kInvalidMaskLength);
}

TEST_F(SclpTest, Vt220OutputGoesToTheConsole) {
  RegisterMasks(kVt220Bit, kVt220Bit);
  const std::string text = "Linux version 6.1\r\n";
  std::vector<uint8_t> ev(6 + text.size());
  StoreBigEndian<uint16_t>(ev.data(), static_cast<uint16_t>(ev.size()));
  ev[2] = 0x1a;
  std::memcpy(ev.data() + 6, text.data(), text.size());
  PutSccb(static_cast<uint16_t>(8 + ev.size()), ev);
  auto r = sclp_.ServiceCall(sclp_command::kWriteEventData, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kNormalCompletion);
  EXPECT_EQ(console_.output(), text);
  EXPECT_EQ(At<uint8_t>(8 + 3) & 0x80, 0x80);  // buffer accepted
  EXPECT_EQ(*r.service_signal, kSccb);
}

TEST_F(SclpTest, MalformedEventBuffersAreRejected) {
  RegisterMasks(kVt220Bit, kVt220Bit);
  PutSccb(8 + 6, {0, 200, 0x1a, 0, 0, 0});  // event longer than the SCCB
  sclp_.ServiceCall(sclp_command::kWriteEventData, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kEventBufferSyntaxError);
  PutSccb(8 + 6, {0, 2, 0x1a, 0, 0, 0});  // event shorter than its header
  sclp_.ServiceCall(sclp_command::kWriteEventData, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kEventBufferSyntaxError);
  EXPECT_EQ(console_.output(), "");
}

TEST_F(SclpTest, ConsoleInputRaisesEventPendingAndIsRead) {
  EXPECT_FALSE(sclp_.QueueConsoleInput("ls\n").has_value());  // guest has not asked for VT220 input yet
  RegisterMasks(kVt220Bit, kVt220Bit);
  EXPECT_EQ(sclp_.QueueConsoleInput("x").value_or(0), 1u);
  PutSccb(4096, {}, 0x80);
  auto r = sclp_.ServiceCall(sclp_command::kReadEventData, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kNormalCompletion);
  EXPECT_EQ(At<uint16_t>(0), 8 + 6 + 1 + 4);  // variable-length response
  EXPECT_EQ(At<uint8_t>(8 + 2), 0x1a);
  EXPECT_EQ(At<uint8_t>(14), 0x00);          // VT220 session byte: data follows
  EXPECT_EQ(At<uint32_t>(15), 0x6c730a78u);  // "ls\nx"
  EXPECT_EQ(*r.service_signal, kSccb);       // nothing pending any more
  PutSccb(4096);
  sclp_.ServiceCall(sclp_command::kReadEventData, kSccb, 0);
  EXPECT_EQ(Response(), sclp_response::kNoEventBuffersStored);
}

}  // namespace
}  // namespace s390vmm
