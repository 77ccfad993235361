// File: machine/sclp.h
//
// The Service-Call Logical Processor as Linux on s390-ccw-virtio uses it (SERVICE CALL, B220): machine
// and CPU information, and the event facility with the VT220 console (event type 0x1a, `ttysclp0`) in
// both directions. Facts: Linux drivers/s390/char/sclp*.{c,h} and QEMU hw/s390x/sclp.c / event-facility.c
// (SCCB layouts, command words, response codes); see also docs/facts/linux-boot.md section 3.
//
// The SERVC handler (machine) calls ServiceCall() with the command word and the SCCB's real address; the
// result says whether SERVC raises a program interruption instead, its condition code, and the parameter
// of the service-signal external interruption (code 0x2401) to present, if any. Every SCCB is untrusted:
// its length is checked, it is copied out, processed, and written back; a bad request gets an SCLP
// response code, never a host error.
#ifndef S390VMM_MACHINE_SCLP_H_
#define S390VMM_MACHINE_SCLP_H_

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "cpu/program_interrupt.h"
#include "machine/char_backend.h"
#include "memory/guest_memory.h"

namespace s390vmm {

// Command words (the low byte and the high halfword; bits 16-23 carry a resource number).
namespace sclp_command {
inline constexpr uint32_t kReadScpInfo = 0x00020001;
inline constexpr uint32_t kReadScpInfoForced = 0x00120001;
inline constexpr uint32_t kReadCpuInfo = 0x00010001;
inline constexpr uint32_t kWriteEventData = 0x00760005;
inline constexpr uint32_t kReadEventData = 0x00770005;
inline constexpr uint32_t kWriteEventMask = 0x00780005;
inline constexpr uint32_t kCodeMask = 0xffff00ff;
}  // namespace sclp_command

// SCCB response codes.
namespace sclp_response {
inline constexpr uint16_t kNormalReadCompletion = 0x0010;
inline constexpr uint16_t kNormalCompletion = 0x0020;
inline constexpr uint16_t kSccbBoundaryViolation = 0x0100;
inline constexpr uint16_t kInvalidCommand = 0x01f0;
inline constexpr uint16_t kInsufficientLength = 0x0300;
inline constexpr uint16_t kInvalidFunction = 0x40f0;
inline constexpr uint16_t kNoEventBuffersStored = 0x60f0;
inline constexpr uint16_t kInvalidSelectionMask = 0x70f0;
inline constexpr uint16_t kInconsistentLengths = 0x72f0;
inline constexpr uint16_t kEventBufferSyntaxError = 0x73f0;
inline constexpr uint16_t kInvalidMaskLength = 0x74f0;
}  // namespace sclp_response

// Event types.
namespace sclp_event {
inline constexpr uint8_t kVt220 = 0x1a;
inline constexpr uint8_t kSignalQuiesce = 0x1d;
}  // namespace sclp_event

// Mask bit of an event type in a 64-bit left-aligned event mask (type 1 = leftmost bit).
constexpr uint64_t SclpEventMaskBit(uint8_t type) { return uint64_t{1} << (64 - type); }

struct SclpConfig {
  uint64_t memory_bytes = 0;
  uint32_t cpus = 1;
  uint32_t max_cpus = 1;
};

class Sclp {
 public:
  struct CallResult {
    std::optional<ProgramInterruptCode> program_interrupt;  // SERVC raises this instead
    uint8_t cc = 0;
    std::optional<uint32_t> service_signal;  // present external interruption 0x2401 with this parameter
  };

  Sclp(GuestMemory& memory, SclpConfig config, CharBackend* console);

  // SERVICE CALL with `command` (R1) and the SCCB at real address `sccb` (R2), on a CPU whose prefix is
  // `prefix`.
  CallResult ServiceCall(uint32_t command, uint64_t sccb, uint32_t prefix);

  // Host console input for the VT220 console. Returns the service-signal parameter to present ("event
  // pending") if the guest can receive it now.
  std::optional<uint32_t> QueueConsoleInput(absl::string_view bytes);

  // Event masks the guest registered (WRITE EVENT MASK), as 64-bit left-aligned masks.
  uint64_t guest_receive_mask() const;
  uint64_t guest_send_mask() const;

 private:
  static constexpr uint64_t MaskBit(uint8_t type) { return SclpEventMaskBit(type); }
  // Event types this SCLP can send to the guest / receive from it.
  static constexpr uint64_t kSclpSendMask =
      SclpEventMaskBit(sclp_event::kVt220) | SclpEventMaskBit(sclp_event::kSignalQuiesce);
  static constexpr uint64_t kSclpReceiveMask = SclpEventMaskBit(sclp_event::kVt220);

  uint16_t ReadScpInfo(uint8_t* sccb, uint16_t length);
  uint16_t ReadCpuInfo(uint8_t* sccb, uint16_t length);
  uint16_t WriteEventMask(uint8_t* sccb, uint16_t length);
  uint16_t WriteEventData(uint8_t* sccb, uint16_t length);
  uint16_t ReadEventData(uint8_t* sccb, uint16_t* length);
  bool EventPendingLocked() const;

  GuestMemory& memory_;
  const SclpConfig config_;
  CharBackend* const console_;

  mutable std::mutex mu_;
  uint64_t guest_receive_mask_ = 0;  // event types the guest accepts (we may send)
  uint64_t guest_send_mask_ = 0;     // event types the guest may send
  std::string console_input_;
};

}  // namespace s390vmm

#endif  // S390VMM_MACHINE_SCLP_H_
