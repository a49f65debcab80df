// SPDX-License-Identifier: GPL-3.0-or-later
// Top-level JSON items by bracket matching (readers/internal/json_items.h).
#include "readers/internal/json_items.h"

#include "readers/internal/format_util.h"

namespace ckb::readers {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\n')) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
  }

  // Moves past one value starting at pos_; false when it does not end.
  bool SkipValue() {
    int depth = 0;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '"') {
        if (!SkipString()) return false;
        if (depth == 0) return true;
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return true;  // a scalar item ends at its array's ']'
        if (--depth == 0) {
          ++pos_;
          return true;
        }
      } else if (depth == 0 && (c == ',' || IsSpace(c))) {
        return true;
      }
      if (c == '\n') ++line_;
      ++pos_;
    }
    return depth == 0;
  }

  size_t pos() const { return pos_; }
  int64_t line() const { return line_; }
  bool At(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  void Advance() { ++pos_; }
  bool AtEnd() const { return pos_ >= text_.size(); }

 private:
  static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  bool SkipString() {
    for (++pos_; pos_ < text_.size(); ++pos_) {
      char c = text_[pos_];
      if (c == '\\') {
        ++pos_;
      } else if (c == '"') {
        ++pos_;
        return true;
      } else if (c == '\n') {
        ++line_;
      }
    }
    return false;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

}  // namespace

std::vector<JsonItem> SplitJsonItems(std::string_view text, std::string* error, int64_t* error_line) {
  text = StripBom(text);
  Scanner s(text);
  std::vector<JsonItem> items;
  s.SkipSpace();
  if (s.At('{')) {
    int64_t line = s.line();
    size_t b = s.pos();
    if (!s.SkipValue()) {
      *error = "the JSON object is not closed";
      *error_line = line;
      return {};
    }
    items.push_back({text.substr(b, s.pos() - b), line});
    return items;
  }
  if (!s.At('[')) {
    *error = "neither a JSON array nor an object";
    *error_line = s.line();
    return {};
  }
  s.Advance();
  while (true) {
    s.SkipSpace();
    if (s.At(']')) return items;
    int64_t line = s.line();
    size_t b = s.pos();
    if (s.AtEnd() || !s.SkipValue() || s.pos() == b) {
      *error = "the JSON array is not closed";
      *error_line = line;
      return {};
    }
    items.push_back({text.substr(b, s.pos() - b), line});
    s.SkipSpace();
    if (s.At(',')) {
      s.Advance();
    } else if (!s.At(']')) {
      *error = "expected ',' or ']' between array items";
      *error_line = s.line();
      return {};
    }
  }
}

}  // namespace ckb::readers
