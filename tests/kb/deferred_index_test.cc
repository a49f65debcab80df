// SPDX-License-Identifier: GPL-3.0-or-later
// Deferred index updates on real stores: commits that leave the index to a
// catch-up, the outbox kept until then, and the three ways of bringing an
// index up to date (document by document with every commit, one catch-up,
// a parallel rebuild from the records) giving identical documents.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <map>
#include <string_view>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "kb/kb.h"
#include "tests/testutil/temp_dir.h"
#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

namespace fs = std::filesystem;

class TempDir : public testutil::TempDir {
 public:
  TempDir() : testutil::TempDir("ckb-defertest") {}
};

std::unique_ptr<KnowledgeBase> OpenWriter(const std::string& dir, bool defer, int threads = 2) {
  OpenOptions o;
  o.write = true;
  o.min_free_bytes = 1 << 20;
  o.defer_index = defer;
  o.index_threads = threads;
  auto r = KnowledgeBase::Open(dir, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : nullptr;
}

Stats StatsOf(const std::string& dir) {
  auto r = KnowledgeBase::Open(dir, OpenOptions());
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return Stats();
  auto s = r.value()->GetStats();
  EXPECT_TRUE(s.ok());
  return s.ok() ? s.value() : Stats();
}

std::string WorkId(int i) {
  char id[32];
  std::snprintf(id, sizeof id, "w%06d", i);
  return id;
}

std::string WorkRecord(int i, int version) {
  Json j;
  j["id"] = WorkId(i);
  j["type"] = "article";
  j["title"] = "Trastuzumab deruxtecan study " + std::to_string(i) + " version " + std::to_string(version);
  j["abstract"] = "Patients with HER2-low metastatic breast cancer received T-DXd; overall survival "
                  "improved in cohort " +
                  std::to_string(i % 7) + ".";
  j["year"] = 2000 + i % 25;
  j["authors"] = Json::array({"Modi S", "Author " + std::to_string(i % 13)});
  return Dump(j);
}

// Commits works [from, to) at `version` in batches of `per_batch`.
void CommitWorks(KnowledgeBase& kb, int from, int to, int version, int per_batch) {
  Batch b;
  for (int i = from; i < to; ++i) {
    b.Put(kCfWorks, WorkId(i), WorkRecord(i, version));
    b.TouchWork(WorkId(i));
    if ((i - from + 1) % per_batch == 0) {
      ASSERT_TRUE(kb.Commit(b).ok());
    }
  }
  ASSERT_TRUE(kb.Commit(b).ok());
}

std::string IndexName(const std::string& dir) {
  std::ifstream p(dir + "/index.current");
  std::string name;
  std::getline(p, name);
  return name;
}

// id -> every term with its wdf and positions, as the index at `path` holds them.
std::map<std::string, std::string> IndexDumpAt(const std::string& path) {
  Xapian::Database db(path);
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string dump;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      dump += *t + "/" + std::to_string(t.get_wdf());
      for (auto pos = t.positionlist_begin(); pos != t.positionlist_end(); ++pos) {
        dump += "," + std::to_string(*pos);
      }
      dump += " ";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      dump += "#" + std::to_string(v.get_valueno()) + "=" + *v;
    }
    out[doc.get_data()] = dump + "|" + std::to_string(db.get_doclength(*it));
  }
  return out;
}

std::map<std::string, std::string> IndexDump(const std::string& dir) {
  return IndexDumpAt(dir + "/" + IndexName(dir));
}

// Document ids of the index at `path`, in the order of their records' keys.
std::vector<std::string> DocOrder(const std::string& path) {
  Xapian::Database db(path);
  std::vector<std::string> ids;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) ids.push_back(db.get_document(*it).get_data());
  return ids;
}

TEST(DeferredIndexTest, CommitsLeaveTheIndexUntilCatchUpAndKeepTheOutbox) {
  TempDir d;
  {
    auto kb = OpenWriter(d.path(), /*defer=*/true);
    ASSERT_TRUE(kb);
    CommitWorks(*kb, 0, 100, 1, 5);  // 20 generations, more than the outbox keeps normally
    Stats s = StatsOf(d.path());
    EXPECT_EQ(s.generation, 20u);
    EXPECT_EQ(s.index_generation, 0u);
    EXPECT_EQ(s.index_documents, 0u);
    ASSERT_TRUE(kb->CatchUpIndex().ok());
    s = StatsOf(d.path());
    EXPECT_EQ(s.index_generation, 20u);
    EXPECT_EQ(s.index_documents, 100u);
    CommitWorks(*kb, 100, 110, 1, 5);
    // Close() catches up what is left.
    ASSERT_TRUE(kb->Close().ok());
  }
  Stats s = StatsOf(d.path());
  EXPECT_EQ(s.generation, 22u);
  EXPECT_EQ(s.index_generation, 22u);
  EXPECT_EQ(s.index_documents, 110u);
}

// Check of what a reader sees: lines and status.
std::pair<Status, std::vector<std::string>> CheckOf(const std::string& dir) {
  auto r = KnowledgeBase::Open(dir, OpenOptions());
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> report;
  if (!r.ok()) return {r.status(), report};
  Status st = r.value()->Check(false, &report);
  return {st, report};
}

TEST(DeferredIndexTest, CheckTellsALagFromAMismatch) {
  TempDir d;
  auto kb = OpenWriter(d.path(), /*defer=*/true);
  ASSERT_TRUE(kb);
  CommitWorks(*kb, 0, 30, 1, 10);
  ASSERT_TRUE(kb->CatchUpIndex().ok());
  // Deferred: 10 works rewritten, 5 deleted, 10 added; the index keeps generation 3.
  CommitWorks(*kb, 10, 20, 2, 5);
  Batch b;
  for (int i = 0; i < 5; ++i) {
    b.Delete(kCfWorks, WorkId(i));
    b.TouchWork(WorkId(i));
  }
  ASSERT_TRUE(kb->Commit(b).ok());
  CommitWorks(*kb, 30, 40, 1, 10);
  auto [st, report] = CheckOf(d.path());
  EXPECT_TRUE(st.ok()) << st.message();
  ASSERT_GE(report.size(), 3u);
  EXPECT_EQ(report[0].rfind("lag  generation: records ", 0), 0u) << report[0];
  EXPECT_NE(report[0].find("(25 works not yet searchable)"), std::string::npos) << report[0];
  EXPECT_NE(report[2].find("35 records, 30 index documents; 0 without document, 0 without record; "
                           "15 waiting for the index to catch up"),
            std::string::npos)
      << report[2];
  {
    auto r = KnowledgeBase::Open(d.path(), OpenOptions());
    ASSERT_TRUE(r.ok());
    auto lag = r.value()->GetIndexLag();
    ASSERT_TRUE(lag.ok());
    EXPECT_TRUE(lag.value().behind());
    EXPECT_TRUE(lag.value().outbox_read);
    EXPECT_TRUE(lag.value().recoverable);
    EXPECT_EQ(lag.value().pending_works, 25u);
    EXPECT_EQ(lag.value().writer_pid, static_cast<int>(::getpid()));  // this process holds the lock
  }
  ASSERT_TRUE(kb->CatchUpIndex().ok());
  std::tie(st, report) = CheckOf(d.path());
  EXPECT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(report[0].rfind("ok   generation", 0), 0u) << report[0];
  // A record outside the outbox without its document is a mismatch.
  ASSERT_TRUE(kb->Close().ok());
  kb.reset();
  {
    Xapian::WritableDatabase db(d.path() + "/" + IndexName(d.path()));
    db.delete_document(std::string(terms::kId) + WorkId(25));
    db.commit();
  }
  std::tie(st, report) = CheckOf(d.path());
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(report[2].find("FAIL 35 records, 34 index documents; 1 without document"), std::string::npos)
      << report[2];
}

size_t OutboxEntries(KnowledgeBase& kb) {
  size_t n = 0;
  EXPECT_TRUE(kb.Scan(kCfLog, "", [&](std::string_view, std::string_view) {
                  ++n;
                  return true;
                }).ok());
  return n;
}

TEST(DeferredIndexTest, OutboxIsKeptUntilTheIndexHasCaughtUp) {
  TempDir d;
  auto kb = OpenWriter(d.path(), /*defer=*/true);
  ASSERT_TRUE(kb);
  CommitWorks(*kb, 0, 60, 1, 2);  // 30 generations, none applied
  EXPECT_EQ(OutboxEntries(*kb), 30u);
  ASSERT_TRUE(kb->CatchUpIndex().ok());
  EXPECT_EQ(OutboxEntries(*kb), 16u);  // the last 16 stay for a restored index
  // A writer of the same knowledge base that does not defer prunes as it goes.
  ASSERT_TRUE(kb->Close().ok());
  kb = OpenWriter(d.path(), /*defer=*/false);
  ASSERT_TRUE(kb);
  CommitWorks(*kb, 60, 80, 1, 2);
  EXPECT_EQ(OutboxEntries(*kb), 16u);
}

// Live updates with every commit, a deferred catch-up applied document by
// document, and a catch-up large enough to rebuild in parallel shards all
// give the same documents, including works rewritten by later batches.
TEST(DeferredIndexTest, LiveCatchUpAndRebuildGiveIdenticalDocuments) {
  TempDir live, small, bulk, one_thread;
  auto load = [](KnowledgeBase& kb) {
    CommitWorks(kb, 0, 2600, 1, 500);
    CommitWorks(kb, 1000, 1400, 2, 100);  // rewritten works
    Batch b;
    b.Delete(kCfWorks, WorkId(7));  // a deleted work leaves the index
    b.TouchWork(WorkId(7));
    ASSERT_TRUE(kb.Commit(b).ok());
  };
  {
    auto kb = OpenWriter(live.path(), false);
    ASSERT_TRUE(kb);
    load(*kb);
  }
  {
    // First the bulk of it deferred (a parallel rebuild), then a small
    // deferred run on top (document by document).
    auto kb = OpenWriter(bulk.path(), true);
    ASSERT_TRUE(kb);
    load(*kb);
    ASSERT_TRUE(kb->CatchUpIndex().ok());
    CommitWorks(*kb, 2600, 2610, 1, 5);
    ASSERT_TRUE(kb->CatchUpIndex().ok());
  }
  {
    auto kb = OpenWriter(live.path(), false);
    ASSERT_TRUE(kb);
    CommitWorks(*kb, 2600, 2610, 1, 5);
  }
  {
    auto kb = OpenWriter(one_thread.path(), true, 1);
    ASSERT_TRUE(kb);
    load(*kb);
    CommitWorks(*kb, 2600, 2610, 1, 5);
    ASSERT_TRUE(kb->Close().ok());
  }
  // The live index was updated in place; the others were rebuilt (a new
  // directory) when they caught up with 2,600 works at once.
  EXPECT_EQ(IndexName(live.path()), "xapian.0");
  EXPECT_EQ(IndexName(bulk.path()), "xapian.1");
  EXPECT_EQ(IndexName(one_thread.path()), "xapian.1");
  auto want = IndexDump(live.path());
  EXPECT_EQ(want.size(), 2609u);
  EXPECT_EQ(want.count(WorkId(7)), 0u);
  EXPECT_NE(want[WorkId(1200)].find("version"), std::string::npos);
  auto got = IndexDump(bulk.path());
  EXPECT_EQ(got.size(), want.size());
  EXPECT_TRUE(got == want) << "deferred/rebuilt index differs from the live one";
  auto got1 = IndexDump(one_thread.path());
  EXPECT_TRUE(got1 == want) << "single-thread rebuild differs from the live one";
  EXPECT_EQ(StatsOf(bulk.path()).index_generation, StatsOf(bulk.path()).generation);
}

// Full groups of shards are merged on the builder threads before the final
// merge (what keeps the memory of a million-work build flat): with small
// shards and groups, a build of many groups gives the documents of the live
// index, in key order, whatever the number of builders.
TEST(DeferredIndexTest, GroupedShardMergeGivesTheLiveDocuments) {
  TempDir live, out;
  {
    auto kb = OpenWriter(live.path(), false);
    ASSERT_TRUE(kb);
    CommitWorks(*kb, 0, 1500, 1, 500);
  }
  auto want = IndexDump(live.path());
  ASSERT_EQ(want.size(), 1500u);
  auto r = KnowledgeBase::Open(live.path(), OpenOptions());
  ASSERT_TRUE(r.ok());
  const KnowledgeBase& kb = *r.value();
  // 1,500 works in shards of 7: 215 shards, 26 full groups of 8 and 7
  // shards left over; then groups of 2 and a single shard.
  for (IndexBuildShape shape : {IndexBuildShape{7, 8}, IndexBuildShape{5, 2}, IndexBuildShape{1500, 64}}) {
    for (int threads : {1, 3}) {
      std::string path = out.path() + "/x" + std::to_string(shape.shard_docs) + "-" +
                         std::to_string(shape.group_shards) + "-" + std::to_string(threads);
      ASSERT_TRUE(BuildIndexDirectory(kb, path, threads, {{"k", "v"}}, shape).ok()) << path;
      EXPECT_TRUE(IndexDumpAt(path) == want) << path;
      std::vector<std::string> order = DocOrder(path);
      EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << path;
      EXPECT_EQ(Xapian::Database(path).get_metadata("k"), "v");
      EXPECT_FALSE(fs::exists(path + ".shards")) << "scratch shards left behind";
    }
  }
}

// Every stored record of a column family, in key order.
std::string StoreDump(const std::string& dir, const char* cf) {
  auto r = KnowledgeBase::Open(dir, OpenOptions());
  EXPECT_TRUE(r.ok());
  if (!r.ok()) return "";
  std::string out;
  EXPECT_TRUE(r.value()->Scan(cf, "", [&](std::string_view k, std::string_view v) {
                out.append(k).append("=").append(v).append("\n");
                return true;
              }).ok());
  return out;
}

// Entity extraction on several threads before merging changes nothing that
// is stored or indexed: the sample corpus (pages with reference lists,
// PubMed, RIS, registry records) indexed with 1 and with 4 threads.
TEST(DeferredIndexTest, ParallelExtractionStoresTheSameRecords) {
  TempDir one, four;
  for (auto* d : {&one, &four}) {
    auto kb = OpenWriter(d->path(), true, d == &one ? 1 : 4);
    ASSERT_TRUE(kb);
    ingest::IngestOptions io;
    io.batch_documents = 3;  // many commits
    io.threads = d == &one ? 1 : 4;
    ingest::Ingester ing(*kb, knowledge::EntityExtractor::Default(), io, [](const Diagnostic&) {});
    ASSERT_TRUE(ing.IndexPath(CKB_SOURCE_DIR "/corpus").ok());
    ASSERT_TRUE(ing.Finish().ok());
    ASSERT_TRUE(kb->Close().ok());
  }
  for (const char* cf : {kCfWorks, kCfContribs, kCfTrials, kCfTrialWorks, kCfEdges, kCfIds}) {
    std::string a = StoreDump(one.path(), cf);
    EXPECT_FALSE(a.empty()) << cf;
    EXPECT_TRUE(a == StoreDump(four.path(), cf)) << cf << " differs";
  }
  EXPECT_TRUE(IndexDump(one.path()) == IndexDump(four.path()));
}

}  // namespace
}  // namespace ckb::kb
