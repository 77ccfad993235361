// File: python/status_exceptions.h
//
// absl::Status -> Python exceptions for the s390vmm module. Each canonical code maps to the built-in
// exception a Python user would expect; the message is the Status message unchanged.
//   InvalidArgument -> ValueError, OutOfRange -> IndexError, NotFound -> FileNotFoundError,
//   PermissionDenied -> PermissionError, Unimplemented -> NotImplementedError, others -> RuntimeError.
#ifndef S390VMM_PYTHON_STATUS_EXCEPTIONS_H_
#define S390VMM_PYTHON_STATUS_EXCEPTIONS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "pybind11/pybind11.h"

namespace s390vmm::python {

// Raises the Python exception for a non-OK status (as a pybind11 error_already_set).
void ThrowIfError(const absl::Status& status);

template <typename T>
T ValueOrThrow(absl::StatusOr<T> value) {
  ThrowIfError(value.status());
  return *std::move(value);
}

}  // namespace s390vmm::python

#endif  // S390VMM_PYTHON_STATUS_EXCEPTIONS_H_
