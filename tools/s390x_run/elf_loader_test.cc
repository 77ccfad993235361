#include "tools/s390x_run/elf_loader.h"

#include <cstring>
#include <vector>

#include "base/big_endian.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::s390x_run {
namespace {

using ::testing::HasSubstr;

struct Phdr {
  uint32_t type = elf::kPtLoad;
  uint32_t flags = elf::kPfR | elf::kPfX;
  uint64_t offset = 0, vaddr = 0, filesz = 0, memsz = 0;
};

// A handcrafted big-endian ELF64 file: header, program headers right after it, then `payload` at
// `payload_offset`.
struct ElfBuilder {
  uint16_t type = elf::kEtExec;
  uint16_t machine = elf::kEmS390;
  uint8_t elf_class = elf::kElfClass64;
  uint8_t data = elf::kElfData2Msb;
  uint64_t entry = 0x1000100;
  uint16_t phentsize = 56;
  std::optional<uint64_t> phoff_override;
  std::optional<uint16_t> phnum_override;
  std::vector<Phdr> phdrs;
  std::vector<uint8_t> payload;
  uint64_t payload_offset = 0x1000;

  std::vector<uint8_t> Build() const {
    std::vector<uint8_t> f(std::max<uint64_t>(payload_offset + payload.size(), 64 + 56 * phdrs.size()), 0);
    std::memcpy(f.data(), "\x7f" "ELF", 4);
    f[4] = elf_class;
    f[5] = data;
    f[6] = 1;
    StoreBigEndian<uint16_t>(&f[16], type);
    StoreBigEndian<uint16_t>(&f[18], machine);
    StoreBigEndian<uint32_t>(&f[20], 1);
    StoreBigEndian<uint64_t>(&f[24], entry);
    StoreBigEndian<uint64_t>(&f[32], phoff_override.value_or(64));
    StoreBigEndian<uint16_t>(&f[52], 64);
    StoreBigEndian<uint16_t>(&f[54], phentsize);
    StoreBigEndian<uint16_t>(&f[56], phnum_override.value_or(static_cast<uint16_t>(phdrs.size())));
    for (size_t i = 0; i < phdrs.size(); ++i) {
      uint8_t* p = &f[64 + 56 * i];
      StoreBigEndian<uint32_t>(p, phdrs[i].type);
      StoreBigEndian<uint32_t>(p + 4, phdrs[i].flags);
      StoreBigEndian<uint64_t>(p + 8, phdrs[i].offset);
      StoreBigEndian<uint64_t>(p + 16, phdrs[i].vaddr);
      StoreBigEndian<uint64_t>(p + 24, phdrs[i].vaddr);
      StoreBigEndian<uint64_t>(p + 32, phdrs[i].filesz);
      StoreBigEndian<uint64_t>(p + 40, phdrs[i].memsz);
      StoreBigEndian<uint64_t>(p + 48, 0x1000);
    }
    std::copy(payload.begin(), payload.end(), f.begin() + payload_offset);
    return f;
  }
};

// A typical static executable: text segment from file offset 0 (so it maps the headers) at 0x1000000,
// data segment with .bss at 0x1002000.
ElfBuilder Typical() {
  ElfBuilder b;
  b.payload.assign(0x1800, 0);
  for (size_t i = 0; i < 0x800; ++i) b.payload[i] = static_cast<uint8_t>(0xa0 + i % 7);        // text
  for (size_t i = 0x1000; i < 0x1800; ++i) b.payload[i] = static_cast<uint8_t>(0x11 + i % 5);  // data
  b.phdrs.push_back({elf::kPtLoad, elf::kPfR | elf::kPfX, 0, 0x1000000, 0x1800, 0x1800});
  b.phdrs.push_back({elf::kPtLoad, elf::kPfR | elf::kPfW, 0x2000, 0x1002000, 0x800, 0x3000});
  b.phdrs.push_back({0x6474e551 /* PT_GNU_STACK */, elf::kPfR | elf::kPfW, 0, 0, 0, 0});
  return b;
}

std::unique_ptr<GuestMemory> UserMemory() {
  RegionSpec spec{GuestAddress(0x10000), (64 << 20) - 0x10000};
  auto mem = GuestMemory::Create(absl::MakeConstSpan(&spec, 1));
  EXPECT_TRUE(mem.ok()) << mem.status();
  return *std::move(mem);
}

std::string ParseError(const ElfBuilder& b) {
  auto image = ParseElf(b.Build(), "prog");
  EXPECT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(image.status().message());
}

TEST(ElfLoader, LoadsSegmentsAndZeroesBss) {
  auto mem = UserMemory();
  // Dirty the .bss area first: the loader clears the rest of the last file page.
  ASSERT_TRUE(mem->Fill(GuestAddress(0x1002800), 0x10, 0xee).ok());
  auto image = ParseElf(Typical().Build(), "prog");
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(image->segments.size(), 2u);
  EXPECT_EQ(image->lowest_address(), 0x1000000u);
  EXPECT_EQ(image->highest_address(), 0x1005000u);
  auto loaded = LoadElf(*image, *mem);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->entry, 0x1000100u);
  EXPECT_EQ(loaded->end, 0x1005000u);
  EXPECT_EQ(loaded->phnum, 3);
  ASSERT_TRUE(loaded->phdr_vaddr.has_value());
  EXPECT_EQ(*loaded->phdr_vaddr, 0x1000040u);  // e_phoff 64 inside the text segment
  EXPECT_EQ(*mem->Load<uint8_t>(GuestAddress(0x1001000)), 0xa0);
  EXPECT_EQ(*mem->Load<uint8_t>(GuestAddress(0x1001003)), 0xa3);
  EXPECT_EQ(*mem->Load<uint32_t>(GuestAddress(0x1000000)), 0x7f454c46u);  // the ELF header itself
  EXPECT_EQ(*mem->Load<uint8_t>(GuestAddress(0x1002000)), 0x11 + 0x1000 % 5);
  EXPECT_EQ(*mem->Load<uint64_t>(GuestAddress(0x1002800)), 0u);  // .bss
  EXPECT_EQ(*mem->Load<uint64_t>(GuestAddress(0x1004ff8)), 0u);
}

TEST(ElfLoader, UsesPtPhdrWhenPresent) {
  ElfBuilder b = Typical();
  b.phdrs.insert(b.phdrs.begin(), {elf::kPtPhdr, elf::kPfR, 64, 0x1000040, 56 * 4, 56 * 4});
  auto image = ParseElf(b.Build());
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(image->phdr_vaddr, 0x1000040u);
  EXPECT_EQ(image->phdr_bytes().size(), 4u * 56);
}

TEST(ElfLoader, NoPhdrAddressWhenNoSegmentMapsTheHeaders) {
  ElfBuilder b = Typical();
  b.phdrs[0].offset = 0x1000;
  b.phdrs[0].filesz = 0x800;
  auto image = ParseElf(b.Build());
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_FALSE(image->phdr_vaddr.has_value());
}

TEST(ElfLoader, StaticPieIsBiased) {
  ElfBuilder b = Typical();
  b.type = elf::kEtDyn;
  b.entry = 0x100;
  for (Phdr& p : b.phdrs) p.vaddr = p.vaddr ? p.vaddr - 0x1000000 : 0;
  auto image = ParseElf(b.Build());
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(image->load_bias, kStaticPieBase);
  EXPECT_EQ(image->entry, kStaticPieBase + 0x100);
  EXPECT_EQ(image->segments[1].vaddr, kStaticPieBase + 0x2000);
}

TEST(ElfLoader, RejectsBadHeaders) {
  EXPECT_THAT(std::string(ParseElf(std::vector<uint8_t>(10)).status().message()), HasSubstr("not an ELF"));
  EXPECT_THAT(std::string(ParseElf({0x7f, 'E', 'L', 'F', 2, 2, 1}).status().message()), HasSubstr("too short"));
  ElfBuilder b = Typical();
  std::vector<uint8_t> f = b.Build();
  f[0] = 'X';
  EXPECT_THAT(std::string(ParseElf(f).status().message()), HasSubstr("not an ELF"));

  b = Typical();
  b.elf_class = 1;
  EXPECT_THAT(ParseError(b), HasSubstr("EI_CLASS"));
  b = Typical();
  b.data = 1;
  EXPECT_THAT(ParseError(b), HasSubstr("ELFDATA2MSB"));
  b = Typical();
  b.machine = 62;
  EXPECT_THAT(ParseError(b), HasSubstr("e_machine is 62"));
  b = Typical();
  b.type = 1;
  EXPECT_THAT(ParseError(b), HasSubstr("e_type is 1"));
  b = Typical();
  b.phentsize = 32;
  EXPECT_THAT(ParseError(b), HasSubstr("e_phentsize is 32"));
  b = Typical();
  b.phnum_override = 0;
  EXPECT_THAT(ParseError(b), HasSubstr("e_phnum is 0"));
  b = Typical();
  b.phoff_override = 0xffffffffffffff00ull;
  EXPECT_THAT(ParseError(b), HasSubstr("e_phoff"));
  b = Typical();
  b.phnum_override = 200;
  EXPECT_THAT(ParseError(b), HasSubstr("e_phoff"));
}

TEST(ElfLoader, RejectsBadSegments) {
  ElfBuilder b = Typical();
  b.phdrs[1].filesz = 0x4000;
  EXPECT_THAT(ParseError(b), HasSubstr("p_filesz 0x4000 is larger than p_memsz 0x3000"));
  b = Typical();
  b.phdrs[1].offset = 0x10000;
  EXPECT_THAT(ParseError(b), HasSubstr("PT_LOAD segment 1 (program header 1): p_offset 0x10000"));
  b = Typical();
  b.phdrs[1].offset = 0xfffffffffffff000ull;  // offset + filesz wraps
  EXPECT_THAT(ParseError(b), HasSubstr("past the end of the file"));
  b = Typical();
  b.phdrs[1].vaddr = 0xfffffffffffff000ull;
  EXPECT_THAT(ParseError(b), HasSubstr("wraps past 2^64"));
  b = Typical();
  b.phdrs = {{0x6474e551, elf::kPfR, 0, 0, 0, 0}};
  EXPECT_THAT(ParseError(b), HasSubstr("no PT_LOAD"));
  b = Typical();
  b.entry = 0x2000000;
  EXPECT_THAT(ParseError(b), HasSubstr("e_entry 0x2000000 is outside every PT_LOAD segment"));
  b = Typical();
  b.entry = 0x1000101;
  EXPECT_THAT(ParseError(b), HasSubstr("odd"));
}

TEST(ElfLoader, RefusesDynamicPrograms) {
  ElfBuilder b = Typical();
  const char interp[] = "/lib/ld64.so.1";
  std::memcpy(&b.payload[0x700], interp, sizeof(interp));
  b.phdrs.push_back({elf::kPtInterp, elf::kPfR, 0x1700, 0x1000700, sizeof(interp), sizeof(interp)});
  EXPECT_THAT(ParseError(b), HasSubstr("dynamically linked (PT_INTERP /lib/ld64.so.1)"));
}

TEST(ElfLoader, SegmentOutsideGuestMemoryIsOutOfRange) {
  auto mem = UserMemory();
  ElfBuilder b = Typical();
  b.phdrs[1].vaddr = 0x3fff000;  // ends past 64 MiB
  b.phdrs[1].memsz = 0x3000;
  auto image = ParseElf(b.Build());
  ASSERT_TRUE(image.ok()) << image.status();
  auto loaded = LoadElf(*image, *mem);
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(loaded.status().message()), HasSubstr("PT_LOAD segment 1 [0x3fff000, 0x4002000)"));

  b = Typical();
  for (Phdr& p : b.phdrs) p.vaddr = p.vaddr ? p.vaddr - 0x1000000 : 0;  // the NULL area below 0x10000
  b.entry = 0x100;
  image = ParseElf(b.Build());
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(LoadElf(*image, *mem).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(ElfLoader, ReadElfFileReportsMissingFiles) {
  auto image = ReadElfFile("/nonexistent/s390x-program");
  EXPECT_EQ(image.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(image.status().message()), HasSubstr("/nonexistent/s390x-program"));
  EXPECT_EQ(ReadElfFile("/").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ElfLoader, LooksLikeS390xElf) {
  std::vector<uint8_t> f = Typical().Build();
  EXPECT_TRUE(LooksLikeS390xElf(f));
  EXPECT_FALSE(LooksLikeS390xElf(absl::MakeConstSpan(f).subspan(0, 19)));
  f[18] = 0;
  f[19] = 62;
  EXPECT_FALSE(LooksLikeS390xElf(f));
}

}  // namespace
}  // namespace s390vmm::s390x_run
