// SPDX-License-Identifier: GPL-3.0-or-later
// The per-kind trial-results rules (knowledge/results_*.cc), run by
// ExtractResults over one text's sentences.
#pragma once

#include <string_view>
#include <vector>

#include "kb/outcomes.h"
#include "knowledge/internal/results_scan.h"

namespace ckb::knowledge::internal {

// One text being read: its bytes, lower-case copy, sentences and the byte
// ranges items have taken.
struct ResultsText {
  std::string_view text;
  std::string lower;
  std::string_view field;
  std::vector<Sentence> sentences;
  Taken taken;
  // The interval level printed anywhere in the text, for intervals printed
  // without one ("(0.66-1.17)").
  std::optional<int> default_level;

  OutcomeSpan SpanOf(size_t b, size_t e, const Sentence& s) const;
};

void ExtractEffects(ResultsText& t, std::vector<OutcomeEffect>* out);
void ExtractMedians(ResultsText& t, std::vector<OutcomeMedian>* out);
void ExtractRates(ResultsText& t, std::vector<OutcomeRate>* out);
void ExtractArms(ResultsText& t, Outcomes* out);

}  // namespace ckb::knowledge::internal
