// File: memory/guest_memory.h
//
// Guest absolute storage: one or more page-aligned regions, the storage key of every 4 KiB frame, and the
// owner of every frame (shared with the host, or secure to one Protected Virtualization configuration).
//
// Every accessor checks its range: an access that touches a hole, runs past the end of memory or wraps
// past 2^64 fails with absl::OutOfRangeError naming the address and length, and touches nothing. Host-side
// accessors (devices, loaders, the VMM itself: `Accessor::Host()`) also refuse any secure frame with
// absl::PermissionDeniedError — the software form of the hardware's protection of secure storage. A CPU
// running a secure configuration passes `Accessor::SecureGuest(id)` and may touch that configuration's
// frames as well.
//
// Multi-byte values are big-endian (z/Architecture order) on both sides of Load/Store.
//
//   ASSIGN_OR_RETURN(auto mem, GuestMemory::Create({{GuestAddress(0), 128 << 20}}));
//   RETURN_IF_ERROR(mem->Store<uint64_t>(GuestAddress(0x10408), initrd_start));
//   ASSIGN_OR_RETURN(uint32_t word, mem->Load<uint32_t>(GuestAddress(0x10008)));
//
// Thread safety: storage keys and page owners are atomics; data accesses are plain memory accesses with
// the guest's own (lack of) synchronization, as on hardware.
#ifndef S390VMM_MEMORY_GUEST_MEMORY_H_
#define S390VMM_MEMORY_GUEST_MEMORY_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/big_endian.h"
#include "memory/guest_address.h"
#include "memory/storage_key.h"

namespace s390vmm {

// Identifies one secure (Protected Virtualization) configuration. 0 is never a valid id.
class SecureConfigId {
 public:
  constexpr explicit SecureConfigId(uint32_t value) : value_(value) {}
  constexpr uint32_t value() const { return value_; }
  friend constexpr bool operator==(SecureConfigId a, SecureConfigId b) { return a.value_ == b.value_; }
  friend constexpr bool operator!=(SecureConfigId a, SecureConfigId b) { return a.value_ != b.value_; }

 private:
  uint32_t value_;
};

// Who owns a frame: the host and guest share it, or one secure configuration owns it exclusively.
class PageOwner {
 public:
  static constexpr PageOwner Shared() { return PageOwner(0); }
  static constexpr PageOwner Secure(SecureConfigId id) { return PageOwner(id.value()); }
  constexpr bool is_secure() const { return raw_ != 0; }
  // Only meaningful when is_secure().
  constexpr SecureConfigId config() const { return SecureConfigId(raw_); }
  constexpr uint32_t raw() const { return raw_; }
  friend constexpr bool operator==(PageOwner a, PageOwner b) { return a.raw_ == b.raw_; }
  friend constexpr bool operator!=(PageOwner a, PageOwner b) { return a.raw_ != b.raw_; }

 private:
  constexpr explicit PageOwner(uint32_t raw) : raw_(raw) {}
  uint32_t raw_;
};

// The party making an access, which decides which frames it may touch.
class Accessor {
 public:
  // The VMM, devices, loaders: shared frames only.
  static constexpr Accessor Host() { return Accessor(0); }
  // A CPU running secure configuration `id`: shared frames and the frames of `id`.
  static constexpr Accessor SecureGuest(SecureConfigId id) { return Accessor(id.value()); }
  constexpr bool MayAccess(PageOwner owner) const { return !owner.is_secure() || owner.raw() == config_; }

 private:
  constexpr explicit Accessor(uint32_t config) : config_(config) {}
  uint32_t config_;
};

// How guest pages are backed on the host.
enum class MemoryBacking {
  kAnonymous,  // private anonymous mapping
  kMemfd,      // shared mapping of a memfd, so that another mapping (KVM, a second process) sees the pages
};

// One region requested from GuestMemory::Create. Base and size must be multiples of kPageSize.
struct RegionSpec {
  GuestAddress base;
  uint64_t size = 0;
};

class GuestMemory {
 public:
  // A mapped region as a hypervisor backend needs it (e.g. KVM_SET_USER_MEMORY_REGION).
  struct Region {
    GuestAddress base;
    uint64_t size;
    uint8_t* host;  // start of the host mapping
    int fd;         // memfd backing the region, or -1 for anonymous memory
    uint64_t first_frame;  // index of this region's first frame in the key/owner arrays
  };

  // Maps the regions. Fails on an empty list, unaligned or zero-sized regions, overlaps, wraparound past
  // 2^64, or when the host cannot provide the memory.
  static absl::StatusOr<std::unique_ptr<GuestMemory>> Create(absl::Span<const RegionSpec> regions,
                                                              MemoryBacking backing = MemoryBacking::kAnonymous);
  // One region at guest address 0.
  static absl::StatusOr<std::unique_ptr<GuestMemory>> CreateFlat(uint64_t size,
                                                                  MemoryBacking backing = MemoryBacking::kAnonymous);

  ~GuestMemory();
  GuestMemory(const GuestMemory&) = delete;
  GuestMemory& operator=(const GuestMemory&) = delete;

  absl::Span<const Region> regions() const { return regions_; }
  // Sum of all region sizes.
  uint64_t total_size() const { return total_size_; }
  // One past the highest byte of the highest region.
  GuestAddress end() const { return end_; }

  // True if every byte of [addr, addr+len) is backed by memory (holes and wraparound are not). A zero
  // length is always contained.
  bool Contains(GuestAddress addr, uint64_t len) const;

  // Copies guest bytes out / in. The range may span adjacent regions, not holes. A zero-length access
  // succeeds without touching anything. On error nothing is copied.
  absl::Status Read(GuestAddress addr, absl::Span<uint8_t> out, Accessor who = Accessor::Host()) const;
  absl::Status Write(GuestAddress addr, absl::Span<const uint8_t> in, Accessor who = Accessor::Host());
  // Sets [addr, addr+len) to `byte`.
  absl::Status Fill(GuestAddress addr, uint64_t len, uint8_t byte, Accessor who = Accessor::Host());

  // Big-endian integer access of 1, 2, 4 or 8 bytes (any alignment).
  template <typename T>
  absl::StatusOr<T> Load(GuestAddress addr, Accessor who = Accessor::Host()) const;
  template <typename T>
  absl::Status Store(GuestAddress addr, T value, Accessor who = Accessor::Host());

  // The host bytes of [addr, addr+len), which must lie in one region: the fast path for loaders and DMA.
  // The span stays valid for the life of this GuestMemory; ownership is checked only at the time of the
  // call. A zero length gives an empty span.
  absl::StatusOr<absl::Span<uint8_t>> HostSpan(GuestAddress addr, uint64_t len, Accessor who = Accessor::Host());

  // For CPU backends (the decode cache and TLB): the host address of the frame containing `addr`, or
  // nullptr if the frame does not exist or `who` may not access it. No Status on this path: a CPU turns a
  // nullptr into an addressing exception or a secure-storage exception itself.
  uint8_t* FramePointer(GuestAddress addr, Accessor who) const;

  // Storage keys, one per 4 KiB frame (initially 0: ACC 0, no fetch protection, R and C clear).
  absl::StatusOr<StorageKey> GetStorageKey(GuestAddress addr) const;
  absl::Status SetStorageKey(GuestAddress addr, StorageKey key);
  // Sets the reference bit, and the change bit if `changed`, as a CPU access does. Atomic.
  absl::Status MarkReferenced(GuestAddress addr, bool changed);

  // Write generations, for caches of decoded guest code: every host-side write (Write, Fill, Store and
  // HostSpan, which may be written through) increments the generation of each frame it touches, and so
  // does a CPU backend when it stores into a frame it has decoded code from (BumpWriteGeneration). A
  // cache entry remembers the generation it was built at and is stale when it differs.
  // Index of the frame containing `addr` across all regions, or -1 if not backed.
  int64_t FrameIndex(GuestAddress addr) const;
  uint64_t frame_count() const { return frame_count_; }
  // Requires 0 <= frame < frame_count().
  const std::atomic<uint32_t>& write_generation(uint64_t frame) const { return generations_[frame]; }
  void BumpWriteGeneration(uint64_t frame) { generations_[frame].fetch_add(1, std::memory_order_release); }
  // Frames some CPU has decoded code from, shared by all CPUs of a machine: a CPU stores into such a frame
  // only through its slow path, which bumps the write generation, so no CPU keeps executing stale code.
  // The mark stays (a frame that once held code is likely to again).
  void MarkCodeFrame(uint64_t frame) { code_frames_[frame].store(1, std::memory_order_seq_cst); }
  // Requires 0 <= frame < frame_count(). The address is stable for the life of this GuestMemory.
  const std::atomic<uint8_t>* code_frame_flag(uint64_t frame) const { return &code_frames_[frame]; }

  // Broadcast purge of every CPU's translation buffers (IPTE, IDTE, CSP with purge, SSKE change DAT
  // tables or keys that all CPUs of the configuration may have cached). The purging CPU bumps the
  // generation; each CPU compares it before every block it runs and flushes its own buffers when it moved.
  // Kept here because this memory is what the CPUs of one configuration share.
  void BroadcastTlbPurge() { tlb_purge_generation_.fetch_add(1, std::memory_order_seq_cst); }
  uint64_t tlb_purge_generation() const { return tlb_purge_generation_.load(std::memory_order_acquire); }

  // Page ownership. SetPageOwner's range must be page-aligned.
  absl::StatusOr<PageOwner> GetPageOwner(GuestAddress addr) const;
  absl::Status SetPageOwner(GuestAddress addr, uint64_t len, PageOwner owner);
  // Number of frames currently secure (any configuration).
  uint64_t secure_frame_count() const { return secure_frames_.load(std::memory_order_relaxed); }

 private:
  GuestMemory() = default;

  // The region containing `addr`, or nullptr.
  const Region* FindRegion(GuestAddress addr) const;
  // Checks that [addr, addr+len) is backed and that `who` may access every frame of it.
  absl::Status CheckAccess(GuestAddress addr, uint64_t len, Accessor who, const char* what) const;
  // Calls fn(host_ptr, chunk_len) for each region-contiguous chunk of a range CheckAccess accepted.
  template <typename Fn>
  void ForEachChunk(GuestAddress addr, uint64_t len, Fn fn) const;
  // Increments the write generation of every frame of a (checked, non-empty) range.
  void BumpRange(GuestAddress addr, uint64_t len);

  std::vector<Region> regions_;
  uint64_t total_size_ = 0;
  GuestAddress end_;
  // Per-frame state in zero-filled anonymous mappings: frames never touched cost no host memory (a 4 GiB
  // sparse guest needs 10 MiB of it), and "all zero" is every array's initial state.
  template <typename T>
  struct ZeroedArrayDeleter {
    size_t count;
    void operator()(T* p) const;
  };
  template <typename T>
  using ZeroedArray = std::unique_ptr<T[], ZeroedArrayDeleter<T>>;
  template <typename T>
  static ZeroedArray<T> MakeZeroedArray(size_t count);

  ZeroedArray<std::atomic<uint8_t>> keys_;
  ZeroedArray<std::atomic<uint32_t>> owners_;
  ZeroedArray<std::atomic<uint32_t>> generations_;
  ZeroedArray<std::atomic<uint8_t>> code_frames_;
  uint64_t frame_count_ = 0;
  std::atomic<uint64_t> secure_frames_{0};
  std::atomic<uint64_t> tlb_purge_generation_{0};
};

template <typename T>
absl::StatusOr<T> GuestMemory::Load(GuestAddress addr, Accessor who) const {
  static_assert(std::is_integral_v<T> && (sizeof(T) <= 8), "Load needs a 1/2/4/8-byte integer");
  uint8_t bytes[sizeof(T)];
  if (absl::Status s = Read(addr, absl::MakeSpan(bytes), who); !s.ok()) return s;
  return LoadBigEndian<T>(bytes);
}

template <typename T>
absl::Status GuestMemory::Store(GuestAddress addr, T value, Accessor who) {
  static_assert(std::is_integral_v<T> && (sizeof(T) <= 8), "Store needs a 1/2/4/8-byte integer");
  uint8_t bytes[sizeof(T)];
  StoreBigEndian<T>(bytes, value);
  return Write(addr, absl::MakeConstSpan(bytes), who);
}

}  // namespace s390vmm

#endif  // S390VMM_MEMORY_GUEST_MEMORY_H_
