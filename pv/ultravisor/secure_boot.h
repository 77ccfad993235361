// File: pv/ultravisor/secure_boot.h
//
// The host side of booting a Secure Execution image, written once over the Ultravisor interface: what
// QEMU's s390_machine_protect does through KVM (facts §4c, §5) — create the secure configuration and the
// IPL CPU, pass the header, unpack every component page by page, verify, start the IPL CPU from the
// header's PSW. diag 308 subcode 10 (bios/) and the `s390vmm-pvimg verify/unpack` tool both use it.
#ifndef S390VMM_PV_ULTRAVISOR_SECURE_BOOT_H_
#define S390VMM_PV_ULTRAVISOR_SECURE_BOOT_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "memory/guest_address.h"
#include "pv/ultravisor/ultravisor.h"

namespace s390vmm::pv {

// One entry of the PV IPL parameter block's component list.
struct SecureComponent {
  GuestAddress addr;       // page aligned
  uint64_t size = 0;       // bytes; rounded up to whole pages as QEMU does (TARGET_PAGE_ALIGN)
  uint64_t tweak_prefix = 0;
};

// KVM_PV_UNPACK: UNPACK(addr + off, tweak0 = prefix, tweak1 = off) for off = 0, 4096, ... Fails on an
// unaligned address or an empty component before touching anything.
absl::Status UnpackComponent(Ultravisor& uv, ConfigHandle config, const SecureComponent& component);

struct ProtectedGuest {
  ConfigHandle config;
  CpuHandle ipl_cpu;
  SePsw psw;  // the PSW the IPL CPU starts with
};

// Create config + IPL CPU, SET_SEC_PARMS(header), unpack all components in order, VERIFY, IPL CPU to
// OPR_LOAD. On any failure the configuration is destroyed (its pages return to the host, cleared) and the
// failing step's status, with its UV (rc, rrc), is returned.
absl::StatusOr<ProtectedGuest> ProtectAndUnpack(Ultravisor& uv, const SecureConfigParams& storage,
                                                absl::Span<const uint8_t> header,
                                                absl::Span<const SecureComponent> components,
                                                uint16_t ipl_cpu_id = 0);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_ULTRAVISOR_SECURE_BOOT_H_
