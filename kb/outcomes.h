// SPDX-License-Identifier: GPL-3.0-or-later
// Trial results stated by a work: effect estimates, medians, outcome rates,
// arms and sample size (plain structs; knowledge/results.h extracts them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ckb {

// Where an item was read: byte offsets into the text it was read from, the
// sentence holding it, and the field ("title", "abstract", a section name).
struct OutcomeSpan {
  std::string field;
  uint32_t begin = 0, end = 0;                    // the item's own words
  uint32_t sentence_begin = 0, sentence_end = 0;  // its sentence
};

// HR, OR, RR, IRR, RD, MD with its interval and p value as printed.
struct OutcomeEffect {
  std::string measure;  // HR | OR | RR | IRR | RD | MD
  double value = 0;
  std::optional<double> ci_low, ci_high;
  std::optional<int> ci_level;  // 95, 90, 99
  std::string p;                // "P<.001", "p=0·004", spaces removed; empty when none
  std::string endpoint;         // OS, PFS, ... or the text's words; empty when unknown
  std::string arm, comparator, subgroup;
  std::string source;  // "text" or "registry"
  OutcomeSpan span;
};

// A median time to an event or duration of an outcome, in `unit`.
struct OutcomeMedian {
  std::string endpoint, arm, subgroup;
  double value = 0;
  std::string unit;  // months | weeks | days | years
  std::optional<double> ci_low, ci_high;
  std::string source;
  OutcomeSpan span;
};

// An outcome percentage (response, landmark survival, event rate).
struct OutcomeRate {
  std::string endpoint, arm, subgroup;
  double value = 0;  // percent
  std::optional<int64_t> n_events, n;
  std::string source;
  OutcomeSpan span;
};

struct OutcomeArm {
  std::string label;
  std::optional<int64_t> n;
};

struct Outcomes {
  std::vector<OutcomeEffect> effects;
  std::vector<OutcomeMedian> medians;
  std::vector<OutcomeRate> rates;
  std::optional<int64_t> n_total;  // randomised (single-arm: enrolled)
  std::vector<OutcomeArm> arms;

  bool empty() const {
    return effects.empty() && medians.empty() && rates.empty() && !n_total && arms.empty();
  }
};

}  // namespace ckb
