// SPDX-License-Identifier: GPL-3.0-or-later
// Pasted PubMed strategies: each query of tests/golden/pubmed_queries/
// queries.txt is read, compiled without error, and its parsed form compared
// with parsed.txt; each of errors.txt is refused at the stated offset.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "knowledge/entities.h"
#include "query/compile.h"
#include "query/syntax.h"

namespace ckb::query {
namespace {

const std::string kDir = CKB_SOURCE_DIR "/tests/golden/pubmed_queries/";

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

CompiledQuery Compile(const std::string& q) {
  CompileContext ctx;
  ctx.extractor = &knowledge::EntityExtractor::Default();
  return CompileQuery(q, ctx);
}

TEST(PubMedGoldenTest, StrategiesParseAsRecorded) {
  std::vector<std::string> queries = Lines(kDir + "queries.txt");
  ASSERT_GE(queries.size(), 40u);
  std::string got;
  for (const auto& q : queries) {
    SCOPED_TRACE(q);
    SyntaxResult r = ParseSyntax(q);
    ASSERT_FALSE(r.error) << FormatQueryError(q, *r.error);
    CompiledQuery c = Compile(q);
    ASSERT_FALSE(c.error) << FormatQueryError(q, *c.error);
    got += q + "\n  " + DescribeAst(r.ast) + "\n";
  }
  if (std::getenv("CKB_REGENERATE_GOLDEN")) {
    std::ofstream(kDir + "parsed.txt") << got;
    GTEST_SKIP() << "rewrote " << kDir << "parsed.txt";
  }
  std::ifstream in(kDir + "parsed.txt");
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(want.str(), got);
}

TEST(PubMedGoldenTest, UnusableTagsAndRangesAreRefused) {
  std::vector<std::string> cases = Lines(kDir + "errors.txt");
  ASSERT_GE(cases.size(), 8u);
  for (const auto& line : cases) {
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    ASSERT_NE(t2, std::string::npos) << line;
    std::string q = line.substr(0, t1);
    size_t offset = std::stoul(line.substr(t1 + 1, t2 - t1 - 1));
    std::string message = line.substr(t2 + 1);
    SCOPED_TRACE(q);
    CompiledQuery c = Compile(q);
    ASSERT_TRUE(c.error);
    EXPECT_EQ(c.error->offset, offset) << c.error->message;
    EXPECT_NE(c.error->message.find(message), std::string::npos) << c.error->message;
    // --lenient reads it with a warning instead, unless the query is malformed.
    CompileContext lenient;
    lenient.lenient = true;
    CompiledQuery l = CompileQuery(q, lenient);
    if (!l.error) {
      EXPECT_FALSE(l.warnings.empty());
    }
  }
}

}  // namespace
}  // namespace ckb::query
