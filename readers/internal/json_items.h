// SPDX-License-Identifier: GPL-3.0-or-later
// Finds the items of a top-level JSON array (or the one top-level object)
// without parsing them, so that each item can be parsed, and fail, on its
// own, and be named by its line. Module-private.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ckb::readers {

struct JsonItem {
  std::string_view text;  // the item's bytes, from its first to its last character
  int64_t line = 0;       // 1-based line it starts on
};

// The items of `text` (a JSON array, or one object as one item). Empty with
// `*error` set and `*error_line` where, when the brackets or strings do not balance
// or the text is neither an array nor an object. Strings are skipped by
// their quotes and escapes only, so an item with bad bytes inside a string
// is still found (its own parse then fails).
std::vector<JsonItem> SplitJsonItems(std::string_view text, std::string* error, int64_t* error_line);

}  // namespace ckb::readers
