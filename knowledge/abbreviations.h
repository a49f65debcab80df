// SPDX-License-Identifier: GPL-3.0-or-later
// Abbreviations defined in a text ("trastuzumab deruxtecan (T-DXd)",
// "acute kidney injury (AKI)") carry the long form's entity to every later
// use of the short form in the same text, except where the short form
// names a gene ("VHL gene", "PAX6 mutations").
#pragma once

#include <string_view>
#include <vector>

#include "kb/model.h"

namespace ckb::knowledge {

struct AbbreviationOptions {
  // Also mention short forms used for a gene ("VHL gene"); corpora such as
  // NCBI disease annotate these as disease modifiers.
  bool gene_uses = false;
};

// For each mention of a type in `types` directly followed by "(SHORT)" (or
// "(SHORT;" / "(SHORT,"), where SHORT is 2-10 characters with a letter and
// an upper-case letter or digit:
// - the mention is widened to the left to the whole long form when SHORT's
//   letters spell the words before it ("insulin-dependent diabetes mellitus
//   (IDDM)" with a mention of "diabetes mellitus");
// - a mention is added for every whole-word occurrence of SHORT (as
//   written) that no existing mention overlaps.
// Offsets are code points.
void PropagateAbbreviations(std::u32string_view text, const std::vector<std::string_view>& types,
                            std::vector<Mention>* mentions, AbbreviationOptions opts = {});

}  // namespace ckb::knowledge
