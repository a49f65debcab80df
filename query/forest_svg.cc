// SPDX-License-Identifier: GPL-3.0-or-later
// The forest plot of a review table: the hazard ratios the table's works
// report for one endpoint (the one most of them report), each with its
// interval on a log scale around 1, drawn as inline SVG (no script).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "query/review_outcomes.h"
#include "query/table.h"

namespace ckb::query {
namespace {

struct Estimate {
  std::string label;
  double value, low, high;
  bool has_ci;
};

// The endpoint with the most hazard ratios among the rows.
std::string CommonEndpoint(const Table& t) {
  std::map<std::string, int> count;
  for (const auto& r : t.rows) {
    const Json& o = r.value("outcomes", Json());
    if (!o.is_object()) continue;
    for (const auto& e : o.value("effects", Json::array())) {
      if (JsonStr(e, "measure") == "HR" && !JsonStr(e, "endpoint").empty()) ++count[JsonStr(e, "endpoint")];
    }
  }
  std::string best;
  for (const auto& [k, n] : count) {
    if (best.empty() || n > count[best]) best = k;
  }
  return best;
}

std::vector<Estimate> Estimates(const Table& t, const std::string& endpoint, size_t max_rows) {
  std::vector<Estimate> out;
  std::set<std::string> seen;
  for (const auto& r : t.rows) {
    if (!JsonStr(r, "id").empty() && !seen.insert(JsonStr(r, "id")).second) continue;
    const Json& o = r.value("outcomes", Json());
    if (!o.is_object()) continue;
    for (const auto& e : o.value("effects", Json::array())) {
      if (JsonStr(e, "measure") != "HR" || JsonStr(e, "endpoint") != endpoint || !e["value"].is_number()) continue;
      double v = e["value"].get<double>();
      if (v <= 0 || out.size() >= max_rows) continue;
      bool ci = e.value("ci_low", Json()).is_number() && e.value("ci_high", Json()).is_number() &&
                e["ci_low"].get<double>() > 0;
      std::string label = JsonStr(r, "citation");
      if (label.empty()) label = JsonStr(r, "title");
      if (!JsonStr(e, "subgroup").empty()) label += " (" + JsonStr(e, "subgroup") + ")";
      out.push_back({label, v, ci ? e["ci_low"].get<double>() : v, ci ? e["ci_high"].get<double>() : v, ci});
    }
  }
  return out;
}

}  // namespace

std::string ForestPlotSvg(const Table& t) {
  std::string endpoint = CommonEndpoint(t);
  if (endpoint.empty()) return "";
  std::vector<Estimate> est = Estimates(t, endpoint, 60);
  if (est.empty()) return "";
  double lo = 1, hi = 1;
  for (const auto& e : est) {
    lo = std::min(lo, std::max(e.low, 0.01));
    hi = std::max(hi, std::min(e.high, 100.0));
  }
  const double l0 = std::log(lo) - 0.1, l1 = std::log(hi) + 0.1;
  const int row_h = 18, left = 260, plot_w = 300, right = 170, top = 24;
  const int w = left + plot_w + right, h = top + row_h * static_cast<int>(est.size()) + 30;
  auto px = [&](double v) {
    double x = (std::log(std::clamp(v, 0.01, 100.0)) - l0) / (l1 - l0);
    return left + static_cast<int>(x * plot_w);
  };
  std::string svg = fmt::format(
      "<figure class=\"forest\">\n<figcaption>Hazard ratios for {} (log scale; left of 1 favours the "
      "experimental arm as written)</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
      "height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n",
      HtmlEscape(endpoint), w, h, w, h);
  int bottom = h - 24;
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888\" stroke-dasharray=\"3,3\"/>\n",
                     px(1), top - 6, bottom);
  svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\"/>\n", left, bottom,
                     left + plot_w, bottom);
  for (double tick : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0}) {
    if (tick < std::exp(l0) || tick > std::exp(l1)) continue;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{:g}</text>\n", px(tick), bottom + 15, tick);
  }
  for (size_t i = 0; i < est.size(); ++i) {
    const Estimate& e = est[i];
    int y = top + row_h * static_cast<int>(i) + row_h / 2;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 8, y + 4,
                       HtmlEscape(FitWidth(e.label, 40)));
    if (e.has_ci) {
      svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n",
                         px(e.low), y, px(e.high), y);
    }
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#1f77b4\"/>\n", px(e.value) - 3, y - 3);
    std::string text = e.has_ci ? fmt::format("{:g} ({:g}\u2013{:g})", e.value, e.low, e.high) : fmt::format("{:g}", e.value);
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left + plot_w + 10, y + 4, text);
  }
  svg += "</svg>\n</figure>\n";
  return svg;
}

}  // namespace ckb::query
