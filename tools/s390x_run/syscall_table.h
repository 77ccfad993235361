// File: tools/s390x_run/syscall_table.h
//
// Names and argument formats of the s390x (64-bit) Linux system calls, for --strace output. The syscall
// layer dispatches by number itself; this table only describes.
#ifndef S390VMM_TOOLS_S390X_RUN_SYSCALL_TABLE_H_
#define S390VMM_TOOLS_S390X_RUN_SYSCALL_TABLE_H_

#include <cstdint>

namespace s390vmm::s390x_run {

struct SyscallInfo {
  uint64_t number;
  const char* name;
  // One character per argument (r2, r3, ...): 'd' int, 'D' signed 64-bit, 'u' unsigned, 'x' hex,
  // 'o' octal (modes), 'p' pointer, 's' NUL-terminated string, 'f' directory fd (AT_FDCWD).
  const char* args;
};

// The entry for `number`, or nullptr if s390x Linux has no such system call.
const SyscallInfo* FindSyscall(uint64_t number);

}  // namespace s390vmm::s390x_run

#endif  // S390VMM_TOOLS_S390X_RUN_SYSCALL_TABLE_H_
