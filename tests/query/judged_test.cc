// SPDX-License-Identifier: GPL-3.0-or-later
// The judged query set (tests/data/search/judged.tsv) over the bench subset,
// the seed review and the corpus samples: recall of every expected hit,
// exact hit sets for entity filters, and P@10 / nDCG@10 for ranked queries.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "kb/kb.h"
#include "query/compile.h"
#include "query/resolve.h"

namespace ckb::query {
namespace {

namespace fs = std::filesystem;

struct Judged {
  std::string kind, query;
  std::vector<std::string> expected;
};

std::vector<Judged> ReadJudged(const std::string& path) {
  std::vector<Judged> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    Judged j;
    std::string ids;
    std::getline(ss, j.kind, '\t');
    std::getline(ss, j.query, '\t');
    std::getline(ss, ids);
    std::istringstream is(ids);
    for (std::string id; is >> id;) j.expected.push_back(id);
    out.push_back(std::move(j));
  }
  return out;
}

// The identifiers a hit answers to: DOI, PMID, source id (NCT for trial
// records), registry ids, work id.
std::set<std::string> HitIds(const kb::SearchHit& h) {
  std::set<std::string> ids{h.id};
  for (const char* k : {"doi", "pmid", "source_id"}) {
    auto it = h.record.find(k);
    if (it != h.record.end() && it->is_string()) ids.insert(it->get<std::string>());
  }
  auto r = h.record.find("registry_ids");
  if (r != h.record.end() && r->is_array()) {
    for (const auto& v : *r) {
      if (v.is_string()) ids.insert(v.get<std::string>());
    }
  }
  return ids;
}

TEST(JudgedQueries, RecallPrecisionAndRanking) {
  const std::string corpus = CKB_SOURCE_DIR "/../shared/corpus";
  if (!fs::exists(corpus + "/seed")) GTEST_SKIP() << "shared corpus not present";
  auto t0 = std::chrono::steady_clock::now();
  fs::path dir = fs::temp_directory_path() / ("ckb-judged-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  kb::OpenOptions oo;
  oo.write = true;
  oo.min_free_bytes = 0;
  auto opened = kb::KnowledgeBase::Open(dir.string(), oo);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  std::unique_ptr<kb::KnowledgeBase> base = std::move(opened.value());
  const auto& ex = knowledge::EntityExtractor::Default();
  {
    ingest::Ingester ing(*base, ex, ingest::IngestOptions(), [](const Diagnostic&) {});
    for (const std::string& p :
         {corpus + "/seed/her2-ultralow-review.txt", std::string(CKB_SOURCE_DIR "/tests/data/search/bench-subset.jsonl.gz"),
          corpus + "/medline-xml/pubmed-29768149.xml", corpus + "/jats-pmc-samples", corpus + "/ctgov-api-v2-json"}) {
      ASSERT_TRUE(ing.IndexPath(p).ok()) << p;
    }
    ASSERT_TRUE(ing.Finish().ok());
  }
  kb::TermResolver resolve = MakeResolver(ex, *base);
  CompileContext ctx;
  ctx.extractor = &ex;
  ctx.base = base.get();

  auto judged = ReadJudged(CKB_SOURCE_DIR "/tests/data/search/judged.tsv");
  ASSERT_GE(judged.size(), 40u);
  double sum_p10 = 0, sum_ndcg = 0;
  int ranked = 0;
  for (const auto& j : judged) {
    CompiledQuery cq = CompileQuery(j.query, ctx);
    ASSERT_FALSE(cq.error) << j.query << ": " << cq.error->message;
    kb::SearchRequest req;
    req.tree = cq.tree;
    req.limit = 200;
    req.snippets = false;
    auto res = base->Search(req, resolve);
    ASSERT_TRUE(res.ok()) << j.query;
    const auto& hits = res.value().hits;
    std::set<std::string> expected(j.expected.begin(), j.expected.end());
    std::vector<bool> relevant;
    std::set<std::string> found;
    for (const auto& h : hits) {
      bool rel = false;
      for (const auto& id : HitIds(h)) {
        if (expected.count(id)) {
          rel = true;
          found.insert(id);
        }
      }
      relevant.push_back(rel);
      if (j.kind == "filter") {
        EXPECT_TRUE(rel) << j.query << ": unexpected hit " << h.id << " " << h.record.value("title", "");
      }
    }
    for (const auto& e : expected) EXPECT_TRUE(found.count(e)) << j.query << ": missed " << e;
    if (j.kind != "ranked") continue;
    int rel10 = 0;
    double dcg = 0, idcg = 0;
    for (size_t i = 0; i < 10; ++i) {
      if (i < relevant.size() && relevant[i]) {
        ++rel10;
        dcg += 1.0 / std::log2(static_cast<double>(i) + 2);
      }
      if (i < expected.size()) idcg += 1.0 / std::log2(static_cast<double>(i) + 2);
    }
    double p10 = rel10 / std::min(10.0, static_cast<double>(expected.size()));
    double ndcg = idcg > 0 ? dcg / idcg : 0;
    std::printf("  %-60s P@10 %.2f nDCG@10 %.2f\n", j.query.c_str(), p10, ndcg);
    sum_p10 += p10;
    sum_ndcg += ndcg;
    ++ranked;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("judged queries: %zu (%d ranked); mean P@10 %.3f, mean nDCG@10 %.3f; %.1f s\n", judged.size(), ranked,
              sum_p10 / ranked, sum_ndcg / ranked, secs);
  base.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ckb::query
