// SPDX-License-Identifier: GPL-3.0-or-later
// Trial results read from a work's text: effect estimates (HR, OR, RR, IRR,
// RD, MD) with their intervals and p values, medians of time-to-event
// outcomes, outcome rates, arms and the number randomised. Precision first:
// baseline characteristics, follow-up, age, doses and adverse-event
// percentages are not outcomes.
#pragma once

#include <string_view>

#include "kb/model.h"
#include "kb/outcomes.h"

namespace ckb::knowledge {

// Reads the results stated in `text` (UTF-8). Offsets in each item's span are
// bytes into `text`; span.field is set to `field`. Stateless and thread-safe.
Outcomes ExtractResults(std::string_view text, std::string_view field);

// Adds the results of one more field of the same work (title, abstract,
// body sections) to `out`: items are appended, n_total and arms kept from
// the first field that states them.
void MergeResults(Outcomes&& more, Outcomes* out);

// The results a trial registration posts (Trial::results) as outcomes with
// source "registry": analyses that are ratios or differences as effects,
// medians of durations and percentages per group as medians and rates; the
// arms as registered, and the enrollment as n_total when results are posted.
Outcomes RegistryOutcomes(const Trial& t);

}  // namespace ckb::knowledge
