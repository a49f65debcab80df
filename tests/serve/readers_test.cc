// SPDX-License-Identifier: GPL-3.0-or-later
// serve::ReaderPool: readers lent to the server's threads follow a writer's
// commits (a handle from before a commit is not lent again) and are reused
// when nothing was committed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "kb/kb.h"
#include "serve/readers.h"
#include "tests/testutil/temp_dir.h"

namespace ckb::serve {
namespace {

void IndexOne(const std::string& db, const std::string& path) {
  kb::OpenOptions o;
  o.write = true;
  o.min_free_bytes = 1 << 20;
  auto w = kb::KnowledgeBase::Open(db, o);
  ASSERT_TRUE(w.ok()) << w.status().message();
  ingest::Ingester ing(*w.value(), knowledge::EntityExtractor::Default(), ingest::IngestOptions(),
                        [](const Diagnostic&) {});
  ASSERT_TRUE(ing.IndexPath(path).ok()) << path;
  ASSERT_TRUE(ing.Finish().ok());
  ASSERT_TRUE(w.value()->Close().ok());
}

uint64_t GenerationOf(Lease& l) { return l.base().GetStats().value().generation; }

TEST(ReaderPoolTest, FollowsCommitsAndReusesReaders) {
  testutil::TempDir dir("ckb-readers");
  std::string db = dir.path() + "/db";
  IndexOne(db, CKB_SOURCE_DIR "/corpus/her2-library.ris");
  ReaderPool pool(db, 4);
  const kb::KnowledgeBase* first = nullptr;
  uint64_t before = 0;
  {
    auto l = pool.Acquire();
    ASSERT_TRUE(l.ok()) << l.status().message();
    first = &l.value().base();
    before = GenerationOf(l.value());
  }
  std::string stamp = DiskStamp(db);
  {
    auto l = pool.Acquire();
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(&l.value().base(), first) << "nothing committed: the idle reader is lent again";
  }
  EXPECT_EQ(DiskStamp(db), stamp) << "reading changes no stamped file";

  IndexOne(db, CKB_SOURCE_DIR "/corpus/destiny-breast04.pubmed.xml");
  EXPECT_NE(DiskStamp(db), stamp);
  auto l = pool.Acquire();
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(GenerationOf(l.value()), before + 1);
  EXPECT_EQ(l.value().base().GetStats().value().index_generation, before + 1);
  EXPECT_TRUE(l.value().base().ResolveWork("doi:10.1056/NEJMoa2203690").ok()) << "the new commit's work is found";
}

TEST(ReaderPoolTest, NoKnowledgeBaseIsAnError) {
  testutil::TempDir dir("ckb-readers");
  ReaderPool pool(dir.path() + "/none", 2);
  auto l = pool.Acquire();
  EXPECT_FALSE(l.ok());
}

}  // namespace
}  // namespace ckb::serve
