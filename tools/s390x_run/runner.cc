#include "tools/s390x_run/runner.h"

#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/interpreter.h"
#include "cpu/isa/isa.h"
#include "memory/guest_memory.h"
#include "tools/s390x_run/elf_loader.h"
#include "tools/s390x_run/initial_stack.h"
#include "tools/s390x_run/linux_syscalls.h"
#include "tools/s390x_run/user_memory_map.h"

namespace s390vmm::s390x_run {

int SignalForProgramInterrupt(ProgramInterruptCode code) {
  switch (code) {
    case ProgramInterruptCode::kProtection:
    case ProgramInterruptCode::kAddressing:
    case ProgramInterruptCode::kSegmentTranslation:
    case ProgramInterruptCode::kPageTranslation:
    case ProgramInterruptCode::kTranslationSpecification:
    case ProgramInterruptCode::kAsceType:
    case ProgramInterruptCode::kRegionFirstTranslation:
    case ProgramInterruptCode::kRegionSecondTranslation:
    case ProgramInterruptCode::kRegionThirdTranslation:
    case ProgramInterruptCode::kSecureStorageAccess:
    case ProgramInterruptCode::kNonSecureStorageAccess:
      return SIGSEGV;
    case ProgramInterruptCode::kData:  // BFP IEEE exceptions with their DXC; Linux: SIGFPE
    case ProgramInterruptCode::kFixedPointOverflow:
    case ProgramInterruptCode::kFixedPointDivide:
    case ProgramInterruptCode::kDecimalOverflow:
    case ProgramInterruptCode::kDecimalDivide:
    case ProgramInterruptCode::kHfpExponentOverflow:
    case ProgramInterruptCode::kHfpExponentUnderflow:
    case ProgramInterruptCode::kHfpSignificance:
    case ProgramInterruptCode::kHfpDivide:
    case ProgramInterruptCode::kHfpSquareRoot:
    case ProgramInterruptCode::kVectorProcessing:
      return SIGFPE;
    case ProgramInterruptCode::kMonitorEvent:
    case ProgramInterruptCode::kPer:
      return SIGTRAP;
    default:  // operation, privileged operation, execute, specification, operand, special operation, ...
      return SIGILL;
  }
}

namespace {

// Guest memory starts here: the first 64 KiB stay unbacked so that NULL pointers fault.
constexpr uint64_t kMemoryBase = 0x10000;
// Linux's default limit for argument and environment strings: a quarter of the 8 MiB stack.
constexpr uint64_t kMaxArgBytes = 2 << 20;

// objdump-style text of an instruction, on one line.
std::string Disassembly(const isa::DecodedInsn& d, uint64_t addr) {
  std::string s = isa::Disassemble(d, addr);
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? absl::StrCat("SIG", abbrev) : absl::StrCat("signal ", sig);
}

void Diag(int fd, const std::string& s) {
  if (fd >= 0) (void)!write(fd, s.data(), s.size());
}

class Process {
 public:
  Process(const RunnerOptions& options) : options_(options) {}

  absl::StatusOr<RunResult> Run();

 private:
  absl::Status Setup();
  RunResult Fault(const ProgramInterruptExit& pi);
  std::string DescribeInstruction(uint64_t addr, ProgramInterruptCode code);
  void PrintStats();

  const RunnerOptions& options_;
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<UserMemoryMap> map_;
  std::unique_ptr<interp::Interpreter> cpu_;
  std::unique_ptr<LinuxSyscalls> syscalls_;
  std::chrono::steady_clock::time_point start_;
  bool stats_printed_ = false;
};

absl::Status Process::Setup() {
  if (options_.model == nullptr) return absl::InvalidArgumentError("no CPU model");
  ASSIGN_OR_RETURN(ElfImage image, ReadElfFile(options_.program));
  RegionSpec region{GuestAddress(kMemoryBase), options_.memory_end - kMemoryBase};
  ASSIGN_OR_RETURN(memory_, GuestMemory::Create(absl::MakeConstSpan(&region, 1)));
  UserMemoryMap::Layout layout;
  layout.base = kMemoryBase;
  layout.end = options_.memory_end;
  map_ = std::make_unique<UserMemoryMap>(*memory_, layout);
  if (image.highest_address() > map_->mmap_top()) {
    return absl::OutOfRangeError(absl::StrFormat("%s: its segments end at 0x%x, above the mmap area (0x%x)",
                                                 options_.program, image.highest_address(), map_->mmap_top()));
  }
  ASSIGN_OR_RETURN(LoadedElf loaded, LoadElf(image, *memory_));
  map_->SetBrkStart(loaded.end);
  uint64_t phdr = loaded.phdr_vaddr.value_or(0);
  if (!loaded.phdr_vaddr) {
    // No segment maps the program headers: put a copy where the break starts (glibc needs AT_PHDR to
    // find PT_TLS) and start the break after it.
    phdr = map_->brk_start();
    RETURN_IF_ERROR(memory_->Write(GuestAddress(phdr), image.phdr_bytes()));
    map_->SetBrkStart(phdr + image.phdr_bytes().size());
  }

  const CpuModel& model = *options_.model;
  InitialStackSpec spec;
  spec.argv = options_.argv;
  spec.envp = options_.envp;
  spec.execfn = options_.program;
  spec.platform = PlatformForMachineType(model.machine_type());
  if (getrandom(spec.random.data(), spec.random.size(), 0) != static_cast<ssize_t>(spec.random.size())) {
    for (size_t i = 0; i < spec.random.size(); ++i) spec.random[i] = static_cast<uint8_t>(std::rand());
  }
  spec.auxv = {
      {auxv::kAtHwcap, HwcapForFacilities([&](int bit) { return model.HasBit(bit); })},
      {auxv::kAtPagesz, kPageSize},
      {auxv::kAtClktck, static_cast<uint64_t>(sysconf(_SC_CLK_TCK))},
      {auxv::kAtPhdr, phdr},
      {auxv::kAtPhent, elf::kPhdrSize},
      {auxv::kAtPhnum, loaded.phnum},
      {auxv::kAtBase, 0},
      {auxv::kAtFlags, 0},
      {auxv::kAtEntry, loaded.entry},
      {auxv::kAtUid, getuid()},
      {auxv::kAtEuid, geteuid()},
      {auxv::kAtGid, getgid()},
      {auxv::kAtEgid, getegid()},
      {auxv::kAtSecure, 0},
  };
  ASSIGN_OR_RETURN(InitialStack stack,
                   BuildInitialStack(*memory_, map_->stack_top(), std::min(kMaxArgBytes, layout.stack_size), spec));

  interp::InterpreterOptions cpu_options;
  cpu_options.user_mode = true;
  cpu_ = std::make_unique<interp::Interpreter>(*memory_, model, cpu_options);
  CpuState& s = cpu_->state();
  s.gr.fill(0);
  s.gr[15] = stack.sp;  // start_thread(); r14 = 0: no rtld_fini (ELF_PLAT_INIT)
  s.psw = Psw(Psw::kEa | Psw::kBa | Psw::kProblemState, loaded.entry);
  // Linux runs user space with the AFP-register control on, and the vector enablement control when the
  // machine has the vector facility.
  s.cr[0] |= cr0::kAfpRegisterControl;
  if (model.HasBit(129)) s.cr[0] |= cr0::kVectorEnablement;

  LinuxSyscalls::Options sys_options;
  char real[PATH_MAX];
  sys_options.exe_path = realpath(options_.program.c_str(), real) ? std::string(real) : options_.program;
  sys_options.reexec_argv = options_.reexec_argv;
  sys_options.strace = options_.strace;
  sys_options.diag_fd = options_.diag_fd;
  sys_options.before_exec = [this] { PrintStats(); };
  sys_options.vector_registers = model.HasBit(129);
  syscalls_ = std::make_unique<LinuxSyscalls>(*memory_, *map_, std::move(sys_options));
  return absl::OkStatus();
}

absl::StatusOr<RunResult> Process::Run() {
  RETURN_IF_ERROR(Setup());
  start_ = std::chrono::steady_clock::now();
  for (;;) {
    ASSIGN_OR_RETURN(Exit exit, cpu_->Run());
    if (const auto* svc = std::get_if<SupervisorCallExit>(&exit)) {
      // Linux: SVC n for n in 1-255, else SVC 0 with the number in r1.
      CpuState& s = cpu_->state();
      const uint64_t number = svc->number != 0 ? svc->number : s.gr[1];
      const SyscallOutcome outcome = syscalls_->Handle(s, number, svc->length ? svc->length : 2);
      if (outcome.exit) {
        PrintStats();
        return RunResult{false, outcome.exit_status, 0};
      }
      if (outcome.kill_signal) {
        Diag(options_.diag_fd, absl::StrFormat("s390x-run: %s: bad signal frame at 0x%x (psw %s)\n",
                                               SignalName(outcome.kill_signal), s.gr[15], s.psw.ToString()));
        PrintStats();
        return RunResult{true, 0, outcome.kill_signal};
      }
      continue;
    }
    if (const auto* pi = std::get_if<ProgramInterruptExit>(&exit)) {
      RunResult r = Fault(*pi);
      PrintStats();
      return r;
    }
    if (const auto* icpt = std::get_if<InstructionIntercept>(&exit)) {
      // Platform instructions are privileged; in the problem state they cannot get here. Treat one like
      // an instruction the process may not execute.
      const uint64_t addr = cpu_->state().psw.address() - icpt->length;
      Diag(options_.diag_fd, absl::StrFormat("s390x-run: SIGILL: instruction intercept %04x%08x at 0x%x (psw %s)\n",
                                             icpt->ipa, icpt->ipb, addr, cpu_->state().psw.ToString()));
      PrintStats();
      return RunResult{true, 0, SIGILL};
    }
    if (const auto* wait = std::get_if<DisabledWaitExit>(&exit)) {
      Diag(options_.diag_fd,
           absl::StrFormat("s390x-run: the program loaded a wait PSW (%s); stopping it\n", wait->psw.ToString()));
      PrintStats();
      return RunResult{true, 0, SIGKILL};
    }
    // StoppedExit, KickedExit: nothing to do in user mode; run again.
  }
}

std::string Process::DescribeInstruction(uint64_t addr, ProgramInterruptCode code) {
  uint8_t bytes[6] = {};
  if (!memory_->Read(GuestAddress(addr), absl::MakeSpan(bytes, 2)).ok()) {
    return absl::StrFormat("at 0x%x (not readable)", addr);
  }
  const int length = isa::InsnLength(bytes[0]);
  (void)memory_->Read(GuestAddress(addr), absl::MakeSpan(bytes, length));
  std::vector<std::string> hex;
  for (int i = 0; i < length; ++i) hex.push_back(absl::StrFormat("%02x", bytes[i]));
  const isa::DecodedInsn d = isa::Decode(bytes);
  std::string what;
  if (d.id == isa::InsnId::kInvalid) {
    what = "invalid instruction";
  } else if (code == ProgramInterruptCode::kOperation && !interp::HandlerTable::Default().Implemented(d.id)) {
    what = absl::StrCat("unimplemented instruction ", Disassembly(d, addr));
  } else if (code == ProgramInterruptCode::kOperation) {
    // Implemented, but its facility is off in the CPU model.
    what = absl::StrCat("instruction ", Disassembly(d, addr), " (not available on CPU model ",
                        options_.model->name(), ")");
  } else {
    what = absl::StrCat("instruction ", Disassembly(d, addr));
  }
  return absl::StrFormat("%s (%s) at 0x%x", what, absl::StrJoin(hex, " "), addr);
}

RunResult Process::Fault(const ProgramInterruptExit& pi) {
  const CpuState& s = cpu_->state();
  const int sig = SignalForProgramInterrupt(pi.code);
  // Nullifying exceptions leave the PSW at the instruction, the others after it (ILC bytes).
  const bool nullified = pi.code == ProgramInterruptCode::kPageTranslation ||
                         pi.code == ProgramInterruptCode::kSegmentTranslation ||
                         pi.code == ProgramInterruptCode::kAsceType ||
                         pi.code == ProgramInterruptCode::kRegionFirstTranslation ||
                         pi.code == ProgramInterruptCode::kRegionSecondTranslation ||
                         pi.code == ProgramInterruptCode::kRegionThirdTranslation;
  const uint64_t insn = nullified ? s.psw.address() : s.psw.address() - pi.length;
  std::string msg;
  const char* name = ProgramInterruptName(pi.code);
  if (sig == SIGSEGV) {
    const std::string where =
        pi.translation_exception_id ? absl::StrFormat("0x%x", pi.translation_exception_id & ~uint64_t{0xfff})
                                    : std::string("an address outside guest memory");
    msg = absl::StrFormat("SIGSEGV at %s (psw %s): %s exception by the instruction at 0x%x", where,
                          s.psw.ToString(), name, insn);
  } else if (pi.code == ProgramInterruptCode::kOperation) {
    msg = absl::StrFormat("SIGILL: unimplemented or invalid instruction: %s (psw %s)",
                          DescribeInstruction(insn, pi.code), s.psw.ToString());
  } else {
    msg = absl::StrFormat("%s: %s exception: %s (psw %s)", SignalName(sig), name,
                          DescribeInstruction(insn, pi.code), s.psw.ToString());
  }
  Diag(options_.diag_fd, absl::StrCat("s390x-run: ", msg, "\n"));
  return RunResult{true, 0, sig};
}

void Process::PrintStats() {
  if (!options_.stats || stats_printed_ || cpu_ == nullptr) return;
  stats_printed_ = true;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const uint64_t insns = cpu_->instructions();
  std::string out = absl::StrFormat(
      "s390x-run stats [pid %d]: %d guest instructions, %d decoded blocks, %.3f s, %.1f MIPS\n", getpid(), insns,
      cpu_->decoded_blocks(), seconds, seconds > 0 ? insns / seconds / 1e6 : 0.0);
  auto hits = cpu_->UnimplementedHits();
  if (hits.empty()) {
    out += "s390x-run stats: no unimplemented instructions hit\n";
  } else {
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out += "s390x-run stats: unimplemented instructions hit (mnemonic: count):\n";
    for (const auto& [id, count] : hits) {
      const std::string name = id == isa::InsnId::kInvalid ? "(invalid opcodes)" : isa::Info(id).mnemonic;
      out += absl::StrFormat("  %s: %d\n", name, count);
    }
  }
  Diag(options_.diag_fd, out);
}

}  // namespace

absl::StatusOr<RunResult> RunProgram(const RunnerOptions& options) {
  Process process(options);
  return process.Run();
}

}  // namespace s390vmm::s390x_run
