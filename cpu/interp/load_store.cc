// Instruction family: loads and stores (PoP chapter 7): LOAD in all widths and extensions, LOAD LOGICAL,
// LOAD AND TEST, LOAD AND TRAP, LOAD REVERSED, LOAD ADDRESS, the relative-long forms, the high-word
// loads and stores, STORE, STORE REVERSED and the move-immediate instructions. Multiple-register, masked,
// conditional and access-register forms are in load_store_multiple.cc; interlocked ones in atomic.cc.
//
// These are the hottest handlers of a boot (LG, LGR, LA, L, STG, ST, LR, LARL ...): one storage access
// through the TLB, no other work.
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/load_store_helpers.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// Extends a loaded value of type M (its signedness decides sign or zero extension) to the register part.
template <typename M, Part P>
inline PartType<P> Extend(M v) {
  return static_cast<PartType<P>>(v);
}

// ---- Loads from D2(X2,B2) --------------------------------------------------------------------------------

// L LY LG LGF LGH LH LHY LB LGB LLC LLGC LLH LLGH LLGF, and the high-word LFH LHH LLHH LLCH LBH.
template <typename M, Part P>
void ExecLoad(ExecContext& cpu, const Insn& i) {
  SetPart<P>(cpu, i.ops.r1, Extend<M, P>(cpu.Load<M>(AddrX2(cpu, i))));
}

// LLGT: bits 33-63 of the word, zero extended.
void ExecLLGT(ExecContext& cpu, const Insn& i) {
  cpu.s.gr[i.ops.r1] = cpu.Load<uint32_t>(AddrX2(cpu, i)) & 0x7fffffffu;
}

// LOAD AND TEST: LT (32), LTG (64), LTGF (32 sign-extended to 64); CC by the sign of the loaded value.
void ExecLT(ExecContext& cpu, const Insn& i) {
  const uint32_t v = cpu.Load<uint32_t>(AddrX2(cpu, i));
  cpu.s.set_gr_low(i.ops.r1, v);
  cpu.SetCc(CcSigned(static_cast<int32_t>(v)));
}
void ExecLTG(ExecContext& cpu, const Insn& i) {
  const uint64_t v = cpu.Load<uint64_t>(AddrX2(cpu, i));
  cpu.s.gr[i.ops.r1] = v;
  cpu.SetCc(CcSigned(static_cast<int64_t>(v)));
}
void ExecLTGF(ExecContext& cpu, const Insn& i) {
  const int64_t v = cpu.Load<int32_t>(AddrX2(cpu, i));
  cpu.s.gr[i.ops.r1] = static_cast<uint64_t>(v);
  cpu.SetCc(CcSigned(v));
}

// LOAD AND TRAP: the register is loaded, then a zero operand is a data exception with DXC 0xff (the
// instruction completes).
constexpr uint8_t kDxcCompareAndTrap = 0xff;

template <typename M, Part P, uint32_t kMask = 0xffffffffu>
void ExecLoadAndTrap(ExecContext& cpu, const Insn& i) {
  PartType<P> v = Extend<M, P>(cpu.Load<M>(AddrX2(cpu, i)));
  if constexpr (kMask != 0xffffffffu) v &= kMask;  // LLGTAT: 31 bits
  SetPart<P>(cpu, i.ops.r1, v);
  if (v == 0) RaiseDataException(kDxcCompareAndTrap);
}

// LOAD REVERSED: LRV (32), LRVG (64), LRVH (16 bits into bits 48-63, bits 0-47 unchanged).
template <typename M, Part P>
void ExecLoadReversed(ExecContext& cpu, const Insn& i) {
  SetPart<P>(cpu, i.ops.r1, ByteSwap(cpu.Load<M>(AddrX2(cpu, i))));
}
void ExecLRVH(ExecContext& cpu, const Insn& i) {
  const uint16_t v = ByteSwap(cpu.Load<uint16_t>(AddrX2(cpu, i)));
  uint64_t& g = cpu.s.gr[i.ops.r1];
  g = (g & ~uint64_t{0xffff}) | v;
}

// LOAD AND ZERO RIGHTMOST BYTE: LZRF (32), LZRG (64), LLZRGF (32 zero-extended).
template <typename M, Part P>
void ExecLoadZeroRightmost(ExecContext& cpu, const Insn& i) {
  SetPart<P>(cpu, i.ops.r1, Extend<M, P>(cpu.Load<M>(AddrX2(cpu, i))) & ~PartType<P>{0xff});
}

// ---- Register to register --------------------------------------------------------------------------------

// LR LGR LGFR LHR LGHR LBR LGBR LLCR LLGCR LLHR LLGHR LLGFR: R2's rightmost M, extended to the part.
template <typename M, Part P>
void ExecLoadReg(ExecContext& cpu, const Insn& i) {
  SetPart<P>(cpu, i.ops.r1, Extend<M, P>(static_cast<M>(cpu.s.gr[i.ops.r2])));
}

void ExecLLGTR(ExecContext& cpu, const Insn& i) { cpu.s.gr[i.ops.r1] = cpu.s.gr[i.ops.r2] & 0x7fffffffu; }
void ExecLRVR(ExecContext& cpu, const Insn& i) { cpu.s.set_gr_low(i.ops.r1, ByteSwap(cpu.s.gr_low(i.ops.r2))); }
void ExecLRVGR(ExecContext& cpu, const Insn& i) { cpu.s.gr[i.ops.r1] = ByteSwap(cpu.s.gr[i.ops.r2]); }

// ---- Immediates ------------------------------------------------------------------------------------------

// LHI LGHI (16-bit signed), LGFI (32-bit signed).
template <typename M, Part P>
void ExecLoadImm(ExecContext& cpu, const Insn& i) {
  SetPart<P>(cpu, i.ops.r1, Extend<M, P>(static_cast<M>(i.ops.i2)));
}

// ---- Load address ----------------------------------------------------------------------------------------
// The address (already wrapped to the addressing mode) replaces the whole register in the 64-bit mode and
// bits 32-63 otherwise (zeros to the left of the 24/31-bit address; bits 0-31 unchanged).

inline void SetAddress(ExecContext& cpu, uint8_t r1, uint64_t addr) {
  if (cpu.s.psw.addressing_mode() == AddressingMode::k64) {
    cpu.s.gr[r1] = addr;
  } else {
    cpu.s.set_gr_low(r1, static_cast<uint32_t>(addr));
  }
}

void ExecLA(ExecContext& cpu, const Insn& i) { SetAddress(cpu, i.ops.r1, AddrX2(cpu, i)); }
void ExecLARL(ExecContext& cpu, const Insn& i) { SetAddress(cpu, i.ops.r1, RelativeAddr(cpu, i.ops.i2)); }

// LOAD ADDRESS EXTENDED: also sets access register R1 to the ALET of the current address space: 0
// primary, 1 secondary, 2 home; in the access-register mode a copy of access register B2 (0 if B2 is 0).
void ExecLAE(ExecContext& cpu, const Insn& i) {
  const uint64_t addr = AddrX2(cpu, i);
  uint32_t alet = 0;
  switch (cpu.s.psw.address_space()) {
    case AddressSpaceControl::kPrimary: alet = 0; break;
    case AddressSpaceControl::kSecondary: alet = 1; break;
    case AddressSpaceControl::kHome: alet = 2; break;
    case AddressSpaceControl::kAccessRegister: alet = i.ops.b2 ? cpu.s.ar[i.ops.b2] : 0; break;
  }
  SetAddress(cpu, i.ops.r1, addr);
  cpu.s.ar[i.ops.r1] = alet;
}

// ---- Relative long ---------------------------------------------------------------------------------------
// The operand at the instruction's address + 2 * I2; words and doublewords must be aligned (specification
// exception).

template <typename M, Part P>
void ExecLoadRelative(ExecContext& cpu, const Insn& i) {
  const uint64_t addr = RelativeAddr(cpu, i.ops.i2);
  if constexpr (sizeof(M) > 2) RequireAligned(addr, sizeof(M));
  SetPart<P>(cpu, i.ops.r1, Extend<M, P>(cpu.Load<M>(addr)));
}

template <typename M, Part P>
void ExecStoreRelative(ExecContext& cpu, const Insn& i) {
  const uint64_t addr = RelativeAddr(cpu, i.ops.i2);
  if constexpr (sizeof(M) > 2) RequireAligned(addr, sizeof(M));
  cpu.Store<M>(addr, static_cast<M>(GetPart<P>(cpu, i.ops.r1)));
}

// ---- Stores ----------------------------------------------------------------------------------------------

// ST STY STG STH STHY STC STCY, and the high-word STFH STHH STCH: the rightmost M of the part.
template <typename M, Part P>
void ExecStore(ExecContext& cpu, const Insn& i) {
  cpu.Store<M>(AddrX2(cpu, i), static_cast<M>(GetPart<P>(cpu, i.ops.r1)));
}

// NONTRANSACTIONAL STORE: outside the transactional-execution mode (which s390vmm does not enter) a
// doubleword store that must be aligned.
void ExecNTSTG(ExecContext& cpu, const Insn& i) {
  const uint64_t addr = AddrX2(cpu, i);
  RequireAligned(addr, 8);
  cpu.Store<uint64_t>(addr, cpu.s.gr[i.ops.r1]);
}

// STRV STRVG STRVH.
template <typename M>
void ExecStoreReversed(ExecContext& cpu, const Insn& i) {
  cpu.Store<M>(AddrX2(cpu, i), ByteSwap(static_cast<M>(cpu.s.gr[i.ops.r1])));
}

// MVI MVIY: the byte I2 at D1(B1).
void ExecMVI(ExecContext& cpu, const Insn& i) {
  cpu.Store<uint8_t>(AddrB1(cpu, i), static_cast<uint8_t>(i.ops.i2));
}

// MVHHI MVHI MVGHI: the signed 16-bit I2, extended to M, at D1(B1).
template <typename M>
void ExecMoveHalfwordImm(ExecContext& cpu, const Insn& i) {
  cpu.Store<M>(AddrB1(cpu, i), static_cast<M>(static_cast<int16_t>(i.ops.i2)));
}

// IC ICY: the byte into bits 56-63, the rest unchanged.
void ExecIC(ExecContext& cpu, const Insn& i) {
  const uint8_t b = cpu.Load<uint8_t>(AddrX2(cpu, i));
  uint64_t& g = cpu.s.gr[i.ops.r1];
  g = (g & ~uint64_t{0xff}) | b;
}

}  // namespace

void RegisterLoadStore(HandlerTable& table) {
  constexpr Part kLow = Part::kLow;
  constexpr Part kFull = Part::kFull;
  constexpr Part kHigh = Part::kHigh;

  table.Set(InsnId::kL, &ExecLoad<uint32_t, kLow>);
  table.Set(InsnId::kLY, &ExecLoad<uint32_t, kLow>);
  table.Set(InsnId::kLG, &ExecLoad<uint64_t, kFull>);
  table.Set(InsnId::kLGF, &ExecLoad<int32_t, kFull>);
  table.Set(InsnId::kLGH, &ExecLoad<int16_t, kFull>);
  table.Set(InsnId::kLH, &ExecLoad<int16_t, kLow>);
  table.Set(InsnId::kLHY, &ExecLoad<int16_t, kLow>);
  table.Set(InsnId::kLB, &ExecLoad<int8_t, kLow>);
  table.Set(InsnId::kLGB, &ExecLoad<int8_t, kFull>);
  table.Set(InsnId::kLLC, &ExecLoad<uint8_t, kLow>);
  table.Set(InsnId::kLLGC, &ExecLoad<uint8_t, kFull>);
  table.Set(InsnId::kLLH, &ExecLoad<uint16_t, kLow>);
  table.Set(InsnId::kLLGH, &ExecLoad<uint16_t, kFull>);
  table.Set(InsnId::kLLGF, &ExecLoad<uint32_t, kFull>);
  table.Set(InsnId::kLLGT, &ExecLLGT);
  table.Set(InsnId::kLFH, &ExecLoad<uint32_t, kHigh>);
  table.Set(InsnId::kLHH, &ExecLoad<int16_t, kHigh>);
  table.Set(InsnId::kLLHH, &ExecLoad<uint16_t, kHigh>);
  table.Set(InsnId::kLLCH, &ExecLoad<uint8_t, kHigh>);
  table.Set(InsnId::kLBH, &ExecLoad<int8_t, kHigh>);

  table.Set(InsnId::kLT, &ExecLT);
  table.Set(InsnId::kLTG, &ExecLTG);
  table.Set(InsnId::kLTGF, &ExecLTGF);

  table.Set(InsnId::kLAT, &ExecLoadAndTrap<uint32_t, kLow>);
  table.Set(InsnId::kLGAT, &ExecLoadAndTrap<uint64_t, kFull>);
  table.Set(InsnId::kLFHAT, &ExecLoadAndTrap<uint32_t, kHigh>);
  table.Set(InsnId::kLLGFAT, &ExecLoadAndTrap<uint32_t, kFull>);
  table.Set(InsnId::kLLGTAT, &ExecLoadAndTrap<uint32_t, kFull, 0x7fffffffu>);

  table.Set(InsnId::kLRV, &ExecLoadReversed<uint32_t, kLow>);
  table.Set(InsnId::kLRVG, &ExecLoadReversed<uint64_t, kFull>);
  table.Set(InsnId::kLRVH, &ExecLRVH);
  table.Set(InsnId::kLRVR, &ExecLRVR);
  table.Set(InsnId::kLRVGR, &ExecLRVGR);

  table.Set(InsnId::kLZRF, &ExecLoadZeroRightmost<uint32_t, kLow>);
  table.Set(InsnId::kLZRG, &ExecLoadZeroRightmost<uint64_t, kFull>);
  table.Set(InsnId::kLLZRGF, &ExecLoadZeroRightmost<uint32_t, kFull>);

  table.Set(InsnId::kLR, &ExecLoadReg<uint32_t, kLow>);
  table.Set(InsnId::kLGR, &ExecLoadReg<uint64_t, kFull>);
  table.Set(InsnId::kLGFR, &ExecLoadReg<int32_t, kFull>);
  table.Set(InsnId::kLHR, &ExecLoadReg<int16_t, kLow>);
  table.Set(InsnId::kLGHR, &ExecLoadReg<int16_t, kFull>);
  table.Set(InsnId::kLBR, &ExecLoadReg<int8_t, kLow>);
  table.Set(InsnId::kLGBR, &ExecLoadReg<int8_t, kFull>);
  table.Set(InsnId::kLLCR, &ExecLoadReg<uint8_t, kLow>);
  table.Set(InsnId::kLLGCR, &ExecLoadReg<uint8_t, kFull>);
  table.Set(InsnId::kLLHR, &ExecLoadReg<uint16_t, kLow>);
  table.Set(InsnId::kLLGHR, &ExecLoadReg<uint16_t, kFull>);
  table.Set(InsnId::kLLGFR, &ExecLoadReg<uint32_t, kFull>);
  table.Set(InsnId::kLLGTR, &ExecLLGTR);

  table.Set(InsnId::kLHI, &ExecLoadImm<int16_t, kLow>);
  table.Set(InsnId::kLGHI, &ExecLoadImm<int16_t, kFull>);
  table.Set(InsnId::kLGFI, &ExecLoadImm<int32_t, kFull>);

  table.Set(InsnId::kLA, &ExecLA);
  table.Set(InsnId::kLAY, &ExecLA);
  table.Set(InsnId::kLARL, &ExecLARL);
  table.Set(InsnId::kLAE, &ExecLAE);
  table.Set(InsnId::kLAEY, &ExecLAE);

  table.Set(InsnId::kLRL, &ExecLoadRelative<uint32_t, kLow>);
  table.Set(InsnId::kLGRL, &ExecLoadRelative<uint64_t, kFull>);
  table.Set(InsnId::kLGFRL, &ExecLoadRelative<int32_t, kFull>);
  table.Set(InsnId::kLHRL, &ExecLoadRelative<int16_t, kLow>);
  table.Set(InsnId::kLGHRL, &ExecLoadRelative<int16_t, kFull>);
  table.Set(InsnId::kLLHRL, &ExecLoadRelative<uint16_t, kLow>);
  table.Set(InsnId::kLLGHRL, &ExecLoadRelative<uint16_t, kFull>);
  table.Set(InsnId::kLLGFRL, &ExecLoadRelative<uint32_t, kFull>);
  table.Set(InsnId::kSTRL, &ExecStoreRelative<uint32_t, kLow>);
  table.Set(InsnId::kSTGRL, &ExecStoreRelative<uint64_t, kFull>);
  table.Set(InsnId::kSTHRL, &ExecStoreRelative<uint16_t, kLow>);

  table.Set(InsnId::kST, &ExecStore<uint32_t, kLow>);
  table.Set(InsnId::kSTY, &ExecStore<uint32_t, kLow>);
  table.Set(InsnId::kSTG, &ExecStore<uint64_t, kFull>);
  table.Set(InsnId::kSTH, &ExecStore<uint16_t, kLow>);
  table.Set(InsnId::kSTHY, &ExecStore<uint16_t, kLow>);
  table.Set(InsnId::kSTC, &ExecStore<uint8_t, kLow>);
  table.Set(InsnId::kSTCY, &ExecStore<uint8_t, kLow>);
  table.Set(InsnId::kSTFH, &ExecStore<uint32_t, kHigh>);
  table.Set(InsnId::kSTHH, &ExecStore<uint16_t, kHigh>);
  table.Set(InsnId::kSTCH, &ExecStore<uint8_t, kHigh>);
  table.Set(InsnId::kNTSTG, &ExecNTSTG);
  table.Set(InsnId::kSTRV, &ExecStoreReversed<uint32_t>);
  table.Set(InsnId::kSTRVG, &ExecStoreReversed<uint64_t>);
  table.Set(InsnId::kSTRVH, &ExecStoreReversed<uint16_t>);

  table.Set(InsnId::kMVI, &ExecMVI);
  table.Set(InsnId::kMVIY, &ExecMVI);
  table.Set(InsnId::kMVHHI, &ExecMoveHalfwordImm<uint16_t>);
  table.Set(InsnId::kMVHI, &ExecMoveHalfwordImm<uint32_t>);
  table.Set(InsnId::kMVGHI, &ExecMoveHalfwordImm<uint64_t>);
  table.Set(InsnId::kIC, &ExecIC);
  table.Set(InsnId::kICY, &ExecIC);

  RegisterLoadStoreMultiple(table);
  RegisterAtomic(table);
}

}  // namespace s390vmm::interp
