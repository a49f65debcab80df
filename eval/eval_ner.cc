// SPDX-License-Identifier: GPL-3.0-or-later
// Measures entity extraction against PubTator-format gold (BC5CDR, NCBI
// disease): strict and overlapping precision, recall and F1 per type. Extra
// lexicons and gold strings learned from training splits are optional.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "knowledge/abbreviations.h"
#include "knowledge/entities.h"
#include "knowledge/lexicon.h"
#include "knowledge/lexicon_table.h"
#include "text/text_norm.h"

namespace {

using ckb::Mention;
using ckb::knowledge::LexiconEntry;

struct Span {
  uint32_t b, e;
  std::string type;
  bool operator<(const Span& o) const { return std::tie(b, e, type) < std::tie(o.b, o.e, o.type); }
};

struct Doc {
  std::string id, text;
  std::vector<Span> gold;
};

std::string MapGoldType(const std::string& t) {
  if (t == "Chemical") return "Chemical";
  if (t == "Disease" || t == "SpecificDisease" || t == "DiseaseClass" || t == "Modifier" ||
      t == "CompositeMention")
    return "Disease";
  if (t == "Gene" || t == "GENE") return "Gene";
  return "";
}

std::string MapOurType(const std::string& t) {
  if (t == "drug" || t == "drug_class" || t == "chemical") return "Chemical";
  if (t == "disease") return "Disease";
  if (t == "gene" || t == "biomarker") return "Gene";
  return "";
}

bool ReadPubTator(const std::string& path, std::vector<Doc>* docs) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::map<std::string, size_t> index;
  std::string title;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t bar = line.find('|');
    if (bar != std::string::npos && line.size() > bar + 2 && line[bar + 2] == '|') {
      std::string id = line.substr(0, bar);
      char kind = line[bar + 1];
      if (kind == 't') {
        docs->push_back(Doc{id, line.substr(bar + 3), {}});
      } else if (kind == 'a' && !docs->empty()) {
        docs->back().text += " " + line.substr(bar + 3);
      }
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string part;
    while (std::getline(ss, part, '\t')) f.push_back(part);
    if (f.size() < 5 || docs->empty() || f[1].empty() || !std::isdigit(static_cast<unsigned char>(f[1][0])))
      continue;
    std::string type = MapGoldType(f[4]);
    if (!type.empty())
      docs->back().gold.push_back(Span{static_cast<uint32_t>(std::stoul(f[1])),
                                       static_cast<uint32_t>(std::stoul(f[2])), type});
  }
  return true;
}

// Words learned from training gold that belong to a mention when written
// right before or after it ("sporadic", "autosomal", "tumours").
struct Affixes {
  std::map<std::string, std::set<std::string>> prefix, suffix;  // by mapped type
};

std::string WordAt(const std::vector<char32_t>& cps, size_t b, size_t e) {
  std::string w;
  for (size_t i = b; i < e; ++i)
    w.push_back(static_cast<char>(std::tolower(static_cast<int>(cps[i] < 0x80 ? cps[i] : '?'))));
  return w;
}

bool WordChar(char32_t c) { return c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '-'); }

// The word before code point `start`, separated by one space or a hyphen:
// [b, e); the key is the separator followed by the lower-cased word.
bool WordBefore(const std::vector<char32_t>& cps, size_t start, size_t* b, size_t* e, std::string* key) {
  if (start < 2 || (cps[start - 1] != ' ' && cps[start - 1] != '-') || !WordChar(cps[start - 2]))
    return false;
  *e = start - 1;
  *b = *e;
  // After a space the whole hyphenated word is taken ("X-linked").
  bool hyphens = cps[start - 1] == ' ';
  while (*b > 0 && WordChar(cps[*b - 1]) && (hyphens || cps[*b - 1] != '-')) --*b;
  while (*b < *e && cps[*b] == '-') ++*b;
  *key = std::string(1, static_cast<char>(cps[start - 1])) + WordAt(cps, *b, *e);
  return true;
}

bool WordAfter(const std::vector<char32_t>& cps, size_t end, size_t* b, size_t* e, std::string* key) {
  if (end + 1 >= cps.size() || (cps[end] != ' ' && cps[end] != '-') || !WordChar(cps[end + 1]))
    return false;
  *b = end + 1;
  *e = *b;
  bool hyphens = cps[end] == ' ';
  while (*e < cps.size() && WordChar(cps[*e]) && (hyphens || cps[*e] != '-')) ++*e;
  while (*e > *b && cps[*e - 1] == '-') --*e;
  *key = std::string(1, static_cast<char>(cps[end])) + WordAt(cps, *b, *e);
  return true;
}

void Extend(const Affixes& af, const std::vector<char32_t>& cps, Mention* m, const std::string& t) {
  auto pit = af.prefix.find(t);
  auto sit = af.suffix.find(t);
  size_t b, e;
  std::string key;
  for (int k = 0; k < 2 && pit != af.prefix.end(); ++k) {
    if (!WordBefore(cps, m->start, &b, &e, &key) || !pit->second.count(key)) break;
    m->start = static_cast<uint32_t>(b);
  }
  for (int k = 0; k < 2 && sit != af.suffix.end(); ++k) {
    if (!WordAfter(cps, m->end, &b, &e, &key) || !sit->second.count(key)) break;
    m->end = static_cast<uint32_t>(e);
  }
}

using StopSet = std::set<std::pair<std::string, std::string>>;  // (mapped type, match key)
StopSet g_stops;  // learned stop keys, also applied to propagated abbreviations
ckb::knowledge::AbbreviationOptions g_abbrev;  // --gene-abbreviations

std::vector<Span> Predict(const ckb::knowledge::EntityExtractor& ex, const Doc& d, const Affixes* af,
                          std::vector<Mention>* raw = nullptr) {
  std::vector<Mention> ms = ex.Extract(d.text, "text");
  std::vector<char32_t> cps = ckb::text::DecodeUtf8(d.text);
  // The extractor propagates definitions itself; again here for gene uses.
  ckb::knowledge::PropagateAbbreviations(std::u32string_view(cps.data(), cps.size()),
                                       {"drug", "drug_class", "chemical", "disease"}, &ms,
                                       g_abbrev);
  std::set<Span> out;
  for (Mention& m : ms) {
    std::string t = MapOurType(m.type);
    if (t.empty() || g_stops.count({t, ckb::text::MatchKey(m.text)})) continue;
    if (af) Extend(*af, cps, &m, t);
    out.insert(Span{m.start, m.end, t});
  }
  if (raw) *raw = std::move(ms);
  return {out.begin(), out.end()};
}

void LearnGold(const std::vector<Doc>& docs, std::vector<LexiconEntry>* out);

// Two folds: gold strings of one half of the training documents, matched on
// the other half, show which neighbouring words the gold spans take in.
Affixes LearnAffixes(const std::vector<LexiconEntry>& base, const std::vector<Doc>& all, int min_affix) {
  std::map<std::tuple<bool, std::string, std::string>, std::pair<int, int>> tally;  // -> (in, out)
  for (int fold = 0; fold < 2; ++fold) {
  std::vector<Doc> learn, docs;
  for (size_t i = 0; i < all.size(); ++i) (static_cast<int>(i % 2) == fold ? docs : learn).push_back(all[i]);
  std::vector<LexiconEntry> entries = base;
  LearnGold(learn, &entries);
  auto ex = ckb::knowledge::EntityExtractor::FromEntries(std::move(entries));
  for (const Doc& d : docs) {
    std::vector<char32_t> cps = ckb::text::DecodeUtf8(d.text);
    std::set<Span> g(d.gold.begin(), d.gold.end());
    for (const Span& p : Predict(*ex, d, nullptr)) {
      size_t b, e;
      std::string key;
      if (WordBefore(cps, p.b, &b, &e, &key)) {
        auto& c = tally[{true, p.type, key}];
        if (g.count(Span{static_cast<uint32_t>(b), p.e, p.type})) ++c.first;
        else if (g.count(p)) ++c.second;
      }
      if (WordAfter(cps, p.e, &b, &e, &key)) {
        auto& c = tally[{false, p.type, key}];
        if (g.count(Span{p.b, static_cast<uint32_t>(e), p.type})) ++c.first;
        else if (g.count(p)) ++c.second;
      }
    }
  }
  }
  Affixes af;
  for (const auto& [k, c] : tally)
    if (c.first >= min_affix && c.first > c.second)
      (std::get<0>(k) ? af.prefix : af.suffix)[std::get<1>(k)].insert(std::get<2>(k));
  return af;
}

struct Counts {
  double n_pred = 0, n_gold = 0, strict_tp = 0, ov_pred = 0, ov_gold = 0;
};

void Score(const std::vector<Span>& pred, const std::vector<Span>& gold, std::map<std::string, Counts>* c) {
  std::set<Span> g(gold.begin(), gold.end());
  for (const Span& p : pred) {
    Counts& k = (*c)[p.type];
    ++k.n_pred;
    if (g.count(p)) ++k.strict_tp;
    for (const Span& x : gold)
      if (x.type == p.type && x.b < p.e && p.b < x.e) {
        ++k.ov_pred;
        break;
      }
  }
  for (const Span& x : g) {
    Counts& k = (*c)[x.type];
    ++k.n_gold;
    for (const Span& p : pred)
      if (x.type == p.type && x.b < p.e && p.b < x.e) {
        ++k.ov_gold;
        break;
      }
  }
}


// Gold surface strings of training splits as lexicon entries.
void LearnGold(const std::vector<Doc>& docs, std::vector<LexiconEntry>* out) {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> forms;  // (type, key) -> forms
  for (const Doc& d : docs)
    for (const Span& s : d.gold) {
      std::string text = ckb::text::SubstrCp(d.text, s.b, s.e);
      forms[{s.type, ckb::text::MatchKey(text)}].insert(text);
    }
  for (const auto& [k, fs] : forms) {
    LexiconEntry e;
    e.type = k.first == "Chemical" ? "chemical" : "disease";
    e.name = *fs.begin();
    e.id = e.type + ":" + ckb::text::Slug(e.name);
    if (e.id.size() <= e.type.size() + 1) continue;
    for (const std::string& f : fs) {
      bool upper = f.size() <= 5;
      for (char c : f) upper = upper && !(c >= 'a' && c <= 'z');
      (upper || f.size() <= 3 ? e.case_sensitive : e.synonyms).push_back(f);
    }
    out->push_back(std::move(e));
  }
}

// Keys whose matches in the training splits are mostly not gold mentions.
std::set<std::pair<std::string, std::string>> LearnStops(const ckb::knowledge::EntityExtractor& ex,
                                                         const std::vector<Doc>& docs, double stop_ratio) {
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> tally;  // -> (tp, n)
  for (const Doc& d : docs) {
    std::set<Span> g(d.gold.begin(), d.gold.end());
    std::vector<Mention> raw;
    Predict(ex, d, nullptr, &raw);
    for (const Mention& m : raw) {
      std::string t = MapOurType(m.type);
      if (t.empty()) continue;
      auto& c = tally[{t, ckb::text::MatchKey(m.text)}];
      c.first += g.count(Span{m.start, m.end, t}) ? 1 : 0;
      c.second += 1;
    }
  }
  std::set<std::pair<std::string, std::string>> stops;
  for (const auto& [k, c] : tally)
    if (c.first < stop_ratio * c.second) stops.insert(k);
  return stops;
}

void ApplyStops(const std::set<std::pair<std::string, std::string>>& stops, std::vector<LexiconEntry>* entries) {
  std::vector<LexiconEntry> out;
  for (LexiconEntry& e : *entries) {
    std::string t = MapOurType(e.type);
    auto stopped = [&](const std::string& s) { return !t.empty() && stops.count({t, ckb::text::MatchKey(s)}); };
    auto filter = [&](std::vector<std::string>* v) {
      std::vector<std::string> keep;
      for (std::string& s : *v)
        if (!stopped(s)) keep.push_back(std::move(s));
      *v = std::move(keep);
    };
    filter(&e.synonyms);
    filter(&e.case_sensitive);
    if (stopped(e.name)) {
      if (!e.synonyms.empty()) {
        e.name = e.synonyms.front();
      } else if (!e.case_sensitive.empty()) {
        e.name = e.case_sensitive.front();
      } else {
        continue;
      }
    }
    out.push_back(std::move(e));
  }
  *entries = std::move(out);
}

void Print(const std::string& label, const std::map<std::string, Counts>& c) {
  auto f1 = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; };
  for (const auto& [type, k] : c) {
    double sp = k.n_pred ? k.strict_tp / k.n_pred : 0, sr = k.n_gold ? k.strict_tp / k.n_gold : 0;
    double op = k.n_pred ? k.ov_pred / k.n_pred : 0, orr = k.n_gold ? k.ov_gold / k.n_gold : 0;
    std::printf("%s\t%s\tgold=%.0f\tpred=%.0f\tstrict P=%.3f R=%.3f F1=%.3f\toverlap P=%.3f R=%.3f F1=%.3f\n",
                label.c_str(), type.c_str(), k.n_gold, k.n_pred, sp, sr, f1(sp, sr), op, orr, f1(op, orr));
  }
}

int Usage() {
  std::cerr << "usage: eval_ner --gold TEST.PubTator [--lexicon FILE.jsonl]... [--learn TRAIN.PubTator]...\n"
               "                [--no-shipped] [--no-stops] [--no-affixes] [--gene-abbreviations] [--stop-ratio 0.5] [--min-affix 1] [--types Chemical,Disease]\n"
               "                [--errors FILE (false negatives and positives)]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> gold_files, lexicons, learn;
  bool builtin = true, stops = true, affix = true;
  int min_affix = 1;         // times an affix word must be seen inside gold spans
  double stop_ratio = 0.5;  // keys matched in training text with lower precision are dropped
  std::string types, errors;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--gold") gold_files.push_back(next());
    else if (a == "--lexicon") lexicons.push_back(next());
    else if (a == "--learn") learn.push_back(next());
    else if (a == "--no-shipped" || a == "--no-builtin") builtin = false;
    else if (a == "--no-stops") stops = false;
    else if (a == "--no-affixes") affix = false;
    else if (a == "--gene-abbreviations") g_abbrev.gene_uses = true;
    else if (a == "--stop-ratio") stop_ratio = std::stod(next());
    else if (a == "--min-affix") min_affix = std::stoi(next());
    else if (a == "--types") types = next();
    else if (a == "--errors") errors = next();
    else return Usage();
  }
  if (gold_files.empty()) return Usage();
  std::vector<LexiconEntry> entries;
  if (builtin) entries = ckb::knowledge::ShippedLexiconEntries();
  for (const std::string& l : lexicons) {
    ckb::Status s = ckb::knowledge::LoadLexiconFile(l, &entries);
    if (!s.ok()) {
      std::cerr << s.message() << '\n';
      return 2;
    }
  }
  std::vector<Doc> train;
  for (const std::string& f : learn)
    if (!ReadPubTator(f, &train)) {
      std::cerr << "cannot read " << f << '\n';
      return 2;
    }
  std::vector<LexiconEntry> base_entries = entries;
  LearnGold(train, &entries);
  if (stops && !train.empty()) {
    auto first = ckb::knowledge::EntityExtractor::FromEntries(entries);
    auto st = LearnStops(*first, train, stop_ratio);
    ApplyStops(st, &entries);
    g_stops = st;
    std::fprintf(stderr, "learned %zu stop keys from %zu training documents\n", st.size(), train.size());
  }
  auto ex = ckb::knowledge::EntityExtractor::FromEntries(entries);
  std::fprintf(stderr, "lexicon entries: %zu\n", ex->size());
  Affixes affixes;
  if (affix && !train.empty()) {
    affixes = LearnAffixes(base_entries, train, min_affix);
    size_t n = 0;
    for (const auto& [t, w] : affixes.prefix) n += w.size();
    for (const auto& [t, w] : affixes.suffix) n += w.size();
    std::fprintf(stderr, "learned %zu affix words\n", n);
  }
  for (const std::string& gf : gold_files) {
    std::vector<Doc> docs;
    if (!ReadPubTator(gf, &docs)) {
      std::cerr << "cannot read " << gf << '\n';
      return 2;
    }
    std::map<std::string, Counts> c;
    std::ofstream err_out;
    if (!errors.empty()) err_out.open(errors);
    for (const Doc& d : docs) {
      std::vector<Span> pred = Predict(*ex, d, &affixes);
      std::vector<Span> gold;
      for (const Span& s : d.gold)
        if (types.empty() || types.find(s.type) != std::string::npos) gold.push_back(s);
      std::vector<Span> p2;
      for (const Span& s : pred)
        if (types.empty() || types.find(s.type) != std::string::npos) p2.push_back(s);
      Score(p2, gold, &c);
      if (err_out) {
        std::set<Span> gs(gold.begin(), gold.end()), ps(p2.begin(), p2.end());
        for (const Span& g : gs) {
          if (ps.count(g)) continue;
          err_out << "FN\t" << g.type << '\t' << ckb::text::SubstrCp(d.text, g.b, g.e);
          for (const Span& p : ps)
            if (p.type == g.type && p.b < g.e && g.b < p.e)
              err_out << "\t~ " << ckb::text::SubstrCp(d.text, p.b, p.e);
          err_out << '\n';
        }
        for (const Span& p : ps)
          if (!gs.count(p)) err_out << "FP\t" << p.type << '\t' << ckb::text::SubstrCp(d.text, p.b, p.e) << '\n';
      }
    }
    std::string label = gf.substr(gf.find_last_of('/') + 1);
    Print(label, c);
  }
  return 0;
}
