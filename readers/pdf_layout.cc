// SPDX-License-Identifier: GPL-3.0-or-later
// Words to lines to reading order for PDF pages (see pdf_layout.h).
#include "readers/internal/pdf_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace ckb::readers::internal {
namespace {

double Overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

// Consecutive words on one baseline with a small gap form one line fragment.
// Superscripts overlap most of their own height with the line and stay in it.
std::vector<PdfLine> Fragments(const PdfPage& page, int page_no) {
  std::vector<PdfLine> out;
  std::map<double, double> sizes;  // size -> characters, of the open fragment
  bool prev_space = true;
  auto close_sizes = [&]() {
    if (out.empty() || sizes.empty()) return;
    double best = 0, n = -1;
    for (auto& [s, c] : sizes) {
      if (c > n) best = s, n = c;
    }
    out.back().size = best;
    sizes.clear();
  };
  for (const PdfWord& w : page.words) {
    if (w.text.empty()) continue;
    double h = std::max(w.y1 - w.y0, 0.1);
    bool join = false;
    if (!out.empty()) {
      PdfLine& l = out.back();
      double lh = std::max(l.y1 - l.y0, 0.1);
      double gap = w.x0 - l.x1;
      double ov = Overlap(l.y0, l.y1, w.y0, w.y1);
      double em = std::max(w.size, 1.0);
      join = ov > 0.5 * std::min(h, lh) && gap > -0.5 * em && gap < 1.2 * em;
    }
    if (join) {
      PdfLine& l = out.back();
      if (prev_space || w.x0 - l.x1 > 0.15 * std::max(w.size, 1.0)) l.text += ' ';
      l.text += w.text;
      l.x1 = std::max(l.x1, w.x1);
      l.y0 = std::min(l.y0, w.y0);
      l.y1 = std::max(l.y1, w.y1);
      l.bold = l.bold && w.bold;
    } else {
      close_sizes();
      PdfLine l;
      l.page = page_no;
      l.x0 = w.x0, l.y0 = w.y0, l.x1 = w.x1, l.y1 = w.y1;
      l.bold = w.bold;
      l.text = w.text;
      out.push_back(std::move(l));
    }
    sizes[std::round(w.size * 2) / 2] += static_cast<double>(w.text.size());
    prev_space = w.space_after;
  }
  close_sizes();
  return out;
}

// The x of a column gutter: an empty vertical strip in the middle of the page
// with lines on both sides, or 0 for a one-column page.
double Gutter(const std::vector<PdfLine>& lines, double width) {
  if (lines.size() < 4 || width <= 0) return 0;
  double best = 0;
  size_t best_cross = lines.size();
  for (double x = width * 0.3; x <= width * 0.7; x += 2) {
    size_t cross = 0, left = 0, right = 0;
    for (const PdfLine& l : lines) {
      if (l.x0 < x && l.x1 > x) ++cross;
      else if (l.x1 <= x) ++left;
      else if (l.x0 >= x) ++right;
    }
    // A balanced last page may hold two lines a column.
    if (left >= 2 && right >= 2 && cross < best_cross) best = x, best_cross = cross;
  }
  if (best == 0 || best_cross * 5 > lines.size()) return 0;
  return best;
}

// Joins the fragments of one column that share a baseline (a justified line
// split at wide spaces) into one line, left to right.
std::vector<PdfLine> MergeRows(std::vector<PdfLine> frags) {
  std::stable_sort(frags.begin(), frags.end(), [](const PdfLine& a, const PdfLine& b) { return a.y0 < b.y0; });
  std::vector<PdfLine> out;
  size_t i = 0;
  while (i < frags.size()) {
    size_t j = i + 1;
    double y0 = frags[i].y0, y1 = frags[i].y1;
    while (j < frags.size() && Overlap(y0, y1, frags[j].y0, frags[j].y1) >
                                   0.5 * std::min(y1 - y0, frags[j].y1 - frags[j].y0)) {
      ++j;
    }
    std::stable_sort(frags.begin() + static_cast<long>(i), frags.begin() + static_cast<long>(j),
                     [](const PdfLine& a, const PdfLine& b) { return a.x0 < b.x0; });
    PdfLine row = std::move(frags[i]);
    double widest = row.x1 - row.x0;
    for (size_t k = i + 1; k < j; ++k) {
      PdfLine& f = frags[k];
      row.text += ' ' + f.text;
      if (f.x1 - f.x0 > widest) widest = f.x1 - f.x0, row.size = f.size;
      row.x1 = std::max(row.x1, f.x1);
      row.y0 = std::min(row.y0, f.y0);
      row.y1 = std::max(row.y1, f.y1);
      row.bold = row.bold && f.bold;
    }
    out.push_back(std::move(row));
    i = j;
  }
  return out;
}

// Orders one page: bands separated by lines that span the gutter, within a
// band the left column, then the right.
void OrderPage(std::vector<PdfLine>* lines, double width) {
  double g = Gutter(*lines, width);
  for (PdfLine& l : *lines) l.column = g == 0 || l.x1 <= g ? 0 : l.x0 >= g ? 1 : -1;
  std::vector<PdfLine> cols[3];
  for (PdfLine& l : *lines) cols[l.column + 1].push_back(std::move(l));
  for (auto& c : cols) c = MergeRows(std::move(c));
  // Spanning lines cut the page into bands; each band reads left, then right.
  std::vector<PdfLine> out;
  size_t li = 0, ri = 0;
  auto column_until = [&](std::vector<PdfLine>& c, size_t* at, double y) {
    while (*at < c.size() && c[*at].y0 < y) out.push_back(std::move(c[(*at)++]));
  };
  for (PdfLine& span : cols[0]) {
    column_until(cols[1], &li, span.y0);
    column_until(cols[2], &ri, span.y0);
    out.push_back(std::move(span));
  }
  column_until(cols[1], &li, 1e18);
  column_until(cols[2], &ri, 1e18);
  *lines = std::move(out);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Text with digit runs folded, so "Page 3 of 9" repeats as "Page # of #".
std::string Shape(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool d = c >= '0' && c <= '9';
    if (d && !out.empty() && out.back() == '#') continue;
    out += d ? '#' : c;
  }
  return out;
}

// Running headers and footers: in the top or bottom 9% of the page, the same
// text shape at about the same height on at least half of the pages; page
// numbers ("3", "3/9", "Page 3") there; line numbers in the side margins.
bool Furniture(const PdfLine& l, const PdfPage& page, const std::map<std::string, std::set<int>>& repeats,
               int npages) {
  double h = page.height > 0 ? page.height : 792;
  double w = page.width > 0 ? page.width : 612;
  bool margin = l.y1 < h * 0.09 || l.y0 > h * 0.91;
  std::string s = Shape(l.text);
  if (margin) {
    if (s == "#" || s == "#/#" || s == "# / #" || s == "Page #" || s == "- # -" || s == "Page # of #") return true;
    auto it = repeats.find(std::to_string(static_cast<int>(l.y0 / 4)) + "|" + s);
    if (it != repeats.end() && it->second.size() >= 2 && static_cast<int>(it->second.size()) * 2 >= npages) {
      return true;
    }
  }
  bool side = l.x1 < w * 0.1 || l.x0 > w * 0.9;
  return side && AllDigits(l.text) && l.text.size() <= 4;
}

// "cross-" in "cross-\ncultural": a prefix that keeps its hyphen.
bool CompoundPrefix(const std::string& text) {
  size_t sp = text.find_last_of(" (/");
  std::string word = text.substr(sp == std::string::npos ? 0 : sp + 1);
  static const char* const kPrefixes[] = {"cross-", "non-", "self-", "well-", "co-", "pre-", "post-", "multi-",
                                          "inter-", "intra-", "semi-", "long-", "short-", "high-", "low-",
                                          "open-", "double-", "single-", "follow-", "first-", "second-",
                                          "third-", "full-", "part-", "anti-", "meta-", "re-"};
  for (const char* p : kPrefixes) {
    if (word.size() >= std::strlen(p) && word.compare(word.size() - std::strlen(p), std::string::npos, p) == 0 &&
        (word.size() == std::strlen(p) || word[word.size() - std::strlen(p) - 1] == '-')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string ExpandLigatures(std::string_view s) {
  static const char* const kLig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    // U+FB00..FB06: EF AC 80..86.
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAC) {
      auto d = static_cast<unsigned char>(s[i + 2]);
      if (d >= 0x80 && d <= 0x86) {
        out += kLig[d - 0x80];
        i += 2;
        continue;
      }
    }
    // U+00AD soft hyphen (C2 AD), U+200B zero-width space (E2 80 8B).
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAD) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x8B) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

namespace {

std::string LowerAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The letters of `s` before its last `end` bytes, back to a non-letter.
std::string TailWord(const std::string& s, size_t end) {
  size_t i = end;
  while (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) --i;
  return s.substr(i, end - i);
}

std::string HeadWord(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
  return std::string(s.substr(0, i));
}

// Keeps the hyphen of "word-\nword" when the document spells the pair with a
// hyphen elsewhere, or the first part is a prefix that keeps one; drops it
// when the document has the joined word, and by default.
bool KeepHyphen(const std::string& text, std::string_view next, const Vocabulary* vocab) {
  std::string a = LowerAscii(TailWord(text, text.size() - 1)), b = LowerAscii(HeadWord(next));
  if (vocab && !a.empty() && !b.empty()) {
    if (vocab->count(a + b)) return false;
    if (vocab->count(a + "-" + b)) return true;
  }
  return CompoundPrefix(LowerAscii(text));
}

}  // namespace

Vocabulary BuildVocabulary(const std::vector<PdfLine>& lines) {
  Vocabulary v;
  for (const PdfLine& l : lines) {
    std::string t = LowerAscii(l.text);
    size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && !std::isalpha(static_cast<unsigned char>(t[i]))) ++i;
      size_t j = i;
      while (j < t.size() && (std::isalpha(static_cast<unsigned char>(t[j])) || t[j] == '-')) ++j;
      if (j == t.size() && j > i && t[j - 1] == '-') break;  // broken at the line end
      std::string word = t.substr(i, j - i);
      while (!word.empty() && word.back() == '-') word.pop_back();
      if (!word.empty()) v.insert(word);
      // "oral-health-related" also vouches for "oral-health" and "health-related".
      size_t h = 0;
      std::vector<std::string> parts;
      for (size_t k = 0; k <= word.size(); ++k) {
        if (k == word.size() || word[k] == '-') parts.push_back(word.substr(h, k - h)), h = k + 1;
      }
      for (size_t k = 0; k + 1 < parts.size(); ++k) v.insert(parts[k] + "-" + parts[k + 1]);
      i = j;
    }
  }
  return v;
}

void JoinLine(std::string* text, std::string_view next, const Vocabulary* vocab) {
  if (next.empty()) return;
  if (text->empty()) {
    *text = std::string(next);
    return;
  }
  size_t n = text->size();
  if ((*text)[n - 1] == '-' && n >= 2) {
    auto before = static_cast<unsigned char>((*text)[n - 2]);
    auto after = static_cast<unsigned char>(next[0]);
    if (std::isalpha(before) && std::islower(after) && !KeepHyphen(*text, next, vocab)) {
      text->pop_back();  // a word broken at the line end
    }
    *text += next;  // a hyphen in a DOI, a page range or a compound stays
    return;
  }
  // A URL or DOI broken after '/' or '.' continues without a space.
  char last = (*text)[n - 1];
  bool link = (last == '/' || last == '.') && text->rfind("doi", std::string::npos) != std::string::npos &&
              text->find(' ', text->rfind("doi")) == std::string::npos && next[0] != ' ' &&
              !std::isupper(static_cast<unsigned char>(next[0]));
  if (!link) *text += ' ';
  *text += next;
}

double BodyFontSize(const std::vector<PdfLine>& lines) {
  std::map<double, size_t> chars;
  for (const PdfLine& l : lines) chars[std::round(l.size * 2) / 2] += l.text.size();
  double best = 0;
  size_t n = 0;
  for (auto& [s, c] : chars) {
    if (c > n) best = s, n = c;
  }
  return best;
}

std::vector<PdfLine> LayOut(const std::vector<PdfPage>& pages) {
  std::vector<std::vector<PdfLine>> per_page;
  std::map<std::string, std::set<int>> repeats;  // "y-bucket|shape" -> pages
  for (size_t p = 0; p < pages.size(); ++p) {
    std::vector<PdfLine> lines = Fragments(pages[p], static_cast<int>(p));
    for (PdfLine& l : lines) l.text = ExpandLigatures(l.text);
    for (const PdfLine& l : lines) {
      std::string s = Shape(l.text);
      // Neighbouring buckets too, so a header drifting a point still repeats.
      int b = static_cast<int>(l.y0 / 4);
      for (int d = -1; d <= 1; ++d) repeats[std::to_string(b + d) + "|" + s].insert(static_cast<int>(p));
    }
    per_page.push_back(std::move(lines));
  }
  std::vector<PdfLine> out;
  int npages = static_cast<int>(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    std::vector<PdfLine> kept;
    for (PdfLine& l : per_page[p]) {
      if (!Furniture(l, pages[p], repeats, npages)) kept.push_back(std::move(l));
    }
    OrderPage(&kept, pages[p].width);
    out.insert(out.end(), std::make_move_iterator(kept.begin()), std::make_move_iterator(kept.end()));
  }
  return out;
}

}  // namespace ckb::readers::internal
