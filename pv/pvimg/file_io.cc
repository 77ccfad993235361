#include "pv/pvimg/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace s390vmm::pv {
namespace {

absl::Status Errno(absl::string_view what, const std::string& path) {
  int err = errno;
  absl::StatusCode code = err == ENOENT ? absl::StatusCode::kNotFound
                          : err == EACCES || err == EPERM ? absl::StatusCode::kPermissionDenied
                                                          : absl::StatusCode::kInternal;
  return absl::Status(code, absl::StrCat(what, " '", path, "': ", std::strerror(err)));
}

}  // namespace

absl::StatusOr<std::vector<uint8_t>> ReadFileBytes(const std::string& path, uint64_t max_size,
                                                   absl::string_view what) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno(absl::StrCat("cannot open ", what), path);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    absl::Status s = Errno(absl::StrCat("cannot stat ", what), path);
    close(fd);
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return absl::InvalidArgumentError(absl::StrCat(what, " '", path, "' is not a regular file"));
  }
  if (static_cast<uint64_t>(st.st_size) > max_size) {
    close(fd);
    return absl::InvalidArgumentError(
        absl::StrFormat("%s '%s' is %d bytes, more than the %d allowed", what, path, st.st_size, max_size));
  }
  std::vector<uint8_t> out(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      absl::Status s = n < 0 ? Errno(absl::StrCat("cannot read ", what), path)
                             : absl::DataLossError(absl::StrCat(what, " '", path, "' shrank while being read"));
      close(fd);
      return s;
    }
    done += static_cast<size_t>(n);
  }
  close(fd);
  return out;
}

absl::Status WriteFilesAtomically(const std::vector<OutputFile>& files) {
  std::vector<std::string> temps;
  auto cleanup = [&temps] {
    for (const std::string& t : temps) unlink(t.c_str());
  };
  for (const OutputFile& f : files) {
    std::string temp = f.path + ".tmp-XXXXXX";
    int fd = mkstemp(temp.data());
    if (fd < 0) {
      absl::Status s = Errno("cannot create a temporary file for", f.path);
      cleanup();
      return s;
    }
    temps.push_back(temp);
    fchmod(fd, f.private_mode ? 0600 : 0644);
    size_t done = 0;
    while (done < f.contents.size()) {
      ssize_t n = write(fd, f.contents.data() + done, f.contents.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        absl::Status s = Errno("cannot write", temp);
        close(fd);
        cleanup();
        return s;
      }
      done += static_cast<size_t>(n);
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
      absl::Status s = Errno("cannot write", temp);
      cleanup();
      return s;
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (rename(temps[i].c_str(), files[i].path.c_str()) != 0) {
      absl::Status s = Errno("cannot move the output into place:", files[i].path);
      temps.erase(temps.begin(), temps.begin() + i);
      cleanup();
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace s390vmm::pv
