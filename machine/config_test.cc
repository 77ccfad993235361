#include "machine/config.h"

#include <cstdio>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace s390vmm {
namespace {

using ::testing::HasSubstr;

constexpr char kFullConfig[] = R"pb(
  machine_type: "s390-ccw-virtio"
  memory_mib: 1024
  cpus: 2
  cpu_model: "z15"
  accel: ACCEL_INTERPRETER
  boot { kernel: "/k/vmlinuz" initrd: "/k/initrd.cpio" cmdline: "console=ttysclp0 quiet" }
  drives { id: "disk0" file: "/img/disk.raw" read_only: true boot_index: 1 device_number: "fe.0.0001" }
  console { kind: KIND_STDIO }
  pv { enabled: true id: "pv0" }
  no_reboot: true
)pb";

TEST(MachineConfig, TextRoundTrip) {
  absl::StatusOr<MachineConfig> config = ParseMachineConfig(kFullConfig);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->memory_mib(), 1024u);
  EXPECT_EQ(config->cpus(), 2u);
  EXPECT_EQ(config->boot().cmdline(), "console=ttysclp0 quiet");
  EXPECT_EQ(config->drives(0).device_number(), "fe.0.0001");
  EXPECT_TRUE(config->pv().enabled());

  std::string text = MachineConfigToText(*config);
  absl::StatusOr<MachineConfig> again = ParseMachineConfig(text);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*config, *again)) << text;
  EXPECT_TRUE(ValidateMachineConfig(*again).ok());
}

TEST(MachineConfig, MalformedTextNamesLineAndColumn) {
  absl::StatusOr<MachineConfig> config = ParseMachineConfig("memory_mib: 512\ncpus: two\n", "vm.textproto");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(config.status().message(), HasSubstr("vm.textproto:2:7:"));
  EXPECT_THAT(config.status().message(), HasSubstr("Expected integer"));

  config = ParseMachineConfig("memory_mib: 512\n  cpu_modle: \"z15\"\n", "vm.textproto");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("vm.textproto:2:12:"));  // protobuf points after the name
  EXPECT_THAT(config.status().message(), HasSubstr("cpu_modle"));

  config = ParseMachineConfig("boot { kernel: \"x\" ", "vm.textproto");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("vm.textproto:1:"));
}

TEST(MachineConfig, ReadFile) {
  std::string path = std::string(getenv("TEST_TMPDIR")) + "/vm.textproto";
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("memory_mib: 256\ncpus: 1\n", f);
  fclose(f);
  absl::StatusOr<MachineConfig> config = ReadMachineConfigFile(path);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->memory_mib(), 256u);
  EXPECT_EQ(ReadMachineConfigFile(path + ".missing").status().code(), absl::StatusCode::kNotFound);
}

TEST(MachineConfig, ValidationRejectsImpossibleMachines) {
  MachineConfig config = DefaultMachineConfig();
  EXPECT_TRUE(ValidateMachineConfig(config).ok());

  MachineConfig bad = config;
  bad.set_machine_type("s390-virtio");
  EXPECT_THAT(ValidateMachineConfig(bad).message(), HasSubstr("s390-ccw-virtio"));
  bad = config;
  bad.set_memory_mib(0);
  EXPECT_FALSE(ValidateMachineConfig(bad).ok());
  bad = config;
  bad.set_cpus(0);
  EXPECT_FALSE(ValidateMachineConfig(bad).ok());
  bad = config;
  bad.set_cpus(1000);
  EXPECT_THAT(ValidateMachineConfig(bad).message(), HasSubstr("at most 248"));
  bad = config;
  bad.mutable_boot()->set_initrd("/x");
  EXPECT_THAT(ValidateMachineConfig(bad).message(), HasSubstr("needs a kernel"));
  bad = config;
  bad.mutable_boot()->set_kernel("/k");
  bad.mutable_boot()->set_bios("/b");
  EXPECT_FALSE(ValidateMachineConfig(bad).ok());
  bad = config;
  bad.add_drives()->set_id("d0");
  EXPECT_THAT(ValidateMachineConfig(bad).message(), HasSubstr("'d0' has no file"));
}

}  // namespace
}  // namespace s390vmm
