// Cost of opcode lookup, decoding and disassembly. Build with `-c opt`; times are per instruction over a
// buffer holding one encoding of every table row (the mix a decode-cache fill sees is similar: all
// formats, all first bytes).
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"
#include "cpu/isa/isa.h"

namespace s390vmm::isa {
namespace {

// One instruction per table row, operand fields filled with a pattern, concatenated.
std::vector<uint8_t> AllRows() {
  std::vector<uint8_t> code;
  for (const InsnInfo& insn : AllInsns()) {
    uint8_t bytes[6] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc};
    const uint32_t op = insn.opcode;
    switch (Info(insn.format).opcode_layout) {
      case OpcodeLayout::kOp8: bytes[0] = static_cast<uint8_t>(op); break;
      case OpcodeLayout::kOp16: bytes[0] = op >> 8; bytes[1] = op & 0xff; break;
      case OpcodeLayout::kOp8Op4: bytes[0] = op >> 4; bytes[1] = (bytes[1] & 0xf0) | (op & 0x0f); break;
      case OpcodeLayout::kOp8Op8: bytes[0] = op >> 8; bytes[5] = op & 0xff; break;
    }
    code.insert(code.end(), bytes, bytes + insn.length);
  }
  return code;
}

void BM_Lookup(benchmark::State& state) {
  const std::vector<uint8_t> code = AllRows();
  size_t pos = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Lookup(&code[pos]));
    pos += InsnLength(code[pos]);
    if (pos >= code.size()) pos = 0;
  }
}
BENCHMARK(BM_Lookup);

void BM_Decode(benchmark::State& state) {
  const std::vector<uint8_t> code = AllRows();
  size_t pos = 0;
  for (auto _ : state) {
    DecodedInsn d = Decode(&code[pos]);
    benchmark::DoNotOptimize(d);
    pos += d.length;
    if (pos >= code.size()) pos = 0;
  }
}
BENCHMARK(BM_Decode);

void BM_Disassemble(benchmark::State& state) {
  const std::vector<uint8_t> code = AllRows();
  size_t pos = 0;
  for (auto _ : state) {
    const DecodedInsn d = Decode(&code[pos]);
    benchmark::DoNotOptimize(Disassemble(d, pos));
    pos += d.length;
    if (pos >= code.size()) pos = 0;
  }
}
BENCHMARK(BM_Disassemble);

}  // namespace
}  // namespace s390vmm::isa
