// SPDX-License-Identifier: GPL-3.0-or-later
// Article metadata, sections and the reference list from PDF lines in
// reading order: title by font size, authors, journal, year and DOI from the
// first page or the document's metadata, headings by size, weight and name,
// reference entries numbered, superscript-numbered or author-year (hanging
// indent), each parsed by the reference-string parser.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "citations/refstring.h"
#include "readers/internal/pdf_article.h"
#include "text/identifiers.h"
#include "text/text_util.h"

namespace ckb::readers::internal {
namespace {

using Lines = std::vector<PdfLine>;

bool RefsHeading(const std::string& t) {
  static const RE2 re(
      R"((?i)^(?:[0-9IVX]+\.?\s+)?(?:references?(?: cited| and notes)?|bibliography|literature cited|)"
      R"(works cited|reference list|cited literature|literatur|références)\s*:?$)");
  return RE2::FullMatch(t, re);
}

bool KnownHeading(const std::string& t) {
  static const RE2 re(
      R"((?i)^(?:[0-9IVX]+(?:\.[0-9]+)*\.?\s+)?(?:abstract|summary|background|introduction|methods?|)"
      R"(materials and methods|patients and methods|results|discussion|conclusions?|acknowledge?ments?|)"
      R"(funding|author contributions|competing interests|conflicts? of interest|abbreviations|keywords|)"
      R"(appendix|supplementary (?:material|data|information)|figure legends|tables?|references?|bibliography)\s*:?$)");
  return RE2::FullMatch(t, re);
}

bool StopsReferences(const std::string& t) {
  static const RE2 re(
      R"((?i)^(?:[0-9IVX]+\.?\s+)?(?:appendix|appendices|supplementary|supporting information|figure legends|)"
      R"(figures?|tables?|abbreviations|author biographies|about the authors?)\b.{0,40}$)");
  return RE2::FullMatch(t, re);
}

class Article {
 public:
  Article(const Lines& lines, const PdfInfo& info, const std::function<void(int, std::string)>& diag)
      : lines_(lines), info_(info), diag_(diag), body_(BodyFontSize(lines)), vocab_(BuildVocabulary(lines)) {}

  Document Build() {
    FindTitle();
    FindAuthors();
    FindIdentifiers();
    Sections();
    doc_.work.type = "article";
    return std::move(doc_);
  }

 private:
  bool Heading(const PdfLine& l) const {
    const std::string& t = l.text;
    if (t.size() > 90 || t.empty()) return false;
    if (KnownHeading(t) || RefsHeading(t)) return l.size >= body_ - 0.5 || l.bold;
    if (l.size < body_ + 0.9 && !(l.bold && l.size >= body_ - 0.5)) return false;
    if (t.back() == '.' || t.back() == ',' || t.back() == ';') return false;
    auto c = static_cast<unsigned char>(t[0]);
    return std::isupper(c) || std::isdigit(c);
  }

  // The largest type among the first lines of page 1, above the body size.
  void FindTitle() {
    double best = 0;
    size_t first = 0, n = 0;
    for (size_t i = 0; i < lines_.size() && lines_[i].page == 0 && i < 25; ++i) {
      if (lines_[i].size > best + 0.25 && text::CountLetters(lines_[i].text) >= 3) best = lines_[i].size, first = i;
    }
    if (best > body_ * 1.25) {
      std::string title;
      for (size_t i = first; i < lines_.size() && std::fabs(lines_[i].size - best) < 0.6 && lines_[i].page == 0; ++i) {
        JoinLine(&title, lines_[i].text, &vocab_);
        n = i + 1;
      }
      doc_.work.title = title;
      after_title_ = n;
      return;
    }
    if (text::CountLetters(info_.title) >= 10) doc_.work.title = info_.title;
  }

  static std::vector<std::string> SplitNames(std::string s) {
    static const RE2 marks(R"([0-9*†‡§¶#]+|\s+and\s+|\s*&\s*|;)");
    RE2::GlobalReplace(&s, marks, ",");
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (i < s.size() && s[i] != ',') continue;
      std::string name(text::Trim(std::string_view(s).substr(start, i - start)));
      if (!name.empty()) out.push_back(name);
      start = i + 1;
    }
    return out;
  }

  static bool NameLike(const std::string& s) {
    static const RE2 re(
        R"(^(?:(?:van|von|der|den|de|da|di|del|della|dos|das|du|la|le|ten|ter)\s+)*\p{Lu}[\p{L}'’.\-]*)"
        R"((?:\s+(?:\p{Lu}[\p{L}'’.\-]*|van|von|der|den|de|da|di|del|la|le)){0,5}$)");
    return RE2::FullMatch(s, re) && s.find(' ') != std::string::npos;
  }

  // The line(s) after the title whose comma-separated parts are names.
  void FindAuthors() {
    std::string tail;  // a lone word that ended the last names line
    for (size_t i = after_title_; i < lines_.size() && i < after_title_ + 12 && after_title_ > 0; ++i) {
      if (doc_.work.authors.empty() && i >= after_title_ + 3) break;
      // A names line set larger or bold looks like a heading; only a named
      // heading (Abstract, Background, ...) ends the search.
      if (KnownHeading(lines_[i].text) || RefsHeading(lines_[i].text)) break;
      const std::string& text = lines_[i].text;
      std::vector<std::string> names = SplitNames(text);
      // A name broken at the line end ("..., Vernoux" / "Teva, Godin C").
      if (!tail.empty() && !names.empty() && NameLike(tail + " " + names[0])) names[0] = tail + " " + names[0];
      tail.clear();
      if (names.size() > 1 && text.back() != ',' && names.back().find(' ') == std::string::npos &&
          NameLike(names.back() + " X")) {
        tail = names.back();
        names.pop_back();
      }
      size_t ok = std::count_if(names.begin(), names.end(), NameLike);
      if (names.empty() || ok * 10 < names.size() * 8) {
        if (!doc_.work.authors.empty()) break;
        continue;
      }
      for (auto& n : names) {
        if (NameLike(n)) doc_.work.authors.push_back(n);
      }
      authors_line_ = i;
    }
    if (doc_.work.authors.empty() && !info_.author.empty()) doc_.work.authors = SplitNames(info_.author);
  }

  // DOI, year and journal from page 1 above the first heading, else the
  // document's metadata.
  void FindIdentifiers() {
    std::string page1;
    size_t head_end = lines_.size();
    for (size_t i = 0; i < lines_.size() && lines_[i].page == 0; ++i) {
      bool names = authors_line_ && i <= *authors_line_;
      if (head_end == lines_.size() && i >= after_title_ && !names && Heading(lines_[i])) head_end = i;
      page1 += lines_[i].text + "\n";
    }
    const std::string* sources[] = {&page1, &info_.first_page_raw, &info_.subject, &info_.keywords, &info_.xmp};
    for (const std::string* s : sources) {
      auto dois = text::FindDois(*s);
      if (!dois.empty()) {
        doc_.work.doi = dois.front();
        break;
      }
    }
    static const RE2 year(R"((?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$))");
    static const RE2 journal(R"(^(\p{L}[^()0-9]{2,100}?)[\s,.(]*(?:19|20)[0-9]{2})");
    for (size_t i = after_title_; i < head_end && i < lines_.size(); ++i) {
      if (authors_line_ && i == *authors_line_) continue;
      int y = 0;
      if (!RE2::PartialMatch(lines_[i].text, year, &y)) continue;
      doc_.work.year = y;
      std::string j;
      if (RE2::PartialMatch(lines_[i].text, journal, &j) && j.find("doi") == std::string::npos &&
          j.find('@') == std::string::npos) {
        doc_.work.journal = std::string(text::Trim(j, " ,.;:"));
      }
      break;
    }
  }

  void Sections() {
    Section* open = nullptr;
    bool in_abstract = false;
    for (size_t i = after_title_; i < lines_.size(); ++i) {
      const PdfLine& l = lines_[i];
      if (authors_line_ && i <= *authors_line_) continue;
      if (Heading(l)) {
        if (RefsHeading(l.text)) {
          References(i + 1);
          break;
        }
        doc_.work.sections.push_back(Section{l.text, ""});
        open = &doc_.work.sections.back();
        static const RE2 abstract(R"((?i)^(?:abstract|summary)\s*:?$)");
        in_abstract = doc_.work.abstract.empty() && RE2::FullMatch(l.text, abstract);
        continue;
      }
      if (open) JoinLine(&open->text, l.text, &vocab_);
      if (in_abstract) JoinLine(&doc_.work.abstract, l.text, &vocab_);
    }
    // The abstract is the work's own field, not a section.
    auto& s = doc_.work.sections;
    s.erase(std::remove_if(s.begin(), s.end(), [](const Section& x) { return x.text.empty(); }), s.end());
  }

  // Numbering of a reference line: "1.", "[1]", "1)" or a bare (superscript)
  // number before a capital; 0 when none.
  static int Marker(const std::string& t, size_t* rest) {
    static const RE2 re(R"(^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)]|(\d{1,3})\s?(?:\p{Lu}))\s*)");
    std::string a, b, c;
    re2::StringPiece in(t);
    if (!RE2::PartialMatch(in, re, &a, &b, &c)) return 0;
    const std::string& d = !a.empty() ? a : !b.empty() ? b : c;
    size_t at = t.find(d) + d.size();
    while (at < t.size() && (t[at] == ']' || t[at] == '.' || t[at] == ')' || t[at] == ' ')) ++at;
    *rest = at;
    return std::stoi(d);
  }

  static bool AuthorStart(const std::string& t) {
    static const RE2 re(R"(^\p{Lu}[\p{L}'’\-]+(?:\s\p{Lu}[\p{L}'’\-]+)?,?\s(?:\p{Lu}\.|\p{Lu}{1,3}\b))");
    return RE2::PartialMatch(t, re);
  }

  void References(size_t from) {
    size_t to = from;
    while (to < lines_.size() && !(Heading(lines_[to]) && (StopsReferences(lines_[to].text) ||
                                                            lines_[to].size > body_ + 0.9))) {
      ++to;
    }
    if (to == from) return;
    size_t rest = 0;
    int sequential = 0, expect = 1;
    for (size_t i = from; i < to; ++i) {
      if (Marker(lines_[i].text, &rest) == expect) ++sequential, ++expect;
    }
    if (sequential >= 3 && sequential * 3 >= static_cast<int>(to - from) / 4) {
      Numbered(from, to);
    } else {
      AuthorYear(from, to);
    }
  }

  void Numbered(size_t from, size_t to) {
    int expect = 1;
    for (size_t i = from; i < to; ++i) {
      size_t rest = 0;
      int n = Marker(lines_[i].text, &rest);
      if (n == expect || (n > expect && n <= expect + 2 && !entry_.empty())) {
        Close();
        if (n != expect) diag_(lines_[i].page + 1, "reference numbering gap: " + std::to_string(n) + " follows " +
                                                    std::to_string(expect - 1));
        entry_n_ = n, entry_page_ = lines_[i].page;
        expect = n + 1;
        entry_ = lines_[i].text.substr(rest);
      } else if (!entry_.empty()) {
        JoinLine(&entry_, lines_[i].text, &vocab_);
      }
    }
    Close();
  }

  // Entries start at the left edge of their column (the same on every page)
  // when the list hangs its continuation lines; otherwise where a line opens
  // with "Surname, X.".
  void AuthorYear(size_t from, size_t to) {
    std::map<int, double> left;
    for (size_t i = from; i < to; ++i) {
      int key = lines_[i].column;
      auto it = left.find(key);
      if (it == left.end() || lines_[i].x0 < it->second) left[key] = lines_[i].x0;
    }
    size_t indented = 0;
    for (size_t i = from; i < to; ++i) {
      if (lines_[i].x0 > left[lines_[i].column] + 3) ++indented;
    }
    bool hanging = indented * 5 >= (to - from) && indented < (to - from);
    int n = 0;
    for (size_t i = from; i < to; ++i) {
      const PdfLine& l = lines_[i];
      bool at_left = l.x0 <= left[l.column] + 3;
      bool start = hanging ? at_left : AuthorStart(l.text) && (entry_.empty() || EndsEntry(entry_));
      if (start || entry_.empty()) {
        Close();
        entry_n_ = ++n, entry_page_ = l.page;
        entry_ = l.text;
      } else {
        JoinLine(&entry_, l.text, &vocab_);
      }
    }
    Close();
  }

  static bool EndsEntry(const std::string& s) {
    char c = s.back();
    return c == '.' || (c >= '0' && c <= '9');
  }

  void Close() {
    if (entry_.empty()) return;
    Reference r = citations::ParseReferenceString(entry_);
    r.n = entry_n_;
    bool letters = text::CountLetters(r.title) > 0;
    if (!((letters || !r.authors.empty()) && (r.year || !r.journal.empty() || !r.doi.empty()))) {
      diag_(entry_page_ + 1, "reference " + std::to_string(entry_n_) + " could not be parsed: " +
                                 entry_.substr(0, 80));
    }
    doc_.references.push_back(std::move(r));
    entry_.clear();
  }

  const Lines& lines_;
  const PdfInfo& info_;
  const std::function<void(int, std::string)>& diag_;
  double body_;
  Vocabulary vocab_;
  Document doc_;
  size_t after_title_ = 0;
  std::optional<size_t> authors_line_;
  std::string entry_;
  int entry_n_ = 0, entry_page_ = 0;
};

}  // namespace

Document ArticleFromLines(const std::vector<PdfLine>& lines, const PdfInfo& info,
                          const std::function<void(int, std::string)>& diag) {
  return Article(lines, info, diag).Build();
}

}  // namespace ckb::readers::internal
