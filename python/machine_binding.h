// File: python/machine_binding.h
//
// The Python face of s390vmm::Machine: boots a machine on background threads and exposes its console
// output as a byte stream that the module's Python Console class (machine_binding.cc) matches with `re`.
#ifndef S390VMM_PYTHON_MACHINE_BINDING_H_
#define S390VMM_PYTHON_MACHINE_BINDING_H_

#include "pybind11/pybind11.h"

namespace s390vmm::python {

void BindMachine(pybind11::module_& m);

}  // namespace s390vmm::python

#endif  // S390VMM_PYTHON_MACHINE_BINDING_H_
