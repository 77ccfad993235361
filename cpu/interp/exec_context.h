// File: cpu/interp/exec_context.h
//
// What an instruction handler of the interpreter sees: the architected state, the current instruction's
// address, and guest storage through the software TLB. One ExecContext per vCPU; handlers are plain
// functions `void Exec(ExecContext&, const Insn&)` grouped by instruction family (fixed_point.cc, ...).
//
// Guest faults: a handler (or a storage accessor it calls) that detects a program-interruption condition
// calls RaiseProgramInterrupt(), which unwinds the current instruction with a C++ exception caught by the
// run loop (interpreter.cc). The exception never leaves cpu/interp. Handlers therefore fetch every operand
// before changing any register or storage, so that a fault leaves the instruction suppressed/nullified as
// the architecture requires.
//
// Storage access: Load<T>/Store<T> take a logical address (already wrapped to the addressing mode) and
// translate it through the TLB of the current address space (real, primary, secondary or home). A hit is a
// tag compare and a host load; a miss runs DAT, prefixing and the protection checks once per page.
#ifndef S390VMM_CPU_INTERP_EXEC_CONTEXT_H_
#define S390VMM_CPU_INTERP_EXEC_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <cstring>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "base/big_endian.h"
#include "cpu/cpu_model.h"
#include "cpu/cpu_state.h"
#include "cpu/interp/dat.h"
#include "cpu/interp/insn.h"
#include "cpu/program_interrupt.h"
#include "cpu/tod_clock.h"
#include "cpu/vcpu.h"
#include "memory/guest_memory.h"

namespace s390vmm::interp {

// Thrown by RaiseProgramInterrupt; caught only by the run loop.
struct ProgramException {
  ProgramInterruptCode code;
  uint64_t teid = 0;           // translation-exception identification for access exceptions
  uint8_t dxc = 0;             // data- or vector-exception code: lowcore 0x93 and the FPC
  uint16_t monitor_class = 0;  // monitor event: lowcore 0x94
  uint64_t monitor_code = 0;   // monitor event: lowcore 0xb0
};

[[noreturn]] ABSL_ATTRIBUTE_NOINLINE void RaiseProgramInterrupt(ProgramInterruptCode code, uint64_t teid = 0);
// A data exception with its data-exception code (PoP "Data-Exception Code"), e.g. 0x00 decimal operand,
// 0xff compare-and-trap, 0x80 IEEE invalid operation.
[[noreturn]] ABSL_ATTRIBUTE_NOINLINE void RaiseDataException(uint8_t dxc);
// A vector-processing exception (PoP "Vector-Processing Exception"): the vector-exception code (element
// index << 4 | vector interruption code) goes where a data exception's DXC goes (lowcore 0x93, FPC byte 2).
[[noreturn]] ABSL_ATTRIBUTE_NOINLINE void RaiseVectorProcessingException(uint8_t vxc);
// A monitor event for MONITOR CALL.
[[noreturn]] ABSL_ATTRIBUTE_NOINLINE void RaiseMonitorEvent(uint16_t monitor_class, uint64_t monitor_code);

// Thrown by SUPERVISOR CALL; the run loop turns it into the SVC interruption (or an exit in user mode).
struct SupervisorCallException {
  uint8_t number;
};

enum class AccessType : uint8_t { kFetch, kStore, kInstruction };

// The four translation contexts a CPU switches between by PSW bits alone, each with its own TLB.
enum class AddressSpace : uint8_t { kReal = 0, kPrimary = 1, kSecondary = 2, kHome = 3 };
inline constexpr int kAddressSpaceCount = 4;

struct TlbEntry {
  static constexpr uint64_t kInvalid = 1;  // never equal to a page-aligned address
  uint64_t read_tag = kInvalid;    // logical page address if reads may use `addend`
  uint64_t write_tag = kInvalid;   // logical page address if writes may use `addend`
  uintptr_t addend = 0;            // host address = logical address + addend
  uint64_t frame = 0;              // GuestMemory frame index of the page
  uint64_t abs_page = 0;           // absolute address of the page
  // The frame's shared "holds decoded code" flag (GuestMemory::code_frame_flag): a fast store needs it
  // clear, because another CPU may have decoded code from the frame after this entry was filled.
  const std::atomic<uint8_t>* code_flag = &kNoCode;
  static const std::atomic<uint8_t> kNoCode;
};

class Tlb {
 public:
  static constexpr int kEntries = 1024;
  static constexpr int Index(uint64_t addr) { return (addr >> kPageShift) & (kEntries - 1); }
  TlbEntry& at(uint64_t addr) { return entries_[Index(addr)]; }
  void Flush() {
    for (TlbEntry& e : entries_) e = TlbEntry();
  }
 private:
  TlbEntry entries_[kEntries];
};

class ExecContext {
 public:
  ExecContext(GuestMemory& memory, const CpuModel& model, TodClock& tod_clock, uint16_t cpu_address);

  // --- Architected state ------------------------------------------------------------------------------
  CpuState s;
  // Address of the instruction being executed (relative branches and EX targets count from here) and of
  // the one to execute next. A handler branches by setting next_ia (use Branch()).
  uint64_t ia = 0;
  uint64_t next_ia = 0;

  GuestMemory& memory() { return memory_; }
  const CpuModel& model() const { return model_; }
  TodClock& tod_clock() { return tod_clock_; }
  const TodClock& tod_clock() const { return tod_clock_; }
  uint16_t cpu_address() const { return cpu_address_; }
  // The CPU timer decrements with the TOD clock (PoP "CPU Timer"): its value now, and SET CPU TIMER.
  int64_t CpuTimer() const {
    return s.cpu_timer - static_cast<int64_t>(tod_clock_.Now() - cpu_timer_set_tod_);
  }
  void SetCpuTimer(int64_t value) {
    s.cpu_timer = value;
    cpu_timer_set_tod_ = tod_clock_.Now();
  }
  // The TOD clock as this CPU stores it: strictly increasing from one store to the next, as STCK's
  // uniqueness rule requires.
  uint64_t UniqueTod() {
    uint64_t now = tod_clock_.Now();
    if (now <= last_tod_) now = last_tod_ + 1;
    last_tod_ = now;
    return now;
  }

  uint64_t AddressMask() const { return address_mask_; }
  uint64_t Wrap(uint64_t addr) const { return addr & address_mask_; }
  void Branch(uint64_t target) { next_ia = target & address_mask_; }
  void SetCc(uint8_t cc) { s.psw.set_cc(cc); }
  uint8_t cc() const { return s.psw.cc(); }

  // Effective address of a base-index-displacement operand (register 0 means "none").
  uint64_t Address(uint8_t base, uint8_t index, int64_t disp) const {
    uint64_t a = static_cast<uint64_t>(disp);
    if (base) a += s.gr[base];
    if (index) a += s.gr[index];
    return a & address_mask_;
  }

  // Must be called after anything that changes the PSW's DAT, address-space, key or addressing-mode
  // bits, or the ASCEs in CR1/CR7/CR13 (LPSW(E), SSM, STOSM/STNSM, SAC(F), SPKA, SAM*, LCTL(G),
  // interrupts). Cheap when nothing relevant changed.
  void PswChanged();
  // The space operands are accessed in: kReal with DAT off, else per the PSW's address-space control.
  AddressSpace CurrentSpace() const;
  // The ASCE of a translated space (not kReal): CR1 primary, CR7 secondary, CR13 home.
  uint64_t Asce(AddressSpace space) const {
    return s.cr[space == AddressSpace::kPrimary ? 1 : space == AddressSpace::kSecondary ? 7 : 13];
  }
  // DAT of `addr` in a translated space with this CPU's EDAT-1 state and prefixing, without raising the
  // translation exception (LRA and TPROT report it; Resolve raises it).
  DatResult TranslateIn(AddressSpace space, uint64_t addr) const;

  // Flushes all TLBs of this CPU (PTLB, SPX, PSW and control-register changes, ...).
  void FlushTlb();
  // Flushes the TLBs of every CPU of the configuration (IPTE, IDTE, CSP(G) with purge, SSKE): this one
  // now, the others before their next block (SyncTlbPurges).
  void PurgeAllTlbs() {
    memory_.BroadcastTlbPurge();
    FlushTlb();
    seen_purge_generation_ = memory_.tlb_purge_generation();
  }
  // Called by the run loop before each block: applies purges other CPUs broadcast.
  void SyncTlbPurges() {
    const uint64_t g = memory_.tlb_purge_generation();
    if (ABSL_PREDICT_FALSE(g != seen_purge_generation_)) {
      seen_purge_generation_ = g;
      FlushTlb();
    }
  }

  // --- Storage ----------------------------------------------------------------------------------------
  template <typename T>
  T Load(uint64_t addr) {
    TlbEntry& e = tlb_->at(addr);
    if (ABSL_PREDICT_TRUE(e.read_tag == (addr & ~(kPageSize - 1)) && (addr & (kPageSize - 1)) <= kPageSize - sizeof(T))) {
      return LoadBigEndian<T>(reinterpret_cast<const void*>(addr + e.addend));
    }
    return LoadSlow<T>(addr);
  }
  template <typename T>
  void Store(uint64_t addr, T value) {
    TlbEntry& e = tlb_->at(addr);
    if (ABSL_PREDICT_TRUE(e.write_tag == (addr & ~(kPageSize - 1)) && (addr & (kPageSize - 1)) <= kPageSize - sizeof(T) &&
                          !e.code_flag->load(std::memory_order_relaxed))) {
      StoreBigEndian<T>(reinterpret_cast<void*>(addr + e.addend), value);
      return;
    }
    StoreSlow<T>(addr, value);
  }

  // Host pointer to `len` bytes at `addr` (1 <= len, not crossing a page) for the given access, after all
  // checks; raises the access exception otherwise. Storage-to-storage instructions work page by page
  // with it.
  uint8_t* Access(uint64_t addr, uint64_t len, AccessType type);
  // Checks that a whole operand [addr, addr+len) is accessible (for instructions that must not change
  // anything unless every byte is), raising the first access exception in address order.
  void CheckAccess(uint64_t addr, uint64_t len, AccessType type);
  // Byte-wise copy/compare helpers with correct page splitting and wraparound.
  void ReadBytes(uint64_t addr, uint8_t* out, uint64_t len);
  void WriteBytes(uint64_t addr, const uint8_t* in, uint64_t len);

  // Translates a logical address in the current address space to an absolute one, with the checks of
  // `type`. Raises the access exception on failure.
  uint64_t TranslateToAbsolute(uint64_t addr, AccessType type);
  // Real -> absolute (prefixing).
  uint64_t RealToAbsolute(uint64_t real) const {
    uint64_t p = s.prefix;
    if (real < 2 * kPageSize) return real + p;
    if ((real & ~uint64_t{2 * kPageSize - 1}) == p) return real - p;
    return real;
  }

  // Instruction fetch: the host address of the page holding the halfword at `addr` (instruction access
  // checks), its frame and absolute address, for the decoder. Raises the access exception.
  const uint8_t* FetchPage(uint64_t addr, uint64_t* frame, uint64_t* abs_page);
  uint8_t FetchByte(uint64_t addr) { return *Access(addr, 1, AccessType::kInstruction); }
  // Instruction bytes that may cross a page boundary (EX targets, crossing instructions).
  void FetchBytes(uint64_t addr, uint8_t* out, uint64_t len);

  // Changes whenever a translation may have changed or the address space switched: caches of
  // logical-address lookups (the jump cache) compare it.
  uint64_t tlb_epoch() const { return epoch_; }
  void BumpTlbEpoch() {
    ++tlb_epoch_;
    UpdateEpoch();
  }

  // Called before decoded code is built from `frame`: from then on every CPU's stores into it take the
  // slow path, which bumps the frame's write generation.
  void MarkCodeFrame(uint64_t frame) { memory_.MarkCodeFrame(frame); }

  // --- Statistics ---------------------------------------------------------------------------------------
  uint64_t insn_count = 0;
  // Executions of instructions that are in the isa table but have no handler (or are not in it: kInvalid).
  void CountUnimplemented(isa::InsnId id) { ++unimplemented_[static_cast<int>(id)]; }
  uint64_t unimplemented_count(isa::InsnId id) const { return unimplemented_[static_cast<int>(id)]; }

  // --- Exits ------------------------------------------------------------------------------------------
  // Set by a handler (always one registered with ends_block) that needs the machine: the run loop
  // returns it from Vcpu::Run().
  bool exit_requested = false;
  Exit exit;

  // --- EXECUTE ----------------------------------------------------------------------------------------
  // While EX/EXRL runs its target: the address and length of the EXECUTE instruction, which the PSW and
  // the ILC of any interruption refer to.
  bool in_execute = false;
  uint64_t execute_ia = 0;
  uint8_t execute_length = 0;

 private:
  // Out of line: their byte buffers would otherwise give every handler that inlines Load/Store a stack
  // frame and a stack-protector check on its fast path.
  template <typename T>
  ABSL_ATTRIBUTE_NOINLINE T LoadSlow(uint64_t addr);
  template <typename T>
  ABSL_ATTRIBUTE_NOINLINE void StoreSlow(uint64_t addr, T value);
  // The outcome of translating and checking one access.
  struct Resolved {
    uint64_t abs = 0;
    uint64_t frame = 0;
    uint8_t* host_page = nullptr;
    bool may_read = true;
    bool may_write = true;
    bool lap_page = false;  // page 0 or 1 under low-address protection
    bool read_uncached = false;  // the read was permitted for this address only (fetch-protection override)
  };
  // DAT, prefixing, addressing and protection checks for `type` at `addr`; raises the access exception.
  Resolved Resolve(uint64_t addr, AccessType type);
  // Fills the TLB entry for the page of `addr` for `type`; returns it.
  TlbEntry& Fill(uint64_t addr, AccessType type);
  // The space instructions are fetched from: the current one, but primary in the secondary-space mode.
  AddressSpace InstructionSpace() const;

  GuestMemory& memory_;
  const CpuModel& model_;
  TodClock& tod_clock_;
  const uint16_t cpu_address_;
  uint64_t last_tod_ = 0;
  uint64_t cpu_timer_set_tod_ = 0;
  Tlb tlbs_[kAddressSpaceCount];
  Tlb* tlb_ = &tlbs_[0];        // operand accesses: the current address space
  Tlb* fetch_tlb_ = &tlbs_[0];  // instruction fetches: InstructionSpace()
  uint64_t address_mask_ = 0xffffff;
  // PSW bits the TLB contents depend on; a change of key flushes, a change of space switches TLBs.
  uint64_t tlb_psw_bits_ = 0;
  uint64_t tlb_asces_[kAddressSpaceCount] = {};
  uint64_t tlb_epoch_ = 0;
  uint64_t epoch_ = 0;  // tlb_epoch_ << 2 | current address space: what tlb_epoch() returns
  void UpdateEpoch() { epoch_ = tlb_epoch_ << 2 | static_cast<uint64_t>(CurrentSpace()); }
  std::unique_ptr<uint64_t[]> unimplemented_;
  uint64_t seen_purge_generation_ = 0;
};

template <typename T>
T ExecContext::LoadSlow(uint64_t addr) {
  uint8_t bytes[sizeof(T)];
  ReadBytes(addr, bytes, sizeof(T));
  return LoadBigEndian<T>(bytes);
}

template <typename T>
void ExecContext::StoreSlow(uint64_t addr, T value) {
  uint8_t bytes[sizeof(T)];
  StoreBigEndian<T>(bytes, value);
  WriteBytes(addr, bytes, sizeof(T));
}

// --- Threaded dispatch (see ThreadFn in insn.h) -----------------------------------------------------------
// Runs `insn` with `exec` and, if it fell through, moves cpu.ia/next_ia to the next Insn of the block and
// tail-calls its threaded handler. The compiler turns the final call into a jump (a sibling call), so a
// block runs in constant stack; even without that, blocks hold at most DecodeCache::kMaxBlockInsns.
template <typename Exec>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline const Insn* ThreadNext(ExecContext& cpu, const Insn& insn, Exec exec) {
  const uint64_t next = cpu.next_ia;
  exec(cpu, insn);
  if (ABSL_PREDICT_FALSE(cpu.next_ia != next)) return &insn;
  const Insn* following = &insn + 1;
  const uint64_t after = next + following->length;
  cpu.ia = next;
  // Two separate 8-byte stores: GCC would merge them into one 16-byte store, and the next handler's
  // 8-byte load of next_ia cannot be forwarded from the upper half of that store (a stall of ~15 cycles
  // per guest instruction on x86).
  asm volatile("" ::: "memory");
  cpu.next_ia = after;
  return following->thread(cpu, *following);
}

template <ExecFn F>
const Insn* Threaded(ExecContext& cpu, const Insn& insn) {
  return ThreadNext(cpu, insn, [](ExecContext& c, const Insn& i) { F(c, i); });
}

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_EXEC_CONTEXT_H_
