// SPDX-License-Identifier: GPL-3.0-or-later
// RIS export: "XX  - value" lines, TY first and ER last; trial numbers in
// N1 ("ClinicalTrials.gov: NCT...") and as keywords; UTF-8 without a BOM.
#include <cstdio>

#include "query/export.h"

namespace ckb::query {
namespace {

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

void Tag(std::string* out, const char* tag, const std::string& value) {
  if (value.empty()) return;
  *out += tag;
  *out += "  - " + OneLine(value) + "\n";
}

const char* RisType(const std::string& type) {
  if (type == "book") return "BOOK";
  if (type == "thesis") return "THES";
  if (type == "conference") return "CONF";
  if (type == "web") return "ELEC";
  if (type == "trial-registration") return "DBASE";
  return "JOUR";
}

}  // namespace

std::string ToRis(const std::vector<ExportItem>& items) {
  std::string out;
  for (const auto& item : items) {
    const Work& w = item.work;
    Tag(&out, "TY", RisType(w.type));
    for (const auto& a : w.authors) {
      PersonName p = SplitName(a);
      Tag(&out, "AU", p.given.empty() ? p.family : p.family + ", " + p.given);
    }
    Tag(&out, "TI", w.title);
    Tag(&out, "T2", w.journal);
    Tag(&out, "J2", w.journal_abbrev);
    DateParts d = PublicationDate(w);
    if (d.year) Tag(&out, "PY", std::to_string(d.year));
    if (d.year && d.month) {
      char buf[32];
      if (d.day) std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", d.year, d.month, d.day);
      else std::snprintf(buf, sizeof buf, "%04d/%02d/", d.year, d.month);
      Tag(&out, "DA", buf);
    }
    Tag(&out, "VL", w.volume);
    Tag(&out, "IS", w.issue);
    auto [sp, ep] = SplitPages(w.pages);
    Tag(&out, "SP", sp);
    Tag(&out, "EP", ep);
    Tag(&out, "DO", w.doi);
    if (!w.pmid.empty()) {
      Tag(&out, "AN", w.pmid);
      Tag(&out, "DB", "PubMed");
    }
    Tag(&out, "C2", w.pmcid);
    Tag(&out, "AB", w.abstract);
    for (const auto& k : w.keywords) Tag(&out, "KW", k);
    for (const auto& k : w.mesh) Tag(&out, "KW", k);
    for (const auto& t : item.trials) Tag(&out, "KW", t);
    Tag(&out, "LA", w.lang);
    Tag(&out, "UR", w.url);
    for (const auto& t : item.trials) Tag(&out, "N1", RegistryOf(t) + ": " + t);
    out += "ER  - \n\n";
  }
  return out;
}

}  // namespace ckb::query
