// SPDX-License-Identifier: GPL-3.0-or-later
// The progress line of `ckb index` (cli/progress.h): counts of the totals,
// the rate and the time left once there is something to go by, and the
// terminal controls that keep messages off the line.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace ckb::cli {
namespace {

ingest::IngestProgress P(uint64_t files, uint64_t bytes, uint64_t records) {
  ingest::IngestProgress p;
  p.files = files;
  p.bytes = bytes;
  p.records = records;
  return p;
}

// What `run` wrote to the meter's stream.
template <typename Fn>
std::string Written(bool enabled, Fn run) {
  std::FILE* f = std::tmpfile();
  if (f == nullptr) return "(no temporary file)";
  {
    ProgressMeter m(enabled, f);
    run(m);
  }
  std::rewind(f);
  std::string out;
  char buf[256];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

TEST(ProgressLineTest, CountsOfTheTotals) {
  EXPECT_EQ(ProgressMeter::Line(P(0, 0, 0), P(4000, 160000000, 0), 0),
            "indexing: 0 of 4,000 files, 0.0 of 160.0 MB, 0 records");
}

TEST(ProgressLineTest, RateAndTimeLeftAfterTheFirstSecond) {
  // 40 MB in 10 s: 4 MB/s; 120 MB left: 30 s.
  EXPECT_EQ(ProgressMeter::Line(P(1000, 40000000, 12345), P(4000, 160000000, 0), 10),
            "indexing: 1,000 of 4,000 files, 40.0 of 160.0 MB, 12,345 records, 4.0 MB/s, about 0:30 left");
  // Hours are written out; nothing is left once every byte is read.
  EXPECT_EQ(ProgressMeter::Line(P(1, 1000000, 5), P(2, 4000000001, 0), 1),
            "indexing: 1 of 2 files, 1.0 of 4000.0 MB, 5 records, 1.0 MB/s, about 1:06:39 left");
  EXPECT_EQ(ProgressMeter::Line(P(2, 5000000, 9), P(2, 5000000, 0), 2),
            "indexing: 2 of 2 files, 5.0 of 5.0 MB, 9 records, 2.5 MB/s");
}

TEST(ProgressLineTest, MessagesClearTheLineAndStopLeavesNone) {
  std::string out = Written(true, [](ProgressMeter& m) {
    m.Start(P(3, 300, 0));
    m.Message("a.ris:4: record without a title\n");
    m.Stop();
  });
  const std::string line = "indexing: 0 of 3 files, 0.0 of 0.0 MB, 0 records";
  // Drawn, cleared for the message, drawn again, cleared at the end.
  EXPECT_EQ(out.rfind("\r\x1b[K" + line, 0), 0u) << out;
  EXPECT_NE(out.find("\r\x1b[Ka.ris:4: record without a title\n\r\x1b[K" + line), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - 4), "\r\x1b[K") << out;
}

TEST(ProgressLineTest, DisabledPrintsMessagesOnly) {
  std::string out = Written(false, [](ProgressMeter& m) {
    m.Start(P(3, 300, 0));
    m.Stage("updating the search index");
    m.Message("x.txt: empty file\n");
  });
  EXPECT_EQ(out, "x.txt: empty file\n");
}

}  // namespace
}  // namespace ckb::cli
