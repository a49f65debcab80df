// SPDX-License-Identifier: GPL-3.0-or-later
// The page format on the hand-made pages in tests/data/pages (plain [n] list,
// Vancouver "n." list, Chinese page, GB/T without spaces, malformed page),
// malformed inputs, and the one-reference-per-line citations format.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "readers/formats.h"
#include "readers/parser.h"

namespace ckb::readers {
namespace {

std::string ReadPage(const std::string& name) {
  std::ifstream in(std::string(CKB_SOURCE_DIR "/tests/data/pages/") + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status Parse(std::string_view bytes, ParseResult* res, const char* format = "page") {
  const Format* f = FindFormat(format);
  if (f == nullptr) return Status::Internal("no format");
  return ParseBytes(*f, bytes, "page.txt", res);
}

TEST(PageText, PlainBracketList) {
  ParseResult res;
  ASSERT_TRUE(Parse(ReadPage("brackets_en.txt"), &res).ok());
  ASSERT_EQ(res.documents.size(), 1u);
  EXPECT_TRUE(res.diagnostics.empty());
  const Document& d = res.documents[0];
  EXPECT_EQ(d.work.title, "Trastuzumab deruxtecan for HER2-low metastatic breast cancer: a single-centre cohort");
  EXPECT_EQ(d.work.authors, (std::vector<std::string>{"Wang Fang", "Zhao Lei", "Sun Wei"}));
  EXPECT_EQ(d.work.type, "article");
  EXPECT_EQ(d.work.journal, "Journal of Breast Oncology Practice");
  EXPECT_EQ(d.work.year, 2024);
  EXPECT_EQ(d.work.pages, "201-208");
  EXPECT_EQ(d.work.doi, "10.5555/jbop.2024.0312");
  EXPECT_EQ(d.work.dates.at("accepted"), "2024-01-05");
  EXPECT_EQ(d.work.email, "sunwei@example.org");
  EXPECT_EQ(d.work.lang, "en");
  ASSERT_EQ(d.references.size(), 5u);
  EXPECT_TRUE(d.related.empty());
  // [2] spans three lines.
  EXPECT_EQ(d.references[1].raw,
            "Bardia A, Hu XC, Dent R, et al. Trastuzumab deruxtecan after endocrine therapy in metastatic "
            "breast cancer[J]. N Engl J Med, 2024, 391(22): 2110-2122. DOI: 10.1056/NEJMoa2407086.");
  EXPECT_EQ(d.references[1].doi, "10.1056/nejmoa2407086");
  EXPECT_EQ(d.references[1].pages, "2110-2122");
  EXPECT_EQ(d.references[2].pmid, "35941372");
  EXPECT_EQ(d.references[3].nct, std::vector<std::string>{"NCT05824325"});
  EXPECT_EQ(d.references[3].type, "EB/OL");
  EXPECT_EQ(d.references[4].n, 5);
  EXPECT_EQ(d.references[4].pages, "834651");
}

TEST(PageText, VancouverNumberedList) {
  ParseResult res;
  ASSERT_TRUE(Parse(ReadPage("vancouver_numbered.txt"), &res).ok());
  EXPECT_TRUE(res.diagnostics.empty());
  const Document& d = res.documents.at(0);
  EXPECT_EQ(d.work.title, "Antibody-drug conjugates in HER2-low breast cancer: where do we stand?");
  EXPECT_EQ(d.work.pages, "e1023");
  ASSERT_EQ(d.references.size(), 6u);
  const Reference& r2 = d.references[1];
  EXPECT_EQ(r2.journal, "N Engl J Med");
  EXPECT_EQ(r2.year, 2024);
  EXPECT_EQ(r2.volume, "391");
  EXPECT_EQ(r2.issue, "22");
  EXPECT_EQ(r2.pages, "2110-2122");
  EXPECT_EQ(r2.type, "");
  EXPECT_EQ(d.references[2].doi, "10.1158/2159-8290.cd-22-0837");
  EXPECT_EQ(d.references[2].pmid, "36255231");
  EXPECT_EQ(d.references[3].issue, "3 Suppl");
  EXPECT_EQ(d.references[4].pages, "e212-e219");
  const Reference& r6 = d.references[5];
  EXPECT_EQ(r6.authors, std::vector<std::string>{"Anderson Cancer Center"});
  EXPECT_EQ(r6.url, "https://clinicaltrials.gov/study/NCT05633979");
  EXPECT_EQ(r6.nct, std::vector<std::string>{"NCT05633979"});
  EXPECT_EQ(r6.year, 2025);
  EXPECT_EQ(r6.title.find("Accessed"), std::string::npos);
}

TEST(PageText, ChineseOnlyPage) {
  ParseResult res;
  ASSERT_TRUE(Parse(ReadPage("chinese_only.txt"), &res).ok());
  EXPECT_TRUE(res.diagnostics.empty());
  const Document& d = res.documents.at(0);
  EXPECT_EQ(d.work.title, "HER2低表达乳腺癌的靶向治疗研究进展");
  EXPECT_EQ(d.work.authors, (std::vector<std::string>{"朱军", "黄美金", "李媛"}));
  EXPECT_EQ(d.work.type, "review");
  EXPECT_EQ(d.work.journal, "国际肿瘤学杂志");
  EXPECT_EQ(d.work.dates.at("received"), "2022-12-30");
  EXPECT_EQ(d.work.lang, "zh");
  ASSERT_EQ(d.references.size(), 3u);
  const Reference& r1 = d.references[0];
  EXPECT_EQ(r1.authors, (std::vector<std::string>{"刘月平", "薛卫成", "杨文涛"}));
  EXPECT_TRUE(r1.et_al);
  EXPECT_EQ(r1.title, "乳腺癌HER2低表达病理检测进展及挑战");
  EXPECT_EQ(r1.journal, "中华病理学杂志");
  EXPECT_EQ(r1.year, 2022);
  EXPECT_EQ(r1.volume, "51");
  EXPECT_EQ(r1.issue, "9");
  EXPECT_EQ(r1.pages, "799-802");
  EXPECT_EQ(r1.doi, "10.3760/cma.j.cn112151-20220620-00542");
  EXPECT_EQ(d.references[1].authors, std::vector<std::string>{"《乳腺癌HER2检测指南(2024版)》编写组"});
  EXPECT_EQ(d.references[2].journal, "药学进展");
}

TEST(PageText, GbWithoutSpacesAndRelatedList) {
  ParseResult res;
  ASSERT_TRUE(Parse(ReadPage("nospace.txt"), &res).ok());
  EXPECT_TRUE(res.diagnostics.empty());
  const Document& d = res.documents.at(0);
  EXPECT_EQ(d.work.authors.size(), 7u);
  ASSERT_EQ(d.references.size(), 4u);
  ASSERT_EQ(d.related.size(), 2u);
  EXPECT_EQ(d.references[1].pmid, "35941372");
  EXPECT_EQ(d.references[1].raw.find("pmid"), std::string::npos);
  EXPECT_EQ(d.references[1].title,
            "Trastuzumab deruxtecan in HER2-positive breast cancer with brain metastases:a single-arm,phase 2 trial");
  EXPECT_EQ(d.references[1].journal, "Nat Med");
  EXPECT_EQ(d.references[2].authors, (std::vector<std::string>{"朱军", "黄美金", "李媛"}));
  EXPECT_EQ(d.references[3].pages, "e212-e219");
  EXPECT_EQ(d.related[0].authors, (std::vector<std::string>{"Sa Qiang", "Xu Hangcheng", "Wang Jiayu"}));
  EXPECT_EQ(d.related[1].volume, "51");
  EXPECT_EQ(d.related[1].issue, "6");
}

TEST(PageText, MalformedEntriesGiveDiagnostics) {
  ParseResult res;
  ASSERT_TRUE(Parse(ReadPage("malformed.txt"), &res).ok());
  const Document& d = res.documents.at(0);
  ASSERT_EQ(d.references.size(), 4u);
  std::vector<std::pair<int64_t, std::string>> diags;
  for (const Diagnostic& g : res.diagnostics) diags.push_back({g.line, g.message.substr(0, 30)});
  EXPECT_EQ(diags, (std::vector<std::pair<int64_t, std::string>>{
                       {4, "reference [2] could not be par"},
                       {5, "numbering gap: [4] follows [2]"},
                       {6, "reference [5] is not closed by"},
                       {6, "reference [5] could not be par"}}));
  for (const Diagnostic& g : res.diagnostics) EXPECT_EQ(g.source, "page.txt");
}

TEST(PageText, RejectsNonPages) {
  struct Bad {
    std::string name, bytes, want;
  };
  std::vector<Bad> bad = {
      {"empty", "", "empty"},
      {"blank", " \n\n\t\n", "empty"},
      {"nul", std::string("[1] Doe J. Title[J]. J, 2020, 1: 2.\n\0\0\x01", 40), "NUL"},
      {"invalid utf-8", "[1] Doe J. Title \xC3\x28 here[J]. J, 2020, 1: 2.\n", "UTF-8"},
      {"overlong utf-8", "[1] \xC0\xAF\n", "UTF-8"},
      {"prose", "Just a paragraph of ordinary prose.\nAnother line.\n", "not a journal page"},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.name);
    ParseResult res;
    Status st = Parse(b.bytes, &res);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), Status::Code::kParseError);
    EXPECT_NE(st.message().find("page.txt"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find(b.want), std::string::npos) << st.message();
    EXPECT_TRUE(res.documents.empty());
  }
}

TEST(PageText, TruncatedInputsNeverCrash) {
  std::string page = ReadPage("brackets_en.txt");
  ASSERT_FALSE(page.empty());
  for (size_t cut = 0; cut < page.size(); cut += 7) {
    std::string part = page.substr(0, cut);
    // Keep the cut on a UTF-8 boundary; invalid UTF-8 is covered elsewhere.
    while (!part.empty() && (static_cast<unsigned char>(part.back()) & 0xC0) == 0x80) part.pop_back();
    if (!part.empty() && static_cast<unsigned char>(part.back()) >= 0xC0) part.pop_back();
    ParseResult res;
    Status st = Parse(part, &res);
    if (st.ok()) {
      ASSERT_EQ(res.documents.size(), 1u);
    } else {
      EXPECT_EQ(st.code(), Status::Code::kParseError);
    }
  }
}

TEST(PageText, SniffRejectsOtherText) {
  EXPECT_EQ(SniffPageText("notes.txt", "shopping list\nmilk\n"), 0);
  EXPECT_EQ(SniffPageText("x.bin", std::string("\0\0| [1] |", 9)), 0);
  EXPECT_GE(SniffPageText("page.txt", ReadPage("nospace.txt")), 50);
}

TEST(CitationLines, OneDocumentPerLine) {
  std::string text =
      "[3] Modi S, Jacot W, Yamashita T, et al. Trastuzumab deruxtecan in previously treated HER2-low "
      "advanced breast cancer[J]. N Engl J Med, 2022, 387(1): 9-20.\n"
      "\n"
      "12. Doe J, Roe R. A made-up trial of drug X. J Test Med. 2020;38(17):1951-1962.\n"
      "朱军,黄美金,李媛,等.HER2低表达乳腺癌的靶向治疗研究进展[J].国际肿瘤学杂志,2023,50(4):236-240.\n"
      "????\n";
  ParseResult res;
  ASSERT_TRUE(Parse(text, &res, "citations").ok());
  ASSERT_EQ(res.documents.size(), 4u);
  EXPECT_EQ(res.documents[0].references.at(0).n, 3);
  EXPECT_EQ(res.documents[0].references.at(0).journal, "N Engl J Med");
  EXPECT_EQ(res.documents[0].work.title, "");
  EXPECT_EQ(res.documents[1].references.at(0).n, 12);
  EXPECT_EQ(res.documents[1].line, 3);
  EXPECT_EQ(res.documents[1].references.at(0).pages, "1951-1962");
  EXPECT_EQ(res.documents[2].references.at(0).n, 0);
  EXPECT_EQ(res.documents[2].references.at(0).journal, "国际肿瘤学杂志");
  ASSERT_EQ(res.diagnostics.size(), 1u);
  EXPECT_EQ(res.diagnostics[0].line, 5);
  EXPECT_EQ(res.diagnostics[0].record, 4);
}

TEST(CitationLines, RejectsBinary) {
  ParseResult res;
  Status st = Parse(std::string("a\0b", 3), &res, "citations");
  EXPECT_EQ(st.code(), Status::Code::kParseError);
}

}  // namespace
}  // namespace ckb::readers
