// File: pv/crypto/random_source.h
//
// Where every random byte of Secure Execution comes from: customer keys, header keys, IVs, tweak bytes.
// Production code uses SystemRandomSource (BoringSSL's RAND_bytes). Tests, golden images and benchmarks
// inject a SeededRandomSource so that the same seed produces byte-identical images; it is NOT suitable for
// real secrets (anyone who knows the seed knows every key).
//
//   SystemRandomSource rng;
//   ASSIGN_OR_RETURN(auto key, RandomArray<32>(rng));
#ifndef S390VMM_PV_CRYPTO_RANDOM_SOURCE_H_
#define S390VMM_PV_CRYPTO_RANDOM_SOURCE_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace s390vmm::pv {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Fills `out` completely, or fails and leaves it unspecified.
  virtual absl::Status Fill(absl::Span<uint8_t> out) = 0;
};

// BoringSSL's CSPRNG.
class SystemRandomSource final : public RandomSource {
 public:
  absl::Status Fill(absl::Span<uint8_t> out) override;
};

// Deterministic stream: block i = SHA-256(seed || be64(i)), concatenated. Reproducible across hosts and
// releases (the construction is fixed here), which is what golden tests need.
class SeededRandomSource final : public RandomSource {
 public:
  explicit SeededRandomSource(std::string seed) : seed_(std::move(seed)) {}
  absl::Status Fill(absl::Span<uint8_t> out) override;

 private:
  std::string seed_;
  uint64_t counter_ = 0;
  std::array<uint8_t, 32> block_{};
  size_t used_ = sizeof(block_);  // bytes of block_ already handed out
};

template <size_t N>
absl::StatusOr<std::array<uint8_t, N>> RandomArray(RandomSource& rng) {
  std::array<uint8_t, N> out{};
  if (absl::Status s = rng.Fill(absl::MakeSpan(out)); !s.ok()) return s;
  return out;
}

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_CRYPTO_RANDOM_SOURCE_H_
