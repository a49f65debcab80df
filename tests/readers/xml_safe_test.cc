// SPDX-License-Identifier: GPL-3.0-or-later
// Hardened XML parsing: entity declarations refused, no external fetches,
// depth and size caps, streaming record cap.
#include "readers/xml_safe.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

TEST(XmlSafeTest, PrologCheck) {
  struct Case {
    const char* xml;
    bool ok;
  };
  const Case cases[] = {
      {"<?xml version=\"1.0\"?><a/>", true},
      {"<!DOCTYPE a PUBLIC \"-//NLM//DTD x//EN\" \"http://example.org/x.dtd\"><a/>", true},
      {"<!-- <!ENTITY in a comment> --><a/>", true},
      {"<a><![CDATA[<!ENTITY x \"y\">]]></a>", true},  // after the root: not a declaration
      {"<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", false},
      {"<!DOCTYPE a [<!ELEMENT a ANY><!ENTITY % p SYSTEM \"x\">]><a/>", false},
      {"<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n <!ENTITY", false},  // cut inside the subset
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.xml);
    Status s = CheckXmlProlog(c.xml, "f.xml");
    EXPECT_EQ(s.ok(), c.ok) << s.ToString();
    if (c.ok) {
      EXPECT_TRUE(CheckXmlProlog(c.xml, "f.xml", false).ok());
    }
    if (!s.ok()) {
      EXPECT_NE(s.message().find("f.xml"), std::string::npos);
    }
  }
}

TEST(XmlSafeTest, StreamedPrologMustEndInTheFirstChunk) {
  std::string long_comment = "<!-- " + std::string(100000, 'x') + " -->";
  EXPECT_EQ(CheckXmlProlog("<?xml version=\"1.0\"?><!DOCTYPE a [ <!ELEMENT a ANY>", "f.xml", false).code(),
            Status::Code::kParseError);
  EXPECT_TRUE(CheckXmlProlog("<?xml version=\"1.0\"?><!DOCTYPE a [ <!ELEMENT a ANY>", "f.xml").ok());
  Status s;
  testing::ParseWith("pubmed", long_comment + "<!DOCTYPE a [<!ENTITY e \"x\">]><PubmedArticleSet/>", &s);
  EXPECT_EQ(s.code(), Status::Code::kParseError);
}

TEST(XmlSafeTest, ExternalDtdAndEntitiesAreNotFetched) {
  std::ifstream host("/etc/hostname");
  std::string hostname((std::istreambuf_iterator<char>(host)), std::istreambuf_iterator<char>());
  // Through the JATS parser, which keeps the title text.
  ParseResult r = testing::ParseWith(
      "jats",
      "<!DOCTYPE article SYSTEM \"file:///etc/hostname\"><article><front><article-meta>"
      "<title-group><article-title>x&ent;y</article-title></title-group></article-meta></front></article>");
  ASSERT_EQ(r.documents.size(), 1u);
  std::string text = r.documents[0].work.title;
  EXPECT_EQ(text, "xy");
  if (hostname.size() > 1) {
    EXPECT_EQ(text.find(hostname.substr(0, hostname.size() - 1)), std::string::npos);
  }
}

TEST(XmlSafeTest, RefusesAttacksAndBrokenDocuments) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<d>";
  const std::pair<const char*, std::string> cases[] = {
      {"billion laughs",
       "<!DOCTYPE a [<!ENTITY l0 \"ha\"><!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">]><a>&l1;</a>"},
      {"xxe", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"},
      {"deep", deep},
      {"mismatched", "<a><b></a>"},
      {"binary", std::string("\x00\x01\x02\xFF", 4)},
      {"no root", "<?xml version=\"1.0\"?>"},
  };
  for (const auto& [name, xml] : cases) {
    SCOPED_TRACE(name);
    Status s = CheckXmlDocument(xml, "bad.xml");
    EXPECT_EQ(s.code(), Status::Code::kParseError);
    EXPECT_NE(s.message().find("bad.xml"), std::string::npos) << s.message();
  }
}

TEST(XmlSafeTest, SizeCap) {
  std::string big(kMaxXmlBytes + 1, ' ');
  Status s = CheckXmlDocument(big, "huge.xml");
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_NE(s.message().find("cap"), std::string::npos);
}

TEST(XmlSafeTest, StreamedPubmedRecordCap) {
  // One record of about 20 MiB of small elements: over the per-record cap.
  std::string xml = "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>"
                    "<Article><ArticleTitle>ok</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
                    "<PubmedArticle><MedlineCitation><PMID>2</PMID><KeywordList>";
  const std::string kw = "<Keyword>padding-keyword</Keyword>";
  while (xml.size() < (size_t{20} << 20)) xml += kw;
  xml += "</KeywordList></MedlineCitation></PubmedArticle></PubmedArticleSet>";
  Status s;
  ParseResult r = testing::ParseWith("pubmed", xml, &s, "big.xml");
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.documents.size(), 1u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("larger than"), std::string::npos) << r.diagnostics[0].message;
  EXPECT_EQ(r.diagnostics[0].record, 2);
}

TEST(XmlSafeTest, ErrorsSayWhatToDo) {
  struct Case {
    const char* libxml2;  // libxml2's own message
    const char* says;     // part of ours
  };
  const Case cases[] = {
      {"Excessive depth in document: 256 use XML_PARSE_HUGE option\n", "elements nested more than 256 deep"},
      {"Input is not proper UTF-8, indicate encoding !\nBytes: 0xE9 0x20 0x6E 0x61\n",
       "not UTF-8 (first bad bytes: 0xE9 0x20 0x6E 0x61); convert the file to UTF-8"},
      {"Unsupported encoding X-NO-SUCH\n", "the declared encoding X-NO-SUCH is not one ckb can read"},
      {"Entity 'nbsp' not defined\n", "replace it with its character"},
      {"Extra content at the end of the document\n", "two documents joined"},
      {"Premature end of data in tag a line 1\n", "(the file looks cut short or damaged)"},
      {"Something else\n", "Something else"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.libxml2);
    std::string m = XmlErrorText(c.libxml2);
    EXPECT_NE(m.find(c.says), std::string::npos) << m;
    EXPECT_EQ(m.find("XML_PARSE_HUGE"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
  // Through the parser: the line of the problem, then the explanation.
  Status s = CheckXmlDocument("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>caf\xe9 noir</a>\n", "f.xml");
  EXPECT_NE(s.message().find("f.xml:2: bytes that are not UTF-8"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace ckb::readers
