// SPDX-License-Identifier: GPL-3.0-or-later
// Web of Science plain text: the sample of tests/data/exports (the shared
// corpus's 10 Web of Science records in the plain-text layout), cited
// references, detection beside MEDLINE and RIS, and malformed records.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "readers/formats.h"
#include "readers/parser.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

std::string ReadExport(const std::string& name) {
  std::ifstream in(std::string(CKB_SOURCE_DIR "/tests/data/exports/") + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Detected(const std::string& name, const std::string& bytes) {
  const Format* f = DetectFormat(name, bytes.substr(0, 4096));
  return f ? f->name : "";
}

// Counts as in the tab-delimited sample of the same records (csv_export_test.cc).
TEST(WosTest, PlainTextSample) {
  std::string bytes = ReadExport("wos_plain.txt");
  EXPECT_EQ(Detected("savedrecs.txt", bytes), "wos");
  ParseResult res = ParseWith("wos", bytes);
  EXPECT_TRUE(res.diagnostics.empty());
  ASSERT_EQ(res.documents.size(), 10u);
  size_t authors = 0, journals = 0, ut = 0, pages = 0;
  for (const Document& d : res.documents) {
    authors += d.work.authors.size();
    journals += !d.work.journal.empty();
    ut += d.work.source_id.rfind("WOS:", 0) == 0;
    pages += !d.work.pages.empty();
    EXPECT_FALSE(d.work.doi.empty());
  }
  EXPECT_EQ(authors, 36u);
  EXPECT_EQ(journals, 9u);
  EXPECT_EQ(ut, 9u);
  EXPECT_EQ(pages, 9u);
  const Work& w = res.documents[0].work;
  EXPECT_EQ(w.title, "Holding Yourself Captive: Perceptions of Custody During Interviews and Interrogations");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Alceste F", "Luke TJ", "Kassin SM"}));
  EXPECT_EQ(w.journal, "JOURNAL OF APPLIED RESEARCH IN MEMORY AND COGNITION");
  EXPECT_EQ(w.journal_abbrev, "J. Appl. Res. Mem. Cogn.");
  EXPECT_EQ(w.year, 2018);
  EXPECT_EQ(w.dates.at("published"), "2018-09");
  EXPECT_EQ(w.volume, "7");
  EXPECT_EQ(w.issue, "3");
  EXPECT_EQ(w.pages, "387-397");
  EXPECT_EQ(w.doi, "10.1016/j.jarmac.2018.03.001");
  EXPECT_EQ(w.source_id, "WOS:000444108200009");
  EXPECT_EQ(w.lang, "en");
  EXPECT_EQ(w.type, "article");
  EXPECT_EQ(w.abstract.rfind("Police custody activates important legal safeguards.", 0), 0u);
  EXPECT_EQ(w.keywords.size(), 11u);
  EXPECT_EQ(res.documents[0].line, 3);
  EXPECT_EQ(res.documents[1].work.doi, "10.1037/law0000080");
}

// Cited references of two records of corpus/her2-library.ris, written in the
// Web of Science CR form.
TEST(WosTest, CitedReferenceForms) {
  struct Case {
    const char* cr;
    const char* author;
    int year;
    const char* journal;
    const char* volume;
    const char* pages;
    const char* doi;
  };
  const Case cases[] = {
      {"Modi S, 2022, NEW ENGL J MED, V387, P9, DOI 10.1056/NEJMoa2203690", "Modi S", 2022, "NEW ENGL J MED", "387",
       "9", "10.1056/nejmoa2203690"},
      {"[Anonymous], 2019, WHO REPORT", "", 2019, "WHO REPORT", "", "", ""},
      {"Modi S, 2020, J CLIN ONCOL, V38, P1887, DOI [10.1200/JCO.19.02318, 10.1056/NEJMoa2203690]", "Modi S", 2020,
       "J CLIN ONCOL", "38", "1887", "10.1200/jco.19.02318"},
      {"Modi S, 2020, J CLIN ONCOL, V38", "Modi S", 2020, "J CLIN ONCOL", "38", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cr);
    ParseResult res = ParseWith("wos", std::string("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A title\nCR ") +
                                           c.cr + "\n   Second R, 2001, LANCET\nER\nEF\n");
    ASSERT_EQ(res.documents.size(), 1u);
    ASSERT_EQ(res.documents[0].references.size(), 2u);
    const Reference& r = res.documents[0].references[0];
    EXPECT_EQ(r.n, 1);
    EXPECT_EQ(r.authors.empty() ? "" : r.authors[0], c.author);
    EXPECT_EQ(r.year.value_or(0), c.year);
    EXPECT_EQ(r.journal, c.journal);
    EXPECT_EQ(r.volume, c.volume);
    EXPECT_EQ(r.pages, c.pages);
    EXPECT_EQ(r.doi, c.doi);
    EXPECT_EQ(r.raw, c.cr);
    EXPECT_EQ(res.documents[0].references[1].journal, "LANCET");
  }
}

TEST(WosTest, MedlineAndRisAreNotTakenForIt) {
  const std::string medline = "PMID- 31690499\nOWN - NLM\nPT  - Journal Article\nAU  - Kimura M\nTI  - A title\n";
  const std::string medline_pt_first = "PT  - Journal Article\nAU  - Kimura M\nTI  - A title\n";
  const std::string ris = "TY  - JOUR\nAU  - Alceste, F\nTI  - Holding Yourself Captive\nER  - \n";
  EXPECT_EQ(SniffWos("x.txt", medline), 0);
  EXPECT_EQ(SniffWos("x.txt", medline_pt_first), 0);
  EXPECT_EQ(SniffWos("x.txt", ris), 0);
  EXPECT_EQ(Detected("pubmed.nbib", medline), "medline");
  EXPECT_EQ(Detected("export.txt", ris), "ris");
  EXPECT_EQ(SniffWos("recs.txt", "PT J\nAU Doe, J\nTI T\nER\n"), 80);
  // A MEDLINE line inside a record is no tag line: reported, not read as a field.
  ParseResult res = ParseWith("wos", "PT J\nTI Kept\nAU  - Kimura M\nER\n");
  ASSERT_EQ(res.documents.size(), 1u);
  EXPECT_TRUE(res.documents[0].work.authors.empty());
  ASSERT_EQ(res.diagnostics.size(), 1u);
  EXPECT_EQ(res.diagnostics[0].line, 3);
}

TEST(WosTest, MalformedRecordsAreNamedAndTheRestRead) {
  const std::string bytes =
      "FN Clarivate Analytics Web of Science\nVR 1.0\n"
      "PT J\nAU Doe, J\nSO LANCET\nER\n\n"                          // line 3: no title, DOI or UT
      "PT J\nTI Kept record\nthis line has no tag\nPY 2020\nER\n"  // line 10: not a tag line
      "PT J\nTI Bad \xFF byte\nER\n"                                // line 14: invalid UTF-8
      "PT J\nTI Second kept\nDI 10.1000/x1\nER\nEF\n";
  ParseResult res = ParseWith("wos", bytes, nullptr, "recs.txt");
  ASSERT_EQ(res.documents.size(), 2u);
  EXPECT_EQ(res.documents[0].work.title, "Kept record");
  EXPECT_EQ(res.documents[0].record, 2);
  EXPECT_EQ(res.documents[1].work.doi, "10.1000/x1");
  EXPECT_EQ(res.documents[1].record, 4);
  ASSERT_EQ(res.diagnostics.size(), 3u);
  EXPECT_EQ(res.diagnostics[0].line, 3);
  EXPECT_EQ(res.diagnostics[0].record, 1);
  EXPECT_EQ(res.diagnostics[1].line, 10);
  EXPECT_EQ(res.diagnostics[2].line, 14);
  EXPECT_EQ(res.diagnostics[2].record, 3);
  EXPECT_NE(res.diagnostics[2].message.find("UTF-8"), std::string::npos);
  for (const Diagnostic& d : res.diagnostics) EXPECT_EQ(d.source, "recs.txt");
  Status s;
  ParseWith("wos", "FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", &s, "empty.txt");
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_NE(s.message().find("empty.txt"), std::string::npos);
}

}  // namespace
}  // namespace ckb::readers
