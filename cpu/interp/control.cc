// Instruction family: control — PSW, condition code and addressing mode, facility list, TOD clock and
// CPU timer, monitor call, prefetch hints, and the privileged control instructions (control registers,
// prefix, PSW loads, CPU identification, TLB purges). Storage keys, real-address and cross-space moves
// are in control_storage.cc; instructions the machine handles (SERVC, DIAG, SIGP, I/O, STSI, UVC) in
// intercept.cc.
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// --- Problem state -----------------------------------------------------------------------------------

// SUPERVISOR CALL: the SVC number is the I field (PoP "SUPERVISOR CALL").
void SVC(ExecContext&, const Insn& i) { throw SupervisorCallException{static_cast<uint8_t>(i.ops.i1)}; }

// INSERT PROGRAM MASK: R1 bits 34-35 = CC, 36-39 = program mask, 32-33 = 0; the rest unchanged.
void IPM(ExecContext& cpu, const Insn& i) {
  const uint64_t v = (uint64_t{cpu.cc()} << 4 | cpu.s.psw.program_mask()) << 24;
  cpu.s.gr[i.ops.r1] = (cpu.s.gr[i.ops.r1] & ~0xff000000ull) | v;
}

// SET PROGRAM MASK: CC and program mask from R1 bits 34-39.
void SPM(ExecContext& cpu, const Insn& i) {
  const uint32_t v = static_cast<uint32_t>(cpu.s.gr[i.ops.r1] >> 24);
  cpu.SetCc((v >> 4) & 3);
  cpu.s.psw.set_program_mask(v & 0xf);
}

// SET ADDRESSING MODE: the updated instruction address must fit the new mode.
void SetMode(ExecContext& cpu, AddressingMode mode) {
  const uint64_t limit = mode == AddressingMode::k24 ? 0xffffff : mode == AddressingMode::k31 ? 0x7fffffff : ~0ull;
  if (cpu.next_ia & ~limit) SpecificationException();
  cpu.s.psw.set_addressing_mode(mode);
  cpu.PswChanged();
}
void SAM24(ExecContext& cpu, const Insn&) { SetMode(cpu, AddressingMode::k24); }
void SAM31(ExecContext& cpu, const Insn&) { SetMode(cpu, AddressingMode::k31); }
void SAM64(ExecContext& cpu, const Insn&) { SetMode(cpu, AddressingMode::k64); }

// TEST ADDRESSING MODE: CC 0 24-bit, 1 31-bit, 3 64-bit.
void TAM(ExecContext& cpu, const Insn&) {
  switch (cpu.s.psw.addressing_mode()) {
    case AddressingMode::k24: cpu.SetCc(0); break;
    case AddressingMode::k31: cpu.SetCc(1); break;
    default: cpu.SetCc(3); break;
  }
}

// STORE FACILITY LIST EXTENDED: GR0 bits 56-63 = doublewords provided - 1; stores min(provided, needed),
// sets GR0 bits 56-63 to needed - 1, CC 0 if all fit, else 3.
void STFLE(ExecContext& cpu, const Insn& i) {
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  const int provided = static_cast<int>(cpu.s.gr[0] & 0xff) + 1;
  const int needed = cpu.model().facility_word_count();
  const int n = std::min(provided, needed);
  cpu.CheckAccess(addr, 8 * n, AccessType::kStore);
  for (int w = 0; w < n; ++w) cpu.Store<uint64_t>(cpu.Wrap(addr + 8 * w), cpu.model().facility_words()[w]);
  cpu.s.gr[0] = (cpu.s.gr[0] & ~0xffull) | static_cast<uint64_t>(needed - 1);
  cpu.SetCc(provided >= needed ? 0 : 3);
}

// STORE CLOCK (FAST): the TOD clock, CC 0 (the clock is always in the set state).
void STCK(ExecContext& cpu, const Insn& i) {
  cpu.Store<uint64_t>(AddrB2(cpu, i), cpu.UniqueTod());
  cpu.SetCc(0);
}
void STCKF(ExecContext& cpu, const Insn& i) {
  cpu.Store<uint64_t>(AddrB2(cpu, i), cpu.tod_clock().Now());
  cpu.SetCc(0);
}
// STORE CLOCK EXTENDED: byte 0 epoch index (0), bytes 1-8 the TOD clock, 9-13 zero (no extra
// resolution), 14-15 the TOD programmable field.
void STCKE(ExecContext& cpu, const Insn& i) {
  uint8_t out[16] = {};
  StoreBigEndian<uint64_t>(out + 1, cpu.UniqueTod());
  StoreBigEndian<uint16_t>(out + 14, static_cast<uint16_t>(cpu.s.tod_programmable));
  cpu.WriteBytes(AddrB2(cpu, i), out, sizeof(out));
  cpu.SetCc(0);
}

// EXTRACT CPU TIME: GR0 = first operand - CPU timer, GR1 = second operand, GR R3 = third operand.
void ECTG(ExecContext& cpu, const Insn& i) {
  const uint64_t op1 = cpu.Load<uint64_t>(AddrB1(cpu, i));
  const uint64_t op2 = cpu.Load<uint64_t>(AddrB2(cpu, i));
  const uint64_t op3 = cpu.Load<uint64_t>(cpu.Wrap(cpu.s.gr[i.ops.r3]));
  cpu.s.gr[0] = op1 - static_cast<uint64_t>(cpu.CpuTimer());
  cpu.s.gr[1] = op2;
  cpu.s.gr[i.ops.r3] = op3;
}

// EXTRACT PSW: R1 bits 32-63 = PSW bits 0-31, R2 (if not 0) bits 32-63 = PSW bits 32-63.
void EPSW(ExecContext& cpu, const Insn& i) {
  const uint64_t mask = cpu.s.psw.mask();
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(mask >> 32));
  if (i.ops.r2 != 0) cpu.s.set_gr_low(i.ops.r2, static_cast<uint32_t>(mask));
}

// MONITOR CALL: a monitor event when the class's mask bit (CR8 bit 48 + class) is on; I2 bits 0-3 must
// be zero. Linux's trap_init checks that `mc 0,0` traps with CR8 = 0x8000.
void MC(ExecContext& cpu, const Insn& i) {
  const uint64_t code = AddrB1(cpu, i);
  const uint8_t i2 = static_cast<uint8_t>(i.ops.i2);
  if (i2 & 0xf0) SpecificationException();
  const uint8_t monitor_class = i2 & 0xf;
  if (cpu.s.cr[8] & (uint64_t{0x8000} >> monitor_class)) RaiseMonitorEvent(monitor_class, code);
}

// EXTRACT CPU ATTRIBUTE: s390vmm describes no cache topology, and the PoP answers an attribute the CPU does
// not report with all ones (as QEMU does), which Linux takes as "no cache information".
void ECAG(ExecContext& cpu, const Insn& i) { cpu.s.gr[i.ops.r1] = ~uint64_t{0}; }

// Hints with no architected effect here: PREFETCH DATA (RELATIVE LONG), NEXT INSTRUCTION ACCESS INTENT.
void NoOperation(ExecContext&, const Insn&) {}

// --- Privileged ---------------------------------------------------------------------------------------

// Loads a z/Architecture PSW, raising a specification exception if it is invalid (PoP: "the PSW is
// checked when it is loaded"; here the check happens at the load and the old PSW stays).
void LoadPsw(ExecContext& cpu, uint64_t mask, uint64_t address) {
  Psw psw(mask, address);
  if (!psw.IsValid()) SpecificationException();
  cpu.s.psw = psw;
  cpu.PswChanged();
  cpu.next_ia = address;
}

// LOAD PSW EXTENDED: the 16-byte PSW at the doubleword-aligned second operand.
void LPSWE(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  uint8_t psw[16];
  cpu.ReadBytes(addr, psw, sizeof(psw));
  LoadPsw(cpu, LoadBigEndian<uint64_t>(psw), LoadBigEndian<uint64_t>(psw + 8));
}

// LOAD PSW: the 8-byte ESA/390-format PSW (bit 12 must be one) converted to z/Architecture form:
// bits 0-32 as given but bit 12 off, bit 31 (EA) zero, the 31-bit address with BA from bit 32.
void LPSW(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB1(cpu, i);  // SI format: D1(B1), I2 ignored
  if (addr & 7) SpecificationException();
  const uint64_t short_psw = cpu.Load<uint64_t>(addr);
  if (!(short_psw & Psw::Bit(12))) SpecificationException();
  const uint64_t mask = (short_psw & 0xffffffff00000000ull & ~Psw::Bit(12)) | ((short_psw & 0x80000000ull) ? Psw::kBa : 0);
  LoadPsw(cpu, mask, short_psw & 0x7fffffff);
}

// SET SYSTEM MASK: PSW bits 0-7 from the byte at the second operand.
void SSM(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint8_t byte = cpu.Load<uint8_t>(AddrB1(cpu, i));  // SI format: D1(B1), I2 ignored
  const uint64_t mask = (cpu.s.psw.mask() & ~(0xffull << 56)) | (uint64_t{byte} << 56);
  if (mask & Psw::kReservedMask) SpecificationException();
  cpu.s.psw.set_mask(mask);
  cpu.PswChanged();
}

// STORE THEN AND/OR SYSTEM MASK: store PSW bits 0-7, then AND/OR them with I2.
void StoreThenSystemMask(ExecContext& cpu, const Insn& i, bool is_or) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB1(cpu, i);
  const uint8_t old = static_cast<uint8_t>(cpu.s.psw.mask() >> 56);
  const uint8_t i2 = static_cast<uint8_t>(i.ops.i2);
  const uint8_t updated = is_or ? (old | i2) : (old & i2);
  const uint64_t mask = (cpu.s.psw.mask() & ~(0xffull << 56)) | (uint64_t{updated} << 56);
  if (mask & Psw::kReservedMask) SpecificationException();
  cpu.Store<uint8_t>(addr, old);
  cpu.s.psw.set_mask(mask);
  cpu.PswChanged();
}
void STNSM(ExecContext& cpu, const Insn& i) { StoreThenSystemMask(cpu, i, false); }
void STOSM(ExecContext& cpu, const Insn& i) { StoreThenSystemMask(cpu, i, true); }

// LOAD CONTROL (64/32): control registers R1 through R3 (wrapping from 15 to 0) from storage.
template <typename T>
void LoadControl(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & (sizeof(T) - 1)) SpecificationException();
  const int count = ((i.ops.r3 - i.ops.r1) & 15) + 1;
  T values[16];
  for (int n = 0; n < count; ++n) values[n] = cpu.Load<T>(cpu.Wrap(addr + n * sizeof(T)));
  for (int n = 0; n < count; ++n) {
    const int r = (i.ops.r1 + n) & 15;
    if constexpr (sizeof(T) == 8) {
      cpu.s.cr[r] = values[n];
    } else {
      cpu.s.cr[r] = (cpu.s.cr[r] & 0xffffffff00000000ull) | values[n];
    }
  }
  cpu.PswChanged();
}
void LCTLG(ExecContext& cpu, const Insn& i) { LoadControl<uint64_t>(cpu, i); }
void LCTL(ExecContext& cpu, const Insn& i) { LoadControl<uint32_t>(cpu, i); }

template <typename T>
void StoreControl(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & (sizeof(T) - 1)) SpecificationException();
  const int count = ((i.ops.r3 - i.ops.r1) & 15) + 1;
  cpu.CheckAccess(addr, count * sizeof(T), AccessType::kStore);
  for (int n = 0; n < count; ++n) {
    cpu.Store<T>(cpu.Wrap(addr + n * sizeof(T)), static_cast<T>(cpu.s.cr[(i.ops.r1 + n) & 15]));
  }
}
void STCTG(ExecContext& cpu, const Insn& i) { StoreControl<uint64_t>(cpu, i); }
void STCTL(ExecContext& cpu, const Insn& i) { StoreControl<uint32_t>(cpu, i); }

// SET PREFIX: bits 1-18 of the word operand; the new prefix area must exist (addressing exception).
void SPX(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 3) SpecificationException();
  const uint32_t prefix = cpu.Load<uint32_t>(addr) & 0x7fffe000;
  if (!cpu.memory().Contains(GuestAddress(prefix), 2 * kPageSize)) {
    RaiseProgramInterrupt(ProgramInterruptCode::kAddressing);
  }
  cpu.s.prefix = prefix;
  cpu.FlushTlb();
}
void STPX(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 3) SpecificationException();
  cpu.Store<uint32_t>(addr, cpu.s.prefix);
}

// STORE CPU ADDRESS.
void STAP(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 1) SpecificationException();
  cpu.Store<uint16_t>(addr, cpu.cpu_address());
}

// STORE CPU ID: version code (0: not a virtual CPU of a z/VM guest), CPU identification number (the CPU
// address in the low digits), machine type, format bit 48 = 1 (format-1 CPU ID).
void STIDP(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  const uint64_t id = (uint64_t{cpu.cpu_address()} << 32) | (uint64_t{cpu.model().machine_type()} << 16) | 0x8000;
  cpu.Store<uint64_t>(addr, id);
}

// STORE FACILITY LIST: the first word of the facility list to absolute 0xc8 of the prefix area.
void STFL(ExecContext& cpu, const Insn&) {
  RequireSupervisor(cpu);
  const uint32_t word = static_cast<uint32_t>(cpu.model().facility_words()[0] >> 32);
  (void)cpu.memory().Store<uint32_t>(GuestAddress(cpu.s.prefix + 0xc8), word);
}

// SET CLOCK: CC 0 (set). The machine's TOD clock moves for every CPU.
void SCK(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  const uint64_t tod = cpu.Load<uint64_t>(addr);
  cpu.tod_clock().Set(tod);
  cpu.SetCc(0);
}
void SCKC(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  cpu.s.clock_comparator = cpu.Load<uint64_t>(addr);
}
void STCKC(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  cpu.Store<uint64_t>(addr, cpu.s.clock_comparator);
}
void SPT(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  cpu.SetCpuTimer(static_cast<int64_t>(cpu.Load<uint64_t>(addr)));
}
void STPT(ExecContext& cpu, const Insn& i) {
  RequireSupervisor(cpu);
  const uint64_t addr = AddrB2(cpu, i);
  if (addr & 7) SpecificationException();
  cpu.Store<uint64_t>(addr, static_cast<uint64_t>(cpu.CpuTimer()));
}
// SET CLOCK PROGRAMMABLE FIELD: GR0 bits 48-63 (bits 32-47 must be zero).
void SCKPF(ExecContext& cpu, const Insn&) {
  RequireSupervisor(cpu);
  if (cpu.s.gr[0] & 0xffff0000ull) SpecificationException();
  cpu.s.tod_programmable = static_cast<uint32_t>(cpu.s.gr[0] & 0xffff);
}

// PURGE TLB.
void PTLB(ExecContext& cpu, const Insn&) {
  RequireSupervisor(cpu);
  cpu.FlushTlb();
}

}  // namespace

void RegisterControl(HandlerTable& table) {
  // Handlers that change the PSW beyond the next instruction address end their block.
  constexpr bool kEnds = true;
  table.Set<&SVC>(InsnId::kSVC, kEnds);
  table.Set<&IPM>(InsnId::kIPM);
  table.Set<&SPM>(InsnId::kSPM);
  table.Set<&SAM24>(InsnId::kSAM24, kEnds);
  table.Set<&SAM31>(InsnId::kSAM31, kEnds);
  table.Set<&SAM64>(InsnId::kSAM64, kEnds);
  table.Set<&TAM>(InsnId::kTAM);
  table.Set<&STFLE>(InsnId::kSTFLE);
  table.Set<&STCK>(InsnId::kSTCK);
  table.Set<&STCKF>(InsnId::kSTCKF);
  table.Set<&STCKE>(InsnId::kSTCKE);
  table.Set<&ECTG>(InsnId::kECTG);
  table.Set<&EPSW>(InsnId::kEPSW);
  table.Set<&MC>(InsnId::kMC);
  table.Set<&ECAG>(InsnId::kECAG);
  table.Set<&NoOperation>(InsnId::kPFD);
  table.Set<&NoOperation>(InsnId::kPFDRL);
  table.Set<&NoOperation>(InsnId::kNIAI);

  table.Set<&LPSWE>(InsnId::kLPSWE, kEnds);
  table.Set<&LPSW>(InsnId::kLPSW, kEnds);
  table.Set<&SSM>(InsnId::kSSM, kEnds);
  table.Set<&STNSM>(InsnId::kSTNSM, kEnds);
  table.Set<&STOSM>(InsnId::kSTOSM, kEnds);
  table.Set<&LCTLG>(InsnId::kLCTLG, kEnds);
  table.Set<&LCTL>(InsnId::kLCTL, kEnds);
  table.Set<&STCTG>(InsnId::kSTCTG);
  table.Set<&STCTL>(InsnId::kSTCTL);
  table.Set<&SPX>(InsnId::kSPX, kEnds);
  table.Set<&STPX>(InsnId::kSTPX);
  table.Set<&STAP>(InsnId::kSTAP);
  table.Set<&STIDP>(InsnId::kSTIDP);
  table.Set<&STFL>(InsnId::kSTFL);
  table.Set<&SCK>(InsnId::kSCK);
  table.Set<&SCKC>(InsnId::kSCKC, kEnds);
  table.Set<&STCKC>(InsnId::kSTCKC);
  table.Set<&SPT>(InsnId::kSPT, kEnds);
  table.Set<&STPT>(InsnId::kSTPT);
  table.Set<&SCKPF>(InsnId::kSCKPF);
  table.Set<&PTLB>(InsnId::kPTLB, kEnds);
}

}  // namespace s390vmm::interp
