// SPDX-License-Identifier: GPL-3.0-or-later
// Abbreviation definitions carry a mention's entity to later short forms.
#include "knowledge/abbreviations.h"

#include <gtest/gtest.h>

#include "knowledge/entities.h"
#include "text/text_norm.h"
#include "tests/knowledge/test_entries.h"

namespace ckb::knowledge {
namespace {

TEST(AbbreviationsTest, PropagatesDefinedShortForms) {
  LexiconEntry e = TestDisease("von Hippel-Lindau disease");
  ASSERT_EQ(e.id, "disease:von-hippel-lindau-disease");
  auto ex = EntityExtractor::FromEntries({e});
  std::string text = "von Hippel-Lindau disease (VHL) is rare. VHL patients; the VHL gene; VHLX.";
  // The extractor propagates definitions itself.
  std::vector<Mention> ms = ex->Extract(text, "t");
  ASSERT_EQ(ms.size(), 3u);  // the definition itself, "VHL patients"; not "VHL gene" nor "VHLX"
  EXPECT_EQ(ms[1].text, "VHL");
  EXPECT_EQ(ms[1].start, 27u);
  EXPECT_EQ(ms[2].text, "VHL");
  EXPECT_EQ(ms[2].start, 41u);
  EXPECT_EQ(ms[2].id, e.id);
  // Propagating again adds nothing.
  std::vector<char32_t> cps = text::DecodeUtf8(text);
  PropagateAbbreviations(std::u32string_view(cps.data(), cps.size()), {"disease"}, &ms);
  EXPECT_EQ(ms.size(), 3u);
  // Gene uses on request.
  PropagateAbbreviations(std::u32string_view(cps.data(), cps.size()), {"disease"}, &ms,
                         AbbreviationOptions{true});
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[3].start, 59u);
}

TEST(AbbreviationsTest, WidensMentionToTheLongForm) {
  LexiconEntry e = TestDisease("diabetes mellitus");
  auto ex = EntityExtractor::FromEntries({e});
  std::string text = "Insulin-dependent diabetes mellitus (IDDM; type 1) runs in families; IDDM risk.";
  std::vector<Mention> ms = ex->Extract(text, "t");
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].text, "Insulin-dependent diabetes mellitus");
  EXPECT_EQ(ms[0].start, 0u);
  EXPECT_EQ(ms[1].text, "IDDM");
  EXPECT_EQ(ms[2].start, 69u);
  EXPECT_EQ(ms[2].id, e.id);
  // Words that do not spell the short form are left out.
  ms = ex->Extract("severe diabetes mellitus (DM) and DM care", "t");
  ASSERT_FALSE(ms.empty());
  EXPECT_EQ(ms[0].text, "diabetes mellitus");
}

}  // namespace
}  // namespace ckb::knowledge
