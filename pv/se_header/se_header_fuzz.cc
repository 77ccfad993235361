// Fuzzes the SE header parser with arbitrary bytes. Properties: parsing never reads outside the input
// (ASan), a header that parses serializes back to the same bytes, and opening with a host key either
// succeeds or fails with a Status (never crashes) — the path a malicious image takes into the Ultravisor.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "pv/crypto/random_source.h"
#include "pv/se_header/se_header.h"
#include "pv/se_header/se_header_crypto.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s390vmm::pv;  // NOLINT
  static const P521PrivateKey* host_key = [] {
    SeededRandomSource rng("se_header_fuzz host key");
    return new P521PrivateKey(*P521PrivateKey::Generate(rng));
  }();
  absl::Span<const uint8_t> in(data, size);
  (void)PeekSeHeaderSize(in);
  (void)ParseSeSecrets(in);
  absl::StatusOr<SeHeader> h = ParseSeHeader(in);
  if (h.ok()) {
    absl::StatusOr<std::vector<uint8_t>> back = SerializeSeHeader(*h);
    if (!back.ok() || *back != std::vector<uint8_t>(data, data + size)) std::abort();
    (void)OpenSeHeader(in, absl::MakeConstSpan(host_key, 1));
  }
  return 0;
}
