// SPDX-License-Identifier: GPL-3.0-or-later
// `.ckbignore` files: gitignore syntax (comments, `!` negation, a trailing
// `/` for folders only, patterns anchored to the file's folder when they
// hold a `/` before their end, `*`, `?`, `[...]`, `**`, backslash escapes).
// A folder walk keeps one IgnoreFile per folder that has one; the deepest
// file's last matching rule decides, as in git.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ckb::ingest {

class IgnoreFile {
 public:
  // Parses the text of an ignore file.
  static IgnoreFile Parse(std::string_view text);

  // The verdict of this file for `path` (relative to the file's folder,
  // '/'-separated): 1 ignored, -1 re-included by a `!` rule, 0 no rule matched.
  int Match(std::string_view path, bool is_dir) const;
  bool empty() const { return rules_.empty(); }

 private:
  struct Rule {
    std::string pattern;  // without the leading '!' and '/', nor the trailing '/'
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;  // matched against the whole relative path
  };
  std::vector<Rule> rules_;
};

// Glob match of gitignore patterns: `*` and `?` do not match '/', `**` as a
// whole path segment matches any number of segments, `[...]` classes with
// ranges and `!`/`^` negation, `\` escapes the next character.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace ckb::ingest
