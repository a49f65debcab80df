// SPDX-License-Identifier: GPL-3.0-or-later
// The query language: operators, fields, PubMed tags, error positions and
// the compiled tree (entity expansion, sections, years).
#include <gtest/gtest.h>

#include "knowledge/entities.h"
#include "kb/terms.h"
#include "query/compile.h"
#include "query/syntax.h"

namespace ckb::query {
namespace {

using K = kb::QueryNode::Kind;

// Every kTerm text of a tree.
void Terms(const kb::QueryNode& n, std::vector<std::string>* out) {
  if (n.kind == K::kTerm) out->push_back(n.text);
  for (const auto& c : n.children) Terms(c, out);
}

bool HasTerm(const kb::QueryNode& n, const std::string& t) {
  std::vector<std::string> all;
  Terms(n, &all);
  return std::find(all.begin(), all.end(), t) != all.end();
}

CompiledQuery Compile(const std::string& q) {
  CompileContext ctx;
  ctx.extractor = &knowledge::EntityExtractor::Default();
  return CompileQuery(q, ctx);
}

TEST(QuerySyntax, OperatorsAndGroups) {
  auto r = ParseSyntax("(her2 OR erbb2) AND breast NOT male");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.ast.type, Ast::Type::kNot);
  ASSERT_EQ(r.ast.kids.size(), 2u);
  EXPECT_EQ(r.ast.kids[0].type, Ast::Type::kAnd);
  EXPECT_EQ(r.ast.kids[0].kids[0].type, Ast::Type::kOr);
  EXPECT_EQ(r.ast.kids[1].text, "male");
}

TEST(QuerySyntax, AdjacentWordsFormOneRun) {
  auto r = ParseSyntax("T-DXd breast cancer");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.ast.type, Ast::Type::kWords);
  EXPECT_EQ(r.ast.text, "T-DXd breast cancer");
}

TEST(QuerySyntax, PubMedTagAppliesToTheRunOfWords) {
  auto r = ParseSyntax("(\"breast neoplasms\"[mh] OR breast cancer[tiab]) AND trastuzumab deruxtecan[tiab] AND 2020:2024[dp]");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.ast.type, Ast::Type::kAnd);
  ASSERT_EQ(r.ast.kids.size(), 3u);
  const Ast& group = r.ast.kids[0];
  ASSERT_EQ(group.type, Ast::Type::kOr);
  EXPECT_EQ(group.kids[0].field, "mesh");
  EXPECT_EQ(group.kids[0].text, "breast neoplasms");
  EXPECT_EQ(group.kids[1].field, "tiab");
  EXPECT_EQ(group.kids[1].type, Ast::Type::kPhrase);
  EXPECT_EQ(group.kids[1].text, "breast cancer");
  EXPECT_EQ(r.ast.kids[1].text, "trastuzumab deruxtecan");
  EXPECT_EQ(r.ast.kids[2].field, "year");
  EXPECT_EQ(r.ast.kids[2].text, "2020:2024");
}

TEST(QuerySyntax, ProximityTagAndNear) {
  auto r = ParseSyntax("\"deruxtecan interstitial\"[tiab:~5]");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.ast.window, 5u);
  auto n = ParseSyntax("deruxtecan NEAR/3 pneumonitis");
  ASSERT_FALSE(n.error);
  EXPECT_EQ(n.ast.type, Ast::Type::kNear);
  EXPECT_EQ(n.ast.window, 3u);
}

TEST(QuerySyntax, FieldsWithPhrasesAndGroups) {
  auto r = ParseSyntax("title:\"breast cancer\" drug:(T-DXd OR pertuzumab) year:2020..2024");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.ast.kids.size(), 3u);
  EXPECT_EQ(r.ast.kids[0].field, "title");
  EXPECT_EQ(r.ast.kids[1].kids[0].field, "drug");
  EXPECT_EQ(r.ast.kids[1].kids[1].field, "drug");
  EXPECT_EQ(r.ast.kids[2].field, "year");
}

struct BadQuery {
  const char* query;
  size_t offset;
};

TEST(QuerySyntax, ErrorsPointAtTheCulprit) {
  const BadQuery cases[] = {
      {"(her2 AND breast", 0},   {"her2 AND", 5},        {"her2)", 4},
      {"OR her2", 0},            {"\"breast cancer", 0}, {"title: ", 5},
      {"breast NEAR/x cancer", 12}, {"a*", 1},           {"her2[tiab", 4},
      {"()", 0},                 {"tr*ast", 2},          {"year:abc", 0},
  };
  for (const auto& c : cases) {
    auto r = Compile(c.query);
    ASSERT_TRUE(r.error) << c.query;
    EXPECT_EQ(r.error->offset, c.offset) << c.query << ": " << r.error->message;
    std::string shown = FormatQueryError(c.query, *r.error);
    EXPECT_NE(shown.find('^'), std::string::npos);
  }
}

TEST(QuerySyntax, DeepNestingIsAnErrorNotACrash) {
  std::string q(5000, '(');
  q += "x";
  auto r = Compile(q);
  EXPECT_TRUE(r.error);
}

TEST(QuerySyntax, CaretColumnCountsWideCharacters) {
  QueryError e{std::string("乳腺癌 (").size() - 1, "x"};
  std::string shown = FormatQueryError("乳腺癌 (", e);
  EXPECT_NE(shown.find("\n         ^"), std::string::npos) << shown;  // 2 + 6 + 1 columns
}

TEST(QueryCompile, DrugSynonymsResolveToOneTerm) {
  std::string term = kb::terms::Boolean(kb::terms::kDrug, "trastuzumab-deruxtecan");
  for (const char* q : {"drug:T-DXd", "drug:\"trastuzumab deruxtecan\"", "drug:DS-8201a"}) {
    auto r = Compile(q);
    ASSERT_FALSE(r.error) << q;
    EXPECT_TRUE(HasTerm(r.tree, term)) << q;
  }
}

TEST(QueryCompile, LongBooleanTermsStayWithinXapiansLimitAndDistinct) {
  std::string a(1000, 'a'), b = a;
  b.back() = 'b';
  std::string ta = kb::terms::Boolean(kb::terms::kDrug, a);
  std::string tb = kb::terms::Boolean(kb::terms::kDrug, b);
  EXPECT_LE(ta.size(), kb::terms::kMaxBooleanTerm);
  EXPECT_NE(ta, tb);
  EXPECT_EQ(ta, kb::terms::Boolean(kb::terms::kDrug, std::string(1000, 'A')));
  EXPECT_EQ(kb::terms::Boolean(kb::terms::kDrug, "ABC"), std::string(kb::terms::kDrug) + "abc");
  // A query on such a value compiles to the same capped term.
  auto r = Compile("doi:10.1000/" + std::string(400, 'x'));
  ASSERT_FALSE(r.error);
}

TEST(QueryCompile, BiomarkerAndState) {
  auto all = Compile("biomarker:HER2");
  EXPECT_TRUE(HasTerm(all.tree, "XBIOher2"));
  auto low = Compile("biomarker:HER2-low");
  EXPECT_TRUE(HasTerm(low.tree, "XBIOher2/low"));
  EXPECT_FALSE(HasTerm(low.tree, "XBIOher2"));
}

TEST(QueryCompile, FreeTextSynonymAlsoMatchesTheEntity) {
  auto r = Compile("T-DXd breast");
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(HasTerm(r.tree, "XDRUGtrastuzumab-deruxtecan"));
  ASSERT_EQ(r.tree.kind, K::kAnd);
  EXPECT_EQ(r.tree.children[0].kind, K::kOr);  // (t-dxd OR entity) AND breast
}

TEST(QueryCompile, PubMedStrategyTranslatesWithWarnings) {
  const std::string q =
      "(\"breast neoplasms\"[mh] OR breast cancer[tiab]) AND trastuzumab deruxtecan[tiab] AND "
      "2020:2024[dp] AND english[la] AND foo[sb]";
  // A tag ckb cannot honour is an error by default, pointing at the tag ...
  auto strict = Compile(q);
  ASSERT_TRUE(strict.error);
  EXPECT_EQ(strict.error->offset, q.find("[sb]"));
  // ... and left out with a warning under --lenient.
  CompileContext ctx;
  ctx.extractor = &knowledge::EntityExtractor::Default();
  ctx.lenient = true;
  auto r = CompileQuery(q, ctx);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_TRUE(HasTerm(r.tree, "XMHbreast neoplasms"));
  EXPECT_TRUE(HasTerm(r.tree, "XLANGen"));
  bool sb = false, mh = false;
  for (const auto& w : r.warnings) {
    sb = sb || w.find("[sb]") != std::string::npos;
    mh = mh || w.find("MeSH") != std::string::npos;
  }
  EXPECT_TRUE(sb);
  EXPECT_TRUE(mh);
}

TEST(QueryCompile, SectionScopesItsWords) {
  auto r = Compile("section:methods randomised");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.tree.kind, K::kText);
  ASSERT_EQ(r.tree.prefixes.size(), 1u);
  EXPECT_EQ(r.tree.prefixes[0], "XBSmethods:");
  auto alone = Compile("section:\"Materials and Methods\"");
  EXPECT_TRUE(HasTerm(alone.tree, "XSECmethods"));
}

TEST(QueryCompile, YearForms) {
  struct Y {
    const char* q;
    int from, to;
  };
  for (const Y& y : {Y{"year:2020", 2020, 2020}, Y{"year:2020..2024", 2020, 2024}, Y{"2019:2021[dp]", 2019, 2021},
                     Y{"year:>=2022", 2022, 9999}, Y{"\"2020/01/01\"[dp]", 2020, 2020}}) {
    auto r = Compile(y.q);
    ASSERT_FALSE(r.error) << y.q;
    ASSERT_EQ(r.tree.kind, K::kYearRange) << y.q;
    EXPECT_EQ(r.tree.year_from, y.from) << y.q;
    EXPECT_EQ(r.tree.year_to, y.to) << y.q;
  }
}

TEST(QuerySyntax, OperatorsReadLeftToRightAsInPubMed) {
  auto r = ParseSyntax("a OR b AND c");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(DescribeAst(r.ast), "(AND (OR a b) c)");
  EXPECT_EQ(DescribeAst(ParseSyntax("a OR b NOT c").ast), "(NOT (OR a b) c)");
  EXPECT_EQ(DescribeAst(ParseSyntax("a AND b OR c").ast), "(OR (AND a b) c)");
  EXPECT_EQ(DescribeAst(ParseSyntax("a OR (b AND c)").ast), "(OR a (AND b c))");
  EXPECT_EQ(DescribeAst(ParseSyntax("breast cancer OR her2").ast), "(OR breast cancer her2)");
  EXPECT_EQ(DescribeAst(ParseSyntax("NOT male").ast), "(NOT ALL male)");
  EXPECT_EQ(DescribeAst(ParseSyntax("a AND NOT b").ast), "(NOT a b)");
}

TEST(QueryCompile, DateRangesWithDays) {
  auto r = Compile("\"2021/06/01\"[Date - Publication] : \"2022/05/31\"[Date - Publication]");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.tree.kind, K::kYearRange);
  EXPECT_EQ(r.tree.date_from, "20210601");
  EXPECT_EQ(r.tree.date_to, "20220531");
  auto whole = Compile("(2020/01/01[dp] : 2024/12/31[dp])");
  ASSERT_FALSE(whole.error) << whole.error->message;
  EXPECT_EQ(whole.tree.year_from, 2020);
  EXPECT_EQ(whole.tree.year_to, 2024);
  EXPECT_TRUE(whole.tree.date_from.empty());  // whole years compare years
  auto open = Compile("\"2022/01/01\"[dp] : \"3000\"[dp]");
  ASSERT_FALSE(open.error);
  EXPECT_EQ(open.tree.year_from, 2022);
  EXPECT_TRUE(Compile("2020/13/01[dp]").error);
  EXPECT_TRUE(Compile("2020/1x[dp]").error);
}

TEST(QueryCompile, IdentifierFields) {
  EXPECT_TRUE(HasTerm(Compile("doi:10.1056/NEJMoa2203690").tree, "XDOI10.1056/nejmoa2203690"));
  EXPECT_TRUE(HasTerm(Compile("pmid:35941372").tree, "XPMID35941372"));
  EXPECT_TRUE(HasTerm(Compile("NCT03734029[si]").tree, "XNCTnct03734029"));
  EXPECT_TRUE(HasTerm(Compile("lang:chinese").tree, "XLANGzh"));
}

}  // namespace
}  // namespace ckb::query
