// File: cpu/isa/isa.h
//
// The z/Architecture instruction set as data. Four tables describe it once:
//
//   facilities.inc  facility -> STFLE bit
//   formats.inc     instruction format -> length, opcode layout, operand fields (bit position, kind)
//   insns.inc       instruction -> opcode, format, facility, flags, assembler operand syntax
//   mnemonics.inc   extended mnemonics (BRC 8 is "je", VA with M4=3 is "vag", ...) for the disassembler
//
// and everything below is generated from them: the InsnId enum, the opcode lookup, the field decoder and
// the disassembler. Nothing else in s390vmm lists opcodes or field positions.
//
//   isa::DecodedInsn d = isa::Decode(bytes);           // bytes holds InsnLength(bytes[0]) bytes
//   if (d.id == isa::InsnId::kAGRK) ... d.ops.r1, d.ops.r2, d.ops.r3 ...
//   std::string text = isa::Disassemble(d, address);   // "agrk\t%r1,%r2,%r3", objdump's spelling
//
// Decoding follows the PoP: the instruction length comes from the two leftmost bits (ILC rule), the
// opcode from the first byte plus, depending on that byte, byte 1, its right half or byte 5. Bits the
// format leaves unused take no part. An opcode the table does not know decodes to InsnId::kInvalid (the
// CPU presents an operation exception).
//
// Thread safety: everything here is immutable data and pure functions.
#ifndef S390VMM_CPU_ISA_ISA_H_
#define S390VMM_CPU_ISA_ISA_H_

#include <cstdint>
#include <string>

#include "absl/types/span.h"

namespace s390vmm::isa {

// ---------------------------------------------------------------------------------------------------------
// Facilities (facilities.inc)

enum class Facility : uint16_t {
#define FACILITY(name, bit, description) name,
#define FACILITY_ALIAS(name, row)
#include "cpu/isa/facilities.inc"
#undef FACILITY
#undef FACILITY_ALIAS
  kCount,
// Names for facilities that share a bit with another (see facilities.inc).
#define FACILITY(name, bit, description)
#define FACILITY_ALIAS(name, row) name = row,
#include "cpu/isa/facilities.inc"
#undef FACILITY
#undef FACILITY_ALIAS
};

struct FacilityInfo {
  const char* name;         // "kDistinctOperands"
  int stfle_bit;            // -1 for kNone
  const char* description;  // "distinct-operands, fast-BCR-serialization, ..."
};

namespace internal {
inline constexpr FacilityInfo kFacilities[] = {
#define FACILITY(name, bit, description) {#name, bit, description},
#define FACILITY_ALIAS(name, row)
#include "cpu/isa/facilities.inc"
#undef FACILITY
#undef FACILITY_ALIAS
};
}  // namespace internal

constexpr const FacilityInfo& Info(Facility facility) {
  return internal::kFacilities[static_cast<int>(facility)];
}
// The facility-list bit STFLE reports for `facility` (bit 0 = leftmost bit of the first doubleword);
// -1 for Facility::kNone, whose instructions every CPU has.
constexpr int StfleBit(Facility facility) { return Info(facility).stfle_bit; }
// Every row of facilities.inc (aliases excluded), in enum order.
absl::Span<const FacilityInfo> AllFacilities();

// ---------------------------------------------------------------------------------------------------------
// Formats (formats.inc)

enum class Format : uint8_t {
#define FORMAT(name, ...) k##name,
#include "cpu/isa/formats.inc"
#undef FORMAT
  kCount,
};

// Where the opcode lives (PoP: "the first byte, or the first byte and an extension").
enum class OpcodeLayout : uint8_t {
  kOp8,     // bits 0-7
  kOp16,    // bits 0-15
  kOp8Op4,  // bits 0-7 and 12-15
  kOp8Op8,  // bits 0-7 and 40-47
};

enum class FieldKind : uint8_t {
  kRegister,   // 4-bit register number (general, floating-point, access or control: see the syntax)
  kVector,     // vector register 0-31: 4 bits plus the RXB bit
  kMask,       // 4-bit mask
  kBase,       // base register
  kIndex,      // index register
  kDisp12,     // unsigned 12-bit displacement
  kDisp20,     // signed 20-bit displacement DH || DL
  kImmediate,  // immediate, signed when the instruction has kSignedImm
  kPcRel,      // signed halfword count relative to the instruction address
  kLength,     // length code (operand length - 1)
};

// The operand fields any format has, named as in the PoP. Each names a member of Operands.
enum class Field : uint8_t {
  kR1, kR2, kR3, kX2, kB1, kB2, kB3, kB4, kD1, kD2, kD3, kD4,
  kI1, kI2, kI3, kI4, kI5, kM1, kM2, kM3, kM4, kM5, kM6, kL1, kL2, kV1, kV2, kV3, kV4,
  kCount,
};

struct FieldSpec {
  Field field = Field::kCount;
  uint8_t start = 0;    // PoP bit number of the leftmost bit (for kDisp20: of DL; DH is bits 32-39)
  uint8_t width = 0;    // in bits
  FieldKind kind = FieldKind::kRegister;
  uint8_t rxb_bit = 0;  // kVector only: the RXB bit that supplies bit 0 of the register number
};

inline constexpr int kMaxFields = 6;

struct FormatInfo {
  const char* name;  // "RRF_a"
  uint8_t length;    // 2, 4 or 6
  OpcodeLayout opcode_layout;
  uint8_t num_fields;
  FieldSpec fields[kMaxFields];  // in the PoP's assembler operand order
};

const FormatInfo& Info(Format format);

// ---------------------------------------------------------------------------------------------------------
// Instructions (insns.inc)

// InsnInfo::flags bits.
inline constexpr uint32_t kPrivileged = 1u << 0;      // privileged-operation exception in problem state
inline constexpr uint32_t kSemiPrivileged = 1u << 1;  // privileged depending on operands/controls (PoP "Q")
inline constexpr uint32_t kEndsBlock = 1u << 2;       // may branch, change the PSW or need the machine
inline constexpr uint32_t kVector = 1u << 3;          // needs vector enablement (CR0 bit 46)
inline constexpr uint32_t kSignedImm = 1u << 4;       // immediate fields are two's-complement integers

enum class InsnId : uint16_t {
  kInvalid = 0,
#define INSN(mnemonic, ...) k##mnemonic,
#include "cpu/isa/insns.inc"
#undef INSN
  kCount,
};

struct InsnInfo {
  const char* mnemonic;  // "AGRK" (upper case, as in the PoP)
  uint32_t opcode;       // PoP notation: 0x1a (AR), 0xb9e8 (AGRK), 0xa7a (AHI), 0xe304 (LG)
  Format format;
  Facility facility;
  uint32_t flags;
  uint8_t length;        // 2, 4 or 6 (0 for kInvalid)
  const char* syntax;    // assembler operands, e.g. "r1,d2(x2,b2)"; see insns.inc
};

// Info(InsnId::kInvalid) is a placeholder with an empty mnemonic, length 0 and kEndsBlock.
const InsnInfo& Info(InsnId id);
// Every instruction; AllInsns()[i] describes InsnId(i + 1).
absl::Span<const InsnInfo> AllInsns();

// The instruction length in bytes from the first byte (PoP "Instruction-Length Code": bits 0-1 of
// 00 -> 2, 01 or 10 -> 4, 11 -> 6).
constexpr int InsnLength(uint8_t first_byte) { return first_byte < 0x40 ? 2 : first_byte < 0xc0 ? 4 : 6; }

// The instruction at `bytes`, which must hold InsnLength(bytes[0]) bytes; kInvalid for an opcode the
// table does not know. Two table reads.
InsnId Lookup(const uint8_t* bytes);

// The operand fields of one instruction, by PoP name. Decode fills every field of the instruction's format
// (formats.inc), also one this instruction does not use (SLL is RS-a but has no R3; such a field holds
// whatever the bits hold), and leaves the fields of other formats zero.
//   r1-r3   register numbers 0-15 (general, floating-point, access or control register)
//   x2      index register, b1-b4 base registers (0 = none)
//   d1-d4   displacements: 0..4095, or -524288..524287 for long-displacement formats (sign-extended)
//   i1-i5   immediates: sign-extended when the instruction has kSignedImm, zero-extended otherwise;
//           PC-relative operands (RI2, RI3, RI4) as signed halfword counts
//   m1-m6   masks 0-15
//   l1, l2  length codes as encoded (operand length - 1)
//   v1-v4   vector registers 0-31 (RXB applied)
struct Operands {
  int64_t i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0;
  int32_t d1 = 0, d2 = 0, d3 = 0, d4 = 0;
  uint16_t l1 = 0, l2 = 0;
  uint8_t r1 = 0, r2 = 0, r3 = 0;
  uint8_t x2 = 0;
  uint8_t b1 = 0, b2 = 0, b3 = 0, b4 = 0;
  uint8_t m1 = 0, m2 = 0, m3 = 0, m4 = 0, m5 = 0, m6 = 0;
  uint8_t v1 = 0, v2 = 0, v3 = 0, v4 = 0;
};

// The member of `ops` that `field` names, widened.
int64_t GetField(const Operands& ops, Field field);

struct DecodedInsn {
  InsnId id = InsnId::kInvalid;
  uint8_t length = 0;  // InsnLength of the first byte, also for kInvalid
  Operands ops;
  uint64_t bits = 0;   // the instruction bytes, big-endian, left-aligned (byte 0 in bits 63-56)
};

// Decodes the instruction at `bytes`, which must hold InsnLength(bytes[0]) bytes.
DecodedInsn Decode(const uint8_t* bytes);

// ---------------------------------------------------------------------------------------------------------
// Extended mnemonics (mnemonics.inc) and disassembly

struct FieldConstraint {
  Field field;
  uint16_t mask;   // the bits of the field that are fixed
  uint16_t value;  // their value
};

struct ExtendedMnemonic {
  InsnId base;
  const char* mnemonic;     // "je"
  const char* constraints;  // "m1=8", "m5=0,m6&3=3", "" (always applies)
  const char* syntax;       // operands it prints, e.g. "i2"
  uint8_t num_constraints;
  FieldConstraint constraint[3];
};

// Every row of mnemonics.inc. The rows of one instruction are adjacent, most specific first.
absl::Span<const ExtendedMnemonic> AllExtendedMnemonics();
// The extended mnemonic Disassemble prints for `insn`, or nullptr for the instruction's own mnemonic.
const ExtendedMnemonic* FindExtendedMnemonic(const DecodedInsn& insn);

// The instruction as GNU objdump (binutils 2.40, -march=arch14) prints it: mnemonic (objdump's extended
// mnemonic where it uses one), a tab, and the operands in its syntax (%r1, %f2, %v17, 8(%r2,%r15), 4(16,%r1),
// decimal numbers, PC-relative targets as 0x... computed from `address`). Operands that are omitted when
// zero (optional trailing operands) are omitted. binutils_test holds every table row to this.
// Where objdump is not followed, on purpose:
//   - An unknown opcode prints as ".short 0x0000" (2 bytes), ".long 0x00000000" (4) or
//     ".short 0x0000,0x0000,0x0000" (6), one line for the ILC length; objdump prints ".long" over the
//     first four bytes whatever the length and resumes after them.
//   - Bits a format leaves unused need not be zero here (they take no part in decoding); objdump prints
//     such an instruction as ".long".
//   - NOP (BC 0) with an index and no base prints "nop\t930(%r12,%r0)"; objdump 2.40 drops the base as an
//     omitted optional operand and prints the unbalanced "nop\t930(%r12".
std::string Disassemble(const DecodedInsn& insn, uint64_t address);

}  // namespace s390vmm::isa

#endif  // S390VMM_CPU_ISA_ISA_H_
