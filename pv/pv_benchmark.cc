// Issue 6 point 9: how fast the software Ultravisor unpacks and verifies an SE image, beside the raw
// speed of the two primitives it is made of — SHA-512 (the page-list digest covers every byte) and
// AES-256-XTS decryption — measured in the same run on the same machine. The summary prints all three in
// MB/s and the ratios; the last ratio compares unpack+verify with a serial SHA-512-then-XTS pass
// (1 / (1/SHA + 1/XTS)), so 1.0 means no overhead beyond the cryptography.
//
//   bazel build -c opt //pv:benchmark && .bazel/bin/pv/benchmark
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "memory/guest_memory.h"
#include "pv/crypto/aes_xts.h"
#include "pv/crypto/random_source.h"
#include "pv/crypto/sha.h"
#include "pv/image_builder/image_builder.h"
#include "pv/ultravisor/secure_boot.h"
#include "pv/ultravisor/soft_ultravisor.h"

namespace s390vmm::pv {
namespace {

constexpr size_t kPrimitiveBytes = 8 << 20;  // per iteration of the primitive benchmarks
constexpr size_t kKernelBytes = 16 << 20;    // the image's kernel

std::vector<uint8_t> RandomBytes(size_t n, const char* seed) {
  std::vector<uint8_t> v(n);
  SeededRandomSource rng(seed);
  (void)rng.Fill(absl::MakeSpan(v));
  return v;
}

void BM_Sha512(benchmark::State& state) {
  std::vector<uint8_t> data = RandomBytes(kPrimitiveBytes, "sha");
  for (auto _ : state) {
    // Page by page, as the Ultravisor feeds its running digest.
    Sha512Hasher h;
    for (size_t off = 0; off < data.size(); off += kPageSize) h.Update(absl::MakeConstSpan(data).subspan(off, kPageSize));
    benchmark::DoNotOptimize(h.Peek());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(data.size()));
}
BENCHMARK(BM_Sha512)->Unit(benchmark::kMillisecond);

void BM_AesXtsDecrypt(benchmark::State& state) {
  std::vector<uint8_t> data = RandomBytes(kPrimitiveBytes, "xts data");
  std::vector<uint8_t> key = RandomBytes(64, "xts key");
  AesXts xts = *AesXts::Create(key);
  for (auto _ : state) {
    for (size_t off = 0; off < data.size(); off += kPageSize) {
      XtsTweak tweak{};
      tweak[15] = static_cast<uint8_t>(off >> 12);
      absl::Span<uint8_t> page = absl::MakeSpan(data).subspan(off, kPageSize);
      (void)xts.Decrypt(tweak, page, page);
    }
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(data.size()));
}
BENCHMARK(BM_AesXtsDecrypt)->Unit(benchmark::kMillisecond);

// The whole QEMU-style sequence on a SoftUltravisor: create, SET_SEC_PARMS (ECDH + header GCM), UNPACK of
// every page (SHA-512 x3 + XTS + ownership change), VERIFY, destroy. Reloading the image between
// iterations is not timed.
void BM_UnpackVerify(benchmark::State& state) {
  SeededRandomSource rng("benchmark");
  P521PrivateKey host = *P521PrivateKey::Generate(rng);
  ImageBuilderInput in;
  in.kernel = RandomBytes(kKernelBytes, "kernel");
  in.host_keys = {host.public_key()};
  BuiltSeImage image = *BuildSeImage(in, rng);
  auto memory = *GuestMemory::CreateFlat((image.bytes.size() + kPageSize - 1) / kPageSize * kPageSize);
  const SeImageLayout& l = image.layout;
  std::vector<uint8_t> header(image.bytes.begin() + l.header_addr.value(),
                              image.bytes.begin() + l.header_addr.value() + l.header_size);
  uint64_t pages = 0;
  for (const SecureComponent& c : l.ipib.components) pages += c.size / kPageSize;
  for (auto _ : state) {
    state.PauseTiming();
    (void)memory->Write(GuestAddress(0), image.bytes);
    SoftUltravisor uv(*memory, {host});
    state.ResumeTiming();
    auto guest = ProtectAndUnpack(uv, {GuestAddress(0), memory->total_size()}, header, l.ipib.components);
    if (!guest.ok()) {
      state.SkipWithError(std::string(guest.status().message()).c_str());
      break;
    }
    state.PauseTiming();
    (void)uv.DestroySecureConfig(guest->config);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(pages * kPageSize));
}
BENCHMARK(BM_UnpackVerify)->Unit(benchmark::kMillisecond);

// Collects bytes/s per benchmark while printing the usual console table.
class RateReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      auto it = r.counters.find("bytes_per_second");
      if (it != r.counters.end() && r.run_type == Run::RT_Iteration) rates_[r.run_name.function_name] = it->second;
    }
  }
  double rate(const std::string& name) const {
    auto it = rates_.find(name);
    return it == rates_.end() ? 0 : it->second.value;
  }

 private:
  std::map<std::string, benchmark::Counter> rates_;
};

}  // namespace
}  // namespace s390vmm::pv

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  s390vmm::pv::RateReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double mb = 1e6;
  const double sha = reporter.rate("BM_Sha512") / mb;
  const double xts = reporter.rate("BM_AesXtsDecrypt") / mb;
  const double unpack = reporter.rate("BM_UnpackVerify") / mb;
  if (sha <= 0 || xts <= 0 || unpack <= 0) {
    std::cout << "(run all three benchmarks for the summary)\n";
    return 0;
  }
  const double serial = 1 / (1 / sha + 1 / xts);
  std::cout << absl::StrFormat(
      "\nSecure Execution unpack throughput (MB = 10^6 bytes):\n"
      "  unpack+verify (SoftUltravisor)   %8.1f MB/s\n"
      "  SHA-512                          %8.1f MB/s   unpack+verify / SHA-512     = %.3f\n"
      "  AES-256-XTS decrypt              %8.1f MB/s   unpack+verify / AES-XTS     = %.3f\n"
      "  SHA-512 then XTS, serial         %8.1f MB/s   unpack+verify / serial pair = %.3f\n",
      unpack, sha, unpack / sha, xts, unpack / xts, serial, unpack / serial);
  return 0;
}
