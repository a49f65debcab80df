// SPDX-License-Identifier: GPL-3.0-or-later
// PubMed XML parser: field mapping, streaming, malformed records, safety,
// and exact counts over the shared MEDLINE samples.
#include <gtest/gtest.h>

#include "readers/formats.h"
#include "readers/internal/pubmed.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

const char kRecord[] = R"(<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">35665782</PMID>
<Article PubModel="Print-Electronic"><Journal><JournalIssue CitedMedium="Internet"><Volume>387</Volume><Issue>1</Issue>
<PubDate><Year>2022</Year><Month>Jul</Month><Day>07</Day></PubDate></JournalIssue>
<Title>The New England journal of medicine</Title><ISOAbbreviation>N Engl J Med</ISOAbbreviation></Journal>
<ArticleTitle>Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer.</ArticleTitle>
<Pagination><StartPage>9</StartPage><EndPage>20</EndPage><MedlinePgn>9-20</MedlinePgn></Pagination>
<ELocationID EIdType="doi" ValidYN="Y">10.1056/NEJMoa2203690</ELocationID>
<Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Low expression.</AbstractText>
<AbstractText Label="METHODS" NlmCategory="METHODS">We randomly assigned patients &#x2265; 18.</AbstractText></Abstract>
<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Modi</LastName><ForeName>Shanu</ForeName><Initials>S</Initials></Author>
<Author ValidYN="Y"><CollectiveName>DESTINY-Breast04 Trial Investigators</CollectiveName></Author></AuthorList>
<Language>eng</Language>
<DataBankList CompleteYN="Y"><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList><AccessionNumber>NCT03734029</AccessionNumber></AccessionNumberList></DataBank></DataBankList>
<PublicationTypeList><PublicationType UI="D017428">Clinical Trial, Phase III</PublicationType><PublicationType UI="D016449">Randomized Controlled Trial</PublicationType></PublicationTypeList>
<ArticleDate DateType="Electronic"><Year>2022</Year><Month>06</Month><Day>05</Day></ArticleDate></Article>
<MeshHeadingList><MeshHeading><DescriptorName UI="D001943" MajorTopicYN="Y">Breast Neoplasms</DescriptorName></MeshHeading></MeshHeadingList>
<KeywordList><Keyword>HER2-low</Keyword></KeywordList>
</MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="pubmed">35665782</ArticleId><ArticleId IdType="pmc">PMC10561652</ArticleId><ArticleId IdType="doi">10.1056/NEJMoa2203690</ArticleId></ArticleIdList>
<ReferenceList><Reference><Citation>Modi S, et al. J Clin Oncol 2020;38:1887-96.</Citation><ArticleIdList><ArticleId IdType="pubmed">31914843</ArticleId><ArticleId IdType="doi">10.1200/JCO.19.02318</ArticleId></ArticleIdList></Reference></ReferenceList>
</PubmedData></PubmedArticle>
<PubmedArticle><MedlineCitation><Article><ArticleTitle>No PMID here</ArticleTitle></Article></MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>A review.</ArticleTitle>
<PublicationTypeList><PublicationType>Review</PublicationType></PublicationTypeList></Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
)";

TEST(PubmedXmlTest, MapsFields) {
  ParseResult r = ParseWith("pubmed", kRecord);
  ASSERT_EQ(r.documents.size(), 2u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.pmid, "35665782");
  EXPECT_EQ(w.doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(w.pmcid, "PMC10561652");
  EXPECT_EQ(w.title, "Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer");
  EXPECT_EQ(w.abstract, "BACKGROUND: Low expression. METHODS: We randomly assigned patients \xE2\x89\xA5 18.");
  ASSERT_EQ(w.authors.size(), 2u);
  EXPECT_EQ(w.authors[0], "Modi S");
  EXPECT_EQ(w.authors[1], "DESTINY-Breast04 Trial Investigators");
  EXPECT_EQ(w.journal, "The New England journal of medicine");
  EXPECT_EQ(w.journal_abbrev, "N Engl J Med");
  EXPECT_EQ(w.volume, "387");
  EXPECT_EQ(w.issue, "1");
  EXPECT_EQ(w.pages, "9-20");
  EXPECT_EQ(w.year, 2022);
  EXPECT_EQ(w.dates.at("published"), "2022-07-07");
  EXPECT_EQ(w.dates.at("online"), "2022-06-05");
  EXPECT_EQ(w.lang, "en");
  EXPECT_EQ(w.type, "article");
  EXPECT_EQ(w.pub_types.size(), 2u);
  EXPECT_EQ(w.mesh, std::vector<std::string>{"Breast Neoplasms"});
  EXPECT_EQ(w.keywords, std::vector<std::string>{"HER2-low"});
  EXPECT_EQ(w.registry_ids, std::vector<std::string>{"NCT03734029"});
  ASSERT_EQ(r.documents[0].references.size(), 1u);
  EXPECT_EQ(r.documents[0].references[0].pmid, "31914843");
  EXPECT_EQ(r.documents[0].references[0].doi, "10.1200/jco.19.02318");
  EXPECT_EQ(r.documents[0].references[0].n, 1);
  EXPECT_EQ(r.documents[1].work.type, "review");
  EXPECT_EQ(r.documents[1].record, 3);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].record, 2);
  EXPECT_EQ(r.diagnostics[0].source, "test-input");
}

// Registry numbers from the DataBankList take the form entity extraction
// gives the same trial in an abstract, so that both are one trial.
TEST(PubmedXmlTest, RegistryAccessionsTakeTheExtractedForm) {
  std::string xml = R"(<?xml version="1.0"?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>27993379</PMID>
<Article><ArticleTitle>Tamsulosin or nifedipine for ureteric colic.</ArticleTitle>
<DataBankList CompleteYN="Y">
<DataBank><DataBankName>EudraCT</DataBankName><AccessionNumberList><AccessionNumber>2010-019469-26</AccessionNumber></AccessionNumberList></DataBank>
<DataBank><DataBankName>ISRCTN</DataBankName><AccessionNumberList><AccessionNumber>69423238</AccessionNumber></AccessionNumberList></DataBank>
<DataBank><DataBankName>ChiCTR</DataBankName><AccessionNumberList><AccessionNumber>chictr-ior-17013986</AccessionNumber></AccessionNumberList></DataBank>
<DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList><AccessionNumber>nct 03734029</AccessionNumber></AccessionNumberList></DataBank>
<DataBank><DataBankName>GENBANK</DataBankName><AccessionNumberList><AccessionNumber>AB123456</AccessionNumber></AccessionNumberList></DataBank>
</DataBankList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>)";
  ParseResult r = ParseWith("pubmed", xml);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].work.registry_ids,
            (std::vector<std::string>{"EudraCT-2010-019469-26", "ISRCTN69423238", "ChiCTR-IOR-17013986",
                                      "NCT03734029"}));
  EXPECT_EQ(RegistryAccessionId("EudraCT", "EudraCT 2010-019469-26"), "EudraCT-2010-019469-26");
  EXPECT_EQ(RegistryAccessionId("ISRCTN", "ISRCTN69423238"), "ISRCTN69423238");
  EXPECT_EQ(RegistryAccessionId("ClinicalTrials.gov", "NCT00380562"), "NCT00380562");
}

TEST(PubmedXmlTest, RejectsBadInputs) {
  struct Case {
    const char* name;
    std::string xml;
    Status::Code code;
  };
  const Case cases[] = {
      {"empty", "", Status::Code::kParseError},
      {"wrong root", "<?xml version=\"1.0\"?><html><body/></html>", Status::Code::kParseError},
      {"not xml", "PMID- 123\nTI  - x\n", Status::Code::kParseError},
      {"entity", "<?xml version=\"1.0\"?><!DOCTYPE PubmedArticleSet [<!ENTITY a \"aaaa\">]>"
                 "<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>",
       Status::Code::kParseError},
      {"xxe", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
              "<PubmedArticleSet>&x;</PubmedArticleSet>",
       Status::Code::kParseError},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Status s;
    ParseResult r = ParseWith("pubmed", c.xml, &s);
    EXPECT_EQ(s.code(), c.code) << s.ToString();
    EXPECT_NE(s.message().find("test-input"), std::string::npos) << s.message();
    EXPECT_TRUE(r.documents.empty());
  }
}

TEST(PubmedXmlTest, TruncatedStreamKeepsEarlierRecords) {
  std::string xml = kRecord;
  xml.resize(xml.find("<PubmedArticle><MedlineCitation><PMID>2</PMID>") + 30);
  Status s;
  ParseResult r = ParseWith("pubmed", xml, &s);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.documents.size(), 1u);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_NE(r.diagnostics.back().message.find("not read"), std::string::npos);
}

TEST(PubmedXmlTest, SniffsPubmedAndMedlineSets) {
  EXPECT_EQ(DetectFormat("a.xml", "<?xml version=\"1.0\"?>\n<PubmedArticleSet>")->name, "pubmed");
  EXPECT_EQ(DetectFormat("a.xml.gz", "<MedlineCitationSet>")->name, "pubmed");
}

TEST(PubmedXmlTest, SharedMedlineSamples) {
  if (!testing::HaveSharedCorpus("medline-xml")) GTEST_SKIP() << "shared corpus absent";
  // Counted with grep: 604 <MedlineCitation> (+1 DeleteCitation) in
  // medline16n0902.xml.gz, 4 <PubmedArticle> in test_current_medline.xml.gz,
  // 1 in pubmed-29768149.xml; 139 <Reference> elements in the .gz files.
  testing::FolderCounts c = testing::ParseFolder(testing::SharedCorpus("medline-xml"), "");
  EXPECT_EQ(c.inputs, 3);
  EXPECT_EQ(c.failed, 0);
  EXPECT_EQ(c.documents, 609u);
  EXPECT_EQ(c.diagnostics, 0u);
  EXPECT_GE(c.references, 139u);
}

TEST(PubmedXmlTest, SharedAsreviewPubmedExport) {
  if (!testing::HaveSharedCorpus("ris-exports-asreview")) GTEST_SKIP() << "shared corpus absent";
  testing::FolderCounts c =
      testing::ParseFolder(testing::SharedCorpus("ris-exports-asreview/pubmed.xml"), "");
  EXPECT_EQ(c.documents, 10u);  // grep -c '<PubmedArticle>'
  EXPECT_EQ(c.diagnostics, 0u);
}

}  // namespace
}  // namespace ckb::readers
