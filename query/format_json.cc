// SPDX-License-Identifier: GPL-3.0-or-later
// JSON table output: an array of row objects holding the chosen columns
// (lists stay arrays, numbers stay numbers), the group value first.
#include "query/internal/format_impl.h"

namespace ckb::query::internal {
namespace {

class JsonWriter : public StreamingWriter {
 public:
  // Each row is the object Dump() indents by two spaces inside the array,
  // so the whole is byte for byte the dump of the array.
  std::string Row(const Table& t, const Json& row, size_t index, const WriteOptions&) const override {
    Json o = Json::object();
    if (!t.group_key.empty()) o[t.group_key] = CellOf(row, t.group_key);
    for (const auto& c : t.columns) o[c.key] = CellOf(row, c.key);
    std::string text = Dump(o, 2);
    std::string out = index == 0 ? "[\n  " : ",\n  ";
    out.reserve(out.size() + text.size() + text.size() / 16);
    for (char ch : text) {
      out.push_back(ch);
      if (ch == '\n') out += "  ";
    }
    return out;
  }
  std::string End(const Table&, size_t rows, const WriteOptions&) const override {
    return rows == 0 ? "[]\n" : "\n]\n";
  }
};

}  // namespace

std::unique_ptr<TableWriter> NewJsonWriter() { return std::make_unique<JsonWriter>(); }

}  // namespace ckb::query::internal
