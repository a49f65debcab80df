// SPDX-License-Identifier: GPL-3.0-or-later
// BibTeX export: @article entries with "Family, Given and ..." authors,
// braced acronyms in titles, {}%&$#_ escaped, pages with "--", PMID as
// pmid and biblatex eprint, trial numbers in note.
#include <algorithm>
#include <cctype>
#include <map>

#include "query/export.h"

namespace ckb::query {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '{': case '}': case '%': case '&': case '$': case '#': case '_':
        out += '\\';
        out.push_back(c);
        break;
      case '\\': out += "\\textbackslash{}"; break;
      case '\n': case '\r': case '\t': out.push_back(' '); break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Braces words with a capital after their first letter (HER2,
// DESTINY-Breast04, mAb) so styles keep their case.
std::string ProtectCase(const std::string& escaped) {
  std::string out, word;
  auto flush = [&] {
    bool inner_cap = false;
    for (size_t i = 1; i < word.size(); ++i) {
      if (std::isupper(static_cast<unsigned char>(word[i]))) inner_cap = true;
    }
    if (word.find('\\') == std::string::npos && inner_cap) out += "{" + word + "}";
    else out += word;
    word.clear();
  };
  for (char c : escaped) {
    if (c == ' ' || c == ',' || c == ':' || c == ';' || c == '(' || c == ')' || c == '.' || c == '?') {
      flush();
      out.push_back(c);
    } else {
      word.push_back(c);
    }
  }
  flush();
  return out;
}

// doi and url are read verbatim (LaTeX's url package): nothing is escaped,
// braces are percent-encoded so the field stays balanced.
std::string Verbatim(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '{') out += "%7B";
    else if (c == '}') out += "%7D";
    else if (c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

void Field(std::string* out, const char* name, const std::string& value, bool escape = true) {
  if (value.empty()) return;
  *out += "  ";
  *out += name;
  *out += " = {" + (escape ? Escape(value) : value) + "},\n";
}

const char* EntryType(const std::string& type) {
  if (type == "book") return "book";
  if (type == "thesis") return "phdthesis";
  if (type == "conference") return "inproceedings";
  if (type == "web" || type == "trial-registration") return "misc";
  return "article";
}

// The first word of the title that is not a function word, in lower-case
// ASCII letters ("trastuzumab" of "Trastuzumab deruxtecan in ...").
std::string TitleWord(const std::string& title) {
  static const char* const kSkip[] = {"a", "an", "the", "of", "in", "on", "for", "and", "with", "to", "from",
                                      "by", "at", "is", "are", "as", "or", "vs", "versus"};
  std::string word;
  for (size_t i = 0; i <= title.size(); ++i) {
    unsigned char c = i < title.size() ? static_cast<unsigned char>(title[i]) : ' ';
    if (std::isalpha(c) && !(c & 0x80)) {
      word.push_back(static_cast<char>(std::tolower(c)));
      continue;
    }
    if (c == '-' || c == '\'' || (c & 0x80)) continue;  // T-DXd -> tdxd; accents dropped
    if (word.size() >= 2 && std::find(std::begin(kSkip), std::end(kSkip), word) == std::end(kSkip)) return word;
    word.clear();
  }
  return "";
}

// modi2022trastuzumab: first author's family name, year, first title word.
std::string KeyBase(const Work& w) {
  std::string k;
  if (!w.authors.empty()) {
    std::string family = SplitName(w.authors[0]).family;
    if (IsCorporateName(family)) family = family.substr(0, family.find(' '));
    for (char c : family) {
      if (std::isalpha(static_cast<unsigned char>(c)) && !(c & 0x80)) {
        k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
    }
  }
  if (k.empty() && !w.registry_ids.empty()) {
    for (char c : w.registry_ids[0]) {
      if (std::isalnum(static_cast<unsigned char>(c))) k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (k.empty()) k = "anon";
  DateParts d = PublicationDate(w);
  if (d.year) k += std::to_string(d.year);
  return k + TitleWord(w.title);
}

}  // namespace

std::string BibtexEntry(const ExportItem& item, std::map<std::string, int>* keys) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string out;
  std::map<std::string, int>& used = *keys;
  {
    const Work& w = item.work;
    std::string base = KeyBase(w);
    std::string key = base;
    // A clash takes the next free number: modi2022trastuzumab2, ...3.
    if (used[base]++ > 0) {
      for (int n = 2;; ++n) {
        std::string candidate = base + std::to_string(n);
        if (used.count(candidate) == 0) {
          key = candidate;
          used[candidate] = 1;
          break;
        }
      }
    }
    out += std::string("@") + EntryType(w.type) + "{" + key + ",\n";
    std::string authors;
    for (const auto& a : w.authors) {
      PersonName p = SplitName(a);
      std::string name = p.given.empty() ? "{" + Escape(p.family) + "}" : Escape(p.family) + ", " + Escape(p.given);
      authors += (authors.empty() ? "" : " and ") + name;
    }
    Field(&out, "author", authors, false);
    Field(&out, "title", ProtectCase(Escape(w.title)), false);
    Field(&out, w.type == "conference" ? "booktitle" : "journal", w.journal);
    Field(&out, "shortjournal", w.journal_abbrev);
    DateParts d = PublicationDate(w);
    if (d.year) Field(&out, "year", std::to_string(d.year));
    if (d.month >= 1 && d.month <= 12) out += std::string("  month = ") + kMonths[d.month - 1] + ",\n";
    Field(&out, "volume", w.volume);
    Field(&out, "number", w.issue);
    auto [sp, ep] = SplitPages(w.pages);
    Field(&out, "pages", ep.empty() ? sp : sp + "--" + ep);
    Field(&out, "doi", Verbatim(w.doi), false);
    if (!w.pmid.empty()) {
      Field(&out, "pmid", w.pmid);
      Field(&out, "eprint", w.pmid);
      Field(&out, "eprinttype", "pubmed");
    }
    Field(&out, "pmcid", w.pmcid);
    Field(&out, "url", Verbatim(w.url), false);
    Field(&out, "abstract", w.abstract);
    std::string kw;
    for (const auto& k : w.keywords) kw += (kw.empty() ? "" : ", ") + k;
    Field(&out, "keywords", kw);
    std::string mesh;
    for (const auto& k : w.mesh) mesh += (mesh.empty() ? "" : "; ") + k;
    Field(&out, "mesh", mesh);
    Field(&out, "language", w.lang);
    std::string note;
    for (const auto& t : item.trials) note += (note.empty() ? "" : "; ") + RegistryOf(t) + ": " + t;
    Field(&out, "note", note);
    if (out.size() >= 2 && out.compare(out.size() - 2, 2, ",\n") == 0) out.replace(out.size() - 2, 2, "\n");
    out += "}\n\n";
  }
  return out;
}

std::string ToBibtex(const std::vector<ExportItem>& items) {
  std::string out;
  std::map<std::string, int> used;
  for (const auto& item : items) out += BibtexEntry(item, &used);
  return out;
}

}  // namespace ckb::query
