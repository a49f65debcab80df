// SPDX-License-Identifier: GPL-3.0-or-later
// Replays every fuzz seed, fuzz regression and malformed-corpus file through
// every parser entry point (each format, the reference-string parser, the
// entity matcher, search) in the normal build: nothing may crash, hang or
// produce text that is not valid UTF-8.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "knowledge/entities.h"
#include "readers/formats.h"
#include "ingest/ingest.h"
#include "ingest/internal/record_clean.h"
#include "readers/parser.h"
#include "citations/refstring.h"
#include "kb/kb.h"
#include "kb/record.h"
#include "query/resolve.h"

namespace ckb {
namespace {
namespace fs = std::filesystem;

constexpr size_t kMaxReplayBytes = size_t{8} << 20;

// The seed folders kept outside fuzz/seeds (fuzz/seed_dirs: "target folder").
std::vector<std::string> SeedDirs() {
  std::vector<std::string> out;
  std::ifstream f(fs::path(CKB_SOURCE_DIR) / "fuzz" / "seed_dirs");
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find(' ');
    if (sp != std::string::npos) out.push_back(line.substr(sp + 1));
  }
  return out;
}

std::vector<fs::path> ReplayFiles() {
  std::vector<fs::path> out;
  std::vector<std::string> dirs = {"fuzz/seeds", "fuzz/regressions", "tests/corpus/bad"};
  for (std::string& d : SeedDirs()) dirs.push_back(std::move(d));
  for (const std::string& dir : dirs) {
    fs::path root = fs::path(CKB_SOURCE_DIR) / dir;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file()) out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());  // a folder named for several targets
  return out;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (s.size() > kMaxReplayBytes) s.resize(kMaxReplayBytes);
  return s;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// The first field of a parse result that is not valid UTF-8, or "".
std::string FirstInvalidField(const ParseResult& r) {
  auto work = [](const Work& w) -> std::string {
    for (const auto* s : {&w.title, &w.abstract, &w.journal, &w.doi, &w.pmid, &w.source_id}) {
      if (!ValidUtf8(*s)) return "work field '" + s->substr(0, 40) + "'";
    }
    for (const auto& a : w.authors) {
      if (!ValidUtf8(a)) return "author";
    }
    for (const auto& s : w.sections) {
      if (!ValidUtf8(s.text)) return "section text";
    }
    return "";
  };
  for (const auto& d : r.documents) {
    std::string bad = work(d.work);
    if (!bad.empty()) return bad;
    for (const auto* list : {&d.references, &d.related}) {
      for (const auto& ref : *list) {
        if (!ValidUtf8(ref.raw) || !ValidUtf8(ref.title)) return "reference";
      }
    }
  }
  for (const auto& t : r.trials) {
    for (const auto* s : {&t.nct, &t.brief_title, &t.official_title, &t.summary}) {
      if (!ValidUtf8(*s)) return "trial field";
    }
  }
  return "";
}

TEST(FuzzReplay, EveryFileThroughEveryFormat) {
  auto files = ReplayFiles();
  ASSERT_FALSE(files.empty()) << "no seeds found under " << CKB_SOURCE_DIR;
  size_t runs = 0;
  for (const auto& p : files) {
    std::string bytes = ReadFile(p);
    std::string_view head = std::string_view(bytes).substr(0, 4096);
    (void)readers::DetectFormat(p.filename().string(), head);
    for (const readers::Format& f : readers::Formats()) {
      SCOPED_TRACE(p.string() + " as " + f.name);
      if (f.sniff) (void)f.sniff(p.filename().string(), head);
      auto t0 = std::chrono::steady_clock::now();
      ParseResult r;
      Status s = readers::ParseBytes(f, bytes, p.string(), &r);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      EXPECT_LT(secs, 5.0) << "parsing took " << secs << " s";
      // The tagged-text readers pass bytes through; ingest repairs them
      // (record_clean.h). Every other parser must return valid UTF-8 itself.
      if (f.name == "medline" || f.name == "ris" || f.name == "bibtex") {
        for (auto& d : r.documents) ingest::internal::CleanDocument(&d);
        for (auto& t : r.trials) ingest::internal::CleanTrial(&t);
      }
      EXPECT_EQ(FirstInvalidField(r), "");
      if (!s.ok()) {
        EXPECT_FALSE(s.message().empty());
      }
      ++runs;
    }
  }
  RecordProperty("files", static_cast<int>(files.size()));
  RecordProperty("parses", static_cast<int>(runs));
}

TEST(FuzzReplay, ReferenceStringsAndEntities) {
  const auto& ex = knowledge::EntityExtractor::Default();
  for (const auto& p : ReplayFiles()) {
    SCOPED_TRACE(p.string());
    std::string bytes = ReadFile(p);
    std::string_view all(bytes);
    // Whole (capped) input, then line by line.
    Reference whole = citations::ParseReferenceString(all.substr(0, 4096));
    EXPECT_TRUE(ValidUtf8(whole.title) || !ValidUtf8(all.substr(0, 4096)));
    auto mentions = ex.Extract(all.substr(0, 1 << 16), "abstract");
    for (const auto& m : mentions) EXPECT_LE(m.start, m.end);
    size_t start = 0;
    for (int n = 0; n < 200 && start < bytes.size(); ++n) {
      size_t nl = bytes.find('\n', start);
      if (nl == std::string::npos) nl = bytes.size();
      (void)citations::ParseReferenceString(all.substr(start, std::min<size_t>(nl - start, 4096)));
      start = nl + 1;
    }
  }
}

TEST(FuzzReplay, RecordMembersAgreeWithTheFullParser) {
  // As fuzz/record_fuzzer.cc: a valid JSON object is never refused, and the
  // wanted members equal the full parser's (keys compared as written).
  const std::vector<std::string_view> keys = {"id", "title", "authors", "year", "abstract", "doi", ""};
  size_t objects = 0;
  for (const auto& p : ReplayFiles()) {
    SCOPED_TRACE(p.string());
    std::string bytes = ReadFile(p);
    Json got = ParseJsonFields(bytes, keys);
    Json full = ParseJson(bytes);
    if (full.is_discarded() || !full.is_object()) continue;
    ++objects;
    ASSERT_FALSE(got.is_discarded());
    Json want = Json::object();
    for (auto it = full.begin(); it != full.end(); ++it) {
      if (std::find(keys.begin(), keys.end(), it.key()) != keys.end()) want[it.key()] = it.value();
    }
    if (bytes.find('\\') == std::string::npos) {
      EXPECT_EQ(got, want);
    } else {
      for (auto it = got.begin(); it != got.end(); ++it) EXPECT_EQ(want.value(it.key(), Json()), it.value());
    }
  }
  EXPECT_GE(objects, 40u);  // fuzz/seeds/record and the ctgov JSON studies
}

TEST(FuzzReplay, QuerySeedsAgainstASmallKnowledgeBase) {
  char tmpl[] = "/tmp/ckb-replay-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string dir = std::string(tmpl) + "/kb";
  {
    kb::OpenOptions w;
    w.write = true;
    w.min_free_bytes = 0;
    auto r = kb::KnowledgeBase::Open(dir, w);
    ASSERT_TRUE(r.ok()) << r.status().message();
    auto base = std::move(r).value();
    ingest::Ingester ing(*base, knowledge::EntityExtractor::Default(), {}, [](const Diagnostic&) {});
    ASSERT_TRUE(ing.IndexPath(CKB_SOURCE_DIR "/corpus/her2-ultralow-review.txt").ok());
    ASSERT_TRUE(ing.Finish().ok());
    ASSERT_TRUE(base->Close().ok());
  }
  auto r = kb::KnowledgeBase::Open(dir, kb::OpenOptions{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto base = std::move(r).value();
  auto resolver = query::MakeResolver(knowledge::EntityExtractor::Default(), *base);
  std::vector<std::string> queries;
  for (const auto& p : ReplayFiles()) {
    std::string s = ReadFile(p);
    if (p.parent_path().filename() == "query") {
      queries.push_back(s);
    } else {
      // The first line of every other file, as someone might paste it.
      queries.push_back("\x05" + s.substr(0, std::min(s.find('\n'), size_t{200})));
    }
  }
  for (const auto& q : queries) {
    if (q.empty()) continue;
    SCOPED_TRACE(q.substr(1, 80));
    kb::SearchRequest req;
    uint8_t opts = static_cast<uint8_t>(q[0]);
    req.text = q.substr(1);
    req.facets = opts & 1;
    req.explain = opts & 2;
    req.snippets = opts & 4;
    req.limit = 5;
    auto res = base->Search(req, resolver);
    // Bad queries are refused with a message, never by crashing.
    if (!res.ok()) {
      EXPECT_FALSE(res.status().message().empty());
    }
  }
  base.reset();
  std::error_code ec;
  fs::remove_all(tmpl, ec);
}

}  // namespace
}  // namespace ckb
