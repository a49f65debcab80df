// SPDX-License-Identifier: GPL-3.0-or-later
// Building and reading the flat lexicon image (see lexicon_table.h). Layout,
// all integers little-endian, every table 8-byte aligned:
//   header | entry records | key->forms index | key flex (offset, length) |
//   forms | id map | key trie | id trie | string pool
#include "knowledge/lexicon_table.h"

#include <cstring>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <marisa/iostream.h>

#include "knowledge/lexicon.h"
#include "text/text_norm.h"

namespace ckb::knowledge {

struct LexiconTable::EntryRec {
  uint32_t id_off, id_len, name_off, name_len, type_off, type_len, rec_off, rec_len;
};

namespace {

constexpr char kMagic[8] = {'C', 'K', 'B', 'L', 'E', 'X', '0', '2'};

struct Header {
  char magic[8];
  uint32_t n_entries, n_keys, n_forms, reserved;
  uint64_t entries_off, key_forms_off, key_flex_off, forms_off, id_map_off;
  uint64_t trie_off, trie_size, ids_off, ids_size, pool_off, pool_size;
  uint64_t child_index_off, child_list_off;  // children of entry i: list[index[i], index[i+1])
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Key positions where text may have a separator (bit kSepAllowed): where
// the written form had one, and at letter/digit transitions ("her2" accepts
// "HER 2"); and where it must have one (kSepRequired): before a last word of
// one letter, so "protein S" does not match "proteins".
constexpr char kSepAllowed = 1, kSepRequired = 2;

std::string FlexFlags(const text::NormText& n, const std::string& key) {
  std::string flags(key.size() + 1, '\0');
  size_t k = 0;
  for (char ch : n.text) {
    if (ch == ' ' || ch == '-') {
      if (k < flags.size()) flags[k] = kSepAllowed;
    } else {
      ++k;
    }
  }
  if (key.size() >= 3 && flags[key.size() - 1] && n.text.size() >= 2 && IsAsciiAlpha(n.text.back()) &&
      (n.text[n.text.size() - 2] == ' ' || n.text[n.text.size() - 2] == '-'))
    flags[key.size() - 1] |= kSepRequired;
  for (size_t i = 1; i < key.size(); ++i)
    if ((IsDigit(key[i]) && IsAsciiAlpha(key[i - 1])) || (IsAsciiAlpha(key[i]) && IsDigit(key[i - 1])))
      flags[i] = 1;
  return flags;
}

// Strings stored once each.
class Pool {
 public:
  uint32_t Add(std::string_view s) {
    auto it = at_.find(std::string(s));
    if (it != at_.end()) return it->second;
    auto off = static_cast<uint32_t>(bytes_.size());
    bytes_.append(s);
    at_.emplace(std::string(s), off);
    return off;
  }
  // Bytes that are not shared (an entry's record).
  uint32_t AddRaw(std::string_view s) {
    auto off = static_cast<uint32_t>(bytes_.size());
    bytes_.append(s);
    return off;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::unordered_map<std::string, uint32_t> at_;
};

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }
void PutStr(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}
void PutList(std::string* out, const std::vector<std::string>& v) {
  PutU32(out, static_cast<uint32_t>(v.size()));
  for (const std::string& s : v) PutStr(out, s);
}
void PutPairs(std::string* out, const std::vector<std::pair<std::string, std::string>>& v) {
  PutU32(out, static_cast<uint32_t>(v.size()));
  for (const auto& [a, b] : v) {
    PutStr(out, a);
    PutStr(out, b);
  }
}

// The fields of an entry beyond id, type and name.
std::string EncodeRest(const LexiconEntry& e) {
  std::string out;
  PutList(&out, e.synonyms);
  PutList(&out, e.case_sensitive);
  PutPairs(&out, e.codes);
  PutStr(&out, e.parent);
  PutPairs(&out, e.names_by_lang);
  PutList(&out, e.ambiguous);
  return out;
}

struct Reader {
  std::string_view s;
  size_t pos = 0;
  uint32_t U32() {
    uint32_t v = 0;
    if (pos + 4 <= s.size()) std::memcpy(&v, s.data() + pos, 4);
    pos += 4;
    return v;
  }
  std::string Str() {
    uint32_t n = U32();
    std::string out(s.substr(std::min(pos, s.size()), n));
    pos += n;
    return out;
  }
  void List(std::vector<std::string>* v) {
    for (uint32_t n = U32(); n > 0 && pos < s.size(); --n) v->push_back(Str());
  }
  void Pairs(std::vector<std::pair<std::string, std::string>>* v) {
    for (uint32_t n = U32(); n > 0 && pos < s.size(); --n) {
      std::string a = Str();
      v->emplace_back(std::move(a), Str());
    }
  }
};

struct KeyForms {
  std::vector<LexiconForm> forms;
  std::string flex;
};

// Every match key of the entries with its forms, keyed by key.
std::map<std::string, KeyForms> CollectKeys(const std::vector<LexiconEntry>& entries, Pool* pool) {
  std::map<std::string, KeyForms> keys;
  for (uint32_t i = 0; i < entries.size(); ++i) {
    const LexiconEntry& e = entries[i];
    std::unordered_set<std::string> cs(e.case_sensitive.begin(), e.case_sensitive.end());
    auto add = [&](const std::string& form, uint32_t flags) {
      bool case_sensitive = (flags & kFormCaseSensitive) != 0;
      text::NormText n = text::Normalize(form);  // once, for the key and its flags
      std::string key = text::MatchKeyOf(n);
      if (key.empty()) return;
      KeyForms& kf = keys[key];
      std::string flex = FlexFlags(n, key);
      if (kf.flex.empty()) kf.flex = flex;
      // Separators allowed by any form, required only by every form.
      for (size_t j = 0; j < flex.size(); ++j)
        kf.flex[j] = static_cast<char>(((kf.flex[j] | flex[j]) & kSepAllowed) | (kf.flex[j] & flex[j] & kSepRequired));
      LexiconForm f;
      f.entry = i;
      f.case_sensitive = flags;
      if (case_sensitive) {
        std::string cased = text::MatchKey(form, false);
        f.cased_off = pool->Add(cased);
        f.cased_len = static_cast<uint32_t>(cased.size());
      }
      kf.forms.push_back(f);
    };
    // Gene symbols are matched only through their case-sensitive forms.
    std::unordered_set<std::string> amb(e.ambiguous.begin(), e.ambiguous.end());
    if (!cs.count(e.name) && !amb.count(e.name) && e.type != "trial" && e.type != "gene") add(e.name, 0);
    if (e.type == "trial" && !cs.count(e.name)) add(e.name, e.name.size() <= 8 ? kFormCaseSensitive : 0);
    for (const std::string& s : e.synonyms)
      if (!cs.count(s) && !amb.count(s)) add(s, 0);
    for (const auto& nl : e.names_by_lang) add(nl.second, 0);
    for (const std::string& s : e.case_sensitive)
      if (!amb.count(s)) add(s, kFormCaseSensitive);
    for (const std::string& s : e.ambiguous) add(s, kFormCaseSensitive | kFormAmbiguous);
  }
  return keys;
}

template <typename T>
void Append(std::string* img, const std::vector<T>& v, uint64_t* off) {
  while (img->size() % 8) img->push_back('\0');
  *off = img->size();
  if (!v.empty()) img->append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

void AppendTrie(std::string* img, const marisa::Trie& t, uint64_t* off, uint64_t* size) {
  std::ostringstream os;
  os << t;
  while (img->size() % 8) img->push_back('\0');
  *off = img->size();
  *size = os.str().size();
  img->append(os.str());
}

}  // namespace

std::string BuildLexiconImage(std::vector<LexiconEntry> entries) {
  MergeLexiconEntries(&entries);
  Pool pool;
  std::vector<LexiconTable::EntryRec> recs;
  recs.reserve(entries.size());
  for (const LexiconEntry& e : entries) {
    std::string rest = EncodeRest(e);
    recs.push_back({pool.Add(e.id), static_cast<uint32_t>(e.id.size()), pool.Add(e.name),
                    static_cast<uint32_t>(e.name.size()), pool.Add(e.type),
                    static_cast<uint32_t>(e.type.size()), pool.AddRaw(rest),
                    static_cast<uint32_t>(rest.size())});
  }
  std::map<std::string, KeyForms> keys = CollectKeys(entries, &pool);
  marisa::Keyset ks;
  for (const auto& kv : keys) ks.push_back(kv.first.data(), kv.first.size());
  marisa::Trie trie;
  // One level of tries: 0.64x the build time, and extraction no slower.
  trie.build(ks, MARISA_MIN_NUM_TRIES);
  std::vector<uint32_t> key_forms(trie.num_keys() + 1, 0), key_flex(trie.num_keys() * 2, 0);
  std::vector<const KeyForms*> by_key(trie.num_keys(), nullptr);
  marisa::Agent agent;
  for (const auto& kv : keys) {
    agent.set_query(kv.first.data(), kv.first.size());
    if (trie.lookup(agent)) by_key[agent.key().id()] = &kv.second;
  }
  std::vector<LexiconForm> forms;
  for (size_t k = 0; k < by_key.size(); ++k) {
    key_forms[k] = static_cast<uint32_t>(forms.size());
    if (by_key[k] == nullptr) continue;
    forms.insert(forms.end(), by_key[k]->forms.begin(), by_key[k]->forms.end());
    key_flex[2 * k] = pool.Add(by_key[k]->flex);
    key_flex[2 * k + 1] = static_cast<uint32_t>(by_key[k]->flex.size());
  }
  key_forms[by_key.size()] = static_cast<uint32_t>(forms.size());
  marisa::Keyset id_keys;
  for (const LexiconEntry& e : entries) id_keys.push_back(e.id.data(), e.id.size());
  marisa::Trie ids;
  ids.build(id_keys, MARISA_MIN_NUM_TRIES);
  std::vector<uint32_t> id_map(ids.num_keys(), 0);
  for (uint32_t i = 0; i < entries.size(); ++i) {
    agent.set_query(entries[i].id.data(), entries[i].id.size());
    if (ids.lookup(agent)) id_map[agent.key().id()] = i;
  }
  std::vector<std::vector<uint32_t>> kids(entries.size());
  for (uint32_t i = 0; i < entries.size(); ++i) {
    if (entries[i].parent.empty()) continue;
    agent.set_query(entries[i].parent.data(), entries[i].parent.size());
    if (ids.lookup(agent) && id_map[agent.key().id()] != i) kids[id_map[agent.key().id()]].push_back(i);
  }
  std::vector<uint32_t> child_index(entries.size() + 1, 0), child_list;
  for (uint32_t i = 0; i < entries.size(); ++i) {
    child_index[i] = static_cast<uint32_t>(child_list.size());
    child_list.insert(child_list.end(), kids[i].begin(), kids[i].end());
  }
  child_index[entries.size()] = static_cast<uint32_t>(child_list.size());
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.n_entries = static_cast<uint32_t>(entries.size());
  h.n_keys = static_cast<uint32_t>(trie.num_keys());
  h.n_forms = static_cast<uint32_t>(forms.size());
  std::string img(sizeof(Header), '\0');
  Append(&img, recs, &h.entries_off);
  Append(&img, key_forms, &h.key_forms_off);
  Append(&img, key_flex, &h.key_flex_off);
  Append(&img, forms, &h.forms_off);
  Append(&img, id_map, &h.id_map_off);
  Append(&img, child_index, &h.child_index_off);
  Append(&img, child_list, &h.child_list_off);
  AppendTrie(&img, trie, &h.trie_off, &h.trie_size);
  AppendTrie(&img, ids, &h.ids_off, &h.ids_size);
  while (img.size() % 8) img.push_back('\0');
  h.pool_off = img.size();
  h.pool_size = pool.bytes().size();
  img.append(pool.bytes());
  std::memcpy(img.data(), &h, sizeof h);
  return img;
}

Status LexiconTable::Open(const void* data, size_t size) {
  Header h;
  if (size < sizeof h) return Status::ParseError("lexicon image too short");
  std::memcpy(&h, data, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
    return Status::ParseError("not a lexicon image (or one of another version)");
  if (h.pool_off + h.pool_size > size || h.trie_off + h.trie_size > size || h.ids_off + h.ids_size > size)
    return Status::ParseError("lexicon image truncated");
  const char* base = static_cast<const char*>(data);
  n_entries_ = h.n_entries;
  entries_ = reinterpret_cast<const EntryRec*>(base + h.entries_off);
  key_forms_ = reinterpret_cast<const uint32_t*>(base + h.key_forms_off);
  key_flex_ = reinterpret_cast<const uint32_t*>(base + h.key_flex_off);
  forms_ = reinterpret_cast<const LexiconForm*>(base + h.forms_off);
  id_map_ = reinterpret_cast<const uint32_t*>(base + h.id_map_off);
  child_index_ = reinterpret_cast<const uint32_t*>(base + h.child_index_off);
  child_list_ = reinterpret_cast<const uint32_t*>(base + h.child_list_off);
  pool_ = base + h.pool_off;
  trie_.map(base + h.trie_off, h.trie_size);
  ids_.map(base + h.ids_off, h.ids_size);
  return Status::Ok();
}

std::string_view LexiconTable::EntryId(uint32_t i) const { return Str(entries_[i].id_off, entries_[i].id_len); }
std::string_view LexiconTable::EntryType(uint32_t i) const {
  return Str(entries_[i].type_off, entries_[i].type_len);
}
std::string_view LexiconTable::EntryName(uint32_t i) const {
  return Str(entries_[i].name_off, entries_[i].name_len);
}

std::string_view LexiconTable::Flex(size_t key_id) const {
  return Str(key_flex_[2 * key_id], key_flex_[2 * key_id + 1]);
}

LexiconEntry LexiconTable::DecodeEntry(uint32_t i) const {
  LexiconEntry e;
  e.id = std::string(EntryId(i));
  e.type = std::string(EntryType(i));
  e.name = std::string(EntryName(i));
  Reader r{Str(entries_[i].rec_off, entries_[i].rec_len)};
  r.List(&e.synonyms);
  r.List(&e.case_sensitive);
  r.Pairs(&e.codes);
  e.parent = r.Str();
  r.Pairs(&e.names_by_lang);
  r.List(&e.ambiguous);
  return e;
}

bool LexiconTable::FindId(std::string_view id, uint32_t* index) const {
  if (id.empty()) return false;
  marisa::Agent agent;
  agent.set_query(id.data(), id.size());
  if (!ids_.lookup(agent)) return false;
  *index = id_map_[agent.key().id()];
  return true;
}

}  // namespace ckb::knowledge
