// SPDX-License-Identifier: GPL-3.0-or-later
// Context for ambiguous lexicon forms (LexiconEntry::ambiguous): a gene
// symbol that is also an English word or an abbreviation, a drug code that
// is also a gene or a word. A hit of such a form is kept only when the text
// around it says what it is.
#include <algorithm>
#include <initializer_list>
#include <utility>
#include <string>
#include <string_view>
#include <unordered_set>

#include "knowledge/internal/entity_rules.h"

namespace ckb::knowledge::internal {
namespace {

bool WordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Words that say a symbol names a gene or its product (normalised text is
// case-folded).
bool GeneWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "gene", "genes", "mutation", "mutations", "mutated", "mutant", "mutants", "expression",
      "expressed", "expressing", "overexpression", "overexpressed", "amplification", "amplified",
      "amplifications", "fusion", "fusions", "rearrangement", "rearrangements", "rearranged",
      "translocation", "translocations", "deletion", "deletions", "insertion", "insertions",
      "skipping", "variant", "variants", "alteration", "alterations", "altered", "protein",
      "proteins", "mrna", "exon", "exons", "kinase", "kinases", "receptor", "receptors",
      "inhibitor", "inhibitors", "inhibition", "inhibiting", "inhibit", "inhibits", "positive",
      "negative", "status", "wild", "wildtype", "locus", "allele", "alleles", "polymorphism",
      "polymorphisms", "promoter", "transcript", "transcripts", "transcription", "knockdown",
      "knockout", "signaling", "signalling", "pathway", "activating", "activation", "oncogene",
      "oncogenic", "methylation", "driver", "drivers", "targeted", "targeting", "tki", "tkis",
      "germline", "somatic", "copy", "loss", "gain", "null", "deficient", "deficiency",
      "phosphorylation", "ligand", "antibody", "antibodies", "sirna", "isoform", "isoforms"};
  return kWords.count(w) > 0;
}

// A protein change written after a symbol: "V600E", "G12C", "T790M" (folded).
bool ProteinChange(std::string_view w) {
  if (w.size() < 3 || w.size() > 8 || w[0] < 'a' || w[0] > 'z') return false;
  size_t i = 1;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  return i > 1 && i + 1 == w.size() && w[i] >= 'a' && w[i] <= 'z';
}

// Up to `n` words of `text` before byte `b` and after byte `e`.
void NearWords(std::string_view text, size_t b, size_t e, int n, std::vector<std::string_view>* out) {
  size_t i = b;
  for (int k = 0; k < n && i > 0; ++k) {
    while (i > 0 && !WordByte(text[i - 1])) --i;
    size_t end = i;
    while (i > 0 && WordByte(text[i - 1])) --i;
    if (end > i) out->push_back(text.substr(i, end - i));
  }
  i = e;
  for (int k = 0; k < n && i < text.size(); ++k) {
    while (i < text.size() && !WordByte(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && WordByte(text[i])) ++i;
    if (i > start) out->push_back(text.substr(start, i - start));
  }
}

bool IsGene(const Hit& h) { return h.m.type == "gene" || h.m.type == "biomarker"; }

// Whether hit `h` of an ambiguous form has context among `hits`.
bool HasContext(const TextView& tv, const std::vector<Hit>& hits, const Hit& h) {
  for (const Hit& o : hits)
    if (!o.ambiguous && o.m.id == h.m.id) return true;  // named by another form
  if (!IsGene(h)) return false;
  const std::string& norm = tv.norm->text;
  std::vector<std::string_view> words;
  NearWords(norm, h.nb, h.ne, 3, &words);
  for (std::string_view w : words)
    if (GeneWord(w) || ProteinChange(w)) return true;
  // Another gene next to it: "EGFR, ALK and ROS1", "BCR-ABL1".
  for (const Hit& o : hits) {
    if (&o == &h || o.ambiguous || !IsGene(o)) continue;
    size_t gap_b = o.nb < h.nb ? o.ne : h.ne;
    size_t gap_e = o.nb < h.nb ? h.nb : o.nb;
    if (gap_b <= gap_e && gap_e - gap_b <= 6) return true;
  }
  return false;
}

// The word before byte `b` and the word after byte `e` ("" at either end).
std::pair<std::string_view, std::string_view> Neighbours(std::string_view text, size_t b, size_t e) {
  std::string_view before, after;
  size_t i = b;
  while (i > 0 && !WordByte(text[i - 1])) --i;
  size_t end = i;
  while (i > 0 && WordByte(text[i - 1])) --i;
  before = text.substr(i, end - i);
  i = e;
  while (i < text.size() && !WordByte(text[i])) ++i;
  size_t start = i;
  while (i < text.size() && WordByte(text[i])) ++i;
  after = text.substr(start, i - start);
  return {before, after};
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// A trial's arm label after "cohort": "A", "B2", "1", "II".
bool ArmLabel(std::string_view w) {
  if (w.empty() || w.size() > 3) return false;
  if (std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  if (w.size() <= 2 && w[0] >= 'a' && w[0] <= 'z' && (w.size() == 1 || (w[1] >= '0' && w[1] <= '9'))) return true;
  return OneOf(w, {"i", "ii", "iii", "iv", "v"});
}

// Whether a bare design word names something else: "review" of a committee
// or a process ("Safety Review Committee", "central review"), "cohort" of a
// trial's dosing or arms ("per dose cohort", "expansion cohort", "cohort B").
bool BodyNotDesign(const TextView& tv, const Hit& h) {
  const std::string& norm = tv.norm->text;
  std::string_view span = std::string_view(norm).substr(h.nb, h.ne - h.nb);
  auto [before, after] = Neighbours(norm, h.nb, h.ne);
  if (h.m.id == "design:review" && span == "review") {
    return OneOf(after, {"committee", "committees", "board", "boards", "panel", "process"}) ||
           OneOf(before, {"safety", "central", "independent", "ethics", "ethical", "institutional", "blinded",
                          "peer", "chart", "record", "records", "radiology", "pathology", "regulatory"});
  }
  if (h.m.id == "design:cohort" && span == "cohort") {
    return OneOf(before, {"dose", "dosing", "escalation", "expansion", "per", "each", "arm", "treatment"}) ||
           ArmLabel(after);
  }
  return false;
}

}  // namespace

void DropBodiesNamedLikeDesigns(const TextView& tv, std::vector<Hit>* hits) {
  hits->erase(std::remove_if(hits->begin(), hits->end(),
                             [&](const Hit& h) { return h.m.type == "design" && BodyNotDesign(tv, h); }),
              hits->end());
}

void ApplyContext(const TextView& tv, std::vector<Hit>* hits) {
  bool any = std::any_of(hits->begin(), hits->end(), [](const Hit& h) { return h.ambiguous; });
  if (!any) return;
  std::vector<char> keep(hits->size(), 1);
  for (size_t i = 0; i < hits->size(); ++i)
    if ((*hits)[i].ambiguous) keep[i] = HasContext(tv, *hits, (*hits)[i]);
  std::vector<Hit> kept;
  kept.reserve(hits->size());
  for (size_t i = 0; i < hits->size(); ++i)
    if (keep[i]) kept.push_back(std::move((*hits)[i]));
  *hits = std::move(kept);
}

}  // namespace ckb::knowledge::internal
