#include "pv/ultravisor/secure_boot.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace s390vmm::pv {

absl::Status UnpackComponent(Ultravisor& uv, ConfigHandle config, const SecureComponent& component) {
  if (!component.addr.IsAligned(kPageSize)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("component at %s is not page aligned", component.addr.ToString()));
  }
  if (component.size == 0) {
    return absl::InvalidArgumentError(absl::StrFormat("component at %s is empty", component.addr.ToString()));
  }
  const uint64_t pages = component.size / kPageSize + (component.size % kPageSize != 0);
  if (!component.addr.CheckedAdd(pages * kPageSize).has_value()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("component at %s of 0x%x bytes wraps the address space", component.addr.ToString(),
                        component.size));
  }
  for (uint64_t i = 0; i < pages; ++i) {
    const uint64_t offset = i * kPageSize;
    absl::Status s = uv.UnpackPage(config, component.addr.WrappingAdd(offset), component.tweak_prefix, offset);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<ProtectedGuest> ProtectAndUnpack(Ultravisor& uv, const SecureConfigParams& storage,
                                                absl::Span<const uint8_t> header,
                                                absl::Span<const SecureComponent> components,
                                                uint16_t ipl_cpu_id) {
  absl::StatusOr<ConfigHandle> config = uv.CreateSecureConfig(storage);
  if (!config.ok()) return config.status();
  auto fail = [&](absl::Status status, absl::string_view step) -> absl::Status {
    (void)uv.DestroySecureConfig(*config);
    // Keep the code and the UV payload; prefix the step.
    absl::Status out(status.code(), absl::StrCat(step, ": ", status.message()));
    status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
    return out;
  };
  absl::StatusOr<CpuHandle> cpu = uv.CreateSecureCpu(*config, ipl_cpu_id);
  if (!cpu.ok()) return fail(cpu.status(), "creating the secure IPL CPU");
  if (absl::Status s = uv.SetSecureConfigParams(*config, header); !s.ok()) {
    return fail(s, "setting the secure configuration parameters");
  }
  for (size_t i = 0; i < components.size(); ++i) {
    if (absl::Status s = UnpackComponent(uv, *config, components[i]); !s.ok()) {
      return fail(s, absl::StrFormat("unpacking component %d (at %s)", i, components[i].addr.ToString()));
    }
  }
  if (absl::Status s = uv.VerifyImage(*config); !s.ok()) return fail(s, "verifying the image");
  absl::StatusOr<SePsw> psw = uv.InitialPsw(*config);
  if (!psw.ok()) return fail(psw.status(), "reading the initial PSW");
  if (absl::Status s = uv.SetCpuState(*cpu, SecureCpuState::kOperatingLoad); !s.ok()) {
    return fail(s, "starting the IPL CPU");
  }
  return ProtectedGuest{*config, *cpu, *psw};
}

}  // namespace s390vmm::pv
