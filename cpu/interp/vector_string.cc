// Instruction family: vector string instructions (PoP chapter 23, "Vector String Instructions"): VFAE,
// VFEE, VFENE, VISTR, VSTRC and (vector-enhancements facility 2) VSTRS. glibc's strlen, strcmp, strchr,
// strspn, memchr, strstr and friends are built from them once the vector facility is reported.
//
// Elements are bytes, halfwords or words (ES 0-2 in M3/M4/M5; other values are specification exceptions).
// Results that are an index are a byte index in bytes 0-7 of V1 (bytes 8-15 zero); 16 means "none".
// The flags of the last mask field: IN (invert the comparison result), RT (result type: a mask of
// all-ones/all-zero elements instead of an index), ZS (zero search: also look for a zero element of the
// second operand, which ends the string), CS (set the condition code; VSTRS always sets it).
//
// Condition code of VFAE, VFEE and VSTRC (with CS), from the first "found" element and the first zero:
//   0 a zero element (ZS) at or before the first found element; 1 found, no zero element;
//   2 found before a zero element; 3 nothing found and no zero element.
#include <cstdint>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;

// M-field flags.
constexpr uint8_t kInvert = 8;      // IN
constexpr uint8_t kResultType = 4;  // RT
constexpr uint8_t kZeroSearch = 2;  // ZS
constexpr uint8_t kSetCc = 1;       // CS

constexpr int kNone = 16;  // byte index meaning "no such element"

// Byte index of the first element of V that is zero, or kNone.
template <typename T>
inline int FirstZero(const Vec& v) {
  for (int k = 0; k < Vec::Count<T>(); ++k) {
    if (v.Get<T>(k) == 0) return k * static_cast<int>(sizeof(T));
  }
  return kNone;
}

// The CC of VFAE, VFEE and VSTRC (see the top of the file); `zero` is kNone without ZS.
inline uint8_t SearchCc(int found, int zero) {
  if (found == kNone && zero == kNone) return 3;
  if (zero == kNone) return 1;
  return found < zero ? 2 : 0;
}

// The index result: min(found, zero) in doubleword 0.
inline Vec IndexResult(int found, int zero) { return Vec(static_cast<uint64_t>(found < zero ? found : zero), 0); }

// Rejects element sizes beyond word and M-field bits outside `allowed`.
inline void CheckStringFields(uint8_t es, uint8_t flags, uint8_t allowed) {
  if (es > 2 || (flags & ~allowed)) SpecificationException();
}

// Element sizes byte, halfword, word.
template <typename Fn>
inline void DispatchStringSize(uint8_t es, Fn&& fn) {
  switch (es) {
    case 0: fn(uint8_t{}); break;
    case 1: fn(uint16_t{}); break;
    default: fn(uint32_t{}); break;
  }
}

// The common end of VFAE and VSTRC: element k of `a` is a hit when `matches(x)` holds for it (inverted
// by IN); the result is the mask of hits (RT) or the byte index of the first hit and of the first zero
// element (ZS), and CS sets the condition code from them.
template <typename T, typename Matches>
void FinishElementSearch(ExecContext& cpu, const Insn& i, uint8_t flags, const Vec& a, Matches matches) {
  Vec mask;
  int found = kNone;
  for (int k = 0; k < Vec::Count<T>(); ++k) {
    const bool hit = matches(a.Get<T>(k)) != ((flags & kInvert) != 0);
    if (hit) {
      mask.Set<T>(k, static_cast<T>(~T{0}));
      if (found == kNone) found = k * static_cast<int>(sizeof(T));
    }
  }
  const int zero = (flags & kZeroSearch) ? FirstZero<T>(a) : kNone;
  WriteV(cpu, i.ops.v1, (flags & kResultType) ? mask : IndexResult(found, zero));
  if (flags & kSetCc) cpu.SetCc(SearchCc(found, zero));
}

// ---- VFAE: find any element equal ---------------------------------------------------------------------

// Element k of V2 is "found" if it equals any element of V3 (with IN: equals none).
void ExecVFAE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t flags = i.ops.m5;
  CheckStringFields(i.ops.m4, flags, 0xf);
  DispatchStringSize(i.ops.m4, [&](auto t) {
    using T = decltype(t);
    constexpr int n = Vec::Count<T>();
    const Vec a = ReadV(cpu, i.ops.v2);
    const Vec set = ReadV(cpu, i.ops.v3);
    FinishElementSearch<T>(cpu, i, flags, a, [&](T x) {
      for (int j = 0; j < n; ++j) {
        if (x == set.Get<T>(j)) return true;
      }
      return false;
    });
  });
}

// ---- VFEE / VFENE: find element (not) equal ------------------------------------------------------------

// VFEE: the first k where V2 and V3 have equal elements.
void ExecVFEE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t flags = i.ops.m5;
  CheckStringFields(i.ops.m4, flags, kZeroSearch | kSetCc);
  DispatchStringSize(i.ops.m4, [&](auto t) {
    using T = decltype(t);
    const Vec a = ReadV(cpu, i.ops.v2);
    const Vec b = ReadV(cpu, i.ops.v3);
    int found = kNone;
    for (int k = 0; k < Vec::Count<T>(); ++k) {
      if (a.Get<T>(k) == b.Get<T>(k)) {
        found = k * static_cast<int>(sizeof(T));
        break;
      }
    }
    const int zero = (flags & kZeroSearch) ? FirstZero<T>(a) : kNone;
    WriteV(cpu, i.ops.v1, IndexResult(found, zero));
    if (flags & kSetCc) cpu.SetCc(SearchCc(found, zero));
  });
}

// VFENE: the first k where the elements differ. CC: 0 a zero element of V2 (ZS) comes first, 1/2 the
// first differing element of V2 is lower/higher than V3's, 3 all equal and no zero element.
void ExecVFENE(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t flags = i.ops.m5;
  CheckStringFields(i.ops.m4, flags, kZeroSearch | kSetCc);
  DispatchStringSize(i.ops.m4, [&](auto t) {
    using T = decltype(t);
    const Vec a = ReadV(cpu, i.ops.v2);
    const Vec b = ReadV(cpu, i.ops.v3);
    int found = kNone;
    uint8_t cc = 3;
    for (int k = 0; k < Vec::Count<T>(); ++k) {
      const T x = a.Get<T>(k);
      const T y = b.Get<T>(k);
      if (x != y) {
        found = k * static_cast<int>(sizeof(T));
        cc = x < y ? 1 : 2;
        break;
      }
    }
    const int zero = (flags & kZeroSearch) ? FirstZero<T>(a) : kNone;
    if (zero < found) cc = 0;
    WriteV(cpu, i.ops.v1, IndexResult(found, zero));
    if (flags & kSetCc) cpu.SetCc(cc);
  });
}

// ---- VISTR: isolate string ------------------------------------------------------------------------------

// The elements of V2 up to (not including) the first zero element, the rest zero. CC (with CS): 0 a zero
// element was found, 3 none.
void ExecVISTR(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t flags = i.ops.m5;
  CheckStringFields(i.ops.m3, flags, kSetCc);
  DispatchStringSize(i.ops.m3, [&](auto t) {
    using T = decltype(t);
    const Vec a = ReadV(cpu, i.ops.v2);
    const int zero = FirstZero<T>(a);
    // Keep the bytes before the zero element: a mask of the leftmost `zero` bytes.
    const unsigned __int128 keep =
        zero == kNone ? ~static_cast<unsigned __int128>(0)
                      : (zero == 0 ? 0 : ~static_cast<unsigned __int128>(0) << (8 * (16 - zero)));
    WriteV(cpu, i.ops.v1, Vec::From128(a.u128() & keep));
    if (flags & kSetCc) cpu.SetCc(zero == kNone ? 3 : 0);
  });
}

// ---- VSTRC: string range compare ---------------------------------------------------------------------

// Element k of V2 is "found" if for some even j it satisfies the comparisons of both range bounds V3[j]
// and V3[j+1]; the leftmost three bits of control element V4[j] select them: equal, low (element < bound),
// high (element > bound). IN inverts the result per element.
void ExecVSTRC(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t flags = i.ops.m6;
  CheckStringFields(i.ops.m5, flags, 0xf);
  DispatchStringSize(i.ops.m5, [&](auto t) {
    using T = decltype(t);
    constexpr int n = Vec::Count<T>();
    constexpr int kTop = 8 * sizeof(T) - 1;
    const Vec a = ReadV(cpu, i.ops.v2);
    const Vec bounds = ReadV(cpu, i.ops.v3);
    const Vec control = ReadV(cpu, i.ops.v4);
    auto satisfies = [&](T x, int j) {
      const T bound = bounds.Get<T>(j);
      const T c = control.Get<T>(j);
      return ((c >> kTop) & 1 && x == bound) || ((c >> (kTop - 1)) & 1 && x < bound) ||
             ((c >> (kTop - 2)) & 1 && x > bound);
    };
    FinishElementSearch<T>(cpu, i, flags, a, [&](T x) {
      for (int j = 0; j < n; j += 2) {
        if (satisfies(x, j) && satisfies(x, j + 1)) return true;
      }
      return false;
    });
  });
}

// ---- VSTRS: string search ----------------------------------------------------------------------------

// Searches V2 for the substring in V3 whose length in bytes is byte 7 of V4 (at most 16; with ZS it also
// ends at V3's first zero element, and V2 ends at its first zero element). The byte index of the first
// full match, or of a partial match that runs to the end of V2 (only when V2 has no zero element), goes
// to bytes 0-7 of V1; 16 when there is none. CC: 0 no match, 1 no match and V2 has a zero element (ZS),
// 2 full match (also for an empty substring, at index 0), 3 partial match. A length that is not a
// multiple of the element size is unpredictable (PoP); it is rounded down here.
void ExecVSTRS(ExecContext& cpu, const Insn& i) {
  RequireVectorEnabled(cpu);
  const uint8_t flags = i.ops.m6;
  CheckStringFields(i.ops.m5, flags, kZeroSearch);
  DispatchStringSize(i.ops.m5, [&](auto t) {
    using T = decltype(t);
    constexpr int n = Vec::Count<T>();
    const Vec hay = ReadV(cpu, i.ops.v2);
    const Vec needle = ReadV(cpu, i.ops.v3);
    const int length_bytes = ReadV(cpu, i.ops.v4).Get<uint8_t>(7);
    int sub = (length_bytes > 16 ? 16 : length_bytes) / static_cast<int>(sizeof(T));  // in elements
    int str = n;                                                                        // in elements
    bool zero_in_hay = false;
    if (flags & kZeroSearch) {
      for (int k = 0; k < sub; ++k) {
        if (needle.Get<T>(k) == 0) {
          sub = k;
          break;
        }
      }
      for (int k = 0; k < n; ++k) {
        if (hay.Get<T>(k) == 0) {
          str = k;
          zero_in_hay = true;
          break;
        }
      }
    }
    int index = kNone;
    uint8_t cc = zero_in_hay ? 1 : 0;
    if (sub == 0) {
      index = 0;
      cc = 2;
    } else {
      for (int k = 0; k < str; ++k) {
        // Elements of the substring that fit before the end of the string.
        const int avail = str - k < sub ? str - k : sub;
        if (avail < sub && zero_in_hay) break;  // the string ends before the substring could
        int j = 0;
        while (j < avail && hay.Get<T>(k + j) == needle.Get<T>(j)) ++j;
        if (j == avail) {
          index = k * static_cast<int>(sizeof(T));
          cc = avail == sub ? 2 : 3;
          break;
        }
      }
    }
    WriteV(cpu, i.ops.v1, Vec(static_cast<uint64_t>(index), 0));
    cpu.SetCc(cc);
  });
}

}  // namespace

void RegisterVectorString(HandlerTable& table) {
  table.Set<&ExecVFAE>(InsnId::kVFAE);
  table.Set<&ExecVFEE>(InsnId::kVFEE);
  table.Set<&ExecVFENE>(InsnId::kVFENE);
  table.Set<&ExecVISTR>(InsnId::kVISTR);
  table.Set<&ExecVSTRC>(InsnId::kVSTRC);
  table.Set<&ExecVSTRS>(InsnId::kVSTRS);
}

}  // namespace s390vmm::interp
