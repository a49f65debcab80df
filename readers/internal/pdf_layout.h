// SPDX-License-Identifier: GPL-3.0-or-later
// Page layout of a PDF's text layer: words to lines, lines in reading order
// across one- and two-column pages, running headers, footers, page and line
// numbers dropped, ligatures and soft hyphens expanded. Independent of the
// PDF library: the reader (pdf.cc) fills PdfPage from poppler's text boxes.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ckb::readers::internal {

// One word as the PDF library reports it; y grows downwards.
struct PdfWord {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0;  // font size, points
  bool bold = false;
  bool space_after = true;
  std::string text;  // UTF-8
};

struct PdfPage {
  double width = 0, height = 0;
  std::vector<PdfWord> words;  // in content-stream order
};

// One line of text in reading order.
struct PdfLine {
  int page = 0;    // 0-based
  int column = 0;  // 0 left or only column, 1 right column, -1 spanning both
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0;  // the line's dominant font size
  bool bold = false;
  std::string text;
};

// Expands ligatures (U+FB00..FB06) and drops soft hyphens (U+00AD) and
// zero-width characters.
std::string ExpandLigatures(std::string_view s);

// The document's lines in reading order, furniture removed.
std::vector<PdfLine> LayOut(const std::vector<PdfPage>& pages);

// The document's words, lower case, and the hyphenated pairs it prints
// ("health-related"), to tell a broken word from a compound at a line end.
using Vocabulary = std::unordered_set<std::string>;
Vocabulary BuildVocabulary(const std::vector<PdfLine>& lines);

// Appends `next` to `text`, rejoining a word hyphenated across the break
// ("treat-" + "ment" -> "treatment"; "10.1186/1472-" + "6831" and
// "cross-" + "cultural" keep the hyphen; see KeepHyphen in pdf_layout.cc).
void JoinLine(std::string* text, std::string_view next, const Vocabulary* vocab = nullptr);

// The most common font size of the lines, weighted by characters.
double BodyFontSize(const std::vector<PdfLine>& lines);

}  // namespace ckb::readers::internal
