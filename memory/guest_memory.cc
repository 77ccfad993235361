#include "memory/guest_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <type_traits>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_format.h"

namespace s390vmm {
namespace {

std::string RangeString(GuestAddress addr, uint64_t len) {
  return absl::StrFormat("[0x%x, +0x%x)", addr.value(), len);
}

}  // namespace

absl::StatusOr<std::unique_ptr<GuestMemory>> GuestMemory::CreateFlat(uint64_t size, MemoryBacking backing) {
  RegionSpec spec{GuestAddress(0), size};
  return Create(absl::MakeConstSpan(&spec, 1), backing);
}

absl::StatusOr<std::unique_ptr<GuestMemory>> GuestMemory::Create(absl::Span<const RegionSpec> specs,
                                                                  MemoryBacking backing) {
  if (specs.empty()) return absl::InvalidArgumentError("guest memory needs at least one region");
  std::vector<RegionSpec> sorted(specs.begin(), specs.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const RegionSpec& a, const RegionSpec& b) { return a.base < b.base; });
  for (size_t i = 0; i < sorted.size(); ++i) {
    const RegionSpec& r = sorted[i];
    if (r.size == 0) {
      return absl::InvalidArgumentError(absl::StrFormat("memory region at %s has size 0", r.base.ToString()));
    }
    if (!r.base.IsAligned(kPageSize) || r.size % kPageSize != 0) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "memory region %s is not aligned to the 4 KiB page size", RangeString(r.base, r.size)));
    }
    // The last byte must be addressable; a region ending exactly at 2^64 is allowed.
    if (!r.base.CheckedAdd(r.size - 1)) {
      return absl::InvalidArgumentError(
          absl::StrFormat("memory region %s wraps past 2^64", RangeString(r.base, r.size)));
    }
    if (i > 0) {
      const RegionSpec& prev = sorted[i - 1];
      if (r.base.OffsetFrom(prev.base) < prev.size) {
        return absl::InvalidArgumentError(absl::StrFormat("memory regions %s and %s overlap",
                                                          RangeString(prev.base, prev.size),
                                                          RangeString(r.base, r.size)));
      }
    }
  }

  std::unique_ptr<GuestMemory> mem(new GuestMemory());
  uint64_t frames = 0;
  for (const RegionSpec& r : sorted) {
    int fd = -1;
    void* host;
    if (backing == MemoryBacking::kMemfd) {
      fd = memfd_create("s390vmm-guest-memory", MFD_CLOEXEC);
      if (fd < 0) return absl::InternalError(absl::StrFormat("memfd_create: %s", std::strerror(errno)));
      if (ftruncate(fd, static_cast<off_t>(r.size)) != 0) {
        int err = errno;
        close(fd);
        return absl::ResourceExhaustedError(
            absl::StrFormat("cannot size guest memory memfd to %d bytes: %s", r.size, std::strerror(err)));
      }
      host = mmap(nullptr, r.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    } else {
      host = mmap(nullptr, r.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (host == MAP_FAILED) {
      int err = errno;
      if (fd >= 0) close(fd);
      return absl::ResourceExhaustedError(absl::StrFormat("cannot map %d bytes of guest memory for %s: %s",
                                                          r.size, RangeString(r.base, r.size),
                                                          std::strerror(err)));
    }
    // Registered at once so that the destructor unmaps it if a later region fails.
    mem->regions_.push_back(Region{r.base, r.size, static_cast<uint8_t*>(host), fd, frames});
    frames += r.size / kPageSize;
    mem->total_size_ += r.size;
  }
  const Region& last = mem->regions_.back();
  mem->end_ = last.base.WrappingAdd(last.size);  // 0 if memory reaches 2^64; Contains() does not use end_
  // std::atomic of these integer types is trivially default-constructible and all-zero bytes are the
  // value 0, so fresh zero pages are valid arrays.
  mem->keys_ = MakeZeroedArray<std::atomic<uint8_t>>(frames);
  mem->owners_ = MakeZeroedArray<std::atomic<uint32_t>>(frames);
  mem->generations_ = MakeZeroedArray<std::atomic<uint32_t>>(frames);
  mem->code_frames_ = MakeZeroedArray<std::atomic<uint8_t>>(frames);
  mem->frame_count_ = frames;
  if (!mem->keys_ || !mem->owners_ || !mem->generations_ || !mem->code_frames_) {
    return absl::ResourceExhaustedError(absl::StrFormat("cannot map the per-frame state of %d frames", frames));
  }
  return mem;
}

template <typename T>
void GuestMemory::ZeroedArrayDeleter<T>::operator()(T* p) const {
  munmap(p, std::max<size_t>(count * sizeof(T), 1));
}

template <typename T>
GuestMemory::ZeroedArray<T> GuestMemory::MakeZeroedArray(size_t count) {
  static_assert(std::is_trivially_default_constructible_v<T>);
  const size_t bytes = std::max<size_t>(count * sizeof(T), 1);
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return ZeroedArray<T>(nullptr, ZeroedArrayDeleter<T>{count});
  return ZeroedArray<T>(static_cast<T*>(p), ZeroedArrayDeleter<T>{count});
}

GuestMemory::~GuestMemory() {
  for (const Region& r : regions_) {
    munmap(r.host, r.size);
    if (r.fd >= 0) close(r.fd);
  }
}

const GuestMemory::Region* GuestMemory::FindRegion(GuestAddress addr) const {
  // Regions are sorted by base; the candidate is the last one starting at or below addr.
  auto it = std::upper_bound(regions_.begin(), regions_.end(), addr,
                             [](GuestAddress a, const Region& r) { return a < r.base; });
  if (it == regions_.begin()) return nullptr;
  --it;
  if (addr.OffsetFrom(it->base) >= it->size) return nullptr;
  return &*it;
}

int64_t GuestMemory::FrameIndex(GuestAddress addr) const {
  const Region* r = FindRegion(addr);
  if (r == nullptr) return -1;
  return static_cast<int64_t>(r->first_frame + (addr.OffsetFrom(r->base) >> kPageShift));
}

bool GuestMemory::Contains(GuestAddress addr, uint64_t len) const {
  if (len == 0) return true;
  if (!addr.CheckedAdd(len - 1)) return false;
  uint64_t remaining = len;
  GuestAddress cur = addr;
  while (true) {
    const Region* r = FindRegion(cur);
    if (r == nullptr) return false;
    uint64_t avail = r->size - cur.OffsetFrom(r->base);
    if (avail >= remaining) return true;
    remaining -= avail;
    cur = cur.WrappingAdd(avail);  // the next byte must begin an adjacent region
  }
}

absl::Status GuestMemory::CheckAccess(GuestAddress addr, uint64_t len, Accessor who, const char* what) const {
  if (len == 0) return absl::OkStatus();
  if (!Contains(addr, len)) {
    return absl::OutOfRangeError(absl::StrFormat("guest %s of %s is outside guest memory (%d bytes in %d region%s)",
                                                 what, RangeString(addr, len), total_size_, regions_.size(),
                                                 regions_.size() == 1 ? "" : "s"));
  }
  if (secure_frames_.load(std::memory_order_relaxed) == 0) return absl::OkStatus();
  GuestAddress last = addr.WrappingAdd(len - 1);
  for (GuestAddress page = addr.PageBase();; page = page.WrappingAdd(kPageSize)) {
    PageOwner owner = PageOwner::Shared();
    int64_t frame = FrameIndex(page);
    uint32_t raw = owners_[frame].load(std::memory_order_acquire);
    if (raw != 0) owner = PageOwner::Secure(SecureConfigId(raw));
    if (!who.MayAccess(owner)) {
      return absl::PermissionDeniedError(absl::StrFormat(
          "guest %s of %s touches page %s, which is secure storage of secure configuration %d; "
          "access refused", what, RangeString(addr, len), page.ToString(), raw));
    }
    if (page == last.PageBase()) break;
  }
  return absl::OkStatus();
}

template <typename Fn>
void GuestMemory::ForEachChunk(GuestAddress addr, uint64_t len, Fn fn) const {
  GuestAddress cur = addr;
  while (len > 0) {
    const Region* r = FindRegion(cur);
    uint64_t offset = cur.OffsetFrom(r->base);
    uint64_t chunk = std::min(len, r->size - offset);
    fn(r->host + offset, chunk);
    len -= chunk;
    cur = cur.WrappingAdd(chunk);
  }
}

absl::Status GuestMemory::Read(GuestAddress addr, absl::Span<uint8_t> out, Accessor who) const {
  if (absl::Status s = CheckAccess(addr, out.size(), who, "read"); !s.ok()) return s;
  uint8_t* dst = out.data();
  ForEachChunk(addr, out.size(), [&](const uint8_t* host, uint64_t n) {
    std::memcpy(dst, host, n);
    dst += n;
  });
  return absl::OkStatus();
}

void GuestMemory::BumpRange(GuestAddress addr, uint64_t len) {
  GuestAddress last = addr.WrappingAdd(len - 1).PageBase();
  for (GuestAddress page = addr.PageBase();; page = page.WrappingAdd(kPageSize)) {
    BumpWriteGeneration(FrameIndex(page));
    if (page == last) break;
  }
}

absl::Status GuestMemory::Write(GuestAddress addr, absl::Span<const uint8_t> in, Accessor who) {
  if (absl::Status s = CheckAccess(addr, in.size(), who, "write"); !s.ok()) return s;
  if (!in.empty()) BumpRange(addr, in.size());
  const uint8_t* src = in.data();
  ForEachChunk(addr, in.size(), [&](uint8_t* host, uint64_t n) {
    std::memcpy(host, src, n);
    src += n;
  });
  return absl::OkStatus();
}

absl::Status GuestMemory::Fill(GuestAddress addr, uint64_t len, uint8_t byte, Accessor who) {
  if (absl::Status s = CheckAccess(addr, len, who, "write"); !s.ok()) return s;
  if (len != 0) BumpRange(addr, len);
  ForEachChunk(addr, len, [&](uint8_t* host, uint64_t n) { std::memset(host, byte, n); });
  return absl::OkStatus();
}

absl::StatusOr<absl::Span<uint8_t>> GuestMemory::HostSpan(GuestAddress addr, uint64_t len, Accessor who) {
  if (len == 0) return absl::Span<uint8_t>();
  if (absl::Status s = CheckAccess(addr, len, who, "access"); !s.ok()) return s;
  const Region* r = FindRegion(addr);
  uint64_t offset = addr.OffsetFrom(r->base);
  if (r->size - offset < len) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "guest range %s crosses the end of the memory region at %s; it has no single host span",
        RangeString(addr, len), RangeString(r->base, r->size)));
  }
  BumpRange(addr, len);  // the caller may write through the span
  return absl::Span<uint8_t>(r->host + offset, len);
}

uint8_t* GuestMemory::FramePointer(GuestAddress addr, Accessor who) const {
  const Region* r = FindRegion(addr);
  if (r == nullptr) return nullptr;
  uint64_t offset = addr.PageBase().OffsetFrom(r->base);
  uint32_t raw = owners_[r->first_frame + (offset >> kPageShift)].load(std::memory_order_acquire);
  if (raw != 0 && !who.MayAccess(PageOwner::Secure(SecureConfigId(raw)))) return nullptr;
  return r->host + offset;
}

absl::StatusOr<StorageKey> GuestMemory::GetStorageKey(GuestAddress addr) const {
  int64_t frame = FrameIndex(addr);
  if (frame < 0) {
    return absl::OutOfRangeError(absl::StrFormat("storage key of %s: no guest memory there", addr.ToString()));
  }
  return StorageKey(keys_[frame].load(std::memory_order_relaxed));
}

absl::Status GuestMemory::SetStorageKey(GuestAddress addr, StorageKey key) {
  int64_t frame = FrameIndex(addr);
  if (frame < 0) {
    return absl::OutOfRangeError(absl::StrFormat("storage key of %s: no guest memory there", addr.ToString()));
  }
  keys_[frame].store(key.byte(), std::memory_order_relaxed);
  return absl::OkStatus();
}

absl::Status GuestMemory::MarkReferenced(GuestAddress addr, bool changed) {
  int64_t frame = FrameIndex(addr);
  if (frame < 0) {
    return absl::OutOfRangeError(absl::StrFormat("storage key of %s: no guest memory there", addr.ToString()));
  }
  keys_[frame].fetch_or(StorageKey::kReference | (changed ? StorageKey::kChange : 0), std::memory_order_relaxed);
  return absl::OkStatus();
}

absl::StatusOr<PageOwner> GuestMemory::GetPageOwner(GuestAddress addr) const {
  int64_t frame = FrameIndex(addr);
  if (frame < 0) {
    return absl::OutOfRangeError(absl::StrFormat("owner of page %s: no guest memory there", addr.ToString()));
  }
  uint32_t raw = owners_[frame].load(std::memory_order_acquire);
  return raw == 0 ? PageOwner::Shared() : PageOwner::Secure(SecureConfigId(raw));
}

absl::Status GuestMemory::SetPageOwner(GuestAddress addr, uint64_t len, PageOwner owner) {
  if (!addr.IsAligned(kPageSize) || len % kPageSize != 0) {
    return absl::InvalidArgumentError(
        absl::StrFormat("page ownership range %s is not page-aligned", RangeString(addr, len)));
  }
  if (!Contains(addr, len)) {
    return absl::OutOfRangeError(
        absl::StrFormat("page ownership range %s is outside guest memory", RangeString(addr, len)));
  }
  for (uint64_t off = 0; off < len; off += kPageSize) {
    int64_t frame = FrameIndex(addr.WrappingAdd(off));
    uint32_t old = owners_[frame].exchange(owner.raw(), std::memory_order_acq_rel);
    if (old == 0 && owner.is_secure()) secure_frames_.fetch_add(1, std::memory_order_relaxed);
    if (old != 0 && !owner.is_secure()) secure_frames_.fetch_sub(1, std::memory_order_relaxed);
  }
  return absl::OkStatus();
}

}  // namespace s390vmm
