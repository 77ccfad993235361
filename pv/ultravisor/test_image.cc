#include "pv/ultravisor/test_image.h"

#include <cstdlib>
#include <iostream>

#include "base/big_endian.h"
#include "pv/crypto/aes_xts.h"
#include "pv/crypto/random_source.h"
#include "pv/crypto/sha.h"
#include "pv/se_header/se_header_crypto.h"

namespace s390vmm::pv::testing {
namespace {

template <typename T>
T Check(absl::StatusOr<T> v) {
  if (!v.ok()) {
    std::cerr << "BuildTestImage: " << v.status() << "\n";
    std::abort();
  }
  return *std::move(v);
}

}  // namespace

TestImage BuildTestImage(GuestMemory& memory, GuestAddress base, const std::vector<std::vector<uint8_t>>& components,
                         const std::vector<P521PublicKey>& host_keys, uint64_t pcf) {
  SeededRandomSource rng("test image");
  TestImage out;
  std::array<uint8_t, 64> xts_key = Check(RandomArray<64>(rng));
  AesXts xts = Check(AesXts::Create(xts_key));
  Sha512Hasher pld, ald, tld;
  uint64_t nep = 0;
  GuestAddress addr = base;
  for (size_t i = 0; i < components.size(); ++i) {
    std::vector<uint8_t> data = components[i];
    data.resize(std::max<size_t>(kPageSize, (data.size() + kPageSize - 1) / kPageSize * kPageSize), 0);
    const uint64_t prefix = (uint64_t{i} << 48) | 0xc0ffee;
    out.components.push_back({addr, data.size(), prefix});
    out.padded_plaintexts.push_back(data);
    for (uint64_t off = 0; off < data.size(); off += kPageSize) {
      uint8_t tweak[16];
      StoreBigEndian<uint64_t>(tweak, prefix);
      StoreBigEndian<uint64_t>(tweak + 8, off);
      XtsTweak t;
      std::copy(tweak, tweak + 16, t.begin());
      std::vector<uint8_t> page(data.begin() + off, data.begin() + off + kPageSize);
      if (!(pcf & kPcfNoDecryption)) (void)xts.Encrypt(t, page, absl::MakeSpan(page));
      if (!memory.Write(addr.WrappingAdd(off), page).ok()) std::abort();
      uint8_t be_addr[8];
      StoreBigEndian<uint64_t>(be_addr, addr.value() + off);
      pld.Update(page);
      ald.Update(be_addr);
      tld.Update(tweak);
      ++nep;
    }
    addr = addr.WrappingAdd(data.size());
  }
  P521PrivateKey customer = Check(P521PrivateKey::Generate(rng));
  SeHeaderSealInput in;
  in.fields.nep = nep;
  in.fields.pcf = pcf;
  in.fields.pld = pld.Peek();
  in.fields.ald = ald.Peek();
  in.fields.tld = tld.Peek();
  in.fields.iv = Check(RandomArray<12>(rng));
  in.secrets.xts_key = xts_key;
  in.secrets.cust_comm_key = Check(RandomArray<32>(rng));
  in.secrets.psw = {0x0000000180000000, out.components.empty() ? 0 : out.components.back().addr.value()};
  in.header_key = Check(RandomArray<32>(rng));
  in.customer_key = &customer;
  in.host_keys = host_keys;
  out.header = Check(SealSeHeader(in));
  out.psw = in.secrets.psw;
  return out;
}

}  // namespace s390vmm::pv::testing
