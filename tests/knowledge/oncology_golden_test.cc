// SPDX-License-Identifier: GPL-3.0-or-later
// Golden check of the shipped lexicons on oncology sentences across lung,
// colorectal, melanoma, gastric, prostate, haematology and breast cancer
// (tests/golden/oncology_sentences.tsv): the drugs, genes, biomarker states
// and diseases each sentence must yield, and ids it must not (gene symbols
// that are words, drug codes that are other things).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "knowledge/entities.h"

namespace ckb::knowledge {
namespace {

struct Case {
  int line = 0;
  std::string area, sentence;
  std::vector<std::string> expect, absent;
};

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<Case> ReadCases() {
  std::ifstream in(CKB_SOURCE_DIR "/tests/golden/oncology_sentences.tsv");
  std::vector<Case> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream ss(line);
    for (std::string part; std::getline(ss, part, '\t');) f.push_back(part);
    f.resize(4);
    out.push_back(Case{n, f[0], f[1], Words(f[2]), Words(f[3])});
  }
  return out;
}

TEST(OncologyGoldenTest, SentencesYieldTheirEntities) {
  std::vector<Case> cases = ReadCases();
  ASSERT_GE(cases.size(), 40u);
  std::set<std::string> areas;
  for (const Case& c : cases) {
    areas.insert(c.area);
    std::set<std::string> got;
    for (const Mention& m : EntityExtractor::Default().Extract(c.sentence, "abstract")) got.insert(StateId(m));
    std::string all;
    for (const std::string& id : got) all += " " + id;
    for (const std::string& id : c.expect)
      EXPECT_TRUE(got.count(id)) << "line " << c.line << ": " << c.sentence << "\n  missing " << id << "; got" << all;
    for (const std::string& id : c.absent) {
      bool prefix = !id.empty() && id.back() == '*';
      for (const std::string& g : got)
        EXPECT_FALSE(prefix ? g.rfind(id.substr(0, id.size() - 1), 0) == 0 : g == id)
            << "line " << c.line << ": " << c.sentence << "\n  must not yield " << g;
    }
  }
  for (const char* a : {"lung", "colorectal", "melanoma", "gastric", "prostate", "haematology"})
    EXPECT_TRUE(areas.count(a)) << a;
}

}  // namespace
}  // namespace ckb::knowledge
