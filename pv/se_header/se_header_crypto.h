// File: pv/se_header/se_header_crypto.h
//
// Sealing and opening a Secure Execution header (facts §1-§2): one key slot per host key wraps the header
// key with a KEK from ECDH(customer key, host key); the header key AES-256-GCM-encrypts the secret part
// and authenticates everything before it (head + key slots) as AAD.
//
// The builder seals with all secrets passed in explicitly (it draws them from an injectable RandomSource);
// the software Ultravisor opens with the host private key(s) it holds. Every failure names the step that
// failed, so a user can tell "not built for this host" from "modified header".
#ifndef S390VMM_PV_SE_HEADER_SE_HEADER_CRYPTO_H_
#define S390VMM_PV_SE_HEADER_SE_HEADER_CRYPTO_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "pv/crypto/ec_p521.h"
#include "pv/se_header/se_header.h"

namespace s390vmm::pv {

using HostKeyDigest = std::array<uint8_t, 32>;

// The key slot id of a host key: SHA-256 over its public key in SE format (X80 || Y80).
HostKeyDigest ComputeHostKeyDigest(const P521PublicKey& host_key);

struct SeHeaderSealInput {
  // Public fields to carry: iv, nep, pcf, pld, ald, tld (and version). nks, sea, phs, the customer public
  // key, the key slots, the encrypted part and the tag are computed by SealSeHeader.
  SeHeader fields;
  SeSecrets secrets;
  std::array<uint8_t, 32> header_key{};      // "customer root key": encrypts the secret part
  const P521PrivateKey* customer_key = nullptr;  // ephemeral; its public half goes into the header
  std::vector<P521PublicKey> host_keys;      // one key slot each, in this order
};

// The serialized header (phs bytes).
absl::StatusOr<std::vector<uint8_t>> SealSeHeader(const SeHeaderSealInput& input);

struct OpenedSeHeader {
  SeHeader header;
  SeSecrets secrets;
  size_t key_slot = 0;   // index of the slot that matched
  size_t host_key = 0;   // index into the host keys passed to OpenSeHeader
};

// Parses, finds the key slot of one of `host_keys` (tried in order), validates the customer public key,
// unwraps the header key and decrypts + authenticates the secret part. Codes: InvalidArgument = malformed
// header or customer key, FailedPrecondition = no key slot for these host keys ("not built for this
// host"), PermissionDenied = a key slot or the header failed authentication.
absl::StatusOr<OpenedSeHeader> OpenSeHeader(absl::Span<const uint8_t> bytes,
                                            absl::Span<const P521PrivateKey> host_keys);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_SE_HEADER_SE_HEADER_CRYPTO_H_
