// SPDX-License-Identifier: GPL-3.0-or-later
// BibTeX parser: values, macros, concatenation, LaTeX accents, broken entries.
#include <gtest/gtest.h>

#include "readers/formats.h"
#include "readers/internal/latex.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;

const char kBib[] = R"(% A comment line
@string{nejm = "N Engl J Med"}
@comment{ignored @article{fake, title={no}} }
@preamble{"\newcommand{\noop}[1]{}"}

@article{Modi2022,
  author = {Modi, Shanu and Jacot, William and Yamashita, Toshinari and others},
  title = {Trastuzumab Deruxtecan in Previously Treated {HER2}-Low Advanced Breast Cancer},
  journal = nejm,
  year = 2022,
  month = jul,
  volume = {387},
  number = {1},
  pages = {9--20},
  doi = {10.1056/NEJMoa2203690},
  eprint = {35665782},
  eprinttype = {pubmed},
  note = {DESTINY-Breast04, ClinicalTrials.gov NCT03734029},
  keywords = {HER2-low; antibody-drug conjugate}
}

@Article{Sjogren,
  author = "G{\"o}ran Sj{\"o}gren and Fran{\c c}ois M\"uller and {\'E}mile Dupr\'{e} and {World Health Organization}",
  title = "Caf\'e " # "au " # {lait} # " and na\"{\i}ve \v{s}ko\l{}a -- a study",
  journal = {Acta Oncol},
  year = {2019}
}

@article{broken,
  title = {Unbalanced {braces,
  year = 2020
}

@article{notitle, year = 2001}

@article(paren, title = {Parenthesised entry}, year = {1999})
)";

TEST(BibtexTest, ParsesEntries) {
  ParseResult r = ParseWith("bibtex", kBib);
  ASSERT_EQ(r.documents.size(), 3u);
  const Work& w = r.documents[0].work;
  EXPECT_EQ(w.source_id, "Modi2022");
  EXPECT_EQ(w.type, "article");
  EXPECT_EQ(w.title, "Trastuzumab Deruxtecan in Previously Treated HER2-Low Advanced Breast Cancer");
  EXPECT_EQ(w.authors, (std::vector<std::string>{"Modi Shanu", "Jacot William", "Yamashita Toshinari"}));
  EXPECT_EQ(w.journal, "N Engl J Med");
  EXPECT_EQ(w.year, 2022);
  EXPECT_EQ(w.dates.at("published"), "2022-07");
  EXPECT_EQ(w.volume, "387");
  EXPECT_EQ(w.issue, "1");
  EXPECT_EQ(w.pages, "9-20");
  EXPECT_EQ(w.doi, "10.1056/nejmoa2203690");
  EXPECT_EQ(w.pmid, "35665782");
  EXPECT_EQ(w.registry_ids, std::vector<std::string>{"NCT03734029"});
  EXPECT_EQ(w.keywords, (std::vector<std::string>{"HER2-low", "antibody-drug conjugate"}));

  const Work& s = r.documents[1].work;
  EXPECT_EQ(s.authors, (std::vector<std::string>{"Sjögren Göran", "Müller François", "Dupré Émile",
                                                 "World Health Organization"}));
  EXPECT_EQ(s.title, "Café au lait and naïve škoła – a study");
  EXPECT_EQ(r.documents[2].work.title, "Parenthesised entry");
  EXPECT_EQ(r.documents[2].work.year, 1999);

  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].record, 3);
  EXPECT_EQ(r.diagnostics[0].line, 29);
  EXPECT_NE(r.diagnostics[0].message.find("broken"), std::string::npos);
  EXPECT_NE(r.diagnostics[1].message.find("notitle"), std::string::npos);
}

TEST(BibtexTest, LatexToUtf8) {
  const std::pair<const char*, const char*> cases[] = {
      {R"(\'e)", "é"},          {R"({\"o})", "ö"},        {R"(\c{c})", "ç"},
      {R"(\v{s})", "š"},        {R"(\ss{})", "ß"},        {R"(\o)", "ø"},
      {R"(\aa)", "å"},          {R"(\~n)", "ñ"},          {R"(\^{o})", "ô"},
      {R"(\`a)", "à"},          {R"(\={a})", "ā"},        {R"(\H{o})", "ő"},
      {R"(50\% \& more)", "50% & more"}, {"a~b", "a b"},  {"9--20", "9–20"},
      {R"(\textit{in vivo})", "in vivo"}, {R"($\alpha$-helix)", "α-helix"},
      {R"({\'\i})", "í"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(LatexToUtf8(in), want) << in;
}

TEST(BibtexTest, RejectsNonBibtex) {
  for (const char* text : {"", "just text", "TY  - JOUR\n"}) {
    SCOPED_TRACE(text);
    Status s;
    ParseWith("bibtex", text, &s);
    EXPECT_EQ(s.code(), Status::Code::kParseError);
  }
  // An '@' that opens no entry is text between entries; a field without '='
  // breaks only its own entry.
  ParseResult r = ParseWith("bibtex",
                            "@article{a, title = {A}}\nmail me@example.org\n@@@\n"
                            "@article{c, title}\n@article{b, title={B}}");
  EXPECT_EQ(r.documents.size(), 2u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 4);
}

TEST(BibtexTest, Sniffs) {
  EXPECT_EQ(DetectFormat("refs.bib", "@article{x,")->name, "bibtex");
  EXPECT_EQ(DetectFormat("refs.txt", "% exported\n@Article{x,")->name, "bibtex");
}

}  // namespace
}  // namespace ckb::readers
