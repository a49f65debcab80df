// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the trial-results rules over one text: effects first (their numbers
// and intervals are then taken), medians, rates, then sample size and arms.
#include "knowledge/results.h"

#include <algorithm>

#include "knowledge/internal/results_rules.h"

namespace ckb::knowledge {

namespace internal {

OutcomeSpan ResultsText::SpanOf(size_t b, size_t e, const Sentence& s) const {
  OutcomeSpan span;
  span.field = std::string(field);
  span.begin = static_cast<uint32_t>(b);
  span.end = static_cast<uint32_t>(e);
  span.sentence_begin = static_cast<uint32_t>(s.begin);
  span.sentence_end = static_cast<uint32_t>(s.end);
  return span;
}

namespace {

// The first interval level printed in the text ("95% CI").
std::optional<int> DefaultLevel(const ResultsText& t) {
  for (const Number& n : NumbersIn(t.text, 0, t.text.size())) {
    if (!n.percent || !n.integer || n.value <= 0 || n.value > 100) continue;
    size_t q = SkipSpaces(t.text, n.after, t.text.size());
    if (t.lower.compare(q, 2, "ci") == 0 || WordAt(t.lower, q, "confidence")) {
      return static_cast<int>(n.value);
    }
  }
  return std::nullopt;
}

}  // namespace
}  // namespace internal

Outcomes ExtractResults(std::string_view text, std::string_view field) {
  internal::ResultsText t;
  t.text = text;
  t.lower = internal::Lower(text);
  t.field = field;
  t.sentences = internal::SplitSentences(text);
  t.default_level = internal::DefaultLevel(t);
  Outcomes out;
  internal::ExtractEffects(t, &out.effects);
  internal::ExtractMedians(t, &out.medians);
  internal::ExtractRates(t, &out.rates);
  internal::ExtractArms(t, &out);
  auto by_offset = [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; };
  std::stable_sort(out.effects.begin(), out.effects.end(), by_offset);
  std::stable_sort(out.medians.begin(), out.medians.end(), by_offset);
  std::stable_sort(out.rates.begin(), out.rates.end(), by_offset);
  return out;
}

void MergeResults(Outcomes&& more, Outcomes* out) {
  auto append = [](auto& from, auto& to) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(more.effects, out->effects);
  append(more.medians, out->medians);
  append(more.rates, out->rates);
  if (!out->n_total) out->n_total = more.n_total;
  if (out->arms.empty()) out->arms = std::move(more.arms);
}

}  // namespace ckb::knowledge
