// File: cpu/interp/decode_cache.h
//
// Predecoded guest code. A Block is the run of instructions from one address up to the first one that
// ends a block (branch, PSW change, exit), the end of the page, or kMaxBlockInsns. Blocks are keyed by
// the absolute address of their first instruction and remember the write generation of their frame
// (GuestMemory::write_generation): any store into the frame — by a CPU, a device or a loader — makes
// them stale, and they are decoded again on their next use. A small jump cache maps logical instruction
// addresses to blocks; it is valid for one TLB epoch of one address space.
#ifndef S390VMM_CPU_INTERP_DECODE_CACHE_H_
#define S390VMM_CPU_INTERP_DECODE_CACHE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/base/optimization.h"
#include "absl/container/flat_hash_map.h"
#include "cpu/interp/exec_context.h"
#include "cpu/interp/insn.h"

namespace s390vmm::interp {

struct Block {
  uint64_t abs = 0;            // absolute address of the first instruction
  uint64_t frame = 0;          // its frame
  uint32_t generation = 0;     // write generation of the frame when decoded
  const std::atomic<uint32_t>* current_generation = nullptr;  // the frame's generation counter
  bool ends_special = false;   // the last instruction's handler may change the PSW or request an exit
  bool cacheable = true;       // false for a lone instruction that crosses a page boundary
  // The block that ran after this one last time, valid for the instruction address and TLB epoch it
  // was found at (the run loop follows it instead of looking the address up again).
  mutable uint64_t link_ia = 1;
  mutable uint64_t link_epoch = 0;
  mutable const Block* link = nullptr;

  // Whether the code this block was decoded from is unchanged.
  bool current() const { return generation == current_generation->load(std::memory_order_relaxed); }
  // The instructions, followed by one end-of-block sentinel (EndOfBlock, length 0) that the threaded
  // handlers run into when the block falls through at its end.
  std::vector<Insn> insns;

  size_t size() const { return insns.size() - 1; }  // without the sentinel
  const Insn* begin() const { return insns.data(); }
  const Insn* end() const { return insns.data() + size(); }
};

class DecodeCache {
 public:
  static constexpr int kMaxBlockInsns = 64;
  static constexpr int kJumpCacheEntries = 4096;
  // Bound on cached blocks; the whole cache is dropped when it is reached.
  static constexpr size_t kMaxBlocks = 1 << 17;

  explicit DecodeCache(const HandlerTable& handlers) : handlers_(handlers), jump_cache_(kJumpCacheEntries) {}

  // The block at logical instruction address `ia` in the CPU's current address space, decoded if needed.
  // Raises the access exception of the instruction fetch.
  const Block* Lookup(ExecContext& cpu, uint64_t ia) {
    // The hot path, inline: a jump-cache hit whose block is still current.
    const JumpEntry& j = jump_cache_[(ia >> 1) & (kJumpCacheEntries - 1)];
    if (ABSL_PREDICT_TRUE(j.ia == ia && j.epoch == cpu.tlb_epoch() && j.block->current())) {
      return j.block;
    }
    return LookupSlow(cpu, ia);
  }

  // The block to run after `prev` at `ia`: prev's link when it still holds, else Lookup() (which may
  // raise the instruction fetch's access exception), remembered as prev's new link.
  const Block* Next(ExecContext& cpu, const Block* prev, uint64_t ia) {
    if (ABSL_PREDICT_TRUE(prev->link_ia == ia && prev->link_epoch == cpu.tlb_epoch() && prev->link->current())) {
      return prev->link;
    }
    const uint64_t flushes = flushes_;
    const Block* next = Lookup(cpu, ia);
    // A full flush freed `prev`; the crossing-instruction scratch block is never linked.
    if (flushes == flushes_ && prev->cacheable && next->cacheable) {
      prev->link_ia = ia;
      prev->link_epoch = cpu.tlb_epoch();
      prev->link = next;
    }
    return next;
  }

  // Number of blocks decoded so far (statistics).
  uint64_t decoded_blocks() const { return decoded_blocks_; }

 private:
  struct JumpEntry {
    uint64_t ia = 1;  // odd: never a valid instruction address
    uint64_t epoch = 0;
    Block* block = nullptr;
  };

  const Block* LookupSlow(ExecContext& cpu, uint64_t ia);
  Block* Decode(ExecContext& cpu, uint64_t ia, const uint8_t* page, uint64_t frame, uint64_t abs);
  // Decodes the single instruction at `ia` whose bytes continue on the next page.
  Block* DecodeCrossing(ExecContext& cpu, uint64_t ia);
  // Decodes one instruction. An instruction whose facility the CPU model lacks gets a handler that
  // raises the operation exception (the facility check happens once, here, not per execution).
  void Fill(const ExecContext& cpu, Insn& out, const uint8_t* bytes);
  static void AppendSentinel(Block& b);

  const HandlerTable& handlers_;
  absl::flat_hash_map<uint64_t, std::unique_ptr<Block>> blocks_;
  std::vector<JumpEntry> jump_cache_;
  Block crossing_;  // scratch for DecodeCrossing
  uint64_t decoded_blocks_ = 0;
  uint64_t flushes_ = 0;  // times the whole cache was dropped (every Block* before it is dangling)
};

}  // namespace s390vmm::interp

#endif  // S390VMM_CPU_INTERP_DECODE_CACHE_H_
