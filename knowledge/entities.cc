// SPDX-License-Identifier: GPL-3.0-or-later
// Lexicon-driven entity extraction: a marisa trie over normalised, separator-
// free keys, probed at every token start for the longest valid match.
#include "knowledge/entities.h"

#include <marisa.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "knowledge/abbreviations.h"
#include "text/identifiers.h"
#include "knowledge/internal/entity_rules.h"
#include "knowledge/lexicon.h"
#include "text/text_norm.h"

namespace ckb::knowledge {
namespace {

using internal::Hit;
using internal::TextView;

// The compact (separator-free) view of normalised text.
struct Compact {
  std::string s;
  std::vector<size_t> nbyte;       // compact byte -> normalised byte
  std::vector<uint8_t> sep_before;  // a space or hyphen was dropped before this byte
  std::vector<uint8_t> boundary;    // a token may start here (size s.size()+1)
};

char32_t CpAt(const std::string& s, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = 1;
  *len = n;
  return text::DecodeUtf8(std::string_view(s).substr(i, n)).front();
}

Compact MakeCompact(const std::string& norm) {
  Compact c;
  c.s.reserve(norm.size());
  bool sep = false;
  text::CharClass prev = text::CharClass::kSpace;
  for (size_t i = 0; i < norm.size();) {
    size_t len = 1;
    char32_t cp = CpAt(norm, i, &len);
    text::CharClass k = text::ClassOf(cp);
    if (k == text::CharClass::kSpace || k == text::CharClass::kHyphen) {
      sep = true;
      i += len;
      continue;
    }
    bool b = c.s.empty() || sep || k != prev || k == text::CharClass::kPunct || k == text::CharClass::kCjk;
    for (size_t j = 0; j < len; ++j) {
      c.s.push_back(norm[i + j]);
      c.nbyte.push_back(i + j);
      c.sep_before.push_back(j == 0 && sep);
      c.boundary.push_back(j == 0 && b);
    }
    sep = false;
    prev = k;
    i += len;
  }
  c.boundary.push_back(1);
  return c;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Key positions where text may have a separator: where the written form had
// one, and at letter/digit transitions ("her2" accepts "HER 2").
// FlexFlags of a form whose Normalize() is `n` (MatchKey's own normalisation).
std::string FlexFlags(const text::NormText& n, const std::string& key) {
  std::string flags(key.size() + 1, '\0');
  size_t k = 0;
  for (char ch : n.text) {
    if (ch == ' ' || ch == '-') {
      if (k < flags.size()) flags[k] = 1;
    } else {
      ++k;
    }
  }
  for (size_t i = 1; i < key.size(); ++i)
    if ((IsDigit(key[i]) && IsAsciiAlpha(key[i - 1])) || (IsAsciiAlpha(key[i]) && IsDigit(key[i - 1])))
      flags[i] = 1;
  return flags;
}

struct Form {
  uint32_t entry;
  bool case_sensitive;
  std::string cased;  // MatchKey without case folding (case-sensitive forms)
};

struct KeyInfo {
  std::vector<Form> forms;
  std::string flex;
};

class LexiconExtractor : public EntityExtractor {
 public:
  explicit LexiconExtractor(std::vector<LexiconEntry> entries) : entries_(std::move(entries)) {
    MergeLexiconEntries(&entries_);
    std::unordered_map<std::string, KeyInfo> keys;
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      const LexiconEntry& e = entries_[i];
      by_id_.emplace(e.id, i);
      std::unordered_set<std::string> cs(e.case_sensitive.begin(), e.case_sensitive.end());
      auto add = [&](const std::string& form, bool case_sensitive) {
        text::NormText n = text::Normalize(form);  // once, for the key and its flags
        std::string key = text::MatchKeyOf(n);
        if (key.empty()) return;
        KeyInfo& ki = keys[key];
        std::string flex = FlexFlags(n, key);
        if (ki.flex.empty()) ki.flex = flex;
        for (size_t j = 0; j < flex.size(); ++j) ki.flex[j] |= flex[j];
        ki.forms.push_back(Form{i, case_sensitive, case_sensitive ? text::MatchKey(form, false) : ""});
      };
      // Gene symbols are matched only through their case-sensitive forms.
      if (!cs.count(e.name) && e.type != "trial" && e.type != "gene") add(e.name, false);
      if (e.type == "trial" && !cs.count(e.name)) add(e.name, e.name.size() <= 8);
      for (const std::string& s : e.synonyms)
        if (!cs.count(s)) add(s, false);
      for (const auto& nl : e.names_by_lang) add(nl.second, false);
      for (const std::string& s : e.case_sensitive) add(s, true);
    }
    marisa::Keyset ks;
    for (const auto& kv : keys) ks.push_back(kv.first.data(), kv.first.size());
    // One level of tries: 0.64x the build time, and extraction no slower.
    trie_.build(ks, MARISA_MIN_NUM_TRIES);
    info_.resize(trie_.num_keys());
    marisa::Agent agent;
    for (auto& kv : keys) {
      agent.set_query(kv.first.data(), kv.first.size());
      if (trie_.lookup(agent)) info_[agent.key().id()] = std::move(kv.second);
    }
  }

  std::vector<Mention> Extract(std::string_view text, std::string_view field) const override {
    text::NormText norm = text::Normalize(text);
    TextView tv(text, norm, field);
    std::vector<Hit> hits = MatchLexicon(tv);
    internal::AddDiseaseNameHits(tv, &hits);
    internal::ExtendDiseaseTypes(tv, &hits);
    internal::ExtendGenericHeads(tv, &hits);
    internal::ExpandCoordinations(
        tv, [this](std::string_view phrase) { return FindDisease(phrase); }, &hits);
    internal::ApplyBiomarkerStates(tv, &hits);
    internal::AddPatternHits(
        tv, [this](std::string_view id) { return Find(id); }, &hits);
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      return a.m.start != b.m.start ? a.m.start < b.m.start : a.m.end > b.m.end;
    });
    std::vector<Mention> out;
    std::unordered_set<std::string> seen;
    for (Hit& h : hits) {
      std::string sig = std::to_string(h.m.start) + "|" + std::to_string(h.m.end) + "|" +
                        StateId(h.m) + "|" +
                        (h.m.attrs.count("ihc") ? h.m.attrs.at("ihc") : "");
      if (!seen.insert(sig).second) continue;
      out.push_back(std::move(h.m));
    }
    if (DefinesAbbreviation(tv, out)) {
      std::u32string cps;
      if (tv.cp_bytes.size() == text.size() + 1) {
        cps.assign(text.begin(), text.end());  // ASCII: one code point a byte
      } else {
        std::vector<char32_t> v = text::DecodeUtf8(text);
        cps.assign(v.begin(), v.end());
      }
      PropagateAbbreviations(cps, {"drug", "drug_class", "chemical", "disease"}, &out);
    }
    return out;
  }

  std::vector<std::string> Resolve(std::string_view term, std::string_view type) const override {
    std::vector<std::string> out;
    auto add = [&](const std::string& id) {
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    };
    if (const LexiconEntry* e = Find(term)) {
      if (type.empty() || e->type == type) add(e->id);
      return out;
    }
    for (const std::string& nct : text::FindNctIds(term))
      if (type.empty() || type == "trial") add("trial:" + nct);
    if (!out.empty()) return out;
    // A stated biomarker phrase ("HER2-low") resolves to its state id when
    // the whole term is one mention.
    // A bare phase ("1b", "Ⅲ", "II/III") is read as "phase <term>".
    std::string phrase = type == "phase" && text::MatchKey(term).rfind("phase", 0) != 0
                             ? "phase " + std::string(term)
                             : std::string(term);
    std::vector<Mention> ms = Extract(phrase, "");
    uint32_t len = static_cast<uint32_t>(text::DecodeUtf8(phrase).size());
    for (const Mention& m : ms)
      if (m.start == 0 && m.end == len && (type.empty() || m.type == type)) add(StateId(m));
    if (!out.empty()) return out;
    std::string key = text::MatchKey(term);
    marisa::Agent agent;
    agent.set_query(key.data(), key.size());
    if (!key.empty() && trie_.lookup(agent)) {
      for (const Form& f : info_[agent.key().id()].forms) {
        const LexiconEntry& e = entries_[f.entry];
        if (type.empty() || e.type == type) add(e.id);
      }
    }
    return out;
  }

  const LexiconEntry* Find(std::string_view id) const override {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &entries_[it->second];
  }

  size_t size() const override { return entries_.size(); }

 private:
  // Whether the text span [b, b+len) of `c` satisfies key `ki`'s separator
  // rule; returns the forms that accept it.
  bool SeparatorsOk(const Compact& c, size_t b, size_t len, const KeyInfo& ki) const {
    for (size_t k = 1; k < len; ++k)
      if (c.sep_before[b + k] && !ki.flex[k]) return false;
    return true;
  }

  void Emit(const TextView& tv, const Compact& c, size_t b, size_t end, size_t key_len,
            const std::vector<const Form*>& forms, std::vector<Hit>* hits) const {
    std::unordered_set<uint32_t> emitted;
    for (const Form* f : forms) {
      if (!emitted.insert(f->entry).second) continue;
      const LexiconEntry& e = entries_[f->entry];
      Hit h = tv.MakeHit(c.nbyte[b], c.nbyte[end - 1] + 1, e.type, e.id, e.name);
      h.short_form = f->case_sensitive && key_len <= 2;
      hits->push_back(std::move(h));
    }
  }

  std::vector<Hit> MatchLexicon(const TextView& tv) const {
    std::vector<Hit> hits;
    Compact c = MakeCompact(tv.norm->text);
    marisa::Agent agent;
    for (size_t b = 0; b < c.s.size();) {
      if (!c.boundary[b]) {
        ++b;
        continue;
      }
      agent.set_query(c.s.data() + b, c.s.size() - b);
      size_t best_len = 0, best_end = 0, bio_len = 0, bio_end = 0;
      std::vector<const Form*> best, bio;
      while (trie_.common_prefix_search(agent)) {
        size_t len = agent.key().length();
        size_t end = b + len;
        bool plural = false;
        if (!c.boundary[end]) {
          // A plural "s" after an alphabetic key of four or more letters.
          if (len >= 4 && c.s[end] == 's' && IsAsciiAlpha(c.s[end - 1]) && c.boundary[end + 1] &&
              !c.sep_before[end])
            plural = true;
          else
            continue;
        }
        const KeyInfo& ki = info_[agent.key().id()];
        if (!SeparatorsOk(c, b, len, ki)) continue;
        std::vector<const Form*> ok;
        std::string cased;
        for (const Form& f : ki.forms) {
          if (f.case_sensitive) {
            if (plural) continue;
            if (cased.empty()) {
              auto span = tv.norm->Span(c.nbyte[b], c.nbyte[end - 1] + 1);
              size_t last = tv.cp_bytes.size() - 1;
              size_t bb = tv.cp_bytes[std::min<size_t>(span.first, last)];
              size_t be = tv.cp_bytes[std::min<size_t>(span.second, last)];
              cased = text::MatchKey(tv.text.substr(bb, be - bb), false);
            }
            if (cased != f.cased) continue;
          }
          ok.push_back(&f);
        }
        if (ok.empty()) continue;
        // The longest biomarker at this start is kept even inside a longer
        // match, so "HER2-positive breast cancer" still yields HER2's state.
        for (const Form* f : ok)
          if (entries_[f->entry].type == "biomarker") {
            bio = {f};
            bio_len = len;
            bio_end = plural ? end + 1 : end;
            break;
          }
        if (len < best_len) continue;
        best_len = len;
        best_end = plural ? end + 1 : end;
        best = std::move(ok);
      }
      if (best.empty()) {
        ++b;
        continue;
      }
      if (!bio.empty() && bio_len < best_len) Emit(tv, c, b, bio_end, bio_len, bio, &hits);
      Emit(tv, c, b, best_end, best_len, best, &hits);
      b = best_end;
    }
    return hits;
  }

  // Whether a mention is followed by "(", as an abbreviation definition is.
  static bool DefinesAbbreviation(const internal::TextView& tv, const std::vector<Mention>& ms) {
    for (const Mention& m : ms) {
      if (m.end + 1 >= tv.cp_bytes.size()) continue;
      size_t byte = tv.cp_bytes[m.end];
      while (byte < tv.text.size() && tv.text[byte] == ' ') ++byte;
      if (byte < tv.text.size() && tv.text[byte] == '(') return true;
    }
    return false;
  }

  // The disease entry whose form is `phrase` exactly (or without a plural "s").
  const LexiconEntry* FindDisease(std::string_view phrase) const {
    std::string key = text::MatchKey(phrase);
    marisa::Agent agent;
    for (int k = 0; k < 2 && key.size() > 1; ++k) {
      agent.set_query(key.data(), key.size());
      if (trie_.lookup(agent))
        for (const Form& f : info_[agent.key().id()].forms)
          if (!f.case_sensitive && entries_[f.entry].type == "disease") return &entries_[f.entry];
      if (key.back() != 's') break;
      key.pop_back();
    }
    return nullptr;
  }

  std::vector<LexiconEntry> entries_;
  std::unordered_map<std::string, uint32_t> by_id_;
  marisa::Trie trie_;
  std::vector<KeyInfo> info_;
};

std::vector<LexiconEntry> DefaultEntries() {
  std::vector<LexiconEntry> entries = BuiltinLexiconEntries();
  if (const char* env = std::getenv("CKB_LEXICONS")) {
    std::vector<LexiconEntry> more;
    Status loaded = LoadLexiconList(env, &more);
    if (loaded.ok()) {
      entries.insert(entries.end(), std::make_move_iterator(more.begin()),
                     std::make_move_iterator(more.end()));
    } else {
      // Default() cannot return a Status: report once and keep the built-in lexicon.
      std::fprintf(stderr, "ckb: CKB_LEXICONS ignored: %s\n", loaded.message().c_str());
    }
  }
  return entries;
}

}  // namespace

std::string StateId(const Mention& m) {
  auto it = m.attrs.find("state");
  if (m.type == "biomarker" && it != m.attrs.end() && !it->second.empty())
    return m.id + "/" + it->second;
  return m.id;
}

const EntityExtractor& EntityExtractor::Default() {
  static const LexiconExtractor e(DefaultEntries());
  // An empty extraction sets up the word lists every extraction uses on
  // whichever thread builds the extractor, which for `ckb search` is not
  // the one that waits for it. The regular expressions of the patterns
  // (RE2, 2 million instructions to compile) are left to the first text
  // that holds their literal (entity_patterns.cc): most queries never need
  // them.
  static const bool warm = e.Extract("", "").empty();
  (void)warm;
  return e;
}

std::unique_ptr<EntityExtractor> EntityExtractor::FromEntries(std::vector<LexiconEntry> entries) {
  return std::make_unique<LexiconExtractor>(std::move(entries));
}

}  // namespace ckb::knowledge
