// SPDX-License-Identifier: GPL-3.0-or-later
// The publication timeline: works per year for the most frequent drugs,
// drawn as inline SVG lines with a legend (no script, no external files).
#include <algorithm>
#include <map>

#include "query/evidence_map.h"

namespace ckb::query {

std::string TimelineSvg(const std::vector<Json>& works, size_t max_series) {
  static const char* kColors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  std::map<std::string, std::map<int, int>> per_drug;
  std::map<std::string, int> totals;
  int y0 = 9999, y1 = 0;
  for (const auto& w : works) {
    auto y = w.find("year");
    if (y == w.end() || !y->is_number_integer()) continue;
    int year = y->get<int>();
    y0 = std::min(y0, year);
    y1 = std::max(y1, year);
    auto d = w.find("drugs");
    if (d == w.end() || !d->is_array()) continue;
    for (const auto& drug : *d) {
      std::string name = CellText(drug);
      per_drug[name][year]++;
      totals[name]++;
    }
  }
  if (y1 == 0) return "";
  if (y0 == y1) --y0;
  std::vector<std::string> series;
  for (const auto& [k, v] : totals) series.push_back(k);
  std::stable_sort(series.begin(), series.end(), [&](const std::string& a, const std::string& b) {
    return totals[a] > totals[b];
  });
  if (series.size() > std::min<size_t>(max_series, 10)) series.resize(std::min<size_t>(max_series, 10));
  int max_count = 1;
  for (const auto& s : series) {
    for (const auto& [yr, n] : per_drug[s]) max_count = std::max(max_count, n);
  }
  const int w = 640, h = 240, left = 40, right = 180, top = 20, bottom = 30;
  auto px = [&](int year) { return left + (w - left - right) * (year - y0) / (y1 - y0); };
  auto py = [&](int n) { return h - bottom - (h - top - bottom) * n / max_count; };
  std::string svg = "<figure class=\"timeline\">\n<figcaption>Publications per year by drug</figcaption>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) + "\" height=\"" +
                    std::to_string(h) + "\" viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(h) +
                    "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(h - bottom) + "\" x2=\"" +
         std::to_string(w - right) + "\" y2=\"" + std::to_string(h - bottom) + "\" stroke=\"#444\"/>\n";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(top) + "\" x2=\"" + std::to_string(left) +
         "\" y2=\"" + std::to_string(h - bottom) + "\" stroke=\"#444\"/>\n";
  int step = std::max(1, (y1 - y0) / 10);
  for (int y = y0; y <= y1; y += step) {
    svg += "<text x=\"" + std::to_string(px(y)) + "\" y=\"" + std::to_string(h - bottom + 15) +
           "\" text-anchor=\"middle\">" + std::to_string(y) + "</text>\n";
  }
  svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + std::to_string(top + 4) + "\" text-anchor=\"end\">" +
         std::to_string(max_count) + "</text>\n<text x=\"" + std::to_string(left - 6) + "\" y=\"" +
         std::to_string(h - bottom) + "\" text-anchor=\"end\">0</text>\n";
  for (size_t i = 0; i < series.size(); ++i) {
    const char* color = kColors[i % 10];
    std::string pts;
    for (int y = y0; y <= y1; ++y) {
      auto it = per_drug[series[i]].find(y);
      int n = it == per_drug[series[i]].end() ? 0 : it->second;
      pts += (pts.empty() ? "" : " ") + std::to_string(px(y)) + "," + std::to_string(py(n));
    }
    svg += "<polyline fill=\"none\" stroke=\"" + std::string(color) + "\" stroke-width=\"2\" points=\"" + pts + "\">" +
           "<title>" + HtmlEscape(series[i]) + "</title></polyline>\n";
    int ly = top + 14 * static_cast<int>(i);
    svg += "<rect x=\"" + std::to_string(w - right + 10) + "\" y=\"" + std::to_string(ly - 8) +
           "\" width=\"10\" height=\"10\" fill=\"" + color + "\"/><text x=\"" + std::to_string(w - right + 24) +
           "\" y=\"" + std::to_string(ly + 1) + "\">" + HtmlEscape(FitWidth(series[i], 26)) + " (" +
           std::to_string(totals[series[i]]) + ")</text>\n";
  }
  svg += "</svg>\n</figure>\n";
  return svg;
}

}  // namespace ckb::query
