// SPDX-License-Identifier: GPL-3.0-or-later
// The journal web-page parser on the seed review page, checked field by field
// against tests/golden/seed_parse.json, plus explicit checks of the values
// that matter most.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "readers/formats.h"
#include "readers/parser.h"

namespace ckb::readers {
namespace {

using Json = nlohmann::ordered_json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Json RefJson(const Reference& r) {
  return Json{{"n", r.n},           {"raw", r.raw},         {"authors", r.authors},
              {"et_al", r.et_al},   {"title", r.title},     {"type", r.type},
              {"journal", r.journal}, {"year", r.year ? Json(*r.year) : Json()},
              {"volume", r.volume}, {"issue", r.issue},     {"pages", r.pages},
              {"doi", r.doi},       {"pmid", r.pmid},       {"pmcid", r.pmcid},
              {"url", r.url},       {"nct", r.nct}};
}

Json WorkJson(const Work& w) {
  return Json{{"type", w.type},       {"title", w.title},   {"authors", w.authors},
              {"journal", w.journal}, {"year", w.year ? Json(*w.year) : Json()},
              {"volume", w.volume},   {"issue", w.issue},   {"pages", w.pages},
              {"doi", w.doi},         {"dates", Json(w.dates)}, {"email", w.email},
              {"lang", w.lang}};
}

Json ResultJson(const ParseResult& res) {
  Json out;
  const Document& d = res.documents.at(0);
  out["work"] = WorkJson(d.work);
  out["references"] = Json::array();
  for (const Reference& r : d.references) out["references"].push_back(RefJson(r));
  out["related"] = Json::array();
  for (const Reference& r : d.related) out["related"].push_back(RefJson(r));
  out["diagnostics"] = Json::array();
  for (const Diagnostic& g : res.diagnostics) out["diagnostics"].push_back(g.message);
  return out;
}

void CompareObject(const Json& want, const Json& got) {
  ASSERT_TRUE(want.is_object());
  EXPECT_EQ(want.size(), got.size());
  for (auto it = want.begin(); it != want.end(); ++it) {
    SCOPED_TRACE("field " + it.key());
    ASSERT_TRUE(got.contains(it.key()));
    EXPECT_EQ(it.value(), got.at(it.key())) << "want " << it.value().dump() << "\n got "
                                            << got.at(it.key()).dump();
  }
}

class SeedPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string bytes = ReadFile(CKB_SOURCE_DIR "/corpus/her2-ultralow-review.txt");
    ASSERT_FALSE(bytes.empty());
    const Format* f = FindFormat("page");
    ASSERT_NE(f, nullptr);
    Status st = ParseBytes(*f, bytes, "her2-ultralow-review.txt", &res_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_EQ(res_.documents.size(), 1u);
  }
  ParseResult res_;
};

TEST_F(SeedPageTest, MatchesGoldenFieldByField) {
  const std::string path = CKB_SOURCE_DIR "/tests/golden/seed_parse.json";
  Json got = ResultJson(res_);
  const char* regen = std::getenv("CKB_REGENERATE_GOLDEN");
  if (regen != nullptr && std::string(regen) == "1") {
    std::ofstream(path) << got.dump(2, ' ', false) << "\n";
  }
  Json want = Json::parse(ReadFile(path), nullptr, false);
  ASSERT_FALSE(want.is_discarded()) << "cannot read " << path;
  {
    SCOPED_TRACE("work");
    CompareObject(want["work"], got["work"]);
  }
  for (const char* list : {"references", "related"}) {
    ASSERT_EQ(want[list].size(), got[list].size()) << list;
    for (size_t i = 0; i < want[list].size(); ++i) {
      SCOPED_TRACE(std::string(list) + " [" + std::to_string(i + 1) + "]");
      CompareObject(want[list][i], got[list][i]);
    }
  }
  EXPECT_EQ(want["diagnostics"], got["diagnostics"]);
}

TEST_F(SeedPageTest, ArticleMetadata) {
  const Work& w = res_.documents[0].work;
  EXPECT_EQ(w.title, "Research progress of HER2 ultra-low expression breast cancer");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Liu Xinlei", "Li Yaru", "Chen Shuning",
                                                 "Tang Shenghao", "Qin Yan", "Liu Yankui",
                                                 "Qi Xiaowei"}));
  EXPECT_EQ(w.journal, "Journal of International Oncology");
  EXPECT_EQ(w.year, 2026);
  EXPECT_EQ(w.volume, "53");
  EXPECT_EQ(w.issue, "1");
  EXPECT_EQ(w.pages, "53-56");
  EXPECT_EQ(w.doi, "10.3760/cma.j.cn371439-20250225-00007");
  EXPECT_EQ(w.dates, (std::map<std::string, std::string>{
                         {"received", "2025-02-25"}, {"online", "2026-01-08"}, {"published", "2026-01-13"}}));
  EXPECT_EQ(w.type, "review");
  EXPECT_EQ(w.email, "qixiaowei97@126.com");
  EXPECT_EQ(w.lang, "en");
  EXPECT_TRUE(res_.diagnostics.empty());
}

TEST_F(SeedPageTest, ListsAndKeyReferences) {
  const Document& d = res_.documents[0];
  ASSERT_EQ(d.references.size(), 26u);
  ASSERT_EQ(d.related.size(), 15u);
  for (size_t i = 0; i < d.references.size(); ++i) EXPECT_EQ(d.references[i].n, static_cast<int>(i + 1));
  for (size_t i = 0; i < d.related.size(); ++i) EXPECT_EQ(d.related[i].n, static_cast<int>(i + 1));

  const Reference& r4 = d.references[3];
  EXPECT_EQ(r4.doi, "10.1158/2159-8290.cd-22-0837");
  EXPECT_EQ(r4.pmid, "36255231");
  EXPECT_EQ(r4.raw.find("pmid"), std::string::npos);
  EXPECT_EQ(r4.raw.find('|'), std::string::npos);
  EXPECT_EQ(d.references[2].pmid, "35941372");
  EXPECT_EQ(d.references[20].pmid, "37302017");

  EXPECT_EQ(d.references[7].authors, std::vector<std::string>{"《乳腺癌HER2检测指南(2024版)》编写组"});
  EXPECT_EQ(d.references[8].pages, "834651");
  EXPECT_EQ(d.references[11].issue, "3 Sup");
  EXPECT_EQ(d.references[11].pages, "102386");
  EXPECT_EQ(d.references[16].pages, "e212-e219");

  const Reference& r18 = d.references[17];
  EXPECT_EQ(r18.authors, std::vector<std::string>{"Anderson Cancer Center"});
  EXPECT_EQ(r18.type, "EB/OL");
  EXPECT_EQ(r18.url, "https://clinicaltrials.gov/study/NCT05633979?cond=HER2%20ULTRA%20LOW&term=Breast%20Cancer&rank=2");
  EXPECT_EQ(r18.nct, std::vector<std::string>{"NCT05633979"});
  EXPECT_EQ(r18.title.find("2025"), std::string::npos);
  EXPECT_EQ(r18.title.find("http"), std::string::npos);
  EXPECT_EQ(d.references[18].nct, std::vector<std::string>{"NCT05824325"});

  EXPECT_EQ(d.related[6].authors.at(0), "Yipala·Yilihamu");
  EXPECT_EQ(d.related[14].journal, "Journal of International Oncology");
  for (const Reference& r : d.related) EXPECT_EQ(r.type, "J");
}

TEST_F(SeedPageTest, SniffsAsPage) {
  std::string bytes = ReadFile(CKB_SOURCE_DIR "/corpus/her2-ultralow-review.txt");
  const Format* f = DetectFormat("her2-ultralow-review.txt", std::string_view(bytes).substr(0, 4096));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "page");
}

// A numbered reference list with no page around it, as copied from an article
// or a reference manager, is read as a page without --as, whatever its marker.
TEST(NumberedListTest, DetectedAndParsedWithoutAs) {
  const char* lists[] = {
      "1. Smith J, Jones K. Erlotinib in lung cancer. N Engl J Med. 2010;362(25):2380-8.\n"
      "2. Brown A, Green B. Osimertinib versus standard therapy. Lancet Oncol. 2018;19(4):500-10.\n"
      "3. Lee H, Park S. Gefitinib after chemotherapy. J Clin Oncol. 2012;30(10):1122-8.\n",
      "[1] Smith J, Jones K. Erlotinib in lung cancer. N Engl J Med. 2010;362(25):2380-8.\n"
      "[2] Brown A, Green B. Osimertinib versus standard therapy. Lancet Oncol. 2018;19(4):500-10.\n"
      "[3] Lee H, Park S. Gefitinib after chemotherapy. J Clin Oncol. 2012;30(10):1122-8.\n",
      "References\n1) Smith J, Jones K. Erlotinib in lung cancer. N Engl J Med. 2010;362(25):2380-8.\n"
      "2) Brown A, Green B. Osimertinib versus standard therapy.\n   Lancet Oncol. 2018;19(4):500-10.\n"
      "3) Lee H, Park S. Gefitinib after chemotherapy. J Clin Oncol. 2012;30(10):1122-8.\n",
  };
  for (const char* list : lists) {
    SCOPED_TRACE(list);
    const Format* f = DetectFormat("refs.md", list);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name, "page");
    ParseResult res;
    ASSERT_TRUE(ParseBytes(*f, list, "refs.md", &res).ok());
    ASSERT_EQ(res.documents.size(), 1u);
    const auto& refs = res.documents[0].references;
    ASSERT_EQ(refs.size(), 3u);
    EXPECT_EQ(refs[1].journal, "Lancet Oncol");
    EXPECT_EQ(refs[1].year, 2018);
    EXPECT_EQ(refs[2].n, 3);
  }
}

// Numbered lines that are not a reference list (no years, or not in sequence)
// are not taken for one.
TEST(NumberedListTest, NumberedProseIsNot) {
  EXPECT_EQ(SniffPageText("steps.md", "1. Open the box.\n2. Take the lid off.\n3. Read the leaflet.\n"), 0);
  EXPECT_EQ(SniffPageText("x.md", "1. In 2010 a.\n7. In 2011 b.\n12. In 2012 c.\n"), 0);
}

}  // namespace
}  // namespace ckb::readers
