// SPDX-License-Identifier: GPL-3.0-or-later
// The folder walk of `ckb index` (see walk.h).
#include "ingest/walk.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kb/merge.h"
#include "kb/test_hooks.h"

namespace ckb::ingest {
namespace {

constexpr const char* kIgnoreFileName = ".ckbignore";

bool EndsWith(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// Notes kept beside the data (README.md, PROVENANCE.md, LICENSE) are not
// inputs; they are skipped in folder walks, not when named.
bool IsDocumentationFile(const std::string& name) {
  return EndsWith(name, ".md") || EndsWith(name, ".markdown") || name.rfind("LICENSE", 0) == 0 ||
         name.rfind("COPYING", 0) == 0 || name.rfind("README", 0) == 0;
}

// "<page>_files" beside "<page>.html" (or .htm, .xhtml): the images, scripts
// and style sheets a browser saves with a page ("Save page as... complete"),
// under the folder names its translations give ("page-Dateien" ...).
bool IsPageAssetFolder(const std::string& name, const std::vector<std::string>& siblings) {
  static const char* kSuffixes[] = {"_files",     "-Dateien",  "_archivos", "_fichiers", "_arquivos",
                                    "_bestanden", "-filer",    "_file",     "-tiedostot", "_pliki"};
  for (const char* suffix : kSuffixes) {
    size_t n = std::strlen(suffix);
    if (!EndsWith(name, suffix) || name.size() == n) continue;
    std::string page = name.substr(0, name.size() - n);
    for (const char* ext : {".html", ".htm", ".xhtml", ".HTML", ".HTM"}) {
      if (std::binary_search(siblings.begin(), siblings.end(), page + ext)) return true;
    }
  }
  return false;
}

const char* KindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

}  // namespace

bool IsHiddenOrTemporary(const std::string& name) {
  if (name.empty()) return false;
  if (name[0] == '.') return true;                                  // .git, .DS_Store, .x.swp
  if (name.rfind("~$", 0) == 0) return true;                        // Office lock files
  if (name.back() == '~') return true;                              // editor backups
  if (name.size() > 1 && name[0] == '#' && name.back() == '#') return true;  // Emacs autosaves
  return name == "Thumbs.db" || name == "desktop.ini";
}

FolderWalk::FolderWalk(WalkOptions options, FileFn on_file, ProblemFn on_problem)
    : options_(options), on_file_(std::move(on_file)), on_problem_(std::move(on_problem)) {}

Status FolderWalk::Walk(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    struct stat lst;
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
      on_problem_(path, std::string("symbolic link that leads nowhere (") + std::strerror(err) + ")", true);
    } else {
      on_problem_(path, std::string("cannot read: ") + std::strerror(err), true);
    }
    return Status::Ok();
  }
  if (S_ISDIR(st.st_mode)) {
    if (!seen_dirs_.insert({st.st_dev, st.st_ino}).second) {
      ++counts_.repeated;
      return Status::Ok();
    }
    ignores_.clear();
    ancestors_ = {{st.st_dev, st.st_ino}};
    ancestor_paths_ = {path};
    return WalkDir(path, "");
  }
  if (!S_ISREG(st.st_mode)) {
    on_problem_(path, std::string(KindOf(st.st_mode)) + "; only regular files are read", true);
    return Status::Ok();
  }
  return on_file_(path);
}

bool FolderWalk::Ignored(const std::string& rel, bool is_dir) const {
  // The deepest .ckbignore with a matching rule decides.
  for (auto it = ignores_.rbegin(); it != ignores_.rend(); ++it) {
    std::string sub = it->rel.empty() ? rel : rel.substr(it->rel.size() + 1);
    int verdict = it->rules.Match(sub, is_dir);
    if (verdict != 0) return verdict > 0;
  }
  return false;
}

Status FolderWalk::WalkDir(const std::string& dir, const std::string& rel) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    on_problem_(dir, std::string("cannot read folder: ") + std::strerror(errno), true);
    return Status::Ok();
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  int err = errno;
  ::closedir(d);
  if (err != 0) {
    on_problem_(dir, std::string("cannot read folder: ") + std::strerror(err), true);
    return Status::Ok();
  }
  std::sort(names.begin(), names.end());
  kb::hooks::AfterListing(dir);
  size_t pushed = ignores_.size();
  if (std::binary_search(names.begin(), names.end(), kIgnoreFileName)) {
    std::ifstream in(dir + "/" + kIgnoreFileName, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (in) {
      ignores_.push_back({rel, IgnoreFile::Parse(text.str())});
    } else {
      on_problem_(dir + "/" + kIgnoreFileName, "cannot read this ignore file; its rules are not applied", false);
    }
  }
  // Visited in merge order: names compared with runs of digits as numbers
  // ("review (2).txt" before "review (10).txt"), as statement keys are, so
  // that each file's statements merge after those of the files before it.
  std::vector<std::string> order = names;
  std::sort(order.begin(), order.end(),
            [](const std::string& a, const std::string& b) { return kb::Precedes(0, a, 0, b); });
  Status result;
  for (const auto& name : order) {
    result = VisitEntry(dir, rel, name, names);
    if (!result.ok()) break;
  }
  ignores_.resize(pushed);
  return result;
}

Status FolderWalk::VisitEntry(const std::string& dir, const std::string& rel, const std::string& name,
                              const std::vector<std::string>& siblings) {
  if (name == kIgnoreFileName || IsDocumentationFile(name)) return Status::Ok();
  std::string path = dir + "/" + name;
  std::string sub = rel.empty() ? name : rel + "/" + name;
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      on_problem_(path, "vanished after its folder was listed (removed or renamed during the run); "
                        "not indexed", true);
    } else {
      on_problem_(path, std::string("cannot read: ") + std::strerror(errno), true);
    }
    return Status::Ok();
  }
  bool link = S_ISLNK(st.st_mode);
  if (link) {
    if (!options_.follow_links) {
      ++counts_.links;
      return Status::Ok();
    }
    if (::stat(path.c_str(), &st) != 0) {
      on_problem_(path, std::string("symbolic link that leads nowhere (") + std::strerror(errno) + ")", true);
      return Status::Ok();
    }
  }
  bool is_dir = S_ISDIR(st.st_mode);
  if (!options_.hidden && (IsHiddenOrTemporary(name) || (is_dir && IsPageAssetFolder(name, siblings)))) {
    ++counts_.hidden;
    return Status::Ok();
  }
  if (Ignored(sub, is_dir)) {
    ++counts_.ignored;
    return Status::Ok();
  }
  if (is_dir) {
    std::pair<dev_t, ino_t> key{st.st_dev, st.st_ino};
    auto anc = std::find(ancestors_.begin(), ancestors_.end(), key);
    if (anc != ancestors_.end()) {
      on_problem_(path, "symbolic link loop: it leads back to " + ancestor_paths_[anc - ancestors_.begin()] +
                            "; not followed again", false);
      ++counts_.links;
      return Status::Ok();
    }
    if (!seen_dirs_.insert(key).second) {
      ++counts_.repeated;
      return Status::Ok();
    }
    ancestors_.push_back(key);
    ancestor_paths_.push_back(path);
    Status s = WalkDir(path, sub);
    ancestors_.pop_back();
    ancestor_paths_.pop_back();
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    on_problem_(path, std::string(KindOf(st.st_mode)) + "; only regular files are read", true);
    return Status::Ok();
  }
  return on_file_(path);
}

}  // namespace ckb::ingest
