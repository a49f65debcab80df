// SPDX-License-Identifier: GPL-3.0-or-later
// Review-table cells of trial results: effect estimates with their
// intervals, medians per endpoint, response rates, arms and the number
// randomised, each as printed from the work's stored outcomes.
#include "query/review_outcomes.h"

#include <fmt/format.h>

namespace ckb::query {
namespace {

std::string Num(const Json& v) { return v.is_number() ? fmt::format("{:g}", v.get<double>()) : "NE"; }

bool HasNum(const Json& o, const char* key) { return o.value(key, Json()).is_number(); }

std::string Effect(const Json& e) {
  std::string s = JsonStr(e, "measure") + " " + Num(e["value"]);
  if (HasNum(e, "ci_low") || HasNum(e, "ci_high")) {
    std::string level = HasNum(e, "ci_level") ? fmt::format("{}% CI ", e["ci_level"].get<int>()) : "";
    s += fmt::format(" ({}{}\u2013{})", level, Num(e["ci_low"]), Num(e["ci_high"]));
  }
  if (!JsonStr(e, "p").empty()) s += " " + JsonStr(e, "p");
  for (const char* k : {"endpoint", "subgroup"}) {
    if (!JsonStr(e, k).empty()) s += " " + JsonStr(e, k);
  }
  return s;
}

std::string Median(const Json& m) {
  std::string s = Num(m["value"]) + " " + JsonStr(m, "unit");
  if (HasNum(m, "ci_low") || HasNum(m, "ci_high")) {
    s += fmt::format(" ({}\u2013{})", Num(m["ci_low"]), Num(m["ci_high"]));
  }
  if (!JsonStr(m, "arm").empty()) s += " " + JsonStr(m, "arm");
  return s;
}

std::string Rate(const Json& r) {
  std::string s = Num(r["value"]) + "%";
  if (r.value("n_events", Json()).is_number_integer() && r.value("n", Json()).is_number_integer()) {
    s += fmt::format(" ({}/{})", r["n_events"].get<int64_t>(), r["n"].get<int64_t>());
  }
  if (!JsonStr(r, "arm").empty()) s += " " + JsonStr(r, "arm");
  return s;
}

// The outcomes object of a table row: the stored items without offsets.
Json RowObject(const Json& o) {
  Json out = o;
  for (const char* list : {"effects", "medians", "rates"}) {
    if (!out.contains(list) || !out[list].is_array()) out[list] = Json::array();
    for (auto& item : out[list]) item.erase("offsets");
  }
  if (!out.contains("arms")) out["arms"] = Json::array();
  if (!out.contains("n_total")) out["n_total"] = nullptr;
  return out;
}

template <class F>
Json Strings(const Json& o, const char* list, F keep_and_print) {
  Json out = Json::array();
  for (const auto& item : o.value(list, Json::array())) {
    std::string s;
    if (keep_and_print(item, &s)) out.push_back(s);
  }
  return out;
}

}  // namespace

void AddOutcomeCells(const Json& w, Json* row) {
  auto it = w.find("outcomes");
  const Json o = it != w.end() && it->is_object() ? *it : Json::object();
  (*row)["outcomes"] = o.empty() ? Json(nullptr) : RowObject(o);
  (*row)["hr"] = Strings(o, "effects", [](const Json& e, std::string* s) {
    if (JsonStr(e, "measure") != "HR") return false;
    *s = Effect(e);
    return true;
  });
  for (const char* endpoint : {"PFS", "OS"}) {
    (*row)[std::string("median_") + (endpoint[0] == 'P' ? "pfs" : "os")] =
        Strings(o, "medians", [&](const Json& m, std::string* s) {
          if (JsonStr(m, "endpoint") != endpoint) return false;
          *s = Median(m);
          return true;
        });
  }
  (*row)["orr"] = Strings(o, "rates", [](const Json& r, std::string* s) {
    if (JsonStr(r, "endpoint") != "ORR") return false;
    *s = Rate(r);
    return true;
  });
  (*row)["arms"] = Strings(o, "arms", [](const Json& a, std::string* s) {
    *s = JsonStr(a, "label");
    if (a.value("n", Json()).is_number_integer()) s->append(fmt::format(" (n={})", a["n"].get<int64_t>()));
    return !s->empty();
  });
  (*row)["n_total"] = o.value("n_total", Json()).is_number_integer() ? o["n_total"] : Json(nullptr);
}

std::string OutcomesSummary(const Json& o) {
  std::vector<std::string> parts;
  for (const auto& e : o.value("effects", Json::array())) parts.push_back(Effect(e));
  for (const char* endpoint : {"PFS", "OS"}) {
    std::string values;
    for (const auto& m : o.value("medians", Json::array())) {
      if (JsonStr(m, "endpoint") == endpoint) values += (values.empty() ? "" : ", ") + Median(m);
    }
    if (!values.empty()) parts.push_back(std::string("median ") + endpoint + " " + values);
  }
  std::string orr;
  for (const auto& r : o.value("rates", Json::array())) {
    if (JsonStr(r, "endpoint") == "ORR") orr += (orr.empty() ? "" : ", ") + Rate(r);
  }
  if (!orr.empty()) parts.push_back("ORR " + orr);
  if (o.value("n_total", Json()).is_number_integer()) {
    parts.push_back(fmt::format("n={}", o["n_total"].get<int64_t>()));
  }
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

}  // namespace ckb::query
