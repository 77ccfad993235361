// Instruction family: vector loads and stores (PoP chapter 21, "Vector Overview and Support
// Instructions"): whole registers (VL, VST, VLM, VSTM, VLR), elements (VLE*, VSTE*, VLLEZ, VLREP),
// lengths and block boundaries (VLL, VSTL, VLBB, LCBB), gather/scatter (VGE*, VSCE*), and the
// vector-enhancements-2 byte-reversed and element-reversed forms (VLBR ... VSTER). Element moves, generate,
// permute, pack and unpack are in vector_permute.cc (registered from here), the string instructions in
// vector_string.cc.
//
// Storage operands are read completely before the register changes, and stores that span pages are
// checked as a whole first (ExecContext::WriteBytes), so an access exception leaves everything unchanged.
// The alignment hints of VL, VST, VLM and VSTM (M3/M4) are only performance hints and are ignored.
#include <cstdint>

#include "base/big_endian.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"

namespace s390vmm::interp {

void RegisterVectorPermute(HandlerTable& table);  // vector_permute.cc

namespace {

using isa::InsnId;

// ---- Helpers -----------------------------------------------------------------------------------------------

// The 16 bytes of a vector in storage order (byte 0 first) and back.
inline void VecToBytes(const Vec& v, uint8_t* out) {
  StoreBigEndian<uint64_t>(out, v.hi);
  StoreBigEndian<uint64_t>(out + 8, v.lo);
}
inline Vec VecFromBytes(const uint8_t* in) { return Vec(LoadBigEndian<uint64_t>(in), LoadBigEndian<uint64_t>(in + 8)); }

// A whole 16-byte operand: two doubleword loads (a fetch changes nothing, so the second may fault after
// the first) and a store that is either done entirely or suppressed.
inline Vec LoadVec(ExecContext& cpu, uint64_t addr) {
  const uint64_t hi = cpu.Load<uint64_t>(addr);
  return Vec(hi, cpu.Load<uint64_t>(cpu.Wrap(addr + 8)));
}
inline void StoreVec(ExecContext& cpu, uint64_t addr, const Vec& v) {
  if ((addr & (kPageSize - 1)) <= kPageSize - 16) {
    cpu.Store<uint64_t>(addr, v.hi);
    cpu.Store<uint64_t>(addr + 8, v.lo);
    return;
  }
  uint8_t buf[16];
  VecToBytes(v, buf);
  cpu.WriteBytes(addr, buf, 16);
}

// The element index of VLE*/VSTE*/VGE*/VSCE*/VLEBR*/VSTEBR* (the M3 field) must name an element of the size.
template <typename T>
inline int ElementIndex(uint8_t m3) {
  if (m3 >= Vec::Count<T>()) SpecificationException();
  return m3;
}

template <typename T>
inline Vec Replicate(T v) {
  Vec r;
  for (int k = 0; k < Vec::Count<T>(); ++k) r.Set<T>(k, v);
  return r;
}

// Each element byte-reversed in place (element order unchanged).
template <typename T>
inline Vec ByteSwapElements(const Vec& v) {
  Vec r;
  for (int k = 0; k < Vec::Count<T>(); ++k) r.Set<T>(k, ByteSwap(v.Get<T>(k)));
  return r;
}
// The element order reversed (the bytes of each element unchanged).
template <typename T>
inline Vec ReverseElements(const Vec& v) {
  constexpr int n = Vec::Count<T>();
  Vec r;
  for (int k = 0; k < n; ++k) r.Set<T>(k, v.Get<T>(n - 1 - k));
  return r;
}

// Element sizes 1-3 (halfword .. doubleword) of the byte-/element-reversed forms; 4 (quadword) where the
// caller allows it. Anything else is a specification exception.
template <typename Fn>
inline void DispatchReversedSize(uint8_t es, Fn&& fn) {
  switch (es) {
    case 1: fn(uint16_t{}); break;
    case 2: fn(uint32_t{}); break;
    case 3: fn(uint64_t{}); break;
    default: SpecificationException();
  }
}

// ---- Whole registers -----------------------------------------------------------------------------------

void ExecVL(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  WriteV(cpu, i.ops.v1, LoadVec(cpu, AddrX2(cpu, i)));
}

void ExecVST(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  StoreVec(cpu, AddrX2(cpu, i), ReadV(cpu, i.ops.v1));
}

void ExecVLR(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  cpu.s.vr[i.ops.v1] = cpu.s.vr[i.ops.v2];
}

// VLM / VSTM: V1..V3 (V3 >= V1, at most 16 registers) from/to consecutive quadwords.
inline int MultipleCount(const Insn& i) {
  if (i.ops.v3 < i.ops.v1 || i.ops.v3 - i.ops.v1 >= 16) SpecificationException();
  return i.ops.v3 - i.ops.v1 + 1;
}

void ExecVLM(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int n = MultipleCount(i);
  uint8_t buf[16 * 16];
  cpu.ReadBytes(AddrB2(cpu, i), buf, n * 16);
  for (int k = 0; k < n; ++k) WriteV(cpu, i.ops.v1 + k, VecFromBytes(buf + 16 * k));
}

void ExecVSTM(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int n = MultipleCount(i);
  uint8_t buf[16 * 16];
  for (int k = 0; k < n; ++k) VecToBytes(ReadV(cpu, i.ops.v1 + k), buf + 16 * k);
  cpu.WriteBytes(AddrB2(cpu, i), buf, n * 16);
}

// ---- Elements ------------------------------------------------------------------------------------------

// VLEB VLEH VLEF VLEG: one element from storage, the others unchanged.
template <typename T>
void ExecVLE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int index = ElementIndex<T>(i.ops.m3);
  const T value = cpu.Load<T>(AddrX2(cpu, i));
  Vec v = ReadV(cpu, i.ops.v1);
  v.Set<T>(index, value);
  WriteV(cpu, i.ops.v1, v);
}

// VSTEB VSTEH VSTEF VSTEG.
template <typename T>
void ExecVSTE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int index = ElementIndex<T>(i.ops.m3);
  cpu.Store<T>(AddrX2(cpu, i), ReadV(cpu, i.ops.v1).Get<T>(index));
}

// VLREP: one element replicated into all.
void ExecVLREP(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m3, 3, [&](auto t) {
    using T = decltype(t);
    WriteV(cpu, i.ops.v1, Replicate<T>(cpu.Load<T>(AddrX2(cpu, i))));
  });
}

// VLLEZ / VLLEBRZ: one element into the rightmost element of the leftmost doubleword, all else zero. M3 6
// (vector-enhancements facility 1) puts a word into the leftmost word instead.
template <bool kByteReversed>
void ExecLoadElementAndZero(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint64_t addr = AddrX2(cpu, i);
  const uint8_t m3 = i.ops.m3;
  Vec v;
  auto load = [&](auto t, int index) {
    using T = decltype(t);
    T value = cpu.Load<T>(addr);
    if constexpr (kByteReversed) value = ByteSwap(value);
    v.Set<T>(index, value);
  };
  switch (m3) {
    case 0:
      if (kByteReversed) SpecificationException();
      load(uint8_t{}, 7);
      break;
    case 1: load(uint16_t{}, 3); break;
    case 2: load(uint32_t{}, 1); break;
    case 3: load(uint64_t{}, 0); break;
    case 6:
      if (!cpu.model().Has(isa::Facility::kVectorEnhancements1)) SpecificationException();
      load(uint32_t{}, 0);
      break;
    default: SpecificationException();
  }
  WriteV(cpu, i.ops.v1, v);
}

// ---- Length and block boundary ------------------------------------------------------------------------

// Bytes from `addr` to the next block boundary of VLBB / LCBB (M3: 0 = 64 bytes ... 6 = 4 KiB), at most 16.
inline uint64_t BytesToBoundary(uint64_t addr, uint8_t m3) {
  if (m3 > 6) SpecificationException();
  const uint64_t block = uint64_t{64} << m3;
  const uint64_t n = block - (addr & (block - 1));
  return n < 16 ? n : 16;
}

// Loads `len` (0..16) bytes into the leftmost bytes of V1 and zeroes the rest (VLL, VLBB).
inline void LoadPartial(ExecContext& cpu, uint8_t v1, uint64_t addr, uint64_t len) {
  uint8_t buf[16] = {};
  cpu.ReadBytes(addr, buf, len);
  WriteV(cpu, v1, VecFromBytes(buf));
}

// VLBB: only the bytes up to the boundary are accessed (glibc relies on it to read strings safely).
void ExecVLBB(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint64_t addr = AddrX2(cpu, i);
  LoadPartial(cpu, i.ops.v1, addr, BytesToBoundary(addr, i.ops.m3));
}

// LCBB: the count to the boundary in bits 32-63 of R1; CC 0 if it is 16, else 3. Not a vector-register
// instruction: it works with the vector-enablement control off.
void ExecLCBB(ExecContext& cpu, const Insn& i) {
  const uint64_t n = BytesToBoundary(AddrX2(cpu, i), i.ops.m3);
  cpu.s.set_gr_low(i.ops.r1, static_cast<uint32_t>(n));
  cpu.SetCc(n == 16 ? 0 : 3);
}

// VLL / VSTL: bits 32-63 of R3 hold the highest byte index to access (unsigned; 15 or more means all 16).
inline uint64_t LengthFromR3(const ExecContext& cpu, const Insn& i) {
  const uint64_t highest = cpu.s.gr_low(i.ops.r3);
  return highest >= 15 ? 16 : highest + 1;
}

void ExecVLL(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  LoadPartial(cpu, i.ops.v1, AddrB2(cpu, i), LengthFromR3(cpu, i));
}

void ExecVSTL(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  uint8_t buf[16];
  VecToBytes(ReadV(cpu, i.ops.v1), buf);
  cpu.WriteBytes(AddrB2(cpu, i), buf, LengthFromR3(cpu, i));
}

// ---- Gather / scatter ------------------------------------------------------------------------------------

// The address of element M3: B2 + D2 + element M3 of V2, wrapped to the addressing mode.
template <typename T>
inline uint64_t ElementAddress(const ExecContext& cpu, const Insn& i, int index) {
  return cpu.Wrap(cpu.Address(i.ops.b2, 0, i.ops.d2) + ReadV(cpu, i.ops.v2).Get<T>(index));
}

template <typename T>
void ExecVGE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int index = ElementIndex<T>(i.ops.m3);
  const T value = cpu.Load<T>(ElementAddress<T>(cpu, i, index));
  Vec v = ReadV(cpu, i.ops.v1);
  v.Set<T>(index, value);
  WriteV(cpu, i.ops.v1, v);
}

template <typename T>
void ExecVSCE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int index = ElementIndex<T>(i.ops.m3);
  cpu.Store<T>(ElementAddress<T>(cpu, i, index), ReadV(cpu, i.ops.v1).Get<T>(index));
}

// ---- Vector-enhancements facility 2: byte- and element-reversed loads and stores --------------------------

// VLBR: every element byte-reversed; M3 4 reverses the whole quadword.
void ExecVLBR(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t es = i.ops.m3;
  if (es == 4) {
    const Vec v = LoadVec(cpu, AddrX2(cpu, i));
    WriteV(cpu, i.ops.v1, Vec(ByteSwap(v.lo), ByteSwap(v.hi)));
    return;
  }
  DispatchReversedSize(es, [&](auto t) {
    using T = decltype(t);
    WriteV(cpu, i.ops.v1, ByteSwapElements<T>(LoadVec(cpu, AddrX2(cpu, i))));
  });
}

void ExecVSTBR(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t es = i.ops.m3;
  const Vec v = ReadV(cpu, i.ops.v1);
  if (es == 4) {
    StoreVec(cpu, AddrX2(cpu, i), Vec(ByteSwap(v.lo), ByteSwap(v.hi)));
    return;
  }
  DispatchReversedSize(es, [&](auto t) {
    using T = decltype(t);
    StoreVec(cpu, AddrX2(cpu, i), ByteSwapElements<T>(v));
  });
}

// VLER / VSTER: the element order reversed (halfword .. doubleword elements).
void ExecVLER(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchReversedSize(i.ops.m3, [&](auto t) {
    using T = decltype(t);
    WriteV(cpu, i.ops.v1, ReverseElements<T>(LoadVec(cpu, AddrX2(cpu, i))));
  });
}

void ExecVSTER(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchReversedSize(i.ops.m3, [&](auto t) {
    using T = decltype(t);
    StoreVec(cpu, AddrX2(cpu, i), ReverseElements<T>(ReadV(cpu, i.ops.v1)));
  });
}

// VLBRREP: one byte-reversed element replicated.
void ExecVLBRREP(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchReversedSize(i.ops.m3, [&](auto t) {
    using T = decltype(t);
    WriteV(cpu, i.ops.v1, Replicate<T>(ByteSwap(cpu.Load<T>(AddrX2(cpu, i)))));
  });
}

// VLEBRH VLEBRF VLEBRG / VSTEBRH VSTEBRF VSTEBRG.
template <typename T>
void ExecVLEBR(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int index = ElementIndex<T>(i.ops.m3);
  const T value = ByteSwap(cpu.Load<T>(AddrX2(cpu, i)));
  Vec v = ReadV(cpu, i.ops.v1);
  v.Set<T>(index, value);
  WriteV(cpu, i.ops.v1, v);
}

template <typename T>
void ExecVSTEBR(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const int index = ElementIndex<T>(i.ops.m3);
  cpu.Store<T>(AddrX2(cpu, i), ByteSwap(ReadV(cpu, i.ops.v1).Get<T>(index)));
}

}  // namespace

void RegisterVector(HandlerTable& table) {
  table.Set<&ExecVL>(InsnId::kVL);
  table.Set<&ExecVST>(InsnId::kVST);
  table.Set<&ExecVLR>(InsnId::kVLR);
  table.Set<&ExecVLM>(InsnId::kVLM);
  table.Set<&ExecVSTM>(InsnId::kVSTM);
  table.Set<&ExecVLE<uint8_t>>(InsnId::kVLEB);
  table.Set<&ExecVLE<uint16_t>>(InsnId::kVLEH);
  table.Set<&ExecVLE<uint32_t>>(InsnId::kVLEF);
  table.Set<&ExecVLE<uint64_t>>(InsnId::kVLEG);
  table.Set<&ExecVSTE<uint8_t>>(InsnId::kVSTEB);
  table.Set<&ExecVSTE<uint16_t>>(InsnId::kVSTEH);
  table.Set<&ExecVSTE<uint32_t>>(InsnId::kVSTEF);
  table.Set<&ExecVSTE<uint64_t>>(InsnId::kVSTEG);
  table.Set<&ExecVLREP>(InsnId::kVLREP);
  table.Set<&ExecLoadElementAndZero<false>>(InsnId::kVLLEZ);
  table.Set<&ExecVLBB>(InsnId::kVLBB);
  table.Set<&ExecLCBB>(InsnId::kLCBB);
  table.Set<&ExecVLL>(InsnId::kVLL);
  table.Set<&ExecVSTL>(InsnId::kVSTL);
  table.Set<&ExecVGE<uint32_t>>(InsnId::kVGEF);
  table.Set<&ExecVGE<uint64_t>>(InsnId::kVGEG);
  table.Set<&ExecVSCE<uint32_t>>(InsnId::kVSCEF);
  table.Set<&ExecVSCE<uint64_t>>(InsnId::kVSCEG);
  table.Set<&ExecVLBR>(InsnId::kVLBR);
  table.Set<&ExecVSTBR>(InsnId::kVSTBR);
  table.Set<&ExecVLER>(InsnId::kVLER);
  table.Set<&ExecVSTER>(InsnId::kVSTER);
  table.Set<&ExecVLBRREP>(InsnId::kVLBRREP);
  table.Set<&ExecLoadElementAndZero<true>>(InsnId::kVLLEBRZ);
  table.Set<&ExecVLEBR<uint16_t>>(InsnId::kVLEBRH);
  table.Set<&ExecVLEBR<uint32_t>>(InsnId::kVLEBRF);
  table.Set<&ExecVLEBR<uint64_t>>(InsnId::kVLEBRG);
  table.Set<&ExecVSTEBR<uint16_t>>(InsnId::kVSTEBRH);
  table.Set<&ExecVSTEBR<uint32_t>>(InsnId::kVSTEBRF);
  table.Set<&ExecVSTEBR<uint64_t>>(InsnId::kVSTEBRG);
  RegisterVectorPermute(table);
}

}  // namespace s390vmm::interp
