#include "pv/image_builder/image_builder.h"

#include <openssl/mem.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "pv/boot/boot_stubs.h"
#include "pv/crypto/aes_xts.h"
#include "pv/crypto/sha.h"
#include "pv/se_header/se_header_crypto.h"

namespace s390vmm::pv {
namespace {

uint64_t PageAlign(uint64_t n) { return (n + kPageSize - 1) / kPageSize * kPageSize; }

struct Component {
  ComponentType type;
  const std::vector<uint8_t>* data;  // null: stage3b (built below)
  uint64_t original_size = 0;
  uint64_t padded_size = 0;  // >= one page
  uint64_t addr = 0;
  uint64_t tweak_prefix = 0;
};

// stage3b_args: three memblobs {src, size} and the PSW, big-endian, in the last 64 bytes of stage3b.
std::vector<uint8_t> PatchedStage3b(const std::vector<Component>& comps, const SePsw& psw) {
  absl::Span<const uint8_t> bin = Stage3bBinary();
  std::vector<uint8_t> out(bin.begin(), bin.end());
  uint8_t* args = out.data() + out.size() - kStage3bArgsSize;
  for (const Component& c : comps) {
    int slot = c.type == ComponentType::kKernel ? 0 : c.type == ComponentType::kParmline ? 1
               : c.type == ComponentType::kInitrd ? 2 : -1;
    if (slot < 0) continue;
    StoreBigEndian<uint64_t>(args + 16 * slot, c.addr);
    StoreBigEndian<uint64_t>(args + 16 * slot + 8, c.original_size);
  }
  StoreBigEndian<uint64_t>(args + 48, psw.mask);
  StoreBigEndian<uint64_t>(args + 56, psw.addr);
  return out;
}

}  // namespace

absl::StatusOr<BuiltSeImage> BuildSeImage(const ImageBuilderInput& in, RandomSource& rng) {
  if (in.kernel.size() < kMinKernelSize) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "kernel image is %d bytes; an s390 Linux image is at least 64 KiB (stage3b drops its first 64 KiB)",
        in.kernel.size()));
  }
  if (in.parmline.has_value() && in.parmline->size() > kMaxParmlineSize) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "parmline is %d bytes; stage3b copies at most %d (COMMAND_LINE_SIZE)", in.parmline->size(), kMaxParmlineSize));
  }
  if (in.host_keys.empty()) return absl::InvalidArgumentError("at least one host-key document is required");
  if (in.host_keys.size() > kSeMaxKeySlots) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%d host keys; an SE header holds at most %d key slots", in.host_keys.size(), kSeMaxKeySlots));
  }

  // 1-5: keys and IV.
  absl::StatusOr<P521PrivateKey> customer = P521PrivateKey::Generate(rng);
  if (!customer.ok()) return customer.status();
  SeHeaderSealInput seal;
  seal.customer_key = &*customer;
  seal.host_keys = in.host_keys;
  if (in.header_key.has_value()) {
    seal.header_key = *in.header_key;
  } else if (absl::Status s = rng.Fill(absl::MakeSpan(seal.header_key)); !s.ok()) {
    return s;
  }
  SeSecrets& secrets = seal.secrets;
  if (in.xts_key.has_value()) {
    secrets.xts_key = *in.xts_key;
  } else {
    do {
      if (absl::Status s = rng.Fill(absl::MakeSpan(secrets.xts_key)); !s.ok()) return s;
    } while (std::memcmp(secrets.xts_key.data(), secrets.xts_key.data() + 32, 32) == 0);
  }
  absl::StatusOr<AesXts> xts = AesXts::Create(secrets.xts_key);
  if (!xts.ok()) return absl::InvalidArgumentError(absl::StrCat("component key: ", xts.status().message()));
  if (in.comm_key.has_value()) {
    secrets.cust_comm_key = *in.comm_key;
  } else if (absl::Status s = rng.Fill(absl::MakeSpan(secrets.cust_comm_key)); !s.ok()) {
    return s;
  }
  if (absl::Status s = rng.Fill(absl::MakeSpan(seal.fields.iv)); !s.ok()) return s;

  // Layout.
  const uint64_t stage3a_size = Stage3aBinary().size();
  const uint64_t ipib_addr = PageAlign(kSeImageStage3aAddress + stage3a_size);
  const uint64_t header_addr = ipib_addr + kPageSize;  // the IPIB is one page for up to 4 components
  absl::StatusOr<uint64_t> phs = SeHeaderSizeFor(in.host_keys.size(), kSeEncryptedFixedSize);
  if (!phs.ok()) return phs.status();
  std::vector<Component> comps;
  comps.push_back({ComponentType::kKernel, &in.kernel, in.kernel.size()});
  if (in.parmline.has_value()) comps.push_back({ComponentType::kParmline, &*in.parmline, in.parmline->size()});
  if (in.initrd.has_value()) comps.push_back({ComponentType::kInitrd, &*in.initrd, in.initrd->size()});
  comps.push_back({ComponentType::kStage3b, nullptr, Stage3bBinary().size()});
  uint64_t addr = PageAlign(header_addr + *phs);
  for (Component& c : comps) {
    c.padded_size = std::max<uint64_t>(kPageSize, PageAlign(c.original_size));
    c.addr = addr;
    addr += c.padded_size;
    // 6: the tweak prefix: component type in the top 16 bits, 48 random bits.
    uint8_t random[6];
    if (absl::Status s = rng.Fill(absl::MakeSpan(random)); !s.ok()) return s;
    c.tweak_prefix = uint64_t{static_cast<uint16_t>(c.type)} << 48;
    for (int i = 0; i < 6; ++i) c.tweak_prefix |= uint64_t{random[i]} << (8 * (5 - i));
  }
  const uint64_t image_size = addr;
  const std::vector<uint8_t> stage3b = PatchedStage3b(comps, in.kernel_psw);

  // Components: copy, pad, encrypt page by page; PLD over what is stored, ALD over addresses, TLD over tweaks.
  std::vector<uint8_t> out(image_size, 0);
  Sha512Hasher pld, ald, tld;
  uint64_t nep = 0;
  for (const Component& c : comps) {
    const std::vector<uint8_t>& data = c.data ? *c.data : stage3b;
    std::copy(data.begin(), data.end(), out.begin() + c.addr);
    for (uint64_t off = 0; off < c.padded_size; off += kPageSize) {
      absl::Span<uint8_t> page(out.data() + c.addr + off, kPageSize);
      XtsTweak tweak;
      StoreBigEndian<uint64_t>(tweak.data(), c.tweak_prefix);
      StoreBigEndian<uint64_t>(tweak.data() + 8, off);
      if (!(in.pcf & kPcfNoDecryption)) {
        if (absl::Status s = xts->Encrypt(tweak, page, page); !s.ok()) return s;
      }
      uint8_t be_addr[8];
      StoreBigEndian<uint64_t>(be_addr, c.addr + off);
      pld.Update(page);
      ald.Update(be_addr);
      tld.Update(tweak);
      ++nep;
    }
  }

  // Header: the UV starts the guest at stage3b in 64-bit mode.
  seal.fields.nep = nep;
  seal.fields.pcf = in.pcf;
  seal.fields.pld = pld.Peek();
  seal.fields.ald = ald.Peek();
  seal.fields.tld = tld.Peek();
  secrets.psw = {kPswMaskEaBa, comps.back().addr};
  secrets.scf = in.scf;
  absl::StatusOr<std::vector<uint8_t>> header = SealSeHeader(seal);
  OPENSSL_cleanse(seal.header_key.data(), seal.header_key.size());
  if (!header.ok()) return header.status();
  std::memcpy(out.data() + header_addr, header->data(), header->size());

  // IPIB (header address left 0: stage3a fills it in).
  PvIplBlock ipib;
  ipib.pv_hdr_size = header->size();
  for (const Component& c : comps) ipib.components.push_back({GuestAddress(c.addr), c.padded_size, c.tweak_prefix});
  std::vector<uint8_t> ipib_bytes = SerializePvIpib(ipib);
  if (ipib_bytes.size() > kPageSize) return absl::InternalError("PV IPIB exceeds one page");
  std::memcpy(out.data() + ipib_addr, ipib_bytes.data(), ipib_bytes.size());

  // stage3a and its args (offsets relative to the args' address).
  absl::Span<const uint8_t> stage3a = Stage3aBinary();
  std::memcpy(out.data() + kSeImageStage3aAddress, stage3a.data(), stage3a.size());
  const uint64_t args_addr = kSeImageStage3aAddress + stage3a_size - kStage3aArgsSize;
  StoreBigEndian<uint64_t>(out.data() + args_addr, header_addr - args_addr);
  StoreBigEndian<uint64_t>(out.data() + args_addr + 8, header->size());
  StoreBigEndian<uint64_t>(out.data() + args_addr + 16, ipib_addr - args_addr);

  // IPL PSW: short (ESA/390) form of the 64-bit PSW at stage3a's entry.
  StoreBigEndian<uint64_t>(out.data(), kPswMaskEaBa | kShortPswBit12 | kStage3aEntry);

  BuiltSeImage built;
  built.bytes = std::move(out);
  for (const Component& c : comps) built.original_sizes.push_back(c.original_size);
  absl::StatusOr<SeImageLayout> layout = LocateSeImage(built.bytes);
  if (!layout.ok()) return absl::InternalError(absl::StrCat("built image does not parse: ", layout.status().message()));
  built.layout = *std::move(layout);
  return built;
}

}  // namespace s390vmm::pv
