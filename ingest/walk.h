// SPDX-License-Identifier: GPL-3.0-or-later
// Walking the paths given to `ckb index` the way people keep folders, after
// ripgrep's conventions: a symbolic link named by the user is followed, links
// met inside a walked folder are not (unless `follow_links`, with loops
// detected by device and inode); hidden files and folders, editor swap and
// backup files, Office lock files and the "<page>_files/" folders a browser
// saves beside "<page>.html" are skipped (unless `hidden`); `.ckbignore`
// files (gitignore syntax) in walked folders are honoured; each file is
// handed on once however many paths reach it. Entries are visited in name
// order.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ingest/ignore.h"
#include "kb/status.h"

namespace ckb::ingest {

struct WalkOptions {
  bool follow_links = false;  // follow symbolic links inside walked folders (-L)
  bool hidden = false;        // include hidden and temporary files (--hidden)
};

struct WalkCounts {
  uint64_t hidden = 0;    // hidden or temporary files and folders skipped
  uint64_t ignored = 0;   // skipped by a .ckbignore rule
  uint64_t links = 0;     // symbolic links not followed
  uint64_t repeated = 0;  // files or folders reached again by another path
};

class FolderWalk {
 public:
  // Called for each regular file to index (a path as reached).
  using FileFn = std::function<Status(const std::string& path)>;
  // Called for a path that cannot be walked or is not a file; `failed`
  // tells whether it counts as a failed input (a loop detected with
  // follow_links is reported but not failed).
  using ProblemFn =
      std::function<void(const std::string& path, const std::string& message, bool failed)>;

  FolderWalk(WalkOptions options, FileFn on_file, ProblemFn on_problem);

  // Walks one path named by the user (followed if it is a link). Returns a
  // non-OK Status only when on_file does.
  Status Walk(const std::string& path);
  // True the first time a file (device, inode) is offered: the caller
  // indexes a file only once per run whatever path reaches it.
  // Later visits are counted as repeated.
  bool FirstVisit(dev_t dev, ino_t ino) {
    bool first = seen_files_.insert({dev, ino}).second;
    if (!first) ++counts_.repeated;
    return first;
  }
  const WalkCounts& counts() const { return counts_; }

 private:
  struct Ignore {
    std::string rel;  // folder of the .ckbignore, relative to the walk's root ("" = root)
    IgnoreFile rules;
  };
  Status WalkDir(const std::string& dir, const std::string& rel);
  Status VisitEntry(const std::string& dir, const std::string& rel, const std::string& name,
                    const std::vector<std::string>& siblings);
  bool Ignored(const std::string& rel, bool is_dir) const;

  WalkOptions options_;
  FileFn on_file_;
  ProblemFn on_problem_;
  WalkCounts counts_;
  std::set<std::pair<dev_t, ino_t>> seen_files_;
  std::set<std::pair<dev_t, ino_t>> seen_dirs_;
  std::vector<std::pair<dev_t, ino_t>> ancestors_;
  std::vector<std::string> ancestor_paths_;
  std::vector<Ignore> ignores_;
};

// Hidden or temporary by name: dot files and folders (.git, .DS_Store, vim
// swap files), Office "~$" lock files, "name~" backups, "#name#" autosaves,
// Thumbs.db and desktop.ini.
bool IsHiddenOrTemporary(const std::string& name);

}  // namespace ckb::ingest
