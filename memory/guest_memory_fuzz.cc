// Fuzzes the GuestMemory access API with sequences of operations decoded from the input: every access,
// however wild its address and length, must either succeed inside guest memory or fail cleanly. ASan
// catches any host access outside the mappings.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "memory/guest_memory.h"

namespace {

using s390vmm::Accessor;
using s390vmm::GuestAddress;
using s390vmm::GuestMemory;
using s390vmm::PageOwner;
using s390vmm::RegionSpec;
using s390vmm::SecureConfigId;
using s390vmm::StorageKey;

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  template <typename T>
  T Take() {
    T v{};
    size_t n = std::min(sizeof(T), size_ - pos_);
    std::memcpy(&v, data_ + pos_, n);
    pos_ += n;
    return v;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Addresses cluster around region edges and the top of the address space, where bugs live.
GuestAddress PickAddress(Input& in) {
  static constexpr uint64_t kBases[] = {0, 0x10000, 0x20000, 0x40000, 0xffff'ffff'ffff'f000};
  uint8_t sel = in.Take<uint8_t>();
  int64_t delta = in.Take<int16_t>();
  if (sel & 0x80) return GuestAddress(in.Take<uint64_t>());
  return GuestAddress(kBases[sel % 5] + static_cast<uint64_t>(delta));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Two regions with a hole between them and one at the very top of the address space.
  static const RegionSpec kSpecs[] = {{GuestAddress(0), 0x10000},
                                      {GuestAddress(0x20000), 0x20000},
                                      {GuestAddress(0xffff'ffff'ffff'e000), 0x2000}};
  auto mem = GuestMemory::Create(kSpecs);
  if (!mem.ok()) __builtin_trap();
  GuestMemory& m = **mem;
  Input in(data, size);
  std::vector<uint8_t> buf;
  while (!in.empty()) {
    uint8_t op = in.Take<uint8_t>();
    GuestAddress addr = PickAddress(in);
    uint64_t len = in.Take<uint16_t>() % 0x3000;
    Accessor who = (op & 0x80) ? Accessor::SecureGuest(SecureConfigId(1)) : Accessor::Host();
    buf.resize(len);
    switch (op % 10) {
      case 0: (void)m.Read(addr, absl::MakeSpan(buf), who); break;
      case 1: (void)m.Write(addr, absl::MakeConstSpan(buf), who); break;
      case 2: (void)m.Fill(addr, len, 0x5a, who); break;
      case 3: (void)m.Load<uint64_t>(addr, who); break;
      case 4: (void)m.Store<uint32_t>(addr, 0xdeadbeef, who); break;
      case 5: {
        auto span = m.HostSpan(addr, len, who);
        if (span.ok() && !span->empty()) {
          (*span)[0] ^= 1;
          (*span)[span->size() - 1] ^= 1;
        }
        break;
      }
      case 6: {
        uint8_t* frame = m.FramePointer(addr, who);
        if (frame != nullptr) frame[s390vmm::kPageSize - 1] ^= 1;
        break;
      }
      case 7: (void)m.SetStorageKey(addr, StorageKey(static_cast<uint8_t>(len))); break;
      case 8: (void)m.MarkReferenced(addr, len & 1); break;
      case 9:
        (void)m.SetPageOwner(addr.PageBase(), (len / s390vmm::kPageSize) * s390vmm::kPageSize,
                             (op & 0x40) ? PageOwner::Secure(SecureConfigId(1 + (op & 1))) : PageOwner::Shared());
        break;
    }
  }
  return 0;
}
