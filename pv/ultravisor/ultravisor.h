// File: pv/ultravisor/ultravisor.h
//
// The Ultravisor as the host (VMM) and a secure guest see it: the commands of the UV-call (UVC)
// instruction that KVM's KVM_PV_* ioctls and a secure guest issue (facts §4), modelled as methods.
// Implementations: SoftUltravisor (software, over GuestMemory; this directory) and, later, one over KVM.
//
// Every method reports the UV's (rc, rrc) pair: success is rc 0x0001; a failure is an absl::Status whose
// message says what went wrong and which carries the (rc, rrc) as a payload — GetUvCode() recovers it so
// the VMM can pass it on exactly as KVM passes kvm_pv_cmd.rc/rrc to user space, and a guest UVC handler
// can store it into the UV control block. Codes 0x0001-0x0007 are architected; the command-specific codes
// (>= 0x0100) are SoftUltravisor's own where IBM documents none (facts §4d), listed in uv_rc below.
//
// Boot order (QEMU's s390_machine_protect; see secure_boot.h): CreateSecureConfig, CreateSecureCpu,
// SetSecureConfigParams(header), UnpackPage for every page of every component, VerifyImage, then
// SetCpuState(kOperatingLoad) on the IPL CPU, which starts at InitialPsw(). Reset: PrepareReset,
// UnshareAll; teardown: DestroySecureCpu, DestroySecureConfig.
#ifndef S390VMM_PV_ULTRAVISOR_ULTRAVISOR_H_
#define S390VMM_PV_ULTRAVISOR_ULTRAVISOR_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "memory/guest_address.h"
#include "pv/se_header/se_header.h"

namespace s390vmm::pv {

// UVC command codes (Linux arch/s390/include/asm/uv.h).
namespace uvc {
inline constexpr uint16_t kQuery = 0x0001;
inline constexpr uint16_t kCreateSecureConfig = 0x0100;
inline constexpr uint16_t kDestroySecureConfig = 0x0101;
inline constexpr uint16_t kCreateSecureCpu = 0x0120;
inline constexpr uint16_t kDestroySecureCpu = 0x0121;
inline constexpr uint16_t kConvertToSecure = 0x0200;
inline constexpr uint16_t kConvertFromSecure = 0x0201;
inline constexpr uint16_t kSetSecureConfigParams = 0x0300;
inline constexpr uint16_t kUnpackImage = 0x0301;
inline constexpr uint16_t kVerifyImage = 0x0302;
inline constexpr uint16_t kPrepareReset = 0x0320;
inline constexpr uint16_t kCpuSetState = 0x0330;
inline constexpr uint16_t kSetUnshareAll = 0x0340;
inline constexpr uint16_t kSetSharedAccess = 0x1000;
inline constexpr uint16_t kRemoveSharedAccess = 0x1001;
}  // namespace uvc

// Bit numbers of the query's installed-calls list (bit 0 = most significant bit of word 0).
namespace uvc_bit {
inline constexpr int kQuery = 0, kCreateSecureConfig = 2, kDestroySecureConfig = 3, kCreateSecureCpu = 4,
                     kDestroySecureCpu = 5, kConvertToSecure = 6, kConvertFromSecure = 7, kSetSharedAccess = 8,
                     kRemoveSharedAccess = 9, kSetSecureConfigParams = 11, kUnpackImage = 13, kVerifyImage = 14,
                     kCpuSetState = 17, kPrepareReset = 18, kSetUnshareAll = 20;
}  // namespace uvc_bit

// Return codes.
namespace uv_rc {
// Architected (uv.h).
inline constexpr uint16_t kSuccess = 0x0001;
inline constexpr uint16_t kInvalidCommand = 0x0002;
inline constexpr uint16_t kInvalidState = 0x0003;  // command not allowed in the configuration's state
inline constexpr uint16_t kInvalidLength = 0x0005;  // UV control block length
// Not from the UV: an error of the VMM itself (e.g. out of host memory) reported through this interface.
inline constexpr uint16_t kHostError = 0x0004;
// SoftUltravisor's command-specific codes.
inline constexpr uint16_t kBadHandle = 0x0101;        // unknown configuration or CPU handle
inline constexpr uint16_t kBadStorage = 0x0102;       // guest storage range (CreateSecureConfig)
inline constexpr uint16_t kBadCpuNumber = 0x0103;     // CreateSecureCpu: number above the maximum
inline constexpr uint16_t kCpuExists = 0x0104;        // CreateSecureCpu: number already defined
inline constexpr uint16_t kBadAddress = 0x0105;       // not page aligned, or outside the configuration
inline constexpr uint16_t kPageState = 0x0106;        // page already secure / not secure / not shared
inline constexpr uint16_t kTweakOrder = 0x0107;       // UNPACK tweak not above the previous one
inline constexpr uint16_t kNoKeySlot = 0x0108;        // SET_SEC_PARMS: header not for this host (as QEMU reads it)
inline constexpr uint16_t kBadHeader = 0x0109;        // SET_SEC_PARMS: header format
inline constexpr uint16_t kHeaderAuth = 0x010a;       // SET_SEC_PARMS: key unwrap or header tag failed
inline constexpr uint16_t kUnsupportedPcf = 0x010b;   // SET_SEC_PARMS: plaintext control flags
inline constexpr uint16_t kVerifyFailed = 0x010c;     // VERIFY: rrc = mask of kVerifyMismatch* bits
inline constexpr uint16_t kTooManyPages = 0x010d;     // UNPACK beyond nep
inline constexpr uint16_t kBadCpuState = 0x010e;      // CPU_SET_STATE
inline constexpr uint16_t kTooManyConfigs = 0x010f;   // CreateSecureConfig beyond the maximum
}  // namespace uv_rc

// rrc bits of kVerifyFailed.
inline constexpr uint16_t kVerifyMismatchNep = 1, kVerifyMismatchPld = 2, kVerifyMismatchAld = 4,
                          kVerifyMismatchTld = 8;

struct UvCode {
  uint16_t rc = uv_rc::kSuccess;
  uint16_t rrc = 0;
  friend bool operator==(UvCode a, UvCode b) { return a.rc == b.rc && a.rrc == b.rrc; }
};

// A failed UV command: `code` is the absl code for callers that do not care about UV codes.
absl::Status UvError(absl::StatusCode code, uint16_t rc, uint16_t rrc, std::string message);
// (0x0001, 0) for OK; the payload of a UvError; (kHostError, 0) for any other error.
UvCode GetUvCode(const absl::Status& status);

// Handles returned by the UV.
class ConfigHandle {
 public:
  constexpr ConfigHandle() = default;
  constexpr explicit ConfigHandle(uint64_t value) : value_(value) {}
  constexpr uint64_t value() const { return value_; }
  friend constexpr bool operator==(ConfigHandle a, ConfigHandle b) { return a.value_ == b.value_; }
  friend constexpr bool operator!=(ConfigHandle a, ConfigHandle b) { return a.value_ != b.value_; }

 private:
  uint64_t value_ = 0;
};

class CpuHandle {
 public:
  constexpr CpuHandle() = default;
  constexpr explicit CpuHandle(uint64_t value) : value_(value) {}
  constexpr uint64_t value() const { return value_; }
  friend constexpr bool operator==(CpuHandle a, CpuHandle b) { return a.value_ == b.value_; }
  friend constexpr bool operator!=(CpuHandle a, CpuHandle b) { return a.value_ != b.value_; }

 private:
  uint64_t value_ = 0;
};

// CPU_SET_STATE states (uv.h PV_CPU_STATE_*).
enum class SecureCpuState : uint8_t {
  kOperating = 1,
  kStopped = 2,
  kCheckStop = 3,
  kOperatingLoad = 5,  // operating, PSW loaded from the SE header (the IPL CPU after VERIFY)
};

// Guest absolute storage the configuration owns (CGC's guest_stor_origin/len).
struct SecureConfigParams {
  GuestAddress origin;
  uint64_t length = 0;
};

// What Query (UVC 0x0001) reports.
struct UvQueryInfo {
  std::array<uint64_t, 4> installed_calls{};  // bit n = MSB-first bit n of the list (uvc_bit)
  uint32_t max_secure_configs = 0;
  uint16_t max_guest_cpu_id = 0;
  uint64_t max_guest_storage_address = 0;
  uint64_t supported_header_versions = 0;  // bit 0 (MSB) = version 0x100
  uint64_t supported_pcf = 0;              // plaintext control flags SET_SEC_PARMS accepts
  bool installed(int bit) const { return (installed_calls[bit / 64] >> (63 - bit % 64)) & 1; }
};

class Ultravisor {
 public:
  virtual ~Ultravisor() = default;

  // --- Host side ---
  virtual UvQueryInfo Query() const = 0;
  virtual absl::StatusOr<ConfigHandle> CreateSecureConfig(const SecureConfigParams& params) = 0;
  // Destroys the configuration and its CPUs; its secure pages are cleared and returned to the host.
  virtual absl::Status DestroySecureConfig(ConfigHandle config) = 0;
  virtual absl::StatusOr<CpuHandle> CreateSecureCpu(ConfigHandle config, uint16_t cpu_id) = 0;
  virtual absl::Status DestroySecureCpu(CpuHandle cpu) = 0;
  // kOperatingLoad is accepted only after a successful VerifyImage.
  virtual absl::Status SetCpuState(CpuHandle cpu, SecureCpuState state) = 0;
  virtual absl::StatusOr<SecureCpuState> GetCpuState(CpuHandle cpu) const = 0;
  // `header` is the host's copy of the SE header (SSC's sec_header_origin/len).
  virtual absl::Status SetSecureConfigParams(ConfigHandle config, absl::Span<const uint8_t> header) = 0;
  // Makes the page at `gaddr` secure and decrypts it in place with tweak (tweak0, tweak1), accumulating
  // the page, address and tweak digests.
  virtual absl::Status UnpackPage(ConfigHandle config, GuestAddress gaddr, uint64_t tweak0, uint64_t tweak1) = 0;
  // Compares the accumulated digests and page count with the header; on success the configuration may run.
  virtual absl::Status VerifyImage(ConfigHandle config) = 0;
  // The PSW the IPL CPU starts with (from the header's encrypted part); only after VerifyImage.
  virtual absl::StatusOr<SePsw> InitialPsw(ConfigHandle config) const = 0;
  virtual absl::Status PrepareReset(ConfigHandle config) = 0;
  // Takes back every page the guest shared: they become secure again.
  virtual absl::Status UnshareAll(ConfigHandle config) = 0;
  // CTS (import): a host page becomes secure storage of `config` (an exported page is decrypted again).
  virtual absl::Status ConvertToSecure(ConfigHandle config, GuestAddress gaddr) = 0;
  // CFS (export): a secure page is encrypted for the host (e.g. to swap it out) and becomes host-owned.
  virtual absl::Status ConvertFromSecure(GuestAddress gaddr) = 0;

  // --- Guest side (UVCs a secure guest issues) ---
  virtual UvQueryInfo GuestQuery(ConfigHandle config) const = 0;
  // The guest makes one of its pages accessible to the host (e.g. a virtio buffer) and takes it back.
  virtual absl::Status SetSharedAccess(ConfigHandle config, GuestAddress gaddr) = 0;
  virtual absl::Status RemoveSharedAccess(ConfigHandle config, GuestAddress gaddr) = 0;
};

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_ULTRAVISOR_ULTRAVISOR_H_
