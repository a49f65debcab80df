// SPDX-License-Identifier: GPL-3.0-or-later
// Lexicon-driven entity extraction: a marisa trie over normalised, separator-
// free keys, probed at every token start for the longest valid match.
#include "knowledge/entities.h"

#include <marisa.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "knowledge/abbreviations.h"
#include "text/identifiers.h"
#include "knowledge/internal/entity_rules.h"
#include "knowledge/lexicon.h"
#include "knowledge/lexicon_table.h"
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

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class LexiconExtractor : public EntityExtractor {
 public:
  // Over an image that outlives the extractor (the one compiled in).
  explicit LexiconExtractor(std::string_view image) { Open(image); }
  // Over an image built from entries, owned by the extractor.
  explicit LexiconExtractor(std::string image) : owned_(std::move(image)) { Open(owned_); }
  ~LexiconExtractor() override {
    for (uint32_t i = 0; i < table_.num_entries(); ++i) delete decoded_[i].load();
  }

  std::vector<Mention> Extract(std::string_view text, std::string_view field) const override {
    text::NormText norm = text::Normalize(text);
    TextView tv(text, norm, field);
    std::vector<Hit> hits = MatchLexicon(tv);
    internal::ApplyContext(tv, &hits);
    internal::DropBodiesNamedLikeDesigns(tv, &hits);
    internal::AddDiseaseNameHits(tv, &hits);
    internal::ExtendDiseaseTypes(tv, &hits);
    internal::ExtendGenericHeads(tv, &hits);
    internal::ExpandCoordinations(
        tv, [this](std::string_view phrase) { return FindDisease(phrase); }, &hits);
    internal::ApplyBiomarkerStates(tv, &hits);
    internal::AddSignatureHits(tv, &hits);
    internal::ApplyAlterations(tv, &hits);
    internal::ApplyThresholds(tv, &hits);
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
    // Untyped, a curated biomarker stands for the gene of the same name
    // ("HER2" is biomarker:HER2, not also gene:ERBB2).
    if (type.empty() && std::any_of(out.begin(), out.end(), [](const std::string& id) {
          return id.rfind("biomarker:", 0) == 0;
        }))
      out.erase(std::remove_if(out.begin(), out.end(),
                               [](const std::string& id) { return id.rfind("gene:", 0) == 0; }),
                out.end());
    if (!out.empty()) return out;
    std::string key = text::MatchKey(term);
    marisa::Agent agent;
    agent.set_query(key.data(), key.size());
    if (!key.empty() && table_.keys().lookup(agent)) {
      size_t k = agent.key().id();
      for (const LexiconForm* f = table_.FormsBegin(k); f != table_.FormsEnd(k); ++f)
        if (type.empty() || table_.EntryType(f->entry) == type) add(std::string(table_.EntryId(f->entry)));
    }
    return out;
  }

  const LexiconEntry* Find(std::string_view id) const override {
    uint32_t i = 0;
    return table_.FindId(id, &i) ? Entry(i) : nullptr;
  }

  std::vector<std::string> Descendants(std::string_view id, size_t max) const override {
    std::vector<std::string> out;
    uint32_t root = 0;
    if (!table_.FindId(id, &root)) return out;
    std::vector<uint32_t> queue{root};
    std::unordered_set<uint32_t> seen{root};
    for (size_t q = 0; q < queue.size() && out.size() < max; ++q)
      for (const uint32_t* c = table_.ChildrenBegin(queue[q]); c != table_.ChildrenEnd(queue[q]); ++c)
        if (seen.insert(*c).second && out.size() < max) {
          queue.push_back(*c);
          out.emplace_back(table_.EntryId(*c));
        }
    return out;
  }

  size_t size() const override { return table_.num_entries(); }

 private:
  void Open(std::string_view image) {
    Status s = table_.Open(image.data(), image.size());
    if (!s.ok()) std::fprintf(stderr, "ckb: lexicon not usable: %s\n", s.message().c_str());
    decoded_ = std::make_unique<std::atomic<const LexiconEntry*>[]>(table_.num_entries());
  }

  // Entry i, decoded on first use; safe from several threads.
  const LexiconEntry* Entry(uint32_t i) const {
    const LexiconEntry* e = decoded_[i].load(std::memory_order_acquire);
    if (e != nullptr) return e;
    auto* fresh = new LexiconEntry(table_.DecodeEntry(i));
    if (decoded_[i].compare_exchange_strong(e, fresh, std::memory_order_acq_rel)) return fresh;
    delete fresh;  // another thread decoded it first
    return e;
  }

  // Whether the text span [b, b+len) of `c` satisfies the separator rule
  // of a key with flags `flex` (bit 1: a separator may be there; bit 2: one
  // must be, lexicon_table.cc).
  static bool SeparatorsOk(const Compact& c, size_t b, size_t len, std::string_view flex) {
    for (size_t k = 1; k < len; ++k)
      if (k < flex.size() ? (c.sep_before[b + k] ? !(flex[k] & 1) : (flex[k] & 2)) : c.sep_before[b + k])
        return false;
    return true;
  }

  void Emit(const TextView& tv, const Compact& c, size_t b, size_t end, size_t key_len,
            const std::vector<const LexiconForm*>& forms, std::vector<Hit>* hits) const {
    std::unordered_set<uint32_t> emitted;
    for (const LexiconForm* f : forms) {
      if (!emitted.insert(f->entry).second) continue;
      Hit h = tv.MakeHit(c.nbyte[b], c.nbyte[end - 1] + 1, std::string(table_.EntryType(f->entry)),
                         std::string(table_.EntryId(f->entry)), std::string(table_.EntryName(f->entry)));
      h.short_form = f->case_sensitive && key_len <= 2;
      h.ambiguous = (f->case_sensitive & kFormAmbiguous) != 0;
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
      std::vector<const LexiconForm*> best, bio;
      while (table_.keys().common_prefix_search(agent)) {
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
        size_t key_id = agent.key().id();
        if (!SeparatorsOk(c, b, len, table_.Flex(key_id))) continue;
        std::vector<const LexiconForm*> ok;
        std::string cased;
        for (const LexiconForm* fp = table_.FormsBegin(key_id); fp != table_.FormsEnd(key_id); ++fp) {
          const LexiconForm& f = *fp;
          if (f.case_sensitive) {
            if (plural) continue;
            if (cased.empty()) {
              auto span = tv.norm->Span(c.nbyte[b], c.nbyte[end - 1] + 1);
              size_t last = tv.cp_bytes.size() - 1;
              size_t bb = tv.cp_bytes[std::min<size_t>(span.first, last)];
              size_t be = tv.cp_bytes[std::min<size_t>(span.second, last)];
              cased = text::MatchKey(tv.text.substr(bb, be - bb), false);
            }
            if (cased != table_.Cased(f)) continue;
          }
          ok.push_back(&f);
        }
        if (ok.empty()) continue;
        // The longest biomarker at this start is kept even inside a longer
        // match, so "HER2-positive breast cancer" still yields HER2's state.
        for (const LexiconForm* f : ok)
          if (table_.EntryType(f->entry) == "biomarker") {
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
      if (table_.keys().lookup(agent)) {
        size_t id = agent.key().id();
        for (const LexiconForm* f = table_.FormsBegin(id); f != table_.FormsEnd(id); ++f)
          if (!f->case_sensitive && table_.EntryType(f->entry) == "disease") return Entry(f->entry);
      }
      if (key.back() != 's') break;
      key.pop_back();
    }
    return nullptr;
  }

  std::string owned_;
  LexiconTable table_;
  std::unique_ptr<std::atomic<const LexiconEntry*>[]> decoded_;
};

// The compiled-in image, or with $CKB_LEXICONS set (lexicons being tuned)
// one built from its entries and the JSONL files the variable lists.
std::unique_ptr<LexiconExtractor> MakeDefault() {
  const char* env = std::getenv("CKB_LEXICONS");
  if (env == nullptr || *env == '\0') return std::make_unique<LexiconExtractor>(ShippedLexiconImage());
  std::vector<LexiconEntry> more;
  Status loaded = LoadLexiconList(env, &more);
  if (!loaded.ok()) {
    // Default() cannot return a Status: report once and keep the shipped lexicons.
    std::fprintf(stderr, "ckb: CKB_LEXICONS ignored: %s\n", loaded.message().c_str());
    return std::make_unique<LexiconExtractor>(ShippedLexiconImage());
  }
  std::vector<LexiconEntry> entries = ShippedLexiconEntries();
  entries.insert(entries.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  return std::make_unique<LexiconExtractor>(BuildLexiconImage(std::move(entries)));
}

}  // namespace

std::string StateId(const Mention& m) {
  if (m.type != "biomarker") return m.id;
  for (const char* key : {"alteration", "state", "threshold"}) {
    auto it = m.attrs.find(key);
    if (it != m.attrs.end() && !it->second.empty()) return m.id + "/" + it->second;
  }
  return m.id;
}

const EntityExtractor& EntityExtractor::Default() {
  static const std::unique_ptr<LexiconExtractor> made = MakeDefault();
  const LexiconExtractor& e = *made;
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
  return std::make_unique<LexiconExtractor>(BuildLexiconImage(std::move(entries)));
}

}  // namespace ckb::knowledge
