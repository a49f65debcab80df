// SPDX-License-Identifier: GPL-3.0-or-later
// PDF reader: articles rendered from JATS (one column, two columns,
// author-year list) against the JATS gold beside them; hostile files;
// layout helpers; detection and `ckb index` of a PDF.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "readers/formats.h"
#include "readers/internal/pdf_layout.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

using testing::ParseWith;
using Json = nlohmann::json;

std::string Data(const std::string& name) { return std::string(CKB_SOURCE_DIR) + "/tests/data/pdf/" + name; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class PdfGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(PdfGolden, MatchesJatsGold) {
  std::string stem = "1472-6831-8-11-" + GetParam();
  Json gold = Json::parse(Slurp(Data(stem + ".json")));
  Status st;
  ParseResult r = ParseWith("pdf", Slurp(Data(stem + ".pdf")), &st, stem + ".pdf");
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& d = r.documents[0];
  EXPECT_EQ(d.work.title, gold["title"].get<std::string>());
  EXPECT_EQ(d.work.doi, gold["doi"].get<std::string>());
  ASSERT_TRUE(d.work.year.has_value());
  EXPECT_EQ(*d.work.year, gold["year"].get<int>());
  EXPECT_EQ(d.work.journal, "BMC Oral Health");
  ASSERT_EQ(d.work.authors.size(), 4u);
  EXPECT_EQ(d.work.authors[0], "van der Meulen Marylee J");
  EXPECT_EQ(d.work.abstract.substr(0, 80), gold["abstract"].get<std::string>().substr(0, 80));
  bool background = false;
  for (const Section& s : d.work.sections) background |= s.name == "Background" && s.text.size() > 200;
  EXPECT_TRUE(background);
  // Every gold reference is found, in order for numbered lists, with its fields.
  const Json& refs = gold["references"];
  ASSERT_EQ(d.references.size(), refs.size());
  size_t found = 0, titles = 0, dois = 0, doi_gold = 0;
  for (const Json& g : refs) {
    std::string surname = Lower(g["authors"][0].get<std::string>());
    for (const Reference& ref : d.references) {
      if (!ref.year || *ref.year != g["year"].get<int>() || ref.authors.empty()) continue;
      if (Lower(ref.authors[0]).find(surname) == std::string::npos) continue;
      ++found;
      titles += ref.title == g["title"].get<std::string>() || ref.title + "." == g["title"].get<std::string>();
      if (!g["doi"].get<std::string>().empty()) {
        ++doi_gold;
        dois += ref.doi == g["doi"].get<std::string>();
      }
      break;
    }
  }
  EXPECT_EQ(found, refs.size());
  EXPECT_GE(titles * 10, found * 9);
  EXPECT_EQ(dois, doi_gold);
  if (GetParam() != "ay") {
    for (size_t i = 0; i < d.references.size(); ++i) EXPECT_EQ(d.references[i].n, static_cast<int>(i + 1));
    EXPECT_EQ(d.references[0].authors.front(), "Locker D");
    EXPECT_EQ(d.references[0].journal, "Community Dent Health");
    EXPECT_EQ(d.references[0].volume, "5");
    EXPECT_EQ(d.references[0].pages, "3-18");
  }
}

INSTANTIATE_TEST_SUITE_P(Layouts, PdfGolden, ::testing::Values("one", "two", "ay"));

TEST(PdfReader, RunningHeadersAndFootersAreDropped) {
  ParseResult r = ParseWith("pdf", Slurp(Data("1472-6831-8-11-two.pdf")));
  ASSERT_EQ(r.documents.size(), 1u);
  for (const Section& s : r.documents[0].work.sections) {
    EXPECT_EQ(s.text.find("file:///"), std::string::npos) << s.name;
    EXPECT_EQ(s.text.find("1/2"), std::string::npos) << s.name;
  }
  for (const Reference& ref : r.documents[0].references) EXPECT_EQ(ref.raw.find("file:///"), std::string::npos);
}

struct Hostile {
  const char* file;
  const char* message;
};

void PrintTo(const Hostile& h, std::ostream* os) { *os << h.file; }

class PdfHostile : public ::testing::TestWithParam<Hostile> {};

TEST_P(PdfHostile, FailsWithItsReason) {
  Status st;
  std::string name = std::string(GetParam().file);
  ParseResult r = ParseWith("pdf", Slurp(Data(name)), &st, name);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kParseError);
  EXPECT_EQ(st.message().rfind(name + ": " + GetParam().message, 0), 0u) << st.message();
  EXPECT_TRUE(r.documents.empty());
}

INSTANTIATE_TEST_SUITE_P(Files, PdfHostile,
                         ::testing::Values(Hostile{"encrypted.pdf", "encrypted"},
                                           Hostile{"truncated.pdf", "not a readable PDF"},
                                           Hostile{"garbage.pdf", "not a readable PDF"},
                                           Hostile{"no-text.pdf", "no text layer (scanned?)"}),
                         [](const ::testing::TestParamInfo<Hostile>& p) {
                           std::string n = p.param.file;
                           n = n.substr(0, n.find('.'));
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

TEST(PdfReader, EmptyAndHeaderOnlyInputs) {
  for (const char* bytes : {"", "%PDF-", "%PDF-1.7\n%%EOF\n", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"}) {
    Status st;
    ParseWith("pdf", bytes, &st, "x.pdf");
    EXPECT_FALSE(st.ok()) << bytes;
    EXPECT_EQ(st.message().rfind("x.pdf: ", 0), 0u) << st.message();
  }
}

TEST(PdfReader, Detection) {
  const Format* f = DetectFormat("paper.bin", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "pdf");
  f = DetectFormat("paper.pdf", "garbage");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "pdf");
}

TEST(PdfLayout, LigaturesAndSoftHyphens) {
  EXPECT_EQ(internal::ExpandLigatures("e\xEF\xAC\x83" "cacy of \xEF\xAC\x81rst"), "efficacy of first");
  EXPECT_EQ(internal::ExpandLigatures("treat\xC2\xADment"), "treatment");
}

TEST(PdfLayout, HyphenatedLineBreaks) {
  std::string s = "the treat-";
  internal::JoinLine(&s, "ment arm");
  EXPECT_EQ(s, "the treatment arm");
  s = "doi:10.1186/1472-";
  internal::JoinLine(&s, "6831-8-11");
  EXPECT_EQ(s, "doi:10.1186/1472-6831-8-11");
  s = "a cross-";
  internal::JoinLine(&s, "cultural study");
  EXPECT_EQ(s, "a cross-cultural study");
  s = "1988;5:3-";
  internal::JoinLine(&s, "18.");
  EXPECT_EQ(s, "1988;5:3-18.");
}

// Two columns, a running header and page numbers on three pages, line
// numbers in the left margin.
TEST(PdfLayout, TwoColumnsReadLeftThenRight) {
  std::vector<internal::PdfPage> pages(3);
  for (int p = 0; p < 3; ++p) {
    internal::PdfPage& pg = pages[p];
    pg.width = 612, pg.height = 792;
    auto word = [&](double x, double y, std::string t) {
      internal::PdfWord w;
      w.x0 = x, w.x1 = x + 6.0 * static_cast<double>(t.size()), w.y0 = y, w.y1 = y + 10, w.size = 10;
      w.text = std::move(t);
      pg.words.push_back(w);
    };
    word(200, 20, "Journal");
    word(250, 20, "of");
    word(270, 20, "Tests");
    for (int i = 0; i < 10; ++i) {
      word(20, 100 + 12.0 * i, std::to_string(i + 1));
      word(60, 100 + 12.0 * i, "left" + std::to_string(p) + "_" + std::to_string(i));
      word(330, 100 + 12.0 * i, "right" + std::to_string(p) + "_" + std::to_string(i));
    }
    word(300, 770, std::to_string(p + 1));
  }
  std::vector<internal::PdfLine> lines = internal::LayOut(pages);
  ASSERT_EQ(lines.size(), 60u);
  EXPECT_EQ(lines[0].text, "left0_0");
  EXPECT_EQ(lines[9].text, "left0_9");
  EXPECT_EQ(lines[10].text, "right0_0");
  EXPECT_EQ(lines[10].column, 1);
  EXPECT_EQ(lines[20].text, "left1_0");
}

}  // namespace
}  // namespace ckb::readers
