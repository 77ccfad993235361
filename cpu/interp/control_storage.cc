// Instruction family: control instructions about storage — PSW key and address-space control, storage
// keys, real-address access, DAT table maintenance (IPTE, CSP), address translation (LRA) and the
// cross-space move Linux uses for user copies (MVCOS).
#include <algorithm>

#include "cpu/interp/dat.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// CR0 bit 36: extraction authority (IPK, IAC, ... in the problem state).
constexpr uint64_t kCr0ExtractionAuthority = PopBit(36);

// --- PSW key and address-space control -----------------------------------------------------------------

// SET PSW KEY FROM ADDRESS: key = bits 56-59 of the second-operand address; in the problem state only a
// key whose PSW-key-mask bit (CR3 bits 32-47) is one.
void SPKA(ExecContext& cpu, const Insn& i) {
  const uint8_t key = (AddrB2(cpu, i) >> 4) & 0xf;
  if (cpu.s.psw.problem_state() && !((cpu.s.cr[3] >> (31 - key)) & 1)) PrivilegedOperation();
  cpu.s.psw.set_key(key);
  cpu.PswChanged();
}

// INSERT PSW KEY: GR2 bits 56-59 = PSW key, 60-63 zero.
void IPK(ExecContext& cpu, const Insn&) {
  if (cpu.s.psw.problem_state() && !(cpu.s.cr[0] & kCr0ExtractionAuthority)) PrivilegedOperation();
  cpu.s.gr[2] = (cpu.s.gr[2] & ~0xffull) | (uint64_t{cpu.s.psw.key()} << 4);
}

// INSERT ADDRESS SPACE CONTROL: CC 0 primary, 1 secondary, 2 access register, 3 home; PSW bits 16-17 to
// GR R1 bits 54-55 (48-53 zero).
void IAC(ExecContext& cpu, const Insn& i) {
  if (cpu.s.psw.problem_state() && !(cpu.s.cr[0] & kCr0ExtractionAuthority)) PrivilegedOperation();
  const uint8_t as = static_cast<uint8_t>(cpu.s.psw.address_space());
  cpu.s.gr[i.ops.r1] = (cpu.s.gr[i.ops.r1] & ~0xff00ull) | (uint64_t{as} << 8);
  static constexpr uint8_t kCc[] = {0, 2, 1, 3};  // PSW AS 00 primary, 01 AR, 10 secondary, 11 home
  cpu.SetCc(kCc[as]);
}

// SET ADDRESS SPACE CONTROL (FAST): bits 52-55 of the second-operand address: 0 primary, 1 secondary,
// 2 access register, 3 home. Special-operation exception with DAT off, or for secondary mode with the
// secondary-space control (CR0 bit 37) off, or home mode in the problem state.
void SetAddressSpaceControl(ExecContext& cpu, const Insn& i) {
  const uint64_t code = (AddrB2(cpu, i) >> 8) & 0xf;
  static constexpr AddressSpaceControl kModes[] = {AddressSpaceControl::kPrimary, AddressSpaceControl::kSecondary,
                                                   AddressSpaceControl::kAccessRegister, AddressSpaceControl::kHome};
  if (code > 3) SpecificationException();
  if (!cpu.s.psw.dat() || (code == 1 && !(cpu.s.cr[0] & cr0::kSecondarySpaceControl)) ||
      (code == 3 && cpu.s.psw.problem_state())) {
    RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
  }
  cpu.s.psw.set_address_space(kModes[code]);
  cpu.PswChanged();
}

// --- Storage keys ------------------------------------------------------------------------------------------

// The absolute address of the frame a key instruction names: bits 0-51 (24/31-bit: 40-51 / 33-51) of GR R2
// are a real address.
uint64_t KeyFrame(ExecContext& cpu, uint8_t r2) {
  const uint64_t real = cpu.s.gr[r2] & cpu.AddressMask() & ~(kPageSize - 1);
  const uint64_t abs = cpu.RealToAbsolute(real);
  if (!cpu.memory().Contains(GuestAddress(abs), 1)) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  return abs;
}

// INSERT STORAGE KEY EXTENDED: GR R1 bits 56-62 = the key, bit 63 zero.
void ISKE(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t abs = KeyFrame(cpu, i.ops.r2);
  cpu.s.gr[i.ops.r1] = (cpu.s.gr[i.ops.r1] & ~0xffull) | cpu.memory().GetStorageKey(GuestAddress(abs))->byte();
}

// INSERT VIRTUAL STORAGE KEY: ACC and F (bits 56-60), for a logical address in GR R2.
void IVSK(ExecContext& cpu, const Insn& i) {
  if (cpu.s.psw.problem_state() && !(cpu.s.cr[0] & kCr0ExtractionAuthority)) PrivilegedOperation();
  if (!cpu.s.psw.dat()) RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
  const uint64_t abs = cpu.TranslateToAbsolute(cpu.Wrap(cpu.s.gr[i.ops.r2]), AccessType::kFetch);
  const uint8_t key = cpu.memory().GetStorageKey(GuestAddress(abs))->byte() & 0xf8;
  cpu.s.gr[i.ops.r1] = (cpu.s.gr[i.ops.r1] & ~0xffull) | key;
}

// SET STORAGE KEY EXTENDED: the key from GR R1 bits 56-62 (the M3 conditional/nonquiescing controls belong
// to facilities this CPU does not report, so all of them are set).
void SSKE(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t abs = KeyFrame(cpu, i.ops.r2);
  (void)cpu.memory().SetStorageKey(GuestAddress(abs), StorageKey(static_cast<uint8_t>(cpu.s.gr[i.ops.r1])));
  cpu.PurgeAllTlbs();  // every CPU's entries cached the old key's protection and reference/change state
}

// RESET REFERENCE BIT EXTENDED: CC = R and C before (0: R0C0, 1: R0C1, 2: R1C0, 3: R1C1); R cleared.
void RRBE(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t abs = KeyFrame(cpu, i.ops.r2);
  const StorageKey key = *cpu.memory().GetStorageKey(GuestAddress(abs));
  cpu.SetCc((key.referenced() ? 2 : 0) | (key.changed() ? 1 : 0));
  (void)cpu.memory().SetStorageKey(GuestAddress(abs), StorageKey(key.byte() & ~StorageKey::kReference));
  cpu.FlushTlb();
}

// --- Real-address access -----------------------------------------------------------------------------------

template <typename T>
uint64_t RealOperand(ExecContext& cpu, uint8_t r2) {
  const uint64_t real = cpu.s.gr[r2] & cpu.AddressMask();
  if (real & (sizeof(T) - 1)) SpecificationException();
  return cpu.RealToAbsolute(real);
}

// STORE USING REAL ADDRESS (32/64): Linux patches its own text this way (ftrace, jump labels), so the store
// goes through GuestMemory, which invalidates decoded code in the frame.
template <typename T>
void StoreReal(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t abs = RealOperand<T>(cpu, i.ops.r2);
  if (!cpu.memory().Store<T>(GuestAddress(abs), static_cast<T>(cpu.s.gr[i.ops.r1])).ok()) {
    RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  }
}
template <typename T>
void LoadReal(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t abs = RealOperand<T>(cpu, i.ops.r2);
  absl::StatusOr<T> v = cpu.memory().Load<T>(GuestAddress(abs));
  if (!v.ok()) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  if constexpr (sizeof(T) == 8) {
    cpu.s.gr[i.ops.r1] = *v;
  } else {
    cpu.s.set_gr_low(i.ops.r1, *v);
  }
}

// --- DAT maintenance ---------------------------------------------------------------------------------------

// INVALIDATE PAGE TABLE ENTRY: the PTE for the page index of GR R2 in the page table at GR R1 gets its
// invalid bit; every TLB is purged (the IPTE-range and local-clearing variants belong to facilities this
// CPU does not report).
void IPTE(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t table = cpu.s.gr[i.ops.r1] & dte::kSegmentOrigin;
  const uint64_t index = (cpu.s.gr[i.ops.r2] >> 12) & 0xff;
  const uint64_t abs = cpu.RealToAbsolute(table + index * 8);
  absl::StatusOr<uint64_t> pte = cpu.memory().Load<uint64_t>(GuestAddress(abs));
  if (!pte.ok()) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  (void)cpu.memory().Store<uint64_t>(GuestAddress(abs), *pte | dte::kPageInvalid);
  cpu.PurgeAllTlbs();
}

// COMPARE AND SWAP AND PURGE (CSP 32-bit, CSPG 64-bit): R1 even-odd pair (compare value, replacement);
// GR R2 holds the operand address (its low bits below the operand size ignored for it) and, in bit 63,
// the purge request. Equal: store, purge every CPU's TLB if asked, CC 0; else load the second operand
// into R1, CC 1.
template <typename T>
void CompareAndSwapAndPurge(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  RequireEven(i.ops.r1);
  const uint64_t op2 = cpu.s.gr[i.ops.r2];
  const uint64_t addr = cpu.Wrap(op2) & ~uint64_t{sizeof(T) - 1};
  uint8_t* p = cpu.Access(addr, sizeof(T), AccessType::kStore);
  T actual = ToBigEndian(static_cast<T>(cpu.s.gr[i.ops.r1]));
  const T desired = ToBigEndian(static_cast<T>(cpu.s.gr[i.ops.r1 + 1]));
  if (__atomic_compare_exchange_n(reinterpret_cast<T*>(p), &actual, desired, false, __ATOMIC_SEQ_CST,
                                  __ATOMIC_SEQ_CST)) {
    if (op2 & 1) cpu.PurgeAllTlbs();
    cpu.SetCc(0);
  } else {
    if constexpr (sizeof(T) == 8) {
      cpu.s.gr[i.ops.r1] = FromBigEndian(actual);
    } else {
      cpu.s.set_gr_low(i.ops.r1, FromBigEndian(actual));
    }
    cpu.SetCc(1);
  }
}

// INVALIDATE DAT TABLE ENTRY (DAT-enhancement facility). With GR R2 bit 52 zero: the region- or
// segment-table entries designated by GR R1 (table origin, bits 60-61 the table type) and the
// effective invalidation index of GR R2 (the index field of that table level in bits 0-43), plus the
// number of additional entries in bits 53-63, get their invalid bit (bit 58). With bit 52 one: only the
// TLB entries of the ASCE in GR R3 are cleared. Either way every CPU's TLB is purged (a superset of what
// the PoP requires; these TLBs are not tagged by ASCE).
void IDTE(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t r2 = cpu.s.gr[i.ops.r2];
  if (!(r2 & PopBit(52))) {
    const uint64_t r1 = cpu.s.gr[i.ops.r1];
    const uint64_t origin = r1 & asce::kOriginMask;
    // Index fields (PoP "Effective Invalidation Index"): RFX bits 0-10, RSX 11-21, RTX 22-32, SX 33-43.
    static constexpr int kIndexShift[] = {20, 31, 42, 53};  // by table type: segment, RT, RS, RF
    const int type = static_cast<int>((r1 & asce::kTypeMask) >> 2);
    const uint64_t index = (r2 >> kIndexShift[type]) & 0x7ff;
    const uint64_t count = (r2 & 0x7ff) + 1;
    for (uint64_t n = 0; n < count; ++n) {
      const uint64_t real = origin + ((index + n) & 0x7ff) * 8;
      const GuestAddress abs(cpu.RealToAbsolute(real));
      absl::StatusOr<uint64_t> entry = cpu.memory().Load<uint64_t>(abs);
      if (!entry.ok()) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
      (void)cpu.memory().Store<uint64_t>(abs, *entry | dte::kRegionInvalid);  // bit 58 at every level
    }
  }
  cpu.PurgeAllTlbs();
}

// TEST BLOCK: the 4 KiB block at the real address in GR R2 is cleared to zeros; CC 0 (usable). GR 0 is
// not changed in z/Architecture. An address outside the configuration is an addressing exception.
void TB(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t real = cpu.Wrap(cpu.s.gr[i.ops.r2]) & ~(kPageSize - 1);
  const GuestAddress abs(cpu.RealToAbsolute(real));
  if (!cpu.memory().Fill(abs, kPageSize, 0).ok()) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  cpu.SetCc(0);
}

// --- Translation -------------------------------------------------------------------------------------------

// LOAD REAL ADDRESS (LRA, LRAY 32-bit result; LRAG 64-bit): translates the operand address in the current
// address space. CC 0: the real address. PoP "LOAD REAL ADDRESS" (as Hercules implements it): an invalid
// segment-table entry gives CC 1 and an invalid page-table entry CC 2, with the entry's real address in
// R1; a segment index beyond the table's length CC 3 with that address; ASCE-type and region-translation
// exceptions CC 3 with GR R1 bits 32-63 = 0x80000000 | the exception code. Addressing and
// translation-specification exceptions interrupt.
template <bool k64>
void LoadRealAddress(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrX2(cpu, i);
  uint64_t real = addr;
  if (cpu.s.psw.dat()) {
    const DatResult r = cpu.TranslateIn(cpu.CurrentSpace(), addr);
    if (!r.ok) {
      if (r.code == ProgramInterruptCode::kAddressing || r.code == ProgramInterruptCode::kTranslationSpecification) {
        RaiseProgramInterrupt(r.code);
      }
      const bool segment = r.code == ProgramInterruptCode::kSegmentTranslation;
      const bool has_entry = segment || r.code == ProgramInterruptCode::kPageTranslation;
      if (!has_entry || (!k64 && r.entry > 0x7fffffff)) {
        cpu.s.set_gr_low(i.ops.r1, 0x80000000u | static_cast<uint32_t>(r.code));
        cpu.SetCc(3);
        return;
      }
      if (k64) {
        cpu.s.gr[i.ops.r1] = r.entry;
      } else {
        cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(r.entry));
      }
      cpu.SetCc(!segment ? 2 : r.length_violation ? 3 : 1);
      return;
    }
    real = r.real;
  }
  if (k64) {
    cpu.s.gr[i.ops.r1] = real;
  } else {
    if (real > 0x7fffffff) RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
    cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(real));
  }
  cpu.SetCc(0);
}

// --- MOVE WITH OPTIONAL SPECIFICATIONS -----------------------------------------------------------------------

// Runs `fn` with the PSW key and address-space control an operand-access control (OAC, PoP "MOVE WITH
// OPTIONAL SPECIFICATIONS") selects, then restores the PSW.
template <typename Fn>
void WithOperandAccessControl(ExecContext& cpu, uint16_t oac, Fn fn) {
  const Psw saved = cpu.s.psw;
  if (oac & 0x0002) cpu.s.psw.set_key(oac >> 12);                                   // K: key bits 0-3
  if (oac & 0x0001) cpu.s.psw.set_address_space(static_cast<AddressSpaceControl>((oac >> 6) & 3));  // A: AS 8-9
  cpu.PswChanged();
  try {
    fn();
  } catch (...) {
    cpu.s.psw = saved;
    cpu.PswChanged();
    throw;
  }
  cpu.s.psw = saved;
  cpu.PswChanged();
}

// Moves min(GR R3, 4096) bytes from the second operand to the first, each accessed with its OAC from GR0
// (bits 32-47 operand 1, 48-63 operand 2). CC 0 when everything was moved, 3 when 4096 were and more
// remain; registers are not changed.
void MVCOS(ExecContext& cpu, const Insn& i) {
  const uint64_t dst = AddrB1(cpu, i);
  const uint64_t src = AddrB2(cpu, i);
  const uint64_t length = cpu.s.gr[i.ops.r3];
  const uint16_t oac1 = static_cast<uint16_t>(cpu.s.gr[0] >> 16);
  const uint16_t oac2 = static_cast<uint16_t>(cpu.s.gr[0]);
  // PoP "MOVE WITH OPTIONAL SPECIFICATIONS" (as Hercules and QEMU check it): special-operation exception
  // with DAT off, for the home space in the problem state, and for the secondary space without the
  // secondary-space control (CR0 bit 37); then, in the problem state, a key whose PSW-key-mask bit (CR3) is
  // zero is a privileged-operation exception.
  if (!cpu.s.psw.dat()) RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
  for (uint16_t oac : {oac1, oac2}) {
    if (!(oac & 0x0001)) continue;
    const auto as = static_cast<AddressSpaceControl>((oac >> 6) & 3);
    if ((as == AddressSpaceControl::kHome && cpu.s.psw.problem_state()) ||
        (as == AddressSpaceControl::kSecondary && !(cpu.s.cr[0] & cr0::kSecondarySpaceControl))) {
      RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
    }
  }
  if (cpu.s.psw.problem_state()) {
    for (uint16_t oac : {oac1, oac2}) {
      if ((oac & 0x0002) && !((cpu.s.cr[3] >> (31 - (oac >> 12))) & 1)) PrivilegedOperation();
    }
  }
  const uint64_t n = std::min<uint64_t>(length, kPageSize);
  uint8_t buf[kPageSize];
  WithOperandAccessControl(cpu, oac2, [&] { cpu.ReadBytes(src, buf, n); });
  WithOperandAccessControl(cpu, oac1, [&] { cpu.WriteBytes(dst, buf, n); });
  // The program advances the addresses and the length itself (Linux's uaccess loop does).
  cpu.SetCc(length > kPageSize ? 3 : 0);
}

// --- Moves across keys and spaces --------------------------------------------------------------------------

// The true length of MVCK/MVCP/MVCS: GR R1 bits 32-63, or all 64 bits in the 64-bit addressing mode.
uint64_t TrueLength(const ExecContext& cpu, uint8_t r1) {
  return cpu.s.psw.addressing_mode() == AddressingMode::k64 ? cpu.s.gr[r1] : cpu.s.gr_low(r1);
}

// The access key in GR R3 bits 56-59; in the problem state its PSW-key-mask bit must be one.
uint8_t OperandKey(const ExecContext& cpu, uint8_t r3) {
  const uint8_t key = (cpu.s.gr[r3] >> 4) & 0xf;
  if (cpu.s.psw.problem_state() && !((cpu.s.cr[3] >> (31 - key)) & 1)) PrivilegedOperation();
  return key;
}

// Moves min(true length, 256) bytes, fetching with `fetch_oac` and storing with `store_oac` (operand-
// access controls as MVCOS takes them); CC 0 when that was all, 3 when more remains.
void MoveLimited(ExecContext& cpu, const Insn& i, uint16_t store_oac, uint16_t fetch_oac) {
  const uint64_t length = TrueLength(cpu, i.ops.r1);
  const uint64_t n = std::min<uint64_t>(length, 256);
  const uint64_t dst = AddrB1(cpu, i);
  const uint64_t src = AddrB2(cpu, i);
  uint8_t buf[256];
  WithOperandAccessControl(cpu, fetch_oac, [&] { cpu.ReadBytes(src, buf, n); });
  WithOperandAccessControl(cpu, store_oac, [&] { cpu.WriteBytes(dst, buf, n); });
  cpu.SetCc(length > 256 ? 3 : 0);
}

uint16_t KeyOac(uint8_t key) { return static_cast<uint16_t>(key << 12 | 0x0002); }
uint16_t SpaceOac(AddressSpaceControl as) { return static_cast<uint16_t>(static_cast<uint16_t>(as) << 6 | 0x0001); }

// MOVE WITH KEY: the second operand is fetched with the key in GR R3, the first stored with the PSW key.
void MVCK(ExecContext& cpu, const Insn& i) {
  const uint8_t key = OperandKey(cpu, i.ops.r3);
  MoveLimited(cpu, i, 0, KeyOac(key));
}

// MOVE TO PRIMARY / MOVE TO SECONDARY: between the primary and the secondary space; the secondary-space
// operand is accessed with the key in GR R3, the primary one with the PSW key. PoP: a special-operation
// exception with DAT off, with the secondary-space control (CR0 bit 37) off, or in the access-register or
// home-space mode; the primary- and secondary-space modes may use them.
template <bool kToPrimary>
void MoveBetweenSpaces(ExecContext& cpu, const Insn& i) {
  const AddressSpaceControl as = cpu.s.psw.address_space();
  if (!cpu.s.psw.dat() || !(cpu.s.cr[0] & cr0::kSecondarySpaceControl) ||
      as == AddressSpaceControl::kAccessRegister || as == AddressSpaceControl::kHome) {
    RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
  }
  const uint8_t key = OperandKey(cpu, i.ops.r3);
  const uint16_t primary = SpaceOac(AddressSpaceControl::kPrimary);
  const uint16_t secondary = static_cast<uint16_t>(SpaceOac(AddressSpaceControl::kSecondary) | KeyOac(key));
  if (kToPrimary) {
    MoveLimited(cpu, i, primary, secondary);
  } else {
    MoveLimited(cpu, i, secondary, primary);
  }
}

// TEST PROTECTION: tests the first-operand location with the access key in bits 56-59 of the
// second-operand address. CC 0 fetch and store permitted, 1 fetch only, 2 neither, 3 translation not
// available. Key-controlled protection (with fetch- and storage-protection override) and DAT protection
// count; low-address protection does not. An address outside the configuration is an addressing
// exception.
void TPROT(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB1(cpu, i);
  const uint8_t key = (AddrB2(cpu, i) >> 4) & 0xf;
  uint64_t real = addr;
  bool dat_protected = false;
  if (cpu.s.psw.dat()) {
    const DatResult r = cpu.TranslateIn(cpu.CurrentSpace(), addr);
    if (!r.ok) {
      if (r.code == ProgramInterruptCode::kAddressing || r.code == ProgramInterruptCode::kTranslationSpecification) {
        RaiseProgramInterrupt(r.code);
      }
      cpu.SetCc(3);
      return;
    }
    real = r.real;
    dat_protected = r.write_protected;
  }
  const GuestAddress abs(cpu.RealToAbsolute(real));
  absl::StatusOr<StorageKey> storage_key = cpu.memory().GetStorageKey(abs);
  if (!storage_key.ok()) RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  bool may_fetch = true;
  bool may_store = !dat_protected;
  if (key != 0 && storage_key->acc() != key) {
    // The overrides as for an access (see ExecContext::Resolve): fetch-protection override by the
    // effective address 0-2047 (not in a private space), storage-protection override of key 9 for
    // fetches and stores alike.
    const bool private_space = cpu.s.psw.dat() && (cpu.Asce(cpu.CurrentSpace()) & asce::kPrivateSpace);
    const bool fetch_override =
        (cpu.s.cr[0] & cr0::kFetchProtectionOverride) && addr < 2048 && !private_space;
    const bool storage_override = (cpu.s.cr[0] & cr0::kStorageProtectionOverride) && storage_key->acc() == 9;
    may_fetch = !storage_key->fetch_protected() || fetch_override || storage_override;
    may_store = may_store && storage_override;
  }
  cpu.SetCc(may_store ? (may_fetch ? 0 : 2) : (may_fetch ? 1 : 2));
}

}  // namespace

void RegisterControlStorage(HandlerTable& table) {
  constexpr bool kEnds = true;
  table.Set<&SPKA>(InsnId::kSPKA, kEnds);
  table.Set<&IPK>(InsnId::kIPK);
  table.Set<&IAC>(InsnId::kIAC);
  table.Set<&SetAddressSpaceControl>(InsnId::kSAC, kEnds);
  table.Set<&SetAddressSpaceControl>(InsnId::kSACF, kEnds);
  table.Set<&ISKE>(InsnId::kISKE);
  table.Set<&IVSK>(InsnId::kIVSK);
  table.Set<&SSKE>(InsnId::kSSKE, kEnds);
  table.Set<&RRBE>(InsnId::kRRBE, kEnds);
  table.Set<&StoreReal<uint32_t>>(InsnId::kSTURA);
  table.Set<&StoreReal<uint64_t>>(InsnId::kSTURG);
  table.Set<&LoadReal<uint32_t>>(InsnId::kLURA);
  table.Set<&LoadReal<uint64_t>>(InsnId::kLURAG);
  table.Set<&IPTE>(InsnId::kIPTE, kEnds);
  table.Set<&CompareAndSwapAndPurge<uint32_t>>(InsnId::kCSP, kEnds);
  table.Set<&CompareAndSwapAndPurge<uint64_t>>(InsnId::kCSPG, kEnds);
  table.Set<&IDTE>(InsnId::kIDTE, kEnds);
  table.Set<&TB>(InsnId::kTB);
  table.Set<&TPROT>(InsnId::kTPROT);
  table.Set<&MVCK>(InsnId::kMVCK);
  table.Set<&MoveBetweenSpaces<true>>(InsnId::kMVCP);
  table.Set<&MoveBetweenSpaces<false>>(InsnId::kMVCS);
  table.Set<&LoadRealAddress<false>>(InsnId::kLRA);
  table.Set<&LoadRealAddress<false>>(InsnId::kLRAY);
  table.Set<&LoadRealAddress<true>>(InsnId::kLRAG);
  table.Set<&MVCOS>(InsnId::kMVCOS);
}

}  // namespace s390vmm::interp
