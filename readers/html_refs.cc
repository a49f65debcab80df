// SPDX-License-Identifier: GPL-3.0-or-later
// The printed reference list of a saved HTML page: found by class, id or
// heading in the layouts of the journal sites, each entry read as a printed
// reference with the identifiers of its links (see readers/internal/html.h).
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <string>

#include "citations/refstring.h"
#include "readers/internal/format_util.h"
#include "readers/internal/html.h"
#include "text/identifiers.h"
#include "text/text_util.h"

namespace ckb::readers::internal {
namespace {

// Class or id naming a reference list or entry ("c-article-references",
// "ref-list", "bibliography", "References", "reference-tab" ...).
bool IsRefish(const std::string& class_id) {
  for (const char* word : {"reference", "bibliograph", "ref-list", "reflist", "refs", "citation-list", "ref "}) {
    if (class_id.find(word) != std::string::npos) return true;
  }
  return class_id.rfind("ref", 0) == 0 || class_id.find(" ref") != std::string::npos;
}

bool HasAncestorIn(const xmlNode* n, const xmlNode* stop, const char* name) {
  for (const xmlNode* p = n->parent; p && p != stop; p = p->parent) {
    if (HtmlName(p) == name) return true;
  }
  return false;
}

// The entries of a list element: its outermost <li>, else <dd>, else table rows.
std::vector<const xmlNode*> EntriesOf(const xmlNode* container) {
  std::vector<const xmlNode*> li, dd, tr;
  for (const xmlNode* e : HtmlElements(container)) {
    std::string name = HtmlName(e);
    if (name == "li" && !HasAncestorIn(e, container, "li")) li.push_back(e);
    if (name == "dd" && !HasAncestorIn(e, container, "dd")) dd.push_back(e);
    if (name == "tr" && !HasAncestorIn(e, container, "tr")) tr.push_back(e);
  }
  if (!li.empty()) return li;
  return dd.empty() ? tr : dd;
}

bool HasListEntries(const xmlNode* n) {
  for (const xmlNode* e : HtmlElements(n)) {
    std::string name = HtmlName(e);
    if (name == "li" || name == "dd" || name == "tr") return true;
  }
  return false;
}

void Consider(const xmlNode* container, std::vector<const xmlNode*> entries, ReferenceList* best) {
  if (entries.size() > best->entries.size()) *best = ReferenceList{container, std::move(entries)};
}

// The element after a heading that holds its list: the next sibling element,
// or the heading's parent when the heading is alone in it.
void ConsiderHeading(const xmlNode* h, ReferenceList* best) {
  for (const xmlNode* s = h->next; s; s = s->next) {
    if (s->type != XML_ELEMENT_NODE) continue;
    Consider(s, EntriesOf(s), best);
    break;
  }
  if (h->parent) Consider(h->parent, EntriesOf(h->parent), best);
}

// Entries not in a list: siblings sharing a reference class (Frontiers'
// <div class="References">), two or more under one parent.
void ConsiderSiblingGroups(const std::vector<const xmlNode*>& all, ReferenceList* best) {
  std::map<std::pair<const xmlNode*, std::string>, std::vector<const xmlNode*>> groups;
  for (const xmlNode* e : all) {
    std::string cls = LowerAscii(HtmlAttr(e, "class"));
    if (cls.empty() || !IsRefish(cls + " ") || HasListEntries(e)) continue;
    groups[{e->parent, cls}].push_back(e);
  }
  for (auto& [key, entries] : groups) {
    if (entries.size() >= 2) Consider(key.first, std::move(entries), best);
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "10.1002%2Fcncr.1" -> "10.1002/cncr.1".
std::string UrlDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The identifiers named by an entry's links.
void ReadLinks(const xmlNode* entry, Reference* r) {
  static const RE2 doi(R"((?i)(?:dx\.)?doi\.org/(10\.\d{4,9}/[^\s?#]+))");
  static const RE2 pmid(R"((?i)(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/|list_uids=|)"
                        R"(europepmc\.org/abstract/med/)(\d{1,9}))");
  static const RE2 pmcid(R"((?i)(?:/pmc/articles/|europepmc\.org/articles/)(PMC\d+))");
  for (const xmlNode* e : HtmlElements(entry)) {
    if (HtmlName(e) != "a") continue;
    std::string href = UrlDecode(HtmlAttr(e, "href"));
    std::string v;
    if (r->doi.empty() && RE2::PartialMatch(href, doi, &v)) r->doi = text::NormalizeDoi(v);
    if (r->pmid.empty() && RE2::PartialMatch(href, pmid, &v)) r->pmid = v;
    if (r->pmcid.empty() && RE2::PartialMatch(href, pmcid, &v)) r->pmcid = NormalizePmcid(v);
  }
}

// Text left when link labels are removed: "[ ]", "| |" and the list number.
std::string CleanEntry(std::string text, int* n) {
  static const RE2 empty_brackets(R"(\[\s*\]|\(\s*\))");
  static const RE2 bars(R"((?:\s*\|)+\s*$|^\s*(?:\|\s*)+)");
  static const RE2 number(R"(^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)]?)\s+)");
  RE2::GlobalReplace(&text, empty_brackets, "");
  text = FoldWhitespace(text);
  RE2::GlobalReplace(&text, bars, "");
  std::string a, b;
  re2::StringPiece in(text);
  if (RE2::Consume(&in, number, &a, &b)) {
    *n = std::stoi(a.empty() ? b : a);
    text = std::string(in);
  }
  return std::string(text::Trim(text, " "));
}

}  // namespace

ReferenceList FindReferenceList(const xmlNode* root) {
  ReferenceList best;
  std::vector<const xmlNode*> all = HtmlElements(root);
  for (const xmlNode* e : all) {
    std::string name = HtmlName(e);
    if (name == "aside" || name == "nav" || name == "footer" || name == "header") continue;
    if (name.size() == 2 && name[0] == 'h' && IsReferenceHeading(HtmlText(e))) {
      ConsiderHeading(e, &best);
    } else if (IsRefish(HtmlClassId(e) + " ") && HasListEntries(e)) {
      Consider(e, EntriesOf(e), &best);
    }
  }
  if (best.entries.empty()) ConsiderSiblingGroups(all, &best);
  return best;
}

Reference ReadReferenceEntry(const xmlNode* entry, int n) {
  std::string raw = HtmlText(entry, /*entry=*/true);
  int printed = 0;
  std::string text = CleanEntry(raw, &printed);
  Reference r = citations::ParseReferenceString(text);
  r.n = printed > 0 ? printed : n;
  ReadLinks(entry, &r);
  return r;
}

}  // namespace ckb::readers::internal
