// SPDX-License-Identifier: GPL-3.0-or-later
// Table writers: RFC 4180 quoting, Markdown and HTML escaping, terminal
// widths with CJK text, grouping, and the review-table helpers.
#include <gtest/gtest.h>

#include "query/review_table.h"
#include "query/table.h"

namespace ckb::query {
namespace {

Table Sample() {
  Table t;
  t.columns = {{"a", "A"}, {"b", "B"}};
  t.rows.push_back(Json{{"a", "plain"}, {"b", "has, comma"}});
  t.rows.push_back(Json{{"a", "say \"hi\""}, {"b", "two\nlines"}});
  t.rows.push_back(Json{{"a", Json::array({"x", "y"})}, {"b", 42}});
  t.rows.push_back(Json{{"a", nullptr}, {"b", "pipe | <b>&'"}});
  return t;
}

std::string Write(const char* format, const Table& t, WriteOptions o = {}) {
  auto w = MakeTableWriter(format);
  EXPECT_NE(w, nullptr) << format;
  return w ? w->Write(t, o) : "";
}

TEST(TableFormat, CsvQuotesAfterRfc4180) {
  std::string csv = Write("csv", Sample());
  EXPECT_EQ(csv,
            "a,b\r\n"
            "plain,\"has, comma\"\r\n"
            "\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
            "x; y,42\r\n"
            ",pipe | <b>&'\r\n");
}

TEST(TableFormat, CsvBomAndNoHeader) {
  WriteOptions o;
  o.bom = true;
  o.header = false;
  std::string csv = Write("csv", Sample(), o);
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, 7), "plain,\"");
}

TEST(TableFormat, TsvOneLinePerRow) {
  std::string tsv = Write("tsv", Sample());
  EXPECT_EQ(tsv, "a\tb\nplain\thas, comma\nsay \"hi\"\ttwo lines\nx; y\t42\n\tpipe | <b>&'\n");
}

TEST(TableFormat, MarkdownEscapesPipesAndNewlines) {
  std::string md = Write("md", Sample());
  EXPECT_NE(md.find("| A | B |\n| --- | --- |\n"), std::string::npos);
  EXPECT_NE(md.find("| say \"hi\" | two<br>lines |"), std::string::npos);
  EXPECT_NE(md.find("|  | pipe \\| <b>&' |"), std::string::npos);
}

TEST(TableFormat, HtmlEscapesEverything) {
  Table t = Sample();
  t.title = "Title <x>";
  std::string html = Write("html", t);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Title &lt;x&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<td>pipe | &lt;b&gt;&amp;&#39;</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>say &quot;hi&quot;</td>"), std::string::npos);
  EXPECT_NE(html.find("two<br>lines"), std::string::npos);
  EXPECT_EQ(html.find("<b>&"), std::string::npos);
  EXPECT_EQ(HtmlEscape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
}

TEST(TableFormat, JsonKeepsTypes) {
  Json j = Json::parse(Write("json", Sample()));
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[2]["a"], Json::array({"x", "y"}));
  EXPECT_EQ(j[2]["b"], 42);
  EXPECT_TRUE(j[3]["a"].is_null());
}

// CSV, TSV and JSON are written a row at a time by `ckb table`: the pieces
// put together are the whole table's text, and the JSON is the dump of the
// array of rows (nested arrays, nulls, numbers, non-ASCII, a group column;
// an empty table is "[]").
TEST(TableFormat, StreamedPiecesAreTheWholeTable) {
  Table t = Sample();
  t.rows.push_back(Json{{"a", "HER2\u2011low \u4e73\u817a\u764c"}, {"b", Json::array({1, Json::array({2, 3})})}});
  Table grouped = t;
  grouped.group_key = "g";
  for (auto& r : grouped.rows) r["g"] = "phase 3";
  Table empty = t;
  empty.rows.clear();
  for (const char* format : {"csv", "tsv", "json"}) {
    auto w = MakeTableWriter(format);
    ASSERT_TRUE(w->Streams()) << format;
    for (const Table* table : {&t, &grouped, &empty}) {
      WriteOptions o;
      std::string pieces = w->Begin(*table, o);
      for (size_t i = 0; i < table->rows.size(); ++i) pieces += w->Row(*table, table->rows[i], i, o);
      pieces += w->End(*table, table->rows.size(), o);
      EXPECT_EQ(pieces, w->Write(*table, o)) << format;
      if (std::string(format) == "json") {
        Json whole = Json::array();
        for (const auto& r : table->rows) {
          Json o2 = Json::object();
          if (!table->group_key.empty()) o2[table->group_key] = r[table->group_key];
          for (const auto& c : table->columns) o2[c.key] = r.contains(c.key) ? r[c.key] : Json();
          whole.push_back(o2);
        }
        EXPECT_EQ(pieces, whole.dump(2) + "\n");
        EXPECT_FALSE(Json::parse(pieces).is_discarded());
      }
    }
  }
  EXPECT_FALSE(MakeTableWriter("table")->Streams());
  EXPECT_FALSE(MakeTableWriter("md")->Streams());
  EXPECT_FALSE(MakeTableWriter("html")->Streams());
}

TEST(TableFormat, DisplayWidthCountsCjkAsTwo) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("乳腺癌"), 6);
  EXPECT_EQ(DisplayWidth("HER2阳性"), 8);
  EXPECT_EQ(DisplayWidth("é"), 1);
  EXPECT_EQ(FitWidth("乳腺癌HER2", 5), "乳腺…");
  EXPECT_EQ(FitWidth("short", 10), "short");
}

TEST(TableFormat, TerminalAlignsCjkColumns) {
  Table t;
  t.columns = {{"t", "Title"}, {"n", "N"}};
  t.rows.push_back(Json{{"t", "乳腺癌"}, {"n", 1}});
  t.rows.push_back(Json{{"t", "abcdefgh"}, {"n", 22}});
  std::string out = Write("table", t);
  // Every line puts column N at the same display column.
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t p; (p = out.find('\n', start)) != std::string::npos; start = p + 1) lines.push_back(out.substr(start, p - start));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "Title     N");
  EXPECT_EQ(lines[2], "乳腺癌    1");
  EXPECT_EQ(lines[3], "abcdefgh  22");
}

TEST(TableFormat, TerminalFitsWidth) {
  Table t;
  t.columns = {{"t", "Title"}, {"n", "N"}};
  t.rows.push_back(Json{{"t", std::string(200, 'x')}, {"n", 1}});
  t.rows.push_back(Json{{"t", "中文标题中文标题中文标题中文标题中文标题中文标题"}, {"n", 2}});
  WriteOptions o;
  o.width = 40;
  std::string out = Write("table", t, o);
  size_t start = 0;
  for (size_t p; (p = out.find('\n', start)) != std::string::npos; start = p + 1) {
    EXPECT_LE(DisplayWidth(out.substr(start, p - start)), 40);
  }
  EXPECT_NE(out.find("…"), std::string::npos);
}

TEST(TableFormat, GroupsPrintHeadings) {
  Table t;
  t.columns = {{"a", "A"}};
  t.group_key = "drug";
  t.rows.push_back(Json{{"a", "1"}, {"drug", "x"}});
  t.rows.push_back(Json{{"a", "2"}, {"drug", "y"}});
  EXPECT_EQ(Write("csv", t), "drug,a\r\nx,1\r\ny,2\r\n");
  std::string md = Write("md", t);
  EXPECT_NE(md.find("### x\n"), std::string::npos);
  EXPECT_NE(md.find("### y\n"), std::string::npos);
  EXPECT_NE(Write("table", t).find("▸ y"), std::string::npos);
}

TEST(ReviewTable, CitationLabel) {
  EXPECT_EQ(CitationLabel({"Modi S", "Jacot W"}, false, Json(2022)), "Modi et al., 2022");
  EXPECT_EQ(CitationLabel({"Modi S"}, false, Json(2022)), "Modi, 2022");
  EXPECT_EQ(CitationLabel({"Modi S"}, true, Json(nullptr)), "Modi et al.");
  EXPECT_EQ(CitationLabel({"朱军"}, true, Json(2025)), "朱军 et al., 2025");
  EXPECT_EQ(CitationLabel({}, false, Json(2020)), "2020");
}

TEST(ReviewTable, ComparatorFromTitle) {
  EXPECT_EQ(ComparatorOf("Trastuzumab deruxtecan versus treatment of physician's choice in HER2-low breast cancer"),
            "treatment of physician's choice");
  EXPECT_EQ(ComparatorOf("T-DXd vs. T-DM1 for HER2-positive metastatic breast cancer"), "T-DM1");
  EXPECT_EQ(ComparatorOf("HER2-low breast cancer: a review"), "");
}

}  // namespace
}  // namespace ckb::query
