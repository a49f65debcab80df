// SPDX-License-Identifier: GPL-3.0-or-later
// Trial results a registration posts (ClinicalTrials.gov resultsSection) as
// the work's outcomes: each between-group analysis that is a ratio or a
// difference becomes an effect, medians of time-to-event measures and
// percentages per group become medians and rates, under the endpoint the
// measure's title names.
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

#include "knowledge/results.h"
#include "text/text_util.h"

namespace ckb::knowledge {
namespace {

// A posted value that is a plain number ("0.65", "-1.2"), else nullopt
// ("NA", "<0.001", "").
std::optional<double> Number(const std::string& s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return std::nullopt;
  return v;
}

// "Hazard Ratio (HR)" -> "HR"; "" for estimates that are no effect measure.
std::string Measure(const std::string& param_type) {
  const std::string p = text::LowerAscii(param_type);
  const std::pair<const char*, const char*> kinds[] = {
      {"hazard ratio", "HR"},      {"odds ratio", "OR"},          {"risk ratio", "RR"},
      {"relative risk", "RR"},     {"rate ratio", "IRR"},         {"risk difference", "RD"},
      {"mean difference", "MD"},   {"median difference", "MD"},
  };
  for (const auto& [words, measure] : kinds) {
    if (p.find(words) != std::string::npos) return measure;
  }
  return "";
}

// Whether `word` occurs in `text` with no letter or digit on either side.
bool HasWord(std::string_view text, std::string_view word) {
  for (size_t p = text.find(word); p != std::string_view::npos; p = text.find(word, p + 1)) {
    size_t e = p + word.size();
    bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(text[p - 1]));
    bool right = e == text.size() || !std::isalnum(static_cast<unsigned char>(text[e]));
    if (left && right) return true;
  }
  return false;
}

// The canonical endpoint a measure's title names in so many words
// ("Progression-Free Survival (PFS) per RECIST 1.1" -> "PFS"), else the
// title itself: a registry title's "response" or "survival" alone (of a
// rheumatology score, of a graft) is no oncology endpoint.
std::string Endpoint(const TrialResult& r) {
  struct Named {
    const char* canonical;
    std::initializer_list<const char*> phrases;  // lower case
  };
  static const Named kNamed[] = {
      {"iDFS", {"invasive disease-free survival", "invasive disease free survival"}},
      {"PFS", {"progression-free survival", "progression free survival"}},
      {"DFS", {"disease-free survival", "disease free survival"}},
      {"EFS", {"event-free survival", "event free survival"}},
      {"RFS", {"recurrence-free survival", "relapse-free survival", "recurrence free survival", "relapse free survival"}},
      {"MFS", {"metastasis-free survival", "metastasis free survival"}},
      {"DoR", {"duration of response", "duration of objective response"}},
      {"pCR", {"pathological complete response", "pathologic complete response"}},
      {"ORR", {"objective response", "overall response rate", "objective tumor response", "best overall response"}},
      {"DCR", {"disease control rate"}},
      {"CBR", {"clinical benefit rate"}},
      {"TTP", {"time to progression", "time to tumor progression"}},
      {"OS", {"overall survival"}},
  };
  const std::string lower = text::LowerAscii(r.title);
  for (const Named& n : kNamed) {
    for (const char* phrase : n.phrases) {
      if (lower.find(phrase) != std::string::npos) return n.canonical;
    }
    std::string acronym = n.canonical;
    for (char& c : acronym) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (acronym.size() >= 2 && HasWord(r.title, acronym)) return n.canonical;
  }
  return r.title;
}

// The unit of a duration ("Months" -> "months"), or "".
std::string DurationUnit(const std::string& unit) {
  const std::string u = text::LowerAscii(unit);
  for (const char* d : {"month", "week", "day", "year"}) {
    if (u.find(d) != std::string::npos) return std::string(d) + "s";
  }
  return "";
}

bool IsPercent(const std::string& unit) {
  const std::string u = text::LowerAscii(unit);
  return u.find("percent") != std::string::npos || u.find('%') != std::string::npos;
}

OutcomeSpan RegistrySpan() {
  OutcomeSpan s;
  s.field = "registry";
  return s;
}

void AddEffects(const TrialResult& r, const std::string& endpoint, Outcomes* out) {
  for (const ResultAnalysis& a : r.analyses) {
    std::string measure = Measure(a.param_type);
    auto value = Number(a.value);
    if (measure.empty() || !value) continue;
    OutcomeEffect e;
    e.measure = measure;
    e.value = *value;
    e.ci_low = Number(a.ci_lower);
    e.ci_high = Number(a.ci_upper);
    if (auto level = Number(a.ci_pct); level && *level >= 1 && *level <= 100) e.ci_level = static_cast<int>(*level);
    if (!a.p.empty()) e.p = "p" + (a.p[0] == '<' || a.p[0] == '>' || a.p[0] == '=' ? a.p : "=" + a.p);
    e.endpoint = endpoint;
    // The registry lists the groups compared, not which is the comparator.
    for (const std::string& g : a.groups) e.arm += (e.arm.empty() ? "" : " vs ") + g;
    e.source = "registry";
    e.span = RegistrySpan();
    out->effects.push_back(std::move(e));
  }
}

void AddGroupValues(const TrialResult& r, const std::string& endpoint, Outcomes* out) {
  const std::string param = text::LowerAscii(r.param_type);
  const std::string unit = DurationUnit(r.unit);
  const bool median = param == "median" && !unit.empty();
  const bool rate = (param == "number" || param == "mean") && IsPercent(r.unit) && r.kind != "post_hoc";
  if (!median && !rate) return;
  const bool interval = text::LowerAscii(r.dispersion).find("confidence interval") != std::string::npos;
  for (const ResultValue& v : r.values) {
    auto value = Number(v.value);
    if (!value || !v.category.empty()) continue;
    if (median) {
      OutcomeMedian m;
      m.endpoint = endpoint;
      m.arm = v.group;
      m.value = *value;
      m.unit = unit;
      if (interval) {
        m.ci_low = Number(v.lower);
        m.ci_high = Number(v.upper);
      }
      m.source = "registry";
      m.span = RegistrySpan();
      out->medians.push_back(std::move(m));
    } else if (*value >= 0 && *value <= 100) {
      OutcomeRate x;
      x.endpoint = endpoint;
      x.arm = v.group;
      x.value = *value;
      x.n = v.n;
      x.source = "registry";
      x.span = RegistrySpan();
      out->rates.push_back(std::move(x));
    }
  }
}

}  // namespace

Outcomes RegistryOutcomes(const Trial& t) {
  Outcomes out;
  for (const TrialResult& r : t.results) {
    const std::string endpoint = Endpoint(r);
    AddEffects(r, endpoint, &out);
    AddGroupValues(r, endpoint, &out);
  }
  // With results posted, the enrollment is the actual one.
  if (!out.empty() && t.enrollment) out.n_total = t.enrollment;
  for (const TrialArm& a : t.arms) out.arms.push_back({a.label, std::nullopt});
  return out;
}

}  // namespace ckb::knowledge
