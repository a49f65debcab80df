// SPDX-License-Identifier: GPL-3.0-or-later
// The abstract has no field terms: `abstract:` keeps the documents where a
// word's all-text wdf exceeds its wdf in the other fields. These tests check
// the filter on its own (in-memory Xapian), the field through the knowledge
// base (real RocksDB and Xapian on disk), and that an index of the earlier
// term scheme is rebuilt by a writer and refused by a reader.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kb/internal/abstract_source.h"
#include "kb/internal/rep.h"
#include "kb/kb.h"
#include "kb/keys.h"
#include "kb/terms.h"
#include "tests/testutil/temp_dir.h"

namespace ckb::kb {
namespace {

std::set<Xapian::docid> Matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire e(db);
  e.set_query(q);
  std::set<Xapian::docid> out;
  Xapian::MSet m = e.get_mset(0, db.get_doccount() + 1);
  for (auto it = m.begin(); it != m.end(); ++it) out.insert(*it);
  return out;
}

Xapian::Query Abstract(std::vector<std::string> words) {
  return Xapian::Query((new AbstractWordsSource(std::move(words)))->release());
}

class AbstractWordsSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Documents 1..60 as the indexer makes them: "alpha" in every abstract
    // (wdf 2) and, for i % 3 == 0, also in the title (all-text wdf 4 more,
    // title copy 4); for i % 3 == 1 "alpha" is in the title only; "beta" in
    // the abstract of even documents, in the authors (wdf 1) of odd ones.
    Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 1; i <= 60; ++i) {
      Xapian::Document d;
      if (i % 3 == 1) {
        d.add_term("alpha", 4);
        d.add_term("Salpha", 4);
      } else if (i % 3 == 0) {
        d.add_term("alpha", 6);
        d.add_term("Salpha", 4);
      } else {
        d.add_term("alpha", 2);
      }
      if (i % 2 == 0) {
        d.add_term("beta", 2);
      } else {
        d.add_term("beta", 1);
        d.add_term("Abeta", 1);
      }
      d.add_term("all");
      w.add_document(d);
    }
    db_ = w;
  }
  Xapian::Database db_;
};

std::set<Xapian::docid> Where(bool (*keep)(Xapian::docid)) {
  std::set<Xapian::docid> out;
  for (Xapian::docid i = 1; i <= 60; ++i) {
    if (keep(i)) out.insert(i);
  }
  return out;
}

TEST_F(AbstractWordsSourceTest, KeepsTheDocumentsWhoseAbstractHasEveryWord) {
  EXPECT_EQ(Matches(db_, Abstract({"alpha"})), Where([](Xapian::docid i) { return i % 3 != 1; }));
  EXPECT_EQ(Matches(db_, Abstract({"beta"})), Where([](Xapian::docid i) { return i % 2 == 0; }));
  EXPECT_EQ(Matches(db_, Abstract({"alpha", "beta"})),
            Where([](Xapian::docid i) { return i % 3 != 1 && i % 2 == 0; }));
  EXPECT_TRUE(Matches(db_, Abstract({"missing"})).empty());
  EXPECT_TRUE(Matches(db_, Abstract({"alpha", "missing"})).empty());
}

TEST_F(AbstractWordsSourceTest, AsAFilterItAnswersForTheOtherSidesDocuments) {
  // The term query drives; the source is checked document by document.
  Xapian::Query q(Xapian::Query::OP_FILTER, Xapian::Query("all"), Abstract({"alpha"}));
  EXPECT_EQ(Matches(db_, q), Where([](Xapian::docid i) { return i % 3 != 1; }));
  Xapian::Query both(Xapian::Query::OP_FILTER, Xapian::Query("Abeta"), Abstract({"alpha"}));
  EXPECT_EQ(Matches(db_, both), Where([](Xapian::docid i) { return i % 2 == 1 && i % 3 != 1; }));
  Xapian::Query two(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("beta"),
                                                         Abstract({"beta"})),
                    Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("alpha"), Abstract({"alpha"})));
  EXPECT_EQ(Matches(db_, two), Where([](Xapian::docid i) { return i % 2 == 0 && i % 3 != 1; }));
}

class AbstractFieldTest : public ::testing::Test {
 protected:
  AbstractFieldTest() : tmp_("ckb-abstract") {}

  std::unique_ptr<KnowledgeBase> Open(bool write) {
    OpenOptions o;
    o.write = write;
    o.min_free_bytes = 1 << 20;
    auto r = KnowledgeBase::Open(dir(), o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  std::string dir() const { return tmp_.path() + "/kb"; }
  std::string IndexName() const {
    std::ifstream p(dir() + "/index.current");
    std::string name;
    std::getline(p, name);
    return name;
  }

  void Populate() {
    auto kb = Open(true);
    ASSERT_TRUE(kb);
    Batch b;
    auto put = [&](const std::string& id, Json j) {
      j["id"] = id;
      j["type"] = "article";
      b.Put(kCfWorks, id, Dump(j));
      b.TouchWork(id);
    };
    // The same words in different fields of different works.
    put("wtitle", Json{{"title", "Zanidatamab in biliary cancer"}, {"abstract", "A phase 2 study."}});
    put("wabstract", Json{{"title", "A phase 2 study"},
                          {"abstract", "Zanidatamab showed durable responses in biliary cancer."}});
    put("wauthor", Json{{"title", "Another study"}, {"authors", Json::array({"Zanidatamab J"})},
                        {"abstract", "Biliary tract tumours were treated."}});
    put("wsplit", Json{{"title", "Durable responses"}, {"abstract", "in biliary cancer with zanidatamab."}});
    ASSERT_TRUE(kb->Commit(b).ok());
    ASSERT_TRUE(kb->Close().ok());
  }

  // A query tree, as query/compile.cc builds for `ckb search`.
  static QueryNode Leaf(QueryNode::Kind kind, const std::string& text, const char* prefix) {
    QueryNode n = QueryNode::Leaf(kind, text);
    n.prefixes = {prefix};
    return n;
  }

  std::set<std::string> Ids(KnowledgeBase& kb, const std::string& text,
                            std::optional<QueryNode> tree = std::nullopt) {
    SearchRequest req;
    req.text = text;
    req.tree = std::move(tree);
    req.limit = 100;
    auto r = kb.Search(req, nullptr);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
    std::set<std::string> out;
    if (r.ok()) {
      for (const auto& h : r.value().hits) out.insert(h.id);
    }
    return out;
  }

  testutil::TempDir tmp_;
};

TEST_F(AbstractFieldTest, AbstractTitleAndTiabSeeOnlyTheirFields) {
  Populate();
  auto kb = Open(false);
  ASSERT_TRUE(kb);
  using S = std::set<std::string>;
  EXPECT_EQ(Ids(*kb, "zanidatamab"), (S{"wtitle", "wabstract", "wauthor", "wsplit"}));
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kText, "zanidatamab", terms::kAbstract)), (S{"wabstract", "wsplit"}));
  EXPECT_EQ(Ids(*kb, "title:zanidatamab"), (S{"wtitle"}));
  QueryNode tiab = Leaf(QueryNode::Kind::kText, "zanidatamab", terms::kTitle);
  tiab.prefixes.push_back(terms::kAbstract);
  EXPECT_EQ(Ids(*kb, "", tiab), (S{"wtitle", "wabstract", "wsplit"}));
  // A phrase in the abstract; "durable responses" is in wsplit's title.
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kPhrase, "durable responses", terms::kAbstract)), (S{"wabstract"}));
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kPhrase, "durable responses", terms::kTitle)), (S{"wsplit"}));
  QueryNode near = Leaf(QueryNode::Kind::kPhrase, "zanidatamab responses", terms::kAbstract);
  near.window = 2;
  EXPECT_EQ(Ids(*kb, "", near), (S{"wabstract"}));
  // Every word must be in the abstract.
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kText, "durable biliary", terms::kAbstract)), (S{"wabstract"}));
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kWildcard, "zanida", terms::kAbstract)), (S{"wabstract", "wsplit"}));
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kWildcard, "respon", terms::kAbstract)), (S{"wabstract"}));
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kText, "tumours", terms::kAbstract)), (S{"wauthor"}));
  EXPECT_TRUE(Ids(*kb, "", Leaf(QueryNode::Kind::kText, "another", terms::kAbstract)).empty());
  // A field with no indexable words inside a combined query (found by the
  // query fuzzer: the parser crashed on the empty query of the field).
  // A raw query string (no tree) scopes abstract: to the whole text; this
  // input crashed Xapian's parser when the field had a field processor.
  Ids(*kb, "tiab:(deru-+class:rtc\"\x05+bih:erHpi^\":xtecan NOT placebo)");
}

TEST_F(AbstractFieldTest, AnIndexOfTheEarlierTermSchemeIsRebuiltByAWriter) {
  Populate();
  std::string index = dir() + "/" + IndexName();
  {
    Xapian::WritableDatabase w(index, Xapian::DB_OPEN);
    w.set_metadata(terms::kMetaTerms, "");  // as written before the scheme was stamped
    w.commit();
  }
  OpenOptions ro;
  auto reader = KnowledgeBase::Open(dir(), ro);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kCorruption);
  EXPECT_NE(reader.status().message().find("rebuild-index"), std::string::npos) << reader.status().message();

  auto writer = Open(true);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->Close().ok());
  writer.reset();
  auto kb = Open(false);
  ASSERT_TRUE(kb);
  EXPECT_EQ(Ids(*kb, "", Leaf(QueryNode::Kind::kText, "zanidatamab", terms::kAbstract)),
            (std::set<std::string>{"wabstract", "wsplit"}));
  Xapian::Database db(dir() + "/" + IndexName());
  EXPECT_EQ(db.get_metadata(terms::kMetaTerms), terms::kTermScheme);
}

}  // namespace
}  // namespace ckb::kb
