#include "machine/stsi.h"

#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "machine/ebcdic.h"

namespace s390vmm {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

constexpr uint64_t kMemorySize = 1 << 20;
constexpr uint64_t kOperand = 0x8000;
constexpr uint8_t kPoison = 0xaa;

uint64_t Gr0(uint8_t fc, uint8_t selector1) { return (uint64_t{fc} << 28) | selector1; }

class StsiTest : public ::testing::Test {
 protected:
  StsiTest() : memory_(*GuestMemory::CreateFlat(kMemorySize)) {
    config_.machine_type = 0x8561;
    config_.cpus = 2;
    config_.max_cpus = 4;
    Poison();
  }

  void Poison() { ASSERT_TRUE(memory_->Fill(GuestAddress(kOperand), sysib::kSize, kPoison).ok()); }
  bool Untouched() {
    std::vector<uint8_t> page = Page();
    return std::all_of(page.begin(), page.end(), [](uint8_t b) { return b == kPoison; });
  }
  std::vector<uint8_t> Page(uint64_t address = kOperand) {
    std::vector<uint8_t> page(sysib::kSize);
    EXPECT_TRUE(memory_->Read(GuestAddress(address), absl::MakeSpan(page)).ok());
    return page;
  }

  StsiResult Stsi(uint8_t fc, uint8_t sel1, uint16_t sel2, uint64_t address = kOperand) {
    return StoreSystemInformation(*memory_, config_, Gr0(fc, sel1), sel2, address, kCpuAddress);
  }
  // Runs a successful STSI and returns the stored block.
  std::vector<uint8_t> Sysib(uint8_t fc, uint8_t sel1, uint16_t sel2) {
    Poison();
    const StsiResult r = Stsi(fc, sel1, sel2);
    EXPECT_FALSE(r.program_interrupt.has_value());
    EXPECT_EQ(r.cc, 0);
    EXPECT_FALSE(r.gr0_changed);
    EXPECT_EQ(r.gr0, Gr0(fc, sel1));
    return Page();
  }

  static constexpr uint16_t kCpuAddress = 5;
  std::unique_ptr<GuestMemory> memory_;
  StsiConfig config_;
};

uint16_t U16(const std::vector<uint8_t>& b, size_t offset) { return LoadBigEndian<uint16_t>(b.data() + offset); }
uint32_t U32(const std::vector<uint8_t>& b, size_t offset) { return LoadBigEndian<uint32_t>(b.data() + offset); }
std::string Text(const std::vector<uint8_t>& b, size_t offset, size_t length) {
  return EbcdicToAscii(absl::MakeConstSpan(b.data() + offset, length));
}

// ---- Function code 0 and the checks before any storage access ----

TEST_F(StsiTest, FunctionCodeZeroReturnsLevelThree) {
  const StsiResult r = Stsi(0, 0, 0);
  EXPECT_FALSE(r.program_interrupt.has_value());
  EXPECT_EQ(r.cc, 0);
  EXPECT_TRUE(r.gr0_changed);
  EXPECT_EQ(r.gr0, 0x30000000u);
  EXPECT_TRUE(Untouched());
  // Linux's stsi(): level = (unsigned int)r0 >> 28.
  EXPECT_EQ(static_cast<uint32_t>(r.gr0) >> 28, 3u);
}

TEST_F(StsiTest, FunctionCodeZeroKeepsBitsZeroToThirtyOne) {
  const StsiResult r =
      StoreSystemInformation(*memory_, config_, 0xdeadbeef00000000ull, 0x1234567800000000ull, kOperand, 0);
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(r.gr0, 0xdeadbeef30000000ull);
}

TEST_F(StsiTest, FunctionCodeZeroIgnoresTheOperand) {
  // Unaligned and outside memory: never looked at, never translated.
  int translations = 0;
  const StsiResult r =
      StoreSystemInformation(*memory_, config_, Gr0(0, 0), 0, 0xfffffffffffff123ull, 0, [&](uint64_t a) {
        ++translations;
        return StsiOperandAddress(GuestAddress(a));
      });
  EXPECT_FALSE(r.program_interrupt.has_value());
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(translations, 0);
}

TEST_F(StsiTest, FunctionCodesAboveTheLevelSetCc3AndCheckNothingElse) {
  for (uint8_t fc = 4; fc <= 15; ++fc) {
    SCOPED_TRACE(fc);
    // 15 is the configuration-topology function (SYSIB 15.1.x), which needs facility 11: not installed.
    for (uint8_t sel1 : {0, 1, 2}) {
      StsiResult r = Stsi(fc, sel1, 2);
      EXPECT_FALSE(r.program_interrupt.has_value());
      EXPECT_EQ(r.cc, 3);
      EXPECT_FALSE(r.gr0_changed);
      EXPECT_EQ(r.gr0, Gr0(fc, sel1));
    }
    // Reserved bits, an unaligned operand, an operand outside memory: still just CC 3.
    StsiResult r = StoreSystemInformation(*memory_, config_, Gr0(fc, 1) | 0x0ffff000, 0xffff0002,
                                          kMemorySize + 0x123, 0);
    EXPECT_FALSE(r.program_interrupt.has_value());
    EXPECT_EQ(r.cc, 3);
  }
  EXPECT_TRUE(Untouched());
}

TEST_F(StsiTest, ReservedBitsAreASpecificationException) {
  for (uint8_t fc = 0; fc <= 3; ++fc) {
    for (int bit = 36; bit <= 55; ++bit) {
      SCOPED_TRACE(::testing::Message() << "fc " << int{fc} << " GR0 bit " << bit);
      const StsiResult r = StoreSystemInformation(*memory_, config_, Gr0(fc, 2) | (uint64_t{1} << (63 - bit)),
                                                  2, kOperand, 0);
      EXPECT_EQ(r.program_interrupt, ProgramInterruptCode::kSpecification);
      EXPECT_FALSE(r.gr0_changed);
    }
    for (int bit = 32; bit <= 47; ++bit) {
      SCOPED_TRACE(::testing::Message() << "fc " << int{fc} << " GR1 bit " << bit);
      const StsiResult r =
          StoreSystemInformation(*memory_, config_, Gr0(fc, 2), 2 | (uint64_t{1} << (63 - bit)), kOperand, 0);
      EXPECT_EQ(r.program_interrupt, ProgramInterruptCode::kSpecification);
    }
  }
  // kvm-unit-tests s390x/stsi.c: "inv r0" (fc 0, selector bit 1 << 8) and "inv r1" (1 << 16).
  EXPECT_EQ(StoreSystemInformation(*memory_, config_, 1 << 8, 0, kOperand, 0).program_interrupt,
            ProgramInterruptCode::kSpecification);
  EXPECT_EQ(StoreSystemInformation(*memory_, config_, Gr0(1, 0), 1 << 16, kOperand, 0).program_interrupt,
            ProgramInterruptCode::kSpecification);
  EXPECT_TRUE(Untouched());
}

TEST_F(StsiTest, BitsZeroToThirtyOneOfGr0AndGr1AreIgnored) {
  const StsiResult r =
      StoreSystemInformation(*memory_, config_, 0xffffffff00000000ull | Gr0(1, 1), 0xffffffff00000001ull, kOperand, 0);
  EXPECT_FALSE(r.program_interrupt.has_value());
  EXPECT_EQ(r.cc, 0);
  EXPECT_EQ(Text(Page(), sysib::k111Type, 4), "8561");
}

TEST_F(StsiTest, UnalignedOperandIsASpecificationException) {
  for (uint64_t misalignment : {1, 8, 0x800, 0xfff}) {
    SCOPED_TRACE(misalignment);
    EXPECT_EQ(Stsi(1, 1, 1, kOperand + misalignment).program_interrupt, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(Stsi(2, 2, 2, kOperand + misalignment).program_interrupt, ProgramInterruptCode::kSpecification);
    EXPECT_EQ(Stsi(3, 2, 2, kOperand + misalignment).program_interrupt, ProgramInterruptCode::kSpecification);
    // The alignment check comes before the selector check.
    EXPECT_EQ(Stsi(1, 7, 7, kOperand + misalignment).program_interrupt, ProgramInterruptCode::kSpecification);
  }
  EXPECT_TRUE(Untouched());
}

// ---- Selectors ----

TEST_F(StsiTest, EverySelectorCombination) {
  const std::set<std::tuple<int, int, int>> valid = {{1, 1, 1}, {1, 2, 1}, {1, 2, 2},
                                                     {2, 2, 1}, {2, 2, 2}, {3, 2, 2}};
  for (int fc = 1; fc <= 3; ++fc) {
    for (int sel1 : {0, 1, 2, 3, 15, 255}) {
      for (int sel2 : {0, 1, 2, 3, 0x100, 0xffff}) {
        SCOPED_TRACE(::testing::Message() << fc << "." << sel1 << "." << sel2);
        Poison();
        const StsiResult r = Stsi(fc, sel1, sel2);
        EXPECT_FALSE(r.program_interrupt.has_value());
        EXPECT_FALSE(r.gr0_changed);
        if (valid.count({fc, sel1, sel2})) {
          EXPECT_EQ(r.cc, 0);
          EXPECT_FALSE(Untouched());
          EXPECT_TRUE(BuildSysib(config_, fc, sel1, sel2, kCpuAddress).has_value());
        } else {
          EXPECT_EQ(r.cc, 3);
          EXPECT_TRUE(Untouched());
          EXPECT_FALSE(BuildSysib(config_, fc, sel1, sel2, kCpuAddress).has_value());
        }
      }
    }
  }
  EXPECT_FALSE(BuildSysib(config_, 0, 0, 0, 0).has_value());
  EXPECT_FALSE(BuildSysib(config_, 15, 1, 2, 0).has_value());
}

// ---- Layouts ----

TEST_F(StsiTest, Sysib111ExactBytes) {
  const std::vector<uint8_t> b = Sysib(1, 1, 1);
  std::vector<uint8_t> want(sysib::kSize, 0);
  const uint8_t qemu[] = {0xd8, 0xc5, 0xd4, 0xe4};  // "QEMU"
  auto put = [&](size_t offset, std::vector<uint8_t> bytes) { std::copy(bytes.begin(), bytes.end(), want.begin() + offset); };
  std::vector<uint8_t> qemu16(16, 0x40);
  std::copy(std::begin(qemu), std::end(qemu), qemu16.begin());
  put(32, qemu16);                                      // manufacturer
  put(48, {0xf8, 0xf5, 0xf6, 0xf1});                    // type "8561"
  put(64, qemu16);                                      // model-capacity identifier
  put(80, qemu16);                                      // sequence code
  put(96, {std::begin(qemu), std::end(qemu)});          // plant
  EXPECT_THAT(b, ElementsAreArray(want));
  // As Linux's sysinfo.c prints it (EBCASC, %-16.16s).
  EXPECT_EQ(Text(b, 32, 16), "QEMU            ");
  EXPECT_EQ(Text(b, 48, 4), "8561");
  EXPECT_EQ(Text(b, 64, 16), "QEMU            ");
  EXPECT_EQ(b[sysib::k111Model], 0);  // Linux then prints "Model: QEMU" without a second model string
}

TEST_F(StsiTest, Sysib111TypeIsFourHexDigits) {
  config_.machine_type = 0x3906;
  EXPECT_EQ(Text(Sysib(1, 1, 1), sysib::k111Type, 4), "3906");
  config_.machine_type = 0x2a;
  EXPECT_EQ(Text(Sysib(1, 1, 1), sysib::k111Type, 4), "002A");
}

TEST_F(StsiTest, Sysib121AndSysib221DescribeTheExecutingCpu) {
  std::vector<uint8_t> b = Sysib(1, 2, 1);
  EXPECT_EQ(Text(b, 80, 16), "QEMU            ");
  EXPECT_EQ(Text(b, 96, 4), "QEMU");
  EXPECT_EQ(U16(b, 100), 0);
  EXPECT_EQ(U16(b, 102), kCpuAddress);
  EXPECT_TRUE(std::all_of(b.begin() + 104, b.end(), [](uint8_t x) { return x == 0; }));
  b = Sysib(2, 2, 1);
  EXPECT_EQ(Text(b, 80, 16), "QEMU            ");
  EXPECT_EQ(U16(b, 100), kCpuAddress);  // logical-CPU identifier
  EXPECT_EQ(U16(b, 102), kCpuAddress);
}

TEST_F(StsiTest, Sysib122CpuCountsAndCapability) {
  const std::vector<uint8_t> b = Sysib(1, 2, 2);
  EXPECT_EQ(b[0], 0);                   // format 0: no alternate-capability extension
  EXPECT_EQ(U16(b, 2), 0);              // acc_offset
  EXPECT_EQ(U32(b, 32), 0x443afc29u);   // capability (binary32 747.94): nonzero, Linux divides by it
  EXPECT_EQ(U16(b, 36), 4);             // total
  EXPECT_EQ(U16(b, 38), 2);             // configured
  EXPECT_EQ(U16(b, 40), 0);             // standby
  EXPECT_EQ(U16(b, 42), 2);             // reserved
  EXPECT_TRUE(std::all_of(b.begin() + 44, b.end(), [](uint8_t x) { return x == 0; }));
}

TEST_F(StsiTest, Sysib222ExactBytes) {
  const std::vector<uint8_t> b = Sysib(2, 2, 2);
  std::vector<uint8_t> want(sysib::kSize, 0);
  want[35] = 0x80;                                      // characteristics: dedicated
  StoreBigEndian<uint16_t>(&want[36], 4);               // total
  StoreBigEndian<uint16_t>(&want[38], 2);               // configured
  StoreBigEndian<uint16_t>(&want[40], 0);               // standby
  StoreBigEndian<uint16_t>(&want[42], 2);               // reserved
  const uint8_t name[] = {0xd8, 0xc5, 0xd4, 0xe4, 0x40, 0x40, 0x40, 0x40};  // "QEMU    "
  std::copy(std::begin(name), std::end(name), want.begin() + 44);
  StoreBigEndian<uint32_t>(&want[52], 1000);            // capability adjustment factor
  StoreBigEndian<uint16_t>(&want[72], 2);               // dedicated
  StoreBigEndian<uint16_t>(&want[74], 0);               // shared
  EXPECT_THAT(b, ElementsAreArray(want));
  EXPECT_EQ(U16(b, 32), 0);  // LPAR number
  EXPECT_EQ(Text(b, 44, 8), "QEMU    ");
}

TEST_F(StsiTest, Sysib322ExactBytes) {
  config_.uuid = {0x0f, 0xb8, 0x4a, 0x86, 0x72, 0x7c, 0x11, 0xea, 0xbc, 0x55, 0x02, 0x42, 0xac, 0x13, 0x00, 0x03};
  const std::vector<uint8_t> b = Sysib(3, 2, 2);
  std::vector<uint8_t> want(sysib::kSize, 0);
  want[31] = 1;                                          // one VM description
  StoreBigEndian<uint16_t>(&want[36], 4);                // vm[0] total
  StoreBigEndian<uint16_t>(&want[38], 2);                // configured
  StoreBigEndian<uint16_t>(&want[40], 0);                // standby
  StoreBigEndian<uint16_t>(&want[42], 2);                // reserved
  const uint8_t name[] = {0xa2, 0xf3, 0xf9, 0xf0, 0xa5, 0x94, 0x94, 0x40};  // "s390vmm "
  std::copy(std::begin(name), std::end(name), want.begin() + 44);
  StoreBigEndian<uint32_t>(&want[52], 1000);             // capability adjustment factor
  const uint8_t cpi[] = {0xd2, 0xe5, 0xd4, 0x61, 0xd3, 0x89, 0x95, 0xa4,
                         0xa7, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40};  // "KVM/Linux       "
  std::copy(std::begin(cpi), std::end(cpi), want.begin() + 56);
  want[75] = 2;                                          // extended name in UTF-8
  std::copy(config_.uuid.begin(), config_.uuid.end(), want.begin() + 80);
  const char ext[] = "s390vmm";
  std::copy(ext, ext + 7, want.begin() + 2048);          // ext_names[0], NUL-padded
  EXPECT_THAT(b, ElementsAreArray(want));
}

// Linux 6.1 arch/s390/kernel/early.c detect_machine_type(): level <= 2 is LPAR; else STSI 3.2.2 with a
// nonzero count and a control-program identifier starting "KVM" in EBCDIC is KVM.
TEST_F(StsiTest, LinuxClassifiesTheMachineAsKvm) {
  const StsiResult level = Stsi(0, 0, 0);
  ASSERT_EQ(level.cc, 0);
  ASSERT_GT(static_cast<uint32_t>(level.gr0) >> 28, 2u);
  const std::vector<uint8_t> b = Sysib(3, 2, 2);
  ASSERT_NE(b[31] & 0xf, 0);  // count:4
  EXPECT_EQ(std::memcmp(&b[56], "\xd2\xe5\xd4", 3), 0);
  EXPECT_NE(std::memcmp(&b[56], "\xa9\x61\xe5\xd4", 4), 0);  // not z/VM
  // /proc/sysinfo as sysinfo.c prints it.
  EXPECT_EQ(Text(b, 44, 8), "s390vmm ");
  EXPECT_EQ(Text(b, 56, 16), "KVM/Linux       ");
}

TEST_F(StsiTest, VmNames) {
  // Longer than 8: the short name is truncated, the extended name carries it all.
  config_.vm_name = "kvm-unit-test";
  std::vector<uint8_t> b = Sysib(3, 2, 2);
  EXPECT_EQ(Text(b, 44, 8), "kvm-unit");
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&b[2048])), "kvm-unit-test");
  // A UTF-8 name over 256 bytes is cut at a character boundary ("é" is 2 bytes: 255 + 2 > 256).
  config_.vm_name = std::string(255, 'x') + "\xc3\xa9" + "tail";
  b = Sysib(3, 2, 2);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&b[2048]), 256), std::string(255, 'x') + '\0');
  // Exactly 256 bytes: no NUL, as the architecture allows; the next name (none) stays zero.
  config_.vm_name = std::string(256, 'y');
  b = Sysib(3, 2, 2);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&b[2048]), 256), std::string(256, 'y'));
  EXPECT_EQ(b[2048 + 256], 0);
  // Non-ASCII in the short name becomes '?'.
  config_.vm_name = "gäst";
  b = Sysib(3, 2, 2);
  EXPECT_EQ(Text(b, 44, 8), "g??st   ");
  // No name: blanks, and extended-name encoding 0 ("none").
  config_.vm_name = "";
  b = Sysib(3, 2, 2);
  EXPECT_EQ(Text(b, 44, 8), "        ");
  EXPECT_EQ(b[75], 0);
  EXPECT_EQ(b[2048], 0);
}

TEST_F(StsiTest, CpuCountsFollowTheConfig) {
  config_.cpus = 3;
  config_.max_cpus = 3;
  EXPECT_EQ(U16(Sysib(1, 2, 2), 42), 0);
  std::vector<uint8_t> b = Sysib(3, 2, 2);
  EXPECT_EQ(U16(b, 36), 3);
  EXPECT_EQ(U16(b, 38), 3);
  EXPECT_EQ(U16(b, 42), 0);
  // A maximum below the configured count counts as the configured count.
  config_.max_cpus = 1;
  b = Sysib(2, 2, 2);
  EXPECT_EQ(U16(b, 36), 3);
  EXPECT_EQ(U16(b, 42), 0);
}

TEST_F(StsiTest, TheWholeBlockIsStored) {
  // Reserved bytes become zeros across all 4 KiB; the neighbouring pages are not touched.
  ASSERT_TRUE(memory_->Fill(GuestAddress(kOperand - sysib::kSize), 3 * sysib::kSize, kPoison).ok());
  const std::vector<uint8_t> b = Sysib(1, 2, 1);
  EXPECT_EQ(b.back(), 0);
  EXPECT_EQ(Page(kOperand - sysib::kSize).back(), kPoison);
  EXPECT_EQ(Page(kOperand + sysib::kSize).front(), kPoison);
}

// ---- Storage access ----

TEST_F(StsiTest, OperandOutsideMemoryIsAnAddressingException) {
  for (uint64_t address : {kMemorySize, kMemorySize + 0x10000, uint64_t{0xfffffffffffff000}}) {
    SCOPED_TRACE(address);
    const StsiResult r = Stsi(3, 2, 2, address);
    EXPECT_EQ(r.program_interrupt, ProgramInterruptCode::kAddressing);
    // ... but an invalid selector is CC 3 before any access.
    EXPECT_EQ(Stsi(3, 2, 1, address).cc, 3);
    EXPECT_FALSE(Stsi(3, 2, 1, address).program_interrupt.has_value());
  }
  // The last page of memory is fine.
  EXPECT_EQ(Stsi(1, 1, 1, kMemorySize - sysib::kSize).cc, 0);
}

TEST_F(StsiTest, TheOperandIsTranslatedOnlyWhenStored) {
  std::vector<uint64_t> asked;
  auto translate = [&](uint64_t logical) -> StsiOperandAddress {
    asked.push_back(logical);
    return GuestAddress(kOperand);  // e.g. DAT maps logical 0x7fff0000 here
  };
  StsiResult r = StoreSystemInformation(*memory_, config_, Gr0(3, 2), 2, 0x7fff0000, 0, translate);
  EXPECT_EQ(r.cc, 0);
  EXPECT_THAT(asked, ElementsAreArray({uint64_t{0x7fff0000}}));
  EXPECT_EQ(Text(Page(), 56, 3), "KVM");
  // CC 3, specification exceptions: no translation.
  asked.clear();
  StoreSystemInformation(*memory_, config_, Gr0(3, 1), 1, 0x7fff0000, 0, translate);
  StoreSystemInformation(*memory_, config_, Gr0(3, 2), 2, 0x7fff0008, 0, translate);
  StoreSystemInformation(*memory_, config_, Gr0(7, 2), 2, 0x7fff0000, 0, translate);
  EXPECT_TRUE(asked.empty());
}

TEST_F(StsiTest, AccessExceptionsFromTranslationArePresented) {
  Poison();
  for (ProgramInterruptCode code : {ProgramInterruptCode::kPageTranslation, ProgramInterruptCode::kProtection,
                                    ProgramInterruptCode::kSegmentTranslation}) {
    const StsiResult r = StoreSystemInformation(*memory_, config_, Gr0(1, 1), 1, 0x40000000, 0,
                                                [&](uint64_t) { return StsiOperandAddress(code); });
    EXPECT_EQ(r.program_interrupt, code);
  }
  EXPECT_TRUE(Untouched());
}

// ---- Configuration ----

TEST(StsiConfigTest, Validation) {
  StsiConfig config;
  EXPECT_TRUE(ValidateStsiConfig(config).ok());
  config.cpus = 0;
  EXPECT_FALSE(ValidateStsiConfig(config).ok());
  config.cpus = 4;
  config.max_cpus = 2;
  EXPECT_THAT(std::string(ValidateStsiConfig(config).message()), HasSubstr("maximum CPUs"));
  config.max_cpus = 4;
  config.control_program = "KVM/Linux with extras";
  EXPECT_THAT(std::string(ValidateStsiConfig(config).message()), HasSubstr("control program"));
  config.control_program = "KVM";
  config.plant = "Böb";
  EXPECT_THAT(std::string(ValidateStsiConfig(config).message()), HasSubstr("printable ASCII"));
  config.plant = "02";
  config.vm_name = std::string(257, 'n');
  EXPECT_FALSE(ValidateStsiConfig(config).ok());
  config.vm_name = "guest-ü";  // UTF-8 is fine for the VM name
  EXPECT_TRUE(ValidateStsiConfig(config).ok());
}

}  // namespace
}  // namespace s390vmm
