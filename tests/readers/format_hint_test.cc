// SPDX-License-Identifier: GPL-3.0-or-later
// The message for an input no format claims: the formats tried, and the
// option that would fit when the start resembles a format.
#include <gtest/gtest.h>

#include <string>

#include "readers/parser.h"

namespace ckb::readers {
namespace {

TEST(NoFormatMessageTest, NamesTheFileAndEveryFormatTried) {
  std::string m = NoFormatMessage("x.dat", "random words without any structure\n", "--as");
  EXPECT_EQ(m.rfind("x.dat: not a recognised input format (tried: ", 0), 0u) << m;
  for (const Format& f : Formats()) {
    if (f.sniff) {
      EXPECT_NE(m.find(f.name), std::string::npos) << f.name;
    }
  }
  EXPECT_EQ(m.find("citations"), std::string::npos) << "citations is never detected, only named";
  EXPECT_EQ(m.find("try"), std::string::npos) << m;
}

TEST(NoFormatMessageTest, SuggestsTheFormatTheStartResembles) {
  struct Case {
    const char* head;
    const char* hint;
  };
  const Case cases[] = {
      {"Notes\n1. Smith J. A study. Lancet. 2020;1:1-2.\n2. Doe A. Another. BMJ 2019;2:3.\n",
       "; its start looks like a numbered reference list: try --as page"},
      {"Smith J, Doe A. A study of things. Lancet Oncol. 2020;21(3):100-110.\n",
       "; its start looks like reference strings, one per line: try --as citations"},
      {"<div class=\"refs\"><p>fragment</p></div>", "; its start looks like an HTML page or fragment: try --as html"},
      {"<?xml version=\"1.0\"?>\n<PubmedArticle><broken", "; its start looks like PubMed XML: try --as pubmed"},
      {"\n\nTY  - JOUR\nT1  - cut", "; its start looks like RIS (TY  - tags): try --as ris"},
      {"PMID- 123\nTI  - x", "; its start looks like MEDLINE tagged text (PMID- tags): try --as medline"},
      {"% comment\n@Article{key,\n", "; its start looks like BibTeX (@article{...}): try --as bibtex"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.head);
    std::string m = NoFormatMessage("in.txt", c.head, "--as");
    ASSERT_GE(m.size(), std::string(c.hint).size());
    EXPECT_EQ(m.substr(m.size() - std::string(c.hint).size()), c.hint) << m;
  }
  EXPECT_NE(NoFormatMessage("in.txt", "TY  - JOUR", "--format").find("try --format ris"), std::string::npos);
}

}  // namespace
}  // namespace ckb::readers
