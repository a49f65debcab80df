// SPDX-License-Identifier: GPL-3.0-or-later
// Pattern rules run after lexicon matching: biomarker states (HER2 scoring
// grammar, receptor status), trial registry ids, phase, sample size.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/entities.h"
#include "text/text_norm.h"
#include "kb/model.h"

namespace ckb::knowledge::internal {

// A mention with its range in normalised bytes [nb, ne).
struct Hit {
  size_t nb = 0, ne = 0;
  Mention m;
  bool short_form = false;  // matched a short case-sensitive form (ER, PR, HR, AR)
  bool ambiguous = false;   // matched an ambiguous form (LexiconEntry::ambiguous)
};

// The text being processed: the original, its normalised form and a map
// from code points to original bytes.
struct TextView {
  std::string_view text;
  const text::NormText* norm = nullptr;
  std::vector<size_t> cp_bytes;  // byte offset of each code point, plus the end
  std::string_view field;

  explicit TextView(std::string_view t, const text::NormText& n, std::string_view f);
  // Whether the character at normalised byte `nb` is an upper-case ASCII
  // letter in the original text.
  bool UpperAt(size_t nb) const;
  // Fills start/end/text/field of a mention for normalised bytes [nb, ne).
  Hit MakeHit(size_t nb, size_t ne, std::string type, std::string id, std::string name) const;
};

using FindFn = std::function<const LexiconEntry*(std::string_view id)>;

// Biomarker states: replaces each HER2 hit by one hit per stated state,
// sets receptor states, drops short receptor forms without a state, adds
// ER/PR/HER2-negative for triple-negative phrases and HER2 IHC scores.
void ApplyBiomarkerStates(const TextView& tv, std::vector<Hit>* hits);

// Gene alterations after (or before) a gene or biomarker mention: protein
// changes, exon events, fusions, amplification, mutation, wild type
// (entity_alterations.cc). The biomarker hit (made from the gene when no
// curated biomarker has the span) carries attrs.alteration and spans the
// alteration; named variants are also "variant" hits of their own.
void ApplyAlterations(const TextView& tv, std::vector<Hit>* hits);

// Genomic signatures with states (MSI-H, MSS, dMMR, pMMR, TMB-high, HRD)
// and expression thresholds after a biomarker or a PD-L1 score (attrs
// threshold ">=50%", "1-49%", "CPS>=10"; score "TPS", "CPS", ...).
void AddSignatureHits(const TextView& tv, std::vector<Hit>* hits);
void ApplyThresholds(const TextView& tv, std::vector<Hit>* hits);

// Disease names with a type number on either side: "atelosteogenesis type 2",
// "type IV Ehlers-Danlos syndrome", "types I and II Gaucher disease".
void ExtendDiseaseTypes(const TextView& tv, std::vector<Hit>* hits);

// A disease entry for a phrase (normalised text), or nullptr.
using DiseaseLookupFn = std::function<const LexiconEntry*(std::string_view phrase)>;

// Coordinated disease names sharing a head written once: "breast and ovarian
// cancer", "brain, breast, and prostate cancer", "Duchenne or Becker muscular
// dystrophy", "C6 and C7 deficiency". The disease hit is widened over the
// conjuncts before it; one hit is added, on the same span, for each conjunct
// that names a disease with the shared words ("breast cancer"); disease hits
// inside the span are dropped.
void ExpandCoordinations(const TextView& tv, const DiseaseLookupFn& lookup, std::vector<Hit>* hits);

// Words ending like adjectives ("renal", "hepatic", "pulmonary",
// "cancerous") and adjectives that say how many, which or how far
// ("several", "metastatic") rather than what kind.
bool AdjectivalWord(std::string_view w);
bool QuantifyingWord(std::string_view w);

// Disease names known by their form, where no disease hit is: an eponym
// ("Gardner syndrome", "Thomsen's disease"), an adjective before "disease",
// "disorder" or "syndrome" ("neurological diseases"), a symbol before
// "deficiency" ("C3 deficiency") and one word with a disease suffix
// ("serositis", "argininemia"). Their id is "disease:" and the slug of the words.
void AddDiseaseNameHits(const TextView& tv, std::vector<Hit>* hits);

// A generic head ("tumors", "carcinoma") takes in the adjective before it:
// "rhabdoid tumors", "pancreatic carcinoma"; not "several tumors".
void ExtendGenericHeads(const TextView& tv, std::vector<Hit>* hits);

// Drops hits of ambiguous forms without context (entity_context.cc): a gene
// symbol that is also a word or abbreviation ("MET", "CAT") needs a gene word
// near it ("MET amplification", "the CAT gene"), a hyphenated state
// ("ALK-rearranged"), another gene next to it ("EGFR, ALK and MET") or its
// entry named by another form in the text; other ambiguous forms (a drug's
// short code "RAS") need their entry named by another form in the text.
void ApplyContext(const TextView& tv, std::vector<Hit>* hits);

// Drops bare design words that name a body or a trial's arm, not the
// study's design: "Safety Review Committee", "per dose cohort", "cohort B".
void DropBodiesNamedLikeDesigns(const TextView& tv, std::vector<Hit>* hits);

// Case reports told by their wording, where no design word says so (entity_study.cc):
// "We report a case of", "We describe a patient", "A 27-year-old man
// presented", "A case of ..."; and "review of the literature" marked
// (attrs.of = "literature") on its review hit, as a case report's own
// literature review is not the study's design.
void AddCaseReportHits(const TextView& tv, std::vector<Hit>* hits);

// Registry ids, phase, sample size and case-report patterns.
void AddPatternHits(const TextView& tv, const FindFn& find, std::vector<Hit>* hits);

}  // namespace ckb::knowledge::internal
