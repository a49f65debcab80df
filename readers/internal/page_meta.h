// SPDX-License-Identifier: GPL-3.0-or-later
// Article metadata lines of a journal web page ("Journal ›› 2026, Vol. 53 ››
// Issue (1): 53-56.doi: ...", "• Review •", author line, "Received:" ...).
#pragma once

#include <string>
#include <string_view>

#include "kb/model.h"

namespace ckb::readers::internal {

// Collects the article's own metadata from the non-list lines of a page.
class PageMetaReader {
 public:
  explicit PageMetaReader(Work* work) : work_(work) {}
  // Offers one trimmed line; returns true when it was used as metadata.
  bool Line(std::string_view line);
  // True once anything about the article itself was found.
  bool found() const { return found_; }
  // Language detection and other final touches.
  void Finish();

 private:
  bool Header(std::string_view line);
  bool TypeLine(std::string_view line);
  bool Label(std::string_view line);
  void Authors(std::string_view line);
  void FromCitation(std::string_view text);

  Work* work_;
  bool found_ = false;
  bool expect_authors_ = false;
  bool expect_contact_ = false;
};

}  // namespace ckb::readers::internal
