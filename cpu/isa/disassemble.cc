// Disassembly in GNU objdump's syntax, driven by the operand syntax of insns.inc and the extended
// mnemonics of mnemonics.inc. The printing rules are binutils' (opcodes/s390-dis.c, 2.40): registers as
// %rN/%fN/%aN/%cN/%vN, numbers in decimal, PC-relative operands as the absolute target in hex, storage
// operands as D(X,B) where a zero index is left out and a zero base is left out unless something stands
// before it in the parentheses, lengths as the true length, and optional trailing operands left out when
// zero.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cpu/isa/isa.h"

namespace s390vmm::isa {
namespace {

// ---- mnemonics.inc ----

constexpr Field FieldFromName(char kind, char digit) {
  const int n = digit - '0';
  switch (kind) {
    case 'r': case 'f': case 'a': case 'c':
      return static_cast<Field>(static_cast<int>(Field::kR1) + n - 1);
    case 'x': return Field::kX2;
    case 'b': return static_cast<Field>(static_cast<int>(Field::kB1) + n - 1);
    case 'd': return static_cast<Field>(static_cast<int>(Field::kD1) + n - 1);
    case 'i': return static_cast<Field>(static_cast<int>(Field::kI1) + n - 1);
    case 'm': return static_cast<Field>(static_cast<int>(Field::kM1) + n - 1);
    case 'l': return static_cast<Field>(static_cast<int>(Field::kL1) + n - 1);
    case 'v': return static_cast<Field>(static_cast<int>(Field::kV1) + n - 1);
    default: return Field::kCount;
  }
}

constexpr int ParseNumber(const char* s, size_t& pos) {
  int value = 0;
  while (s[pos] >= '0' && s[pos] <= '9') value = value * 10 + (s[pos++] - '0');
  return value;
}

// "m5=0,m6&3=3": a field name, an optional "&mask" (default: the whole field) and "=value".
constexpr ExtendedMnemonic MakeExtended(InsnId base, const char* mnemonic, const char* constraints,
                                        const char* syntax) {
  ExtendedMnemonic e{base, mnemonic, constraints, syntax, 0, {}};
  size_t pos = 0;
  while (constraints[pos] != '\0') {
    FieldConstraint& c = e.constraint[e.num_constraints++];
    c.field = FieldFromName(constraints[pos], constraints[pos + 1]);
    pos += 2;
    c.mask = 0xffff;
    if (constraints[pos] == '&') c.mask = static_cast<uint16_t>(ParseNumber(constraints, ++pos));
    ++pos;  // '='
    c.value = static_cast<uint16_t>(ParseNumber(constraints, pos));
    if (constraints[pos] == ',') ++pos;
  }
  return e;
}

constexpr ExtendedMnemonic kExtended[] = {
#define EXTENDED(base, mnemonic, constraints, syntax) \
  MakeExtended(InsnId::k##base, mnemonic, constraints, syntax),
#include "cpu/isa/mnemonics.inc"
#undef EXTENDED
};
constexpr size_t kExtendedCount = sizeof(kExtended) / sizeof(kExtended[0]);

struct ExtendedRange {
  uint16_t first = 0;
  uint16_t count = 0;
};

struct ExtendedIndex {
  ExtendedRange by_insn[static_cast<int>(InsnId::kCount)] = {};
  bool adjacent = true;  // the rows of each instruction are adjacent
};

constexpr ExtendedIndex BuildExtendedIndex() {
  ExtendedIndex index;
  for (size_t i = 0; i < kExtendedCount; ++i) {
    ExtendedRange& r = index.by_insn[static_cast<int>(kExtended[i].base)];
    if (r.count == 0) {
      r.first = static_cast<uint16_t>(i);
    } else if (r.first + r.count != i) {
      index.adjacent = false;
    }
    ++r.count;
  }
  return index;
}

constexpr ExtendedIndex kExtendedIndex = BuildExtendedIndex();
static_assert(kExtendedIndex.adjacent, "mnemonics.inc: the rows of one instruction must be adjacent");

bool Matches(const ExtendedMnemonic& e, const Operands& ops) {
  for (int i = 0; i < e.num_constraints; ++i) {
    const FieldConstraint& c = e.constraint[i];
    if ((GetField(ops, c.field) & c.mask) != c.value) return false;
  }
  return true;
}

// ---- Operand printing ----

class OperandPrinter {
 public:
  OperandPrinter(const DecodedInsn& insn, const InsnInfo& info, uint64_t address)
      : ops_(insn.ops), format_(Info(info.format)), address_(address) {}

  std::string Print(const char* syntax) {
    std::string out;
    size_t pos = 0;
    RenderSequence(syntax, pos, out);
    return out;
  }

 private:
  // Renders syntax[pos...] up to a closing ']' or the end into `out`. Returns true if every operand
  // value rendered was zero, which is what makes an optional group disappear.
  bool RenderSequence(const char* s, size_t& pos, std::string& out) {
    bool all_zero = true;
    while (s[pos] != '\0' && s[pos] != ']') {
      const char c = s[pos];
      if (c == ',') {
        out += ',';
        ++pos;
      } else if (c == '[') {
        std::string group;
        const bool zero = RenderSequence(s, ++pos, group);
        ++pos;  // ']'
        if (!zero) {
          out += group;
          all_zero = false;
        }
      } else if (c == 'd') {
        RenderAddress(s, pos, out);
        all_zero = false;
      } else {
        if (RenderOperand(s, pos, out) != 0) all_zero = false;
      }
    }
    return all_zero;
  }

  // A register, mask or immediate token such as "r1", "v3", "m4", "i2" or "i4&63". Returns the value.
  int64_t RenderOperand(const char* s, size_t& pos, std::string& out) {
    const char kind = s[pos];
    const Field field = FieldFromName(kind, s[pos + 1]);
    pos += 2;
    int64_t value = GetField(ops_, field);
    if (s[pos] == '&') value &= ParseNumber(s, ++pos);
    switch (kind) {
      case 'r': case 'f': case 'a': case 'c': case 'v':
        absl::StrAppend(&out, "%", std::string(1, kind), value);
        break;
      default:
        if (KindOf(field) == FieldKind::kPcRel) {
          // PoP: the target is the instruction address plus twice the signed halfword count.
          absl::StrAppend(&out, "0x", absl::Hex(address_ + static_cast<uint64_t>(value) * 2));
        } else {
          absl::StrAppend(&out, value);
        }
        break;
    }
    return value;
  }

  // "d2(x2,b2)", "d2(b2)", "d1(l1,b1)", "d1(r1,b1)" or "d2(v2,b2)".
  void RenderAddress(const char* s, size_t& pos, std::string& out) {
    const Field disp = FieldFromName('d', s[pos + 1]);
    pos += 3;  // "dN("
    absl::StrAppend(&out, GetField(ops_, disp));
    char separator = '(';
    if (s[pos + 2] == ',') {  // a middle operand
      const char kind = s[pos];
      const int64_t value = GetField(ops_, FieldFromName(kind, s[pos + 1]));
      pos += 3;
      if (kind == 'l') {
        absl::StrAppend(&out, std::string(1, separator), value + 1);
        separator = ',';
      } else if (kind == 'r' || value != 0) {  // an index (x or v) of 0 means "none"
        absl::StrAppend(&out, std::string(1, separator), "%", std::string(1, kind == 'x' ? 'r' : kind), value);
        separator = ',';
      }
    }
    const int64_t base = GetField(ops_, FieldFromName('b', s[pos + 1]));
    pos += 3;  // "bN)"
    if (base != 0 || separator != '(') absl::StrAppend(&out, std::string(1, separator), "%r", base, ")");
  }

  FieldKind KindOf(Field field) const {
    for (int i = 0; i < format_.num_fields; ++i) {
      if (format_.fields[i].field == field) return format_.fields[i].kind;
    }
    return FieldKind::kImmediate;
  }

  const Operands& ops_;
  const FormatInfo& format_;
  uint64_t address_;
};

std::string Unknown(const DecodedInsn& insn) {
  const uint64_t b = insn.bits;
  switch (insn.length) {
    case 2: return absl::StrFormat(".short\t0x%04x", b >> 48);
    case 4: return absl::StrFormat(".long\t0x%08x", b >> 32);
    default:
      return absl::StrFormat(".short\t0x%04x,0x%04x,0x%04x", b >> 48, (b >> 32) & 0xffff, (b >> 16) & 0xffff);
  }
}

}  // namespace

absl::Span<const ExtendedMnemonic> AllExtendedMnemonics() { return kExtended; }

const ExtendedMnemonic* FindExtendedMnemonic(const DecodedInsn& insn) {
  const ExtendedRange& range = kExtendedIndex.by_insn[static_cast<int>(insn.id)];
  for (int i = range.first; i < range.first + range.count; ++i) {
    if (Matches(kExtended[i], insn.ops)) return &kExtended[i];
  }
  return nullptr;
}

std::string Disassemble(const DecodedInsn& insn, uint64_t address) {
  if (insn.id == InsnId::kInvalid) return Unknown(insn);
  const InsnInfo& info = Info(insn.id);
  const ExtendedMnemonic* ext = FindExtendedMnemonic(insn);
  std::string text = ext != nullptr ? std::string(ext->mnemonic) : absl::AsciiStrToLower(info.mnemonic);
  const char* syntax = ext != nullptr ? ext->syntax : info.syntax;
  const std::string operands = OperandPrinter(insn, info, address).Print(syntax);
  if (!operands.empty()) absl::StrAppend(&text, "\t", operands);
  return text;
}

}  // namespace s390vmm::isa
