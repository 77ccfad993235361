#include "machine/sclp.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "base/big_endian.h"

namespace s390vmm {
namespace {

// SCCB header (8 bytes): length, function code, control mask[3], response code.
constexpr size_t kHeaderSize = 8;
constexpr size_t kResponseOffset = 6;
constexpr size_t kMaxSccb = 4096;
// Control-mask byte 2 (SCCB byte 5) bit 0x80: the SCLP may shorten the SCCB to the data it returns.
constexpr uint8_t kVariableLengthResponse = 0x80;
// Event-buffer header: length (2), type (1), flags (1), reserved (2).
constexpr size_t kEventHeaderSize = 6;
constexpr uint8_t kEventBufferAccepted = 0x80;

// Read SCP Info layout (Linux struct read_info_sccb).
constexpr size_t kRnmax = 8, kRnsize = 10, kNcpurl = 16, kCpuoff = 18, kFacilities = 48, kRnsize2 = 100,
                 kRnmax2 = 104, kHcpua = 120, kReadInfoCpuEntries = 128;
constexpr uint64_t kHasCpuInfo = 0x0800000000000000ull;
// One CPU entry: core id at byte 0, CPU type at byte 14 (0 = CP).
constexpr size_t kCpuEntrySize = 16;

uint16_t Be16(const uint8_t* p) { return LoadBigEndian<uint16_t>(p); }

// A mask of `len` bytes, left-aligned, to/from 64 bits (bytes beyond 8 are zero / ignored).
uint64_t ReadMask(const uint8_t* p, size_t len) {
  uint64_t m = 0;
  for (size_t i = 0; i < std::min<size_t>(len, 8); ++i) m |= uint64_t{p[i]} << (56 - 8 * i);
  return m;
}
void WriteMask(uint8_t* p, size_t len, uint64_t m) {
  for (size_t i = 0; i < len; ++i) p[i] = i < 8 ? static_cast<uint8_t>(m >> (56 - 8 * i)) : 0;
}

}  // namespace

Sclp::Sclp(GuestMemory& memory, SclpConfig config, CharBackend* console)
    : memory_(memory), config_(config), console_(console) {}

uint64_t Sclp::guest_receive_mask() const {
  std::lock_guard<std::mutex> lock(mu_);
  return guest_receive_mask_;
}
uint64_t Sclp::guest_send_mask() const {
  std::lock_guard<std::mutex> lock(mu_);
  return guest_send_mask_;
}

bool Sclp::EventPendingLocked() const {
  return !console_input_.empty() && (guest_receive_mask_ & MaskBit(sclp_event::kVt220));
}

Sclp::CallResult Sclp::ServiceCall(uint32_t command, uint64_t sccb, uint32_t prefix) {
  CallResult result;
  // The SCCB must be doubleword aligned, below 2 GiB, and not in either lowcore (PoP-level checks of
  // SERVICE CALL, as QEMU and LPAR make them).
  if ((sccb & ~uint64_t{0x7ffffff8}) != 0 || (sccb & ~uint64_t{0x1fff}) == 0 ||
      (sccb & ~uint64_t{0x1fff}) == prefix) {
    result.program_interrupt = ProgramInterruptCode::kSpecification;
    return result;
  }
  // Real == absolute here: the two 8 KiB areas that prefixing swaps were refused above.
  const uint64_t abs = sccb;
  uint8_t header[kHeaderSize];
  if (!memory_.Read(GuestAddress(abs), absl::MakeSpan(header)).ok()) {
    result.program_interrupt = ProgramInterruptCode::kAddressing;
    return result;
  }
  uint16_t length = Be16(header);
  if (length < kHeaderSize) {
    result.program_interrupt = ProgramInterruptCode::kSpecification;
    return result;
  }
  std::vector<uint8_t> buf;
  if (length > kMaxSccb || (abs & (kPageSize - 1)) + length > kPageSize) {
    // The SCCB may not cross a page boundary: answer in the header only.
    buf.assign(header, header + kHeaderSize);
    StoreBigEndian<uint16_t>(buf.data() + kResponseOffset, sclp_response::kSccbBoundaryViolation);
    length = kHeaderSize;
  } else {
    buf.resize(length);
    if (!memory_.Read(GuestAddress(abs), absl::MakeSpan(buf)).ok()) {
      result.program_interrupt = ProgramInterruptCode::kAddressing;
      return result;
    }
    uint16_t response;
    switch (command & sclp_command::kCodeMask) {
      case sclp_command::kReadScpInfo:
      case sclp_command::kReadScpInfoForced: response = ReadScpInfo(buf.data(), length); break;
      case sclp_command::kReadCpuInfo: response = ReadCpuInfo(buf.data(), length); break;
      case sclp_command::kWriteEventMask: response = WriteEventMask(buf.data(), length); break;
      case sclp_command::kWriteEventData: response = WriteEventData(buf.data(), length); break;
      case sclp_command::kReadEventData: response = ReadEventData(buf.data(), &length); break;
      default: response = sclp_response::kInvalidCommand; break;
    }
    StoreBigEndian<uint16_t>(buf.data() + kResponseOffset, response);
  }
  if (!memory_.Write(GuestAddress(abs), absl::MakeConstSpan(buf.data(), length)).ok()) {
    result.program_interrupt = ProgramInterruptCode::kAddressing;
    return result;
  }
  std::lock_guard<std::mutex> lock(mu_);
  result.cc = 0;
  result.service_signal = static_cast<uint32_t>(sccb & ~uint64_t{3}) | (EventPendingLocked() ? 1 : 0);
  return result;
}

uint16_t Sclp::ReadScpInfo(uint8_t* sccb, uint16_t length) {
  const size_t needed = kReadInfoCpuEntries + kCpuEntrySize * config_.cpus;
  if (length < needed) return sclp_response::kInsufficientLength;
  std::memset(sccb + kHeaderSize, 0, length - kHeaderSize);
  // Storage in increments of rnsize MiB, rnmax increments (rnmax fits 16 bits); the 64-bit rnmax2 with
  // 1 MiB increments describes the same memory for large guests.
  const uint64_t mib = config_.memory_bytes >> 20;
  int shift = 0;
  while ((mib >> shift) > 0xffff) ++shift;
  StoreBigEndian<uint16_t>(sccb + kRnmax, static_cast<uint16_t>(mib >> shift));
  sccb[kRnsize] = static_cast<uint8_t>(1u << shift);
  StoreBigEndian<uint32_t>(sccb + kRnsize2, 1);
  StoreBigEndian<uint64_t>(sccb + kRnmax2, mib);
  StoreBigEndian<uint16_t>(sccb + kNcpurl, static_cast<uint16_t>(config_.cpus));
  StoreBigEndian<uint16_t>(sccb + kCpuoff, kReadInfoCpuEntries);
  StoreBigEndian<uint64_t>(sccb + kFacilities, kHasCpuInfo);
  StoreBigEndian<uint16_t>(sccb + kHcpua, static_cast<uint16_t>(config_.max_cpus - 1));
  for (uint32_t i = 0; i < config_.cpus; ++i) sccb[kReadInfoCpuEntries + kCpuEntrySize * i] = static_cast<uint8_t>(i);
  return sclp_response::kNormalReadCompletion;
}

uint16_t Sclp::ReadCpuInfo(uint8_t* sccb, uint16_t length) {
  constexpr size_t kEntries = 16;
  if (length < kEntries + kCpuEntrySize * config_.cpus) return sclp_response::kInsufficientLength;
  std::memset(sccb + kHeaderSize, 0, length - kHeaderSize);
  StoreBigEndian<uint16_t>(sccb + 8, static_cast<uint16_t>(config_.cpus));  // configured
  StoreBigEndian<uint16_t>(sccb + 10, kEntries);
  StoreBigEndian<uint16_t>(sccb + 12, 0);  // standby
  StoreBigEndian<uint16_t>(sccb + 14, static_cast<uint16_t>(kEntries + kCpuEntrySize * config_.cpus));
  for (uint32_t i = 0; i < config_.cpus; ++i) sccb[kEntries + kCpuEntrySize * i] = static_cast<uint8_t>(i);
  return sclp_response::kNormalReadCompletion;
}

uint16_t Sclp::WriteEventMask(uint8_t* sccb, uint16_t length) {
  // +8 reserved, +10 mask length, +12 four masks: OS receive, OS send, SCLP receive, SCLP send.
  if (length < 12) return sclp_response::kInsufficientLength;
  const size_t mask_length = Be16(sccb + 10);
  if (mask_length == 0 || mask_length > 1021) return sclp_response::kInvalidMaskLength;
  if (length < 12 + 4 * mask_length) return sclp_response::kInconsistentLengths;
  uint8_t* masks = sccb + 12;
  {
    std::lock_guard<std::mutex> lock(mu_);
    guest_receive_mask_ = ReadMask(masks, mask_length);
    guest_send_mask_ = ReadMask(masks + mask_length, mask_length);
  }
  WriteMask(masks + 2 * mask_length, mask_length, kSclpReceiveMask);
  WriteMask(masks + 3 * mask_length, mask_length, kSclpSendMask);
  return sclp_response::kNormalCompletion;
}

uint16_t Sclp::WriteEventData(uint8_t* sccb, uint16_t length) {
  uint16_t response = sclp_response::kNormalCompletion;
  size_t offset = kHeaderSize;
  if (offset + kEventHeaderSize > length) return sclp_response::kEventBufferSyntaxError;
  while (offset + kEventHeaderSize <= length) {
    uint8_t* ev = sccb + offset;
    const uint16_t ev_length = Be16(ev);
    if (ev_length < kEventHeaderSize || offset + ev_length > length) return sclp_response::kEventBufferSyntaxError;
    const uint8_t type = ev[2];
    uint64_t guest_send;
    {
      std::lock_guard<std::mutex> lock(mu_);
      guest_send = guest_send_mask_;
    }
    if (type == sclp_event::kVt220 && (guest_send & MaskBit(type))) {
      if (console_ != nullptr) {
        console_->Write(absl::string_view(reinterpret_cast<const char*>(ev + kEventHeaderSize),
                                          ev_length - kEventHeaderSize));
      }
      ev[3] |= kEventBufferAccepted;
    } else {
      // An event type this SCLP does not receive (e.g. Linux's store-data event): not accepted.
      response = sclp_response::kInvalidFunction;
    }
    offset += ev_length;
  }
  return response;
}

uint16_t Sclp::ReadEventData(uint8_t* sccb, uint16_t* length) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!EventPendingLocked()) return sclp_response::kNoEventBuffersStored;
  // VT220 input data starts with a session byte: 0x00 "data follows" (Linux sclp_vt220.c
  // SCLP_VT220_SESSION_DATA; 0x80/0x01 would start/end a session).
  constexpr size_t kSessionByte = 1;
  const size_t overhead = kHeaderSize + kEventHeaderSize + kSessionByte;
  const size_t room = *length > overhead ? *length - overhead : 0;
  if (room == 0) return sclp_response::kInsufficientLength;
  const size_t n = std::min(room, console_input_.size());
  uint8_t* ev = sccb + kHeaderSize;
  StoreBigEndian<uint16_t>(ev, static_cast<uint16_t>(kEventHeaderSize + kSessionByte + n));
  ev[2] = sclp_event::kVt220;
  ev[3] = 0;
  StoreBigEndian<uint16_t>(ev + 4, 0);
  ev[kEventHeaderSize] = 0x00;
  std::memcpy(ev + kEventHeaderSize + kSessionByte, console_input_.data(), n);
  console_input_.erase(0, n);
  if (sccb[5] & kVariableLengthResponse) {  // control mask byte 2
    *length = static_cast<uint16_t>(overhead + n);
    StoreBigEndian<uint16_t>(sccb, *length);
  }
  return sclp_response::kNormalCompletion;
}

std::optional<uint32_t> Sclp::QueueConsoleInput(absl::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  console_input_.append(bytes.data(), bytes.size());
  if (!EventPendingLocked()) return std::nullopt;
  return 1u;  // no SCCB, event pending
}

}  // namespace s390vmm
