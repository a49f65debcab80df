// SPDX-License-Identifier: GPL-3.0-or-later
// Measures the trial-results extractor (knowledge/results.h) against the
// hand-annotated gold set in eval/gold/results: precision, recall and F1 of
// effect estimates (measure, value and both interval bounds exact), medians
// (value and unit) and outcome rates (value), and how often n_total is right.
// A predicted item matches a gold item with the same values whose quote it
// overlaps in the text; each gold item is matched once.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "knowledge/lexicon.h"
#include "knowledge/results.h"

namespace {

using nlohmann::json;

struct Counts {
  int tp = 0, pred = 0, gold = 0;
  double P() const { return pred ? static_cast<double>(tp) / pred : 0; }
  double R() const { return gold ? static_cast<double>(tp) / gold : 0; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

struct Tally {
  Counts effects, medians, rates;
  int n_right = 0, n_records = 0;
};

bool Same(const json& g, std::optional<double> v) {
  if (g.is_null()) return !v.has_value();
  return v && std::fabs(g.get<double>() - *v) < 1e-9;
}
bool Same(const json& g, double v) { return !g.is_null() && std::fabs(g.get<double>() - v) < 1e-9; }

// Byte ranges where a gold item's quote occurs.
std::vector<std::pair<size_t, size_t>> Occurrences(const std::string& text, const std::string& q) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t p = text.find(q); p != std::string::npos; p = text.find(q, p + 1)) {
    out.push_back({p, p + q.size()});
  }
  return out;
}

bool Overlaps(const ckb::OutcomeSpan& s, const std::vector<std::pair<size_t, size_t>>& occ) {
  for (const auto& [b, e] : occ) {
    if (s.begin < e && b < s.end) return true;
  }
  return false;
}

bool Matches(const json& g, const ckb::OutcomeEffect& e) {
  return g.value("measure", "") == e.measure && Same(g["value"], e.value) &&
         Same(g["ci_low"], e.ci_low) && Same(g["ci_high"], e.ci_high);
}
bool Matches(const json& g, const ckb::OutcomeMedian& m) {
  return Same(g["value"], m.value) && g.value("unit", "") == m.unit;
}
bool Matches(const json& g, const ckb::OutcomeRate& r) { return Same(g["value"], r.value); }

std::string Describe(const ckb::OutcomeEffect& e) {
  std::ostringstream o;
  o << e.measure << " " << e.value << " [" << (e.ci_low ? std::to_string(*e.ci_low) : "-") << ", "
    << (e.ci_high ? std::to_string(*e.ci_high) : "-") << "] " << e.p << " " << e.endpoint;
  return o.str();
}
std::string Describe(const ckb::OutcomeMedian& m) {
  return m.endpoint + " " + std::to_string(m.value) + " " + m.unit;
}
std::string Describe(const ckb::OutcomeRate& r) {
  return r.endpoint + " " + std::to_string(r.value) + "%";
}

template <class Item>
void Score(const std::string& pmid, const std::string& text, const json& gold,
           const std::vector<Item>& pred, bool errors, const char* kind, Counts* c) {
  std::vector<bool> used(gold.size(), false);
  c->gold += static_cast<int>(gold.size());
  c->pred += static_cast<int>(pred.size());
  for (const Item& p : pred) {
    bool hit = false;
    for (size_t i = 0; i < gold.size() && !hit; ++i) {
      if (used[i] || !Matches(gold[i], p)) continue;
      if (!Overlaps(p.span, Occurrences(text, gold[i].value("quote", "")))) continue;
      used[i] = hit = true;
    }
    if (hit) {
      ++c->tp;
    } else if (errors) {
      std::printf("  FP %s %s: %s | %s\n", kind, pmid.c_str(), Describe(p).c_str(),
                  text.substr(p.span.sentence_begin, p.span.sentence_end - p.span.sentence_begin).c_str());
    }
  }
  for (size_t i = 0; i < gold.size() && errors; ++i) {
    if (!used[i]) std::printf("  FN %s %s: %s\n", kind, pmid.c_str(), gold[i].dump().c_str());
  }
}

bool LoadTexts(const std::string& path, std::map<std::string, std::string>* texts) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string data;
  if (!ckb::knowledge::DecompressZstd(raw, path, &data).ok()) return false;
  std::istringstream lines(data);
  for (std::string line; std::getline(lines, line);) {
    json o = json::parse(line, nullptr, false);
    if (o.is_object() && o.contains("id") && o["abstract"].is_string()) {
      (*texts)[o["id"].get<std::string>()] = o["abstract"].get<std::string>();
    }
  }
  return true;
}

bool RunSplit(const std::string& gold_path, const std::map<std::string, std::string>& texts,
              bool errors, Tally* t) {
  std::ifstream in(gold_path);
  if (!in) return false;
  for (std::string line; std::getline(in, line);) {
    json g = json::parse(line, nullptr, false);
    if (!g.is_object()) continue;
    std::string pmid = g.value("pmid", "");
    auto it = texts.find("PMID" + pmid);
    if (it == texts.end()) {
      std::fprintf(stderr, "eval_results: PMID%s not in the corpus\n", pmid.c_str());
      return false;
    }
    ckb::Outcomes o = ckb::knowledge::ExtractResults(it->second, "abstract");
    Score(pmid, it->second, g["effects"], o.effects, errors, "effect", &t->effects);
    Score(pmid, it->second, g["medians"], o.medians, errors, "median", &t->medians);
    Score(pmid, it->second, g["rates"], o.rates, errors, "rate", &t->rates);
    ++t->n_records;
    bool right = g["n_total"].is_null() ? !o.n_total
                                        : (o.n_total && *o.n_total == g["n_total"].get<int64_t>());
    if (right) ++t->n_right;
    if (!right && errors) {
      std::printf("  N %s: gold %s, found %s\n", pmid.c_str(), g["n_total"].dump().c_str(),
                  o.n_total ? std::to_string(*o.n_total).c_str() : "null");
    }
  }
  return true;
}

void Print(const std::string& split, const Tally& t) {
  auto row = [&](const char* kind, const Counts& c) {
    std::printf("%-5s %-8s P=%.3f R=%.3f F1=%.3f  (%d matched, %d found, %d gold)\n",
                split.c_str(), kind, c.P(), c.R(), c.F1(), c.tp, c.pred, c.gold);
  };
  row("effects", t.effects);
  row("medians", t.medians);
  row("rates", t.rates);
  std::printf("%-5s n_total  %.3f right  (%d of %d abstracts)\n", split.c_str(),
              t.n_records ? static_cast<double>(t.n_right) / t.n_records : 0.0, t.n_right,
              t.n_records);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = CKB_SOURCE_DIR "/../shared/corpus";
  std::string gold = CKB_SOURCE_DIR "/eval/gold/results";
  std::vector<std::string> splits = {"dev", "test"};
  bool errors = false;
  double min_effects = 0, min_medians = 0, min_rates = 0, min_ntotal = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--split" && i + 1 < argc) splits = {argv[++i]};
    else if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
    else if (a == "--gold" && i + 1 < argc) gold = argv[++i];
    else if (a == "--errors") errors = true;
    else if (a == "--min-effects" && i + 1 < argc) min_effects = std::stod(argv[++i]);
    else if (a == "--min-medians" && i + 1 < argc) min_medians = std::stod(argv[++i]);
    else if (a == "--min-rates" && i + 1 < argc) min_rates = std::stod(argv[++i]);
    else if (a == "--min-ntotal" && i + 1 < argc) min_ntotal = std::stod(argv[++i]);
    else {
      std::fprintf(stderr,
                   "usage: eval_results [--split dev|test] [--corpus DIR] [--gold DIR] [--errors]\n"
                   "                    [--min-effects F1] [--min-medians F1] [--min-rates F1]\n"
                   "                    [--min-ntotal FRACTION]\n"
                   "  DIR defaults to <source>/../shared/corpus; exit 1 when a figure is below its\n"
                   "  bound, 77 when the corpus is absent.\n");
      return 2;
    }
  }
  std::map<std::string, std::string> texts;
  std::string source = corpus + "/bench-abstracts/corpus_real.jsonl.zst";
  if (!LoadTexts(source, &texts)) {
    std::fprintf(stderr, "eval_results: cannot read %s; skipped\n", source.c_str());
    return 77;
  }
  int rc = 0;
  for (const std::string& split : splits) {
    Tally t;
    if (!RunSplit(gold + "/" + split + ".jsonl", texts, errors, &t)) {
      std::fprintf(stderr, "eval_results: cannot read %s/%s.jsonl\n", gold.c_str(), split.c_str());
      return 2;
    }
    Print(split, t);
    double n_frac = t.n_records ? static_cast<double>(t.n_right) / t.n_records : 0;
    if (t.effects.F1() < min_effects || t.medians.F1() < min_medians ||
        t.rates.F1() < min_rates || n_frac < min_ntotal) {
      std::fprintf(stderr, "eval_results: %s below its bound\n", split.c_str());
      rc = 1;
    }
  }
  return rc;
}
