// SPDX-License-Identifier: GPL-3.0-or-later
// Messages quoting input stay valid UTF-8: cuts fall between characters and
// broken sequences are replaced.
#include <gtest/gtest.h>

#include "text/text_norm.h"

namespace ckb::text {
namespace {

TEST(Utf8CutTest, PrefixCutsBetweenCharacters) {
  // "Díaz-Rodríguez": byte 13 falls inside the second "í".
  const std::string name = "Díaz-Rodríguez";
  for (size_t max = 0; max < name.size() + 2; ++max) {
    SCOPED_TRACE(max);
    std::string cut = Utf8Prefix(name, max);
    EXPECT_EQ(ValidUtf8(cut), cut);
    if (max >= name.size()) {
      EXPECT_EQ(cut, name);
    }
  }
  EXPECT_EQ(Utf8Prefix(name, 11), "Díaz-Rodr\u2026");
  const std::string ja = "を導入し、評価した";
  EXPECT_EQ(Utf8Prefix(ja, 13), "を導入し\u2026");  // 4 characters of 3 bytes
}

TEST(Utf8CutTest, InvalidBytesAreReplaced) {
  EXPECT_EQ(ValidUtf8("Rodr\xc3"), "Rodr\uFFFD");
  EXPECT_EQ(ValidUtf8("\xe3\x81 ok"), "\uFFFD\uFFFD ok");
  EXPECT_EQ(ValidUtf8("plain"), "plain");
}

}  // namespace
}  // namespace ckb::text
