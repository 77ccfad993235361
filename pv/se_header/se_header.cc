#include "pv/se_header/se_header.h"

#include <openssl/mem.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"

namespace s390vmm::pv {
namespace {

using namespace se_offsets;  // NOLINT: the field offsets read like the format table

absl::Status HeaderError(const absl::FormatSpec<>& f) { return absl::InvalidArgumentError(absl::StrFormat(f)); }
template <typename... Args>
absl::Status HeaderError(const absl::FormatSpec<Args...>& f, Args... args) {
  return absl::InvalidArgumentError(absl::StrFormat(f, args...));
}

template <size_t N>
void Get(const uint8_t* p, std::array<uint8_t, N>& out) {
  std::memcpy(out.data(), p, N);
}
template <size_t N>
void Put(uint8_t* p, const std::array<uint8_t, N>& in) {
  std::memcpy(p, in.data(), N);
}

}  // namespace

SeSecrets::~SeSecrets() {
  OPENSSL_cleanse(cust_comm_key.data(), cust_comm_key.size());
  OPENSSL_cleanse(xts_key.data(), xts_key.size());
}

absl::StatusOr<uint64_t> SeHeaderSizeFor(uint64_t nks, uint64_t sea) {
  // Bound each term first: then the sum cannot overflow.
  if (nks > kSeMaxKeySlots) {
    return HeaderError("SE header: nks %d exceeds the %d key slots that fit in a v1 header (0x%x bytes)", nks,
                       kSeMaxKeySlots, kSeMaxHeaderSize);
  }
  if (sea > kSeMaxHeaderSize) {
    return HeaderError("SE header: sea 0x%x exceeds the v1 header limit of 0x%x bytes", sea, kSeMaxHeaderSize);
  }
  return kSeHeadSize + kSeKeySlotSize * nks + sea + kSeTagSize;
}

absl::StatusOr<uint32_t> PeekSeHeaderSize(absl::Span<const uint8_t> bytes) {
  if (bytes.size() < kIv) {
    return HeaderError("SE header: %d bytes cannot hold magic, version and size", bytes.size());
  }
  uint64_t magic = LoadBigEndian<uint64_t>(bytes.data() + kMagic);
  if (magic != kSeMagic) {
    return HeaderError("SE header: bad magic 0x%016x (expected 0x%016x, \"IBMSecEx\")", magic, kSeMagic);
  }
  uint32_t version = LoadBigEndian<uint32_t>(bytes.data() + kVersion);
  if (version != kSeVersion1) {
    return HeaderError("SE header: unsupported version 0x%x (supported: 0x%x)", version, kSeVersion1);
  }
  uint32_t phs = LoadBigEndian<uint32_t>(bytes.data() + kPhs);
  if (phs < kSeMinHeaderSize) {
    return HeaderError("SE header: phs 0x%x is smaller than the smallest v1 header (0x%x)", phs, kSeMinHeaderSize);
  }
  if (phs > kSeMaxHeaderSize) {
    return HeaderError("SE header: phs 0x%x exceeds the v1 limit of 0x%x bytes", phs, kSeMaxHeaderSize);
  }
  return phs;
}

absl::StatusOr<SeHeader> ParseSeHeader(absl::Span<const uint8_t> bytes) {
  if (bytes.size() < kSeMinHeaderSize) {
    return HeaderError("SE header: %d bytes is shorter than the smallest v1 header (%d bytes)", bytes.size(),
                       kSeMinHeaderSize);
  }
  absl::StatusOr<uint32_t> phs = PeekSeHeaderSize(bytes);
  if (!phs.ok()) return phs.status();
  if (*phs != bytes.size()) {
    return HeaderError("SE header: phs 0x%x does not match the %d (0x%x) bytes given", *phs, bytes.size(),
                       bytes.size());
  }
  const uint8_t* p = bytes.data();
  SeHeader h;
  h.version = LoadBigEndian<uint32_t>(p + kVersion);
  h.phs = *phs;
  Get(p + kIv, h.iv);
  h.res1 = LoadBigEndian<uint32_t>(p + kRes1);
  h.nks = LoadBigEndian<uint64_t>(p + kNks);
  h.sea = LoadBigEndian<uint64_t>(p + kSea);
  h.nep = LoadBigEndian<uint64_t>(p + kNep);
  h.pcf = LoadBigEndian<uint64_t>(p + kPcf);
  if (h.res1 != 0) return HeaderError("SE header: reserved field res1 is 0x%x, must be 0", h.res1);
  if (h.nks == 0) return HeaderError("SE header: nks is 0 (at least one key slot is required)");
  if (h.sea < kSeEncryptedFixedSize) {
    return HeaderError("SE header: sea 0x%x is smaller than the fixed encrypted part (0x%x)", h.sea,
                       kSeEncryptedFixedSize);
  }
  if (h.sea % 16 != 0) return HeaderError("SE header: sea 0x%x is not a multiple of 16", h.sea);
  absl::StatusOr<uint64_t> expected = SeHeaderSizeFor(h.nks, h.sea);
  if (!expected.ok()) return expected.status();
  if (*expected != h.phs) {
    return HeaderError("SE header: phs 0x%x does not match 416 + 80*nks + sea + 16 = 0x%x (nks %d, sea 0x%x)",
                       h.phs, *expected, h.nks, h.sea);
  }
  // Every page is 4 KiB of guest storage; more than 2^52 pages cannot be addressed.
  if (h.nep == 0) return HeaderError("SE header: nep is 0 (an image has at least one encrypted page)");
  if (h.nep > (uint64_t{1} << 52)) {
    return HeaderError("SE header: nep %d pages exceeds the 64-bit address space", h.nep);
  }
  Get(p + kCustPubKey, h.cust_pub_key);
  Get(p + kPld, h.pld);
  Get(p + kAld, h.ald);
  Get(p + kTld, h.tld);
  // Sizes are validated: every slot, the encrypted part and the tag lie inside `bytes`.
  h.key_slots.resize(h.nks);
  const uint8_t* slot = p + kKeySlots;
  for (SeKeySlot& s : h.key_slots) {
    Get(slot, s.digest_key);
    Get(slot + 32, s.wrapped_key);
    Get(slot + 64, s.tag);
    slot += kSeKeySlotSize;
  }
  h.encrypted.assign(slot, slot + h.sea);
  Get(p + h.phs - kSeTagSize, h.tag);
  return h;
}

absl::StatusOr<std::vector<uint8_t>> SerializeSeHeader(const SeHeader& h) {
  if (h.nks != h.key_slots.size()) {
    return HeaderError("SE header: nks %d but %d key slots", h.nks, h.key_slots.size());
  }
  if (h.sea != h.encrypted.size()) {
    return HeaderError("SE header: sea 0x%x but %d encrypted bytes", h.sea, h.encrypted.size());
  }
  absl::StatusOr<uint64_t> expected = SeHeaderSizeFor(h.nks, h.sea);
  if (!expected.ok()) return expected.status();
  if (*expected != h.phs) {
    return HeaderError("SE header: phs 0x%x does not match 416 + 80*nks + sea + 16 = 0x%x", h.phs, *expected);
  }
  std::vector<uint8_t> out(h.phs, 0);
  uint8_t* p = out.data();
  StoreBigEndian<uint64_t>(p + kMagic, kSeMagic);
  StoreBigEndian<uint32_t>(p + kVersion, h.version);
  StoreBigEndian<uint32_t>(p + kPhs, h.phs);
  Put(p + kIv, h.iv);
  StoreBigEndian<uint32_t>(p + kRes1, h.res1);
  StoreBigEndian<uint64_t>(p + kNks, h.nks);
  StoreBigEndian<uint64_t>(p + kSea, h.sea);
  StoreBigEndian<uint64_t>(p + kNep, h.nep);
  StoreBigEndian<uint64_t>(p + kPcf, h.pcf);
  Put(p + kCustPubKey, h.cust_pub_key);
  Put(p + kPld, h.pld);
  Put(p + kAld, h.ald);
  Put(p + kTld, h.tld);
  uint8_t* slot = p + kKeySlots;
  for (const SeKeySlot& s : h.key_slots) {
    Put(slot, s.digest_key);
    Put(slot + 32, s.wrapped_key);
    Put(slot + 64, s.tag);
    slot += kSeKeySlotSize;
  }
  std::copy(h.encrypted.begin(), h.encrypted.end(), slot);
  Put(p + h.phs - kSeTagSize, h.tag);
  return out;
}

absl::Span<const uint8_t> SeHeaderAad(absl::Span<const uint8_t> serialized, const SeHeader& header) {
  return serialized.first(kSeHeadSize + kSeKeySlotSize * header.key_slots.size());
}

absl::StatusOr<SeSecrets> ParseSeSecrets(absl::Span<const uint8_t> plain) {
  if (plain.size() < kSeEncryptedFixedSize || plain.size() % 16 != 0) {
    return HeaderError("SE header: encrypted part of %d bytes is not 128 + a multiple of 16", plain.size());
  }
  const uint8_t* p = plain.data();
  SeSecrets s;
  Get(p, s.cust_comm_key);
  Get(p + 32, s.xts_key);
  s.psw.mask = LoadBigEndian<uint64_t>(p + 96);
  s.psw.addr = LoadBigEndian<uint64_t>(p + 104);
  s.scf = LoadBigEndian<uint64_t>(p + 112);
  s.noi = LoadBigEndian<uint32_t>(p + 120);
  s.res2 = LoadBigEndian<uint32_t>(p + 124);
  s.optional_items.assign(p + kSeEncryptedFixedSize, p + plain.size());
  if (s.res2 != 0) return HeaderError("SE header: reserved field res2 is 0x%x, must be 0", s.res2);
  if (s.noi == 0 && !s.optional_items.empty()) {
    return HeaderError("SE header: noi is 0 but %d bytes of optional items follow", s.optional_items.size());
  }
  if (s.noi != 0 && s.optional_items.empty()) {
    return HeaderError("SE header: noi is %d but there are no optional-item bytes", s.noi);
  }
  return s;
}

std::vector<uint8_t> SerializeSeSecrets(const SeSecrets& s) {
  std::vector<uint8_t> out(kSeEncryptedFixedSize + s.optional_items.size(), 0);
  uint8_t* p = out.data();
  Put(p, s.cust_comm_key);
  Put(p + 32, s.xts_key);
  StoreBigEndian<uint64_t>(p + 96, s.psw.mask);
  StoreBigEndian<uint64_t>(p + 104, s.psw.addr);
  StoreBigEndian<uint64_t>(p + 112, s.scf);
  StoreBigEndian<uint32_t>(p + 120, s.noi);
  StoreBigEndian<uint32_t>(p + 124, s.res2);
  std::copy(s.optional_items.begin(), s.optional_items.end(), p + kSeEncryptedFixedSize);
  return out;
}

}  // namespace s390vmm::pv
