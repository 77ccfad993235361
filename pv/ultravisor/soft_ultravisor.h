// File: pv/ultravisor/soft_ultravisor.h
//
// A software Ultravisor over one GuestMemory. It holds the host private key(s) of this "machine", opens SE
// headers built for them, unpacks image pages in place (XTS-decrypt with the architected tweak, SHA-512
// running digests of ciphertext pages, page addresses and tweaks) and verifies the result against the
// header (facts §4d). It gives functional compatibility, not confidentiality: the host process can of
// course read its own memory. What it does enforce is the ownership model — every page it unpacks or
// imports becomes secure storage of the configuration in GuestMemory, so host-side accessors (devices,
// loaders) fail on it until the guest shares it.
//
// Page model (as under KVM): pages become secure lazily, through UnpackPage or ConvertToSecure; a page
// the guest shares (SetSharedAccess) is host-accessible until it removes the sharing or UnshareAll runs.
// Exported pages (ConvertFromSecure) hold ciphertext under a per-configuration key until re-imported.
//
// Thread safety: all methods may be called concurrently (one internal lock).
#ifndef S390VMM_PV_ULTRAVISOR_SOFT_ULTRAVISOR_H_
#define S390VMM_PV_ULTRAVISOR_SOFT_ULTRAVISOR_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "memory/guest_memory.h"
#include "pv/crypto/aes_xts.h"
#include "pv/crypto/ec_p521.h"
#include "pv/crypto/random_source.h"
#include "pv/crypto/sha.h"
#include "pv/ultravisor/ultravisor.h"

namespace s390vmm::pv {

struct SoftUltravisorOptions {
  uint32_t max_secure_configs = 16;
  uint16_t max_guest_cpu_id = 247;  // a Read SCP Info page holds this many CPU entries (QEMU's PV limit)
  // Plaintext control flags SET_SEC_PARMS accepts; others are refused with kUnsupportedPcf.
  uint64_t supported_pcf = kPcfNoDecryption;
};

class SoftUltravisor final : public Ultravisor {
 public:
  // `memory` must outlive the Ultravisor. `host_keys` are tried in order for every header. `rng` supplies
  // the per-configuration export keys; null = the system CSPRNG.
  SoftUltravisor(GuestMemory& memory, std::vector<P521PrivateKey> host_keys, SoftUltravisorOptions options = {},
                 std::unique_ptr<RandomSource> rng = nullptr);
  ~SoftUltravisor() override;

  UvQueryInfo Query() const override;
  absl::StatusOr<ConfigHandle> CreateSecureConfig(const SecureConfigParams& params) override;
  absl::Status DestroySecureConfig(ConfigHandle config) override;
  absl::StatusOr<CpuHandle> CreateSecureCpu(ConfigHandle config, uint16_t cpu_id) override;
  absl::Status DestroySecureCpu(CpuHandle cpu) override;
  absl::Status SetCpuState(CpuHandle cpu, SecureCpuState state) override;
  absl::StatusOr<SecureCpuState> GetCpuState(CpuHandle cpu) const override;
  absl::Status SetSecureConfigParams(ConfigHandle config, absl::Span<const uint8_t> header) override;
  absl::Status UnpackPage(ConfigHandle config, GuestAddress gaddr, uint64_t tweak0, uint64_t tweak1) override;
  absl::Status VerifyImage(ConfigHandle config) override;
  absl::StatusOr<SePsw> InitialPsw(ConfigHandle config) const override;
  absl::Status PrepareReset(ConfigHandle config) override;
  absl::Status UnshareAll(ConfigHandle config) override;
  absl::Status ConvertToSecure(ConfigHandle config, GuestAddress gaddr) override;
  absl::Status ConvertFromSecure(GuestAddress gaddr) override;
  UvQueryInfo GuestQuery(ConfigHandle config) const override;
  absl::Status SetSharedAccess(ConfigHandle config, GuestAddress gaddr) override;
  absl::Status RemoveSharedAccess(ConfigHandle config, GuestAddress gaddr) override;

  // For tests and tools: the SecureConfigId that owns this configuration's pages in GuestMemory.
  absl::StatusOr<SecureConfigId> OwnerId(ConfigHandle config) const;

 private:
  enum class ConfigState { kCreated, kParamsSet, kVerified, kFailed };
  struct Image;  // what SET_SEC_PARMS learned from the header (keys, digests, counters)
  struct Config {
    SecureConfigId id{0};
    GuestAddress origin;
    uint64_t length = 0;
    ConfigState state = ConfigState::kCreated;
    std::unique_ptr<Image> image;
    absl::flat_hash_set<uint64_t> guest_shared;  // page indexes the guest shared
    absl::flat_hash_set<uint64_t> exported;      // page indexes exported to the host (ciphertext)
    std::optional<AesXts> export_key;
  };
  struct Cpu {
    ConfigHandle config;
    uint16_t id = 0;
    SecureCpuState state = SecureCpuState::kStopped;
  };

  absl::StatusOr<Config*> FindConfig(ConfigHandle handle) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<const Config*> FindConfig(ConfigHandle handle) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<Cpu*> FindCpu(CpuHandle handle) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Checks that `gaddr` is a page-aligned address inside `config`'s storage.
  absl::Status CheckPage(const Config& config, GuestAddress gaddr, const char* command) const;
  absl::Status CryptExportedPage(Config& config, GuestAddress gaddr, bool encrypt) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  GuestMemory& memory_;
  const std::vector<P521PrivateKey> host_keys_;
  const SoftUltravisorOptions options_;
  std::unique_ptr<RandomSource> rng_;

  mutable absl::Mutex mu_;
  std::map<uint64_t, Config> configs_ ABSL_GUARDED_BY(mu_);  // by handle value
  std::map<uint64_t, Cpu> cpus_ ABSL_GUARDED_BY(mu_);
  uint64_t next_config_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t next_cpu_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_ULTRAVISOR_SOFT_ULTRAVISOR_H_
