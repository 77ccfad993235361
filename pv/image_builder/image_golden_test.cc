// Issue 6 point 7: a small SE image built from fixed, test-only keys and randomness, with every header
// field, the IPIB, the stage3 arguments and the PLD/ALD/TLD checked against the rule that produces it
// (facts §1-§3). Expected values are computed here from the rules — the random stream is replayed in the
// documented order, pages are encrypted and hashed by this test — and never taken from the builder. A few
// values are also pinned as literals, so any change to the format, the layout or the stubs shows up; when
// stage3a.S or stage3b.S change on purpose, update the literals from the failure message.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pv/boot/boot_stubs.h"
#include "pv/crypto/aes_gcm.h"
#include "pv/crypto/aes_xts.h"
#include "pv/crypto/ec_p521.h"
#include "pv/crypto/random_source.h"
#include "pv/crypto/sha.h"
#include "pv/image_builder/image_builder.h"
#include "pv/image_builder/image_layout.h"
#include "pv/se_header/se_header.h"

namespace s390vmm::pv {
namespace {

// Test-only secrets: never use these seeds for anything real.
constexpr char kHostSeed[] = "s390vmm golden host key (TEST ONLY)";
constexpr char kImageSeed[] = "s390vmm golden image randomness (TEST ONLY)";
constexpr char kParmline[] = "console=ttysclp0 rdinit=/init\n";

// Pinned literals (see the file comment). ALD depends only on the layout: SHA-512 of the 21 big-endian
// addresses 0x14000, 0x15000, ..., 0x28000 (e.g. python3: hashlib.sha512(b"".join(struct.pack(">Q", a)
// for a in range(0x14000, 0x29000, 0x1000)))). PLD also depends on the stubs and the seeds, TLD on the seeds.
constexpr char kPinnedSlotDigest[] = "df9a572237c0c532b533f2c4cd44c20290ab7cef86cf80cce254d8a25f59f0fb";
constexpr char kPinnedPld[] =
    "505b7e9bf4c9f6041c29a1bbd6f0fccbbee3f1d2f1cc3dbce4421df6b66b9879233b30446b455edf99e18ed63c2807db60ecc0959d150f9a5fc60684c372a26e";
constexpr char kPinnedAld[] =
    "ad6b3d06f543920d6a30d92795b76f3e4e404d52f17531dd6182bff1d6991eb0fa7032b8cdf3e297bef7211ae1fb9f4a26aa64068c593b48e7cb3884e1da9508";
constexpr char kPinnedTld[] =
    "ac6fb50a51c6d670532ae1e2aa5c9e244cc0656a0b4cf47f47fdc7cb679cda879e31e1983302b223745bd728488e6dd791fdc826984fbee1362d36196addce20";

template <typename C>
std::string Hex(const C& b) {
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}
void ExpectPinned(const std::string& name, const std::string& actual, const char* pinned) {
  EXPECT_EQ(actual, pinned) << name << " changed; pin: constexpr char kPinned...[] = \"" << actual << "\";";
}
uint64_t PageAlign(uint64_t n) { return (n + 4095) / 4096 * 4096; }
template <size_t N>
std::array<uint8_t, N> Draw(SeededRandomSource& rng) {
  return *RandomArray<N>(rng);
}

class GoldenImage : public ::testing::Test {
 protected:
  void SetUp() override {
    SeededRandomSource host_rng(kHostSeed);
    host_ = std::make_unique<P521PrivateKey>(*P521PrivateKey::Generate(host_rng));
    kernel_.resize(0x10000 + 0x123);
    for (size_t i = 0; i < kernel_.size(); ++i) kernel_[i] = static_cast<uint8_t>(i % 251);
    parmline_.assign(kParmline, kParmline + sizeof(kParmline) - 1);
    initrd_.resize(5000);
    for (size_t i = 0; i < initrd_.size(); ++i) initrd_[i] = static_cast<uint8_t>(0x5a ^ (i % 7));
    ImageBuilderInput in;
    in.kernel = kernel_;
    in.parmline = parmline_;
    in.initrd = initrd_;
    in.host_keys = {host_->public_key()};
    SeededRandomSource rng(kImageSeed);
    auto built = BuildSeImage(in, rng);
    ASSERT_TRUE(built.ok()) << built.status();
    image_ = std::move(built->bytes);

    // Replay the random stream in the builder's documented order (image_builder.h).
    SeededRandomSource replay(kImageSeed);
    customer_ = std::make_unique<P521PrivateKey>(*P521PrivateKey::Generate(replay));
    header_key_ = Draw<32>(replay);
    xts_key_ = Draw<64>(replay);
    ASSERT_NE(std::vector<uint8_t>(xts_key_.begin(), xts_key_.begin() + 32),
              std::vector<uint8_t>(xts_key_.begin() + 32, xts_key_.end()));  // no redraw happened
    comm_key_ = Draw<32>(replay);
    iv_ = Draw<12>(replay);
    for (uint64_t type : {0, 1, 2, 3}) {
      std::array<uint8_t, 6> r = Draw<6>(replay);
      uint64_t prefix = type << 48;
      for (int i = 0; i < 6; ++i) prefix |= uint64_t{r[i]} << (8 * (5 - i));
      prefixes_.push_back(prefix);
    }
  }

  std::unique_ptr<P521PrivateKey> host_, customer_;
  std::vector<uint8_t> kernel_, parmline_, initrd_, image_;
  std::array<uint8_t, 32> header_key_, comm_key_;
  std::array<uint8_t, 64> xts_key_;
  std::array<uint8_t, 12> iv_;
  std::vector<uint64_t> prefixes_;
};

TEST_F(GoldenImage, EveryFieldFollowsItsRule) {
  const uint8_t* img = image_.data();
  // --- Layout (facts §3) ---
  // stage3a is loaded at 0x10000; the IPIB starts on the next page boundary after it, one page long; the
  // header follows on the next page; components follow the header, page aligned, without gaps.
  const uint64_t s3a = Stage3aBinary().size();
  const uint64_t ipib = PageAlign(0x10000 + s3a);
  const uint64_t hdr = ipib + 0x1000;
  const uint64_t phs = 416 + 80 * 1 + 128 + 16;  // one key slot, no optional items
  const uint64_t kernel_addr = PageAlign(hdr + phs);
  const uint64_t kernel_len = PageAlign(kernel_.size());            // 0x10123 -> 17 pages
  const uint64_t parm_addr = kernel_addr + kernel_len;
  const uint64_t initrd_addr = parm_addr + 0x1000;                  // 30 bytes -> 1 page
  const uint64_t initrd_len = PageAlign(initrd_.size());            // 5000 -> 2 pages
  const uint64_t s3b_addr = initrd_addr + initrd_len;
  const uint64_t s3b_len = PageAlign(Stage3bBinary().size());       // 1 page
  // The same numbers as literals, for our stage3a of less than 0x2000 bytes.
  EXPECT_EQ(ipib, 0x12000u);
  EXPECT_EQ(hdr, 0x13000u);
  EXPECT_EQ(kernel_addr, 0x14000u);
  EXPECT_EQ(parm_addr, 0x25000u);
  EXPECT_EQ(initrd_addr, 0x26000u);
  EXPECT_EQ(s3b_addr, 0x28000u);
  ASSERT_EQ(image_.size(), s3b_addr + s3b_len);  // the file ends with stage3b
  EXPECT_EQ(image_.size(), 0x29000u);

  // IPL PSW: short PSW = EA|BA mask (0x0000000180000000) | bit 12 | stage3a entry 0x11000.
  EXPECT_EQ(LoadBigEndian<uint64_t>(img), 0x0008000180011000u);
  EXPECT_TRUE(std::all_of(img + 8, img + 0x10000, [](uint8_t b) { return b == 0; }));

  // stage3a: our binary, with stage3a_args = offsets from the args' own address.
  const uint64_t args = 0x10000 + s3a - 24;
  EXPECT_TRUE(std::equal(Stage3aBinary().begin(), Stage3aBinary().end() - 24, img + 0x10000));
  EXPECT_EQ(LoadBigEndian<uint64_t>(img + args), hdr - args);
  EXPECT_EQ(LoadBigEndian<uint64_t>(img + args + 8), phs);
  EXPECT_EQ(LoadBigEndian<uint64_t>(img + args + 16), ipib - args);

  // --- PV IPIB ---
  EXPECT_EQ(LoadBigEndian<uint32_t>(img + ipib), 0x1000u);             // padded to one page
  EXPECT_EQ(img[ipib + 7], 1);                                          // IPL_PARM_BLOCK_VERSION
  EXPECT_EQ(LoadBigEndian<uint32_t>(img + ipib + 8), 0x80u + 4 * 24);   // pb0 length for 4 components
  EXPECT_EQ(img[ipib + 8 + 4], 5);                                      // IPL_TYPE_PV
  EXPECT_EQ(LoadBigEndian<uint32_t>(img + ipib + 8 + 0x6c), 4u);
  EXPECT_EQ(LoadBigEndian<uint64_t>(img + ipib + 8 + 0x70), 0u);        // stage3a fills in the address
  EXPECT_EQ(LoadBigEndian<uint64_t>(img + ipib + 8 + 0x78), phs);
  const uint64_t addrs[] = {kernel_addr, parm_addr, initrd_addr, s3b_addr};
  const uint64_t lens[] = {kernel_len, 0x1000, initrd_len, s3b_len};
  for (int i = 0; i < 4; ++i) {
    const uint8_t* c = img + ipib + 8 + 0x80 + 24 * i;
    EXPECT_EQ(LoadBigEndian<uint64_t>(c), prefixes_[i]) << i;  // type << 48 | 6 random bytes
    EXPECT_EQ(LoadBigEndian<uint64_t>(c + 8), addrs[i]) << i;
    EXPECT_EQ(LoadBigEndian<uint64_t>(c + 16), lens[i]) << i;
  }

  // --- Components: each page XTS-encrypted with tweak prefix || BE byte offset in the component ---
  std::vector<uint8_t> stage3b(Stage3bBinary().begin(), Stage3bBinary().end());
  uint8_t* a = stage3b.data() + stage3b.size() - 64;  // stage3b_args: memblobs use ORIGINAL sizes
  StoreBigEndian<uint64_t>(a + 0, kernel_addr);
  StoreBigEndian<uint64_t>(a + 8, kernel_.size());
  StoreBigEndian<uint64_t>(a + 16, parm_addr);
  StoreBigEndian<uint64_t>(a + 24, parmline_.size());
  StoreBigEndian<uint64_t>(a + 32, initrd_addr);
  StoreBigEndian<uint64_t>(a + 40, initrd_.size());
  StoreBigEndian<uint64_t>(a + 48, 0x0000000180000000);  // default kernel PSW: 64-bit mode ...
  StoreBigEndian<uint64_t>(a + 56, 0x10000);             // ... at IMAGE_ENTRY
  const std::vector<uint8_t>* plain[] = {&kernel_, &parmline_, &initrd_, &stage3b};
  AesXts xts = *AesXts::Create(xts_key_);
  std::vector<uint8_t> ciphertext_pages, addresses, tweaks;
  uint64_t nep = 0;
  for (int i = 0; i < 4; ++i) {
    std::vector<uint8_t> padded = *plain[i];
    padded.resize(lens[i], 0);
    for (uint64_t off = 0; off < lens[i]; off += 4096) {
      XtsTweak t;
      StoreBigEndian<uint64_t>(t.data(), prefixes_[i]);
      StoreBigEndian<uint64_t>(t.data() + 8, off);
      std::vector<uint8_t> page(4096);
      ASSERT_TRUE(xts.Encrypt(t, absl::MakeConstSpan(padded).subspan(off, 4096), absl::MakeSpan(page)).ok());
      ASSERT_TRUE(std::equal(page.begin(), page.end(), img + addrs[i] + off)) << "component " << i << " +" << off;
      ciphertext_pages.insert(ciphertext_pages.end(), page.begin(), page.end());
      uint8_t be[8];
      StoreBigEndian<uint64_t>(be, addrs[i] + off);
      addresses.insert(addresses.end(), be, be + 8);
      tweaks.insert(tweaks.end(), t.begin(), t.end());
      ++nep;
    }
  }
  EXPECT_EQ(nep, 21u);  // 17 + 1 + 2 + 1

  // --- SE header head (facts §1a) ---
  const uint8_t* h = img + hdr;
  EXPECT_EQ(std::string(h, h + 8), "IBMSecEx");                        // magic
  EXPECT_EQ(LoadBigEndian<uint32_t>(h + 0x08), 0x100u);                 // version 1
  EXPECT_EQ(LoadBigEndian<uint32_t>(h + 0x0c), phs);                    // 416 + 80*nks + sea + 16 = 0x280
  EXPECT_EQ(Hex(absl::MakeConstSpan(h + 0x10, 12)), Hex(iv_));          // 5th draw: GCM IV
  EXPECT_EQ(LoadBigEndian<uint32_t>(h + 0x1c), 0u);                     // res1
  EXPECT_EQ(LoadBigEndian<uint64_t>(h + 0x20), 1u);                     // nks: one host key
  EXPECT_EQ(LoadBigEndian<uint64_t>(h + 0x28), 128u);                   // sea: no optional items
  EXPECT_EQ(LoadBigEndian<uint64_t>(h + 0x30), nep);                    // nep: pages of all components
  EXPECT_EQ(LoadBigEndian<uint64_t>(h + 0x38), 0u);                     // pcf: none (genprotimg default)
  // Customer public key: the replayed ephemeral key's X80 || Y80.
  EXPECT_EQ(Hex(absl::MakeConstSpan(h + 0x40, 160)), Hex(customer_->public_key().ToSeFormat()));
  // PLD = SHA-512(ciphertext pages), ALD = SHA-512(BE64 page addresses), TLD = SHA-512(16-byte tweaks),
  // all in IPIB order.
  const std::string pld = Hex(Sha512(ciphertext_pages)), ald = Hex(Sha512(addresses)), tld = Hex(Sha512(tweaks));
  EXPECT_EQ(Hex(absl::MakeConstSpan(h + 0xe0, 64)), pld);
  EXPECT_EQ(Hex(absl::MakeConstSpan(h + 0x120, 64)), ald);
  EXPECT_EQ(Hex(absl::MakeConstSpan(h + 0x160, 64)), tld);
  ExpectPinned("PLD", pld, kPinnedPld);
  ExpectPinned("ALD", ald, kPinnedAld);
  ExpectPinned("TLD", tld, kPinnedTld);

  // --- Key slot (facts §1b, §2) ---
  const uint8_t* slot = h + 0x1a0;
  const std::string digest = Hex(Sha256(host_->public_key().ToSeFormat()));  // SHA-256(host X80 || Y80)
  EXPECT_EQ(Hex(absl::MakeConstSpan(slot, 32)), digest);
  ExpectPinned("key slot digest", digest, kPinnedSlotDigest);
  // The host side: Z = x(host_priv * cust_pub), KEK = SHA-256(Z || 00000001), GCM(KEK, 0^12, no AAD).
  EcdhSharedSecret z = *host_->Ecdh(customer_->public_key());
  std::vector<uint8_t> kdf_in(z.begin(), z.end());
  kdf_in.insert(kdf_in.end(), {0, 0, 0, 1});
  Sha256Digest kek = Sha256(kdf_in);
  std::array<uint8_t, 12> zero_iv{};
  auto unwrapped = AesGcmOpen(kek, zero_iv, {}, absl::MakeConstSpan(slot + 32, 32), absl::MakeConstSpan(slot + 64, 16));
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.status();
  EXPECT_EQ(Hex(*unwrapped), Hex(header_key_));  // 2nd draw: the header key

  // --- Encrypted part and tag (facts §1c, §1d): GCM(header key, IV, AAD = head + slots) ---
  auto plaintext = AesGcmOpen(header_key_, iv_, absl::MakeConstSpan(h, 0x1f0), absl::MakeConstSpan(h + 0x1f0, 128),
                              absl::MakeConstSpan(h + phs - 16, 16));
  ASSERT_TRUE(plaintext.ok()) << plaintext.status();
  const uint8_t* p = plaintext->data();
  EXPECT_EQ(Hex(absl::MakeConstSpan(p, 32)), Hex(comm_key_));       // 4th draw: customer communication key
  EXPECT_EQ(Hex(absl::MakeConstSpan(p + 32, 64)), Hex(xts_key_));   // 3rd draw: XTS key1 || key2
  EXPECT_EQ(LoadBigEndian<uint64_t>(p + 96), 0x0000000180000000u);  // PSW mask: EA|BA (64-bit)
  EXPECT_EQ(LoadBigEndian<uint64_t>(p + 104), s3b_addr);           // PSW address: stage3b
  EXPECT_EQ(LoadBigEndian<uint64_t>(p + 112), 0u);                  // scf
  EXPECT_EQ(LoadBigEndian<uint32_t>(p + 120), 0u);                  // noi
  EXPECT_EQ(LoadBigEndian<uint32_t>(p + 124), 0u);                  // res2
  // Nothing between the header's end and the kernel.
  EXPECT_TRUE(std::all_of(h + phs, img + kernel_addr, [](uint8_t b) { return b == 0; }));
}

}  // namespace
}  // namespace s390vmm::pv
