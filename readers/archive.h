// SPDX-License-Identifier: GPL-3.0-or-later
// Opening inputs: plain files, compressed single files (.gz .zst .bz2 .xz)
// and archives (.zip .tar .tar.gz ...) through libarchive, streamed member by
// member; plus format detection over an input's first 4 KiB.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "readers/parser.h"

namespace ckb::readers {

// A plain file read with stdio. "-" means standard input.
class FileInput : public Input {
 public:
  // kNotFound when the file does not exist, kIOError when it cannot be read.
  static Result<std::unique_ptr<FileInput>> Open(const std::string& path);
  ~FileInput() override;
  FileInput(const FileInput&) = delete;
  FileInput& operator=(const FileInput&) = delete;
  const std::string& name() const override { return name_; }
  long Read(char* buf, size_t n) override;

 private:
  FileInput(std::string name, std::FILE* f, bool owned) : name_(std::move(name)), f_(f), owned_(owned) {}
  std::string name_;
  std::FILE* f_;
  bool owned_;
};

// Wraps an input so that its first bytes can be looked at before parsing;
// reads after Head() replay those bytes first.
class PeekInput : public Input {
 public:
  explicit PeekInput(Input& inner) : inner_(inner) {}
  const std::string& name() const override { return inner_.name(); }
  long Read(char* buf, size_t n) override;
  // Up to `n` bytes from the start (fewer only at the end of the input).
  // Must be called before the first Read.
  std::string_view Head(size_t n = 4096);

 private:
  Input& inner_;
  std::string head_;
  size_t pos_ = 0;
  bool failed_ = false;
};

// Calls `fn` for each logical input found at `path`:
// - a directory: every regular file below it, in sorted order, recursively;
// - a plain file: the file itself;
// - a compressed single file: its decompressed bytes, named `path`;
// - an archive: each regular member, named "path:member", streamed.
// Members are read in archive order; a failure of `fn` on one member does
// not stop the others; the first non-OK status is returned at the end.
// kNotFound when `path` does not exist; kIOError / kParseError when the
// archive itself is unreadable (naming it).
Status ForEachInput(const std::string& path, const std::function<Status(Input&)>& fn);

// Detects the format of `in` (or uses `format_name` when not empty) and
// parses it into `sink`. kInvalidArgument for an unknown format name;
// kParseError naming the input when no format claims it.
Status ParseInput(Input& in, std::string_view format_name, Sink& sink);

// ForEachInput + ParseInput.
Status ParsePath(const std::string& path, std::string_view format_name, Sink& sink);

}  // namespace ckb::readers
