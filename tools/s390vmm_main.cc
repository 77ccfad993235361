// s390vmm: the reference VMM binary. A thin shell: QEMU-style options -> MachineConfig -> the machine.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "machine/config.h"
#include "tools/cli/qemu_options.h"

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "s390vmm: " << status.message() << "\n";
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
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
  // The machine (CPU interpreter, SCLP, IPL) is not built yet: say so instead of pretending to boot.
  return Fail(absl::UnimplementedError(
      "cannot boot yet: the z/Architecture interpreter (issue 4) and the s390-ccw-virtio machine with SCLP "
      "and direct kernel boot (issue 5) are not implemented. The configuration was parsed and validated; "
      "--print-config shows it."));
}
