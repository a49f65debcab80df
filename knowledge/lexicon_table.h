// SPDX-License-Identifier: GPL-3.0-or-later
// The compiled lexicon: every entry, its match keys in a marisa trie and the
// forms of each key, laid out in one flat byte image that is used in place
// (the image compiled into the binary, or one built from entries), so a
// process starts matching without parsing or building anything.
#pragma once

#include <marisa.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/entities.h"
#include "kb/status.h"

namespace ckb::knowledge {

// One way of writing a key: the entry it names, and for case-sensitive
// forms the key without case folding, which the text must equal.
struct LexiconForm {
  uint32_t entry = 0;
  uint32_t cased_off = 0;
  uint32_t cased_len = 0;
  uint32_t case_sensitive = 0;  // kForm* bits
};
constexpr uint32_t kFormCaseSensitive = 1;  // must match as written
constexpr uint32_t kFormAmbiguous = 2;      // counts only with context

// Merges entries with equal ids and lays them out as an image. Deterministic:
// equal entries give equal bytes.
std::string BuildLexiconImage(std::vector<LexiconEntry> entries);

// A read-only view of an image; the bytes must outlive it and be 8-byte aligned.
class LexiconTable {
 public:
  Status Open(const void* data, size_t size);

  uint32_t num_entries() const { return n_entries_; }
  std::string_view EntryId(uint32_t i) const;
  std::string_view EntryType(uint32_t i) const;
  std::string_view EntryName(uint32_t i) const;
  // The whole entry, decoded from the image.
  LexiconEntry DecodeEntry(uint32_t i) const;
  // The entry whose id is `id`; false when there is none.
  bool FindId(std::string_view id, uint32_t* index) const;

  const marisa::Trie& keys() const { return trie_; }
  // The forms of key `key_id` of keys(), [*begin, *end).
  const LexiconForm* FormsBegin(size_t key_id) const { return forms_ + key_forms_[key_id]; }
  const LexiconForm* FormsEnd(size_t key_id) const { return forms_ + key_forms_[key_id + 1]; }
  // Per key position, whether the text may have a separator there.
  std::string_view Flex(size_t key_id) const;
  std::string_view Cased(const LexiconForm& f) const { return Str(f.cased_off, f.cased_len); }
  // Entries whose parent is entry i, [*begin, *end).
  const uint32_t* ChildrenBegin(uint32_t i) const { return child_list_ + child_index_[i]; }
  const uint32_t* ChildrenEnd(uint32_t i) const { return child_list_ + child_index_[i + 1]; }

 // The fixed-size record of an entry (lexicon_table.cc).
  struct EntryRec;

 private:
  std::string_view Str(uint32_t off, uint32_t len) const {
    return std::string_view(pool_ + off, len);
  }

  uint32_t n_entries_ = 0;
  const EntryRec* entries_ = nullptr;
  const uint32_t* key_forms_ = nullptr;
  const uint32_t* key_flex_ = nullptr;  // (offset, length) pairs
  const LexiconForm* forms_ = nullptr;
  const uint32_t* id_map_ = nullptr;
  const uint32_t* child_index_ = nullptr;
  const uint32_t* child_list_ = nullptr;
  const char* pool_ = nullptr;
  marisa::Trie trie_;
  marisa::Trie ids_;
};

// The image compiled into the binary: the built-in lexicon and the imported
// vocabularies (schemas/lexicon/*.jsonl.zst).
std::string_view ShippedLexiconImage();
// Every entry of that image, decoded (for tools that add lexicons to it).
std::vector<LexiconEntry> ShippedLexiconEntries();

}  // namespace ckb::knowledge
