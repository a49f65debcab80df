// SPDX-License-Identifier: GPL-3.0-or-later
// Database exports as CSV/TSV: which database wrote a file (from its header
// row), and one row of each to a Document (docs/FORMATS.md has the column
// mapping per database). Module-private.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"
#include "readers/internal/csv.h"

namespace ckb::readers {

enum class CsvVendor { kUnknown, kScopus, kPubmed, kEmbase, kWosTab, kLens };

// The columns of a header row, matched case-insensitively.
class CsvColumns {
 public:
  explicit CsvColumns(const std::vector<std::string>& header);
  bool Has(std::string_view name) const;
  size_t size() const { return names_.size(); }
  // The header's names as written (trimmed), in column order.
  const std::vector<std::string>& names() const { return names_; }
  // The trimmed value of column `name` in `row`; "" when there is no such
  // column or the row is shorter.
  std::string Get(const CsvRow& row, std::string_view name) const;
  // The first non-empty of several columns.
  std::string First(const CsvRow& row, std::initializer_list<const char*> names) const;

 private:
  std::vector<std::string> names_;
  std::map<std::string, size_t> index_;
};

// The database whose export layout `header` is, or kUnknown. `delimiter`
// is the file's (Web of Science tab-delimited files use '\t').
CsvVendor DetectCsvVendor(const CsvColumns& header, char delimiter);
// "Scopus", "PubMed", "Embase", "Web of Science", "Lens"; "" for kUnknown.
const char* CsvVendorName(CsvVendor vendor);

Document MapScopusRow(const CsvColumns& c, const CsvRow& row);
Document MapPubmedCsvRow(const CsvColumns& c, const CsvRow& row);
Document MapEmbaseRow(const CsvColumns& c, const CsvRow& row);
Document MapLensRow(const CsvColumns& c, const CsvRow& row);
// Web of Science tab-delimited: columns are the field tags (wos_map.cc).
Document MapWosTabRow(const CsvColumns& c, const CsvRow& row);

// Helpers shared by the row mappers.
// Splits on `sep`, trimming each part and dropping empty ones; separators
// inside parentheses or brackets do not split ("a (b, c), d" -> 2 parts).
std::vector<std::string> SplitOutsideParens(std::string_view s, std::string_view sep);
// The people of a list column ("Liu R., Adler D.G." at ",", "Doe, J; Roe, A"
// at ";"), each through PersonFromCommaForm.
std::vector<std::string> PersonList(std::string_view s, std::string_view sep);
// Percent-decoding of a URL component ("%2F" -> "/", "+" -> " ").
std::string UrlDecode(std::string_view s);
// "152", "160" -> "152-160"; the start alone when the end is empty or equal.
std::string PageRange(const std::string& first, const std::string& last);

}  // namespace ckb::readers
