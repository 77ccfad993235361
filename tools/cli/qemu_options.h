// File: tools/cli/qemu_options.h
//
// Turns a QEMU-style command line (`-M s390-ccw-virtio -m 512 -kernel vmlinuz ...`) into a MachineConfig
// plus the options that steer one run of the VMM but do not describe the machine (--trace, --stats,
// --print-config). Every option is checked: an unknown or unsupported one is an error naming it.
//
// Options accept QEMU's spellings: `-opt value` and `--opt value`, and `--opt=value` for our own long
// options. Options are applied in order on top of DefaultMachineConfig(), or on top of the file given with
// `--config FILE`, so `--config vm.textproto -m 1G` overrides the file's memory size.
#ifndef S390VMM_TOOLS_CLI_QEMU_OPTIONS_H_
#define S390VMM_TOOLS_CLI_QEMU_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "machine/config.pb.h"

namespace s390vmm::cli {

struct CommandLine {
  MachineConfig config;
  bool print_config = false;       // --print-config: write the config as a text proto and exit
  bool stats = false;              // --stats: print execution statistics at exit
  std::vector<std::string> trace;  // --trace=insn,exits,sclp,...
  bool help = false;               // -h / --help
};

// Parses argv[1..]. Returns InvalidArgumentError naming the offending option or value,
// UnimplementedError for QEMU options s390vmm recognizes but does not support yet.
absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args);

// Usage text for --help.
std::string Usage();

// Parses a QEMU memory size ("512", "512M", "2G", "1T"; no suffix = MiB) into MiB.
absl::StatusOr<uint64_t> ParseMemorySizeMib(const std::string& text);

}  // namespace s390vmm::cli

#endif  // S390VMM_TOOLS_CLI_QEMU_OPTIONS_H_
