// s390vmm: the reference VMM binary. A thin shell: QEMU-style options -> MachineConfig -> Machine.
// The guest console (SCLP VT220, ttysclp0) is this process's stdio; with a terminal on stdin it is put
// in raw mode, and Ctrl-A x quits as in QEMU's -nographic.
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "machine/char_backend.h"
#include "machine/config.h"
#include "machine/machine.h"
#include "tools/cli/qemu_options.h"

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "s390vmm: " << status.message() << "\n";
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

class StdoutBackend : public s390vmm::CharBackend {
 public:
  void Write(absl::string_view bytes) override {
    fwrite(bytes.data(), 1, bytes.size(), stdout);
    fflush(stdout);
  }
};

// Raw terminal mode for the lifetime of the object, when stdin is a terminal.
class RawTerminal {
 public:
  RawTerminal() {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios raw = saved_;
    cfmakeraw(&raw);
    raw.c_oflag |= OPOST | ONLCR;  // keep output translation: the guest writes \r\n anyway
    if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0) active_ = true;
  }
  ~RawTerminal() {
    if (active_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  bool active() const { return active_; }

 private:
  termios saved_{};
  bool active_ = false;
};

// SIGINT/SIGTERM/SIGHUP: stop the machine cleanly (statistics and the final PSWs are still reported).
std::atomic<bool> g_signalled{false};
void OnSignal(int) { g_signalled = true; }

// Feeds stdin to the guest until `done`. Ctrl-A x (terminal only) stops the machine.
void PumpInput(s390vmm::Machine& machine, const std::atomic<bool>& done, bool terminal) {
  bool ctrl_a = false;
  bool eof = false;
  char buf[256];
  while (!done.load()) {
    if (g_signalled.load()) {
      machine.RequestStop();
      return;
    }
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    if (eof || poll(&pfd, 1, 100) <= 0) {
      if (eof) usleep(100000);
      continue;
    }
    const ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
    if (n <= 0) {  // EOF: the guest simply gets no more input
      eof = true;
      continue;
    }
    std::string input;
    for (ssize_t i = 0; i < n; ++i) {
      if (terminal && ctrl_a) {
        ctrl_a = false;
        if (buf[i] == 'x') {
          machine.RequestStop();
          return;
        }
        if (buf[i] != 0x01) input.push_back(0x01);
      } else if (terminal && buf[i] == 0x01) {
        ctrl_a = true;
        continue;
      }
      input.push_back(buf[i]);
    }
    if (!input.empty()) machine.SendConsoleInput(input);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<s390vmm::cli::CommandLine> cl = s390vmm::cli::ParseCommandLine(args);
  if (!cl.ok()) return Fail(cl.status());
  if (cl->help) {
    std::cout << s390vmm::cli::Usage();
    return 0;
  }
  if (cl->print_config) {
    std::cout << s390vmm::MachineConfigToText(cl->config);
    return 0;
  }
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
  StdoutBackend console;
  absl::StatusOr<std::unique_ptr<s390vmm::Machine>> machine = s390vmm::Machine::Create(cl->config, &console);
  if (!machine.ok()) return Fail(machine.status());
  (*machine)->set_trace(cl->trace);

  absl::StatusOr<s390vmm::MachineExit> exit;
  {
    RawTerminal terminal;
    std::atomic<bool> done{false};
    std::thread input([&] { PumpInput(**machine, done, terminal.active()); });
    exit = (*machine)->Run();
    done = true;
    input.join();
  }
  if (cl->stats) {
    s390vmm::MachineStats stats = (*machine)->stats();
    std::cerr << absl::StrFormat(
        "s390vmm: %d guest instructions in %.2f s (%.1f MIPS), %d decoded blocks, %d intercepts\n",
        stats.instructions, stats.seconds, stats.seconds > 0 ? stats.instructions / stats.seconds / 1e6 : 0.0,
        stats.decoded_blocks, stats.intercepts);
    for (const auto& [name, count] : stats.unimplemented) {
      std::cerr << absl::StrFormat("s390vmm: unimplemented instruction %s executed %d times\n", name, count);
    }
  }
  if (!exit.ok()) return Fail(exit.status());
  if (!exit->message.empty()) std::cerr << "\ns390vmm: " << exit->message << "\n";
  return exit->status;
}
