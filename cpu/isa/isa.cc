// The tables of isa.h, expanded from the .inc files at compile time: instruction info, the two-level
// opcode lookup and one field decoder per format.
#include "cpu/isa/isa.h"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <utility>

#include "absl/base/attributes.h"
#include "base/big_endian.h"

namespace s390vmm::isa {
namespace {

// ---- formats.inc ----

constexpr FormatInfo MakeFormat(const char* name, uint8_t length, OpcodeLayout layout,
                                std::initializer_list<FieldSpec> fields) {
  FormatInfo info{name, length, layout, 0, {}};
  for (const FieldSpec& f : fields) info.fields[info.num_fields++] = f;
  return info;
}

constexpr FormatInfo kFormats[] = {
#define F(field, start, width, kind) FieldSpec{Field::k##field, start, width, FieldKind::kind, 0}
#define VR(field, start, rxb_bit) FieldSpec{Field::k##field, start, 4, FieldKind::kVector, rxb_bit}
#define FORMAT(name, length, layout, ...) MakeFormat(#name, length, OpcodeLayout::layout, {__VA_ARGS__}),
#include "cpu/isa/formats.inc"
#undef FORMAT
#undef VR
#undef F
};
constexpr size_t kFormatCount = sizeof(kFormats) / sizeof(kFormats[0]);
static_assert(kFormatCount == static_cast<size_t>(Format::kCount));

// ---- insns.inc ----

constexpr InsnInfo kInsns[] = {
    {"", 0, Format::kE, Facility::kNone, kEndsBlock, 0, ""},  // InsnId::kInvalid
#define INSN(mnemonic, opcode, format, facility, flags, syntax)                                     \
  {#mnemonic, opcode, Format::k##format, Facility::facility, flags,                                 \
   kFormats[static_cast<int>(Format::k##format)].length, syntax},
#include "cpu/isa/insns.inc"
#undef INSN
};
static_assert(sizeof(kInsns) / sizeof(kInsns[0]) == static_cast<size_t>(InsnId::kCount));

// ---- Opcode lookup ----
//
// The first byte selects either an instruction (kOp8 formats) or a second-level table indexed by the
// extension: byte 1 (kOp16), the right half of byte 1 (kOp8Op4) or byte 5 (kOp8Op8). PoP: "Opcodes"
// (chapter 5) and appendix B.

struct FirstByteEntry {
  uint16_t value = 0;    // ext_mask == 0: the InsnId; otherwise the start of a second-level table
  uint8_t ext_byte = 0;  // which byte holds the extension
  uint8_t ext_mask = 0;  // which of its bits
};

constexpr int FirstByte(const InsnInfo& insn) {
  switch (kFormats[static_cast<int>(insn.format)].opcode_layout) {
    case OpcodeLayout::kOp8: return insn.opcode;
    case OpcodeLayout::kOp8Op4: return insn.opcode >> 4;
    default: return insn.opcode >> 8;  // kOp16, kOp8Op8
  }
}

constexpr int SecondLevelSize() {
  bool seen[256] = {};
  int size = 0;
  for (size_t i = 1; i < sizeof(kInsns) / sizeof(kInsns[0]); ++i) {
    const OpcodeLayout layout = kFormats[static_cast<int>(kInsns[i].format)].opcode_layout;
    const int b0 = FirstByte(kInsns[i]);
    if (layout == OpcodeLayout::kOp8 || seen[b0]) continue;
    seen[b0] = true;
    size += layout == OpcodeLayout::kOp8Op4 ? 16 : 256;
  }
  return size;
}

struct LookupTables {
  FirstByteEntry first[256] = {};
  uint16_t second[SecondLevelSize()] = {};
  // False if two rows share an opcode or one first byte mixes opcode layouts; checked below.
  bool consistent = true;
};

constexpr LookupTables BuildLookupTables() {
  LookupTables t;
  OpcodeLayout layout_of[256] = {};
  bool used[256] = {};
  int next = 0;
  for (size_t i = 1; i < sizeof(kInsns) / sizeof(kInsns[0]); ++i) {
    const InsnInfo& insn = kInsns[i];
    const OpcodeLayout layout = kFormats[static_cast<int>(insn.format)].opcode_layout;
    const int b0 = FirstByte(insn);
    if (used[b0] && layout_of[b0] != layout) t.consistent = false;
    if (layout == OpcodeLayout::kOp8) {
      if (used[b0]) t.consistent = false;
      t.first[b0].value = static_cast<uint16_t>(i);
    } else {
      if (!used[b0]) {
        t.first[b0].value = static_cast<uint16_t>(next);
        t.first[b0].ext_byte = layout == OpcodeLayout::kOp8Op8 ? 5 : 1;
        t.first[b0].ext_mask = layout == OpcodeLayout::kOp8Op4 ? 0x0f : 0xff;
        next += layout == OpcodeLayout::kOp8Op4 ? 16 : 256;
      }
      const int ext = insn.opcode & t.first[b0].ext_mask;
      uint16_t& slot = t.second[t.first[b0].value + ext];
      if (slot != 0) t.consistent = false;
      slot = static_cast<uint16_t>(i);
    }
    used[b0] = true;
    layout_of[b0] = layout;
  }
  return t;
}

constexpr LookupTables kLookup = BuildLookupTables();
static_assert(kLookup.consistent,
              "insns.inc: two rows share an opcode, or one first byte mixes opcode layouts");

// ---- Field decoding ----

// Bits start..start+width-1 (PoP numbering) of the left-aligned instruction.
constexpr uint64_t Bits(uint64_t insn, int start, int width) { return (insn << start) >> (64 - width); }

constexpr int64_t SignExtend(uint64_t value, int width) {
  const uint64_t sign = uint64_t{1} << (width - 1);
  return static_cast<int64_t>((value ^ sign) - sign);
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline void Store(Operands& ops, Field field, int64_t v) {
  switch (field) {
    case Field::kR1: ops.r1 = static_cast<uint8_t>(v); break;
    case Field::kR2: ops.r2 = static_cast<uint8_t>(v); break;
    case Field::kR3: ops.r3 = static_cast<uint8_t>(v); break;
    case Field::kX2: ops.x2 = static_cast<uint8_t>(v); break;
    case Field::kB1: ops.b1 = static_cast<uint8_t>(v); break;
    case Field::kB2: ops.b2 = static_cast<uint8_t>(v); break;
    case Field::kB3: ops.b3 = static_cast<uint8_t>(v); break;
    case Field::kB4: ops.b4 = static_cast<uint8_t>(v); break;
    case Field::kD1: ops.d1 = static_cast<int32_t>(v); break;
    case Field::kD2: ops.d2 = static_cast<int32_t>(v); break;
    case Field::kD3: ops.d3 = static_cast<int32_t>(v); break;
    case Field::kD4: ops.d4 = static_cast<int32_t>(v); break;
    case Field::kI1: ops.i1 = v; break;
    case Field::kI2: ops.i2 = v; break;
    case Field::kI3: ops.i3 = v; break;
    case Field::kI4: ops.i4 = v; break;
    case Field::kI5: ops.i5 = v; break;
    case Field::kM1: ops.m1 = static_cast<uint8_t>(v); break;
    case Field::kM2: ops.m2 = static_cast<uint8_t>(v); break;
    case Field::kM3: ops.m3 = static_cast<uint8_t>(v); break;
    case Field::kM4: ops.m4 = static_cast<uint8_t>(v); break;
    case Field::kM5: ops.m5 = static_cast<uint8_t>(v); break;
    case Field::kM6: ops.m6 = static_cast<uint8_t>(v); break;
    case Field::kL1: ops.l1 = static_cast<uint16_t>(v); break;
    case Field::kL2: ops.l2 = static_cast<uint16_t>(v); break;
    case Field::kV1: ops.v1 = static_cast<uint8_t>(v); break;
    case Field::kV2: ops.v2 = static_cast<uint8_t>(v); break;
    case Field::kV3: ops.v3 = static_cast<uint8_t>(v); break;
    case Field::kV4: ops.v4 = static_cast<uint8_t>(v); break;
    case Field::kCount: break;
  }
}

// Decodes one field. `spec` is a compile-time constant in every caller, so each format's decoder
// compiles to straight-line shifts and stores.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline void DecodeField(const FieldSpec& spec, uint64_t insn, bool signed_imm,
                                                     Operands& ops) {
  const uint64_t raw = Bits(insn, spec.start, spec.width);
  int64_t value = static_cast<int64_t>(raw);
  switch (spec.kind) {
    case FieldKind::kVector:
      // PoP "Vector Register Designation": the RXB bit is the leftmost bit of the 5-bit number.
      value |= static_cast<int64_t>(Bits(insn, spec.rxb_bit, 1) << 4);
      break;
    case FieldKind::kDisp20:
      // PoP "Long-Displacement Facility": displacement = DH (bits 32-39) || DL, signed.
      value = SignExtend((Bits(insn, 32, 8) << 12) | raw, 20);
      break;
    case FieldKind::kPcRel:
      value = SignExtend(raw, spec.width);
      break;
    case FieldKind::kImmediate:
      if (signed_imm) value = SignExtend(raw, spec.width);
      break;
    default:
      break;
  }
  Store(ops, spec.field, value);
}

using DecodeFn = void (*)(uint64_t insn, bool signed_imm, Operands& ops);

template <size_t kFormat, size_t... kField>
void DecodeFields([[maybe_unused]] uint64_t insn, [[maybe_unused]] bool signed_imm, Operands& ops,
                  std::index_sequence<kField...>) {
  (DecodeField(kFormats[kFormat].fields[kField], insn, signed_imm, ops), ...);
}

template <size_t kFormat>
void DecodeFormat(uint64_t insn, bool signed_imm, Operands& ops) {
  DecodeFields<kFormat>(insn, signed_imm, ops, std::make_index_sequence<kFormats[kFormat].num_fields>());
}

template <size_t... kFormat>
constexpr std::array<DecodeFn, sizeof...(kFormat)> MakeDecoders(std::index_sequence<kFormat...>) {
  return {&DecodeFormat<kFormat>...};
}

constexpr std::array<DecodeFn, kFormatCount> kDecoders = MakeDecoders(std::make_index_sequence<kFormatCount>());

uint64_t LoadInsn(const uint8_t* bytes, int length) {
  switch (length) {
    case 2: return uint64_t{LoadBigEndian<uint16_t>(bytes)} << 48;
    case 4: return uint64_t{LoadBigEndian<uint32_t>(bytes)} << 32;
    default:
      return (uint64_t{LoadBigEndian<uint32_t>(bytes)} << 32) |
             (uint64_t{LoadBigEndian<uint16_t>(bytes + 4)} << 16);
  }
}

}  // namespace

absl::Span<const FacilityInfo> AllFacilities() { return internal::kFacilities; }

const FormatInfo& Info(Format format) { return kFormats[static_cast<int>(format)]; }

const InsnInfo& Info(InsnId id) { return kInsns[static_cast<int>(id)]; }

absl::Span<const InsnInfo> AllInsns() { return absl::MakeConstSpan(kInsns).subspan(1); }

InsnId Lookup(const uint8_t* bytes) {
  const FirstByteEntry& e = kLookup.first[bytes[0]];
  if (e.ext_mask == 0) return static_cast<InsnId>(e.value);
  return static_cast<InsnId>(kLookup.second[e.value + (bytes[e.ext_byte] & e.ext_mask)]);
}

DecodedInsn Decode(const uint8_t* bytes) {
  DecodedInsn d;
  d.length = static_cast<uint8_t>(InsnLength(bytes[0]));
  d.bits = LoadInsn(bytes, d.length);
  d.id = Lookup(bytes);
  if (d.id != InsnId::kInvalid) {
    const InsnInfo& info = Info(d.id);
    kDecoders[static_cast<int>(info.format)](d.bits, (info.flags & kSignedImm) != 0, d.ops);
  }
  return d;
}

int64_t GetField(const Operands& ops, Field field) {
  switch (field) {
    case Field::kR1: return ops.r1;
    case Field::kR2: return ops.r2;
    case Field::kR3: return ops.r3;
    case Field::kX2: return ops.x2;
    case Field::kB1: return ops.b1;
    case Field::kB2: return ops.b2;
    case Field::kB3: return ops.b3;
    case Field::kB4: return ops.b4;
    case Field::kD1: return ops.d1;
    case Field::kD2: return ops.d2;
    case Field::kD3: return ops.d3;
    case Field::kD4: return ops.d4;
    case Field::kI1: return ops.i1;
    case Field::kI2: return ops.i2;
    case Field::kI3: return ops.i3;
    case Field::kI4: return ops.i4;
    case Field::kI5: return ops.i5;
    case Field::kM1: return ops.m1;
    case Field::kM2: return ops.m2;
    case Field::kM3: return ops.m3;
    case Field::kM4: return ops.m4;
    case Field::kM5: return ops.m5;
    case Field::kM6: return ops.m6;
    case Field::kL1: return ops.l1;
    case Field::kL2: return ops.l2;
    case Field::kV1: return ops.v1;
    case Field::kV2: return ops.v2;
    case Field::kV3: return ops.v3;
    case Field::kV4: return ops.v4;
    case Field::kCount: break;
  }
  return 0;
}

}  // namespace s390vmm::isa
