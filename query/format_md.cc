// SPDX-License-Identifier: GPL-3.0-or-later
// GitHub-flavoured Markdown pipe tables: "|" escaped as "\|", line breaks
// written as <br>; one table per group under a level-3 heading.
#include "query/internal/format_impl.h"

namespace ckb::query::internal {
namespace {

std::string MdCell(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '|') {
      out += "\\|";
    } else if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out += "<br>";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class MarkdownWriter : public TableWriter {
 public:
  std::string Write(const Table& t, const WriteOptions&) const override {
    std::string out;
    if (!t.title.empty()) out += "## " + MdCell(t.title) + "\n\n";
    auto header = [&] {
      std::string h = "|", rule = "|";
      for (const auto& c : t.columns) {
        h += " " + MdCell(c.header) + " |";
        rule += " --- |";
      }
      out += h + "\n" + rule + "\n";
    };
    std::string group;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      std::string g = GroupOf(t, t.rows[r]);
      if (r == 0 || (!t.group_key.empty() && g != group)) {
        if (r) out += "\n";
        if (!t.group_key.empty()) out += "### " + MdCell(g.empty() ? "(none)" : g) + "\n\n";
        header();
        group = g;
      }
      std::string line = "|";
      for (const auto& c : t.columns) line += " " + MdCell(CellText(CellOf(t.rows[r], c.key))) + " |";
      out += line + "\n";
    }
    if (t.rows.empty()) header();
    return out;
  }
};

}  // namespace

std::unique_ptr<TableWriter> NewMarkdownWriter() { return std::make_unique<MarkdownWriter>(); }

}  // namespace ckb::query::internal
