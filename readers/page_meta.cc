// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the article's own metadata from the header lines of a journal web
// page (English and Chinese labels); see internal/page_meta.h.
#include "readers/internal/page_meta.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "text/identifiers.h"
#include "text/text_util.h"
#include "citations/refstring.h"

namespace ckb::readers::internal {
namespace {

// "2025-02-25", "2025/2/5", "2025年2月5日" -> "2025-02-25" (as printed when unknown).
std::string IsoDate(std::string_view s) {
  static const RE2 re(R"(((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2}))");
  std::string y, m, d;
  if (RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re, &y, &m, &d)) {
    if (m.size() == 1) m = "0" + m;
    if (d.size() == 1) d = "0" + d;
    return y + "-" + m + "-" + d;
  }
  return std::string(text::Trim(s));
}

struct LabelKind {
  const char* label;
  const char* key;
};

// Page labels (lower case English, or Chinese) and what they carry.
const std::vector<LabelKind>& Labels() {
  static const std::vector<LabelKind> labels = {
      {"received", "date:received"},  {"收稿日期", "date:received"},
      {"revised", "date:revised"},    {"修回日期", "date:revised"},
      {"accepted", "date:accepted"},  {"接受日期", "date:accepted"},
      {"online", "date:online"},      {"网络出版日期", "date:online"},
      {"published", "date:published"}, {"出版日期", "date:published"},
      {"发布日期", "date:published"}, {"contact", "contact"},
      {"通讯作者", "contact"},        {"corresponding author", "contact"},
      {"e-mail", "email"},            {"email", "email"},
      {"电子信箱", "email"},          {"电子邮箱", "email"},
      {"supported by", "cite"},       {"cite this article", "cite"},
      {"how to cite", "cite"},        {"引用本文", "cite"},
      {"基金资助", "funding"},        {"fund", "funding"},
      {"title", "title"},             {"标题", "title"},
      {"key words", "keywords"},      {"keywords", "keywords"},
      {"关键词", "keywords"},         {"abstract", "abstract"},
      {"摘要", "abstract"},            {"authors", "authors"},
      {"作者", "authors"},
  };
  return labels;
}

// A title line under the header: no list commas, no affiliation marks, and
// long enough ("HER2低表达乳腺癌的靶向治疗研究进展", "Trastuzumab ... cohort").
bool LooksLikeTitle(std::string_view line) {
  text::AsciiView v{std::string(line)};
  if (v.norm.find(',') != std::string::npos) return false;
  char last = v.norm.empty() ? '\0' : v.norm.back();
  if (last == '*') return false;
  // Affiliation digits glued to a name ("Qi Xiaowei1") end author lines; a
  // number standing alone ("phase 3", "variant 7") may end a title.
  if (std::isdigit(static_cast<unsigned char>(last))) {
    size_t i = v.norm.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(v.norm[i - 1]))) --i;
    if (i == 0 || v.norm[i - 1] != ' ') return false;
  }
  size_t words = 1;
  for (char c : v.norm) words += c == ' ' ? 1 : 0;
  return words >= 4 || text::CountCjk(line) >= 6;
}

}  // namespace

bool PageMetaReader::Line(std::string_view line) {
  if (line.empty()) return false;
  if (Header(line) || TypeLine(line) || Label(line)) {
    found_ = true;
    return true;
  }
  if (line == "(" || line == ")" || line == "（" || line == "）") return true;
  if (expect_contact_) {
    expect_contact_ = false;
    return true;  // the contact's name repeats an author
  }
  if (expect_authors_) {
    if (work_->title.empty() && work_->authors.empty() && LooksLikeTitle(line)) {
      work_->title = std::string(line);
      found_ = true;
      return true;
    }
    Authors(line);
    found_ = true;
    return true;
  }
  return false;
}

// "Journal of International Oncology ›› 2026, Vol. 53 ›› Issue (1): 53-56.doi: 10..."
bool PageMetaReader::Header(std::string_view line) {
  size_t sep = line.find("\u203a\u203a");
  if (sep == std::string_view::npos) return false;
  re2::StringPiece in(line.data(), line.size());
  work_->journal = std::string(text::Trim(line.substr(0, sep)));
  std::string year, vol, issue, pages;
  static const RE2 year_re(R"(\x{203A}\x{203A}\s*((?:19|20)\d{2}))");
  static const RE2 vol_re(R"((?i)(?:Vol\.?|卷)\s*([\w-]+))");
  static const RE2 issue_re(R"((?i)(?:Issue|期)\s*\(\s*([^)]+?)\s*\))");
  static const RE2 pages_re(R"(\)\s*[:：]\s*([A-Za-z]?\d+[A-Za-z]?(?:-[A-Za-z]?\d+[A-Za-z]?)?))");
  if (RE2::PartialMatch(in, year_re, &year)) work_->year = std::stoi(year);
  if (RE2::PartialMatch(in, vol_re, &vol)) work_->volume = vol;
  if (RE2::PartialMatch(in, issue_re, &issue)) work_->issue = issue;
  if (RE2::PartialMatch(in, pages_re, &pages)) work_->pages = pages;
  work_->doi = text::NormalizeDoi(line);
  expect_authors_ = true;
  return true;
}

// "• Review • Previous Articles Next Articles"
bool PageMetaReader::TypeLine(std::string_view line) {
  static const RE2 re(R"(^\x{2022}\s*(.+?)\s*\x{2022})");
  std::string kind;
  if (!RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), re, &kind)) return false;
  std::string k = text::LowerAscii(kind);
  static const std::vector<std::pair<std::string, std::string>> kinds = {
      {"review", "review"}, {"综述", "review"}, {"original article", "article"},
      {"article", "article"}, {"论著", "article"}, {"case report", "case-report"},
      {"个案报道", "case-report"}, {"editorial", "editorial"}, {"述评", "editorial"},
      {"guideline", "guideline"}, {"指南", "guideline"}, {"专家共识", "guideline"},
  };
  work_->type = k;
  for (const auto& [from, to] : kinds) {
    if (k.find(from) != std::string::npos) {
      work_->type = to;
      break;
    }
  }
  expect_authors_ = true;
  return true;
}

bool PageMetaReader::Label(std::string_view line) {
  text::AsciiView v{std::string(line)};
  size_t colon = v.norm.find(':');
  if (colon == std::string::npos || colon > 40) return false;
  std::string label = text::LowerAscii(text::Trim(v.norm.substr(0, colon)));
  const LabelKind* kind = nullptr;
  for (const LabelKind& k : Labels()) {
    if (label == k.label) kind = &k;
  }
  if (kind == nullptr) return false;
  std::string value(text::Trim(v.Slice(colon + 1, v.norm.size())));
  std::string key = kind->key;
  expect_authors_ = false;
  if (key.rfind("date:", 0) == 0) {
    if (!value.empty()) work_->dates[key.substr(5)] = IsoDate(value);
  } else if (key == "contact") {
    expect_contact_ = value.empty();
  } else if (key == "email") {
    static const RE2 mail(R"(([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}))");
    std::string m;
    if (RE2::PartialMatch(value, mail, &m) && work_->email.empty()) work_->email = m;
  } else if (key == "cite" || key == "funding") {
    FromCitation(value);
  } else if (key == "authors") {
    Authors(value);
  } else if (key == "title") {
    work_->title = value;
  } else if (key == "keywords") {
    text::AsciiView kv(value);
    size_t start = 0;
    for (size_t i = 0; i <= kv.norm.size(); ++i) {
      if (i == kv.norm.size() || kv.norm[i] == ';' || kv.norm[i] == ',') {
        std::string kw(text::Trim(kv.Slice(start, i)));
        if (!kw.empty()) work_->keywords.push_back(kw);
        start = i + 1;
      }
    }
  } else if (key == "abstract") {
    if (value.size() >= 40) work_->abstract = value;
  }
  return true;
}

// "Liu Xinlei1, Li Yaru1,2, Qi Xiaowei1(" -> names without affiliation marks.
void PageMetaReader::Authors(std::string_view line) {
  text::AsciiView v{std::string(line)};
  size_t start = 0;
  for (size_t i = 0; i <= v.norm.size(); ++i) {
    if (i < v.norm.size() && v.norm[i] != ',') continue;
    std::string name = v.Slice(start, i);
    start = i + 1;
    size_t e = name.size();
    while (e > 0 && (std::isdigit(static_cast<unsigned char>(name[e - 1])) ||
                     std::string_view(" *()#").find(name[e - 1]) != std::string_view::npos)) {
      --e;
    }
    std::string_view n = text::Trim(std::string_view(name).substr(0, e), "()");
    if (!n.empty()) work_->authors.emplace_back(n);
  }
}

// A printed citation of the article itself ("Supported by:" on some pages
// holds it): take the title, and fill what the header did not give.
void PageMetaReader::FromCitation(std::string_view text) {
  Reference r = citations::ParseReferenceString(text);
  if (r.title.empty()) return;
  bool self = (!work_->journal.empty() && r.journal == work_->journal) ||
              (!work_->doi.empty() && r.doi == work_->doi) ||
              (work_->journal.empty() && !r.type.empty());
  if (!self) return;
  work_->title = r.title;
  if (work_->authors.empty()) work_->authors = r.authors;
  if (work_->journal.empty()) work_->journal = r.journal;
  if (!work_->year) work_->year = r.year;
  if (work_->volume.empty()) work_->volume = r.volume;
  if (work_->issue.empty()) work_->issue = r.issue;
  if (work_->pages.empty()) work_->pages = r.pages;
  if (work_->doi.empty()) work_->doi = r.doi;
}

void PageMetaReader::Finish() {
  std::string probe = work_->title;
  if (probe.empty()) {
    for (const std::string& a : work_->authors) probe += a;
  }
  if (probe.empty()) return;
  size_t cjk = text::CountCjk(probe);
  size_t letters = text::CountLetters(probe);
  work_->lang = (letters > 0 && cjk * 2 > letters) ? "zh" : "en";
}

}  // namespace ckb::readers::internal
