// SPDX-License-Identifier: GPL-3.0-or-later
// Locates and words a JSON syntax error (see readers/internal/json_error.h).
#include "readers/internal/json_error.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace ckb::readers {
namespace {

using nlohmann::json;

// Accepts every event and keeps the first error; builds no document.
class ErrorSax : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    message = ex.what();
    return false;
  }
  std::string message;
};

// Bytes outside printable ASCII shown as \xNN, at most `max` of them kept.
std::string Printable(std::string_view s, size_t max) {
  std::string out;
  for (unsigned char c : s.substr(0, max)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

JsonSyntaxError FindJsonSyntaxError(std::string_view text) {
  JsonSyntaxError e;
  ErrorSax sax;
  if (json::sax_parse(text, &sax, json::input_format_t::json, /*strict=*/true) || sax.message.empty()) return e;
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
  std::string_view m = sax.message;
  size_t at = m.find(" at line ");
  size_t colon = m.find(": ", at == std::string_view::npos ? 0 : at);
  if (at != std::string_view::npos && colon != std::string_view::npos) {
    std::string pos(m.substr(at + 9, colon - at - 9));  // "1, column 5"
    e.line = std::strtoll(pos.c_str(), nullptr, 10);
    size_t c = pos.find("column ");
    if (c != std::string::npos) e.column = std::strtoll(pos.c_str() + c + 7, nullptr, 10);
    m = m.substr(colon + 2);
  } else if (size_t b = m.find("] "); b != std::string_view::npos) {
    m = m.substr(b + 2);
  }
  if (e.line == 0) e.line = 1;
  e.what = Printable(m, 200);
  return e;
}

}  // namespace ckb::readers
