#include "cpu/interp/exec_context.h"

#include "cpu/interp/dat.h"

namespace s390vmm::interp {
namespace {

// TEID bits 62-63: the address space of a failed access (PoP "Translation-Exception Identification").
constexpr uint64_t TeidSpaceBits(AddressSpace space) {
  switch (space) {
    case AddressSpace::kSecondary: return 2;
    case AddressSpace::kHome: return 3;
    default: return 0;
  }
}
// TEID bit 61 for protection exceptions: the exception was DAT protection (not key or low-address).
constexpr uint64_t kTeidDatProtection = 4;

uint64_t PrefixAdjust(const void* ctx, uint64_t real) {
  return static_cast<const ExecContext*>(ctx)->RealToAbsolute(real);
}

}  // namespace

const std::atomic<uint8_t> TlbEntry::kNoCode{0};

void RaiseProgramInterrupt(ProgramInterruptCode code, uint64_t teid) {
  ProgramException e{code};
  e.teid = teid;
  throw e;
}

void RaiseDataException(uint8_t dxc) {
  ProgramException e{ProgramInterruptCode::kData};
  e.dxc = dxc;
  throw e;
}

void RaiseVectorProcessingException(uint8_t vxc) {
  ProgramException e{ProgramInterruptCode::kVectorProcessing};
  e.dxc = vxc;
  throw e;
}

void RaiseMonitorEvent(uint16_t monitor_class, uint64_t monitor_code) {
  ProgramException e{ProgramInterruptCode::kMonitorEvent};
  e.monitor_class = monitor_class;
  e.monitor_code = monitor_code;
  throw e;
}

ExecContext::ExecContext(GuestMemory& memory, const CpuModel& model, TodClock& tod_clock,
                         uint16_t cpu_address)
    : memory_(memory),
      model_(model),
      tod_clock_(tod_clock),
      cpu_address_(cpu_address),
      unimplemented_(new uint64_t[static_cast<int>(isa::InsnId::kCount)]()) {
  cpu_timer_set_tod_ = tod_clock_.Now();
  PswChanged();
}

DatResult ExecContext::TranslateIn(AddressSpace space, uint64_t addr) const {
  const bool edat1 = (s.cr[0] & cr0::kEdat) && model_.HasBit(8);
  return Translate(memory_, Asce(space), addr, edat1, &PrefixAdjust, this);
}

AddressSpace ExecContext::CurrentSpace() const {
  if (!s.psw.dat()) return AddressSpace::kReal;
  switch (s.psw.address_space()) {
    case AddressSpaceControl::kSecondary: return AddressSpace::kSecondary;
    case AddressSpaceControl::kHome: return AddressSpace::kHome;
    // Access-register mode with ALET 0 is the primary space; other ALETs need access-register
    // translation, which s390vmm does not implement (Linux never enters AR mode).
    default: return AddressSpace::kPrimary;
  }
}

void ExecContext::PswChanged() {
  address_mask_ = s.psw.AddressMask();
  // The key decides key-controlled protection, which TLB entries have already checked.
  uint64_t key_bits = s.psw.mask() & Psw::kKeyMask;
  if (key_bits != (tlb_psw_bits_ & Psw::kKeyMask)) FlushTlb();
  tlb_psw_bits_ = key_bits;
  // A new ASCE in CR1 (primary), CR7 (secondary) or CR13 (home) invalidates that space's TLB; CR0 holds
  // the protection overrides and EDAT control (its interruption submasks, which Linux changes often,
  // do not matter here).
  constexpr uint64_t kCr0TranslationBits = cr0::kLowAddressProtection | cr0::kFetchProtectionOverride |
                                           cr0::kStorageProtectionOverride | cr0::kEdat |
                                           cr0::kInstructionExecutionProtection;
  const uint64_t asces[kAddressSpaceCount] = {s.cr[0] & kCr0TranslationBits, s.cr[1], s.cr[7], s.cr[13]};
  for (int i = 0; i < kAddressSpaceCount; ++i) {
    if (asces[i] != tlb_asces_[i]) {
      if (i == 0) {
        FlushTlb();  // CR0 affects every space
      } else {
        tlbs_[i].Flush();
        ++tlb_epoch_;
      }
      tlb_asces_[i] = asces[i];
    }
  }
  tlb_ = &tlbs_[static_cast<int>(CurrentSpace())];
  fetch_tlb_ = &tlbs_[static_cast<int>(InstructionSpace())];
  UpdateEpoch();
}

void ExecContext::FlushTlb() {
  for (Tlb& t : tlbs_) t.Flush();
  ++tlb_epoch_;
  UpdateEpoch();
}


AddressSpace ExecContext::InstructionSpace() const {
  // Instructions come from the primary space in the secondary-space (and access-register) mode; only the
  // home-space mode fetches them from the home space (PoP "Address-Space Control"; QEMU's
  // cpu_mmu_index(ifetch) and z/OS's "Cross memory terminology" table say the same).
  const AddressSpace space = CurrentSpace();
  return space == AddressSpace::kSecondary ? AddressSpace::kPrimary : space;
}

ExecContext::Resolved ExecContext::Resolve(uint64_t addr, AccessType type) {
  const AddressSpace space = type == AccessType::kInstruction ? InstructionSpace() : CurrentSpace();
  const uint64_t page = addr & ~(kPageSize - 1);
  uint64_t real = addr;
  bool dat_protected = false;
  bool private_space = false;
  if (space != AddressSpace::kReal) {
    private_space = Asce(space) & asce::kPrivateSpace;
    DatResult r = TranslateIn(space, addr);
    if (!r.ok) {
      // Translation exceptions identify the page and the space; addressing exceptions on table fetches
      // carry no TEID.
      uint64_t teid = r.code == ProgramInterruptCode::kAddressing ? 0 : (page | TeidSpaceBits(space));
      RaiseProgramInterrupt(r.code, teid);
    }
    real = r.real;
    dat_protected = r.write_protected;
  }
  Resolved out;
  out.abs = RealToAbsolute(real);
  const int64_t frame = memory_.FrameIndex(GuestAddress(out.abs));
  if (frame < 0) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  out.frame = static_cast<uint64_t>(frame);
  // In a secure configuration the CPU may touch the configuration's pages; this CPU is not secure.
  out.host_page = memory_.FramePointer(GuestAddress(out.abs), Accessor::Host());
  if (out.host_page == nullptr) {
    RaiseProgramInterrupt(ProgramInterruptCode::kSecureStorageAccess, page | TeidSpaceBits(space));
  }

  const uint8_t psw_key = s.psw.key();
  const StorageKey key = *memory_.GetStorageKey(GuestAddress(out.abs));
  out.may_write = !dat_protected;
  if (psw_key != 0) {
    const bool key_match = key.acc() == psw_key;
    // PoP "Storage-Protection Override": with CR0 bit 39 one, a storage key of 9 permits fetches and
    // stores with any access key, whatever its fetch-protection bit.
    const bool storage_override = (s.cr[0] & cr0::kStorageProtectionOverride) && key.acc() == 9;
    // PoP "Fetch-Protection Override": CR0 bit 38 lifts fetch protection for effective (logical, not
    // real) addresses 0-2047, unless DAT is on with a private-space ASCE. It covers only part of the page,
    // so a read it permits is not cached in the TLB: each access is checked again.
    const bool fetch_override =
        (s.cr[0] & cr0::kFetchProtectionOverride) && addr < 2048 && !private_space;
    const bool by_key = key_match || !key.fetch_protected() || storage_override;
    out.may_read = by_key || fetch_override;
    out.read_uncached = !by_key;
    out.may_write = out.may_write && (key_match || storage_override);
  }
  // Low-address protection covers effective addresses 0-511 and 4096-4607 (the lowcore), whatever the
  // translation. Pages 0 and 1 never get a fast write entry, so every store there is checked here.
  out.lap_page = (s.cr[0] & cr0::kLowAddressProtection) && page < 2 * kPageSize;

  if (type == AccessType::kStore) {
    if (!out.may_write) {
      RaiseProgramInterrupt(ProgramInterruptCode::kProtection,
                            page | TeidSpaceBits(space) | (dat_protected ? kTeidDatProtection : 0));
    }
    if (out.lap_page && (addr & (kPageSize - 1)) < 512) {
      RaiseProgramInterrupt(ProgramInterruptCode::kProtection, page | TeidSpaceBits(space));
    }
  } else if (!out.may_read) {
    RaiseProgramInterrupt(ProgramInterruptCode::kProtection, page | TeidSpaceBits(space));
  }
  return out;
}

TlbEntry& ExecContext::Fill(uint64_t addr, AccessType type) {
  const uint64_t page = addr & ~(kPageSize - 1);
  const Resolved r = Resolve(addr, type);
  const uint64_t frame = r.frame;
  uint8_t* host = r.host_page;
  const bool may_read = r.may_read;
  const bool may_write = r.may_write;
  const bool lap_page = r.lap_page;
  const uint64_t abs = r.abs;
  TlbEntry& e = (type == AccessType::kInstruction ? fetch_tlb_ : tlb_)->at(addr);
  if (e.frame != frame || e.addend != reinterpret_cast<uintptr_t>(host) - page) {
    e = TlbEntry();
  }
  e.addend = reinterpret_cast<uintptr_t>(host) - page;
  e.frame = frame;
  e.abs_page = abs & ~(kPageSize - 1);
  e.code_flag = memory_.code_frame_flag(frame);
  if (may_read && !r.read_uncached) e.read_tag = page;
  // Reference and change bits: set when an entry is filled; SSKE and RRBE flush the TLB, so the next
  // access after they clear a bit sets it again.
  (void)memory_.MarkReferenced(GuestAddress(abs), type == AccessType::kStore);
  if (type == AccessType::kStore) {
    if (e.code_flag->load(std::memory_order_seq_cst)) {
      // Decoded instructions were built from this frame (by some CPU): they are stale from now on.
      memory_.BumpWriteGeneration(frame);
    }
    if (may_write && !lap_page) e.write_tag = page;
  }
  return e;
}

uint8_t* ExecContext::Access(uint64_t addr, uint64_t len, AccessType type) {
  (void)len;
  const uint64_t page = addr & ~(kPageSize - 1);
  TlbEntry* e = &(type == AccessType::kInstruction ? fetch_tlb_ : tlb_)->at(addr);
  const bool hit = type == AccessType::kStore
                       ? e->write_tag == page && !e->code_flag->load(std::memory_order_relaxed)
                       : e->read_tag == page;
  if (!hit) e = &Fill(addr, type);
  return reinterpret_cast<uint8_t*>(addr + e->addend);
}

void ExecContext::CheckAccess(uint64_t addr, uint64_t len, AccessType type) {
  while (len > 0) {
    uint64_t chunk = std::min<uint64_t>(len, kPageSize - (addr & (kPageSize - 1)));
    Access(addr, chunk, type);
    len -= chunk;
    addr = Wrap(addr + chunk);
  }
}

void ExecContext::ReadBytes(uint64_t addr, uint8_t* out, uint64_t len) {
  while (len > 0) {
    uint64_t chunk = std::min<uint64_t>(len, kPageSize - (addr & (kPageSize - 1)));
    std::memcpy(out, Access(addr, chunk, AccessType::kFetch), chunk);
    out += chunk;
    len -= chunk;
    addr = Wrap(addr + chunk);
  }
}

void ExecContext::WriteBytes(uint64_t addr, const uint8_t* in, uint64_t len) {
  // All pages first: a store is either done entirely or suppressed.
  if ((addr & (kPageSize - 1)) + len > kPageSize) CheckAccess(addr, len, AccessType::kStore);
  while (len > 0) {
    uint64_t chunk = std::min<uint64_t>(len, kPageSize - (addr & (kPageSize - 1)));
    std::memcpy(Access(addr, chunk, AccessType::kStore), in, chunk);
    in += chunk;
    len -= chunk;
    addr = Wrap(addr + chunk);
  }
}

uint64_t ExecContext::TranslateToAbsolute(uint64_t addr, AccessType type) { return Resolve(addr, type).abs; }

const uint8_t* ExecContext::FetchPage(uint64_t addr, uint64_t* frame, uint64_t* abs_page) {
  uint8_t* host = Access(addr, 2, AccessType::kInstruction);
  const TlbEntry& e = fetch_tlb_->at(addr);
  *frame = e.frame;
  *abs_page = e.abs_page;
  return host - (addr & (kPageSize - 1));
}

void ExecContext::FetchBytes(uint64_t addr, uint8_t* out, uint64_t len) {
  while (len > 0) {
    uint64_t chunk = std::min<uint64_t>(len, kPageSize - (addr & (kPageSize - 1)));
    std::memcpy(out, Access(addr, chunk, AccessType::kInstruction), chunk);
    out += chunk;
    len -= chunk;
    addr = Wrap(addr + chunk);
  }
}

}  // namespace s390vmm::interp
