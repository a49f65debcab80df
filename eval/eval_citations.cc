// SPDX-License-Identifier: GPL-3.0-or-later
// Measures ParseReferenceString against tagged gold reference strings (JATS,
// AnyStyle, GROBID): precision, recall and F1 per field and per set, micro
// field F1 and instance accuracy, on a deterministic train/test split.
#include <fmt/format.h>
#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "citation_gold.h"
#include "text/identifiers.h"
#include "citations/internal/refstring_parts.h"
#include "citations/refstring.h"
#include "citations/reftagger.h"

namespace ckb::eval {
namespace {

const std::vector<std::string> kFields = {"authors", "title", "journal", "year",
                                          "volume",  "issue", "pages",   "doi"};

// Case folded, accents stripped, compatibility forms unified (NFKC + casefold + stripmark).
std::string Fold(const std::string& s) {
  utf8proc_uint8_t* out = nullptr;
  auto opts = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                             UTF8PROC_STRIPMARK);
  if (utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out, opts) < 0) return s;
  std::string r(reinterpret_cast<char*>(out));
  std::free(out);
  return r;
}

// Title / journal: folded, every non-alphanumeric run removed.
std::string TextKey(const std::string& s) {
  std::string f = Fold(s), out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(f.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(f.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) break;
    utf8proc_category_t cat = utf8proc_category(cp);
    bool keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (keep) out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    p += n;
    left -= n;
  }
  return out;
}

// First alphanumeric run, ignoring "vol."/"pp."/"no." style prefixes.
std::string FirstToken(const std::string& s) {
  std::string f = Fold(s);
  size_t i = 0;
  for (;;) {
    while (i < f.size() && !std::isalnum(static_cast<unsigned char>(f[i]))) ++i;
    size_t j = i;
    while (j < f.size() && std::isalnum(static_cast<unsigned char>(f[j]))) ++j;
    std::string tok = f.substr(i, j - i);
    if (tok == "vol" || tok == "volume" || tok == "pp" || tok == "p" || tok == "no" || tok == "issue" ||
        tok == "page" || tok == "pages") {
      i = j;
      continue;
    }
    return tok;
  }
}

std::string YearKey(const std::string& s) {
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if ((s.compare(i, 2, "19") == 0 || s.compare(i, 2, "20") == 0 || s.compare(i, 2, "18") == 0) &&
        std::isdigit(static_cast<unsigned char>(s[i + 2])) && std::isdigit(static_cast<unsigned char>(s[i + 3])) &&
        (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))) &&
        (i + 4 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 4])))) {
      return s.substr(i, 4);
    }
  }
  return "";
}

// Authors: the sequence of family-name words. Words are folded letters-only
// tokens; initials (one letter, or up to three capitals as in "KM", "J.-P.")
// and "and", "et al", "&" are dropped.
std::string AuthorKey(const std::string& s) {
  std::vector<std::string> words;
  std::string cur, raw;
  auto flush = [&]() {
    if (!cur.empty()) {
      bool initials = cur.size() == 1;
      if (!initials && raw.size() <= 3) {
        initials = true;
        for (char c : raw) initials = initials && std::isupper(static_cast<unsigned char>(c));
      }
      if (!initials && cur != "and" && cur != "et" && cur != "al" && cur != "jr" && cur != "eds" &&
          cur != "ed") {
        words.push_back(cur);
      }
    }
    cur.clear();
    raw.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalpha(c) || c >= 0x80) {
      raw += static_cast<char>(c);
      std::string one(1, static_cast<char>(c));
      if (c >= 0x80) {
        size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        one = s.substr(i, len);
        raw += s.substr(i + 1, len - 1);
        i += len - 1;
      }
      cur += Fold(one);
    } else if (c == '-' && !cur.empty() && i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
      continue;  // "Martin-Facklam" is one word
    } else {
      flush();
    }
  }
  flush();
  std::string key;
  for (const std::string& w : words) key += w + " ";
  return key;
}

std::string Key(const std::string& field, const std::string& v) {
  if (v.empty()) return "";
  if (field == "authors") return AuthorKey(v);
  if (field == "title" || field == "journal") return TextKey(v);
  if (field == "year") return YearKey(v);
  if (field == "doi") return text::NormalizeDoi(v);
  return FirstToken(v);  // volume, issue, pages (first page)
}

std::string Predicted(const std::string& field, const Reference& r) {
  if (field == "authors") {
    std::string s;
    for (const std::string& a : r.authors) s += a + ", ";
    return s;
  }
  if (field == "title") return r.title;
  if (field == "journal") return r.journal;
  if (field == "year") return r.year ? std::to_string(*r.year) : "";
  if (field == "volume") return r.volume;
  if (field == "issue") return r.issue;
  if (field == "pages") return r.pages;
  return r.doi;
}

std::string Gold(const std::string& field, const GoldRef& g) {
  if (field == "authors") return g.authors;
  if (field == "title") return g.title;
  if (field == "journal") return g.journal;
  if (field == "year") return g.year;
  if (field == "volume") return g.volume;
  if (field == "issue") return g.issue;
  if (field == "pages") return g.pages;
  return g.doi;
}

// Fields a set tags at all (AnyStyle has no issue tag).
bool Tagged(const std::string& set, const std::string& field) {
  return !(set == "anystyle-gold" && field == "issue");
}

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  double P() const { return tp + fp ? double(tp) / double(tp + fp) : 1.0; }
  double R() const { return tp + fn ? double(tp) / double(tp + fn) : 1.0; }
  double F() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0.0; }
};

struct SetStats {
  std::map<std::string, Counts> fields;
  long n = 0, correct = 0;
};

void Score(const GoldRef& g, const Reference& r, SetStats* st, int show_errors) {
  bool all = true;
  for (const std::string& f : kFields) {
    if (!Tagged(g.set, f)) continue;
    std::string gk = Key(f, Gold(f, g)), pk = Key(f, Predicted(f, r));
    bool match = !gk.empty() && gk == pk;
    Counts& c = st->fields[f];
    if (match) ++c.tp;
    if (!pk.empty() && !match) ++c.fp;
    if (!gk.empty() && !match) {
      ++c.fn;
      all = false;
      if (show_errors > 0) {
        fmt::print("ERR {} {} | {}\n    gold=[{}] got=[{}]\n", g.set, f, g.text, Gold(f, g), Predicted(f, r));
      }
    }
  }
  ++st->n;
  if (all) ++st->correct;
}

void PrintTable(const std::string& name, const SetStats& st) {
  Counts micro;
  fmt::print("\n{} (n = {})\n", name, st.n);
  fmt::print("| field | P | R | F1 | gold | predicted |\n|---|---|---|---|---|---|\n");
  for (const std::string& f : kFields) {
    auto it = st.fields.find(f);
    if (it == st.fields.end()) continue;
    const Counts& c = it->second;
    micro.tp += c.tp;
    micro.fp += c.fp;
    micro.fn += c.fn;
    fmt::print("| {} | {:.3f} | {:.3f} | {:.3f} | {} | {} |\n", f, c.P(), c.R(), c.F(), c.tp + c.fn, c.tp + c.fp);
  }
  fmt::print("| micro | {:.3f} | {:.3f} | **{:.3f}** | {} | {} |\n", micro.P(), micro.R(), micro.F(),
             micro.tp + micro.fn, micro.tp + micro.fp);
  fmt::print("instance accuracy (every gold field right): **{:.3f}** ({}/{})\n",
             st.n ? double(st.correct) / double(st.n) : 0.0, st.correct, st.n);
}

int Usage() {
  fmt::print(stderr,
             "usage: eval_citations [--split train|test|dev|all] [--corpus DIR] [--set NAME] [--errors]\n"
             "                      [--tagger MODEL | --rules-only] [--min-micro F]\n"
             "  DIR defaults to <source>/../shared/corpus; the split is by FNV-1a hash of the\n"
             "  plain string (even = train, odd = test). Exit 1 when the micro field F1 of\n"
             "  all sets is under F, 77 when no gold data is found.\n");
  return 2;
}

}  // namespace
}  // namespace ckb::eval

int main(int argc, char** argv) {
  using namespace ckb::eval;
  std::string split = "test", corpus = CKB_SOURCE_DIR "/../shared/corpus", only;
  int errors = 0;
  std::string tagger_path;
  bool rules_only = false;
  double min_micro = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--split" && i + 1 < argc) split = argv[++i];
    else if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
    else if (a == "--set" && i + 1 < argc) only = argv[++i];
    else if (a == "--errors") errors = 1;
    else if (a == "--tagger" && i + 1 < argc) tagger_path = argv[++i];
    else if (a == "--rules-only") rules_only = true;
    else if (a == "--min-micro" && i + 1 < argc) min_micro = std::stod(argv[++i]);
    else return Usage();
  }
  if (split != "train" && split != "test" && split != "all" && split != "dev") return Usage();
  std::vector<std::string> load_errors;
  std::vector<GoldRef> gold = LoadAllGold(corpus, &load_errors);
  for (const std::string& e : load_errors) fmt::print(stderr, "warning: {}\n", e);
  if (gold.empty()) {
    fmt::print(stderr, "no gold data found under {}\n", corpus);
    return 77;
  }
  ckb::citations::RefTagger tagger;
  if (!tagger_path.empty() && !tagger.Load(ReadFileBytes(tagger_path))) {
    fmt::print(stderr, "{}: not a tagger model\n", tagger_path);
    return 1;
  }
  std::map<std::string, SetStats> sets;
  SetStats overall;
  for (const GoldRef& g : gold) {
    bool train = SplitHash(g.text) % 2 == 0;
    if ((split == "train" && !train) || (split == "test" && train)) continue;
    if (split == "dev" && SplitHash(g.text) % 4 != 2) continue;  // the train quarter --dev models leave out
    if (!only.empty() && g.set != only) continue;
    ckb::Reference r;
    if (rules_only) {
      r = ckb::citations::internal::ParseByRules(g.text);
    } else if (!tagger.empty()) {
      r = ckb::citations::TagReference(tagger, g.text);
    } else {
      r = ckb::citations::ParseReferenceString(g.text);
    }
    Score(g, r, &sets[g.set], errors);
    Score(g, r, &overall, 0);
  }
  fmt::print("Reference-string parsing, split = {}\n", split);
  for (const auto& [name, st] : sets) PrintTable(name, st);
  PrintTable("all sets", overall);
  if (min_micro >= 0) {
    Counts micro;
    for (const auto& [f, c] : overall.fields) {
      micro.tp += c.tp;
      micro.fp += c.fp;
      micro.fn += c.fn;
    }
    if (micro.F() < min_micro) {
      fmt::print(stderr, "micro field F1 {:.4f} is below {:.4f}\n", micro.F(), min_micro);
      return 1;
    }
  }
  return 0;
}
