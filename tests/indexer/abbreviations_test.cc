// SPDX-License-Identifier: GPL-3.0-or-later
// Abbreviation definitions carry a mention's entity to later short forms.
#include "indexer/abbreviations.h"

#include <gtest/gtest.h>

#include "indexer/entities.h"
#include "indexer/text_norm.h"

namespace ckb::indexer {
namespace {

TEST(AbbreviationsTest, PropagatesDefinedShortForms) {
  LexiconEntry e;
  e.id = "disease:von-hippel-lindau-disease";
  e.type = "disease";
  e.name = "von Hippel-Lindau disease";
  auto ex = EntityExtractor::FromEntries({e});
  std::string text = "von Hippel-Lindau disease (VHL) is rare. VHL patients; the VHL gene; VHLX.";
  std::vector<Mention> ms = ex->Extract(text, "t");
  ASSERT_EQ(ms.size(), 1u);
  std::vector<char32_t> cps = DecodeUtf8(text);
  PropagateAbbreviations(std::u32string_view(cps.data(), cps.size()), {"disease"}, &ms);
  ASSERT_EQ(ms.size(), 3u);  // the definition itself, "VHL patients"; not "VHL gene" nor "VHLX"
  EXPECT_EQ(ms[1].text, "VHL");
  EXPECT_EQ(ms[1].start, 27u);
  EXPECT_EQ(ms[2].text, "VHL");
  EXPECT_EQ(ms[2].start, 41u);
  EXPECT_EQ(ms[2].id, e.id);
}

}  // namespace
}  // namespace ckb::indexer
