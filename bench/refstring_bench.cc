// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmark of the reference-string parser over the 41 numbered
// entries of the seed web page (GB/T 7714, English and Chinese).
// bench-requires: ParseReferenceString
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/bench_data.h"
#include "citations/internal/refstring_parts.h"
#include "citations/refstring.h"

namespace {

void BM_ParseReferenceString(benchmark::State& state) {
  const auto& refs = ckb::bench::SeedReferences();
  if (refs.empty()) {
    state.SkipWithError("seed page not found (set CKB_SHARED_CORPUS)");
    return;
  }
  for (auto _ : state) {
    for (const std::string& r : refs) {
      benchmark::DoNotOptimize(ckb::citations::ParseReferenceString(r));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(refs.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ckb::bench::TotalBytes(refs)));
}
BENCHMARK(BM_ParseReferenceString);

// Strings in the styles the learned tagger reads (it leaves GB/T 7714 to
// the rules): the full parser against the rules alone.
const std::vector<std::string>& OtherStyles() {
  static const std::vector<std::string> refs = {
      "Writer A, Author B, Person C. A trial of something in breast cancer. N Engl J Med. 2020;382(7):610-621. doi:10.1056/NEJMoa0000000",
      "Writer, A. B., & Author, C. (2019). Title of the study: a subtitle. Journal of Things, 12(3), 45-67.",
      "A. Writer, B. Author, and C. Person, \"Topological phases in a model,\" Phys. Rev. B 95, 235425 (2017).",
      "Writer A. et al. (2015) Heavy baryon form factors, Nucl. Phys. B348 (1991) 276.",
      "A. Writer, Symmetry analysis of a wave equation ,Int .J .Geom .Methods Mod .Phys .12 ,1550033 ( 2015)",
      "Writer, A. 2000. Digital workflow management. First Monday 5 (6).",
      "G. Writer and F. Da Costa, Viscosity solutions of equations, J. Differ. Equ. 135, (2005), pp544-553.",
      "Writer, Arthur. Reading the archive. In: Editor B, ed. Essays on Books. Oxford: Press; 2001:12-30.",
  };
  return refs;
}

void BM_OtherStyles(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& r : OtherStyles()) benchmark::DoNotOptimize(ckb::citations::ParseReferenceString(r));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(OtherStyles().size()));
}
BENCHMARK(BM_OtherStyles);

void BM_OtherStylesRulesOnly(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& r : OtherStyles()) benchmark::DoNotOptimize(ckb::citations::internal::ParseByRules(r));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(OtherStyles().size()));
}
BENCHMARK(BM_OtherStylesRulesOnly);

}  // namespace

BENCHMARK_MAIN();
