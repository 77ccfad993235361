// Instruction family (string, continued): the Unicode conversions CU12 (CUTFU), CU14, CU21 (CUUTF),
// CU24, CU41, CU42. R1 designates the first operand (destination) and R2 the second (source), each an
// even-odd pair of address and length (per addressing mode). Characters are converted one at a time:
//   CC 0  the second operand is exhausted (fewer bytes left than the next character needs);
//   CC 1  the first operand has no room for the next character;
//   CC 2  an invalid character (the registers designate it);
//   CC 3  a CPU-determined number of characters converted.
// With the ETF3-enhancement facility, M3 bit 3 (W) of CU12/CU14/CU21/CU24 asks for well-formedness
// checking; CU41/CU42 always check. A character is stored only after it was completely fetched and its
// destination checked, and the registers always designate the next character, so an access exception
// leaves them at the point of interruption.
#include "cpu/interp/exec_context.h"
#include "cpu/interp/family_helpers.h"
#include "cpu/interp/insn.h"
#include "cpu/interp/storage_access.h"

namespace s390vmm::interp {
namespace {

using storage::GetLength;
using storage::kCpuDeterminedBytes;
using storage::SetAddress;
using storage::SetLength;
using storage::WithProgress;

constexpr int kFacilityEtf3Enhancement = 30;

enum class Status : uint8_t { kOk, kSourceExhausted, kNoRoom, kInvalid };

struct Char {
  uint32_t value = 0;
  uint32_t length = 0;  // source bytes
};

// --- Decoders: the character at `addr` with `avail` source bytes left -------------------------------------

Status DecodeUtf8(ExecContext& cpu, uint64_t addr, uint64_t avail, bool check, Char* out) {
  if (avail < 1) return Status::kSourceExhausted;
  auto byte = [&](int k) -> uint32_t { return cpu.Load<uint8_t>(cpu.Wrap(addr + k)); };
  auto continuation_ok = [](uint32_t b) { return (b & 0xc0) == 0x80; };
  const uint32_t b0 = byte(0);
  if (b0 < 0x80) {
    *out = {b0, 1};
    return Status::kOk;
  }
  if (b0 < 0xc0) return Status::kInvalid;  // a continuation byte cannot start a character
  if (b0 < 0xe0) {
    if (check && b0 < 0xc2) return Status::kInvalid;  // overlong
    if (avail < 2) return Status::kSourceExhausted;
    const uint32_t b1 = byte(1);
    if (check && !continuation_ok(b1)) return Status::kInvalid;
    *out = {(b0 & 0x1f) << 6 | (b1 & 0x3f), 2};
    return Status::kOk;
  }
  if (b0 < 0xf0) {
    if (avail < 3) return Status::kSourceExhausted;
    const uint32_t b1 = byte(1);
    const uint32_t b2 = byte(2);
    const uint32_t c = (b0 & 0x0f) << 12 | (b1 & 0x3f) << 6 | (b2 & 0x3f);
    // Overlong forms and the UTF-16 surrogates are not well formed.
    if (check && (!continuation_ok(b1) || !continuation_ok(b2) || c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) {
      return Status::kInvalid;
    }
    *out = {c, 3};
    return Status::kOk;
  }
  if (b0 < (check ? 0xf5u : 0xf8u)) {
    if (avail < 4) return Status::kSourceExhausted;
    const uint32_t b1 = byte(1);
    const uint32_t b2 = byte(2);
    const uint32_t b3 = byte(3);
    const uint32_t c = (b0 & 0x07) << 18 | (b1 & 0x3f) << 12 | (b2 & 0x3f) << 6 | (b3 & 0x3f);
    if (check && (!continuation_ok(b1) || !continuation_ok(b2) || !continuation_ok(b3) || c < 0x10000 ||
                  c > 0x10ffff)) {
      return Status::kInvalid;
    }
    *out = {c, 4};
    return Status::kOk;
  }
  return Status::kInvalid;
}

Status DecodeUtf16(ExecContext& cpu, uint64_t addr, uint64_t avail, bool check, Char* out) {
  if (avail < 2) return Status::kSourceExhausted;
  const uint32_t u0 = cpu.Load<uint16_t>(addr);
  if ((u0 & 0xfc00) != 0xd800) {  // not a high surrogate: one unit (a lone low surrogate included)
    *out = {u0, 2};
    return Status::kOk;
  }
  if (avail < 4) return Status::kSourceExhausted;
  const uint32_t u1 = cpu.Load<uint16_t>(cpu.Wrap(addr + 2));
  if (check && (u1 & 0xfc00) != 0xdc00) return Status::kInvalid;
  // High surrogate 110110wwwwxxxxxx, low 110111yyyyyyyyyy: plane uvwxy = wwww + 1.
  *out = {(((u0 >> 6) & 0xf) + 1) << 16 | (u0 & 0x3f) << 10 | (u1 & 0x3ff), 4};
  return Status::kOk;
}

Status DecodeUtf32(ExecContext& cpu, uint64_t addr, uint64_t avail, bool /*check*/, Char* out) {
  if (avail < 4) return Status::kSourceExhausted;
  const uint32_t c = cpu.Load<uint32_t>(addr);
  if ((c >= 0xd800 && c <= 0xdbff) || c > 0x10ffff) return Status::kInvalid;
  *out = {c, 4};
  return Status::kOk;
}

// --- Encoders: the bytes of `c` in out[], their count in *len --------------------------------------------

void EncodeUtf8(uint32_t c, uint8_t* out, uint32_t* len) {
  if (c < 0x80) {
    out[0] = static_cast<uint8_t>(c);
    *len = 1;
  } else if (c < 0x800) {
    out[0] = static_cast<uint8_t>(0xc0 | c >> 6);
    out[1] = static_cast<uint8_t>(0x80 | (c & 0x3f));
    *len = 2;
  } else if (c < 0x10000) {
    out[0] = static_cast<uint8_t>(0xe0 | c >> 12);
    out[1] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3f));
    out[2] = static_cast<uint8_t>(0x80 | (c & 0x3f));
    *len = 3;
  } else {
    out[0] = static_cast<uint8_t>(0xf0 | ((c >> 18) & 0x07));
    out[1] = static_cast<uint8_t>(0x80 | ((c >> 12) & 0x3f));
    out[2] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3f));
    out[3] = static_cast<uint8_t>(0x80 | (c & 0x3f));
    *len = 4;
  }
}

void EncodeUtf16(uint32_t c, uint8_t* out, uint32_t* len) {
  if (c < 0x10000) {
    StoreBigEndian<uint16_t>(out, static_cast<uint16_t>(c));
    *len = 2;
    return;
  }
  // Without well-formedness checking a UTF-8 source may yield planes above 16: the plane bits wrap.
  const uint32_t wwww = ((c >> 16) - 1) & 0xf;
  StoreBigEndian<uint16_t>(out, static_cast<uint16_t>(0xd800 | wwww << 6 | ((c >> 10) & 0x3f)));
  StoreBigEndian<uint16_t>(out + 2, static_cast<uint16_t>(0xdc00 | (c & 0x3ff)));
  *len = 4;
}

void EncodeUtf32(uint32_t c, uint8_t* out, uint32_t* len) {
  StoreBigEndian<uint32_t>(out, c);
  *len = 4;
}

using DecodeFn = Status (*)(ExecContext&, uint64_t, uint64_t, bool, Char*);
using EncodeFn = void (*)(uint32_t, uint8_t*, uint32_t*);

template <DecodeFn kDecode, EncodeFn kEncode, bool kAlwaysCheck>
void ConvertUnicode(ExecContext& cpu, const Insn& insn) {
  const int r1 = insn.ops.r1;
  const int r2 = insn.ops.r2;
  RequireEven(r1);
  RequireEven(r2);
  const bool check = kAlwaysCheck || ((insn.ops.m3 & 1) && cpu.model().HasBit(kFacilityEtf3Enhancement));
  uint64_t dst = cpu.Wrap(cpu.s.gr[r1]);
  uint64_t dlen = GetLength(cpu, r1 + 1);
  uint64_t src = cpu.Wrap(cpu.s.gr[r2]);
  uint64_t slen = GetLength(cpu, r2 + 1);
  auto commit = [&] {
    SetAddress(cpu, r1, dst);
    SetLength(cpu, r1 + 1, dlen);
    SetAddress(cpu, r2, src);
    SetLength(cpu, r2 + 1, slen);
  };
  const uint8_t cc = WithProgress(
      [&]() -> uint8_t {
        for (uint64_t done = 0;; ) {
          Char c;
          const Status status = kDecode(cpu, src, slen, check, &c);
          if (status == Status::kSourceExhausted) return 0;
          if (status == Status::kInvalid) return 2;
          if (done >= kCpuDeterminedBytes) return 3;
          uint8_t bytes[4];
          uint32_t n;
          kEncode(c.value, bytes, &n);
          if (dlen < n) return 1;
          cpu.WriteBytes(dst, bytes, n);
          dst = cpu.Wrap(dst + n);
          dlen -= n;
          src = cpu.Wrap(src + c.length);
          slen -= c.length;
          done += c.length;
        }
      },
      commit);
  commit();
  cpu.SetCc(cc);
}

}  // namespace

void RegisterUnicode(HandlerTable& table) {
  using isa::InsnId;
  table.Set<&ConvertUnicode<DecodeUtf8, EncodeUtf16, false>>(InsnId::kCU12);
  table.Set<&ConvertUnicode<DecodeUtf8, EncodeUtf32, false>>(InsnId::kCU14);
  table.Set<&ConvertUnicode<DecodeUtf16, EncodeUtf8, false>>(InsnId::kCU21);
  table.Set<&ConvertUnicode<DecodeUtf16, EncodeUtf32, false>>(InsnId::kCU24);
  table.Set<&ConvertUnicode<DecodeUtf32, EncodeUtf8, true>>(InsnId::kCU41);
  table.Set<&ConvertUnicode<DecodeUtf32, EncodeUtf16, true>>(InsnId::kCU42);
}

}  // namespace s390vmm::interp
