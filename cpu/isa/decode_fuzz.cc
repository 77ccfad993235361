// Fuzzes Decode and Disassemble with arbitrary bytes: every input, known opcode or not, must decode and
// print without touching memory outside the instruction (ASan) or undefined behaviour (UBSan).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "cpu/isa/isa.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  while (size > 0) {
    const size_t length = s390vmm::isa::InsnLength(data[0]);
    if (length > size) break;
    // An exact-size copy, so that ASan reports any read past the instruction.
    uint8_t* insn = new uint8_t[length];
    std::memcpy(insn, data, length);
    const s390vmm::isa::DecodedInsn decoded = s390vmm::isa::Decode(insn);
    if (decoded.length != length) __builtin_trap();
    const std::string text = s390vmm::isa::Disassemble(decoded, reinterpret_cast<uintptr_t>(data));
    if (text.empty()) __builtin_trap();
    delete[] insn;
    data += length;
    size -= length;
  }
  return 0;
}
