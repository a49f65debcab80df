// SPDX-License-Identifier: GPL-3.0-or-later
// The "page" format: text copied from a journal article web page (header
// metadata, numbered reference list, related-articles list, page furniture),
// and the "citations" format: one reference string per line.
#include <re2/re2.h>

#include <string>
#include <vector>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/page_meta.h"
#include "text/text_util.h"
#include "citations/refstring.h"
#include "text/text_norm.h"

namespace ckb::readers {
namespace {

using text::AsciiView;
using text::Trim;

struct Entry {
  int n = 0;
  int64_t line = 0;
  std::string text;
  std::string pmid;
  bool table = false;
};

// Fails when `text` cannot be a text page at all.
Status CheckText(const std::string& name, const std::string& text) {
  if (text.find('\0') != std::string::npos) {
    return Status::ParseError(name + ": binary data (NUL bytes), not a text page");
  }
  if (!text::IsValidUtf8(text)) return Status::ParseError(name + ": invalid UTF-8");
  return Status::Ok();
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n') continue;
    std::string_view l = text.substr(start, i - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = i + 1;
  }
  return lines;
}

// "| [3] | text", "[3] text", "［3］text", "3. text", "3) text", "(3) text": the
// list number and the rest.
bool EntryStart(const std::string& norm, int* n, size_t* rest, bool* table, bool allow_dot) {
  static const RE2 cell(R"(^\|\s*\[(\d{1,4})\]\s*\|?\s*)");
  static const RE2 bracket(R"(^\[(\d{1,4})\]\s*)");
  static const RE2 dotted(R"(^(\d{1,3})[.)]\s+)");
  static const RE2 parens(R"(^\((\d{1,3})\)\s+)");
  re2::StringPiece in(norm);
  re2::StringPiece start = in;
  if (RE2::Consume(&in, cell, n)) *table = true;
  else if (RE2::Consume(&in, bracket, n)) *table = false;
  else if (allow_dot && (RE2::Consume(&in, dotted, n) || RE2::Consume(&in, parens, n))) *table = false;
  else return false;
  *rest = static_cast<size_t>(in.data() - start.data());
  return true;
}

// Table and navigation furniture of the page.
bool IsFurniture(std::string_view line) {
  static const RE2 re(
      R"((?i)^\|?\s*(?:viewed|full text|abstract|cited|previous articles|next articles|)"
      R"(浏览|全文|摘要|被引次数)\s*\|[\s|]*$|^[\s|]+$)");
  if (RE2::FullMatch(re2::StringPiece(line.data(), line.size()), re)) return true;
  return line == "Previous Articles Next Articles" || line == "Full text" || line == "Viewed" ||
         line == "Abstract";
}

bool IsListHeading(std::string_view line, bool* related) {
  static const RE2 refs(R"((?i)^(?:references?|参考文献|bibliography)\s*:?$)");
  static const RE2 rel(R"((?i)^(?:related articles?|相关文章|related)\s*:?$)");
  re2::StringPiece in(line.data(), line.size());
  if (RE2::FullMatch(in, refs)) {
    *related = false;
    return true;
  }
  if (RE2::FullMatch(in, rel)) {
    *related = true;
    return true;
  }
  return false;
}

// Enough was recognised to call the entry a reference.
bool Parsed(const Reference& r) {
  bool letters = text::CountLetters(r.title) > 0;
  return (letters || !r.authors.empty()) &&
         (r.year || !r.journal.empty() || !r.doi.empty() || !r.url.empty());
}

Reference ToReference(const Entry& e) {
  Reference r = citations::ParseReferenceString(e.text);
  r.n = e.n;
  if (!e.pmid.empty()) r.pmid = e.pmid;
  return r;
}

class PageReader {
 public:
  PageReader(const std::string& source, Sink* sink) : source_(source), sink_(sink), meta_(&doc_.work) {}

  void Line(int64_t ln, std::string_view raw_line) {
    std::string_view line = Trim(raw_line, "\t\r");
    text::AsciiView v{std::string(line)};
    int n = 0;
    size_t rest = 0;
    bool table = false;
    bool allow_dot = prev_n_ > 0 || StartsWithOne(v.norm);
    if (EntryStart(v.norm, &n, &rest, &table, allow_dot)) {
      Close(ln);
      Open(ln, n, table);
      Append(v, rest);
      return;
    }
    if (open_) {
      if (line.empty() && !open_->table) {
        Close(ln);
        return;
      }
      if (IsFurniture(line)) {
        Close(ln);
        return;
      }
      Append(v, 0);
      return;
    }
    bool related = false;
    if (IsListHeading(line, &related)) {
      next_related_ = related;
      heading_ = true;
      return;
    }
    if (line.empty() || IsFurniture(line)) return;
    if (!meta_.Line(line)) {
      Diag(ln, "line not understood, skipped: " + text::Utf8Prefix(line, 80));
    }
  }

  Status Finish(int64_t last_line) {
    if (open_ && open_->table) Diag(open_->line, "reference [" + std::to_string(open_->n) + "] is not closed by '|'");
    Close(last_line);
    meta_.Finish();
    bool any = !doc_.references.empty() || !doc_.related.empty();
    if (!any && !meta_.found()) {
      return Status::ParseError(source_ + ": not a journal page: no numbered reference list and no article metadata");
    }
    doc_.line = 1;
    doc_.record = 1;
    sink_->OnDocument(std::move(doc_));
    return Status::Ok();
  }

 private:
  static bool StartsWithOne(const std::string& norm) {
    return norm.rfind("1. ", 0) == 0 || norm.rfind("1) ", 0) == 0 || norm.rfind("(1) ", 0) == 0;
  }

  void Open(int64_t ln, int n, bool table) {
    // A list that restarts at 1 after entries is the next list (related articles).
    if (heading_) {
      related_ = next_related_;
      heading_ = false;
      prev_n_ = 0;
    } else if (n == 1 && prev_n_ > 0) {
      if (related_) Diag(ln, "a third numbered list starts here; added to related articles");
      related_ = true;
      prev_n_ = 0;
    }
    if (n != prev_n_ + 1) {
      Diag(ln, n > prev_n_ + 1
                   ? "numbering gap: [" + std::to_string(n) + "] follows [" + std::to_string(prev_n_) + "]"
                   : "numbering out of order: [" + std::to_string(n) + "] follows [" + std::to_string(prev_n_) + "]");
    }
    prev_n_ = n;
    entry_ = Entry{n, ln, "", "", table};
    open_ = &entry_;
  }

  void Append(const text::AsciiView& v, size_t from) {
    std::string_view norm(v.norm);
    size_t end = norm.size();
    bool closes = false;
    if (open_->table) {
      std::string_view t = Trim(norm.substr(from));
      if (!t.empty() && t.back() == '|') {
        closes = true;
        end = static_cast<size_t>(t.data() - norm.data()) + t.size() - 1;
      }
    }
    std::string piece(Trim(v.Slice(from, end)));
    static const RE2 pmid_line(R"((?i)^pmid\s*:\s*(\d{1,9})$)");
    static const RE2 pmid_tail(R"((?i)^(.*?)\s*\bpmid\s*:\s*(\d{1,9})$)");
    std::string id, head;
    if (RE2::FullMatch(piece, pmid_line, &id)) {
      open_->pmid = id;
    } else if (RE2::FullMatch(piece, pmid_tail, &head, &id)) {
      open_->pmid = id;
      AddText(head);
    } else {
      AddText(piece);
    }
    if (closes) Close(0);
  }

  void AddText(const std::string& piece) {
    if (piece.empty()) return;
    if (!open_->text.empty()) open_->text += ' ';
    open_->text += piece;
  }

  void Close(int64_t) {
    if (!open_) return;
    Reference r = ToReference(*open_);
    if (r.raw.empty()) {
      Diag(open_->line, "reference [" + std::to_string(open_->n) + "] is empty");
    } else if (!Parsed(r)) {
      Diag(open_->line, "reference [" + std::to_string(open_->n) + "] could not be parsed: " + r.raw.substr(0, 80));
    }
    (related_ ? doc_.related : doc_.references).push_back(std::move(r));
    open_ = nullptr;
  }

  void Diag(int64_t ln, std::string msg) { sink_->OnDiagnostic(Diagnostic{source_, ln, 0, std::move(msg)}); }

  std::string source_;
  Sink* sink_;
  Document doc_;
  internal::PageMetaReader meta_;
  Entry entry_;
  Entry* open_ = nullptr;
  int prev_n_ = 0;
  bool related_ = false;
  bool heading_ = false;
  bool next_related_ = false;
};

}  // namespace

namespace {

// True when `head` opens with a numbered reference list: at least three
// consecutive markers (`1.`, `[1]`, `1)`, `(1)`) starting at 1..3, entries
// one per line or wrapped, nearly all dated, as a list copied from an article
// page or a reference manager is.
bool NumberedReferenceList(std::string_view head) {
  static const RE2 marker(R"(^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]|\((\d{1,3})\))\s+\S)");
  static const RE2 year(R"((?:^|\D)(?:1[89]|20)\d\d(?:\D|$))");
  int expected = 0, listed = 0, dated = 0, other = 0;
  bool entry_dated = false;
  for (std::string_view line : SplitLines(head)) {
    if (Trim(line, "\t\r").empty()) continue;
    re2::StringPiece piece(line.data(), line.size());
    bool has_year = RE2::PartialMatch(piece, year);
    std::string a, b, c;
    if (RE2::PartialMatch(piece, marker, &a, &b, &c)) {
      int n = std::stoi(!a.empty() ? a : !b.empty() ? b : c);
      if ((expected == 0 && n <= 3) || n == expected) {
        if (entry_dated) ++dated;
        ++listed;
        expected = n + 1;
        entry_dated = has_year;
        continue;
      }
    }
    // A wrapped entry continues the previous one; other lines before the
    // list (a heading, a caption) count against it.
    if (expected == 0) ++other;
    if (expected > 0 && has_year) entry_dated = true;
  }
  if (entry_dated) ++dated;
  return listed >= 3 && dated >= listed - listed / 10 && other <= 2;
}

}  // namespace

int SniffPageText(std::string_view filename, std::string_view head) {
  int score = 0;
  if (head.find("\u203a\u203a") != std::string_view::npos) score += 40;
  if (head.find("| [1] |") != std::string_view::npos) score += 40;
  if (head.find("[J].") != std::string_view::npos || head.find("[J]. ") != std::string_view::npos) score += 20;
  if (head.find("Received:") != std::string_view::npos || head.find("收稿日期") != std::string_view::npos) score += 10;
  if (head.find('\0') != std::string_view::npos) return 0;
  bool txt = filename.size() > 4 && filename.substr(filename.size() - 4) == ".txt";
  if (txt && score == 0 && head.find("[1]") != std::string_view::npos) score = 30;
  if (score == 0 && NumberedReferenceList(head)) score = 30;
  if (score > 0 && txt) score += 10;
  return score > 100 ? 100 : score;
}

Status ParsePageText(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string text, ReadAll(in, kMaxTextBytes));
  if (Trim(text, "\t\r\n").empty()) return Status::ParseError(in.name() + ": empty input, not a journal page");
  CKB_RETURN_IF_ERROR(CheckText(in.name(), text));
  std::string_view body(text);
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.remove_prefix(3);
  PageReader reader(in.name(), &sink);
  auto lines = SplitLines(body);
  for (size_t i = 0; i < lines.size(); ++i) reader.Line(static_cast<int64_t>(i + 1), lines[i]);
  return reader.Finish(static_cast<int64_t>(lines.size()));
}

Status ParseCitationLines(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string text, ReadAll(in, kMaxTextBytes));
  CKB_RETURN_IF_ERROR(CheckText(in.name(), text));
  static const RE2 number(R"(^\s*(?:\|\s*)?(?:\[(\d{1,4})\]|(\d{1,3})[.)]|\((\d{1,3})\))\s*\|?\s*)");
  auto lines = SplitLines(text);
  int64_t record = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    text::AsciiView v{std::string(Trim(lines[i], "\t\r"))};
    if (v.norm.empty()) continue;
    re2::StringPiece rest(v.norm);
    re2::StringPiece start = rest;
    std::string sa, sb, sc;
    int n = 0;
    if (RE2::Consume(&rest, number, &sa, &sb, &sc)) {
      std::string& d = !sa.empty() ? sa : !sb.empty() ? sb : sc;
      n = std::stoi(d);
    }
    size_t off = static_cast<size_t>(rest.data() - start.data());
    std::string tail = v.Slice(off, v.norm.size());
    std::string_view body = Trim(tail, "|");
    Document doc;
    doc.line = static_cast<int64_t>(i + 1);
    doc.record = ++record;
    Reference r = citations::ParseReferenceString(body);
    r.n = n;
    if (!Parsed(r)) {
      sink.OnDiagnostic(Diagnostic{in.name(), doc.line, doc.record, "reference could not be parsed"});
    }
    doc.references.push_back(std::move(r));
    sink.OnDocument(std::move(doc));
  }
  return Status::Ok();
}

}  // namespace ckb::readers
