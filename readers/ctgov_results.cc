// SPDX-License-Identifier: GPL-3.0-or-later
// ClinicalTrials.gov API v2: the arm groups a study registers, the outcome
// measures it plans and the results posted for them, with each value under
// its group's title and each analysis (hazard ratio, odds ratio, ...) with
// its interval and p value, as the registry prints them.
#include <map>
#include <string>

#include "readers/internal/ctgov.h"
#include "readers/internal/format_util.h"
#include "readers/internal/json_path.h"

namespace ckb::readers {
namespace {

using nlohmann::json;
using json_path::Array;
using json_path::Count;
using json_path::Get;
using json_path::Str;
using json_path::Strings;

// Bounds on what one study contributes: a record with thousands of
// pharmacokinetic cells keeps its first ones.
constexpr size_t kMaxResults = 200;
constexpr size_t kMaxValuesPerResult = 500;

void ReadArms(const json& p, Trial* t) {
  for (const json& a : Array(p, "armsInterventionsModule.armGroups")) {
    TrialArm arm;
    arm.label = Str(a, "label");
    arm.type = Str(a, "type");
    arm.description = FoldWhitespace(Str(a, "description"));
    arm.interventions = Strings(Get(a, "interventionNames"));
    if (!arm.label.empty()) t->arms.push_back(std::move(arm));
  }
}

void ReadPlannedOutcomes(const json& p, Trial* t) {
  const std::pair<const char*, const char*> lists[] = {{"outcomesModule.primaryOutcomes", "primary"},
                                                       {"outcomesModule.secondaryOutcomes", "secondary"},
                                                       {"outcomesModule.otherOutcomes", "other"}};
  for (const auto& [path, kind] : lists) {
    for (const json& o : Array(p, path)) {
      TrialOutcome out;
      out.kind = kind;
      out.measure = FoldWhitespace(Str(o, "measure"));
      out.time_frame = FoldWhitespace(Str(o, "timeFrame"));
      out.description = FoldWhitespace(Str(o, "description"));
      if (!out.measure.empty()) t->outcomes.push_back(std::move(out));
    }
  }
}

// The participants analysed per group id (the measure's first denominator).
std::map<std::string, int64_t> Denominators(const json& m) {
  std::map<std::string, int64_t> n;
  for (const json& d : Array(m, "denoms")) {
    for (const json& c : Array(d, "counts")) {
      if (auto v = Count(Get(c, "value"))) n.emplace(Str(c, "groupId"), *v);
    }
    break;
  }
  return n;
}

std::string JoinTitles(const std::string& a, const std::string& b) {
  return a.empty() ? b : b.empty() ? a : a + "; " + b;
}

TrialResult ReadMeasure(const json& m) {
  TrialResult r;
  r.kind = LowerAscii(Str(m, "type"));  // primary, secondary, other_pre_specified, post_hoc
  r.title = FoldWhitespace(Str(m, "title"));
  r.description = FoldWhitespace(Str(m, "description"));
  r.time_frame = FoldWhitespace(Str(m, "timeFrame"));
  r.param_type = Str(m, "paramType");
  r.dispersion = Str(m, "dispersionType");
  r.unit = Str(m, "unitOfMeasure");
  std::map<std::string, std::string> group;  // id -> title
  for (const json& g : Array(m, "groups")) group[Str(g, "id")] = FoldWhitespace(Str(g, "title"));
  auto title_of = [&](const std::string& id) {
    auto it = group.find(id);
    return it == group.end() ? id : it->second;
  };
  std::map<std::string, int64_t> n = Denominators(m);
  for (const json& c : Array(m, "classes")) {
    for (const json& cat : Array(c, "categories")) {
      std::string category = JoinTitles(FoldWhitespace(Str(c, "title")), FoldWhitespace(Str(cat, "title")));
      for (const json& x : Array(cat, "measurements")) {
        if (r.values.size() >= kMaxValuesPerResult) break;
        ResultValue v;
        std::string id = Str(x, "groupId");
        v.group = title_of(id);
        v.category = category;
        v.value = Str(x, "value");
        v.lower = Str(x, "lowerLimit");
        v.upper = Str(x, "upperLimit");
        v.spread = Str(x, "spread");
        if (auto it = n.find(id); it != n.end()) v.n = it->second;
        r.values.push_back(std::move(v));
      }
    }
  }
  for (const json& a : Array(m, "analyses")) {
    ResultAnalysis x;
    for (const std::string& id : Strings(Get(a, "groupIds"))) x.groups.push_back(title_of(id));
    x.param_type = Str(a, "paramType");
    x.value = Str(a, "paramValue");
    x.ci_pct = Str(a, "ciPctValue");
    x.ci_lower = Str(a, "ciLowerLimit");
    x.ci_upper = Str(a, "ciUpperLimit");
    x.p = Str(a, "pValue");
    x.method = Str(a, "statisticalMethod");
    if (!x.param_type.empty() || !x.p.empty()) r.analyses.push_back(std::move(x));
  }
  return r;
}

}  // namespace

void ReadRegistryFactsV2(const json& study, Trial* t) {
  const json& p = Get(study, "protocolSection");
  ReadArms(p, t);
  ReadPlannedOutcomes(p, t);
  for (const json& m : Array(study, "resultsSection.outcomeMeasuresModule.outcomeMeasures")) {
    if (t->results.size() >= kMaxResults) break;
    TrialResult r = ReadMeasure(m);
    if (!r.title.empty() && (!r.values.empty() || !r.analyses.empty())) t->results.push_back(std::move(r));
  }
}

}  // namespace ckb::readers
