// SPDX-License-Identifier: GPL-3.0-or-later
// The number block of a printed reference: volume, issue, pages and year in
// the layouts of Vancouver, GB/T without a type tag, physics, mathematics,
// astronomy, IOP, keywords ("vol.", "no.", "pp.", Korean 권/호/쪽) and looser
// forms; where it starts tells ParseReferenceString where title and journal
// end. See internal/refstring_parts.h.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "citations/internal/refstring_parts.h"

namespace ckb::citations::internal {
namespace {

void SetNumbers(const text::AsciiView& v, const std::vector<Span>& g, int year, int vol, int issue, int pages,
                Reference* r) {
  if (year >= 0) r->year = Year(v.norm, g[static_cast<size_t>(year)]);
  if (vol >= 0) r->volume = Cut(v, g[static_cast<size_t>(vol)]);
  if (issue >= 0) r->issue = Cut(v, g[static_cast<size_t>(issue)]);
  if (pages >= 0) r->pages = Cut(v, g[static_cast<size_t>(pages)]);
}

// True when s[from, e) holds nothing but characters of `skip`.
bool OnlyFrom(const std::string& s, size_t from, size_t e, std::string_view skip) {
  for (size_t t = from; t < e; ++t) {
    if (skip.find(s[t]) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

SourceBlock ParseSource(const text::AsciiView& v, size_t b, size_t e, Reference* r) {
  const std::string& s = v.norm;
  std::vector<Span> g;
  Span m;
  SourceBlock out;
#define CKB_YEAR R"(((?:1[89]|20)\d{2}))"
  // Vancouver: "N Engl J Med. 2022 Jul 7;387(1):9-20"
  static const RE2 vancouver(
      CKB_YEAR R"([a-z]?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?)"
      R"((?:\s*-\s*(?:[A-Z][a-z]{2,8}\.?)?\s*\d{0,2})?)?\s*;\s*([^\s;:(),]+)?\s*(?:\(([^)]*)\))?)"
      R"(\s*(?:(?::|,\s*(?:pages|pp?\.))\s*)" CKB_PAGES ")?");
  // GB/T without a tag: "Journal, 2022, 387(1): 9-20"
  // The volume holds a digit: "2018, pp. 189-202" has pages, no volume.
  static const RE2 gb(R"(,\s*)" CKB_YEAR R"([a-z]?\s*,\s*([^\s,:(]*\d[^\s,:(]*)\s*(?:\(([^)]*)\))?\s*(?::\s*)" CKB_PAGES
                      ")?");
  for (const RE2* re : {&vancouver, &gb}) {
    if (Search(*re, s, b, e, &g, &m)) {
      SetNumbers(v, g, 0, 1, 2, 3, r);
      out.pre_end = m.b;
      return out;
    }
  }
  // Physics: "Nucl. Phys. B 2 (1967) 167", "Phys. Rev. Lett. 116 (2016) 061102"
  // ... and with the issue before the year: "Nonlinear Dynamics, 85 (2) (2016), 1119-1126"
  // ... "Sol. State Commn. 135, (2005), pp544-553"
  static const RE2 vol_year_page(R"((?:^|[\s,.])([A-Z]?\d+[A-Z]?)\s*,?\s*(?:\((\d+[^()]*)\)\s*)?\(\s*)" CKB_YEAR
                                 R"(\s*\)\s*[,:]?\s*(?:pp?\.?\s*)?)" CKB_PAGES);
  // "Nucl. Phys. B262, 263 (1985)", "Science 264, 1772-1775 (1994)"
  // ... "Applied Optics 38(33) 6818 (1999)": no comma after the issue;
  // "ACM Trans. Graph. 11(1) 1-39, Jan. 1992": the year after a comma.
  static const RE2 vol_page_year(R"((?:^|[\s,.])([A-Z]?\d+[A-Z]?)(?:\s*\(([^)]*)\)\s*[,:]?|\s*[,:])\s*(?:pp?\.\s*)?)"
                                 CKB_PAGES R"(\s*(?:\(|,)\s*(?:[A-Z][a-z]+\.?\s*)?)" CKB_YEAR R"((?:\s*\)|\b))");
  // The year first: "British Journal of Cancer (2004) 90, 515-521"
  static const RE2 year_vol_page(R"(\(\s*)" CKB_YEAR R"(\s*\)\s*,?\s*([A-Z]?\d+[A-Z]?)\s*(?:\(([^)]*)\))?\s*[,:]\s*)"
                                 R"((?:pp?\.\s*)?)" CKB_PAGES);
  // "Phys. Rev. D47", "Nucl .Phys .B396": the series letter glued to the
  // volume belongs to the journal ("Phys. Rev. D", volume 47) when an
  // abbreviated word runs into it; after a comma ("PhyS, T37") it is part of
  // the volume.
  auto series_letter = [&](Span vol) {
    size_t p = vol.b;
    if (p + 1 >= vol.e || !std::isupper(static_cast<unsigned char>(s[p])) ||
        !std::isdigit(static_cast<unsigned char>(s[p + 1])) || p < 2) {
      return;
    }
    size_t q = p;
    while (q > b && s[q - 1] == ' ') --q;
    if (q == b || s[q - 1] != '.') return;
    r->volume = Cut(v, p + 1, vol.e);
    out.pre_end = p + 1;
  };
  // Mathematics: "International J. Math. 7 (1996), no. 1, 47-70"
  static const RE2 vol_year_no_page(R"((?:^|[\s,.])([A-Z]?\d+[A-Z]?)\s*\(\s*)" CKB_YEAR
                                    R"(\s*\)\s*,\s*no\s*\.?\s*(\d+[A-Za-z]?)\s*,\s*(?:pp?\.\s*)?)" CKB_PAGES);
  // The three layouts compete: the one that starts first wins, so that in
  // "Phys. Rev. Lett. 115, 231301 (2015), 1503.02641" the volume is 115.
  struct Layout {
    const RE2* re;
    int year, vol, issue, pages;
  };
  const Layout layouts[] = {{&vol_year_no_page, 1, 0, 2, 3},
                            {&vol_year_page, 2, 0, 1, 3},
                            {&vol_page_year, 3, 0, 1, 2},
                            {&year_vol_page, 0, 1, 2, 3}};
  const Layout* best = nullptr;
  std::vector<Span> best_g;
  Span best_m;
  for (const Layout& l : layouts) {
    if (Search(*l.re, s, b, e, &g, &m) && (best == nullptr || m.b < best_m.b)) {
      best = &l;
      best_g = g;
      best_m = m;
    }
  }
  static const RE2 kw_vol(R"((?i)(?:^|[\s,.(])(?:vol(?:ume)?|v)\s*\.?\s*([A-Za-z]?\d+[A-Za-z]?))");
  if (best != nullptr) {
    SetNumbers(v, best_g, best->year, best->vol, best->issue, best->pages, r);
    out.pre_end = best_m.b;
    series_letter(best_g[best->vol]);
    // "Vol. 24, No. 111, pp. 713-735 (1970)": the number before the pages
    // is the issue when "No." precedes it; the volume is the keyword's.
    static const RE2 no_before(R"((?i)(?:^|[\s,.(])(?:no|nr|issue)\s*\.?\s*$)");
    std::string_view head(s.data() + b, best_g[best->vol].b - b);
    Span vm;
    std::vector<Span> vg;
    if (r->issue.empty() && RE2::PartialMatch(head, no_before) &&
        Search(kw_vol, s, b, best_m.b, &vg, &vm)) {
      r->issue = r->volume;
      r->volume = Cut(v, vg[0]);
      out.pre_end = vm.b;
    }
    return out;
  }
  // Astronomy: "2004, MNRAS, 351, 399"; IOP: "2013 Phys. Rev. Lett. 110 172504"
  static const RE2 astro(CKB_YEAR R"([a-z]?\s*,\s*([^,\d][^,]*?)\s*,\s*(\d+)\s*,\s*)" CKB_PAGES);
  static const RE2 iop(R"(\b)" CKB_YEAR R"(\s+([A-Z][^,\d]*?)\s+([A-Z]?\d+)\s+)" CKB_PAGES R"(\s*$)");
  for (const RE2* re : {&astro, &iop}) {
    if (Search(*re, s, b, e, &g, &m)) {
      SetNumbers(v, g, 0, 2, -1, 3, r);
      out.pre_end = m.b;
      out.journal = g[1];
      return out;
    }
  }
  // IOP after an author-year head that took the year: "Matta J T et al 2015
  // | Phys. Rev. Lett. 114 082501" (the search starts after the year).
  static const RE2 iop_tail(R"(\s*([A-Z][^,\d]*?)\s+([A-Z]?\d+)\s+)" CKB_PAGES R"(\s*$)");
  if (r->year && Search(iop_tail, s, b, e, &g, &m, RE2::ANCHOR_START)) {
    SetNumbers(v, g, -1, 1, -1, 2, r);
    out.pre_end = g[0].b;
    out.journal = g[0];
    return out;
  }
  // Keywords: "vol. 95, no. 4, pp. 491-542", "volume 9, No 4, pages 491-542"
  static const RE2 kw_issue(R"((?i)(?:^|[\s,.(])(?:no|nr|issue|n°)\s*\.?\s*(\d+[A-Za-z]?))");
  static const RE2 kw_pages(R"((?i)(?:^|[\s,.(])(?:pp|p|pages?)\s*[.,]?\s*)" CKB_PAGES);
  // Korean: "제22권, 제2호" or "22권 2호" (volume 22, number 2), "86-87쪽" (pages).
  static const RE2 kw_vol_ko(R"((?:^|[\s,.(])(?:제\s*)?(\d+)\s*권)");
  static const RE2 kw_issue_ko(R"((?:^|[\s,.(])(?:제\s*)?(\d+)\s*호)");
  static const RE2 kw_pages_ko(R"((?:^|[\s,.(]))" CKB_PAGES R"(\s*쪽)");  // "86-87쪽"
  size_t first = kNpos;
  for (auto [re, field] : {std::pair<const RE2*, std::string*>{&kw_vol, &r->volume},
                           {&kw_issue, &r->issue}, {&kw_pages, &r->pages},
                           {&kw_vol_ko, &r->volume}, {&kw_issue_ko, &r->issue},
                           {&kw_pages_ko, &r->pages}}) {
    if (field->empty() && Search(*re, s, b, e, &g, &m)) {
      *field = Cut(v, g[0]);
      first = std::min(first, m.b);
    }
  }
  static const RE2 year_re(R"(\(?\b)" CKB_YEAR R"([a-z]?\b\)?)");
  static const RE2 paren_year(R"(\()" CKB_YEAR R"([a-z]?\))");
  static const RE2 dated(R"(\(\s*[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2}(?:\s*-\s*\d{1,2})?,?\s+)?)" CKB_YEAR R"(\s*\))");
  if (first != kNpos && (!r->volume.empty() || !r->pages.empty())) {
    out.pre_end = first;
  } else if (Search(dated, s, b, e, &g, &m)) {
    // A newspaper's or magazine's date: "The New York Times (March 27, 1969)",
    // not volume 27, page 1969.
    if (!r->year) r->year = Year(s, g[0]);
    out.pre_end = m.b;
  } else {
    // Looser: "Journal 61(2):327-335", "Journal 61, 327-335", "Journal 2005, 61, 327"
    static const RE2 loose(
        R"((?i)(?:^|[\s,.()])(\d+[A-Za-z]?)\s*(?:\(([^)]*)\))?\s*([,:])\s*)" CKB_PAGES);
    size_t from = b;
    while (Search(loose, s, from, e, &g, &m)) {
      auto y = Year(s, g[0]);
      if (y && g[1].empty() && s[g[2].b] == ',') {  // "2005, 61" : a year, not a volume
        from = g[0].e;
        continue;
      }
      // "First Monday 5 (6), 2000": a year at the end, not a page.
      bool year_end = OnlyFrom(s, m.e, e, " .") && s[g[2].b] == ',' && Year(s, g[3]);
      SetNumbers(v, g, year_end && !r->year ? 3 : -1, 0, 1, year_end ? -1 : 3, r);
      out.pre_end = m.b;
      break;
    }
    // "Canadian Acoustics. 37(3). 144-145. 2009": an issue in brackets
    // makes a full stop or a space enough before the pages; "First Monday
    // 5 (6)." at the end: volume and issue without pages.
    static const RE2 issue_pages(R"((?:^|[\s,.])(\d+[A-Za-z]?)\s*\((\d[^()]{0,8})\)\s*[,:.]?\s*(?:pp?\.?\s*)?)" CKB_PAGES);
    static const RE2 vol_issue(R"((?:^|[\s,.])(\d+[A-Za-z]?)\s*\((\d[^()]{0,8})\))");
    if (out.pre_end == kNpos && Search(issue_pages, s, b, e, &g, &m) && !Year(s, g[0]) &&
        !Year(s, g[1]) && !Year(s, g[2])) {
      SetNumbers(v, g, -1, 0, 1, 2, r);
      out.pre_end = m.b;
    }
    for (size_t at = b; out.pre_end == kNpos && Search(vol_issue, s, at, e, &g, &m); at = m.e) {
      if (!OnlyFrom(s, m.e, e, " .,") || Year(s, g[0]) || Year(s, g[1])) continue;  // "Journal 12 (2011)"
      SetNumbers(v, g, -1, 0, 1, -1, r);
      out.pre_end = m.b;
    }
  }
  if (out.pre_end != kNpos && !r->year) {
    Span ym;
    std::vector<Span> yg;
    if (Search(year_re, s, b, out.pre_end, &yg, &ym)) {
      r->year = Year(s, yg[0]);
      if (ym.b > b) out.pre_end = ym.b;  // "Journal 2005, 61, ..." or "Journal (2005) 61"
    }
  }
  if (!r->year) {
    if (Search(paren_year, s, b, e, &g, &m) ||
        Search(year_re, s, out.pre_end == kNpos ? b : out.pre_end, e, &g, &m)) {
      r->year = Year(s, g[0]);
    }
  }
#undef CKB_YEAR
  return out;
}

}  // namespace ckb::citations::internal
