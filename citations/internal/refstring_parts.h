// SPDX-License-Identifier: GPL-3.0-or-later
// Pieces of the reference-string parser shared between its files: spans and
// regex search over the ASCII view, the number block (refstring_numbers.cc),
// the author-block scanner and author-list splitter, and the repairs of
// printed text made before parsing (refstring_repair.cc).
#pragma once

#include <re2/re2.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/text_util.h"
#include "citations/refstring.h"

// Pages as printed: "9-20", "e212-e219", "1550033" (one capture group).
#define CKB_PAGES R"(([A-Za-z]?\d+[A-Za-z]?(?:\s*-+\s*[A-Za-z]?\d+[A-Za-z]?)?))"

namespace ckb::citations::internal {

inline constexpr size_t kNpos = static_cast<size_t>(-1);

// The rule parser alone (ParseReferenceString adds the learned tagger).
Reference ParseByRules(std::string_view raw);

// A byte range [b, e) of the ASCII view; empty when unset.
struct Span {
  size_t b = kNpos, e = kNpos;
  bool empty() const { return b == kNpos || b >= e; }
};

// Search of `re` in s[b, e) (unanchored unless `anchor`); fills one Span per
// capture group.
bool Search(const RE2& re, const std::string& s, size_t b, size_t e, std::vector<Span>* groups,
            Span* whole, RE2::Anchor anchor = RE2::UNANCHORED);
// The original text of norm[b, e) trimmed of spaces and `extra`.
std::string Cut(const text::AsciiView& v, size_t b, size_t e, std::string_view extra = "");
std::string Cut(const text::AsciiView& v, Span sp, std::string_view extra = "");
// The year 1600-2099 printed as the four digits of `sp`.
std::optional<int> Year(const std::string& s, Span sp);

// Where ParseSource found the numbers: the text before `pre_end` holds
// title and journal; when the journal sits inside the numbers ("2004, MNRAS,
// 351, 399") it is `journal`.
struct SourceBlock {
  size_t pre_end = kNpos;
  Span journal;
};
// Volume, issue, pages and year of non-GB styles, searched in norm[b, e).
SourceBlock ParseSource(const text::AsciiView& v, size_t b, size_t e, Reference* r);

// Korean author-year heads join the names with full stops and glue the year
// to the last one ("류미영.한선관 (2019).", "이양복(2019)."): in the first word
// of `s`, a full stop between two Hangul syllables becomes ", " and a
// "(year)" glued to a letter gets a space before it. Returns `s` otherwise
// as printed.
std::string SeparateLeadingNames(const std::string& s);
// PDF text detaches full stops and commas from their word and glues them to
// the next ("fit .Comm .Partial", "theory ,Phys"): each " .X" / " ,X" before
// a letter becomes ". X" / ", X", in place (same length, offsets unchanged).
void ReattachPunctuation(std::string* text);
// Cuts a book's imprint in brackets ending in ", year" from the end of a
// title: "Title (Springer, New York, 1986)" -> "Title".
void DropImprint(std::string* title);

// Position of the '.' (or of the "(" of an APA "(2009)") that ends the author
// block within norm[b, e); kNpos when none is found.
size_t FindAuthorEnd(const std::string& s, size_t b, size_t e);

// End of a comma-separated list of personal names starting at b (the
// position after the last name, or after "et al."); kNpos when the text
// does not start with a name.
size_t ScanNameList(const std::string& s, size_t b, size_t e);
bool IsPersonName(std::string_view chunk);
bool IsInitialsOnly(std::string_view chunk);
// Journal-name abbreviations whose full stop does not end a sentence ("Phys").
bool IsAbbreviation(std::string_view w);

// Splits the author block view.norm[b, e) into names as printed. Sets
// *et_al for "et al." / "等" (which are not authors). Returns false when the
// block does not look like a list of names.
bool SplitAuthors(const text::AsciiView& view, size_t b, size_t e, std::vector<std::string>* authors,
                  bool* et_al);

}  // namespace ckb::citations::internal
