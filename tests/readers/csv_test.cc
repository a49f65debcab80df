// SPDX-License-Identifier: GPL-3.0-or-later
// The RFC 4180 CSV/TSV reader: quoting, line ends, BOM, and malformed rows
// reported with their line while the rest is read.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "readers/internal/csv.h"

namespace ckb::readers {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Read {
  Rows rows;
  std::vector<int64_t> lines;
  std::vector<std::string> errors;
};

Read ReadAllRows(std::string_view text, char delimiter = ',', CsvQuoting quoting = CsvQuoting::kRfc4180) {
  Read out;
  CsvReader reader(text, delimiter, quoting);
  CsvRow row;
  std::string error;
  for (CsvReader::Step step; (step = reader.Next(&row, &error)) != CsvReader::Step::kEnd;) {
    if (step == CsvReader::Step::kError) {
      out.errors.push_back(std::to_string(reader.error_line()) + ": " + error);
      continue;
    }
    out.rows.push_back(row.fields);
    out.lines.push_back(row.line);
  }
  return out;
}

TEST(CsvReaderTest, Rfc4180Fields) {
  struct Case {
    const char* text;
    Rows rows;
  };
  const Case cases[] = {
      {"a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
      {"a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"a,b\r1,2", {{"a", "b"}, {"1", "2"}}},
      {"\xEF\xBB\xBFTitle,DOI\nx,10.1/y\n", {{"Title", "DOI"}, {"x", "10.1/y"}}},
      {"\"a, with comma\",\"say \"\"hi\"\"\",plain\n", {{"a, with comma", "say \"hi\"", "plain"}}},
      {"\"two\r\nlines\",x\n", {{"two\nlines", "x"}}},
      {"a,,c,\n", {{"a", "", "c", ""}}},
      {"\"\",\"\"\n", {{"", ""}}},
      {"a\n\n\nb\n", {{"a"}, {"b"}}},
      {"ab\"c,d\n", {{"ab\"c", "d"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Read r = ReadAllRows(c.text);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.rows, c.rows);
  }
}

TEST(CsvReaderTest, RowLinesCountEmbeddedLineBreaks) {
  Read r = ReadAllRows("h1,h2\n\"multi\nline\nvalue\",x\nlast,y\n");
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.lines, (std::vector<int64_t>{1, 2, 5}));
}

TEST(CsvReaderTest, TabsWithoutQuoting) {
  Read r = ReadAllRows("PT\tTI\nJ\t\"Quoted\" start\tx\n", '\t', CsvQuoting::kNone);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.rows, (Rows{{"PT", "TI"}, {"J", "\"Quoted\" start", "x"}}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsReportedWithItsLine) {
  Read r = ReadAllRows("a,b\n1,2\n\"bad\"x,3\n4,5\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "3: text after the closing quote of a field");
  EXPECT_EQ(r.rows, (Rows{{"a", "b"}, {"1", "2"}, {"4", "5"}}));
  EXPECT_EQ(r.lines, (std::vector<int64_t>{1, 2, 4}));
}

TEST(CsvReaderTest, UnclosedQuoteDoesNotSwallowTheRest) {
  Read r = ReadAllRows("a,b\n\"never closed,1\n2,3\n4,5\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "2: quoted field not closed before the end of the input");
  EXPECT_EQ(r.rows, (Rows{{"a", "b"}, {"2", "3"}, {"4", "5"}}));
  EXPECT_EQ(r.lines, (std::vector<int64_t>{1, 3, 4}));
}

TEST(CsvReaderTest, DelimiterAndHeader) {
  EXPECT_EQ(GuessCsvDelimiter("PT\tAU\tTI\tSO\n"), '\t');
  EXPECT_EQ(GuessCsvDelimiter("\"a\tb\",c,d\n"), ',');
  EXPECT_EQ(CsvHeader("\xEF\xBB\xBF\"Authors\", Title ,Year\r\nx,y,z\r\n", ','),
            (std::vector<std::string>{"Authors", "Title", "Year"}));
  EXPECT_TRUE(CsvHeader("", ',').empty());
}

}  // namespace
}  // namespace ckb::readers
