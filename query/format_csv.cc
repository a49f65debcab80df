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

class DelimitedWriter : public TableWriter {
 public:
  explicit DelimitedWriter(char sep) : sep_(sep) {}

  std::string Write(const Table& t, const WriteOptions& o) const override {
    const char* eol = sep_ == ',' ? "\r\n" : "\n";
    std::string out;
    if (o.bom && sep_ == ',') out += "\xEF\xBB\xBF";
    std::vector<std::string> keys, heads;
    if (!t.group_key.empty()) {
      keys.push_back(t.group_key);
      heads.push_back(t.group_key);
    }
    for (const auto& c : t.columns) {
      keys.push_back(c.key);
      heads.push_back(c.key);
    }
    auto emit = [&](const std::vector<std::string>& fields) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(sep_);
        out += sep_ == ',' ? CsvField(fields[i]) : TsvField(fields[i]);
      }
      out += eol;
    };
    if (o.header) emit(heads);
    for (const auto& row : t.rows) {
      std::vector<std::string> fields;
      for (const auto& k : keys) fields.push_back(CellText(CellOf(row, k)));
      emit(fields);
    }
    return out;
  }

 private:
  char sep_;
};

}  // namespace

std::unique_ptr<TableWriter> NewDelimitedWriter(char sep) { return std::make_unique<DelimitedWriter>(sep); }

}  // namespace ckb::query::internal
