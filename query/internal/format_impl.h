// SPDX-License-Identifier: GPL-3.0-or-later
// Constructors of the TableWriter implementations (query/format_*.cc) and
// the helpers they share.
#pragma once

#include <memory>
#include <string>

#include "query/table.h"

namespace ckb::query::internal {

std::unique_ptr<TableWriter> NewTerminalWriter();
std::unique_ptr<TableWriter> NewMarkdownWriter();
std::unique_ptr<TableWriter> NewDelimitedWriter(char sep);  // ',' = RFC 4180 CSV, '\t' = TSV
std::unique_ptr<TableWriter> NewJsonWriter();
std::unique_ptr<TableWriter> NewHtmlWriter();

// A format written a row at a time: Write() is Begin, each Row, End.
class StreamingWriter : public TableWriter {
 public:
  bool Streams() const override { return true; }
  std::string Write(const Table& t, const WriteOptions& o) const override {
    std::string out = Begin(t, o);
    for (size_t i = 0; i < t.rows.size(); ++i) out += Row(t, t.rows[i], i, o);
    return out + End(t, t.rows.size(), o);
  }
};

// The group value of a row as text ("" when the table is not grouped).
inline std::string GroupOf(const Table& t, const Json& row) {
  if (t.group_key.empty()) return "";
  auto it = row.find(t.group_key);
  return it == row.end() ? std::string() : CellText(*it);
}

inline const Json& CellOf(const Json& row, const std::string& key) {
  static const Json kNull;
  auto it = row.find(key);
  return it == row.end() ? kNull : *it;
}

}  // namespace ckb::query::internal
