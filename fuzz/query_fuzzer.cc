// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for search: arbitrary query text (with our field prefixes,
// entity expansion and options picked from the first byte) against a small
// knowledge base built once in a temporary folder from the seed review.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "kb/kb.h"
#include "query/resolve.h"

namespace {

std::unique_ptr<ckb::kb::KnowledgeBase> g_base;
ckb::kb::TermResolver g_resolver;

void Cleanup() {
  if (!g_base) return;
  std::string dir = g_base->dir();
  g_base.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

bool Build() {
  char tmpl[] = "/tmp/ckb-fuzz-query-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) return false;
  std::string dir = std::string(tmpl) + "/kb";
  ckb::kb::OpenOptions w;
  w.write = true;
  w.min_free_bytes = 0;
  {
    auto r = ckb::kb::KnowledgeBase::Open(dir, w);
    if (!r.ok()) return false;
    auto base = std::move(r).value();
    ckb::ingest::Ingester ing(*base, ckb::knowledge::EntityExtractor::Default(), {},
                               [](const ckb::Diagnostic&) {});
    const char* seed = std::getenv("CKB_FUZZ_QUERY_SEED");
    std::string path = seed ? seed : CKB_SOURCE_DIR "/corpus/her2-ultralow-review.txt";
    if (!ing.IndexPath(path).ok() || !ing.Finish().ok() || !base->Close().ok()) return false;
  }
  auto r = ckb::kb::KnowledgeBase::Open(dir, ckb::kb::OpenOptions{});
  if (!r.ok()) return false;
  g_base = std::move(r).value();
  g_resolver = ckb::query::MakeResolver(ckb::knowledge::EntityExtractor::Default(), *g_base);
  std::atexit(Cleanup);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!Build()) __builtin_trap();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t opts = data[0];
  ckb::kb::SearchRequest req;
  req.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  req.facets = opts & 1;
  req.explain = opts & 2;
  req.snippets = opts & 4;
  req.sort = (opts & 8) ? "date" : (opts & 16) ? "cited" : "relevance";
  req.limit = 5;
  if (opts & 32) req.filters.emplace_back("XY", req.text.substr(0, 16));
  if (opts & 64) req.year_from = static_cast<int>(opts) * 16;
  auto r = g_base->Search(req, g_resolver);
  (void)r;
  return 0;
}
