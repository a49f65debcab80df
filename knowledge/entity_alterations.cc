// SPDX-License-Identifier: GPL-3.0-or-later
// Gene alterations stated next to a gene or biomarker mention: protein
// changes ("EGFR L858R", "KRAS p.G12C", "BRAF V600E/K"), exon-level events
// ("exon 19 deletion", "ex20ins", "exon 14 skipping"), fusions,
// amplifications, mutations in general, wild type and "mutation-negative";
// lists that share the gene ("EGFR exon 19 deletion or L858R"); Chinese
// forms (EGFR突变, 野生型, 扩增, 融合). A negated mention ("without EGFR
// mutations") gets no alteration.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "knowledge/internal/entity_rules.h"
#include "knowledge/internal/re_match.h"

namespace ckb::knowledge::internal {
namespace {

struct Alt {
  size_t b = 0, e = 0;     // normalised bytes of the alteration's words
  std::string alteration;  // "L858R", "exon19del", "fusion", "mutation", ...
  std::string state;       // "wild-type" or "negative"
  bool specific = false;   // a named variant (protein change or exon event)
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Three-letter amino acid codes to one letter ("leu" -> 'L'); 0 if unknown.
char AminoAcid(std::string_view three) {
  static const char* const kCodes[][2] = {
      {"ala", "A"}, {"arg", "R"}, {"asn", "N"}, {"asp", "D"}, {"cys", "C"}, {"gln", "Q"}, {"glu", "E"},
      {"gly", "G"}, {"his", "H"}, {"ile", "I"}, {"leu", "L"}, {"lys", "K"}, {"met", "M"}, {"phe", "F"},
      {"pro", "P"}, {"ser", "S"}, {"thr", "T"}, {"trp", "W"}, {"tyr", "Y"}, {"val", "V"}, {"ter", "*"}};
  for (const auto& c : kCodes)
    if (three == c[0]) return c[1][0];
  return 0;
}

// A protein change at `pos`: one-letter ("L858R", "G12C", "E746_A750del" is
// left to the exon forms) with the letters upper case in the original, or
// three-letter after "p." ("p.Leu858Arg"). `letter_only` continues a list
// ("V600E/K": the "K").
bool ProteinChange(const TextView& tv, size_t pos, Alt* a) {
  std::string_view t = tv.norm->text;
  re2::StringPiece g[4];
  static const RE2 three(R"(p\.\(?([a-z]{3})(\d{1,4})([a-z]{3}|\*|fs)\)?(?:[^a-z0-9]|$))");
  if (MatchAt(three, t, pos, g, 4)) {
    char from = AminoAcid(g[1].as_string());
    char to = g[3] == "fs" ? 'f' : g[3] == "*" ? '*' : AminoAcid(g[3].as_string());
    if (from != 0 && to != 0) {
      a->b = pos;
      a->e = Off(t, g[3]) + g[3].size() + (t.size() > Off(t, g[3]) + g[3].size() && t[Off(t, g[3]) + g[3].size()] == ')');
      a->alteration = std::string(1, from) + g[2].as_string() + (to == 'f' ? std::string("fs") : std::string(1, to));
      a->specific = true;
      return true;
    }
  }
  static const RE2 one(R"((?:p\.)?([acdefghiklmnpqrstvwy])(\d{1,4})([acdefghiklmnpqrstvwy*x]|fs|del|dup)(?:[^a-z0-9]|$))");
  if (!MatchAt(one, t, pos, g, 4)) return false;
  size_t lb = Off(t, g[1]);
  if (!tv.UpperAt(lb)) return false;
  if (g[3].size() == 1 && g[3] != "*" && !tv.UpperAt(Off(t, g[3]))) return false;
  a->b = pos;
  a->e = Off(t, g[3]) + g[3].size();
  a->alteration = Upper(g[1].as_string()) + g[2].as_string() + (g[3].size() == 1 ? Upper(g[3].as_string()) : g[3].as_string());
  a->specific = true;
  return true;
}

// Exon-level events: "exon 19 deletion(s)", "exon 20 insertion", "exon 14
// skipping", "ex19del", "del19", "19del"; "exon 21 L858R" is the protein change.
bool ExonEvent(const TextView& tv, size_t pos, Alt* a) {
  std::string_view t = tv.norm->text;
  re2::StringPiece g[4];
  static const RE2 exon_then(R"(exon[ -]*(\d{1,2})[ -]*(?:in-?frame[ -]+)?)"
                             R"((deletions?|del|insertions?|ins|skipping|skip|duplications?|dup)(?:[^a-z]|$))");
  static const RE2 short_form(R"((?:ex(?:on)?[ -]?(\d{1,2})[ -]?(del|ins|skip)|(?:del)[ -]?(\d{1,2})))"
                              R"((?:[^a-z0-9]|$))");
  static const RE2 exon_point(R"(exon[ -]*\d{1,2}[ -]+)");
  std::string num, kind;
  size_t e = 0;
  if (MatchAt(exon_then, t, pos, g, 3)) {
    num = g[1].as_string();
    kind = g[2].as_string();
    e = Off(t, g[2]) + g[2].size();
  } else if (MatchAt(short_form, t, pos, g, 4)) {
    if (g[1].data() != nullptr) {
      num = g[1].as_string();
      kind = g[2].as_string();
      e = Off(t, g[2]) + g[2].size();
    } else {
      num = g[3].as_string();
      kind = "del";
      e = Off(t, g[3]) + g[3].size();
    }
  } else if (MatchAt(exon_point, t, pos, g, 1) && ProteinChange(tv, pos + g[0].size(), a)) {
    a->b = pos;
    return true;
  } else {
    return false;
  }
  std::string k = kind.rfind("del", 0) == 0 ? "del" : kind.rfind("ins", 0) == 0 ? "ins"
                  : kind.rfind("dup", 0) == 0 ? "dup" : "skipping";
  a->b = pos;
  a->e = e;
  a->alteration = "exon" + num + k;
  a->specific = true;
  return true;
}

// Words for a kind of alteration, a wild type or a negative finding.
bool AlterationWord(std::string_view t, size_t pos, Alt* a) {
  static const RE2 re(
      R"((?:(?:activating|sensitizing|sensitising|common|classical|uncommon|rare|driver|resistance|point|somatic|germline)[ -]+)?)"
      R"((?:(mutations?[ -]*(?:negative|-)|突变阴性)|(mutations?|mutants?|mutated|mutation[ -]*positive|突变|变异)|)"
      R"((fusions?(?:[ -]*positive)?|rearrangements?|rearranged|translocations?|融合|重排)|)"
      R"((amplifications?|amplified|扩增)|(wild[ -]?type|野生型)))"
      R"((?:[^a-z]|$))");
  re2::StringPiece g[6];
  if (!MatchAt(re, t, pos, g, 6)) return false;
  int w = 0;
  for (int i = 1; i < 6 && w == 0; ++i)
    if (g[i].data() != nullptr) w = i;
  if (w == 0) return false;
  a->b = Off(t, g[w]);
  a->e = a->b + g[w].size();
  if (w == 1) a->state = "negative";
  if (w == 2) a->alteration = "mutation";
  if (w == 3) a->alteration = "fusion";
  if (w == 4) a->alteration = "amplification";
  if (w == 5) a->state = "wild-type";
  return true;
}

// One alteration at `pos` (after optional "-", spaces and "(").
bool AlterationAt(const TextView& tv, size_t pos, Alt* a) {
  std::string_view t = tv.norm->text;
  while (pos < t.size() && (t[pos] == ' ' || t[pos] == '-' || t[pos] == '(')) ++pos;
  if (pos >= t.size()) return false;
  if (ExonEvent(tv, pos, a) || ProteinChange(tv, pos, a)) {
    // "L858R mutation", "exon 19 deletion mutations": the word is part of it.
    Alt w;
    size_t p = a->e;
    while (p < t.size() && (t[p] == ' ' || t[p] == '-')) ++p;
    if (AlterationWord(t, p, &w) && w.alteration == "mutation") a->e = w.e;
    return true;
  }
  return AlterationWord(t, pos, a);
}

// Further specific alterations of the same gene after a list separator:
// "exon 19 deletion or L858R", "V600E/K", "G12C, G12D and G13D".
std::vector<Alt> ListAfter(const TextView& tv, const Alt& first) {
  std::string_view t = tv.norm->text;
  std::vector<Alt> out;
  static const RE2 sep(R"( *(?:,? *and/or|,? *or|,? *and|/|,) *)");
  size_t e = first.e;
  std::string last = first.alteration;
  re2::StringPiece g[1];
  while (out.size() < 8 && MatchAt(sep, t, e, g, 1)) {
    size_t p = e + g[0].size();
    Alt a;
    if (ExonEvent(tv, p, &a) || ProteinChange(tv, p, &a)) {
      out.push_back(a);
    } else if (g[0] == "/" && p < t.size() && std::isalpha(static_cast<unsigned char>(t[p])) &&
               (p + 1 == t.size() || !std::isalnum(static_cast<unsigned char>(t[p + 1]))) && tv.UpperAt(p) &&
               !last.empty() && std::isdigit(static_cast<unsigned char>(last[last.size() - 2]))) {
      a.b = p;  // "V600E/K"
      a.e = p + 1;
      a.alteration = last.substr(0, last.size() - 1) + Upper(t.substr(p, 1));
      a.specific = true;
      out.push_back(a);
    } else {
      break;
    }
    e = out.back().e;
    last = out.back().alteration;
  }
  return out;
}

// Whether the words before normalised byte `nb` negate the mention:
// "without EGFR", "no KRAS or BRAF", "negative for ALK".
bool Negated(std::string_view t, size_t nb) {
  size_t from = nb > 40 ? nb - 40 : 0;
  while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
  std::string_view win = t.substr(from, nb - from);
  static const RE2 re(R"((?:^|[^a-z])(?:without|no|absence of|absent|negative for|lack of|lacking|free of|无)(?:[^a-z][ ,/a-z0-9-]*)?$)");
  return RE2::PartialMatch(re2::StringPiece(win.data(), win.size()), re);
}

// Mutation words written before the gene: "mutant KRAS", "wild-type BRAF".
bool AlterationBefore(std::string_view t, size_t nb, Alt* a) {
  size_t from = nb > 20 ? nb - 20 : 0;
  while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
  std::string_view win = t.substr(from, nb - from);
  static const RE2 re(R"((?:^|[^a-z])(mutant|mutated|wild[ -]?type|野生型|胚系|germline)[ -]*$)");
  re2::StringPiece g[2];
  if (!re.Match(re2::StringPiece(win.data(), win.size()), 0, win.size(), RE2::UNANCHORED, g, 2)) return false;
  a->b = from + Off(win, g[1]);
  a->e = a->b + g[1].size();
  std::string w = g[1].as_string();
  if (w == "mutant" || w == "mutated") a->alteration = "mutation";
  else if (w == "germline" || w == "胚系") a->state = "germline";
  else a->state = "wild-type";
  return true;
}

std::string AfterColon(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

void SetAlt(const Alt& a, Hit* h) {
  if (!a.alteration.empty()) h->m.attrs["alteration"] = a.alteration;
  if (!a.state.empty() && !h->m.attrs.count("state")) h->m.attrs["state"] = a.state;
}

// A status written after a gene that has no curated biomarker entry:
// "ALK-positive", "ROS1 negative", "CD20阳性".
bool GeneStatus(std::string_view t, size_t pos, Alt* a) {
  static const RE2 re(R"([ -]*(?:(positive|阳性)|(negative|阴性))(?:[^a-z]|$))");
  re2::StringPiece g[3];
  if (!MatchAt(re, t, pos, g, 3)) return false;
  int w = g[1].data() != nullptr ? 1 : 2;
  a->b = Off(t, g[w]);
  a->e = a->b + g[w].size();
  a->state = w == 1 ? "positive" : "negative";
  return true;
}

// Variants in HGVS or dbSNP notation with no gene next to them:
// "p.Leu858Arg", "p.V600E", "c.2573T>G", "c.2235_2249del", "rs121434568".
void AddNotationVariants(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  if (t.find("p.") == std::string_view::npos && t.find("c.") == std::string_view::npos &&
      t.find("rs") == std::string_view::npos)
    return;
  static const RE2 re(
      R"((?:^|[^a-z0-9.])(p\.\(?[a-z]{3}\d{1,4}(?:[a-z]{3}|\*|fs)\)?|p\.[a-z]\d{1,4}(?:[a-z*]|fs|del)|)"
      R"(c\.-?\d+(?:[+-]\d+)?[acgt]>[acgt]|c\.\d+(?:_\d+)?(?:del|dup|ins)[acgt]*|rs\d{4,}))"
      R"((?:[^a-z0-9]|$))");
  re2::StringPiece in(t.data(), t.size()), g[2];
  size_t pos = 0;
  std::vector<Hit> add;
  while (pos < t.size() && re.Match(in, pos, t.size(), RE2::UNANCHORED, g, 2)) {
    size_t b = Off(t, g[1]), e = b + g[1].size();
    pos = e;
    bool taken = false;
    for (const Hit& h : *hits) taken = taken || (h.m.type == "variant" && h.nb < e && b < h.ne);
    if (taken) continue;
    std::string v(t.substr(b, e - b));
    Alt a;
    if (v[0] == 'p' && ProteinChange(tv, b, &a)) v = a.alteration;  // one-letter form
    else if (v[0] == 'c') v = "c." + Upper(v.substr(2));
    add.push_back(tv.MakeHit(b, e, "variant", "variant:" + v, v));
  }
  for (Hit& h : add) hits->push_back(std::move(h));
}

}  // namespace

void ApplyAlterations(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  std::vector<Hit> add;
  std::vector<bool> drop(hits->size(), false);
  for (size_t i = 0; i < hits->size(); ++i) {
    const Hit& h = (*hits)[i];
    if (h.m.type != "gene" && h.m.type != "biomarker") continue;
    // A gene with a curated biomarker on the same span: the biomarker takes it.
    bool has_bio = false;
    for (const Hit& o : *hits)
      has_bio = has_bio || (&o != &h && o.m.type == "biomarker" && o.nb == h.nb && o.ne == h.ne);
    if (h.m.type == "gene" && has_bio) continue;
    Alt a;
    bool after = AlterationAt(tv, h.ne, &a) || (h.m.type == "gene" && GeneStatus(t, h.ne, &a));
    if (!after && !AlterationBefore(t, h.nb, &a)) continue;
    if (Negated(t, h.nb) && a.state != "wild-type") continue;
    // A state the state grammar read ("HER2-positive") is not replaced.
    if (h.m.type == "biomarker" && h.m.attrs.count("state") && a.alteration.empty()) continue;
    std::string type = "biomarker";
    std::string id = h.m.type == "gene" ? "biomarker:" + AfterColon(h.m.id) : h.m.id;
    Hit x = tv.MakeHit(h.nb, after ? a.e : h.ne, type, id, h.m.name);
    x.m.attrs = h.m.attrs;
    SetAlt(a, &x);
    if (h.m.type == "biomarker") drop[i] = true;
    std::vector<Alt> named;
    if (a.specific) named.push_back(a);
    if (after && a.specific) {
      for (const Alt& m : ListAfter(tv, a)) {
        Hit y = tv.MakeHit(m.b, m.e, type, id, h.m.name);
        SetAlt(m, &y);
        add.push_back(std::move(y));
        named.push_back(m);
      }
    }
    // Named variants are also mentions of their own ("L858R").
    std::string gene = AfterColon(id);
    for (const Alt& v : named)
      add.push_back(tv.MakeHit(v.b, v.e, "variant", "variant:" + gene + "-" + v.alteration,
                               gene + " " + v.alteration));
    add.push_back(std::move(x));
  }
  std::vector<Hit> out;
  for (size_t i = 0; i < hits->size(); ++i)
    if (!drop[i]) out.push_back(std::move((*hits)[i]));
  for (Hit& h : add) out.push_back(std::move(h));
  AddNotationVariants(tv, &out);
  *hits = std::move(out);
}

}  // namespace ckb::knowledge::internal
