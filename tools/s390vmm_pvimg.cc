// s390vmm-pvimg: build, inspect, verify and unpack IBM Secure Execution (Protected Virtualization) images.
//
//   s390vmm-pvimg hostkey --private-key KEY.pem --document HKD.crt [--ca-key CA.pem --ca-cert CA.crt] [--ca]
//   s390vmm-pvimg create -i KERNEL [-r INITRD] [-p PARMFILE] -k HKD.crt [-k HKD2.crt ...] -o IMAGE
//                        [--no-verify | -C CA.crt ...] [--x-pcf HEX] [--x-scf HEX] [--x-psw HEX]
//                        [--x-header-key FILE] [--x-comp-key FILE] [--x-comm-key FILE] [--x-seed TEXT]
//   s390vmm-pvimg info IMAGE [--json]
//   s390vmm-pvimg verify IMAGE --host-key KEY.pem [--host-key KEY2.pem ...]
//   s390vmm-pvimg unpack IMAGE --host-key KEY.pem -o DIR
//
// A thin shell over pv/pvimg: parse the command line, read files, call the library, write files. Exit
// status: 0 success, 1 the operation failed, 2 the command line is wrong. Nothing is written on failure.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "pv/crypto/random_source.h"
#include "pv/host_key/host_key.h"
#include "pv/image_builder/image_info.h"
#include "pv/pvimg/file_io.h"
#include "pv/pvimg/pvimg.h"

namespace s390vmm::pv {
namespace {

constexpr char kTool[] = "s390vmm-pvimg";

constexpr char kUsage[] = R"(usage:
  s390vmm-pvimg hostkey --private-key KEY.pem --document HKD.crt [--common-name CN]
                        [--ca-key CA.pem --ca-cert CA.crt] [--ca]
      Generate an EC P-521 host key pair and its host-key document (self-signed, or signed by the CA).
      With --ca the certificate is a CA certificate (to sign host-key documents) instead.
  s390vmm-pvimg create -i KERNEL [-r INITRD] [-p PARMFILE] -k HKD.crt [-k HKD2.crt ...] -o IMAGE
                       [--no-verify | -C CA.crt ...] [--x-pcf HEX] [--x-scf HEX] [--x-psw ADDR]
                       [--x-header-key FILE] [--x-comp-key FILE] [--x-comm-key FILE] [--x-seed TEXT]
      Build a Secure Execution image for the host keys (genprotimg-compatible). The host-key documents
      are verified against the -C certificates (the self-signed ones are the roots) unless --no-verify.
      --x-seed makes all randomness reproducible: for tests only, never for real images.
  s390vmm-pvimg info IMAGE [--json]
      Print the image layout and the SE header's public fields (no key needed).
  s390vmm-pvimg verify IMAGE --host-key KEY.pem [--host-key KEY2.pem ...]
      Unpack and verify the image with the software Ultravisor.
  s390vmm-pvimg unpack IMAGE --host-key KEY.pem -o DIR
      Verify, then write DIR/kernel and, when present, DIR/parmline and DIR/initrd.
)";

// --- A small subcommand option parser ---

struct OptionSpec {
  std::string name;        // long name without "--"
  char short_name = 0;     // 0: none
  bool takes_value = true;
  bool repeatable = false;
};

class Args {
 public:
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second.front();
  }
  std::vector<std::string> all(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
  }
  const std::vector<std::string>& positional() const { return positional_; }

  static absl::StatusOr<Args> Parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
    Args args;
    for (size_t i = 0; i < argv.size(); ++i) {
      const std::string& arg = argv[i];
      if (arg == "--") {
        args.positional_.insert(args.positional_.end(), argv.begin() + i + 1, argv.end());
        break;
      }
      if (arg.size() < 2 || arg[0] != '-') {
        args.positional_.push_back(arg);
        continue;
      }
      std::string name, value;
      bool inline_value = false;
      const OptionSpec* spec = nullptr;
      if (arg[1] == '-') {
        name = arg.substr(2);
        if (size_t eq = name.find('='); eq != std::string::npos) {
          value = name.substr(eq + 1);
          name = name.substr(0, eq);
          inline_value = true;
        }
        for (const OptionSpec& s : specs) {
          if (s.name == name) spec = &s;
        }
      } else if (arg.size() == 2) {
        for (const OptionSpec& s : specs) {
          if (s.short_name == arg[1]) spec = &s;
        }
      }
      if (spec == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown option '", arg, "'"));
      if (!spec->takes_value && inline_value) {
        return absl::InvalidArgumentError(absl::StrCat("option --", spec->name, " takes no value"));
      }
      if (spec->takes_value && !inline_value) {
        if (i + 1 >= argv.size()) return absl::InvalidArgumentError(absl::StrCat("option --", spec->name, " needs a value"));
        value = argv[++i];
      }
      if (!spec->repeatable && args.has(spec->name)) {
        return absl::InvalidArgumentError(absl::StrCat("option --", spec->name, " given more than once"));
      }
      args.values_[spec->name].push_back(value);
    }
    return args;
  }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// A usage error (exit status 2) as opposed to a failed operation (1).
absl::Status Usage(const std::string& message) { return absl::InvalidArgumentError("usage: " + message); }
bool IsUsage(const absl::Status& s) { return absl::StartsWith(s.message(), "usage: "); }

absl::StatusOr<std::string> Required(const Args& args, const std::string& name, const std::string& what) {
  std::optional<std::string> v = args.get(name);
  if (!v.has_value() || v->empty()) return Usage(absl::StrCat("--", name, " ", what, " is required"));
  return *v;
}

void Warn(const std::string& message) { std::cerr << kTool << ": warning: " << message << "\n"; }

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

absl::StatusOr<P521PrivateKey> ReadPrivateKey(const std::string& path) {
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadFileBytes(path, kMaxSmallFileSize, "private key");
  if (!bytes.ok()) return bytes.status();
  return ParsePrivateKey(*bytes, path);
}

absl::StatusOr<std::vector<P521PrivateKey>> ReadHostKeys(const Args& args) {
  std::vector<std::string> paths = args.all("host-key");
  if (paths.empty()) return Usage("--host-key KEY.pem is required");
  std::vector<P521PrivateKey> keys;
  for (const std::string& p : paths) {
    absl::StatusOr<P521PrivateKey> key = ReadPrivateKey(p);
    if (!key.ok()) return key.status();
    keys.push_back(*std::move(key));
  }
  return keys;
}

absl::StatusOr<std::vector<uint8_t>> ReadImage(const Args& args) {
  if (args.positional().size() != 1) return Usage("exactly one IMAGE is required");
  return ReadFileBytes(args.positional()[0], kMaxImageFileSize, "image");
}

template <size_t N>
absl::StatusOr<std::optional<std::array<uint8_t, N>>> ReadKeyFile(const Args& args, const std::string& option) {
  std::optional<std::string> path = args.get(option);
  if (!path.has_value()) return std::optional<std::array<uint8_t, N>>();
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadFileBytes(*path, kMaxSmallFileSize, "key file");
  if (!bytes.ok()) return bytes.status();
  if (bytes->size() != N) {
    return absl::InvalidArgumentError(
        absl::StrFormat("--%s '%s' is %d bytes; it must be exactly %d", option, *path, bytes->size(), N));
  }
  std::array<uint8_t, N> key;
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return std::optional<std::array<uint8_t, N>>(key);
}

absl::StatusOr<uint64_t> ParseHex(const Args& args, const std::string& option, uint64_t fallback) {
  std::optional<std::string> v = args.get(option);
  if (!v.has_value()) return fallback;
  std::string digits = absl::StartsWith(*v, "0x") || absl::StartsWith(*v, "0X") ? v->substr(2) : *v;
  uint64_t out;
  if (digits.empty() || !absl::SimpleHexAtoi(digits, &out)) {
    return Usage(absl::StrCat("--", option, " '", *v, "' is not a hexadecimal number"));
  }
  return out;
}

std::unique_ptr<RandomSource> MakeRandom(const Args& args) {
  if (std::optional<std::string> seed = args.get("x-seed"); seed.has_value()) {
    Warn("--x-seed makes every key of the image predictable; use it for tests only");
    return std::make_unique<SeededRandomSource>(*seed);
  }
  return std::make_unique<SystemRandomSource>();
}

// --- Subcommands ---

absl::Status HostKeyCommand(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = Args::Parse(argv, {{"private-key"}, {"document"}, {"common-name"}, {"ca-key"},
                                                 {"ca-cert"}, {"ca", 0, false}, {"x-seed"}});
  if (!args.ok()) return Usage(std::string(args.status().message()));
  if (!args->positional().empty()) return Usage(absl::StrCat("unexpected argument '", args->positional()[0], "'"));
  absl::StatusOr<std::string> key_path = Required(*args, "private-key", "KEY.pem");
  if (!key_path.ok()) return key_path.status();
  absl::StatusOr<std::string> doc_path = Required(*args, "document", "HKD.crt");
  if (!doc_path.ok()) return doc_path.status();
  if (args->has("ca-key") != args->has("ca-cert")) return Usage("--ca-key and --ca-cert go together");
  HostKeyRequest request;
  request.is_ca = args->has("ca");
  request.common_name = args->get("common-name").value_or(request.is_ca ? "s390vmm test CA" : "s390vmm host key");
  std::optional<P521PrivateKey> ca_key;
  std::optional<Certificate> ca_cert;
  if (args->has("ca-key")) {
    absl::StatusOr<P521PrivateKey> k = ReadPrivateKey(*args->get("ca-key"));
    if (!k.ok()) return k.status();
    ca_key = *std::move(k);
    absl::StatusOr<std::vector<uint8_t>> bytes = ReadFileBytes(*args->get("ca-cert"), kMaxSmallFileSize, "CA certificate");
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<std::vector<Certificate>> certs = Certificate::ParseAll(*bytes, *args->get("ca-cert"));
    if (!certs.ok()) return certs.status();
    if (certs->size() != 1) return absl::InvalidArgumentError("--ca-cert must hold exactly one certificate");
    ca_cert = (*certs)[0];
    absl::StatusOr<P521PublicKey> ca_public = ca_cert->p521_key();
    if (!ca_public.ok() || !(*ca_public == ca_key->public_key())) {
      return absl::InvalidArgumentError("--ca-key does not belong to --ca-cert");
    }
    request.ca_key = &*ca_key;
    request.ca_cert = &*ca_cert;
  }
  std::unique_ptr<RandomSource> rng = MakeRandom(*args);
  absl::StatusOr<HostKeyMaterial> material = GenerateHostKey(request, *rng);
  if (!material.ok()) return material.status();
  if (absl::Status s = WriteFilesAtomically({{*key_path, Bytes(material->private_key_pem), true},
                                             {*doc_path, Bytes(material->document_pem)}});
      !s.ok()) {
    return s;
  }
  std::cout << "wrote " << *key_path << " (private key, keep it secret) and " << *doc_path << " ("
            << (request.is_ca ? "CA certificate" : "host-key document") << ")\n";
  return absl::OkStatus();
}

absl::Status CreateCommand(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = Args::Parse(
      argv, {{"image", 'i'}, {"ramdisk", 'r'}, {"parmfile", 'p'}, {"host-key-document", 'k', true, true},
             {"output", 'o'}, {"no-verify", 0, false}, {"cert", 'C', true, true}, {"x-pcf"}, {"x-scf"},
             {"x-psw"}, {"x-header-key"}, {"x-comp-key"}, {"x-comm-key"}, {"x-seed"}});
  if (!args.ok()) return Usage(std::string(args.status().message()));
  if (!args->positional().empty()) return Usage(absl::StrCat("unexpected argument '", args->positional()[0], "'"));
  absl::StatusOr<std::string> kernel = Required(*args, "image", "(-i) KERNEL");
  if (!kernel.ok()) return kernel.status();
  absl::StatusOr<std::string> output = Required(*args, "output", "(-o) IMAGE");
  if (!output.ok()) return output.status();
  if (args->all("host-key-document").empty()) return Usage("at least one -k HKD.crt is required");
  if (args->has("no-verify") && args->has("cert")) return Usage("--no-verify and --cert exclude each other");
  if (!args->has("no-verify") && !args->has("cert")) {
    return Usage("give the CA chain of the host-key documents with -C CA.crt, or skip verification with "
                 "--no-verify");
  }

  CreateRequest request;
  request.no_verify = args->has("no-verify");
  absl::StatusOr<std::vector<uint8_t>> k = ReadFileBytes(*kernel, kMaxComponentFileSize, "kernel");
  if (!k.ok()) return k.status();
  request.image.kernel = *std::move(k);
  if (std::optional<std::string> p = args->get("ramdisk"); p.has_value()) {
    absl::StatusOr<std::vector<uint8_t>> r = ReadFileBytes(*p, kMaxComponentFileSize, "initrd");
    if (!r.ok()) return r.status();
    request.image.initrd = *std::move(r);
  }
  if (std::optional<std::string> p = args->get("parmfile"); p.has_value()) {
    absl::StatusOr<std::vector<uint8_t>> r = ReadFileBytes(*p, kMaxSmallFileSize, "parmfile");
    if (!r.ok()) return r.status();
    request.image.parmline = *std::move(r);
  }
  for (const std::string& path : args->all("host-key-document")) {
    absl::StatusOr<std::vector<uint8_t>> bytes = ReadFileBytes(path, kMaxSmallFileSize, "host-key document");
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<HostKeyDocument> doc = HostKeyDocument::Parse(*bytes, path);
    if (!doc.ok()) return doc.status();
    request.documents.push_back(*std::move(doc));
  }
  for (const std::string& path : args->all("cert")) {
    absl::StatusOr<std::vector<uint8_t>> bytes = ReadFileBytes(path, kMaxSmallFileSize, "certificate");
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<std::vector<Certificate>> certs = Certificate::ParseAll(*bytes, path);
    if (!certs.ok()) return certs.status();
    request.ca_chain.insert(request.ca_chain.end(), certs->begin(), certs->end());
  }
  absl::StatusOr<uint64_t> pcf = ParseHex(*args, "x-pcf", 0);
  if (!pcf.ok()) return pcf.status();
  absl::StatusOr<uint64_t> scf = ParseHex(*args, "x-scf", 0);
  if (!scf.ok()) return scf.status();
  absl::StatusOr<uint64_t> psw = ParseHex(*args, "x-psw", kDefaultKernelPsw.addr);
  if (!psw.ok()) return psw.status();
  request.image.pcf = *pcf;
  request.image.scf = *scf;
  request.image.kernel_psw.addr = *psw;
  absl::StatusOr<std::optional<std::array<uint8_t, 32>>> header_key = ReadKeyFile<32>(*args, "x-header-key");
  if (!header_key.ok()) return header_key.status();
  absl::StatusOr<std::optional<std::array<uint8_t, 64>>> comp_key = ReadKeyFile<64>(*args, "x-comp-key");
  if (!comp_key.ok()) return comp_key.status();
  absl::StatusOr<std::optional<std::array<uint8_t, 32>>> comm_key = ReadKeyFile<32>(*args, "x-comm-key");
  if (!comm_key.ok()) return comm_key.status();
  request.image.header_key = *header_key;
  request.image.xts_key = *comp_key;
  request.image.comm_key = *comm_key;

  std::unique_ptr<RandomSource> rng = MakeRandom(*args);
  absl::StatusOr<CreateResult> result = CreateSeImage(std::move(request), *rng);
  if (!result.ok()) return result.status();
  for (const std::string& w : result->warnings) Warn(w);
  if (absl::Status s = WriteFilesAtomically({{*output, std::move(result->image)}}); !s.ok()) return s;
  std::cout << "wrote " << *output << "\n";
  return absl::OkStatus();
}

absl::Status InfoCommand(const std::vector<std::string>& argv) {
  absl::StatusOr<Args> args = Args::Parse(argv, {{"json", 0, false}});
  if (!args.ok()) return Usage(std::string(args.status().message()));
  absl::StatusOr<std::vector<uint8_t>> image = ReadImage(*args);
  if (!image.ok()) return image.status();
  absl::StatusOr<SeImageInfo> info = DescribeSeImage(*image);
  if (!info.ok()) return info.status();
  std::cout << (args->has("json") ? SeImageInfoToJson(*info) : SeImageInfoToText(*info));
  return absl::OkStatus();
}

absl::Status VerifyOrUnpackCommand(const std::vector<std::string>& argv, bool unpack) {
  std::vector<OptionSpec> specs = {{"host-key", 0, true, true}};
  if (unpack) specs.push_back({"output", 'o'});
  absl::StatusOr<Args> args = Args::Parse(argv, specs);
  if (!args.ok()) return Usage(std::string(args.status().message()));
  std::string dir;
  if (unpack) {
    absl::StatusOr<std::string> out = Required(*args, "output", "(-o) DIR");
    if (!out.ok()) return out.status();
    dir = *out;
  }
  absl::StatusOr<std::vector<uint8_t>> image = ReadImage(*args);
  if (!image.ok()) return image.status();
  absl::StatusOr<std::vector<P521PrivateKey>> keys = ReadHostKeys(*args);
  if (!keys.ok()) return keys.status();
  absl::StatusOr<UnpackedSeImage> unpacked = UnpackSeImage(*image, *keys);
  if (!unpacked.ok()) return unpacked.status();
  const std::string& path = args->positional()[0];
  if (!unpack) {
    std::cout << absl::StrFormat(
        "%s: verified: %d pages in %d components; page, address and tweak digests match the header; the "
        "Ultravisor starts at 0x%x, stage3b then at 0x%x\n",
        path, unpacked->pages, unpacked->info.layout.ipib.components.size(), unpacked->start_psw.addr,
        unpacked->kernel_psw.addr);
    return absl::OkStatus();
  }
  if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return absl::InternalError(absl::StrCat("cannot create directory '", dir, "': ", std::strerror(errno)));
  }
  struct stat st;
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("'", dir, "' is not a directory"));
  }
  std::vector<OutputFile> files = {{dir + "/kernel", std::move(unpacked->kernel)}};
  if (unpacked->parmline) files.push_back({dir + "/parmline", std::move(*unpacked->parmline)});
  if (unpacked->initrd) files.push_back({dir + "/initrd", std::move(*unpacked->initrd)});
  if (!unpacked->exact_sizes) Warn("stage3b arguments not found: the files keep their padding to 4 KiB pages");
  std::vector<std::string> names;
  for (const OutputFile& f : files) names.push_back(f.path);
  if (absl::Status s = WriteFilesAtomically(files); !s.ok()) return s;
  std::cout << path << ": verified; wrote " << absl::StrJoin(names, ", ") << "\n";
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  absl::Status status;
  if (command == "hostkey") {
    status = HostKeyCommand(rest);
  } else if (command == "create") {
    status = CreateCommand(rest);
  } else if (command == "info") {
    status = InfoCommand(rest);
  } else if (command == "verify") {
    status = VerifyOrUnpackCommand(rest, /*unpack=*/false);
  } else if (command == "unpack") {
    status = VerifyOrUnpackCommand(rest, /*unpack=*/true);
  } else {
    status = Usage(absl::StrCat("unknown command '", command, "' (hostkey, create, info, verify, unpack)"));
  }
  if (status.ok()) return 0;
  std::cerr << kTool << ": error: " << status.message() << "\n";
  if (IsUsage(status)) {
    std::cerr << "Run '" << kTool << " --help' for the usage.\n";
    return 2;
  }
  return 1;
}

}  // namespace
}  // namespace s390vmm::pv

int main(int argc, char** argv) { return s390vmm::pv::Main(argc, argv); }
