// SPDX-License-Identifier: GPL-3.0-or-later
// Dump's compact writer must give nlohmann's bytes exactly: stored records
// written before and after it compare equal, and the merge compares
// serialised values.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kb/record.h"

namespace ckb {
namespace {

std::string Reference(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(RecordDumpTest, ValuesOfEveryKindAsNlohmannWritesThem) {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  controls += "\x7f \"quoted\" back\\slash /";
  Json j = Json::object();
  j["controls"] = controls;
  j["utf8"] = "caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x92\x8a \xe4\xb8\xad\xe6\x96\x87 \xef\xbf\xbd";
  j["key \"with\" \n escapes"] = "v";
  j["empty"] = "";
  j["ints"] = {0, -1, 42, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  j["unsigned"] = std::numeric_limits<uint64_t>::max();
  j["floats"] = {0.1, -0.0, 3.0, 1e300, 2.5e-308, 123456.789};
  j["flags"] = {true, false, nullptr};
  j["nested"] = {{"a", Json::array()}, {"b", Json::object()}, {"c", {{"d", {1, {{"e", "f"}}}}}}};
  EXPECT_EQ(Dump(j), Reference(j));
  EXPECT_EQ(Dump(Json("plain")), "\"plain\"");
  EXPECT_EQ(Dump(Json::array()), "[]");
  EXPECT_EQ(Dump(Json::object()), "{}");
  EXPECT_EQ(Dump(Json(nullptr)), "null");
  // Indented output is nlohmann's own.
  EXPECT_EQ(Dump(j, 2), j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST(RecordDumpTest, InvalidUtf8IsReplacedAsBefore) {
  const char* bad[] = {
      "\x80",              // lone continuation byte
      "ab\xc3",            // truncated two-byte sequence
      "\xc0\x80",          // overlong NUL
      "\xc1\xbf",          // overlong
      "\xe0\x80\x80",      // overlong three-byte
      "\xed\xa0\x80",      // UTF-16 surrogate
      "\xf4\x90\x80\x80",  // above U+10FFFF
      "\xf5\x80\x80\x80",  // invalid lead byte
      "\xe2\x82",          // truncated three-byte
      "ok \xff ok",
  };
  for (const char* s : bad) {
    Json j = {{"title", s}, {"list", {"fine", s}}};
    EXPECT_EQ(Dump(j), Reference(j)) << s;
    Json key = Json::object();
    key[s] = 1;
    EXPECT_EQ(Dump(key), Reference(key)) << s;
  }
}

// Random byte strings, weighted towards the bytes where the two writers could
// differ: controls, quotes, lead and continuation bytes of every length.
TEST(RecordDumpTest, RandomStringsGiveTheSameBytes) {
  std::mt19937 rng(1234567);
  const std::vector<unsigned char> pool = {
      0x00, 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, 0x20, '"', '\\', '/', 'a', 'Z', '0', 0x7f,
      0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee,
      0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1), len(0, 12);
  int valid = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    size_t k = len(rng);
    for (size_t i = 0; i < k; ++i) s.push_back(static_cast<char>(pool[pick(rng)]));
    Json j = {{"s", s}, {"a", {s, 1}}};
    std::string want = Reference(j);
    ASSERT_EQ(Dump(j), want) << "case " << n;
    valid += want.find("\xef\xbf\xbd") == std::string::npos;
  }
  // Both branches were taken: strings kept as they are and strings repaired.
  EXPECT_GT(valid, 1000);
  EXPECT_LT(valid, 19000);
}

}  // namespace
}  // namespace ckb
