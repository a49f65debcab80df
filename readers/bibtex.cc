// SPDX-License-Identifier: GPL-3.0-or-later
// BibTeX: @type{key, field = value, ...} entries with braced or quoted
// values, '#' concatenation, @string macros, @comment/@preamble, LaTeX accents
// and "--" page ranges. A broken entry is reported and skipped.
#include <cctype>
#include <cstring>
#include <map>
#include <string>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/latex.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/format_util.h"

namespace ckb::readers {
namespace {

struct Entry {
  std::string type;  // lower case
  std::string key;
  std::map<std::string, std::string> fields;  // lower-case name -> raw value (braces kept)
  int64_t line = 0;
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {
    static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                    "july",    "august",   "september", "october", "november", "december"};
    for (int m = 0; m < 12; ++m) macros_[std::string(kMonths[m], 3)] = kMonths[m];
  }

  // Finds the next '@'; false at the end. Text between entries is a comment.
  bool NextAt() {
    size_t at = s_.find('@', i_);
    if (at == std::string_view::npos) {
      i_ = s_.size();
      return false;
    }
    Advance(at + 1);
    return true;
  }

  int64_t line() const { return line_; }

  // Parses what follows an '@'. Returns "" on success, else an error message;
  // `entry->type` is empty for @string/@comment/@preamble.
  std::string Item(Entry* entry) {
    entry->line = line_;
    // An '@' not followed by "type{" is text between entries (an e-mail
    // address in a comment, say), as BibTeX itself treats it.
    std::string type = LowerAscii(Identifier());
    SkipSpace();
    if (type == "comment") return SkipBlock();
    if (type.empty() || i_ >= s_.size() || (s_[i_] != '{' && s_[i_] != '(')) return "";
    char close = s_[i_] == '{' ? '}' : ')';
    Advance(i_ + 1);
    if (type == "preamble") {
      std::string ignored;
      std::string err = Value(&ignored);
      SkipSpace();
      if (err.empty() && i_ < s_.size() && s_[i_] == close) Advance(i_ + 1);
      return err;
    }
    if (type != "string") {
      entry->type = type;
      SkipSpace();
      size_t start = i_;
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != close && s_[i_] != '\n') Advance(i_ + 1);
      entry->key = Trim(s_.substr(start, i_ - start));
      if (i_ < s_.size() && s_[i_] == ',') Advance(i_ + 1);
    }
    return Fields(close, type == "string" ? nullptr : entry);
  }

 private:
  void Advance(size_t to) {
    for (; i_ < to && i_ < s_.size(); ++i_) {
      if (s_[i_] == '\n') ++line_;
    }
  }
  void SkipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) Advance(i_ + 1);
  }
  std::string Identifier() {
    SkipSpace();
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) ||
                              (s_[i_] != 0 && std::strchr("_-:.+/", s_[i_])))) {
      Advance(i_ + 1);
    }
    return std::string(s_.substr(start, i_ - start));
  }

  std::string SkipBlock() {
    if (i_ < s_.size() && (s_[i_] == '{' || s_[i_] == '(')) {
      std::string ignored;
      if (s_[i_] == '{') return Braced(&ignored);
      size_t end = s_.find(')', i_);
      Advance(end == std::string_view::npos ? s_.size() : end + 1);
    }
    return "";
  }

  // Whether an '@' starts the line at i_ (+ spaces): a new entry, so the
  // value being read is not closed.
  bool AtEntryStart() const {
    if (s_[i_] != '\n') return false;
    size_t j = i_ + 1;
    while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t' || s_[j] == '\r')) ++j;
    return j < s_.size() && s_[j] == '@';
  }

  // A {...} group at i_; appends its content (inner braces kept).
  std::string Braced(std::string* out) {
    int depth = 0;
    size_t start = i_;
    for (; i_ < s_.size(); Advance(i_ + 1)) {
      char c = s_[i_];
      if (AtEntryStart()) return "unbalanced braces";
      if (c == '\\' && i_ + 1 < s_.size()) {
        Advance(i_ + 1);
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) {
        out->append(s_.substr(start + 1, i_ - start - 1));
        Advance(i_ + 1);
        return "";
      }
    }
    return "unbalanced braces";
  }

  std::string Quoted(std::string* out) {
    int depth = 0;
    size_t start = ++i_;
    for (; i_ < s_.size(); Advance(i_ + 1)) {
      char c = s_[i_];
      if (AtEntryStart()) return "unterminated quoted value";
      if (c == '{') ++depth;
      if (c == '}') --depth;
      if (c == '"' && depth == 0 && s_[i_ - 1] != '\\') {
        out->append(s_.substr(start, i_ - start));
        Advance(i_ + 1);
        return "";
      }
    }
    return "unterminated quoted value";
  }

  // value := part ('#' part)*
  std::string Value(std::string* out) {
    for (;;) {
      SkipSpace();
      if (i_ >= s_.size()) return "value missing at end of input";
      char c = s_[i_];
      std::string err;
      if (c == '{') {
        err = Braced(out);
      } else if (c == '"') {
        err = Quoted(out);
      } else {
        std::string name = Identifier();
        if (name.empty()) return std::string("unexpected '") + c + "' in a value";
        bool number = name.find_first_not_of("0123456789") == std::string::npos;
        if (number) {
          *out += name;
        } else {
          auto it = macros_.find(LowerAscii(name));
          if (it != macros_.end()) {
            // @string macros may double at every step: cap what they expand to.
            if (out->size() + it->second.size() > kMaxValueBytes) {
              return "value longer than " + std::to_string(kMaxValueBytes >> 20) +
                     " MiB after @string expansion";
            }
            *out += it->second;
          }
        }
      }
      if (!err.empty()) return err;
      if (out->size() > kMaxValueBytes) {
        return "value longer than " + std::to_string(kMaxValueBytes >> 20) + " MiB";
      }
      SkipSpace();
      if (i_ < s_.size() && s_[i_] == '#') {
        Advance(i_ + 1);
        continue;
      }
      return "";
    }
  }

  // name = value pairs up to `close`; into `entry`, or into macros when null.
  std::string Fields(char close, Entry* entry) {
    for (;;) {
      SkipSpace();
      if (i_ >= s_.size()) return "entry not closed";
      if (s_[i_] == close) {
        Advance(i_ + 1);
        return "";
      }
      if (s_[i_] == ',') {
        Advance(i_ + 1);
        continue;
      }
      if (s_[i_] == '@') return "entry not closed before the next '@'";
      std::string name = LowerAscii(Identifier());
      if (name.empty()) return std::string("unexpected '") + s_[i_] + "' in an entry";
      SkipSpace();
      if (i_ >= s_.size() || s_[i_] != '=') return "expected '=' after field " + name;
      Advance(i_ + 1);
      std::string value;
      std::string err = Value(&value);
      if (!err.empty()) return err;
      if (entry) {
        entry->fields[name] = value;
      } else {
        macros_[name] = value;
      }
    }
  }

  static constexpr size_t kMaxValueBytes = size_t{1} << 20;
  std::string_view s_;
  size_t i_ = 0;
  int64_t line_ = 1;
  std::map<std::string, std::string> macros_;
};

// Splits an author list at " and " outside braces.
std::vector<std::string> SplitAuthors(const std::string& s, bool* et_al) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '{') ++depth;
    if (i < s.size() && s[i] == '}') --depth;
    bool split = i == s.size() || (depth == 0 && (s.compare(i, 5, " and ") == 0 ||
                                                  s.compare(i, 5, "\nand ") == 0));
    if (!split) continue;
    std::string name = Trim(s.substr(start, i - start));
    if (name == "others") {
      *et_al = true;
    } else if (!name.empty()) {
      out.push_back(name);
    }
    start = i + 5;
    i += 4;
  }
  return out;
}

// Whether `s` is a single {...} group, as a corporate author is written.
bool IsOneGroup(const std::string& s) {
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return false;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i + 1 == s.size();
  }
  return false;
}

// "Modi, Shanu" or "Shanu Modi" (raw LaTeX) -> "Modi Shanu".
std::string BibName(const std::string& raw) {
  if (IsOneGroup(raw)) return LatexToUtf8(raw);  // "{World Health Organization}"
  if (raw.find(',') != std::string::npos) return PersonFromCommaForm(LatexToUtf8(raw));
  std::string name = LatexToUtf8(raw);
  size_t last = name.rfind(' ');
  if (last == std::string::npos) return name;
  return PersonName(name.substr(last + 1), name.substr(0, last));
}

std::string WorkType(const std::string& t, bool has_url) {
  if (t == "article") return "article";
  if (t == "book" || t == "inbook" || t == "incollection" || t == "booklet") return "book";
  if (t == "inproceedings" || t == "conference" || t == "proceedings") return "conference";
  if (t == "phdthesis" || t == "mastersthesis" || t == "thesis") return "thesis";
  if (t == "techreport" || t == "report") return "report";
  if (t == "online" || t == "electronic" || (t == "misc" && has_url)) return "web";
  return "reference";
}

Document MapEntry(const Entry& e) {
  Document doc;
  Work& w = doc.work;
  auto f = [&](const char* name) {
    auto it = e.fields.find(name);
    return it == e.fields.end() ? std::string() : LatexToUtf8(it->second);
  };
  w.source_id = e.key;
  w.type = WorkType(e.type, e.fields.count("url") > 0);
  w.title = f("title");
  w.journal = f("journal");
  if (w.journal.empty()) w.journal = f("journaltitle");
  if (w.journal.empty()) w.journal = f("booktitle");
  w.journal_abbrev = f("shortjournal");
  auto authors = e.fields.find("author");
  bool et_al = false;
  if (authors != e.fields.end()) {
    for (const std::string& a : SplitAuthors(authors->second, &et_al)) w.authors.push_back(BibName(a));
  }
  w.year = FindYear(f("year"));
  if (!w.year) w.year = FindYear(f("date"));
  std::string date = f("date");
  if (date.empty() && w.year) date = f("year") + " " + f("month") + " " + f("day");
  std::string iso = NormalizeDate(date);
  if (!iso.empty()) w.dates["published"] = iso;
  w.volume = f("volume");
  w.issue = f("number");
  if (w.issue.empty()) w.issue = f("issue");
  w.pages = f("pages");
  // LatexToUtf8 turned "--" into an en dash; page ranges use a hyphen.
  for (size_t p; (p = w.pages.find("\xE2\x80\x93")) != std::string::npos;) w.pages.replace(p, 3, "-");
  w.doi = text::NormalizeDoi(f("doi"));
  w.pmid = NormalizePmid(f("pmid"));
  if (w.pmid.empty() && LowerAscii(f("eprinttype")) == "pubmed") w.pmid = NormalizePmid(f("eprint"));
  w.pmcid = NormalizePmcid(f("pmcid"));
  w.url = f("url");
  if (w.doi.empty() && w.url.find("doi") != std::string::npos) w.doi = text::NormalizeDoi(w.url);
  w.abstract = f("abstract");
  std::string kw = f("keywords");
  size_t pos = 0;
  while (pos < kw.size()) {
    size_t sep = kw.find_first_of(",;", pos);
    if (sep == std::string::npos) sep = kw.size();
    AddUnique(&w.keywords, Trim(kw.substr(pos, sep - pos)));
    pos = sep + 1;
  }
  w.lang = LanguageCode(f("language"));
  for (const char* name : {"note", "annote", "keywords", "title", "abstract", "eprint"}) {
    for (std::string& id : text::FindNctIds(f(name))) AddUnique(&w.registry_ids, std::move(id));
  }
  return doc;
}

}  // namespace

int SniffBibtex(std::string_view filename, std::string_view head) {
  bool ext = HasExtension(filename, {".bib", ".bibtex"});
  // An entry at the start of a line (prose that mentions "@article" does not count).
  for (const char* t : {"@article", "@Article", "@ARTICLE", "@book", "@inproceedings", "@misc",
                        "@string", "@preamble", "@incollection", "@techreport", "@phdthesis"}) {
    for (size_t p = head.find(t); p != std::string_view::npos; p = head.find(t, p + 1)) {
      if (p == 0 || head[p - 1] == '\n') return ext ? 95 : 75;
    }
  }
  return ext ? 60 : 0;
}

Status ParseBibtex(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxTextBytes));
  Scanner scan(StripBom(bytes));
  int64_t record = 0;
  bool any_entry = false;
  while (scan.NextAt()) {
    Entry e;
    std::string err = scan.Item(&e);
    if (e.type.empty() && err.empty()) continue;  // @string, @comment, @preamble
    ++record;
    if (!err.empty()) {
      sink.OnDiagnostic({in.name(), e.line, record, "BibTeX entry " + e.key + ": " + err + "; skipped"});
      continue;
    }
    any_entry = true;
    Document doc = MapEntry(e);
    doc.record = record;
    doc.line = e.line;
    if (doc.work.title.empty() && doc.work.doi.empty() && doc.work.pmid.empty()) {
      sink.OnDiagnostic({in.name(), e.line, record, "BibTeX entry " + e.key + " without title or identifier; skipped"});
      continue;
    }
    sink.OnDocument(std::move(doc));
  }
  if (!any_entry) return Status::ParseError(in.name() + ": no well-formed BibTeX entry");
  return Status::Ok();
}

}  // namespace ckb::readers
