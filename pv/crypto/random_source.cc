#include "pv/crypto/random_source.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>

#include "base/big_endian.h"

namespace s390vmm::pv {

absl::Status SystemRandomSource::Fill(absl::Span<uint8_t> out) {
  if (out.empty()) return absl::OkStatus();
  if (RAND_bytes(out.data(), out.size()) != 1) {
    return absl::InternalError("BoringSSL RAND_bytes failed");
  }
  return absl::OkStatus();
}

absl::Status SeededRandomSource::Fill(absl::Span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    if (used_ == block_.size()) {
      SHA256_CTX ctx;
      SHA256_Init(&ctx);
      SHA256_Update(&ctx, seed_.data(), seed_.size());
      uint8_t counter[8];
      StoreBigEndian<uint64_t>(counter, counter_++);
      SHA256_Update(&ctx, counter, sizeof(counter));
      SHA256_Final(block_.data(), &ctx);
      used_ = 0;
    }
    size_t n = std::min(block_.size() - used_, out.size() - done);
    std::memcpy(out.data() + done, block_.data() + used_, n);
    used_ += n;
    done += n;
  }
  return absl::OkStatus();
}

}  // namespace s390vmm::pv
