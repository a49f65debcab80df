// SPDX-License-Identifier: GPL-3.0-or-later
// Reading speed of saved HTML article pages beside the page-text reader on
// the same references: a PMC-like page (tests/data/html/pmc.html) whose list
// is grown to N = 100 ... 3,200 entries, and the same entries as a numbered
// text page. Bytes/s is the input size over the parse time.
// bench-requires: ParseHtmlPage
#include <benchmark/benchmark.h>

#include <fstream>
#include <re2/re2.h>
#include <sstream>
#include <string>
#include <vector>

#include "readers/formats.h"
#include "readers/parser.h"

namespace {

struct Pages {
  std::string head, tail;             // pmc.html around its <li> entries
  std::vector<std::string> items;     // the <li> entries
  std::vector<std::string> printed;   // their printed strings (<cite>)
};

const Pages& Sample() {
  static const Pages pages = [] {
    Pages p;
    std::ifstream in(CKB_SOURCE_DIR "/tests/data/html/pmc.html", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    size_t b = s.find("<li id=\"B1\">"), e = s.rfind("</ul>");
    if (b == std::string::npos || e == std::string::npos) return p;
    p.head = s.substr(0, b);
    p.tail = s.substr(e);
    static const RE2 cite("<cite>(.*?)</cite>");
    for (size_t i = b; i < e;) {
      size_t next = s.find("</li>\n", i);
      if (next == std::string::npos || next > e) break;
      p.items.push_back(s.substr(i, next + 6 - i));
      std::string printed;
      if (RE2::PartialMatch(p.items.back(), cite, &printed)) p.printed.push_back(printed);
      i = next + 6;
    }
    return p;
  }();
  return pages;
}

std::string HtmlPage(size_t n) {
  const Pages& p = Sample();
  std::string out = p.head;
  for (size_t i = 0; i < n; ++i) out += p.items[i % p.items.size()];
  return out + p.tail;
}

std::string TextPage(size_t n) {
  const Pages& p = Sample();
  std::string out = "References\n";
  for (size_t i = 0; i < n; ++i) out += "[" + std::to_string(i + 1) + "] " + p.printed[i % p.printed.size()] + "\n";
  return out;
}

void Run(benchmark::State& state, const char* format, const std::string& bytes) {
  const ckb::readers::Format* f = ckb::readers::FindFormat(format);
  if (Sample().items.empty() || !f) {
    state.SkipWithError("tests/data/html/pmc.html not found");
    return;
  }
  size_t refs = 0;
  for (auto _ : state) {
    ckb::ParseResult out;
    if (!ckb::readers::ParseBytes(*f, bytes, "bench", &out).ok()) state.SkipWithError("parse failed");
    refs = out.documents.empty() ? 0 : out.documents[0].references.size();
  }
  state.counters["refs"] = static_cast<double>(refs);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_Html(benchmark::State& state) { Run(state, "html", HtmlPage(static_cast<size_t>(state.range(0)))); }
void BM_PageText(benchmark::State& state) { Run(state, "page", TextPage(static_cast<size_t>(state.range(0)))); }

void Sizes(benchmark::internal::Benchmark* b) {
  for (int n = 100; n <= 3200; n *= 2) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}
BENCHMARK(BM_Html)->Apply(Sizes);
BENCHMARK(BM_PageText)->Apply(Sizes);

}  // namespace

BENCHMARK_MAIN();
