// SPDX-License-Identifier: GPL-3.0-or-later
// Plain files, compressed files and archives as Inputs, streamed through
// libarchive (see readers/archive.h).
#include "readers/archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "readers/internal/format_util.h"

namespace ckb::readers {
namespace {

namespace fs = std::filesystem;

// Whether the first bytes are a compression or archive signature.
bool LooksPacked(std::string_view h) {
  auto at = [&](size_t off, std::string_view sig) {
    return h.size() >= off + sig.size() && h.substr(off, sig.size()) == sig;
  };
  return at(0, "\x1F\x8B") ||                       // gzip
         at(0, "\x28\xB5\x2F\xFD") ||               // zstd
         at(0, "BZh") ||                            // bzip2
         at(0, std::string_view("\xFD" "7zXZ\0", 6)) ||  // xz
         at(0, "PK\x03\x04") || at(0, "PK\x05\x06") ||   // zip
         at(257, "ustar");                          // tar
}

constexpr const char* kDamaged = " (the archive is damaged or cut short; copy or download it again)";

class ArchiveMemberInput : public Input {
 public:
  ArchiveMemberInput(std::string name, struct archive* a) : name_(std::move(name)), a_(a) {}
  const std::string& name() const override { return name_; }
  long Read(char* buf, size_t n) override {
    la_ssize_t r = archive_read_data(a_, buf, n);
    return r < 0 ? -1 : static_cast<long>(r);
  }

 private:
  std::string name_;
  struct archive* a_;
};

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

Status ForEachArchiveMember(const std::string& path, const std::function<Status(Input&)>& fn) {
  std::unique_ptr<struct archive, ArchiveFree> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  archive_read_support_format_raw(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    const char* err = archive_error_string(a.get());
    int e = archive_errno(a.get());
    std::string msg = path + ": " + (err ? err : "unreadable archive");
    // libarchive says EILSEQ or -1 for a bad format; system errors speak for themselves.
    if (e != EACCES && e != ENOENT && e != EIO && e != EISDIR && e != ENOMEM) msg += kDamaged;
    return Status::IOError(msg);
  }
  Status first;
  struct archive_entry* entry = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      const char* err = archive_error_string(a.get());
      Status s = Status::ParseError(path + ": " + (err ? err : "unreadable archive") + kDamaged);
      return first.ok() ? s : first;
    }
    bool raw = archive_format(a.get()) == ARCHIVE_FORMAT_RAW;
    if (!raw && archive_entry_filetype(entry) != AE_IFREG) continue;
    std::string name = path;
    if (!raw) {
      const char* member = archive_entry_pathname(entry);
      name += ":" + std::string(member ? member : "?");
    }
    ArchiveMemberInput in(name, a.get());
    Status s = fn(in);
    if (!s.ok() && first.ok()) first = s;
  }
  return first;
}

}  // namespace

Result<std::unique_ptr<FileInput>> FileInput::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<FileInput>(new FileInput("-", stdin, false));
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IOError(path + ": " + std::strerror(e));
  }
  return std::unique_ptr<FileInput>(new FileInput(path, f, true));
}

FileInput::~FileInput() {
  if (owned_ && f_) std::fclose(f_);
}

long FileInput::Read(char* buf, size_t n) {
  size_t k = std::fread(buf, 1, n, f_);
  if (k == 0 && std::ferror(f_)) return -1;
  return static_cast<long>(k);
}

std::string_view PeekInput::Head(size_t n) {
  char buf[4096];
  while (!failed_ && head_.size() < n) {
    long r = inner_.Read(buf, std::min(sizeof buf, n - head_.size()));
    if (r < 0) failed_ = true;
    if (r <= 0) break;
    head_.append(buf, static_cast<size_t>(r));
  }
  return std::string_view(head_).substr(0, n);
}

long PeekInput::Read(char* buf, size_t n) {
  if (pos_ < head_.size()) {
    size_t k = std::min(n, head_.size() - pos_);
    std::memcpy(buf, head_.data() + pos_, k);
    pos_ += k;
    return static_cast<long>(k);
  }
  if (failed_) return -1;
  return inner_.Read(buf, n);
}

Status ForEachInput(const std::string& path, const std::function<Status(Input&)>& fn) {
  std::error_code ec;
  if (path != "-" && fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    }
    if (ec) return Status::IOError(path + ": " + ec.message());
    std::sort(files.begin(), files.end());
    Status first;
    for (const std::string& f : files) {
      Status s = ForEachInput(f, fn);
      if (!s.ok() && first.ok()) first = s;
    }
    return first;
  }
  CKB_ASSIGN_OR_RETURN(std::unique_ptr<FileInput> file, FileInput::Open(path));
  if (path == "-") return fn(*file);
  char head[512];
  long n = file->Read(head, sizeof head);
  if (n < 0) return Status::IOError(path + ": read error");
  if (!LooksPacked(std::string_view(head, static_cast<size_t>(n)))) {
    CKB_ASSIGN_OR_RETURN(std::unique_ptr<FileInput> again, FileInput::Open(path));
    return fn(*again);
  }
  file.reset();
  return ForEachArchiveMember(path, fn);
}

Status ParseInput(Input& in, std::string_view format_name, Sink& sink) {
  PeekInput peek(in);
  const Format* format = nullptr;
  if (!format_name.empty()) {
    format = FindFormat(format_name);
    if (!format) return Status::InvalidArgument("unknown format: " + std::string(format_name));
  } else {
    std::string_view head = peek.Head(4096);
    format = DetectFormat(in.name(), head);
    if (!format) {
      return Status::ParseError(NoFormatMessage(in.name(), head, "--format"));
    }
  }
  return format->parse(peek, sink);
}

Status ParsePath(const std::string& path, std::string_view format_name, Sink& sink) {
  return ForEachInput(path, [&](Input& in) { return ParseInput(in, format_name, sink); });
}

}  // namespace ckb::readers
