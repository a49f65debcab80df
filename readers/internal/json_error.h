// SPDX-License-Identifier: GPL-3.0-or-later
// What is wrong with a JSON text that did not parse, said so a user can find
// it: the line and column and the parser's own account ("syntax error while
// parsing object key - invalid literal; last read: '{'t'"). Only called on
// the error path, after a parse has failed. Module-private.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ckb::readers {

struct JsonSyntaxError {
  int64_t line = 0;    // 1-based, within `text`; 0 when `text` is valid JSON
  int64_t column = 0;  // 1-based
  std::string what;    // without the position; non-printable bytes as \xNN

  // "not valid JSON (column 12: syntax error while parsing ...)"
  std::string Describe() const { return "not valid JSON (column " + std::to_string(column) + ": " + what + ")"; }
};

JsonSyntaxError FindJsonSyntaxError(std::string_view text);

}  // namespace ckb::readers
