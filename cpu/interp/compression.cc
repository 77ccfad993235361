// Instruction family: COMPRESSION CALL (CMPSC), the dictionary-driven (Ziv-Lempel) compression and
// expansion of the PoP chapter "Compression Call" and of ESA/390 Data Compression (SA22-7208).
//
// Registers: R1/R1+1 first operand (destination) address and length, R2/R2+1 second operand (source).
// GR0 bit 46 zero padding (CMPSC-enhancement facility), bit 47 symbol translation (ST), bits 48-51
// compressed-data symbol size CDSS (1-5: index symbols of CDSS + 8 = 9..13 bits), bit 54 format-1 sibling
// descriptors (F1), bit 55 expansion (E). GR1: dictionary origin (a 4K boundary), bits 52-60 the offset of
// the symbol-translation table in 128-byte units, bits 61-63 the compressed-data bit number (CBN) of the
// first index symbol in the compressed operand (the first operand for compression, the second for
// expansion).
//
// Dictionaries hold 2^(CDSS+8) 8-byte entries. The compression dictionary's entries are character entries
// (CCE: child count CCT, examine-child bits X/Y, double-character bit D, additional-extension characters
// AEC, child characters CC, child pointer CPTR) or sibling descriptors (SD: sibling count SCT,
// examine-child bits Y, sibling characters SC); a format-1 SD continues with 8 more sibling characters in
// the entry of the same index of the expansion dictionary, which follows the compression dictionary. The
// expansion dictionary's entries (ECE) are unpreceded (complete-symbol length CSL and up to 7 characters)
// or preceded (partial-symbol length PSL, predecessor pointer PPTR, up to 5 characters and their offset).
// Index symbols 0-255 are the alphabet: they expand to themselves.
//
// Ending: CC 0 second operand exhausted (compression: no source byte left; expansion: fewer bits left than
// an index symbol), CC 1 first operand full, CC 3 after a CPU-determined amount (kCmpscUnits source bytes
// compressed or bytes expanded) with the registers at the end of the last symbol. An invalid dictionary
// entry is a data exception (DXC 0) with the registers at the end of the last completed symbol; an access
// exception leaves them there too (the instruction, executed again, resumes). Every symbol is a unit of
// operation: its stores are checked for access before any is made.
//
// Choices where the documents are silent or where the two public readings differ (each documented in
// place): a format-0 SD with SCT 0 holds 7 sibling characters and more siblings follow (SCT 1-7 is the
// count); a format-1 SD with SCT 15 or 0 holds 14 and more follow. A preceded ECE of a chain whose
// characters would fall outside the symbol's length (PSL + OFST of its first entry) is a data exception.
// Zero padding (GR0 bit 46 with facility 47) stores zeros after the last byte up to the next 8-byte
// boundary, when the first operand has room for all of them.
#include <cstring>

#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using isa::InsnId;
using storage::GetLength;
using storage::SetAddress;
using storage::SetLength;

inline constexpr uint64_t kCmpscUnits = 4096;      // per execution, then CC 3
inline constexpr uint32_t kMaxSymbolLength = 260;  // PoP: longer symbols are a data exception
inline constexpr uint32_t kMaxChildren = 260;      // children examined for one symbol
inline constexpr int kMaxExpansionEntries = 127;   // dictionary entries for one expanded symbol
inline constexpr int kFacilityCmpscEnhancement = 47;
inline constexpr uint64_t kZeroPadBoundary = 8;

// Byte k (0 = leftmost) of a big-endian dictionary entry.
inline uint8_t EntryByte(uint64_t e, int k) { return static_cast<uint8_t>(e >> (56 - 8 * k)); }

// The registers' view of the operands, as committed after each completed symbol.
struct CmpscProgress {
  uint64_t op1;
  uint64_t len1;
  uint64_t op2;
  uint64_t len2;
  uint8_t cbn;
};

// A thrown invalid dictionary entry: becomes a data exception after the progress is committed.
struct InvalidDictionaryEntry {};

// Compression character entry, decoded.
struct Cce {
  uint8_t cct = 0;     // child characters in this entry
  bool more = false;   // more children: sibling descriptors follow at CPTR + CCT
  uint8_t act = 0;     // additional-extension characters
  uint8_t ec[5] = {};  // the AECs
  uint8_t cc[5] = {};  // the child characters
  uint16_t cptr = 0;   // index of the first child
  uint16_t x = 0;      // examine-child bits: 0x8000 >> n for child n (0-origin)
  uint16_t y = 0;      // Y1, Y2 (bits 15, 14): examine bits of the last two children of the first SD
};

// Sibling descriptor, decoded (both formats).
struct Sd {
  uint8_t count = 0;   // sibling characters
  bool more = false;   // another SD follows at this index + count + 1
  uint16_t y = 0;      // examine-child bits: 0x8000 >> n for sibling n (0-origin)
  uint8_t sc[14] = {};
};

class Cmpsc {
 public:
  Cmpsc(ExecContext& cpu, const Insn& i, uint32_t gr0)
      : cpu_(cpu),
        r1_(i.ops.r1),
        r2_(i.ops.r2),
        bits_(((gr0 >> 12) & 0xf) + 8),
        max_index_(static_cast<uint16_t>((1u << bits_) - 1)),
        format1_(gr0 & 0x200),
        translate_(gr0 & 0x10000),
        zero_pad_((gr0 & 0x20000) && cpu.model().HasBit(kFacilityCmpscEnhancement)) {
    const uint64_t gr1 = cpu.Wrap(cpu.s.gr[1]);
    dictionary_ = gr1 & ~uint64_t{0xfff};
    expansion_dictionary_ = cpu.Wrap(dictionary_ + (uint64_t{8} << bits_));
    translation_table_ = cpu.Wrap(dictionary_ + ((gr1 & 0xff8) << 4));
    p_ = CmpscProgress{cpu.Wrap(cpu.s.gr[r1_]), GetLength(cpu, r1_ + 1), cpu.Wrap(cpu.s.gr[r2_]),
                       GetLength(cpu, r2_ + 1), static_cast<uint8_t>(gr1 & 7)};
  }

  // Runs compression or expansion, commits the registers and sets the CC (or raises the exception).
  void Run(bool expand) {
    uint8_t cc = 0;
    try {
      cc = expand ? Expand() : Compress();
    } catch (const ProgramException&) {
      Commit();
      throw;
    } catch (const InvalidDictionaryEntry&) {
      Commit();
      RaiseDataException(0);
    }
    Commit();
    if (zero_pad_) ZeroPad(expand);
    cpu_.SetCc(cc);
  }

 private:
  // ---- Dictionary entries ----------------------------------------------------------------------------
  uint64_t Entry(uint64_t base, uint32_t index) {
    if (index > max_index_) throw InvalidDictionaryEntry{};
    return cpu_.Load<uint64_t>(cpu_.Wrap(base + uint64_t{index} * 8));
  }

  Cce GetCce(uint32_t index) {
    const uint64_t e = Entry(dictionary_, index);
    Cce c;
    c.cct = static_cast<uint8_t>(e >> 61);
    if (c.cct <= 1) {
      // Bits 8-10: ACT; the AECs from byte 3, then (CCT 1) the child character. CCT 1: X1 in bit 3.
      c.act = static_cast<uint8_t>((e >> 53) & 7);
      if (c.act > (c.cct == 0 ? 5 : 4)) throw InvalidDictionaryEntry{};
      for (int k = 0; k < c.act; ++k) c.ec[k] = EntryByte(e, 3 + k);
      if (c.cct == 0) return c;
      c.cc[0] = EntryByte(e, 3 + c.act);
      c.x = static_cast<uint16_t>(((e >> 60) & 1) << 15);
    } else {
      // Bits 3-7: X1-X5, 8-9: Y1-Y2, 10: D (one AEC in byte 3); up to 5 (4 with D) child characters, and
      // one more than that in CCT means "more children" in sibling descriptors.
      c.act = static_cast<uint8_t>((e >> 53) & 1);
      const uint8_t max = c.act ? 4 : 5;
      if (c.cct > max + 1) throw InvalidDictionaryEntry{};
      if (c.cct == max + 1) {
        c.more = true;
        c.cct = max;
      }
      if (c.act) c.ec[0] = EntryByte(e, 3);
      for (int k = 0; k < c.cct; ++k) c.cc[k] = EntryByte(e, 3 + c.act + k);
      c.x = static_cast<uint16_t>(((e >> 56) & 0x1f) << 11);
      c.y = static_cast<uint16_t>(((e >> 54) & 3) << 14);
    }
    c.cptr = static_cast<uint16_t>((e >> 40) & 0x1fff);
    if (c.cptr > max_index_) throw InvalidDictionaryEntry{};
    return c;
  }

  // The sibling descriptor at `index`; `parent` is the CCE whose children it continues if it is the first
  // SD of that parent (its Y bits examine the last two siblings), nullptr for later SDs (whose last two
  // siblings are always examined).
  Sd GetSd(uint32_t index, const Cce* parent) {
    const uint64_t e = Entry(dictionary_, index);
    Sd s;
    if (!format1_) {
      // Bits 0-2 SCT (0: seven SCs and more siblings), 3-7 Y1-Y5, bytes 1-7 the SCs.
      const uint8_t sct = static_cast<uint8_t>(e >> 61);
      s.more = sct == 0;
      s.count = s.more ? 7 : sct;
      s.y = static_cast<uint16_t>(((e >> 56) & 0x1f) << 11);
      s.y |= parent ? static_cast<uint16_t>(parent->y >> 5) : uint16_t{0x0600};
      for (int k = 0; k < 7; ++k) s.sc[k] = EntryByte(e, 1 + k);
    } else {
      // Bits 0-3 SCT (15, or 0: fourteen SCs and more siblings), 4-15 Y1-Y12, bytes 2-7 SCs 1-6, and
      // SCs 7-14 in the expansion-dictionary entry of the same index (fetched only when needed).
      const uint8_t sct = static_cast<uint8_t>(e >> 60);
      s.more = sct == 15 || sct == 0;
      s.count = s.more ? 14 : sct;
      s.y = static_cast<uint16_t>(((e >> 48) & 0xfff) << 4);
      s.y |= parent ? static_cast<uint16_t>(parent->y >> 12) : uint16_t{0x000c};
      for (int k = 0; k < 6; ++k) s.sc[k] = EntryByte(e, 2 + k);
      if (s.count > 6) {
        const uint64_t e2 = Entry(expansion_dictionary_, index);
        for (int k = 0; k < 8; ++k) s.sc[6 + k] = EntryByte(e2, k);
      }
    }
    return s;
  }

  // ---- Compression -----------------------------------------------------------------------------------
  // Bytes the next index symbol occupies at bit `cbn`.
  uint64_t SymbolBytes(uint8_t cbn) const { return (cbn + bits_ + 7) / 8; }

  // Stores an index symbol at the first operand's current bit, keeping the bits to its left in the first
  // byte; the rest of its last byte becomes zeros.
  void PutIndex(uint32_t index) {
    if (translate_) index = cpu_.Load<uint16_t>(cpu_.Wrap(translation_table_ + 2 * index)) & max_index_;
    const uint64_t n = SymbolBytes(p_.cbn);
    uint8_t out[3];
    const uint8_t keep = p_.cbn ? static_cast<uint8_t>(cpu_.Load<uint8_t>(p_.op1) & (0xff00 >> p_.cbn)) : 0;
    const uint32_t v = uint32_t{keep} << 16 | index << (24 - p_.cbn - bits_);
    out[0] = static_cast<uint8_t>(v >> 16);
    out[1] = static_cast<uint8_t>(v >> 8);
    out[2] = static_cast<uint8_t>(v);
    cpu_.CheckAccess(p_.op1, n, AccessType::kStore);
    cpu_.WriteBytes(p_.op1, out, n);
    const uint64_t advance = (p_.cbn + bits_) / 8;
    p_.op1 = cpu_.Wrap(p_.op1 + advance);
    p_.len1 -= advance;
    p_.cbn = static_cast<uint8_t>((p_.cbn + bits_) % 8);
  }

  uint8_t SourceByte(uint64_t offset) { return cpu_.Load<uint8_t>(cpu_.Wrap(p_.op2 + offset)); }

  // The PoP's compression flowchart: the longest string of the source that the dictionary tree holds,
  // one index symbol per string.
  uint8_t Compress() {
    uint64_t processed = 0;
    for (;;) {
      if (p_.len2 == 0) return 0;
      if (p_.len1 < SymbolBytes(p_.cbn)) return 1;
      if (processed >= kCmpscUnits) return 3;
      uint64_t used = 1;  // source bytes of this symbol
      uint32_t parent_index = SourceByte(0);
      Cce parent = GetCce(parent_index);
      uint32_t children = 0;
      uint32_t out = parent_index;
      for (;;) {
        if (parent.cct == 0 || used == p_.len2) {
          out = parent_index;
          break;
        }
        const uint8_t ch = SourceByte(used);
        // The child that continues the string: examined (X/Y bit) children must also match their AECs
        // and then become the parent; unexamined ones end the symbol one byte later.
        enum { kStop, kLeaf, kDescend } step = kStop;
        uint32_t child_index = 0;
        uint64_t advance = 0;
        Cce child;
        auto try_child = [&](uint32_t index, bool examine) {
          if (++children > kMaxChildren) throw InvalidDictionaryEntry{};
          child_index = index;
          if (!examine) {
            step = kLeaf;
            return true;
          }
          child = GetCce(index);
          if (child.act == 0) {
            step = kDescend;
            advance = 1;
            return true;
          }
          if (p_.len2 - used >= 1u + child.act) {
            bool equal = true;
            for (int k = 0; k < child.act && equal; ++k) equal = SourceByte(used + 1 + k) == child.ec[k];
            if (equal) {
              step = kDescend;
              advance = 1u + child.act;
              return true;
            }
          }
          return false;
        };
        bool flag = true;  // no child character mismatched yet: equal CCs may differ in their AECs
        bool done = false;
        for (int cc = 0; cc < parent.cct && !done;) {
          if (ch == parent.cc[cc]) {
            if (try_child(parent.cptr + cc, parent.x & (0x8000 >> cc)) || !flag) {
              done = true;
            } else {
              ++cc;
              if (cc >= parent.cct) done = true;
            }
            if (done) break;
            continue;
          }
          flag = false;
          ++cc;
        }
        if (!done && parent.more) {
          uint32_t sd_index = parent.cptr + parent.cct;
          const Cce* first = &parent;
          for (;;) {
            const Sd sd = GetSd(sd_index, first);
            int sc = 0;
            while (sc < sd.count && ch != sd.sc[sc]) ++sc;
            if (sc < sd.count) {
              try_child(sd_index + sc + 1, sd.y & (0x8000 >> sc));
              break;
            }
            if (!sd.more) break;
            sd_index += sd.count + 1;
            first = nullptr;
          }
        }
        if (step == kStop) {
          out = parent_index;
          break;
        }
        if (step == kLeaf) {
          used += 1;
          out = child_index;
          break;
        }
        parent = child;
        parent_index = child_index;
        used += advance;
      }
      if (used > kMaxSymbolLength) throw InvalidDictionaryEntry{};
      PutIndex(out);
      p_.op2 = cpu_.Wrap(p_.op2 + used);
      p_.len2 -= used;
      processed += used;
    }
  }

  // ---- Expansion -------------------------------------------------------------------------------------
  // The symbol of `index` (>= 256) into `buf`; returns its length, or 0 when the first operand has no
  // room for it (nothing is fetched beyond the first entry then).
  uint32_t ExpandSymbol(uint32_t index, uint8_t* buf) {
    uint64_t e = Entry(dictionary_, index);
    uint32_t psl = static_cast<uint32_t>(e >> 61);
    if (psl == 0) {
      const uint32_t csl = static_cast<uint32_t>((e >> 56) & 7);
      if (csl == 0) throw InvalidDictionaryEntry{};
      if (p_.len1 < csl) return 0;
      for (uint32_t k = 0; k < csl; ++k) buf[k] = EntryByte(e, 1 + k);
      return csl;
    }
    if (psl > 5) throw InvalidDictionaryEntry{};
    const uint32_t length = psl + EntryByte(e, 7);
    if (p_.len1 < length) return 0;
    // Follow the predecessors: each preceded entry places its characters at its offset, the unpreceded
    // entry that ends the chain its characters at the start.
    for (int entries = 1;; ++entries) {
      const uint32_t ofst = EntryByte(e, 7);
      if (ofst + psl > length) throw InvalidDictionaryEntry{};
      for (uint32_t k = 0; k < psl; ++k) buf[ofst + k] = EntryByte(e, 2 + k);
      const uint32_t pptr = static_cast<uint32_t>((e >> 48) & 0x1fff);
      if (entries >= kMaxExpansionEntries) throw InvalidDictionaryEntry{};
      e = Entry(dictionary_, pptr);
      psl = static_cast<uint32_t>(e >> 61);
      if (psl == 0) break;
      if (psl > 5) throw InvalidDictionaryEntry{};
    }
    const uint32_t csl = static_cast<uint32_t>((e >> 56) & 7);
    if (csl == 0 || csl > length) throw InvalidDictionaryEntry{};
    for (uint32_t k = 0; k < csl; ++k) buf[k] = EntryByte(e, 1 + k);
    return length;
  }

  uint8_t Expand() {
    uint64_t processed = 0;
    uint8_t buf[kMaxSymbolLength];
    for (;;) {
      const uint64_t need = SymbolBytes(p_.cbn);
      if (p_.len2 < need) return 0;
      uint8_t in[3] = {};
      cpu_.ReadBytes(p_.op2, in, need);
      const uint32_t window = uint32_t{in[0]} << 16 | uint32_t{in[1]} << 8 | in[2];
      const uint32_t index = (window >> (24 - p_.cbn - bits_)) & max_index_;
      if (p_.len1 == 0) return 1;
      if (processed >= kCmpscUnits) return 3;
      uint32_t length;
      if (index < 256) {
        buf[0] = static_cast<uint8_t>(index);
        length = 1;
      } else {
        length = ExpandSymbol(index, buf);
        if (length == 0) return 1;
      }
      cpu_.CheckAccess(p_.op1, length, AccessType::kStore);
      cpu_.WriteBytes(p_.op1, buf, length);
      p_.op1 = cpu_.Wrap(p_.op1 + length);
      p_.len1 -= length;
      const uint64_t advance = (p_.cbn + bits_) / 8;
      p_.op2 = cpu_.Wrap(p_.op2 + advance);
      p_.len2 -= advance;
      p_.cbn = static_cast<uint8_t>((p_.cbn + bits_) % 8);
      processed += length;
    }
  }

  // ---- Registers -------------------------------------------------------------------------------------
  void Commit() {
    SetAddress(cpu_, r1_, p_.op1);
    SetLength(cpu_, r1_ + 1, p_.len1);
    SetAddress(cpu_, r2_, p_.op2);
    SetLength(cpu_, r2_ + 1, p_.len2);
    cpu_.s.gr[1] = (cpu_.s.gr[1] & ~uint64_t{7}) | p_.cbn;
  }

  // Zeros from the first byte after the result (after a partly filled last byte of compressed data) to
  // the next kZeroPadBoundary boundary, if the first operand has room for all of them. The registers do
  // not change.
  void ZeroPad(bool expand) {
    uint64_t addr = p_.op1;
    uint64_t len = p_.len1;
    if (!expand && p_.cbn != 0 && len > 0) {
      addr = cpu_.Wrap(addr + 1);
      --len;
    }
    const uint64_t pad = (kZeroPadBoundary - (addr & (kZeroPadBoundary - 1))) & (kZeroPadBoundary - 1);
    if (pad == 0 || len < pad) return;
    static constexpr uint8_t kZeros[kZeroPadBoundary] = {};
    cpu_.CheckAccess(addr, pad, AccessType::kStore);
    cpu_.WriteBytes(addr, kZeros, pad);
  }

  ExecContext& cpu_;
  const int r1_;
  const int r2_;
  const uint32_t bits_;
  const uint16_t max_index_;
  const bool format1_;
  const bool translate_;
  const bool zero_pad_;
  uint64_t dictionary_ = 0;
  uint64_t expansion_dictionary_ = 0;
  uint64_t translation_table_ = 0;
  CmpscProgress p_;
};

void ExecCMPSC(ExecContext& cpu, const Insn& i) {
  const uint32_t gr0 = cpu.s.gr_low(0);
  const uint32_t cdss = (gr0 >> 12) & 0xf;
  if ((i.ops.r1 | i.ops.r2) & 1) SpecificationException();
  if (cdss < 1 || cdss > 5) SpecificationException();
  Cmpsc op(cpu, i, gr0);
  op.Run(gr0 & 0x100);
}

}  // namespace

void RegisterCompression(HandlerTable& table) { table.Set<&ExecCMPSC>(InsnId::kCMPSC); }

}  // namespace s390vmm::interp
