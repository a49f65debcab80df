// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmarks of the identifier finders (NCT numbers, DOIs) over
// benchmark-corpus abstracts and over the seed page text.
// bench-requires: FindNctIds FindDois
#include <benchmark/benchmark.h>

#include "bench/bench_data.h"
#include "text/identifiers.h"

namespace {

template <typename Fn>
void OverAbstracts(benchmark::State& state, Fn fn) {
  const auto& texts = ckb::bench::Abstracts();
  if (texts.empty()) {
    state.SkipWithError("benchmark corpus not found (set CKB_BENCH_ABSTRACTS)");
    return;
  }
  for (auto _ : state) {
    for (const std::string& t : texts) benchmark::DoNotOptimize(fn(t));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ckb::bench::TotalBytes(texts)));
}

template <typename Fn>
void OverSeed(benchmark::State& state, Fn fn) {
  const std::string& text = ckb::bench::SeedText();
  if (text.empty()) {
    state.SkipWithError("seed page not found (set CKB_SHARED_CORPUS)");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(fn(text));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_FindNctIds_Abstracts(benchmark::State& state) {
  OverAbstracts(state, [](const std::string& t) { return ckb::text::FindNctIds(t); });
}
void BM_FindDois_Abstracts(benchmark::State& state) {
  OverAbstracts(state, [](const std::string& t) { return ckb::text::FindDois(t); });
}
void BM_FindNctIds_Seed(benchmark::State& state) {
  OverSeed(state, [](const std::string& t) { return ckb::text::FindNctIds(t); });
}
void BM_FindDois_Seed(benchmark::State& state) {
  OverSeed(state, [](const std::string& t) { return ckb::text::FindDois(t); });
}
BENCHMARK(BM_FindNctIds_Abstracts);
BENCHMARK(BM_FindDois_Abstracts);
BENCHMARK(BM_FindNctIds_Seed);
BENCHMARK(BM_FindDois_Seed);

}  // namespace

BENCHMARK_MAIN();
