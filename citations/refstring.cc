// SPDX-License-Identifier: GPL-3.0-or-later
// ParseReferenceString: one printed reference (GB/T 7714 with or without
// spaces, English or Chinese, Vancouver, and looser author-year styles) into
// the fields of a Reference. Works on an ASCII-punctuation view of the string
// and cuts every field from the original so values stay as printed.
#include "citations/refstring.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "text/identifiers.h"
#include "citations/internal/refstring_parts.h"
#include "text/text_util.h"

namespace ckb::citations {
namespace internal {

bool Search(const RE2& re, const std::string& s, size_t b, size_t e, std::vector<Span>* groups,
            Span* whole, RE2::Anchor anchor) {
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

std::string Cut(const text::AsciiView& v, size_t b, size_t e, std::string_view extra) {
  if (b == kNpos || b >= e) return "";
  std::string_view sv(v.norm.data() + b, e - b);
  sv = text::Trim(sv, extra);
  size_t nb = static_cast<size_t>(sv.data() - v.norm.data());
  return v.Slice(nb, nb + sv.size());
}
std::string Cut(const text::AsciiView& v, Span sp, std::string_view extra) {
  return sp.empty() ? std::string() : Cut(v, sp.b, sp.e, extra);
}

std::optional<int> Year(const std::string& s, Span sp) {
  if (sp.empty() || sp.e - sp.b != 4) return std::nullopt;
  for (size_t i = sp.b; i < sp.e; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;  // "e212": a page
  }
  int y = std::stoi(s.substr(sp.b, 4));
  if (y < 1600 || y > 2099) return std::nullopt;
  return y;
}

}  // namespace internal

namespace {

using text::AsciiView;
using internal::Cut;
using internal::kNpos;
using internal::Search;
using internal::SourceBlock;
using internal::Span;
using text::Trim;
using internal::Year;


// Where the bibliographic body ends: the first identifier (DOI, PMID, PMCID,
// arXiv), URL or access note.
size_t BodyEnd(const std::string& s) {
  static const RE2 re(
      R"((?i)(\bdoi\b\s*:?|https?://|\bwww\.|\bpmid\s*:|\bpmid\s+\d|\bpmcid\b|\bPMC\d{5,}|)"
      R"(\bavailable\s+(?:from|at|online)\b|\[\s*(?:accessed|cited)\b|\b(?:accessed|updated)\s+(?:on\s+)?[A-Z0-9]|\bepub\b|\bretrieved\s+from\b|)"
      R"(\burl\s*:|\barxiv\s*:|\b10\.\d{4,9}/))");
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
size_t ParseAuthors(const text::AsciiView& v, size_t b, size_t e, Reference* r) {
  std::vector<std::string> authors, listed;
  bool et_al = false, listed_et_al = false;
  size_t end = internal::FindAuthorEnd(v.norm, b, e);
  bool dotted = end != kNpos && internal::SplitAuthors(v, b, end, &authors, &et_al);
  // A comma-separated name list that stops earlier wins: the full-stop
  // block ran into the title or journal ("A. B. Name, Title, J. Phys. 1").
  size_t list_end = internal::ScanNameList(v.norm, b, e);
  size_t after;
  // "Jonathan E. Glixon,": the full stop of an initial, the family name after it.
  bool extends = false;
  bool vancouver = false;  // "Matsuo Y, Suzuki M": undotted initials after family names
  if (authors.size() >= 2) {
    const std::string& prev = authors[authors.size() - 2];
    size_t sp = prev.rfind(' ');
    std::string_view last = sp == std::string::npos ? std::string_view() : std::string_view(prev).substr(sp + 1);
    vancouver = !last.empty() && last.size() <= 4;
    for (char c : last) vancouver = vancouver && std::isupper(static_cast<unsigned char>(c));
  }
  // Also "A. Jokinen et al.,": the family name, then the list's "et al.".
  if (dotted && authors.size() >= 2 && !vancouver && list_end != kNpos && list_end > end + 1) {
    std::string_view tail = text::Trim(std::string_view(v.norm).substr(end + 1, list_end - end - 1));
    for (std::string_view etal : {std::string_view(" et al."), std::string_view(" et al")}) {
      if (tail.size() > etal.size() && text::EndsWith(tail, etal)) {
        tail = text::Trim(tail.substr(0, tail.size() - etal.size()));
        break;
      }
    }
    extends = tail.find(' ') == std::string_view::npos && internal::IsPersonName(tail);
  }
  if (list_end != kNpos && (!dotted || list_end < end || extends) &&
      internal::SplitAuthors(v, b, list_end, &listed, &listed_et_al)) {
    r->authors = std::move(listed);
    r->et_al = listed_et_al;
    after = list_end;
  } else if (dotted) {
    r->authors = std::move(authors);
    r->et_al = et_al;
    after = v.norm[end] == '.' ? end + 1 : end;
  } else {
    return b;
  }
  // "Harvey, Bernard G. et al. (1976)": a trailing "et al." after the block.
  static const RE2 etal(R"([\s,]*(?:et\.? al\.?|等)[,.]?)");
  std::vector<Span> g;
  Span m;
  if (Search(etal, v.norm, after, e, &g, &m, RE2::ANCHOR_START)) {
    r->et_al = true;
    after = m.e;
  }
  return after;
}

// GB/T 7714 part after the type tag: ". Journal, 2022, 387(1): 9-20".
void ParseGbTail(const text::AsciiView& v, size_t b, size_t e, Reference* r) {
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

// "Hum. Brain Mapp.": a short capitalised word whose full stop is followed,
// within two words, by another abbreviated capitalised word.
bool AbbreviationChain(const std::string& s, std::string_view word, size_t from, size_t e) {
  if (word.size() < 2 || word.size() > 5 || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
  bool lower = false;
  for (char c : word.substr(1)) lower = lower || std::islower(static_cast<unsigned char>(c));
  if (!lower) return false;
  size_t p = from;
  for (int k = 0; k < 2 && p < e; ++k) {
    while (p < e && s[p] == ' ') ++p;
    size_t q = p;
    while (q < e && std::isalpha(static_cast<unsigned char>(s[q]))) ++q;
    if (q == p || !std::isupper(static_cast<unsigned char>(s[p]))) return false;
    if (q < e && s[q] == '.' && q - p <= 6) return true;
    p = q;
  }
  return false;
}

// End of a title sentence starting at b: ". " / "? " / "! " (the last two
// kept in the title). Returns {title end, next start}.
std::pair<size_t, size_t> SentenceEnd(const std::string& s, size_t b, size_t e, bool abbrev = false) {
  for (size_t i = b; i < e; ++i) {
    char c = s[i];
    if (c != '.' && c != '?' && c != '!') continue;
    bool spaced = i + 1 >= e || s[i + 1] == ' ';
    if (!spaced && !(c != '.' && s[i + 1] >= 'A' && s[i + 1] <= 'Z')) continue;
    if (c == '.' && i + 2 < e && s[i + 2] >= 'a' && s[i + 2] <= 'z') continue;
    if (c == '.' && abbrev) {
      size_t w = i;
      while (w > b && std::isalpha(static_cast<unsigned char>(s[w - 1]))) --w;
      std::string_view word(s.data() + w, i - w);
      if (internal::IsAbbreviation(word) || AbbreviationChain(s, word, i + 1, e)) continue;
    }
    return {c == '.' ? i : i + 1, i + 1};
  }
  return {kNpos, kNpos};
}

// Title and journal from the text between the authors and the numbers:
// the last sentence is the journal, the rest the title ("Title. More
// title. Journal"); in a single sentence the last comma part is the journal
// ("Title, Journal") when a title exists.
void SplitTitleJournal(const text::AsciiView& v, size_t b, size_t e, bool have_title, Reference* r) {
  const std::string& s = v.norm;
  std::vector<std::pair<size_t, size_t>> sentences;  // [start, end)
  size_t pos = b;
  while (pos < e) {
    while (pos < e && s[pos] == ' ') ++pos;
    if (pos >= e) break;
    auto [end, next] = SentenceEnd(s, pos, e, true);
    if (end == kNpos) {
      sentences.push_back({pos, e});
      break;
    }
    sentences.push_back({pos, end});
    pos = next;
  }
  if (sentences.empty()) return;
  for (auto& [sb, se] : sentences) {
    while (se > sb && std::string_view(" ,;:").find(s[se - 1]) != std::string_view::npos) --se;
  }
  auto [jb, je] = sentences.back();
  if (sentences.size() >= 2) {
    if (!have_title) r->title = Cut(v, sentences.front().first, sentences[sentences.size() - 2].second, ",");
    r->journal = Cut(v, jb, je, ".,;:");
    return;
  }
  if (!have_title) {
    // The last comma, spaced as printed or not ("Title ,Phys .Rev .Lett"),
    // when a capitalised word follows it.
    size_t comma = je > jb ? s.rfind(',', je - 1) : std::string::npos;
    size_t next = comma == std::string::npos ? je : comma + 1;
    while (next < je && s[next] == ' ') ++next;
    if (comma != std::string::npos && comma > jb && next < je &&
        (std::isupper(static_cast<unsigned char>(s[next])) || static_cast<unsigned char>(s[next]) >= 0x80)) {
      r->title = Cut(v, jb, comma, ",.");
      jb = next;
    } else if (comma == std::string::npos || comma < jb) {
      // Vancouver strings that lost the full stop between title and journal:
      // "Lymphocyte homing and homeostasis Science 1996; ...": the journal is
      // the run of at most four capitalised words that ends the sentence,
      // after a title that ends in a lower-case word.
      std::vector<size_t> starts;  // word starts in [jb, je)
      for (size_t i = jb; i < je; ++i) {
        if (s[i] != ' ' && (i == jb || s[i - 1] == ' ')) starts.push_back(i);
      }
      size_t run = 0;
      while (run < starts.size() && run < 5 &&
             std::isupper(static_cast<unsigned char>(s[starts[starts.size() - 1 - run]]))) {
        ++run;
      }
      if (run >= 1 && run <= 4 && starts.size() >= run + 3) {
        size_t before = starts[starts.size() - 1 - run];
        if (std::islower(static_cast<unsigned char>(s[before]))) {
          size_t jstart = starts[starts.size() - run];
          r->title = Cut(v, jb, jstart, ",.");
          jb = jstart;
        }
      }
    }
  }
  r->journal = Cut(v, jb, je, ".,;:");
}

// A quoted title at b ("..." or '...'): fills the title, returns the end.
size_t QuotedTitle(const text::AsciiView& v, size_t b, size_t e, Reference* r) {
  const std::string& s = v.norm;
  if (b >= e || (s[b] != '"' && s[b] != '\'')) return kNpos;
  char q = s[b];
  for (size_t i = b + 1; i < e; ++i) {
    if (s[i] != q) continue;
    char next = i + 1 < e ? s[i + 1] : ' ';
    if (q == '\'' && !(next == ' ' || next == ',' || next == '.' || s[i - 1] == ',' || s[i - 1] == '.')) continue;
    r->title = Cut(v, b + 1, i, ",.");
    return i + 1;
  }
  return kNpos;
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

// Drops what a DOI pattern swallows from run-on text: "...551(2019)",
// "....url", ".pmid:123", "[doi]".
std::string CleanDoi(std::string d) {
  // A "(year)" followed by more of the DOI stays: "10.1007/JHEP04(2017)134";
  // so does an SICI's "(SICI)".
  static const RE2 tail(
      R"((?i)(\.url.*|\.pmid.*|\.pmcid.*|\[[a-z]*\]?|,\s*arxiv.*|\((?:19|20)\d{2}\)(?:[^0-9a-z].*)?|\($)$)");
  static const RE2 word(R"((?i)(\([a-z]{3,}.*)$)");
  static const RE2 sici(R"((?i)/\(sici\))");
  std::string before;
  do {
    before = d;
    RE2::Replace(&d, tail, "");
    if (!RE2::PartialMatch(d, sici)) RE2::Replace(&d, word, "");
    while (!d.empty() && std::string_view(".,;:").find(d.back()) != std::string_view::npos) d.pop_back();
  } while (d != before);
  return d;
}

}  // namespace

Reference internal::ParseByRules(std::string_view input) {
  Reference r;
  r.raw = text::FoldWhitespace(input);
  std::string text = internal::SeparateLeadingNames(r.raw);
  internal::ReattachPunctuation(&text);
  text::AsciiView v(std::move(text));
  const std::string& s = v.norm;
  r.nct = text::FindNctIds(s);
  r.pmid = text::FindPmid(s);
  r.pmcid = text::FindPmcid(s);
  auto dois = text::FindDois(s);
  if (!dois.empty()) r.doi = CleanDoi(dois.front());
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
  static const RE2 apa_year(R"([\s,]*\(?((?:1[89]|20)\d{2})[a-z]?\)?\s*[.,:]?)");
  std::vector<Span> g;
  Span m;
  if (t > 0 && Search(apa_year, s, t, end, &g, &m, RE2::ANCHOR_START)) {
    r.year = Year(s, g[0]);
    t = m.e;
  }
  while (t < end && std::string_view(" ,.:;").find(s[t]) != std::string_view::npos) ++t;
  auto year = r.year;
  size_t q = QuotedTitle(v, t, end, &r);
  if (q != kNpos) t = q;
  static const RE2 final_year(R"([.,;]\s*((?:1[89]|20)\d{2})[a-z]?\s*$)");
  SourceBlock src = ParseSource(v, t, end, &r);
  if (year) r.year = year;
  if (!src.journal.empty()) {
    r.journal = Cut(v, src.journal, ".,;:");
    if (q == kNpos) r.title = Cut(v, t, src.pre_end, ".,;:");
  } else if (src.pre_end != kNpos) {
    SplitTitleJournal(v, t, src.pre_end, q != kNpos, &r);
  } else if (Search(final_year, s, t, end, &g, &m)) {
    // "Title. Journal. 2013." / "Title. Publisher; 2016."
    if (!r.year) r.year = Year(s, g[0]);
    Reference probe;
    SplitTitleJournal(v, t, m.b, q != kNpos, &probe);
    if (q == kNpos) r.title = probe.title.empty() ? probe.journal : probe.title;
    if (!probe.title.empty() || q != kNpos) r.journal = probe.journal;
  } else if (q == kNpos) {
    auto [title_end, next] = SentenceEnd(s, t, end, true);
    r.title = Cut(v, t, title_end == kNpos ? end : title_end, ",.");
  }
  if (!r.year) YearAfterBody(s, end, &r);
  internal::DropImprint(&r.title);
  return r;
}

}  // namespace ckb::citations
