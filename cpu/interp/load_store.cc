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

  table.Set<&ExecLoad<uint32_t, kLow>>(InsnId::kL);
  table.Set<&ExecLoad<uint32_t, kLow>>(InsnId::kLY);
  table.Set<&ExecLoad<uint64_t, kFull>>(InsnId::kLG);
  table.Set<&ExecLoad<int32_t, kFull>>(InsnId::kLGF);
  table.Set<&ExecLoad<int16_t, kFull>>(InsnId::kLGH);
  table.Set<&ExecLoad<int16_t, kLow>>(InsnId::kLH);
  table.Set<&ExecLoad<int16_t, kLow>>(InsnId::kLHY);
  table.Set<&ExecLoad<int8_t, kLow>>(InsnId::kLB);
  table.Set<&ExecLoad<int8_t, kFull>>(InsnId::kLGB);
  table.Set<&ExecLoad<uint8_t, kLow>>(InsnId::kLLC);
  table.Set<&ExecLoad<uint8_t, kFull>>(InsnId::kLLGC);
  table.Set<&ExecLoad<uint16_t, kLow>>(InsnId::kLLH);
  table.Set<&ExecLoad<uint16_t, kFull>>(InsnId::kLLGH);
  table.Set<&ExecLoad<uint32_t, kFull>>(InsnId::kLLGF);
  table.Set<&ExecLLGT>(InsnId::kLLGT);
  table.Set<&ExecLoad<uint32_t, kHigh>>(InsnId::kLFH);
  table.Set<&ExecLoad<int16_t, kHigh>>(InsnId::kLHH);
  table.Set<&ExecLoad<uint16_t, kHigh>>(InsnId::kLLHH);
  table.Set<&ExecLoad<uint8_t, kHigh>>(InsnId::kLLCH);
  table.Set<&ExecLoad<int8_t, kHigh>>(InsnId::kLBH);

  table.Set<&ExecLT>(InsnId::kLT);
  table.Set<&ExecLTG>(InsnId::kLTG);
  table.Set<&ExecLTGF>(InsnId::kLTGF);

  table.Set<&ExecLoadAndTrap<uint32_t, kLow>>(InsnId::kLAT);
  table.Set<&ExecLoadAndTrap<uint64_t, kFull>>(InsnId::kLGAT);
  table.Set<&ExecLoadAndTrap<uint32_t, kHigh>>(InsnId::kLFHAT);
  table.Set<&ExecLoadAndTrap<uint32_t, kFull>>(InsnId::kLLGFAT);
  table.Set<&ExecLoadAndTrap<uint32_t, kFull, 0x7fffffffu>>(InsnId::kLLGTAT);

  table.Set<&ExecLoadReversed<uint32_t, kLow>>(InsnId::kLRV);
  table.Set<&ExecLoadReversed<uint64_t, kFull>>(InsnId::kLRVG);
  table.Set<&ExecLRVH>(InsnId::kLRVH);
  table.Set<&ExecLRVR>(InsnId::kLRVR);
  table.Set<&ExecLRVGR>(InsnId::kLRVGR);

  table.Set<&ExecLoadZeroRightmost<uint32_t, kLow>>(InsnId::kLZRF);
  table.Set<&ExecLoadZeroRightmost<uint64_t, kFull>>(InsnId::kLZRG);
  table.Set<&ExecLoadZeroRightmost<uint32_t, kFull>>(InsnId::kLLZRGF);

  table.Set<&ExecLoadReg<uint32_t, kLow>>(InsnId::kLR);
  table.Set<&ExecLoadReg<uint64_t, kFull>>(InsnId::kLGR);
  table.Set<&ExecLoadReg<int32_t, kFull>>(InsnId::kLGFR);
  table.Set<&ExecLoadReg<int16_t, kLow>>(InsnId::kLHR);
  table.Set<&ExecLoadReg<int16_t, kFull>>(InsnId::kLGHR);
  table.Set<&ExecLoadReg<int8_t, kLow>>(InsnId::kLBR);
  table.Set<&ExecLoadReg<int8_t, kFull>>(InsnId::kLGBR);
  table.Set<&ExecLoadReg<uint8_t, kLow>>(InsnId::kLLCR);
  table.Set<&ExecLoadReg<uint8_t, kFull>>(InsnId::kLLGCR);
  table.Set<&ExecLoadReg<uint16_t, kLow>>(InsnId::kLLHR);
  table.Set<&ExecLoadReg<uint16_t, kFull>>(InsnId::kLLGHR);
  table.Set<&ExecLoadReg<uint32_t, kFull>>(InsnId::kLLGFR);
  table.Set<&ExecLLGTR>(InsnId::kLLGTR);

  table.Set<&ExecLoadImm<int16_t, kLow>>(InsnId::kLHI);
  table.Set<&ExecLoadImm<int16_t, kFull>>(InsnId::kLGHI);
  table.Set<&ExecLoadImm<int32_t, kFull>>(InsnId::kLGFI);

  table.Set<&ExecLA>(InsnId::kLA);
  table.Set<&ExecLA>(InsnId::kLAY);
  table.Set<&ExecLARL>(InsnId::kLARL);
  table.Set<&ExecLAE>(InsnId::kLAE);
  table.Set<&ExecLAE>(InsnId::kLAEY);

  table.Set<&ExecLoadRelative<uint32_t, kLow>>(InsnId::kLRL);
  table.Set<&ExecLoadRelative<uint64_t, kFull>>(InsnId::kLGRL);
  table.Set<&ExecLoadRelative<int32_t, kFull>>(InsnId::kLGFRL);
  table.Set<&ExecLoadRelative<int16_t, kLow>>(InsnId::kLHRL);
  table.Set<&ExecLoadRelative<int16_t, kFull>>(InsnId::kLGHRL);
  table.Set<&ExecLoadRelative<uint16_t, kLow>>(InsnId::kLLHRL);
  table.Set<&ExecLoadRelative<uint16_t, kFull>>(InsnId::kLLGHRL);
  table.Set<&ExecLoadRelative<uint32_t, kFull>>(InsnId::kLLGFRL);
  table.Set<&ExecStoreRelative<uint32_t, kLow>>(InsnId::kSTRL);
  table.Set<&ExecStoreRelative<uint64_t, kFull>>(InsnId::kSTGRL);
  table.Set<&ExecStoreRelative<uint16_t, kLow>>(InsnId::kSTHRL);

  table.Set<&ExecStore<uint32_t, kLow>>(InsnId::kST);
  table.Set<&ExecStore<uint32_t, kLow>>(InsnId::kSTY);
  table.Set<&ExecStore<uint64_t, kFull>>(InsnId::kSTG);
  table.Set<&ExecStore<uint16_t, kLow>>(InsnId::kSTH);
  table.Set<&ExecStore<uint16_t, kLow>>(InsnId::kSTHY);
  table.Set<&ExecStore<uint8_t, kLow>>(InsnId::kSTC);
  table.Set<&ExecStore<uint8_t, kLow>>(InsnId::kSTCY);
  table.Set<&ExecStore<uint32_t, kHigh>>(InsnId::kSTFH);
  table.Set<&ExecStore<uint16_t, kHigh>>(InsnId::kSTHH);
  table.Set<&ExecStore<uint8_t, kHigh>>(InsnId::kSTCH);
  table.Set<&ExecNTSTG>(InsnId::kNTSTG);
  table.Set<&ExecStoreReversed<uint32_t>>(InsnId::kSTRV);
  table.Set<&ExecStoreReversed<uint64_t>>(InsnId::kSTRVG);
  table.Set<&ExecStoreReversed<uint16_t>>(InsnId::kSTRVH);

  table.Set<&ExecMVI>(InsnId::kMVI);
  table.Set<&ExecMVI>(InsnId::kMVIY);
  table.Set<&ExecMoveHalfwordImm<uint16_t>>(InsnId::kMVHHI);
  table.Set<&ExecMoveHalfwordImm<uint32_t>>(InsnId::kMVHI);
  table.Set<&ExecMoveHalfwordImm<uint64_t>>(InsnId::kMVGHI);
  table.Set<&ExecIC>(InsnId::kIC);
  table.Set<&ExecIC>(InsnId::kICY);

  RegisterLoadStoreMultiple(table);
  RegisterAtomic(table);
}

}  // namespace s390vmm::interp
