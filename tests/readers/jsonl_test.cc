// SPDX-License-Identifier: GPL-3.0-or-later
// JSON Lines parser: works vs trial registrations, field mapping, bad lines.
#include <gtest/gtest.h>

#include <cstdlib>

#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

TEST(JsonlTest, SplitsWorksAndTrials) {
  const char kLines[] =
      R"({"id": "PMID35665782", "pmid": "35665782", "nct": "NCT03734029", "source": "pubmed", "title": "T-DXd in HER2-low", "abstract": "Text.", "doi": "10.1056/NEJMoa2203690", "journal": "N Engl J Med", "year": 2022, "authors": ["Modi S", {"family": "Jacot", "given": "W."}], "pub_types": ["Randomized Controlled Trial"], "mesh": ["Breast Neoplasms"]})"
      "\n\n"
      R"({"id": "NCT03734029", "pmid": null, "nct": "NCT03734029", "source": "ctgov", "title": "DESTINY-Breast04", "abstract": "A  study."})"
      "\n"
      R"({"id": "x", "kind": "trial", "title": "no registry id"})"
      "\n"
      "{broken\n"
      R"({"id": "empty"})"
      "\n"
      R"({"id": "R1", "title": "A review", "type": "review", "authors": "A B; C D"})"
      "\n";
  ParseResult r = ParseWith("jsonl", kLines);
  ASSERT_EQ(r.documents.size(), 2u);
  ASSERT_EQ(r.trials.size(), 1u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.source_id, "PMID35665782");
  EXPECT_EQ(w.pmid, "35665782");
  EXPECT_EQ(w.doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(w.title, "T-DXd in HER2-low");
  EXPECT_EQ(w.journal, "N Engl J Med");
  EXPECT_EQ(w.year, 2022);
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Modi S", "Jacot W"}));
  EXPECT_EQ(w.type, "article");
  EXPECT_EQ(w.mesh, std::vector<std::string>{"Breast Neoplasms"});
  EXPECT_EQ(w.registry_ids, std::vector<std::string>{"NCT03734029"});
  EXPECT_EQ(r.documents[0].line, 1);
  EXPECT_EQ(r.documents[1].work.type, "review");
  EXPECT_EQ(r.documents[1].work.authors, (std::vector<std::string>{"A B", "C D"}));
  EXPECT_EQ(r.documents[1].record, 6);
  const Trial& t = r.trials[0];
  EXPECT_EQ(t.nct, "NCT03734029");
  EXPECT_EQ(t.brief_title, "DESTINY-Breast04");
  EXPECT_EQ(t.summary, "A study.");
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].line, 4);  // trial without id
  EXPECT_EQ(r.diagnostics[1].line, 5);  // broken JSON
  EXPECT_EQ(r.diagnostics[2].line, 6);  // nothing usable
  EXPECT_EQ(r.diagnostics[2].record, 5);
}

TEST(JsonlTest, RejectsNonJsonl) {
  for (const char* text : {"", "\n\n", "TY  - JOUR\n", "[1,2]\n", R"({"id": "only"})"}) {
    SCOPED_TRACE(text);
    Status s;
    ParseWith("jsonl", text, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError);
  }
}

TEST(JsonlTest, SaysWhatIsWrongWithALine) {
  Status s;
  ParseWith("jsonl", "{\"title\": \"a\", \"year\": NaN}\n", &s);
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_NE(s.message().find(":1: line is not valid JSON (column "), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("invalid literal"), std::string::npos) << s.message();
  // A pretty-printed document is named as such.
  ParseWith("jsonl", "{\n  \"title\": \"a\"\n}\n", &s);
  EXPECT_NE(s.message().find("spread over several lines"), std::string::npos) << s.message();
  // Later lines: skipped with the reason, bytes that are not text shown escaped.
  ParseResult r = ParseWith("jsonl", "{\"title\": \"a\"}\n{\"title\": \"b\xff\"}\n{\"title\": \"c\"}\n", &s);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.documents.size(), 2u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 2);
  EXPECT_NE(r.diagnostics[0].message.find("ill-formed UTF-8 byte; last read: '\"b\\xFF'"), std::string::npos)
      << r.diagnostics[0].message;
}

TEST(JsonlTest, Sniffs) {
  EXPECT_EQ(DetectFormat("c.jsonl", R"({"id": "a", "title": "t"})")->name, "jsonl");
  EXPECT_EQ(DetectFormat("c.jsonl.zst", R"({"id": "a", "pmid": "1"})")->name, "jsonl");
  EXPECT_EQ(DetectFormat("c.jsonl", R"({"protocolSection": {}})")->name, "ctgov-json");
}

}  // namespace
}  // namespace ckb::readers

namespace ckb::readers {
namespace {

// Counts without keeping the records.
class CountingSink : public Sink {
 public:
  void OnDocument(Document) override { ++documents; }
  void OnTrial(Trial) override { ++trials; }
  void OnDiagnostic(Diagnostic) override { ++diagnostics; }
  size_t documents = 0, trials = 0, diagnostics = 0;
};

TEST(JsonlTest, SharedBenchCorpusThroughZstd) {
  // About 300 MB of JSON: run only when CKB_SLOW_TESTS is set.
  if (!std::getenv("CKB_SLOW_TESTS")) GTEST_SKIP() << "set CKB_SLOW_TESTS=1 to run";
  if (!testing::HaveSharedCorpus("bench-abstracts")) GTEST_SKIP() << "shared corpus absent";
  // 110,524 lines (zstdcat | wc -l): 101,016 with "source": "ctgov" and 9,508
  // abstracts (counted with python's json module). Read straight from .zst.
  CountingSink sink;
  int inputs = 0;
  Status s = ForEachInput(testing::SharedCorpus("bench-abstracts/corpus_real.jsonl.zst"),
                          [&](Input& in) {
                            ++inputs;
                            return ParseInput(in, "", sink);
                          });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(inputs, 1);
  EXPECT_EQ(sink.trials, 101016u);
  EXPECT_EQ(sink.documents, 9508u);
  EXPECT_EQ(sink.diagnostics, 0u);
}

}  // namespace
}  // namespace ckb::readers
