// s390x-run: runs a static s390x Linux program on the s390vmm interpreter in user mode.
//
//   s390x-run [--stats] [--strace] [--cpu NAME] [--argv0 NAME] [--] PROGRAM [ARGS...]
//
// stdin, stdout, stderr, the environment and the exit status pass through. A guest fault ends the runner
// with the signal Linux would send (after a message on stderr), so a shell sees the same wait status.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "cpu/cpu_model.h"
#include "tools/s390x_run/runner.h"

extern char** environ;

namespace {

constexpr char kUsage[] =
    "usage: s390x-run [--stats] [--strace] [--cpu NAME] [--argv0 NAME] [--] PROGRAM [ARGS...]\n"
    "Runs a static s390x (64-bit, big-endian) Linux ELF program on the s390vmm interpreter.\n"
    "  --stats       print instruction counts, MIPS and unimplemented instructions to stderr at exit\n"
    "  --strace      print every system call with its arguments and result to stderr\n"
    "  --cpu NAME    CPU model (default z196)\n"
    "  --argv0 NAME  argv[0] for the program (default: PROGRAM as given)\n";

// Ends this process the way the guest's signal would have: default action, no core dump of the guest
// memory reservation.
[[noreturn]] void DieBySignal(int sig) {
  struct rlimit no_core = {0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
  _exit(128 + sig);
}

}  // namespace

int main(int argc, char** argv) {
  using s390vmm::s390x_run::RunnerOptions;
  RunnerOptions options;
  std::string cpu_name = s390vmm::DefaultCpuModel().name();
  std::string argv0;
  bool have_argv0 = false;
  int i = 1;
  auto value = [&](const char* flag) -> std::string {
    const std::string arg = argv[i];
    const std::string prefix = std::string(flag) + "=";
    if (absl::StartsWith(arg, prefix)) return arg.substr(prefix.size());
    if (i + 1 >= argc) {
      std::fprintf(stderr, "s390x-run: %s needs a value\n%s", flag, kUsage);
      std::exit(2);
    }
    return argv[++i];
  };
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--stats") {
      options.stats = true;
    } else if (arg == "--strace") {
      options.strace = true;
    } else if (arg == "--cpu" || absl::StartsWith(arg, "--cpu=")) {
      cpu_name = value("--cpu");
    } else if (arg == "--argv0" || absl::StartsWith(arg, "--argv0=")) {
      argv0 = value("--argv0");
      have_argv0 = true;
    } else if (absl::StartsWith(arg, "-") && arg != "-") {
      std::fprintf(stderr, "s390x-run: unknown option %s\n%s", arg.c_str(), kUsage);
      return 2;
    } else {
      break;
    }
  }
  if (i >= argc) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto model = s390vmm::FindCpuModel(cpu_name);
  if (!model.ok()) {
    std::fprintf(stderr, "s390x-run: %s\n", std::string(model.status().message()).c_str());
    return 2;
  }
  options.model = *model;
  options.program = argv[i];
  options.argv.push_back(have_argv0 ? argv0 : options.program);
  for (int j = i + 1; j < argc; ++j) options.argv.push_back(argv[j]);
  for (char** e = environ; *e != nullptr; ++e) options.envp.push_back(*e);
  options.reexec_argv = {"/proc/self/exe", "--cpu", cpu_name};
  if (options.stats) options.reexec_argv.push_back("--stats");
  if (options.strace) options.reexec_argv.push_back("--strace");
  // The runner's own stderr, out of the guest's way (close-on-exec: an exec'd runner makes its own).
  options.diag_fd = fcntl(2, F_DUPFD_CLOEXEC, 1000);
  if (options.diag_fd < 0) options.diag_fd = fcntl(2, F_DUPFD_CLOEXEC, 3);

  auto result = s390vmm::s390x_run::RunProgram(options);
  if (!result.ok()) {
    const std::string msg = absl::StrFormat("s390x-run: %s\n", result.status().message());
    (void)!write(options.diag_fd >= 0 ? options.diag_fd : 2, msg.data(), msg.size());
    return 127;
  }
  if (result->signaled) DieBySignal(result->signal);
  return result->exit_status;
}
