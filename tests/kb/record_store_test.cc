// SPDX-License-Identifier: GPL-3.0-or-later
// The record store a writer leaves behind, and the memo of the index
// stemmer: a writer lets level 0 grow while it adds records and compacts it
// down before it closes (kb/kb.cc); the memo returns Snowball's stems.
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "tests/testutil/temp_dir.h"

namespace ckb::kb {
namespace {

// Table files at level 0 of column family `cf`, read with RocksDB directly.
uint64_t LevelZeroFiles(const std::string& dir, const std::string& cf) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfds;
  cfds.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (const auto& name : AllColumnFamilies()) cfds.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir + "/rocksdb", cfds, &handles, &raw);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (!s.ok()) return ~uint64_t{0};
  std::unique_ptr<rocksdb::DB> db(raw);
  uint64_t files = ~uint64_t{0};
  for (auto* h : handles) {
    std::string v;
    if (h->GetName() == cf && db->GetProperty(h, "rocksdb.num-files-at-level0", &v)) files = std::stoull(v);
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  return files;
}

// Each writer session flushes a table file at close. While it writes, a
// writer leaves compaction of level 0 until 32 files; at close it settles
// back to RocksDB's trigger of 4, so readers never find more than 3.
TEST(RecordStoreTest, EachWriterLeavesFewLevelZeroFiles) {
  testutil::TempDir tmp("ckb-l0");
  for (int session = 0; session < 10; ++session) {
    OpenOptions o;
    o.write = true;
    o.min_free_bytes = 1 << 20;
    auto r = KnowledgeBase::Open(tmp.path(), o);
    ASSERT_TRUE(r.ok()) << r.status().message();
    auto kb = std::move(r).value();
    Batch b;
    for (int i = 0; i < 200; ++i) {
      b.Put(kCfSources, "source-" + std::to_string(session) + "-" + std::to_string(i),
            std::string(300, static_cast<char>('a' + i % 26)));
    }
    ASSERT_TRUE(kb->Commit(b).ok());
    ASSERT_TRUE(kb->Close().ok());
    kb.reset();
    uint64_t l0 = LevelZeroFiles(tmp.path(), kCfSources);
    EXPECT_LE(l0, 3u) << "after writer session " << session;
  }
  // Every record is still there.
  auto r = KnowledgeBase::Open(tmp.path(), OpenOptions());
  ASSERT_TRUE(r.ok()) << r.status().message();
  size_t n = 0;
  ASSERT_TRUE((*r)->Scan(kCfSources, "", [&](std::string_view, std::string_view v) {
                  EXPECT_EQ(v.size(), 300u);
                  ++n;
                  return true;
                }).ok());
  EXPECT_EQ(n, 2000u);
}

// The memo stems exactly as Snowball does: words seen again (memo hits),
// words sharing a slot (more distinct words than slots), words too long for
// a slot, and the empty word.
TEST(RecordStoreTest, StemMemoGivesSnowballStems) {
  Xapian::Stem snowball("english");
  const Xapian::Stem& memo = ThreadStemmer();
  std::vector<std::string> words = {"", "a", "running", "runs", "ran", "trastuzumab", "deruxtecan",
                                    "generalizations", "dying", "HER2-low", "caf\xc3\xa9s",
                                    std::string(29, 'x') + "ing", std::string(40, 'y') + "ations",
                                    "antidisestablishmentarianisms"};
  const char* suffixes[] = {"", "s", "ing", "ed", "ation", "ations", "ly", "ness"};
  for (int i = 0; i < 12000; ++i) {
    for (const char* s : suffixes) words.push_back("w" + std::to_string(i * 7919 % 100003) + "ord" + s);
  }
  for (int pass = 0; pass < 3; ++pass) {
    for (const auto& w : words) ASSERT_EQ(memo(w), snowball(w)) << "pass " << pass << ": " << w;
  }
}

}  // namespace
}  // namespace ckb::kb
