// SPDX-License-Identifier: GPL-3.0-or-later
// Trains the reference-string field tagger (citations/reftagger.h) on the
// training half of the tagged gold sets and writes the model image. The
// split is the one eval_citations scores: FNV-1a of the plain string, even =
// train. Nothing of the test half is read.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "citation_gold.h"
#include "citations/reftagger.h"

namespace {

int Usage() {
  fmt::print(stderr,
             "usage: train_reftagger --out FILE [--corpus DIR] [--epochs N] [--prune W] [--dev]\n"
             "  trains on the even-hash (train) half of the gold sets eval_citations reads;\n"
             "  --dev: on hash % 4 == 0 only, for tuning against eval_citations --split dev\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ckb;
  using namespace ckb::eval;
  std::string corpus = CKB_SOURCE_DIR "/../shared/corpus", out;
  int epochs = 20;
  float prune = 0.0f;
  bool dev = false;  // train on a quarter only, leaving eval_citations --split dev unseen
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
    else if (a == "--out" && i + 1 < argc) out = argv[++i];
    else if (a == "--epochs" && i + 1 < argc) epochs = std::stoi(argv[++i]);
    else if (a == "--prune" && i + 1 < argc) prune = std::stof(argv[++i]);
    else if (a == "--dev") dev = true;
    else return Usage();
  }
  if (out.empty()) return Usage();
  std::vector<std::string> errors;
  std::vector<GoldRef> gold = LoadAllGold(corpus, &errors);
  for (const std::string& e : errors) fmt::print(stderr, "warning: {}\n", e);
  struct Example {
    citations::RefTagInput in;
    std::vector<uint8_t> labels;
  };
  std::vector<Example> train;
  size_t skipped = 0;
  for (const GoldRef& g : gold) {
    if (SplitHash(g.text) % 2 != 0 || g.labels.empty()) continue;
    if (dev && SplitHash(g.text) % 4 != 0) continue;
    Example ex;
    Reference rules;
    citations::PrepareRefTagInput(g.text, &ex.in, &rules);
    if (ex.in.text.size() != g.text.size()) {
      ++skipped;
      continue;
    }
    for (const citations::RefToken& t : ex.in.tokens) ex.labels.push_back(g.labels[ex.in.map[t.b]]);
    // Punctuation between two tokens of one field belongs to it ("Smith, J.,
    // Jones" is one author run; "Phys. Rev." one journal): gaps of one or two
    // punctuation marks take the field's label, so that every field is one run.
    auto is_punct = [&](size_t i) {
      const citations::RefToken& t = ex.in.tokens[i];
      return t.e - t.b == 1 && !std::isalnum(static_cast<unsigned char>(ex.in.norm[t.b]));
    };
    std::vector<uint8_t>& lab = ex.labels;
    for (size_t i = 1; i + 1 < lab.size(); ++i) {
      if (is_punct(i) && lab[i] == citations::kRefOther && lab[i - 1] == lab[i + 1]) lab[i] = lab[i - 1];
    }
    for (size_t i = 1; i + 2 < lab.size(); ++i) {
      if (is_punct(i) && is_punct(i + 1) && lab[i] == citations::kRefOther && lab[i + 1] == citations::kRefOther &&
          lab[i - 1] == lab[i + 2] && lab[i - 1] != citations::kRefOther) {
        lab[i] = lab[i + 1] = lab[i - 1];
      }
    }
    train.push_back(std::move(ex));
  }
  if (train.empty()) {
    fmt::print(stderr, "no labelled training strings under {}\n", corpus);
    return 1;
  }
  fmt::print("training strings: {} ({} skipped: text changed by repair)\n", train.size(), skipped);
  citations::RefTagger tagger;
  tagger.BeginTraining();
  std::mt19937 rng(20261203);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) tagger.Learn(train[i].in, train[i].labels);
  }
  tagger.EndTraining();
  long right = 0, total = 0;
  for (const Example& ex : train) {
    std::vector<uint8_t> p = tagger.Tag(ex.in);
    for (size_t i = 0; i < p.size(); ++i) right += p[i] == ex.labels[i];
    total += static_cast<long>(p.size());
  }
  fmt::print("token accuracy on the training half: {:.4f}\n", total ? double(right) / double(total) : 0.0);
  std::string image = tagger.Save(prune);
  std::ofstream f(out, std::ios::binary);
  f.write(image.data(), static_cast<std::streamsize>(image.size()));
  if (!f) {
    fmt::print(stderr, "{}: cannot write\n", out);
    return 1;
  }
  fmt::print("model: {} bytes -> {}\n", image.size(), out);
  return 0;
}
