// File: pv/pvimg/pvimg.h
//
// The operations of `s390vmm-pvimg` and of the Python module's `pv` functions, over bytes in memory so
// both surfaces stay thin: generate a host key, create an SE image (genprotimg's job), describe an image,
// and verify or unpack it with a host private key through the software Ultravisor (what IBM's firmware
// does at boot). Every failure is a Status whose message names the cause.
#ifndef S390VMM_PV_PVIMG_PVIMG_H_
#define S390VMM_PV_PVIMG_PVIMG_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pv/crypto/ec_p521.h"
#include "pv/crypto/random_source.h"
#include "pv/host_key/host_key.h"
#include "pv/image_builder/image_builder.h"
#include "pv/image_builder/image_info.h"

namespace s390vmm::pv {

// Limits on what the tools read: a kernel, initrd or image larger than this is refused up front.
inline constexpr uint64_t kMaxComponentFileSize = uint64_t{4} << 30;
inline constexpr uint64_t kMaxImageFileSize = uint64_t{8} << 30;
inline constexpr uint64_t kMaxSmallFileSize = 1 << 20;  // keys, certificates, parmline

struct HostKeyRequest {
  std::string common_name = "s390vmm host key";
  // Sign the document with this CA (both or neither); otherwise it is self-signed.
  const P521PrivateKey* ca_key = nullptr;
  const Certificate* ca_cert = nullptr;
  bool is_ca = false;  // make a (self-signed or CA-signed) CA certificate instead of a host-key document
};

struct HostKeyMaterial {
  std::string private_key_pem;
  std::string document_pem;
};

// A new P-521 key pair (from `rng`) and its certificate.
absl::StatusOr<HostKeyMaterial> GenerateHostKey(const HostKeyRequest& request, RandomSource& rng);

struct CreateRequest {
  ImageBuilderInput image;                  // kernel, parmline, initrd, flags, fixed keys; host_keys filled here
  std::vector<HostKeyDocument> documents;   // one key slot each
  std::vector<Certificate> ca_chain;        // for verifying the documents
  bool no_verify = false;
};

struct CreateResult {
  std::vector<uint8_t> image;
  std::vector<std::string> warnings;  // e.g. verification disabled
};

// Verifies every document against `ca_chain` (unless no_verify, which adds a warning), then builds.
absl::StatusOr<CreateResult> CreateSeImage(CreateRequest request, RandomSource& rng);

struct UnpackedSeImage {
  SeImageInfo info;
  std::vector<uint8_t> kernel;
  std::optional<std::vector<uint8_t>> parmline;
  std::optional<std::vector<uint8_t>> initrd;
  SePsw start_psw;        // what the Ultravisor starts (stage3b)
  SePsw kernel_psw;       // what stage3b loads, from its arguments
  uint64_t pages = 0;     // nep
  bool exact_sizes = false;  // stage3b's arguments gave the original sizes (else: padded to pages)
};

// Loads the image as guest memory, unpacks and verifies it with a SoftUltravisor holding `host_keys`
// (QEMU's boot sequence), and returns the decrypted components. Fails if anything does not verify.
absl::StatusOr<UnpackedSeImage> UnpackSeImage(absl::Span<const uint8_t> image,
                                              absl::Span<const P521PrivateKey> host_keys);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_PVIMG_PVIMG_H_
