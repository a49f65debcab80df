// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-16 inputs: detection with and without a byte-order mark, decoding
// (surrogate pairs, lone surrogates, an odd final byte, pairs split between
// reads), an XML declaration relabelled, and a Web of Science export saved as
// UTF-16LE ("Tab-delimited (Win)") read like its UTF-8 form.
#include "readers/utf16_input.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "readers/archive.h"
#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

std::string Utf16(const std::u16string& s, bool big_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  };
  if (bom) put(0xFEFF);
  for (char16_t u : s) put(u);
  return out;
}

// Hands out its bytes `step` at a time, so decoding meets every split.
class TrickleInput : public Input {
 public:
  TrickleInput(std::string bytes, size_t step) : bytes_(std::move(bytes)), step_(step) {}
  const std::string& name() const override { return name_; }
  long Read(char* buf, size_t n) override {
    size_t k = std::min({n, step_, bytes_.size() - pos_});
    bytes_.copy(buf, k, pos_);
    pos_ += k;
    return static_cast<long>(k);
  }

 private:
  std::string name_ = "t.txt", bytes_;
  size_t step_, pos_ = 0;
};

std::string Decode(const std::string& bytes, Utf16Order order, size_t step, size_t* replaced = nullptr) {
  TrickleInput raw(bytes, step);
  Utf16Input in(raw, order);
  Result<std::string> all = ReadAll(in, 1 << 20);
  EXPECT_TRUE(all.ok());
  if (replaced) *replaced = in.replaced();
  return all.ok() ? all.value() : "";
}

TEST(Utf16InputTest, Detects) {
  std::u16string text = u"PT J\nAU Smith, J\nTI Trastuzumab\n";
  EXPECT_EQ(DetectUtf16(Utf16(text, false, true)), Utf16Order::kLittleEndian);
  EXPECT_EQ(DetectUtf16(Utf16(text, true, true)), Utf16Order::kBigEndian);
  EXPECT_EQ(DetectUtf16(Utf16(text, false, false)), Utf16Order::kLittleEndian);
  EXPECT_EQ(DetectUtf16(Utf16(text, true, false)), Utf16Order::kBigEndian);
  EXPECT_EQ(DetectUtf16("PT J\nAU Smith, J\nTI Trastuzumab\n"), Utf16Order::kNone);
  EXPECT_EQ(DetectUtf16(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20)), Utf16Order::kNone);
  EXPECT_EQ(DetectUtf16(std::string("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")), Utf16Order::kNone);
  EXPECT_EQ(DetectUtf16(std::string("a\0b\0", 4)), Utf16Order::kNone);  // too short to tell
}

TEST(Utf16InputTest, Decodes) {
  std::u16string text = u"café 乳腺癌 \U0001F600 end";
  for (bool be : {false, true}) {
    for (size_t step : {1, 3, 4096}) {
      SCOPED_TRACE(std::to_string(be) + " step " + std::to_string(step));
      size_t replaced = 9;
      EXPECT_EQ(Decode(Utf16(text, be, true), be ? Utf16Order::kBigEndian : Utf16Order::kLittleEndian, step,
                       &replaced),
                "café 乳腺癌 \U0001F600 end");
      EXPECT_EQ(replaced, 0u);
    }
  }
  // A lone high surrogate, a lone low surrogate, an odd last byte.
  std::u16string bad = u"a";
  bad += static_cast<char16_t>(0xD800);
  bad += u"b";
  bad += static_cast<char16_t>(0xDC00);
  size_t replaced = 0;
  std::string odd = Utf16(bad, false, false) + "x";
  EXPECT_EQ(Decode(odd, Utf16Order::kLittleEndian, 1, &replaced), "a\uFFFDb\uFFFD\uFFFD");
  EXPECT_EQ(replaced, 3u);
}

TEST(Utf16InputTest, XmlDeclarationSaysUtf8OnceDecoded) {
  std::string xml = Utf16(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>é</a>\n", false, true);
  EXPECT_EQ(Decode(xml, Utf16Order::kLittleEndian, 4096), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>é</a>\n");
  std::string other = Utf16(u"<?xml version='1.0' encoding='ISO-8859-1'?><a/>", true, false);
  EXPECT_EQ(Decode(other, Utf16Order::kBigEndian, 4096), "<?xml version='1.0' encoding='ISO-8859-1'?><a/>");
}

TEST(Utf16InputTest, WebOfScienceExportSavedAsUtf16) {
  std::ifstream f(CKB_SOURCE_DIR "/tests/data/exports/wos_savedrecs.txt", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string utf8 = ss.str();
  ASSERT_FALSE(utf8.empty());
  // Python-free UTF-8 -> UTF-16LE of the sample (it is valid UTF-8).
  std::u16string u16;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = c;
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > 1) cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      u16 += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      u16 += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      u16 += static_cast<char16_t>(cp);
    }
    i += len;
  }
  std::string bytes = Utf16(u16, false, true);
  ASSERT_EQ(DetectUtf16(bytes), Utf16Order::kLittleEndian);
  MemoryInput raw("savedrecs.txt", bytes);
  Utf16Input in(raw, Utf16Order::kLittleEndian);
  PeekInput peek(in);
  const Format* format = DetectFormat("savedrecs.txt", peek.Head(4096));
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->name, "csv");
  ParseResult decoded;
  CollectingSink sink(&decoded);
  ASSERT_TRUE(format->parse(peek, sink).ok());
  ParseResult plain = testing::ParseWith("csv", utf8);
  ASSERT_FALSE(plain.documents.empty());
  ASSERT_EQ(decoded.documents.size(), plain.documents.size());
  for (size_t i = 0; i < plain.documents.size(); ++i) {
    EXPECT_EQ(decoded.documents[i].work.title, plain.documents[i].work.title);
    EXPECT_EQ(decoded.documents[i].work.doi, plain.documents[i].work.doi);
  }
  EXPECT_EQ(in.replaced(), 0u);
}

}  // namespace
}  // namespace ckb::readers
