// SPDX-License-Identifier: GPL-3.0-or-later
// Inputs: plain files, compressed single files and archives read member by
// member through libarchive; detection over the first bytes.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "readers/archive.h"
#include "readers/formats.h"
#include "tests/readers/format_test_util.h"

namespace ckb::readers {
namespace {

namespace fs = std::filesystem;

const char kRis[] = "TY  - JOUR\nTI  - Archived record\nER  - \n";
const char kNbib[] = "PMID- 42\nTI  - Tagged record\n";

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ckb-archive-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `members` with the given libarchive format and filter setters.
  std::string Write(const std::string& name, int (*format)(struct archive*),
                    int (*filter)(struct archive*),
                    const std::vector<std::pair<std::string, std::string>>& members) {
    std::string path = (dir_ / name).string();
    struct archive* a = archive_write_new();
    format(a);
    if (filter) filter(a);
    EXPECT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK) << archive_error_string(a);
    for (const auto& [member, data] : members) {
      struct archive_entry* e = archive_entry_new();
      archive_entry_set_pathname(e, member.c_str());
      archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, 0644);
      archive_write_header(a, e);
      archive_write_data(a, data.data(), data.size());
      archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
  }

  // Parses every input at `path` with format detection.
  std::map<std::string, ParseResult> ParseAll(const std::string& path, Status* status) {
    std::map<std::string, ParseResult> out;
    *status = ForEachInput(path, [&](Input& in) {
      ParseResult& r = out[in.name()];
      CollectingSink sink(&r);
      return ParseInput(in, "", sink);
    });
    return out;
  }

  fs::path dir_;
};

TEST_F(ArchiveTest, ReadsCompressedSingleFiles) {
  struct Case {
    const char* name;
    int (*filter)(struct archive*);
  };
  const Case cases[] = {{"refs.ris.gz", archive_write_add_filter_gzip},
                        {"refs.ris.zst", archive_write_add_filter_zstd},
                        {"refs.ris.bz2", archive_write_add_filter_bzip2},
                        {"refs.ris.xz", archive_write_add_filter_xz}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string path = Write(c.name, archive_write_set_format_raw, c.filter, {{"data", kRis}});
    Status s;
    auto results = ParseAll(path, &s);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results.begin()->first, path);  // named by the file itself
    ASSERT_EQ(results.begin()->second.documents.size(), 1u);
    EXPECT_EQ(results.begin()->second.documents[0].work.title, "Archived record");
  }
}

TEST_F(ArchiveTest, ReadsArchiveMembersSeparately) {
  const std::vector<std::pair<std::string, std::string>> members = {
      {"a/refs.ris", kRis}, {"b/pubmed.nbib", kNbib}};
  struct Case {
    const char* name;
    int (*format)(struct archive*);
    int (*filter)(struct archive*);
  };
  const Case cases[] = {{"bundle.zip", archive_write_set_format_zip, nullptr},
                        {"bundle.tar", archive_write_set_format_ustar, nullptr},
                        {"bundle.tar.gz", archive_write_set_format_ustar, archive_write_add_filter_gzip}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string path = Write(c.name, c.format, c.filter, members);
    Status s;
    auto results = ParseAll(path, &s);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(results.size(), 2u);
    ASSERT_EQ(results.count(path + ":a/refs.ris"), 1u);
    ASSERT_EQ(results.count(path + ":b/pubmed.nbib"), 1u);
    EXPECT_EQ(results[path + ":a/refs.ris"].documents.size(), 1u);
    ASSERT_EQ(results[path + ":b/pubmed.nbib"].documents.size(), 1u);
    EXPECT_EQ(results[path + ":b/pubmed.nbib"].documents[0].work.pmid, "42");
  }
}

TEST_F(ArchiveTest, BadMemberDoesNotStopTheOthers) {
  std::string path = Write("mixed.zip", archive_write_set_format_zip, nullptr,
                           {{"junk.bin", std::string("\x01\x02\x03 nothing", 12)}, {"ok.ris", kRis}});
  Status s;
  auto results = ParseAll(path, &s);
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_NE(s.message().find("mixed.zip:junk.bin"), std::string::npos) << s.message();
  EXPECT_EQ(results[path + ":ok.ris"].documents.size(), 1u);
}

TEST_F(ArchiveTest, PlainFilesDirectoriesAndMissingPaths) {
  {
    std::ofstream(dir_ / "x.ris") << kRis;
    std::ofstream(dir_ / "y.nbib") << kNbib;
  }
  Status s;
  auto results = ParseAll(dir_.string(), &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(results.size(), 2u);
  Status missing = ForEachInput((dir_ / "nope.xml").string(), [](Input&) { return Status::Ok(); });
  EXPECT_EQ(missing.code(), Status::Code::kNotFound);
  EXPECT_NE(missing.message().find("nope.xml"), std::string::npos);
}

TEST_F(ArchiveTest, TruncatedCompressedFileIsAnError) {
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "TY  - JOUR\nTI  - Record " + std::to_string(i) + "\nER  - \n";
  std::string path = Write("cut.ris.gz", archive_write_set_format_raw, archive_write_add_filter_gzip,
                           {{"data", big}});
  fs::resize_file(path, fs::file_size(path) / 2);
  Status s;
  ParseAll(path, &s);
  EXPECT_FALSE(s.ok());
}

TEST_F(ArchiveTest, FormatOverrideAndUnknownFormat) {
  MemoryInput in("notes.dat", kRis);
  ParseResult r;
  CollectingSink sink(&r);
  EXPECT_TRUE(ParseInput(in, "ris", sink).ok());
  EXPECT_EQ(r.documents.size(), 1u);
  MemoryInput again("notes.dat", kRis);
  EXPECT_EQ(ParseInput(again, "nope", sink).code(), Status::Code::kInvalidArgument);
  MemoryInput unknown("notes.dat", "plain words only");
  Status s = ParseInput(unknown, "", sink);
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_NE(s.message().find("notes.dat"), std::string::npos);
}

}  // namespace
}  // namespace ckb::readers
