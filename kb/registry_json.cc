// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON form of a trial's registered arms, outcome measures and posted
// results ("arms", "outcomes", "results" of a trial record), and back. Each
// key is written only when the trial has some, so records of registrations
// without them keep their bytes; empty strings are left out.
#include <utility>

#include "kb/record.h"

namespace ckb {
namespace {

// The string members of a struct under their JSON keys.
template <class T>
using Fields = std::initializer_list<std::pair<const char*, std::string T::*>>;

const Fields<TrialArm> kArm = {
    {"label", &TrialArm::label}, {"type", &TrialArm::type}, {"description", &TrialArm::description}};
const Fields<TrialOutcome> kOutcome = {{"kind", &TrialOutcome::kind},
                                       {"measure", &TrialOutcome::measure},
                                       {"time_frame", &TrialOutcome::time_frame},
                                       {"description", &TrialOutcome::description}};
const Fields<ResultValue> kValue = {{"group", &ResultValue::group}, {"category", &ResultValue::category},
                                    {"value", &ResultValue::value}, {"lower", &ResultValue::lower},
                                    {"upper", &ResultValue::upper}, {"spread", &ResultValue::spread}};
const Fields<ResultAnalysis> kAnalysis = {
    {"param_type", &ResultAnalysis::param_type}, {"value", &ResultAnalysis::value},
    {"ci_pct", &ResultAnalysis::ci_pct},         {"ci_lower", &ResultAnalysis::ci_lower},
    {"ci_upper", &ResultAnalysis::ci_upper},     {"p", &ResultAnalysis::p},
    {"method", &ResultAnalysis::method}};
const Fields<TrialResult> kResult = {{"kind", &TrialResult::kind},
                                     {"title", &TrialResult::title},
                                     {"description", &TrialResult::description},
                                     {"time_frame", &TrialResult::time_frame},
                                     {"param_type", &TrialResult::param_type},
                                     {"dispersion", &TrialResult::dispersion},
                                     {"unit", &TrialResult::unit}};

template <class T>
Json Put(const T& x, Fields<T> fields) {
  Json j = Json::object();
  for (const auto& [key, member] : fields) {
    if (!(x.*member).empty()) j[key] = x.*member;
  }
  return j;
}

template <class T>
T Get(const Json& j, Fields<T> fields) {
  T x;
  for (const auto& [key, member] : fields) x.*member = JsonStr(j, key);
  return x;
}

Json ResultJson(const TrialResult& r) {
  Json j = Put(r, kResult);
  Json values = Json::array(), analyses = Json::array();
  for (const ResultValue& v : r.values) {
    Json e = Put(v, kValue);
    if (v.n) e["n"] = *v.n;
    values.push_back(std::move(e));
  }
  for (const ResultAnalysis& a : r.analyses) {
    Json e = Put(a, kAnalysis);
    e["groups"] = a.groups;
    analyses.push_back(std::move(e));
  }
  j["values"] = std::move(values);
  if (!analyses.empty()) j["analyses"] = std::move(analyses);
  return j;
}

TrialResult ResultFrom(const Json& j) {
  TrialResult r = Get(j, kResult);
  EachObject(j, "values", [&](const Json& e) {
    ResultValue v = Get(e, kValue);
    if (auto n = e.find("n"); n != e.end() && n->is_number_integer()) v.n = n->get<int64_t>();
    r.values.push_back(std::move(v));
  });
  EachObject(j, "analyses", [&](const Json& e) {
    ResultAnalysis a = Get(e, kAnalysis);
    a.groups = JsonStrs(e, "groups");
    r.analyses.push_back(std::move(a));
  });
  return r;
}

}  // namespace

void PutRegistryFacts(const Trial& t, Json* j) {
  if (!t.arms.empty()) {
    Json arms = Json::array();
    for (const TrialArm& a : t.arms) {
      Json e = Put(a, kArm);
      e["interventions"] = a.interventions;
      arms.push_back(std::move(e));
    }
    (*j)["arms"] = std::move(arms);
  }
  if (!t.outcomes.empty()) {
    Json outcomes = Json::array();
    for (const TrialOutcome& o : t.outcomes) outcomes.push_back(Put(o, kOutcome));
    (*j)["outcomes"] = std::move(outcomes);
  }
  if (!t.results.empty()) {
    Json results = Json::array();
    for (const TrialResult& r : t.results) results.push_back(ResultJson(r));
    (*j)["results"] = std::move(results);
  }
}

void GetRegistryFacts(const Json& j, Trial* t) {
  EachObject(j, "arms", [&](const Json& e) {
    TrialArm a = Get(e, kArm);
    a.interventions = JsonStrs(e, "interventions");
    t->arms.push_back(std::move(a));
  });
  EachObject(j, "outcomes", [&](const Json& e) { t->outcomes.push_back(Get(e, kOutcome)); });
  EachObject(j, "results", [&](const Json& e) { t->results.push_back(ResultFrom(e)); });
}

}  // namespace ckb
