// Robustness: guests that execute garbage. Random bytes as code, lowcore and page tables, random control
// registers and PSWs (DAT on or off, any addressing mode, wait bits, keys): whatever happens must be an
// architected outcome — program interruptions, waits, intercepts — and never a crash or an escaped host
// exception. Each program runs until it exits or for a bounded number of kicks (a watchdog thread kicks
// the CPU; a garbage loop with interrupts masked would spin forever, as it would on real hardware).
// Run under --config=asan as well: a wild guest must not make the VMM touch host memory out of bounds.
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "cpu/cpu_model.h"
#include "cpu/interp/interpreter.h"
#include "gtest/gtest.h"
#include "memory/guest_memory.h"

namespace s390vmm::interp {
namespace {

constexpr uint64_t kMemorySize = 1 << 20;

class WildGuestTest : public ::testing::TestWithParam<int> {};

TEST_P(WildGuestTest, GarbageNeverCrashesTheVmm) {
  std::mt19937_64 rng(static_cast<uint64_t>(GetParam()) * 0x9e3779b97f4a7c15ull + 1);
  std::unique_ptr<GuestMemory> memory = *GuestMemory::CreateFlat(kMemorySize);
  // Mostly random bytes, with runs of plausible code: half the pages are filled from a small set of
  // common opcodes so that execution gets somewhere before the first exception.
  std::vector<uint8_t> bytes(kMemorySize);
  static constexpr uint8_t kCommon[] = {0x18, 0x1a, 0x41, 0x58, 0x50, 0xa7, 0xe3, 0xeb, 0xc0, 0xb2, 0x07, 0x47,
                                        0x0d, 0x05, 0x90, 0x98, 0xd2, 0xb9, 0xec, 0x82, 0x83, 0xb2, 0x0a, 0x44};
  for (uint64_t page = 0; page < kMemorySize; page += 4096) {
    const bool codeish = rng() & 1;
    for (uint64_t i = page; i < page + 4096; ++i) {
      bytes[i] = codeish && (i % 2 == 0) && (rng() % 3 == 0) ? kCommon[rng() % sizeof(kCommon)]
                                                             : static_cast<uint8_t>(rng());
    }
  }
  ASSERT_TRUE(memory->Write(GuestAddress(0), absl::MakeConstSpan(bytes)).ok());

  const std::vector<const CpuModel*> models = AllCpuModels();
  Interpreter cpu(*memory, *models[rng() % models.size()]);
  CpuState& s = cpu.state();
  for (uint64_t& r : s.gr) r = rng();
  for (uint64_t& c : s.cr) c = rng();
  s.prefix = static_cast<uint32_t>(rng() % kMemorySize) & 0x7fffe000;
  // A PSW with random bits in its valid positions (an invalid PSW is a specification exception,
  // which is also a fine outcome).
  s.psw = Psw(rng() & 0xffffffff80000000ull, rng() % kMemorySize & ~1ull);

  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    while (!done.load()) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      cpu.Kick();
    }
  });
  int runs = 0;
  for (; runs < 40; ++runs) {
    absl::StatusOr<Exit> exit = cpu.Run();
    ASSERT_TRUE(exit.ok()) << exit.status();
    if (std::holds_alternative<DisabledWaitExit>(*exit) || std::holds_alternative<StoppedExit>(*exit)) break;
    if (const auto* icpt = std::get_if<InstructionIntercept>(&*exit)) {
      // No machine behind this CPU: answer every intercept with an operation exception.
      ASSERT_TRUE(cpu.Inject(ProgramInterrupt{ProgramInterruptCode::kOperation}).ok());
      (void)icpt;
    }
  }
  done.store(true);
  watchdog.join();
  SUCCEED() << runs << " runs, " << cpu.instructions() << " instructions";
}

INSTANTIATE_TEST_SUITE_P(Seeds, WildGuestTest, ::testing::Range(0, 120));

}  // namespace
}  // namespace s390vmm::interp
