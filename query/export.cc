// SPDX-License-Identifier: GPL-3.0-or-later
// Shared parts of citation export: items from stored records, author names,
// pages, dates and registry names.
#include "query/export.h"

#include <cctype>
#include <cstdlib>

namespace ckb::query {
namespace {

bool IsInitials(const std::string& s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (!std::isupper(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  return true;
}

bool IsRegistryId(const std::string& s) {
  return s.rfind("NCT", 0) == 0 || s.rfind("ChiCTR", 0) == 0 || s.rfind("ISRCTN", 0) == 0 ||
         s.rfind("EudraCT", 0) == 0 || (s.size() == 14 && s[4] == '-' && std::isdigit(static_cast<unsigned char>(s[0])));
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  for (const auto& x : *v) {
    if (x == s) return;
  }
  v->push_back(s);
}

}  // namespace

const std::vector<std::string>& ExportFormats() {
  static const std::vector<std::string> f = {"ris", "bibtex", "csljson", "nbib"};
  return f;
}

ExportItem ExportItemFromRecord(const Json& record) {
  ExportItem item;
  item.work = WorkFromJson(record);
  for (const auto& r : item.work.registry_ids) {
    if (IsRegistryId(r)) AddUnique(&item.trials, r);
  }
  for (const auto& m : item.work.entities) {
    if (m.type != "trial" || m.id.rfind("trial:", 0) != 0) continue;
    std::string reg = m.id.substr(6);
    if (IsRegistryId(reg)) AddUnique(&item.trials, reg);
  }
  return item;
}

Result<std::string> ExportItems(const std::vector<ExportItem>& items, std::string_view format) {
  CKB_ASSIGN_OR_RETURN(ExportStream stream, ExportStream::Open(format));
  std::string out;
  for (const auto& item : items) out += stream.Add(item);
  return out + stream.Finish();
}

Result<ExportStream> ExportStream::Open(std::string_view format) {
  ExportStream s;
  if (format == "ris") s.format_ = "ris";
  else if (format == "bibtex" || format == "bib") s.format_ = "bibtex";
  else if (format == "csljson" || format == "csl-json") s.format_ = "csljson";
  else if (format == "nbib" || format == "medline") s.format_ = "nbib";
  else return Status::InvalidArgument("unknown export format '" + std::string(format) + "' (ris, bibtex, csljson, nbib)");
  return s;
}

std::string ExportStream::Add(const ExportItem& item) {
  size_t index = count_++;
  if (format_ == "ris") return ToRis({item});
  if (format_ == "nbib") return ToNbib({item});
  if (format_ == "bibtex") return BibtexEntry(item, &bibtex_keys_);
  return CslJsonArrayEntry(item, index);
}

std::string ExportStream::Finish() const {
  if (format_ != "csljson") return "";
  return count_ == 0 ? "[]\n" : "\n]\n";
}

bool IsCorporateName(const std::string& name) {
  static const char* const kWords[] = {
      "center",  "centre",   "group",      "consortium",   "committee",  "society",   "association",
      "organization", "organisation", "institute", "university", "hospital", "network", "collaboration",
      "collaborative", "investigators", "trialists", "foundation", "council", "agency", "inc", "inc.",
      "ltd",     "ltd.",     "program",    "programme",    "team",       "alliance",  "board",
      "department", "ministry", "clinic",  "college",      "academy",    "federation", "office",
      "pharmaceuticals", "corporation", "company", "gmbh", "oncology", "sciences"};
  size_t words = 0;
  std::string word;
  for (size_t i = 0; i <= name.size(); ++i) {
    char c = i < name.size() ? name[i] : ' ';
    if (c == ' ' || c == ',') {
      if (word.empty()) continue;
      ++words;
      for (const char* w : kWords) {
        if (word == w) return words > 0;
      }
      word.clear();
    } else {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return words >= 6;
}

PersonName SplitName(const std::string& display) {
  PersonName p;
  std::string s = display;
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (IsCorporateName(s)) {
    p.family = s;  // "MD Anderson Cancer Center" stays one name
    return p;
  }
  size_t comma = s.find(", ");
  if (comma != std::string::npos) {
    p.family = s.substr(0, comma);
    p.given = s.substr(comma + 2);
    return p;
  }
  size_t last = s.rfind(' ');
  if (last == std::string::npos) {
    p.family = s;
    return p;
  }
  std::string tail = s.substr(last + 1);
  if (IsInitials(tail)) {
    p.family = s.substr(0, last);
    p.given = tail;
    return p;
  }
  size_t first = s.find(' ');
  p.family = s.substr(0, first);
  p.given = s.substr(first + 1);
  return p;
}

std::pair<std::string, std::string> SplitPages(const std::string& pages) {
  static const char* kDashes[] = {"\xE2\x80\x93", "\xE2\x80\x94", "--", "-"};
  for (const char* d : kDashes) {
    size_t p = pages.find(d);
    if (p != std::string::npos && p > 0) {
      std::string a = pages.substr(0, p), b = pages.substr(p + std::string(d).size());
      while (!b.empty() && b[0] == '-') b.erase(0, 1);
      return {a, b};
    }
  }
  return {pages, ""};
}

std::string RegistryOf(const std::string& id) {
  if (id.rfind("NCT", 0) == 0) return "ClinicalTrials.gov";
  if (id.rfind("ChiCTR", 0) == 0) return "ChiCTR";
  if (id.rfind("ISRCTN", 0) == 0) return "ISRCTN";
  return "EudraCT";
}

DateParts PublicationDate(const Work& w) {
  DateParts d;
  for (const char* key : {"published", "issue", "epub", "online", "pub"}) {
    auto it = w.dates.find(key);
    if (it == w.dates.end() || it->second.size() < 4) continue;
    const std::string& s = it->second;
    d.year = std::atoi(s.substr(0, 4).c_str());
    if (s.size() >= 7 && s[4] == '-') d.month = std::atoi(s.substr(5, 2).c_str());
    if (s.size() >= 10 && s[7] == '-') d.day = std::atoi(s.substr(8, 2).c_str());
    if (w.year && *w.year != d.year) d = DateParts{};  // the record's year wins
    if (d.year) break;
  }
  if (!d.year && w.year) d.year = *w.year;
  return d;
}

}  // namespace ckb::query
