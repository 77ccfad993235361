// Fuzzes the ELF parser and loader with arbitrary files: every input must either load inside guest
// memory or fail with a Status; ASan catches any read outside the file or write outside the mappings.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "memory/guest_memory.h"
#include "tools/s390x_run/elf_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static s390vmm::GuestMemory* memory = [] {
    s390vmm::RegionSpec spec{s390vmm::GuestAddress(0x10000), (64 << 20) - 0x10000};
    return s390vmm::GuestMemory::Create(absl::MakeConstSpan(&spec, 1))->release();
  }();
  auto image = s390vmm::s390x_run::ParseElf(std::vector<uint8_t>(data, data + size), "fuzz");
  if (!image.ok()) return 0;
  (void)image->phdr_bytes();
  auto loaded = s390vmm::s390x_run::LoadElf(*image, *memory);
  (void)loaded;
  return 0;
}
