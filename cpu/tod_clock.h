// File: cpu/tod_clock.h
//
// The time-of-day clock shared by all CPUs of a machine (PoP "Time-of-Day Clock"): a 64-bit binary
// counter whose bit 51 steps once per microsecond (4096 units per µs), epoch 1900-01-01 00:00 UTC. It is
// tied to the host's monotonic clock, starting at the host's current time, so guests see real time that
// never goes backwards. SET CLOCK moves the whole machine's clock.
#ifndef S390VMM_CPU_TOD_CLOCK_H_
#define S390VMM_CPU_TOD_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace s390vmm {

class TodClock {
 public:
  // Seconds from the TOD epoch (1900) to the Unix epoch (1970).
  static constexpr uint64_t kUnixEpochSeconds = 2208988800ull;
  static constexpr uint64_t kUnitsPerMicrosecond = 4096;

  TodClock();

  // The current TOD value (bits 0-63).
  uint64_t Now() const;
  // SET CLOCK: from now on Now() continues from `tod`.
  void Set(uint64_t tod);

  // Host monotonic nanoseconds at which Now() reaches `tod` (for sleeping until a clock comparator);
  // returns 0 if it already has.
  int64_t HostDeadlineNs(uint64_t tod) const;

  static int64_t HostMonotonicNs();

 private:
  // TOD = host monotonic ns * 4096 / 1000 + offset.
  std::atomic<uint64_t> offset_;
};

}  // namespace s390vmm

#endif  // S390VMM_CPU_TOD_CLOCK_H_
