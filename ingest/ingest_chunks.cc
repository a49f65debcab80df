// SPDX-License-Identifier: GPL-3.0-or-later
// Parsed records on their way to the store (ingest/internal/ingest_impl.h):
// buffered in chunks, annotated with their entity mentions on all
// processors, and merged in parse order, on a merge thread of their own
// when there is more than one thread, while the next chunk is parsed and
// annotated.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>

#include "ingest/internal/ingest_impl.h"
#include "ingest/internal/ingest_records.h"
#include "ingest/internal/record_clean.h"
#include "knowledge/results.h"

namespace ckb::ingest {
namespace {

// A chunk of parsed records is merged when it holds this many records or
// about this many bytes of text, whichever comes first. Two chunks can be in
// memory at once: one being merged while the next is parsed and annotated.
constexpr size_t kFlushDocuments = 1000;
constexpr size_t kFlushBytes = size_t{32} << 20;

size_t ApproxBytes(const Work& w) {
  size_t n = w.title.size() + w.abstract.size() + 256;
  for (const auto& s : w.sections) n += s.text.size();
  return n;
}

size_t ApproxBytes(const Document& d) {
  size_t n = ApproxBytes(d.work);
  for (const auto& r : d.references) n += r.raw.size() * 2 + 128;
  for (const auto& r : d.related) n += r.raw.size() * 2 + 128;
  return n;
}

size_t ApproxBytes(const Trial& t) {
  size_t n = t.brief_title.size() + t.official_title.size() + t.summary.size() + 1024;
  for (const auto& r : t.results) n += r.title.size() + r.description.size() + 128 * (r.values.size() + r.analyses.size() + 1);
  return n + 256 * (t.arms.size() + t.outcomes.size());
}

bool HasWork(const Document& doc) {
  return !doc.work.title.empty() || !doc.work.doi.empty() || !doc.work.pmid.empty() ||
         !doc.work.pmcid.empty() || !doc.work.source_id.empty();
}

void AnnotateDocument(const knowledge::EntityExtractor& extractor, Document& doc, DocumentMentions* out) {
  out->has_work = HasWork(doc);
  if (out->has_work) {
    AnnotateWork(extractor, &doc.work);
    for (const auto& s : doc.work.sections) {
      for (auto& m : BoundedExtract(extractor, s.text, "body")) {
        if (m.type == "trial") out->body_trials.push_back(std::move(m));
      }
    }
  }
  for (int list = 0; list < 2; ++list) {
    const auto& refs = list == 0 ? doc.references : doc.related;
    out->refs[list].reserve(refs.size());
    for (const auto& r : refs) {
      out->refs[list].push_back(
          BoundedExtract(extractor, r.title.empty() ? r.raw : r.title, r.title.empty() ? "raw" : "title"));
    }
  }
}

// A registered trial's phase is the registry's, not a phase its summary
// mentions ("... after two phase 3 trials"), so that `phase:3` finds the
// phase 3 registrations only. Without a registry phase the text's stay.
void UseRegistryPhase(const Trial& t, Work* registration) {
  if (t.phase.empty()) return;
  auto& ents = registration->entities;
  ents.erase(std::remove_if(ents.begin(), ents.end(), [](const Mention& m) { return m.type == "phase"; }),
             ents.end());
  if (t.phase == "n/a") return;
  std::string phase = t.phase;
  std::replace(phase.begin(), phase.end(), ' ', '-');
  Mention m;
  m.field = "registry";
  m.type = "phase";
  m.id = "phase:" + phase;
  m.name = "phase " + t.phase;
  m.text = t.phase;
  m.attrs["phase"] = t.phase;
  m.attrs["source"] = "registry";
  ents.push_back(std::move(m));
}

void AnnotateTrial(const knowledge::EntityExtractor& extractor, Trial& t, TrialMentions* out) {
  if (t.nct.empty()) return;
  out->registration = RegistrationWork(t);
  AnnotateWork(extractor, &out->registration);
  // Results the registry posts come first; those read from the summary follow.
  Outcomes posted = knowledge::RegistryOutcomes(t);
  if (!posted.empty()) {
    knowledge::MergeResults(std::move(out->registration.outcomes), &posted);
    out->registration.outcomes = std::move(posted);
  }
  UseRegistryPhase(t, &out->registration);
  t.entities = RegistryMentions(extractor, t, out->registration);
}

// Runs fn(0..n-1) on up to `threads` threads (the caller's among them).
template <class Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  size_t workers = std::min<size_t>(static_cast<size_t>(std::max(1, threads)), n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

}  // namespace

Ingester::Impl::~Impl() {
  if (!merger.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(merge_mu);
    merger_stop = true;
  }
  merge_cv.notify_all();
  merger.join();
}

void Ingester::Impl::OnDocument(Document doc) {
  const Work& w = doc.work;
  if (w.title.empty() && w.doi.empty() && w.pmid.empty() && w.pmcid.empty() && w.source_id.empty() &&
      doc.references.empty() && doc.related.empty()) {
    OnDiagnostic({display, doc.line, doc.record, "record without a title, identifier or references; skipped"});
    return;
  }
  ++file_records;
  ++progress.records;
  if (options.shard_count > 1 &&
      kb::KnowledgeBase::ShardOfWork(
          kb::ShardKeyOf(doc.work, display + "#" + std::to_string(file_records)), options.shard_count) !=
          options.shard) {
    report->other_shards++;
    return;
  }
  if (internal::CleanDocument(&doc)) {
    OnDiagnostic({display, doc.line, doc.record ? doc.record : static_cast<int64_t>(file_records),
                  "invalid UTF-8 or control characters replaced"});
  }
  chunk_bytes += ApproxBytes(doc);
  docs.push_back(std::move(doc));
  if (docs.size() + trials.size() >= kFlushDocuments || chunk_bytes >= kFlushBytes) Flush();
}

void Ingester::Impl::OnTrial(Trial trial) {
  ++file_records;
  ++progress.records;
  if (options.shard_count > 1 &&
      kb::KnowledgeBase::ShardOfWork(kb::WorkIdFor("nct", trial.nct), options.shard_count) != options.shard) {
    report->other_shards++;
    return;
  }
  if (internal::CleanTrial(&trial)) {
    OnDiagnostic({display, 0, static_cast<int64_t>(file_records),
                  "invalid UTF-8 or control characters replaced"});
  }
  chunk_bytes += ApproxBytes(trial);
  trials.push_back(std::move(trial));
  if (docs.size() + trials.size() >= kFlushDocuments || chunk_bytes >= kFlushBytes) Flush();
}

void Ingester::Impl::OnDiagnostic(Diagnostic d) {
  if (d.source.empty()) d.source = display;
  report->diagnostics++;
  file_diagnostics++;
  on_diagnostic(d);
}

void Ingester::Impl::ReportProgress() {
  if (!options.on_progress) return;
  IngestProgress now = progress;
  if (progress_fd >= 0) {
    off_t at = ::lseek(progress_fd, 0, SEEK_CUR);
    if (at > 0) now.bytes += static_cast<uint64_t>(at);
  }
  options.on_progress(now);
}

void Ingester::Impl::Flush() {
  ReportProgress();
  if (Failed()) {  // the file stops here: what is left of it is not merged
    docs.clear();
    trials.clear();
    chunk_bytes = 0;
    return;
  }
  if (!removed) {
    // The file's earlier contributions go first, before any chunk of it.
    Wait();
    if (!error.ok()) return;
    error = RemoveSource();
    removed = true;
    if (!error.ok()) return;
  }
  flushed = true;
  auto job = std::make_unique<MergeJob>();
  job->docs = std::move(docs);
  job->trials = std::move(trials);
  docs.clear();
  trials.clear();
  chunk_bytes = 0;
  job->doc_mentions.resize(job->docs.size());
  job->trial_mentions.resize(job->trials.size());
  // Extraction needs no store: it runs while the previous chunk is merged.
  ParallelFor(job->docs.size() + job->trials.size(), options.threads, [&](size_t i) {
    if (i < job->docs.size()) {
      AnnotateDocument(extractor, job->docs[i], &job->doc_mentions[i]);
    } else {
      size_t t = i - job->docs.size();
      AnnotateTrial(extractor, job->trials[t], &job->trial_mentions[t]);
    }
  });
  if (options.threads <= 1) {
    error = Merge(*job);
    return;
  }
  if (!merger.joinable()) merger = std::thread([this] { MergeLoop(); });
  std::unique_lock<std::mutex> lock(merge_mu);
  merge_cv.wait(lock, [&] { return in_flight <= kMergeQueueChunks || !error.ok(); });
  if (!error.ok()) return;  // a chunk before this one failed: the file stops there
  merge_queue.push_back(std::move(job));
  ++in_flight;
  merge_cv.notify_all();
}

bool Ingester::Impl::Failed() {
  std::lock_guard<std::mutex> lock(merge_mu);
  return !error.ok();
}

void Ingester::Impl::Wait() {
  std::unique_lock<std::mutex> lock(merge_mu);
  merge_cv.wait(lock, [&] { return in_flight == 0; });
}

void Ingester::Impl::MergeLoop() {
  std::unique_lock<std::mutex> lock(merge_mu);
  for (;;) {
    merge_cv.wait(lock, [&] { return merger_stop || !merge_queue.empty(); });
    if (merge_queue.empty()) return;
    std::unique_ptr<MergeJob> job = std::move(merge_queue.front());
    merge_queue.pop_front();
    // After a failed chunk the rest of the file is not merged.
    bool skip = !error.ok();
    lock.unlock();
    Status s;
    if (!skip) {
      try {
        s = Merge(*job);
      } catch (const std::exception& e) {
        s = Status::Internal(std::string("merging records: ") + e.what());
      }
    }
    job.reset();
    lock.lock();
    if (!skip) error = std::move(s);
    --in_flight;
    merge_cv.notify_all();
  }
}

}  // namespace ckb::ingest
