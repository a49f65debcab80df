// SPDX-License-Identifier: GPL-3.0-or-later
// Folder walks: gitignore-syntax .ckbignore rules, hidden and temporary
// files, symbolic links (not followed inside folders unless asked, loops
// detected by device and inode), each file once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ingest/ignore.h"
#include "ingest/walk.h"
#include "tests/testutil/temp_dir.h"

namespace ckb::ingest {
namespace {

namespace fs = std::filesystem;

TEST(GlobMatchTest, Table) {
  struct Case {
    const char* pattern;
    const char* text;
    bool match;
  } cases[] = {
      {"*.bak", "notes.bak", true},        {"*.bak", "dir/notes.bak", false},
      {"a?c", "abc", true},                {"a?c", "a/c", false},
      {"[ab]x", "bx", true},               {"[!ab]x", "bx", false},
      {"[a-c]x", "cx", true},              {"[^a-c]x", "dx", true},
      {"**/tmp", "tmp", true},             {"**/tmp", "a/b/tmp", true},
      {"a/**/b", "a/b", true},             {"a/**/b", "a/x/y/b", true},
      {"a/**", "a/x/y", true},             {"a/**", "a", false},
      {"\\*star", "*star", true},          {"\\*star", "xstar", false},
      {"[unclosed", "[unclosed", true},    {"a**b", "axxb", true},
      {"a**b", "a/b", false},              {"", "", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " ~ " + c.text);
    EXPECT_EQ(GlobMatch(c.pattern, c.text), c.match);
  }
}

TEST(IgnoreFileTest, GitignoreRules) {
  IgnoreFile f = IgnoreFile::Parse(
      "# comment\n"
      "\n"
      "*.log\n"
      "!keep.log\n"
      "build/\n"
      "/top.txt\n"
      "docs/*.tmp\n"
      "trailing\\ \n"
      "\\#hash\n"
      "spaces   \r\n");
  struct Case {
    const char* path;
    bool dir;
    int verdict;
  } cases[] = {
      {"a.log", false, 1},           {"sub/a.log", false, 1},     {"keep.log", false, -1},
      {"build", true, 1},            {"build", false, 0},         {"sub/build", true, 1},
      {"top.txt", false, 1},         {"sub/top.txt", false, 0},   {"docs/x.tmp", false, 1},
      {"sub/docs/x.tmp", false, 0},  {"trailing ", false, 1},     {"#hash", false, 1},
      {"spaces", false, 1},          {"other.txt", false, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(f.Match(c.path, c.dir), c.verdict);
  }
}

TEST(IgnoreFileTest, HiddenAndTemporaryNames) {
  for (const char* name : {".git", ".DS_Store", ".notes.txt.swp", "~$report.docx", "draft.ris~",
                           "#draft.ris#", "Thumbs.db"}) {
    EXPECT_TRUE(IsHiddenOrTemporary(name)) << name;
  }
  for (const char* name : {"library.ris", "a~b.txt", "#1.txt"}) EXPECT_FALSE(IsHiddenOrTemporary(name)) << name;
}

class FolderWalkTest : public ::testing::Test {
 protected:
  void Touch(const std::string& rel, const std::string& text = "x") {
    fs::path p = fs::path(dir_.path()) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string P(const std::string& rel) const { return dir_.path() + "/" + rel; }

  // Walks `root` and returns the files handed on, relative to the temp dir.
  std::vector<std::string> Walk(const std::string& root, WalkOptions o = {}) {
    std::vector<std::string> files;
    walk_ = std::make_unique<FolderWalk>(
        o,
        [&](const std::string& path) {
          struct stat st;
          if (::stat(path.c_str(), &st) == 0 && walk_->FirstVisit(st.st_dev, st.st_ino)) {
            files.push_back(path.substr(dir_.path().size() + 1));
          }
          return Status::Ok();
        },
        [&](const std::string& path, const std::string& msg, bool failed) {
          problems_.push_back(path.substr(dir_.path().size() + 1) + ": " + msg + (failed ? " [failed]" : ""));
        });
    EXPECT_TRUE(walk_->Walk(root).ok());
    return files;
  }

  void MakeLinks();

  testutil::TempDir dir_{"ckb-walk-test"};
  std::unique_ptr<FolderWalk> walk_;
  std::vector<std::string> problems_;
};

TEST_F(FolderWalkTest, SkipsHiddenTemporaryAndPageAssets) {
  Touch("lib/a.ris");
  Touch("lib/.git/config");
  Touch("lib/.DS_Store");
  Touch("lib/~$a.docx");
  Touch("lib/a.ris~");
  Touch("lib/page.html");
  Touch("lib/page_files/style.css");
  Touch("lib/other_files/data.ris");  // no other.html beside it: kept
  Touch("lib/README.md");
  EXPECT_EQ(Walk(P("lib")), (std::vector<std::string>{"lib/a.ris", "lib/other_files/data.ris", "lib/page.html"}));
  EXPECT_EQ(walk_->counts().hidden, 5u);
  WalkOptions all;
  all.hidden = true;
  EXPECT_EQ(Walk(P("lib"), all).size(), 8u);
  EXPECT_EQ(walk_->counts().hidden, 0u);
}

TEST_F(FolderWalkTest, SkipsTranslatedSavedPageFolders) {
  Touch("lib/Artikel.html");
  Touch("lib/Artikel-Dateien/app.js");
  Touch("lib/articulo.htm");
  Touch("lib/articulo_archivos/refs.html");
  Touch("lib/notes_archivos/data.ris");  // no notes.html beside it: kept
  EXPECT_EQ(Walk(P("lib")),
            (std::vector<std::string>{"lib/Artikel.html", "lib/articulo.htm", "lib/notes_archivos/data.ris"}));
}

TEST_F(FolderWalkTest, HonoursCkbignoreAtEveryLevel) {
  Touch("lib/.ckbignore", "*.tmp\ndrafts/\n/only-top.ris\n");
  Touch("lib/a.ris");
  Touch("lib/b.tmp");
  Touch("lib/only-top.ris");
  Touch("lib/drafts/c.ris");
  Touch("lib/sub/only-top.ris");
  Touch("lib/sub/d.tmp");
  Touch("lib/sub/.ckbignore", "!d.tmp\n");
  EXPECT_EQ(Walk(P("lib")), (std::vector<std::string>{"lib/a.ris", "lib/sub/d.tmp", "lib/sub/only-top.ris"}));
  EXPECT_EQ(walk_->counts().ignored, 3u);
}

// lib/ with a file, a loop to its parent, a link to a folder elsewhere and
// a second path to its file.
void FolderWalkTest::MakeLinks() {
  Touch("lib/a.ris");
  Touch("elsewhere/b.ris");
  ASSERT_EQ(::symlink("..", P("lib/loop").c_str()), 0);
  ASSERT_EQ(::symlink(P("elsewhere").c_str(), P("lib/far").c_str()), 0);
  ASSERT_EQ(::symlink(P("lib/a.ris").c_str(), P("lib/z-again.ris").c_str()), 0);
}

TEST_F(FolderWalkTest, LinksInsideFoldersAreNotFollowedByDefault) {
  MakeLinks();
  EXPECT_EQ(Walk(P("lib")), (std::vector<std::string>{"lib/a.ris"}));
  EXPECT_EQ(walk_->counts().links, 3u);
  EXPECT_TRUE(problems_.empty());
}

TEST_F(FolderWalkTest, FollowDetectsLoopsAndIndexesEachFileOnce) {
  MakeLinks();
  ASSERT_EQ(::symlink(P("nowhere").c_str(), P("lib/broken.ris").c_str()), 0);
  WalkOptions follow;
  follow.follow_links = true;
  // The loop leads to the temp dir, whose "lib" is the walk's root: walked
  // once; "elsewhere" through both paths once; a.ris once.
  std::vector<std::string> files = Walk(P("lib"), follow);
  EXPECT_EQ(files, (std::vector<std::string>{"lib/a.ris", "lib/far/b.ris"}));
  ASSERT_EQ(problems_.size(), 2u);
  EXPECT_NE(problems_[0].find("lib/broken.ris: symbolic link that leads nowhere"), std::string::npos) << problems_[0];
  EXPECT_NE(problems_[1].find("symbolic link loop"), std::string::npos) << problems_[1];
}

TEST_F(FolderWalkTest, LinkNamedOnTheCommandLineIsFollowed) {
  Touch("real/a.ris");
  ASSERT_EQ(::symlink(P("real").c_str(), P("named").c_str()), 0);
  EXPECT_EQ(Walk(P("named")), (std::vector<std::string>{"named/a.ris"}));
}

}  // namespace
}  // namespace ckb::ingest
