#include "python/pv_bindings.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pv/crypto/random_source.h"
#include "pv/host_key/host_key.h"
#include "pv/image_builder/image_info.h"
#include "pv/pvimg/pvimg.h"
#include "pybind11/stl.h"
#include "python/status_exceptions.h"

namespace s390vmm::python {
namespace {

namespace py = pybind11;
using namespace s390vmm::pv;  // NOLINT: this file binds that namespace

std::vector<uint8_t> ToVector(const py::bytes& b) {
  std::string s = b;
  return std::vector<uint8_t>(s.begin(), s.end());
}
py::bytes ToBytes(const std::vector<uint8_t>& v) {
  return py::bytes(reinterpret_cast<const char*>(v.data()), v.size());
}

std::unique_ptr<RandomSource> Random(const std::optional<std::string>& seed) {
  if (seed.has_value()) return std::make_unique<SeededRandomSource>(*seed);
  return std::make_unique<SystemRandomSource>();
}

std::vector<P521PrivateKey> PrivateKeys(const std::vector<py::bytes>& pems) {
  std::vector<P521PrivateKey> keys;
  for (size_t i = 0; i < pems.size(); ++i) {
    keys.push_back(ValueOrThrow(ParsePrivateKey(ToVector(pems[i]), "host_keys[" + std::to_string(i) + "]")));
  }
  return keys;
}

py::tuple GenerateHostKeyPy(const std::string& common_name, std::optional<py::bytes> ca_key,
                            std::optional<py::bytes> ca_cert, bool is_ca, std::optional<std::string> seed) {
  if (ca_key.has_value() != ca_cert.has_value()) {
    ThrowIfError(absl::InvalidArgumentError("ca_key and ca_cert go together"));
  }
  HostKeyRequest request;
  request.common_name = common_name;
  request.is_ca = is_ca;
  std::optional<P521PrivateKey> key;
  std::optional<Certificate> cert;
  if (ca_key.has_value()) {
    key = ValueOrThrow(ParsePrivateKey(ToVector(*ca_key), "ca_key"));
    std::vector<Certificate> certs = ValueOrThrow(Certificate::ParseAll(ToVector(*ca_cert), "ca_cert"));
    if (certs.size() != 1) ThrowIfError(absl::InvalidArgumentError("ca_cert must hold exactly one certificate"));
    cert = certs[0];
    request.ca_key = &*key;
    request.ca_cert = &*cert;
  }
  std::unique_ptr<RandomSource> rng = Random(seed);
  HostKeyMaterial m = ValueOrThrow(GenerateHostKey(request, *rng));
  return py::make_tuple(py::bytes(m.private_key_pem), py::bytes(m.document_pem));
}

py::bytes CreateImagePy(const py::bytes& kernel, const std::vector<py::bytes>& documents,
                        std::optional<py::bytes> initrd, std::optional<py::bytes> parmline,
                        const std::vector<py::bytes>& ca_certs, bool no_verify, uint64_t pcf, uint64_t scf,
                        uint64_t psw_addr, std::optional<std::string> seed) {
  CreateRequest request;
  request.image.kernel = ToVector(kernel);
  if (initrd.has_value()) request.image.initrd = ToVector(*initrd);
  if (parmline.has_value()) request.image.parmline = ToVector(*parmline);
  request.image.pcf = pcf;
  request.image.scf = scf;
  request.image.kernel_psw.addr = psw_addr;
  request.no_verify = no_verify;
  for (size_t i = 0; i < documents.size(); ++i) {
    request.documents.push_back(ValueOrThrow(
        HostKeyDocument::Parse(ToVector(documents[i]), "host_key_documents[" + std::to_string(i) + "]")));
  }
  for (size_t i = 0; i < ca_certs.size(); ++i) {
    std::vector<Certificate> certs =
        ValueOrThrow(Certificate::ParseAll(ToVector(ca_certs[i]), "ca_certs[" + std::to_string(i) + "]"));
    request.ca_chain.insert(request.ca_chain.end(), certs.begin(), certs.end());
  }
  std::unique_ptr<RandomSource> rng = Random(seed);
  CreateResult result = ValueOrThrow(CreateSeImage(std::move(request), *rng));
  for (const std::string& w : result.warnings) {
    PyErr_WarnEx(PyExc_UserWarning, w.c_str(), 1);
  }
  return ToBytes(result.image);
}

py::object InfoPy(const py::bytes& image) {
  SeImageInfo info = ValueOrThrow(DescribeSeImage(ToVector(image)));
  return py::module_::import("json").attr("loads")(SeImageInfoToJson(info));
}

py::dict UnpackPy(const py::bytes& image, const std::vector<py::bytes>& host_keys, bool with_contents) {
  std::vector<P521PrivateKey> keys = PrivateKeys(host_keys);
  UnpackedSeImage u = ValueOrThrow(UnpackSeImage(ToVector(image), keys));
  py::dict out;
  out["pages"] = u.pages;
  out["components"] = u.info.layout.ipib.components.size();
  out["start_psw"] = py::make_tuple(u.start_psw.mask, u.start_psw.addr);
  out["kernel_psw"] = py::make_tuple(u.kernel_psw.mask, u.kernel_psw.addr);
  out["exact_sizes"] = u.exact_sizes;
  if (with_contents) {
    out["kernel"] = ToBytes(u.kernel);
    out["parmline"] = u.parmline ? py::object(ToBytes(*u.parmline)) : py::object(py::none());
    out["initrd"] = u.initrd ? py::object(ToBytes(*u.initrd)) : py::object(py::none());
  }
  return out;
}

}  // namespace

void BindPv(py::module_& parent) {
  py::module_ m = parent.def_submodule(
      "pv", "IBM Secure Execution (Protected Virtualization): host keys and SE images, with a software "
            "Ultravisor for verify/unpack. The same operations as the s390vmm-pvimg tool.");
  m.def("generate_host_key", &GenerateHostKeyPy, py::arg("common_name") = "s390vmm host key",
        py::arg("ca_key") = py::none(), py::arg("ca_cert") = py::none(), py::arg("is_ca") = false,
        py::arg("seed") = py::none(),
        "A new EC P-521 key pair: returns (private_key_pem, certificate_pem). The certificate is a host-key "
        "document (or, with is_ca, a CA certificate), self-signed or signed by ca_key/ca_cert. `seed` makes the "
        "key reproducible: tests only.");
  m.def("create_image", &CreateImagePy, py::arg("kernel"), py::arg("host_key_documents"),
        py::arg("initrd") = py::none(), py::arg("parmline") = py::none(),
        py::arg("ca_certs") = std::vector<py::bytes>{}, py::arg("no_verify") = false, py::arg("pcf") = 0,
        py::arg("scf") = 0, py::arg("psw_addr") = 0x10000, py::arg("seed") = py::none(),
        "Builds a Secure Execution image (genprotimg-compatible) and returns its bytes. The host-key documents "
        "are verified against ca_certs unless no_verify (which warns).");
  m.def("info", &InfoPy, py::arg("image"),
        "The layout and public header fields of an image, as a dict (the JSON of `s390vmm-pvimg info --json`).");
  m.def(
      "info_text", [](const py::bytes& image) { return SeImageInfoToText(ValueOrThrow(DescribeSeImage(ToVector(image)))); },
      py::arg("image"));
  m.def(
      "verify", [](const py::bytes& image, const std::vector<py::bytes>& keys) { return UnpackPy(image, keys, false); },
      py::arg("image"), py::arg("host_keys"),
      "Unpacks and verifies the image with the software Ultravisor holding the PEM/DER private keys; returns a "
      "summary dict or raises with the cause.");
  m.def(
      "unpack", [](const py::bytes& image, const std::vector<py::bytes>& keys) { return UnpackPy(image, keys, true); },
      py::arg("image"), py::arg("host_keys"),
      "Like verify, and adds 'kernel', 'parmline' and 'initrd' (None when absent) to the dict.");
}

}  // namespace s390vmm::python
