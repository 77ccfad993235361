// File: machine/stsi.h
//
// STORE SYSTEM INFORMATION (B27D, S format) as the machine answers it. Facts: PoP "STORE SYSTEM
// INFORMATION"; Linux arch/s390/include/asm/sysinfo.h (SYSIB layouts), kernel/sysinfo.c (/proc/sysinfo,
// s390_adjust_jiffies) and kernel/early.c (detect_machine_type); QEMU target/s390x/tcg/misc_helper.c
// HELPER(stsi) and kvm/kvm.c insert_stsi_3_2_2; Linux arch/s390/kvm/priv.c handle_stsi.
//
// s390vmm reports configuration level 3: the guest runs in a virtual machine under a hypervisor whose
// control-program identifier (SYSIB 3.2.2) is "KVM/Linux", so a Linux guest sets MACHINE_IS_KVM (and with
// it the VT220 SCLP console as the default console). Levels 1 and 2 (basic machine, logical partition) are
// described too, with the same CPU counts, as QEMU does.
//
// The interpreter hands STSI over as an instruction intercept with the PSW already past the instruction.
// The handler applies the result: a program interruption to present (the instruction is then suppressed
// and nothing below applies), else the condition code and, when `gr0_changed`, the new GR0.
//
//   StsiResult r = StoreSystemInformation(memory, config, s.gr[0], s.gr[1], operand_address,
//                                         cpu_address, translate);
//
// Order of the checks (PoP, as QEMU, KVM and Hercules make them): a function code above the current level
// (and 15: no configuration-topology facility) sets CC 3 and nothing else is checked; then nonzero
// reserved bits (GR0 bits 36-55, GR1 bits 32-47) are a specification exception; function code 0 returns
// the level in GR0 without touching storage; then an operand not on a 4 KiB boundary is a specification
// exception; an unknown selector combination sets CC 3; only then is the operand translated and the
// 4096-byte SYSIB stored (access exceptions, addressing exception). Bits 0-31 of GR0 and GR1 are ignored.
#ifndef S390VMM_MACHINE_STSI_H_
#define S390VMM_MACHINE_STSI_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "cpu/program_interrupt.h"
#include "memory/guest_address.h"
#include "memory/guest_memory.h"

namespace s390vmm {

// The configuration level s390vmm runs its guests at: 3, a virtual machine.
inline constexpr uint8_t kStsiCurrentLevel = 3;

// SYSIB layouts: byte offsets as the PoP and Linux's struct sysinfo_* define them. Text fields are EBCDIC,
// padded with EBCDIC blanks; numbers are big-endian.
namespace sysib {
inline constexpr size_t kSize = 4096;

// 1.1.1 basic-machine configuration (struct sysinfo_1_1_1).
inline constexpr size_t k111Manufacturer = 32;    // 16 chars
inline constexpr size_t k111Type = 48;            // 4 chars: the machine type, hex digits
inline constexpr size_t k111ModelCapacity = 64;   // 16 chars: model-capacity identifier
inline constexpr size_t k111Sequence = 80;        // 16 chars: sequence code
inline constexpr size_t k111Plant = 96;           // 4 chars: plant of manufacture
inline constexpr size_t k111Model = 100;          // 16 chars (left zero: Linux then prints only the capacity id)

// 1.2.1 basic-machine CPU and 2.2.1 logical-partition CPU (struct sysinfo_1_2_1 / sysinfo_2_2_1).
inline constexpr size_t kCpuSequence = 80;        // 16 chars
inline constexpr size_t kCpuPlant = 96;           // 4 chars
inline constexpr size_t k221LogicalCpuId = 100;   // u16, 2.2.1 only
inline constexpr size_t kCpuAddress = 102;        // u16

// 1.2.2 basic-machine CPUs (struct sysinfo_1_2_2).
inline constexpr size_t k122Format = 0;           // u8: 0 = no alternate-capability extension
inline constexpr size_t k122Capability = 32;      // u32: CPU capability (lower = faster)
inline constexpr size_t k122CpusTotal = 36;       // u16
inline constexpr size_t k122CpusConfigured = 38;  // u16
inline constexpr size_t k122CpusStandby = 40;     // u16
inline constexpr size_t k122CpusReserved = 42;    // u16
inline constexpr size_t k122Adjustments = 44;     // u16 per n-way, n = 2..total (left zero)

// 2.2.2 logical-partition CPUs (struct sysinfo_2_2_2).
inline constexpr size_t k222LparNumber = 32;      // u16
inline constexpr size_t k222Characteristics = 35; // u8: 0x80 dedicated, 0x40 shared, 0x20 limited
inline constexpr size_t k222CpusTotal = 36;       // u16
inline constexpr size_t k222CpusConfigured = 38;  // u16
inline constexpr size_t k222CpusStandby = 40;     // u16
inline constexpr size_t k222CpusReserved = 42;    // u16
inline constexpr size_t k222Name = 44;            // 8 chars
inline constexpr size_t k222Caf = 52;             // u32: capability adjustment factor, 1000 = 100%
inline constexpr size_t k222CpusDedicated = 72;   // u16
inline constexpr size_t k222CpusShared = 74;      // u16

// 3.2.2 virtual-machine CPUs (struct sysinfo_3_2_2): a count, then up to 8 64-byte descriptions, the
// innermost virtual machine (this one) first, then an extended name of 256 bytes per description.
inline constexpr size_t k322Count = 31;           // u8, low 4 bits
inline constexpr size_t k322Vm = 32;              // first description
inline constexpr size_t k322VmSize = 64;
inline constexpr size_t kVmCpusTotal = 4;         // u16, relative to a description
inline constexpr size_t kVmCpusConfigured = 6;    // u16
inline constexpr size_t kVmCpusStandby = 8;       // u16
inline constexpr size_t kVmCpusReserved = 10;     // u16
inline constexpr size_t kVmName = 12;             // 8 chars
inline constexpr size_t kVmCaf = 20;              // u32
inline constexpr size_t kVmControlProgram = 24;   // 16 chars: control-program identifier
inline constexpr size_t kVmExtNameEncoding = 43;  // u8: 0 none, 1 EBCDIC, 2 UTF-8
inline constexpr size_t kVmUuid = 48;             // 16 bytes
inline constexpr size_t k322ExtNames = 2048;      // 8 x 256 bytes, NUL-padded
inline constexpr size_t k322ExtNameSize = 256;
}  // namespace sysib

using Sysib = std::array<uint8_t, sysib::kSize>;

// What the guest is told. Defaults follow what QEMU's s390-ccw-virtio machine reports under TCG, the
// configuration Linux and test suites know (manufacturer "QEMU"), with the control program KVM reports.
struct StsiConfig {
  uint16_t machine_type = 0x8561;  // CPU type as STORE CPU ID gives it; stored as 4 EBCDIC hex digits
  uint32_t cpus = 1;               // configured CPUs
  uint32_t max_cpus = 1;           // configured + reserved (hot-pluggable); less than `cpus` counts as `cpus`
  std::string vm_name = "s390vmm";  // 8-char EBCDIC name (truncated) and the full UTF-8 extended name
  std::string control_program = "KVM/Linux";  // Linux tests the first three characters for "KVM"
  std::string manufacturer = "QEMU";
  std::string model_capacity = "QEMU";
  std::string sequence_code = "QEMU";
  std::string plant = "QEMU";
  std::string lpar_name = "QEMU";
  std::array<uint8_t, 16> uuid = {};  // the VM's UUID in 3.2.2; all zero = none
};

// Checks a configuration before a machine is built from it: CPU counts and that every text field fits its
// SYSIB field in printable ASCII. StoreSystemInformation never fails on a bad configuration (it truncates
// and clamps); this is for the surfaces that take user input.
absl::Status ValidateStsiConfig(const StsiConfig& config);

struct StsiResult {
  std::optional<ProgramInterruptCode> program_interrupt;  // STSI raises this instead (suppressed)
  uint8_t cc = 0;
  uint64_t gr0 = 0;          // GR0 after the instruction (the input value unless gr0_changed)
  bool gr0_changed = false;  // only function code 0 changes GR0
};

// Translation of the second operand for a store of one 4 KiB block, as the executing CPU performs it
// (DAT in the current address-space mode, prefixing, key-controlled and low-address protection): the
// absolute address, or the access exception.
using StsiOperandAddress = std::variant<GuestAddress, ProgramInterruptCode>;
using StsiTranslateFn = absl::FunctionRef<StsiOperandAddress(uint64_t logical_address)>;

// STSI with GR0/GR1 as given and the second-operand effective address `operand_address` (B2+D2, already
// wrapped to the addressing mode). `translate` is called only when a SYSIB is actually stored, so a
// function-code-0 query or a CC-3 answer never raises an access exception for an unmapped operand.
// `cpu_address` is the executing CPU's address (stored in 1.2.1 and 2.2.1).
StsiResult StoreSystemInformation(GuestMemory& memory, const StsiConfig& config, uint64_t gr0, uint64_t gr1,
                                  uint64_t operand_address, uint16_t cpu_address, StsiTranslateFn translate);

// The same for a caller that has no translation to do (real mode without prefixing, tests): the operand
// address is absolute.
StsiResult StoreSystemInformation(GuestMemory& memory, const StsiConfig& config, uint64_t gr0, uint64_t gr1,
                                  uint64_t sysib_absolute_address, uint16_t cpu_address);

// The SYSIB for function code `fc` (1-3) and the selectors, or std::nullopt if this machine has no such
// SYSIB (STSI sets CC 3). For backends that deliver the block themselves (e.g. through a PV SIDA).
std::optional<Sysib> BuildSysib(const StsiConfig& config, uint8_t fc, uint8_t selector1, uint16_t selector2,
                                uint16_t cpu_address);

}  // namespace s390vmm

#endif  // S390VMM_MACHINE_STSI_H_
