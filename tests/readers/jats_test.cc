// SPDX-License-Identifier: GPL-3.0-or-later
// JATS parser: front matter, abstract, sections, references, safety, corpus counts.
#include <gtest/gtest.h>

#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

const char kArticle[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="review-article" xml:lang="en">
<front>
<journal-meta><journal-id journal-id-type="iso-abbrev">Breast Cancer Res</journal-id>
<journal-title-group><journal-title>Breast Cancer Research</journal-title></journal-title-group></journal-meta>
<article-meta>
<article-id pub-id-type="pmid">37000001</article-id>
<article-id pub-id-type="pmc">PMC9999999</article-id>
<article-id pub-id-type="doi">10.1186/S13058-023-00001-X</article-id>
<article-categories><subj-group subj-group-type="heading"><subject>Review</subject></subj-group></article-categories>
<title-group><article-title>HER2-low breast cancer &#x2265; a review</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Tarantino</surname><given-names>Paolo</given-names></name><email>pt@example.org</email></contrib>
<contrib contrib-type="author"><collab>HER2 Working Group</collab></contrib>
<contrib contrib-type="editor"><name><surname>Editor</surname><given-names>E</given-names></name></contrib></contrib-group>
<pub-date pub-type="epub"><day>3</day><month>2</month><year>2023</year></pub-date>
<pub-date pub-type="ppub"><month>3</month><year>2023</year></pub-date>
<volume>25</volume><issue>1</issue><elocation-id>12</elocation-id>
<abstract><sec><title>Background</title><p>HER2-low is new.</p></sec><sec><title>Conclusions</title><p>See NCT03734029.</p></sec></abstract>
<abstract abstract-type="teaser"><p>Short.</p></abstract>
<kwd-group><kwd>HER2-low</kwd><kwd>T-DXd</kwd></kwd-group>
</article-meta></front>
<body><sec><title>Introduction</title><p>Trastuzumab deruxtecan (<ext-link xlink:href="https://clinicaltrials.gov/ct2/show/NCT04494425">trial</ext-link>).</p></sec>
<sec><title>Methods</title><p>Searches.</p><sec><title>Search</title><p>PubMed.</p></sec></sec></body>
<back><ref-list><title>References</title>
<ref id="R1"><label>1</label><element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Modi</surname><given-names>S</given-names></name><name><surname>Jacot</surname><given-names>W</given-names></name><etal/></person-group><article-title>Trastuzumab deruxtecan in HER2-low breast cancer</article-title><source>N Engl J Med</source><year>2022</year><volume>387</volume><issue>1</issue><fpage>9</fpage><lpage>20</lpage><pub-id pub-id-type="doi">10.1056/NEJMoa2203690</pub-id><pub-id pub-id-type="pmid">35665782</pub-id></element-citation></ref>
<ref id="R2"><label>2</label><mixed-citation publication-type="book"><string-name><surname>Smith</surname> <given-names>J</given-names></string-name>. <source>Oncology handbook</source>. <year>2019</year>. NCT01234567.</mixed-citation></ref>
</ref-list></back>
</article>
)";

TEST(JatsTest, MapsFrontMatterBodyAndReferences) {
  ParseResult r = ParseWith("jats", kArticle);
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& d = r.documents[0];
  const Work& w = d.work;
  EXPECT_EQ(w.type, "review");
  EXPECT_EQ(w.lang, "en");
  EXPECT_EQ(w.pmid, "37000001");
  EXPECT_EQ(w.pmcid, "PMC9999999");
  EXPECT_EQ(w.doi, "10.1186/s13058-023-00001-x");
  EXPECT_EQ(w.title, "HER2-low breast cancer \xE2\x89\xA5 a review");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Tarantino Paolo", "HER2 Working Group"}));
  EXPECT_EQ(w.email, "pt@example.org");
  EXPECT_EQ(w.journal, "Breast Cancer Research");
  EXPECT_EQ(w.journal_abbrev, "Breast Cancer Res");
  EXPECT_EQ(w.volume, "25");
  EXPECT_EQ(w.issue, "1");
  EXPECT_EQ(w.pages, "12");
  EXPECT_EQ(w.year, 2023);
  EXPECT_EQ(w.dates.at("online"), "2023-02-03");
  EXPECT_EQ(w.dates.at("published"), "2023-03");
  EXPECT_EQ(w.abstract, "Background: HER2-low is new. Conclusions: See NCT03734029.");
  EXPECT_EQ(w.keywords, (std::vector<std::string>{"HER2-low", "T-DXd"}));
  ASSERT_EQ(w.sections.size(), 2u);
  EXPECT_EQ(w.sections[0].name, "Introduction");
  EXPECT_EQ(w.sections[0].text, "Trastuzumab deruxtecan (trial).");
  EXPECT_EQ(w.sections[1].name, "Methods");
  EXPECT_EQ(w.sections[1].text, "Searches. Search PubMed.");
  // The cited trial in reference 2 is not one the article states.
  EXPECT_EQ(w.registry_ids, (std::vector<std::string>{"NCT03734029", "NCT04494425"}));
  ASSERT_EQ(d.references.size(), 2u);
  const Reference& r1 = d.references[0];
  EXPECT_EQ(r1.n, 1);
  EXPECT_EQ(r1.type, "J");
  EXPECT_EQ(r1.authors, (std::vector<std::string>{"Modi S", "Jacot W"}));
  EXPECT_TRUE(r1.et_al);
  EXPECT_EQ(r1.title, "Trastuzumab deruxtecan in HER2-low breast cancer");
  EXPECT_EQ(r1.journal, "N Engl J Med");
  EXPECT_EQ(r1.year, 2022);
  EXPECT_EQ(r1.volume, "387");
  EXPECT_EQ(r1.issue, "1");
  EXPECT_EQ(r1.pages, "9-20");
  EXPECT_EQ(r1.doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(r1.pmid, "35665782");
  EXPECT_EQ(r1.raw,
            "Modi S Jacot W Trastuzumab deruxtecan in HER2-low breast cancer N Engl J Med 2022 "
            "387 1 9 20 10.1056/NEJMoa2203690 35665782");
  const Reference& r2 = d.references[1];
  EXPECT_EQ(r2.type, "M");
  EXPECT_EQ(r2.authors, std::vector<std::string>{"Smith J"});
  EXPECT_EQ(r2.title, "Oncology handbook");
  EXPECT_EQ(r2.raw, "Smith J. Oncology handbook. 2019. NCT01234567.");
  EXPECT_EQ(r2.nct, std::vector<std::string>{"NCT01234567"});
}

TEST(JatsTest, RefusesUnsafeOrBrokenXml) {
  struct Case {
    const char* name;
    std::string xml;
  };
  const Case cases[] = {
      {"empty", ""},
      {"billion laughs",
       "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]>"
       "<article><front/>&b;</article>"},
      {"xxe", "<!DOCTYPE article [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><article>&x;</article>"},
      {"parameter entity",
       "<!DOCTYPE article [<!ENTITY % p SYSTEM \"http://example.org/x.dtd\"> %p;]><article/>"},
      {"mismatched", "<article><front></article>"},
      {"deep", std::string("<article>") + [] {
         std::string s;
         for (int i = 0; i < 300; ++i) s += "<p>";
         for (int i = 0; i < 300; ++i) s += "</p>";
         return s;
       }() + "</article>"},
      {"not an article", "<?xml version=\"1.0\"?><html/>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Status s;
    ParseResult r = ParseWith("jats", c.xml, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError) << s.ToString();
    EXPECT_NE(s.message().find("test-input"), std::string::npos) << s.message();
    EXPECT_TRUE(r.documents.empty());
  }
}

TEST(JatsTest, PublicDoctypeParsesOffline) {
  // The DOCTYPE names a remote DTD; it must not be fetched, and &#8805; still decodes.
  std::string xml =
      "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS//EN\" \"http://jats.nlm.nih.gov/x.dtd\">"
      "<article><front><article-meta><title-group><article-title>a &#8805; b"
      "</article-title></title-group></article-meta></front></article>";
  ParseResult r = ParseWith("jats", xml);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].work.title, "a \xE2\x89\xA5 b");
}

TEST(JatsTest, Sniffs) {
  EXPECT_EQ(DetectFormat("x.nxml", "<?xml version=\"1.0\"?><article>")->name, "jats");
  EXPECT_EQ(DetectFormat("x.xml", "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\"><article>")->name,
            "jats");
}

TEST(JatsTest, SharedPmcSamples) {
  if (!testing::HaveSharedCorpus("jats-pmc-samples")) GTEST_SKIP() << "shared corpus absent";
  // 7 articles; 316 <ref> elements (grep -o '<ref[ >]'), per PROVENANCE.md.
  testing::FolderCounts c = testing::ParseFolder(testing::SharedCorpus("jats-pmc-samples"), "");
  EXPECT_EQ(c.inputs, 7);
  EXPECT_EQ(c.failed, 0);
  EXPECT_EQ(c.documents, 7u);
  EXPECT_EQ(c.references, 316u);
  for (const Document& d : c.all.documents) {
    EXPECT_FALSE(d.work.title.empty());
    EXPECT_FALSE(d.work.sections.empty()) << d.work.title;
  }
}

TEST(JatsTest, SharedElifeSamples) {
  if (!testing::HaveSharedCorpus("jats-elife-samples")) GTEST_SKIP() << "shared corpus absent";
  // 22 articles, 1,148 <ref> elements (grep -o '<ref[ >]'), per PROVENANCE.md.
  testing::FolderCounts c = testing::ParseFolder(testing::SharedCorpus("jats-elife-samples"), "");
  EXPECT_EQ(c.inputs, 22);
  EXPECT_EQ(c.failed, 0);
  EXPECT_EQ(c.documents, 22u);
  EXPECT_EQ(c.references, 1148u);
}

}  // namespace
}  // namespace ckb::readers
