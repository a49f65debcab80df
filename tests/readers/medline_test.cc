// SPDX-License-Identifier: GPL-3.0-or-later
// MEDLINE (.nbib) parser: tags, continuation lines, record splitting.
#include <gtest/gtest.h>

#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

const char kNbib[] =
    "PMID- 35665782\n"
    "OWN - NLM\n"
    "DP  - 2022 Jul 7\n"
    "TI  - Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast\n"
    "      Cancer.\n"
    "PG  - 9-20\n"
    "LID - 10.1056/NEJMoa2203690 [doi]\n"
    "AB  - BACKGROUND: Low expression. (Funded by Daiichi Sankyo; DESTINY-Breast04\n"
    "      ClinicalTrials.gov number, NCT03734029.)\n"
    "FAU - Modi, Shanu\n"
    "AU  - Modi S\n"
    "FAU - Jacot, William\n"
    "AU  - Jacot W\n"
    "CN  - DESTINY-Breast04 Trial Investigators\n"
    "LA  - eng\n"
    "SI  - ClinicalTrials.gov/NCT03734029\n"
    "PT  - Clinical Trial, Phase III\n"
    "PT  - Journal Article\n"
    "PT  - Randomized Controlled Trial\n"
    "DEP - 20220605\n"
    "TA  - N Engl J Med\n"
    "JT  - The New England journal of medicine\n"
    "VI  - 387\n"
    "IP  - 1\n"
    "MH  - *Breast Neoplasms/drug therapy\n"
    "MH  - Female\n"
    "OT  - HER2-low\n"
    "PMC - PMC10561652\n"
    "AID - 10.1056/NEJMoa2203690 [doi]\n"
    "\n"
    "PMID- 2\n"
    "TI  - A systematic review.\n"
    "PT  - Systematic Review\n"
    "\n"
    "TI  - Orphan record without PMID\n"
    "\n"
    "PMID- 3\n"
    "TI  - Third\n";

TEST(MedlineTest, MapsTagsAndSplitsRecords) {
  ParseResult r = ParseWith("medline", kNbib);
  ASSERT_EQ(r.documents.size(), 3u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.pmid, "35665782");
  EXPECT_EQ(w.title, "Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer");
  EXPECT_EQ(w.year, 2022);
  EXPECT_EQ(w.dates.at("published"), "2022-07-07");
  EXPECT_EQ(w.dates.at("online"), "2022-06-05");
  EXPECT_EQ(w.pages, "9-20");
  EXPECT_EQ(w.doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(w.pmcid, "PMC10561652");
  EXPECT_EQ(w.authors,
            (std::vector<std::string>{"Modi S", "Jacot W", "DESTINY-Breast04 Trial Investigators"}));
  EXPECT_EQ(w.journal, "The New England journal of medicine");
  EXPECT_EQ(w.journal_abbrev, "N Engl J Med");
  EXPECT_EQ(w.volume, "387");
  EXPECT_EQ(w.issue, "1");
  EXPECT_EQ(w.lang, "en");
  EXPECT_EQ(w.type, "article");
  EXPECT_EQ(w.pub_types.size(), 3u);
  EXPECT_EQ(w.mesh, (std::vector<std::string>{"Breast Neoplasms", "Female"}));
  EXPECT_EQ(w.keywords, std::vector<std::string>{"HER2-low"});
  EXPECT_EQ(w.registry_ids, std::vector<std::string>{"NCT03734029"});
  EXPECT_NE(w.abstract.find("DESTINY-Breast04 ClinicalTrials.gov"), std::string::npos);
  EXPECT_EQ(r.documents[1].work.type, "review");
  EXPECT_EQ(r.documents[1].record, 2);
  EXPECT_EQ(r.documents[2].work.pmid, "3");
  EXPECT_EQ(r.documents[2].record, 4);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].record, 3);
  EXPECT_EQ(r.diagnostics[0].line, 35);
}

TEST(MedlineTest, RejectsOtherText) {
  for (const char* text : {"", "TY  - JOUR\nER  - \n", "just words\n"}) {
    SCOPED_TRACE(text);
    Status s;
    ParseWith("medline", text, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError);
  }
}

TEST(MedlineTest, Sniffs) {
  EXPECT_EQ(DetectFormat("pubmed.nbib", "PMID- 1\nTI  - x\n")->name, "medline");
  EXPECT_EQ(DetectFormat("pubmed.txt", "\nPMID- 1\n")->name, "medline");
}

}  // namespace
}  // namespace ckb::readers
