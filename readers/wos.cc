// SPDX-License-Identifier: GPL-3.0-or-later
// Web of Science plain-text export ("FN Clarivate Analytics Web of Science",
// "VR 1.0", then records of two-letter tags from PT to ER, "EF" at the end):
// a tag and one space start a field, lines indented three spaces continue
// it; streamed record by record. MEDLINE ("AU  - ") and RIS lines are not
// tag lines here, so neither format is taken for this one.
#include <string>

#include "readers/formats.h"
#include "readers/internal/format_util.h"
#include "readers/internal/line_reader.h"
#include "readers/internal/wos.h"
#include "text/text_util.h"

namespace ckb::readers {
namespace {

// Fields whose continuation lines are further values, not wrapped text.
bool IsListTag(const std::string& tag) {
  return tag == "AU" || tag == "AF" || tag == "CR" || tag == "C1" || tag == "CA" || tag == "BE" || tag == "BF" ||
         tag == "GP" || tag == "RI" || tag == "OI" || tag == "EM" || tag == "FU";
}

bool IsTagChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// "AU Smith, J", "ER", "EF": a tag, then the end of the line or one space and
// a value. "AU  - Smith J" (MEDLINE, RIS) has a second space: not a tag line.
bool IsTagLine(std::string_view line) {
  if (line.size() < 2 || !(line[0] >= 'A' && line[0] <= 'Z') || !IsTagChar(line[1])) return false;
  if (line.size() == 2) return true;
  return line[2] == ' ' && (line.size() == 3 || line[3] != ' ');
}

class WosReader {
 public:
  WosReader(const std::string& source, Sink* sink) : source_(source), sink_(sink) {}

  void Line(int64_t ln, const std::string& line) {
    if (Trim(line).empty()) return;
    if (!text::IsValidUtf8(line)) bad_utf8_ = bad_utf8_ ? bad_utf8_ : ln;
    if (StartsWith(line, "   ") && !tag_.empty()) {
      Continue(Trim(line));
      return;
    }
    if (!IsTagLine(line)) {
      if (!fields_.empty()) sink_->OnDiagnostic({source_, ln, record_, "not a Web of Science tag line; ignored"});
      return;
    }
    std::string tag = line.substr(0, 2);
    if (tag == "FN" || tag == "VR" || tag == "EF") return;
    if (tag == "ER") {
      Finish();
      return;
    }
    if (tag == "PT" && !fields_.empty()) Finish();  // a record without ER
    if (fields_.empty()) {
      ++record_;
      record_line_ = ln;
    }
    tag_ = tag;
    fields_.emplace_back(tag, line.size() > 3 ? Trim(line.substr(3)) : "");
  }

  void Finish() {
    if (fields_.empty()) return;
    Document doc = internal::MapWosRecord(fields_);
    fields_.clear();
    tag_.clear();
    doc.record = record_;
    doc.line = record_line_;
    int64_t bad = bad_utf8_;
    bad_utf8_ = 0;
    if (bad) {
      sink_->OnDiagnostic({source_, bad, record_, "invalid UTF-8 in the record; skipped"});
    } else if (doc.work.title.empty() && doc.work.doi.empty() && doc.work.source_id.empty()) {
      sink_->OnDiagnostic({source_, record_line_, record_, "Web of Science record without TI, DI or UT; skipped"});
    } else {
      sink_->OnDocument(std::move(doc));
    }
  }

  int64_t records() const { return record_; }

 private:
  void Continue(std::string v) {
    if (IsListTag(tag_)) {
      fields_.emplace_back(tag_, std::move(v));
    } else if (!fields_.empty()) {
      fields_.back().second += " " + v;
    }
  }

  std::string source_;
  Sink* sink_;
  internal::WosFields fields_;
  std::string tag_;
  int64_t record_ = 0, record_line_ = 0, bad_utf8_ = 0;
};

// The first non-blank line of `head`, and the rest after it.
std::string_view FirstLine(std::string_view head, std::string_view* rest) {
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  head = head.substr(start);
  size_t end = head.find_first_of("\r\n");
  *rest = end == std::string_view::npos ? std::string_view() : head.substr(end);
  return head.substr(0, end);
}

}  // namespace

int SniffWos(std::string_view filename, std::string_view head) {
  std::string_view rest;
  std::string_view first = FirstLine(StripBom(head), &rest);
  if (!IsTagLine(first)) return 0;
  bool fn = StartsWith(first, "FN ");
  bool vr = rest.find("\nVR ") != std::string_view::npos;
  bool pt = StartsWith(first, "PT ") || rest.find("\nPT ") != std::string_view::npos;
  if (fn && (vr || pt)) return 95;
  // No header: a first record "PT J" with a tag line after it.
  std::string_view second = FirstLine(rest, &rest);
  if (StartsWith(first, "PT ") && first.size() == 4 && IsTagLine(second)) {
    return HasExtension(filename, {".txt", ".ciw"}) ? 80 : 70;
  }
  return 0;
}

Status ParseWos(Input& in, Sink& sink) {
  LineReader lines(in);
  WosReader reader(in.name(), &sink);
  std::string line;
  while (lines.Next(&line)) reader.Line(lines.line_number(), line);
  if (lines.failed()) return Status::IOError(in.name() + ": read error");
  reader.Finish();
  if (reader.records() == 0) return Status::ParseError(in.name() + ": no Web of Science record (no \"PT \" line)");
  return Status::Ok();
}

}  // namespace ckb::readers
