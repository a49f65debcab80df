// SPDX-License-Identifier: GPL-3.0-or-later
// Golden check on the seed review (corpus/her2-ultralow-review.txt): drugs,
// HER2 states, trials, phase, sample size and design of the reference titles.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "knowledge/entities.h"

namespace ckb::knowledge {
namespace {

// The first reference list: n -> reference text (the line after "| [n] |"
// when the cell is empty on its own line).
std::map<int, std::string> SeedReferences() {
  std::ifstream in(CKB_SOURCE_DIR "/corpus/her2-ultralow-review.txt");
  std::map<int, std::string> out;
  if (!in) return out;
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind("| [", 0) != 0) continue;
    size_t close = l.find("] |");
    if (close == std::string::npos) continue;
    int n = std::stoi(l.substr(3, close - 3));
    if (out.count(n)) break;  // the second list starts again at 1
    std::string rest = l.substr(close + 3);
    if (rest.find_first_not_of(" ") == std::string::npos && i + 1 < lines.size()) rest = lines[i + 1];
    out[n] = rest;
  }
  return out;
}

std::set<std::string> Ids(const std::string& text) {
  std::set<std::string> out;
  for (const Mention& m : EntityExtractor::Default().Extract(text, "title")) out.insert(StateId(m));
  return out;
}

std::set<std::string> Her2States(const std::string& text) {
  std::set<std::string> out;
  for (const Mention& m : EntityExtractor::Default().Extract(text, "title"))
    if (m.id == "biomarker:HER2" && m.attrs.count("state")) out.insert(m.attrs.at("state"));
  return out;
}

class SeedGoldenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    refs_ = SeedReferences();
    if (refs_.empty()) GTEST_SKIP() << "seed review not found";
  }
  std::map<int, std::string> refs_;
};

TEST_F(SeedGoldenTest, TrastuzumabDeruxtecanTagged) {
  ASSERT_EQ(refs_.size(), 26u);
  int named = 0;
  for (const auto& [n, text] : refs_) {
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool names = lower.find("trastuzumab deruxtecan") != std::string::npos ||
                 lower.find("ds-8201a") != std::string::npos;
    if (!names) continue;
    ++named;
    EXPECT_TRUE(Ids(text).count("drug:trastuzumab-deruxtecan")) << "ref " << n;
  }
  EXPECT_EQ(named, 7);
}

TEST_F(SeedGoldenTest, Her2States) {
  using S = std::set<std::string>;
  const std::map<int, S> want = {{2, {"low"}},
                                 {3, {"positive"}},
                                 {5, {"low"}},
                                 {11, {"ultralow"}},
                                 {12, {"ultralow", "null"}},
                                 {15, {"low"}},
                                 {18, {"low", "ultralow", "null"}},
                                 {19, {"ultralow", "null"}},
                                 {20, {"ultralow", "null", "low"}},
                                 {22, {"null", "low"}}};
  for (const auto& [n, states] : want) EXPECT_EQ(Her2States(refs_[n]), states) << "ref " << n;
}

TEST_F(SeedGoldenTest, TrialsPhaseSampleDesign) {
  // DESTINY-Breast01 resolves to its NCT number; GALAXY's number is in ref 19.
  EXPECT_TRUE(Ids(refs_[4]).count("trial:NCT03248492"));
  EXPECT_TRUE(Ids(refs_[19]).count("trial:NCT05824325"));
  EXPECT_TRUE(Ids(refs_[18]).count("trial:NCT05633979"));
  EXPECT_TRUE(Ids(refs_[15]).count("phase:1b"));
  bool n1363 = false;
  for (const Mention& m : EntityExtractor::Default().Extract(refs_[20], "title"))
    n1363 = n1363 || (m.type == "sample_size" && m.attrs.at("n") == "1363");
  EXPECT_TRUE(n1363);
  EXPECT_TRUE(Ids(refs_[3]).count("design:single-arm"));
  EXPECT_TRUE(Ids(refs_[3]).count("phase:2"));
  EXPECT_TRUE(Ids(refs_[11]).count("design:retrospective"));
  EXPECT_TRUE(Ids(refs_[4]).count("design:subgroup-analysis"));
  EXPECT_TRUE(Ids(refs_[6]).count("design:guideline"));
  EXPECT_TRUE(Ids(refs_[18]).count("drug:valemetostat"));
  EXPECT_TRUE(Ids(refs_[18]).count("drug_class:ezh-inhibitor"));
}

}  // namespace
}  // namespace ckb::knowledge
