#include "pv/host_key/host_key.h"

#include <openssl/base.h>
#ifndef OPENSSL_IS_BORINGSSL
#error "pv/host_key must be built against BoringSSL (@system//:boringssl), not OpenSSL"
#endif

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/nid.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace s390vmm::pv {
namespace {

std::string SslReason() {
  uint32_t err = ERR_get_error();
  ERR_clear_error();
  if (err == 0) return "unknown reason";
  const char* reason = ERR_reason_error_string(err);
  return reason ? reason : absl::StrFormat("error 0x%x", err);
}

bool LooksLikePem(absl::Span<const uint8_t> bytes) {
  absl::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return absl::StartsWith(absl::StripLeadingAsciiWhitespace(text), "-----BEGIN ");
}

bssl::UniquePtr<BIO> ReadBio(absl::Span<const uint8_t> bytes) {
  return bssl::UniquePtr<BIO>(BIO_new_mem_buf(bytes.data(), bytes.size()));
}

std::string BioToString(BIO* bio) {
  const uint8_t* data = nullptr;
  size_t len = 0;
  BIO_mem_contents(bio, &data, &len);
  return std::string(reinterpret_cast<const char*>(data), len);
}

std::string NameToString(const X509_NAME* name) {
  if (name == nullptr) return "";
  char buf[256];
  X509_NAME_oneline(name, buf, sizeof(buf));
  return buf;
}

// Never prompt for a passphrase: an encrypted key file is an error here.
int NoPassphrase(char*, int, int, void*) { return 0; }

// Wraps an EC key in an EVP_PKEY (sharing the EC_KEY).
bssl::UniquePtr<EVP_PKEY> ToEvp(const EC_KEY* key) {
  bssl::UniquePtr<EVP_PKEY> pkey(EVP_PKEY_new());
  if (!pkey || !EVP_PKEY_set1_EC_KEY(pkey.get(), const_cast<EC_KEY*>(key))) return nullptr;
  return pkey;
}

absl::Status AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
  bssl::UniquePtr<X509_EXTENSION> ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
  if (!ext || !X509_add_ext(cert, ext.get(), -1)) {
    return absl::InternalError(absl::StrCat("adding X.509 extension '", value, "' failed: ", SslReason()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> CreateCertificate(const P521PublicKey& subject_key, const P521PrivateKey& signer_key,
                                              const Certificate* issuer, const CertificateOptions& options,
                                              bool is_ca) {
  if (options.validity_days <= 0) return absl::InvalidArgumentError("certificate validity must be positive");
  bssl::UniquePtr<X509> cert(X509_new());
  bssl::UniquePtr<X509_NAME> name(X509_NAME_new());
  if (!cert || !name) return absl::ResourceExhaustedError("out of memory building a certificate");
  auto text = [](const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); };
  time_t start = options.not_before.value_or(time(nullptr) - 24 * 3600);
  bool ok = X509_set_version(cert.get(), X509_VERSION_3) &&
            ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), options.serial) &&
            ASN1_TIME_set(X509_getm_notBefore(cert.get()), start) &&
            X509_time_adj_ex(X509_getm_notAfter(cert.get()), options.validity_days, 0, &start) &&
            X509_NAME_add_entry_by_txt(name.get(), "O", MBSTRING_UTF8, text(options.organization), -1, -1, 0) &&
            X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8, text(options.common_name), -1, -1, 0) &&
            X509_set_subject_name(cert.get(), name.get()) &&
            X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->x509()) : name.get());
  bssl::UniquePtr<EVP_PKEY> subject_pkey = ToEvp(subject_key.ec_key());
  bssl::UniquePtr<EVP_PKEY> signer_pkey = ToEvp(signer_key.ec_key());
  if (!ok || !subject_pkey || !signer_pkey || !X509_set_pubkey(cert.get(), subject_pkey.get())) {
    return absl::InternalError(absl::StrCat("building a certificate failed: ", SslReason()));
  }
  X509* issuer_x509 = issuer ? issuer->x509() : nullptr;
  if (is_ca) {
    if (absl::Status s = AddExtension(cert.get(), issuer_x509, NID_basic_constraints, "critical,CA:TRUE"); !s.ok()) {
      return s;
    }
    if (absl::Status s = AddExtension(cert.get(), issuer_x509, NID_key_usage, "critical,keyCertSign,cRLSign");
        !s.ok()) {
      return s;
    }
  } else {
    if (absl::Status s = AddExtension(cert.get(), issuer_x509, NID_basic_constraints, "critical,CA:FALSE");
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = AddExtension(cert.get(), issuer_x509, NID_subject_key_identifier, "hash"); !s.ok()) return s;
  if (issuer_x509 != nullptr) {
    if (absl::Status s = AddExtension(cert.get(), issuer_x509, NID_authority_key_identifier, "keyid:always");
        !s.ok()) {
      return s;
    }
  }
  if (!X509_sign(cert.get(), signer_pkey.get(), EVP_sha512())) {
    return absl::InternalError(absl::StrCat("signing the certificate failed: ", SslReason()));
  }
  bssl::UniquePtr<BIO> out(BIO_new(BIO_s_mem()));
  if (!out || !PEM_write_bio_X509(out.get(), cert.get())) {
    return absl::InternalError(absl::StrCat("writing the certificate as PEM failed: ", SslReason()));
  }
  return BioToString(out.get());
}

}  // namespace

absl::StatusOr<std::vector<Certificate>> Certificate::ParseAll(absl::Span<const uint8_t> bytes,
                                                               absl::string_view source) {
  std::vector<Certificate> out;
  if (bytes.empty()) return absl::InvalidArgumentError(absl::StrCat("certificate file '", source, "' is empty"));
  if (LooksLikePem(bytes)) {
    bssl::UniquePtr<BIO> bio = ReadBio(bytes);
    while (true) {
      X509* cert = PEM_read_bio_X509(bio.get(), nullptr, NoPassphrase, nullptr);
      if (cert == nullptr) {
        uint32_t err = ERR_peek_last_error();
        // Running out of PEM blocks ends the loop; anything else is a broken block.
        if (ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE && !out.empty()) {
          ERR_clear_error();
          break;
        }
        return absl::InvalidArgumentError(absl::StrFormat(
            "certificate file '%s': PEM block %d is not a valid X.509 certificate (%s)", source, out.size() + 1,
            SslReason()));
      }
      out.push_back(Certificate(std::shared_ptr<X509>(cert, X509_free)));
    }
    return out;
  }
  const uint8_t* p = bytes.data();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()));
  if (cert == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("certificate file '", source,
                                                   "' is neither PEM nor a DER X.509 certificate (", SslReason(), ")"));
  }
  out.push_back(Certificate(std::shared_ptr<X509>(cert, X509_free)));
  if (p != bytes.data() + bytes.size()) {
    return absl::InvalidArgumentError(absl::StrFormat("certificate file '%s': %d bytes of trailing data after the DER certificate",
                                                      source, bytes.data() + bytes.size() - p));
  }
  return out;
}

std::string Certificate::subject() const { return NameToString(X509_get_subject_name(cert_.get())); }
std::string Certificate::issuer() const { return NameToString(X509_get_issuer_name(cert_.get())); }
bool Certificate::self_signed() const { return X509_check_issued(cert_.get(), cert_.get()) == X509_V_OK; }

std::string Certificate::ToPem() const {
  bssl::UniquePtr<BIO> out(BIO_new(BIO_s_mem()));
  if (!out || !PEM_write_bio_X509(out.get(), cert_.get())) return "";
  return BioToString(out.get());
}

absl::StatusOr<P521PublicKey> Certificate::p521_key() const {
  bssl::UniquePtr<EVP_PKEY> pkey(X509_get_pubkey(cert_.get()));
  const EC_KEY* ec = pkey ? EVP_PKEY_get0_EC_KEY(pkey.get()) : nullptr;
  ERR_clear_error();
  if (ec == nullptr) return absl::InvalidArgumentError("the key is not an EC key");
  return P521PublicKey::FromEcKey(ec);
}

absl::StatusOr<HostKeyDocument> HostKeyDocument::Parse(absl::Span<const uint8_t> bytes, absl::string_view source) {
  absl::StatusOr<std::vector<Certificate>> certs = Certificate::ParseAll(bytes, source);
  if (!certs.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("host-key document: ", certs.status().message()));
  }
  if (certs->size() != 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "host-key document '%s' holds %d certificates; it must be exactly one", source, certs->size()));
  }
  Certificate cert = (*certs)[0];
  absl::StatusOr<P521PublicKey> key = cert.p521_key();
  if (!key.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("host-key document '", source,
                                                   "': public key is not usable for Secure Execution: ",
                                                   key.status().message()));
  }
  return HostKeyDocument(std::move(cert), *std::move(key), std::string(source));
}

absl::StatusOr<std::string> CreateHostKeyDocument(const P521PublicKey& host_key, const P521PrivateKey& signer_key,
                                                  const Certificate* issuer, const CertificateOptions& options) {
  return CreateCertificate(host_key, signer_key, issuer, options, /*is_ca=*/false);
}

absl::StatusOr<std::string> CreateCaCertificate(const P521PrivateKey& ca_key, const CertificateOptions& options,
                                                const P521PrivateKey* issuer_key, const Certificate* issuer) {
  if ((issuer_key == nullptr) != (issuer == nullptr)) {
    return absl::InvalidArgumentError("an intermediate CA needs both the issuer's key and certificate");
  }
  return CreateCertificate(ca_key.public_key(), issuer_key ? *issuer_key : ca_key, issuer, options, /*is_ca=*/true);
}

absl::Status VerifyHostKeyDocument(const HostKeyDocument& document, absl::Span<const Certificate> chain,
                                   std::optional<time_t> when) {
  const std::string what = absl::StrCat("host-key document '", document.source(), "'");
  if (chain.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        what, " cannot be verified: no CA certificates were given (pass the issuing CA chain, or skip "
              "verification with --no-verify)"));
  }
  bssl::UniquePtr<X509_STORE> store(X509_STORE_new());
  bssl::UniquePtr<STACK_OF(X509)> untrusted(sk_X509_new_null());
  if (!store || !untrusted) return absl::ResourceExhaustedError("out of memory verifying a certificate");
  int anchors = 0;
  for (const Certificate& c : chain) {
    if (c.self_signed()) {
      X509_STORE_add_cert(store.get(), c.x509());
      ++anchors;
    } else if (!bssl::PushToStack(untrusted.get(), bssl::UpRef(c.x509()))) {
      return absl::ResourceExhaustedError("out of memory verifying a certificate");
    }
  }
  ERR_clear_error();
  if (anchors == 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s cannot be verified: none of the %d CA certificates given is a self-signed root", what, chain.size()));
  }
  bssl::UniquePtr<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
  if (!ctx || !X509_STORE_CTX_init(ctx.get(), store.get(), document.certificate().x509(), untrusted.get())) {
    return absl::InternalError(absl::StrCat("certificate verification setup failed: ", SslReason()));
  }
  if (when.has_value()) X509_STORE_CTX_set_time(ctx.get(), 0, *when);
  if (X509_verify_cert(ctx.get()) != 1) {
    int err = X509_STORE_CTX_get_error(ctx.get());
    int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    ERR_clear_error();
    return absl::PermissionDeniedError(absl::StrFormat("%s (subject %s) failed verification at chain depth %d: %s",
                                                       what, document.certificate().subject(), depth,
                                                       X509_verify_cert_error_string(err)));
  }
  return absl::OkStatus();
}

absl::StatusOr<P521PrivateKey> ParsePrivateKey(absl::Span<const uint8_t> bytes, absl::string_view source) {
  bssl::UniquePtr<EVP_PKEY> pkey;
  if (LooksLikePem(bytes)) {
    bssl::UniquePtr<BIO> bio = ReadBio(bytes);
    pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  } else {
    const uint8_t* p = bytes.data();
    pkey.reset(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(bytes.size())));
  }
  if (!pkey) {
    return absl::InvalidArgumentError(absl::StrCat("private key '", source,
                                                   "' is not an unencrypted PEM or DER private key (", SslReason(),
                                                   ")"));
  }
  bssl::UniquePtr<EC_KEY> ec(EVP_PKEY_get1_EC_KEY(pkey.get()));
  ERR_clear_error();
  if (!ec) return absl::InvalidArgumentError(absl::StrCat("private key '", source, "' is not an EC key"));
  absl::StatusOr<P521PrivateKey> key = P521PrivateKey::FromEcKey(std::move(ec));
  if (!key.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("private key '", source, "': ", key.status().message()));
  }
  return key;
}

absl::StatusOr<std::string> PrivateKeyToPem(const P521PrivateKey& key) {
  bssl::UniquePtr<EVP_PKEY> pkey = ToEvp(key.ec_key());
  bssl::UniquePtr<BIO> out(BIO_new(BIO_s_mem()));
  if (!pkey || !out ||
      !PEM_write_bio_PKCS8PrivateKey(out.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
    return absl::InternalError(absl::StrCat("writing the private key as PEM failed: ", SslReason()));
  }
  return BioToString(out.get());
}

}  // namespace s390vmm::pv
