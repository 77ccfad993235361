#include "cpu/interp/decode_cache.h"

namespace s390vmm::interp {

namespace {
void FacilityNotInstalled(ExecContext&, const Insn&) { RaiseProgramInterrupt(ProgramInterruptCode::kOperation); }
}  // namespace

void DecodeCache::Fill(const ExecContext& cpu, Insn& out, const uint8_t* bytes) {
  isa::DecodedInsn d = isa::Decode(bytes);
  out.id = d.id;
  out.length = d.length != 0 ? d.length : static_cast<uint8_t>(isa::InsnLength(bytes[0]));
  out.ops = d.ops;
  out.exec = cpu.model().Has(isa::Info(d.id).facility) || d.id == isa::InsnId::kInvalid ? handlers_.Get(d.id)
                                                                                        : &FacilityNotInstalled;
}

const Block* DecodeCache::LookupSlow(ExecContext& cpu, uint64_t ia) {
  const uint64_t epoch = cpu.tlb_epoch();
  JumpEntry& j = jump_cache_[(ia >> 1) & (kJumpCacheEntries - 1)];
  if (ia & 1) RaiseProgramInterrupt(ProgramInterruptCode::kSpecification);
  uint64_t frame;
  uint64_t abs_page;
  const uint8_t* page = cpu.FetchPage(ia, &frame, &abs_page);
  const uint64_t offset = ia & (kPageSize - 1);
  const int length = isa::InsnLength(page[offset]);
  if (offset + length > kPageSize) return DecodeCrossing(cpu, ia);

  const uint64_t abs = abs_page + offset;
  Block* block;
  auto it = blocks_.find(abs);
  if (it != blocks_.end() &&
      it->second->generation == cpu.memory().write_generation(frame).load(std::memory_order_acquire)) {
    block = it->second.get();
  } else {
    block = Decode(cpu, ia, page, frame, abs);
  }
  j.ia = ia;
  j.epoch = epoch;
  j.block = block;
  return block;
}

Block* DecodeCache::Decode(ExecContext& cpu, uint64_t ia, const uint8_t* page, uint64_t frame, uint64_t abs) {
  if (blocks_.size() >= kMaxBlocks) {
    blocks_.clear();
    cpu.BumpTlbEpoch();  // the jump cache points into the dropped blocks
  }
  // Stores into this frame must now take the slow path, which bumps its generation.
  cpu.MarkCodeFrame(frame);
  std::unique_ptr<Block>& slot = blocks_[abs];
  if (!slot) slot = std::make_unique<Block>();
  Block& b = *slot;
  b.abs = abs;
  b.frame = frame;
  b.current_generation = &cpu.memory().write_generation(frame);
  b.generation = b.current_generation->load(std::memory_order_acquire);
  b.insns.clear();
  b.ends_special = false;
  b.cacheable = true;
  uint64_t offset = ia & (kPageSize - 1);
  while (b.insns.size() < kMaxBlockInsns) {
    const int length = isa::InsnLength(page[offset]);
    if (offset + length > kPageSize) break;  // the next block starts with the crossing instruction
    Insn& insn = b.insns.emplace_back();
    Fill(cpu, insn, page + offset);
    offset += length;
    const bool special = handlers_.EndsBlock(insn.id);
    if (special || (isa::Info(insn.id).flags & isa::kEndsBlock) || insn.id == isa::InsnId::kInvalid ||
        offset >= kPageSize) {
      b.ends_special = special;
      break;
    }
  }
  ++decoded_blocks_;
  return &b;
}

Block* DecodeCache::DecodeCrossing(ExecContext& cpu, uint64_t ia) {
  uint8_t bytes[6];
  cpu.FetchBytes(ia, bytes, isa::InsnLength(cpu.FetchByte(ia)));
  crossing_.insns.resize(1);
  Fill(cpu, crossing_.insns[0], bytes);
  crossing_.cacheable = false;
  crossing_.ends_special = handlers_.EndsBlock(crossing_.insns[0].id);
  crossing_.frame = 0;
  crossing_.current_generation = &cpu.memory().write_generation(0);
  crossing_.generation = crossing_.current_generation->load();
  return &crossing_;
}

}  // namespace s390vmm::interp
