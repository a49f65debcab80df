// SPDX-License-Identifier: GPL-3.0-or-later
// The query language compiled to a kb::QueryNode: field names and PubMed
// tags mapped to index prefixes, entity values resolved through the
// lexicon, free text that names a known entity ORed with the entity's term.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/entities.h"
#include "kb/kb.h"
#include "query/syntax.h"

namespace ckb::query {

struct CompileContext {
  const knowledge::EntityExtractor* extractor = nullptr;  // entity synonyms (may be null)
  const kb::KnowledgeBase* base = nullptr;               // cites:/cited-by: references (may be null)
  // Weight of an entity term ORed into free text relative to a word.
  double entity_weight = 1.0;
  // Unknown or unusable tags, fields and operators: errors (false) or
  // warnings with the part left out or searched as text (true, --lenient).
  bool lenient = false;
};

struct CompiledQuery {
  kb::QueryNode tree;
  // Parts of the query that could not be used as written (unknown tags,
  // unknown entities, MeSH without explosion ...), for stderr and JSON.
  std::vector<std::string> warnings;
  std::optional<QueryError> error;
};

CompiledQuery CompileQuery(std::string_view text, const CompileContext& ctx);

// "english" -> "en", "chi" -> "zh"; two-letter codes pass through.
std::string LanguageCode(std::string_view name);

}  // namespace ckb::query
