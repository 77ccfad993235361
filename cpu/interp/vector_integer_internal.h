// File: cpu/interp/vector_integer_internal.h
//
// What the three files of the vector-integer family (vector_integer.cc, vector_multiply.cc,
// vector_shift.cc; PoP chapter "Vector Integer Instructions") share: element-type arithmetic helpers and
// the registration of the parts that live outside vector_integer.cc. Not an API beyond cpu/interp.
#ifndef S390VMM_CPU_INTERP_VECTOR_INTEGER_INTERNAL_H_
#define S390VMM_CPU_INTERP_VECTOR_INTEGER_INTERNAL_H_

#include <cstdint>
#include <type_traits>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/vector_common.h"

namespace s390vmm::interp::vector_integer {

// The quadword element (ES 4) and the double-width products of doubleword elements.
using u128 = unsigned __int128;

// Bits of an element of type T.
template <typename T>
inline constexpr int kBits = 8 * static_cast<int>(sizeof(T));

// The signed view of an element (ES 0-3 only).
template <typename T>
using Signed = std::make_signed_t<T>;

// The element type twice as wide: the even/odd products, VGFM's sums of products.
template <typename T>
struct WiderType;
template <>
struct WiderType<uint8_t> {
  using type = uint16_t;
};
template <>
struct WiderType<uint16_t> {
  using type = uint32_t;
};
template <>
struct WiderType<uint32_t> {
  using type = uint64_t;
};
template <>
struct WiderType<uint64_t> {
  using type = u128;
};
template <typename T>
using Wider = typename WiderType<T>::type;

// Element i of type W of `v`, where W may also be the quadword (then i is 0).
template <typename W>
inline W GetWide(const Vec& v, int i) {
  if constexpr (std::is_same_v<W, u128>) {
    (void)i;
    return v.u128();
  } else {
    return v.Get<W>(i);
  }
}
template <typename W>
inline void SetWide(Vec& v, int i, W x) {
  if constexpr (std::is_same_v<W, u128>) {
    (void)i;
    v = Vec::From128(x);
  } else {
    v.Set<W>(i, x);
  }
}

// Element rotate left by 0 <= n < kBits<T>.
template <typename T>
inline T RotateLeft(T a, int n) {
  const uint64_t x = a;
  return n == 0 ? a : static_cast<T>((x << n) | (x >> (kBits<T> - n)));
}

// DispatchElementSize for the instructions whose largest element size is a word (the multiplies): `fn`
// is instantiated for uint8/16/32_t only, so that it may form exact products in 64 bits. ES 3 and above
// are reserved: specification exception.
template <typename Fn>
inline void DispatchElementSizeUpToWord(uint8_t es, Fn&& fn) {
  switch (es) {
    case 0: fn(uint8_t{}); break;
    case 1: fn(uint16_t{}); break;
    case 2: fn(uint32_t{}); break;
    default: RaiseProgramInterrupt(ProgramInterruptCode::kSpecification);
  }
}

// Parts of the family registered from their own files (called by RegisterVectorInteger).
void RegisterVectorMultiply(HandlerTable& table);
void RegisterVectorShift(HandlerTable& table);

}  // namespace s390vmm::interp::vector_integer

#endif  // S390VMM_CPU_INTERP_VECTOR_INTEGER_INTERNAL_H_
