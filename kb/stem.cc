// SPDX-License-Identifier: GPL-3.0-or-later
// The English stemmer with a memo of recent words, one per thread: index
// building and snippets stem the same vocabulary over and over, and Snowball
// stemming is a good part of both.
#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kb/internal/rep.h"

namespace ckb::kb {
namespace {

class MemoStemmer : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    auto it = memo_.find(word);
    if (it != memo_.end()) return it->second;
    std::string stem = english_(word);
    if (memo_.size() >= kMaxWords) memo_.clear();  // bounded memory
    memo_.emplace(word, stem);
    return stem;
  }
  std::string get_description() const override { return "memo(english)"; }

 private:
  static constexpr size_t kMaxWords = 1 << 16;
  Xapian::Stem english_{"english"};
  std::unordered_map<std::string, std::string> memo_;
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
