// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the table writers: cell text, display widths of UTF-8
// text (utf8proc), HTML escaping and the format registry.
#include "query/table.h"

#include <utf8proc.h>

#include "query/internal/format_impl.h"
#include "query/review_outcomes.h"

namespace ckb::query {

std::string CellText(const Json& cell, std::string_view sep) {
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_null()) return "";
  if (cell.is_number_integer()) return std::to_string(cell.get<long long>());
  if (cell.is_number_unsigned()) return std::to_string(cell.get<unsigned long long>());
  if (cell.is_boolean()) return cell.get<bool>() ? "yes" : "no";
  if (cell.is_array()) {
    std::string s;
    for (const auto& v : cell) {
      std::string t = CellText(v, sep);
      if (t.empty()) continue;
      if (!s.empty()) s.append(sep);
      s += t;
    }
    return s;
  }
  if (cell.is_object() && cell.contains("effects")) return OutcomesSummary(cell);
  return Dump(cell);
}

namespace {

// Calls fn(code point or -1, bytes) for each character of s.
template <class Fn>
void ForEachChar(std::string_view s, Fn fn) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      cp = -1;
      n = 1;
    }
    if (!fn(cp, std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)))) return;
    p += n;
    left -= n;
  }
}

int CharWidth(int32_t cp) {
  if (cp < 0) return 1;
  if (cp < 0x20 || cp == 0x7f) return 0;
  return utf8proc_charwidth(cp);
}

}  // namespace

int DisplayWidth(std::string_view s) {
  int w = 0;
  ForEachChar(s, [&](int32_t cp, std::string_view) {
    w += CharWidth(cp);
    return true;
  });
  return w;
}

std::string FitWidth(std::string_view s, int width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  if (width <= 0) return "";
  std::string out;
  int w = 0;
  ForEachChar(s, [&](int32_t cp, std::string_view bytes) {
    int cw = CharWidth(cp);
    if (w + cw > width - 1) return false;
    if (cp < 0) out += "\xEF\xBF\xBD";  // U+FFFD for a stray byte
    else out.append(bytes);
    w += cw;
    return true;
  });
  return out + "…";
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

const std::vector<std::string>& TableFormats() {
  static const std::vector<std::string> f = {"table", "md", "csv", "tsv", "json", "html"};
  return f;
}

std::unique_ptr<TableWriter> MakeTableWriter(std::string_view format) {
  if (format == "table") return internal::NewTerminalWriter();
  if (format == "md") return internal::NewMarkdownWriter();
  if (format == "csv") return internal::NewDelimitedWriter(',');
  if (format == "tsv") return internal::NewDelimitedWriter('\t');
  if (format == "json") return internal::NewJsonWriter();
  if (format == "html") return internal::NewHtmlWriter();
  return nullptr;
}

}  // namespace ckb::query
