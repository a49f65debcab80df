// SPDX-License-Identifier: GPL-3.0-or-later
// Review-table cells of a work's trial results (the record's "outcomes"):
// the outcomes object and the hr, median_pfs, median_os, orr, arms and
// n_total columns.
#pragma once

#include "kb/record.h"
#include "query/table.h"

namespace ckb::query {

// Adds "outcomes" (the object without offsets, or null), "hr", "median_pfs",
// "median_os", "orr", "arms" (lists of strings) and "n_total" (a number or
// null) to `row` from work record `w`.
void AddOutcomeCells(const Json& w, Json* row);

// One line for an outcomes object, for text formats: "HR 0.72 (95% CI
// 0.6-0.86) P<.001 PFS; median PFS 7.2, 5.1 months; ORR 42%, 28%; n=412".
std::string OutcomesSummary(const Json& outcomes);

// A forest plot (inline SVG in a <figure>) of the hazard ratios the table's
// rows report for the endpoint most of them report; "" when none does.
std::string ForestPlotSvg(const Table& t);

}  // namespace ckb::query
