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
  struct Cpu {
    std::unique_ptr<interp::Interpreter> vcpu;
    std::thread thread;
    std::mutex mu;                                  // guards the fields below
    std::vector<ExternalInterrupt> pending_external;  // posted by other threads
    bool stopped = true;
    bool stop_requested = false;
    bool restart_requested = false;
    bool start_requested = false;
  };

  Machine(const MachineConfig& config, CharBackend* console);
  absl::Status Initialize();
  void CpuLoop(int index);
  // Handles one intercept of CPU `index`; false ends the machine (exit_ is set).
  void HandleIntercept(int index, const InstructionIntercept& icpt);
  void HandleServiceCall(int index, const InstructionIntercept& icpt);
  void HandleDiagnose(int index, const InstructionIntercept& icpt);
  void HandleSignalProcessor(int index, const InstructionIntercept& icpt);
  void HandleIo(int index, const InstructionIntercept& icpt);
  void HandleStoreSystemInformation(int index, const InstructionIntercept& icpt);
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
