#include "python/machine_binding.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "machine/char_backend.h"
#include "machine/machine.h"
#include "pybind11/eval.h"
#include "pybind11/stl.h"
#include "python/status_exceptions.h"

namespace s390vmm::python {
namespace {

namespace py = pybind11;

// Console output collected for Python, with a condition variable to wait for more.
class ConsoleBuffer : public CharBackend {
 public:
  void Write(absl::string_view bytes) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      data_.append(bytes.data(), bytes.size());
    }
    cv_.notify_all();
  }
  // Bytes after `from`, waiting up to `timeout` for some to arrive unless `stop()` becomes true.
  template <typename StopFn>
  std::string ReadFrom(size_t from, double timeout, StopFn stop) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::duration<double>(timeout), [&] { return data_.size() > from || stop(); });
    return from < data_.size() ? data_.substr(from) : std::string();
  }
  void Wake() { cv_.notify_all(); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::string data_;
};

class PyMachine {
 public:
  explicit PyMachine(const MachineConfig& config) {
    machine_ = ValueOrThrow(Machine::Create(config, &console_));
  }
  ~PyMachine() {
    if (thread_.joinable()) {
      machine_->RequestStop();
      py::gil_scoped_release release;
      thread_.join();
    }
  }

  void Start() {
    if (thread_.joinable()) ThrowIfError(absl::FailedPreconditionError("the machine was already started"));
    thread_ = std::thread([this] {
      absl::StatusOr<MachineExit> exit = machine_->Run();
      {
        std::lock_guard<std::mutex> lock(mu_);
        exit_ = std::move(exit);
      }
      done_cv_.notify_all();
      console_.Wake();
    });
  }

  bool finished() {
    std::lock_guard<std::mutex> lock(mu_);
    return exit_.has_value();
  }

  // New console bytes after `offset`, waiting up to `timeout` seconds.
  py::bytes ReadConsole(size_t offset, double timeout) {
    std::string out;
    {
      py::gil_scoped_release release;
      out = console_.ReadFrom(offset, timeout, [this] { return finished(); });
    }
    return py::bytes(out);
  }

  void Send(const std::string& text) { machine_->SendConsoleInput(text); }

  // Exit status once the machine ended, else None after `timeout` seconds (None = wait forever).
  py::object Wait(std::optional<double> timeout) {
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu_);
      auto ended = [this] { return exit_.has_value(); };
      if (timeout) {
        done_cv_.wait_for(lock, std::chrono::duration<double>(*timeout), ended);
      } else {
        done_cv_.wait(lock, ended);
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (!exit_) return py::none();
    ThrowIfError(exit_->status());
    return py::int_((*exit_)->status);
  }

  py::object ExitMessage() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!exit_ || !exit_->ok()) return py::none();
    return py::str((*exit_)->message);
  }

  void Stop() {
    machine_->RequestStop();
    Wait(std::nullopt);
  }

  py::bytes ReadMemory(uint64_t addr, uint64_t length) {
    if (length > machine_->memory().total_size()) {
      ThrowIfError(absl::OutOfRangeError("read larger than guest memory"));
    }
    std::string out(length, '\0');
    ThrowIfError(machine_->memory().Read(GuestAddress(addr),
                                         absl::MakeSpan(reinterpret_cast<uint8_t*>(out.data()), out.size())));
    return py::bytes(out);
  }

  // A snapshot of CPU `index`'s registers (consistent once the machine has ended; approximate while it
  // runs, since the CPU keeps executing).
  py::dict Registers(int index) {
    if (index < 0 || index >= machine_->cpu_count()) {
      ThrowIfError(absl::OutOfRangeError("no CPU " + std::to_string(index)));
    }
    const CpuState& s = machine_->cpu(index).state();
    py::dict d;
    d["psw_mask"] = s.psw.mask();
    d["psw_addr"] = s.psw.address();
    d["gr"] = std::vector<uint64_t>(s.gr.begin(), s.gr.end());
    d["cr"] = std::vector<uint64_t>(s.cr.begin(), s.cr.end());
    d["ar"] = std::vector<uint32_t>(s.ar.begin(), s.ar.end());
    d["prefix"] = s.prefix;
    d["fpc"] = s.fpc;
    return d;
  }

  py::dict Stats() {
    MachineStats st = machine_->stats();
    py::dict d;
    d["instructions"] = st.instructions;
    d["seconds"] = st.seconds;
    d["decoded_blocks"] = st.decoded_blocks;
    d["intercepts"] = st.intercepts;
    d["unimplemented"] = st.unimplemented;
    return d;
  }

 private:
  ConsoleBuffer console_;
  std::unique_ptr<Machine> machine_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable done_cv_;
  std::optional<absl::StatusOr<MachineExit>> exit_;
};

// The Python half: console matching with `re`, mirroring tests/framework/console.py.
constexpr char kPythonHalf[] = R"py(
import re as _re
import time as _time

class Console:
    """The guest console of a running Machine: expect(regex) / send(text), like tests/framework/console.py."""

    def __init__(self, machine):
        self._machine = machine
        self._raw = b""
        self._text = ""
        self._pos = 0

    def _pull(self, timeout):
        more = self._machine._read_console(len(self._raw), timeout)
        if more:
            self._raw += more
            self._text = self._raw.decode("utf-8", "replace")
        return bool(more)

    def output(self):
        self._pull(0)
        return self._text

    def expect(self, pattern, timeout=30.0):
        """Waits until `pattern` (re, MULTILINE) matches the output after the previous match; returns the match."""
        regex = _re.compile(pattern, _re.MULTILINE) if isinstance(pattern, str) else pattern
        deadline = _time.monotonic() + timeout
        while True:
            m = regex.search(self._text, self._pos)
            if m:
                self._pos = m.end()
                return m
            remaining = deadline - _time.monotonic()
            if remaining <= 0:
                raise TimeoutError("console: %r not seen within %.1f s; last output:\n%s"
                                   % (regex.pattern, timeout, self._text[-2048:]))
            if not self._pull(min(remaining, 1.0)) and self._machine.finished():
                self._pull(0)
                if not regex.search(self._text, self._pos):
                    raise EOFError("console: machine ended (%s) before %r; last output:\n%s"
                                   % (self._machine.exit_message(), regex.pattern, self._text[-2048:]))

    def send(self, text):
        self._machine._send(text)

    def sendline(self, text):
        self.send(text + "\n")


class Machine(_Machine):
    """An s390-ccw-virtio machine. Machine(config).start(); .console.expect(...); .wait() -> exit status."""

    def __init__(self, config):
        super().__init__(config)
        self.console = Console(self)
)py";

}  // namespace

void BindMachine(py::module_& m) {
  py::class_<PyMachine>(m, "_Machine")
      .def(py::init<const MachineConfig&>(), py::arg("config"))
      .def("start", &PyMachine::Start, "Boots the machine on background threads.")
      .def("finished", &PyMachine::finished)
      .def("_read_console", &PyMachine::ReadConsole, py::arg("offset"), py::arg("timeout"))
      .def("_send", &PyMachine::Send, py::arg("text"))
      .def("wait", &PyMachine::Wait, py::arg("timeout") = py::none(),
           "The exit status once the machine ended (None if `timeout` seconds pass first).")
      .def("exit_message", &PyMachine::ExitMessage)
      .def("stop", &PyMachine::Stop, "Stops the machine and waits for it.")
      .def("read_memory", &PyMachine::ReadMemory, py::arg("addr"), py::arg("length"))
      .def("registers", &PyMachine::Registers, py::arg("cpu") = 0)
      .def("stats", &PyMachine::Stats);
  py::exec(kPythonHalf, m.attr("__dict__"));
}

}  // namespace s390vmm::python
