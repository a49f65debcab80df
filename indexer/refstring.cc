// SPDX-License-Identifier: GPL-3.0-or-later
// ParseReferenceString: one printed reference (GB/T 7714 with or without
// spaces, English or Chinese, Vancouver, and looser author-year styles) into
// the fields of a Reference. Works on an ASCII-punctuation view of the string
// and cuts every field from the original so values stay as printed.
#include "indexer/refstring.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "indexer/identifiers.h"
#include "indexer/internal/refstring_parts.h"
#include "indexer/internal/text_util.h"

namespace ckb::indexer {
namespace {

using internal::AsciiView;
using internal::kNpos;
using internal::Trim;

struct Span {
  size_t b = kNpos, e = kNpos;
  bool empty() const { return b == kNpos || b >= e; }
};

// Unanchored search of `re` in s[b, e); fills one Span per capture group.
bool Search(const RE2& re, const std::string& s, size_t b, size_t e, std::vector<Span>* groups,
            Span* whole, RE2::Anchor anchor = RE2::UNANCHORED) {
  if (b >= e) return false;
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> m(static_cast<size_t>(n));
  if (!re.Match(re2::StringPiece(s.data(), s.size()), b, e, anchor, m.data(), n)) return false;
  groups->assign(static_cast<size_t>(n - 1), Span{});
  for (int i = 1; i < n; ++i) {
    if (m[i].data() == nullptr) continue;
    size_t gb = static_cast<size_t>(m[i].data() - s.data());
    (*groups)[static_cast<size_t>(i - 1)] = {gb, gb + m[i].size()};
  }
  size_t wb = static_cast<size_t>(m[0].data() - s.data());
  *whole = {wb, wb + m[0].size()};
  return true;
}

// The original text of s[b, e) trimmed of spaces and `extra`.
std::string Cut(const AsciiView& v, size_t b, size_t e, std::string_view extra = "") {
  if (b == kNpos || b >= e) return "";
  std::string_view sv(v.norm.data() + b, e - b);
  sv = Trim(sv, extra);
  size_t nb = static_cast<size_t>(sv.data() - v.norm.data());
  return v.Slice(nb, nb + sv.size());
}
std::string Cut(const AsciiView& v, Span sp, std::string_view extra = "") {
  return sp.empty() ? std::string() : Cut(v, sp.b, sp.e, extra);
}

std::optional<int> Year(const std::string& s, Span sp) {
  if (sp.empty() || sp.e - sp.b != 4) return std::nullopt;
  int y = std::stoi(s.substr(sp.b, 4));
  if (y < 1600 || y > 2099) return std::nullopt;
  return y;
}

#define CKB_PAGES R"(([A-Za-z]?\d+[A-Za-z]?(?:\s*-+\s*[A-Za-z]?\d+[A-Za-z]?)?))"

// Where the bibliographic body ends: the first identifier, URL or access note.
size_t BodyEnd(const std::string& s) {
  static const RE2 re(
      R"((?i)(\bdoi\b\s*:?|https?://|\bwww\.|\bpmid\s*:|\bpmid\s+\d|\bpmcid\b|\bPMC\d{5,}|)"
      R"(\bavailable\s+(?:from|at|online)\b|\[\s*(?:accessed|cited)\b|\b(?:accessed|updated)\s+(?:on\s+)?[A-Z0-9]|\bepub\b|\bretrieved\s+from\b|)"
      R"(\burl\s*:|\b10\.\d{4,9}/))");
  std::vector<Span> g;
  Span whole;
  if (Search(re, s, 0, s.size(), &g, &whole)) return whole.b;
  return s.size();
}

void FindUrl(const std::string& raw, Reference* r) {
  static const RE2 re(R"(((?:https?://|www\.)[^\s<>"|]+))");
  re2::StringPiece in(raw);
  std::string url;
  while (RE2::FindAndConsume(&in, re, &url)) {
    while (!url.empty()) {
      char c = url.back();
      if (c == '.' || c == ',' || c == ';' || c == ']' ||
          (c == ')' && std::count(url.begin(), url.end(), '(') < std::count(url.begin(), url.end(), ')'))) {
        url.pop_back();
      } else {
        break;
      }
    }
    static const RE2 doi_host(R"((?i)^(?:https?://)?(?:dx\.)?doi\.org/)");
    if (RE2::PartialMatch(url, doi_host)) continue;
    r->url = url;
    return;
  }
}

// "[J]", "[EB/OL]", "[M]", "[J/OL]" ...: GB/T 7714 document type tags.
bool FindTypeTag(const std::string& s, size_t e, Span* tag, Span* whole) {
  static const RE2 re(R"(\[([A-Z]{1,2}(?:/(?:OL|CD|MT|DK))?)\])");
  std::vector<Span> g;
  if (!Search(re, s, 0, e, &g, whole)) return false;
  *tag = g[0];
  return true;
}

// Authors and, for GB/T, the title that fills the rest of the head. Returns
// the position right after the author block (b when there is none).
size_t ParseAuthors(const AsciiView& v, size_t b, size_t e, Reference* r) {
  size_t end = internal::FindAuthorEnd(v.norm, b, e);
  if (end == kNpos) return b;
  std::vector<std::string> authors;
  bool et_al = false;
  if (!internal::SplitAuthors(v, b, end, &authors, &et_al)) return b;
  r->authors = std::move(authors);
  r->et_al = et_al;
  return v.norm[end] == '.' ? end + 1 : end;
}

// GB/T 7714 part after the type tag: ". Journal, 2022, 387(1): 9-20".
void ParseGbTail(const AsciiView& v, size_t b, size_t e, Reference* r) {
  const std::string& s = v.norm;
  static const RE2 dated(R"(\(((?:1[6-9]|20)\d{2})(?:-\d{1,2}){0,2}\))");
  static const RE2 tail(
      R"([\s.]*(?:([^,]*?)\s*,\s*)?((?:1[6-9]|20)\d{2})[a-z]?\s*(?:,\s*([^\s,:(]+))?\s*)"
      R"((?:\(([^)]*)\))?\s*(?::\s*)" CKB_PAGES ")?");
  std::vector<Span> g;
  Span whole;
  bool journal_type = r->type == "J" || r->type == "J/OL" || r->type == "N";
  if (Search(tail, s, b, e, &g, &whole, RE2::ANCHOR_START)) {
    if (journal_type) r->journal = Cut(v, g[0], ".,");
    r->year = Year(s, g[1]);
    r->volume = Cut(v, g[2]);
    r->issue = Cut(v, g[3]);
    r->pages = Cut(v, g[4]);
    return;
  }
  if (Search(dated, s, b, e, &g, &whole)) {
    r->year = Year(s, g[0]);
    return;
  }
  static const RE2 any_year(R"(\b((?:1[6-9]|20)\d{2})\b)");
  if (Search(any_year, s, b, e, &g, &whole)) r->year = Year(s, g[0]);
}

// End of a title sentence starting at b: ". " / "? " / "! " (the last two
// kept in the title). Returns {title end, next start}.
std::pair<size_t, size_t> SentenceEnd(const std::string& s, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    char c = s[i];
    if (c != '.' && c != '?' && c != '!') continue;
    if (i + 1 < e && s[i + 1] != ' ') continue;
    if (c == '.' && i + 2 < e && s[i + 2] >= 'a' && s[i + 2] <= 'z') continue;
    return {c == '.' ? i : i + 1, i + 1};
  }
  return {kNpos, kNpos};
}

// Journal and volume/issue/pages for non-GB styles, searched in s[b, e).
void ParseSource(const AsciiView& v, size_t b, size_t e, Reference* r) {
  const std::string& s = v.norm;
  std::vector<Span> g;
  Span m;
  // Vancouver: "N Engl J Med. 2022 Jul 7;387(1):9-20"
  static const RE2 vancouver(
      R"(((?:1[6-9]|20)\d{2})[a-z]?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?)"
      R"((?:\s*-\s*(?:[A-Z][a-z]{2,8}\.?)?\s*\d{0,2})?)?\s*;\s*([^\s;:(),]+)?\s*(?:\(([^)]*)\))?)"
      R"(\s*(?::\s*)" CKB_PAGES ")?");
  if (Search(vancouver, s, b, e, &g, &m)) {
    r->journal = Cut(v, b, m.b, ".,");
    r->year = Year(s, g[0]);
    r->volume = Cut(v, g[1]);
    r->issue = Cut(v, g[2]);
    r->pages = Cut(v, g[3]);
    return;
  }
  // GB/T without a tag: "Journal, 2022, 387(1): 9-20"
  static const RE2 gb(
      R"(,\s*((?:1[6-9]|20)\d{2})[a-z]?\s*,\s*([^\s,:(]+)\s*(?:\(([^)]*)\))?\s*(?::\s*)" CKB_PAGES
      ")?");
  if (Search(gb, s, b, e, &g, &m)) {
    r->journal = Cut(v, b, m.b, ".,");
    r->year = Year(s, g[0]);
    r->volume = Cut(v, g[1]);
    r->issue = Cut(v, g[2]);
    r->pages = Cut(v, g[3]);
    return;
  }
  // Looser: "Journal 61(2):327-335", "Journal, vol. 36, no. 9, pp. 1-11", "Journal 61, 327-335"
  static const RE2 loose(
      R"((?i)(?:^|[\s,.(])(?:vol\.?\s*)?(\d+[A-Za-z]?)\s*(?:\(([^)]*)\)|,\s*no\.?\s*([\w-]+))?\s*)"
      R"([,:]\s*(?:pp?\.\s*)?)" CKB_PAGES);
  static const RE2 year_re(R"(\(?\b((?:1[6-9]|20)\d{2})[a-z]?\b\)?)");
  size_t from = b;
  while (Search(loose, s, from, e, &g, &m)) {
    auto y = Year(s, g[0]);
    if (y && g[1].empty() && g[2].empty()) {  // "2005, 61" : a year, not a volume
      from = g[0].e;
      continue;
    }
    r->volume = Cut(v, g[0]);
    r->issue = g[1].empty() ? Cut(v, g[2]) : Cut(v, g[1]);
    r->pages = Cut(v, g[3]);
    size_t jend = m.b;
    Span ym;
    std::vector<Span> yg;
    if (Search(year_re, s, b, jend, &yg, &ym)) {
      r->year = Year(s, yg[0]);
      if (ym.b > b) jend = ym.b;  // "Journal 2005, 61, ..." or "Journal (2005) 61"
      else b = ym.e;              // "(2005) Journal 61"
    }
    r->journal = Cut(v, b, jend, ".,;:(");
    break;
  }
  if (!r->year) {
    if (Search(year_re, s, b, e, &g, &m)) r->year = Year(s, g[0]);
  }
}

// A year printed after the body ("Updated February 10, 2025."), not one
// inside a URL or DOI.
void YearAfterBody(const std::string& s, size_t from, Reference* r) {
  static const RE2 re(R"((?:^|[\s(,])((?:1[6-9]|20)\d{2})\b)");
  std::vector<Span> g;
  Span m;
  while (Search(re, s, from, s.size(), &g, &m)) {
    size_t word = s.rfind(' ', g[0].b);
    std::string_view token(s.data() + (word == std::string::npos ? 0 : word + 1),
                           g[0].b - (word == std::string::npos ? 0 : word + 1));
    size_t sentence = s.rfind(". ", g[0].b);
    std::string phrase = s.substr(sentence == std::string::npos ? 0 : sentence, g[0].b - (sentence == std::string::npos ? 0 : sentence));
    for (char& c : phrase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool access = phrase.find("accessed") != std::string::npos || phrase.find("cited") != std::string::npos ||
                  phrase.find("retrieved") != std::string::npos;
    if (!access && token.find('/') == std::string_view::npos && token.find("10.") == std::string_view::npos) {
      r->year = Year(s, g[0]);
      return;
    }
    from = g[0].e;
  }
}

}  // namespace

Reference ParseReferenceString(std::string_view input) {
  Reference r;
  r.raw = internal::FoldWhitespace(input);
  AsciiView v(r.raw);
  const std::string& s = v.norm;
  r.nct = FindNctIds(s);
  r.pmid = FindPmid(s);
  r.pmcid = FindPmcid(s);
  auto dois = FindDois(s);
  if (!dois.empty()) r.doi = dois.front();
  FindUrl(s, &r);

  size_t end = BodyEnd(s);
  while (end > 0 && std::string_view(" .,;:").find(s[end - 1]) != std::string_view::npos) --end;

  Span tag, whole;
  if (FindTypeTag(s, end, &tag, &whole)) {
    r.type = s.substr(tag.b, tag.e - tag.b);
    size_t t = ParseAuthors(v, 0, whole.b, &r);
    r.title = Cut(v, t, whole.b, ".,");
    ParseGbTail(v, whole.e, end, &r);
    return r;
  }
  size_t t = ParseAuthors(v, 0, end, &r);
  // APA year after the authors: "(2009)." / "2009."
  static const RE2 apa_year(R"(\s*\(?((?:1[6-9]|20)\d{2})[a-z]?\)?\s*[.,:]?)");
  std::vector<Span> g;
  Span m;
  if (t > 0 && Search(apa_year, s, t, end, &g, &m, RE2::ANCHOR_START)) {
    r.year = Year(s, g[0]);
    t = m.e;
  }
  while (t < end && s[t] == ' ') ++t;
  auto [title_end, next] = SentenceEnd(s, t, end);
  if (title_end == kNpos) {
    // No sentence break: a source block alone, or a title alone.
    ParseSource(v, t, end, &r);
    if (r.journal.empty() && r.volume.empty()) r.title = Cut(v, t, end, ".,");
  } else {
    r.title = Cut(v, t, title_end, ",");
    auto year = r.year;
    ParseSource(v, next, end, &r);
    if (year) r.year = year;
  }
  if (!r.year) YearAfterBody(s, end, &r);
  return r;
}

}  // namespace ckb::indexer
