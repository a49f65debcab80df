// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmark of entity extraction (and of trial-results extraction
// beside it) over benchmark-corpus abstracts with
// the default extractor (the lexicon image compiled into the binary); with
// $CKB_LEXICONS set, lexicons are added on top (the label then names them).
// bench-requires: Default
#include <cstdlib>

#include <benchmark/benchmark.h>

#include "bench/bench_data.h"
#include "knowledge/entities.h"
#include "knowledge/results.h"

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

// Trial-results extraction (knowledge/results.h) over N abstracts (the
// corpus's first ones, taken again from the start past its end), beside
// entity extraction over the same N, its peer in the same run: the curve for
// N = 100 ... 3,200.
template <bool kResults>
void BM_Curve(benchmark::State& state) {
  const auto& all = ckb::bench::Abstracts();
  const size_t n = static_cast<size_t>(state.range(0));
  if (all.empty()) {
    state.SkipWithError("benchmark corpus not found (set CKB_BENCH_ABSTRACTS)");
    return;
  }
  const ckb::knowledge::EntityExtractor& extractor = ckb::knowledge::EntityExtractor::Default();
  int64_t items = 0, bytes = 0;
  for (size_t i = 0; i < n; ++i) bytes += static_cast<int64_t>(all[i % all.size()].size());
  for (auto _ : state) {
    for (size_t i = 0; i < n; ++i) {
      const std::string& text = all[i % all.size()];
      if constexpr (kResults) {
        ckb::Outcomes o = ckb::knowledge::ExtractResults(text, "abstract");
        items += static_cast<int64_t>(o.effects.size() + o.medians.size() + o.rates.size());
        benchmark::DoNotOptimize(o);
      } else {
        auto found = extractor.Extract(text, "abstract");
        items += static_cast<int64_t>(found.size());
        benchmark::DoNotOptimize(found);
      }
    }
  }
  state.counters["items/doc"] = benchmark::Counter(
      static_cast<double>(items) / static_cast<double>(state.iterations() * n));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
  state.SetBytesProcessed(state.iterations() * bytes);
}
void CurveArgs(benchmark::internal::Benchmark* b) {
  for (int n = 100; n <= 3200; n *= 2) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}
BENCHMARK_TEMPLATE(BM_Curve, true)->Name("BM_ResultsCurve")->Apply(CurveArgs);
BENCHMARK_TEMPLATE(BM_Curve, false)->Name("BM_EntitiesCurve")->Apply(CurveArgs);

}  // namespace

BENCHMARK_MAIN();
