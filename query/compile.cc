// SPDX-License-Identifier: GPL-3.0-or-later
// Syntax tree -> kb::QueryNode: fields to prefixes, entity resolution,
// section scoping, year ranges, and the entity expansion of free text.
#include "query/compile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "kb/terms.h"

namespace ckb::query {
namespace {

using Node = kb::QueryNode;
using K = kb::QueryNode::Kind;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AfterColon(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Node Term(const std::string& term, double weight) {
  Node n = Node::Leaf(K::kTerm, term);
  n.weight = weight;
  return n;
}

Node Or(std::vector<Node> kids) {
  if (kids.size() == 1) return std::move(kids[0]);
  return Node::Group(K::kOr, std::move(kids));
}

Node And(std::vector<Node> kids) {
  if (kids.size() == 1) return std::move(kids[0]);
  return Node::Group(K::kAnd, std::move(kids));
}

const std::map<std::string, std::vector<std::string>>& TextPrefixes() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"title", {kb::terms::kTitle}},    {"abstract", {kb::terms::kAbstract}},
      {"tiab", {kb::terms::kTitle, kb::terms::kAbstract}},
      {"author", {kb::terms::kAuthor}},  {"journal", {kb::terms::kJournal}},
      {"body", {kb::terms::kBody}},      {"ref", {kb::terms::kRefText}},
      {"keyword", {kb::terms::kKeyword}}};
  return m;
}

// Entity fields: field -> (lexicon type, index prefix).
const std::map<std::string, std::pair<const char*, const char*>>& EntityFields() {
  static const std::map<std::string, std::pair<const char*, const char*>> m = {
      {"drug", {"drug", kb::terms::kDrug}},          {"class", {"drug_class", kb::terms::kDrugClass}},
      {"biomarker", {"biomarker", kb::terms::kBiomarker}}, {"gene", {"gene", kb::terms::kGene}},
      {"disease", {"disease", kb::terms::kDisease}}, {"trial", {"trial", kb::terms::kTrial}},
      {"design", {"design", kb::terms::kDesign}},    {"phase", {"phase", kb::terms::kPhase}}};
  return m;
}

class Compiler {
 public:
  explicit Compiler(const CompileContext& ctx) : ctx_(ctx) {}

  // Parts that cannot be mapped (unknown PubMed tags) are left out of
  // their group; a query of nothing but such parts matches everything.
  static bool Ignored(const Ast& a) { return a.field == "ignore"; }

  Node Convert(const Ast& a) {
    if (Ignored(a)) return Node::Leaf(K::kMatchAll, "");
    switch (a.type) {
      case Ast::Type::kAll:
        return Node::Leaf(K::kMatchAll, "");
      case Ast::Type::kAnd:
        return ConvertAnd(a);
      case Ast::Type::kOr: {
        std::vector<Node> kids;
        for (const auto& k : a.kids) {
          if (!Ignored(k)) kids.push_back(Convert(k));
        }
        if (kids.empty()) return Node::Leaf(K::kMatchAll, "");
        return Or(std::move(kids));
      }
      case Ast::Type::kNot: {
        std::vector<Node> kids;
        for (const auto& k : a.kids) {
          if (!Ignored(k) || kids.empty()) kids.push_back(Convert(k));
        }
        if (kids.size() == 1) return std::move(kids[0]);
        return Node::Group(K::kAndNot, std::move(kids));
      }
      case Ast::Type::kNear: {
        Node n = Node::Group(K::kNear, {});
        n.window = a.window;
        for (const auto& k : a.kids) {
          Node c = Node::Leaf(K::kText, k.text);
          c.prefixes = PrefixesFor(k.field, k);
          n.children.push_back(std::move(c));
        }
        if (!n.children.empty()) n.prefixes = n.children[0].prefixes;
        return n;
      }
      default:
        return ConvertLeaf(a);
    }
  }

  std::vector<std::string> warnings;
  std::optional<QueryError> error;

 private:
  void Fail(const Ast& a, std::string message) {
    if (!error) error = QueryError{a.offset, std::move(message)};
  }

  std::vector<std::string> PrefixesFor(const std::string& field, const Ast& a) {
    if (field.empty()) {
      used_section_ = true;
      return {section_prefix_};
    }
    auto it = TextPrefixes().find(field);
    if (it != TextPrefixes().end()) return it->second;
    Fail(a, field + ": cannot be used with NEAR");
    return {""};
  }

  Node ConvertAnd(const Ast& a) {
    std::vector<const Ast*> sections;
    for (const auto& k : a.kids) {
      if (k.field == "section" && (k.type == Ast::Type::kWords || k.type == Ast::Type::kPhrase)) {
        sections.push_back(&k);
      }
    }
    std::string saved = section_prefix_;
    bool saved_used = used_section_;
    if (!sections.empty()) {
      section_prefix_ = kb::terms::SectionTextPrefix(sections[0]->text);
      used_section_ = false;
      if (sections.size() > 1) {
        warnings.push_back("only the first section: of a group scopes its words ('" + sections[0]->text + "')");
      }
    }
    std::vector<Node> kids;
    for (const auto& k : a.kids) {
      if ((!sections.empty() && &k == sections[0]) || Ignored(k)) continue;
      kids.push_back(Convert(k));
    }
    if (kids.empty() && sections.empty()) kids.push_back(Node::Leaf(K::kMatchAll, ""));
    if (!sections.empty() && !used_section_) {
      // No words to scope: the section only has to be present.
      kids.push_back(Term(kb::terms::Boolean(kb::terms::kSection, kb::terms::SectionKey(sections[0]->text)), 0));
    }
    section_prefix_ = saved;
    used_section_ = saved_used || (sections.empty() && used_section_);
    return And(std::move(kids));
  }

  Node ConvertLeaf(const Ast& a) {
    const std::string& f = a.field;
    if (a.type == Ast::Type::kWildcard) {
      Node n = Node::Leaf(K::kWildcard, a.text);
      if (f.empty() || TextPrefixes().count(f)) {
        n.prefixes = f.empty() ? std::vector<std::string>{section_prefix_} : TextPrefixes().at(f);
        if (f.empty()) used_section_ = true;
        return n;
      }
      if (!ctx_.lenient) {
        Fail(a, "a wildcard works only in text fields, not in " + f + ": (--lenient searches it as written)");
        return Node();
      }
      warnings.push_back(f + ":" + a.text + "* — wildcards work only in text fields; searched as written");
    }
    if (f.empty()) return FreeText(a);
    if (TextPrefixes().count(f)) {
      Node n = Node::Leaf(a.type == Ast::Type::kPhrase ? K::kPhrase : K::kText, a.text);
      n.prefixes = TextPrefixes().at(f);
      n.window = a.window;
      return n;
    }
    if (EntityFields().count(f)) return Entity(a, f);
    if (f == "year") return Year(a);
    if (f == "hr") return HazardRatio(a);
    if (f == "doi") {
      std::string v = Lower(a.text);
      for (const char* p : {"https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi:"}) {
        if (v.rfind(p, 0) == 0) v = v.substr(std::string(p).size());
      }
      return Term(kb::terms::Boolean(kb::terms::kDoi, v), 0);
    }
    if (f == "pmid") return Term(kb::terms::Boolean(kb::terms::kPmid, a.text), 0);
    if (f == "pmcid") {
      std::string v = Lower(a.text);
      if (v.rfind("pmc", 0) != 0) v = "pmc" + v;
      return Term(kb::terms::Boolean(kb::terms::kPmcid, v), 0);
    }
    if (f == "nct") return Nct(a);
    if (f == "type") return Term(kb::terms::Boolean(kb::terms::kType, a.text), 0);
    if (f == "source") return Term(kb::terms::Boolean(kb::terms::kSource, a.text), 0);
    if (f == "lang") {
      std::string code = LanguageCode(a.text);
      if (code.empty()) {
        warnings.push_back("unknown language '" + a.text + "'");
        code = Lower(a.text);
      }
      return Term(kb::terms::Boolean(kb::terms::kLang, code), 0);
    }
    if (f == "section") {
      return Term(kb::terms::Boolean(kb::terms::kSection, kb::terms::SectionKey(a.text)), 0);
    }
    if (f == "pt") return PubType(a);
    if (f == "mesh") return Mesh(a);
    if (f == "cites" || f == "cited-by") return Cites(a, f);
    if (!ctx_.lenient) {
      Fail(a, "field " + f + ": cannot be searched this way (--lenient searches '" + a.text + "' as text)");
      return Node();
    }
    warnings.push_back("field " + f + ": is not searchable; '" + a.text + "' searched as text");
    return FreeText(a);
  }

  // Unfielded words. A run of words that names a known entity ("T-DXd",
  // "trastuzumab deruxtecan", "HER2-low") also matches the entity's term.
  Node FreeText(const Ast& a) {
    used_section_ = true;
    std::vector<std::string> prefixes{section_prefix_};
    if (a.type == Ast::Type::kPhrase) {
      Node n = Node::Leaf(K::kPhrase, a.text);
      n.prefixes = prefixes;
      n.window = a.window;
      return Expand(std::move(n), a.text);
    }
    struct Word {
      std::string text;
      size_t start, end;  // code points
    };
    std::vector<Word> words;
    size_t cp = 0, i = 0;
    const std::string& t = a.text;
    while (i < t.size()) {
      if (t[i] == ' ') {
        ++i;
        ++cp;
        continue;
      }
      size_t j = t.find(' ', i);
      if (j == std::string::npos) j = t.size();
      std::string w = t.substr(i, j - i);
      size_t n = CodePoints(w);
      words.push_back({w, cp, cp + n});
      cp += n;
      i = j;
    }
    std::vector<Mention> mentions;
    if (ctx_.extractor) mentions = ctx_.extractor->Extract(t, "query");
    std::sort(mentions.begin(), mentions.end(), [](const Mention& x, const Mention& y) {
      return x.start != y.start ? x.start < y.start : x.end > y.end;
    });
    std::vector<Node> kids;
    size_t w = 0;
    for (const auto& m : mentions) {
      if (!Expandable(m.type)) continue;
      // Words wholly or partly covered by the mention.
      size_t first = w;
      while (first < words.size() && words[first].end <= m.start) ++first;
      if (first >= words.size() || words[first].start >= m.end) continue;
      size_t last = first;
      while (last + 1 < words.size() && words[last + 1].start < m.end) ++last;
      for (; w < first; ++w) kids.push_back(Word1(words[w].text, prefixes));
      std::vector<Node> group;
      std::string span;
      for (size_t k = first; k <= last; ++k) {
        group.push_back(Word1(words[k].text, prefixes));
        span += (span.empty() ? "" : " ") + words[k].text;
      }
      std::vector<Node> alts;
      alts.push_back(And(std::move(group)));
      alts.push_back(EntityTerm(m, span));
      kids.push_back(Or(std::move(alts)));
      w = last + 1;
    }
    for (; w < words.size(); ++w) kids.push_back(Word1(words[w].text, prefixes));
    if (kids.empty()) return Node::Leaf(K::kMatchAll, "");
    return And(std::move(kids));
  }

  // A phrase that is exactly one entity name also matches the entity.
  Node Expand(Node n, const std::string& text) {
    if (!ctx_.extractor) return n;
    for (const auto& m : ctx_.extractor->Extract(text, "query")) {
      if (Expandable(m.type) && m.start == 0 && m.end == CodePoints(text)) {
        std::vector<Node> alts;
        alts.push_back(std::move(n));
        alts.push_back(EntityTerm(m, text));
        return Or(std::move(alts));
      }
    }
    return n;
  }

  static bool Expandable(const std::string& type) {
    return type == "drug" || type == "biomarker" || type == "trial" || type == "gene" || type == "disease";
  }

  Node EntityTerm(const Mention& m, const std::string& via) {
    std::string id = knowledge::StateId(m);
    const char* prefix = kb::terms::kDrug;
    if (m.type == "biomarker") prefix = kb::terms::kBiomarker;
    else if (m.type == "trial") prefix = kb::terms::kTrial;
    else if (m.type == "gene") prefix = kb::terms::kGene;
    else if (m.type == "disease") prefix = kb::terms::kDisease;
    Node n = Term(kb::terms::Boolean(prefix, AfterColon(id)), ctx_.entity_weight);
    n.entity = id;
    n.via = via;
    return n;
  }

  static Node Word1(const std::string& w, const std::vector<std::string>& prefixes) {
    Node n = Node::Leaf(K::kText, w);
    n.prefixes = prefixes;
    return n;
  }

  std::vector<std::string> ResolveIds(const std::string& value, const char* type) {
    if (!ctx_.extractor) return {};
    std::vector<std::string> ids = ctx_.extractor->Resolve(value, type);
    if (std::string_view(type) != "disease") return ids;
    // A disease takes in its subtypes, as the ontology's parents say ("lung
    // cancer" finds "lung adenocarcinoma"); a broad class such as "cancer"
    // has thousands, so at most kMaxSubtypes, nearest first.
    constexpr size_t kMaxSubtypes = 256;
    size_t named = ids.size();
    for (size_t i = 0; i < named; ++i)
      for (std::string& sub : ctx_.extractor->Descendants(ids[i], kMaxSubtypes))
        if (std::find(ids.begin(), ids.end(), sub) == ids.end()) ids.push_back(std::move(sub));
    return ids;
  }

  Node Entity(const Ast& a, const std::string& f) {
    auto [type, prefix] = EntityFields().at(f);
    std::vector<std::string> ids = ResolveIds(a.text, type);
    std::vector<Node> kids;
    for (const auto& id : ids) {
      Node n = Term(kb::terms::Boolean(prefix, AfterColon(id)), 1.0);
      n.entity = id;
      n.via = a.text;
      kids.push_back(std::move(n));
    }
    if (f == "trial") {
      // NCT numbers also match the registry ids a record states.
      for (const auto& id : ids) {
        std::string v = AfterColon(id);
        if (v.size() == 11 && Lower(v).rfind("nct", 0) == 0) kids.push_back(Term(kb::terms::Boolean(kb::terms::kNct, v), 0));
      }
    }
    if (kids.empty()) {
      std::string v = Lower(a.text);
      std::replace(v.begin(), v.end(), ' ', '-');
      warnings.push_back(f + ":" + a.text + " is not in the lexicon; matched as the index value '" + v +
                         "' or the words \"" + a.text + "\"");
      Node term = Term(kb::terms::Boolean(prefix, v), 1.0);
      term.via = a.text;
      Node words = Node::Leaf(K::kPhrase, a.text);
      words.prefixes = {""};
      kids.push_back(std::move(term));
      kids.push_back(std::move(words));
    }
    return Or(std::move(kids));
  }

  Node Nct(const Ast& a) {
    std::string v = Lower(a.text);
    size_t p = v.find("nct");
    if (p != std::string::npos && p + 11 <= v.size()) v = v.substr(p, 11);
    bool ok = v.size() == 11 && v.rfind("nct", 0) == 0 && v.find_first_not_of("0123456789", 3) == std::string::npos;
    if (!ok) {
      warnings.push_back("'" + a.text + "' is not an NCT number; searched as text");
      Node n = Node::Leaf(K::kPhrase, a.text);
      n.prefixes = {""};
      return n;
    }
    std::vector<Node> kids;
    kids.push_back(Term(kb::terms::Boolean(kb::terms::kNct, v), 0));
    Node t = Term(kb::terms::Boolean(kb::terms::kTrial, v), 0);
    kids.push_back(std::move(t));
    return Or(std::move(kids));
  }

  // One end of a date range: YYYY, YYYY/MM or YYYY/MM/DD (also with '-' or
  // '.'); missing parts 0. False when malformed.
  static bool ParseDate(std::string t, int* y, int* m, int* d) {
    *y = *m = *d = 0;
    while (!t.empty() && (t.back() == ' ' || t.back() == '"')) t.pop_back();
    while (!t.empty() && (t.front() == ' ' || t.front() == '"')) t.erase(0, 1);
    int* parts[3] = {y, m, d};
    size_t i = 0;
    for (int k = 0; k < 3 && i < t.size(); ++k) {
      size_t j = i;
      while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
      size_t len = j - i;
      if (len == 0 || (k == 0 && len != 4) || (k > 0 && len > 2)) return false;
      *parts[k] = std::stoi(t.substr(i, len));
      i = j;
      if (i < t.size()) {
        if (t[i] != '/' && t[i] != '-' && t[i] != '.') return false;
        ++i;
        if (i == t.size()) return false;
      }
    }
    if (i < t.size()) return false;
    return !t.empty() && *m <= 12 && *d <= 31 && (*m > 0 || *d == 0);
  }

  static std::string DateKey(int y, int m, int d, bool upper) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m ? m : (upper ? 99 : 0), d ? d : (upper ? 99 : 0));
    return buf;
  }

  // year:2022, year:2020..2024, year:>=2022, 2020:2024[dp],
  // "2020/01/01"[dp] : "2024/06/30"[dp]. Whole years compare years (a work
  // known only by its year matches); a range with months or days compares
  // the best known date ("YYYYMMDD", unknown parts 00).
  Node Year(const Ast& a) {
    std::string t = a.text;
    std::string from, to;
    bool open_low = false, open_high = false;
    int adjust_low = 0, adjust_high = 0;
    if (t.rfind(">=", 0) == 0) { from = t.substr(2); open_high = true; }
    else if (t.rfind("<=", 0) == 0) { to = t.substr(2); open_low = true; }
    else if (t.rfind(">", 0) == 0) { from = t.substr(1); open_high = true; adjust_low = 1; }
    else if (t.rfind("<", 0) == 0) { to = t.substr(1); open_low = true; adjust_high = -1; }
    else {
      size_t dots = t.find("..");
      size_t colon = t.find(':');
      size_t sep = dots != std::string::npos ? dots : colon;
      size_t seplen = dots != std::string::npos ? 2 : 1;
      if (sep == std::string::npos) {
        from = to = t;
      } else {
        from = t.substr(0, sep);
        to = t.substr(sep + seplen);
        open_low = from.find_first_not_of(" \"") == std::string::npos;
        open_high = to.find_first_not_of(" \"") == std::string::npos;
      }
    }
    int fy = 0, fm = 0, fd = 0, ty = 9999, tm = 0, td = 0;
    bool ok = (open_low || ParseDate(from, &fy, &fm, &fd)) && (open_high || ParseDate(to, &ty, &tm, &td)) &&
              !(open_low && open_high);
    if (!ok) {
      Fail(a, "malformed date or range '" + t + "': a date is YYYY, YYYY/MM or YYYY/MM/DD; a range "
              "FROM:TO[dp] or year:FROM..TO");
      return Node();
    }
    if (open_low) fy = 0;
    if (open_high) ty = 9999, tm = td = 0;
    Node n = Node::Leaf(K::kYearRange, "");
    n.weight = 0;
    bool whole_from = (fm == 0 && fd == 0) || (fm == 1 && fd == 1) || adjust_low;
    bool whole_to = (tm == 0 && td == 0) || (tm == 12 && td == 31) || adjust_high;
    if (adjust_low || adjust_high) {
      // >2022 and <2022 compare years only.
      if (fm || tm) {
        Fail(a, "'>' and '<' take a year; write a range FROM:TO[dp] for dates");
        return Node();
      }
    }
    n.year_from = fy + adjust_low;
    n.year_to = ty + adjust_high;
    if (!whole_from || !whole_to) {
      n.date_from = open_low ? "00000000" : DateKey(fy, fm, fd, false);
      n.date_to = open_high ? "99999999" : DateKey(ty, tm, td, true);
      if (n.date_from > n.date_to) std::swap(n.date_from, n.date_to);
    }
    if (n.year_from > n.year_to) std::swap(n.year_from, n.year_to);
    return n;
  }

  // hr:os<0.7, hr:pfs<=0.8, hr:any>1: works reporting a hazard ratio for
  // that endpoint below (or above) the bound, by the lowest (highest) one
  // stored per endpoint (kb/terms.h).
  Node HazardRatio(const Ast& a) {
    const std::string& t = a.text;
    size_t op = t.find_first_of("<>");
    bool or_equal = op != std::string::npos && op + 1 < t.size() && t[op + 1] == '=';
    std::string endpoint = op == std::string::npos ? "" : t.substr(0, op);
    std::string bound = op == std::string::npos ? "" : t.substr(op + (or_equal ? 2 : 1));
    char* end = nullptr;
    double v = bound.empty() ? 0 : std::strtod(bound.c_str(), &end);
    bool below = op != std::string::npos && t[op] == '<';
    int slot = kb::terms::HrSlot(endpoint, !below);
    if (op == std::string::npos || bound.empty() || end == nullptr || *end != '\0' || slot < 0) {
      Fail(a, "malformed hazard-ratio filter 'hr:" + t + "': write hr:ENDPOINT<VALUE, <=, > or >= "
              "(ENDPOINT os, pfs, dfs, efs, rfs, ttp, idfs or any), e.g. hr:os<0.7");
      return Node();
    }
    Node n = Node::Leaf(K::kValueRange, "");
    n.weight = 0;
    n.slot = static_cast<unsigned>(slot);
    const double kHuge = 1e12;
    n.value_low = below ? -kHuge : (or_equal ? v : std::nextafter(v, kHuge));
    n.value_high = below ? (or_equal ? v : std::nextafter(v, -kHuge)) : kHuge;
    return n;
  }

  Node PubType(const Ast& a) {
    std::vector<Node> kids;
    kids.push_back(Term(kb::terms::Boolean(kb::terms::kPubType, a.text), 0));
    std::string low = Lower(a.text);
    if (low == "review" || low == "systematic review") kids.push_back(Term(kb::terms::Boolean(kb::terms::kType, "review"), 0));
    for (const auto& id : ResolveIds(a.text, "design")) {
      kids.push_back(Term(kb::terms::Boolean(kb::terms::kDesign, AfterColon(id)), 0));
    }
    return Or(std::move(kids));
  }

  Node Mesh(const Ast& a) {
    std::vector<Node> kids;
    kids.push_back(Term(kb::terms::Boolean(kb::terms::kMesh, a.text), 0));
    for (const char* type : {"disease", "drug", "gene"}) {
      for (const auto& id : ResolveIds(a.text, type)) {
        std::string t = std::string(type);
        const char* prefix = t == "disease" ? kb::terms::kDisease : t == "drug" ? kb::terms::kDrug : kb::terms::kGene;
        Node n = Term(kb::terms::Boolean(prefix, AfterColon(id)), 1.0);
        n.entity = id;
        n.via = a.text;
        kids.push_back(std::move(n));
      }
    }
    return Or(std::move(kids));
  }

  Node Cites(const Ast& a, const std::string& f) {
    const char* prefix = f == "cites" ? kb::terms::kCites : kb::terms::kCitedBy;
    if (ctx_.base) {
      auto id = ctx_.base->ResolveWork(a.text);
      if (id.ok()) return Term(kb::terms::Boolean(prefix, id.value()), 0);
    }
    warnings.push_back(f + ":" + a.text + " names no work in this knowledge base");
    return Node::Leaf(K::kMatchNothing, "");
  }

  const CompileContext& ctx_;
  std::string section_prefix_;
  bool used_section_ = false;
};

}  // namespace

std::string LanguageCode(std::string_view name) {
  static const std::map<std::string, std::string> kLangs = {
      {"english", "en"}, {"eng", "en"}, {"chinese", "zh"}, {"chi", "zh"}, {"zho", "zh"},
      {"french", "fr"},  {"fre", "fr"}, {"fra", "fr"},     {"german", "de"}, {"ger", "de"},
      {"deu", "de"},     {"spanish", "es"}, {"spa", "es"}, {"japanese", "ja"}, {"jpn", "ja"},
      {"italian", "it"}, {"ita", "it"}, {"russian", "ru"}, {"rus", "ru"}, {"portuguese", "pt"},
      {"por", "pt"},     {"korean", "ko"}, {"kor", "ko"},  {"dutch", "nl"}, {"dut", "nl"}};
  std::string low = Lower(name);
  auto it = kLangs.find(low);
  if (it != kLangs.end()) return it->second;
  if (low.size() == 2 && std::all_of(low.begin(), low.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return low;
  return "";
}

CompiledQuery CompileQuery(std::string_view text, const CompileContext& ctx) {
  CompiledQuery out;
  SyntaxOptions so;
  so.lenient = ctx.lenient;
  SyntaxResult syn = ParseSyntax(text, so);
  out.warnings = syn.warnings;
  if (syn.error) {
    out.error = syn.error;
    return out;
  }
  Compiler c(ctx);
  out.tree = c.Convert(syn.ast);
  for (auto& w : c.warnings) out.warnings.push_back(std::move(w));
  if (c.error) out.error = c.error;
  return out;
}

}  // namespace ckb::query
