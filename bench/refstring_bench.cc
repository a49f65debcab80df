// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmark of the reference-string parser over the 41 numbered
// entries of the seed web page (GB/T 7714, English and Chinese).
// bench-requires: ParseReferenceString
#include <benchmark/benchmark.h>

#include "bench/bench_data.h"
#include "indexer/refstring.h"

namespace {

void BM_ParseReferenceString(benchmark::State& state) {
  const auto& refs = ckb::bench::SeedReferences();
  if (refs.empty()) {
    state.SkipWithError("seed page not found (set CKB_SHARED_CORPUS)");
    return;
  }
  for (auto _ : state) {
    for (const std::string& r : refs) {
      benchmark::DoNotOptimize(ckb::indexer::ParseReferenceString(r));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(refs.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ckb::bench::TotalBytes(refs)));
}
BENCHMARK(BM_ParseReferenceString);

}  // namespace

BENCHMARK_MAIN();
