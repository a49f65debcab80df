// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmark of text normalisation (NFKC, case and dash folding with the
// byte-to-code-point map) over benchmark-corpus abstracts and the seed page.
// bench-requires: Normalize
#include <benchmark/benchmark.h>

#include "bench/bench_data.h"
#include "text/text_norm.h"

namespace {

void BM_NormalizeAbstracts(benchmark::State& state) {
  const auto& texts = ckb::bench::Abstracts();
  if (texts.empty()) {
    state.SkipWithError("benchmark corpus not found (set CKB_BENCH_ABSTRACTS)");
    return;
  }
  for (auto _ : state) {
    for (const std::string& t : texts) benchmark::DoNotOptimize(ckb::text::Normalize(t));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ckb::bench::TotalBytes(texts)));
}
BENCHMARK(BM_NormalizeAbstracts)->Unit(benchmark::kMillisecond);

void BM_NormalizeSeed(benchmark::State& state) {
  const std::string& text = ckb::bench::SeedText();
  if (text.empty()) {
    state.SkipWithError("seed page not found (set CKB_SHARED_CORPUS)");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(ckb::text::Normalize(text));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_NormalizeSeed);

}  // namespace

BENCHMARK_MAIN();
