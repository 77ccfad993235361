// File: machine/config.h
//
// Reading and writing MachineConfig (machine/config.proto) as text protos, and checking a config for
// values no machine can be built from.
//
//   ASSIGN_OR_RETURN(MachineConfig config, ParseMachineConfig(text));   // errors name line:column
//   RETURN_IF_ERROR(ValidateMachineConfig(config));
#ifndef S390VMM_MACHINE_CONFIG_H_
#define S390VMM_MACHINE_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "machine/config.pb.h"

namespace s390vmm {

// Parses a text-format MachineConfig. A syntax error, unknown field or bad value is an
// InvalidArgumentError "<source>:<line>:<column>: <what>" (1-based line and column).
absl::StatusOr<MachineConfig> ParseMachineConfig(absl::string_view text,
                                                 absl::string_view source_name = "config");

// Reads and parses a text-format MachineConfig file.
absl::StatusOr<MachineConfig> ReadMachineConfigFile(const std::string& path);

// Text-format form of `config` (what --print-config writes).
std::string MachineConfigToText(const MachineConfig& config);

// A config with the defaults of `s390vmm` without options: s390-ccw-virtio, 512 MiB, 1 CPU, interpreter,
// console on stdio.
MachineConfig DefaultMachineConfig();

// Checks the values a parser cannot: machine type, memory and CPU bounds, PV rules. Does not touch files.
absl::Status ValidateMachineConfig(const MachineConfig& config);

}  // namespace s390vmm

#endif  // S390VMM_MACHINE_CONFIG_H_
