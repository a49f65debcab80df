// SPDX-License-Identifier: GPL-3.0-or-later
// CSL-JSON and EndNote XML: the samples of tests/data/exports (the 10 real
// PubMed records of the shared corpus in each layout, see its README.md),
// counted field by field against counts taken with Python's json module and
// ElementTree; detection; broken items and records.
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

std::string Sample(const std::string& name) {
  std::ifstream in(std::string(CKB_SOURCE_DIR "/tests/data/exports/") + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Counts {
  size_t doi = 0, abstract = 0, authors = 0, volume_pages = 0, keywords = 0, month = 0, pmid = 0;
};

Counts Count(const ParseResult& r) {
  Counts c;
  for (const Document& d : r.documents) {
    const Work& w = d.work;
    c.doi += !w.doi.empty();
    c.abstract += !w.abstract.empty();
    c.authors += w.authors.size();
    c.volume_pages += !w.volume.empty() && !w.pages.empty();
    c.keywords += !w.keywords.empty();
    c.pmid += !w.pmid.empty();
    auto it = w.dates.find("published");
    c.month += it != w.dates.end() && it->second.size() >= 7;
  }
  return c;
}

// The first record of pubmed.xml, as every layout must give it.
void ExpectFirstRecord(const Work& w) {
  EXPECT_EQ(w.pmid, "31690499");
  EXPECT_EQ(w.doi, "10.1016/j.bjoms.2019.09.011");
  EXPECT_EQ(w.authors.front(), "Kimura M");
  EXPECT_EQ(w.journal, "The British journal of oral & maxillofacial surgery");
  EXPECT_EQ(w.journal_abbrev, "Br J Oral Maxillofac Surg");
  EXPECT_EQ(w.year, 2019);
  EXPECT_EQ(w.dates.at("published"), "2019-11");
  EXPECT_EQ(w.type, "article");
}

// The ten PubMed records of the shared sample, as counted with Python's
// json module, in whichever export format carried them.
void ExpectPubmedSample(const ParseResult& r) {
  EXPECT_TRUE(r.diagnostics.empty());
  Counts c = Count(r);
  EXPECT_EQ(c.pmid, 10u);
  EXPECT_EQ(c.doi, 7u);
  EXPECT_EQ(c.abstract, 7u);
  EXPECT_EQ(c.authors, 51u);
  EXPECT_EQ(c.volume_pages, 9u);
  EXPECT_EQ(c.keywords, 2u);
  EXPECT_EQ(c.month, 8u);
  ExpectFirstRecord(r.documents[0].work);
}

TEST(CslJsonTest, ZoteroSample) {
  std::string bytes = Sample("zotero.json");
  const Format* f = DetectFormat("My Library.json", bytes.substr(0, 4096));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "csl-json");
  ParseResult r = ParseWith("csl-json", bytes);
  ASSERT_EQ(r.documents.size(), 10u);
  ExpectPubmedSample(r);
  EXPECT_EQ(r.documents[0].work.source_id, "pmid31690499");
  EXPECT_EQ(r.documents[0].line, 2);
  EXPECT_EQ(r.documents[1].work.pages, "555.e1-555.e6");
}

TEST(CslJsonTest, SingleItemNamesAndDates) {
  ParseResult r = ParseWith("csl-json", R"({"id": 7, "type": "chapter", "title": "A chapter",
    "author": [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van den"}, {"literal": "WHO"}],
    "issued": {"raw": "2020-05-04"}, "container-title": ["The book"], "volume": 3,
    "note": "PMID: 12345678\nPMCID: PMC7654321\nNCT04494425"})");
  ASSERT_EQ(r.documents.size(), 1u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.type, "book");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"van den Berg Anna", "WHO"}));
  EXPECT_EQ(w.dates.at("published"), "2020-05-04");
  EXPECT_EQ(w.journal, "The book");
  EXPECT_EQ(w.volume, "3");
  EXPECT_EQ(w.pmid, "12345678");
  EXPECT_EQ(w.pmcid, "PMC7654321");
  EXPECT_EQ(w.registry_ids, std::vector<std::string>{"NCT04494425"});
  EXPECT_EQ(w.source_id, "7");
}

TEST(CslJsonTest, BrokenItemsAreNamedAndTheRestRead) {
  const std::string bytes =
      "[\n"
      "  {\"type\": \"article-journal\", \"title\": \"Kept one\", \"issued\": {\"date-parts\": [[2021]]}},\n"
      "  {\"type\": \"article-journal\", \"title\": \"bad\" \"x\"},\n"
      "  {\"type\": \"article-journal\", \"note\": \"no title\"},\n"
      "  \"a string\",\n"
      "  {\"type\": \"article-journal\", \"title\": \"Bad \xFF byte\"},\n"
      "  {\"type\": \"article-journal\", \"title\": \"Kept, with ] and } inside\", \"DOI\": \"10.1000/k2\"}\n"
      "]\n";
  ParseResult r = ParseWith("csl-json", bytes, nullptr, "lib.json");
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[1].work.title, "Kept, with ] and } inside");
  EXPECT_EQ(r.documents[1].line, 7);
  EXPECT_EQ(r.documents[1].record, 6);
  ASSERT_EQ(r.diagnostics.size(), 4u);
  std::vector<int64_t> lines;
  for (const Diagnostic& d : r.diagnostics) lines.push_back(d.line);
  EXPECT_EQ(lines, (std::vector<int64_t>{3, 4, 5, 6}));
  EXPECT_NE(r.diagnostics[0].message.find("not valid JSON"), std::string::npos);
  EXPECT_NE(r.diagnostics[1].message.find("without title"), std::string::npos);
  EXPECT_NE(r.diagnostics[2].message.find("not an object"), std::string::npos);
  EXPECT_NE(r.diagnostics[3].message.find("UTF-8"), std::string::npos);
  Status s;
  ParseWith("csl-json", "[{\"title\": \"never closed\"", &s, "cut.json");
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_EQ(s.message(), "cut.json:1: the JSON array is not closed");
}

TEST(CslJsonTest, OtherJsonIsNotClaimed) {
  const Format* f = DetectFormat("study.json", R"({"protocolSection": {"identificationModule": {}}})");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "ctgov-json");
  EXPECT_EQ(DetectFormat("x.json", R"([{"type": "Feature", "geometry": {}}])"), nullptr);
}

TEST(EndnoteXmlTest, Sample) {
  std::string bytes = Sample("endnote.xml");
  const Format* f = DetectFormat("My EndNote Library.xml", bytes.substr(0, 4096));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "endnote-xml");
  ParseResult r = ParseWith("endnote-xml", bytes);
  ASSERT_EQ(r.documents.size(), 10u);
  ExpectPubmedSample(r);
  EXPECT_EQ(r.documents[0].work.source_id, "1");
  EXPECT_EQ(r.documents[0].work.lang, "en");
  EXPECT_EQ(r.documents[2].line, 3);  // two records a line from line 2
}

TEST(EndnoteXmlTest, BadRecordsAndDocuments) {
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><xml><records>\n";
  ParseResult r = ParseWith("endnote-xml",
                            head +
                                "<record><ref-type name=\"Journal Article\">17</ref-type><titles><title><style>"
                                "Kept</style></title></titles></record>\n"
                                "<record><ref-type name=\"Book\">6</ref-type><pages>1-2</pages></record>\n"
                                "</records></xml>\n",
                            nullptr, "lib.xml");
  ASSERT_EQ(r.documents.size(), 1u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 3);
  EXPECT_EQ(r.diagnostics[0].record, 2);
  Status s;
  ParseWith("endnote-xml", head + "<record><titles></record></records></xml>", &s, "broken.xml");
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_EQ(s.message().rfind("broken.xml:2: ", 0), 0u) << s.message();
  ParseWith("endnote-xml", head + "<!ENTITY x \"y\"><records/>", &s, "entity.xml");
  EXPECT_EQ(s.code(), Status::Code::kParseError);
}

}  // namespace
}  // namespace ckb::readers
