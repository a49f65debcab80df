// SPDX-License-Identifier: GPL-3.0-or-later
// Turns what a user types after a field name into index values: entity
// synonyms through the lexicon (drug:T-DXd -> trastuzumab-deruxtecan,
// biomarker:HER2-low -> her2/low), work references (cites:doi:...) to work
// ids, NCT numbers and acronyms to trial ids.
#pragma once

#include "knowledge/entities.h"
#include "kb/kb.h"

namespace ckb::query {

// A TermResolver backed by the lexicon and the knowledge base. Both must
// outlive the returned function.
kb::TermResolver MakeResolver(const knowledge::EntityExtractor& extractor, const kb::KnowledgeBase& base);

}  // namespace ckb::query
