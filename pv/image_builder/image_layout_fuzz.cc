// Fuzzes the parsers of an untrusted SE image file: the PV IPIB and the image locator (IPL PSW, header
// search, IPIB, component bounds, stage3a_args). The input is the region from 0x10000 on, so the fuzzer
// spends its bytes where the structures are; the IPL PSW is fixed. Every offset must be checked (ASan).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "pv/image_builder/image_info.h"
#include "pv/image_builder/image_layout.h"
#include "pv/image_builder/ipib.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s390vmm::pv;  // NOLINT
  (void)ParsePvIpib(absl::MakeConstSpan(data, size));
  std::vector<uint8_t> image(0x10000 + size, 0);
  const uint8_t psw[8] = {0x00, 0x08, 0x00, 0x01, 0x80, 0x01, 0x10, 0x00};
  std::memcpy(image.data(), psw, sizeof(psw));
  if (size > 0) std::memcpy(image.data() + 0x10000, data, size);
  absl::StatusOr<SeImageInfo> info = DescribeSeImage(image);
  if (info.ok()) {
    (void)SeImageInfoToJson(*info);
    (void)SeImageInfoToText(*info);
  }
  return 0;
}
