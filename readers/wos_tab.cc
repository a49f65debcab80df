// SPDX-License-Identifier: GPL-3.0-or-later
// Web of Science tab-delimited export rows (savedrecs.txt: the header row
// holds the field tags PT, AU, ... UT, PM): the row becomes the tag list the
// plain-text export gives, then the shared mapping (wos_map.cc) applies.
#include <string>

#include "readers/internal/csv_export.h"
#include "readers/internal/format_util.h"
#include "readers/internal/wos.h"

namespace ckb::readers {
namespace {

// Columns holding several values separated by "; " (one value per line in
// the plain-text export).
bool IsWosListTag(const std::string& tag) {
  return tag == "AU" || tag == "AF" || tag == "CR" || tag == "CA" || tag == "BE" || tag == "BF" || tag == "EM";
}

}  // namespace

Document MapWosTabRow(const CsvColumns& c, const CsvRow& row) {
  internal::WosFields fields;
  for (const std::string& tag : c.names()) {
    std::string value = c.Get(row, tag);
    if (value.empty()) continue;
    std::string t = UpperAscii(tag);
    if (IsWosListTag(t)) {
      for (std::string& v : SplitOutsideParens(value, "; ")) fields.emplace_back(t, std::move(v));
    } else {
      fields.emplace_back(t, std::move(value));
    }
  }
  return internal::MapWosRecord(fields);
}

}  // namespace ckb::readers
