// SPDX-License-Identifier: GPL-3.0-or-later
// Abbreviations defined in a text ("trastuzumab deruxtecan (T-DXd)",
// "acute kidney injury (AKI)") carry the long form's entity to every later
// use of the short form in the same text, except where the short form
// names a gene ("VHL gene", "PAX6 mutations").
#pragma once

#include <string_view>
#include <vector>

#include "kb/model.h"

namespace ckb::indexer {

// For each mention of a type in `types` directly followed by "(SHORT)",
// where SHORT is 2-10 characters with a letter and an upper-case letter or
// digit, adds a mention for every whole-word occurrence of SHORT (as
// written) that no existing mention overlaps. Offsets are code points.
void PropagateAbbreviations(std::u32string_view text, const std::vector<std::string_view>& types,
                            std::vector<Mention>* mentions);

}  // namespace ckb::indexer
