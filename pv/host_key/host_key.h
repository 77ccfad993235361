// File: pv/host_key/host_key.h
//
// Host keys for Secure Execution. On IBM Z each machine has an EC P-521 host key pair: the private key is
// inside the Ultravisor firmware, the public key is published in a "host-key document" — an X.509
// certificate signed by IBM's host-key signing key. genprotimg builds an image for one or more host-key
// documents; only an Ultravisor holding a matching private key can unpack it.
//
// s390vmm's software Ultravisor holds its host private key in a PEM/DER file, so this library:
//   - generates host key pairs and host-key documents (self-signed, or signed by a test CA it can also
//     create), for tests and for users of the software Ultravisor;
//   - reads host-key documents (PEM or DER) and checks they carry an EC P-521 public key;
//   - verifies a document against a CA chain given by the user (what genprotimg does with --cert), or
//     lets the caller skip that with a warning (--no-verify);
//   - reads and writes host private keys (PEM "PRIVATE KEY"/"EC PRIVATE KEY", or DER).
// Signatures are ECDSA with SHA-512 over the signer's key (BoringSSL picks the ECDSA nonce).
#ifndef S390VMM_PV_HOST_KEY_HOST_KEY_H_
#define S390VMM_PV_HOST_KEY_HOST_KEY_H_

#include <openssl/x509.h>

#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "pv/crypto/ec_p521.h"

namespace s390vmm::pv {

// One parsed X.509 certificate (shared, immutable).
class Certificate {
 public:
  // Every certificate in `bytes`: a PEM bundle (one or more "CERTIFICATE" blocks) or one DER certificate.
  // `source` names the input in messages (usually the file name).
  static absl::StatusOr<std::vector<Certificate>> ParseAll(absl::Span<const uint8_t> bytes,
                                                           absl::string_view source);
  X509* x509() const { return cert_.get(); }
  std::string subject() const;
  std::string issuer() const;
  bool self_signed() const;
  std::string ToPem() const;
  // The certificate's public key, if it is an EC P-521 key.
  absl::StatusOr<P521PublicKey> p521_key() const;

 private:
  explicit Certificate(std::shared_ptr<X509> cert) : cert_(std::move(cert)) {}
  std::shared_ptr<X509> cert_;
};

class HostKeyDocument {
 public:
  // Exactly one certificate (PEM or DER) whose public key is EC P-521.
  static absl::StatusOr<HostKeyDocument> Parse(absl::Span<const uint8_t> bytes, absl::string_view source);
  const Certificate& certificate() const { return cert_; }
  const P521PublicKey& public_key() const { return key_; }
  const std::string& source() const { return source_; }

 private:
  HostKeyDocument(Certificate cert, P521PublicKey key, std::string source)
      : cert_(std::move(cert)), key_(std::move(key)), source_(std::move(source)) {}
  Certificate cert_;
  P521PublicKey key_;
  std::string source_;
};

struct CertificateOptions {
  std::string common_name = "s390vmm host key";
  std::string organization = "s390vmm (test only)";
  uint64_t serial = 1;
  int validity_days = 3650;
  // Start of validity; nullopt = now minus one day (tolerates clock skew between build and test hosts).
  std::optional<time_t> not_before;
};

// A host-key document for `host_key`: self-signed when `issuer` is null, otherwise signed by `issuer_key`
// with `issuer`'s subject as issuer name. Returns PEM.
absl::StatusOr<std::string> CreateHostKeyDocument(const P521PublicKey& host_key, const P521PrivateKey& signer_key,
                                                  const Certificate* issuer, const CertificateOptions& options);

// A CA certificate (basicConstraints CA:TRUE, keyUsage keyCertSign) for `ca_key`: a self-signed root when
// `issuer` is null, otherwise an intermediate signed by `issuer_key`. Returns PEM.
absl::StatusOr<std::string> CreateCaCertificate(const P521PrivateKey& ca_key, const CertificateOptions& options,
                                                const P521PrivateKey* issuer_key = nullptr,
                                                const Certificate* issuer = nullptr);

// Verifies the document's signature chain up to a self-signed certificate among `chain` (the trust
// anchors; the other certificates in `chain` are intermediates), checking validity periods at `when`
// (nullopt = now). Fails with a message naming the document and the reason.
absl::Status VerifyHostKeyDocument(const HostKeyDocument& document, absl::Span<const Certificate> chain,
                                   std::optional<time_t> when = std::nullopt);

// Host private keys: PEM ("PRIVATE KEY" = PKCS#8, or "EC PRIVATE KEY" = SEC 1) or DER of either.
absl::StatusOr<P521PrivateKey> ParsePrivateKey(absl::Span<const uint8_t> bytes, absl::string_view source);
// PKCS#8 PEM.
absl::StatusOr<std::string> PrivateKeyToPem(const P521PrivateKey& key);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_HOST_KEY_HOST_KEY_H_
