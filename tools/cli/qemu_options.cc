#include "tools/cli/qemu_options.h"

#include <functional>
#include <map>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/status_macros.h"
#include "machine/config.h"

namespace s390vmm::cli {
namespace {

// Trace categories --trace accepts.
constexpr const char* kTraceCategories[] = {"insn", "exits", "sclp", "interrupts", "diag", "sigp", "io", "pv"};

// QEMU's "key=value,key=value" option syntax; the first item may be a bare value ("s390-ccw-virtio,...").
struct KeyValues {
  std::string head;  // the leading bare value, if any
  std::vector<std::pair<std::string, std::string>> pairs;
};

KeyValues SplitKeyValues(const std::string& text) {
  KeyValues kv;
  bool first = true;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    size_t eq = item.find('=');
    if (eq == absl::string_view::npos) {
      if (first) {
        kv.head = std::string(item);
      } else {
        kv.pairs.emplace_back(std::string(item), "on");  // QEMU: a bare flag means "on"
      }
    } else {
      kv.pairs.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
    }
    first = false;
  }
  return kv;
}

absl::Status ApplyMachine(const std::string& value, CommandLine& cl) {
  KeyValues kv = SplitKeyValues(value);
  if (!kv.head.empty()) cl.config.set_machine_type(kv.head);
  for (const auto& [key, val] : kv.pairs) {
    if (key == "type") {
      cl.config.set_machine_type(val);
    } else if (key == "confidential-guest-support") {
      cl.config.mutable_pv()->set_enabled(true);
      cl.config.mutable_pv()->set_id(val);
    } else if (key == "accel") {
      if (val != "tcg" && val != "kvm") {
        return absl::InvalidArgumentError(absl::StrFormat("-machine accel=%s: known accelerators are tcg, kvm", val));
      }
      cl.config.set_accel(val == "kvm" ? MachineConfig::ACCEL_KVM : MachineConfig::ACCEL_INTERPRETER);
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("-machine: unknown property '%s'", key));
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyAccel(const std::string& value, CommandLine& cl) {
  KeyValues kv = SplitKeyValues(value);
  if (kv.head == "tcg") {
    cl.config.set_accel(MachineConfig::ACCEL_INTERPRETER);
  } else if (kv.head == "kvm") {
    cl.config.set_accel(MachineConfig::ACCEL_KVM);
  } else {
    return absl::InvalidArgumentError(
        absl::StrFormat("-accel %s: unknown accelerator (known: tcg = the s390vmm interpreter, kvm)", kv.head));
  }
  if (!kv.pairs.empty()) {
    return absl::InvalidArgumentError(absl::StrFormat("-accel: unknown property '%s'", kv.pairs[0].first));
  }
  return absl::OkStatus();
}

absl::Status ApplySmp(const std::string& value, CommandLine& cl) {
  KeyValues kv = SplitKeyValues(value);
  std::string cpus = kv.head;
  for (const auto& [key, val] : kv.pairs) {
    if (key == "cpus" || key == "maxcpus") {
      if (key == "cpus") cpus = val;
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("-smp: unsupported property '%s'", key));
    }
  }
  uint32_t n;
  if (!absl::SimpleAtoi(cpus, &n) || n == 0) {
    return absl::InvalidArgumentError(absl::StrFormat("-smp %s: expected a positive number of CPUs", value));
  }
  cl.config.set_cpus(n);
  return absl::OkStatus();
}

absl::Status ApplyObject(const std::string& value, CommandLine& cl) {
  KeyValues kv = SplitKeyValues(value);
  if (kv.head != "s390-pv-guest") {
    return absl::InvalidArgumentError(
        absl::StrFormat("-object %s: unsupported object type (s390vmm knows s390-pv-guest)", kv.head));
  }
  std::string id;
  for (const auto& [key, val] : kv.pairs) {
    if (key != "id") return absl::InvalidArgumentError(absl::StrFormat("-object s390-pv-guest: unknown property '%s'", key));
    id = val;
  }
  if (id.empty()) return absl::InvalidArgumentError("-object s390-pv-guest needs an id (id=pv0)");
  // Recorded as the object; -machine confidential-guest-support=<id> enables it (checked at the end).
  cl.config.mutable_pv()->set_id(id);
  return absl::OkStatus();
}

absl::Status ApplyTrace(const std::string& value, CommandLine& cl) {
  for (absl::string_view cat : absl::StrSplit(value, ',', absl::SkipEmpty())) {
    bool known = false;
    for (const char* k : kTraceCategories) known |= (cat == k);
    if (!known) {
      return absl::InvalidArgumentError(absl::StrFormat("--trace: unknown category '%s' (known: %s)", cat,
                                                        absl::StrJoin(kTraceCategories, ",")));
    }
    cl.trace.emplace_back(cat);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<uint64_t> ParseMemorySizeMib(const std::string& text) {
  std::string t = absl::AsciiStrToUpper(text);
  absl::string_view v = t;
  absl::ConsumePrefix(&v, "SIZE=");
  uint64_t scale_mib = 1;
  bool kib = false;
  if (absl::ConsumeSuffix(&v, "T")) {
    scale_mib = 1 << 20;
  } else if (absl::ConsumeSuffix(&v, "G")) {
    scale_mib = 1 << 10;
  } else if (absl::ConsumeSuffix(&v, "M")) {
    scale_mib = 1;
  } else if (absl::ConsumeSuffix(&v, "K")) {
    kib = true;
  }
  uint64_t n;
  if (!absl::SimpleAtoi(v, &n) || n == 0) {
    return absl::InvalidArgumentError(absl::StrFormat("-m %s: expected a size such as 512, 512M or 2G", text));
  }
  if (kib) {
    if (n % 1024 != 0) return absl::InvalidArgumentError(absl::StrFormat("-m %s: not a whole number of MiB", text));
    return n / 1024;
  }
  if (n > (uint64_t{1} << 44) / scale_mib) return absl::InvalidArgumentError(absl::StrFormat("-m %s: too large", text));
  return n * scale_mib;
}

absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args) {
  CommandLine cl;
  cl.config = DefaultMachineConfig();
  bool pv_object = false;

  using Handler = std::function<absl::Status(const std::string&)>;
  // Options that take a value.
  const std::map<std::string, Handler> with_value = {
      {"M", [&](const std::string& v) { return ApplyMachine(v, cl); }},
      {"machine", [&](const std::string& v) { return ApplyMachine(v, cl); }},
      {"m", [&](const std::string& v) -> absl::Status {
         ASSIGN_OR_RETURN(uint64_t mib, ParseMemorySizeMib(v));
         cl.config.set_memory_mib(mib);
         return absl::OkStatus();
       }},
      {"smp", [&](const std::string& v) { return ApplySmp(v, cl); }},
      {"cpu", [&](const std::string& v) {
         cl.config.set_cpu_model(v);
         return absl::OkStatus();
       }},
      {"accel", [&](const std::string& v) { return ApplyAccel(v, cl); }},
      {"kernel", [&](const std::string& v) {
         cl.config.mutable_boot()->set_kernel(v);
         return absl::OkStatus();
       }},
      {"initrd", [&](const std::string& v) {
         cl.config.mutable_boot()->set_initrd(v);
         return absl::OkStatus();
       }},
      {"append", [&](const std::string& v) {
         cl.config.mutable_boot()->set_cmdline(v);
         return absl::OkStatus();
       }},
      {"bios", [&](const std::string& v) {
         cl.config.mutable_boot()->set_bios(v);
         return absl::OkStatus();
       }},
      {"object", [&](const std::string& v) {
         pv_object = true;
         return ApplyObject(v, cl);
       }},
      {"config", [&](const std::string& v) -> absl::Status {
         ASSIGN_OR_RETURN(cl.config, ReadMachineConfigFile(v));
         return absl::OkStatus();
       }},
      {"trace", [&](const std::string& v) { return ApplyTrace(v, cl); }},
  };
  // Flags.
  const std::map<std::string, std::function<void()>> flags = {
      {"nographic", [&] { cl.config.mutable_console()->set_kind(ConsoleConfig::KIND_STDIO); }},
      {"no-reboot", [&] { cl.config.set_no_reboot(true); }},
      {"enable-kvm", [&] { cl.config.set_accel(MachineConfig::ACCEL_KVM); }},
      {"print-config", [&] { cl.print_config = true; }},
      {"stats", [&] { cl.stats = true; }},
      {"help", [&] { cl.help = true; }},
      {"h", [&] { cl.help = true; }},
  };
  // QEMU options this VMM will accept once the matching capability exists.
  const std::map<std::string, const char*> not_yet = {
      {"drive", "block devices (virtio-blk-ccw)"},
      {"device", "devices"},
      {"serial", "serial devices"},
      {"netdev", "networking"},
      {"boot", "boot order"},
  };

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    absl::string_view name = arg;
    if (!absl::ConsumePrefix(&name, "--")) absl::ConsumePrefix(&name, "-");
    if (name.size() == arg.size() || name.empty()) {
      return absl::InvalidArgumentError(absl::StrFormat("unexpected argument '%s' (options start with -)", arg));
    }
    std::string key(name);
    std::optional<std::string> inline_value;
    if (size_t eq = key.find('='); eq != std::string::npos && absl::StartsWith(arg, "--")) {
      inline_value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (auto it = with_value.find(key); it != with_value.end()) {
      std::string value;
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrFormat("option %s needs a value", arg));
      }
      RETURN_IF_ERROR(it->second(value));
    } else if (auto f = flags.find(key); f != flags.end() && !inline_value) {
      f->second();
    } else if (auto n = not_yet.find(key); n != not_yet.end()) {
      return absl::UnimplementedError(
          absl::StrFormat("option %s: %s are not supported by s390vmm yet", arg, n->second));
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("unknown option '%s' (see s390vmm --help)", arg));
    }
  }
  if (cl.config.pv().enabled() && !pv_object && !cl.config.pv().id().empty()) {
    // -machine confidential-guest-support=X without -object s390-pv-guest,id=X (a config file may carry both).
    return absl::InvalidArgumentError(absl::StrFormat(
        "-machine confidential-guest-support=%s names no object; add -object s390-pv-guest,id=%s",
        cl.config.pv().id(), cl.config.pv().id()));
  }
  if (pv_object && !cl.config.pv().enabled()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "-object s390-pv-guest,id=%s is not used; add -machine confidential-guest-support=%s",
        cl.config.pv().id(), cl.config.pv().id()));
  }
  RETURN_IF_ERROR(ValidateMachineConfig(cl.config));
  return cl;
}

std::string Usage() {
  return absl::StrCat(
      "usage: s390vmm [options]\n"
      "QEMU-compatible options:\n"
      "  -M, -machine TYPE[,confidential-guest-support=ID]   machine (s390-ccw-virtio)\n"
      "  -m SIZE              guest memory (512, 512M, 2G; default 512 MiB)\n"
      "  -smp N               number of CPUs\n"
      "  -cpu MODEL           CPU model\n"
      "  -accel tcg|kvm       tcg = the s390vmm interpreter (default); kvm on IBM Z hosts\n"
      "  -kernel FILE         kernel for direct boot; -initrd FILE; -append CMDLINE\n"
      "  -bios FILE           firmware image\n"
      "  -object s390-pv-guest,id=ID   Protected Virtualization guest\n"
      "  -nographic           console on stdio (the default)\n"
      "  -no-reboot           exit instead of rebooting\n"
      "s390vmm options:\n"
      "  --config FILE        read a MachineConfig text proto (later options override it)\n"
      "  --print-config       print the resulting MachineConfig and exit\n"
      "  --trace=CATS         trace categories: ",
      absl::StrJoin(kTraceCategories, ","),
      "\n"
      "  --stats              print execution statistics at exit\n");
}

}  // namespace s390vmm::cli
