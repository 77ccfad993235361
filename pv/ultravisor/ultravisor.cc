#include "pv/ultravisor/ultravisor.h"

#include "absl/types/optional.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_format.h"
#include "base/big_endian.h"

namespace s390vmm::pv {
namespace {

constexpr char kUvCodePayload[] = "s390vmm.pv/uv-rc-rrc";

}  // namespace

absl::Status UvError(absl::StatusCode code, uint16_t rc, uint16_t rrc, std::string message) {
  absl::Status status(code, absl::StrFormat("%s [UV rc 0x%04x rrc 0x%04x]", message, rc, rrc));
  uint8_t bytes[4];
  StoreBigEndian<uint16_t>(bytes, rc);
  StoreBigEndian<uint16_t>(bytes + 2, rrc);
  status.SetPayload(kUvCodePayload, absl::Cord(absl::string_view(reinterpret_cast<char*>(bytes), 4)));
  return status;
}

UvCode GetUvCode(const absl::Status& status) {
  if (status.ok()) return UvCode{};
  absl::optional<absl::Cord> payload = status.GetPayload(kUvCodePayload);
  if (!payload.has_value() || payload->size() != 4) return UvCode{uv_rc::kHostError, 0};
  std::string bytes(*payload);
  return UvCode{LoadBigEndian<uint16_t>(bytes.data()), LoadBigEndian<uint16_t>(bytes.data() + 2)};
}

}  // namespace s390vmm::pv
