// SPDX-License-Identifier: GPL-3.0-or-later
// Build-time generator: reads a JSONL lexicon with the same parser ckb uses
// at run time and writes the entries as C++ initialisers (the body of
// BuiltinLexiconEntries(), knowledge/lexicon_builtin.cc), so that a process
// starts with the built-in lexicon already parsed.
// Usage: ckb_lexgen LEXICON.jsonl OUT.inc
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "knowledge/lexicon.h"

namespace {

// A C++ string literal for any bytes: printable ASCII as is, everything
// else (and the characters that would end or alter the literal) as
// three-digit octal escapes, which never swallow a following character.
std::string Literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::string List(const std::vector<std::string>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Literal(v[i]);
  return out + "}";
}

std::string Pairs(const std::vector<std::pair<std::string, std::string>>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) {
    out += (i ? ", {" : "{") + Literal(v[i].first) + ", " + Literal(v[i].second) + "}";
  }
  return out + "}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ckb_lexgen LEXICON.jsonl OUT.inc\n");
    return 64;
  }
  std::vector<ckb::knowledge::LexiconEntry> entries;
  ckb::Status s = ckb::knowledge::LoadLexiconFile(argv[1], &entries);
  if (!s.ok()) {
    std::fprintf(stderr, "ckb_lexgen: %s\n", s.message().c_str());
    return 65;
  }
  std::string out = "// Generated from " + std::string(argv[1]) + " by ckb_lexgen; do not edit.\n";
  out += "entries.reserve(" + std::to_string(entries.size()) + ");\n";
  for (const auto& e : entries) {
    out += "entries.push_back(LexiconEntry{" + Literal(e.id) + ", " + Literal(e.type) + ", " + Literal(e.name) +
           ",\n  " + List(e.synonyms) + ",\n  " + List(e.case_sensitive) + ",\n  " + Pairs(e.codes) + ",\n  " +
           Literal(e.parent) + ",\n  " + Pairs(e.names_by_lang) + "});\n";
  }
  std::string tmp = std::string(argv[2]) + ".tmp";
  std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
  f << out;
  f.close();
  if (!f || std::rename(tmp.c_str(), argv[2]) != 0) {
    std::fprintf(stderr, "ckb_lexgen: cannot write %s\n", argv[2]);
    return 73;
  }
  return 0;
}
