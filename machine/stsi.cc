#include "machine/stsi.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "base/big_endian.h"
#include "machine/ebcdic.h"

namespace s390vmm {
namespace {

// GR0 bits 32-35: function code; bits 36-55 reserved; bits 56-63: selector 1 (PoP STSI).
constexpr uint64_t kGr0FunctionCodeShift = 28;
constexpr uint64_t kGr0Reserved = 0x0fffff00;
constexpr uint64_t kGr0Selector1 = 0xff;
// GR1 bits 32-47 reserved; bits 48-63: selector 2.
constexpr uint64_t kGr1Reserved = 0xffff0000;
constexpr uint64_t kGr1Selector2 = 0xffff;

// Numbers that describe capacity. QEMU's values, so that a guest computes what it computes under QEMU:
// Linux's s390_adjust_jiffies() divides 1e7 by the 1.2.2 capability (a binary32 when its first 9 bits are
// not all zero; 0x443afc29 is 747.94, giving ~13370 BogoMIPS); a zero capability would divide by zero.
constexpr uint32_t kCpuCapability = 0x443afc29;
// Capability adjustment factor in thousandths: 1000 = the full capability of the CPUs (QEMU, KVM).
constexpr uint32_t kFullCapabilityAdjustment = 1000;
constexpr uint8_t kLparDedicated = 0x80;
constexpr uint8_t kExtNameUtf8 = 2;

struct CpuCounts {
  uint16_t total;
  uint16_t configured;
  uint16_t reserved;  // standby is always 0: CPUs are either configured or can be hot-plugged
};

CpuCounts Counts(const StsiConfig& config) {
  const uint32_t configured = std::min<uint32_t>(config.cpus, 0xffff);
  const uint32_t total = std::clamp<uint32_t>(config.max_cpus, configured, 0xffff);
  return {static_cast<uint16_t>(total), static_cast<uint16_t>(configured),
          static_cast<uint16_t>(total - configured)};
}

absl::Span<uint8_t> Field(Sysib& b, size_t offset, size_t length) {
  return absl::MakeSpan(b.data() + offset, length);
}

template <typename T>
void Put(Sysib& b, size_t offset, T value) {
  StoreBigEndian<T>(b.data() + offset, value);
}

// The longest prefix of `s` of at most `max` bytes that does not end inside a UTF-8 sequence.
absl::string_view Utf8Prefix(absl::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<uint8_t>(s[n]) & 0xc0) == 0x80) --n;
  return s.substr(0, n);
}

void Fill111(const StsiConfig& config, Sysib& b) {
  PutEbcdic(config.manufacturer, Field(b, sysib::k111Manufacturer, 16));
  PutEbcdic(absl::StrFormat("%04X", config.machine_type), Field(b, sysib::k111Type, 4));
  PutEbcdic(config.model_capacity, Field(b, sysib::k111ModelCapacity, 16));
  PutEbcdic(config.sequence_code, Field(b, sysib::k111Sequence, 16));
  PutEbcdic(config.plant, Field(b, sysib::k111Plant, 4));
}

// 1.2.1 and 2.2.1: the executing CPU. Under LPAR its logical-CPU identifier is its address here: every
// CPU of the configuration is a distinct logical CPU.
void FillCpu(const StsiConfig& config, uint16_t cpu_address, bool logical, Sysib& b) {
  PutEbcdic(config.sequence_code, Field(b, sysib::kCpuSequence, 16));
  PutEbcdic(config.plant, Field(b, sysib::kCpuPlant, 4));
  if (logical) Put<uint16_t>(b, sysib::k221LogicalCpuId, cpu_address);
  Put<uint16_t>(b, sysib::kCpuAddress, cpu_address);
}

void Fill122(const StsiConfig& config, Sysib& b) {
  const CpuCounts n = Counts(config);
  Put<uint32_t>(b, sysib::k122Capability, kCpuCapability);
  Put<uint16_t>(b, sysib::k122CpusTotal, n.total);
  Put<uint16_t>(b, sysib::k122CpusConfigured, n.configured);
  Put<uint16_t>(b, sysib::k122CpusStandby, 0);
  Put<uint16_t>(b, sysib::k122CpusReserved, n.reserved);
}

void Fill222(const StsiConfig& config, Sysib& b) {
  const CpuCounts n = Counts(config);
  b[sysib::k222Characteristics] = kLparDedicated;
  Put<uint16_t>(b, sysib::k222CpusTotal, n.total);
  Put<uint16_t>(b, sysib::k222CpusConfigured, n.configured);
  Put<uint16_t>(b, sysib::k222CpusStandby, 0);
  Put<uint16_t>(b, sysib::k222CpusReserved, n.reserved);
  PutEbcdic(config.lpar_name, Field(b, sysib::k222Name, 8));
  Put<uint32_t>(b, sysib::k222Caf, kFullCapabilityAdjustment);
  Put<uint16_t>(b, sysib::k222CpusDedicated, n.configured);
  Put<uint16_t>(b, sysib::k222CpusShared, 0);
}

void Fill322(const StsiConfig& config, Sysib& b) {
  const CpuCounts n = Counts(config);
  b[sysib::k322Count] = 1;
  const size_t vm = sysib::k322Vm;
  Put<uint16_t>(b, vm + sysib::kVmCpusTotal, n.total);
  Put<uint16_t>(b, vm + sysib::kVmCpusConfigured, n.configured);
  Put<uint16_t>(b, vm + sysib::kVmCpusStandby, 0);
  Put<uint16_t>(b, vm + sysib::kVmCpusReserved, n.reserved);
  PutEbcdic(config.vm_name, Field(b, vm + sysib::kVmName, 8));
  Put<uint32_t>(b, vm + sysib::kVmCaf, kFullCapabilityAdjustment);
  PutEbcdic(config.control_program, Field(b, vm + sysib::kVmControlProgram, 16));
  std::copy(config.uuid.begin(), config.uuid.end(), b.begin() + vm + sysib::kVmUuid);
  // The full name as a UTF-8 extended name, NUL-padded (a name of exactly 256 bytes has no NUL, as the
  // architecture allows). No name: encoding 0, "no extended name".
  const absl::string_view ext = Utf8Prefix(config.vm_name, sysib::k322ExtNameSize);
  if (!ext.empty()) {
    b[vm + sysib::kVmExtNameEncoding] = kExtNameUtf8;
    std::copy(ext.begin(), ext.end(), b.begin() + sysib::k322ExtNames);
  }
}

absl::Status CheckText(absl::string_view what, absl::string_view text, size_t max) {
  if (text.size() > max) {
    return absl::InvalidArgumentError(
        absl::StrFormat("STSI %s \"%s\" is longer than its %d-character field", what, text, max));
  }
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) {
      return absl::InvalidArgumentError(
          absl::StrFormat("STSI %s \"%s\" must be printable ASCII (it is stored in EBCDIC)", what, text));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateStsiConfig(const StsiConfig& config) {
  if (config.cpus == 0) return absl::InvalidArgumentError("STSI: the machine needs at least one CPU");
  if (config.max_cpus < config.cpus || config.max_cpus > 0xffff) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "STSI: maximum CPUs %d must be at least the %d configured CPUs and at most 65535", config.max_cpus,
        config.cpus));
  }
  if (config.vm_name.size() > sysib::k322ExtNameSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("VM name is %d bytes; at most %d fit the extended-name field", config.vm_name.size(),
                        sysib::k322ExtNameSize));
  }
  struct TextField {
    const char* what;
    absl::string_view text;
    size_t max;
  };
  const TextField fields[] = {{"control program", config.control_program, 16},
                              {"manufacturer", config.manufacturer, 16},
                              {"model capacity", config.model_capacity, 16},
                              {"sequence code", config.sequence_code, 16},
                              {"plant", config.plant, 4},
                              {"LPAR name", config.lpar_name, 8}};
  for (const TextField& f : fields) {
    if (absl::Status s = CheckText(f.what, f.text, f.max); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::optional<Sysib> BuildSysib(const StsiConfig& config, uint8_t fc, uint8_t selector1, uint16_t selector2,
                                uint16_t cpu_address) {
  Sysib b{};
  const auto is = [&](uint8_t s1, uint16_t s2) { return selector1 == s1 && selector2 == s2; };
  switch (fc) {
    case 1:
      if (is(1, 1)) {
        Fill111(config, b);
      } else if (is(2, 1)) {
        FillCpu(config, cpu_address, /*logical=*/false, b);
      } else if (is(2, 2)) {
        Fill122(config, b);
      } else {
        return std::nullopt;
      }
      return b;
    case 2:
      if (is(2, 1)) {
        FillCpu(config, cpu_address, /*logical=*/true, b);
      } else if (is(2, 2)) {
        Fill222(config, b);
      } else {
        return std::nullopt;
      }
      return b;
    case 3:
      if (!is(2, 2)) return std::nullopt;
      Fill322(config, b);
      return b;
    default:
      return std::nullopt;
  }
}

StsiResult StoreSystemInformation(GuestMemory& memory, const StsiConfig& config, uint64_t gr0, uint64_t gr1,
                                  uint64_t operand_address, uint16_t cpu_address, StsiTranslateFn translate) {
  StsiResult result;
  result.gr0 = gr0;
  const uint8_t fc = (gr0 >> kGr0FunctionCodeShift) & 0xf;
  // A function code above the current level, including 15 (configuration topology, not installed): CC 3
  // and no other condition is recognized.
  if (fc > kStsiCurrentLevel) {
    result.cc = 3;
    return result;
  }
  if ((gr0 & kGr0Reserved) != 0 || (gr1 & kGr1Reserved) != 0) {
    result.program_interrupt = ProgramInterruptCode::kSpecification;
    return result;
  }
  if (fc == 0) {
    // The level goes to GR0 bits 32-35 (zero here, being the function code); the other bits are kept, as
    // in Hercules. QEMU and KVM set all of GR0 to 0x30000000 instead; Linux passes zeros, so it cannot
    // tell the two apart.
    result.gr0 = gr0 | (uint64_t{kStsiCurrentLevel} << kGr0FunctionCodeShift);
    result.gr0_changed = true;
    result.cc = 0;
    return result;
  }
  if ((operand_address & (sysib::kSize - 1)) != 0) {
    result.program_interrupt = ProgramInterruptCode::kSpecification;
    return result;
  }
  const std::optional<Sysib> block =
      BuildSysib(config, fc, static_cast<uint8_t>(gr0 & kGr0Selector1), static_cast<uint16_t>(gr1 & kGr1Selector2),
                 cpu_address);
  if (!block) {
    result.cc = 3;
    return result;
  }
  const StsiOperandAddress where = translate(operand_address);
  if (const auto* code = std::get_if<ProgramInterruptCode>(&where)) {
    result.program_interrupt = *code;
    return result;
  }
  // The whole 4 KiB block is stored, reserved bytes as zeros (as QEMU and KVM do). A failed write means
  // the frame is not guest memory the host may touch; a secure (PV) guest's STSI goes through the SIDA
  // and never gets here, so to this guest it is storage that does not exist.
  if (!memory.Write(std::get<GuestAddress>(where), absl::MakeConstSpan(*block)).ok()) {
    result.program_interrupt = ProgramInterruptCode::kAddressing;
    return result;
  }
  result.cc = 0;
  return result;
}

StsiResult StoreSystemInformation(GuestMemory& memory, const StsiConfig& config, uint64_t gr0, uint64_t gr1,
                                  uint64_t sysib_absolute_address, uint16_t cpu_address) {
  return StoreSystemInformation(memory, config, gr0, gr1, sysib_absolute_address, cpu_address,
                                [](uint64_t address) -> StsiOperandAddress { return GuestAddress(address); });
}

}  // namespace s390vmm
