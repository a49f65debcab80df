// SPDX-License-Identifier: GPL-3.0-or-later
// An article's metadata, sections and reference list from the lines of a
// PDF in reading order (pdf_layout.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kb/model.h"
#include "readers/internal/pdf_layout.h"

namespace ckb::readers::internal {

// What the PDF's document information dictionary and XMP packet say.
struct PdfInfo {
  std::string title, author, subject, keywords;
  std::string xmp;  // the XMP metadata packet, UTF-8
  std::string first_page_raw;  // page 1 with its running header and footer
};

// Builds the Document. `diag(page, message)` receives per-entry problems
// (page 1-based, 0 for the whole file).
Document ArticleFromLines(const std::vector<PdfLine>& lines, const PdfInfo& info,
                          const std::function<void(int, std::string)>& diag);

}  // namespace ckb::readers::internal
