// SPDX-License-Identifier: GPL-3.0-or-later
// ClinicalTrials.gov parsers (API v2/v1 JSON, legacy XML): field mapping,
// phase and status normalisation, malformed records, shared corpus counts.
#include <gtest/gtest.h>

#include "readers/formats.h"
#include "readers/internal/ctgov.h"
#include "readers/internal/format_util.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

const char kStudy[] = R"({"protocolSection": {
  "identificationModule": {"nctId": "NCT03734029", "orgStudyIdInfo": {"id": "DS8201-A-U303"},
    "secondaryIdInfos": [{"id": "2018-003069-33", "type": "EUDRACT_NUMBER"}],
    "briefTitle": "Trastuzumab Deruxtecan (DS-8201a) Versus Investigator's Choice for HER2-low Breast Cancer",
    "officialTitle": "A Phase 3, Multicenter, Randomized, Open-Label, Active-Controlled Trial",
    "acronym": "DESTINY-Breast04"},
  "statusModule": {"overallStatus": "ACTIVE_NOT_RECRUITING", "startDateStruct": {"date": "2018-12-27"},
    "primaryCompletionDateStruct": {"date": "2022-01-11"}, "completionDateStruct": {"date": "2024-12"},
    "studyFirstPostDateStruct": {"date": "2018-11-07"}},
  "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Daiichi Sankyo"}},
  "descriptionModule": {"briefSummary": "  A study of\n T-DXd. "},
  "conditionsModule": {"conditions": ["Breast Cancer"], "keywords": ["HER2-low"]},
  "designModule": {"phases": ["PHASE3"], "enrollmentInfo": {"count": 557, "type": "ACTUAL"}},
  "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Trastuzumab deruxtecan",
    "otherNames": ["DS-8201a", "T-DXd", "Enhertu"]}, {"type": "DRUG", "name": "Capecitabine"}]},
  "referencesModule": {"references": [{"pmid": "35665782", "type": "RESULT"}, {"citation": "no pmid"}]}
}, "hasResults": true})";

TEST(CtgovJsonTest, MapsV2Study) {
  ParseResult r = ParseWith("ctgov-json", kStudy);
  ASSERT_EQ(r.trials.size(), 1u);
  EXPECT_TRUE(r.documents.empty());
  const Trial& t = r.trials[0];
  EXPECT_EQ(t.nct, "NCT03734029");
  EXPECT_EQ(t.other_ids, (std::vector<std::string>{"DS8201-A-U303", "2018-003069-33"}));
  EXPECT_EQ(t.acronym, "DESTINY-Breast04");
  EXPECT_EQ(t.official_title, "A Phase 3, Multicenter, Randomized, Open-Label, Active-Controlled Trial");
  EXPECT_EQ(t.phase, "3");
  EXPECT_EQ(t.status, "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(t.conditions, std::vector<std::string>{"Breast Cancer"});
  EXPECT_EQ(t.keywords, std::vector<std::string>{"HER2-low"});
  ASSERT_EQ(t.interventions.size(), 2u);
  EXPECT_EQ(t.interventions[0].name, "Trastuzumab deruxtecan");
  EXPECT_EQ(t.interventions[0].type, "DRUG");
  EXPECT_EQ(t.interventions[0].other_names,
            (std::vector<std::string>{"DS-8201a", "T-DXd", "Enhertu"}));
  EXPECT_EQ(t.enrollment, 557);
  EXPECT_EQ(t.dates.at("start"), "2018-12-27");
  EXPECT_EQ(t.dates.at("primary_completion"), "2022-01-11");
  EXPECT_EQ(t.dates.at("completion"), "2024-12");
  EXPECT_EQ(t.dates.at("first_posted"), "2018-11-07");
  EXPECT_EQ(t.sponsor, "Daiichi Sankyo");
  EXPECT_EQ(t.pmids, std::vector<std::string>{"35665782"});
  EXPECT_EQ(t.summary, "A study of T-DXd.");
}

TEST(CtgovJsonTest, AcceptsPagesJsonlAndArrays) {
  std::string one = R"({"protocolSection":{"identificationModule":{"nctId":"NCT00000001"}}})";
  std::string two = R"({"protocolSection":{"identificationModule":{"nctId":"NCT00000002"}}})";
  struct Case {
    const char* name;
    std::string json;
    size_t trials;
    size_t diagnostics;
  };
  const Case cases[] = {
      {"page", "{\"studies\": [" + one + "," + two + "], \"nextPageToken\": \"x\"}", 2, 0},
      {"jsonl", one + "\n" + two + "\n", 2, 0},
      {"jsonl with a bad line", one + "\n{oops\n" + two + "\n", 2, 1},
      {"array", "[" + one + "," + two + "]", 2, 0},
      {"missing nct", "[" + one + R"(,{"protocolSection":{"identificationModule":{"nctId":"12"}}}])", 1, 1},
      {"wrong types", R"({"protocolSection":{"identificationModule":{"nctId":"NCT00000003"},
          "designModule":{"phases":"PHASE2","enrollmentInfo":{"count":"many"}},
          "conditionsModule":{"conditions":[1,null,"X"]}}})",
       1, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ParseResult r = ParseWith("ctgov-json", c.json);
    EXPECT_EQ(r.trials.size(), c.trials);
    EXPECT_EQ(r.diagnostics.size(), c.diagnostics);
  }
  ParseResult bad = ParseWith("ctgov-json", cases[2].json);
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].line, 2);
}

TEST(CtgovJsonTest, RejectsOtherJson) {
  for (const char* text : {"", "{\"a\": 1}", "not json at all", "[1, 2"}) {
    SCOPED_TRACE(text);
    Status s;
    ParseResult r = ParseWith("ctgov-json", text, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError);
    EXPECT_TRUE(r.trials.empty());
  }
}

TEST(CtgovTest, NormalisesPhasesAndStatus) {
  const std::pair<std::vector<std::string>, std::string> phases[] = {
      {{"PHASE1"}, "1"},         {{"Phase 1"}, "1"},           {{"PHASE1", "PHASE2"}, "1/2"},
      {{"Phase 1/Phase 2"}, "1/2"}, {{"EARLY_PHASE1"}, "early 1"}, {{"Early Phase 1"}, "early 1"},
      {{"NA"}, "n/a"},           {{"N/A"}, "n/a"},             {{"Not Applicable"}, "n/a"},
      {{"Phase 2/Phase 3"}, "2/3"}, {{}, ""},                  {{"PHASE4"}, "4"}};
  for (const auto& [in, want] : phases) {
    EXPECT_EQ(NormalizePhaseList(in), want) << (in.empty() ? "" : in[0]);
  }
  EXPECT_EQ(NormalizeTrialStatus("Active, not recruiting"), "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(NormalizeTrialStatus("Not yet recruiting"), "NOT_YET_RECRUITING");
  EXPECT_EQ(NormalizeTrialStatus("COMPLETED"), "COMPLETED");
}

const char kLegacy[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<clinical_study rank="1">
  <id_info><org_study_id>CALGB 40101</org_study_id><secondary_id>CDR0000069389</secondary_id>
    <nct_id>NCT00041119</nct_id></id_info>
  <brief_title>Cyclophosphamide and Doxorubicin Compared With Paclitaxel</brief_title>
  <official_title>Official</official_title>
  <acronym>CALGB</acronym>
  <sponsors><lead_sponsor><agency>Alliance for Clinical Trials in Oncology</agency></lead_sponsor></sponsors>
  <brief_summary><textblock>
      RATIONALE: Drugs used in chemotherapy.
  </textblock></brief_summary>
  <overall_status>Active, not recruiting</overall_status>
  <start_date type="Actual">May 2002</start_date>
  <completion_date>December 12, 2024</completion_date>
  <primary_completion_date type="Actual">June 2010</primary_completion_date>
  <phase>Phase 1/Phase 2</phase>
  <enrollment type="Actual">3873</enrollment>
  <condition>Breast Cancer</condition>
  <intervention><intervention_type>Drug</intervention_type><intervention_name>paclitaxel</intervention_name>
    <other_name>Taxol</other_name></intervention>
  <keyword>stage II breast cancer</keyword>
  <study_first_posted type="Estimate">July 9, 2002</study_first_posted>
  <reference><citation>x</citation><PMID>24395841</PMID></reference>
  <results_reference><citation>y</citation><PMID>22184382</PMID></results_reference>
</clinical_study>
)";

TEST(CtgovXmlTest, MapsLegacyRecord) {
  ParseResult r = ParseWith("ctgov-xml", kLegacy);
  ASSERT_EQ(r.trials.size(), 1u);
  const Trial& t = r.trials[0];
  EXPECT_EQ(t.nct, "NCT00041119");
  EXPECT_EQ(t.other_ids, (std::vector<std::string>{"CALGB 40101", "CDR0000069389"}));
  EXPECT_EQ(t.brief_title, "Cyclophosphamide and Doxorubicin Compared With Paclitaxel");
  EXPECT_EQ(t.official_title, "Official");
  EXPECT_EQ(t.acronym, "CALGB");
  EXPECT_EQ(t.sponsor, "Alliance for Clinical Trials in Oncology");
  EXPECT_EQ(t.summary, "RATIONALE: Drugs used in chemotherapy.");
  EXPECT_EQ(t.status, "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(t.phase, "1/2");
  EXPECT_EQ(t.enrollment, 3873);
  EXPECT_EQ(t.conditions, std::vector<std::string>{"Breast Cancer"});
  ASSERT_EQ(t.interventions.size(), 1u);
  EXPECT_EQ(t.interventions[0].other_names, std::vector<std::string>{"Taxol"});
  EXPECT_EQ(t.keywords, std::vector<std::string>{"stage II breast cancer"});
  EXPECT_EQ(t.dates.at("start"), "2002-05");
  EXPECT_EQ(t.dates.at("completion"), "2024-12-12");
  EXPECT_EQ(t.dates.at("primary_completion"), "2010-06");
  EXPECT_EQ(t.dates.at("first_posted"), "2002-07-09");
  EXPECT_EQ(t.pmids, (std::vector<std::string>{"24395841", "22184382"}));
}

TEST(CtgovXmlTest, RejectsBrokenOrForeignXml) {
  for (const char* xml : {"", "<clinical_study><id_info>", "<article/>",
                          "<!DOCTYPE clinical_study [<!ENTITY e \"x\">]><clinical_study>&e;</clinical_study>"}) {
    SCOPED_TRACE(xml);
    Status s;
    ParseWith("ctgov-xml", xml, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError);
  }
  ParseResult r = ParseWith("ctgov-xml", "<clinical_study><brief_title>x</brief_title></clinical_study>");
  EXPECT_TRUE(r.trials.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].record, 1);
}

TEST(CtgovTest, Sniffs) {
  EXPECT_EQ(DetectFormat("NCT1.json", "{\n \"protocolSection\": {")->name, "ctgov-json");
  EXPECT_EQ(DetectFormat("NCT1.xml", "<?xml version=\"1.0\"?>\n<clinical_study>")->name, "ctgov-xml");
}

TEST(CtgovJsonTest, SharedApiSamples) {
  if (!testing::HaveSharedCorpus("ctgov-api-v2-json")) GTEST_SKIP() << "shared corpus absent";
  // 13 API v2 study files + 3 API v1 FullStudiesResponse files with one study each;
  // 37 distinct reference PMIDs counted with python's json module.
  testing::FolderCounts c = testing::ParseFolder(testing::SharedCorpus("ctgov-api-v2-json"), "");
  EXPECT_EQ(c.inputs, 16);
  EXPECT_EQ(c.failed, 0);
  EXPECT_EQ(c.trials, 16u);
  EXPECT_EQ(c.diagnostics, 0u);
  size_t pmids = 0, with_phase = 0;
  for (const Trial& t : c.all.trials) {
    pmids += t.pmids.size();
    with_phase += !t.phase.empty();
    EXPECT_FALSE(t.brief_title.empty()) << t.nct;
  }
  EXPECT_EQ(pmids, 37u);
  EXPECT_GE(with_phase, 9u);
  // Registry facts of the API v2 files, counted with python's json module:
  // 19 arm groups, 116 planned outcome measures, 82 measures with posted
  // values or analyses (one of the 83 has neither), 31 analyses.
  size_t arms = 0, outcomes = 0, results = 0, analyses = 0;
  const Trial* czp = nullptr;
  for (const Trial& t : c.all.trials) {
    arms += t.arms.size();
    outcomes += t.outcomes.size();
    results += t.results.size();
    for (const TrialResult& r : t.results) analyses += r.analyses.size();
    if (t.nct == "NCT02552212") czp = &t;  // NCT02278341.json holds it too
  }
  EXPECT_EQ(arms, 19u);
  EXPECT_EQ(outcomes, 116u);
  EXPECT_EQ(results, 82u);
  EXPECT_EQ(analyses, 31u);
  ASSERT_NE(czp, nullptr);
  ASSERT_EQ(czp->arms.size(), 2u);
  EXPECT_EQ(czp->arms[0].label, "Certolizumab Pegol 200 mg Q2W");
  EXPECT_EQ(czp->arms[0].type, "EXPERIMENTAL");
  EXPECT_EQ(czp->arms[0].interventions, std::vector<std::string>{"Biological: Certolizumab Pegol"});
  EXPECT_EQ(czp->outcomes[0].kind, "primary");
  EXPECT_EQ(czp->outcomes[0].time_frame, "Week 52");
  const TrialResult& r = czp->results[0];
  EXPECT_EQ(r.kind, "primary");
  EXPECT_EQ(r.param_type, "NUMBER");
  EXPECT_EQ(r.unit, "percentage of subjects");
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[0].group, "Placebo (FAS)");
  EXPECT_EQ(r.values[0].value, "7.0");
  EXPECT_EQ(r.values[0].n, 158);
  EXPECT_EQ(r.values[1].group, "CZP 200 mg Q2W (FAS)");
  EXPECT_EQ(r.values[1].value, "47.2");
  EXPECT_EQ(r.values[1].n, 159);
  ASSERT_EQ(r.analyses.size(), 1u);
  EXPECT_EQ(r.analyses[0].param_type, "Odds Ratio (OR)");
  EXPECT_EQ(r.analyses[0].value, "15.231");
  EXPECT_EQ(r.analyses[0].ci_pct, "95");
  EXPECT_EQ(r.analyses[0].ci_lower, "7.336");
  EXPECT_EQ(r.analyses[0].ci_upper, "31.623");
  EXPECT_EQ(r.analyses[0].p, "<0.001");
  EXPECT_EQ(r.analyses[0].groups, (std::vector<std::string>{"Placebo (FAS)", "CZP 200 mg Q2W (FAS)"}));
}

TEST(CtgovXmlTest, SharedLegacySamples) {
  if (!testing::HaveSharedCorpus("ctgov-legacy-xml")) GTEST_SKIP() << "shared corpus absent";
  // 60 aact-fixtures + 65 trec2022-sample files, one <clinical_study> each;
  // 257 distinct <PMID> values per file in total (python's ElementTree).
  testing::FolderCounts c = testing::ParseFolder(testing::SharedCorpus("ctgov-legacy-xml"), "");
  EXPECT_EQ(c.inputs, 125);
  EXPECT_EQ(c.failed, 0);
  EXPECT_EQ(c.trials, 125u);
  EXPECT_EQ(c.diagnostics, 0u);
  size_t pmids = 0;
  for (const Trial& t : c.all.trials) pmids += t.pmids.size();
  EXPECT_EQ(pmids, 257u);
}

}  // namespace
}  // namespace ckb::readers
