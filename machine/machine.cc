#include "machine/machine.h"

#include <algorithm>
#include <condition_variable>
#include <iostream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/big_endian.h"
#include "base/status_macros.h"
#include "bios/direct_boot.h"
#include "machine/stsi.h"

namespace s390vmm {
namespace {

// Field extraction from KVM-style intercept data: ipa = instruction bytes 0-1, ipb = bytes 2-5.
uint8_t IpaByte1(const InstructionIntercept& i) { return static_cast<uint8_t>(i.ipa); }
uint8_t RreR1(const InstructionIntercept& i) { return (i.ipb >> 20) & 0xf; }
uint8_t RreR2(const InstructionIntercept& i) { return (i.ipb >> 16) & 0xf; }
// RS/S formats: B2 in bits 16-19, D2 in bits 20-31 of the instruction = the first halfword of ipb.
uint8_t SB2(const InstructionIntercept& i) { return i.ipb >> 28; }
uint16_t SD2(const InstructionIntercept& i) { return (i.ipb >> 16) & 0xfff; }

// SIGP orders (PoP "SIGNAL PROCESSOR") and status bits.
enum SigpOrder : uint8_t {
  kSense = 0x01,
  kExternalCall = 0x02,
  kEmergencySignal = 0x03,
  kStart = 0x04,
  kStop = 0x05,
  kRestart = 0x06,
  kStopAndStoreStatus = 0x09,
  kInitialCpuReset = 0x0b,
  kCpuReset = 0x0c,
  kSetPrefix = 0x0d,
  kStoreStatusAtAddress = 0x0e,
  kSetArchitecture = 0x12,
  kConditionalEmergencySignal = 0x13,
  kSenseRunningStatus = 0x15,
};
constexpr uint32_t kSigpStatusNotRunning = 0x400;
constexpr uint32_t kSigpStatusIncorrectState = 0x200;
constexpr uint32_t kSigpStatusInvalidParameter = 0x100;
constexpr uint32_t kSigpStatusStopped = 0x40;
constexpr uint32_t kSigpStatusInvalidOrder = 0x02;

// PoP "Store Status": SIGP STOP AND STORE STATUS stores the save area at absolute 0x1200 (4608) and the
// architectural-mode identification (1: z/Architecture) at absolute 163; STORE STATUS AT ADDRESS takes
// the save area's address from bits 33-54 of the parameter (512-byte aligned, below 2 GiB).
constexpr uint64_t kStoreStatusSaveArea = 0x1200;
constexpr uint64_t kArchitecturalModeId = 0xa3;
constexpr uint64_t kStoreStatusAddressMask = 0x7ffffe00;
constexpr size_t kStoreStatusSize = 512;
// Offsets in the save area (PoP "Store Status", z/Architecture; Linux's lowcore __LC_*_SAVE_AREA - 0x1200).
namespace save_area {
constexpr size_t kFprs = 0x00;
constexpr size_t kGrs = 0x80;
constexpr size_t kPsw = 0x100;
constexpr size_t kPrefix = 0x118;
constexpr size_t kFpc = 0x11c;
constexpr size_t kTodProgrammable = 0x124;
constexpr size_t kCpuTimer = 0x128;
constexpr size_t kClockComparator = 0x130;  // byte 0 zero, bytes 1-7 bits 0-55 of the clock comparator
constexpr size_t kArs = 0x140;
constexpr size_t kCrs = 0x180;
}  // namespace save_area

bool IsLocalExternal(const ExternalInterrupt& e) { return e.code == 0x1200 || e.code == 0x1201 || e.code == 0x1202; }

// DIAG 308 return codes (in R1+1).
constexpr uint64_t kDiag308NoConfiguration = 0x0102;

// Cold-reset control registers (PoP "Initial CPU Reset"; what QEMU loads).
constexpr uint64_t kInitialCr0 = 0xe0;
constexpr uint64_t kInitialCr14 = 0xc2000000;

}  // namespace

Machine::Machine(const MachineConfig& config, CharBackend* console) : config_(config), console_(console) {}

Machine::~Machine() {
  done_ = true;
  for (auto& cpu : cpus_) {
    if (cpu->thread.joinable()) {
      cpu->vcpu->Kick();
      cpu->thread.join();
    }
  }
}

absl::StatusOr<std::unique_ptr<Machine>> Machine::Create(const MachineConfig& config, CharBackend* console) {
  std::unique_ptr<Machine> machine(new Machine(config, console));
  RETURN_IF_ERROR(machine->Initialize());
  return machine;
}

absl::Status Machine::Initialize() {
  if (config_.accel() == MachineConfig::ACCEL_KVM) {
    return absl::UnimplementedError("-accel kvm: the KVM backend is not implemented yet; use -accel tcg");
  }
  if (config_.pv().enabled()) {
    return absl::UnimplementedError(
        "Protected Virtualization (confidential-guest-support) is not implemented yet in the machine");
  }
  if (config_.drives_size() > 0) return absl::UnimplementedError("block devices (-drive) are not implemented yet");
  if (!config_.boot().bios().empty()) return absl::UnimplementedError("-bios is not implemented yet; use -kernel");
  if (config_.boot().kernel().empty()) {
    return absl::InvalidArgumentError("nothing to boot: give a kernel with -kernel (direct kernel boot)");
  }
  if (config_.cpu_model().empty()) {
    model_ = &DefaultCpuModel();
  } else {
    ASSIGN_OR_RETURN(model_, FindCpuModel(config_.cpu_model()));
  }
  const uint64_t bytes = config_.memory_mib() << 20;
  ASSIGN_OR_RETURN(memory_, GuestMemory::CreateFlat(bytes));
  SclpConfig sclp_config;
  sclp_config.memory_bytes = bytes;
  sclp_config.cpus = config_.cpus();
  sclp_config.max_cpus = config_.cpus();
  sclp_ = std::make_unique<Sclp>(*memory_, sclp_config, console_);

  for (uint32_t i = 0; i < config_.cpus(); ++i) {
    auto cpu = std::make_unique<Cpu>();
    interp::InterpreterOptions options;
    options.tod_clock = &tod_clock_;
    options.cpu_address = static_cast<uint16_t>(i);
    cpu->vcpu = std::make_unique<interp::Interpreter>(*memory_, *model_, options);
    CpuState& s = cpu->vcpu->state();
    s.cr[0] = kInitialCr0;
    s.cr[14] = kInitialCr14;
    cpus_.push_back(std::move(cpu));
  }

  ASSIGN_OR_RETURN(DirectBootResult boot, LoadDirectBootFiles(*memory_, config_.boot().kernel(),
                                                              config_.boot().initrd(), config_.boot().cmdline()));
  cpus_[0]->vcpu->state().psw = boot.psw;
  cpus_[0]->stopped = false;
  return absl::OkStatus();
}

void Machine::set_trace(const std::vector<std::string>& categories) {
  trace_ = categories;
  for (auto& cpu : cpus_) {
    cpu->vcpu->set_trace_interrupts(Tracing("interrupts"));
    cpu->vcpu->set_trace_insns(Tracing("insn"));
  }
}

bool Machine::Tracing(const char* category) const {
  return std::find(trace_.begin(), trace_.end(), category) != trace_.end();
}

void Machine::Trace(const std::string& line) const { std::cerr << "[s390vmm] " << line << "\n"; }

void Machine::Finish(MachineExit exit) {
  std::lock_guard<std::mutex> lock(exit_mu_);
  if (finished_) return;
  finished_ = true;
  exit_ = std::move(exit);
  done_ = true;
  for (auto& cpu : cpus_) {
    cpu->vcpu->Kick();
  }
}

void Machine::RequestStop() {
  std::string where;
  for (int i = 0; i < cpu_count(); ++i) {
    // Read without stopping the CPU: for the user's orientation only.
    where += absl::StrFormat("%sCPU %d at %x", i ? ", " : "", i, cpus_[i]->vcpu->last_address());
  }
  Finish({MachineExit::Reason::kStopRequested, 130, "stopped on request (" + where + ")"});
}

void Machine::SendConsoleInput(const std::string& bytes) {
  std::optional<uint32_t> param = sclp_->QueueConsoleInput(bytes);
  if (param) PostExternal(0, ExternalInterrupt{0x2401, *param, 0});
}

void Machine::PostExternal(int index, ExternalInterrupt interrupt) {
  Cpu& cpu = *cpus_[index];
  {
    std::lock_guard<std::mutex> lock(cpu.mu);
    cpu.pending_external.push_back(interrupt);
  }
  cpu.vcpu->Kick();
}

MachineStats Machine::stats() const {
  MachineStats stats;
  for (const auto& cpu : cpus_) {
    stats.instructions += cpu->vcpu->instructions();
    stats.decoded_blocks += cpu->vcpu->decoded_blocks();
    for (const auto& [id, count] : cpu->vcpu->UnimplementedHits()) {
      std::string name = id == isa::InsnId::kInvalid ? "(invalid opcode)" : isa::Info(id).mnemonic;
      auto it = std::find_if(stats.unimplemented.begin(), stats.unimplemented.end(),
                             [&](const auto& p) { return p.first == name; });
      if (it == stats.unimplemented.end()) {
        stats.unimplemented.emplace_back(name, count);
      } else {
        it->second += count;
      }
    }
  }
  stats.intercepts = intercepts_.load();
  const int64_t end = end_ns_ != 0 ? end_ns_ : TodClock::HostMonotonicNs();
  stats.seconds = static_cast<double>(end - start_ns_) / 1e9;
  return stats;
}

absl::StatusOr<MachineExit> Machine::Run() {
  start_ns_ = TodClock::HostMonotonicNs();
  for (int i = 0; i < cpu_count(); ++i) {
    cpus_[i]->thread = std::thread([this, i] { CpuLoop(i); });
  }
  for (auto& cpu : cpus_) cpu->thread.join();
  end_ns_ = TodClock::HostMonotonicNs();
  std::lock_guard<std::mutex> lock(exit_mu_);
  return exit_;
}

void Machine::CpuLoop(int index) {
  Cpu& cpu = *cpus_[index];
  interp::Interpreter& vcpu = *cpu.vcpu;
  while (!done_) {
    bool stopped;
    {
      std::unique_lock<std::mutex> lock(cpu.mu);
      for (const ExternalInterrupt& ext : cpu.pending_external) (void)vcpu.Inject(ext);
      cpu.pending_external.clear();
      PerformOrders(cpu);
      stopped = cpu.stopped;
    }
    if (stopped) {
      // A stopped CPU: when every CPU is stopped, the guest has halted the machine (Linux's poweroff
      // stops all CPUs with SIGP STOP).
      bool all_stopped = true;
      for (auto& other : cpus_) {
        std::lock_guard<std::mutex> lock(other->mu);
        all_stopped = all_stopped && other->stopped;
      }
      if (all_stopped) {
        Finish({MachineExit::Reason::kPowerOff, 0, ""});
        return;
      }
      // Wait for SIGP START/RESTART (which kick this CPU's vcpu, not a condition variable: poll gently).
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    absl::StatusOr<Exit> exit = vcpu.Run();
    if (!exit.ok()) {
      Finish({MachineExit::Reason::kDisabledWait, 1, std::string(exit.status().message())});
      return;
    }
    if (const auto* icpt = std::get_if<InstructionIntercept>(&*exit)) {
      intercepts_.fetch_add(1, std::memory_order_relaxed);
      HandleIntercept(index, *icpt);
    } else if (const auto* wait = std::get_if<DisabledWaitExit>(&*exit)) {
      Finish({MachineExit::Reason::kDisabledWait, 1,
              absl::StrFormat("CPU %d entered a disabled wait (PSW %s): the guest stopped itself (e.g. a kernel "
                              "panic or halt)", index, wait->psw.ToString())});
      return;
    } else if (std::holds_alternative<StoppedExit>(*exit)) {
      std::lock_guard<std::mutex> lock(cpu.mu);
      cpu.stopped = true;
    } else if (std::holds_alternative<KickedExit>(*exit)) {
      continue;
    } else {
      Finish({MachineExit::Reason::kDisabledWait, 1,
              absl::StrFormat("CPU %d: unexpected exit from the interpreter", index)});
      return;
    }
  }
}

void Machine::HandleIntercept(int index, const InstructionIntercept& icpt) {
  if (Tracing("exits")) Trace(absl::StrFormat("cpu %d intercept ipa=%04x ipb=%08x", index, icpt.ipa, icpt.ipb));
  const uint8_t op = icpt.ipa >> 8;
  if (icpt.ipa == 0xb220) return HandleServiceCall(index, icpt);
  if (op == 0x83) return HandleDiagnose(index, icpt);
  if (op == 0xae) return HandleSignalProcessor(index, icpt);
  if (icpt.ipa == 0xb27d) return HandleStoreSystemInformation(index, icpt);
  if (op == 0xb2) return HandleIo(index, icpt);
  // Anything else the interpreter hands over is not a machine function s390vmm provides (e.g. UVC without
  // Protected Virtualization): the guest sees an operation exception.
  (void)cpus_[index]->vcpu->Inject(ProgramInterrupt{ProgramInterruptCode::kOperation});
}

void Machine::HandleServiceCall(int index, const InstructionIntercept& icpt) {
  interp::Interpreter& vcpu = *cpus_[index]->vcpu;
  CpuState& s = vcpu.state();
  const uint32_t command = static_cast<uint32_t>(s.gr[RreR1(icpt)]);
  const uint64_t sccb = s.gr[RreR2(icpt)];
  Sclp::CallResult r = sclp_->ServiceCall(command, sccb, s.prefix);
  if (Tracing("sclp")) Trace(absl::StrFormat("cpu %d SERVC command=%08x sccb=%x cc=%d", index, command, sccb, r.cc));
  if (r.program_interrupt) {
    (void)vcpu.Inject(ProgramInterrupt{*r.program_interrupt});
    return;
  }
  s.psw.set_cc(r.cc);
  if (r.service_signal) (void)vcpu.Inject(ExternalInterrupt{0x2401, *r.service_signal, 0});
}

void Machine::HandleDiagnose(int index, const InstructionIntercept& icpt) {
  interp::Interpreter& vcpu = *cpus_[index]->vcpu;
  CpuState& s = vcpu.state();
  const uint8_t r1 = IpaByte1(icpt) >> 4;
  const uint8_t r3 = IpaByte1(icpt) & 0xf;
  const uint8_t b2 = SB2(icpt);
  const uint16_t code = static_cast<uint16_t>(((b2 ? s.gr[b2] : 0) + SD2(icpt)) & 0xffff);
  if (Tracing("diag")) Trace(absl::StrFormat("cpu %d DIAG 0x%x r1=%d r3=%d", index, code, r1, r3));
  switch (code) {
    case 0x44:   // voluntary time-slice end
    case 0x9c:   // directed yield: one host thread per CPU, nothing to yield to
      return;
    case 0x288:  // watchdog timer: accepted; s390vmm has no watchdog action yet (logged once below)
    case 0x318:  // set control-program codes: recorded by hypervisors for diagnostics only
      s.psw.set_cc(0);
      if (code == 0x288) break;
      return;
    case 0x308: {
      const uint64_t subcode = s.gr[r3];
      if (subcode == 5 || subcode == 6 || subcode == 8 || subcode == 9) {
        if (r1 & 1) {
          (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kSpecification});
          return;
        }
        // No IPL information block: the machine was booted directly (as QEMU answers for -kernel).
        s.gr[r1 + 1] = kDiag308NoConfiguration;
        return;
      }
      if (subcode <= 4) {
        Finish({MachineExit::Reason::kReboot, config_.no_reboot() ? 0 : 1,
                config_.no_reboot() ? "the guest asked for a re-IPL; -no-reboot: exiting"
                                    : absl::StrFormat("the guest asked for a re-IPL (diag 308 subcode %d); "
                                                      "rebooting is not implemented, exiting", subcode)});
        return;
      }
      (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kSpecification});
      return;
    }
    default:
      break;
  }
  {
    std::lock_guard<std::mutex> lock(diag_log_mu_);
    if (std::find(diag_logged_.begin(), diag_logged_.end(), code) == diag_logged_.end()) {
      diag_logged_.push_back(code);
      std::cerr << absl::StrFormat("s390vmm: DIAG 0x%x is not supported%s\n", code,
                                   code == 0x288 ? " (watchdog accepted, no action)" : ": specification exception");
    }
  }
  if (code != 0x288) (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kSpecification});
}

void Machine::HandleSignalProcessor(int index, const InstructionIntercept& icpt) {
  CpuState& s = cpus_[index]->vcpu->state();
  const uint8_t r1 = IpaByte1(icpt) >> 4;
  const uint8_t r3 = IpaByte1(icpt) & 0xf;
  const uint8_t b2 = SB2(icpt);
  const uint8_t order = static_cast<uint8_t>(((b2 ? s.gr[b2] : 0) + SD2(icpt)) & 0xff);
  const uint16_t target = static_cast<uint16_t>(s.gr[r3]);
  const uint64_t parameter = s.gr[r1 | 1];
  SignalProcessor(index, r1, order, target, parameter);
  if (Tracing("sigp")) {
    Trace(absl::StrFormat("cpu %d SIGP order 0x%x to cpu %d: cc %d status %x", index, order, target, s.psw.cc(),
                          s.psw.cc() == 1 ? s.gr_low(r1) : 0));
  }
}

void Machine::SignalProcessor(int index, uint8_t r1, uint8_t order, uint16_t target, uint64_t parameter) {
  CpuState& s = cpus_[index]->vcpu->state();
  auto status = [&](uint32_t bits) {
    s.set_gr_low(r1, bits);
    s.psw.set_cc(1);
  };
  std::unique_lock<std::mutex> sigp_lock(sigp_mu_, std::try_to_lock);
  if (!sigp_lock.owns_lock()) {
    s.psw.set_cc(2);  // busy: another CPU's order is being carried out; the guest retries
    return;
  }
  if (target >= cpus_.size()) {
    s.psw.set_cc(3);  // not operational
    return;
  }
  Cpu& t = *cpus_[target];
  s.psw.set_cc(0);
  switch (order) {
    case kSense: {
      std::lock_guard<std::mutex> lock(t.mu);
      if (t.stopped) status(kSigpStatusStopped);
      return;
    }
    case kExternalCall:
      PostExternal(target, ExternalInterrupt{0x1202, 0, static_cast<uint16_t>(index)});
      return;
    case kEmergencySignal:
    case kConditionalEmergencySignal:
      PostExternal(target, ExternalInterrupt{0x1201, 0, static_cast<uint16_t>(index)});
      return;
    case kStart:
    case kStop:
    case kStopAndStoreStatus:
    case kRestart:
    case kSetPrefix:
    case kStoreStatusAtAddress:
    case kInitialCpuReset:
    case kCpuReset:
      if (const uint32_t bits = SigpStateOrder(index, target, order, parameter)) status(bits);
      return;
    case kSetArchitecture:
      // The machine is always in z/Architecture mode; QEMU answers the same way.
      return status(kSigpStatusInvalidParameter);
    case kSenseRunningStatus: {
      std::lock_guard<std::mutex> lock(t.mu);
      if (t.stopped) status(kSigpStatusNotRunning);
      return;
    }
    default:
      return status(kSigpStatusInvalidOrder);
  }
}

uint32_t Machine::SigpStateOrder(int index, int target, uint8_t order, uint64_t parameter) {
  Cpu& t = *cpus_[target];
  std::unique_lock<std::mutex> lock(t.mu);
  switch (order) {
    case kStart:
      t.stopped = false;  // a running CPU ignores it
      return 0;
    case kStop:
    case kStopAndStoreStatus:
      if (t.stopped) {
        if (order == kStopAndStoreStatus) {
          (void)memory_->Store<uint8_t>(GuestAddress(kArchitecturalModeId), 1);
          (void)StoreStatus(t, kStoreStatusSaveArea);
        }
        return 0;
      }
      t.stop_requested = true;
      t.store_status_requested = t.store_status_requested || order == kStopAndStoreStatus;
      break;
    case kRestart:
      // A stopped CPU starts with the restart interruption; a running one takes it as soon as it can.
      // Either way the CPU counts as operating from now on.
      t.restart_requested = true;
      t.stopped = false;
      if (target != index) t.vcpu->Kick();
      return 0;
    case kSetPrefix: {
      // PoP "Set Prefix": bits 33-50 of the parameter; the CPU must be stopped.
      const uint32_t prefix = static_cast<uint32_t>(parameter) & 0x7fffe000;
      if (!memory_->Contains(GuestAddress(prefix), 2 * kPageSize)) return kSigpStatusInvalidParameter;
      if (!t.stopped) return kSigpStatusIncorrectState;
      t.vcpu->state().prefix = prefix;
      t.vcpu->FlushTlb();
      return 0;
    }
    case kStoreStatusAtAddress:
      if (!t.stopped) return kSigpStatusIncorrectState;
      if (!StoreStatus(t, parameter & kStoreStatusAddressMask).ok()) return kSigpStatusInvalidParameter;
      return 0;
    case kInitialCpuReset:
    case kCpuReset:
      if (t.stopped) {
        ResetCpu(t, order == kInitialCpuReset);
        return 0;
      }
      t.reset_requested = order;
      break;
    default:
      return kSigpStatusInvalidOrder;
  }
  // A running CPU carries out stop and reset orders itself, at the top of its loop: this one right after
  // its SIGP, another one once kicked out of Run(). SIGP returns when the order is done (as QEMU's
  // run_on_cpu), so that SENSE right after STOP sees the CPU stopped.
  if (target == index) return 0;
  t.vcpu->Kick();
  WaitForOrders(t, lock);
  return 0;
}

void Machine::WaitForOrders(Cpu& target, std::unique_lock<std::mutex>& lock) {
  while (!done_ && (target.stop_requested || target.reset_requested != 0)) {
    target.order_done.wait_for(lock, std::chrono::milliseconds(10));
  }
}

void Machine::PerformOrders(Cpu& cpu) {
  interp::Interpreter& vcpu = *cpu.vcpu;
  bool performed = false;
  if (cpu.reset_requested != 0) {
    ResetCpu(cpu, cpu.reset_requested == kInitialCpuReset);
    performed = true;
  }
  if (cpu.restart_requested) {
    cpu.restart_requested = false;
    cpu.stopped = false;
    (void)vcpu.Inject(RestartInterrupt{});
  }
  if (cpu.stop_requested) {
    if (cpu.store_status_requested) {
      (void)memory_->Store<uint8_t>(GuestAddress(kArchitecturalModeId), 1);
      (void)StoreStatus(cpu, kStoreStatusSaveArea);
    }
    cpu.stop_requested = false;
    cpu.store_status_requested = false;
    cpu.stopped = true;
    performed = true;
  }
  if (performed) cpu.order_done.notify_all();
}

void Machine::ResetCpu(Cpu& cpu, bool initial) {
  interp::Interpreter& vcpu = *cpu.vcpu;
  // Both resets stop the CPU and clear its local interruptions and pending orders.
  vcpu.ClearLocalInterrupts();
  cpu.pending_external.erase(std::remove_if(cpu.pending_external.begin(), cpu.pending_external.end(), IsLocalExternal),
                             cpu.pending_external.end());
  cpu.stop_requested = false;
  cpu.store_status_requested = false;
  cpu.restart_requested = false;
  cpu.reset_requested = 0;
  cpu.stopped = true;
  CpuState& ts = vcpu.state();
  ts.psw = Psw();
  if (initial) {
    // PoP "Initial CPU Reset": PSW, prefix, CPU timer, clock comparator, TOD programmable register, FPC
    // and the control registers (to their initial values) are cleared; BEAR is 1.
    ts.prefix = 0;
    ts.cr.fill(0);
    ts.cr[0] = kInitialCr0;
    ts.cr[14] = kInitialCr14;
    ts.fpc = 0;
    ts.clock_comparator = 0;
    ts.tod_programmable = 0;
    vcpu.set_cpu_timer(0);
    ts.breaking_event_address = 1;
  }
  vcpu.FlushTlb();
}

absl::Status Machine::StoreStatus(Cpu& cpu, uint64_t address) {
  interp::Interpreter& vcpu = *cpu.vcpu;
  const CpuState& s = vcpu.state();
  uint8_t area[kStoreStatusSize] = {};
  for (int i = 0; i < 16; ++i) {
    StoreBigEndian<uint64_t>(area + save_area::kFprs + 8 * i, s.fpr(i));
    StoreBigEndian<uint64_t>(area + save_area::kGrs + 8 * i, s.gr[i]);
    StoreBigEndian<uint32_t>(area + save_area::kArs + 4 * i, s.ar[i]);
    StoreBigEndian<uint64_t>(area + save_area::kCrs + 8 * i, s.cr[i]);
  }
  StoreBigEndian<uint64_t>(area + save_area::kPsw, s.psw.mask());
  StoreBigEndian<uint64_t>(area + save_area::kPsw + 8, s.psw.address());
  StoreBigEndian<uint32_t>(area + save_area::kPrefix, s.prefix);
  StoreBigEndian<uint32_t>(area + save_area::kFpc, s.fpc);
  StoreBigEndian<uint32_t>(area + save_area::kTodProgrammable, s.tod_programmable);
  StoreBigEndian<uint64_t>(area + save_area::kCpuTimer, static_cast<uint64_t>(vcpu.cpu_timer()));
  StoreBigEndian<uint64_t>(area + save_area::kClockComparator, s.clock_comparator >> 8);
  if (!memory_->Contains(GuestAddress(address), kStoreStatusSize)) {
    return absl::OutOfRangeError(absl::StrFormat("store status at 0x%x: outside guest memory", address));
  }
  return memory_->Write(GuestAddress(address), absl::MakeConstSpan(area));
}

void Machine::HandleIo(int index, const InstructionIntercept& icpt) {
  interp::Interpreter& vcpu = *cpus_[index]->vcpu;
  CpuState& s = vcpu.state();
  const uint8_t op2 = icpt.ipa & 0xff;
  if (Tracing("io")) Trace(absl::StrFormat("cpu %d I/O instruction b2%02x gr1=%x", index, op2, s.gr[1]));
  // The machine has no channel-subsystem devices yet: every subchannel is not operational.
  auto check_subchannel_id = [&]() -> bool {
    // GR1: bits 32-44 zero, bit 47 one, bits 45-46 the subsystem-set id (PoP "Subchannel-Identification Word").
    const uint32_t schid = static_cast<uint32_t>(s.gr[1]);
    if ((schid & 0xfff80000) != 0 || !(schid & 0x00010000)) {
      (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kOperand});
      return false;
    }
    return true;
  };
  switch (op2) {
    case 0x30:  // CSCH
    case 0x31:  // HSCH
    case 0x32:  // MSCH
    case 0x33:  // SSCH
    case 0x34:  // STSCH
    case 0x35:  // TSCH
    case 0x38:  // RSCH
    case 0x76:  // XSCH
      if (check_subchannel_id()) s.psw.set_cc(3);
      return;
    case 0x36:  // TPI: no I/O interruption pending
      s.psw.set_cc(0);
      return;
    case 0x39: {  // STCRW: no channel report pending: zeros stored, CC 1
      const uint64_t addr = ((SB2(icpt) ? s.gr[SB2(icpt)] : 0) + SD2(icpt)) & s.psw.AddressMask();
      if (addr & 3) {
        (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kSpecification});
        return;
      }
      if (!memory_->Store<uint32_t>(GuestAddress(addr), 0).ok()) {
        (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kAddressing});
        return;
      }
      s.psw.set_cc(1);
      return;
    }
    case 0x3b:  // RCHP: no channel paths
      s.psw.set_cc(3);
      return;
    case 0x37:  // SAL
    case 0x3c:  // SCHM
      return;
    case 0x5f: {  // CHSC: answer every command with "not provided" (response code 0x0004)
      const uint64_t request = s.gr[RreR1(icpt)];
      if (request & 0xfff) {
        (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kSpecification});
        return;
      }
      absl::StatusOr<uint16_t> length = memory_->Load<uint16_t>(GuestAddress(request));
      if (!length.ok() || *length < 16 || *length > 4096 - 8) {
        (void)vcpu.Inject(ProgramInterrupt{length.ok() ? ProgramInterruptCode::kOperand
                                                       : ProgramInterruptCode::kAddressing});
        return;
      }
      (void)memory_->Store<uint16_t>(GuestAddress(request + *length), 8);
      (void)memory_->Store<uint16_t>(GuestAddress(request + *length + 2), 0x0004);
      s.psw.set_cc(0);
      return;
    }
    default:
      (void)vcpu.Inject(ProgramInterrupt{ProgramInterruptCode::kOperation});
      return;
  }
}

}  // namespace s390vmm

namespace s390vmm {

void Machine::HandleStoreSystemInformation(int index, const InstructionIntercept& icpt) {
  interp::Interpreter& vcpu = *cpus_[index]->vcpu;
  CpuState& s = vcpu.state();
  StsiConfig config;
  config.machine_type = model_->machine_type();
  config.cpus = config_.cpus();
  config.max_cpus = config_.cpus();
  const uint64_t operand = ((SB2(icpt) ? s.gr[SB2(icpt)] : 0) + SD2(icpt)) & s.psw.AddressMask();
  StsiResult r = StoreSystemInformation(
      *memory_, config, s.gr[0], s.gr[1], operand, static_cast<uint16_t>(index),
      [&](uint64_t logical) -> StsiOperandAddress {
        std::variant<GuestAddress, ProgramInterruptCode> t = vcpu.TranslateOperand(logical, /*store=*/true);
        if (const auto* abs = std::get_if<GuestAddress>(&t)) return *abs;
        return std::get<ProgramInterruptCode>(t);
      });
  if (Tracing("exits")) Trace(absl::StrFormat("cpu %d STSI gr0=%x gr1=%x cc=%d", index, s.gr[0], s.gr[1], r.cc));
  if (r.program_interrupt) {
    (void)vcpu.Inject(ProgramInterrupt{*r.program_interrupt});
    return;
  }
  if (r.gr0_changed) s.gr[0] = r.gr0;
  s.psw.set_cc(r.cc);
}

}  // namespace s390vmm
