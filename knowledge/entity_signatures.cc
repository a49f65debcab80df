// SPDX-License-Identifier: GPL-3.0-or-later
// Genomic signatures with their states (MSI-H / MSI-L / MSS, dMMR / pMMR,
// TMB-high / low, HRD-positive / negative) and expression thresholds after
// a biomarker ("PD-L1 TPS ≥50%", "CPS ≥10", "TPS 1-49%", "Ki-67 ≥20%",
// "CLDN18.2 ≥75%", "TMB ≥10 mut/Mb"), normalised in `attrs`.
#include <re2/re2.h>

#include <algorithm>
#include <memory>

#include "knowledge/internal/entity_rules.h"
#include "knowledge/internal/re_match.h"

namespace ckb::knowledge::internal {
namespace {

struct Signature {
  const char* id;
  const char* name;
  const char* state;
  const char* pattern;  // group 1 is the mention
};

// Word-bounded forms, most specific first within each signature.
const std::vector<Signature>& Signatures() {
  static const std::vector<Signature> kSigs = {
      {"biomarker:MSI", "microsatellite instability", "high",
       R"((msi[ -]?h(?:igh)?|microsatellite[ -]+instability[ -]*(?:-|\()?[ -]*(?:high|h)\)?|)"
       R"(high[ -]+(?:levels?[ -]+of[ -]+|frequency[ -]+)?microsatellite[ -]+instability))"},
      {"biomarker:MSI", "microsatellite instability", "low",
       R"((msi[ -]?l(?:ow)?|microsatellite[ -]+instability[ -]*-?[ -]*low|low[ -]+microsatellite[ -]+instability))"},
      {"biomarker:MSI", "microsatellite instability", "stable", R"((mss|msi[ -]+stable|microsatellite[ -]+stab(?:le|ility)))"},
      {"biomarker:MMR", "mismatch repair", "deficient",
       R"((dmmr|mmr[ -]?d|mmr[ -]+deficien(?:t|cy)|mismatch[ -]+repair[ -]*(?:-|\()?[ -]*deficien(?:t|cy)\)?|)"
       R"(deficien(?:t|cy)[ -]+(?:in[ -]+|of[ -]+)?(?:dna[ -]+)?mismatch[ -]+repair))"},
      {"biomarker:MMR", "mismatch repair", "proficient",
       R"((pmmr|mmr[ -]?p|mmr[ -]+proficien(?:t|cy)|mismatch[ -]+repair[ -]*-?[ -]*proficien(?:t|cy)|)"
       R"(proficient[ -]+(?:dna[ -]+)?mismatch[ -]+repair))"},
      {"biomarker:TMB", "tumor mutational burden", "high",
       R"((tmb[ -]?h(?:igh)?|(?:high|elevated)[ -]+tmb|(?:high|elevated)[ -]+tumou?r[ -]+mutation(?:al)?[ -]+)"
       R"((?:burden|load)|tumou?r[ -]+mutation(?:al)?[ -]+(?:burden|load)[ -]*-[ -]*high))"},
      {"biomarker:TMB", "tumor mutational burden", "low",
       R"((tmb[ -]?l(?:ow)?|low[ -]+tmb|low[ -]+tumou?r[ -]+mutation(?:al)?[ -]+(?:burden|load)))"},
      {"biomarker:HRD", "homologous recombination deficiency", "positive",
       R"((hrd[ -]*(?:positive|\+|high)|homologous[ -]+recombination[ -]*(?:repair[ -]*)?-?[ -]*deficient|)"
       R"(hr[ -]?deficient))"},
      {"biomarker:HRD", "homologous recombination deficiency", "negative",
       R"((hrd[ -]*negative|homologous[ -]+recombination[ -]*(?:repair[ -]*)?-?[ -]*proficient|hr[ -]?proficient))"},
  };
  return kSigs;
}

bool MayHoldSignature(std::string_view t) {
  for (const char* lit : {"msi", "mss", "microsatellite", "mmr", "mismatch", "tmb", "mutation", "hrd",
                          "homologous", "hr-", "hr "})
    if (t.find(lit) != std::string_view::npos) return true;
  return false;
}

struct Threshold {
  size_t e = 0;
  std::string value;  // ">=50%", "1-49%", "CPS>=10", ">=10mut/Mb"
  std::string score;  // "TPS", "CPS", "TC", "IC", "H-score" or ""
};

// An expression threshold at `pos`, after a biomarker or a score name.
bool ThresholdAt(std::string_view t, size_t pos, bool need_score, Threshold* th) {
  static const RE2 re(
      R"(([ -]*(?:(?:expression|expressing|staining|level|score|status)[ -]*)?\(?[ -]*)"
      R"((?:(?:by|on|with|of|at)[ -]+)?)"
      R"((?:(tps|tumou?r[ -]+proportion[ -]+score|cps|combined[ -]+positive[ -]+score|tc|ic|h-?score))"
      R"([ -]*(?:\((?:tps|cps|tc|ic)\))?[ -]*)?)"
      R"((?:of|was|:|=|in)?[ -]*)"
      R"((≥|>=|≧|=>|>|≤|<=|<|at[ -]+least|greater[ -]+than[ -]+or[ -]+equal[ -]+to|more[ -]+than|greater[ -]+than|less[ -]+than)?)"
      R"([ -]*(\d{1,3}(?:[.,·]\d+)?)[ -]*(%)?)"
      R"((?:[ -]*(?:-|–|to)[ -]*(\d{1,3}(?:[.,·]\d+)?)[ -]*%?)?)"
      R"(([ -]*(?:mut(?:ation)?s?[ -]*/[ -]*mb|mutations?[ -]+per[ -]+megabase))?)"
      R"(([ -]*(?:or[ -]+(?:more|greater|higher|above)|and[ -]+(?:above|higher)|\+))?))"
      R"((?:[^0-9a-z%]|$))");
  // Group 1 is the whole threshold; groups 2.. shifted by one below.
  re2::StringPiece m[9];
  if (!MatchAt(re, t, pos, m, 9)) return false;
  const re2::StringPiece* g = m + 1;  // g[1] score ... g[7] "or more"
  std::string score;
  if (g[1].data() != nullptr) {
    std::string s = g[1].as_string();
    score = s[0] == 't' && s != "tc" ? "TPS" : s[0] == 'c' ? "CPS" : s == "tc" ? "TC" : s == "ic" ? "IC" : "H-score";
  }
  if (need_score && score.empty()) return false;
  std::string op;
  if (g[2].data() != nullptr) {
    std::string o = g[2].as_string();
    op = o == "≤" || o == "<=" ? "<=" : o == "<" || o.rfind("less", 0) == 0 ? "<"
         : o == ">" || o.rfind("more", 0) == 0 || o == "greater than" ? ">" : ">=";
    if (o.find("greater") != std::string::npos && o.find("equal") != std::string::npos) op = ">=";
  }
  if (g[7].data() != nullptr && !g[7].empty()) op = ">=";
  bool range = g[5].data() != nullptr;
  bool unit_mb = g[6].data() != nullptr && !g[6].empty();
  bool percent = (m[1].as_string().find('%') != std::string::npos || score == "TPS") && score != "CPS";
  // A bare number is not a threshold: an operator, a range or "or more" says so.
  if (op.empty() && !range) return false;
  std::string num = g[3].as_string();
  std::replace(num.begin(), num.end(), ',', '.');
  th->score = score;
  th->value = (score == "CPS" || score == "TC" || score == "IC" ? score : "") + op + num;
  if (range) th->value += "-" + g[5].as_string();
  if (unit_mb) th->value += "mut/Mb";
  else if (percent) th->value += "%";
  size_t end = Off(t, m[1]) + m[1].size();
  while (end > pos && t[end - 1] == ' ') --end;
  th->e = end;
  return true;
}

bool Overlaps(const Hit& a, size_t b, size_t e) { return a.nb < e && b < a.ne; }

}  // namespace

void AddSignatureHits(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  if (!MayHoldSignature(t)) return;
  std::vector<Hit> add;
  static const std::vector<std::unique_ptr<RE2>> compiled = [] {
    std::vector<std::unique_ptr<RE2>> v;
    for (const Signature& s : Signatures())
      v.push_back(std::make_unique<RE2>(std::string("(?:^|[^a-z0-9])") + s.pattern + "(?:[^a-z0-9]|$)"));
    return v;
  }();
  for (size_t k = 0; k < Signatures().size(); ++k) {
    const Signature& s = Signatures()[k];
    re2::StringPiece in(t.data(), t.size()), g[2];
    size_t pos = 0;
    while (pos < t.size() && compiled[k]->Match(in, pos, t.size(), RE2::UNANCHORED, g, 2)) {
      size_t b = Off(t, g[1]), e = b + g[1].size();
      pos = e;
      bool taken = false;
      for (const Hit& h : add) taken = taken || Overlaps(h, b, e);
      if (taken) continue;
      // "MSS" and "MSI-H" as written: upper case in the original where short.
      if (e - b <= 5 && !tv.UpperAt(b + (t[b] == 'd' || t[b] == 'p' ? 1 : 0))) continue;
      Hit x = tv.MakeHit(b, e, "biomarker", s.id, s.name);
      x.m.attrs["state"] = s.state;
      add.push_back(std::move(x));
    }
  }
  if (add.empty()) return;
  // The stated forms replace plain mentions of the same signature inside them.
  hits->erase(std::remove_if(hits->begin(), hits->end(),
                             [&](const Hit& h) {
                               for (const Hit& a : add)
                                 if (Overlaps(h, a.nb, a.ne) && (h.m.id == a.m.id || h.m.type == "gene")) return true;
                               return false;
                             }),
              hits->end());
  for (Hit& h : add) hits->push_back(std::move(h));
}

void ApplyThresholds(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  std::vector<std::pair<size_t, size_t>> used;
  std::vector<Hit> list;
  for (Hit& h : *hits) {
    // HER2 has its own scoring grammar (entity_states.cc).
    if (h.m.type != "biomarker" || h.m.id == "biomarker:HER2" || h.m.attrs.count("ihc")) continue;
    Threshold th;
    if (!ThresholdAt(t, h.ne, false, &th)) continue;
    Hit x = tv.MakeHit(h.nb, th.e, h.m.type, h.m.id, h.m.name);
    x.m.attrs = h.m.attrs;
    x.m.attrs["threshold"] = th.value;
    if (!th.score.empty()) x.m.attrs["score"] = th.score;
    used.emplace_back(h.ne, th.e);
    // Further thresholds of a list: "TPS ≥50% or 1% to 49%".
    static const RE2 sep(R"( *(?:,? *or|,? *and|,|/|;) *)");
    re2::StringPiece sg[1];
    Threshold next;
    size_t at = th.e;
    while (list.size() < 4 && MatchAt(sep, t, at, sg, 1) &&
           ThresholdAt(t, at + sg[0].size(), false, &next)) {
      Hit y = tv.MakeHit(at + sg[0].size(), next.e, h.m.type, h.m.id, h.m.name);
      y.m.attrs["threshold"] = next.value.empty() ? th.value : next.value;
      if (!th.score.empty()) y.m.attrs["score"] = th.score;
      used.emplace_back(at, next.e);
      at = next.e;
      list.push_back(std::move(y));
    }
    h = std::move(x);
  }
  for (Hit& y : list) hits->push_back(std::move(y));
  // Words of a score's name ("tumour proportion score") are not diseases.
  hits->erase(std::remove_if(hits->begin(), hits->end(),
                             [&](const Hit& h) {
                               if (h.m.type != "disease") return false;
                               for (const auto& u : used)
                                 if (h.nb >= u.first && h.ne <= u.second) return true;
                               return false;
                             }),
              hits->end());
  // A PD-L1 score written on its own ("TPS ≥50%", "CPS of 10 or more").
  static const RE2 lead(R"((?:^|[^a-z])(tps|cps|tumou?r[ -]+proportion[ -]+score|combined[ -]+positive[ -]+score))");
  if (t.find("tps") == std::string_view::npos && t.find("cps") == std::string_view::npos &&
      t.find("score") == std::string_view::npos)
    return;
  std::vector<Hit> add;
  ForEachLead(t, lead, used, [&](size_t b, size_t n) -> size_t {
    if (n == 3 && !tv.UpperAt(b)) return 0;  // "tps" as written is not the score
    Threshold th;
    if (!ThresholdAt(t, b, true, &th)) return 0;
    Hit x = tv.MakeHit(b, th.e, "biomarker", "biomarker:PD-L1", "PD-L1");
    x.m.attrs["threshold"] = th.value;
    x.m.attrs["score"] = th.score;
    add.push_back(std::move(x));
    return th.e;
  });
  // A gene alias read inside a score ("TPS 1") is not a gene.
  hits->erase(std::remove_if(hits->begin(), hits->end(),
                             [&](const Hit& h) {
                               for (const Hit& a : add)
                                 if (h.m.type == "gene" && Overlaps(h, a.nb, a.ne)) return true;
                               return false;
                             }),
              hits->end());
  for (Hit& h : add) hits->push_back(std::move(h));
}

}  // namespace ckb::knowledge::internal
