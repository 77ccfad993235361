// File: pv/ultravisor/guest_uvc.h
//
// The UVC instruction (B9A4) as a secure guest executes it: the UV control block (UVCB) lives in guest
// storage; its 8-byte header is {u16 len, u16 cmd, u16 rc, u16 rrc} (big-endian). Supported guest
// commands: QUERY (0x0001), SET_SHARED_ACCESS (0x1000) and REMOVE_SHARED_ACCESS (0x1001) — exactly what a
// Linux guest needs to detect that it runs protected and to share its bounce buffers (facts §5). Any other
// command is answered with rc 0x0002 (invalid command).
#ifndef S390VMM_PV_ULTRAVISOR_GUEST_UVC_H_
#define S390VMM_PV_ULTRAVISOR_GUEST_UVC_H_

#include "absl/status/statusor.h"
#include "memory/guest_memory.h"
#include "pv/ultravisor/ultravisor.h"

namespace s390vmm::pv {

// Layout of the UVCBs handled here.
namespace uvcb {
inline constexpr uint64_t kHeaderSize = 8;
inline constexpr uint64_t kQueryFullLength = 0x100;
inline constexpr uint64_t kQueryMinLength = 0xa8;  // shorter: rc 0x0005; up to 0x100: rc 0x0100, partly filled
inline constexpr uint16_t kQueryRcMoreData = 0x0100;
inline constexpr uint64_t kShareLength = 0x30;
inline constexpr uint64_t kShareAddressOffset = 0x20;
}  // namespace uvcb

// Executes one UVC for secure configuration `config` whose pages belong to `owner` in `memory`. The UVCB
// at `uvcb_addr` (absolute) is read and written with the guest's access rights. Returns the condition
// code: 0 when the UV stored rc 0x0001, 1 otherwise. An error Status means the CPU must raise a program
// exception instead: InvalidArgument = specification (UVCB not doubleword aligned), OutOfRange /
// PermissionDenied = addressing / secure-storage access (UVCB not accessible).
absl::StatusOr<int> ExecuteGuestUvc(Ultravisor& uv, ConfigHandle config, SecureConfigId owner, GuestMemory& memory,
                                    GuestAddress uvcb_addr);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_ULTRAVISOR_GUEST_UVC_H_
