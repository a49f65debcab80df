// SPDX-License-Identifier: GPL-3.0-or-later
// Robustness: every parser gets inputs cut at many offsets and with bytes
// flipped; it must return (any status), never crash or hang. Run under
// -DCKB_SANITIZE=address,undefined to catch memory errors.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>

#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Sample {
  const char* format;
  std::string path;  // relative to the repository, or a shared corpus file
};

void Hammer(const std::string& format, const std::string& bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  const Format* f = FindFormat(format);
  ASSERT_NE(f, nullptr);
  for (int i = 0; i < 40; ++i) {
    size_t cut = bytes.empty() ? 0 : rng() % bytes.size();
    std::string input = bytes.substr(0, cut);
    if (i % 2 == 1 && !input.empty()) {
      for (int k = 0; k < 8; ++k) input[rng() % input.size()] = static_cast<char>(rng() & 0xFF);
    }
    SCOPED_TRACE(format + " seed " + std::to_string(seed) + " cut " + std::to_string(cut));
    ParseResult out;
    Status s = ParseBytes(*f, input, "cut-input", &out);
    if (!s.ok()) {
      EXPECT_NE(s.message().find("cut-input"), std::string::npos) << s.message();
    }
  }
}

TEST(TruncationTest, ParsersSurviveCutAndFlippedInputs) {
  const Sample samples[] = {
      {"pubmed", std::string(CKB_SOURCE_DIR) + "/corpus/pubmed-her2-sample.xml"},
      {"ctgov-json", std::string(CKB_SOURCE_DIR) + "/corpus/ctgov-NCT04752059.json"},
      {"ris", std::string(CKB_SOURCE_DIR) + "/corpus/ovid-zotero-sample.ris"},
      {"jats", testing::SharedCorpus("jats-elife-samples/elife00270.xml")},
      {"jats", testing::SharedCorpus("jats-pmc-samples/pone.0000217.nxml")},
      {"ctgov-xml", testing::SharedCorpus("ctgov-legacy-xml/aact-fixtures/NCT00023673.xml")},
      {"ctgov-json", testing::SharedCorpus("ctgov-api-v2-json/NCT04780763.json")},
      {"pubmed", testing::SharedCorpus("medline-xml/pubmed-29768149.xml")},
      {"ris", testing::SharedCorpus("ris-exports-asreview/ris_issue_992.txt")},
  };
  uint32_t seed = 1;
  for (const Sample& s : samples) {
    std::string bytes = ReadFile(s.path);
    if (bytes.empty()) continue;  // shared corpus absent
    Hammer(s.format, bytes, seed++);
  }
  const std::pair<const char*, const char*> inline_samples[] = {
      {"bibtex", "@string{j = \"J\"}\n@article{k, author = {M{\\\"u}ller, A. and B, C}, title = {T "
                 "{x}}, journal = j # \" X\", pages = {1--2}, year = 2020}\n"},
      {"medline", "PMID- 1\nTI  - T\n      more\nAU  - A B\nSI  - ClinicalTrials.gov/NCT01234567\n\n"
                  "PMID- 2\nTI  - U\n"},
      {"jsonl", "{\"id\": \"a\", \"title\": \"t\", \"authors\": [\"x\"]}\n{\"id\": \"b\", \"source\": "
                "\"ctgov\", \"nct\": \"NCT01234567\", \"title\": \"u\"}\n"},
  };
  for (const auto& [format, text] : inline_samples) Hammer(format, text, seed++);
}

TEST(TruncationTest, EveryFormatRejectsBinaryNoise) {
  std::mt19937 rng(7);
  std::string noise(1 << 16, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
  for (const Format& f : Formats()) {
    if (f.name == "page" || f.name == "citations") continue;  // not implemented here
    SCOPED_TRACE(f.name);
    ParseResult out;
    Status s = ParseBytes(f, noise, "noise.bin", &out);
    EXPECT_EQ(s.code(), Status::Code::kParseError) << s.ToString();
    EXPECT_TRUE(out.documents.empty());
    EXPECT_TRUE(out.trials.empty());
  }
}

TEST(TruncationTest, ProseMentioningFormatsIsNotDetected) {
  const char* kReadme =
      "# Samples\n\nMEDLINE files (`<PubmedArticleSet><PubmedArticle>`), JATS (`<article "
      "article-type=...>`, `<article-title>`), legacy `<clinical_study>` records, API v2 JSON with "
      "\"protocolSection\" and BibTeX such as @article{key, ...}.\n";
  EXPECT_EQ(DetectFormat("PROVENANCE.md", kReadme), nullptr);
}

}  // namespace
}  // namespace ckb::readers
