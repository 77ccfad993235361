#include "tools/cli/qemu_options.h"

#include <cstdio>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace s390vmm::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::StatusOr<CommandLine> Parse(std::vector<std::string> args) { return ParseCommandLine(args); }

TEST(QemuOptions, TypicalDirectBoot) {
  auto cl = Parse({"-M", "s390-ccw-virtio", "-m", "1G", "-smp", "2", "-cpu", "z15", "-accel", "tcg", "-kernel",
                   "/k/vmlinuz", "-initrd", "/k/initrd", "-append", "console=ttysclp0 quiet", "-nographic",
                   "-no-reboot", "--trace=insn,sclp", "--stats"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(cl->config.machine_type(), "s390-ccw-virtio");
  EXPECT_EQ(cl->config.memory_mib(), 1024u);
  EXPECT_EQ(cl->config.cpus(), 2u);
  EXPECT_EQ(cl->config.cpu_model(), "z15");
  EXPECT_EQ(cl->config.accel(), MachineConfig::ACCEL_INTERPRETER);
  EXPECT_EQ(cl->config.boot().cmdline(), "console=ttysclp0 quiet");
  EXPECT_TRUE(cl->config.no_reboot());
  EXPECT_TRUE(cl->stats);
  EXPECT_THAT(cl->trace, ElementsAre("insn", "sclp"));
}

TEST(QemuOptions, Defaults) {
  auto cl = Parse({});
  ASSERT_TRUE(cl.ok());
  EXPECT_EQ(cl->config.memory_mib(), 512u);
  EXPECT_EQ(cl->config.cpus(), 1u);
  EXPECT_FALSE(cl->print_config);
}

TEST(QemuOptions, MemorySizes) {
  EXPECT_EQ(*ParseMemorySizeMib("512"), 512u);
  EXPECT_EQ(*ParseMemorySizeMib("512M"), 512u);
  EXPECT_EQ(*ParseMemorySizeMib("2g"), 2048u);
  EXPECT_EQ(*ParseMemorySizeMib("size=4G"), 4096u);
  EXPECT_EQ(*ParseMemorySizeMib("2048K"), 2u);
  EXPECT_FALSE(ParseMemorySizeMib("lots").ok());
  EXPECT_FALSE(ParseMemorySizeMib("0").ok());
  EXPECT_FALSE(ParseMemorySizeMib("1000K").ok());
  EXPECT_FALSE(ParseMemorySizeMib("99999999999T").ok());
}

TEST(QemuOptions, ProtectedVirtualization) {
  auto cl = Parse({"-object", "s390-pv-guest,id=pv0", "-machine", "s390-ccw-virtio,confidential-guest-support=pv0",
                   "-kernel", "/img/se.img"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_TRUE(cl->config.pv().enabled());
  EXPECT_EQ(cl->config.pv().id(), "pv0");

  EXPECT_THAT(Parse({"-machine", "confidential-guest-support=pv0"}).status().message(),
              HasSubstr("add -object s390-pv-guest,id=pv0"));
  EXPECT_THAT(Parse({"-object", "s390-pv-guest,id=pv0"}).status().message(),
              HasSubstr("confidential-guest-support=pv0"));
  EXPECT_THAT(Parse({"-object", "memory-backend-ram,id=m"}).status().message(), HasSubstr("memory-backend-ram"));
}

TEST(QemuOptions, ErrorsNameTheOption) {
  auto cl = Parse({"-m", "512", "-frobnicate"});
  EXPECT_EQ(cl.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(cl.status().message(), HasSubstr("'-frobnicate'"));
  EXPECT_THAT(Parse({"-kernel"}).status().message(), HasSubstr("-kernel needs a value"));
  EXPECT_THAT(Parse({"-smp", "zero"}).status().message(), HasSubstr("-smp zero"));
  EXPECT_THAT(Parse({"-accel", "hvf"}).status().message(), HasSubstr("-accel hvf"));
  EXPECT_THAT(Parse({"-M", "virt"}).status().message(), HasSubstr("'virt'"));
  EXPECT_THAT(Parse({"--trace=everything"}).status().message(), HasSubstr("'everything'"));
  EXPECT_THAT(Parse({"vmlinuz"}).status().message(), HasSubstr("unexpected argument 'vmlinuz'"));
  EXPECT_THAT(Parse({"-initrd", "/x"}).status().message(), HasSubstr("needs a kernel"));
  auto drive = Parse({"-drive", "file=disk.img"});
  EXPECT_EQ(drive.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(drive.status().message(), HasSubstr("-drive"));
}

TEST(QemuOptions, ConfigFileThenOverrides) {
  std::string path = std::string(getenv("TEST_TMPDIR")) + "/vm.textproto";
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("memory_mib: 256\ncpus: 3\nboot { kernel: \"/k\" }\n", f);
  fclose(f);
  auto cl = Parse({"--config", path, "-m", "128", "--print-config"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(cl->config.memory_mib(), 128u);
  EXPECT_EQ(cl->config.cpus(), 3u);
  EXPECT_TRUE(cl->print_config);
  EXPECT_EQ(Parse({"--config", path + ".missing"}).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace s390vmm::cli
