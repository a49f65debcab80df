// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the peer search programs: reading JSONL records and query
// files, timing, and latency percentiles, so every peer measures the same way.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ckb::bench {

// One input record: the fields the peers index and store.
struct PeerRecord {
  std::string id, pmid, nct, source, title, abstract;
  std::string line;  // the JSON line as read
};

inline std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

// Calls fn(const PeerRecord&) for each well-formed line of `path` ("-" is
// stdin). Returns the number of records, or -1 when the file cannot be read.
// Lines that are not JSON objects are counted in *bad and skipped.
template <typename Fn>
int64_t ForEachRecord(const std::string& path, Fn fn, int64_t* bad) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return -1;
    in = &file;
  }
  std::ios::sync_with_stdio(false);
  int64_t n = 0;
  PeerRecord r;
  while (std::getline(*in, r.line)) {
    if (r.line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(r.line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      ++*bad;
      continue;
    }
    r.id = JsonString(j, "id");
    r.pmid = JsonString(j, "pmid");
    r.nct = JsonString(j, "nct");
    r.source = JsonString(j, "source");
    r.title = JsonString(j, "title");
    r.abstract = JsonString(j, "abstract");
    fn(r);
    ++n;
  }
  return n;
}

// Non-empty, non-comment ('#') lines of a query file.
inline bool ReadQueries(const std::string& path, std::vector<std::string>* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out->push_back(line);
  }
  return true;
}

inline double NowSeconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// Nearest-rank percentile (p in 0..100) of unsorted values.
inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  if (rank < 1) rank = 1;
  return v[std::min(rank, v.size()) - 1];
}

// Prints one line per query ("latency_us<TAB>hits<TAB>query") to stdout and
// the summary as a "#"-line the benchmark script reads.
inline void PrintLatencies(const std::vector<std::string>& queries,
                           const std::vector<double>& micros, const std::vector<int64_t>& hits,
                           double total_seconds) {
  for (size_t i = 0; i < micros.size(); ++i) {
    std::printf("%.1f\t%lld\t%s\n", micros[i], static_cast<long long>(hits[i]), queries[i].c_str());
  }
  double sum = 0;
  for (double m : micros) sum += m;
  std::printf("# queries=%zu p50_us=%.1f p95_us=%.1f p99_us=%.1f mean_us=%.1f total_s=%.3f\n",
              micros.size(), Percentile(micros, 50), Percentile(micros, 95),
              Percentile(micros, 99), micros.empty() ? 0.0 : sum / micros.size(), total_seconds);
}

}  // namespace ckb::bench
