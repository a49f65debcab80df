// SPDX-License-Identifier: GPL-3.0-or-later
// Files deleted from an indexed folder: after the folder is walked again,
// each source stored under it whose file is no longer on disk is counted
// and, with `--prune`, its contributions are removed like those of a file
// indexed anew (works, trials, citations and links it alone supported go).
// Only files that are gone count: a file now skipped (hidden, ignored) or
// unreadable keeps its records.
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/internal/ingest_impl.h"
#include "kb/keys.h"

namespace ckb::ingest {
namespace {

namespace fs = std::filesystem;

// Whether the file a stored source names still exists: the source itself,
// or the archive it is a member of ("/a/b.zip:member.xml").
bool StillThere(const std::string& source) {
  std::error_code ec;
  if (fs::exists(source, ec)) return true;
  for (size_t colon = source.rfind(':'); colon != std::string::npos && colon > 0;
       colon = source.rfind(':', colon - 1)) {
    if (fs::is_regular_file(source.substr(0, colon), ec)) return true;
  }
  return false;
}

}  // namespace

Status Ingester::PruneGone(const std::string& folder) {
  Impl& im = *impl_;
  std::error_code ec;
  std::string dir = fs::weakly_canonical(fs::absolute(folder), ec).string();
  if (dir.empty()) return Status::Ok();
  if (dir.back() != '/') dir += '/';
  im.Wait();
  if (!im.error.ok()) return im.error;
  // Summary keys are the bare source; its tracking keys carry a '\0' part.
  std::vector<std::string> gone;
  CKB_RETURN_IF_ERROR(im.kb.Scan(kb::kCfSources, dir,
                                 [&](std::string_view k, std::string_view) {
                                   if (k.find('\0') == std::string_view::npos && !StillThere(std::string(k))) {
                                     gone.emplace_back(k);
                                   }
                                   return true;
                                 },
                                 &im.batch));
  report_.files_gone += gone.size();
  if (!im.options.prune) return Status::Ok();
  for (const std::string& source : gone) {
    im.source = source;
    CKB_RETURN_IF_ERROR(im.RemoveSource());
    report_.files_pruned++;
    CKB_RETURN_IF_ERROR(im.MaybeCommit(false));
  }
  return Status::Ok();
}

}  // namespace ckb::ingest
