// SPDX-License-Identifier: GPL-3.0-or-later
// Shared parser helpers: names, dates, identifiers, phases, file names.
#include "readers/internal/format_util.h"

#include <gtest/gtest.h>

namespace ckb::readers {
namespace {

TEST(FormatUtilTest, PersonNames) {
  const std::pair<const char*, const char*> cases[] = {
      {"Modi, Shanu", "Modi Shanu"},      {"Jacot, W.", "Jacot W"},
      {"Abel, G. A.", "Abel GA"},         {"Liu R.", "Liu R"},
      {"Adler D.G.", "Adler DG"},         {"Modi S", "Modi S"},
      {"Blomberg, Björn A.", "Blomberg Björn A"}, {"van de Schoot, Rens", "van de Schoot Rens"},
      {"World Health Organization", "World Health Organization"},
      {"King, Martin L., Jr.", "King Martin L Jr."}};
  for (const auto& [in, want] : cases) EXPECT_EQ(PersonFromCommaForm(in), want) << in;
  EXPECT_EQ(PersonName("Lyratzopoulos", "G."), "Lyratzopoulos G");
  EXPECT_EQ(PersonName("Alegado", "Rosanna A"), "Alegado Rosanna A");
}

TEST(FormatUtilTest, Dates) {
  const std::pair<const char*, const char*> cases[] = {
      {"2022 Jul 7", "2022-07-07"},     {"2018-12-07", "2018-12-07"}, {"2018/12/07/", "2018-12-07"},
      {"December 12, 2018", "2018-12-12"}, {"May 2002", "2002-05"},   {"2019//", "2019"},
      {"1998 Dec-1999 Jan", "1998-12"}, {"Spring 2001", "2001"},      {"no date", ""},
      {"2011 Mar 1", "2011-03-01"}};
  for (const auto& [in, want] : cases) EXPECT_EQ(NormalizeDate(in), want) << in;
  EXPECT_EQ(FindYear("vol 12, 2019;"), 2019);
  EXPECT_FALSE(FindYear("12345").has_value());
}

TEST(FormatUtilTest, Identifiers) {
  EXPECT_EQ(NormalizePmid("PMID: 00123"), "123");
  EXPECT_EQ(NormalizePmid("12a"), "");
  EXPECT_EQ(NormalizePmcid("pmc123"), "PMC123");
  EXPECT_EQ(NormalizePmcid("123"), "PMC123");
  EXPECT_EQ(NormalizePmcid("123", false), "");
}

TEST(FormatUtilTest, FileNames) {
  EXPECT_EQ(LogicalName("/d/Pubmed.XML.gz"), "/d/pubmed.xml");
  EXPECT_EQ(LogicalName("bundle.zip:dir/a.nxml"), "dir/a.nxml");
  EXPECT_TRUE(HasExtension("a.ris.zst", {".ris"}));
  EXPECT_FALSE(HasExtension("a.ris.zip", {".ris"}));
}

TEST(FormatUtilTest, Whitespace) {
  EXPECT_EQ(FoldWhitespace("  a\n\t b\xC2\xA0" "c  "), "a b c");
  EXPECT_EQ(StripBom("\xEF\xBB\xBFx"), "x");
}

}  // namespace
}  // namespace ckb::readers
