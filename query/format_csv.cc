// SPDX-License-Identifier: GPL-3.0-or-later
// CSV after RFC 4180 (fields with a comma, quote or line break quoted,
// quotes doubled, CRLF line ends, optional UTF-8 BOM) and TSV (one line per
// row, tabs and line breaks inside cells turned into spaces).
#include "query/internal/format_impl.h"

namespace ckb::query::internal {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::string TsvField(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

class DelimitedWriter : public StreamingWriter {
 public:
  explicit DelimitedWriter(char sep) : sep_(sep) {}

  std::string Begin(const Table& t, const WriteOptions& o) const override {
    std::string out;
    if (o.bom && sep_ == ',') out += "\xEF\xBB\xBF";
    if (o.header) out += Line(t, [](const std::string& key) { return key; });
    return out;
  }

  std::string Row(const Table& t, const Json& row, size_t, const WriteOptions&) const override {
    return Line(t, [&](const std::string& key) { return CellText(CellOf(row, key)); });
  }

 private:
  // One line: the group column first, then the table's columns; `field`
  // gives the text of a column from its key (the header row is the keys).
  template <class Field>
  std::string Line(const Table& t, Field field) const {
    std::string out;
    bool first = true;
    auto emit = [&](const std::string& text) {
      if (!first) out.push_back(sep_);
      first = false;
      out += sep_ == ',' ? CsvField(text) : TsvField(text);
    };
    if (!t.group_key.empty()) emit(field(t.group_key));
    for (const auto& c : t.columns) emit(field(c.key));
    return out + (sep_ == ',' ? "\r\n" : "\n");
  }

  char sep_;
};

}  // namespace

std::unique_ptr<TableWriter> NewDelimitedWriter(char sep) { return std::make_unique<DelimitedWriter>(sep); }

}  // namespace ckb::query::internal
