// SPDX-License-Identifier: GPL-3.0-or-later
// The pre-scan of a PDF's compressed streams: the flate bomb of the bad
// corpus and built bombs (one filter, chained filters, many streams) are
// refused with their reason; the test articles and image streams are not.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <string>

#include "readers/internal/pdf_streams.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers::internal {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Deflate(const std::string& in) {
  uLongf n = compressBound(in.size());
  std::string out(n, '\0');
  EXPECT_EQ(compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(in.data()), in.size()),
            Z_OK);
  out.resize(n);
  return out;
}

std::string StreamObject(int num, const std::string& dict, const std::string& data) {
  return std::to_string(num) + " 0 obj\n<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" +
         data + "\nendstream\nendobj\n";
}

TEST(PdfStreamScan, FlateBombOfTheBadCorpusIsRefused) {
  std::string name = "pdf-flate-bomb.pdf";
  std::string bytes = Slurp(std::string(CKB_SOURCE_DIR) + "/tests/corpus/bad/" + name);
  ASSERT_FALSE(bytes.empty());
  PdfStreamScan scan = ScanPdfStreams(bytes);
  const std::string why = "a compressed stream inflates more than 200-fold past 4 MiB";
  EXPECT_EQ(scan.refusal, why);
  EXPECT_GT(scan.largest, kPdfRatioFloor);
  EXPECT_LT(scan.largest, kPdfRatioFloor + (1 << 20));  // stopped past the floor, not inflated to 128 MiB
  Status st;
  ParseResult r = readers::testing::ParseWith("pdf", bytes, &st, name);
  EXPECT_EQ(st.code(), Status::Code::kParseError);
  EXPECT_EQ(st.message(), name + ": " + why + "; not read");
  EXPECT_TRUE(r.documents.empty());
}

TEST(PdfStreamScan, TestArticlesPass) {
  for (const char* stem : {"one", "two", "ay"}) {
    SCOPED_TRACE(stem);
    std::string bytes = Slurp(std::string(CKB_SOURCE_DIR) + "/tests/data/pdf/1472-6831-8-11-" + stem + ".pdf");
    PdfStreamScan scan = ScanPdfStreams(bytes);
    EXPECT_EQ(scan.refusal, "");
    EXPECT_GT(scan.streams, 3u);
    EXPECT_GT(scan.largest, 100000u);  // a page's content, about 130 KB inflated
    EXPECT_LT(scan.largest, 200000u);
  }
}

TEST(PdfStreamScan, HighRatioStreamIsRefusedUnlessAnImage) {
  std::string packed = Deflate(std::string(size_t{8} << 20, '\0'));
  std::string content = "%PDF-1.7\n" + StreamObject(4, "/Filter /FlateDecode", packed);
  PdfStreamScan scan = ScanPdfStreams(content);
  EXPECT_EQ(scan.refusal, "a compressed stream inflates more than 200-fold past 4 MiB");
  std::string image = "%PDF-1.7\n" + StreamObject(4, "/Type /XObject /Subtype /Image /Filter /FlateDecode", packed);
  scan = ScanPdfStreams(image);
  EXPECT_EQ(scan.refusal, "");
  EXPECT_EQ(scan.largest, size_t{8} << 20);
}

TEST(PdfStreamScan, StreamPastTheSizeCapIsRefused) {
  std::string packed = Deflate(std::string(kPdfMaxStreamInflated + 1, '\0'));
  std::string image = "%PDF-1.7\n" + StreamObject(4, "/Subtype /Image /Filter /FlateDecode", packed);
  PdfStreamScan scan = ScanPdfStreams(image);
  EXPECT_EQ(scan.refusal, "a compressed stream inflates past 64 MiB");
  EXPECT_LT(scan.largest, kPdfMaxStreamInflated + (1 << 20));
}

TEST(PdfStreamScan, ChainedFiltersAreInflatedThrough) {
  std::string twice = Deflate(Deflate(std::string(size_t{8} << 20, ' ')));
  std::string one = "%PDF-1.7\n" + StreamObject(4, "/Filter /FlateDecode", twice);
  EXPECT_EQ(ScanPdfStreams(one).refusal, "");  // the first filter alone inflates little
  std::string chained = "%PDF-1.7\n" + StreamObject(4, "/Filter [/FlateDecode /Fl]", twice);
  PdfStreamScan scan = ScanPdfStreams(chained);
  EXPECT_GT(scan.largest, kPdfRatioFloor);
  EXPECT_EQ(scan.refusal, "a compressed stream inflates more than 200-fold past 4 MiB");
}

TEST(PdfStreamScan, ManyStreamsPastTheTotalAreRefused) {
  std::string packed = Deflate(std::string(size_t{60} << 20, '\0'));
  std::string bytes = "%PDF-1.7\n";
  for (int i = 0; i < 5; ++i) bytes += StreamObject(4 + i, "/Subtype /Image /Filter /FlateDecode", packed);
  PdfStreamScan scan = ScanPdfStreams(bytes);
  EXPECT_EQ(scan.refusal, "its compressed streams inflate past 256 MiB in all");
  EXPECT_EQ(scan.streams, 5u);
}

TEST(PdfStreamScan, DeepNestingIsRefused) {
  std::string name = "pdf-deep-arrays.pdf";
  std::string bytes = Slurp(std::string(CKB_SOURCE_DIR) + "/tests/corpus/bad/" + name);
  ASSERT_FALSE(bytes.empty());
  const std::string why = "arrays or dictionaries nested more than 1000 deep";
  EXPECT_EQ(ScanPdfStreams(bytes).refusal, why);
  Status st;
  readers::testing::ParseWith("pdf", bytes, &st, name);
  EXPECT_EQ(st.message(), name + ": " + why + "; not read");
  std::string dicts = "%PDF-1.7\n1 0 obj\n";
  for (int i = 0; i < 1001; ++i) dicts += i % 2 ? "<< " : "[\n";
  EXPECT_EQ(ScanPdfStreams(dicts).refusal, why);
  std::string shallow = "%PDF-1.7\n1 0 obj\n";
  for (int i = 0; i < 5000; ++i) shallow += "<< /A [[1]] >> ";
  EXPECT_EQ(ScanPdfStreams(shallow).refusal, "");
}

TEST(PdfStreamScan, KeywordsWithoutZlibDataAreSkipped) {
  std::string bytes = "%PDF-1.7\n";
  for (int i = 0; i < 10000; ++i) bytes += "stream\nx\x9c\x01garbage endstream streamline stream\r\n";
  PdfStreamScan scan = ScanPdfStreams(bytes);
  EXPECT_EQ(scan.refusal, "");
  EXPECT_EQ(scan.largest, 0u);
}

}  // namespace
}  // namespace ckb::readers::internal
