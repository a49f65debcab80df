// SPDX-License-Identifier: GPL-3.0-or-later
// The reference-string field tagger's model: features, averaged-perceptron
// training, Viterbi decoding and the model image. Preparing its input and
// merging its labels into a Reference: reftagger_fields.cc.
#include "citations/reftagger.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "citations/internal/refstring_parts.h"
#include "citations/internal/reftagger_text.h"
#include "text/text_util.h"

namespace ckb::citations {
namespace {

using internal::IsAlnumByte;
using internal::IsYear;
using text::LowerAscii;

constexpr size_t L = kRefLabels;

// FNV-1a of "a|b" (of "a" when b is empty), seeded by the template.
uint32_t Hash(uint32_t seed, std::string_view a, std::string_view b) {
  uint32_t h = 2166136261u ^ (seed * 16777619u);
  for (unsigned char c : a) h = (h ^ c) * 16777619u;
  if (!b.empty()) {
    h = (h ^ static_cast<unsigned char>('|')) * 16777619u;
    for (unsigned char c : b) h = (h ^ c) * 16777619u;
  }
  h ^= h >> 15;
  h *= 0x2c1b3c6dU;
  h ^= h >> 12;
  return h;
}

// "Xxxx" -> "Xx", "1999" -> "dddd", "e212" -> "xddd" (runs capped at 4).
std::string Shape(std::string_view s) {
  std::string out;
  char prev = 0;
  int run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char k = std::isupper(c) ? 'X' : std::islower(c) ? 'x' : std::isdigit(c) ? 'd' : c >= 0x80 ? 'u' : static_cast<char>(c);
    if (k == prev) {
      if (k == 'd' ? run >= 4 : run >= 2) continue;
      ++run;
    } else {
      run = 1;
    }
    prev = k;
    out += k;
  }
  return out;
}

}  // namespace

const char* RefLabelName(uint8_t label) {
  static const char* kNames[] = {"other", "author", "title", "journal", "date", "volume", "issue",
                                 "pages", "doi", "container", "editor", "publisher"};
  return label < L ? kNames[label] : "?";
}

RefTagger::RefTagger() : trans_((L + 1) * L, 0.0f) {}

void RefTagger::Features(const RefTagInput& in, std::vector<std::vector<uint32_t>>* out) const {
  const std::string& s = in.norm;
  size_t n = in.tokens.size();
  out->assign(n, {});
  if (n == 0) return;
  std::vector<std::string> low(n), shape(n);
  std::vector<std::string_view> word(n);
  for (size_t i = 0; i < n; ++i) {
    word[i] = std::string_view(s).substr(in.tokens[i].b, in.tokens[i].e - in.tokens[i].b);
    low[i] = LowerAscii(word[i]);
    shape[i] = Shape(word[i]);
  }
  auto at = [&](const std::vector<std::string>& v, long i) -> std::string_view {
    if (i < 0) return "<s>";
    if (i >= static_cast<long>(n)) return "</s>";
    return v[static_cast<size_t>(i)];
  };
  auto rule_at = [&](long i) -> std::string_view {
    if (i < 0) return "<s>";
    if (i >= static_cast<long>(n)) return "</s>";
    return RefLabelName(in.rule[static_cast<size_t>(i)]);
  };
  // Per token: the punctuation before and after it, sentences still to
  // come, distance to the next token holding a digit.
  auto is_punct = [&](size_t i) {
    return in.tokens[i].e - in.tokens[i].b == 1 && !IsAlnumByte(static_cast<unsigned char>(s[in.tokens[i].b]));
  };
  std::vector<std::string> next_punct(n, "</s>"), prev_punct(n, "<s>");
  std::vector<int> to_digit(n, -1);
  for (size_t i = n; i-- > 0;) {
    if (i + 1 < n) {
      next_punct[i] = is_punct(i + 1) ? std::string(1, s[in.tokens[i + 1].b]) : next_punct[i + 1];
      to_digit[i] = to_digit[i + 1] < 0 ? -1 : to_digit[i + 1] + 1;
    }
    bool digit = false;
    for (uint32_t k = in.tokens[i].b; k < in.tokens[i].e; ++k) digit = digit || std::isdigit(static_cast<unsigned char>(s[k]));
    if (digit) to_digit[i] = 0;
  }
  for (size_t i = 1; i < n; ++i) prev_punct[i] = is_punct(i - 1) ? std::string(1, s[in.tokens[i - 1].b]) : prev_punct[i - 1];
  // The nearest word token before and after each token (-1 / n when none).
  std::vector<long> prev_word(n, -1), next_word(n, static_cast<long>(n));
  for (size_t i = 1; i < n; ++i) prev_word[i] = is_punct(i - 1) ? prev_word[i - 1] : static_cast<long>(i - 1);
  for (size_t i = n - 1; i-- > 0;) next_word[i] = is_punct(i + 1) ? next_word[i + 1] : static_cast<long>(i + 1);
  auto breaks_at = [&](size_t i) {
    return s[in.tokens[i].b] == '.' && in.tokens[i].e < s.size() && s[in.tokens[i].e] == ' ' && i > 0 &&
           in.tokens[i - 1].e - in.tokens[i - 1].b > 1 && !internal::IsAbbreviation(
               std::string_view(s).substr(in.tokens[i - 1].b, in.tokens[i - 1].e - in.tokens[i - 1].b));
  };
  int total_sentences = 0;
  for (size_t i = 0; i < n; ++i) total_sentences += breaks_at(i);
  static const std::string_view kNum[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
  int depth = 0, sentences = 0, commas = 0;
  bool quote = false, year_seen = false;
  for (size_t i = 0; i < n; ++i) {
    std::vector<uint32_t>& f = (*out)[i];
    long li = static_cast<long>(i);
    auto add = [&](uint32_t tmpl, std::string_view a, std::string_view b = {}) {
      f.push_back(Hash(tmpl, a, b) & (kBuckets - 1));
    };
    const RefToken& k = in.tokens[i];
    bool space_before = k.b > 0 && s[k.b - 1] == ' ';
    bool space_after = k.e < s.size() && s[k.e] == ' ';
    std::string_view r = rule_at(li);
    add(0, "bias");
    add(1, low[i]);
    add(2, shape[i]);
    add(3, r);
    add(4, rule_at(li - 1), r);
    add(5, r, rule_at(li + 1));
    add(6, r, shape[i]);
    add(7, at(low, li - 1));
    add(8, at(low, li + 1));
    add(9, at(low, li - 2));
    add(10, at(low, li + 2));
    add(11, at(shape, li - 1), shape[i]);
    add(12, shape[i], at(shape, li + 1));
    add(13, kNum[i * 8 / n]);
    add(14, kNum[i * 8 / n], r);
    add(15, space_before ? "sb" : "nsb", space_after ? "sa" : "nsa");
    if (IsYear(word[i])) add(16, "year", year_seen ? "again" : "first");
    add(17, depth > 0 ? "paren" : "out", quote ? "quote" : "");
    add(18, year_seen ? "after-year" : "before-year");
    bool dot_next = i + 1 < n && s[in.tokens[i + 1].b] == '.';
    if (dot_next && internal::IsAbbreviation(word[i])) add(19, "abbrev");
    if (word[i].size() == 1 && std::isupper(static_cast<unsigned char>(word[i][0]))) add(20, dot_next ? "init." : "init");
    add(21, kNum[std::min(sentences, 6)]);
    add(22, kNum[std::min(commas, 8)]);
    if (low[i].size() >= 4) {
      add(23, low[i].substr(0, 3));
      add(24, low[i].substr(low[i].size() - 3));
    }
    add(25, at(low, li - 1), low[i]);
    add(26, low[i], at(low, li + 1));
    add(27, kNum[std::min(sentences, 6)], r);
    add(28, kNum[n > 12 ? 2 : n > 6 ? 1 : 0], kNum[i * 8 / n]);
    add(29, prev_punct[i], next_punct[i]);
    add(30, kNum[std::min(total_sentences - sentences, 5)], r);
    int d = to_digit[i];
    add(31, d < 0 ? "none" : d <= 2 ? kNum[d] : d <= 5 ? "3-5" : d <= 10 ? "6-10" : "far");
    add(32, rule_at(li - 2), rule_at(li + 2));
    add(33, next_punct[i], shape[i]);
    add(34, kNum[std::min(total_sentences - sentences, 5)], kNum[std::min(sentences, 5)]);
    {
      // Nearest words on each side, punctuation skipped.
      long p = prev_word[i], q = next_word[i];
      add(45, at(low, p));
      add(46, at(low, q));
      add(47, at(shape, p), at(shape, q));
      add(48, at(shape, p), shape[i]);
      add(49, shape[i], at(shape, q));
    }
    // State after this token.
    char c = s[k.b];
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (c == '"') quote = !quote;
    if (c == ',') ++commas;
    if (breaks_at(i)) ++sentences;
    if (IsYear(word[i])) year_seen = true;
  }
}

void RefTagger::Emissions(const std::vector<std::vector<uint32_t>>& feats, std::vector<float>* emit) const {
  emit->assign(feats.size() * L, 0.0f);
  for (size_t i = 0; i < feats.size(); ++i) {
    float* e = emit->data() + i * L;
    for (uint32_t f : feats[i]) {
      const float* w = nullptr;
      if (training_) {
        w = &w_[static_cast<size_t>(f) * L];
      } else {
        int32_t row = RowOf(f);
        if (row < 0) continue;
        w = &rows_w_[static_cast<size_t>(row) * L];
      }
      for (size_t y = 0; y < L; ++y) e[y] += w[y];
    }
  }
}

void RefTagger::Viterbi(const std::vector<float>& emit, std::vector<uint8_t>* path) const {
  size_t n = emit.size() / L;
  path->assign(n, kRefOther);
  if (n == 0) return;
  std::vector<float> score(n * L);
  std::vector<uint8_t> back(n * L);
  for (size_t y = 0; y < L; ++y) score[y] = trans_[L * L + y] + emit[y];
  for (size_t i = 1; i < n; ++i) {
    for (size_t y = 0; y < L; ++y) {
      float best = -1e30f;
      uint8_t arg = 0;
      for (size_t p = 0; p < L; ++p) {
        float v = score[(i - 1) * L + p] + trans_[p * L + y];
        if (v > best) {
          best = v;
          arg = static_cast<uint8_t>(p);
        }
      }
      score[i * L + y] = best + emit[i * L + y];
      back[i * L + y] = arg;
    }
  }
  size_t y = 0;
  for (size_t k = 1; k < L; ++k) {
    if (score[(n - 1) * L + k] > score[(n - 1) * L + y]) y = k;
  }
  for (size_t i = n; i-- > 0;) {
    (*path)[i] = static_cast<uint8_t>(y);
    if (i > 0) y = back[i * L + y];
  }
}

std::vector<uint8_t> RefTagger::Decode(const RefTagInput& in, std::vector<std::vector<uint32_t>>* feats) const {
  Features(in, feats);
  std::vector<float> emit;
  Emissions(*feats, &emit);
  std::vector<uint8_t> path;
  Viterbi(emit, &path);
  return path;
}

std::vector<uint8_t> RefTagger::Tag(const RefTagInput& in) const {
  std::vector<std::vector<uint32_t>> feats;
  return Decode(in, &feats);
}

void RefTagger::BeginTraining() {
  training_ = true;
  w_.assign(static_cast<size_t>(kBuckets) * L, 0.0f);
  u_.assign(w_.size(), 0.0f);
  tu_.assign(trans_.size(), 0.0f);
  step_ = 1;
}

void RefTagger::Update(uint32_t f, uint8_t label, float d) {
  size_t i = static_cast<size_t>(f) * L + label;
  w_[i] += d;
  u_[i] += static_cast<float>(step_) * d;
}

void RefTagger::UpdateTrans(size_t i, float d) {
  trans_[i] += d;
  tu_[i] += static_cast<float>(step_) * d;
}

void RefTagger::Learn(const RefTagInput& in, const std::vector<uint8_t>& gold) {
  std::vector<std::vector<uint32_t>> feats;
  std::vector<uint8_t> pred = Decode(in, &feats);
  if (pred != gold) {
    for (size_t i = 0; i < gold.size(); ++i) {
      size_t gp = i == 0 ? L : gold[i - 1], pp = i == 0 ? L : pred[i - 1];
      if (gold[i] != pred[i]) {
        for (uint32_t f : feats[i]) {
          Update(f, gold[i], 1.0f);
          Update(f, pred[i], -1.0f);
        }
      }
      if (gold[i] != pred[i] || gp != pp) {
        UpdateTrans(gp * L + gold[i], 1.0f);
        UpdateTrans(pp * L + pred[i], -1.0f);
      }
    }
  }
  step_ += 1;
}

void RefTagger::EndTraining() {
  float c = static_cast<float>(step_);
  for (size_t i = 0; i < w_.size(); ++i) w_[i] -= u_[i] / c;
  for (size_t i = 0; i < trans_.size(); ++i) trans_[i] -= tu_[i] / c;
  // Keep the dense weights as rows for inference.
  size_t nonzero = 0;
  for (uint32_t b = 0; b < kBuckets; ++b) {
    const float* w = &w_[static_cast<size_t>(b) * L];
    for (size_t y = 0; y < L; ++y) {
      if (w[y] != 0.0f) {
        ++nonzero;
        break;
      }
    }
  }
  ResetRows(nonzero);
  for (uint32_t b = 0; b < kBuckets; ++b) {
    const float* w = &w_[static_cast<size_t>(b) * L];
    bool any = false;
    for (size_t y = 0; y < L; ++y) any = any || w[y] != 0.0f;
    if (!any) continue;
    int32_t row = AddRow(b);
    std::copy(w, w + L, rows_w_.begin() + row * static_cast<long>(L));
  }
  training_ = false;
  w_.clear();
  w_.shrink_to_fit();
  u_.clear();
  u_.shrink_to_fit();
  tu_.clear();
}

// Image: "CKBRT2\n", uint32 labels, uint32 entries, float scale, the
// transition floats, then entries sorted by key: uint32 key (bucket x
// labels + label) and int16 weight (x scale). Weights under `prune` in
// magnitude are left out.
std::string RefTagger::Save(float prune) const {
  float maxw = 0;
  for (float w : rows_w_) maxw = std::max(maxw, std::fabs(w));
  float scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
  std::vector<std::pair<uint32_t, int16_t>> entries;
  for (const auto& [bucket, row] : SortedRows()) {
    for (size_t y = 0; y < L; ++y) {
      float v = rows_w_[static_cast<size_t>(row) * L + y];
      if (std::fabs(v) < prune) continue;
      auto q = static_cast<int16_t>(std::lround(v / scale));
      if (q != 0) entries.emplace_back(bucket * static_cast<uint32_t>(L) + static_cast<uint32_t>(y), q);
    }
  }
  std::string out = "CKBRT2\n";
  uint32_t labels = L, kept = static_cast<uint32_t>(entries.size());
  out.append(reinterpret_cast<const char*>(&labels), 4);
  out.append(reinterpret_cast<const char*>(&kept), 4);
  out.append(reinterpret_cast<const char*>(&scale), 4);
  out.append(reinterpret_cast<const char*>(trans_.data()), trans_.size() * sizeof(float));
  for (const auto& [key, q] : entries) {
    out.append(reinterpret_cast<const char*>(&key), 4);
    out.append(reinterpret_cast<const char*>(&q), 2);
  }
  return out;
}

std::vector<std::pair<uint32_t, int32_t>> RefTagger::SortedRows() const {
  std::vector<std::pair<uint32_t, int32_t>> out;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].key != 0) out.emplace_back(slots_[i].key - 1, slots_[i].row);
  }
  std::sort(out.begin(), out.end());
  return out;
}

int32_t RefTagger::RowOf(uint32_t bucket) const {
  if (slots_.empty()) return -1;
  size_t mask = slots_.size() - 1;
  for (size_t i = (bucket * 2654435761u) & mask;; i = (i + 1) & mask) {
    if (slots_[i].key == 0) return -1;
    if (slots_[i].key == bucket + 1) return slots_[i].row;
  }
}

int32_t RefTagger::AddRow(uint32_t bucket) {
  size_t mask = slots_.size() - 1;
  for (size_t i = (bucket * 2654435761u) & mask;; i = (i + 1) & mask) {
    if (slots_[i].key == bucket + 1) return slots_[i].row;
    if (slots_[i].key == 0) {
      slots_[i] = {bucket + 1, static_cast<int32_t>(rows_++)};
      rows_w_.resize(rows_ * L, 0.0f);
      return slots_[i].row;
    }
  }
}

void RefTagger::ResetRows(size_t expected) {
  size_t cap = 16;
  while (cap < expected * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  rows_w_.clear();
  rows_ = 0;
}

bool RefTagger::Load(std::string_view image) {
  size_t head = 7 + 12 + trans_.size() * sizeof(float);
  if (image.size() < head || image.substr(0, 7) != "CKBRT2\n") return false;
  uint32_t labels, kept;
  float scale;
  std::memcpy(&labels, image.data() + 7, 4);
  std::memcpy(&kept, image.data() + 11, 4);
  std::memcpy(&scale, image.data() + 15, 4);
  if (labels != L || image.size() != head + static_cast<size_t>(kept) * 6) return false;
  std::memcpy(trans_.data(), image.data() + 19, trans_.size() * sizeof(float));
  // Entries are sorted by key, so a bucket's entries are adjacent.
  const char* body = image.data() + head;
  size_t distinct = 0;
  uint32_t prev = UINT32_MAX;
  for (uint32_t r = 0; r < kept; ++r) {
    uint32_t key;
    std::memcpy(&key, body + static_cast<size_t>(r) * 6, 4);
    uint32_t bucket = key / static_cast<uint32_t>(L);
    if (bucket >= kBuckets || (prev != UINT32_MAX && key <= prev)) return false;
    if (prev == UINT32_MAX || bucket != prev / static_cast<uint32_t>(L)) ++distinct;
    prev = key;
  }
  ResetRows(distinct);
  const char* p = body;
  for (uint32_t r = 0; r < kept; ++r, p += 6) {
    uint32_t key;
    int16_t q;
    std::memcpy(&key, p, 4);
    std::memcpy(&q, p + 4, 2);
    uint32_t bucket = key / static_cast<uint32_t>(L), y = key % static_cast<uint32_t>(L);
    int32_t row = AddRow(bucket);
    rows_w_[static_cast<size_t>(row) * L + y] = static_cast<float>(q) * scale;
  }
  return true;
}

}  // namespace ckb::citations
