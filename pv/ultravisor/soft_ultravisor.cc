#include "pv/ultravisor/soft_ultravisor.h"

#include <openssl/mem.h>

#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/big_endian.h"
#include "pv/se_header/se_header_crypto.h"

namespace s390vmm::pv {
namespace {

using absl::StatusCode;

std::string ShortHex(absl::Span<const uint8_t> b) {
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(b.data()), std::min<size_t>(8, b.size()))) +
         "...";
}

XtsTweak MakeTweak(uint64_t tweak0, uint64_t tweak1) {
  XtsTweak t;
  StoreBigEndian<uint64_t>(t.data(), tweak0);
  StoreBigEndian<uint64_t>(t.data() + 8, tweak1);
  return t;
}

void SetBit(std::array<uint64_t, 4>& list, int bit) { list[bit / 64] |= uint64_t{1} << (63 - bit % 64); }

}  // namespace

struct SoftUltravisor::Image {
  explicit Image(AesXts x) : xts(std::move(x)) {}
  AesXts xts;
  uint64_t pcf = 0;
  uint64_t nep = 0;
  SeDigest pld{}, ald{}, tld{};
  SePsw psw;
  Sha512Hasher pld_hash, ald_hash, tld_hash;
  uint64_t unpacked = 0;
  bool any_unpacked = false;
  uint64_t last_tweak0 = 0, last_tweak1 = 0;
};

SoftUltravisor::SoftUltravisor(GuestMemory& memory, std::vector<P521PrivateKey> host_keys,
                               SoftUltravisorOptions options, std::unique_ptr<RandomSource> rng)
    : memory_(memory), host_keys_(std::move(host_keys)), options_(options), rng_(std::move(rng)) {
  if (rng_ == nullptr) rng_ = std::make_unique<SystemRandomSource>();
}

SoftUltravisor::~SoftUltravisor() = default;

UvQueryInfo SoftUltravisor::Query() const {
  UvQueryInfo info;
  for (int bit : {uvc_bit::kQuery, uvc_bit::kCreateSecureConfig, uvc_bit::kDestroySecureConfig,
                  uvc_bit::kCreateSecureCpu, uvc_bit::kDestroySecureCpu, uvc_bit::kConvertToSecure,
                  uvc_bit::kConvertFromSecure, uvc_bit::kSetSharedAccess, uvc_bit::kRemoveSharedAccess,
                  uvc_bit::kSetSecureConfigParams, uvc_bit::kUnpackImage, uvc_bit::kVerifyImage,
                  uvc_bit::kCpuSetState, uvc_bit::kPrepareReset, uvc_bit::kSetUnshareAll}) {
    SetBit(info.installed_calls, bit);
  }
  info.max_secure_configs = options_.max_secure_configs;
  info.max_guest_cpu_id = options_.max_guest_cpu_id;
  info.max_guest_storage_address = memory_.end().value() - 1;
  info.supported_header_versions = uint64_t{1} << 63;
  info.supported_pcf = options_.supported_pcf;
  return info;
}

UvQueryInfo SoftUltravisor::GuestQuery(ConfigHandle) const {
  // What a secure guest may call; Linux looks for bits 8 and 9 to decide it runs protected (facts §5).
  UvQueryInfo info = Query();
  info.installed_calls = {};
  for (int bit : {uvc_bit::kQuery, uvc_bit::kSetSharedAccess, uvc_bit::kRemoveSharedAccess}) {
    SetBit(info.installed_calls, bit);
  }
  return info;
}

absl::StatusOr<SoftUltravisor::Config*> SoftUltravisor::FindConfig(ConfigHandle handle) {
  auto it = configs_.find(handle.value());
  if (it == configs_.end()) {
    return UvError(StatusCode::kNotFound, uv_rc::kBadHandle, 0,
                   absl::StrFormat("no secure configuration with handle 0x%x", handle.value()));
  }
  return &it->second;
}

absl::StatusOr<const SoftUltravisor::Config*> SoftUltravisor::FindConfig(ConfigHandle handle) const {
  auto it = configs_.find(handle.value());
  if (it == configs_.end()) {
    return UvError(StatusCode::kNotFound, uv_rc::kBadHandle, 0,
                   absl::StrFormat("no secure configuration with handle 0x%x", handle.value()));
  }
  return &it->second;
}

absl::StatusOr<SoftUltravisor::Cpu*> SoftUltravisor::FindCpu(CpuHandle handle) {
  auto it = cpus_.find(handle.value());
  if (it == cpus_.end()) {
    return UvError(StatusCode::kNotFound, uv_rc::kBadHandle, 0,
                   absl::StrFormat("no secure CPU with handle 0x%x", handle.value()));
  }
  return &it->second;
}

absl::StatusOr<SecureConfigId> SoftUltravisor::OwnerId(ConfigHandle config) const {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<const Config*> c = FindConfig(config);
  if (!c.ok()) return c.status();
  return (*c)->id;
}

absl::Status SoftUltravisor::CheckPage(const Config& config, GuestAddress gaddr, const char* command) const {
  if (!gaddr.IsAligned(kPageSize)) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kBadAddress, 0,
                   absl::StrFormat("%s: address %s is not page aligned", command, gaddr.ToString()));
  }
  if (gaddr < config.origin || gaddr.OffsetFrom(config.origin) >= config.length) {
    return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0,
                   absl::StrFormat("%s: address %s is outside the configuration's storage [%s, +0x%x)", command,
                                   gaddr.ToString(), config.origin.ToString(), config.length));
  }
  return absl::OkStatus();
}

absl::StatusOr<ConfigHandle> SoftUltravisor::CreateSecureConfig(const SecureConfigParams& params) {
  absl::MutexLock lock(&mu_);
  if (params.length == 0 || !params.origin.IsAligned(kPageSize) || params.length % kPageSize != 0 ||
      !memory_.Contains(params.origin, params.length)) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kBadStorage, 0,
                   absl::StrFormat("guest storage [%s, +0x%x) is not a page-aligned range of guest memory",
                                   params.origin.ToString(), params.length));
  }
  if (configs_.size() >= options_.max_secure_configs) {
    return UvError(StatusCode::kResourceExhausted, uv_rc::kTooManyConfigs, 0,
                   absl::StrFormat("already %d secure configurations (the maximum)", configs_.size()));
  }
  for (const auto& [handle, other] : configs_) {
    if (params.origin.value() < other.origin.value() + other.length &&
        other.origin.value() < params.origin.value() + params.length) {
      return UvError(StatusCode::kInvalidArgument, uv_rc::kBadStorage, 0,
                     absl::StrFormat("guest storage overlaps secure configuration 0x%x", handle));
    }
  }
  absl::StatusOr<std::array<uint8_t, 64>> export_key = RandomArray<64>(*rng_);
  if (!export_key.ok()) return UvError(StatusCode::kInternal, uv_rc::kHostError, 0, std::string(export_key.status().message()));
  absl::StatusOr<AesXts> xts = AesXts::Create(*export_key);
  OPENSSL_cleanse(export_key->data(), export_key->size());
  if (!xts.ok()) return UvError(StatusCode::kInternal, uv_rc::kHostError, 0, std::string(xts.status().message()));
  uint64_t handle = next_config_++;
  Config& c = configs_[handle];
  c.id = SecureConfigId(static_cast<uint32_t>(handle));
  c.origin = params.origin;
  c.length = params.length;
  c.export_key = *std::move(xts);
  return ConfigHandle(handle);
}

absl::Status SoftUltravisor::DestroySecureConfig(ConfigHandle handle) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  // Secure pages go back to the host cleared, so nothing of the guest leaks (KVM destroys them likewise).
  for (uint64_t off = 0; off < config.length; off += kPageSize) {
    GuestAddress page(config.origin.value() + off);
    absl::StatusOr<PageOwner> owner = memory_.GetPageOwner(page);
    if (owner.ok() && *owner == PageOwner::Secure(config.id)) {
      (void)memory_.Fill(page, kPageSize, 0, Accessor::SecureGuest(config.id));
      (void)memory_.SetPageOwner(page, kPageSize, PageOwner::Shared());
    }
  }
  for (auto it = cpus_.begin(); it != cpus_.end();) {
    it = it->second.config == handle ? cpus_.erase(it) : std::next(it);
  }
  configs_.erase(handle.value());
  return absl::OkStatus();
}

absl::StatusOr<CpuHandle> SoftUltravisor::CreateSecureCpu(ConfigHandle config, uint16_t cpu_id) {
  absl::MutexLock lock(&mu_);
  if (absl::StatusOr<Config*> c = FindConfig(config); !c.ok()) return c.status();
  if (cpu_id > options_.max_guest_cpu_id) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kBadCpuNumber, 0,
                   absl::StrFormat("CPU number %d exceeds the maximum %d", cpu_id, options_.max_guest_cpu_id));
  }
  for (const auto& [h, cpu] : cpus_) {
    if (cpu.config == config && cpu.id == cpu_id) {
      return UvError(StatusCode::kAlreadyExists, uv_rc::kCpuExists, 0,
                     absl::StrFormat("secure CPU %d already exists in configuration 0x%x", cpu_id, config.value()));
    }
  }
  uint64_t handle = next_cpu_++;
  cpus_[handle] = Cpu{config, cpu_id, SecureCpuState::kStopped};
  return CpuHandle(handle);
}

absl::Status SoftUltravisor::DestroySecureCpu(CpuHandle cpu) {
  absl::MutexLock lock(&mu_);
  if (cpus_.erase(cpu.value()) == 0) {
    return UvError(StatusCode::kNotFound, uv_rc::kBadHandle, 0,
                   absl::StrFormat("no secure CPU with handle 0x%x", cpu.value()));
  }
  return absl::OkStatus();
}

absl::Status SoftUltravisor::SetCpuState(CpuHandle handle, SecureCpuState state) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Cpu*> cpu = FindCpu(handle);
  if (!cpu.ok()) return cpu.status();
  switch (state) {
    case SecureCpuState::kStopped:
    case SecureCpuState::kCheckStop:
      break;
    case SecureCpuState::kOperating:
    case SecureCpuState::kOperatingLoad: {
      absl::StatusOr<Config*> c = FindConfig((*cpu)->config);
      if (!c.ok()) return c.status();
      if ((*c)->state != ConfigState::kVerified) {
        return UvError(StatusCode::kFailedPrecondition, uv_rc::kInvalidState, 0,
                       "CPU_SET_STATE: the configuration's image is not verified; it may not run");
      }
      break;
    }
    default:
      return UvError(StatusCode::kInvalidArgument, uv_rc::kBadCpuState, 0,
                     absl::StrFormat("CPU_SET_STATE: unknown state %d", static_cast<int>(state)));
  }
  (*cpu)->state = state;
  return absl::OkStatus();
}

absl::StatusOr<SecureCpuState> SoftUltravisor::GetCpuState(CpuHandle handle) const {
  absl::MutexLock lock(&mu_);
  auto it = cpus_.find(handle.value());
  if (it == cpus_.end()) {
    return UvError(StatusCode::kNotFound, uv_rc::kBadHandle, 0,
                   absl::StrFormat("no secure CPU with handle 0x%x", handle.value()));
  }
  return it->second.state;
}

absl::Status SoftUltravisor::SetSecureConfigParams(ConfigHandle handle, absl::Span<const uint8_t> header) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  if (config.state != ConfigState::kCreated) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kInvalidState, 0,
                   "SET_SEC_PARMS: the configuration already has its parameters");
  }
  absl::StatusOr<OpenedSeHeader> opened = OpenSeHeader(header, host_keys_);
  if (!opened.ok()) {
    // OpenSeHeader: FailedPrecondition = no slot for our keys, PermissionDenied = authentication.
    uint16_t rc = absl::IsFailedPrecondition(opened.status()) ? uv_rc::kNoKeySlot
                  : absl::IsPermissionDenied(opened.status())  ? uv_rc::kHeaderAuth
                                                               : uv_rc::kBadHeader;
    return UvError(opened.status().code(), rc, 0, std::string(opened.status().message()));
  }
  const SeHeader& h = opened->header;
  const SeSecrets& s = opened->secrets;
  if (h.pcf & ~options_.supported_pcf) {
    return UvError(StatusCode::kUnimplemented, uv_rc::kUnsupportedPcf, 0,
                   absl::StrFormat("SE header: plaintext control flags 0x%x include unsupported bits 0x%x", h.pcf,
                                   h.pcf & ~options_.supported_pcf));
  }
  if (s.noi != 0) {
    return UvError(StatusCode::kUnimplemented, uv_rc::kBadHeader, 0,
                   absl::StrFormat("SE header: %d optional items; this Ultravisor supports none", s.noi));
  }
  if (h.nep > config.length / kPageSize) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kBadHeader, 0,
                   absl::StrFormat("SE header: nep %d exceeds the %d pages of the configuration", h.nep,
                                   config.length / kPageSize));
  }
  absl::StatusOr<AesXts> xts = AesXts::Create(s.xts_key);
  if (!xts.ok()) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kBadHeader, 0,
                   absl::StrCat("SE header: image key unusable: ", xts.status().message()));
  }
  auto image = std::make_unique<Image>(*std::move(xts));
  image->pcf = h.pcf;
  image->nep = h.nep;
  image->pld = h.pld;
  image->ald = h.ald;
  image->tld = h.tld;
  image->psw = s.psw;
  config.image = std::move(image);
  config.state = ConfigState::kParamsSet;
  return absl::OkStatus();
}

absl::Status SoftUltravisor::UnpackPage(ConfigHandle handle, GuestAddress gaddr, uint64_t tweak0, uint64_t tweak1) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  if (config.state != ConfigState::kParamsSet) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kInvalidState, 0,
                   config.state == ConfigState::kCreated ? "UNPACK before SET_SEC_PARMS"
                                                         : "UNPACK after the image was verified (or failed)");
  }
  if (absl::Status s = CheckPage(config, gaddr, "UNPACK"); !s.ok()) return s;
  Image& image = *config.image;
  // The tweak must grow: prefixes increase across components and offsets within one (facts §2).
  if (image.any_unpacked && (tweak0 < image.last_tweak0 || (tweak0 == image.last_tweak0 && tweak1 <= image.last_tweak1))) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kTweakOrder, 0,
                   absl::StrFormat("UNPACK: tweak %016x:%016x is not above the previous %016x:%016x", tweak0, tweak1,
                                   image.last_tweak0, image.last_tweak1));
  }
  if (image.unpacked >= image.nep) {
    return UvError(StatusCode::kOutOfRange, uv_rc::kTooManyPages, 0,
                   absl::StrFormat("UNPACK: the header announces %d pages; page %s would be one more", image.nep,
                                   gaddr.ToString()));
  }
  absl::StatusOr<PageOwner> owner = memory_.GetPageOwner(gaddr);
  if (!owner.ok()) return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0, std::string(owner.status().message()));
  if (owner->is_secure() || config.guest_shared.contains(gaddr.PageIndex())) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kPageState, 0,
                   absl::StrFormat("UNPACK: page %s is already secure (unpacked twice?)", gaddr.ToString()));
  }
  absl::StatusOr<absl::Span<uint8_t>> page = memory_.HostSpan(gaddr, kPageSize);
  if (!page.ok()) return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0, std::string(page.status().message()));
  // Digests cover what the host handed over: the ciphertext page, its address and its tweak.
  uint8_t be[16];
  image.pld_hash.Update(*page);
  StoreBigEndian<uint64_t>(be, gaddr.value());
  image.ald_hash.Update(absl::MakeConstSpan(be, 8));
  StoreBigEndian<uint64_t>(be, tweak0);
  StoreBigEndian<uint64_t>(be + 8, tweak1);
  image.tld_hash.Update(absl::MakeConstSpan(be, 16));
  if (!(image.pcf & kPcfNoDecryption)) {
    if (absl::Status s = image.xts.Decrypt(MakeTweak(tweak0, tweak1), *page, *page); !s.ok()) {
      return UvError(StatusCode::kInternal, uv_rc::kHostError, 0, std::string(s.message()));
    }
  }
  if (absl::Status s = memory_.SetPageOwner(gaddr, kPageSize, PageOwner::Secure(config.id)); !s.ok()) {
    return UvError(StatusCode::kInternal, uv_rc::kHostError, 0, std::string(s.message()));
  }
  config.exported.erase(gaddr.PageIndex());
  image.unpacked++;
  image.any_unpacked = true;
  image.last_tweak0 = tweak0;
  image.last_tweak1 = tweak1;
  return absl::OkStatus();
}

absl::Status SoftUltravisor::VerifyImage(ConfigHandle handle) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  if (config.state != ConfigState::kParamsSet) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kInvalidState, 0,
                   config.state == ConfigState::kCreated ? "VERIFY before SET_SEC_PARMS"
                                                         : "VERIFY: the image was already verified (or failed)");
  }
  const Image& image = *config.image;
  std::vector<std::string> diffs;
  uint16_t rrc = 0;
  if (image.unpacked != image.nep) {
    diffs.push_back(absl::StrFormat("nep differs (unpacked %d pages, header says %d)", image.unpacked, image.nep));
    rrc |= kVerifyMismatchNep;
  }
  auto compare = [&](const char* name, const SeDigest& computed, const SeDigest& expected, uint16_t bit) {
    if (computed != expected) {
      diffs.push_back(absl::StrFormat("%s differs (computed %s, header %s)", name, ShortHex(computed),
                                      ShortHex(expected)));
      rrc |= bit;
    }
  };
  compare("PLD (page-list digest)", image.pld_hash.Peek(), image.pld, kVerifyMismatchPld);
  compare("ALD (address-list digest)", image.ald_hash.Peek(), image.ald, kVerifyMismatchAld);
  compare("TLD (tweak-list digest)", image.tld_hash.Peek(), image.tld, kVerifyMismatchTld);
  if (!diffs.empty()) {
    config.state = ConfigState::kFailed;
    return UvError(StatusCode::kPermissionDenied, uv_rc::kVerifyFailed, rrc,
                   "image verification failed: " + absl::StrJoin(diffs, "; "));
  }
  config.state = ConfigState::kVerified;
  return absl::OkStatus();
}

absl::StatusOr<SePsw> SoftUltravisor::InitialPsw(ConfigHandle handle) const {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<const Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  if ((*c)->state != ConfigState::kVerified) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kInvalidState, 0,
                   "the initial PSW is available only after the image was verified");
  }
  return (*c)->image->psw;
}

absl::Status SoftUltravisor::PrepareReset(ConfigHandle handle) {
  absl::MutexLock lock(&mu_);
  if (absl::StatusOr<Config*> c = FindConfig(handle); !c.ok()) return c.status();
  // Every CPU of the configuration stops; the VMM then resets them and the machine.
  for (auto& [h, cpu] : cpus_) {
    if (cpu.config == handle) cpu.state = SecureCpuState::kStopped;
  }
  return absl::OkStatus();
}

absl::Status SoftUltravisor::UnshareAll(ConfigHandle handle) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  for (uint64_t index : config.guest_shared) {
    (void)memory_.SetPageOwner(GuestAddress(index << kPageShift), kPageSize, PageOwner::Secure(config.id));
  }
  config.guest_shared.clear();
  return absl::OkStatus();
}

absl::Status SoftUltravisor::CryptExportedPage(Config& config, GuestAddress gaddr, bool encrypt) {
  // The host may keep an exported page (e.g. swap it) but sees only ciphertext under a key that never
  // leaves the UV; the tweak binds the ciphertext to its address.
  absl::StatusOr<absl::Span<uint8_t>> page = memory_.HostSpan(gaddr, kPageSize, Accessor::SecureGuest(config.id));
  if (!page.ok()) return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0, std::string(page.status().message()));
  XtsTweak tweak = MakeTweak(0, gaddr.value());
  absl::Status s = encrypt ? config.export_key->Encrypt(tweak, *page, *page) : config.export_key->Decrypt(tweak, *page, *page);
  if (!s.ok()) return UvError(StatusCode::kInternal, uv_rc::kHostError, 0, std::string(s.message()));
  return absl::OkStatus();
}

absl::Status SoftUltravisor::ConvertToSecure(ConfigHandle handle, GuestAddress gaddr) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  if (absl::Status s = CheckPage(config, gaddr, "CONVERT_TO_SECURE"); !s.ok()) return s;
  absl::StatusOr<PageOwner> owner = memory_.GetPageOwner(gaddr);
  if (!owner.ok()) return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0, std::string(owner.status().message()));
  if (owner->is_secure() || config.guest_shared.contains(gaddr.PageIndex())) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kPageState, 0,
                   absl::StrFormat("CONVERT_TO_SECURE: page %s is %s", gaddr.ToString(),
                                   owner->is_secure() ? "already secure" : "shared by the guest"));
  }
  if (absl::Status s = memory_.SetPageOwner(gaddr, kPageSize, PageOwner::Secure(config.id)); !s.ok()) {
    return UvError(StatusCode::kInternal, uv_rc::kHostError, 0, std::string(s.message()));
  }
  if (config.exported.erase(gaddr.PageIndex()) > 0) return CryptExportedPage(config, gaddr, /*encrypt=*/false);
  return absl::OkStatus();
}

absl::Status SoftUltravisor::ConvertFromSecure(GuestAddress gaddr) {
  absl::MutexLock lock(&mu_);
  if (!gaddr.IsAligned(kPageSize)) {
    return UvError(StatusCode::kInvalidArgument, uv_rc::kBadAddress, 0,
                   absl::StrFormat("CONVERT_FROM_SECURE: address %s is not page aligned", gaddr.ToString()));
  }
  absl::StatusOr<PageOwner> owner = memory_.GetPageOwner(gaddr);
  if (!owner.ok()) return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0, std::string(owner.status().message()));
  if (!owner->is_secure()) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kPageState, 0,
                   absl::StrFormat("CONVERT_FROM_SECURE: page %s is not secure", gaddr.ToString()));
  }
  Config* config = nullptr;
  for (auto& [h, c] : configs_) {
    if (c.id == owner->config()) config = &c;
  }
  if (config == nullptr) {
    return UvError(StatusCode::kInternal, uv_rc::kPageState, 0,
                   absl::StrFormat("CONVERT_FROM_SECURE: page %s belongs to no live configuration", gaddr.ToString()));
  }
  if (absl::Status s = CryptExportedPage(*config, gaddr, /*encrypt=*/true); !s.ok()) return s;
  config->exported.insert(gaddr.PageIndex());
  return memory_.SetPageOwner(gaddr, kPageSize, PageOwner::Shared());
}

absl::Status SoftUltravisor::SetSharedAccess(ConfigHandle handle, GuestAddress gaddr) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  if (absl::Status s = CheckPage(config, gaddr, "SET_SHARED_ACCESS"); !s.ok()) return s;
  absl::StatusOr<PageOwner> owner = memory_.GetPageOwner(gaddr);
  if (!owner.ok()) return UvError(StatusCode::kOutOfRange, uv_rc::kBadAddress, 0, std::string(owner.status().message()));
  if (owner->is_secure() && owner->config() != config.id) {
    return UvError(StatusCode::kPermissionDenied, uv_rc::kPageState, 0,
                   absl::StrFormat("SET_SHARED_ACCESS: page %s belongs to another configuration", gaddr.ToString()));
  }
  if (config.exported.contains(gaddr.PageIndex())) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kPageState, 0,
                   absl::StrFormat("SET_SHARED_ACCESS: page %s is exported; import it first", gaddr.ToString()));
  }
  // The guest chose to share: the content stays as it is and becomes host-readable.
  config.guest_shared.insert(gaddr.PageIndex());
  return memory_.SetPageOwner(gaddr, kPageSize, PageOwner::Shared());
}

absl::Status SoftUltravisor::RemoveSharedAccess(ConfigHandle handle, GuestAddress gaddr) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Config*> c = FindConfig(handle);
  if (!c.ok()) return c.status();
  Config& config = **c;
  if (absl::Status s = CheckPage(config, gaddr, "REMOVE_SHARED_ACCESS"); !s.ok()) return s;
  if (config.guest_shared.erase(gaddr.PageIndex()) == 0) {
    return UvError(StatusCode::kFailedPrecondition, uv_rc::kPageState, 0,
                   absl::StrFormat("REMOVE_SHARED_ACCESS: page %s is not shared", gaddr.ToString()));
  }
  return memory_.SetPageOwner(gaddr, kPageSize, PageOwner::Secure(config.id));
}

}  // namespace s390vmm::pv
