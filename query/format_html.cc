// SPDX-License-Identifier: GPL-3.0-or-later
// A standalone HTML page holding the table (every text escaped, line breaks
// as <br>, one heading row per group) followed by optional extra markup.
#include "query/internal/format_impl.h"

namespace ckb::query::internal {
namespace {

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse;font-size:0.9em}"
    "th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}"
    "thead th{background:#f0f0f0;position:sticky;top:0}"
    "tr.group th{background:#e4ecf7}"
    "td.num{text-align:right}";

std::string HtmlCell(const std::string& s) {
  std::string e = HtmlEscape(s), out;
  for (char c : e) {
    if (c == '\n') out += "<br>";
    else if (c != '\r') out.push_back(c);
  }
  return out;
}

class HtmlWriter : public TableWriter {
 public:
  std::string Write(const Table& t, const WriteOptions& o) const override {
    std::string title = t.title.empty() ? "ckb table" : t.title;
    std::string out = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + HtmlEscape(title) +
                      "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>" + HtmlEscape(title) +
                      "</h1>\n<table>\n<thead><tr>";
    for (const auto& c : t.columns) out += "<th>" + HtmlEscape(c.header) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    std::string group;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const Json& row = t.rows[r];
      std::string g = GroupOf(t, row);
      if (!t.group_key.empty() && (r == 0 || g != group)) {
        out += "<tr class=\"group\"><th colspan=\"" + std::to_string(t.columns.size()) + "\">" +
               HtmlEscape(g.empty() ? "(none)" : g) + "</th></tr>\n";
        group = g;
      }
      out += "<tr>";
      for (const auto& c : t.columns) {
        const Json& cell = CellOf(row, c.key);
        out += cell.is_number() ? "<td class=\"num\">" : "<td>";
        out += HtmlCell(CellText(cell)) + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n" + o.html_extra + "</body>\n</html>\n";
    return out;
  }
};

}  // namespace

std::unique_ptr<TableWriter> NewHtmlWriter() { return std::make_unique<HtmlWriter>(); }

}  // namespace ckb::query::internal
