// Our stage3a and stage3b boot stubs executed by the interpreter on an image from our builder: stage3a's
// IPIB patching, facility check and diag 308 protocol (the hypervisor's side played by this test), and
// stage3b's relocation of kernel, command line and initrd, ending in its lpswe. Components are built
// with pcf "no decryption", so the image in memory is what the Ultravisor would leave after unpacking.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "base/big_endian.h"
#include "cpu/cpu_model.h"
#include "cpu/interp/interpreter.h"
#include "gtest/gtest.h"
#include "memory/guest_memory.h"
#include "pv/boot/boot_stubs.h"
#include "pv/crypto/random_source.h"
#include "pv/image_builder/image_builder.h"

namespace s390vmm::pv {
namespace {

constexpr uint64_t kWaitPswMask = 0x0002000180000000;  // disabled wait, 64-bit mode

struct Machine {
  std::unique_ptr<GuestMemory> memory;
  std::unique_ptr<interp::Interpreter> cpu;
};

Machine Load(const BuiltSeImage& image, const CpuModel& model) {
  Machine m;
  m.memory = *GuestMemory::CreateFlat(4 << 20);
  EXPECT_TRUE(m.memory->Write(GuestAddress(0), image.bytes).ok());
  m.cpu = std::make_unique<interp::Interpreter>(*m.memory, model);
  // Any interruption ends the run at 0xdead0000 | old-PSW offset.
  for (uint64_t off : {interp::lowcore::kExternalNewPsw, interp::lowcore::kSvcNewPsw,
                       interp::lowcore::kProgramNewPsw, interp::lowcore::kMachineCheckNewPsw,
                       interp::lowcore::kIoNewPsw}) {
    (void)m.memory->Store<uint64_t>(GuestAddress(off), kWaitPswMask);
    (void)m.memory->Store<uint64_t>(GuestAddress(off + 8), 0xdead0000 | (off - 0x80));
  }
  return m;
}

BuiltSeImage Build(const std::vector<uint8_t>& kernel, const std::string& parm, size_t initrd_size) {
  SeededRandomSource rng("stage3 stubs");
  ImageBuilderInput in;
  in.kernel = kernel;
  in.parmline = std::vector<uint8_t>(parm.begin(), parm.end());
  if (initrd_size) in.initrd = std::vector<uint8_t>(initrd_size, 0x1d);
  in.host_keys = {P521PrivateKey::Generate(rng)->public_key()};
  in.pcf = kPcfNoDecryption;
  in.kernel_psw = {kWaitPswMask, 0x10000};  // stage3b "starts the kernel" into a recognizable wait
  return *BuildSeImage(in, rng);
}

std::vector<uint8_t> Kernel() {
  std::vector<uint8_t> k(0x10000 + 0x2345);
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>((i * 31) ^ (i >> 11));
  return k;
}

// Runs until a disabled wait; each intercept is handed to `on_intercept`.
template <typename Fn>
uint64_t RunToWait(Machine& m, Fn on_intercept) {
  for (int i = 0; i < 20; ++i) {
    auto exit = m.cpu->Run();
    EXPECT_TRUE(exit.ok()) << exit.status();
    if (!exit.ok()) return 0;
    if (auto* wait = std::get_if<DisabledWaitExit>(&*exit)) return wait->psw.address();
    if (auto* ic = std::get_if<InstructionIntercept>(&*exit)) {
      on_intercept(*ic);
      continue;
    }
    ADD_FAILURE() << "unexpected exit kind " << exit->index();
    return 0;
  }
  ADD_FAILURE() << "no disabled wait";
  return 0;
}

TEST(Stage3b, RelocatesKernelCommandLineAndInitrd) {
  const std::vector<uint8_t> kernel = Kernel();
  const std::string parm = "console=ttysclp0 root=/dev/vda";
  BuiltSeImage image = Build(kernel, parm, 5000);
  Machine m = Load(image, DefaultCpuModel());
  const SecureComponent& s3b = image.layout.ipib.components.back();
  m.cpu->state().psw = Psw(Psw::kEa | Psw::kBa, s3b.addr.value());  // what the Ultravisor starts
  EXPECT_EQ(RunToWait(m, [](const InstructionIntercept&) { ADD_FAILURE() << "stage3b needs no hypervisor"; }),
            0x10000u);
  std::vector<uint8_t> low(kernel.size() - 0x10000);
  ASSERT_TRUE(m.memory->Read(GuestAddress(0x10000), absl::MakeSpan(low)).ok());
  for (size_t i = 0; i < low.size(); ++i) {
    const uint64_t addr = 0x10000 + i;
    if (addr >= 0x10408 && addr < 0x10418) continue;  // INITRD_START / INITRD_SIZE
    if (addr >= 0x10480 && addr < 0x10480 + 896) {     // COMMAND_LINE, zero padded
      const size_t j = addr - 0x10480;
      ASSERT_EQ(low[i], j < parm.size() ? static_cast<uint8_t>(parm[j]) : 0) << std::hex << addr;
      continue;
    }
    ASSERT_EQ(low[i], kernel[0x10000 + i]) << "kernel byte at 0x" << std::hex << addr;
  }
  EXPECT_EQ(*m.memory->Load<uint64_t>(GuestAddress(0x10408)), image.layout.ipib.components[2].addr.value());
  EXPECT_EQ(*m.memory->Load<uint64_t>(GuestAddress(0x10410)), 5000u);
}

TEST(Stage3b, RefusesAKernelSmallerThan64KiB) {
  BuiltSeImage image = Build(Kernel(), "x", 0);
  Machine m = Load(image, DefaultCpuModel());
  const SecureComponent& s3b = image.layout.ipib.components.back();
  const uint64_t args = s3b.addr.value() + Stage3bBinary().size() - kStage3bArgsSize;
  ASSERT_TRUE(m.memory->Store<uint64_t>(GuestAddress(args + 8), 0x8000).ok());
  m.cpu->state().psw = Psw(Psw::kEa | Psw::kBa, s3b.addr.value());
  EXPECT_EQ(RunToWait(m, [](const InstructionIntercept&) {}), kStage3bWaitKernelTooSmall);
}

class Stage3a : public ::testing::Test {
 protected:
  Stage3a() : image_(Build(Kernel(), "quiet", 0)) {}
  // Starts at the IPL PSW's address (bit 12 and the mode bits are the short PSW's).
  Machine Start(const CpuModel& model) {
    Machine m = Load(image_, model);
    m.cpu->state().psw = Psw(Psw::kEa | Psw::kBa, image_.layout.entry.value());
    return m;
  }
  BuiltSeImage image_;
};

TEST_F(Stage3a, PatchesTheIpibAndCallsDiag308SetThenStart) {
  Machine m = Start(**FindCpuModel("max"));
  std::vector<uint64_t> subcodes;
  const uint64_t wait = RunToWait(m, [&](const InstructionIntercept& ic) {
    ASSERT_EQ(ic.ipa >> 8, 0x83) << "DIAG expected";
    ASSERT_EQ(ic.ipa & 0xff, 0x23);          // diag r2,r3
    ASSERT_EQ(ic.ipb >> 16, 0x0308u);        // code 0x308
    CpuState& s = m.cpu->state();
    subcodes.push_back(s.gr[3]);
    if (s.gr[3] == 8) {
      // The PV IPIB, with the header address filled in by stage3a.
      EXPECT_EQ(s.gr[2], image_.layout.ipib_addr.value());
      EXPECT_EQ(*m.memory->Load<uint64_t>(GuestAddress(s.gr[2] + 8 + 0x70)), image_.layout.header_addr.value());
      EXPECT_EQ(*m.memory->Load<uint64_t>(GuestAddress(s.gr[2] + 8 + 0x78)), image_.layout.header_size);
      s.gr[3] = 0x0001;  // accepted
    } else {
      s.gr[3] = 0x0a02;  // DIAG_308_RC_INVAL_FOR_PV: unpack failed, the CPU continues after the diag
    }
  });
  EXPECT_EQ(subcodes, (std::vector<uint64_t>{8, 10}));
  EXPECT_EQ(wait, kStage3aWaitPvStartFailed | 0x0a02);
}

TEST_F(Stage3a, PanicsWithoutTheUnpackFacility) {
  Machine m = Start(DefaultCpuModel());  // z196: no facility 161
  EXPECT_EQ(RunToWait(m, [](const InstructionIntercept&) { ADD_FAILURE() << "no diag expected"; }),
            kStage3aWaitNoUnpackFacility);
}

TEST_F(Stage3a, ReportsARefusedIpib) {
  Machine m = Start(**FindCpuModel("max"));
  EXPECT_EQ(RunToWait(m, [&](const InstructionIntercept&) { m.cpu->state().gr[3] = 0x0402; }),
            kStage3aWaitPvSetFailed | 0x0402);
}

}  // namespace
}  // namespace s390vmm::pv
