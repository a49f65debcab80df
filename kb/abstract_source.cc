// SPDX-License-Identifier: GPL-3.0-or-later
#include "kb/internal/abstract_source.h"

#include <utility>

#include "kb/terms.h"

namespace ckb::kb {

AbstractWordsSource::AbstractWordsSource(std::vector<std::string> words) : terms_(std::move(words)) {}

void AbstractWordsSource::init(const Xapian::Database& db) {
  db_ = db;
  words_.clear();
  driver_ = 0;
  driver_freq_ = 0;
  current_ = 0;
  valid_ = false;
  at_end_ = terms_.empty();
  for (const auto& t : terms_) {
    Xapian::doccount f = db_.get_termfreq(t);
    if (f == 0) at_end_ = true;  // a word the index lacks is in no abstract
    if (words_.empty() || f < driver_freq_) {
      driver_ = words_.size();
      driver_freq_ = f;
    }
    Word w;
    w.term = t;
    w.all = db_.postlist_begin(t);
    for (const char* prefix : terms::kFieldsBesideAbstract) {
      std::string ft = prefix + t;
      if (db_.term_exists(ft)) w.fields.push_back(db_.postlist_begin(ft));
    }
    words_.push_back(std::move(w));
  }
}

bool AbstractWordsSource::InAbstract(Xapian::docid did) {
  const Xapian::PostingIterator end;
  for (auto& w : words_) {
    w.all.skip_to(did);
    if (w.all == end || *w.all != did) return false;
    Xapian::termcount wdf = w.all.get_wdf();
    for (auto& f : w.fields) {
      f.skip_to(did);
      if (f != end && *f == did) {
        Xapian::termcount fw = f.get_wdf();
        if (fw >= wdf) return false;
        wdf -= fw;
      }
    }
  }
  return true;
}

void AbstractWordsSource::Advance(Xapian::docid did) {
  if (at_end_) return;
  Xapian::PostingIterator& drive = words_[driver_].all;
  const Xapian::PostingIterator end;
  drive.skip_to(did);
  while (drive != end && !InAbstract(*drive)) ++drive;
  if (drive == end) {
    at_end_ = true;
    return;
  }
  current_ = *drive;
  valid_ = true;
}

void AbstractWordsSource::next(double) { Advance(current_ + 1); }

void AbstractWordsSource::skip_to(Xapian::docid did, double) {
  if (did <= current_ && valid_) return;
  Advance(did > current_ ? did : current_ + 1);
}

bool AbstractWordsSource::check(Xapian::docid did, double) {
  if (at_end_ || did < current_) return true;
  if (did == current_) return valid_;
  // Answer for this document alone; after `false` Xapian calls next() or
  // skip_to(), which continue after `did`.
  current_ = did;
  valid_ = InAbstract(did);
  return valid_;
}

AbstractWordsSource* AbstractWordsSource::clone() const { return new AbstractWordsSource(terms_); }

std::string AbstractWordsSource::get_description() const {
  std::string d = "AbstractWordsSource(";
  for (size_t i = 0; i < terms_.size(); ++i) d += (i ? " " : "") + terms_[i];
  return d + ")";
}

}  // namespace ckb::kb
