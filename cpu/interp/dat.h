// File: cpu/interp/dat.h
//
// Dynamic address translation (PoP "Dynamic Address Translation"): walks region-first ... page tables from
// an address-space-control element to a real address. Pure function of guest storage and its inputs, so it
// is tested on GuestMemory alone; the TLB in ExecContext caches its results.
#ifndef S390VMM_CPU_INTERP_DAT_H_
#define S390VMM_CPU_INTERP_DAT_H_

#include <cstdint>

#include "cpu/program_interrupt.h"
#include "memory/guest_memory.h"

namespace s390vmm::interp {

// ASCE fields (PoP "Address-Space-Control Element").
namespace asce {
inline constexpr uint64_t kOriginMask = ~uint64_t{0xfff};
inline constexpr uint64_t kPrivateSpace = 0x100;   // bit 55 P
inline constexpr uint64_t kRealSpace = 0x20;       // bit 58 R
inline constexpr uint64_t kTypeMask = 0x0c;        // bits 60-61 DT
inline constexpr uint64_t kLengthMask = 0x03;      // bits 62-63 TL
inline constexpr uint64_t kTypeRegionFirst = 0x0c;
inline constexpr uint64_t kTypeRegionSecond = 0x08;
inline constexpr uint64_t kTypeRegionThird = 0x04;
inline constexpr uint64_t kTypeSegment = 0x00;
}  // namespace asce

// Region/segment/page table entry bits.
namespace dte {
inline constexpr uint64_t kRegionOrigin = ~uint64_t{0xfff};
inline constexpr uint64_t kRegionProtection = 0x200;  // bit 54 P (region-third with EDAT-2)
inline constexpr uint64_t kRegionOffsetMask = 0xc0;   // bits 56-57 TF
inline constexpr uint64_t kRegionInvalid = 0x20;      // bit 58 I
inline constexpr uint64_t kTypeMask = 0x0c;           // bits 60-61 TT
inline constexpr uint64_t kLengthMask = 0x03;         // bits 62-63 TL
inline constexpr uint64_t kSegmentOrigin = ~uint64_t{0x7ff};  // page-table origin, 2 KiB aligned
inline constexpr uint64_t kSegmentFormat = 0x400;     // bit 53 FC (EDAT-1 large page)
inline constexpr uint64_t kSegmentProtection = 0x200; // bit 54 P
inline constexpr uint64_t kSegmentInvalid = 0x20;     // bit 58 I
inline constexpr uint64_t kSegmentFrameOrigin = ~uint64_t{0xfffff};  // 1 MiB frame with FC=1
inline constexpr uint64_t kPageOrigin = ~uint64_t{0xfff};
inline constexpr uint64_t kPageInvalid = 0x400;       // bit 53 I
inline constexpr uint64_t kPageProtection = 0x200;    // bit 54 P
inline constexpr uint64_t kPageZeroBit52 = 0x800;     // bit 52 must be zero
}  // namespace dte

struct DatResult {
  bool ok = false;
  uint64_t real = 0;              // translated real address (ok)
  bool write_protected = false;   // a DAT-protection bit was set on the path (ok)
  ProgramInterruptCode code = ProgramInterruptCode::kOperation;  // the exception (!ok)
  // For segment- and page-translation exceptions: the real address of the segment- or page-table entry
  // that is invalid, or (length_violation) that lies beyond the segment table's length (LOAD REAL ADDRESS
  // reports it).
  uint64_t entry = 0;
  bool length_violation = false;
};

// Translates `vaddr` through `asce`. `edat1` enables FC=1 segment entries (CR0 bit 40 with facility 8);
// without it the FC bit is ignored.
// Table entries are read with GuestMemory absolute addressing (tables are in real storage; a caller that
// prefixes must do so — the PoP says table addresses are real, but Linux never places tables in the
// prefix area, and the interpreter passes prefix-adjusted memory through `real_to_absolute`).
DatResult Translate(const GuestMemory& memory, uint64_t asce, uint64_t vaddr, bool edat1,
                    uint64_t (*real_to_absolute)(const void* ctx, uint64_t real), const void* ctx);

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_DAT_H_
