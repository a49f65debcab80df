// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb show NCT…` and `ckb trial`: what the registration states beyond its
// identity, as the registry gives it: dates, arm groups, the planned outcome
// measures and the posted results, each value under its group.
#include <cstdio>

#include "cli/show_outcomes.h"

namespace ckb::cli {
namespace {

// "value (lower to upper)" or "value (spread)" as posted.
std::string Posted(const Json& v) {
  std::string s = JsonStr(v, "value");
  if (!JsonStr(v, "lower").empty() || !JsonStr(v, "upper").empty()) {
    s += " (" + JsonStr(v, "lower") + " to " + JsonStr(v, "upper") + ")";
  } else if (!JsonStr(v, "spread").empty()) {
    s += " (" + JsonStr(v, "spread") + ")";
  }
  if (v.value("n", Json()).is_number_integer()) s += " n=" + std::to_string(v["n"].get<int64_t>());
  return s;
}

void PrintResult(const Json& r) {
  std::string unit = JsonStr(r, "unit");
  std::string param = JsonStr(r, "param_type");
  std::printf("    %s: %s\n", JsonStr(r, "kind").c_str(), FitWidth(JsonStr(r, "title"), 120).c_str());
  if (!JsonStr(r, "time_frame").empty()) {
    std::printf("      time frame: %s\n", FitWidth(JsonStr(r, "time_frame"), 120).c_str());
  }
  std::printf("      %s%s%s%s\n", param.c_str(), unit.empty() ? "" : ", ", unit.c_str(),
              JsonStr(r, "dispersion").empty() ? "" : (", " + JsonStr(r, "dispersion")).c_str());
  for (const auto& v : r.value("values", Json::array())) {
    std::string label = JsonStr(v, "group");
    if (!JsonStr(v, "category").empty()) label += " / " + JsonStr(v, "category");
    std::printf("      %-40s %s\n", FitWidth(label, 40).c_str(), Posted(v).c_str());
  }
  for (const auto& a : r.value("analyses", Json::array())) {
    std::string groups;
    for (const auto& g : a.value("groups", Json::array())) {
      if (g.is_string()) groups += (groups.empty() ? "" : " vs ") + g.get<std::string>();
    }
    std::string ci;
    if (!JsonStr(a, "ci_lower").empty() || !JsonStr(a, "ci_upper").empty()) {
      std::string pct = JsonStr(a, "ci_pct");
      ci = " (" + (pct.empty() ? "" : pct + "% ") + "CI " + JsonStr(a, "ci_lower") + " to " + JsonStr(a, "ci_upper") + ")";
    }
    std::string p = JsonStr(a, "p").empty() ? "" : " p " + JsonStr(a, "p");
    std::printf("      analysis: %s %s%s%s [%s]%s\n", JsonStr(a, "param_type").c_str(), JsonStr(a, "value").c_str(),
                ci.c_str(), p.c_str(), groups.c_str(),
                JsonStr(a, "method").empty() ? "" : ("; " + JsonStr(a, "method")).c_str());
  }
}

}  // namespace

void PrintRegistryText(const Json& t) {
  if (auto d = t.find("dates"); d != t.end() && d->is_object() && !d->empty()) {
    std::string s;
    for (auto it = d->begin(); it != d->end(); ++it) {
      if (it.value().is_string()) s += (s.empty() ? "" : "; ") + it.key() + " " + it.value().get<std::string>();
    }
    std::printf("  %-15s %s\n", "dates:", s.c_str());
  }
  for (const auto& a : t.value("arms", Json::array())) {
    std::string iv;
    for (const auto& i : a.value("interventions", Json::array())) {
      if (i.is_string()) iv += (iv.empty() ? " (" : ", ") + i.get<std::string>();
    }
    if (!iv.empty()) iv += ")";
    std::string type = JsonStr(a, "type").empty() ? "" : JsonStr(a, "type") + ": ";
    std::printf("  %-15s %s%s%s\n", "arm:", type.c_str(), JsonStr(a, "label").c_str(), iv.c_str());
  }
  for (const auto& o : t.value("outcomes", Json::array())) {
    std::string frame = JsonStr(o, "time_frame").empty() ? "" : " [" + FitWidth(JsonStr(o, "time_frame"), 60) + "]";
    std::printf("  %-15s %s: %s%s\n", "outcome:", JsonStr(o, "kind").c_str(),
                FitWidth(JsonStr(o, "measure"), 110).c_str(), frame.c_str());
  }
  const Json results = t.value("results", Json::array());
  if (!results.empty()) {
    std::printf("  posted results (%zu outcome measures):\n", results.size());
    for (const auto& r : results) PrintResult(r);
  }
}

}  // namespace ckb::cli
