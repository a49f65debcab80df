// SPDX-License-Identifier: GPL-3.0-or-later
// The record counts kept by every commit (kb/counts.cc): what GetStats
// reports equals the records counted again by `ckb check`, through new,
// changed and re-read files; a store without stored counts (written before
// they were kept, or with the key lost) is counted by readers and gets them
// from its next writer; a wrong count is reported by the check and mended
// by Recount.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "kb/kb.h"
#include "kb/keys.h"
#include "knowledge/entities.h"
#include "tests/testutil/temp_dir.h"

namespace ckb::kb {
namespace {

// A page-format article with one DOI and `refs` references by DOI.
void WriteArticle(const std::string& path, const std::string& doi, int refs, const std::string& title) {
  std::ofstream out(path);
  out << "Journal of Test Oncology \u203a\u203a 2024, Vol. 1 \u203a\u203a Issue (1): 1-9.doi: " << doi
      << "\n\u2022 Original Article \u2022 Previous Articles Next Articles\n"
      << title << " in patients with advanced lung cancer\nLi Ming1, Chen Hua2\n"
      << "Received:2024-02-01\nPublished:2024-04-02\nReferences\n";
  for (int n = 1; n <= refs; ++n) {
    out << "[" << n << "] Brown C, Green D, et al. Trial report " << n << " of osimertinib in EGFR "
        << "mutant lung cancer[J]. J Test Oncol, 2021, 2(1): 1-9. DOI: 10.5555/ref." << n << ".\n";
  }
}

void IndexFiles(const std::string& db, const std::vector<std::string>& paths) {
  OpenOptions o;
  o.write = true;
  o.min_free_bytes = 1 << 20;
  auto kb = KnowledgeBase::Open(db, o);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  ingest::IngestOptions io;
  ingest::Ingester ing(*kb.value(), knowledge::EntityExtractor::Default(), io, [](const Diagnostic&) {});
  for (const auto& p : paths) EXPECT_TRUE(ing.IndexPath(p).ok()) << p;
  EXPECT_TRUE(ing.Finish().ok());
  EXPECT_TRUE(kb.value()->Close().ok());
}

// The stats a reader reports and the check's verdict and report.
struct Seen {
  Stats stats;
  bool check_ok = false;
  std::string report;
};

Seen Read(const std::string& db) {
  Seen seen;
  auto kb = KnowledgeBase::Open(db, OpenOptions());
  EXPECT_TRUE(kb.ok()) << kb.status().message();
  if (!kb.ok()) return seen;
  auto st = kb.value()->GetStats();
  EXPECT_TRUE(st.ok()) << st.status().message();
  if (st.ok()) seen.stats = st.value();
  std::vector<std::string> report;
  seen.check_ok = kb.value()->Check(false, &report).ok();
  for (const auto& l : report) seen.report += l + "\n";
  return seen;
}

// Sets (or, with `value` empty, deletes) meta/counts with RocksDB directly.
void SetStoredCounts(const std::string& db, const std::string& value) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfds;
  cfds.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (const auto& name : AllColumnFamilies()) cfds.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(), db + "/rocksdb", cfds, &handles, &raw);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::unique_ptr<rocksdb::DB> store(raw);
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  for (auto* h : handles) {
    if (h->GetName() == kCfMeta) meta = h;
  }
  ASSERT_NE(meta, nullptr);
  s = value.empty() ? store->Delete(rocksdb::WriteOptions(), meta, kMetaCounts)
                    : store->Put(rocksdb::WriteOptions(), meta, kMetaCounts, value);
  EXPECT_TRUE(s.ok()) << s.ToString();
  for (auto* h : handles) store->DestroyColumnFamilyHandle(h).PermitUncheckedError();
}

bool SameCounts(const Stats& a, const Stats& b) {
  return a.works == b.works && a.citations == b.citations && a.trials == b.trials &&
         a.documents == b.documents;
}

class RecordCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = tmp_.path() + "/db";
    in_ = tmp_.path() + "/in";
    std::filesystem::create_directories(in_);
  }
  testutil::TempDir tmp_{"ckb-counts"};
  std::string db_, in_;
};

TEST_F(RecordCountsTest, EveryCommitKeepsThemEqualToTheRecords) {
  WriteArticle(in_ + "/a.txt", "10.5555/article.a", 3, "Osimertinib after progression");
  IndexFiles(db_, {in_ + "/a.txt"});
  Seen one = Read(db_);
  EXPECT_TRUE(one.check_ok) << one.report;
  EXPECT_NE(one.report.find("record counts: "), std::string::npos) << one.report;
  EXPECT_NE(one.report.find(", as stored"), std::string::npos) << one.report;
  EXPECT_EQ(one.stats.documents, 1u);
  EXPECT_EQ(one.stats.citations, 3u);
  EXPECT_EQ(one.stats.works, 4u);  // the article and the three works it cites

  // A second article citing one of the same works, and the first one
  // changed to cite one work only: contributions and citations replaced.
  WriteArticle(in_ + "/b.txt", "10.5555/article.b", 1, "Amivantamab in exon 20 insertions");
  WriteArticle(in_ + "/a.txt", "10.5555/article.a", 1, "Osimertinib after progression, updated");
  IndexFiles(db_, {in_ + "/a.txt", in_ + "/b.txt"});
  Seen two = Read(db_);
  EXPECT_TRUE(two.check_ok) << two.report;
  EXPECT_EQ(two.stats.citations, 2u);
  EXPECT_GE(two.stats.works, 3u);

  // Reading the same files again changes nothing.
  IndexFiles(db_, {in_ + "/a.txt", in_ + "/b.txt"});
  Seen three = Read(db_);
  EXPECT_TRUE(three.check_ok) << three.report;
  EXPECT_TRUE(SameCounts(two.stats, three.stats));
}

TEST_F(RecordCountsTest, AStoreWithoutThemIsCountedAndGetsThemFromItsNextWriter) {
  WriteArticle(in_ + "/a.txt", "10.5555/article.a", 2, "Sotorasib in KRAS G12C");
  IndexFiles(db_, {in_ + "/a.txt"});
  Seen kept = Read(db_);
  SetStoredCounts(db_, "");
  Seen counted = Read(db_);
  EXPECT_TRUE(counted.check_ok) << counted.report;
  EXPECT_NE(counted.report.find("not stored yet"), std::string::npos) << counted.report;
  EXPECT_TRUE(SameCounts(kept.stats, counted.stats));
  IndexFiles(db_, {});
  Seen stored = Read(db_);
  EXPECT_NE(stored.report.find(", as stored"), std::string::npos) << stored.report;
  EXPECT_TRUE(SameCounts(kept.stats, stored.stats));
}

TEST_F(RecordCountsTest, AWrongCountFailsTheCheckAndRecountMendsIt) {
  WriteArticle(in_ + "/a.txt", "10.5555/article.a", 2, "Adagrasib in KRAS G12C");
  IndexFiles(db_, {in_ + "/a.txt"});
  Seen right = Read(db_);
  SetStoredCounts(db_, "1 2 3 4");
  Seen wrong = Read(db_);
  EXPECT_FALSE(wrong.check_ok);
  EXPECT_NE(wrong.report.find("FAIL record counts: "), std::string::npos) << wrong.report;
  EXPECT_NE(wrong.report.find("--repair"), std::string::npos) << wrong.report;
  EXPECT_EQ(wrong.stats.works, 1u);  // what is stored is what is reported
  {
    OpenOptions o;
    o.write = true;
    o.min_free_bytes = 1 << 20;
    auto kb = KnowledgeBase::Open(db_, o);
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    ASSERT_TRUE(kb.value()->Recount().ok());
    ASSERT_TRUE(kb.value()->Close().ok());
  }
  Seen mended = Read(db_);
  EXPECT_TRUE(mended.check_ok) << mended.report;
  EXPECT_TRUE(SameCounts(right.stats, mended.stats));
}

// A value that is not four numbers is no count: readers count the records.
TEST_F(RecordCountsTest, AMalformedValueIsNotTrusted) {
  WriteArticle(in_ + "/a.txt", "10.5555/article.a", 1, "Lorlatinib in ALK fusion");
  IndexFiles(db_, {in_ + "/a.txt"});
  Seen right = Read(db_);
  SetStoredCounts(db_, "12 x");
  Seen read = Read(db_);
  EXPECT_TRUE(SameCounts(right.stats, read.stats));
  EXPECT_TRUE(read.check_ok) << read.report;
}

}  // namespace
}  // namespace ckb::kb
