// SPDX-License-Identifier: GPL-3.0-or-later
// The indexing pipeline (see ingest.h), file by file: sniff, hash, skip when
// unchanged, parse with documents buffered so that a file that fails as a
// whole leaves the store untouched, then hand its records on in chunks
// (ingest_chunks.cc), which remove the file's earlier contributions and merge
// its documents and trials into the store (ingest_merge.cc).
#include "ingest/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "readers/archive.h"
#include "readers/utf16_input.h"
#include "ingest/internal/ingest_impl.h"
#include "readers/parser.h"
#include "readers/plain_file_input.h"
#include "ingest/walk.h"
#include "kb/keys.h"
#include "kb/test_hooks.h"

namespace ckb::ingest {
namespace fs = std::filesystem;

namespace {

uint64_t HashFile(int fd, uint64_t* size) {
  uint64_t h = 1469598103934665603ull;
  char buf[1 << 16];
  *size = 0;
  ::lseek(fd, 0, SEEK_SET);
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    *size += static_cast<uint64_t>(n);
    for (ssize_t i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 1099511628211ull;
    }
  }
  ::lseek(fd, 0, SEEK_SET);
  return h;
}

// gzip, zstd, bzip2, xz, zip and tar signatures.
bool IsContainer(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b") || starts("\x28\xb5\x2f\xfd") || starts("BZh") ||
      starts("\xfd" "7zXZ") || starts("PK\x03\x04")) {
    return true;
  }
  return head.size() >= 262 && head.substr(257, 5) == "ustar";
}

// Files ckb has no reader for, recognised by their first bytes, with what
// to do instead.
const char* KnownUnreadableKind(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return "a PDF document, which this version of ckb cannot read";
  if (starts("\xd0\xcf\x11\xe0")) {
    return "an old Microsoft Office document (.doc, .xls), which ckb cannot read; save it as PDF, text or CSV";
  }
  if (starts("\xff\xd8\xff") || starts("\x89PNG") || starts("GIF8")) {
    return "an image, which ckb cannot read (it reads text); index the article's PDF or page instead";
  }
  if (starts("{\\rtf")) return "an RTF document, which ckb cannot read; save it as plain text or PDF";
  return nullptr;
}

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// A file-level problem as a diagnostic. Parser messages usually start with
// the input's name ("name: reason" or "name:line: reason"); that prefix is
// dropped (the diagnostic names the file) and a line number kept.
Diagnostic FileDiagnostic(const std::string& display, const std::string& name, std::string msg) {
  Diagnostic d{display, 0, 0, ""};
  for (const std::string* prefix : {&name, &display}) {
    if (prefix->empty() || msg.compare(0, prefix->size(), *prefix) != 0 || msg.size() <= prefix->size() ||
        msg[prefix->size()] != ':') {
      continue;
    }
    size_t i = prefix->size() + 1;
    size_t j = i;
    while (j < msg.size() && msg[j] >= '0' && msg[j] <= '9') ++j;
    if (j > i && j < msg.size() && msg[j] == ':') {
      d.line = std::atoll(msg.c_str() + i);
      i = j + 1;
    }
    while (i < msg.size() && msg[i] == ' ') ++i;
    msg.erase(0, i);
    break;
  }
  d.message = std::move(msg);
  return d;
}

// What can change while a file is read: its size and modification time.
bool SameFileState(const struct stat& a, const struct stat& b) {
  return a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
         a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

}  // namespace

Ingester::Ingester(kb::KnowledgeBase& kb, const knowledge::EntityExtractor& extractor, IngestOptions options,
                   DiagnosticFn on_diagnostic)
    : impl_(std::make_unique<Impl>(kb, extractor, std::move(options), std::move(on_diagnostic),
                                   &report_)) {
  WalkOptions wo;
  wo.follow_links = impl_->options.follow_links;
  wo.hidden = impl_->options.hidden;
  walk_ = std::make_unique<FolderWalk>(
      wo, [this](const std::string& path) { return IndexFile(path); },
      [this](const std::string& path, const std::string& msg, bool failed) { FileProblem(path, msg, failed); });
}

Ingester::~Ingester() = default;

Status Ingester::Finish() {
  impl_->Wait();
  if (!impl_->error.ok()) return impl_->error;
  return impl_->MaybeCommit(true);
}

void Ingester::FileProblem(const std::string& path, const std::string& message, bool failed) {
  if (failed) {
    report_.files_seen++;
    report_.files_failed++;
    report_.files_unreadable++;
  }
  impl_->on_diagnostic({path, 0, 0, message});
}

IngestProgress CountInputs(const std::vector<std::string>& paths, const IngestOptions& options) {
  IngestProgress total;
  WalkOptions wo;
  wo.follow_links = options.follow_links;
  wo.hidden = options.hidden;
  FolderWalk* walk = nullptr;
  FolderWalk counter(
      wo,
      [&](const std::string& path) {
        struct stat st;
        if (::stat(path.c_str(), &st) == 0 && walk->FirstVisit(st.st_dev, st.st_ino)) {
          total.files++;
          total.bytes += static_cast<uint64_t>(st.st_size);
        }
        return Status::Ok();
      },
      [](const std::string&, const std::string&, bool) {});
  walk = &counter;
  for (const std::string& p : paths) counter.Walk(p).IgnoreError();
  return total;
}

Status Ingester::IndexPath(const std::string& path) {
  Status s = walk_->Walk(path);
  const WalkCounts& c = walk_->counts();
  report_.skipped_hidden = c.hidden;
  report_.skipped_ignored = c.ignored;
  report_.links_not_followed = c.links;
  report_.repeated = c.repeated;
  std::error_code ec;
  if (s.ok() && fs::is_directory(path, ec)) s = PruneGone(path);
  return s;
}

Status Ingester::IndexFile(const std::string& path) {
  readers::PlainFileInput in(path);
  if (!in.ok()) {
    bool vanished = in.error_number() == ENOENT;
    FileProblem(path,
                vanished ? "vanished before it could be read (removed or renamed during the run); not indexed"
                         : "cannot read: " + in.error() +
                               (in.error_number() == EACCES ? " (check the file's permissions)" : ""),
                true);
    return Status::Ok();
  }
  struct stat at_open;
  if (::fstat(in.fd(), &at_open) != 0) {
    FileProblem(path, std::string("cannot read: ") + std::strerror(errno), true);
    return Status::Ok();
  }
  // One file reached by several paths (links, hard links, named twice).
  if (!walk_->FirstVisit(at_open.st_dev, at_open.st_ino)) {
    report_.repeated = walk_->counts().repeated;
    return Status::Ok();
  }
  report_.files_seen++;
  uint64_t size = 0;
  std::string hash = Hex(HashFile(in.fd(), &size));
  kb::hooks::AfterHash(path);
  auto changed = [&] {
    struct stat now;
    return ::fstat(in.fd(), &now) != 0 || !SameFileState(at_open, now) ||
           static_cast<uint64_t>(now.st_size) != size;
  };
  auto report_changed = [&](const char* what) {
    report_.files_changed++;
    report_.files_failed++;
    impl_->on_diagnostic({path, 0, 0, std::string("changed while being read; ") + what +
                                          "; run `ckb index` on it again once it is complete"});
  };
  if (changed()) {
    report_changed("not indexed");
    return Status::Ok();
  }
  std::string head = in.Head(512);
  std::error_code ec2;
  std::string source = fs::weakly_canonical(fs::absolute(path), ec2).string();
  if (source.empty()) source = path;
  Status st;
  uint64_t indexed_before = report_.files_indexed;
  if (size > 0 && IsContainer(head)) {
    st = IndexContainer(path, source, hash, head);
  } else {
    impl_->progress_fd = in.fd();
    st = IndexInput(in, source, path, hash, in.Head(4096), size);
    impl_->progress_fd = -1;
  }
  impl_->progress.files++;
  impl_->progress.bytes += size;
  impl_->ReportProgress();
  if (st.ok() && changed()) {
    // Its records as read are kept; the hash stored is of the earlier
    // content, so the next run reads the file again.
    if (report_.files_indexed > indexed_before) report_.files_indexed--;
    report_changed("what was read of it is indexed");
  }
  return st;
}

Status Ingester::IndexContainer(const std::string& path, const std::string& source,
                                const std::string& hash, const std::string& head) {
  (void)head;
  // Compressed file or archive: each member is one input, named path:member.
  uint64_t members = 0;
  Status st2 = readers::ForEachInput(path, [&](readers::Input& member) {
    ++members;
    readers::PeekInput peek(member);
    std::string mhead(peek.Head(4096));
    std::string suffix = member.name().size() > path.size() ? member.name().substr(path.size()) : "";
    return IndexInput(peek, source + suffix, member.name(), hash, mhead, 1);
  });
  if (!st2.ok() && st2.code() != Status::Code::kParseError && st2.code() != Status::Code::kIOError &&
      st2.code() != Status::Code::kNotFound) {
    return st2;
  }
  if (st2.ok() && members == 0) {
    st2 = Status::ParseError("no regular files inside; nothing to index");
  }
  if (!st2.ok()) {
    report_.files_failed++;
    impl_->on_diagnostic(FileDiagnostic(path, path, st2.message()));
  }
  return Status::Ok();
}

Status Ingester::IndexInput(readers::Input& in, const std::string& source, const std::string& display,
                            const std::string& hash, std::string_view head, uint64_t size) {
  Impl& im = *impl_;
  auto fail = [&](const std::string& msg, bool unreadable) {
    report_.files_failed++;
    if (unreadable) report_.files_unreadable++;
    im.on_diagnostic(FileDiagnostic(display, in.name(), msg));
    return Status::Ok();
  };
  if (size == 0 || head.empty()) return fail("empty file", false);
  // UTF-16 text is decoded to UTF-8 as it is read, then detected and read
  // like any other input (no binary format ckb reads has NULs so placed).
  if (readers::Utf16Order order = readers::DetectUtf16(head); order != readers::Utf16Order::kNone) {
    readers::Utf16Input utf16(in, order);
    readers::PeekInput decoded(utf16);
    std::string decoded_head(decoded.Head(4096));
    Status st = IndexInput(decoded, source, display, hash, decoded_head, size);
    if (utf16.replaced() > 0) {
      im.on_diagnostic({display, 0, 0,
                        std::to_string(utf16.replaced()) + " invalid UTF-16 sequences replaced by U+FFFD"});
    }
    return st;
  }
  const readers::Format* format = nullptr;
  if (!im.options.format.empty()) {
    format = readers::FindFormat(im.options.format);
    if (!format) return Status::InvalidArgument("unknown format " + im.options.format);
  } else {
    // (A reader added for one of these formats takes precedence.)
    const char* kind = KnownUnreadableKind(head);
    if (kind && !readers::DetectFormat(display, head)) {
      return fail(std::string("unrecognised input format: ") + kind, false);
    }
    format = readers::DetectFormat(display, head);
    // Binary formats (PDF) are claimed by their reader before this check.
    if (head.find('\0') != std::string::npos && (!format || format->name != "pdf")) {
      return fail("binary file (NUL bytes), not text or a format ckb reads (docs/FORMATS.md lists them)", false);
    }
    if (!format) {
      return fail(readers::NoFormatMessage(display, head, "--format"), false);
    }
  }
  im.source = source;
  im.display = display;
  im.format = format->name;
  // Unchanged since it was last indexed completely: nothing to do.
  {
    auto v = im.kb.Get(kb::kCfSources, im.source, &im.batch);
    if (!v.ok()) return v.status();
    if (v.value()) {
      Json j = ParseJson(*v.value());
      if (!j.is_discarded() && j.value("hash", "") == hash && j.value("state", "") == "complete") {
        report_.files_unchanged++;
        return Status::Ok();
      }
    }
  }
  im.docs.clear();
  im.trials.clear();
  im.chunk_bytes = 0;
  im.flushed = false;
  im.removed = false;
  im.error = Status::Ok();
  im.file_documents = 0;
  im.record_no = 0;
  im.file_records = 0;
  im.file_diagnostics = 0;
  Status parsed = format->parse(in, im);
  im.Wait();
  if (!im.error.ok()) return im.error;
  if (parsed.ok() && im.file_records == 0) {
    // Nothing usable: the file failed as a whole and leaves the store
    // (including what an earlier version of it contributed) untouched.
    if (im.file_diagnostics == 0) return fail("no " + format->name + " records found", false);
    return fail("no usable " + format->name + " records (" + std::to_string(im.file_diagnostics) +
                    (im.file_diagnostics == 1 ? " problem)" : " problems)"),
                false);
  }
  if (!parsed.ok() && !im.flushed) {
    im.docs.clear();
    im.trials.clear();
    return fail(parsed.message(), parsed.code() == Status::Code::kIOError);
  }
  if (!parsed.ok()) {
    Diagnostic d = FileDiagnostic(display, in.name(), parsed.message());
    d.message += " (records before this point were indexed)";
    im.on_diagnostic(d);
    report_.diagnostics++;
  }
  im.Flush();
  im.Wait();
  if (!im.error.ok()) return im.error;
  Json summary = {{"format", format->name},
                  {"hash", hash},
                  {"size", size},
                  {"documents", im.file_documents},
                  {"state", parsed.ok() ? "complete" : "partial"}};
  im.batch.Put(kb::kCfSources, im.source, Dump(summary));
  report_.files_indexed++;
  return im.MaybeCommit(false);
}

}  // namespace ckb::ingest
