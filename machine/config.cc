#include "machine/config.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace s390vmm {
namespace {

// Keeps the first error the text-format parser reports, with its position.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (!has_error_) {
      has_error_ = true;
      // The parser counts from 0.
      error_ = absl::StrFormat("%d:%d: %s", line + 1, column + 1, message);
    }
  }
  bool has_error() const { return has_error_; }
  const std::string& error() const { return error_; }

 private:
  bool has_error_ = false;
  std::string error_;
};

// Largest memory a guest may have: well beyond what this VMM is for, small enough that sizes in bytes
// cannot overflow.
constexpr uint64_t kMaxMemoryMib = 16ull << 20;  // 16 TiB
// The channel subsystem and SCLP CPU entries describe at most 248 CPUs on s390-ccw-virtio (QEMU's limit).
constexpr uint32_t kMaxCpus = 248;

}  // namespace

absl::StatusOr<MachineConfig> ParseMachineConfig(absl::string_view text, absl::string_view source_name) {
  MachineConfig config;
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &config)) {
    return absl::InvalidArgumentError(absl::StrCat(
        source_name, ":", errors.has_error() ? errors.error() : std::string("malformed MachineConfig")));
  }
  return config;
}

absl::StatusOr<MachineConfig> ReadMachineConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open config file ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read config file ", path));
  return ParseMachineConfig(text.str(), path);
}

std::string MachineConfigToText(const MachineConfig& config) {
  std::string out;
  google::protobuf::TextFormat::PrintToString(config, &out);
  return out;
}

MachineConfig DefaultMachineConfig() {
  MachineConfig config;
  config.set_machine_type("s390-ccw-virtio");
  config.set_memory_mib(512);
  config.set_cpus(1);
  config.set_accel(MachineConfig::ACCEL_INTERPRETER);
  config.mutable_console()->set_kind(ConsoleConfig::KIND_STDIO);
  return config;
}

absl::Status ValidateMachineConfig(const MachineConfig& config) {
  if (!config.machine_type().empty() && config.machine_type() != "s390-ccw-virtio") {
    return absl::InvalidArgumentError(absl::StrFormat(
        "unsupported machine type '%s' (the only machine is s390-ccw-virtio)", config.machine_type()));
  }
  if (config.memory_mib() == 0) return absl::InvalidArgumentError("memory size must be at least 1 MiB");
  if (config.memory_mib() > kMaxMemoryMib) {
    return absl::InvalidArgumentError(
        absl::StrFormat("memory size %d MiB exceeds the maximum of %d MiB", config.memory_mib(), kMaxMemoryMib));
  }
  if (config.cpus() == 0) return absl::InvalidArgumentError("a machine needs at least 1 CPU");
  if (config.cpus() > kMaxCpus) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%d CPUs requested; s390-ccw-virtio supports at most %d", config.cpus(), kMaxCpus));
  }
  if (!config.boot().kernel().empty() && !config.boot().bios().empty()) {
    return absl::InvalidArgumentError("a kernel and a firmware image cannot both be given (-kernel and -bios)");
  }
  if ((!config.boot().initrd().empty() || !config.boot().cmdline().empty()) && config.boot().kernel().empty() &&
      !config.pv().enabled()) {
    return absl::InvalidArgumentError("an initrd or kernel command line needs a kernel (-kernel)");
  }
  if (config.console().kind() == ConsoleConfig::KIND_FILE && config.console().path().empty()) {
    return absl::InvalidArgumentError("a file console needs a path");
  }
  for (const DriveConfig& drive : config.drives()) {
    if (drive.file().empty()) {
      return absl::InvalidArgumentError(absl::StrFormat("drive '%s' has no file", drive.id()));
    }
  }
  return absl::OkStatus();
}

}  // namespace s390vmm
