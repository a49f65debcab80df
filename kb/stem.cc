// SPDX-License-Identifier: GPL-3.0-or-later
// The English stemmer with a memo of recent words, one per thread: index
// building and snippets stem the same vocabulary over and over, and Snowball
// stemming is a good part of both.
#include <string>
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

}  // namespace

const Xapian::Stem& ThreadStemmer() {
  thread_local const Xapian::Stem stem(new MemoStemmer);
  return stem;
}

}  // namespace ckb::kb
