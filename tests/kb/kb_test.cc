// SPDX-License-Identifier: GPL-3.0-or-later
// Store guarantees of the knowledge base on real RocksDB and Xapian stores in
// a temporary directory: commit and reopen, outbox replay when the index is
// behind, refusal when it is ahead or foreign, rebuild-index after damage,
// a missing record store, readers across commits, and merge semantics.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "kb/kb.h"
#include "tests/testutil/temp_dir.h"
#include "kb/keys.h"

namespace ckb::kb {
namespace {

namespace fs = std::filesystem;

class TempDir : public testutil::TempDir {
 public:
  TempDir() : testutil::TempDir("ckb-kbtest") {}
};

// A small page-format file with one DOI, a title and references by DOI.
void WritePage(const std::string& path, const std::string& doi, const std::string& title,
               const std::vector<std::string>& ref_dois) {
  std::ofstream out(path);
  out << "Journal of Test Oncology \u203a\u203a 2024, Vol. 1 \u203a\u203a Issue (1): 1-9.doi: " << doi
      << "\n\u2022 Original Article \u2022 Previous Articles Next Articles\n"
      << title << " in patients with metastatic breast cancer\nWang Fang1, Zhao Lei2\nReceived:2024-01-10\nPublished:2024-03-23\nReferences\n";
  int n = 1;
  for (const auto& r : ref_dois) {
    out << "[" << n << "] Smith A, Jones B, et al. Study number " << n << " of " << r
        << " in breast cancer[J]. J Test Oncol, 2020, 1(1): 1-9. DOI: " << r << ".\n";
    ++n;
  }
}

std::unique_ptr<KnowledgeBase> OpenWriter(const std::string& dir) {
  OpenOptions o;
  o.write = true;
  o.min_free_bytes = 1 << 20;
  auto r = KnowledgeBase::Open(dir, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : nullptr;
}

std::unique_ptr<KnowledgeBase> OpenReader(const std::string& dir) {
  auto r = KnowledgeBase::Open(dir, OpenOptions());
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : nullptr;
}

// Indexes files in one commit; returns the generation.
uint64_t Index(const std::string& dir, const std::vector<std::string>& paths) {
  auto kb = OpenWriter(dir);
  if (!kb) return 0;
  ingest::IngestOptions io;
  io.batch_documents = 100000;
  ingest::Ingester ing(*kb, knowledge::EntityExtractor::Default(), io, [](const Diagnostic&) {});
  for (const auto& p : paths) EXPECT_TRUE(ing.IndexPath(p).ok()) << p;
  EXPECT_TRUE(ing.Finish().ok());
  uint64_t g = kb->generation();
  EXPECT_TRUE(kb->Close().ok());
  return g;
}

void ExpectConsistent(const std::string& dir, bool deep = true) {
  auto kb = OpenReader(dir);
  ASSERT_TRUE(kb);
  std::vector<std::string> report;
  Status s = kb->Check(deep, &report);
  std::string all;
  for (const auto& l : report) all += l + "\n";
  EXPECT_TRUE(s.ok()) << all;
}

Stats StatsOf(const std::string& dir) {
  auto kb = OpenReader(dir);
  if (!kb) return {};
  auto st = kb->GetStats();
  EXPECT_TRUE(st.ok());
  return st.ok() ? st.value() : Stats{};
}

std::string IndexDirOf(const std::string& dir) {
  std::ifstream in(dir + "/index.current");
  std::string name;
  std::getline(in, name);
  return dir + "/" + name;
}

void CopyTree(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::remove_all(to, ec);
  fs::copy(from, to, fs::copy_options::recursive);
}

// A knowledge base with six generations, snapshotted after each one.
class SkewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = tmp_.path() + "/db";
    fs::create_directories(tmp_.path() + "/in");
    for (int g = 1; g <= 6; ++g) {
      std::string f = tmp_.path() + "/in/p" + std::to_string(g) + ".txt";
      WritePage(f, "10.5555/skew." + std::to_string(g), "Skew study " + std::to_string(g),
                {"10.5555/ref." + std::to_string(g), "10.5555/ref.shared"});
      ASSERT_EQ(Index(db_, {f}), static_cast<uint64_t>(g));
      CopyTree(db_, Snap(g));
    }
  }
  std::string Snap(int g) const { return tmp_.path() + "/snap" + std::to_string(g); }
  // Records from generation `records`, index from generation `index`.
  std::string Mix(int records, int index) {
    std::string d = tmp_.path() + "/mix";
    CopyTree(Snap(records), d);
    std::string xi = IndexDirOf(d);
    fs::remove_all(xi);
    fs::copy(IndexDirOf(Snap(index)), xi, fs::copy_options::recursive);
    return d;
  }
  TempDir tmp_;
  std::string db_;
};

// A reader may open a part of the record store (a one-query `ckb search`
// opens works and ids): what it opened reads as usual, the rest fails
// loudly instead of reading as empty.
TEST_F(SkewTest, ReaderOpensOnlyTheColumnFamiliesItAsksFor) {
  OpenOptions o;
  o.column_families = {kCfWorks, kCfIds};
  auto r = KnowledgeBase::Open(db_, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto& kb = *r.value();
  EXPECT_EQ(kb.generation(), 6u);  // meta is always opened
  auto id = kb.ResolveWork("doi:10.5555/skew.3");
  ASSERT_TRUE(id.ok()) << id.status().message();
  auto work = kb.GetWork(id.value());
  ASSERT_TRUE(work.ok());
  ASSERT_TRUE(work.value().has_value());
  EXPECT_NE(work.value()->dump().find("Skew study 3"), std::string::npos);
  Status scan = kb.Scan(kCfEdges, "", [](std::string_view, std::string_view) { return true; });
  EXPECT_EQ(scan.code(), Status::Code::kInternal);
  EXPECT_NE(scan.message().find("edges"), std::string::npos) << scan.message();
  auto trial = kb.GetTrial("NCT00000000");
  EXPECT_EQ(trial.status().code(), Status::Code::kInternal);
  // The full reader sees the citation edges the partial one refused.
  auto full = OpenReader(db_);
  ASSERT_TRUE(full);
  size_t edges = 0;
  EXPECT_TRUE(full->Scan(kCfEdges, "", [&](std::string_view, std::string_view) { return ++edges, true; }).ok());
  EXPECT_GT(edges, 0u);
}

// A one-query reader keeps at most ten table files open (OpenOptions::
// few_reads); with more files than that in the store, every record still
// reads, the evicted tables being opened again.
TEST_F(SkewTest, FewReadsReaderReadsEveryRecordWithMoreTablesThanItKeepsOpen) {
  size_t tables = 0;
  for (const auto& e : fs::directory_iterator(db_ + "/rocksdb")) {
    if (e.path().extension() == ".sst") ++tables;
  }
  ASSERT_GT(tables, 10u) << "the premise: more table files than the reader keeps open";
  OpenOptions o;
  o.few_reads = true;
  auto r = KnowledgeBase::Open(db_, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto& kb = *r.value();
  for (int round = 0; round < 2; ++round) {
    for (int g = 1; g <= 6; ++g) {
      auto id = kb.ResolveWork("doi:10.5555/skew." + std::to_string(g));
      ASSERT_TRUE(id.ok()) << id.status().message();
      auto work = kb.GetWork(id.value());
      ASSERT_TRUE(work.ok() && work.value().has_value());
      EXPECT_NE(work.value()->dump().find("Skew study " + std::to_string(g)), std::string::npos);
    }
  }
  size_t few = 0;
  size_t all = 0;
  for (const char* cf : {kCfWorks, kCfEdges, kCfIds}) {
    EXPECT_TRUE(kb.Scan(cf, "", [&](std::string_view, std::string_view) { return ++few, true; }).ok());
  }
  auto full = OpenReader(db_);
  ASSERT_TRUE(full);
  for (const char* cf : {kCfWorks, kCfEdges, kCfIds}) {
    EXPECT_TRUE(full->Scan(cf, "", [&](std::string_view, std::string_view) { return ++all, true; }).ok());
  }
  EXPECT_EQ(few, all);
  EXPECT_GT(all, 12u);
}

TEST_F(SkewTest, CommitAndReopenKeepGenerationAndRecords) {
  Stats st = StatsOf(db_);
  EXPECT_EQ(st.generation, 6u);
  EXPECT_EQ(st.index_generation, 6u);
  EXPECT_EQ(st.works, st.index_documents);
  EXPECT_GT(st.works, 6u);
  ExpectConsistent(db_);
  auto kb = OpenReader(db_);
  ASSERT_TRUE(kb);
  auto id = kb->ResolveWork("doi:10.5555/skew.3");
  ASSERT_TRUE(id.ok());
  auto w = kb->GetWork(id.value());
  ASSERT_TRUE(w.ok() && w.value());
}

TEST_F(SkewTest, WriterReplaysWhenIndexIsOneToFiveBehind) {
  for (int k = 1; k <= 5; ++k) {
    SCOPED_TRACE("index behind by " + std::to_string(k));
    std::string d = Mix(6, 6 - k);
    {
      auto reader = OpenReader(d);  // readers open and never repair
      ASSERT_TRUE(reader);
      auto st = reader->GetStats();
      ASSERT_TRUE(st.ok());
      EXPECT_EQ(st.value().index_generation, static_cast<uint64_t>(6 - k));
    }
    {
      auto w = OpenWriter(d);
      ASSERT_TRUE(w);
      auto st = w->GetStats();
      ASSERT_TRUE(st.ok());
      EXPECT_EQ(st.value().generation, 6u);
      EXPECT_EQ(st.value().index_generation, 6u);
    }
    ExpectConsistent(d);
    EXPECT_EQ(StatsOf(d).index_documents, StatsOf(db_).index_documents);
  }
}

TEST_F(SkewTest, IndexAheadIsRefusedAndRebuildRestoresEquality) {
  for (int k = 1; k <= 2; ++k) {
    std::string d = Mix(6 - k, 6);
    auto r = KnowledgeBase::Open(d, OpenOptions());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
    EXPECT_NE(r.status().message().find("rebuild-index"), std::string::npos);
    OpenOptions wo;
    wo.write = true;
    wo.min_free_bytes = 1 << 20;
    auto w = KnowledgeBase::Open(d, wo);
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.status().code(), Status::Code::kCorruption);
    // The failed open released the writer lock: a rebuild can take it.
    auto rb = KnowledgeBase::OpenForRebuild(d);
    ASSERT_TRUE(rb.ok()) << rb.status().message();
    ASSERT_TRUE(rb.value()->RebuildIndex().ok());
    ASSERT_TRUE(rb.value()->Close().ok());
    ExpectConsistent(d);
    EXPECT_EQ(StatsOf(d).index_generation, static_cast<uint64_t>(6 - k));
  }
}

TEST_F(SkewTest, IndexOfAnotherKnowledgeBaseIsRefused) {
  std::string other = tmp_.path() + "/other";
  std::string f = tmp_.path() + "/o.txt";
  for (int g = 1; g <= 7; ++g) {
    WritePage(f, "10.5555/other." + std::to_string(g), "Other " + std::to_string(g), {});
    Index(other, {f});
  }
  std::string d = tmp_.path() + "/mix";
  CopyTree(db_, d);
  fs::remove_all(IndexDirOf(d));
  fs::copy(IndexDirOf(other), IndexDirOf(d), fs::copy_options::recursive);
  for (bool write : {false, true}) {
    OpenOptions o;
    o.write = write;
    o.min_free_bytes = 1 << 20;
    auto r = KnowledgeBase::Open(d, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
    EXPECT_NE(r.status().message().find("another knowledge base"), std::string::npos);
  }
  auto rb = KnowledgeBase::OpenForRebuild(d);
  ASSERT_TRUE(rb.ok());
  ASSERT_TRUE(rb.value()->RebuildIndex().ok());
  rb.value().reset();
  ExpectConsistent(d);
}

// Damages the index in `how` and checks that rebuild-index restores it.
void DamageAndRebuild(const std::string& d, const std::string& how) {
  std::string xi = IndexDirOf(d);
  if (how == "deleted") {
    fs::remove_all(xi);
  } else {
    for (const auto& e : fs::directory_iterator(xi)) {
      if (e.path().extension() != ".glass") continue;
      auto size = fs::file_size(e.path());
      if (how == "truncated") {
        fs::resize_file(e.path(), size / 2);
      } else {
        std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
        for (uint64_t off = 100; off < size; off += 997) {
          f.seekg(static_cast<std::streamoff>(off));
          char c = 0;
          f.get(c);
          f.seekp(static_cast<std::streamoff>(off));
          f.put(static_cast<char>(c ^ 0x5a));
        }
      }
    }
  }
  // The damage is detected: the reader cannot open, or check fails.
  {
    auto r = KnowledgeBase::Open(d, OpenOptions());
    if (r.ok()) {
      std::vector<std::string> report;
      EXPECT_FALSE(r.value()->Check(true, &report).ok()) << how;
    }
  }
  auto rb = KnowledgeBase::OpenForRebuild(d);
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  Status s = rb.value()->RebuildIndex();
  ASSERT_TRUE(s.ok()) << s.message();
  rb.value().reset();
  ExpectConsistent(d);
  int dirs = 0;
  for (const auto& e : fs::directory_iterator(d)) {
    if (e.path().filename().string().rfind("xapian.", 0) == 0) ++dirs;
  }
  EXPECT_EQ(dirs, 1);
}

TEST_F(SkewTest, RebuildRestoresDeletedTruncatedOrBitFlippedIndex) {
  for (const char* how : {"deleted", "truncated", "bitflip"}) {
    SCOPED_TRACE(how);
    std::string d = tmp_.path() + "/mix";
    CopyTree(db_, d);
    DamageAndRebuild(d, how);
    EXPECT_EQ(StatsOf(d).index_documents, StatsOf(db_).index_documents);
    EXPECT_EQ(StatsOf(d).index_generation, 6u);
  }
}

TEST_F(SkewTest, MissingRecordStoreIsRefusedAndNotRecreated) {
  std::string d = tmp_.path() + "/mix";
  CopyTree(db_, d);
  fs::remove_all(d + "/rocksdb");
  auto r = KnowledgeBase::Open(d, OpenOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  OpenOptions wo;
  wo.write = true;
  wo.min_free_bytes = 1 << 20;
  auto w = KnowledgeBase::Open(d, wo);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kCorruption);
  auto rb = KnowledgeBase::OpenForRebuild(d);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kCorruption);
  EXPECT_FALSE(fs::exists(d + "/rocksdb"));
}

TEST_F(SkewTest, ReaderHoldingTheIndexAcrossCommitsRecovers) {
  auto reader = OpenReader(db_);
  ASSERT_TRUE(reader);
  for (int i = 0; i < 4; ++i) {  // four commits while the reader holds its handle
    std::string f = tmp_.path() + "/in/late" + std::to_string(i) + ".txt";
    WritePage(f, "10.5555/late." + std::to_string(i), "Late study " + std::to_string(i), {});
    ASSERT_EQ(Index(db_, {f}), static_cast<uint64_t>(7 + i));
  }
  SearchRequest req;
  req.text = "study";
  req.limit = 100;
  auto res = reader->Search(req, nullptr);
  ASSERT_TRUE(res.ok()) << res.status().message();
  for (const auto& h : res.value().hits) EXPECT_TRUE(h.record.contains("title")) << h.id;
  auto st = reader->GetStats();
  ASSERT_TRUE(st.ok()) << st.status().message();
  std::vector<std::string> report;
  EXPECT_TRUE(reader->Check(false, &report).ok());
  // The reader sees either its first view or, after a refresh, the latest
  // one; both stores always from the same point.
  auto st2 = reader->GetStats();
  ASSERT_TRUE(st2.ok());
  EXPECT_EQ(st2.value().index_generation, st2.value().generation);
  EXPECT_TRUE(st2.value().generation == 6u || st2.value().generation == 10u);
}

TEST(KbLockTest, SecondWriterIsBusyAndNamesThePid) {
  TempDir tmp;
  auto first = OpenWriter(tmp.path());
  ASSERT_TRUE(first);
  OpenOptions o;
  o.write = true;
  o.min_free_bytes = 1 << 20;
  auto second = KnowledgeBase::Open(tmp.path(), o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
  EXPECT_NE(second.status().message().find("pid " + std::to_string(::getpid())), std::string::npos)
      << second.status().message();
  auto reader = KnowledgeBase::Open(tmp.path(), OpenOptions());  // readers never block
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_TRUE(first->Close().ok());
  EXPECT_TRUE(KnowledgeBase::Open(tmp.path(), o).ok());
}

TEST(KbSpaceTest, PreflightRefusesWhenTooLittleSpace) {
  TempDir tmp;
  OpenOptions o;
  o.write = true;
  o.min_free_bytes = uint64_t{1} << 62;  // more than any disk
  auto r = KnowledgeBase::Open(tmp.path(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos);
  EXPECT_FALSE(fs::exists(tmp.path() + "/rocksdb"));
}

TEST(KbMergeTest, SameReferenceTwiceIsOneWork) {
  TempDir tmp;
  std::string db = tmp.path() + "/db", a = tmp.path() + "/a.txt", b = tmp.path() + "/b.txt";
  WritePage(a, "10.5555/merge.a", "Merge study A", {"10.5555/common.1", "10.5555/only.a"});
  WritePage(b, "10.5555/merge.b", "Merge study B", {"10.5555/common.1", "10.5555/only.b"});
  Index(db, {a, b});
  Stats st = StatsOf(db);
  EXPECT_EQ(st.works, 5u);  // two pages, three distinct references
  auto kb = OpenReader(db);
  ASSERT_TRUE(kb);
  auto id = kb->ResolveWork("doi:10.5555/common.1");
  ASSERT_TRUE(id.ok());
  auto n = kb->CitedByCount(id.value());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 2u);
  kb.reset();
  ExpectConsistent(db);
}

TEST(KbMergeTest, SameFileTwiceChangesNothing) {
  TempDir tmp;
  std::string db = tmp.path() + "/db", a = tmp.path() + "/a.txt";
  WritePage(a, "10.5555/twice", "Indexed twice", {"10.5555/twice.ref"});
  uint64_t g1 = Index(db, {a});
  Stats s1 = StatsOf(db);
  uint64_t g2 = Index(db, {a});
  Stats s2 = StatsOf(db);
  EXPECT_EQ(g1, g2);
  EXPECT_EQ(s1.works, s2.works);
  EXPECT_EQ(s1.citations, s2.citations);
  EXPECT_EQ(s1.index_documents, s2.index_documents);
  ExpectConsistent(db);
}

TEST(KbMergeTest, ChangedFileReplacesItsContributions) {
  TempDir tmp;
  std::string db = tmp.path() + "/db", a = tmp.path() + "/a.txt";
  WritePage(a, "10.5555/changing", "Original zebrafish title", {"10.5555/old.ref"});
  Index(db, {a});
  WritePage(a, "10.5555/changing", "Revised platypus title", {"10.5555/new.ref"});
  Index(db, {a});
  auto kb = OpenReader(db);
  ASSERT_TRUE(kb);
  EXPECT_FALSE(kb->ResolveWork("doi:10.5555/old.ref").ok());  // only this file spoke of it
  EXPECT_TRUE(kb->ResolveWork("doi:10.5555/new.ref").ok());
  auto id = kb->ResolveWork("doi:10.5555/changing");
  ASSERT_TRUE(id.ok());
  auto w = kb->GetWork(id.value());
  ASSERT_TRUE(w.ok() && w.value());
  EXPECT_EQ(w.value()->value("title", ""), "Revised platypus title in patients with metastatic breast cancer");
  SearchRequest req;
  req.text = "zebrafish";
  auto res = kb->Search(req, nullptr);
  ASSERT_TRUE(res.ok());
  EXPECT_TRUE(res.value().hits.empty());
  req.text = "platypus";
  res = kb->Search(req, nullptr);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.value().hits.size(), 1u);
  Stats st = StatsOf(db);
  EXPECT_EQ(st.works, 2u);
  kb.reset();
  ExpectConsistent(db);
}

// Two sources list references of one work (the same DOI), as a paper's PMC
// full text and its PubMed record do: each keeps its own list, and
// re-indexing one of them leaves the other's list whole.
TEST(KbMergeTest, TwoSourcesKeepTheirOwnReferenceLists) {
  TempDir tmp;
  std::string db = tmp.path() + "/db", a = tmp.path() + "/a.txt", b = tmp.path() + "/b.txt";
  WritePage(a, "10.5555/both", "Listed twice", {"10.5555/a.1", "10.5555/a.2", "10.5555/a.3"});
  WritePage(b, "10.5555/both", "Listed twice", {"10.5555/b.1", "10.5555/b.2"});
  Index(db, {a, b});
  auto cited_by = [&](KnowledgeBase& kb, const std::string& doi) -> uint64_t {
    auto id = kb.ResolveWork("doi:" + doi);
    if (!id.ok()) return 0;
    auto n = kb.CitedByCount(id.value());
    return n.ok() ? n.value() : 0;
  };
  auto list = [&](KnowledgeBase& kb) {
    std::vector<std::string> dois;
    auto id = kb.ResolveWork("doi:10.5555/both");
    EXPECT_TRUE(id.ok());
    if (!id.ok()) return dois;
    EXPECT_TRUE(kb.ScanCitations(id.value(), "references", [&](int, std::string_view v) {
                    auto w = kb.GetWork(JsonStr(ParseJson(v), "cited"));
                    dois.push_back(w.ok() && w.value() ? JsonStr(*w.value(), "doi") : "?");
                    return true;
                  }).ok());
    return dois;
  };
  {
    auto kb = OpenReader(db);
    ASSERT_TRUE(kb);
    for (const char* d : {"10.5555/a.1", "10.5555/a.2", "10.5555/a.3", "10.5555/b.1", "10.5555/b.2"}) {
      EXPECT_EQ(cited_by(*kb, d), 1u) << d;
    }
    // The longer list is the work's reference list.
    EXPECT_EQ(list(*kb), (std::vector<std::string>{"10.5555/a.1", "10.5555/a.2", "10.5555/a.3"}));
  }
  EXPECT_EQ(StatsOf(db).citations, 5u);
  WritePage(b, "10.5555/both", "Listed twice", {"10.5555/b.1", "10.5555/b.3"});
  Index(db, {b});
  {
    auto kb = OpenReader(db);
    ASSERT_TRUE(kb);
    for (const char* d : {"10.5555/a.1", "10.5555/a.2", "10.5555/a.3", "10.5555/b.1", "10.5555/b.3"}) {
      EXPECT_EQ(cited_by(*kb, d), 1u) << d;
    }
    EXPECT_FALSE(kb->ResolveWork("doi:10.5555/b.2").ok());
    EXPECT_EQ(list(*kb), (std::vector<std::string>{"10.5555/a.1", "10.5555/a.2", "10.5555/a.3"}));
  }
  EXPECT_EQ(StatsOf(db).citations, 5u);
  ExpectConsistent(db);
}

}  // namespace
}  // namespace ckb::kb
