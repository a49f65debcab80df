// SPDX-License-Identifier: GPL-3.0-or-later
// The sample inputs shipped in corpus/ parse with format detection.
#include <gtest/gtest.h>

#include "readers/archive.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

ParseResult ParseSample(const std::string& name) {
  ParseResult r;
  CollectingSink sink(&r);
  Status s = ParsePath(std::string(CKB_SOURCE_DIR) + "/corpus/" + name, "", sink);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(r.diagnostics.empty());
  return r;
}

TEST(CorpusSamplesTest, PubmedSample) {
  ParseResult r = ParseSample("pubmed-her2-sample.xml");
  ASSERT_EQ(r.documents.size(), 3u);
  EXPECT_EQ(r.documents[0].work.pmid, "26702392");
  EXPECT_EQ(r.documents[2].work.registry_ids, std::vector<std::string>{"NCT00585195"});
}

TEST(CorpusSamplesTest, CtgovSample) {
  ParseResult r = ParseSample("ctgov-NCT04752059.json");
  ASSERT_EQ(r.trials.size(), 1u);
  const Trial& t = r.trials[0];
  EXPECT_EQ(t.nct, "NCT04752059");
  EXPECT_EQ(t.phase, "2");
  EXPECT_EQ(t.status, "COMPLETED");
  EXPECT_EQ(t.sponsor, "Medical University of Vienna");
  ASSERT_EQ(t.interventions.size(), 1u);
  EXPECT_EQ(t.interventions[0].other_names, (std::vector<std::string>{"T-DX", "DS-8201a"}));
  EXPECT_EQ(t.dates.at("start"), "2020-07-28");
}

TEST(CorpusSamplesTest, RisSample) {
  ParseResult r = ParseSample("ovid-zotero-sample.ris");
  ASSERT_EQ(r.documents.size(), 6u);
  bool nct = false;
  for (const Document& d : r.documents) {
    for (const std::string& id : d.work.registry_ids) nct |= id == "NCT02265588";
  }
  EXPECT_TRUE(nct);
}

}  // namespace
}  // namespace ckb::readers
