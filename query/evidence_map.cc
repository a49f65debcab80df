// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence maps: counting works and trials per cell, and their text, CSV and
// HTML heat-map forms.
#include "query/evidence_map.h"

#include <algorithm>

namespace ckb::query {
namespace {

const char* FieldOf(const std::string& dim) {
  if (dim == "drug") return "drugs";
  if (dim == "biomarker") return "biomarkers";
  if (dim == "trial") return "trials";
  if (dim == "design") return "design";
  if (dim == "phase") return "phase";
  if (dim == "year") return "year";
  if (dim == "population") return "population";
  return nullptr;
}

std::vector<std::string> ValuesOf(const Json& row, const char* field) {
  std::vector<std::string> out;
  auto it = row.find(field);
  if (it == row.end()) return out;
  if (it->is_array()) {
    for (const auto& v : *it) {
      std::string s = CellText(v);
      if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
  } else if (!it->is_null()) {
    out.push_back(CellText(*it));
  }
  return out;
}

// Values ordered by number of works (descending), then by name; years ascending.
std::vector<std::string> Ordered(const std::map<std::string, size_t>& counts, bool by_value) {
  std::vector<std::string> v;
  for (const auto& [k, n] : counts) v.push_back(k);
  if (!by_value) {
    std::stable_sort(v.begin(), v.end(), [&](const std::string& a, const std::string& b) {
      return counts.at(a) > counts.at(b);
    });
  }
  return v;
}

std::string Cell(const EvidenceMap& m, const std::string& r, const std::string& c, bool numbers_only) {
  auto it = m.cells.find({r, c});
  if (it == m.cells.end()) return numbers_only ? "0" : "";
  std::string s = std::to_string(it->second.size());
  auto t = m.trials.find({r, c});
  if (!numbers_only && t != m.trials.end() && !t->second.empty()) s += " (" + std::to_string(t->second.size()) + ")";
  return s;
}

}  // namespace

const std::vector<std::string>& MapDimensions() {
  static const std::vector<std::string> d = {"drug", "biomarker", "trial", "design", "phase", "year", "population"};
  return d;
}

Result<EvidenceMap> BuildEvidenceMap(std::vector<Json> works, const std::string& row_dim, const std::string& col_dim) {
  const char* rf = FieldOf(row_dim);
  const char* cf = FieldOf(col_dim);
  if (!rf) return Status::InvalidArgument("unknown map dimension '" + row_dim + "'");
  if (!cf) return Status::InvalidArgument("unknown map dimension '" + col_dim + "'");
  EvidenceMap m;
  m.row_dim = row_dim;
  m.col_dim = col_dim;
  m.works = std::move(works);
  std::map<std::string, size_t> row_counts, col_counts;
  for (size_t i = 0; i < m.works.size(); ++i) {
    const Json& w = m.works[i];
    auto rs = ValuesOf(w, rf), cs = ValuesOf(w, cf);
    auto ts = ValuesOf(w, "trials");
    for (const auto& r : rs) {
      for (const auto& c : cs) {
        m.cells[{r, c}].push_back(i);
        for (const auto& t : ts) m.trials[{r, c}].insert(t);
      }
    }
    if (cs.empty()) continue;
    for (const auto& r : rs) row_counts[r]++;
    if (rs.empty()) continue;
    for (const auto& c : cs) col_counts[c]++;
  }
  m.rows = Ordered(row_counts, row_dim == "year");
  m.cols = Ordered(col_counts, col_dim == "year");
  return m;
}

Table MapTable(const EvidenceMap& m, bool numbers_only) {
  Table t;
  t.columns.push_back({m.row_dim, m.row_dim + " \\ " + m.col_dim});
  // Column keys are the values themselves so CSV/TSV/JSON headers name them
  // (a value equal to the row dimension or "works" would share its key).
  for (const auto& c : m.cols) t.columns.push_back({c, c});
  t.columns.push_back({"works", "works"});
  for (const auto& r : m.rows) {
    Json row;
    row[m.row_dim] = r;
    std::set<size_t> all;
    for (size_t i = 0; i < m.cols.size(); ++i) {
      std::string s = Cell(m, r, m.cols[i], numbers_only);
      row[m.cols[i]] = numbers_only ? Json(std::stoll(s)) : Json(s);
      auto it = m.cells.find({r, m.cols[i]});
      if (it != m.cells.end()) all.insert(it->second.begin(), it->second.end());
    }
    row["works"] = all.size();
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string MapHtml(const EvidenceMap& m, const std::string& title) {
  size_t max_n = 1;
  for (const auto& [k, v] : m.cells) max_n = std::max(max_n, v.size());
  std::string out =
      "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + HtmlEscape(title) +
      "</title>\n<style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
      "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}"
      "td.cell{min-width:4em}details summary{cursor:pointer;font-weight:600}details ul{margin:0.3em 0;padding-left:1.2em;"
      "font-size:0.85em;max-width:28em}ol.works li{margin:0.3em 0}</style>\n</head>\n<body>\n<h1>" +
      HtmlEscape(title) + "</h1>\n<p>Cells count works; the number in parentheses counts distinct trials. "
      "Open a cell to list its works.</p>\n<table class=\"map\">\n<thead><tr><th>" +
      HtmlEscape(m.row_dim + " \\ " + m.col_dim) + "</th>";
  for (const auto& c : m.cols) out += "<th>" + HtmlEscape(c) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& r : m.rows) {
    out += "<tr><th>" + HtmlEscape(r) + "</th>";
    for (const auto& c : m.cols) {
      auto it = m.cells.find({r, c});
      if (it == m.cells.end()) {
        out += "<td class=\"cell\"></td>";
        continue;
      }
      int alpha = static_cast<int>(15 + 75 * it->second.size() / max_n);
      out += "<td class=\"cell\" style=\"background:rgba(31,119,180,0." + std::string(alpha < 10 ? "0" : "") +
             std::to_string(alpha) + ")\"><details><summary>" + HtmlEscape(Cell(m, r, c, false)) + "</summary><ul>";
      for (size_t i : it->second) {
        const Json& w = m.works[i];
        out += "<li><a href=\"#w" + std::to_string(i + 1) + "\">" + HtmlEscape(CellText(w.value("citation", Json()))) +
               "</a> " + HtmlEscape(CellText(w.value("title", Json()))) + "</li>";
      }
      out += "</ul></details></td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<h2>Works</h2>\n<ol class=\"works\">\n";
  for (size_t i = 0; i < m.works.size(); ++i) {
    const Json& w = m.works[i];
    out += "<li id=\"w" + std::to_string(i + 1) + "\">" + HtmlEscape(CellText(w.value("citation", Json()))) + ". " +
           HtmlEscape(CellText(w.value("title", Json())));
    std::string doi = CellText(w.value("doi", Json()));
    if (!doi.empty()) out += " <a href=\"https://doi.org/" + HtmlEscape(doi) + "\">doi:" + HtmlEscape(doi) + "</a>";
    out += "</li>\n";
  }
  out += "</ol>\n" + TimelineSvg(m.works) + "</body>\n</html>\n";
  return out;
}

}  // namespace ckb::query
