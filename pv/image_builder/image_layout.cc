#include "pv/image_builder/image_layout.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "pv/se_header/se_header.h"

namespace s390vmm::pv {
namespace {

template <typename... Args>
absl::Status ImageError(const absl::FormatSpec<Args...>& f, Args... args) {
  return absl::InvalidArgumentError("SE image: " + absl::StrFormat(f, args...));
}

// stage3a plus IPIB and header fit far below this; it bounds the header search in a corrupt file.
constexpr uint64_t kHeaderSearchLimit = 16 << 20;

}  // namespace

std::string ComponentTypeName(uint64_t type) {
  switch (type) {
    case 0: return "kernel";
    case 1: return "parmline";
    case 2: return "initrd";
    case 3: return "stage3b";
    default: return absl::StrCat("component type ", type);
  }
}

absl::StatusOr<SeImageLayout> LocateSeImage(absl::Span<const uint8_t> image) {
  SeImageLayout out;
  out.image_size = image.size();
  if (image.size() < kSeImageStage3aAddress + 2 * kPageSize) {
    return ImageError("%d bytes is too small (stage3a alone starts at 0x%x)", image.size(), kSeImageStage3aAddress);
  }
  out.ipl_psw = LoadBigEndian<uint64_t>(image.data());
  if (!(out.ipl_psw & kShortPswBit12)) {
    return ImageError("the IPL PSW at 0 (0x%016x) is not a short PSW (bit 12 is zero)", out.ipl_psw);
  }
  out.entry = GuestAddress(out.ipl_psw & 0x7fffffff);

  // The header is page aligned after stage3a and the IPIB; components are ciphertext, so the magic at a page
  // start is the header.
  std::optional<uint64_t> header;
  const uint64_t limit = std::min<uint64_t>(image.size(), kHeaderSearchLimit);
  for (uint64_t off = kSeImageStage3aAddress + kPageSize; off + kSeMinHeaderSize <= limit; off += kPageSize) {
    if (LoadBigEndian<uint64_t>(image.data() + off) == kSeMagic) {
      header = off;
      break;
    }
  }
  if (!header.has_value()) {
    return ImageError("no SE header (magic \"IBMSecEx\") at any page boundary after stage3a; not a Secure "
                      "Execution image");
  }
  out.header_addr = GuestAddress(*header);
  absl::StatusOr<uint32_t> phs = PeekSeHeaderSize(image.subspan(*header));
  if (!phs.ok()) return ImageError("header at 0x%x: %s", *header, phs.status().message());
  if (*header + *phs > image.size()) {
    return ImageError("header at 0x%x of 0x%x bytes runs past the end of the image (%d bytes)", *header, *phs,
                      image.size());
  }
  out.header_size = *phs;

  out.ipib_addr = GuestAddress(*header - kPageSize);
  absl::StatusOr<PvIplBlock> ipib = ParsePvIpib(image.subspan(*header - kPageSize, kPageSize));
  if (!ipib.ok()) return ImageError("IPL parameter block at 0x%x: %s", *header - kPageSize, ipib.status().message());
  out.ipib = *std::move(ipib);
  if (out.ipib.pv_hdr_size != *phs) {
    return ImageError("IPL parameter block gives header size 0x%x, the header says phs 0x%x", out.ipib.pv_hdr_size,
                      *phs);
  }
  const uint64_t header_end = (*header + *phs + kPageSize - 1) / kPageSize * kPageSize;
  for (size_t i = 0; i < out.ipib.components.size(); ++i) {
    const SecureComponent& c = out.ipib.components[i];
    if (c.addr.value() < header_end) {
      return ImageError("component %d at 0x%x overlaps stage3a, the IPIB or the header (which end at 0x%x)", i,
                        c.addr.value(), header_end);
    }
    if (c.addr.value() > image.size() || c.size > image.size() - c.addr.value()) {
      return ImageError("component %d [0x%x, +0x%x) lies beyond the end of the image (%d bytes)", i, c.addr.value(),
                        c.size, image.size());
    }
    if (i > 0 && c.addr.value() < out.ipib.components[i - 1].addr.value() + out.ipib.components[i - 1].size) {
      return ImageError("component %d at 0x%x overlaps component %d", i, c.addr.value(), i - 1);
    }
  }

  // stage3a_args: 24 bytes, 8-byte aligned, inside stage3a, whose offsets lead to this IPIB and header.
  for (uint64_t p = kSeImageStage3aAddress; p + 24 <= out.ipib_addr.value(); p += 8) {
    const uint64_t hdr_offs = LoadBigEndian<uint64_t>(image.data() + p);
    const uint64_t hdr_size = LoadBigEndian<uint64_t>(image.data() + p + 8);
    const uint64_t ipib_offs = LoadBigEndian<uint64_t>(image.data() + p + 16);
    if (p + hdr_offs == *header && hdr_size == *phs && p + ipib_offs == out.ipib_addr.value()) {
      out.stage3a_args = GuestAddress(p);
      break;
    }
  }
  return out;
}

}  // namespace s390vmm::pv
