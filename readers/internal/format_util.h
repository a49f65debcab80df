// SPDX-License-Identifier: GPL-3.0-or-later
// Small text helpers shared by the format parsers: whitespace folding, years,
// dates, month names, identifier clean-up and file-name tests. Module-private.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/text_util.h"

namespace ckb::readers {

// Collapses runs of whitespace (ASCII and U+00A0) to one space and trims.
using text::FoldWhitespace;
std::string Trim(std::string_view s);
using text::LowerAscii;
std::string UpperAscii(std::string_view s);
using text::EndsWith;
using text::StartsWith;
// Case-insensitive ASCII comparison.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Drops a leading UTF-8 byte-order mark.
std::string_view StripBom(std::string_view s);

// The first plausible year (1500..2199) standing alone in `s`.
std::optional<int> FindYear(std::string_view s);
// "Jan", "january", "01", "1" -> 1..12; 0 when unknown.
int MonthNumber(std::string_view s);
// Builds "YYYY", "YYYY-MM" or "YYYY-MM-DD" from parts (empty parts stop the date).
std::string IsoDate(std::string_view year, std::string_view month, std::string_view day);
// "2018-12-07", "2018/12/07", "2018 Dec 7", "December 7, 2018", "December 2018"
// -> ISO form with as many parts as known; empty when no year.
std::string NormalizeDate(std::string_view s);

// "PMID: 123" / "123" -> "123"; empty unless the value is 1-9 digits.
std::string NormalizePmid(std::string_view s);
// "PMC123", "pmc123", "123" (when `bare_digits_ok`) -> "PMC123"; else empty.
std::string NormalizePmcid(std::string_view s, bool bare_digits_ok = true);

// Registry phase forms -> "1", "1/2", "early 1", "n/a", ... (see Trial::phase).
std::string NormalizePhase(std::string_view s);

// File name, lower case, without a trailing compression suffix
// (".gz", ".zst", ".bz2", ".xz") and without any "archive:" prefix.
std::string LogicalName(std::string_view filename);
// True when LogicalName(filename) ends with one of `exts` (".xml", ...).
bool HasExtension(std::string_view filename, const std::vector<std::string>& exts);

// Display form of a person: "Family Given". Given names made only of
// initials are compacted ("J. B." -> "JB"); full given names stay.
std::string PersonName(std::string_view family, std::string_view given);
// "Family, Given" (RIS, BibTeX) -> PersonName; a name without a comma is
// returned folded as written.
std::string PersonFromCommaForm(std::string_view s);

// Whether the input starts, after a BOM and whitespace, with `c` ('<' for
// XML, '{' for JSON); used by the sniffers so that prose mentioning tags
// (a README quoting "<PubmedArticleSet>") is not taken for data.
bool StartsWithChar(std::string_view head, char c);

// Appends `s` unless empty or already present.
void AddUnique(std::vector<std::string>* v, std::string s);

}  // namespace ckb::readers
