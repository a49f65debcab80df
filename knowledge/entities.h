// SPDX-License-Identifier: GPL-3.0-or-later
// knowledge/: entity knowledge shared by indexing and query compilation:
// lexicons, the matcher, states and patterns; depends only on kb/ and text/
// (docs/ARCHITECTURE.md).
//
// Entity extraction: drugs, biomarkers and their states, genes, diseases,
// trials, study design, phase and sample size, normalised through a lexicon.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/model.h"
#include "kb/status.h"

namespace ckb::knowledge {

// An entry of the lexicon (schemas/lexicon.schema.json describes the file form).
struct LexiconEntry {
  std::string id;    // "drug:trastuzumab-deruxtecan"
  std::string type;  // drug | biomarker | gene | disease | trial | drug_class | ...
  std::string name;  // canonical name
  std::vector<std::string> synonyms;
  std::vector<std::string> case_sensitive;  // short forms matched only as written
  std::vector<std::pair<std::string, std::string>> codes;  // ("DrugBank", "DB14962"), ("NCT", ...)
  std::string parent;
  // Names in a given language, ("zh", "德曲妥珠单抗"); matched like synonyms.
  std::vector<std::pair<std::string, std::string>> names_by_lang;
  // Case-sensitive forms that are also words, abbreviations or other
  // entities' codes ("MET", "CAT", "RAS"): they count only with context
  // (entity_context.cc).
  std::vector<std::string> ambiguous;
};

// The id a biomarker state is indexed under: its alteration, else its
// state, else its threshold ("biomarker:EGFR/L858R", "biomarker:HER2/low",
// "biomarker:PD-L1/>=50%"); other mentions -> their id.
std::string StateId(const Mention& m);

class EntityExtractor {
 public:
  // The built-in lexicon, plus the imported lexicons found in $CKB_LEXICONS
  // (a colon-separated list of JSONL files). Thread-safe after construction.
  static const EntityExtractor& Default();

  // Builds an extractor from lexicon entries.
  static std::unique_ptr<EntityExtractor> FromEntries(std::vector<LexiconEntry> entries);

  virtual ~EntityExtractor() = default;

  // Every mention in `text`; offsets are code points into `text`; each
  // mention's `field` is set to `field`.
  virtual std::vector<Mention> Extract(std::string_view text, std::string_view field) const = 0;

  // Resolves a user's term (any synonym, NCT number or acronym) to entity
  // ids; empty when unknown. "HER2-low" resolves to the state id
  // "biomarker:HER2/low"; "HER2" to "biomarker:HER2".
  virtual std::vector<std::string> Resolve(std::string_view term, std::string_view type) const = 0;

  // The lexicon entry for an id, or nullptr.
  virtual const LexiconEntry* Find(std::string_view id) const = 0;

  // Ids of the entries below `id` through their parents (a disease's
  // subtypes in the Disease Ontology), breadth first, at most `max`.
  virtual std::vector<std::string> Descendants(std::string_view id, size_t max) const = 0;

  // Number of lexicon entries loaded.
  virtual size_t size() const = 0;
};

}  // namespace ckb::knowledge
