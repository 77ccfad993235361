#include "pv/se_header/se_header_crypto.h"

#include <openssl/mem.h>

#include <cstring>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pv/crypto/aes_gcm.h"
#include "pv/crypto/sha.h"

namespace s390vmm::pv {
namespace {

// Key slots wrap the header key under a fresh KEK each, so a fixed all-zero IV is safe (facts §2).
constexpr std::array<uint8_t, kAesGcmIvSize> kSlotIv{};

std::string ShortHex(absl::Span<const uint8_t> bytes) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes.data()), std::min<size_t>(bytes.size(), 8)));
}

}  // namespace

HostKeyDigest ComputeHostKeyDigest(const P521PublicKey& host_key) { return Sha256(host_key.ToSeFormat()); }

absl::StatusOr<std::vector<uint8_t>> SealSeHeader(const SeHeaderSealInput& in) {
  if (in.customer_key == nullptr) return absl::InvalidArgumentError("SE header: no customer key to seal with");
  if (in.host_keys.empty()) return absl::InvalidArgumentError("SE header: at least one host key is required");
  SeHeader h = in.fields;
  h.cust_pub_key = in.customer_key->public_key().ToSeFormat();
  h.key_slots.clear();
  for (const P521PublicKey& host : in.host_keys) {
    absl::StatusOr<EcdhSharedSecret> z = in.customer_key->Ecdh(host);
    if (!z.ok()) return z.status();
    KeySlotKek kek = DeriveKeySlotKek(*z);
    OPENSSL_cleanse(z->data(), z->size());
    absl::StatusOr<AesGcmSealed> wrapped = AesGcmSeal(kek, kSlotIv, {}, in.header_key);
    OPENSSL_cleanse(kek.data(), kek.size());
    if (!wrapped.ok()) return wrapped.status();
    SeKeySlot slot;
    slot.digest_key = ComputeHostKeyDigest(host);
    std::memcpy(slot.wrapped_key.data(), wrapped->ciphertext.data(), slot.wrapped_key.size());
    slot.tag = wrapped->tag;
    h.key_slots.push_back(slot);
  }
  std::vector<uint8_t> plain = SerializeSeSecrets(in.secrets);
  h.nks = h.key_slots.size();
  h.sea = plain.size();
  absl::StatusOr<uint64_t> phs = SeHeaderSizeFor(h.nks, h.sea);
  if (!phs.ok()) return phs.status();
  h.phs = static_cast<uint32_t>(*phs);
  // Serialize once with a placeholder encrypted part to get the AAD bytes, then encrypt and finish.
  h.encrypted.assign(h.sea, 0);
  absl::StatusOr<std::vector<uint8_t>> draft = SerializeSeHeader(h);
  if (!draft.ok()) return draft.status();
  absl::StatusOr<AesGcmSealed> sealed = AesGcmSeal(in.header_key, h.iv, SeHeaderAad(*draft, h), plain);
  OPENSSL_cleanse(plain.data(), plain.size());
  if (!sealed.ok()) return sealed.status();
  h.encrypted = std::move(sealed->ciphertext);
  h.tag = sealed->tag;
  return SerializeSeHeader(h);
}

absl::StatusOr<OpenedSeHeader> OpenSeHeader(absl::Span<const uint8_t> bytes,
                                            absl::Span<const P521PrivateKey> host_keys) {
  absl::StatusOr<SeHeader> parsed = ParseSeHeader(bytes);
  if (!parsed.ok()) return parsed.status();
  OpenedSeHeader out;
  out.header = *std::move(parsed);
  const SeHeader& h = out.header;

  // 1. Which of our host keys is this image for?
  bool found = false;
  std::string ours;
  for (size_t k = 0; k < host_keys.size() && !found; ++k) {
    HostKeyDigest digest = ComputeHostKeyDigest(host_keys[k].public_key());
    absl::StrAppend(&ours, ours.empty() ? "" : ", ", ShortHex(digest));
    for (size_t s = 0; s < h.key_slots.size(); ++s) {
      if (h.key_slots[s].digest_key == digest) {
        out.key_slot = s;
        out.host_key = k;
        found = true;
        break;
      }
    }
  }
  if (!found) {
    std::string slots;
    for (const SeKeySlot& s : h.key_slots) absl::StrAppend(&slots, slots.empty() ? "" : ", ", ShortHex(s.digest_key));
    return absl::FailedPreconditionError(absl::StrCat(
        "SE header: no key slot matches the host key (host key digest ", ours.empty() ? "none" : ours,
        "...; key slot digests ", slots, "...): the image was not built for this host"));
  }

  // 2. The customer public key must be a valid P-521 point before it goes into ECDH.
  absl::StatusOr<P521PublicKey> customer = P521PublicKey::FromSeFormat(h.cust_pub_key);
  if (!customer.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("SE header: customer public key is invalid: ", customer.status().message()));
  }

  // 3. Unwrap the header key.
  const SeKeySlot& slot = h.key_slots[out.key_slot];
  absl::StatusOr<EcdhSharedSecret> z = host_keys[out.host_key].Ecdh(*customer);
  if (!z.ok()) return z.status();
  KeySlotKek kek = DeriveKeySlotKek(*z);
  OPENSSL_cleanse(z->data(), z->size());
  absl::StatusOr<std::vector<uint8_t>> header_key = AesGcmOpen(kek, kSlotIv, {}, slot.wrapped_key, slot.tag);
  OPENSSL_cleanse(kek.data(), kek.size());
  if (!header_key.ok()) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "SE header: key slot %d: unwrapping the header key failed (%s): the key slot or the customer public "
        "key was modified",
        out.key_slot, header_key.status().message()));
  }

  // 4. Decrypt and authenticate the secret part (AAD = head + key slots).
  absl::StatusOr<std::vector<uint8_t>> plain =
      AesGcmOpen(*header_key, h.iv, SeHeaderAad(bytes, h), h.encrypted, h.tag);
  OPENSSL_cleanse(header_key->data(), header_key->size());
  if (!plain.ok()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "SE header: authentication failed (", plain.status().message(),
        " over the head, key slots and encrypted part): the header was modified"));
  }
  absl::StatusOr<SeSecrets> secrets = ParseSeSecrets(*plain);
  OPENSSL_cleanse(plain->data(), plain->size());
  if (!secrets.ok()) return secrets.status();
  out.secrets = *std::move(secrets);
  return out;
}

}  // namespace s390vmm::pv
