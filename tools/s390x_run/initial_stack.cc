#include "tools/s390x_run/initial_stack.h"

#include <cstring>

#include "absl/strings/str_format.h"
#include "base/big_endian.h"
#include "base/status_macros.h"

namespace s390vmm::s390x_run {

uint64_t HwcapForFacilities(absl::FunctionRef<bool(int)> has) {
  // The STFL bits Linux maps one-to-one onto the first six HWCAP bits: N3, z/Architecture active, STFLE,
  // message-security assist, long displacement, extended immediate.
  static constexpr int kStflBits[] = {0, 2, 7, 17, 19, 21};
  uint64_t caps = 0;
  for (int i = 0; i < 6; ++i) {
    if (has(kStflBits[i])) caps |= uint64_t{1} << i;
  }
  if (has(22) && has(30)) caps |= hwcap::kEtf3eh;            // ETF3 + ETF3 enhancement
  if ((caps & hwcap::kStfle) && has(42) && has(44)) caps |= hwcap::kDfp;
  if (has(8)) caps |= hwcap::kHpage;                              // EDAT-1
  caps |= hwcap::kHighGprs;
  if (has(50) && has(73)) caps |= hwcap::kTe;
  if (has(129)) {
    caps |= hwcap::kVxrs;
    if (has(134)) caps |= hwcap::kVxrsBcd;
    if (has(135)) caps |= hwcap::kVxrsExt;
    if (has(148)) caps |= hwcap::kVxrsExt2;
    if (has(152)) caps |= hwcap::kVxrsPde;
  }
  if (has(133)) caps |= hwcap::kGs;
  if (has(150)) caps |= hwcap::kSort;
  if (has(151)) caps |= hwcap::kDflt;
  return caps;
}

std::string PlatformForMachineType(uint16_t machine_type) {
  switch (machine_type) {
    case 0x2084: case 0x2086: return "z990";
    case 0x2094: case 0x2096: return "z9-109";
    case 0x2097: case 0x2098: return "z10";
    case 0x2817: case 0x2818: return "z196";
    case 0x2827: case 0x2828: return "zEC12";
    case 0x2964: case 0x2965: return "z13";
    case 0x3906: case 0x3907: return "z14";
    case 0x8561: case 0x8562: return "z15";
    case 0x3931: case 0x3932: return "z16";
    default: return "z900";
  }
}

namespace {

// Lays out the stack image downwards from `top`, then writes it in one piece.
class StackWriter {
 public:
  explicit StackWriter(uint64_t top) : top_(top), cursor_(top) {}

  // Pushes bytes; returns their guest address.
  uint64_t PushBytes(const void* data, size_t len) {
    cursor_ -= len;
    const auto* p = static_cast<const uint8_t*>(data);
    chunks_.emplace_back(cursor_, std::vector<uint8_t>(p, p + len));
    return cursor_;
  }
  uint64_t PushString(const std::string& s) { return PushBytes(s.c_str(), s.size() + 1); }
  // Pads so that a following push of `upcoming` bytes starts at a multiple of `align`.
  void AlignTo(uint64_t align, uint64_t upcoming) { cursor_ -= (cursor_ - upcoming) & (align - 1); }
  uint64_t size() const { return top_ - cursor_; }
  uint64_t bottom() const { return cursor_; }
  std::vector<uint8_t> Image() const {
    std::vector<uint8_t> image(size(), 0);
    for (const auto& [addr, bytes] : chunks_) std::memcpy(image.data() + (addr - cursor_), bytes.data(), bytes.size());
    return image;
  }

 private:
  uint64_t top_;
  uint64_t cursor_;
  std::vector<std::pair<uint64_t, std::vector<uint8_t>>> chunks_;
};

}  // namespace

absl::StatusOr<InitialStack> BuildInitialStack(GuestMemory& memory, uint64_t stack_top, uint64_t max_size,
                                               const InitialStackSpec& spec) {
  // Strings, top down as the kernel copies them: a terminating NULL word, the exec file name, the
  // environment strings, the argument strings (the argv strings end up lowest).
  StackWriter w(stack_top);
  const uint64_t zero = 0;
  w.PushBytes(&zero, sizeof(zero));
  const uint64_t execfn = w.PushString(spec.execfn);
  std::vector<uint64_t> env_ptrs(spec.envp.size()), arg_ptrs(spec.argv.size());
  for (size_t i = spec.envp.size(); i-- > 0;) env_ptrs[i] = w.PushString(spec.envp[i]);
  for (size_t i = spec.argv.size(); i-- > 0;) arg_ptrs[i] = w.PushString(spec.argv[i]);
  w.AlignTo(16, 0);
  const uint64_t platform = w.PushString(spec.platform);
  const uint64_t random = w.PushBytes(spec.random.data(), spec.random.size());

  std::vector<std::pair<uint64_t, uint64_t>> aux = spec.auxv;
  aux.emplace_back(auxv::kAtRandom, random);
  aux.emplace_back(auxv::kAtExecfn, execfn);
  aux.emplace_back(auxv::kAtPlatform, platform);
  aux.emplace_back(auxv::kAtNull, 0);

  std::vector<uint64_t> words;
  words.push_back(spec.argv.size());
  words.insert(words.end(), arg_ptrs.begin(), arg_ptrs.end());
  words.push_back(0);
  words.insert(words.end(), env_ptrs.begin(), env_ptrs.end());
  words.push_back(0);
  for (const auto& [type, value] : aux) {
    words.push_back(type);
    words.push_back(value);
  }
  std::vector<uint8_t> table(words.size() * 8);
  for (size_t i = 0; i < words.size(); ++i) StoreBigEndian<uint64_t>(table.data() + 8 * i, words[i]);
  w.AlignTo(16, table.size());  // STACK_ROUND: argc lands on a 16-byte boundary
  const uint64_t sp = w.PushBytes(table.data(), table.size());
  if (w.size() > max_size) {
    return absl::ResourceExhaustedError(absl::StrFormat(
        "argument list too long: the initial stack needs %d bytes, the limit is %d", w.size(), max_size));
  }
  const std::vector<uint8_t> image = w.Image();
  RETURN_IF_ERROR(memory.Write(GuestAddress(w.bottom()), absl::MakeConstSpan(image)));

  InitialStack out;
  out.sp = sp;
  out.argv = sp + 8;
  out.envp = out.argv + 8 * (spec.argv.size() + 1);
  out.auxv = out.envp + 8 * (spec.envp.size() + 1);
  out.random = random;
  return out;
}

}  // namespace s390vmm::s390x_run
