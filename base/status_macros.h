// File: base/status_macros.h
//
// RETURN_IF_ERROR and ASSIGN_OR_RETURN for absl::Status / absl::StatusOr. Debian bookworm's Abseil
// (20220623) predates absl/status/status_macros.h, so the pair is defined once here.
//
//   absl::Status Load(GuestMemory& mem) {
//     RETURN_IF_ERROR(mem.Write(addr, bytes));
//     ASSIGN_OR_RETURN(uint64_t value, mem.Load<uint64_t>(addr));
//     ...
//   }
#ifndef S390VMM_BASE_STATUS_MACROS_H_
#define S390VMM_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define S390VMM_CONCAT_INNER_(a, b) a##b
#define S390VMM_CONCAT_(a, b) S390VMM_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status); returns it from the enclosing function if it is not OK.
#define RETURN_IF_ERROR(expr)                                            \
  do {                                                                   \
    if (::absl::Status s390vmm_status_ = (expr); !s390vmm_status_.ok()) \
      return s390vmm_status_;                                            \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status if not OK, otherwise moves the value into
// `lhs`, which may be a declaration ("uint64_t x") or an existing lvalue.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  S390VMM_ASSIGN_OR_RETURN_IMPL_(S390VMM_CONCAT_(s390vmm_statusor_, __LINE__), lhs, rexpr)

#define S390VMM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = *std::move(statusor)

#endif  // S390VMM_BASE_STATUS_MACROS_H_
