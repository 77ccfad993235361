// File: base/big_endian.h
//
// The one place where z/Architecture's big-endian byte order meets the host's. Everything that turns guest
// bytes into integers (memory accessors, format structs, instruction fetch) goes through these helpers.
#ifndef S390VMM_BASE_BIG_ENDIAN_H_
#define S390VMM_BASE_BIG_ENDIAN_H_

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace s390vmm {

template <typename T>
constexpr T ByteSwap(T v) {
  static_assert(std::is_integral_v<T> && (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 ||
                                          sizeof(T) == 8),
                "ByteSwap needs an 8/16/32/64-bit integer");
  using U = std::make_unsigned_t<T>;
  U u = static_cast<U>(v);
  if constexpr (sizeof(T) == 1) {
    return v;
  } else if constexpr (sizeof(T) == 2) {
    return static_cast<T>(__builtin_bswap16(u));
  } else if constexpr (sizeof(T) == 4) {
    return static_cast<T>(__builtin_bswap32(u));
  } else {
    return static_cast<T>(__builtin_bswap64(u));
  }
}

// Host <-> big-endian conversion (identity on a big-endian host).
template <typename T>
constexpr T FromBigEndian(T v) {
  if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) {
    return v;
  } else {
    return ByteSwap(v);
  }
}
template <typename T>
constexpr T ToBigEndian(T v) {
  return FromBigEndian(v);
}

// Reads a big-endian T from `p` (no alignment needed).
template <typename T>
inline T LoadBigEndian(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return FromBigEndian(v);
}

// Writes `v` to `p` big-endian (no alignment needed).
template <typename T>
inline void StoreBigEndian(void* p, T v) {
  v = ToBigEndian(v);
  std::memcpy(p, &v, sizeof(T));
}

}  // namespace s390vmm

#endif  // S390VMM_BASE_BIG_ENDIAN_H_
