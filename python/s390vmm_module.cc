// The `s390vmm` Python module: a thin shell over the C++ libraries. Every failure is a Python exception
// carrying the library's Status message (see status_exceptions.h).
#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "machine/config.h"
#include "memory/guest_memory.h"
#include "pybind11/pybind11.h"
#include "pybind11/stl.h"
#include "python/machine_binding.h"
#include "python/pv_bindings.h"
#include "python/status_exceptions.h"

namespace s390vmm::python {
namespace {

namespace py = pybind11;

std::unique_ptr<GuestMemory> MakeGuestMemory(uint64_t size, bool memfd) {
  return ValueOrThrow(GuestMemory::CreateFlat(size, memfd ? MemoryBacking::kMemfd : MemoryBacking::kAnonymous));
}

py::bytes ReadMemory(const GuestMemory& mem, uint64_t addr, uint64_t length) {
  if (length > mem.total_size()) {
    ThrowIfError(absl::OutOfRangeError(
        absl::StrFormat("read of %d bytes is larger than guest memory (%d bytes)", length, mem.total_size())));
  }
  std::string out(length, '\0');
  ThrowIfError(mem.Read(GuestAddress(addr),
                        absl::MakeSpan(reinterpret_cast<uint8_t*>(out.data()), out.size())));
  return py::bytes(out);
}

void WriteMemory(GuestMemory& mem, uint64_t addr, py::bytes data) {
  std::string bytes = data;
  ThrowIfError(mem.Write(GuestAddress(addr),
                         absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())));
}

template <typename T>
void BindLoadStore(py::class_<GuestMemory>& cls, const char* load_name, const char* store_name) {
  cls.def(
      load_name, [](const GuestMemory& m, uint64_t addr) { return ValueOrThrow(m.Load<T>(GuestAddress(addr))); },
      py::arg("addr"), "Big-endian load.");
  cls.def(
      store_name, [](GuestMemory& m, uint64_t addr, T v) { ThrowIfError(m.Store<T>(GuestAddress(addr), v)); },
      py::arg("addr"), py::arg("value"), "Big-endian store.");
}

void BindGuestMemory(py::module_& m) {
  py::class_<GuestMemory> cls(m, "GuestMemory",
                              "Guest absolute storage (one region at address 0), with storage keys and "
                              "secure/shared page ownership.");
  cls.def(py::init(&MakeGuestMemory), py::arg("size"), py::arg("memfd") = false,
          "size: bytes, a multiple of 4096.");
  cls.def_property_readonly("size", &GuestMemory::total_size);
  cls.def("read", &ReadMemory, py::arg("addr"), py::arg("length"));
  cls.def("write", &WriteMemory, py::arg("addr"), py::arg("data"));
  BindLoadStore<uint8_t>(cls, "load_u8", "store_u8");
  BindLoadStore<uint16_t>(cls, "load_u16", "store_u16");
  BindLoadStore<uint32_t>(cls, "load_u32", "store_u32");
  BindLoadStore<uint64_t>(cls, "load_u64", "store_u64");
  cls.def(
      "storage_key",
      [](const GuestMemory& mem, uint64_t addr) { return ValueOrThrow(mem.GetStorageKey(GuestAddress(addr))).byte(); },
      py::arg("addr"), "The key byte of the frame: ACC<<4 | F<<3 | R<<2 | C<<1.");
  cls.def(
      "set_storage_key",
      [](GuestMemory& mem, uint64_t addr, uint8_t key) {
        ThrowIfError(mem.SetStorageKey(GuestAddress(addr), StorageKey(key)));
      },
      py::arg("addr"), py::arg("key"));
  cls.def(
      "set_secure",
      [](GuestMemory& mem, uint64_t addr, uint64_t length, uint32_t config) {
        if (config == 0) ThrowIfError(absl::InvalidArgumentError("secure configuration id 0 is reserved"));
        ThrowIfError(mem.SetPageOwner(GuestAddress(addr), length, PageOwner::Secure(SecureConfigId(config))));
      },
      py::arg("addr"), py::arg("length"), py::arg("config") = 1,
      "Makes the pages secure storage of a configuration: host access then raises PermissionError.");
  cls.def(
      "set_shared",
      [](GuestMemory& mem, uint64_t addr, uint64_t length) {
        ThrowIfError(mem.SetPageOwner(GuestAddress(addr), length, PageOwner::Shared()));
      },
      py::arg("addr"), py::arg("length"));
  cls.def(
      "is_secure",
      [](const GuestMemory& mem, uint64_t addr) {
        return ValueOrThrow(mem.GetPageOwner(GuestAddress(addr))).is_secure();
      },
      py::arg("addr"));
}

void BindMachineConfig(py::module_& m) {
  py::class_<MachineConfig> cls(m, "MachineConfig", "The description of a virtual machine (config.proto).");
  cls.def(py::init(&DefaultMachineConfig), "A config with the defaults of `s390vmm` without options.");
  cls.def_static(
      "from_text", [](const std::string& text) { return ValueOrThrow(ParseMachineConfig(text, "<text>")); },
      py::arg("text"), "Parses a text proto; errors name line:column.");
  cls.def_static(
      "from_file", [](const std::string& path) { return ValueOrThrow(ReadMachineConfigFile(path)); },
      py::arg("path"));
  cls.def("to_text", &MachineConfigToText);
  cls.def("validate", [](const MachineConfig& c) { ThrowIfError(ValidateMachineConfig(c)); });
  cls.def("__repr__", [](const MachineConfig& c) { return "MachineConfig<" + c.ShortDebugString() + ">"; });
#define S390VMM_FIELD(name, getter, setter, type) \
  cls.def_property(name, [](const MachineConfig& c) { return getter; }, [](MachineConfig& c, type v) { setter; })
  S390VMM_FIELD("memory_mib", c.memory_mib(), c.set_memory_mib(v), uint64_t);
  S390VMM_FIELD("cpus", c.cpus(), c.set_cpus(v), uint32_t);
  S390VMM_FIELD("cpu_model", c.cpu_model(), c.set_cpu_model(v), std::string);
  S390VMM_FIELD("kernel", c.boot().kernel(), c.mutable_boot()->set_kernel(v), std::string);
  S390VMM_FIELD("initrd", c.boot().initrd(), c.mutable_boot()->set_initrd(v), std::string);
  S390VMM_FIELD("cmdline", c.boot().cmdline(), c.mutable_boot()->set_cmdline(v), std::string);
  S390VMM_FIELD("bios", c.boot().bios(), c.mutable_boot()->set_bios(v), std::string);
  S390VMM_FIELD("no_reboot", c.no_reboot(), c.set_no_reboot(v), bool);
  S390VMM_FIELD("pv", c.pv().enabled(), c.mutable_pv()->set_enabled(v), bool);
#undef S390VMM_FIELD
  cls.def_property(
      "accel",
      [](const MachineConfig& c) { return c.accel() == MachineConfig::ACCEL_KVM ? "kvm" : "tcg"; },
      [](MachineConfig& c, const std::string& v) {
        if (v == "tcg" || v == "interp") {
          c.set_accel(MachineConfig::ACCEL_INTERPRETER);
        } else if (v == "kvm") {
          c.set_accel(MachineConfig::ACCEL_KVM);
        } else {
          ThrowIfError(absl::InvalidArgumentError("unknown accelerator '" + v + "' (known: tcg, kvm)"));
        }
      });
}

}  // namespace

PYBIND11_MODULE(s390vmm, m) {
  m.doc() = "s390vmm: an IBM Z (s390x) virtual machine monitor.";
  BindGuestMemory(m);
  BindMachineConfig(m);
  BindMachine(m);
  BindPv(m);
}

}  // namespace s390vmm::python
