// SPDX-License-Identifier: GPL-3.0-or-later
// Posted registry results as a work's outcomes (knowledge::RegistryOutcomes),
// and the trial record's registry facts through their JSON form and back.
#include <gtest/gtest.h>

#include "kb/record.h"
#include "knowledge/results.h"

namespace ckb::knowledge {
namespace {

// A registration in the shapes ClinicalTrials.gov posts: a hazard ratio
// between two groups, medians in months with 95% intervals, a response rate.
Trial PostedTrial() {
  Trial t;
  t.nct = "NCT00000001";
  t.enrollment = 557;
  t.arms = {{"Experimental: Drug A", "EXPERIMENTAL", "", {"Drug: Drug A"}},
            {"Active Comparator: Chemotherapy", "ACTIVE_COMPARATOR", "", {"Drug: Capecitabine"}}};
  TrialResult pfs;
  pfs.kind = "primary";
  pfs.title = "Progression-Free Survival (PFS) by Blinded Independent Central Review";
  pfs.param_type = "MEDIAN";
  pfs.dispersion = "95% Confidence Interval";
  pfs.unit = "months";
  pfs.values = {{"Drug A", "", "9.9", "9.0", "11.3", "", 373}, {"Chemotherapy", "", "5.1", "4.2", "6.8", "", 184}};
  pfs.analyses = {{{"Drug A", "Chemotherapy"}, "Hazard Ratio (HR)", "0.50", "95", "0.40", "0.63", "<0.001",
                   "Regression, Cox"}};
  TrialResult orr;
  orr.kind = "secondary";
  orr.title = "Objective Response Rate (ORR)";
  orr.param_type = "NUMBER";
  orr.unit = "percentage of participants";
  orr.values = {{"Drug A", "", "52.3", "", "", "", 373}, {"Chemotherapy", "", "NA", "", "", "", 184}};
  TrialResult ae;  // counts by category are no rate
  ae.kind = "secondary";
  ae.title = "Number of Participants With Adverse Events";
  ae.param_type = "COUNT_OF_PARTICIPANTS";
  ae.unit = "Participants";
  ae.values = {{"Drug A", "Grade 3", "120", "", "", "", 373}};
  t.results = {pfs, orr, ae};
  return t;
}

TEST(RegistryOutcomesTest, EffectsMediansRates) {
  Outcomes o = RegistryOutcomes(PostedTrial());
  ASSERT_EQ(o.effects.size(), 1u);
  EXPECT_EQ(o.effects[0].measure, "HR");
  EXPECT_DOUBLE_EQ(o.effects[0].value, 0.50);
  EXPECT_DOUBLE_EQ(o.effects[0].ci_low.value_or(0), 0.40);
  EXPECT_DOUBLE_EQ(o.effects[0].ci_high.value_or(0), 0.63);
  EXPECT_EQ(o.effects[0].ci_level.value_or(0), 95);
  EXPECT_EQ(o.effects[0].p, "p<0.001");
  EXPECT_EQ(o.effects[0].endpoint, "PFS");
  EXPECT_EQ(o.effects[0].arm, "Drug A vs Chemotherapy");
  EXPECT_EQ(o.effects[0].source, "registry");
  EXPECT_EQ(o.effects[0].span.field, "registry");
  ASSERT_EQ(o.medians.size(), 2u);
  EXPECT_EQ(o.medians[0].endpoint, "PFS");
  EXPECT_EQ(o.medians[0].arm, "Drug A");
  EXPECT_DOUBLE_EQ(o.medians[0].value, 9.9);
  EXPECT_EQ(o.medians[0].unit, "months");
  EXPECT_DOUBLE_EQ(o.medians[1].ci_high.value_or(0), 6.8);
  // "NA" is not a value; the adverse-event counts are not rates.
  ASSERT_EQ(o.rates.size(), 1u);
  EXPECT_EQ(o.rates[0].endpoint, "ORR");
  EXPECT_DOUBLE_EQ(o.rates[0].value, 52.3);
  EXPECT_EQ(o.rates[0].n.value_or(0), 373);
  EXPECT_EQ(o.n_total.value_or(0), 557);
  ASSERT_EQ(o.arms.size(), 2u);
  EXPECT_EQ(o.arms[1].label, "Active Comparator: Chemotherapy");
}

TEST(RegistryOutcomesTest, NothingPostedNothingRead) {
  Trial t = PostedTrial();
  t.results.clear();
  Outcomes o = RegistryOutcomes(t);
  EXPECT_TRUE(o.effects.empty() && o.medians.empty() && o.rates.empty());
  EXPECT_FALSE(o.n_total.has_value());
}

TEST(RegistryOutcomesTest, RecordRoundTrip) {
  Trial t = PostedTrial();
  t.outcomes = {{"primary", "Progression-Free Survival", "Up to 36 months", ""}};
  Trial back = TrialFromJson(ToJson(t));
  ASSERT_EQ(back.arms.size(), 2u);
  EXPECT_EQ(back.arms[0].interventions, std::vector<std::string>{"Drug: Drug A"});
  ASSERT_EQ(back.outcomes.size(), 1u);
  EXPECT_EQ(back.outcomes[0].time_frame, "Up to 36 months");
  ASSERT_EQ(back.results.size(), 3u);
  EXPECT_EQ(back.results[0].values[1].upper, "6.8");
  EXPECT_EQ(back.results[0].values[1].n.value_or(0), 184);
  EXPECT_EQ(back.results[0].analyses[0].groups, (std::vector<std::string>{"Drug A", "Chemotherapy"}));
  EXPECT_EQ(back.results[2].values[0].category, "Grade 3");
  // A registration without them has no such keys.
  Json plain = ToJson(Trial{});
  EXPECT_FALSE(plain.contains("arms") || plain.contains("outcomes") || plain.contains("results"));
}

}  // namespace
}  // namespace ckb::knowledge
