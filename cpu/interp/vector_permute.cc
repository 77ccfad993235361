// Instruction family: vector data movement without storage (PoP chapter 21, "Vector Support
// Instructions"; registered by RegisterVector in vector.cc): element moves between general and vector
// registers (VLGV, VLVG, VLVGP, VLEI*), generated values (VGBM, VGM, VREPI), replicate, sign extension,
// merge, permutes and select (VREP, VSEG, VMRH, VMRL, VPDI, VPERM, VBPERM, VSEL), and pack/unpack (VPK,
// VPKS, VPKLS, VUPH, VUPL, VUPLH, VUPLL).
//
// Every handler reads its source registers into locals before it writes V1, so that V1 may be any of
// the sources.
#include <cstdint>
#include <limits>
#include <type_traits>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

template <typename T>
inline Vec Replicate(T v) {
  Vec r;
  for (int k = 0; k < Vec::Count<T>(); ++k) r.Set<T>(k, v);
  return r;
}

// The element index VLGV / VLVG take from bits 52-63 of the second-operand address. An index beyond the
// last element is unpredictable (PoP); like the machines (and QEMU) we use it modulo the element count.
template <typename T>
inline int IndexFromAddress(const ExecContext& cpu, const Insn& i) {
  return static_cast<int>(cpu.Address(i.ops.b2, 0, i.ops.d2) & (Vec::Count<T>() - 1));
}

// ---- Element moves ---------------------------------------------------------------------------------------

// VLGV: the element, zero-extended, into all 64 bits of R1.
void ExecVLGV(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m4, 3, [&](auto t) {
    using T = decltype(t);
    cpu.s.gr[i.ops.r1] = ReadV(cpu, i.ops.v3).Get<T>(IndexFromAddress<T>(cpu, i));
  });
}

// VLVG: the rightmost bits of R3 into one element.
void ExecVLVG(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m4, 3, [&](auto t) {
    using T = decltype(t);
    Vec v = ReadV(cpu, i.ops.v1);
    v.Set<T>(IndexFromAddress<T>(cpu, i), static_cast<T>(cpu.s.gr[i.ops.r3]));
    WriteV(cpu, i.ops.v1, v);
  });
}

// VLVGP: R2 into doubleword 0, R3 into doubleword 1.
void ExecVLVGP(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  WriteV(cpu, i.ops.v1, Vec(cpu.s.gr[i.ops.r2], cpu.s.gr[i.ops.r3]));
}

// VLEIB VLEIH VLEIF VLEIG: the signed 16-bit I2, sign-extended (or truncated) to the element, into element
// M3.
template <typename T>
void ExecVLEI(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  if (i.ops.m3 >= Vec::Count<T>()) SpecificationException();
  Vec v = ReadV(cpu, i.ops.v1);
  v.Set<T>(i.ops.m3, static_cast<T>(i.ops.i2));
  WriteV(cpu, i.ops.v1, v);
}

// ---- Generate --------------------------------------------------------------------------------------------

// VGBM: bit k of I2 (k = 0 the leftmost of 16) sets byte k to all ones.
void ExecVGBM(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint16_t mask = static_cast<uint16_t>(i.ops.i2);
  Vec v;
  for (int k = 0; k < 16; ++k) v.Set<uint8_t>(k, (mask >> (15 - k)) & 1 ? 0xff : 0);
  WriteV(cpu, i.ops.v1, v);
}

// VGM: in every element, ones from bit I2 to bit I3 (modulo the element width; wrapping around when I2 >
// I3), zeros elsewhere.
void ExecVGM(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m4, 3, [&](auto t) {
    using T = decltype(t);
    constexpr int kBits = 8 * sizeof(T);
    const int start = static_cast<int>(i.ops.i2) & (kBits - 1);
    const int end = static_cast<int>(i.ops.i3) & (kBits - 1);
    const T ones = std::numeric_limits<T>::max();
    // Bits start..kBits-1 and 0..end in PoP numbering (bit 0 the leftmost).
    const T from_start = static_cast<T>(ones >> start);
    const T to_end = static_cast<T>(ones << (kBits - 1 - end));
    const T mask = start <= end ? static_cast<T>(from_start & to_end) : static_cast<T>(from_start | to_end);
    WriteV(cpu, i.ops.v1, Replicate<T>(mask));
  });
}

// VREPI: the signed 16-bit I2 into every element.
void ExecVREPI(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m3, 3, [&](auto t) {
    using T = decltype(t);
    WriteV(cpu, i.ops.v1, Replicate<T>(static_cast<T>(i.ops.i2)));
  });
}

// ---- Replicate, sign-extend, merge -----------------------------------------------------------------------

// VREP: element I2 of V3 into every element; an index beyond the last element is a specification exception.
void ExecVREP(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m4, 3, [&](auto t) {
    using T = decltype(t);
    if (static_cast<uint64_t>(i.ops.i2) >= static_cast<uint64_t>(Vec::Count<T>())) SpecificationException();
    WriteV(cpu, i.ops.v1, Replicate<T>(ReadV(cpu, i.ops.v3).Get<T>(static_cast<int>(i.ops.i2))));
  });
}

// VSEG: the rightmost element of each doubleword, sign-extended to the doubleword (byte .. word).
void ExecVSEG(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m3, 2, [&](auto t) {
    using T = decltype(t);
    using S = std::make_signed_t<T>;
    constexpr int kPerDw = 8 / sizeof(T);
    const Vec src = ReadV(cpu, i.ops.v2);
    WriteV(cpu, i.ops.v1,
           Vec(static_cast<uint64_t>(static_cast<int64_t>(static_cast<S>(src.Get<T>(kPerDw - 1)))),
               static_cast<uint64_t>(static_cast<int64_t>(static_cast<S>(src.Get<T>(2 * kPerDw - 1))))));
  });
}

// VMRH / VMRL: the elements of the left (right) halves of V2 and V3, interleaved (V2 first).
template <bool kHigh>
void ExecMerge(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m4, 3, [&](auto t) {
    using T = decltype(t);
    constexpr int n = Vec::Count<T>();
    constexpr int base = kHigh ? 0 : n / 2;
    const Vec a = ReadV(cpu, i.ops.v2);
    const Vec b = ReadV(cpu, i.ops.v3);
    Vec r;
    for (int k = 0; k < n / 2; ++k) {
      r.Set<T>(2 * k, a.Get<T>(base + k));
      r.Set<T>(2 * k + 1, b.Get<T>(base + k));
    }
    WriteV(cpu, i.ops.v1, r);
  });
}

// ---- Permutes and select ---------------------------------------------------------------------------------

// VPDI: doubleword (M4 bit 1) of V2 and doubleword (M4 bit 3) of V3.
void ExecVPDI(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, i.ops.v2);
  const Vec b = ReadV(cpu, i.ops.v3);
  WriteV(cpu, i.ops.v1, Vec((i.ops.m4 & 4) ? a.lo : a.hi, (i.ops.m4 & 1) ? b.lo : b.hi));
}

// VPERM: byte k of V1 = byte (bits 3-7 of byte k of V4) of the 32-byte concatenation V2 || V3.
void ExecVPERM(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, i.ops.v2);
  const Vec b = ReadV(cpu, i.ops.v3);
  const Vec sel = ReadV(cpu, i.ops.v4);
  Vec r;
  for (int k = 0; k < 16; ++k) {
    const int index = sel.Get<uint8_t>(k) & 31;
    r.Set<uint8_t>(k, index < 16 ? a.Get<uint8_t>(index) : b.Get<uint8_t>(index - 16));
  }
  WriteV(cpu, i.ops.v1, r);
}

// VBPERM: bit k of the 16-bit result (in bits 48-63 of doubleword 0) = bit (byte k of V3) of V2, zero for
// bit numbers 128-255; doubleword 1 is zero.
void ExecVBPERM(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const unsigned __int128 src = ReadV(cpu, i.ops.v2).u128();
  const Vec sel = ReadV(cpu, i.ops.v3);
  uint64_t bits = 0;
  for (int k = 0; k < 16; ++k) {
    const unsigned bit = sel.Get<uint8_t>(k);
    const uint64_t value = bit < 128 ? static_cast<uint64_t>(src >> (127 - bit)) & 1 : 0;
    bits = bits << 1 | value;
  }
  WriteV(cpu, i.ops.v1, Vec(bits, 0));
}

// VSEL: bits of V2 where V4 has ones, of V3 where it has zeros.
void ExecVSEL(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const Vec a = ReadV(cpu, i.ops.v2);
  const Vec b = ReadV(cpu, i.ops.v3);
  const Vec m = ReadV(cpu, i.ops.v4);
  WriteV(cpu, i.ops.v1, Vec((a.hi & m.hi) | (b.hi & ~m.hi), (a.lo & m.lo) | (b.lo & ~m.lo)));
}

// ---- Pack and unpack ---------------------------------------------------------------------------------------

// Source element sizes halfword .. doubleword of the packs: fn(source type, result type).
template <typename Fn>
inline void DispatchPackSize(uint8_t es, Fn&& fn) {
  switch (es) {
    case 1: fn(uint16_t{}, uint8_t{}); break;
    case 2: fn(uint32_t{}, uint16_t{}); break;
    case 3: fn(uint64_t{}, uint32_t{}); break;
    default: SpecificationException();
  }
}

enum class PackMode { kTruncate, kSigned, kLogical };

// VPK / VPKS / VPKLS: the 2n elements of V2 || V3 narrowed to half their size into V1. The saturating
// forms set the CC when M5 bit 3 (CS) is one: 0 no element saturated, 1 some, 3 all.
template <PackMode kMode>
void ExecPack(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchPackSize(i.ops.m4, [&](auto src_t, auto dst_t) {
    using S = decltype(src_t);
    using D = decltype(dst_t);
    using SS = std::make_signed_t<S>;
    using DS = std::make_signed_t<D>;
    constexpr int n = Vec::Count<S>();
    const Vec src[2] = {ReadV(cpu, i.ops.v2), ReadV(cpu, i.ops.v3)};
    Vec r;
    int saturated = 0;
    for (int k = 0; k < 2 * n; ++k) {
      const S x = src[k / n].template Get<S>(k % n);
      D out = static_cast<D>(x);
      if constexpr (kMode == PackMode::kSigned) {
        const SS sx = static_cast<SS>(x);
        if (sx > std::numeric_limits<DS>::max()) {
          out = static_cast<D>(std::numeric_limits<DS>::max());
          ++saturated;
        } else if (sx < std::numeric_limits<DS>::min()) {
          out = static_cast<D>(std::numeric_limits<DS>::min());
          ++saturated;
        }
      } else if constexpr (kMode == PackMode::kLogical) {
        if (x > std::numeric_limits<D>::max()) {
          out = std::numeric_limits<D>::max();
          ++saturated;
        }
      }
      r.Set<D>(k, out);
    }
    WriteV(cpu, i.ops.v1, r);
    if constexpr (kMode != PackMode::kTruncate) {
      if (i.ops.m5 & 1) cpu.SetCc(saturated == 0 ? 0 : (saturated == 2 * n ? 3 : 1));
    }
  });
}

// VUPH VUPL VUPLH VUPLL: the left (high) or right (low) half of V2's elements widened to twice their size,
// sign-extended or (logical) zero-extended.
template <bool kHigh, bool kLogical>
void ExecUnpack(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  DispatchElementSize(i.ops.m3, 2, [&](auto t) {
    using T = decltype(t);
    using W = std::conditional_t<sizeof(T) == 1, uint16_t, std::conditional_t<sizeof(T) == 2, uint32_t, uint64_t>>;
    using ST = std::make_signed_t<T>;
    using SW = std::make_signed_t<W>;
    constexpr int n = Vec::Count<W>();
    const Vec src = ReadV(cpu, i.ops.v2);
    Vec r;
    for (int k = 0; k < n; ++k) {
      const T x = src.Get<T>(kHigh ? k : n + k);
      r.Set<W>(k, kLogical ? static_cast<W>(x) : static_cast<W>(static_cast<SW>(static_cast<ST>(x))));
    }
    WriteV(cpu, i.ops.v1, r);
  });
}

}  // namespace

void RegisterVectorPermute(HandlerTable& table) {
  table.Set<&ExecVLGV>(InsnId::kVLGV);
  table.Set<&ExecVLVG>(InsnId::kVLVG);
  table.Set<&ExecVLVGP>(InsnId::kVLVGP);
  table.Set<&ExecVLEI<uint8_t>>(InsnId::kVLEIB);
  table.Set<&ExecVLEI<uint16_t>>(InsnId::kVLEIH);
  table.Set<&ExecVLEI<uint32_t>>(InsnId::kVLEIF);
  table.Set<&ExecVLEI<uint64_t>>(InsnId::kVLEIG);
  table.Set<&ExecVGBM>(InsnId::kVGBM);
  table.Set<&ExecVGM>(InsnId::kVGM);
  table.Set<&ExecVREPI>(InsnId::kVREPI);
  table.Set<&ExecVREP>(InsnId::kVREP);
  table.Set<&ExecVSEG>(InsnId::kVSEG);
  table.Set<&ExecMerge<true>>(InsnId::kVMRH);
  table.Set<&ExecMerge<false>>(InsnId::kVMRL);
  table.Set<&ExecVPDI>(InsnId::kVPDI);
  table.Set<&ExecVPERM>(InsnId::kVPERM);
  table.Set<&ExecVBPERM>(InsnId::kVBPERM);
  table.Set<&ExecVSEL>(InsnId::kVSEL);
  table.Set<&ExecPack<PackMode::kTruncate>>(InsnId::kVPK);
  table.Set<&ExecPack<PackMode::kSigned>>(InsnId::kVPKS);
  table.Set<&ExecPack<PackMode::kLogical>>(InsnId::kVPKLS);
  table.Set<&ExecUnpack<true, false>>(InsnId::kVUPH);
  table.Set<&ExecUnpack<false, false>>(InsnId::kVUPL);
  table.Set<&ExecUnpack<true, true>>(InsnId::kVUPLH);
  table.Set<&ExecUnpack<false, true>>(InsnId::kVUPLL);
}

}  // namespace s390vmm::interp
