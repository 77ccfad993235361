// File: machine/ebcdic.h
//
// ASCII <-> EBCDIC for the text fields the machine stores for the guest (the STSI system-information
// blocks: manufacturer, type, names, control-program identifier). The code page is 037 (US/Canada), the
// one Linux's EBCASC/ASCEBC and QEMU's ebcdic_put() use; for letters, digits, blank and the punctuation
// these fields carry, every EBCDIC code page agrees.
//
// Only NUL and printable ASCII (0x20-0x7e) have a mapping. Anything else becomes '?' in the other code:
// the fields are fixed-width identifiers, not general text.
//
//   uint8_t name[8];
//   PutEbcdic("s390vmm", absl::MakeSpan(name));  // 0xa2 0xf3 0xf9 0xf0 0xa5 0x94 0x94 0x40
#ifndef S390VMM_MACHINE_EBCDIC_H_
#define S390VMM_MACHINE_EBCDIC_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace s390vmm {

inline constexpr uint8_t kEbcdicBlank = 0x40;
inline constexpr uint8_t kEbcdicQuestionMark = 0x6f;

// One character. NUL maps to NUL; characters without a mapping become '?' (EBCDIC 0x6f / ASCII '?').
uint8_t AsciiToEbcdic(char c);
char EbcdicToAscii(uint8_t c);

// Stores `text` in EBCDIC at the start of `field`, truncated to the field's size, and fills the rest of
// the field with EBCDIC blanks (the architecture's padding for identifier fields).
void PutEbcdic(absl::string_view text, absl::Span<uint8_t> field);

// The ASCII form of `bytes` (same length; no trimming).
std::string EbcdicToAscii(absl::Span<const uint8_t> bytes);

}  // namespace s390vmm

#endif  // S390VMM_MACHINE_EBCDIC_H_
