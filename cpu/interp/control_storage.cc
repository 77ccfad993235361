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
  cpu.FlushTlb();  // entries cached the old key's protection and reference/change state
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
  cpu.FlushTlb();
}

// COMPARE AND SWAP AND PURGE: R1 even-odd pair (compare value, replacement); GR R2 holds the word address
// (bits 62-63 ignored for it) and, in bit 63, the purge request. Equal: store, purge if asked, CC 0; else
// load the second operand into R1, CC 1.
void CSP(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  RequireEven(i.ops.r1);
  const uint64_t op2 = cpu.s.gr[i.ops.r2];
  const uint64_t addr = cpu.Wrap(op2) & ~uint64_t{3};
  uint8_t* p = cpu.Access(addr, 4, AccessType::kStore);
  uint32_t actual = ToBigEndian(cpu.s.gr_low(i.ops.r1));
  const uint32_t desired = ToBigEndian(cpu.s.gr_low(i.ops.r1 + 1));
  if (__atomic_compare_exchange_n(reinterpret_cast<uint32_t*>(p), &actual, desired, false, __ATOMIC_SEQ_CST,
                                  __ATOMIC_SEQ_CST)) {
    if (op2 & 1) cpu.FlushTlb();
    cpu.SetCc(0);
  } else {
    cpu.s.set_gr_low(i.ops.r1, FromBigEndian(actual));
    cpu.SetCc(1);
  }
}

// --- Translation -------------------------------------------------------------------------------------------

uint64_t PrefixAdjust(const void* ctx, uint64_t real) {
  return static_cast<const ExecContext*>(ctx)->RealToAbsolute(real);
}

// LOAD REAL ADDRESS (LRA, LRAY 32-bit result; LRAG 64-bit): translates the operand address in the current
// address space. CC 0 and the real address; on a translation exception CC 3 and GR R1 bits 32-63 =
// 0x80000000 | the exception code (as QEMU reports it).
template <bool k64>
void LoadRealAddress(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrX2(cpu, i);
  uint64_t real = addr;
  if (cpu.s.psw.dat()) {
    const AddressSpaceControl as = cpu.s.psw.address_space();
    const uint64_t asce_value = cpu.s.cr[as == AddressSpaceControl::kSecondary ? 7
                                         : as == AddressSpaceControl::kHome  ? 13
                                                                             : 1];
    const bool edat1 = (cpu.s.cr[0] & cr0::kEdat) && cpu.model().HasBit(8);
    const DatResult r = Translate(cpu.memory(), asce_value, addr, edat1, &PrefixAdjust, &cpu);
    if (!r.ok) {
      if (r.code == ProgramInterruptCode::kAddressing) RaiseProgramInterrupt(r.code);
      cpu.s.set_gr_low(i.ops.r1, 0x80000000u | static_cast<uint32_t>(r.code));
      cpu.SetCc(3);
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
  if (cpu.s.psw.problem_state()) {
    // A key other than the PSW key needs its PSW-key-mask bit; home space is not available.
    for (uint16_t oac : {oac1, oac2}) {
      if ((oac & 0x0002) && !((cpu.s.cr[3] >> (31 - (oac >> 12))) & 1)) PrivilegedOperation();
      if ((oac & 0x0001) && ((oac >> 6) & 3) == 3) PrivilegedOperation();
    }
  }
  if (!cpu.s.psw.dat() && ((oac1 | oac2) & 0x0001)) RaiseProgramInterrupt(ProgramInterruptCode::kSpecialOperation);
  const uint64_t n = std::min<uint64_t>(length, kPageSize);
  uint8_t buf[kPageSize];
  WithOperandAccessControl(cpu, oac2, [&] { cpu.ReadBytes(src, buf, n); });
  WithOperandAccessControl(cpu, oac1, [&] { cpu.WriteBytes(dst, buf, n); });
  // The program advances the addresses and the length itself (Linux's uaccess loop does).
  cpu.SetCc(length > kPageSize ? 3 : 0);
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
  table.Set<&CSP>(InsnId::kCSP, kEnds);
  table.Set<&LoadRealAddress<false>>(InsnId::kLRA);
  table.Set<&LoadRealAddress<false>>(InsnId::kLRAY);
  table.Set<&LoadRealAddress<true>>(InsnId::kLRAG);
  table.Set<&MVCOS>(InsnId::kMVCOS);
}

}  // namespace s390vmm::interp
