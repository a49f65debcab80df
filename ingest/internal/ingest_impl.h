// SPDX-License-Identifier: GPL-3.0-or-later
// The state of one Ingester (ingest/ingest.h), shared by its three parts:
// ingest.cc (files: detect, hash, skip when unchanged, parse),
// ingest_chunks.cc (parsed records buffered in chunks, annotated, handed to
// the merge thread) and ingest_merge.cc (a chunk merged into the store).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "knowledge/entities.h"
#include "ingest/ingest.h"
#include "readers/parser.h"
#include "kb/kb.h"
#include "kb/model.h"

namespace ckb::ingest {

// Entity mentions of a parsed document, found before it is merged. Extraction
// is the costliest part of merging a record and needs no store, so a chunk of
// documents is annotated on all processors first and merged in order after.
struct DocumentMentions {
  bool has_work = false;
  std::vector<Mention> body_trials;            // trial mentions in the body sections
  std::vector<std::vector<Mention>> refs[2];   // per reference / related entry
};

struct TrialMentions {
  Work registration;  // the registration work, annotated
};

// A chunk of parsed records with their entity mentions, ready to merge.
struct MergeJob {
  std::vector<Document> docs;
  std::vector<Trial> trials;
  std::vector<DocumentMentions> doc_mentions;
  std::vector<TrialMentions> trial_mentions;
};

struct Ingester::Impl : public readers::Sink {
  kb::KnowledgeBase& kb;
  const knowledge::EntityExtractor& extractor;
  IngestOptions options;
  DiagnosticFn on_diagnostic;
  IngestReport* report;
  kb::Batch batch;
  size_t batch_docs = 0;

  // Per-file state.
  std::string source;   // source key (absolute path)
  std::string display;  // as the user named it
  std::string format;
  std::vector<Document> docs;
  std::vector<Trial> trials;
  size_t chunk_bytes = 0;  // ApproxBytes of docs and trials
  bool flushed = false;  // something of this file already merged
  bool removed = false;  // earlier contributions of this file removed
  Status error;          // a store error met while merging
  uint64_t file_documents = 0;
  uint64_t record_no = 0;
  uint64_t file_records = 0;      // documents and trials the parser gave for this file
  uint64_t file_diagnostics = 0;  // problems reported for this file

  // Progress (IngestOptions::on_progress), kept on the parsing thread.
  IngestProgress progress;
  int progress_fd = -1;  // the plain file being read (its offset is the bytes read of it), or -1

  // The merge thread (started on the first chunk when threads > 1).
  std::thread merger;
  std::mutex merge_mu;
  std::condition_variable merge_cv;
  // Chunks handed to the merge thread, in parse order. Up to
  // kMergeQueueChunks wait there besides the one being merged, so that the
  // merge thread has the next chunk at hand while the parser is still busy
  // with a slow one, and the parser goes on while a merge is slow.
  static constexpr size_t kMergeQueueChunks = 1;
  std::deque<std::unique_ptr<MergeJob>> merge_queue;
  size_t in_flight = 0;  // chunks handed over and not yet merged (queued or merging)
  bool merger_stop = false;

  Impl(kb::KnowledgeBase& k, const knowledge::EntityExtractor& e, IngestOptions o, DiagnosticFn d,
       IngestReport* r)
      : kb(k), extractor(e), options(std::move(o)), on_diagnostic(std::move(d)), report(r) {}
  ~Impl() override;

  // Parser callbacks (ingest_chunks.cc): records are buffered into chunks.
  void OnDocument(Document doc) override;
  void OnTrial(Trial trial) override;
  void OnDiagnostic(Diagnostic d) override;

  // Annotates the records parsed so far and hands them to the merge (on the
  // merge thread when there is one: call Wait before reading `error` or
  // touching the batch).
  void Flush();
  // Tells on_progress where the run is.
  void ReportProgress();
  // Whether a merge of this file failed (the merge thread's result included).
  bool Failed();
  // Waits until every chunk handed to the merge thread is merged.
  void Wait();
  void MergeLoop();

  // Into the store (ingest_merge.cc), on one thread at a time.
  Status Merge(MergeJob& job);
  Status RemoveSource();
  Status MergeDocument(Document& doc, DocumentMentions& mentions);
  Status MergeTrial(Trial& t, TrialMentions& mentions);
  Status LinkTrials(const std::string& work_id, const std::vector<Mention>& mentions,
                    const std::vector<std::string>& registry_ids, const std::string& role,
                    const std::string& context);
  Status MaybeCommit(bool force);
  void Track(const std::string& kind, const std::string& a, const std::string& b = "");
};

}  // namespace ckb::ingest
