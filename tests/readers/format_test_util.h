// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for the format parser tests: parse a string with a named format,
// parse every file of a shared corpus folder.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "readers/archive.h"
#include "readers/parser.h"

namespace ckb::readers::testing {

// Path of a folder of the shared corpus (may not exist).
inline std::string SharedCorpus(const std::string& folder) {
  return std::string(CKB_SOURCE_DIR) + "/../shared/corpus/" + folder;
}

inline bool HaveSharedCorpus(const std::string& folder) {
  return std::filesystem::exists(SharedCorpus(folder));
}

// Parses `bytes` as `format`; the status is stored in `status` when given.
inline ParseResult ParseWith(const std::string& format, const std::string& bytes,
                             Status* status = nullptr, const std::string& name = "test-input") {
  ParseResult out;
  const Format* f = FindFormat(format);
  EXPECT_NE(f, nullptr) << format;
  if (!f) return out;
  Status s = ParseBytes(*f, bytes, name, &out);
  if (status) {
    *status = s;
  } else {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  return out;
}

// Totals over every input under a path, parsed with `format` (auto when empty).
struct FolderCounts {
  int inputs = 0;
  int failed = 0;
  size_t documents = 0;
  size_t trials = 0;
  size_t references = 0;
  size_t diagnostics = 0;
  ParseResult all;
};

inline FolderCounts ParseFolder(const std::string& path, const std::string& format,
                                const std::string& only_ext = "") {
  FolderCounts c;
  CollectingSink sink(&c.all);
  Status s = ForEachInput(path, [&](Input& in) {
    std::string n = in.name();
    if (n.size() >= 3 && n.compare(n.size() - 3, 3, ".md") == 0) return Status::Ok();
    if (n.find("LICENSE") != std::string::npos) return Status::Ok();
    if (!only_ext.empty() && n.find(only_ext) == std::string::npos) return Status::Ok();
    ++c.inputs;
    Status ps = ParseInput(in, format, sink);
    if (!ps.ok()) {
      ++c.failed;
      ADD_FAILURE() << ps.ToString();
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  c.documents = c.all.documents.size();
  c.trials = c.all.trials.size();
  c.diagnostics = c.all.diagnostics.size();
  for (const Document& d : c.all.documents) c.references += d.references.size();
  return c;
}

}  // namespace ckb::readers::testing
