// SPDX-License-Identifier: GPL-3.0-or-later
// RIS parser: tag mapping, export variants, malformed records, shared exports.
#include <gtest/gtest.h>

#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

TEST(RisTest, MapsZoteroStyleRecord) {
  const char kRis[] =
      "\xEF\xBB\xBFTY  - JOUR\r\n"
      "TI  - Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer\r\n"
      "AU  - Modi, Shanu\r\n"
      "AU  - Jacot, W.\r\n"
      "T2  - New England Journal of Medicine\r\n"
      "J2  - N Engl J Med\r\n"
      "PY  - 2022\r\n"
      "DA  - 2022/07/07/\r\n"
      "VL  - 387\r\n"
      "IS  - 1\r\n"
      "SP  - 9\r\n"
      "EP  - 20\r\n"
      "DO  - https://doi.org/10.1056/NEJMoa2203690\r\n"
      "AN  - 35665782\r\n"
      "DB  - PubMed\r\n"
      "C2  - PMC10561652\r\n"
      "KW  - HER2-low\r\n"
      "N1  - ClinicalTrials.gov: NCT03734029\r\n"
      "AB  - Background text\r\n"
      "LA  - eng\r\n"
      "ER  - \r\n";
  ParseResult r = ParseWith("ris", kRis);
  ASSERT_EQ(r.documents.size(), 1u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.type, "article");
  EXPECT_EQ(w.title, "Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Modi Shanu", "Jacot W"}));
  EXPECT_EQ(w.journal, "New England Journal of Medicine");
  EXPECT_EQ(w.journal_abbrev, "N Engl J Med");
  EXPECT_EQ(w.year, 2022);
  EXPECT_EQ(w.dates.at("published"), "2022-07-07");
  EXPECT_EQ(w.volume, "387");
  EXPECT_EQ(w.issue, "1");
  EXPECT_EQ(w.pages, "9-20");
  EXPECT_EQ(w.doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(w.pmid, "35665782");
  EXPECT_EQ(w.pmcid, "PMC10561652");
  EXPECT_EQ(w.keywords, std::vector<std::string>{"HER2-low"});
  EXPECT_EQ(w.registry_ids, std::vector<std::string>{"NCT03734029"});
  EXPECT_EQ(w.abstract, "Background text");
  EXPECT_EQ(w.lang, "en");
  EXPECT_EQ(r.documents[0].line, 1);
}

TEST(RisTest, ToleratesVariants) {
  struct Case {
    const char* name;
    std::string ris;
    size_t documents;
    size_t diagnostics;
  };
  const Case cases[] = {
      {"one-space tags", "TY - JOUR\nTI - A title\nER -\n", 1, 0},
      {"missing ER", "TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\n", 2, 0},
      {"record number lines (Ovid)", "1.\nTY  - JOUR\nT1  - Ovid title\nER  - \n\n2.\n", 1, 0},
      {"empty record", "TY  - GEN\nN1  - nothing\nER  - \nTY  - JOUR\nTI  - Kept\nER  - \n", 1, 1},
      {"continuation lines", "TY  - JOUR\nTI  - A long\n  wrapped title\nKW  - one\ntwo\nER  - \n", 1, 0},
      {"CR only", "TY  - JOUR\rTI  - Mac\rER  - \r", 1, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ParseResult r = ParseWith("ris", c.ris);
    EXPECT_EQ(r.documents.size(), c.documents);
    EXPECT_EQ(r.diagnostics.size(), c.diagnostics);
  }
  ParseResult r = ParseWith("ris", cases[4].ris);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].work.title, "A long wrapped title");
  EXPECT_EQ(r.documents[0].work.keywords, (std::vector<std::string>{"one", "two"}));
  ParseResult e = ParseWith("ris", cases[3].ris);
  ASSERT_EQ(e.diagnostics.size(), 1u);
  EXPECT_EQ(e.diagnostics[0].record, 1);
  EXPECT_EQ(e.diagnostics[0].line, 1);
  EXPECT_EQ(e.documents[0].record, 2);
}

TEST(RisTest, RejectsNonRis) {
  for (const char* text : {"", "hello world\n", "<xml/>"}) {
    SCOPED_TRACE(text);
    Status s;
    ParseWith("ris", text, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError);
    EXPECT_NE(s.message().find("test-input"), std::string::npos);
  }
}

TEST(RisTest, Sniffs) {
  EXPECT_EQ(DetectFormat("x.ris", "TY  - JOUR\n")->name, "ris");
  EXPECT_EQ(DetectFormat("x.txt", "\xEF\xBB\xBFTY  - JOUR\r\n")->name, "ris");
  EXPECT_EQ(DetectFormat("x.txt", "\n1.\nTY  - JOUR\n")->name, "ris");
}

TEST(RisTest, SharedAsreviewExports) {
  if (!testing::HaveSharedCorpus("ris-exports-asreview")) GTEST_SKIP() << "shared corpus absent";
  // TY lines per file (grep -c '^TY  -', BOM-aware): _baseline 100, baseline_reference_types 61,
  // baseline_zotero 100, embase 6, faulty_year 1, ovid_psycinfo 6, ovid_zotero 6, proquest 6,
  // pubmed_zotero 6, ris_many_authors 1, scopus 6, pubmed_endnote.txt 6, ris_issue_1099.txt 7,
  // ris_issue_992.txt 19, web_of_science.txt 10: 341 records. The 61 records of
  // baseline_reference_types.ris carry only a type and a note: skipped with a diagnostic each.
  std::string dir = testing::SharedCorpus("ris-exports-asreview");
  testing::FolderCounts c;
  size_t docs = 0, diags = 0;
  int inputs = 0;
  for (const char* f : {"_baseline.ris", "baseline_reference_types.ris", "baseline_zotero.ris",
                        "embase.ris", "faulty_year.ris", "ovid_psycinfo.ris", "ovid_zotero.ris",
                        "proquest.ris", "pubmed_zotero.ris", "ris_many_authors.ris", "scopus.ris",
                        "pubmed_endnote.txt", "ris_issue_1099.txt", "ris_issue_992.txt",
                        "web_of_science.txt"}) {
    testing::FolderCounts one = testing::ParseFolder(dir + "/" + f, "");
    inputs += one.inputs;
    docs += one.documents;
    diags += one.diagnostics;
    EXPECT_EQ(one.all.format.empty(), true);
    for (const Document& d : one.all.documents) EXPECT_FALSE(d.work.title.empty()) << f;
  }
  EXPECT_EQ(inputs, 15);
  EXPECT_EQ(docs, 280u);
  EXPECT_EQ(diags, 61u);
  testing::FolderCounts many = testing::ParseFolder(dir + "/ris_many_authors.ris", "");
  ASSERT_EQ(many.documents, 1u);
  EXPECT_GT(many.all.documents[0].work.authors.size(), 100u);
  testing::FolderCounts endnote = testing::ParseFolder(dir + "/pubmed_endnote.txt", "");
  ASSERT_EQ(endnote.documents, 6u);
  for (const Document& d : endnote.all.documents) EXPECT_FALSE(d.work.pmid.empty());
  testing::FolderCounts ovid = testing::ParseFolder(dir + "/ovid_psycinfo.ris", "");
  bool nct = false;
  for (const Document& d : ovid.all.documents) {
    for (const std::string& id : d.work.registry_ids) nct |= id == "NCT02265588";
  }
  EXPECT_TRUE(nct);
}

}  // namespace
}  // namespace ckb::readers
