#include "cpu/tod_clock.h"

#include <time.h>

namespace s390vmm {
namespace {

uint64_t NsToTod(int64_t ns) {
  // 4096 units per µs = 512/125 per ns; split to keep the multiplication in range.
  uint64_t u = static_cast<uint64_t>(ns);
  return (u / 125) * 512 + (u % 125) * 512 / 125;
}

}  // namespace

int64_t TodClock::HostMonotonicNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

TodClock::TodClock() {
  timespec real;
  clock_gettime(CLOCK_REALTIME, &real);
  const uint64_t now_us = (static_cast<uint64_t>(real.tv_sec) + kUnixEpochSeconds) * 1000000 +
                          static_cast<uint64_t>(real.tv_nsec) / 1000;
  offset_.store(now_us * kUnitsPerMicrosecond - NsToTod(HostMonotonicNs()), std::memory_order_relaxed);
}

uint64_t TodClock::Now() const { return NsToTod(HostMonotonicNs()) + offset_.load(std::memory_order_relaxed); }

void TodClock::Set(uint64_t tod) {
  offset_.store(tod - NsToTod(HostMonotonicNs()), std::memory_order_relaxed);
}

int64_t TodClock::HostDeadlineNs(uint64_t tod) const {
  const uint64_t now = Now();
  if (static_cast<int64_t>(tod - now) <= 0) return 0;
  const uint64_t delta_units = tod - now;
  const uint64_t delta_ns = delta_units / 512 * 125 + (delta_units % 512) * 125 / 512 + 1;
  return HostMonotonicNs() + static_cast<int64_t>(delta_ns);
}

}  // namespace s390vmm
