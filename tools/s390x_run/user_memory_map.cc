#include "tools/s390x_run/user_memory_map.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace s390vmm::s390x_run {
namespace {

constexpr uint64_t kPageMask = kPageSize - 1;

// Rounds up to a page; 0 if that wraps.
uint64_t PageUp(uint64_t v) { return v > ~kPageMask ? 0 : (v + kPageMask) & ~kPageMask; }

bool Overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end) { return a < b_end && b < a_end; }

}  // namespace

UserMemoryMap::UserMemoryMap(GuestMemory& memory, const Layout& layout) : memory_(memory), layout_(layout) {
  brk_start_ = brk_ = layout_.base;
}

void UserMemoryMap::SetBrkStart(uint64_t end_of_image) {
  brk_start_ = brk_ = std::max(PageUp(end_of_image), layout_.base);
}

bool UserMemoryMap::InRegion(uint64_t addr, uint64_t length) const {
  return addr >= layout_.base && addr <= layout_.end && length <= layout_.end - addr;
}

void UserMemoryMap::Clear(uint64_t addr, uint64_t len) {
  if (len == 0) return;
  // HostSpan also bumps the frames' write generations, so code decoded from them is dropped.
  auto span = memory_.HostSpan(GuestAddress(addr), len);
  if (!span.ok()) return;  // callers pass ranges inside the region
  if (madvise(span->data(), len, MADV_DONTNEED) != 0) std::memset(span->data(), 0, len);
}

uint64_t UserMemoryMap::NextMappingStart(uint64_t addr) const {
  auto it = mappings_.lower_bound(addr);
  return it == mappings_.end() ? mmap_top() : std::min(it->first, mmap_top());
}

uint64_t UserMemoryMap::Brk(uint64_t requested) {
  if (requested < brk_start_ || requested > layout_.end) return brk_;
  const uint64_t old_end = PageUp(brk_);
  const uint64_t new_end = PageUp(requested);
  if (new_end == 0) return brk_;
  if (new_end > old_end) {
    // Grow only into space no mapping uses (Linux: the break may not run into another mapping).
    if (new_end > NextMappingStart(old_end)) return brk_;
    Clear(old_end, new_end - old_end);
  } else if (new_end < old_end) {
    Clear(new_end, old_end - new_end);
  }
  brk_ = requested;
  return brk_;
}

bool UserMemoryMap::IsFree(uint64_t addr, uint64_t len) const {
  const uint64_t end = addr + len;
  if (Overlaps(addr, end, brk_start_, std::max(PageUp(brk_), brk_start_ + kPageSize))) return false;
  if (Overlaps(addr, end, stack_bottom() - layout_.stack_guard, layout_.end)) return false;
  auto it = mappings_.upper_bound(addr);
  if (it != mappings_.begin()) {
    auto prev = std::prev(it);
    if (prev->second > addr) return false;
  }
  return it == mappings_.end() || it->first >= end;
}

uint64_t UserMemoryMap::FindFree(uint64_t len) const {
  // Walk the gaps from the top down; the lowest usable address is just above the break.
  const uint64_t floor = std::max(PageUp(brk_), brk_start_ + kPageSize);
  uint64_t ceiling = mmap_top();
  for (auto it = mappings_.rbegin();; ++it) {
    const uint64_t gap_low = it == mappings_.rend() ? floor : std::max(it->second, floor);
    if (ceiling >= gap_low && ceiling - gap_low >= len) return ceiling - len;
    if (it == mappings_.rend()) return 0;
    ceiling = std::min(ceiling, it->first);
    if (ceiling <= floor) return 0;
  }
}

void UserMemoryMap::Remove(uint64_t addr, uint64_t len) {
  const uint64_t end = addr + len;
  auto it = mappings_.upper_bound(addr);
  if (it != mappings_.begin()) --it;
  while (it != mappings_.end() && it->first < end) {
    const uint64_t s = it->first, e = it->second;
    if (e <= addr) {
      ++it;
      continue;
    }
    it = mappings_.erase(it);
    if (s < addr) mappings_[s] = addr;
    if (e > end) mappings_[end] = e;
  }
}

bool UserMemoryMap::IsMapped(uint64_t addr, uint64_t length) const {
  uint64_t cur = addr;
  const uint64_t end = addr + length;
  while (cur < end) {
    auto it = mappings_.upper_bound(cur);
    if (it == mappings_.begin()) return false;
    --it;
    if (it->second <= cur) return false;
    cur = it->second;
  }
  return true;
}

uint64_t UserMemoryMap::mapped_bytes() const {
  uint64_t n = 0;
  for (const auto& [s, e] : mappings_) n += e - s;
  return n;
}

int64_t UserMemoryMap::Map(uint64_t hint, uint64_t length, bool fixed, bool noreplace) {
  if (length == 0) return -EINVAL;
  const uint64_t len = PageUp(length);
  if (len == 0) return -ENOMEM;
  uint64_t addr = 0;
  if (fixed) {
    if (hint & kPageMask) return -EINVAL;
    if (!InRegion(hint, len)) return -ENOMEM;
    if (noreplace && !IsFree(hint, len)) return -EEXIST;
    addr = hint;
    Remove(addr, len);
  } else {
    if (hint != 0 && (hint & kPageMask) == 0 && InRegion(hint, len) && hint + len <= mmap_top() &&
        IsFree(hint, len)) {
      addr = hint;
    } else {
      addr = FindFree(len);
      if (addr == 0) return -ENOMEM;
    }
  }
  mappings_[addr] = addr + len;
  Clear(addr, len);
  return static_cast<int64_t>(addr);
}

int64_t UserMemoryMap::Unmap(uint64_t addr, uint64_t length) {
  if ((addr & kPageMask) || length == 0) return -EINVAL;
  const uint64_t len = PageUp(length);
  if (len == 0 || !InRegion(addr, len)) return -EINVAL;
  Remove(addr, len);
  Clear(addr, len);
  return 0;
}

int64_t UserMemoryMap::Remap(uint64_t old_addr, uint64_t old_length, uint64_t new_length, bool may_move,
                             bool fixed, uint64_t new_addr) {
  if ((old_addr & kPageMask) || new_length == 0 || (fixed && !may_move)) return -EINVAL;
  const uint64_t old_len = PageUp(old_length);
  const uint64_t new_len = PageUp(new_length);
  if (new_len == 0) return -ENOMEM;
  if (!InRegion(old_addr, old_len) || !IsMapped(old_addr, old_len)) return -EFAULT;
  auto move_to = [&](uint64_t dest) -> int64_t {
    auto from = memory_.HostSpan(GuestAddress(old_addr), std::min(old_len, new_len));
    auto to = memory_.HostSpan(GuestAddress(dest), std::min(old_len, new_len));
    if (!from.ok() || !to.ok()) return -EFAULT;
    std::memmove(to->data(), from->data(), from->size());
    Remove(old_addr, old_len);
    Clear(old_addr, old_len);
    return static_cast<int64_t>(dest);
  };
  if (fixed) {
    if ((new_addr & kPageMask) || !InRegion(new_addr, new_len)) return -EINVAL;
    if (Overlaps(old_addr, old_addr + old_len, new_addr, new_addr + new_len)) return -EINVAL;
    Remove(new_addr, new_len);
    mappings_[new_addr] = new_addr + new_len;
    Clear(new_addr, new_len);
    return move_to(new_addr);
  }
  if (new_len <= old_len) {
    Remove(old_addr + new_len, old_len - new_len);
    Clear(old_addr + new_len, old_len - new_len);
    return static_cast<int64_t>(old_addr);
  }
  const uint64_t grow_at = old_addr + old_len;
  const uint64_t grow = new_len - old_len;
  if (grow_at + grow <= mmap_top() && IsFree(grow_at, grow)) {
    mappings_[grow_at] = grow_at + grow;
    Clear(grow_at, grow);
    return static_cast<int64_t>(old_addr);
  }
  if (!may_move) return -ENOMEM;
  const uint64_t dest = FindFree(new_len);
  if (dest == 0) return -ENOMEM;
  mappings_[dest] = dest + new_len;
  Clear(dest, new_len);
  return move_to(dest);
}

}  // namespace s390vmm::s390x_run
