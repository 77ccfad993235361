#include "cpu/interp/dat.h"

namespace s390vmm::interp {
namespace {

DatResult Fault(ProgramInterruptCode code) {
  DatResult r;
  r.code = code;
  return r;
}

// A segment- or page-translation exception that LOAD REAL ADDRESS reports with the entry's real address.
DatResult EntryFault(ProgramInterruptCode code, uint64_t entry_real, bool length_violation) {
  DatResult r = Fault(code);
  r.entry = entry_real;
  r.length_violation = length_violation;
  return r;
}

// Index of `vaddr` into the table of `level` (0 region-first, 1 region-second, 2 region-third, 3 segment):
// 11 bits each, starting at bit 0, 11, 22, 33.
uint64_t TableIndex(uint64_t vaddr, int level) { return (vaddr >> (53 - 11 * level)) & 0x7ff; }

constexpr ProgramInterruptCode kLevelException[] = {
    ProgramInterruptCode::kRegionFirstTranslation, ProgramInterruptCode::kRegionSecondTranslation,
    ProgramInterruptCode::kRegionThirdTranslation, ProgramInterruptCode::kSegmentTranslation};

}  // namespace

DatResult Translate(const GuestMemory& memory, uint64_t asce_value, uint64_t vaddr, bool edat1,
                    uint64_t (*real_to_absolute)(const void* ctx, uint64_t real), const void* ctx) {
  if (asce_value & asce::kRealSpace) {
    DatResult r;
    r.ok = true;
    r.real = vaddr;
    return r;
  }
  // The level of the designated table: DT 11 region-first (level 0) ... 00 segment (level 3).
  int level = 3 - static_cast<int>((asce_value & asce::kTypeMask) >> 2);
  // Bits of the address above what the designated table translates must be zero (ASCE-type exception).
  if (level > 0 && (vaddr >> (64 - 11 * level)) != 0) return Fault(ProgramInterruptCode::kAsceType);

  uint64_t origin = asce_value & asce::kOriginMask;
  uint64_t length = asce_value & asce::kLengthMask;  // in units of 512 entries (bits 0-1 of the index)
  uint64_t offset = 0;                               // TF of the table: first valid 512-entry unit
  bool protect = false;

  auto read_entry = [&](uint64_t table_real, uint64_t index, uint64_t* entry) -> bool {
    uint64_t abs = real_to_absolute(ctx, table_real + index * 8);
    absl::StatusOr<uint64_t> v = memory.Load<uint64_t>(GuestAddress(abs));
    if (!v.ok()) return false;
    *entry = *v;
    return true;
  };

  for (; level <= 3; ++level) {
    uint64_t index = TableIndex(vaddr, level);
    uint64_t unit = index >> 9;
    if (unit < offset || unit > length) {
      if (level == 3) return EntryFault(ProgramInterruptCode::kSegmentTranslation, origin + index * 8, true);
      return Fault(kLevelException[level]);
    }
    uint64_t entry;
    if (!read_entry(origin, index, &entry)) return Fault(ProgramInterruptCode::kAddressing);
    if (level < 3) {
      if (entry & dte::kRegionInvalid) return Fault(kLevelException[level]);
      // TT must name the level just read: 11 region-first ... 01 region-third.
      if (static_cast<int>((entry & dte::kTypeMask) >> 2) != 3 - level) {
        return Fault(ProgramInterruptCode::kTranslationSpecification);
      }
      origin = entry & dte::kRegionOrigin;
      offset = (entry & dte::kRegionOffsetMask) >> 6;
      length = entry & dte::kLengthMask;
      continue;
    }
    // Segment-table entry.
    if (entry & dte::kSegmentInvalid) {
      return EntryFault(ProgramInterruptCode::kSegmentTranslation, origin + index * 8, false);
    }
    if ((entry & dte::kTypeMask) != 0) return Fault(ProgramInterruptCode::kTranslationSpecification);
    protect |= (entry & dte::kSegmentProtection) != 0;
    // The format control (FC, bit 53) selects a 1 MiB frame only when EDAT-1 applies; otherwise the bit
    // is ignored and the entry designates a page table as usual (kvm-unit-tests' s390x/edat.c checks this
    // on hardware; Hercules and QEMU agree).
    if ((entry & dte::kSegmentFormat) && edat1) {
      DatResult r;
      r.ok = true;
      r.real = (entry & dte::kSegmentFrameOrigin) | (vaddr & 0xfffff);
      r.write_protected = protect;
      return r;
    }
    uint64_t page_table = entry & dte::kSegmentOrigin;
    uint64_t px = (vaddr >> 12) & 0xff;
    uint64_t pte;
    if (!read_entry(page_table, px, &pte)) return Fault(ProgramInterruptCode::kAddressing);
    if (pte & dte::kPageInvalid) {
      return EntryFault(ProgramInterruptCode::kPageTranslation, page_table + px * 8, false);
    }
    if (pte & dte::kPageZeroBit52) return Fault(ProgramInterruptCode::kTranslationSpecification);
    protect |= (pte & dte::kPageProtection) != 0;
    DatResult r;
    r.ok = true;
    r.real = (pte & dte::kPageOrigin) | (vaddr & 0xfff);
    r.write_protected = protect;
    return r;
  }
  return Fault(ProgramInterruptCode::kTranslationSpecification);  // not reached
}

}  // namespace s390vmm::interp
