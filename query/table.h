// SPDX-License-Identifier: GPL-3.0-or-later
// A table of rows keyed by column, and the TableWriter interface that renders
// it as a terminal table, Markdown, CSV, TSV, JSON or a standalone HTML page
// (one implementation per format in query/format_*.cc).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/record.h"

namespace ckb::query {

struct TableColumn {
  std::string key;     // key of the cell in each row object
  std::string header;  // printed header
};

// Rows are JSON objects keyed by column key. A cell is a string, a number,
// null, or an array of those (joined with "; " in text formats). With
// `group_key` set, consecutive rows sharing that value form a group: text
// formats print a heading line per group, CSV/TSV/JSON add the value as a
// first column named after the key.
struct Table {
  std::vector<TableColumn> columns;
  std::vector<Json> rows;
  std::string group_key;
  std::string title;  // page title (HTML) or heading (Markdown); may be empty
};

struct WriteOptions {
  int width = 0;       // terminal columns for `table`; 0 = no limit
  bool header = true;  // CSV/TSV/table header row
  bool bom = false;    // CSV: start with a UTF-8 byte order mark
  std::string html_extra;  // HTML: markup inserted after the table (e.g. an SVG figure)
};

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual std::string Write(const Table& table, const WriteOptions& options) const = 0;

  // Formats written a row at a time (CSV, TSV, JSON), so that a table of
  // any length is never held whole: the text before the rows, of the row
  // numbered `index` (from 0), and after `rows` rows; Write() is exactly
  // Begin, each Row, End. Only the columns and group key of `table` are
  // read, not its rows.
  virtual bool Streams() const { return false; }
  virtual std::string Begin(const Table&, const WriteOptions&) const { return ""; }
  virtual std::string Row(const Table&, const Json&, size_t /*index*/, const WriteOptions&) const {
    return "";
  }
  virtual std::string End(const Table&, size_t /*rows*/, const WriteOptions&) const { return ""; }
};

// table | md | csv | tsv | json | html; null for an unknown name.
std::unique_ptr<TableWriter> MakeTableWriter(std::string_view format);
const std::vector<std::string>& TableFormats();

// The text of a cell: strings as they are, numbers in decimal, null as "",
// arrays joined with `sep`.
std::string CellText(const Json& cell, std::string_view sep = "; ");

// Display width of UTF-8 text in terminal columns (East Asian wide = 2,
// combining = 0; invalid bytes count 1).
int DisplayWidth(std::string_view s);
// Cuts UTF-8 text to at most `width` columns, ending in "…" when cut.
std::string FitWidth(std::string_view s, int width);

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace ckb::query
