// File: pv/ultravisor/test_image.h
//
// Test-only: lays out encrypted components in guest memory and seals a header for them, straight from the
// format rules (facts §2) and independently of pv/image_builder, so Ultravisor tests do not depend on the
// builder they are meant to check.
#ifndef S390VMM_PV_ULTRAVISOR_TEST_IMAGE_H_
#define S390VMM_PV_ULTRAVISOR_TEST_IMAGE_H_

#include <cstdint>
#include <vector>

#include "memory/guest_memory.h"
#include "pv/crypto/ec_p521.h"
#include "pv/ultravisor/secure_boot.h"

namespace s390vmm::pv::testing {

struct TestImage {
  std::vector<uint8_t> header;
  std::vector<SecureComponent> components;
  std::vector<std::vector<uint8_t>> padded_plaintexts;  // what each component decrypts to
  SePsw psw;
};

// Writes component i (zero-padded to whole pages, at least one) to consecutive page-aligned addresses from
// `base`, XTS-encrypted with tweak prefix (i << 48) | 0xc0ffee (unless pcf has kPcfNoDecryption), and
// returns the header sealed for `host_keys`.
TestImage BuildTestImage(GuestMemory& memory, GuestAddress base, const std::vector<std::vector<uint8_t>>& components,
                         const std::vector<P521PublicKey>& host_keys, uint64_t pcf = 0);

}  // namespace s390vmm::pv::testing

#endif  // S390VMM_PV_ULTRAVISOR_TEST_IMAGE_H_
