// SPDX-License-Identifier: GPL-3.0-or-later
// Entity extraction: normalisation, lexicon matching, HER2 states, receptor
// status, trials, design, phase and sample size, offsets and Resolve.
#include "knowledge/entities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "text/text_norm.h"
#include "tests/knowledge/test_entries.h"

namespace ckb::knowledge {
namespace {

const EntityExtractor& Ex() { return EntityExtractor::Default(); }

// State ids ("biomarker:HER2/low") of every mention in `text`.
std::set<std::string> Ids(const std::string& text) {
  std::set<std::string> out;
  for (const Mention& m : Ex().Extract(text, "title")) out.insert(StateId(m));
  return out;
}

TEST(TextNormTest, FoldsDashesGreekRomanAndCase) {
  EXPECT_EQ(text::Normalize("HER2‐low – ER−").text, "her2-low - er-");
  EXPECT_EQ(text::Normalize("PI3Kα").text, "pi3kalpha");
  EXPECT_EQ(text::Normalize("phase Ⅰb Ⅲ").text, "phase ib iii");
  EXPECT_EQ(text::Normalize("Cétuximab").text, "cetuximab");
  EXPECT_EQ(text::Normalize("ＨＥＲ２＋").text, "her2+");
  EXPECT_EQ(text::MatchKey("HER-2"), "her2");
  EXPECT_EQ(text::MatchKey("ultra low"), text::MatchKey("ultra-low"));
  EXPECT_EQ(text::Slug("Trastuzumab Deruxtecan"), "trastuzumab-deruxtecan");
}

TEST(TextNormTest, MapsBackToOriginalCodePoints) {
  text::NormText n = text::Normalize("α乳腺癌 HER2");
  // "alpha" (5 bytes) comes from code point 0; "乳" from code point 1.
  EXPECT_EQ(n.Span(0, 5), std::make_pair(0u, 1u));
  EXPECT_EQ(n.Span(5, 8), std::make_pair(1u, 2u));
}

struct Case {
  const char* text;
  std::vector<const char*> want;  // state ids that must be present
  std::vector<const char*> not_want = {};
};

class ExtractTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(ExtractTableTest, FindsExpectedIds) {
  const Case& c = GetParam();
  std::set<std::string> got = Ids(c.text);
  std::string all;
  for (const auto& g : got) all += g + " ";
  for (const char* w : c.want) EXPECT_TRUE(got.count(w)) << c.text << " lacks " << w << "; got " << all;
  for (const char* w : c.not_want)
    EXPECT_FALSE(got.count(w)) << c.text << " has unexpected " << w << "; got " << all;
}

INSTANTIATE_TEST_SUITE_P(
    Entities, ExtractTableTest,
    ::testing::Values(
        // Drug synonyms: INN, code names, brand, abbreviations, Chinese.
        Case{"T-DXd in gastric cancer", {"drug:trastuzumab-deruxtecan", "disease:stomach-cancer"}},
        Case{"DS-8201a and DS-8201", {"drug:trastuzumab-deruxtecan"}},
        Case{"Enhertu (fam-trastuzumab deruxtecan-nxki)", {"drug:trastuzumab-deruxtecan"}},
        Case{"德曲妥珠单抗治疗乳腺癌", {"drug:trastuzumab-deruxtecan", "disease:breast-cancer"}},
        Case{"T-DM1 versus ado-trastuzumab emtansine", {"drug:trastuzumab-emtansine"}},
        Case{"the T-DM regimen", {}, {"drug:trastuzumab-emtansine"}},
        Case{"SYD985 and RC48 and IMMU-132", {"drug:trastuzumab-duocarmazine", "drug:disitamab-vedotin",
                                              "drug:sacituzumab-govitecan"}},
        Case{"Dato-DXd (DS-1062)", {"drug:datopotamab-deruxtecan"}},
        Case{"tyrosine kinase inhibitors such as tucatinib",
             {"drug_class:tyrosine-kinase-inhibitor", "drug:tucatinib"}},
        // HER2 state grammar.
        Case{"HER2-low", {"biomarker:HER2/low"}},
        Case{"HER-2 low", {"biomarker:HER2/low"}},
        Case{"HER 2 ultralow", {"biomarker:HER2/ultralow"}},
        Case{"HER2 ultra low", {"biomarker:HER2/ultralow"}},
        Case{"HER2+ disease", {"biomarker:HER2/positive"}},
        Case{"HER2-positive", {"biomarker:HER2/positive"}},
        Case{"HER2 IHC 3+", {"biomarker:HER2/positive"}},
        Case{"HER2 IHC 2+/ISH+", {"biomarker:HER2/positive"}},
        Case{"HER2 (IHC 1+ or IHC 2+/ISH−)", {"biomarker:HER2/low"}, {"biomarker:HER2/positive"}},
        Case{"HER2 IHC 0 with membrane staining", {"biomarker:HER2/ultralow"}},
        Case{"HER2 IHC >0 <1+", {"biomarker:HER2/ultralow"}},
        Case{"HER2 0 tumours", {"biomarker:HER2/null"}},
        Case{"HER2-zero", {"biomarker:HER2/null"}},
        Case{"ERBB2-low", {"biomarker:HER2/low"}},
        Case{"HER2低表达乳腺癌", {"biomarker:HER2/low", "disease:breast-cancer"}},
        Case{"HER2超低表达", {"biomarker:HER2/ultralow"}},
        Case{"HER2阳性", {"biomarker:HER2/positive"}},
        Case{"HER2-low-expressing tumours", {"biomarker:HER2/low"}},
        Case{"HER2 ultra-low or no expression", {"biomarker:HER2/ultralow", "biomarker:HER2/null"}},
        Case{"HER2 immunohistochemistry 0 and 1", {"biomarker:HER2/null", "biomarker:HER2/low"}},
        Case{"HER2 low/ultra-low/null", {"biomarker:HER2/low", "biomarker:HER2/ultralow", "biomarker:HER2/null"}},
        Case{"HER2-negative", {"biomarker:HER2/negative"}},
        // Other receptors.
        Case{"HR+/HER2- advanced breast cancer", {"biomarker:HR/positive", "biomarker:HER2/negative"}},
        Case{"ER-positive, PR-negative", {"biomarker:ER/positive", "biomarker:PR/negative"}},
        Case{"hormone receptor-positive", {"biomarker:HR/positive"}},
        Case{"triple-negative breast cancer",
             {"biomarker:ER/negative", "biomarker:PR/negative", "biomarker:HER2/negative",
              "disease:triple-negative-breast-cancer"}},
        Case{"TNBC", {"biomarker:ER/negative", "disease:triple-negative-breast-cancer"}},
        Case{"the HR was 0.62 and PR was seen in the ER",
             {},
             {"biomarker:HR", "biomarker:PR", "biomarker:ER", "biomarker:HR/positive"}},
        // Trials.
        Case{"NCT03734029 and ChiCTR2000031234", {"trial:NCT03734029", "trial:ChiCTR2000031234"}},
        Case{"ISRCTN12345678; EudraCT 2015-001234-56", {"trial:ISRCTN12345678", "trial:EudraCT-2015-001234-56"}},
        Case{"the GALAXY trial", {"trial:NCT05824325"}},
        Case{"the ASCENT trial", {"trial:NCT02574455"}},
        Case{"an ascent to the summit", {}, {"trial:NCT02574455"}},
        // Design, phase, sample size.
        Case{"a randomised, open-label, phase 3 trial", {"design:randomized", "phase:3", "design:phase-trial"}},
        Case{"phase Ⅰb", {"phase:1b"}},
        Case{"phase Ib/II", {"phase:1b/2"}},
        Case{"a phase I/II study", {"phase:1/2"}},
        Case{"a systematic review and meta-analysis", {"design:systematic-review", "design:meta-analysis"}},
        Case{"a pooled analysis", {"design:pooled-analysis"}},
        Case{"a case report", {"design:case-report"}},
        Case{"a prospective cohort study", {"design:prospective", "design:cohort"}}));

std::string SampleN(const std::string& text) {
  for (const Mention& m : Ex().Extract(text, "abstract"))
    if (m.type == "sample_size") return m.attrs.at("n");
  return "";
}

TEST(EntitiesTest, SampleSize) {
  EXPECT_EQ(SampleN("A study of 1363 patients"), "1363");
  EXPECT_EQ(SampleN("n = 866"), "866");
  EXPECT_EQ(SampleN("1,363 patients were enrolled"), "1363");
  EXPECT_EQ(SampleN("in 866 women with cancer"), "866");
  EXPECT_EQ(SampleN("after 12 weeks in patients"), "");
  EXPECT_EQ(SampleN("36 cancers in 185 countries"), "");
  // Bounds and per-group counts are not the study's size (QUILT-3's "3 to 6
  // subjects per dose cohort" read as N=6).
  EXPECT_EQ(SampleN("3 to 6 subjects per dose cohort"), "");
  EXPECT_EQ(SampleN("enrolling 3-6 patients"), "");
  EXPECT_EQ(SampleN("up to 12 patients will be enrolled"), "");
  EXPECT_EQ(SampleN("10 patients in each arm"), "");
  EXPECT_EQ(SampleN("a total of 120 patients to 2 arms"), "120");
  // Thousands grouped by a space; counts in words opening a sentence.
  EXPECT_EQ(SampleN("We analysed data from 11 529 patients."), "11529");
  EXPECT_EQ(SampleN("Sixty-one patients were randomised to treatment."), "61");
  EXPECT_EQ(SampleN("Background. Three hundred and fifty-three women were enrolled."), "353");
  EXPECT_EQ(SampleN("Twenty healthy women were operated on."), "20");
  EXPECT_EQ(SampleN("Eight male children with autistic disorder."), "8");
  // Not a count of people, or one of them; words inside a sentence are left.
  EXPECT_EQ(SampleN("One patient died."), "");
  EXPECT_EQ(SampleN("Twelve weeks in patients on placebo."), "");
  EXPECT_EQ(SampleN("The drug was given to three patients with relapse."), "");
}

std::vector<std::string> Designs(const std::string& text) {
  std::vector<std::string> out;
  for (const Mention& m : Ex().Extract(text, "abstract"))
    if (m.type == "design") out.push_back(m.id + (m.attrs.count("of") ? "/" + m.attrs.at("of") : ""));
  return out;
}

TEST(EntitiesTest, CaseReportsByTheirWording) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Designs("We report a case of acute renal failure after indinavir."), V{"design:case-report"});
  EXPECT_EQ(Designs("We describe a patient with necrotizing myopathy."), V{"design:case-report"});
  EXPECT_EQ(Designs("A previously healthy 40-year-old man presented with fever."), V{"design:case-report"});
  EXPECT_EQ(Designs("A case of veno-occlusive disease of the liver."), V{"design:case-report"});
  EXPECT_EQ(Designs("Four cases of adrenoleukodystrophy have developed in a kindred."), V{"design:case-report"});
  // A trial's example patient is not a case report.
  EXPECT_EQ(Designs("In this trial a 60-year-old woman was randomized to placebo."), V{"design:randomized"});
  EXPECT_EQ(Designs("We report a randomized comparison in 200 patients."), V{"design:randomized"});
  // The case report's own review of the literature is marked as such.
  EXPECT_EQ(Designs("We report a case and a review of the literature."),
            (V{"design:case-report", "design:review/literature"}));
  EXPECT_EQ(Designs("A narrative review of adjuvant trials."), V{"design:review"});
}

TEST(EntitiesTest, OffsetsAreCodePointsIntoOriginal) {
  std::string text = "德曲妥珠单抗 in HER‑2–low disease";
  std::vector<char32_t> cps = text::DecodeUtf8(text);
  for (const Mention& m : Ex().Extract(text, "abstract")) {
    EXPECT_EQ(m.field, "abstract");
    ASSERT_LE(m.end, cps.size());
    EXPECT_EQ(text::SubstrCp(text, m.start, m.end), m.text);
  }
  auto ms = Ex().Extract(text, "abstract");
  auto drug = std::find_if(ms.begin(), ms.end(), [](const Mention& m) { return m.type == "drug"; });
  ASSERT_NE(drug, ms.end());
  EXPECT_EQ(drug->start, 0u);
  EXPECT_EQ(drug->end, 6u);
  EXPECT_EQ(drug->name, "trastuzumab deruxtecan");
  auto her2 = std::find_if(ms.begin(), ms.end(), [](const Mention& m) { return m.type == "biomarker"; });
  ASSERT_NE(her2, ms.end());
  EXPECT_EQ(her2->text, "HER‑2–low");
  EXPECT_EQ(her2->attrs.at("state"), "low");
}

TEST(EntitiesTest, Resolve) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Ex().Resolve("HER2-low", "biomarker"), V{"biomarker:HER2/low"});
  EXPECT_EQ(Ex().Resolve("HER2", "biomarker"), V{"biomarker:HER2"});
  EXPECT_EQ(Ex().Resolve("HER2", ""), V{"biomarker:HER2"});
  EXPECT_EQ(Ex().Resolve("T-DXd", ""), V{"drug:trastuzumab-deruxtecan"});
  EXPECT_EQ(Ex().Resolve("enhertu", "drug"), V{"drug:trastuzumab-deruxtecan"});
  EXPECT_EQ(Ex().Resolve("NCT03734029", ""), V{"trial:NCT03734029"});
  EXPECT_EQ(Ex().Resolve("GALAXY", "trial"), V{"trial:NCT05824325"});
  EXPECT_EQ(Ex().Resolve("DESTINY-Breast04", "trial"), V{"trial:NCT03734029"});
  EXPECT_EQ(Ex().Resolve("drug:trastuzumab", ""), V{"drug:trastuzumab"});
  EXPECT_TRUE(Ex().Resolve("T-DXd", "disease").empty());
  EXPECT_EQ(Ex().Resolve("1b", "phase"), V{"phase:1b"});
  EXPECT_EQ(Ex().Resolve("phase Ⅲ", "phase"), V{"phase:3"});
  EXPECT_TRUE(Ex().Resolve("no such thing", "").empty());
  // The shipped vocabularies: a registry-mined code, a gene alias, a DO synonym.
  EXPECT_EQ(Ex().Resolve("AZD9291", "drug"), V{"drug:osimertinib"});
  EXPECT_EQ(Ex().Resolve("HER2", "gene"), V{"gene:ERBB2"});
  EXPECT_EQ(Ex().Resolve("NSCLC", "disease"), V{"disease:lung-non-small-cell-carcinoma"});
  std::vector<std::string> sub = Ex().Descendants("disease:lung-cancer", 256);
  EXPECT_NE(std::find(sub.begin(), sub.end(), "disease:lung-adenocarcinoma"), sub.end());
  EXPECT_EQ(Ex().Descendants("disease:lung-cancer", 3).size(), 3u);
  EXPECT_TRUE(Ex().Descendants("no:such", 10).empty());
}

TEST(EntitiesTest, FindAndParents) {
  const LexiconEntry* e = Ex().Find("drug:trastuzumab-deruxtecan");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->parent, "drug_class:antibody-drug-conjugate");
  EXPECT_NE(Ex().Find(e->parent), nullptr);
  EXPECT_EQ(Ex().Find("drug:nothing"), nullptr);
}

TEST(EntitiesTest, FromEntriesHonoursCaseSensitiveForms) {
  LexiconEntry g;
  g.id = "gene:CAT";
  g.type = "gene";
  g.name = "CAT";  // gene entries are named by symbol, as the NCBI Gene import does
  g.synonyms = {"catalase"};
  g.case_sensitive = {"CAT"};
  auto ex = EntityExtractor::FromEntries({g});
  EXPECT_EQ(ex->Extract("the cat sat", "t").size(), 0u);
  EXPECT_EQ(ex->Extract("CAT activity", "t").size(), 1u);
  EXPECT_EQ(ex->Extract("Catalase activity", "t").size(), 1u);
  EXPECT_EQ(ex->size(), 1u);
}

}  // namespace
}  // namespace ckb::knowledge

namespace ckb::knowledge {
namespace {

TEST(EntitiesTest, SurvivesOddInput) {
  const std::string odd[] = {"",
                             std::string("\x80\xff HER2\xc3 T-DXd \xe4\xb8"),
                             std::string("HER2\0low", 8),
                             "((((((((IHC 2+/ISH-/IHC 1+ or IHC 0 with",
                             std::string(5000, '-') + "HER2-low",
                             "NCT NCT0 NCT123456789 ChiCTR- EudraCT phase phase Ⅻ n = 99999999999999"};
  for (const std::string& t : odd) {
    std::vector<char32_t> cps = text::DecodeUtf8(t);
    for (const Mention& m : EntityExtractor::Default().Extract(t, "x")) {
      EXPECT_LE(m.start, m.end);
      EXPECT_LE(m.end, cps.size());
    }
  }
  auto ms = EntityExtractor::Default().Extract(std::string("\x80 T-DXd", 7), "x");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].start, 2u);  // the stray byte counts as one code point, as DecodeUtf8 reads it
  EXPECT_EQ(ms[0].text, "T-DXd");
}

TEST(EntitiesTest, DiseaseTypeNumbersExtendTheSpan) {
  LexiconEntry d;
  d.id = "disease:atelosteogenesis";
  d.type = "disease";
  d.name = "atelosteogenesis";
  LexiconEntry v;
  v.id = "disease:von-willebrand-disease";
  v.type = "disease";
  v.name = "von Willebrand disease";
  auto ex = EntityExtractor::FromEntries({d, v});
  auto ms = ex->Extract("atelosteogenesis type 2 and type IID von Willebrand disease", "t");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].text, "atelosteogenesis type 2");
  EXPECT_EQ(ms[1].text, "type IID von Willebrand disease");
}

TEST(EntitiesTest, CoordinatedDiseasesShareTheirHead) {
  auto ex = EntityExtractor::FromEntries({TestDisease("breast cancer"), TestDisease("ovarian cancer"),
                                          TestDisease("prostate cancer"), TestDisease("lung cancer"),
                                          TestDisease("Becker muscular dystrophy"), TestDisease("Duchenne"),
                                          TestDisease("depression"), TestDisease("anxiety")});
  // One span, one mention per disease named.
  auto ms = ex->Extract("carriers of breast and ovarian cancer", "t");
  ASSERT_EQ(ms.size(), 2u);
  std::set<std::string> ids;
  for (const Mention& m : ms) {
    EXPECT_EQ(m.text, "breast and ovarian cancer");
    ids.insert(m.id);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"disease:breast-cancer", "disease:ovarian-cancer"}));
  ms = ex->Extract("lung, breast, and prostate cancers", "t");
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].start, 0u);
  EXPECT_EQ(ms[0].text, "lung, breast, and prostate cancers");
  // Capitalised names coordinated; the part matched alone is dropped.
  ms = ex->Extract("boys with Duchenne or Becker muscular dystrophy", "t");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].text, "Duchenne or Becker muscular dystrophy");
  // Two whole diseases stay two mentions.
  ms = ex->Extract("depression and anxiety", "t");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].text, "depression");
  EXPECT_EQ(ms[1].text, "anxiety");
}

TEST(EntitiesTest, GenericHeadsTakeTheirAdjective) {
  auto ex = EntityExtractor::FromEntries({TestDisease("tumor")});
  auto ms = ex->Extract("rhabdoid tumors and several tumors", "t");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].text, "rhabdoid tumors");
  EXPECT_EQ(ms[1].text, "tumors");
}

TEST(EntitiesTest, DiseaseNamesKnownByTheirForm) {
  auto ex = EntityExtractor::FromEntries({TestDisease("tumor")});
  auto texts = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Mention& m : ex->Extract(text, "t"))
      if (m.type == "disease") out.push_back(m.text);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(texts("A boy with Gardner syndrome. The disease is rare."), V{"Gardner syndrome"});
  EXPECT_EQ(texts("Thomsen's disease and neurological disorders; several diseases"),
            (V{"Thomsen's disease", "neurological disorders"}));
  EXPECT_EQ(texts("inherited C3 deficiency, LCAT deficiency, iron deficiency"),
            (V{"C3 deficiency", "LCAT deficiency"}));
  EXPECT_EQ(texts("serositis and argininemia; diagnosis and apoptosis"), (V{"serositis", "argininemia"}));
  auto ms = ex->Extract("Gardner syndrome", "t");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].id, "disease:gardner-syndrome");
}

}  // namespace
}  // namespace ckb::knowledge
