// SPDX-License-Identifier: GPL-3.0-or-later
#include "citations/reftagger.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "citations/internal/refstring_parts.h"
#include "citations/refstring.h"

namespace ckb::citations {
namespace {

std::vector<std::string> Tokens(const std::string& s) {
  RefTagInput in;
  Reference rules;
  PrepareRefTagInput(s, &in, &rules);
  std::vector<std::string> out;
  for (const RefToken& t : in.tokens) out.push_back(in.norm.substr(t.b, t.e - t.b));
  return out;
}

TEST(RefTagger, TokensSplitLettersFromDigits) {
  EXPECT_EQ(Tokens("Nucl. Phys. B348 (1991) 276."),
            (std::vector<std::string>{"Nucl", ".", "Phys", ".", "B", "348", "(", "1991", ")", "276", "."}));
  EXPECT_EQ(Tokens("제22권"), (std::vector<std::string>{"제", "22", "권"}));
}

TEST(RefTagger, BuiltinModelLoadsAndSurvivesSaveLoad) {
  const RefTagger* t = BuiltinRefTagger();
  ASSERT_NE(t, nullptr);
  std::string image = t->Save(0.0f);
  RefTagger copy;
  ASSERT_TRUE(copy.Load(image));
  RefTagInput in;
  Reference rules;
  PrepareRefTagInput("Writer A, Author B. A trial of something. N Engl J Med. 2020;382(7):610-621.", &in, &rules);
  EXPECT_EQ(copy.Tag(in), t->Tag(in));
}

TEST(RefTagger, RejectsMalformedImages) {
  RefTagger t;
  EXPECT_FALSE(t.Load(""));
  EXPECT_FALSE(t.Load("CKBRT2\n"));
  std::string image = BuiltinRefTagger()->Save(0.0f);
  EXPECT_FALSE(t.Load(image.substr(0, image.size() - 3)));  // truncated entry
  image[0] = 'X';
  EXPECT_FALSE(t.Load(image));
}

TEST(RefTagger, LabelsFieldsOfAVancouverString) {
  RefTagInput in;
  Reference rules;
  PrepareRefTagInput("Writer A, Author B. A trial of something. N Engl J Med. 2020;382(7):610-621.", &in, &rules);
  std::vector<uint8_t> labels = BuiltinRefTagger()->Tag(in);
  std::string got;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == kRefOther) continue;
    got += in.norm.substr(in.tokens[i].b, in.tokens[i].e - in.tokens[i].b) + "/" + RefLabelName(labels[i]) + " ";
  }
  EXPECT_EQ(got,
            "Writer/author A/author ,/author Author/author B/author A/title trial/title of/title something/title "
            "N/journal Engl/journal J/journal Med/journal 2020/date 382/volume 7/issue 610/pages -/pages "
            "621/pages ");
}

// Quotes inside a quoted title; a journal abbreviation without full stops.
TEST(RefTagger, ReadsAQuotedTitleWithInnerQuotes) {
  const std::string s = "Writer, M.-E., \u201cLe \u2018Concile\u2019 de Jerusalem,\u201d ETL 64 (1988), pp. 433-40.";
  Reference r = ParseReferenceString(s);
  EXPECT_EQ(r.title, "Le \u2018Concile\u2019 de Jerusalem");
  EXPECT_EQ(r.journal, "ETL");
  EXPECT_EQ(r.volume, "64");
  EXPECT_EQ(r.year, 1988);
  EXPECT_EQ(r.pages, "433-40");
}

TEST(RefTagger, LeavesGbT7714ToTheRules) {
  const std::string s = "张三, 李四. 乳腺癌HER2检测[J]. 中华病理学杂志, 2024, 53(12): 1192-1202.";
  Reference rules = internal::ParseByRules(s);
  Reference r = ParseReferenceString(s);
  EXPECT_EQ(r.title, rules.title);
  EXPECT_EQ(r.authors, rules.authors);
  EXPECT_EQ(r.journal, rules.journal);
  EXPECT_EQ(r.pages, rules.pages);
}

}  // namespace
}  // namespace ckb::citations

namespace ckb::citations {
namespace {

// Run-on text is read from its first 4 KB; the string is kept whole.
TEST(RefTagger, ReadsTheHeadOfAnOverlongString) {
  std::string s = "Writer A, Author B. A trial of something. N Engl J Med. 2020;382(7):610-621.";
  for (int i = 0; i < 20000; ++i) s += " A.";
  Reference r = ParseReferenceString(s);
  EXPECT_EQ(r.raw.size(), s.size());
  EXPECT_EQ(r.title, "A trial of something");
  EXPECT_EQ(r.journal, "N Engl J Med");
  EXPECT_EQ(r.year, 2020);
  EXPECT_EQ(r.volume, "382");
}

}  // namespace
}  // namespace ckb::citations
