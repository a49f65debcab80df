// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal table: columns padded by display width (CJK characters take
// two columns), shrunk to fit the terminal, long cells cut with "…".
#include <algorithm>

#include "query/internal/format_impl.h"

namespace ckb::query::internal {
namespace {

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

std::string Pad(const std::string& s, int width) {
  std::string out = FitWidth(s, width);
  int w = DisplayWidth(out);
  if (w < width) out.append(static_cast<size_t>(width - w), ' ');
  return out;
}

void RTrim(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

// Shrinks the widest columns until the row fits `total` columns; a column
// keeps at least min(natural, 6) columns.
void FitColumns(std::vector<int>* widths, int total) {
  const int gaps = 2 * (static_cast<int>(widths->size()) - 1);
  auto sum = [&] {
    int s = gaps;
    for (int w : *widths) s += w;
    return s;
  };
  while (sum() > total) {
    auto widest = std::max_element(widths->begin(), widths->end());
    if (widest == widths->end() || *widest <= 6) break;
    --*widest;
  }
}

class TerminalWriter : public TableWriter {
 public:
  std::string Write(const Table& t, const WriteOptions& o) const override {
    std::vector<std::vector<std::string>> cells;
    std::vector<int> widths;
    for (const auto& c : t.columns) widths.push_back(DisplayWidth(c.header));
    for (const auto& row : t.rows) {
      std::vector<std::string> line;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        line.push_back(OneLine(CellText(CellOf(row, t.columns[i].key))));
        widths[i] = std::max(widths[i], DisplayWidth(line.back()));
      }
      cells.push_back(std::move(line));
    }
    if (o.width > 0) FitColumns(&widths, o.width);
    std::string out;
    auto emit = [&](const std::vector<std::string>& line) {
      std::string s;
      for (size_t i = 0; i < line.size(); ++i) {
        if (i) s += "  ";
        s += Pad(line[i], widths[i]);
      }
      RTrim(&s);
      out += s + "\n";
    };
    if (o.header) {
      std::vector<std::string> head, rule;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        head.push_back(t.columns[i].header);
        std::string r;
        for (int k = 0; k < widths[i]; ++k) r += "─";
        rule.push_back(r);
      }
      emit(head);
      emit(rule);
    }
    std::string group;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      std::string g = GroupOf(t, t.rows[r]);
      if (!t.group_key.empty() && (r == 0 || g != group)) {
        if (r) out += "\n";
        out += "▸ " + (g.empty() ? std::string("(none)") : OneLine(g)) + "\n";
        group = g;
      }
      emit(cells[r]);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<TableWriter> NewTerminalWriter() { return std::make_unique<TerminalWriter>(); }

}  // namespace ckb::query::internal
