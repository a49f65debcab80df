// SPDX-License-Identifier: GPL-3.0-or-later
// A learned field tagger for printed reference strings: every token gets a
// field label (author, title, journal, date, volume, ...) from a linear
// model over token features and the labels the rule parser gave, decoded
// with Viterbi over label transitions. Trained by averaged perceptron on
// tagged gold strings (eval/train_reftagger.cc); the model is a byte image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/model.h"

namespace ckb::citations {

enum RefLabel : uint8_t {
  kRefOther = 0,
  kRefAuthor,
  kRefTitle,
  kRefJournal,
  kRefDate,
  kRefVolume,
  kRefIssue,
  kRefPages,
  kRefDoi,
  kRefContainer,  // book, proceedings or series a chapter or paper is in
  kRefEditor,
  kRefPublisher,  // publisher and place
  kRefLabels
};

const char* RefLabelName(uint8_t label);

// A token of the ASCII view of a prepared reference string: a run of letters
// and digits (non-ASCII bytes count as letters) or one punctuation byte.
struct RefToken {
  uint32_t b = 0, e = 0;
};

// One reference string ready for tagging: the text the rule parser reads,
// its ASCII view, tokens, and the labels the rules' fields cover.
struct RefTagInput {
  std::string text;  // as the rules read it (whitespace folded, repaired)
  std::string norm;  // ASCII punctuation view, same tokens
  std::vector<size_t> map;  // norm byte -> text byte
  std::vector<RefToken> tokens;
  std::vector<uint8_t> rule;  // per token
};

// Runs the rule parser on `raw` and fills `in` (rules' result in *rules).
void PrepareRefTagInput(std::string_view raw, RefTagInput* in, Reference* rules);
// The same from a rules' result already at hand.
void FillRefTagInput(const Reference& rules, RefTagInput* in);

class RefTagger {
 public:
  RefTagger();
  // Loads a model image (as written by Save); false when malformed.
  bool Load(std::string_view image);
  std::string Save(float prune) const;
  bool empty() const { return rows_ == 0 && !training_; }

  std::vector<uint8_t> Tag(const RefTagInput& in) const;

  // Training: call Begin once, Learn per example per epoch, End once.
  void BeginTraining();
  void Learn(const RefTagInput& in, const std::vector<uint8_t>& gold);
  void EndTraining();

 private:
  void Features(const RefTagInput& in, std::vector<std::vector<uint32_t>>* out) const;
  // Features, emissions and the best label path (features kept for Learn).
  std::vector<uint8_t> Decode(const RefTagInput& in, std::vector<std::vector<uint32_t>>* feats) const;
  // Emission scores: token i, label y at [i * kRefLabels + y].
  void Viterbi(const std::vector<float>& emit, std::vector<uint8_t>* path) const;
  void Emissions(const std::vector<std::vector<uint32_t>>& feats, std::vector<float>* emit) const;
  void Update(uint32_t f, uint8_t label, float d);
  void UpdateTrans(size_t i, float d);
  int32_t RowOf(uint32_t bucket) const;
  int32_t AddRow(uint32_t bucket);
  void ResetRows(size_t expected);
  std::vector<std::pair<uint32_t, int32_t>> SortedRows() const;  // (bucket, row)

  static constexpr uint32_t kBuckets = 1u << 20;
  bool training_ = false;
  size_t rows_ = 0;
  // Inference: open-addressing table bucket + 1 -> row; rows of
  // kRefLabels weights.
  struct Slot {
    uint32_t key = 0;  // bucket + 1; 0 = empty
    int32_t row = -1;
  };
  std::vector<Slot> slots_;
  std::vector<float> rows_w_;
  std::vector<float> trans_;  // (kRefLabels + 1) x kRefLabels, last row = start
  // Training: dense weights, averaging accumulators.
  std::vector<float> w_, u_, tu_;
  double step_ = 1;
};

// The tagger built into ckb (trained on the gold sets' training half), or
// nullptr when this build has none.
const RefTagger* BuiltinRefTagger();

// Fields of `rules` replaced by what the tagger found in `in` where the two
// disagree (where they agree, the rules' rendering stays).
Reference MergeTaggedFields(const RefTagInput& in, const std::vector<uint8_t>& labels, Reference rules);

// The rules, then the tagger over them: what ParseReferenceString does with
// the built-in model. GB/T 7714 strings keep the rules' fields.
Reference TagReference(const RefTagger& tagger, std::string_view raw);

}  // namespace ckb::citations
