// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmark of entity extraction over benchmark-corpus abstracts with
// the default extractor (the lexicon image compiled into the binary); with
// $CKB_LEXICONS set, lexicons are added on top (the label then names them).
// bench-requires: Default
#include <cstdlib>

#include <benchmark/benchmark.h>

#include "bench/bench_data.h"
#include "knowledge/entities.h"

namespace {

// First use of the default extractor: opens the compiled image (or, with
// $CKB_LEXICONS, builds one). Registered first, so the extractor is not made
// yet when it runs; measured once.
void BM_FirstDefault(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(&ckb::knowledge::EntityExtractor::Default());
  }
}
BENCHMARK(BM_FirstDefault)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ExtractAbstracts(benchmark::State& state) {
  const auto& texts = ckb::bench::Abstracts();
  if (texts.empty()) {
    state.SkipWithError("benchmark corpus not found (set CKB_BENCH_ABSTRACTS)");
    return;
  }
  const ckb::knowledge::EntityExtractor& extractor = ckb::knowledge::EntityExtractor::Default();
  int64_t mentions = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      auto found = extractor.Extract(t, "abstract");
      mentions += static_cast<int64_t>(found.size());
      benchmark::DoNotOptimize(found);
    }
  }
  const char* lex = std::getenv("CKB_LEXICONS");
  state.SetLabel(lex != nullptr && *lex != '\0' ? std::string("lexicons: ") + lex
                                                : std::string("shipped lexicons"));
  state.counters["mentions/doc"] = benchmark::Counter(
      static_cast<double>(mentions) / static_cast<double>(state.iterations() * texts.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ckb::bench::TotalBytes(texts)));
}
BENCHMARK(BM_ExtractAbstracts)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
