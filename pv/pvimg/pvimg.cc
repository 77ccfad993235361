#include "pv/pvimg/pvimg.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "memory/guest_memory.h"
#include "pv/boot/boot_stubs.h"
#include "pv/ultravisor/secure_boot.h"
#include "pv/ultravisor/soft_ultravisor.h"

namespace s390vmm::pv {
namespace {

uint64_t PageAlign(uint64_t n) { return (n + kPageSize - 1) / kPageSize * kPageSize; }

// Finds stage3b_args in the decrypted stage3b: the 64 bytes (searched from the end, where both genprotimg's
// and our stage3b keep them; genprotimg's stage3b_reloc.bin has them at a 4-byte aligned offset) whose
// memblobs point at this image's components.
struct Stage3bArgs {
  uint64_t src[3] = {0, 0, 0};
  uint64_t size[3] = {0, 0, 0};
  SePsw psw;
};
std::optional<Stage3bArgs> FindStage3bArgs(absl::Span<const uint8_t> stage3b, const SecureComponent* comps[3]) {
  if (stage3b.size() < kStage3bArgsSize) return std::nullopt;
  for (size_t off = stage3b.size() - kStage3bArgsSize + 1; off-- > 0;) {
    Stage3bArgs a;
    bool match = true;
    for (int i = 0; i < 3 && match; ++i) {
      a.src[i] = LoadBigEndian<uint64_t>(&stage3b[off + 16 * i]);
      a.size[i] = LoadBigEndian<uint64_t>(&stage3b[off + 16 * i + 8]);
      if (comps[i] == nullptr) {
        match = a.size[i] == 0;
      } else {
        match = a.src[i] == comps[i]->addr.value() && a.size[i] <= comps[i]->size;
      }
    }
    if (match && a.size[0] > 0) {
      a.psw = {LoadBigEndian<uint64_t>(&stage3b[off + 48]), LoadBigEndian<uint64_t>(&stage3b[off + 56])};
      return a;
    }
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<HostKeyMaterial> GenerateHostKey(const HostKeyRequest& request, RandomSource& rng) {
  if ((request.ca_key == nullptr) != (request.ca_cert == nullptr)) {
    return absl::InvalidArgumentError("signing with a CA needs both its private key and its certificate");
  }
  absl::StatusOr<P521PrivateKey> key = P521PrivateKey::Generate(rng);
  if (!key.ok()) return key.status();
  CertificateOptions options;
  options.common_name = request.common_name;
  // A random serial, so documents of one CA differ.
  uint8_t serial[8];
  if (absl::Status s = rng.Fill(absl::MakeSpan(serial)); !s.ok()) return s;
  options.serial = LoadBigEndian<uint64_t>(serial) >> 1;
  absl::StatusOr<std::string> document =
      request.is_ca ? CreateCaCertificate(*key, options, request.ca_key, request.ca_cert)
                    : CreateHostKeyDocument(key->public_key(), request.ca_key ? *request.ca_key : *key,
                                            request.ca_cert, options);
  if (!document.ok()) return document.status();
  absl::StatusOr<std::string> pem = PrivateKeyToPem(*key);
  if (!pem.ok()) return pem.status();
  return HostKeyMaterial{*std::move(pem), *std::move(document)};
}

absl::StatusOr<CreateResult> CreateSeImage(CreateRequest request, RandomSource& rng) {
  CreateResult result;
  if (request.documents.empty()) return absl::InvalidArgumentError("at least one host-key document is required");
  if (request.no_verify) {
    result.warnings.push_back(
        "host-key document verification is disabled (--no-verify): the image is only as trustworthy as the "
        "host-key documents you gave");
  } else {
    for (const HostKeyDocument& doc : request.documents) {
      if (absl::Status s = VerifyHostKeyDocument(doc, request.ca_chain); !s.ok()) return s;
    }
  }
  request.image.host_keys.clear();
  for (const HostKeyDocument& doc : request.documents) request.image.host_keys.push_back(doc.public_key());
  absl::StatusOr<BuiltSeImage> built = BuildSeImage(request.image, rng);
  if (!built.ok()) return built.status();
  result.image = std::move(built->bytes);
  return result;
}

absl::StatusOr<UnpackedSeImage> UnpackSeImage(absl::Span<const uint8_t> image,
                                              absl::Span<const P521PrivateKey> host_keys) {
  if (host_keys.empty()) return absl::InvalidArgumentError("no host private key given");
  absl::StatusOr<SeImageInfo> info = DescribeSeImage(image);
  if (!info.ok()) return info.status();
  const SeImageLayout& layout = info->layout;
  // Component types, from the top of each tweak prefix: each at most once, stage3b last.
  const SecureComponent* by_type[4] = {nullptr, nullptr, nullptr, nullptr};
  for (size_t i = 0; i < layout.ipib.components.size(); ++i) {
    const SecureComponent& c = layout.ipib.components[i];
    uint64_t type = ComponentTypeOfTweak(c.tweak_prefix);
    if (type > 3 || by_type[type] != nullptr) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "SE image: component %d has tweak prefix 0x%016x: %s", i, c.tweak_prefix,
          type > 3 ? "unknown component type" : "a second component of the same type"));
    }
    by_type[type] = &c;
  }
  if (by_type[0] == nullptr) return absl::InvalidArgumentError("SE image: no kernel component");
  if (by_type[3] == nullptr || by_type[3] != &layout.ipib.components.back()) {
    return absl::InvalidArgumentError("SE image: stage3b is not the last component");
  }

  // Guest memory as QEMU would load the image: flat at 0.
  absl::StatusOr<std::unique_ptr<GuestMemory>> memory = GuestMemory::CreateFlat(PageAlign(image.size()));
  if (!memory.ok()) return memory.status();
  if (absl::Status s = (*memory)->Write(GuestAddress(0), image); !s.ok()) return s;
  SoftUltravisor uv(**memory, std::vector<P521PrivateKey>(host_keys.begin(), host_keys.end()));
  // The host's copy of the header, as KVM_PV_SET_SEC_PARMS takes it.
  absl::Span<const uint8_t> header = image.subspan(layout.header_addr.value(), layout.header_size);
  absl::StatusOr<ProtectedGuest> guest =
      ProtectAndUnpack(uv, {GuestAddress(0), (*memory)->total_size()}, header, layout.ipib.components);
  if (!guest.ok()) return guest.status();
  absl::StatusOr<SecureConfigId> id = uv.OwnerId(guest->config);
  if (!id.ok()) return id.status();
  auto read = [&](const SecureComponent& c) -> absl::StatusOr<std::vector<uint8_t>> {
    std::vector<uint8_t> data(c.size);
    if (absl::Status s = (*memory)->Read(c.addr, absl::MakeSpan(data), Accessor::SecureGuest(*id)); !s.ok()) {
      return s;
    }
    return data;
  };

  UnpackedSeImage out;
  out.start_psw = guest->psw;
  out.pages = info->header.nep;
  absl::StatusOr<std::vector<uint8_t>> stage3b = read(*by_type[3]);
  if (!stage3b.ok()) return stage3b.status();
  const SecureComponent* memblobs[3] = {by_type[0], by_type[1], by_type[2]};
  std::optional<Stage3bArgs> args = FindStage3bArgs(*stage3b, memblobs);
  out.exact_sizes = args.has_value();
  if (args) out.kernel_psw = args->psw;
  for (int type = 0; type < 3; ++type) {
    if (by_type[type] == nullptr) continue;
    absl::StatusOr<std::vector<uint8_t>> data = read(*by_type[type]);
    if (!data.ok()) return data.status();
    if (args) data->resize(args->size[type]);
    if (type == 0) out.kernel = *std::move(data);
    if (type == 1) out.parmline = *std::move(data);
    if (type == 2) out.initrd = *std::move(data);
  }
  out.info = *std::move(info);
  (void)uv.DestroySecureConfig(guest->config);
  return out;
}

}  // namespace s390vmm::pv
