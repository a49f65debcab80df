// SPDX-License-Identifier: GPL-3.0-or-later
// JSON table output: an array of row objects holding the chosen columns
// (lists stay arrays, numbers stay numbers), the group value first.
#include "query/internal/format_impl.h"

namespace ckb::query::internal {
namespace {

class JsonWriter : public TableWriter {
 public:
  std::string Write(const Table& t, const WriteOptions&) const override {
    Json out = Json::array();
    for (const auto& row : t.rows) {
      Json o = Json::object();
      if (!t.group_key.empty()) o[t.group_key] = CellOf(row, t.group_key);
      for (const auto& c : t.columns) o[c.key] = CellOf(row, c.key);
      out.push_back(std::move(o));
    }
    return Dump(out, 2) + "\n";
  }
};

}  // namespace

std::unique_ptr<TableWriter> NewJsonWriter() { return std::make_unique<JsonWriter>(); }

}  // namespace ckb::query::internal
