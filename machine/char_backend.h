// File: machine/char_backend.h
//
// Where a console's bytes go and come from: the host side of the SCLP consoles (and, later, virtio
// console). Guest output is written in chunks; guest input arrives through the owner's Feed path (the
// machine reads the host side and hands bytes to the device). Implementations: stdio, in-memory (tests).
#ifndef S390VMM_MACHINE_CHAR_BACKEND_H_
#define S390VMM_MACHINE_CHAR_BACKEND_H_

#include <mutex>
#include <string>

#include "absl/strings/string_view.h"

namespace s390vmm {

class CharBackend {
 public:
  virtual ~CharBackend() = default;
  // Guest output. Never blocks for long; errors on the host side are dropped (the guest cannot act).
  virtual void Write(absl::string_view bytes) = 0;
};

// Keeps everything written, for tests.
class MemoryCharBackend : public CharBackend {
 public:
  void Write(absl::string_view bytes) override {
    std::lock_guard<std::mutex> lock(mu_);
    output_.append(bytes.data(), bytes.size());
  }
  std::string output() const {
    std::lock_guard<std::mutex> lock(mu_);
    return output_;
  }

 private:
  mutable std::mutex mu_;
  std::string output_;
};

}  // namespace s390vmm

#endif  // S390VMM_MACHINE_CHAR_BACKEND_H_
