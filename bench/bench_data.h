// SPDX-License-Identifier: GPL-3.0-or-later
// Inputs of the micro benchmarks: abstracts from the benchmark corpus and the
// reference strings of the seed web page, read once from the shared corpus.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ckb::bench {

inline std::string SharedCorpus(const char* rel) {
  if (const char* dir = std::getenv("CKB_SHARED_CORPUS")) return std::string(dir) + "/" + rel;
  return std::string(CKB_SOURCE_DIR "/../shared/corpus/") + rel;
}

// The first `n` records' "abstract" (title prepended) of the benchmark
// corpus: $CKB_BENCH_ABSTRACTS (plain JSONL) if set, else the zstd file of
// the shared corpus through zstdcat. Empty when neither can be read.
inline const std::vector<std::string>& Abstracts(size_t n = 2000) {
  static const std::vector<std::string> texts = [n] {
    std::vector<std::string> out;
    std::string cmd;
    if (const char* p = std::getenv("CKB_BENCH_ABSTRACTS")) {
      cmd = std::string("head -n ") + std::to_string(n) + " '" + p + "'";
    } else {
      cmd = "zstdcat '" + SharedCorpus("bench-abstracts/corpus_real.jsonl.zst") +
            "' 2>/dev/null | head -n " + std::to_string(n);
    }
    FILE* f = popen(cmd.c_str(), "r");
    if (f == nullptr) return out;
    std::string line;
    char buf[1 << 16];
    while (std::fgets(buf, sizeof buf, f) != nullptr) {
      line += buf;
      if (line.empty() || line.back() != '\n') continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      line.clear();
      if (!j.is_object()) continue;
      std::string text = j.value("title", std::string());
      if (j.contains("abstract") && j["abstract"].is_string()) {
        text += "\n" + j["abstract"].get<std::string>();
      }
      out.push_back(std::move(text));
    }
    pclose(f);
    return out;
  }();
  return texts;
}

inline size_t TotalBytes(const std::vector<std::string>& v) {
  size_t n = 0;
  for (const auto& s : v) n += s.size();
  return n;
}

// The whole seed page text (empty when absent).
inline const std::string& SeedText() {
  static const std::string text = [] {
    std::ifstream in(SharedCorpus("seed/her2-ultralow-review.txt"), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  return text;
}

// The numbered entries of the seed page ("| [n] | ... |", possibly spread
// over several lines), without the number and table bars, whitespace folded.
inline const std::vector<std::string>& SeedReferences() {
  static const std::vector<std::string> refs = [] {
    std::vector<std::string> out;
    std::istringstream in(SeedText());
    std::string line, cur;
    bool open = false;
    auto finish = [&] {
      std::string folded;
      for (char c : cur) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (folded.empty() || folded.back() == ' ')) continue;
        folded += space ? ' ' : c;
      }
      while (!folded.empty() && (folded.back() == ' ' || folded.back() == '|')) folded.pop_back();
      if (!folded.empty()) out.push_back(folded);
      cur.clear();
      open = false;
    };
    while (std::getline(in, line)) {
      if (line.rfind("| [", 0) == 0) {
        if (open) finish();
        size_t bar = line.find('|', 3);
        if (bar == std::string::npos) continue;
        cur = line.substr(bar + 1);
        open = true;
      } else if (open) {
        cur += "\n" + line;
      }
      if (open && !cur.empty() && cur.find_last_not_of(" \r") != std::string::npos &&
          cur[cur.find_last_not_of(" \r")] == '|') {
        finish();
      }
    }
    if (open) finish();
    return out;
  }();
  return refs;
}

}  // namespace ckb::bench
