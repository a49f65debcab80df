// SPDX-License-Identifier: GPL-3.0-or-later
// Database CSV/TSV exports: the real Embase CSV of the shared corpus and the
// vendor-layout samples of tests/data/exports (real records, see its
// README.md), counted field by field against counts taken with Python's csv
// module; detection; malformed rows.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "readers/formats.h"
#include "readers/parser.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ExportSample(const std::string& name) {
  return ReadFile(std::string(CKB_SOURCE_DIR "/tests/data/exports/") + name);
}

size_t CountIf(const ParseResult& r, const std::function<bool(const Work&)>& pred) {
  size_t n = 0;
  for (const Document& d : r.documents) n += pred(d.work) ? 1 : 0;
  return n;
}

size_t Authors(const ParseResult& r) {
  size_t n = 0;
  for (const Document& d : r.documents) n += d.work.authors.size();
  return n;
}

std::string Detect(const std::string& name, const std::string& bytes) {
  const Format* f = DetectFormat(name, bytes.substr(0, 4096));
  return f ? f->name : "";
}

// Counts from Python's csv module over the same file (tests/data/exports/README.md).
TEST(CsvExportTest, EmbaseRealSample) {
  if (!testing::HaveSharedCorpus("ris-exports-asreview")) GTEST_SKIP() << "no shared corpus";
  std::string bytes = ReadFile(testing::SharedCorpus("ris-exports-asreview") + "/embase.csv");
  EXPECT_EQ(Detect("embase.csv", bytes), "csv");
  ParseResult r = ParseWith("csv", bytes);
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.documents.size(), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.title.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.doi.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.journal.empty() && w.year; }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.abstract.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.keywords.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.volume.empty() && !w.pages.empty(); }), 6u);
  EXPECT_EQ(Authors(r), 29u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.title, "Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Liu R", "Adler DG"}));
  EXPECT_EQ(w.journal, "Endoscopic Ultrasound");
  EXPECT_EQ(w.year, 2014);
  EXPECT_EQ(w.volume, "3");
  EXPECT_EQ(w.issue, "3");
  EXPECT_EQ(w.pages, "152-160");
  EXPECT_EQ(w.doi, "10.4103/2303-9027.138783");
  EXPECT_EQ(w.keywords[1], "bronchogenic duplication cyst");
  EXPECT_EQ(r.documents[0].line, 2);
  // "International Journal of Surgery Case Reports (2019) 54 (83-86). Date of Publication: 1 Jan 2019"
  const Work& w3 = r.documents[2].work;
  EXPECT_EQ(w3.journal, "International Journal of Surgery Case Reports");
  EXPECT_EQ(w3.volume, "54");
  EXPECT_EQ(w3.issue, "");
  EXPECT_EQ(w3.pages, "83-86");
  EXPECT_EQ(w3.doi, "10.1016/j.ijscr.2018.11.060");
  EXPECT_EQ(w3.dates.at("published"), "2019-01-01");
}

TEST(CsvExportTest, ScopusSample) {
  std::string bytes = ExportSample("scopus.csv");
  EXPECT_EQ(Detect("scopus.csv", bytes), "csv");
  ParseResult r = ParseWith("csv", bytes);
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.documents.size(), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.doi.empty() && w.year && !w.journal.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.issue.empty(); }), 2u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.pages.empty(); }), 6u);  // Page start or Art. No.
  EXPECT_EQ(CountIf(r, [](const Work& w) { return w.type == "review"; }), 2u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return w.lang == "en" && !w.abstract.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return w.source_id.rfind("2-s2.0-", 0) == 0; }), 6u);
  EXPECT_EQ(Authors(r), 26u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.title,
            "Stress and the brain-gut axis in functional and chronic-inflammatory gastrointestinal diseases: A "
            "transdisciplinary challenge");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Labanski A", "Langhorst J", "Engler H", "Elsenbruch S"}));
  EXPECT_EQ(w.journal, "Psychoneuroendocrinology");
  EXPECT_EQ(w.volume, "111");
  EXPECT_EQ(w.pages, "104501");
  EXPECT_EQ(w.doi, "10.1016/j.psyneuen.2019.104501");
  EXPECT_EQ(w.keywords.front(), "Brain-gut axis");
  EXPECT_EQ(w.keywords.size(), 9u);
}

TEST(CsvExportTest, PubmedSample) {
  std::string bytes = ExportSample("pubmed.csv");
  EXPECT_EQ(Detect("csv-pubmed.csv", bytes), "csv");
  ParseResult r = ParseWith("csv", bytes);
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.documents.size(), 10u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.pmid.empty() && !w.title.empty() && w.year; }), 10u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.doi.empty(); }), 7u);
  // Nine citations carry volume(issue):pages; the first is ahead of print.
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.volume.empty() && !w.pages.empty(); }), 9u);
  EXPECT_EQ(Authors(r), 51u);
  const Work& w = r.documents[1].work;
  EXPECT_EQ(w.pmid, "30576676");
  EXPECT_EQ(w.journal, "J Oral Maxillofac Surg");
  EXPECT_EQ(w.volume, "77");
  EXPECT_EQ(w.issue, "3");
  EXPECT_EQ(w.pages, "555.e1-555.e6");
  EXPECT_EQ(w.dates.at("published"), "2019-03");
  EXPECT_EQ(w.doi, "10.1016/j.joms.2018.11.016");
  EXPECT_EQ(w.title.back(), 't');  // "... A Case Report" without PubMed's final period
  EXPECT_EQ(r.documents[0].work.authors.front(), "Kimura M");
}

TEST(CsvExportTest, WosTabDelimitedSample) {
  std::string bytes = ExportSample("wos_savedrecs.txt");
  EXPECT_EQ(Detect("savedrecs.txt", bytes), "csv");
  ParseResult r = ParseWith("csv", bytes);
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.documents.size(), 10u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.doi.empty() && !w.title.empty() && w.year; }), 10u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.journal.empty(); }), 9u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.issue.empty(); }), 9u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.pages.empty(); }), 9u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return w.source_id.rfind("WOS:", 0) == 0; }), 9u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.keywords.empty(); }), 9u);
  EXPECT_EQ(Authors(r), 36u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Alceste F", "Luke TJ", "Kassin SM"}));
  EXPECT_EQ(w.pages, "387-397");
  EXPECT_EQ(w.dates.at("published"), "2018-09");
  EXPECT_EQ(w.doi, "10.1016/j.jarmac.2018.03.001");
  EXPECT_EQ(w.keywords.size(), 11u);
}

TEST(CsvExportTest, LensSample) {
  std::string bytes = ExportSample("lens.csv");
  EXPECT_EQ(Detect("lens-export.csv", bytes), "csv");
  ParseResult r = ParseWith("csv", bytes);
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.documents.size(), 8u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.doi.empty() && !w.journal.empty() && w.year; }), 8u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.pmid.empty(); }), 7u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.pmcid.empty(); }), 6u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.abstract.empty(); }), 7u);
  EXPECT_EQ(CountIf(r, [](const Work& w) { return !w.issue.empty(); }), 6u);
  EXPECT_EQ(Authors(r), 52u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.source_id, "000-463-679-101-319");
  EXPECT_EQ(w.authors.front(), "Blomberg Björn A");
  EXPECT_EQ(w.pmid, "22752652");
  EXPECT_EQ(w.pmcid, "PMC3553406");
  EXPECT_EQ(w.pages, "97-105");
  EXPECT_EQ(w.dates.at("published"), "2012-07-03");
}

TEST(CsvExportTest, UnknownHeaderIsNotClaimed) {
  const std::string bytes = "id,name,score\n1,a,3.5\n";
  EXPECT_EQ(Detect("grades.csv", bytes), "");
  std::string msg = NoFormatMessage("grades.csv", bytes, "--as");
  EXPECT_NE(msg.find("csv"), std::string::npos) << msg;
  Status s;
  ParseWith("csv", bytes, &s, "grades.csv");
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_NE(s.message().find("grades.csv"), std::string::npos);
}

TEST(CsvExportTest, BadRowsAreNamedAndTheRestRead) {
  const std::string bytes =
      "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"
      "111,First kept,\"Doe J.\",\"J X. 2020;1(2):3-4.\",Doe J,J X,2020,2020/01/02,,,\n"
      "\"222\"oops,Bad quote,,,,,,,,,\n"
      ",,\"Nobody A.\",,,,2021,,,,\n"
      "333,Too many,a,b,c,d,2020,e,,,,extra,extra\n"
      "444,\"Bad \xFF byte\",,,,,2020,,,,\n"
      "555,\"Last kept, with \"\"quotes\"\"\",,,,J Y,2022,,PMC123,,10.1000/Z\n";
  Status s;
  ParseResult r = ParseWith("csv", bytes, &s, "pubmed-csv.csv");
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].work.volume, "1");
  EXPECT_EQ(r.documents[1].work.title, "Last kept, with \"quotes\"");
  EXPECT_EQ(r.documents[1].work.doi, "10.1000/z");
  EXPECT_EQ(r.documents[1].work.pmcid, "PMC123");
  EXPECT_EQ(r.documents[1].line, 7);
  ASSERT_EQ(r.diagnostics.size(), 4u);
  std::vector<int64_t> lines;
  for (const Diagnostic& d : r.diagnostics) {
    EXPECT_EQ(d.source, "pubmed-csv.csv");
    lines.push_back(d.line);
  }
  EXPECT_EQ(lines, (std::vector<int64_t>{3, 4, 5, 6}));
  EXPECT_NE(r.diagnostics[0].message.find("closing quote"), std::string::npos);
  EXPECT_NE(r.diagnostics[1].message.find("without title or identifier"), std::string::npos);
  EXPECT_NE(r.diagnostics[2].message.find("13 fields"), std::string::npos);
  EXPECT_NE(r.diagnostics[3].message.find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace ckb::readers
