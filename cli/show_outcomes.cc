// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb show`'s text form of a work's trial results: effects, medians, rates,
// arms and the number randomised, each item followed by the sentence it was
// read from so that a reader can check it.
#include "cli/show_outcomes.h"

#include <cstdio>

#include <fmt/format.h>

namespace ckb::cli {
namespace {

std::string Number(const Json& v) {
  if (!v.is_number()) return "NE";
  return fmt::format("{:g}", v.get<double>());
}

// The text of the field an item was read from.
std::string FieldText(const Json& work, const std::string& field) {
  if (field == "title" || field == "abstract") return JsonStr(work, field.c_str());
  for (const auto& s : work.value("sections", Json::array())) {
    if (JsonStr(s, "name") == field) return JsonStr(s, "text");
  }
  return {};
}

void PrintSentence(const Json& work, const Json& item) {
  const Json off = item.value("offsets", Json::object());
  const Json sentence = off.value("sentence", Json::array());
  if (sentence.size() != 2 || !sentence[0].is_number_unsigned() || !sentence[1].is_number_unsigned()) return;
  std::string text = FieldText(work, JsonStr(off, "field"));
  size_t b = sentence[0].get<size_t>(), e = sentence[1].get<size_t>();
  if (b >= e || e > text.size()) return;
  std::printf("        %s: \"%s\"\n", JsonStr(off, "field").c_str(), FitWidth(text.substr(b, e - b), 300).c_str());
}

std::string Interval(const Json& item) {
  if (!item.value("ci_low", Json()).is_number() && !item.value("ci_high", Json()).is_number()) return "";
  std::string level = item.value("ci_level", Json()).is_number() ? fmt::format("{}% ", item["ci_level"].get<int>()) : "";
  return fmt::format(" ({}CI {} to {})", level, Number(item["ci_low"]), Number(item["ci_high"]));
}

std::string Label(const Json& item) {
  std::string out;
  for (const char* k : {"endpoint", "arm", "subgroup"}) {
    std::string v = JsonStr(item, k);
    if (!v.empty()) out += (out.empty() ? "" : ", ") + v;
  }
  return out.empty() ? "" : " [" + out + "]";
}

}  // namespace

void PrintOutcomesText(const Json& w) {
  auto it = w.find("outcomes");
  if (it == w.end() || !it->is_object()) return;
  const Json& o = *it;
  std::printf("  outcomes:\n");
  if (o.value("n_total", Json()).is_number_integer()) {
    std::printf("    n_total     %lld\n", static_cast<long long>(o["n_total"].get<int64_t>()));
  }
  for (const auto& a : o.value("arms", Json::array())) {
    std::string n = a.value("n", Json()).is_number_integer() ? fmt::format(" (n = {})", a["n"].get<int64_t>()) : "";
    std::printf("    arm         %s%s\n", JsonStr(a, "label").c_str(), n.c_str());
  }
  for (const auto& e : o.value("effects", Json::array())) {
    std::string p = JsonStr(e, "p").empty() ? "" : " " + JsonStr(e, "p");
    std::printf("    effect      %s %s%s%s%s\n", JsonStr(e, "measure").c_str(), Number(e["value"]).c_str(),
                Interval(e).c_str(), p.c_str(), Label(e).c_str());
    PrintSentence(w, e);
  }
  for (const auto& m : o.value("medians", Json::array())) {
    std::printf("    median      %s %s%s%s\n", Number(m["value"]).c_str(), JsonStr(m, "unit").c_str(),
                Interval(m).c_str(), Label(m).c_str());
    PrintSentence(w, m);
  }
  for (const auto& r : o.value("rates", Json::array())) {
    std::string counts;
    if (r.value("n_events", Json()).is_number_integer()) {
      counts = r.value("n", Json()).is_number_integer()
                   ? fmt::format(" ({}/{})", r["n_events"].get<int64_t>(), r["n"].get<int64_t>())
                   : fmt::format(" ({} events)", r["n_events"].get<int64_t>());
    }
    std::printf("    rate        %s%%%s%s\n", Number(r["value"]).c_str(), counts.c_str(), Label(r).c_str());
    PrintSentence(w, r);
  }
}

}  // namespace ckb::cli
