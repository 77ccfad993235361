// File: pv/pvimg/file_io.h
//
// File helpers for the SE image tools: bounded reads with messages that name the file, and writes that
// leave nothing behind on failure (each file goes to a temporary name in its directory and is renamed
// into place only after every file of the operation was written).
#ifndef S390VMM_PV_PVIMG_FILE_IO_H_
#define S390VMM_PV_PVIMG_FILE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace s390vmm::pv {

// The whole file; fails (naming `what` and the path) if it cannot be read or exceeds `max_size` bytes.
absl::StatusOr<std::vector<uint8_t>> ReadFileBytes(const std::string& path, uint64_t max_size,
                                                   absl::string_view what);

struct OutputFile {
  std::string path;
  std::vector<uint8_t> contents;
  bool private_mode = false;  // 0600 instead of 0644 (private keys)
};

// Writes all files or none: temporaries first, then renames. On an error every temporary is removed and
// no destination is touched (a rename failure after earlier renames is reported; earlier files stay).
absl::Status WriteFilesAtomically(const std::vector<OutputFile>& files);

}  // namespace s390vmm::pv

#endif  // S390VMM_PV_PVIMG_FILE_IO_H_
