// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmark of the query path before any posting list is read: the
// query language parsed to its syntax tree, compiled (field names, PubMed
// tags, entity values resolved through the default lexicon), and the
// compiled tree turned into a Xapian query. Inputs: the 50 free-text queries
// of bench/queries.txt and the ckb column of bench/query_kinds.tsv (fielded,
// faceted and PubMed-syntax queries).
// bench-requires: ParseSyntax CompileQuery
#include <xapian.h>

#include <fstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "knowledge/entities.h"
#include "kb/internal/search_query.h"
#include "query/compile.h"
#include "query/syntax.h"

namespace {

std::vector<std::string> ReadLines(const std::string& path, int column) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (column > 0) {
      size_t start = 0;
      for (int c = 0; c < column && start != std::string::npos; ++c) {
        start = line.find('\t', start);
        if (start != std::string::npos) ++start;
      }
      if (start == std::string::npos) continue;
      size_t end = line.find('\t', start);
      line = line.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
    out.push_back(line);
  }
  return out;
}

const std::vector<std::string>& FreeText() {
  static const std::vector<std::string> q = ReadLines(CKB_SOURCE_DIR "/bench/queries.txt", 0);
  return q;
}

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> q = ReadLines(CKB_SOURCE_DIR "/bench/query_kinds.tsv", 1);
  return q;
}

// The list the benchmark's argument names (0: free text, 1: query kinds),
// or null after marking the benchmark skipped when it cannot be read.
const std::vector<std::string>* QueriesOrSkip(benchmark::State& state) {
  const auto& qs = state.range(0) == 0 ? FreeText() : Kinds();
  if (qs.empty()) {
    state.SkipWithError("query list not found");
    return nullptr;
  }
  return &qs;
}

// The context of `ckb search`: the default extractor (built here, before
// any timed loop) resolves entity values and free text naming an entity.
ckb::query::CompileContext SearchContext() {
  ckb::query::CompileContext ctx;
  ctx.extractor = &ckb::knowledge::EntityExtractor::Default();
  return ctx;
}

// Names the query list and counts `per_iteration` queries an iteration.
void SetLabelAndRate(benchmark::State& state, size_t per_iteration) {
  state.SetLabel(state.range(0) == 0 ? "bench/queries.txt" : "bench/query_kinds.tsv");
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(per_iteration));
}

void BM_ParseSyntax(benchmark::State& state) {
  const auto* list = QueriesOrSkip(state);
  if (list == nullptr) return;
  const auto& qs = *list;
  for (auto _ : state) {
    for (const std::string& q : qs) {
      ckb::query::SyntaxResult r = ckb::query::ParseSyntax(q);
      benchmark::DoNotOptimize(r);
    }
  }
  SetLabelAndRate(state, qs.size());
}
BENCHMARK(BM_ParseSyntax)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Parse and compile, with the lexicon lookups of `ckb search`.
void BM_CompileQuery(benchmark::State& state) {
  const auto* list = QueriesOrSkip(state);
  if (list == nullptr) return;
  const auto& qs = *list;
  const ckb::query::CompileContext ctx = SearchContext();
  size_t warnings = 0;
  for (auto _ : state) {
    for (const std::string& q : qs) {
      ckb::query::CompiledQuery c = ckb::query::CompileQuery(q, ctx);
      warnings += c.warnings.size() + (c.error ? 1 : 0);
      benchmark::DoNotOptimize(c);
    }
  }
  state.counters["warnings/query"] = benchmark::Counter(
      static_cast<double>(warnings) / static_cast<double>(state.iterations() * qs.size()));
  SetLabelAndRate(state, qs.size());
}
BENCHMARK(BM_CompileQuery)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The compiled trees turned into Xapian queries against an empty in-memory
// database (wildcards expand to nothing; everything else is built as for a
// search: stemming, field prefixes, entity terms and their weights).
void BM_BuildXapianQuery(benchmark::State& state) {
  const auto* list = QueriesOrSkip(state);
  if (list == nullptr) return;
  const ckb::query::CompileContext ctx = SearchContext();
  std::vector<ckb::kb::QueryNode> trees;
  for (const std::string& q : *list) {
    ckb::query::CompiledQuery c = ckb::query::CompileQuery(q, ctx);
    if (!c.error) trees.push_back(std::move(c.tree));
  }
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  size_t terms = 0;
  for (auto _ : state) {
    for (const ckb::kb::QueryNode& t : trees) {
      ckb::kb::QueryBuilder builder(db);
      Xapian::Query x = builder.Build(t);
      terms += builder.origins().size();
      benchmark::DoNotOptimize(x);
    }
  }
  state.counters["terms/query"] = benchmark::Counter(
      static_cast<double>(terms) / static_cast<double>(state.iterations() * trees.size()));
  SetLabelAndRate(state, trees.size());
}
BENCHMARK(BM_BuildXapianQuery)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
