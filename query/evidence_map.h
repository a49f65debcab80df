// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence maps: counts of works (and of distinct trials) per pair of values
// of two dimensions (biomarker x drug, design x drug, ...), and the
// publication timeline (works per year per drug) as inline SVG.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kb/status.h"
#include "query/table.h"

namespace ckb::query {

// Dimensions a map can use: drug, biomarker, trial, design, phase, year, population.
const std::vector<std::string>& MapDimensions();

struct EvidenceMap {
  std::string row_dim, col_dim;
  std::vector<std::string> rows, cols;  // values in order (most works first; years ascending)
  // (row, col) -> indexes into `works` of the works in that cell.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> cells;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> trials;
  std::vector<Json> works;  // review-table rows (query::ReviewRow) of every work mapped
};

// Builds the map from review-table rows. kInvalidArgument for an unknown dimension.
Result<EvidenceMap> BuildEvidenceMap(std::vector<Json> works, const std::string& row_dim, const std::string& col_dim);

// A table with one row per row value and one column per column value; cells
// "W" or "W (T)" where W counts works and T distinct trials; a total column.
Table MapTable(const EvidenceMap& map, bool numbers_only);

// A standalone HTML page: heat-map table whose cells open (<details>) the
// list of their works, each linking to an anchor in the work list below;
// then the timeline.
std::string MapHtml(const EvidenceMap& map, const std::string& title);

// Inline SVG: one line per drug (up to `max_series`, most works first) of
// works per publication year. Empty string when no row has a year.
std::string TimelineSvg(const std::vector<Json>& works, size_t max_series = 8);

}  // namespace ckb::query
