// SPDX-License-Identifier: GPL-3.0-or-later
#include "text/identifiers.h"
#include "text/text_util.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace ckb::text {
namespace {

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

// A DOI: "10." registrant "/" suffix of non-space characters. Trailing
// punctuation that belongs to the sentence is trimmed afterwards.
const RE2& DoiRe() {
  static const RE2 re(R"((10\.\d{4,9}/[^\s"<>|]+))");
  return re;
}

std::string TrimDoiTail(std::string d) {
  while (!d.empty()) {
    char c = d.back();
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '\'' || c == ']') {
      d.pop_back();
    } else if (c == ')') {
      // Keep a ')' only when the DOI itself opened one: 10.1016/s0140-6736(20)...
      size_t open = std::count(d.begin(), d.end(), '(');
      size_t close = std::count(d.begin(), d.end(), ')');
      if (close > open) d.pop_back(); else break;
    } else {
      break;
    }
  }
  return d;
}

}  // namespace

std::string NormalizeDoi(std::string_view s) {
  re2::StringPiece in(s.data(), s.size());
  std::string doi;
  if (!RE2::PartialMatch(in, DoiRe(), &doi)) return "";
  return LowerAscii(TrimDoiTail(doi));
}

std::vector<std::string> FindDois(std::string_view text) {
  std::vector<std::string> out;
  re2::StringPiece in(text.data(), text.size());
  std::string doi;
  while (RE2::FindAndConsume(&in, DoiRe(), &doi)) AddUnique(&out, LowerAscii(TrimDoiTail(doi)));
  return out;
}

std::vector<std::string> FindNctIds(std::string_view text) {
  static const RE2 re(R"((?i)(?:^|[^A-Za-z0-9])(NCT\s?\d{8})(?:[^0-9]|$))");
  std::vector<std::string> out;
  re2::StringPiece in(text.data(), text.size());
  std::string id;
  while (RE2::FindAndConsume(&in, re, &id)) {
    std::string norm;
    for (char c : id) {
      if (c != ' ') norm += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    AddUnique(&out, norm);
    // The trailing non-digit was consumed; step back so adjacent ids are seen.
    if (in.data() > text.data()) in = re2::StringPiece(in.data() - 1, in.size() + 1);
  }
  return out;
}

std::vector<std::string> FindOtherRegistryIds(std::string_view text) {
  static const RE2 chictr(R"((ChiCTR-?[A-Z]{0,3}-?\d{6,12}))");
  static const RE2 eudract(R"((?i)(?:EudraCT[^0-9]{0,20})?\b((?:19|20)\d{2}-\d{6}-\d{2})\b)");
  static const RE2 isrctn(R"((ISRCTN\s?\d{8}))");
  std::vector<std::string> out;
  std::string id;
  for (const RE2* re : {&chictr, &eudract, &isrctn}) {
    re2::StringPiece in(text.data(), text.size());
    while (RE2::FindAndConsume(&in, *re, &id)) {
      id.erase(std::remove(id.begin(), id.end(), ' '), id.end());
      AddUnique(&out, id);
    }
  }
  return out;
}

std::string FindPmid(std::string_view text) {
  static const RE2 re(R"((?i)\bpmid\s*[:：]?\s*(\d{1,9})\b)");
  std::string id;
  re2::StringPiece in(text.data(), text.size());
  if (RE2::PartialMatch(in, re, &id)) return id;
  return "";
}

std::string FindPmcid(std::string_view text) {
  static const RE2 re(R"((?i)\b(PMC\d{4,9})\b)");
  std::string id;
  re2::StringPiece in(text.data(), text.size());
  if (RE2::PartialMatch(in, re, &id)) {
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return id;
  }
  return "";
}

}  // namespace ckb::text
