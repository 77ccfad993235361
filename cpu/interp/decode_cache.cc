#include "cpu/interp/decode_cache.h"

namespace s390vmm::interp {

namespace {
void FacilityNotInstalled(ExecContext&, const Insn&) { RaiseProgramInterrupt(ProgramInterruptCode::kOperation); }

// Conditional branches end a block only when they are taken: the threaded dispatch sees next_ia move and
// leaves the block there (a side exit), so decoding continues past them and a not-taken branch costs
// no trip through the run loop. Unconditional branches and calls end the block: what follows them runs
// only when something branches there, and is found by its own address.
bool MayFallThrough(const Insn& insn) {
  using isa::InsnId;
  switch (insn.id) {
    case InsnId::kBC:
    case InsnId::kBCR:
    case InsnId::kBRC:
    case InsnId::kBRCL:
      return insn.ops.m1 != 15;
    case InsnId::kBCT: case InsnId::kBCTR: case InsnId::kBCTG: case InsnId::kBCTGR:
    case InsnId::kBRCT: case InsnId::kBRCTG: case InsnId::kBRCTH:
    case InsnId::kBXH: case InsnId::kBXLE: case InsnId::kBXHG: case InsnId::kBXLEG:
    case InsnId::kBRXH: case InsnId::kBRXLE: case InsnId::kBRXHG: case InsnId::kBRXLG:
    case InsnId::kCRJ: case InsnId::kCGRJ: case InsnId::kCLRJ: case InsnId::kCLGRJ:
    case InsnId::kCIJ: case InsnId::kCGIJ: case InsnId::kCLIJ: case InsnId::kCLGIJ:
    case InsnId::kCRB: case InsnId::kCGRB: case InsnId::kCLRB: case InsnId::kCLGRB:
    case InsnId::kCIB: case InsnId::kCGIB: case InsnId::kCLIB: case InsnId::kCLGIB:
      return true;
    default:
      return false;
  }
}
}  // namespace

void DecodeCache::Fill(const ExecContext& cpu, Insn& out, const uint8_t* bytes) {
  isa::DecodedInsn d = isa::Decode(bytes);
  out.id = d.id;
  out.length = d.length != 0 ? d.length : static_cast<uint8_t>(isa::InsnLength(bytes[0]));
  out.ops = d.ops;
  if (cpu.model().Has(isa::Info(d.id).facility) || d.id == isa::InsnId::kInvalid) {
    out.exec = handlers_.Get(d.id);
    out.thread = handlers_.GetThreaded(d.id);
  } else {
    out.exec = &FacilityNotInstalled;
    out.thread = &Threaded<&FacilityNotInstalled>;
  }
}

void DecodeCache::AppendSentinel(Block& b) {
  Insn& end = b.insns.emplace_back();
  end.exec = nullptr;
  end.thread = &EndOfBlock;
  end.id = isa::InsnId::kInvalid;
  end.length = 0;
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
  if (it != blocks_.end() && it->second->current()) {
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
    ++flushes_;
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
    const bool ends = (isa::Info(insn.id).flags & isa::kEndsBlock) && !MayFallThrough(insn);
    if (special || ends || insn.id == isa::InsnId::kInvalid || offset >= kPageSize) {
      b.ends_special = special;
      break;
    }
  }
  AppendSentinel(b);
  ++decoded_blocks_;
  return &b;
}

Block* DecodeCache::DecodeCrossing(ExecContext& cpu, uint64_t ia) {
  uint8_t bytes[6];
  cpu.FetchBytes(ia, bytes, isa::InsnLength(cpu.FetchByte(ia)));
  crossing_.insns.resize(1);
  Fill(cpu, crossing_.insns[0], bytes);
  AppendSentinel(crossing_);
  crossing_.cacheable = false;
  crossing_.ends_special = handlers_.EndsBlock(crossing_.insns[0].id);
  crossing_.frame = 0;
  crossing_.current_generation = &cpu.memory().write_generation(0);
  crossing_.generation = crossing_.current_generation->load();
  return &crossing_;
}

}  // namespace s390vmm::interp
