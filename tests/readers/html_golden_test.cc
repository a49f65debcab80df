// SPDX-License-Identifier: GPL-3.0-or-later
// The html format on pages rendered from open-access JATS articles in the
// layouts of seven journal sites (tests/data/html/make_pages.py): the
// article's fields, and reference recall and field accuracy against the
// reference list tagged in the JATS (<shape>.gold.json).
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "readers/formats.h"
#include "readers/parser.h"

namespace ckb::readers {
namespace {

using nlohmann::json;

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(CKB_SOURCE_DIR "/tests/data/html/") + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Lower-case letters and digits only, so that punctuation and markup
// differences between the JATS and the printed string do not count.
std::string Key(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    if (c >= 0x80) out.push_back(static_cast<char>(c));
  }
  return out;
}

bool StartsWithKey(const std::string& value, const std::string& gold) {
  std::string v = Key(value), g = Key(gold);
  return !g.empty() && v.compare(0, g.size(), g) == 0;
}

struct Score {
  int gold = 0, found = 0, fields = 0, right = 0;
};

// One field of one reference; empty gold fields are not scored.
void Field(Score* s, const std::string& gold, bool right, const std::string& what) {
  if (gold.empty()) return;
  ++s->fields;
  if (right) {
    ++s->right;
  } else {
    std::cout << "  miss " << what << ": gold \"" << gold << "\"\n";
  }
}

void ScoreReference(const json& g, const Reference& r, Score* s) {
  std::string first = g["first_author"];
  // "Parkin DM", "D.M. Parkin" and "PARKIN D M" all name Parkin.
  bool author = !r.authors.empty() && !first.empty() && Key(r.authors[0]).find(Key(first)) != std::string::npos;
  Field(s, first, author, "author");
  Field(s, g["title"], Key(r.title) == Key(g["title"]), "title (got \"" + r.title + "\")");
  Field(s, g["journal"], Key(r.journal) == Key(g["journal"]), "journal (got \"" + r.journal + "\")");
  std::string year = g["year"];
  Field(s, year, r.year && std::to_string(*r.year) == year, "year");
  Field(s, g["volume"], r.volume == g["volume"].get<std::string>(), "volume (got \"" + r.volume + "\")");
  Field(s, g["first_page"], StartsWithKey(r.pages, g["first_page"]), "first page (got \"" + r.pages + "\")");
  Field(s, g["doi"], r.doi == g["doi"].get<std::string>(), "doi (got \"" + r.doi + "\")");
  Field(s, g["pmid"], r.pmid == g["pmid"].get<std::string>(), "pmid");
}

class HtmlGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(HtmlGoldenTest, ArticleAndReferences) {
  const std::string shape = GetParam();
  std::string page = ReadData(shape + ".html");
  json gold = json::parse(ReadData(shape + ".gold.json"));
  ASSERT_FALSE(page.empty());
  for (const std::string& name : {shape + ".html", std::string("saved")}) {
    const Format* detected = DetectFormat(name, page.substr(0, 4096));
    ASSERT_NE(detected, nullptr) << name;
    EXPECT_EQ(detected->name, "html") << name;
  }
  ParseResult res;
  ASSERT_TRUE(ParseBytes(*FindFormat("html"), page, shape + ".html", &res).ok());
  ASSERT_EQ(res.documents.size(), 1u);
  const Work& w = res.documents[0].work;
  EXPECT_EQ(w.title, gold["title"].get<std::string>());
  ASSERT_EQ(w.authors.size(), gold["authors"].size());
  for (size_t i = 0; i < w.authors.size(); ++i) {
    EXPECT_TRUE(StartsWithKey(w.authors[i], gold["authors"][i])) << w.authors[i];
  }
  EXPECT_EQ(w.doi, gold["doi"].get<std::string>());
  EXPECT_EQ(w.journal, gold["journal"].get<std::string>());
  EXPECT_EQ(w.year.value_or(0), gold["year"].get<int>());
  EXPECT_TRUE(StartsWithKey(w.abstract, gold["abstract"])) << w.abstract.substr(0, 200);
  EXPECT_FALSE(w.sections.empty());
  for (const Section& s : w.sections) {
    EXPECT_EQ(s.text.find("Cookie settings"), std::string::npos) << s.name;
    EXPECT_EQ(s.text.find("dataLayer"), std::string::npos) << s.name;
  }

  const auto& refs = res.documents[0].references;
  Score s;
  for (const json& g : gold["references"]) {
    size_t i = static_cast<size_t>(s.gold++);
    if (i >= refs.size()) continue;
    std::string first = g["first_author"];
    std::string title = g["title"];
    std::string raw = Key(refs[i].raw);
    bool same = (!first.empty() && raw.find(Key(first)) != std::string::npos) ||
                (!title.empty() && raw.find(Key(title).substr(0, 20)) != std::string::npos) ||
                (first.empty() && title.empty() && !raw.empty());
    if (!same) continue;
    ++s.found;
    ScoreReference(g, refs[i], &s);
  }
  EXPECT_EQ(refs.size(), gold["references"].size());
  double recall = static_cast<double>(s.found) / s.gold;
  double accuracy = static_cast<double>(s.right) / s.fields;
  std::cout << shape << ": references " << s.found << "/" << s.gold << " found (" << recall << "), fields "
            << s.right << "/" << s.fields << " right (" << accuracy << ")\n";
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("field_accuracy", std::to_string(accuracy));
  EXPECT_GE(recall, 0.95);
  EXPECT_GE(accuracy, 0.90);
}

INSTANTIATE_TEST_SUITE_P(Shapes, HtmlGoldenTest,
                         ::testing::Values("pmc", "springer", "mdpi", "elsevier", "wiley", "frontiers", "magtech"));

}  // namespace
}  // namespace ckb::readers
