// SPDX-License-Identifier: GPL-3.0-or-later
// ingest/: the pipeline from files to records in the store: walking, reading,
// annotating, merging, batching (docs/ARCHITECTURE.md).
//
// The indexing pipeline: files and folders in, parsed, annotated with
// entities, merged into works and trials, committed in bounded batches.
// Re-indexing an unchanged file changes nothing; a changed file replaces
// what it contributed before.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "knowledge/entities.h"
#include "readers/parser.h"
#include "kb/kb.h"
#include "kb/model.h"

namespace ckb::ingest {

// Where a run is, for a progress line: files finished, bytes of them and of
// the file being read, and records read (documents and trials, before
// merging).
struct IngestProgress {
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t records = 0;
};

struct IngestOptions {
  std::string format;               // force a format by name; empty = detect
  size_t batch_documents = 2000;    // commit after this many documents ...
  size_t batch_bytes = 32u << 20;   // ... or this many pending bytes
  bool progress = false;            // progress line on stderr
  int threads = 1;                  // threads extracting entities before merging
  bool follow_links = false;        // follow symbolic links inside folders (ingest/walk.h)
  bool hidden = false;              // include hidden and temporary files and folders
  // Index only the records of shard `shard` of `shard_count` (`ckb index
  // --shard K/N`): a record goes to the shard of the work id its first
  // identifier gives (kb::ShardKeyOf), a trial record to that of its NCT
  // number.
  uint32_t shard = 0, shard_count = 1;
  // Remove the records of files that were indexed from a folder walked
  // again and are no longer on disk (`ckb index --prune`); without it they
  // are only counted (IngestReport::files_gone).
  bool prune = false;
  // Called on the calling thread after each file and each chunk of records
  // read from a file (about every thousand records).
  std::function<void(const IngestProgress&)> on_progress;
};

struct IngestReport {
  uint64_t files_seen = 0;
  uint64_t files_indexed = 0;
  uint64_t files_unchanged = 0;
  uint64_t files_failed = 0;     // not indexed at all (unreadable, wrong format, malformed)
  uint64_t files_unreadable = 0;  // missing or unreadable (exit 66)
  uint64_t documents = 0;
  uint64_t trials = 0;
  uint64_t diagnostics = 0;      // per-record problems (records skipped)
  uint64_t files_changed = 0;    // changed while being read (re-index them once written)
  // Folder walks (ingest/walk.h): not counted in files_seen.
  uint64_t skipped_hidden = 0;   // hidden or temporary files and folders
  uint64_t skipped_ignored = 0;  // by .ckbignore rules
  uint64_t links_not_followed = 0;
  uint64_t repeated = 0;         // files reached again by another path (indexed once)
  uint64_t other_shards = 0;     // records left to other shards (IngestOptions::shard)
  // Files indexed before from a folder walked again that are no longer on
  // disk: removed from the knowledge base with IngestOptions::prune, else
  // left and counted.
  uint64_t files_gone = 0;
  uint64_t files_pruned = 0;
};

// Called for every problem: file-level errors and record diagnostics.
using DiagnosticFn = std::function<void(const Diagnostic&)>;

class FolderWalk;

class Ingester {
 public:
  Ingester(kb::KnowledgeBase& kb, const knowledge::EntityExtractor& extractor, IngestOptions options,
           DiagnosticFn on_diagnostic);
  ~Ingester();

  // Indexes a file or, recursively, a folder (in name order; see
  // ingest/walk.h for what a walk skips and follows); after a folder, files
  // indexed from it before that are gone are counted or, with
  // IngestOptions::prune, removed. Returns a
  // non-OK Status only for errors that must stop the run (store errors,
  // disk full); problems with inputs are reported through on_diagnostic.
  Status IndexPath(const std::string& path);
  // Commits what is pending.
  Status Finish();
  const IngestReport& report() const { return report_; }

 private:
  struct Impl;
  Status IndexFile(const std::string& path);
  Status IndexContainer(const std::string& path, const std::string& source, const std::string& hash,
                        const std::string& head);
  void FileProblem(const std::string& path, const std::string& message, bool failed);
  // The sources stored under `folder` whose files are gone (ingest_prune.cc).
  Status PruneGone(const std::string& folder);
  Status IndexInput(readers::Input& in, const std::string& source, const std::string& display,
                    const std::string& hash, std::string_view head, uint64_t size);
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<FolderWalk> walk_;
  IngestReport report_;
};

// The files and bytes a run over `paths` will read, found by walking them as
// the Ingester will (same links and hidden-file rules), for a progress line's
// totals. Problems met on the way are left for the run to report.
IngestProgress CountInputs(const std::vector<std::string>& paths, const IngestOptions& options);

// Annotates a work with entity mentions from its title and abstract.
void AnnotateWork(const knowledge::EntityExtractor& extractor, Work* work);

}  // namespace ckb::ingest
