// SPDX-License-Identifier: GPL-3.0-or-later
// MEDLINE (.nbib) export as PubMed writes it: four-character tags padded
// with spaces then "- ", long values wrapped with six-space continuation
// lines, trial numbers as "SI  - ClinicalTrials.gov/NCT...".
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

// Appends "TAG - value", wrapping at spaces so lines stay near 80 bytes.
void Tag(std::string* out, const std::string& tag, const std::string& value) {
  if (value.empty()) return;
  std::string head = tag;
  head.resize(4, ' ');
  head += "- ";
  std::string v = OneLine(value), line = head;
  size_t pos = 0;
  bool first_word = true;
  while (pos < v.size()) {
    size_t sp = v.find(' ', pos);
    std::string word = v.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
    pos = sp == std::string::npos ? v.size() : sp + 1;
    if (word.empty()) continue;
    if (!first_word && line.size() + 1 + word.size() > 80) {
      *out += line + "\n";
      line = "      " + word;
    } else {
      line += (first_word ? "" : " ") + word;
    }
    first_word = false;
  }
  *out += line + "\n";
}

std::string MedlineLang(const std::string& lang) {
  if (lang == "en") return "eng";
  if (lang == "zh") return "chi";
  if (lang == "ja") return "jpn";
  if (lang == "de") return "ger";
  if (lang == "fr") return "fre";
  if (lang == "es") return "spa";
  return lang;
}

}  // namespace

std::string ToNbib(const std::vector<ExportItem>& items) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string out;
  for (const auto& item : items) {
    const Work& w = item.work;
    Tag(&out, "PMID", w.pmid);
    Tag(&out, "VI", w.volume);
    Tag(&out, "IP", w.issue);
    DateParts d = PublicationDate(w);
    if (d.year) {
      std::string dp = std::to_string(d.year);
      if (d.month >= 1 && d.month <= 12) dp += std::string(" ") + kMonths[d.month - 1];
      if (d.month && d.day) dp += " " + std::to_string(d.day);
      Tag(&out, "DP", dp);
    }
    Tag(&out, "TI", w.title);
    Tag(&out, "PG", w.pages);
    if (!w.doi.empty()) Tag(&out, "LID", w.doi + " [doi]");
    Tag(&out, "AB", w.abstract);
    for (const auto& a : w.authors) {
      PersonName p = SplitName(a);
      Tag(&out, "FAU", p.given.empty() ? p.family : p.family + ", " + p.given);
      Tag(&out, "AU", a);
    }
    Tag(&out, "LA", MedlineLang(w.lang));
    for (const auto& t : item.trials) Tag(&out, "SI", RegistryOf(t) + "/" + t);
    if (w.pub_types.empty()) Tag(&out, "PT", w.type == "review" ? "Review" : "Journal Article");
    for (const auto& p : w.pub_types) Tag(&out, "PT", p);
    Tag(&out, "TA", w.journal_abbrev.empty() ? w.journal : w.journal_abbrev);
    Tag(&out, "JT", w.journal);
    for (const auto& m : w.mesh) Tag(&out, "MH", m);
    for (const auto& k : w.keywords) Tag(&out, "OT", k);
    Tag(&out, "PMC", w.pmcid);
    if (!w.doi.empty()) Tag(&out, "AID", w.doi + " [doi]");
    out += "\n";
  }
  return out;
}

}  // namespace ckb::query
