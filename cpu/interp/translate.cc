// Instruction family (string, continued): translations with operands in registers: TRE, TROO, TROT,
// TRTO, TRTT, TRTE, TRTRE. Like the other long string instructions they stop after a CPU-determined
// amount with CC 3, and an access exception leaves the registers at the point of interruption.
#include <cstring>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using storage::GetLength;
using storage::kCpuDeterminedBytes;
using storage::PageRemainder;
using storage::SetAddress;
using storage::SetLength;
using storage::WithProgress;

// STFLE bits that change the behaviour of these instructions (not their availability).
constexpr int kFacilityEtf2Enhancement = 24;

// TRE R1,R2: translates the first operand (R1, length in R1+1) in place through the 256-byte table at
// R2, stopping at the test byte (bits 56-63 of GR0): CC 1 with R1 designating it. CC 0 when the operand
// is done, CC 3 after a CPU-determined amount. Access exceptions may be recognized for the whole table.
void ExecTre(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  RequireEven(r1);
  const uint8_t test = static_cast<uint8_t>(cpu.s.gr[0]);
  uint64_t addr = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t len = GetLength(cpu, r1 + 1);
  auto commit = [&] {
    SetAddress(cpu, r1, addr);
    SetLength(cpu, r1 + 1, len);
  };
  if (len == 0) {
    commit();
    cpu.SetCc(0);
    return;
  }
  uint8_t table[256];
  cpu.ReadBytes(cpu.Wrap(cpu.s.gr[insn.ops.r2]), table, sizeof(table));
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t budget = kCpuDeterminedBytes; len > 0; ) {
          if (budget == 0) return 3;
          const uint64_t n = std::min({len, PageRemainder(addr), budget});
          cpu.Access(addr, n, AccessType::kFetch);
          uint8_t* p = cpu.Access(addr, n, AccessType::kStore);
          for (uint64_t i = 0; i < n; ++i) {
            if (p[i] == test) {
              addr = cpu.Wrap(addr + i);
              len -= i;
              return 1;
            }
            p[i] = table[p[i]];
          }
          addr = cpu.Wrap(addr + n);
          len -= n;
          budget -= n;
        }
        return 0;
      },
      commit);
  commit();
  cpu.SetCc(cc);
}

// TROO/TROT/TRTO/TRTT R1,R2,M3: each source character (one byte for TRO*, two bytes for TRT*) at R2
// indexes the table at GR1 (doubleword aligned; 4K aligned for two-byte arguments without the
// ETF2-enhancement facility) whose entry (one byte for T*O, two for T*T) is stored at R1. The length in
// R1+1 counts second-operand bytes and must be a multiple of the argument size. An entry equal to the
// test character in GR0 ends the operation with CC 1 (not stored); with ETF2-enhancement, M3 bit 3 turns
// the test off.
template <typename Arg, typename Fn>
void TranslateTwo(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  RequireEven(r1);
  uint64_t len = GetLength(cpu, r1 + 1);
  if (len % sizeof(Arg)) SpecificationException();
  const bool etf2_enhancement = cpu.model().HasBit(kFacilityEtf2Enhancement);
  const uint64_t table_mask = (sizeof(Arg) == 2 && !etf2_enhancement) ? ~uint64_t{0xfff} : ~uint64_t{7};
  const uint64_t table = cpu.Wrap(cpu.s.gr[1]) & table_mask;
  const bool test_enabled = !(etf2_enhancement && (insn.ops.m3 & 1));
  const Fn test = static_cast<Fn>(cpu.s.gr[0]);
  uint64_t dst = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t src = cpu.Wrap(cpu.s.gr[r2]);
  auto commit = [&] {
    SetAddress(cpu, r1, dst);
    SetLength(cpu, r1 + 1, len);
    SetAddress(cpu, r2, src);
  };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t done = 0; len > 0; done += sizeof(Arg)) {
          if (done >= kCpuDeterminedBytes) return 3;
          const Arg arg = cpu.Load<Arg>(src);
          const Fn value = cpu.Load<Fn>(cpu.Wrap(table + uint64_t{arg} * sizeof(Fn)));
          if (test_enabled && value == test) return 1;
          cpu.Store<Fn>(dst, value);
          src = cpu.Wrap(src + sizeof(Arg));
          dst = cpu.Wrap(dst + sizeof(Fn));
          len -= sizeof(Arg);
        }
        return 0;
      },
      commit);
  commit();
  cpu.SetCc(cc);
}
void ExecTroo(ExecContext& cpu, const Insn& insn) { TranslateTwo<uint8_t, uint8_t>(cpu, insn); }
void ExecTrot(ExecContext& cpu, const Insn& insn) { TranslateTwo<uint8_t, uint16_t>(cpu, insn); }
void ExecTrto(ExecContext& cpu, const Insn& insn) { TranslateTwo<uint16_t, uint8_t>(cpu, insn); }
void ExecTrtt(ExecContext& cpu, const Insn& insn) { TranslateTwo<uint16_t, uint16_t>(cpu, insn); }

// TRTE / TRTRE R1,R2,M3 (parsing-enhancement facility): the arguments of the first operand (R1, length
// in R1+1; TRTRE processes right to left from the character R1 designates) select function codes from
// the table at GR1 until one is nonzero: it is placed in R2 and R1/R1+1 designate its argument (CC 1).
// M3: A (8) two-byte arguments (length must be even), F (4) two-byte function codes, L (2) arguments
// above 255 give a zero function code without a table access. CC 0: all zero; CC 3: CPU-determined.
template <bool kReverse>
void TranslateAndTestExtended(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  const uint8_t m3 = insn.ops.m3;
  const bool two_byte_arg = m3 & 8;
  const bool two_byte_fc = m3 & 4;
  const bool limit = m3 & 2;
  RequireEven(r1);
  uint64_t addr = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t len = GetLength(cpu, r1 + 1);
  if (two_byte_arg && (len & 1)) SpecificationException();
  const uint64_t table = cpu.Wrap(cpu.s.gr[1]);
  const uint64_t step = two_byte_arg ? 2 : 1;
  auto commit = [&] {
    SetAddress(cpu, r1, addr);
    SetLength(cpu, r1 + 1, len);
  };
  uint32_t fc = 0;
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t done = 0; len > 0; done += step) {
          if (done >= kCpuDeterminedBytes) return 3;
          const uint32_t arg = two_byte_arg ? cpu.Load<uint16_t>(addr) : cpu.Load<uint8_t>(addr);
          fc = 0;
          if (!(limit && arg > 255)) {
            fc = two_byte_fc ? cpu.Load<uint16_t>(cpu.Wrap(table + 2 * uint64_t{arg}))
                             : cpu.Load<uint8_t>(cpu.Wrap(table + arg));
          }
          if (fc != 0) return 1;
          addr = cpu.Wrap(kReverse ? addr - step : addr + step);
          len -= step;
        }
        return 0;
      },
      commit);
  commit();
  if (cc == 1) SetLength(cpu, r2, fc);
  cpu.SetCc(cc);
}
void ExecTrte(ExecContext& cpu, const Insn& insn) { TranslateAndTestExtended<false>(cpu, insn); }
void ExecTrtre(ExecContext& cpu, const Insn& insn) { TranslateAndTestExtended<true>(cpu, insn); }

}  // namespace

void RegisterTranslate(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ExecTre>(InsnId::kTRE);
  table.Set<&ExecTroo>(InsnId::kTROO);
  table.Set<&ExecTrot>(InsnId::kTROT);
  table.Set<&ExecTrto>(InsnId::kTRTO);
  table.Set<&ExecTrtt>(InsnId::kTRTT);
  table.Set<&ExecTrte>(InsnId::kTRTE);
  table.Set<&ExecTrtre>(InsnId::kTRTRE);
}

}  // namespace s390vmm::interp
