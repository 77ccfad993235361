// Instruction family: the remaining general instructions — PERFORM LOCKED OPERATION (PLO), UPDATE TREE
// (UPT), COMPARE AND FORM CODEWORD (CFC) and COPY ACCESS (CPYA). COMPRESSION CALL is in compression.cc.
//
// PLO runs its function under a lock chosen by the program-lock token in general register 1, so all PLO
// executions of the configuration (every vCPU thread, every interpreter in the process) that name the
// same token are serialized: a small striped array of host mutexes indexed by a hash of the token. Two
// tokens may share a stripe (more serialization than needed, never less). As the PoP says, PLO is
// interlocked only against other PLOs: the storage operands are plain accesses, not host atomics.
//
// Facts: z/Architecture Principles of Operation SA22-7832 (PLO's function-code table and parameter list,
// UPT, CFC, CPYA); the Hercules implementation (plo.c, general1.c, general2.c) read for the same facts.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using storage::Amode64;

// ---- PERFORM LOCKED OPERATION ------------------------------------------------------------------------------
// GR0 bits 56-63: function code (FC); bit 55: test bit (T); bits 32-54 must be zero. GR1: the program-lock
// token (PLT). The function codes come in groups of four by operand size and where the operands live:
//   FC % 4 == 0  32-bit operands, first (and third) operand in registers (bits 32-63)
//   FC % 4 == 1  64-bit operands in the parameter list ("G")
//   FC % 4 == 2  64-bit operands in registers ("GR")
//   FC % 4 == 3  128-bit operands in the parameter list ("X")
// and FC / 4 selects the function: 0 compare and load (CL), 1 compare and swap (CS), 2 double compare and
// swap (DCS), 3 compare and swap and store (CSST), 4 ... and double store (CSDST), 5 ... and triple store
// (CSTST). With T = 1 nothing is done but CC 0 (function installed) or CC 3 (not installed).
//
// The parameter list (fourth-operand address for the G/X functions and for CSDST/CSTST) is made of
// 16-byte slots; a 64-bit value is in the right half of its slot, a 32-bit value in the rightmost word:
//   slot 0 (+0)  op1 comparison value     slot 1 (+16) op1 replacement value
//   slot 2 (+32) op3 (CL) / op3 comparison value (DCS)
//   slot 3 (+48) op3 replacement value (DCS) / op3 (the value stored at op4 by CSST...)
//   +68 ALET and +72 address of op4   slot 5 (+80) op5   +100 ALET, +104 address of op6
//   slot 7 (+112) op7   +132 ALET, +136 address of op8
// (the ALETs are used in the access-register mode only, which this CPU does not run.)

enum class PloFunction : uint8_t {
  kCompareAndLoad = 0,
  kCompareAndSwap = 1,
  kDoubleCompareAndSwap = 2,
  kCompareAndSwapAndStore = 3,
  kCompareAndSwapAndDoubleStore = 4,
  kCompareAndSwapAndTripleStore = 5,
};
inline constexpr uint32_t kPloFunctionCodes = 24;
inline constexpr uint32_t kPloTestBit = 0x100;           // GR0 bit 55
inline constexpr uint32_t kPloReservedBits = 0xfffffe00;  // GR0 bits 32-54

// An operand of 4, 8 or 16 bytes in guest (big-endian) byte order.
struct PloValue {
  uint8_t b[16];
};

// The lock of a program-lock token: one of a fixed set shared by every CPU of the process.
std::mutex& PloLock(uint64_t token) {
  static std::mutex locks[64];
  return locks[(token * 0x9e3779b97f4a7c15ull) >> 58];
}

class PloOperation {
 public:
  PloOperation(ExecContext& cpu, const Insn& i, uint32_t fc)
      : cpu_(cpu),
        r1_(i.ops.r1),
        r3_(i.ops.r3),
        function_(static_cast<PloFunction>(fc / 4)),
        width_(fc % 4 == 0 ? 4 : fc % 4 == 3 ? 16 : 8),
        in_registers_(fc % 4 == 0 || fc % 4 == 2),
        a2_(AddrB2(cpu, i)),
        a4_(cpu.Address(i.ops.b4, 0, i.ops.d4)) {}

  // Specification checks that need no storage access: register pairs and operand alignment.
  void CheckSpecification() const {
    if (in_registers_) {
      if (function_ != PloFunction::kCompareAndLoad) RequireEven(r1_);
      if (function_ == PloFunction::kDoubleCompareAndSwap) RequireEven(r3_);
    }
    if (a2_ & (width_ - 1)) SpecificationException();
    // The fourth operand (CL, DCS, CSST in registers) has the operand size; a parameter list is aligned
    // to a word (32-bit functions) or a doubleword.
    if (a4_ & (std::min(width_, 8u) - 1)) SpecificationException();
  }

  // Performs the function (under the lock); returns the condition code.
  uint8_t Run() {
    const PloValue op2 = Fetch(a2_);
    const PloValue op1c = in_registers_ ? FromRegister(r1_) : Fetch(Slot(0));
    if (!Equal(op1c, op2)) {
      // CC 1: the second operand replaces the first-operand comparison value.
      if (in_registers_) {
        ToRegister(r1_, op2);
      } else {
        StoreChecked(Slot(0), op2);
      }
      return 1;
    }
    switch (function_) {
      case PloFunction::kCompareAndLoad: {
        // CC 0: the fourth operand replaces the third.
        const PloValue op4 = Fetch(in_registers_ ? a4_ : OperandAddress(72));
        if (in_registers_) {
          ToRegister(r3_, op4);
        } else {
          StoreChecked(Slot(2), op4);
        }
        return 0;
      }
      case PloFunction::kCompareAndSwap:
        StoreChecked(a2_, Op1Replacement());
        return 0;
      case PloFunction::kDoubleCompareAndSwap: {
        const uint64_t a4 = in_registers_ ? a4_ : OperandAddress(72);
        const PloValue op3c = in_registers_ ? FromRegister(r3_) : Fetch(Slot(2));
        const PloValue op4 = Fetch(a4);
        if (!Equal(op3c, op4)) {
          // CC 2: the fourth operand replaces the third-operand comparison value.
          if (in_registers_) {
            ToRegister(r3_, op4);
          } else {
            StoreChecked(Slot(2), op4);
          }
          return 2;
        }
        const PloValue op3r = in_registers_ ? FromRegister(r3_ + 1) : Fetch(Slot(3));
        const PloValue op1r = Op1Replacement();
        CheckStore(a4);
        CheckStore(a2_);
        Store(a4, op3r);
        Store(a2_, op1r);
        return 0;
      }
      case PloFunction::kCompareAndSwapAndStore:
      case PloFunction::kCompareAndSwapAndDoubleStore:
      case PloFunction::kCompareAndSwapAndTripleStore: {
        // Up to three values stored at the addresses the parameter list designates (CSST in registers:
        // R3 stored at the fourth-operand address), then the swap.
        const int stores = static_cast<int>(function_) - static_cast<int>(PloFunction::kCompareAndSwapAndStore) + 1;
        const PloValue op1r = Op1Replacement();
        uint64_t addr[3];
        PloValue value[3];
        for (int k = 0; k < stores; ++k) {
          if (in_registers_ && function_ == PloFunction::kCompareAndSwapAndStore) {
            addr[k] = a4_;
            value[k] = FromRegister(r3_);
          } else {
            value[k] = Fetch(Slot(3 + 2 * k));           // op3, op5, op7
            addr[k] = OperandAddress(72 + 32 * k);      // op4, op6, op8
          }
        }
        for (int k = 0; k < stores; ++k) CheckStore(addr[k]);
        CheckStore(a2_);
        for (int k = 0; k < stores; ++k) Store(addr[k], value[k]);
        Store(a2_, op1r);
        return 0;
      }
    }
    return 0;
  }

 private:
  bool Equal(const PloValue& a, const PloValue& b) const { return std::memcmp(a.b, b.b, width_) == 0; }

  PloValue Fetch(uint64_t addr) {
    PloValue v;
    cpu_.ReadBytes(addr, v.b, width_);
    return v;
  }
  void CheckStore(uint64_t addr) { cpu_.CheckAccess(addr, width_, AccessType::kStore); }
  void Store(uint64_t addr, const PloValue& v) { cpu_.WriteBytes(addr, v.b, width_); }
  // A single store that nothing else depends on: checked whole first (a 16-byte slot may cross a page).
  void StoreChecked(uint64_t addr, const PloValue& v) {
    CheckStore(addr);
    Store(addr, v);
  }

  PloValue FromRegister(int r) const {
    PloValue v;
    if (width_ == 4) {
      StoreBigEndian<uint32_t>(v.b, cpu_.s.gr_low(r));
    } else {
      StoreBigEndian<uint64_t>(v.b, cpu_.s.gr[r]);
    }
    return v;
  }
  void ToRegister(int r, const PloValue& v) {
    if (width_ == 4) {
      cpu_.s.set_gr_low(r, LoadBigEndian<uint32_t>(v.b));
    } else {
      cpu_.s.gr[r] = LoadBigEndian<uint64_t>(v.b);
    }
  }

  // The value of `slot` of the parameter list: right-aligned in its 16 bytes.
  uint64_t Slot(int slot) const { return cpu_.Wrap(a4_ + 16 * slot + (16 - width_)); }
  // An operand address from the parameter list (a doubleword at `offset`), wrapped to the addressing
  // mode and aligned to the operand size.
  uint64_t OperandAddress(int offset) {
    const uint64_t addr = cpu_.Wrap(cpu_.Load<uint64_t>(cpu_.Wrap(a4_ + offset)));
    if (addr & (width_ - 1)) SpecificationException();
    return addr;
  }
  PloValue Op1Replacement() { return in_registers_ ? FromRegister(r1_ + 1) : Fetch(Slot(1)); }

  ExecContext& cpu_;
  const int r1_;
  const int r3_;
  const PloFunction function_;
  const uint32_t width_;
  const bool in_registers_;
  const uint64_t a2_;
  const uint64_t a4_;
};

void ExecPLO(ExecContext& cpu, const Insn& i) {
  const uint32_t gr0 = cpu.s.gr_low(0);
  if (gr0 & kPloReservedBits) SpecificationException();
  const uint32_t fc = gr0 & 0xff;
  if (gr0 & kPloTestBit) {
    cpu.SetCc(fc < kPloFunctionCodes ? 0 : 3);
    return;
  }
  if (fc >= kPloFunctionCodes) SpecificationException();
  PloOperation op(cpu, i, fc);
  op.CheckSpecification();
  uint8_t cc;
  {
    std::lock_guard<std::mutex> lock(PloLock(cpu.Wrap(cpu.s.gr[1])));
    cc = op.Run();
  }
  cpu.SetCc(cc);
}

// ---- UPDATE TREE -------------------------------------------------------------------------------------------
// A tree of nodes (codeword, other data), each 8 bytes (two words) in the 24/31-bit modes and 16 bytes
// (two doublewords) in the 64-bit mode, starting after the node GR4 designates; GR5 is the index (byte
// displacement) of the current node. GR0/GR1 hold a codeword and its data. Walking towards the root
// (index := index / 2, rounded to a node, which GR5 follows), every node whose codeword is higher than
// GR0 is swapped with GR0/GR1. The walk ends with CC 1 at the root (index 0), CC 3 when GR0's codeword
// is negative (leftmost bit one; tested after halving the index, before fetching the node), or CC 0 at a node whose codeword equals GR0's, whose contents go to GR2/GR3. Codewords are
// compared as unsigned integers. Registers hold 32-bit values (bits 32-63) outside the 64-bit mode.

void ExecUPT(ExecContext& cpu, const Insn&) {
  const bool a64 = Amode64(cpu);
  const uint64_t node_size = a64 ? 16 : 8;
  const uint64_t value_mask = a64 ? ~uint64_t{0} : 0xffffffffu;
  const uint64_t high_bit = a64 ? uint64_t{1} << 63 : uint64_t{1} << 31;
  auto get = [&](int r) { return cpu.s.gr[r] & value_mask; };
  auto set = [&](int r, uint64_t v) {
    if (a64) {
      cpu.s.gr[r] = v;
    } else {
      cpu.s.set_gr_low(r, static_cast<uint32_t>(v));
    }
  };
  if ((get(4) | get(5)) & (node_size - 1)) SpecificationException();
  auto load = [&](uint64_t addr) -> uint64_t {
    return a64 ? cpu.Load<uint64_t>(addr) : cpu.Load<uint32_t>(addr);
  };
  auto store = [&](uint64_t addr, uint64_t v) {
    if (a64) {
      cpu.Store<uint64_t>(addr, v);
    } else {
      cpu.Store<uint32_t>(addr, static_cast<uint32_t>(v));
    }
  };
  // Each step is a unit of operation: its node is fetched (and, for a swap, checked for store) before
  // any register or the node changes, so an access exception leaves the completed steps done and the
  // instruction resumes at the current node when executed again.
  for (;;) {
    const uint64_t index = (get(5) >> 1) & ~(node_size - 1);
    if (index == 0) {
      set(5, 0);
      cpu.SetCc(1);
      return;
    }
    if (get(0) & high_bit) {
      set(5, index);
      cpu.SetCc(3);
      return;
    }
    const uint64_t node = cpu.Wrap(get(4) + index);
    const uint64_t data_addr = cpu.Wrap(node + node_size / 2);
    const uint64_t code = load(node);
    const uint64_t data = load(data_addr);
    if (code == get(0)) {
      set(5, index);
      set(2, code);
      set(3, data);
      cpu.SetCc(0);
      return;
    }
    if (code > get(0)) {
      cpu.CheckAccess(node, node_size / 2, AccessType::kStore);
      cpu.CheckAccess(data_addr, node_size / 2, AccessType::kStore);
      store(node, get(0));
      store(data_addr, get(1));
      set(0, code);
      set(1, data);
    }
    set(5, index);
  }
}

// ---- COMPARE AND FORM CODEWORD -----------------------------------------------------------------------------
// Compares the first and third operands (at GR1 + index and GR3 + index) in units of 2 bytes (6 bytes in
// the 64-bit mode), the index in GR2 bits 48-63 counting up until it exceeds the second-operand address
// bits 49-62 (the limit); bit 63 of the second-operand address selects descending order. GR1, GR2, GR3
// must be even. Equal to the end: CC 0, GR2 := GR3 with its leftmost bit (bit 32, or bit 0) set. First
// difference: a codeword in GR2 — the index past the unequal units followed by the unit of the operand
// that sorts high inverted (ascending) or the unit of the operand that sorts low (descending) — with CC 1
// when the operands are in sequence or CC 2, GR1 and GR3 swapped, when they are not.

void ExecCFC(ExecContext& cpu, const Insn& i) {
  const bool a64 = Amode64(cpu);
  const uint32_t unit = a64 ? 6 : 2;
  const uint64_t a2 = AddrB2(cpu, i);
  if ((cpu.s.gr[1] | cpu.s.gr[2] | cpu.s.gr[3]) & 1) SpecificationException();
  const uint64_t limit = a2 & 0x7ffe;
  const bool descending = a2 & 1;
  auto set = [&](int r, uint64_t v) {
    if (a64) {
      cpu.s.gr[r] = v;
    } else {
      cpu.s.set_gr_low(r, static_cast<uint32_t>(v));
    }
  };
  uint8_t op1[6];
  uint8_t op3[6];
  int diff;
  uint64_t index = cpu.s.gr[2] & 0xffff;
  // The index only grows by units and stops past a 15-bit limit: at most 16K units, run to completion.
  for (;;) {
    if (index > limit) {
      set(2, (cpu.s.gr[3] & (a64 ? ~uint64_t{0} : 0xffffffffu)) | (a64 ? uint64_t{1} << 63 : uint64_t{1} << 31));
      cpu.SetCc(0);
      return;
    }
    cpu.ReadBytes(cpu.Wrap(cpu.s.gr[1] + index), op1, unit);
    cpu.ReadBytes(cpu.Wrap(cpu.s.gr[3] + index), op3, unit);
    index += unit;
    // GR2 bits 48-63 follow the index, so an access exception on the next units resumes here.
    cpu.s.gr[2] = (cpu.s.gr[2] & ~uint64_t{0xffff}) | (index & 0xffff);
    diff = std::memcmp(op1, op3, unit);
    if (diff != 0) break;
  }
  const bool op1_low = diff < 0;
  const uint8_t* high = op1_low ? op3 : op1;
  const uint8_t* low = op1_low ? op1 : op3;
  uint64_t word = 0;
  for (uint32_t k = 0; k < unit; ++k) {
    word = word << 8 | static_cast<uint8_t>(descending ? low[k] : ~high[k]);
  }
  const bool in_sequence = op1_low != descending;
  if (!in_sequence) {
    const uint64_t gr1 = cpu.s.gr[1];
    set(1, cpu.s.gr[3]);
    set(3, gr1);
  }
  set(2, (cpu.s.gr[2] << (8 * unit)) | word);
  cpu.SetCc(in_sequence ? 1 : 2);
}

// ---- COPY ACCESS -------------------------------------------------------------------------------------------

void ExecCPYA(ExecContext& cpu, const Insn& i) { cpu.s.ar[i.ops.r1] = cpu.s.ar[i.ops.r2]; }

}  // namespace

void RegisterCompression(HandlerTable& table);  // compression.cc

void RegisterGeneralMisc(HandlerTable& table) {
  table.Set<&ExecPLO>(InsnId::kPLO);
  table.Set<&ExecUPT>(InsnId::kUPT);
  table.Set<&ExecCFC>(InsnId::kCFC);
  table.Set<&ExecCPYA>(InsnId::kCPYA);
  RegisterCompression(table);
}

}  // namespace s390vmm::interp
