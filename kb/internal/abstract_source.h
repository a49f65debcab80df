// SPDX-License-Identifier: GPL-3.0-or-later
// The words of the abstract, answered from the all-text terms. The abstract
// has no field terms of its own (kb/index_doc.cc); every other field has a
// positionless copy of its words with the wdf they add to the all-text
// terms (terms::kFieldsBesideAbstract). A word occurs in a document's
// abstract exactly when its all-text wdf there is larger than the sum of
// its wdfs under those prefixes. AbstractWordsSource matches the documents
// in which every one of its words does; it adds no weight.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace ckb::kb {

class AbstractWordsSource : public Xapian::PostingSource {
 public:
  // `words` are all-text terms (unprefixed, as the indexer makes them).
  explicit AbstractWordsSource(std::vector<std::string> words);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return driver_freq_ / 2; }
  Xapian::doccount get_termfreq_max() const override { return driver_freq_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return at_end_; }
  Xapian::docid get_docid() const override { return current_; }
  AbstractWordsSource* clone() const override;
  std::string get_description() const override;

 private:
  // One word's posting lists: all text, and each other field that has it.
  // The matcher asks for ascending document ids, so each list only moves
  // forward.
  struct Word {
    std::string term;
    Xapian::PostingIterator all;
    std::vector<Xapian::PostingIterator> fields;
  };

  // Whether every word occurs in the abstract of document `did`.
  bool InAbstract(Xapian::docid did);
  // Moves to the first document >= did whose abstract has every word.
  void Advance(Xapian::docid did);

  std::vector<std::string> terms_;
  Xapian::Database db_;
  std::vector<Word> words_;
  size_t driver_ = 0;  // the rarest word: its all-text list is walked
  Xapian::doccount driver_freq_ = 0;
  Xapian::docid current_ = 0;
  bool valid_ = false;  // current_ is a match (not a document check() refused)
  bool at_end_ = false;
};

}  // namespace ckb::kb
