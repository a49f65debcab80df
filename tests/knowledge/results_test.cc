// SPDX-License-Identifier: GPL-3.0-or-later
// Trial-results extraction on sentences written for these tests, across
// cancers: number forms, intervals, p values, medians, rates, sample sizes,
// and the percentages and durations that are not outcomes.
#include <gtest/gtest.h>

#include <string>

#include "knowledge/results.h"

namespace ckb::knowledge {
namespace {

Outcomes Read(const std::string& text) { return ExtractResults(text, "abstract"); }

struct EffectCase {
  const char* text;
  const char* measure;
  double value, low, high;
  int level;
  const char* p;
  const char* endpoint;
};

TEST(ResultsTest, EffectNumberForms) {
  const EffectCase cases[] = {
      // Lung, middle dot decimals and en dash.
      {"Osimertinib improved progression-free survival (hazard ratio 0\xC2\xB7" "46, 95% CI "
       "0\xC2\xB7" "37\xE2\x80\x93" "0\xC2\xB7" "57; p<0\xC2\xB7" "0001).",
       "HR", 0.46, 0.37, 0.57, 95, "p<0\xC2\xB7" "0001", "PFS"},
      // Breast, "to" range and "P < .001".
      {"Invasive disease-free survival favoured the combination (HR, 0.70; 95% CI, 0.59 to 0.82; "
       "P < .001).",
       "HR", 0.70, 0.59, 0.82, 95, "P<.001", "iDFS"},
      // Colorectal, odds ratio with a 90% interval.
      {"The odds ratio for response was 2.10 (90% CI 1.30-3.40), favouring panitumumab.", "OR",
       2.10, 1.30, 3.40, 90, "", "ORR"},
      // Melanoma, unicode minus in a mean difference.
      {"The mean difference in the global health score was \xE2\x88\x92" "4.2 (95% CI "
       "\xE2\x88\x92" "6.1 to \xE2\x88\x92" "2.3).",
       "MD", -4.2, -6.1, -2.3, 95, "", ""},
      // Gastric, Chinese text with a tilde range.
      {"\xE4\xB8\xAD\xE4\xBD\x8D" "OS\xE5\xBB\xB6\xE9\x95\xBF\xEF\xBC\x8C" "HR=0.50\xEF\xBC\x8C"
       "95%CI 0.39~0.64\xE3\x80\x82",
       "HR", 0.50, 0.39, 0.64, 95, "", "OS"},
      // Prostate, relative risk with "P = 0·04".
      {"The relative risk of death was 0.81 (95% confidence interval, 0.67-0.98; P = 0\xC2\xB7" "04).",
       "RR", 0.81, 0.67, 0.98, 95, "P=0\xC2\xB7" "04", "OS"},
      // Haematology, HR printed after the endpoint.
      {"Event-free survival was longer with the addition of rituximab (HR=0.61; 95% CI "
       "0.45-0.83; p=0.0015).",
       "HR", 0.61, 0.45, 0.83, 95, "p=0.0015", "EFS"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Outcomes o = Read(c.text);
    ASSERT_EQ(o.effects.size(), 1u);
    const OutcomeEffect& e = o.effects[0];
    EXPECT_EQ(e.measure, c.measure);
    EXPECT_DOUBLE_EQ(e.value, c.value);
    ASSERT_TRUE(e.ci_low && e.ci_high);
    EXPECT_DOUBLE_EQ(*e.ci_low, c.low);
    EXPECT_DOUBLE_EQ(*e.ci_high, c.high);
    EXPECT_EQ(e.ci_level.value_or(0), c.level);
    EXPECT_EQ(e.p, c.p);
    EXPECT_EQ(e.endpoint, c.endpoint);
    EXPECT_TRUE(o.medians.empty());
    EXPECT_TRUE(o.rates.empty());
  }
}

TEST(ResultsTest, EffectOffsetsPointIntoTheText) {
  std::string text = "Background. Overall survival improved (HR 0.72; 95% CI 0.60-0.86; P<0.001).";
  Outcomes o = Read(text);
  ASSERT_EQ(o.effects.size(), 1u);
  const OutcomeSpan& s = o.effects[0].span;
  EXPECT_EQ(text.substr(s.begin, 7), "HR 0.72");
  EXPECT_EQ(text.substr(s.sentence_begin, s.sentence_end - s.sentence_begin),
            "Overall survival improved (HR 0.72; 95% CI 0.60-0.86; P<0.001).");
  EXPECT_EQ(s.field, "abstract");
}

TEST(ResultsTest, SecondEstimateAfterAMeasure) {
  Outcomes o = Read(
      "In the del19 subgroup the HR was 0.45 (95% CI, 0.31-0.65), and in the L858R subgroup "
      "0.73 (95% CI, 0.52-1.03).");
  ASSERT_EQ(o.effects.size(), 2u);
  EXPECT_DOUBLE_EQ(o.effects[1].value, 0.73);
  EXPECT_EQ(o.effects[1].measure, "HR");
}

TEST(ResultsTest, HormoneReceptorIsNoHazardRatio) {
  Outcomes o = Read("Patients with HR-positive, HER2-negative disease (n = 668) received letrozole.");
  EXPECT_TRUE(o.effects.empty());
}

TEST(ResultsTest, MediansWithUnitsListsAndIntervals) {
  Outcomes o = Read(
      "Median PFS was 10.2 months (95% CI 8.5\xE2\x80\x93" "12.1) versus 4.1 months with docetaxel. "
      "Median overall survival was 20.1, 16.4 and 12.3 months in the three arms.");
  ASSERT_EQ(o.medians.size(), 5u);
  EXPECT_DOUBLE_EQ(o.medians[0].value, 10.2);
  EXPECT_EQ(o.medians[0].unit, "months");
  EXPECT_EQ(o.medians[0].endpoint, "PFS");
  ASSERT_TRUE(o.medians[0].ci_low && o.medians[0].ci_high);
  EXPECT_DOUBLE_EQ(*o.medians[0].ci_high, 12.1);
  EXPECT_DOUBLE_EQ(o.medians[1].value, 4.1);
  EXPECT_FALSE(o.medians[1].ci_low);
  EXPECT_DOUBLE_EQ(o.medians[2].value, 20.1);
  EXPECT_EQ(o.medians[2].endpoint, "OS");
  EXPECT_DOUBLE_EQ(o.medians[4].value, 12.3);
  EXPECT_EQ(o.medians[4].unit, "months");
}

TEST(ResultsTest, ChineseMedian) {
  Outcomes o = Read("\xE4\xB8\xAD\xE4\xBD\x8D" "PFS 9.9\xE4\xB8\xAA\xE6\x9C\x88\xE3\x80\x82");
  ASSERT_EQ(o.medians.size(), 1u);
  EXPECT_DOUBLE_EQ(o.medians[0].value, 9.9);
  EXPECT_EQ(o.medians[0].unit, "months");
  EXPECT_EQ(o.medians[0].endpoint, "PFS");
}

// No sentence of `cases` yields an item of the list `field` names.
template <size_t N, class List>
void ExpectNone(const char* const (&cases)[N], List Outcomes::*field) {
  for (const char* c : cases) {
    SCOPED_TRACE(c);
    EXPECT_TRUE((Read(c).*field).empty());
  }
}

TEST(ResultsTest, DurationsThatAreNoOutcome) {
  const char* cases[] = {
      "After a median follow-up of 26 months, no further events were seen.",
      "The median age was 63 years and the median number of cycles was 6.",
      "Mean survival was 14.2 months in the gastric cancer cohort.",
      "The 2-year overall survival was assessed at 24 months after randomisation.",
      "Patients received cetuximab every 2 weeks for up to 12 months.",
      "Median duration of treatment was 5.6 months with enzalutamide.",
  };
  ExpectNone(cases, &Outcomes::medians);
}

TEST(ResultsTest, RatesWithCounts) {
  Outcomes o = Read(
      "An objective response was seen in 35 of 70 patients (50%) with pembrolizumab. "
      "The pathological complete response rate was 39.6% (n = 21). "
      "The 2-year overall survival was 45% in the melanoma cohort.");
  ASSERT_EQ(o.rates.size(), 3u);
  EXPECT_DOUBLE_EQ(o.rates[0].value, 50);
  EXPECT_EQ(o.rates[0].n_events.value_or(-1), 35);
  EXPECT_EQ(o.rates[0].n.value_or(-1), 70);
  EXPECT_DOUBLE_EQ(o.rates[1].value, 39.6);
  EXPECT_EQ(o.rates[1].n_events.value_or(-1), 21);
  EXPECT_EQ(o.rates[1].endpoint, "pCR");
  EXPECT_DOUBLE_EQ(o.rates[2].value, 45);
}

TEST(ResultsTest, PercentagesThatAreNoOutcome) {
  const char* cases[] = {
      "Grade 3 or 4 neutropenia occurred in 32% of patients receiving FOLFOX.",
      "Of the patients, 58% were male and 71% had an ECOG performance status of 0.",
      "The study was powered to detect an improvement in response rate from 20% to 35%.",
      "The target was a complete remission rate of at least 75% with azacitidine.",
      "Dose reductions were needed in 12% and relative dose intensity was 91%.",
      "Older reports suggest a response rate of 8% with cisplatin in gastric cancer.",
      "The risk of progression was reduced by 35% with abiraterone.",
  };
  ExpectNone(cases, &Outcomes::rates);
}

TEST(ResultsTest, SampleSizeRandomisedNotEvaluable) {
  Outcomes o = Read(
      "Between 2010 and 2014, 412 patients with metastatic colorectal cancer were randomly "
      "assigned to FOLFIRI plus bevacizumab (n = 206) or FOLFIRI plus cetuximab (n = 206). "
      "Of these, 380 patients were evaluable for response.");
  EXPECT_EQ(o.n_total.value_or(0), 412);
  ASSERT_EQ(o.arms.size(), 2u);
  EXPECT_EQ(o.arms[0].n.value_or(0), 206);
  EXPECT_EQ(o.arms[0].label, "FOLFIRI plus bevacizumab");
}

TEST(ResultsTest, SpelledSampleSize) {
  Outcomes o = Read("Two hundred ninety-seven women with breast cancer were randomized.");
  EXPECT_EQ(o.n_total.value_or(0), 297);
  EXPECT_EQ(Read("Forty-one patients with myeloma were enrolled.").n_total.value_or(0), 41);
}

TEST(ResultsTest, SampleSizeOfAStudyInPatients) {
  Outcomes o = Read("We undertook an open-label study of enzalutamide in 24 men with prostate cancer.");
  EXPECT_EQ(o.n_total.value_or(0), 24);
  EXPECT_FALSE(Read("Responses were seen in 24 patients with prostate cancer.").n_total.has_value());
}

TEST(ResultsTest, NoSampleSizeFromAnalysedSubset) {
  EXPECT_FALSE(Read("Analysis is reported on 37 evaluable patients.").n_total.has_value());
}

TEST(ResultsTest, MergeKeepsFirstTotal) {
  Outcomes a = Read("A total of 200 patients were enrolled.");
  Outcomes b = Read("Overall, 150 patients were randomized; HR 0.8 (95% CI 0.6-1.0).");
  MergeResults(std::move(b), &a);
  EXPECT_EQ(a.n_total.value_or(0), 200);
  EXPECT_EQ(a.effects.size(), 1u);
}

}  // namespace
}  // namespace ckb::knowledge
