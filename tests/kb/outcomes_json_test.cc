// SPDX-License-Identifier: GPL-3.0-or-later
// A work's trial results in its record: written only when there are some,
// read back field for field, and absent in older records.
#include <gtest/gtest.h>

#include "kb/record.h"

namespace ckb {
namespace {

Work WorkWithResults() {
  Work w;
  w.title = "Drug A versus drug B";
  OutcomeEffect e;
  e.measure = "HR";
  e.value = 0.72;
  e.ci_low = 0.6;
  e.ci_high = 0.86;
  e.ci_level = 95;
  e.p = "P<.001";
  e.endpoint = "PFS";
  e.source = "text";
  e.span = {"abstract", 10, 20, 0, 40};
  w.outcomes.effects.push_back(e);
  OutcomeMedian m;
  m.endpoint = "OS";
  m.value = 20.1;
  m.unit = "months";
  m.ci_low = 17.2;
  w.outcomes.medians.push_back(m);
  OutcomeRate r;
  r.endpoint = "ORR";
  r.value = 50;
  r.n_events = 35;
  r.n = 70;
  w.outcomes.rates.push_back(r);
  w.outcomes.n_total = 412;
  w.outcomes.arms.push_back({"drug A", 206});
  w.outcomes.arms.push_back({"drug B", std::nullopt});
  return w;
}

TEST(OutcomesJsonTest, RoundTrip) {
  Work back = WorkFromJson(ToJson(WorkWithResults()));
  const Outcomes& o = back.outcomes;
  ASSERT_EQ(o.effects.size(), 1u);
  EXPECT_EQ(o.effects[0].measure, "HR");
  EXPECT_DOUBLE_EQ(o.effects[0].value, 0.72);
  EXPECT_DOUBLE_EQ(o.effects[0].ci_high.value_or(0), 0.86);
  EXPECT_EQ(o.effects[0].ci_level.value_or(0), 95);
  EXPECT_EQ(o.effects[0].p, "P<.001");
  EXPECT_EQ(o.effects[0].span.field, "abstract");
  EXPECT_EQ(o.effects[0].span.sentence_end, 40u);
  ASSERT_EQ(o.medians.size(), 1u);
  EXPECT_DOUBLE_EQ(o.medians[0].ci_low.value_or(0), 17.2);
  EXPECT_FALSE(o.medians[0].ci_high.has_value());
  ASSERT_EQ(o.rates.size(), 1u);
  EXPECT_EQ(o.rates[0].n.value_or(0), 70);
  EXPECT_EQ(o.n_total.value_or(0), 412);
  ASSERT_EQ(o.arms.size(), 2u);
  EXPECT_FALSE(o.arms[1].n.has_value());
  EXPECT_EQ(ToJson(back).dump(), ToJson(WorkWithResults()).dump());
}

TEST(OutcomesJsonTest, AbsentWithoutResults) {
  Work w;
  w.title = "A review";
  EXPECT_FALSE(ToJson(w).contains("outcomes"));
}

TEST(OutcomesJsonTest, OlderRecordsReadAsWithoutResults) {
  Json old = ToJson(Work{});
  old.erase("outcomes");
  EXPECT_TRUE(WorkFromJson(old).outcomes.empty());
  old["outcomes"] = "not an object";
  EXPECT_TRUE(WorkFromJson(old).outcomes.empty());
}

}  // namespace
}  // namespace ckb
