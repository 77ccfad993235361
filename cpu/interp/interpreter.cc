#include "cpu/interp/interpreter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "absl/strings/str_format.h"

namespace s390vmm::interp {
namespace {

// Program interruptions that nullify the instruction (the old PSW points at it, so that it runs again
// once the condition is fixed): the DAT translation exceptions. All others suppress, terminate or
// complete, and the old PSW points past the instruction (PoP "Types of Instruction Ending").
bool IsNullifying(ProgramInterruptCode code) {
  switch (code) {
    case ProgramInterruptCode::kSegmentTranslation:
    case ProgramInterruptCode::kPageTranslation:
    case ProgramInterruptCode::kAsceType:
    case ProgramInterruptCode::kRegionFirstTranslation:
    case ProgramInterruptCode::kRegionSecondTranslation:
    case ProgramInterruptCode::kRegionThirdTranslation:
    case ProgramInterruptCode::kSecureStorageAccess:
    case ProgramInterruptCode::kNonSecureStorageAccess:
      return true;
    default:
      return false;
  }
}

// Blocks run between looks at kicks and pending interrupts.
constexpr int kBlocksPerSlice = 256;

}  // namespace

namespace {
TodClock& ClockFor(const InterpreterOptions& options, std::unique_ptr<TodClock>& own) {
  if (options.tod_clock != nullptr) return *options.tod_clock;
  own = std::make_unique<TodClock>();
  return *own;
}
}  // namespace

Interpreter::Interpreter(GuestMemory& memory, const CpuModel& model, InterpreterOptions options)
    : memory_(memory),
      options_(options),
      cpu_(memory, model, ClockFor(options_, own_tod_clock_), options.cpu_address),
      cache_(HandlerTable::Default()) {}

void Interpreter::Kick() {
  kicked_.store(true, std::memory_order_release);
  std::lock_guard<std::mutex> lock(wait_mu_);
  wait_cv_.notify_all();
}

absl::Status Interpreter::Inject(const Interrupt& interrupt) {
  if (const auto* ext = std::get_if<ExternalInterrupt>(&interrupt)) {
    pending_external_.push_back(*ext);
  } else if (const auto* io = std::get_if<IoInterrupt>(&interrupt)) {
    pending_io_.push_back(*io);
  } else if (std::holds_alternative<RestartInterrupt>(interrupt)) {
    pending_restart_ = true;
  } else if (const auto* pgm = std::get_if<ProgramInterrupt>(&interrupt)) {
    // Presented for the instruction of the last intercept; the PSW already points past it.
    ProgramException e{pgm->code, 0};
    cpu_.ia = cpu_.s.psw.address() - intercept_length_;
    cpu_.next_ia = cpu_.s.psw.address();
    cpu_.in_execute = false;
    Exit exit;
    if (OnProgramException(e, &exit)) {
      return absl::FailedPreconditionError("program interrupts cannot be injected in user mode");
    }
  }
  return absl::OkStatus();
}

void Interpreter::ClearLocalInterrupts() {
  pending_restart_ = false;
  pending_external_.erase(std::remove_if(pending_external_.begin(), pending_external_.end(),
                                         [](const ExternalInterrupt& e) {
                                           return e.code == 0x1200 || e.code == 0x1201 || e.code == 0x1202;
                                         }),
                          pending_external_.end());
}

std::variant<GuestAddress, ProgramInterruptCode> Interpreter::TranslateOperand(uint64_t addr, bool store) {
  cpu_.PswChanged();  // the state may have been edited between runs
  try {
    return GuestAddress(cpu_.TranslateToAbsolute(cpu_.Wrap(addr), store ? AccessType::kStore : AccessType::kFetch));
  } catch (const ProgramException& e) {
    return e.code;
  }
}

std::vector<std::pair<isa::InsnId, uint64_t>> Interpreter::UnimplementedHits() const {
  std::vector<std::pair<isa::InsnId, uint64_t>> hits;
  for (int i = 0; i < static_cast<int>(isa::InsnId::kCount); ++i) {
    uint64_t n = cpu_.unimplemented_count(static_cast<isa::InsnId>(i));
    if (n) hits.emplace_back(static_cast<isa::InsnId>(i), n);
  }
  return hits;
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline void Interpreter::ExecuteBlock(const Block& block) {
  current_block_ = &block;
  block_start_ia_ = cpu_.ia;
  const Insn* first = block.begin();
  cpu_.insn_count += block.size();
  cpu_.next_ia = cpu_.ia + first->length;
  // Runs the block's instructions one after another (threaded dispatch, see insn.h) until one leaves
  // the sequence (`left`), or to the end-of-block sentinel (nullptr).
  const Insn* left = first->thread(cpu_, *first);
  if (left != nullptr) cpu_.insn_count -= block.end() - (left + 1);
  current_block_ = nullptr;
  cpu_.ia = cpu_.Wrap(cpu_.next_ia);
}

// The traced variant: one instruction at a time through its plain handler, each written out first.
void Interpreter::ExecuteBlockTraced(const Block& block) {
  current_block_ = &block;
  block_start_ia_ = cpu_.ia;
  uint64_t ia = cpu_.ia;
  for (const Insn* insn = block.begin(); insn != block.end(); ++insn) {
    const isa::DecodedInsn d{insn->id, insn->length, insn->ops};
    std::fprintf(stderr, "[cpu %u] %016llx: %s\n", options_.cpu_address, static_cast<unsigned long long>(ia),
                 isa::Disassemble(d, ia).c_str());
    ++cpu_.insn_count;
    const uint64_t next = ia + insn->length;
    cpu_.ia = ia;
    cpu_.next_ia = next;
    // Exceptions unwind from here; OnProgramException takes back the instructions after this one,
    // which were never counted: count them now so that its correction comes out even.
    cpu_.insn_count += block.end() - (insn + 1);
    insn->exec(cpu_, *insn);
    cpu_.insn_count -= block.end() - (insn + 1);
    if (cpu_.next_ia != next) break;
    ia = next;
  }
  current_block_ = nullptr;
  cpu_.ia = cpu_.Wrap(cpu_.next_ia);
}

void Interpreter::RunBlocks() {
  const Block* block = nullptr;
  for (int n = 0; n < kBlocksPerSlice; ++n) {
    cpu_.SyncTlbPurges();
    fetching_ = true;
    block = block == nullptr ? cache_.Lookup(cpu_, cpu_.ia) : cache_.Next(cpu_, block, cpu_.ia);
    fetching_ = false;
    if (ABSL_PREDICT_FALSE(trace_insns_)) {
      ExecuteBlockTraced(*block);
    } else {
      ExecuteBlock(*block);
    }
    if (block->ends_special || kicked_.load(std::memory_order_relaxed)) return;
  }
  last_address_.store(cpu_.ia, std::memory_order_relaxed);
}

bool Interpreter::OnProgramException(const ProgramException& e, Exit* exit) {
  uint64_t ia = cpu_.ia;
  uint8_t length = static_cast<uint8_t>(cpu_.next_ia - cpu_.ia);
  const bool fetching_failed = fetching_;
  const Insn* faulting = nullptr;
  if (fetching_) {
    length = 2;  // no instruction was decoded; the ILC of instruction-fetch exceptions is not meaningful
    fetching_ = false;
  } else if (cpu_.in_execute) {
    ia = cpu_.execute_ia;
    length = cpu_.execute_length;
  }
  cpu_.in_execute = false;
  // ExecuteBlock counted the whole block: take back the instructions after the one that faulted.
  if (current_block_ != nullptr) {
    uint64_t a = block_start_ia_;
    size_t done = 0;
    for (const Insn* insn = current_block_->begin(); insn != current_block_->end(); ++insn) {
      ++done;
      if (a == ia) {  // the EXECUTE instruction when its target faulted
        faulting = insn;
        break;
      }
      a += insn->length;
    }
    cpu_.insn_count -= current_block_->size() - done;
    current_block_ = nullptr;
  }
  const uint64_t psw_address = IsNullifying(e.code) ? ia : cpu_.Wrap(ia + length);
  if (trace_interrupts_) {
    std::string insn = fetching_failed ? "(instruction fetch)" : "?";
    if (!fetching_failed && faulting != nullptr) {
      isa::DecodedInsn d{faulting->id, faulting->length, faulting->ops};
      insn = isa::Disassemble(d, ia);
    }
    std::fprintf(stderr, "[s390vmm] program interruption 0x%x (%s) at %llx ilc %d teid %llx: %s\n",
                 static_cast<unsigned>(e.code), ProgramInterruptName(e.code), static_cast<unsigned long long>(ia),
                 length, static_cast<unsigned long long>(e.teid), insn.c_str());
  }
  // With the AFP-register control on, a data exception's DXC (a vector-processing exception's VXC) also goes
  // to byte 2 of the FPC (also in user mode, where Linux hands it to the signal handler through the FPC).
  const bool has_dxc = e.code == ProgramInterruptCode::kData || e.code == ProgramInterruptCode::kVectorProcessing;
  if (has_dxc && (cpu_.s.cr[0] & cr0::kAfpRegisterControl)) {
    cpu_.s.fpc = (cpu_.s.fpc & ~0xff00u) | (uint32_t{e.dxc} << 8);
  }
  if (options_.user_mode) {
    cpu_.s.psw.set_address(psw_address);
    cpu_.ia = psw_address;
    *exit = ProgramInterruptExit{e.code, length, e.teid};
    return true;
  }
  cpu_.s.psw.set_address(psw_address);
  const GuestAddress lc(cpu_.s.prefix);
  (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kProgramIlc), length);
  (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kProgramCode), static_cast<uint16_t>(e.code));
  if (e.teid != 0) (void)memory_.Store<uint64_t>(lc.WrappingAdd(lowcore::kTeid), e.teid);
  if (has_dxc) {
    (void)memory_.Store<uint32_t>(lc.WrappingAdd(lowcore::kDataExceptionCode), e.dxc);
  }
  if (e.code == ProgramInterruptCode::kMonitorEvent) {
    (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kMonitorClass), e.monitor_class);
    (void)memory_.Store<uint64_t>(lc.WrappingAdd(lowcore::kMonitorCode), e.monitor_code);
  }
  SwapPsw(lowcore::kProgramOldPsw, lowcore::kProgramNewPsw);
  return false;
}

bool Interpreter::OnSupervisorCall(const SupervisorCallException& e, Exit* exit) {
  const uint8_t length =
      cpu_.in_execute ? cpu_.execute_length : static_cast<uint8_t>(cpu_.next_ia - cpu_.ia);
  cpu_.in_execute = false;
  current_block_ = nullptr;  // SVC ends its block: the count is exact
  // The old PSW points past the SVC (or the EXECUTE of it).
  cpu_.ia = cpu_.Wrap(cpu_.next_ia);
  cpu_.s.psw.set_address(cpu_.ia);
  if (options_.user_mode) {
    *exit = SupervisorCallExit{e.number, length};
    return true;
  }
  const GuestAddress lc(cpu_.s.prefix);
  (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kSvcIlc), length);
  (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kSvcCode), e.number);
  SwapPsw(lowcore::kSvcOldPsw, lowcore::kSvcNewPsw);
  return false;
}


void Interpreter::SwapPsw(uint64_t old_offset, uint64_t new_offset) {
  const GuestAddress lc(cpu_.s.prefix);
  uint8_t old_psw[16];
  StoreBigEndian<uint64_t>(old_psw, cpu_.s.psw.mask());
  StoreBigEndian<uint64_t>(old_psw + 8, cpu_.s.psw.address());
  (void)memory_.Write(lc.WrappingAdd(old_offset), absl::MakeConstSpan(old_psw));
  const uint64_t mask = memory_.Load<uint64_t>(lc.WrappingAdd(new_offset)).value_or(0);
  const uint64_t addr = memory_.Load<uint64_t>(lc.WrappingAdd(new_offset + 8)).value_or(0);
  cpu_.s.psw = Psw(mask, addr);
  cpu_.ia = addr;
  cpu_.PswChanged();
}

bool Interpreter::ExternalEnabled(uint16_t code) const {
  if (!cpu_.s.psw.external_enabled()) return false;
  const uint64_t cr0 = cpu_.s.cr[0];
  switch (code) {
    case 0x1004: return cr0 & cr0::kClockComparatorSubmask;
    case 0x1005: return cr0 & cr0::kCpuTimerSubmask;
    case 0x1201: return cr0 & cr0::kEmergencySignalSubmask;
    case 0x1202: return cr0 & cr0::kExternalCallSubmask;
    case 0x2401:
    case 0x2603: return cr0 & cr0::kServiceSignalSubmask;
    case 0x1200: return cr0 & cr0::kMalfunctionAlertSubmask;
    default: return true;
  }
}

bool Interpreter::DeliverPending() {
  if (options_.user_mode) return false;
  if (pending_restart_) {
    pending_restart_ = false;
    cpu_.s.psw.set_address(cpu_.ia);
    SwapPsw(lowcore::kRestartOldPsw, lowcore::kRestartNewPsw);
    return true;
  }
  // External interruptions in the priority order of the PoP ("External Interruption"; as KVM and QEMU
  // present them): malfunction alert, emergency signal (the lowest signalling CPU address first), external
  // call, then the clock comparator, the CPU timer, and the rest (service signal, ...).
  if (!cpu_.s.psw.external_enabled()) return DeliverIo();
  auto deliver = [&](std::deque<ExternalInterrupt>::iterator it) {
    const GuestAddress lc(cpu_.s.prefix);
    (void)memory_.Store<uint32_t>(lc.WrappingAdd(lowcore::kExternalParameter), it->parameter);
    (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kCpuAddress), it->cpu_address);
    (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kExternalCode), it->code);
    pending_external_.erase(it);
    cpu_.s.psw.set_address(cpu_.ia);
    SwapPsw(lowcore::kExternalOldPsw, lowcore::kExternalNewPsw);
    return true;
  };
  for (uint16_t code : {uint16_t{0x1200}, uint16_t{0x1201}, uint16_t{0x1202}}) {
    if (!ExternalEnabled(code)) continue;
    auto best = pending_external_.end();
    for (auto it = pending_external_.begin(); it != pending_external_.end(); ++it) {
      if (it->code == code && (best == pending_external_.end() || it->cpu_address < best->cpu_address)) best = it;
    }
    if (best != pending_external_.end()) return deliver(best);
  }
  // Timer conditions: pending while they hold (PoP "Clock Comparator", "CPU Timer"); the clock
  // comparator ranks above the CPU timer.
  uint16_t timer_code = 0;
  if ((cpu_.s.cr[0] & cr0::kClockComparatorSubmask) && cpu_.tod_clock().Now() > cpu_.s.clock_comparator) {
    timer_code = 0x1004;
  } else if ((cpu_.s.cr[0] & cr0::kCpuTimerSubmask) && cpu_.CpuTimer() < 0) {
    timer_code = 0x1005;
  }
  if (timer_code != 0) {
    const GuestAddress lc(cpu_.s.prefix);
    (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kCpuAddress), 0);
    (void)memory_.Store<uint16_t>(lc.WrappingAdd(lowcore::kExternalCode), timer_code);
    cpu_.s.psw.set_address(cpu_.ia);
    SwapPsw(lowcore::kExternalOldPsw, lowcore::kExternalNewPsw);
    return true;
  }
  for (auto it = pending_external_.begin(); it != pending_external_.end(); ++it) {
    if (ExternalEnabled(it->code)) return deliver(it);
  }
  return DeliverIo();
}

bool Interpreter::DeliverIo() {
  if (!pending_io_.empty() && cpu_.s.psw.io_enabled()) {
    IoInterrupt io = pending_io_.front();
    pending_io_.pop_front();
    const GuestAddress lc(cpu_.s.prefix);
    (void)memory_.Store<uint32_t>(lc.WrappingAdd(lowcore::kSubchannelId), io.subchannel_id);
    (void)memory_.Store<uint32_t>(lc.WrappingAdd(lowcore::kIoParameter), io.parameter);
    (void)memory_.Store<uint32_t>(lc.WrappingAdd(lowcore::kIoWord), io.word);
    cpu_.s.psw.set_address(cpu_.ia);
    SwapPsw(lowcore::kIoOldPsw, lowcore::kIoNewPsw);
    return true;
  }
  return false;
}

absl::StatusOr<Exit> Interpreter::Run() {
  cpu_.ia = cpu_.s.psw.address();
  cpu_.PswChanged();
  for (;;) {
    if (kicked_.exchange(false, std::memory_order_acq_rel)) {
      cpu_.s.psw.set_address(cpu_.ia);
      return KickedExit{};
    }
    DeliverPending();
    if (cpu_.s.psw.wait()) {
      cpu_.s.psw.set_address(cpu_.ia);
      const bool enabled = cpu_.s.psw.external_enabled() || cpu_.s.psw.io_enabled() ||
                           cpu_.s.psw.machine_check_enabled();
      if (!enabled || options_.user_mode) return DisabledWaitExit{cpu_.s.psw};
      // Enabled wait: sleep until the clock comparator or CPU timer fires, something is injected, or
      // the machine kicks this CPU. No busy loop.
      int64_t deadline = TodClock::HostMonotonicNs() + 100'000'000;
      if (cpu_.s.psw.external_enabled() && (cpu_.s.cr[0] & cr0::kClockComparatorSubmask)) {
        deadline = std::min(deadline, cpu_.tod_clock().HostDeadlineNs(cpu_.s.clock_comparator));
      }
      if (cpu_.s.psw.external_enabled() && (cpu_.s.cr[0] & cr0::kCpuTimerSubmask)) {
        deadline = std::min(deadline, TodClock::HostMonotonicNs() + std::max<int64_t>(0, cpu_.CpuTimer()) / 4096 * 1000);
      }
      const int64_t wait_ns = deadline - TodClock::HostMonotonicNs();
      if (wait_ns > 0) {
        std::unique_lock<std::mutex> lock(wait_mu_);
        wait_cv_.wait_for(lock, std::chrono::nanoseconds(wait_ns),
                          [this] { return kicked_.load(std::memory_order_acquire); });
      }
      continue;
    }
    Exit exit;
    bool exited = false;
    try {
      RunBlocks();
    } catch (const ProgramException& e) {
      exited = OnProgramException(e, &exit);
    } catch (const SupervisorCallException& e) {
      exited = OnSupervisorCall(e, &exit);
    }
    if (exited) return exit;
    if (cpu_.exit_requested) {
      cpu_.exit_requested = false;
      cpu_.s.psw.set_address(cpu_.ia);
      if (const auto* icpt = std::get_if<InstructionIntercept>(&cpu_.exit)) intercept_length_ = icpt->length;
      return cpu_.exit;
    }
  }
}

}  // namespace s390vmm::interp
