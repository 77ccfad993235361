// File: python/pv_bindings.h
//
// The `s390vmm.pv` submodule: Secure Execution host keys and images (pv/pvimg), the same operations as
// the `s390vmm-pvimg` tool, over bytes.
#ifndef S390VMM_PYTHON_PV_BINDINGS_H_
#define S390VMM_PYTHON_PV_BINDINGS_H_

#include "pybind11/pybind11.h"

namespace s390vmm::python {

void BindPv(pybind11::module_& m);

}  // namespace s390vmm::python

#endif  // S390VMM_PYTHON_PV_BINDINGS_H_
