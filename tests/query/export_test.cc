// SPDX-License-Identifier: GPL-3.0-or-later
// Citation export writers: field mapping and escaping of RIS, BibTeX,
// CSL-JSON and MEDLINE, trial numbers, Chinese text.
#include <gtest/gtest.h>

#include "query/export.h"

namespace ckb::query {
namespace {

ExportItem Sample() {
  ExportItem it;
  Work& w = it.work;
  w.id = "W0123456789abcdef";
  w.type = "article";
  w.title = "Trastuzumab deruxtecan in HER2-low breast cancer: 50% & more_";
  w.authors = {"Modi S", "Jacot W", "van der Berg JA"};
  w.journal = "New England Journal of Medicine";
  w.journal_abbrev = "N Engl J Med";
  w.year = 2022;
  w.dates["published"] = "2022-07-07";
  w.volume = "387";
  w.issue = "1";
  w.pages = "9-20";
  w.doi = "10.1056/nejmoa2203690";
  w.pmid = "35665782";
  w.pmcid = "PMC10561652";
  w.abstract = "Background line one.\nSecond line.";
  w.keywords = {"HER2-low", "ADC"};
  w.mesh = {"Breast Neoplasms"};
  w.lang = "en";
  w.url = "https://example.org/a";
  it.trials = {"NCT03734029"};
  return it;
}

TEST(Export, Helpers) {
  EXPECT_EQ(SplitName("Modi S").family, "Modi");
  EXPECT_EQ(SplitName("Modi S").given, "S");
  EXPECT_EQ(SplitName("van der Berg JA").family, "van der Berg");
  EXPECT_EQ(SplitName("朱军").family, "朱军");
  EXPECT_EQ(SplitName("朱军").given, "");
  EXPECT_EQ(SplitName("Modi, Shanu").given, "Shanu");
  // Corporate authors stay one name.
  EXPECT_EQ(SplitName("MD Anderson Cancer Center").family, "MD Anderson Cancer Center");
  EXPECT_EQ(SplitName("MD Anderson Cancer Center").given, "");
  EXPECT_EQ(SplitName("DESTINY-Breast04 Trial Investigators").given, "");
  EXPECT_EQ(SplitName("Shanu Modi").family, "Shanu");
  EXPECT_EQ(SplitPages("9-20"), std::make_pair(std::string("9"), std::string("20")));
  EXPECT_EQ(SplitPages("9\xE2\x80\x93" "20"), std::make_pair(std::string("9"), std::string("20")));
  EXPECT_EQ(SplitPages("e123"), std::make_pair(std::string("e123"), std::string()));
  EXPECT_EQ(RegistryOf("NCT03734029"), "ClinicalTrials.gov");
  EXPECT_EQ(RegistryOf("ChiCTR2000034567"), "ChiCTR");
}

TEST(Export, Ris) {
  std::string ris = ToRis({Sample()});
  EXPECT_EQ(ris.rfind("TY  - JOUR\n", 0), 0u);
  for (const char* line : {"AU  - Modi, S\n", "AU  - van der Berg, JA\n", "T2  - New England Journal of Medicine\n",
                           "J2  - N Engl J Med\n", "PY  - 2022\n", "DA  - 2022/07/07\n", "VL  - 387\n", "IS  - 1\n",
                           "SP  - 9\n", "EP  - 20\n", "DO  - 10.1056/nejmoa2203690\n", "AN  - 35665782\n",
                           "DB  - PubMed\n", "C2  - PMC10561652\n", "AB  - Background line one. Second line.\n",
                           "KW  - HER2-low\n", "KW  - NCT03734029\n", "LA  - en\n", "UR  - https://example.org/a\n",
                           "N1  - ClinicalTrials.gov: NCT03734029\n"}) {
    EXPECT_NE(ris.find(line), std::string::npos) << line;
  }
  EXPECT_NE(ris.find("ER  - \n"), std::string::npos);
}

TEST(Export, Bibtex) {
  std::string bib = ToBibtex({Sample(), Sample()});
  // Readable, unique keys: family name, year, first title word.
  EXPECT_EQ(bib.rfind("@article{modi2022trastuzumab,\n", 0), 0u);
  EXPECT_NE(bib.find("@article{modi2022trastuzumab2,\n"), std::string::npos);
  EXPECT_NE(bib.find("author = {Modi, S and Jacot, W and van der Berg, JA}"), std::string::npos);
  EXPECT_NE(bib.find("title = {Trastuzumab deruxtecan in {HER2-low} breast cancer: 50\\% \\& more\\_}"),
            std::string::npos);
  EXPECT_NE(bib.find("pages = {9--20}"), std::string::npos);
  EXPECT_NE(bib.find("month = jul"), std::string::npos);
  EXPECT_NE(bib.find("note = {ClinicalTrials.gov: NCT03734029}"), std::string::npos);
  EXPECT_NE(bib.find("eprinttype = {pubmed}"), std::string::npos);
  ExportItem web = Sample();
  web.work.url = "https://clinicaltrials.gov/study/NCT05633979?cond=HER2%20LOW&rank=2";
  EXPECT_NE(ToBibtex({web}).find("url = {https://clinicaltrials.gov/study/NCT05633979?cond=HER2%20LOW&rank=2}"),
            std::string::npos);
}

TEST(Export, CslJson) {
  Json j = Json::parse(ToCslJson({Sample()}));
  ASSERT_EQ(j.size(), 1u);
  const Json& it = j[0];
  EXPECT_EQ(it["type"], "article-journal");
  EXPECT_EQ(it["id"], "W0123456789abcdef");
  EXPECT_EQ(it["author"][0]["family"], "Modi");
  EXPECT_EQ(it["issued"]["date-parts"][0], Json::array({2022, 7, 7}));
  EXPECT_EQ(it["page"], "9-20");
  EXPECT_EQ(it["DOI"], "10.1056/nejmoa2203690");
  EXPECT_EQ(it["PMCID"], "PMC10561652");
  EXPECT_EQ(it["container-title-short"], "N Engl J Med");
  EXPECT_EQ(it["note"], "ClinicalTrials.gov: NCT03734029");
  EXPECT_EQ(it["keyword"], "HER2-low, ADC, Breast Neoplasms");
}

TEST(Export, Nbib) {
  std::string nb = ToNbib({Sample()});
  EXPECT_EQ(nb.rfind("PMID- 35665782\n", 0), 0u);
  for (const char* line : {"DP  - 2022 Jul 7\n", "PG  - 9-20\n", "LID - 10.1056/nejmoa2203690 [doi]\n",
                           "FAU - Modi, S\n", "AU  - Modi S\n", "LA  - eng\n", "SI  - ClinicalTrials.gov/NCT03734029\n",
                           "TA  - N Engl J Med\n", "JT  - New England Journal of Medicine\n", "MH  - Breast Neoplasms\n",
                           "OT  - HER2-low\n", "PMC - PMC10561652\n"}) {
    EXPECT_NE(nb.find(line), std::string::npos) << line;
  }
  ExportItem long_item = Sample();
  long_item.work.abstract = std::string(30, 'a');
  for (int i = 0; i < 20; ++i) long_item.work.abstract += " word" + std::to_string(i);
  std::string wrapped = ToNbib({long_item});
  EXPECT_NE(wrapped.find("\n      word"), std::string::npos);
}

TEST(Export, ChineseStaysUtf8) {
  ExportItem it;
  it.work.title = "乳腺癌HER2检测指南(2024版)";
  it.work.authors = {"朱军"};
  it.work.journal = "中华病理学杂志";
  it.work.year = 2024;
  it.work.lang = "zh";
  EXPECT_NE(ToRis({it}).find("TI  - 乳腺癌HER2检测指南(2024版)\n"), std::string::npos);
  EXPECT_NE(ToRis({it}).find("AU  - 朱军\n"), std::string::npos);
  EXPECT_NE(ToBibtex({it}).find("author = {{朱军}}"), std::string::npos);
  Json j = Json::parse(ToCslJson({it}));
  EXPECT_EQ(j[0]["author"][0]["literal"], "朱军");
  EXPECT_NE(ToNbib({it}).find("LA  - chi\n"), std::string::npos);
}

TEST(Export, StreamWritesWhatTheWholeListWrites) {
  ExportItem reg = Sample();
  reg.work.type = "trial-registration";
  reg.work.authors = {"MD Anderson Cancer Center"};
  std::vector<ExportItem> items = {Sample(), reg, Sample()};
  for (const char* format : {"ris", "bibtex", "csljson", "nbib"}) {
    SCOPED_TRACE(format);
    auto whole = ExportItems(items, format);
    ASSERT_TRUE(whole.ok());
    auto stream = ExportStream::Open(format);
    ASSERT_TRUE(stream.ok());
    std::string parts;
    for (const auto& item : items) parts += stream.value().Add(item);
    parts += stream.value().Finish();
    EXPECT_EQ(parts, whole.value());
  }
  std::string csl = ExportItems(items, "csljson").value();
  Json arr = ParseJson(csl);
  ASSERT_TRUE(arr.is_array());
  EXPECT_EQ(arr.size(), 3u);
  EXPECT_EQ(arr[1]["type"], "dataset");
  EXPECT_EQ(arr[1]["author"][0]["literal"], "MD Anderson Cancer Center");
  std::string ris = ToRis({reg});
  EXPECT_EQ(ris.rfind("TY  - DBASE\n", 0), 0u);
  EXPECT_NE(ris.find("AU  - MD Anderson Cancer Center\n"), std::string::npos);
  EXPECT_EQ(ExportItems({}, "csljson").value(), "[]\n");
}

}  // namespace
}  // namespace ckb::query
