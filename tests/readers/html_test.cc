// SPDX-License-Identifier: GPL-3.0-or-later
// The html format on small hand-written pages: detection, metadata sources
// and their priority, citation_reference tags, link identifiers, encodings,
// and malformed or hostile input.
#include <gtest/gtest.h>

#include <string>

#include "readers/formats.h"
#include "readers/parser.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

TEST(HtmlSniffTest, ClaimsPagesNotProse) {
  const Format* f = FindFormat("html");
  ASSERT_NE(f, nullptr);
  EXPECT_GE(f->sniff("a.html", "<!DOCTYPE html><html><head>"), 90);
  EXPECT_GE(f->sniff("a.dat", "\xEF\xBB\xBF  <html lang=\"en\">"), 90);
  EXPECT_GE(f->sniff("a.htm", "<head><title>x</title>"), 50);
  EXPECT_EQ(f->sniff("notes.txt", "We saved the page as <html> and ..."), 0);
  EXPECT_EQ(f->sniff("a.html", std::string("<html>\0", 7)), 0);
  const Format* detected = DetectFormat("page.html", "<!DOCTYPE html>\n<html>");
  ASSERT_NE(detected, nullptr);
  EXPECT_EQ(detected->name, "html");
  EXPECT_EQ(f->sniff("article.xml", "<?xml version=\"1.0\"?><article><front>"), 0);
}

TEST(HtmlTest, HighwireBeforeDublinCoreBeforeJsonLd) {
  const std::string page = R"(<!DOCTYPE html><html lang="en-GB"><head>
<meta name="citation_title" content="From Highwire">
<meta name="DC.title" content="From Dublin Core">
<meta name="DC.creator" content="Ana Silva">
<meta name="DC.identifier" content="doi:10.1000/DC.1">
<meta name="citation_pmid" content="12345678">
<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["MedicalScholarlyArticle"],
 "headline":"From JSON-LD","datePublished":"2021-03-04","isPartOf":{"@type":"PublicationIssue",
 "isPartOf":{"@type":"Periodical","name":"Journal of Tests"}},"volumeNumber":"7"}]}</script>
<title>Page title | Site</title></head><body><h1>Heading title</h1><p>Text.</p></body></html>)";
  ParseResult res = ParseWith("html", page);
  ASSERT_EQ(res.documents.size(), 1u);
  const Work& w = res.documents[0].work;
  EXPECT_EQ(w.title, "From Highwire");
  EXPECT_EQ(w.authors, std::vector<std::string>{"Silva Ana"});
  EXPECT_EQ(w.doi, "10.1000/dc.1");
  EXPECT_EQ(w.pmid, "12345678");
  EXPECT_EQ(w.journal, "Journal of Tests");
  EXPECT_EQ(w.year, 2021);
  EXPECT_EQ(w.volume, "7");
  EXPECT_EQ(w.lang, "en");
}

TEST(HtmlTest, TitleFallsBackToHeadingThenTitleElement) {
  ParseResult a = ParseWith("html", "<html><head><title>T | Site</title></head><body><h1>Heading</h1></body></html>");
  ASSERT_EQ(a.documents.size(), 1u);
  EXPECT_EQ(a.documents[0].work.title, "Heading");
  ParseResult b = ParseWith("html", "<html><head><title>Only title</title></head><body><p>Some text.</p></body></html>");
  ASSERT_EQ(b.documents.size(), 1u);
  EXPECT_EQ(b.documents[0].work.title, "Only title");
}

TEST(HtmlTest, CitationReferenceTagsWhenNoListIsPrinted) {
  const std::string page = R"(<html><head><meta name="citation_title" content="A">
<meta name="citation_reference" content="citation_title=Trastuzumab deruxtecan in HER2-low breast cancer; citation_author=Modi, Shanu; citation_author=Jacot, William; citation_journal_title=N Engl J Med; citation_year=2022; citation_volume=387; citation_firstpage=9; citation_lastpage=20; citation_doi=10.1056/NEJMoa2203690">
<meta name="citation_reference" content="Smith J, Doe A. A printed reference. Lancet Oncol. 2020;21:100-110.">
</head><body><p>Body.</p></body></html>)";
  ParseResult res = ParseWith("html", page);
  ASSERT_EQ(res.documents.size(), 1u);
  const auto& refs = res.documents[0].references;
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].title, "Trastuzumab deruxtecan in HER2-low breast cancer");
  EXPECT_EQ(refs[0].authors, (std::vector<std::string>{"Modi Shanu", "Jacot William"}));
  EXPECT_EQ(refs[0].journal, "N Engl J Med");
  EXPECT_EQ(refs[0].year, 2022);
  EXPECT_EQ(refs[0].pages, "9-20");
  EXPECT_EQ(refs[0].doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(refs[1].n, 2);
  EXPECT_EQ(refs[1].year, 2020);
  EXPECT_EQ(refs[1].journal, "Lancet Oncol");
}

TEST(HtmlTest, ListUnderHeadingWithLinkIdentifiers) {
  const std::string page = R"(<html><body><h1>Review</h1><h2>Introduction</h2><p>Some text [1].</p>
<h2>References</h2><ol>
<li>Smith J, Doe A. Title one of the study. Lancet Oncol. 2020;21:100-110. <a href="https://doi.org/10.1016%2FS1470-2045(20)30001-1">Crossref</a> <a href="https://pubmed.ncbi.nlm.nih.gov/31234567/">PubMed</a> <a href="https://scholar.google.com/x">Google Scholar</a></li>
<li>Roe R. Title two of another study. J Clin Oncol. 2019;37:1-9. <a href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6543210/">PMC free article</a></li>
</ol></body></html>)";
  ParseResult res = ParseWith("html", page);
  ASSERT_EQ(res.documents.size(), 1u);
  const Document& d = res.documents[0];
  ASSERT_EQ(d.references.size(), 2u);
  EXPECT_EQ(d.references[0].doi, "10.1016/s1470-2045(20)30001-1");
  EXPECT_EQ(d.references[0].pmid, "31234567");
  EXPECT_EQ(d.references[0].raw, "Smith J, Doe A. Title one of the study. Lancet Oncol. 2020;21:100-110.");
  EXPECT_EQ(d.references[1].pmcid, "PMC6543210");
  EXPECT_EQ(d.references[1].n, 2);
  ASSERT_EQ(d.work.sections.size(), 1u);
  EXPECT_EQ(d.work.sections[0].name, "Introduction");
  EXPECT_EQ(d.work.sections[0].text, "Some text [1].");
}

TEST(HtmlTest, DeclaredLatin1AndUndeclaredUtf8) {
  ParseResult a = ParseWith("html", "<html><head><meta charset=\"iso-8859-1\"><title>Sj\xF6gren</title></head><body><p>Sj\xF6gren syndrome.</p></body></html>");
  ASSERT_EQ(a.documents.size(), 1u);
  EXPECT_EQ(a.documents[0].work.title, "Sj\xC3\xB6gren");
  ParseResult b = ParseWith("html", "<html><head><title>Sj\xC3\xB6gren \xE8\x82\xBA\xE7\x99\x8C</title></head><body><p>Sj\xC3\xB6gren \xE8\x82\xBA\xE7\x99\x8C</p></body></html>");
  ASSERT_EQ(b.documents.size(), 1u);
  EXPECT_EQ(b.documents[0].work.title, "Sj\xC3\xB6gren \xE8\x82\xBA\xE7\x99\x8C");
}

TEST(HtmlTest, ExternalEntitiesAreNotLoaded) {
  const std::string page =
      "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><body><h1>T &x;</h1>"
      "<p>root &x; text</p></body></html>";
  Status s;
  ParseResult res = ParseWith("html", page, &s);
  for (const Document& d : res.documents) {
    EXPECT_EQ(d.work.title.find("root:"), std::string::npos);
    for (const Section& sec : d.work.sections) EXPECT_EQ(sec.text.find("root:x"), std::string::npos);
  }
}

TEST(HtmlTest, MalformedInputIsAnErrorNamingTheFile) {
  std::string many_tags = "<html><body>";
  for (int i = 0; i < 400001; ++i) many_tags += "<b></b>";
  for (const std::string& bad :
       {std::string(""), std::string("   \n"), std::string("<html>\0<body>", 13), std::string("<html><body></body></html>"),
        std::string("<html><head><title>Cut in its head</tit"), std::string("<html><body>&amp&amp&amp&amp</body></html>"),
        std::string("<html><head><meta charset=\"Shift_JIS\"></head><body>caf\xE9 \xC3\xA9 text</body></html>"),
        many_tags}) {
    SCOPED_TRACE(bad.substr(0, 80));
    Status s;
    ParseResult res = ParseWith("html", bad, &s, "saved/page.html");
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), Status::Code::kParseError);
    EXPECT_NE(s.message().find("saved/page.html"), std::string::npos) << s.message();
  }
}

TEST(HtmlTest, DeepNestingAndTagSoupDoNotCrash) {
  std::string deep = "<html><body><h1>Deep</h1>";
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += "text";
  ParseResult res = ParseWith("html", deep);
  ASSERT_EQ(res.documents.size(), 1u);
  EXPECT_EQ(res.documents[0].work.title, "Deep");
  Status s;
  ParseWith("html", "<html><p><li><td></ol><h2>References</h2><ul><li><li><a href=x>", &s);
}

TEST(HtmlTest, UnparsableEntryGetsADiagnosticWithItsLine) {
  const std::string page =
      "<html><body><h1>T</h1>\n<div class=\"references\"><ol>\n"
      "<li>Smith J, Doe A. A title. Lancet Oncol. 2020;21:100-110.</li>\n<li>see above</li>\n</ol></div></body></html>";
  ParseResult res = ParseWith("html", page, nullptr, "p.html");
  ASSERT_EQ(res.documents.size(), 1u);
  EXPECT_EQ(res.documents[0].references.size(), 2u);
  ASSERT_EQ(res.diagnostics.size(), 1u);
  EXPECT_EQ(res.diagnostics[0].line, 4);
  EXPECT_NE(res.diagnostics[0].message.find("reference 2 could not be parsed"), std::string::npos);
}

}  // namespace
}  // namespace ckb::readers
