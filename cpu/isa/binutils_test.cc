// Cross-checks the whole table against GNU binutils (Debian package binutils-s390x-linux-gnu, 2.40):
// every insns.inc row and every mnemonics.inc row becomes an assembler line with distinct operand values
// (twice, with two sets of values), the file is assembled with s390x-linux-gnu-as -march=arch14 and
// disassembled with s390x-linux-gnu-objdump, and for every instruction the test checks
//   - InsnLength(first byte) against the length the assembler produced,
//   - Lookup against the row the line came from,
//   - every decoded field against the value written in the line (fields the line does not set must be 0),
//   - Disassemble against objdump's text, character for character.
// No normalization is needed: objdump 2.40 prints PC-relative targets of an object file as plain 0x...
// addresses (--adjust-vma moves the code to 16 MiB so that backward targets stay positive).
//
// Rows binutils 2.40 does not know are listed in NotInBinutils() with the reason. The expectations are
// those of binutils 2.40 (Debian bookworm); the version in use is printed with the result.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cpu/isa/isa.h"
#include "gtest/gtest.h"

namespace s390vmm::isa {
namespace {

constexpr char kAs[] = "/usr/bin/s390x-linux-gnu-as";
constexpr char kObjdump[] = "/usr/bin/s390x-linux-gnu-objdump";
constexpr uint64_t kVma = 0x1000000;

// insns.inc rows GNU binutils 2.40 cannot assemble.
const std::map<std::string, std::string>& NotInBinutils() {
  static const auto* rows = new std::map<std::string, std::string>{
      {"SERVC", "SCLP service call: documented with the SCLP interface, binutils has no mnemonic"},
      {"CHSC", "channel-subsystem call: binutils has no mnemonic (Linux writes .insn rre,0xb25f0000)"},
      {"PQAP", "AP queue instruction: binutils has no mnemonic (Linux writes .insn rre,0xb2af0000)"},
      {"UVC", "ultravisor call: binutils has no mnemonic (Linux writes .insn rrf,0xb9a40000)"},
      {"ESSA", "CMM instruction: binutils has no mnemonic (Linux writes .insn rrf,0xb9ab0000)"},
  };
  return *rows;
}

// One assembler line and what the instruction it assembles to must decode to.
struct Line {
  std::string text;
  std::string label;  // "AGRK" or "BRC/je", for messages
  InsnId id;
  std::map<Field, int64_t> fields;  // every field of the format
};

std::string FieldName(Field f) {
  static constexpr const char* kNames[] = {"r1", "r2", "r3", "x2", "b1", "b2", "b3", "b4", "d1", "d2",
                                           "d3", "d4", "i1", "i2", "i3", "i4", "i5", "m1", "m2", "m3",
                                           "m4", "m5", "m6", "l1", "l2", "v1", "v2", "v3", "v4"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<int>(Field::kCount));
  return kNames[static_cast<int>(f)];
}

const FieldSpec* SpecOf(Format format, Field field) {
  const FormatInfo& fmt = Info(format);
  for (int i = 0; i < fmt.num_fields; ++i) {
    if (fmt.fields[i].field == field) return &fmt.fields[i];
  }
  return nullptr;
}

int Index(Field field, Field first) { return static_cast<int>(field) - static_cast<int>(first); }

// The value pass `pass` (0 or 1) writes into `field`, as encoded. Registers differ per field and are
// valid pairs where an instruction needs one (even general registers; floating-point registers 0,1,4,5,
// 8,9,12,13); immediates and displacements use the high bits so that sign handling shows.
int64_t Pick(const FieldSpec& spec, char cls, bool signed_imm, int pass) {
  const Field f = spec.field;
  switch (spec.kind) {
    case FieldKind::kRegister: {
      const int n = Index(f, Field::kR1);
      static constexpr int kGpr[2][3] = {{2, 4, 6}, {14, 10, 12}};
      static constexpr int kFpr[2][3] = {{1, 4, 5}, {13, 12, 8}};
      static constexpr int kOther[2][3] = {{5, 7, 11}, {15, 13, 9}};
      return cls == 'f' ? kFpr[pass][n] : cls == 'r' ? kGpr[pass][n] : kOther[pass][n];
    }
    case FieldKind::kVector: {
      static constexpr int kVr[2][4] = {{17, 2, 31, 20}, {5, 26, 13, 30}};
      return kVr[pass][Index(f, Field::kV1)];
    }
    case FieldKind::kIndex: return pass == 0 ? 9 : 7;
    case FieldKind::kBase: {
      static constexpr int kBase[2][4] = {{11, 13, 3, 15}, {3, 5, 1, 1}};
      return kBase[pass][Index(f, Field::kB1)];
    }
    case FieldKind::kMask: {
      static constexpr int kMask[2][6] = {{9, 10, 3, 5, 6, 7}, {14, 4, 11, 2, 9, 12}};
      return kMask[pass][Index(f, Field::kM1)];
    }
    case FieldKind::kDisp12: {
      static constexpr int kDisp[2][4] = {{4093, 2050, 3000, 1234}, {17, 4000, 1, 4095}};
      return kDisp[pass][Index(f, Field::kD1)];
    }
    case FieldKind::kDisp20: return pass == 0 ? -74565 : 344865;
    case FieldKind::kLength: {
      if (spec.width == 8) return pass == 0 ? 255 : 6;
      return f == Field::kL1 ? (pass == 0 ? 15 : 0) : (pass == 0 ? 2 : 8);
    }
    case FieldKind::kPcRel: return pass == 0 ? -0x123 : 0x345;
    case FieldKind::kImmediate: {
      const int w = spec.width;
      if (signed_imm) return pass == 0 ? -(int64_t{1} << (w - 1)) + 3 : (int64_t{1} << (w - 2)) + 1;
      return pass == 0 ? (int64_t{1} << w) - 3 : (int64_t{1} << (w - 1)) + 5;
    }
  }
  return 0;
}

// Builds the assembler operands for `syntax` and records the field values they encode. `fixed` holds
// the bits an extended mnemonic fixes (its constraints); they are ORed into the fields the line sets.
class LineBuilder {
 public:
  LineBuilder(Format format, bool signed_imm, int pass)
      : format_(format), signed_imm_(signed_imm), pass_(pass) {}

  std::string Operands(const std::string& syntax, std::map<Field, int64_t>& fields) {
    std::string out;
    size_t pos = 0;
    while (pos < syntax.size()) {
      const char c = syntax[pos];
      if (c == '[' || c == ']') {
        ++pos;  // optional operands are always written
      } else if (c == ',' || c == '(' || c == ')') {
        out += c;
        ++pos;
      } else {
        out += Token(syntax, pos, fields);
      }
    }
    return out;
  }

 private:
  std::string Token(const std::string& s, size_t& pos, std::map<Field, int64_t>& fields) {
    const char cls = s[pos];
    std::string name = s.substr(pos, 2);
    pos += 2;
    int64_t print_mask = -1;
    if (pos < s.size() && s[pos] == '&') {
      size_t end = s.find_first_not_of("0123456789", pos + 1);
      if (end == std::string::npos) end = s.size();
      EXPECT_TRUE(absl::SimpleAtoi(s.substr(pos + 1, end - pos - 1), &print_mask));
      pos = end;
    }
    if (name[0] == 'f' || name[0] == 'a' || name[0] == 'c') name[0] = 'r';
    Field field = Field::kCount;
    for (int f = 0; f < static_cast<int>(Field::kCount); ++f) {
      if (FieldName(static_cast<Field>(f)) == name) field = static_cast<Field>(f);
    }
    const FieldSpec* spec = SpecOf(format_, field);
    if (spec == nullptr) {
      ADD_FAILURE() << "bad token " << name;
      return "?";
    }
    int64_t value = Pick(*spec, cls, signed_imm_, pass_);
    if (print_mask >= 0) value &= print_mask;
    fields[field] |= value;
    switch (spec->kind) {
      case FieldKind::kRegister: return absl::StrCat("%", std::string(1, cls), value);
      case FieldKind::kVector: return absl::StrCat("%v", value);
      case FieldKind::kIndex: case FieldKind::kBase: return absl::StrCat("%r", value);
      case FieldKind::kLength: return absl::StrCat(value + 1);
      case FieldKind::kPcRel: return absl::StrCat(".", value < 0 ? "-" : "+", std::abs(value) * 2);
      default: return absl::StrCat(value);
    }
  }

  Format format_;
  bool signed_imm_;
  int pass_;
};

Line MakeLine(InsnId id, const char* mnemonic, const char* syntax, const ExtendedMnemonic* ext, int pass) {
  const InsnInfo& info = Info(id);
  Line line;
  line.id = id;
  line.label = ext ? absl::StrCat(info.mnemonic, "/", ext->mnemonic) : info.mnemonic;
  const FormatInfo& fmt = Info(info.format);
  for (int i = 0; i < fmt.num_fields; ++i) line.fields[fmt.fields[i].field] = 0;
  if (ext != nullptr) {
    for (int i = 0; i < ext->num_constraints; ++i) {
      line.fields[ext->constraint[i].field] |= ext->constraint[i].value;
    }
  }
  LineBuilder builder(info.format, (info.flags & kSignedImm) != 0, pass);
  line.text = absl::StrCat(absl::AsciiStrToLower(mnemonic), " ", builder.Operands(syntax, line.fields));
  return line;
}

std::vector<Line> AllLines() {
  std::vector<Line> lines;
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 1; i < static_cast<int>(InsnId::kCount); ++i) {
      const InsnId id = static_cast<InsnId>(i);
      const InsnInfo& info = Info(id);
      if (NotInBinutils().count(info.mnemonic)) continue;
      // Where the row's syntax belongs to another mnemonic (LEDBR's M3/M4 operands are LEDBRA's), the
      // extended mnemonic without constraints is the one binutils assembles it under.
      const char* mnemonic = info.mnemonic;
      for (const ExtendedMnemonic& e : AllExtendedMnemonics()) {
        if (e.base == id && e.num_constraints == 0) mnemonic = e.mnemonic;
      }
      lines.push_back(MakeLine(id, mnemonic, info.syntax, nullptr, pass));
    }
    for (const ExtendedMnemonic& e : AllExtendedMnemonics()) {
      lines.push_back(MakeLine(e.base, e.mnemonic, e.syntax, &e, pass));
    }
  }
  return lines;
}

std::string RunCommand(const std::string& command) {
  const int rc = std::system(command.c_str());
  return rc == 0 ? "" : absl::StrCat("`", command, "` exited with status ", rc);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// GNU as messages ("isa_rows.s:113: Error: ...") with the table row each line came from.
std::string LabelAssemblerErrors(const std::string& messages, const std::vector<Line>& lines) {
  std::string out;
  int shown = 0;
  for (absl::string_view message : absl::StrSplit(messages, '\n', absl::SkipEmpty())) {
    const size_t at = message.find(".s:");
    int number = 0;
    if (at == absl::string_view::npos ||
        !absl::SimpleAtoi(message.substr(at + 3, message.find(':', at + 3) - at - 3), &number)) {
      continue;
    }
    // Line 1 is ".text"; line n + 2 is lines[n].
    const std::string label = number >= 2 && number - 2 < static_cast<int>(lines.size())
                                  ? absl::StrCat(lines[number - 2].label, " [", lines[number - 2].text, "]")
                                  : "?";
    const absl::string_view error = message.substr(message.find(':', at + 3) + 1);
    absl::StrAppend(&out, label, ": ", absl::StripLeadingAsciiWhitespace(error), "\n");
    if (++shown == 40) break;
  }
  return out;
}

struct Disassembly {
  uint64_t address;
  std::vector<uint8_t> bytes;
  std::string text;
};

// Parses objdump -d lines such as "  1000004:\te3 12 ff f8 ff 04 \tlg\t%r1,-8(%r2,%r15)".
std::vector<Disassembly> ParseObjdump(const std::string& output) {
  std::vector<Disassembly> result;
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    std::vector<absl::string_view> parts = absl::StrSplit(line, absl::MaxSplits('\t', 2));
    if (parts.size() != 3 || !absl::EndsWith(parts[0], ":")) continue;
    Disassembly d;
    if (!absl::SimpleHexAtoi(absl::StripAsciiWhitespace(parts[0].substr(0, parts[0].size() - 1)), &d.address)) {
      continue;
    }
    for (absl::string_view byte : absl::StrSplit(parts[1], ' ', absl::SkipEmpty())) {
      uint32_t value = 0;
      if (!absl::SimpleHexAtoi(byte, &value)) return {};
      d.bytes.push_back(static_cast<uint8_t>(value));
    }
    d.text = std::string(parts[2]);
    result.push_back(d);
  }
  return result;
}

TEST(Binutils, EveryTableRowMatchesGnuAsAndObjdump) {
  ASSERT_EQ(access(kAs, X_OK), 0) << kAs << " not found: install the Debian package binutils-s390x-linux-gnu";
  ASSERT_EQ(access(kObjdump, X_OK), 0) << kObjdump
                                       << " not found: install the Debian package binutils-s390x-linux-gnu";
  for (const auto& [mnemonic, reason] : NotInBinutils()) {
    bool found = false;
    for (const InsnInfo& insn : AllInsns()) found |= mnemonic == insn.mnemonic;
    EXPECT_TRUE(found) << "NotInBinutils() lists " << mnemonic << ", which is not a table row";
  }

  const std::vector<Line> lines = AllLines();
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir = tmp != nullptr ? tmp : "/tmp";
  const std::string source = dir + "/isa_rows.s", object = dir + "/isa_rows.o";
  const std::string listing = dir + "/isa_rows.dis", errors = dir + "/isa_rows.err";
  {
    std::ofstream out(source);
    out << "\t.text\n";
    for (const Line& line : lines) out << "\t" << line.text << "\n";
  }
  const std::string as_error =
      RunCommand(absl::StrCat(kAs, " -march=arch14 -mzarch -o ", object, " ", source, " 2>", errors));
  ASSERT_EQ(as_error, "") << LabelAssemblerErrors(ReadFile(errors), lines);
  const std::string version_file = dir + "/isa_as.version";
  RunCommand(absl::StrCat(kAs, " --version >", version_file));
  const std::string version_text = ReadFile(version_file);
  const std::string version(absl::StripAsciiWhitespace(version_text.substr(0, version_text.find('\n'))));
  ASSERT_EQ(RunCommand(absl::StrCat(kObjdump, " -d -z --adjust-vma=", kVma, " ", object, " >", listing)), "");
  const std::vector<Disassembly> dis = ParseObjdump(ReadFile(listing));
  ASSERT_EQ(dis.size(), lines.size()) << "objdump listed a different number of instructions; see " << listing;

  int failures = 0;
  std::map<std::string, int> by_kind;
  auto fail = [&](const std::string& kind, const Line& line, const std::string& detail) {
    ++by_kind[kind];
    if (++failures <= 60) ADD_FAILURE() << line.label << " [" << line.text << "]: " << kind << ": " << detail;
  };
  std::set<InsnId> rows;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    const Disassembly& d = dis[i];
    rows.insert(line.id);
    if (InsnLength(d.bytes[0]) != static_cast<int>(d.bytes.size())) {
      fail("length", line, absl::StrCat(InsnLength(d.bytes[0]), " != ", d.bytes.size()));
      continue;
    }
    if (Lookup(d.bytes.data()) != line.id) {
      fail("lookup", line, absl::StrCat("got ", Info(Lookup(d.bytes.data())).mnemonic));
      continue;
    }
    const DecodedInsn decoded = Decode(d.bytes.data());
    for (int f = 0; f < static_cast<int>(Field::kCount); ++f) {
      const auto it = line.fields.find(static_cast<Field>(f));
      const int64_t want = it == line.fields.end() ? 0 : it->second;
      const int64_t got = GetField(decoded.ops, static_cast<Field>(f));
      if (got != want) {
        fail("field", line,
             absl::StrCat(FieldName(static_cast<Field>(f)), " decoded ", got, ", assembled ", want));
      }
    }
    const std::string text = Disassemble(decoded, d.address);
    if (text != d.text) fail("disassembly", line, absl::StrCat("'", text, "' vs objdump '", d.text, "'"));
  }
  std::vector<std::string> summary;
  for (const auto& [kind, count] : by_kind) summary.push_back(absl::StrCat(kind, ": ", count));
  EXPECT_EQ(failures, 0) << absl::StrJoin(summary, ", ") << " (" << version << ")";
  EXPECT_EQ(rows.size() + NotInBinutils().size(), AllInsns().size());
  std::cout << "binutils_test: " << lines.size() << " lines (2 passes x "
            << AllInsns().size() - NotInBinutils().size() << " table rows + " << AllExtendedMnemonics().size()
            << " extended mnemonics), " << NotInBinutils().size() << " rows not in binutils, " << failures
            << " mismatches; " << version << "\n";
}

}  // namespace
}  // namespace s390vmm::isa
