// File: machine/machine.h
//
// The s390-ccw-virtio machine: guest memory, the vCPUs (one host thread each), SCLP with its console,
// direct kernel boot, and the dispatch of what the CPUs hand to the machine (SERVC, DIAG, SIGP, STSI, the
// I/O instructions). Built from one MachineConfig; the CLI and the Python module are thin shells over it.
//
//   ASSIGN_OR_RETURN(auto machine, Machine::Create(config, &console));
//   ASSIGN_OR_RETURN(MachineExit exit, machine->Run());   // until power-off, disabled wait or error
#ifndef S390VMM_MACHINE_MACHINE_H_
#define S390VMM_MACHINE_MACHINE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "cpu/cpu_model.h"
#include "cpu/interp/interpreter.h"
#include "cpu/tod_clock.h"
#include "machine/char_backend.h"
#include "machine/config.pb.h"
#include "machine/sclp.h"
#include "memory/guest_memory.h"

namespace s390vmm {

// How a run ended.
struct MachineExit {
  enum class Reason {
    kPowerOff,      // every CPU stopped (Linux's poweroff/halt): status 0
    kReboot,        // the guest asked for a re-IPL and the machine does not reboot (-no-reboot)
    kDisabledWait,  // a CPU loaded a disabled-wait PSW: the guest gave up (panic) or crashed
    kStopRequested, // RequestStop() (the user quit, Python stop())
  };
  Reason reason = Reason::kPowerOff;
  int status = 0;       // the VMM's exit status
  std::string message;  // for the user; empty for a clean power-off
};

// Execution statistics (--stats).
struct MachineStats {
  uint64_t instructions = 0;
  uint64_t decoded_blocks = 0;
  double seconds = 0;
  uint64_t intercepts = 0;
  std::vector<std::pair<std::string, uint64_t>> unimplemented;  // mnemonic (or "invalid"), count
};

class Machine {
 public:
  // Builds the machine and performs the IPL (direct kernel boot). `console` receives the guest console's
  // output and must outlive the machine.
  static absl::StatusOr<std::unique_ptr<Machine>> Create(const MachineConfig& config, CharBackend* console);
  ~Machine();

  // Runs the vCPUs until the machine ends. Call once.
  absl::StatusOr<MachineExit> Run();

  // Thread-safe: host console input for the guest (keyboard).
  void SendConsoleInput(const std::string& bytes);
  // Thread-safe: makes Run() return kStopRequested soon.
  void RequestStop();

  GuestMemory& memory() { return *memory_; }
  interp::Interpreter& cpu(int index) { return *cpus_[index]->vcpu; }
  int cpu_count() const { return static_cast<int>(cpus_.size()); }
  MachineStats stats() const;
  // Enables traces by category ("sclp", "exits", "diag", "sigp", "io"), written to stderr.
  void set_trace(const std::vector<std::string>& categories);

 private:
  // One vCPU and its host thread. While a CPU runs, only its own thread touches its architected state;
  // other threads (SIGP) leave orders here and kick it. While it is stopped, its thread touches the
  // state only under `mu`, so a SIGP handler holding `mu` may read and change the state of a stopped CPU.
  struct Cpu {
    std::unique_ptr<interp::Interpreter> vcpu;
    std::thread thread;
    std::mutex mu;                                  // guards the fields below
    std::condition_variable order_done;             // notified when the CPU's thread carried out orders
    std::vector<ExternalInterrupt> pending_external;  // posted by other threads
    bool stopped = true;
    // Orders for the CPU's own thread, carried out at the top of its loop:
    bool stop_requested = false;
    bool store_status_requested = false;  // with stop_requested: SIGP STOP AND STORE STATUS
    bool restart_requested = false;
    uint8_t reset_requested = 0;          // SIGP (INITIAL) CPU RESET order code, 0 = none
  };

  Machine(const MachineConfig& config, CharBackend* console);
  absl::Status Initialize();
  void CpuLoop(int index);
  // Handles one intercept of CPU `index`; false ends the machine (exit_ is set).
  void HandleIntercept(int index, const InstructionIntercept& icpt);
  void HandleServiceCall(int index, const InstructionIntercept& icpt);
  void HandleDiagnose(int index, const InstructionIntercept& icpt);
  void HandleSignalProcessor(int index, const InstructionIntercept& icpt);
  void SignalProcessor(int index, uint8_t r1, uint8_t order, uint16_t target, uint64_t parameter);
  void HandleIo(int index, const InstructionIntercept& icpt);
  void HandleStoreSystemInformation(int index, const InstructionIntercept& icpt);
  // SIGP orders that change the target's state: performed right away on a stopped CPU (under its `mu`,
  // held by the caller), else handed to its thread and waited for. Return the SIGP status bits (0: none).
  uint32_t SigpStateOrder(int index, int target, uint8_t order, uint64_t parameter);
  // Waits (with `lock` on the target's mu) until the target's thread has carried out its orders, or the
  // machine ends.
  void WaitForOrders(Cpu& target, std::unique_lock<std::mutex>& lock);
  // Carries out the orders posted for CPU `cpu` (its own thread, `mu` held).
  void PerformOrders(Cpu& cpu);
  // PoP "CPU Reset" / "Initial CPU Reset" of a stopped CPU, or one on its own thread.
  void ResetCpu(Cpu& cpu, bool initial);
  // PoP "Store Status": the 512-byte z/Architecture save area of `cpu` at absolute `address`.
  absl::Status StoreStatus(Cpu& cpu, uint64_t address);
  // Posts an external interruption to a CPU from any thread.
  void PostExternal(int index, ExternalInterrupt interrupt);
  void Finish(MachineExit exit);
  bool Tracing(const char* category) const;
  void Trace(const std::string& line) const;

  const MachineConfig config_;
  CharBackend* const console_;
  const CpuModel* model_ = nullptr;
  std::unique_ptr<GuestMemory> memory_;
  TodClock tod_clock_;
  std::unique_ptr<Sclp> sclp_;
  std::vector<std::unique_ptr<Cpu>> cpus_;

  // Held while a SIGP order is carried out: a CPU that finds it taken gets CC 2 (busy), as in QEMU,
  // so that two CPUs signalling each other never wait for each other.
  std::mutex sigp_mu_;
  std::mutex exit_mu_;
  bool finished_ = false;
  MachineExit exit_;
  std::atomic<bool> done_{false};
  std::atomic<uint64_t> intercepts_{0};
  int64_t start_ns_ = 0;
  int64_t end_ns_ = 0;
  std::vector<std::string> trace_;
  // DIAG codes already reported as unsupported (each is logged once).
  std::mutex diag_log_mu_;
  std::vector<uint16_t> diag_logged_;
};

}  // namespace s390vmm

#endif  // S390VMM_MACHINE_MACHINE_H_
