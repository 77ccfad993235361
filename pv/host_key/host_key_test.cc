#include "pv/host_key/host_key.h"

#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/nid.h>
#include <openssl/pem.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/crypto/random_source.h"

namespace s390vmm::pv {
namespace {

using ::testing::HasSubstr;

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

P521PrivateKey Key(const std::string& seed) {
  SeededRandomSource rng(seed);
  return *P521PrivateKey::Generate(rng);
}

CertificateOptions Options(const std::string& cn, uint64_t serial) {
  CertificateOptions o;
  o.common_name = cn;
  o.serial = serial;
  return o;
}

std::string Pem(const absl::StatusOr<std::string>& pem) {
  EXPECT_TRUE(pem.ok()) << pem.status();
  return pem.ok() ? *pem : "";
}

Certificate Cert(const std::string& pem) { return (*Certificate::ParseAll(Bytes(pem), "test"))[0]; }

std::vector<uint8_t> PemToDer(const std::string& pem) {
  bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
  bssl::UniquePtr<X509> x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  uint8_t* der = nullptr;
  int len = i2d_X509(x.get(), &der);
  std::vector<uint8_t> out(der, der + len);
  OPENSSL_free(der);
  return out;
}

TEST(HostKey, SelfSignedDocumentRoundTrip) {
  P521PrivateKey host = Key("host");
  std::string pem = Pem(CreateHostKeyDocument(host.public_key(), host, nullptr, Options("host 1", 7)));
  EXPECT_THAT(pem, HasSubstr("-----BEGIN CERTIFICATE-----"));
  auto doc = HostKeyDocument::Parse(Bytes(pem), "hkd.crt");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_TRUE(doc->public_key() == host.public_key());
  EXPECT_THAT(doc->certificate().subject(), HasSubstr("CN=host 1"));
  EXPECT_TRUE(doc->certificate().self_signed());
  // DER reads the same.
  auto der = HostKeyDocument::Parse(PemToDer(pem), "hkd.der");
  ASSERT_TRUE(der.ok()) << der.status();
  EXPECT_TRUE(der->public_key() == host.public_key());
}

TEST(HostKey, CaChainVerification) {
  P521PrivateKey root_key = Key("root"), inter_key = Key("intermediate"), host = Key("host");
  Certificate root = Cert(Pem(CreateCaCertificate(root_key, Options("Test Root CA", 1))));
  Certificate inter = Cert(Pem(CreateCaCertificate(inter_key, Options("Test Host Key Signing", 2), &root_key, &root)));
  EXPECT_TRUE(root.self_signed());
  EXPECT_FALSE(inter.self_signed());
  std::string pem = Pem(CreateHostKeyDocument(host.public_key(), inter_key, &inter, Options("host", 3)));
  auto doc = HostKeyDocument::Parse(Bytes(pem), "hkd.crt");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_THAT(doc->certificate().issuer(), HasSubstr("Test Host Key Signing"));

  std::vector<Certificate> chain = {inter, root};
  EXPECT_TRUE(VerifyHostKeyDocument(*doc, chain).ok()) << VerifyHostKeyDocument(*doc, chain);

  // Missing intermediate.
  std::vector<Certificate> root_only = {root};
  EXPECT_THAT(VerifyHostKeyDocument(*doc, root_only).message(), HasSubstr("failed verification"));
  // No anchor / nothing at all.
  std::vector<Certificate> inter_only = {inter};
  EXPECT_THAT(VerifyHostKeyDocument(*doc, inter_only).message(), HasSubstr("self-signed root"));
  EXPECT_THAT(VerifyHostKeyDocument(*doc, {}).message(), HasSubstr("--no-verify"));
  // Another root.
  P521PrivateKey other_key = Key("other root");
  std::vector<Certificate> other = {inter, Cert(Pem(CreateCaCertificate(other_key, Options("Other", 9))))};
  EXPECT_THAT(VerifyHostKeyDocument(*doc, other).message(), HasSubstr("failed verification"));
  // Expired: verify 20 years from now.
  EXPECT_THAT(VerifyHostKeyDocument(*doc, chain, time(nullptr) + 20L * 365 * 24 * 3600).message(),
              HasSubstr("expired"));
  // A self-signed document does not chain to the CA.
  std::string self = Pem(CreateHostKeyDocument(host.public_key(), host, nullptr, Options("self", 4)));
  EXPECT_FALSE(VerifyHostKeyDocument(*HostKeyDocument::Parse(Bytes(self), "self.crt"), chain).ok());
}

TEST(HostKey, DocumentInputIsValidated) {
  P521PrivateKey host = Key("host");
  std::string pem = Pem(CreateHostKeyDocument(host.public_key(), host, nullptr, Options("h", 1)));
  EXPECT_THAT(HostKeyDocument::Parse({}, "empty").status().message(), HasSubstr("empty"));
  EXPECT_THAT(HostKeyDocument::Parse(Bytes("hello"), "junk").status().message(), HasSubstr("neither PEM nor"));
  EXPECT_THAT(HostKeyDocument::Parse(Bytes(pem + pem), "two").status().message(), HasSubstr("holds 2 certificates"));
  EXPECT_THAT(HostKeyDocument::Parse(Bytes(pem.substr(0, pem.size() / 2)), "cut").status().message(),
              HasSubstr("not a valid X.509 certificate"));
  std::vector<uint8_t> der = PemToDer(pem);
  EXPECT_FALSE(HostKeyDocument::Parse(absl::MakeConstSpan(der).first(der.size() - 10), "cut.der").ok());
  der.push_back(0);
  EXPECT_THAT(HostKeyDocument::Parse(der, "long.der").status().message(), HasSubstr("trailing data"));

  // A P-256 certificate is a valid X.509 document but not a Secure Execution host key.
  bssl::UniquePtr<EC_KEY> p256(EC_KEY_new_by_curve_name(NID_X9_62_prime256v1));
  ASSERT_TRUE(EC_KEY_generate_key(p256.get()));
  bssl::UniquePtr<EVP_PKEY> pkey(EVP_PKEY_new());
  EVP_PKEY_set1_EC_KEY(pkey.get(), p256.get());
  bssl::UniquePtr<X509> x(X509_new());
  X509_set_pubkey(x.get(), pkey.get());
  X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  ASSERT_TRUE(X509_sign(x.get(), pkey.get(), EVP_sha256()));
  uint8_t* buf = nullptr;
  int len = i2d_X509(x.get(), &buf);
  std::vector<uint8_t> p256_der(buf, buf + len);
  OPENSSL_free(buf);
  EXPECT_THAT(HostKeyDocument::Parse(p256_der, "p256.der").status().message(), HasSubstr("P-521"));
}

TEST(HostKey, PrivateKeyFormats) {
  P521PrivateKey host = Key("host");
  std::string pkcs8 = Pem(PrivateKeyToPem(host));
  EXPECT_THAT(pkcs8, HasSubstr("-----BEGIN PRIVATE KEY-----"));
  auto back = ParsePrivateKey(Bytes(pkcs8), "key.pem");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->scalar(), host.scalar());

  // SEC 1 "EC PRIVATE KEY", PEM and DER.
  bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
  ASSERT_TRUE(PEM_write_bio_ECPrivateKey(bio.get(), const_cast<EC_KEY*>(host.ec_key()), nullptr, nullptr, 0,
                                         nullptr, nullptr));
  const uint8_t* data;
  size_t len;
  BIO_mem_contents(bio.get(), &data, &len);
  auto sec1 = ParsePrivateKey(absl::MakeConstSpan(data, len), "sec1.pem");
  ASSERT_TRUE(sec1.ok()) << sec1.status();
  EXPECT_EQ(sec1->scalar(), host.scalar());
  uint8_t* der = nullptr;
  int der_len = i2d_ECPrivateKey(host.ec_key(), &der);
  auto sec1_der = ParsePrivateKey(absl::MakeConstSpan(der, der_len), "sec1.der");
  OPENSSL_free(der);
  ASSERT_TRUE(sec1_der.ok()) << sec1_der.status();
  EXPECT_EQ(sec1_der->scalar(), host.scalar());

  EXPECT_THAT(ParsePrivateKey(Bytes("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "bad.pem")
                  .status()
                  .message(),
              HasSubstr("'bad.pem' is not an unencrypted PEM or DER private key"));
  EXPECT_FALSE(ParsePrivateKey({}, "empty").ok());
  // Encrypted PEM: refused rather than prompting for a passphrase.
  bssl::UniquePtr<EVP_PKEY> pkey(EVP_PKEY_new());
  EVP_PKEY_set1_EC_KEY(pkey.get(), const_cast<EC_KEY*>(host.ec_key()));
  bssl::UniquePtr<BIO> enc(BIO_new(BIO_s_mem()));
  char pass[] = "secret";
  ASSERT_TRUE(PEM_write_bio_PKCS8PrivateKey(enc.get(), pkey.get(), EVP_aes_256_cbc(), pass, 6, nullptr, nullptr));
  BIO_mem_contents(enc.get(), &data, &len);
  EXPECT_FALSE(ParsePrivateKey(absl::MakeConstSpan(data, len), "enc.pem").ok());
  // A P-256 key.
  bssl::UniquePtr<EC_KEY> p256(EC_KEY_new_by_curve_name(NID_X9_62_prime256v1));
  ASSERT_TRUE(EC_KEY_generate_key(p256.get()));
  der = nullptr;
  der_len = i2d_ECPrivateKey(p256.get(), &der);
  auto wrong = ParsePrivateKey(absl::MakeConstSpan(der, der_len), "p256.der");
  OPENSSL_free(der);
  EXPECT_THAT(wrong.status().message(), HasSubstr("P-521"));
}

}  // namespace
}  // namespace s390vmm::pv
