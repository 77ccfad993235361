#include "tmp_f2_debug/program_runner.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "absl/strings/str_format.h"
#include "base/status_macros.h"

namespace s390vmm::testing {

std::string RunfilePath(const std::string& relative) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (srcdir == nullptr) return relative;
  return absl::StrFormat("%s/%s/%s", srcdir, workspace ? workspace : "s390vmm", relative);
}

ProgramRunner::ProgramRunner(const CpuModel& model, uint64_t memory_size) {
  memory_ = *GuestMemory::CreateFlat(memory_size);
  cpu_ = std::make_unique<interp::Interpreter>(*memory_, model);
  // Every new PSW: a disabled wait whose address names the interruption class (old-PSW offset).
  const uint64_t new_psws[] = {interp::lowcore::kRestartNewPsw, interp::lowcore::kExternalNewPsw,
                               interp::lowcore::kSvcNewPsw,     interp::lowcore::kProgramNewPsw,
                               interp::lowcore::kMachineCheckNewPsw, interp::lowcore::kIoNewPsw};
  for (uint64_t off : new_psws) {
    (void)memory_->Store<uint64_t>(GuestAddress(off), Psw::kWait | Psw::kEa | Psw::kBa);
    (void)memory_->Store<uint64_t>(GuestAddress(off + 8), 0xdead0000 | (off - 0x80));
  }
  CpuState& s = cpu_->state();
  s.psw = Psw(Psw::kEa | Psw::kBa, kBase);
  s.cr[0] = 0x04040000;  // secondary-space control and AFP registers, as Linux's entry code loads
  s.cr[14] = 0xc2000000;
}

absl::Status ProgramRunner::Load(const std::string& bin_path) {
  std::ifstream in(bin_path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrFormat("cannot open test program %s", bin_path));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) return absl::InvalidArgumentError(absl::StrFormat("test program %s is empty", bin_path));
  return memory_->Write(GuestAddress(kBase), absl::MakeConstSpan(bytes));
}

absl::StatusOr<ProgramResult> ProgramRunner::Run() {
  for (int exits = 0; exits < 1000; ++exits) {
    ASSIGN_OR_RETURN(Exit exit, cpu_->Run());
    if (const auto* wait = std::get_if<DisabledWaitExit>(&exit)) {
      return ProgramResult{wait->psw.address(), cpu_->instructions()};
    }
    if (std::holds_alternative<InstructionIntercept>(exit)) {
      return absl::UnimplementedError(
          absl::StrFormat("test program executed an intercepted instruction at 0x%x",
                          cpu_->state().psw.address()));
    }
  }
  return absl::DeadlineExceededError("test program did not end in a disabled wait");
}

}  // namespace s390vmm::testing
