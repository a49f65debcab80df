// SPDX-License-Identifier: GPL-3.0-or-later
// What a trial registration states beyond its identity: arm groups, the
// outcome measures it planned and the results posted for them (plain
// structs; readers/ctgov_json.cc fills them from ClinicalTrials.gov API v2).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ckb {

// An arm group as registered ("Experimental: Pembrolizumab").
struct TrialArm {
  std::string label;
  std::string type;  // EXPERIMENTAL, ACTIVE_COMPARATOR, PLACEBO_COMPARATOR, ...
  std::string description;
  std::vector<std::string> interventions;  // intervention names the arm receives
};

// A planned outcome measure.
struct TrialOutcome {
  std::string kind;  // primary | secondary | other
  std::string measure;
  std::string time_frame;
  std::string description;
};

// One posted value of a result for one group: "value" as posted (a number,
// "NA"), with its interval or spread when given.
struct ResultValue {
  std::string group;     // the group's title
  std::string category;  // class and category titles, when the measure has them
  std::string value, lower, upper, spread;
  std::optional<int64_t> n;  // participants analysed in the group
};

// A statistical analysis between groups (hazard ratio, odds ratio, ...).
struct ResultAnalysis {
  std::vector<std::string> groups;  // group titles compared
  std::string param_type;           // "Hazard Ratio (HR)", "Odds Ratio (OR)", ...
  std::string value, ci_pct, ci_lower, ci_upper, p, method;
};

// The posted results of one outcome measure.
struct TrialResult {
  std::string kind;  // primary | secondary | other_pre_specified | post_hoc
  std::string title, description, time_frame;
  std::string param_type;  // MEDIAN, MEAN, NUMBER, COUNT_OF_PARTICIPANTS, ...
  std::string dispersion;  // "95% Confidence Interval", STANDARD_DEVIATION, ...
  std::string unit;
  std::vector<ResultValue> values;
  std::vector<ResultAnalysis> analyses;
};

}  // namespace ckb
