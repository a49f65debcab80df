// SPDX-License-Identifier: GPL-3.0-or-later
// A fresh directory under the system temporary directory, removed with its
// contents when the object goes away.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace ckb::testutil {

class TempDir {
 public:
  explicit TempDir(const std::string& stem = "ckb-test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (stem + ".XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ckb::testutil
