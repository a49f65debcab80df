// SPDX-License-Identifier: GPL-3.0-or-later
// The English stemmer with a memo of recent words, one per thread: index
// building and snippets stem the same vocabulary over and over, and Snowball
// stemming is a good part of both.
#include <bitset>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "kb/internal/rep.h"

namespace ckb::kb {
namespace {

class MemoStemmer : public Xapian::StemImplementation {
 public:
  MemoStemmer() : slots_(static_cast<Slot*>(std::calloc(kSlots, sizeof(Slot)))) {}
  ~MemoStemmer() override { std::free(slots_); }
  MemoStemmer(const MemoStemmer&) = delete;
  MemoStemmer& operator=(const MemoStemmer&) = delete;

  std::string operator()(const std::string& word) override {
    // A direct-mapped memo of one cache line per word: one probe, no
    // allocation. A node-based hash map cost a cache miss or two per word,
    // a fifth of term generation. Zeroed pages are empty slots, so a
    // process that stems a few words touches a few pages.
    if (slots_ == nullptr || word.size() > Slot::kMax) return english_(word);
    uint32_t h = static_cast<uint32_t>(std::hash<std::string>()(word));
    Slot& slot = slots_[h & (kSlots - 1)];
    if (slot.hash == h && slot.word_len == word.size() &&
        std::memcmp(slot.word, word.data(), word.size()) == 0 && (slot.hash | slot.word_len) != 0) {
      return std::string(slot.stem, slot.stem_len);
    }
    std::string stem = english_(word);
    if (stem.size() <= Slot::kMax) {
      slot.hash = h;
      slot.word_len = static_cast<uint8_t>(word.size());
      slot.stem_len = static_cast<uint8_t>(stem.size());
      std::memcpy(slot.word, word.data(), word.size());
      std::memcpy(slot.stem, stem.data(), stem.size());
    }
    return stem;
  }
  std::string get_description() const override { return "memo(english)"; }

 private:
  struct Slot {
    static constexpr size_t kMax = 29;
    uint32_t hash;
    uint8_t word_len, stem_len;
    char word[kMax], stem[kMax];
  };
  static_assert(sizeof(Slot) == 64, "one cache line per slot");
  static constexpr size_t kSlots = size_t{1} << 15;  // 2 MiB per thread
  Xapian::Stem english_{"english"};
  Slot* slots_;
};

// The first two bytes of a word (zero-padded) as a number below 2^16.
size_t HeadOf(std::string_view w) {
  size_t a = w.empty() ? 0 : static_cast<unsigned char>(w[0]);
  size_t b = w.size() < 2 ? 0 : static_cast<unsigned char>(w[1]);
  return a << 8 | b;
}

class SnippetStemmerImpl : public Xapian::StemImplementation {
 public:
  explicit SnippetStemmerImpl(const Xapian::Query& q) {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.size() < 2 || term[0] != 'Z') continue;
      std::string stem = term.substr(1);
      heads_.set(HeadOf(stem));
      // "aed" and "a's" stem to "a".
      if (stem.size() == 1) {
        for (size_t b = 0; b < 256; ++b) heads_.set(HeadOf(stem) | b);
      }
      // "dying", "lying" and "tying" stem to "die", "lie" and "tie".
      if (stem.size() > 1 && stem[1] == 'i') {
        stem[1] = 'y';
        heads_.set(HeadOf(stem));
      }
    }
  }
  std::string operator()(const std::string& word) override {
    // "Z" + "" is no query term, so an empty stem matches nothing.
    if (!heads_.test(HeadOf(word))) return std::string();
    return ThreadStemmer()(word);
  }
  std::string get_description() const override { return "snippet(english)"; }

 private:
  std::bitset<1 << 16> heads_;
};

}  // namespace

const Xapian::Stem& ThreadStemmer() {
  thread_local const Xapian::Stem stem(new MemoStemmer);
  return stem;
}

Xapian::Stem SnippetStemmer(const Xapian::Query& q) { return Xapian::Stem(new SnippetStemmerImpl(q)); }

}  // namespace ckb::kb
