#include "pv/ultravisor/guest_uvc.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"

namespace s390vmm::pv {
namespace {

// QUERY: the UV writes the fields that fit in the caller's block (facts §4b offsets).
std::vector<uint8_t> QueryBlock(const UvQueryInfo& info) {
  std::vector<uint8_t> b(uvcb::kQueryFullLength, 0);
  for (int i = 0; i < 4; ++i) StoreBigEndian<uint64_t>(&b[0x10 + 8 * i], info.installed_calls[i]);
  StoreBigEndian<uint32_t>(&b[0x7c], info.max_secure_configs);
  StoreBigEndian<uint64_t>(&b[0x80], info.max_guest_storage_address);
  StoreBigEndian<uint16_t>(&b[0x9e], info.max_guest_cpu_id);
  StoreBigEndian<uint64_t>(&b[0xb0], info.supported_header_versions);
  StoreBigEndian<uint64_t>(&b[0xb8], info.supported_pcf);
  return b;
}

}  // namespace

absl::StatusOr<int> ExecuteGuestUvc(Ultravisor& uv, ConfigHandle config, SecureConfigId owner, GuestMemory& memory,
                                    GuestAddress uvcb_addr) {
  if (!uvcb_addr.IsAligned(8)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("UVC: control block address %s is not doubleword aligned", uvcb_addr.ToString()));
  }
  const Accessor guest = Accessor::SecureGuest(owner);
  uint8_t header[uvcb::kHeaderSize];
  if (absl::Status s = memory.Read(uvcb_addr, absl::MakeSpan(header), guest); !s.ok()) return s;
  const uint16_t len = LoadBigEndian<uint16_t>(header);
  const uint16_t cmd = LoadBigEndian<uint16_t>(header + 2);
  UvCode code;
  switch (cmd) {
    case uvc::kQuery: {
      if (len < uvcb::kQueryMinLength) {
        code = {uv_rc::kInvalidLength, 0};
        break;
      }
      std::vector<uint8_t> block = QueryBlock(uv.GuestQuery(config));
      const uint64_t n = std::min<uint64_t>(len, uvcb::kQueryFullLength);
      // Everything after the header that fits.
      absl::Status s = memory.Write(uvcb_addr.WrappingAdd(uvcb::kHeaderSize),
                                    absl::MakeConstSpan(block).subspan(uvcb::kHeaderSize, n - uvcb::kHeaderSize), guest);
      if (!s.ok()) return s;
      code = {len < uvcb::kQueryFullLength ? uvcb::kQueryRcMoreData : uv_rc::kSuccess, 0};
      break;
    }
    case uvc::kSetSharedAccess:
    case uvc::kRemoveSharedAccess: {
      if (len != uvcb::kShareLength) {
        code = {uv_rc::kInvalidLength, 0};
        break;
      }
      absl::StatusOr<uint64_t> paddr = memory.Load<uint64_t>(uvcb_addr.WrappingAdd(uvcb::kShareAddressOffset), guest);
      if (!paddr.ok()) return paddr.status();
      code = GetUvCode(cmd == uvc::kSetSharedAccess ? uv.SetSharedAccess(config, GuestAddress(*paddr))
                                                    : uv.RemoveSharedAccess(config, GuestAddress(*paddr)));
      break;
    }
    default:
      code = {uv_rc::kInvalidCommand, 0};
  }
  uint8_t rc[4];
  StoreBigEndian<uint16_t>(rc, code.rc);
  StoreBigEndian<uint16_t>(rc + 2, code.rrc);
  if (absl::Status s = memory.Write(uvcb_addr.WrappingAdd(4), absl::MakeConstSpan(rc), guest); !s.ok()) return s;
  return code.rc == uv_rc::kSuccess ? 0 : 1;
}

}  // namespace s390vmm::pv
