#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/big_endian.h"
#include "base/status_macros.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

TEST(BigEndian, LoadStoreRoundTrip) {
  uint8_t buf[8];
  StoreBigEndian<uint32_t>(buf, 0x11223344);
  EXPECT_EQ(buf[0], 0x11);
  EXPECT_EQ(buf[3], 0x44);
  EXPECT_EQ(LoadBigEndian<uint32_t>(buf), 0x11223344u);
  StoreBigEndian<int16_t>(buf + 1, -2);
  EXPECT_EQ(buf[1], 0xff);
  EXPECT_EQ(buf[2], 0xfe);
  EXPECT_EQ(LoadBigEndian<int16_t>(buf + 1), -2);
  StoreBigEndian<uint64_t>(buf, 0x0102030405060708ull);
  EXPECT_EQ(buf[7], 0x08);
  EXPECT_EQ(LoadBigEndian<uint64_t>(buf), 0x0102030405060708ull);
}

absl::StatusOr<int> Half(int v) {
  if (v % 2) return absl::InvalidArgumentError("odd");
  return v / 2;
}

absl::Status Quarter(int v, int* out) {
  ASSIGN_OR_RETURN(int h, Half(v));
  ASSIGN_OR_RETURN(*out, Half(h));
  return absl::OkStatus();
}

absl::Status Check(bool ok) {
  RETURN_IF_ERROR(ok ? absl::OkStatus() : absl::NotFoundError("nope"));
  return absl::OkStatus();
}

TEST(StatusMacros, PropagateErrorsAndValues) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, &out).ok());
  EXPECT_EQ(out, 2);
  EXPECT_EQ(Quarter(6, &out).message(), "odd");
  EXPECT_EQ(Check(false).code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(Check(true).ok());
}

}  // namespace
}  // namespace s390vmm
