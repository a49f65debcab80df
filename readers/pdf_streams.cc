// SPDX-License-Identifier: GPL-3.0-or-later
// The pre-scan of a PDF's zlib streams (internal/pdf_streams.h): inflates
// each with output caps and counts, without parsing objects or keeping the
// output.
#include "readers/internal/pdf_streams.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <vector>

namespace ckb::readers::internal {
namespace {

constexpr int kMaxChain = 3;            // FlateDecode filters chained on one stream
constexpr size_t kChunk = 64 << 10;     // inflate output buffer per stage
constexpr size_t kDictWindow = 64 << 10;  // how far back a stream's dictionary is sought

bool ZlibHeader(const unsigned char* p, size_t n) {
  return n >= 2 && (p[0] & 0x0F) == 8 && (p[0] >> 4) <= 7 && ((p[0] << 8) | p[1]) % 31 == 0;
}

bool Delimiter(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0' || c == '/' ||
         c == '<' || c == '>' || c == '[' || c == ']' || c == '(' || c == ')' || c == '%';
}

// Counts the name `name` ("/FlateDecode") as a whole token in `dict`.
int CountName(std::string_view dict, std::string_view name) {
  int n = 0;
  for (size_t k = dict.find(name); k != std::string_view::npos; k = dict.find(name, k + 1)) {
    size_t end = k + name.size();
    if (end == dict.size() || Delimiter(dict[end])) ++n;
  }
  return n;
}

// The dictionary just before a "stream" keyword at `k` ("<< ... >>"), or ""
// when there is none within kDictWindow bytes.
std::string_view DictBefore(std::string_view bytes, size_t k) {
  size_t e = k;
  while (e > 0 && (bytes[e - 1] == ' ' || bytes[e - 1] == '\r' || bytes[e - 1] == '\n' || bytes[e - 1] == '\t')) --e;
  if (e < 2 || bytes[e - 1] != '>' || bytes[e - 2] != '>') return {};
  size_t floor = e > kDictWindow ? e - kDictWindow : 0;
  int depth = 0;
  for (size_t i = e; i >= floor + 2; --i) {
    if (bytes[i - 1] == '>' && bytes[i - 2] == '>') {
      ++depth, --i;
    } else if (bytes[i - 1] == '<' && bytes[i - 2] == '<') {
      if (--depth == 0) return bytes.substr(i - 2, e - (i - 2));
      --i;
    }
  }
  return {};
}

bool ImageDict(std::string_view dict) {
  for (size_t k = dict.find("/Subtype"); k != std::string_view::npos; k = dict.find("/Subtype", k + 1)) {
    size_t v = k + 8;
    while (v < dict.size() && (dict[v] == ' ' || dict[v] == '\r' || dict[v] == '\n' || dict[v] == '\t')) ++v;
    if (CountName(dict.substr(v, 7), "/Image") > 0) return true;
  }
  return false;
}

// Up to kMaxChain inflaters, each feeding the next; the last stage's output
// is counted and dropped.
class Chain {
 public:
  // `ratio`: stop once the output passes kPdfRatioFloor at more than
  // kPdfMaxRatio times the input consumed so far (0: no ratio rule).
  Chain(int stages, uint64_t cap, uint64_t ratio)
      : stages_(std::min(stages, kMaxChain)), cap_(cap), ratio_(ratio) {}
  Chain(const Chain&) = delete;
  Chain& operator=(const Chain&) = delete;
  ~Chain() {
    for (int i = 0; i < opened_; ++i) inflateEnd(&z_[i]);
  }

  // Inflates `in` through the chain; returns the input consumed by stage 0.
  size_t Run(const unsigned char* in, size_t n) {
    Feed(0, in, n);
    return static_cast<size_t>(z_[0].total_in);
  }
  uint64_t out() const { return out_; }
  bool over_cap() const { return out_ > cap_; }
  bool over_ratio() const {
    return ratio_ > 0 && out_ > kPdfRatioFloor && out_ > ratio_ * std::max<uint64_t>(z_[0].total_in, 1);
  }

 private:
  // False once the chain should stop (cap passed, data error, stream end).
  bool Feed(int s, const unsigned char* in, size_t n) {
    if (s > 0 && s < stages_ && s == opened_ && !ZlibHeader(in, n)) stages_ = s;
    if (s >= stages_) {
      out_ += n;  // the last filter, or data that is not zlib: what poppler parses
      return !over_cap() && !over_ratio();
    }
    if (s == opened_) {
      z_[s] = z_stream{};
      if (inflateInit(&z_[s]) != Z_OK) return false;
      ++opened_;
      buf_[s].resize(kChunk);
    }
    z_stream& z = z_[s];
    z.next_in = const_cast<unsigned char*>(in);
    z.avail_in = static_cast<uInt>(n);
    int rc = Z_OK;
    while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0)) {
      z.next_out = buf_[s].data();
      z.avail_out = static_cast<uInt>(kChunk);
      rc = inflate(&z, Z_NO_FLUSH);
      size_t got = kChunk - z.avail_out;
      if (got > 0 && !Feed(s + 1, buf_[s].data(), got)) return false;
      if (rc == Z_BUF_ERROR && z.avail_out > 0) break;  // needs more input
    }
    return rc == Z_OK || rc == Z_BUF_ERROR;
  }

  int stages_;
  uint64_t cap_;
  uint64_t ratio_;
  int opened_ = 0;
  uint64_t out_ = 0;
  std::array<z_stream, kMaxChain> z_{};
  std::array<std::vector<unsigned char>, kMaxChain> buf_;
};

std::string MiB(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Where the data of a "stream" keyword at `k` starts, or npos when `k` is
// not the keyword (part of "endstream" or of a longer word).
size_t StreamData(std::string_view bytes, size_t k) {
  if (k >= 3 && bytes.substr(k - 3, 3) == "end") return std::string_view::npos;
  size_t d = k + 6;
  if (d < bytes.size() && bytes[d] == '\r') ++d;
  if (d < bytes.size() && bytes[d] == '\n') return d + 1;
  return d > k + 6 ? d : std::string_view::npos;
}

// The longest run of array or dictionary openers ("[", "<<") with only
// white space between them.
size_t LongestOpenerRun(std::string_view bytes) {
  size_t best = 0, run = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '[') {
      ++run;
    } else if (c == '<' && i + 1 < bytes.size() && bytes[i + 1] == '<') {
      ++run, ++i;
    } else if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0')) {
      best = std::max(best, run);
      run = 0;
    }
  }
  return std::max(best, run);
}

}  // namespace

PdfStreamScan ScanPdfStreams(std::string_view bytes) {
  PdfStreamScan scan;
  // poppler gives up past 500 levels but still walks the rest of such an
  // object slowly (arrays 10^5 deep: 0.4 s, 2.5 s under the sanitizers).
  if (LongestOpenerRun(bytes) > kPdfMaxNesting) {
    scan.refusal = "arrays or dictionaries nested more than " + std::to_string(kPdfMaxNesting) + " deep";
    return scan;
  }
  size_t pos = 0;
  for (size_t k; (k = bytes.find("stream", pos)) != std::string_view::npos;) {
    size_t d = StreamData(bytes, k);
    pos = k + 6;
    if (d == std::string_view::npos) continue;
    auto* data = reinterpret_cast<const unsigned char*>(bytes.data()) + d;
    size_t avail = bytes.size() - d;
    if (!ZlibHeader(data, avail)) continue;
    std::string_view dict = DictBefore(bytes, k);
    int flate = CountName(dict, "/FlateDecode") + CountName(dict, "/Fl");
    uint64_t cap = std::min(kPdfMaxStreamInflated, kPdfMaxTotalInflated - scan.total);
    Chain chain(std::max(flate, 1), cap, ImageDict(dict) ? 0 : kPdfMaxRatio);
    // Inflated up to the end of the file at most; zlib stops at the stream's end.
    size_t used = chain.Run(data, std::min<size_t>(avail, uInt{0x7FFFFFFF}));
    pos = std::max(pos, d + used);
    ++scan.streams;
    scan.largest = std::max(scan.largest, chain.out());
    scan.total += chain.out();
    if (chain.over_ratio()) {
      scan.refusal = "a compressed stream inflates more than " + std::to_string(kPdfMaxRatio) + "-fold past " +
                     MiB(kPdfRatioFloor);
    } else if (chain.out() > kPdfMaxStreamInflated) {
      scan.refusal = "a compressed stream inflates past " + MiB(kPdfMaxStreamInflated);
    } else if (scan.total > kPdfMaxTotalInflated) {
      scan.refusal = "its compressed streams inflate past " + MiB(kPdfMaxTotalInflated) + " in all";
    }
    if (!scan.refusal.empty()) break;
  }
  return scan;
}

}  // namespace ckb::readers::internal
