// SPDX-License-Identifier: GPL-3.0-or-later
// readers/: one reader per input format behind this interface, with the
// detection table in formats.cc; depends on kb/, text/ and citations/
// (docs/ARCHITECTURE.md).
//
// The one interface every input format implements: a named byte stream in,
// documents, trials and diagnostics out through a Sink, record by record, so
// that large inputs are indexed in bounded memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"
#include "kb/status.h"

namespace ckb::readers {

// Receives what a parser finds, in input order.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void OnDocument(Document doc) = 0;
  virtual void OnTrial(Trial trial) = 0;
  virtual void OnDiagnostic(Diagnostic diagnostic) = 0;
};

// Collects everything into a ParseResult (for `ckb parse` and tests).
class CollectingSink : public Sink {
 public:
  explicit CollectingSink(ParseResult* out) : out_(out) {}
  void OnDocument(Document doc) override { out_->documents.push_back(std::move(doc)); }
  void OnTrial(Trial trial) override { out_->trials.push_back(std::move(trial)); }
  void OnDiagnostic(Diagnostic d) override { out_->diagnostics.push_back(std::move(d)); }

 private:
  ParseResult* out_;
};

// A readable, named byte stream (a file, a member of an archive, memory).
class Input {
 public:
  virtual ~Input() = default;
  // The name used in diagnostics (file path, "archive.zip:member.xml", "-").
  virtual const std::string& name() const = 0;
  // Reads up to n bytes into buf. Returns the count read, 0 at the end, -1 on error.
  virtual long Read(char* buf, size_t n) = 0;
};

class MemoryInput : public Input {
 public:
  MemoryInput(std::string name, std::string_view bytes) : name_(std::move(name)), bytes_(bytes) {}
  const std::string& name() const override { return name_; }
  long Read(char* buf, size_t n) override;

 private:
  std::string name_;
  std::string_view bytes_;
  size_t pos_ = 0;
};

// Reads the rest of `in`. Fails with kParseError naming the input when it is
// larger than `cap` bytes, and with kIOError on a read error.
Result<std::string> ReadAll(Input& in, size_t cap);

// Size caps applied before parsing (bytes).
inline constexpr size_t kMaxXmlBytes = size_t{64} << 20;
inline constexpr size_t kMaxJsonBytes = size_t{64} << 20;
inline constexpr size_t kMaxTextBytes = size_t{256} << 20;
// One JSON Lines record (line), in MiB; $CKB_MAX_RECORD_MB overrides it.
inline constexpr unsigned kDefaultJsonlRecordMiB = 16;

// An input format. `sniff` gets the file name and up to 4 KiB of its start
// and returns a confidence from 0 (not this format) to 100.
struct Format {
  std::string name;
  std::string description;
  std::vector<std::string> extensions;
  std::function<int(std::string_view filename, std::string_view head)> sniff;
  // Parses the whole input. Per-record problems go to sink.OnDiagnostic and
  // parsing continues; a non-OK Status means the input as a whole could not
  // be read as this format (nothing from it should be committed).
  std::function<Status(Input& in, Sink& sink)> parse;
};

// Every known format, in detection priority order.
const std::vector<Format>& Formats();
// The format called `name`, or nullptr.
const Format* FindFormat(std::string_view name);
// The best format for a file, or nullptr when none claims it.
const Format* DetectFormat(std::string_view filename, std::string_view head);
// The message for a file no format claims: "<filename>: not a recognised
// input format (tried: pubmed, jats, ...)", and when its start resembles a
// format, "; its start looks like a numbered reference list: try <option>
// page" (format_hint.cc). `option` is "--as" or "--format".
std::string NoFormatMessage(std::string_view filename, std::string_view head, std::string_view option);

// Parses bytes with the given format into a ParseResult.
Status ParseBytes(const Format& format, std::string_view bytes, const std::string& source,
                  ParseResult* out);

}  // namespace ckb::readers
