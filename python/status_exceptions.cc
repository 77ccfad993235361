#include "python/status_exceptions.h"

#include <string>

namespace s390vmm::python {

void ThrowIfError(const absl::Status& status) {
  if (status.ok()) return;
  PyObject* type = PyExc_RuntimeError;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: type = PyExc_ValueError; break;
    case absl::StatusCode::kOutOfRange: type = PyExc_IndexError; break;
    case absl::StatusCode::kNotFound: type = PyExc_FileNotFoundError; break;
    case absl::StatusCode::kPermissionDenied: type = PyExc_PermissionError; break;
    case absl::StatusCode::kUnimplemented: type = PyExc_NotImplementedError; break;
    default: break;
  }
  PyErr_SetString(type, std::string(status.message()).c_str());
  throw pybind11::error_already_set();
}

}  // namespace s390vmm::python
