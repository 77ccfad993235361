#include "pv/image_builder/ipib.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"

namespace s390vmm::pv {
namespace {

constexpr size_t kPb0 = kIplPlHdrSize;  // offset of ipl_pb0_pv in the block

template <typename... Args>
absl::Status IpibError(const absl::FormatSpec<Args...>& f, Args... args) {
  return absl::InvalidArgumentError("PV IPIB: " + absl::StrFormat(f, args...));
}

}  // namespace

std::vector<uint8_t> SerializePvIpib(const PvIplBlock& block) {
  const uint32_t pb0_len = kIplPb0PvFixedSize + kIplPb0PvComponentSize * static_cast<uint32_t>(block.components.size());
  const uint32_t len = std::max<uint32_t>(kIplPlHdrSize + pb0_len, kPvIpibMaxSize);
  std::vector<uint8_t> b(len, 0);
  StoreBigEndian<uint32_t>(&b[0], len);
  b[7] = kIplParmBlockVersion;
  StoreBigEndian<uint32_t>(&b[kPb0 + 0x00], pb0_len);
  b[kPb0 + 0x04] = kIplTypePv;
  StoreBigEndian<uint32_t>(&b[kPb0 + 0x6c], static_cast<uint32_t>(block.components.size()));
  StoreBigEndian<uint64_t>(&b[kPb0 + 0x70], block.pv_hdr_addr);
  StoreBigEndian<uint64_t>(&b[kPb0 + 0x78], block.pv_hdr_size);
  size_t off = kPb0 + kIplPb0PvFixedSize;
  for (const SecureComponent& c : block.components) {
    StoreBigEndian<uint64_t>(&b[off], c.tweak_prefix);
    StoreBigEndian<uint64_t>(&b[off + 8], c.addr.value());
    StoreBigEndian<uint64_t>(&b[off + 16], c.size);
    off += kIplPb0PvComponentSize;
  }
  return b;
}

absl::StatusOr<PvIplBlock> ParsePvIpib(absl::Span<const uint8_t> b) {
  if (b.size() < kIplPlHdrSize + kIplPb0PvFixedSize) {
    return IpibError("%d bytes cannot hold the block header and the fixed PV block (0x%x bytes)", b.size(),
                     kIplPlHdrSize + kIplPb0PvFixedSize);
  }
  const uint32_t len = LoadBigEndian<uint32_t>(&b[0]);
  if (len < kIplPlHdrSize + kIplPb0PvFixedSize || len > b.size()) {
    return IpibError("length 0x%x is outside [0x%x, 0x%x]", len, kIplPlHdrSize + kIplPb0PvFixedSize, b.size());
  }
  if (b[7] != kIplParmBlockVersion) return IpibError("version %d is not %d", b[7], kIplParmBlockVersion);
  if (b[kPb0 + 0x04] != kIplTypePv) return IpibError("type %d is not PV (%d)", b[kPb0 + 0x04], kIplTypePv);
  const uint32_t num = LoadBigEndian<uint32_t>(&b[kPb0 + 0x6c]);
  if (num == 0) return IpibError("no components");
  if (num > kPvIpibMaxComponents) return IpibError("%d components do not fit in one page", num);
  const uint32_t pb0_len = LoadBigEndian<uint32_t>(&b[kPb0]);
  const uint32_t expected = kIplPb0PvFixedSize + kIplPb0PvComponentSize * num;
  if (pb0_len != expected) {
    return IpibError("PV block length 0x%x does not match 0x80 + 24*num_comp = 0x%x", pb0_len, expected);
  }
  if (kIplPlHdrSize + pb0_len > len) {
    return IpibError("%d components (0x%x bytes) exceed the block length 0x%x", num, kIplPlHdrSize + pb0_len, len);
  }
  PvIplBlock out;
  out.pv_hdr_addr = LoadBigEndian<uint64_t>(&b[kPb0 + 0x70]);
  out.pv_hdr_size = LoadBigEndian<uint64_t>(&b[kPb0 + 0x78]);
  size_t off = kPb0 + kIplPb0PvFixedSize;
  for (uint32_t i = 0; i < num; ++i, off += kIplPb0PvComponentSize) {
    SecureComponent c;
    c.tweak_prefix = LoadBigEndian<uint64_t>(&b[off]);
    c.addr = GuestAddress(LoadBigEndian<uint64_t>(&b[off + 8]));
    c.size = LoadBigEndian<uint64_t>(&b[off + 16]);
    if (!c.addr.IsAligned(kPageSize)) return IpibError("component %d address 0x%x is not page aligned", i, c.addr.value());
    if (c.size == 0 || c.size % kPageSize != 0) {
      return IpibError("component %d length 0x%x is not a non-zero multiple of 4096", i, c.size);
    }
    if (!c.addr.CheckedAdd(c.size).has_value()) {
      return IpibError("component %d [0x%x, +0x%x) wraps the address space", i, c.addr.value(), c.size);
    }
    if (!out.components.empty() && c.tweak_prefix <= out.components.back().tweak_prefix) {
      return IpibError("component %d tweak prefix 0x%016x is not above the previous 0x%016x", i, c.tweak_prefix,
                       out.components.back().tweak_prefix);
    }
    out.components.push_back(c);
  }
  return out;
}

}  // namespace s390vmm::pv
