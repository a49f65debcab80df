// SPDX-License-Identifier: GPL-3.0-or-later
// Reading speed of the PDF reader (MB/s, pages/s) beside the page-text
// reader on the same article as text: a generated two-column article of N
// numbered references (a title, then the list in Helvetica, 2 x 48 lines a
// page), N = 100 ... 3,200, and the committed test PDFs rendered by Chromium.
// Bytes/s is the input size over the parse time; the page-text peer reads
// the same references as a text page.
// bench-requires: ParsePdf
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "readers/formats.h"
#include "readers/parser.h"

namespace {

// The lines of `refs` numbered references, wrapped at about 48 characters as
// both columns print them; the entries one a line are appended to `as_text`.
std::vector<std::string> ReferenceLines(int refs, std::string* as_text) {
  std::vector<std::string> out;
  for (int n = 1; n <= refs; ++n) {
    std::string entry = std::to_string(n) + ". Writer A" + std::to_string(n % 7) +
                        ", Author BC, Person D. A randomised trial of drug " + std::to_string(n) +
                        " in advanced breast cancer: final overall survival. J Clin Oncol. " +
                        std::to_string(1990 + n % 30) + ";" + std::to_string(n % 40 + 1) + ":" +
                        std::to_string(100 + n) + "-" + std::to_string(110 + n) + ".";
    *as_text += entry + "\n";
    size_t at = 0;
    while (at < entry.size()) {
      size_t len = std::min<size_t>(48, entry.size() - at);
      if (at + len < entry.size()) {
        size_t sp = entry.rfind(' ', at + len);
        if (sp != std::string::npos && sp > at) len = sp - at;
      }
      out.push_back(entry.substr(at, len));
      at += len;
      while (at < entry.size() && entry[at] == ' ') ++at;
    }
  }
  return out;
}

struct Generated {
  std::string pdf, text;
  int pages = 0;
};

// A valid PDF of `refs` references in two text columns (base-14 Helvetica).
Generated MakePdf(int refs) {
  Generated g;
  g.text = "A generated article for reading speed\n\nReferences\n";
  std::vector<std::string> lines = ReferenceLines(refs, &g.text);
  const int pages = static_cast<int>((lines.size() + 95) / 96);
  g.pages = pages;
  std::vector<std::string> objs = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                   "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string kids;
  size_t li = 0;
  for (int p = 0; p < pages; ++p) {
    std::string c = "BT\n";
    if (p == 0) c += "/F1 18 Tf 1 0 0 1 50 750 Tm (A generated article for reading speed) Tj\n"
                     "/F1 12 Tf 1 0 0 1 50 725 Tm (References) Tj\n";
    c += "/F1 9 Tf\n";
    for (int col = 0; col < 2; ++col) {
      for (int row = 0; row < 48 && li < lines.size(); ++row, ++li) {
        c += "1 0 0 1 " + std::to_string(col == 0 ? 50 : 320) + " " + std::to_string(700 - row * 13) + " Tm (" +
             lines[li] + ") Tj\n";
      }
    }
    c += "ET\n";
    int page_obj = static_cast<int>(objs.size()) + 1;
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                   "/Contents " + std::to_string(page_obj + 1) + " 0 R >>");
    objs.push_back("<< /Length " + std::to_string(c.size()) + " >>\nstream\n" + c + "endstream");
    kids += std::to_string(page_obj) + " 0 R ";
  }
  objs[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  std::string& out = g.pdf;
  out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return g;
}

void Run(benchmark::State& state, const std::string& format, const std::string& bytes, int pages) {
  const ckb::readers::Format* f = ckb::readers::FindFormat(format);
  size_t refs = 0;
  for (auto _ : state) {
    ckb::ParseResult out;
    ckb::Status st = ckb::readers::ParseBytes(*f, bytes, "bench.input", &out);
    if (!st.ok() || out.documents.empty()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
    refs = out.documents[0].references.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * pages,
                                                 benchmark::Counter::kIsRate);
  state.counters["refs"] = static_cast<double>(refs);
}

const Generated& Article(int refs) {
  static std::map<int, Generated> made;
  auto it = made.find(refs);
  if (it == made.end()) it = made.emplace(refs, MakePdf(refs)).first;
  return it->second;
}

void BM_PdfGenerated(benchmark::State& state) {
  const Generated& g = Article(static_cast<int>(state.range(0)));
  Run(state, "pdf", g.pdf, g.pages);
}
BENCHMARK(BM_PdfGenerated)->Arg(100)->Arg(200)->Arg(400)->Arg(800)->Arg(1600)->Arg(3200)->Unit(benchmark::kMillisecond);

// The same references as page text (the peer).
void BM_PageTextSameArticle(benchmark::State& state) {
  const Generated& g = Article(static_cast<int>(state.range(0)));
  Run(state, "page", g.text, g.pages);
}
BENCHMARK(BM_PageTextSameArticle)->Arg(100)->Arg(200)->Arg(400)->Arg(800)->Arg(1600)->Arg(3200)->Unit(benchmark::kMillisecond);

// The Chromium-rendered test articles (embedded fonts, 2 pages each).
void BM_PdfRendered(benchmark::State& state) {
  static const char* const kFiles[] = {"one", "two", "ay"};
  std::string path = std::string(CKB_SOURCE_DIR) + "/tests/data/pdf/1472-6831-8-11-" + kFiles[state.range(0)] + ".pdf";
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Run(state, "pdf", ss.str(), 2);
}
BENCHMARK(BM_PdfRendered)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
