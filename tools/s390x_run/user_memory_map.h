// File: tools/s390x_run/user_memory_map.h
//
// The address-space layout of one user-mode process inside a single guest memory region, and the Linux
// memory system calls over it (brk, anonymous mmap, munmap, mremap). With DAT off, guest logical addresses
// are absolute addresses, so the layout is a set of address ranges in one GuestMemory:
//
//   [region base ...           ELF segments, then the program break (brk) growing up
//                ...           mmap area, allocated top-down below the stack guard
//    stack_bottom, stack_top)  the initial stack (Linux's 8 MiB RLIMIT_STACK default)
//   region end)
//
// Every byte of the region is backed (anonymous NORESERVE memory: untouched pages cost nothing), so a
// guest access to an address that is not mapped here does not fault; only addresses outside the region
// (NULL page, above the region) raise addressing exceptions. Memory this map hands out is zero, as Linux
// guarantees for fresh anonymous pages and glibc's malloc relies on for brk memory: ranges are cleared
// (madvise(MADV_DONTNEED), which also returns the host pages) when unmapped and again when mapped.
//
// Results follow the kernel's conventions: an address, or a negative errno (-ENOMEM, -EINVAL, ...).
#ifndef S390VMM_TOOLS_S390X_RUN_USER_MEMORY_MAP_H_
#define S390VMM_TOOLS_S390X_RUN_USER_MEMORY_MAP_H_

#include <cstdint>
#include <map>

#include "memory/guest_memory.h"

namespace s390vmm::s390x_run {

class UserMemoryMap {
 public:
  struct Layout {
    uint64_t base = 0x10000;              // first byte of the region (below it: the unmapped NULL area)
    uint64_t end = uint64_t{1} << 32;     // one past the last byte
    uint64_t stack_size = 8 << 20;
    uint64_t stack_guard = 1 << 20;       // kept free between the mmap area and the stack
  };

  // `memory` must contain [layout.base, layout.end).
  UserMemoryMap(GuestMemory& memory, const Layout& layout);

  const Layout& layout() const { return layout_; }
  uint64_t stack_top() const { return layout_.end; }
  uint64_t stack_bottom() const { return layout_.end - layout_.stack_size; }
  // Highest address the mmap area may use.
  uint64_t mmap_top() const { return stack_bottom() - layout_.stack_guard; }

  // Sets the initial program break (the end of the highest ELF segment; rounded up to a page).
  void SetBrkStart(uint64_t end_of_image);
  uint64_t brk() const { return brk_; }
  uint64_t brk_start() const { return brk_start_; }
  // The brk system call: moves the break to `requested` if that is possible and returns the (new or
  // unchanged) break. brk(0) and failures return the current break, as Linux does.
  uint64_t Brk(uint64_t requested);

  // Anonymous mmap. `hint` is a preferred address (used when free), or with `fixed` the required one
  // (existing mappings there are replaced; with `noreplace`, -EEXIST instead). Returns the address or a
  // negative errno.
  int64_t Map(uint64_t hint, uint64_t length, bool fixed, bool noreplace);
  // munmap: 0 or -EINVAL (unaligned address, zero length, outside the region).
  int64_t Unmap(uint64_t addr, uint64_t length);
  // mremap with MREMAP_MAYMOVE / MREMAP_FIXED semantics; returns the new address or a negative errno.
  int64_t Remap(uint64_t old_addr, uint64_t old_length, uint64_t new_length, bool may_move, bool fixed,
                uint64_t new_addr);
  // True if [addr, addr+length) lies inside the region (for mprotect/madvise/msync checks).
  bool InRegion(uint64_t addr, uint64_t length) const;
  // True if every page of the range is an mmap mapping.
  bool IsMapped(uint64_t addr, uint64_t length) const;

  // Bytes currently mapped with Map (statistics and tests).
  uint64_t mapped_bytes() const;

 private:
  // Zeroes [addr, addr+len) (page-aligned) and gives the host pages back.
  void Clear(uint64_t addr, uint64_t len);
  // Removes [addr, addr+len) from mappings_ (splitting entries); does not clear.
  void Remove(uint64_t addr, uint64_t len);
  // True if no mapping, the brk area, or the stack overlaps [addr, addr+len).
  bool IsFree(uint64_t addr, uint64_t len) const;
  // Highest free range of `len` bytes at or below mmap_top(), or 0.
  uint64_t FindFree(uint64_t len) const;
  // Lowest mapping start at or above `addr` (the ceiling brk may grow to).
  uint64_t NextMappingStart(uint64_t addr) const;

  GuestMemory& memory_;
  Layout layout_;
  uint64_t brk_start_ = 0;
  uint64_t brk_ = 0;
  std::map<uint64_t, uint64_t> mappings_;  // start -> end, disjoint, page-aligned
};

}  // namespace s390vmm::s390x_run

#endif  // S390VMM_TOOLS_S390X_RUN_USER_MEMORY_MAP_H_
