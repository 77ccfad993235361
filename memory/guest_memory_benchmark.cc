// Cost of the checked guest-memory accessors. Build with `-c opt`; the reported time is ns per access.
#include <cstdint>

#include "benchmark/benchmark.h"
#include "memory/guest_memory.h"

namespace s390vmm {
namespace {

constexpr uint64_t kSize = 64 << 20;

std::unique_ptr<GuestMemory> Make() { return *GuestMemory::CreateFlat(kSize); }

template <typename T>
void BM_Load(benchmark::State& state) {
  auto mem = Make();
  uint64_t addr = 0;
  uint64_t sum = 0;
  for (auto _ : state) {
    sum += *mem->Load<T>(GuestAddress(addr));
    addr = (addr + 4104) & (kSize - 64);
  }
  benchmark::DoNotOptimize(sum);
}
BENCHMARK(BM_Load<uint8_t>);
BENCHMARK(BM_Load<uint32_t>);
BENCHMARK(BM_Load<uint64_t>);

template <typename T>
void BM_Store(benchmark::State& state) {
  auto mem = Make();
  uint64_t addr = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(mem->Store<T>(GuestAddress(addr), static_cast<T>(addr)));
    addr = (addr + 4104) & (kSize - 64);
  }
}
BENCHMARK(BM_Store<uint32_t>);
BENCHMARK(BM_Store<uint64_t>);

// The same loads after one secure frame exists: every host access now also checks page ownership.
void BM_LoadWithSecurePages(benchmark::State& state) {
  auto mem = Make();
  (void)mem->SetPageOwner(GuestAddress(kSize - kPageSize), kPageSize, PageOwner::Secure(SecureConfigId(1)));
  uint64_t addr = 0;
  uint64_t sum = 0;
  for (auto _ : state) {
    sum += *mem->Load<uint64_t>(GuestAddress(addr));
    addr = (addr + 4104) & (kSize / 2 - 64);
  }
  benchmark::DoNotOptimize(sum);
}
BENCHMARK(BM_LoadWithSecurePages);

// Four regions: the cost of the region lookup.
void BM_LoadMultiRegion(benchmark::State& state) {
  RegionSpec specs[4];
  for (int i = 0; i < 4; ++i) specs[i] = {GuestAddress(uint64_t(i) * 2 * (kSize / 4)), kSize / 4};
  auto mem = *GuestMemory::Create(specs);
  uint64_t i = 0;
  uint64_t sum = 0;
  for (auto _ : state) {
    sum += *mem->Load<uint64_t>(GuestAddress((i % 4) * 2 * (kSize / 4) + (i * 72) % (kSize / 4 - 8)));
    ++i;
  }
  benchmark::DoNotOptimize(sum);
}
BENCHMARK(BM_LoadMultiRegion);

// The host-span fast path: one check, then raw bytes.
void BM_HostSpanCopy4K(benchmark::State& state) {
  auto mem = Make();
  uint8_t out[4096];
  uint64_t addr = 0;
  for (auto _ : state) {
    auto span = mem->HostSpan(GuestAddress(addr), sizeof(out));
    std::memcpy(out, span->data(), sizeof(out));
    benchmark::DoNotOptimize(out);
    addr = (addr + 4096) & (kSize - 1);
  }
  state.SetBytesProcessed(state.iterations() * sizeof(out));
}
BENCHMARK(BM_HostSpanCopy4K);

}  // namespace
}  // namespace s390vmm
