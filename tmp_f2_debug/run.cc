#include <cstdio>
#include "tmp_f2_debug/program_runner.h"
int main(int argc, char** argv) {
  s390vmm::testing::ProgramRunner r;
  if (!r.Load(argv[1]).ok()) return 1;
  auto res = r.Run();
  if (!res.ok()) { printf("%s\n", std::string(res.status().message()).c_str()); return 1; }
  auto& m = r.memory();
  printf("wait 0x%lx code 0x%x ilc %d oldpsw %lx %lx r13=%ld\n", res->wait_address,
         *m.Load<uint16_t>(s390vmm::GuestAddress(0x8e)), *m.Load<uint16_t>(s390vmm::GuestAddress(0x8c)),
         *m.Load<uint64_t>(s390vmm::GuestAddress(0x150)), *m.Load<uint64_t>(s390vmm::GuestAddress(0x158)),
         r.cpu().state().gr[13]);
}
