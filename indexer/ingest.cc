// SPDX-License-Identifier: GPL-3.0-or-later
// The indexing pipeline (see ingest.h). Per file: sniff, hash, skip when
// unchanged, parse with documents buffered so that a file that fails as a
// whole leaves the store untouched, remove the file's earlier contributions,
// then merge its documents and trials into the store.
#include "indexer/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "indexer/internal/ingest_records.h"
#include "indexer/internal/record_clean.h"
#include "indexer/plain_file_input.h"
#include "indexer/archive.h"
#include "indexer/identifiers.h"
#include "indexer/parser.h"
#include "kb/keys.h"
#include "kb/merge.h"

namespace ckb::indexer {
namespace fs = std::filesystem;

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
  return t.brief_title.size() + t.official_title.size() + t.summary.size() + 1024;
}

uint64_t HashFile(int fd, uint64_t* size) {
  uint64_t h = 1469598103934665603ull;
  char buf[1 << 16];
  *size = 0;
  ::lseek(fd, 0, SEEK_SET);
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    *size += static_cast<uint64_t>(n);
    for (ssize_t i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 1099511628211ull;
    }
  }
  ::lseek(fd, 0, SEEK_SET);
  return h;
}

bool IsDocumentationFile(const std::string& name) {
  auto ends = [&](const char* ext) {
    size_t n = std::strlen(ext);
    return name.size() >= n && name.compare(name.size() - n, n, ext) == 0;
  };
  return ends(".md") || ends(".markdown") || name.rfind("LICENSE", 0) == 0 ||
         name.rfind("COPYING", 0) == 0 || name.rfind("README", 0) == 0;
}

// gzip, zstd, bzip2, xz, zip and tar signatures.
bool IsContainer(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b") || starts("\x28\xb5\x2f\xfd") || starts("BZh") ||
      starts("\xfd" "7zXZ") || starts("PK\x03\x04")) {
    return true;
  }
  return head.size() >= 262 && head.substr(257, 5) == "ustar";
}

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// A file-level problem as a diagnostic. Parser messages usually start with
// the input's name ("name: reason" or "name:line: reason"); that prefix is
// dropped (the diagnostic names the file) and a line number kept.
Diagnostic FileDiagnostic(const std::string& display, const std::string& name, std::string msg) {
  Diagnostic d{display, 0, 0, ""};
  for (const std::string* prefix : {&name, &display}) {
    if (prefix->empty() || msg.compare(0, prefix->size(), *prefix) != 0 || msg.size() <= prefix->size() ||
        msg[prefix->size()] != ':') {
      continue;
    }
    size_t i = prefix->size() + 1;
    size_t j = i;
    while (j < msg.size() && msg[j] >= '0' && msg[j] <= '9') ++j;
    if (j > i && j < msg.size() && msg[j] == ':') {
      d.line = std::atoll(msg.c_str() + i);
      i = j + 1;
    }
    while (i < msg.size() && msg[i] == ' ') ++i;
    msg.erase(0, i);
    break;
  }
  d.message = std::move(msg);
  return d;
}

}  // namespace

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

bool HasWork(const Document& doc) {
  return !doc.work.title.empty() || !doc.work.doi.empty() || !doc.work.pmid.empty() ||
         !doc.work.pmcid.empty() || !doc.work.source_id.empty();
}

void AnnotateDocument(const EntityExtractor& extractor, Document& doc, DocumentMentions* out) {
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

void AnnotateTrial(const EntityExtractor& extractor, Trial& t, TrialMentions* out) {
  if (t.nct.empty()) return;
  out->registration = RegistrationWork(t);
  AnnotateWork(extractor, &out->registration);
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

// A chunk of parsed records with their entity mentions, ready to merge.
struct MergeJob {
  std::vector<Document> docs;
  std::vector<Trial> trials;
  std::vector<DocumentMentions> doc_mentions;
  std::vector<TrialMentions> trial_mentions;
};

// Buffers a file's parse output; merges it into the store in chunks.
//
// Merging is sequential (each record sees the ones before it), and with more
// than one thread it runs on a merge thread of its own: while chunk k is
// merged, the parser reads chunk k + 1 and its entities are extracted on the
// other threads. The merge thread is the only one to touch the batch and the
// store between Flush and Wait; the chunks are merged in the order they were
// parsed, so the store ends up byte for byte as with one thread.
struct Ingester::Impl : public Sink {
  kb::KnowledgeBase& kb;
  const EntityExtractor& extractor;
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

  // The merge thread (started on the first chunk when threads > 1).
  std::thread merger;
  std::mutex merge_mu;
  std::condition_variable merge_cv;
  std::unique_ptr<MergeJob> merge_job;  // handed to the merge thread
  bool merging = false;                 // a job is handed over and not yet merged
  bool merger_stop = false;

  Impl(kb::KnowledgeBase& k, const EntityExtractor& e, IngestOptions o, DiagnosticFn d,
       IngestReport* r)
      : kb(k), extractor(e), options(std::move(o)), on_diagnostic(std::move(d)), report(r) {}
  ~Impl() override {
    if (!merger.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(merge_mu);
      merger_stop = true;
    }
    merge_cv.notify_all();
    merger.join();
  }

  void OnDocument(Document doc) override {
    const Work& w = doc.work;
    if (w.title.empty() && w.doi.empty() && w.pmid.empty() && w.pmcid.empty() && w.source_id.empty() &&
        doc.references.empty() && doc.related.empty()) {
      OnDiagnostic({display, doc.line, doc.record, "record without a title, identifier or references; skipped"});
      return;
    }
    ++file_records;
    if (internal::CleanDocument(&doc)) {
      OnDiagnostic({display, doc.line, doc.record ? doc.record : static_cast<int64_t>(file_records),
                    "invalid UTF-8 or control characters replaced"});
    }
    chunk_bytes += ApproxBytes(doc);
    docs.push_back(std::move(doc));
    if (docs.size() + trials.size() >= kFlushDocuments || chunk_bytes >= kFlushBytes) Flush();
  }
  void OnTrial(Trial trial) override {
    ++file_records;
    if (internal::CleanTrial(&trial)) {
      OnDiagnostic({display, 0, static_cast<int64_t>(file_records),
                    "invalid UTF-8 or control characters replaced"});
    }
    chunk_bytes += ApproxBytes(trial);
    trials.push_back(std::move(trial));
    if (docs.size() + trials.size() >= kFlushDocuments || chunk_bytes >= kFlushBytes) Flush();
  }
  void OnDiagnostic(Diagnostic d) override {
    if (d.source.empty()) d.source = display;
    report->diagnostics++;
    file_diagnostics++;
    on_diagnostic(d);
  }

  void Track(const std::string& kind, const std::string& a, const std::string& b = "") {
    batch.Put(kb::kCfSources, kb::Join({source, kind, a, b}), "");
  }

  Status RemoveSource();
  Status MergeDocument(Document& doc, DocumentMentions& mentions);
  Status MergeTrial(Trial& t, TrialMentions& mentions);
  Status LinkTrials(const std::string& work_id, const std::vector<Mention>& mentions,
                    const std::vector<std::string>& registry_ids, const std::string& role,
                    const std::string& context);
  Status MaybeCommit(bool force);

  // Annotates the records parsed so far and hands them to the merge (on the
  // merge thread when there is one: call Wait before reading `error` or
  // touching the batch).
  void Flush() {
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
    Wait();
    if (!error.ok()) return;
    if (options.threads <= 1) {
      error = Merge(*job);
      return;
    }
    if (!merger.joinable()) merger = std::thread([this] { MergeLoop(); });
    std::lock_guard<std::mutex> lock(merge_mu);
    merge_job = std::move(job);
    merging = true;
    merge_cv.notify_all();
  }

  // Whether a merge of this file failed (the merge thread's result included).
  bool Failed() {
    std::lock_guard<std::mutex> lock(merge_mu);
    return !error.ok();
  }

  // Waits until the chunk handed to the merge thread, if any, is merged.
  void Wait() {
    std::unique_lock<std::mutex> lock(merge_mu);
    merge_cv.wait(lock, [&] { return !merging; });
  }

  void MergeLoop() {
    std::unique_lock<std::mutex> lock(merge_mu);
    for (;;) {
      merge_cv.wait(lock, [&] { return merger_stop || merge_job != nullptr; });
      if (!merge_job) return;
      std::unique_ptr<MergeJob> job = std::move(merge_job);
      lock.unlock();
      Status s;
      try {
        s = Merge(*job);
      } catch (const std::exception& e) {
        s = Status::Internal(std::string("merging records: ") + e.what());
      }
      job.reset();
      lock.lock();
      error = std::move(s);
      merging = false;
      merge_cv.notify_all();
    }
  }

  Status Merge(MergeJob& job) {
    Status st;
    // Commit as soon as the batch is full, not only after the chunk: one
    // document can add many works (its references), and the batch is held
    // twice while it is written.
    for (size_t i = 0; i < job.docs.size() && st.ok(); ++i) {
      st = MergeDocument(job.docs[i], job.doc_mentions[i]);
      if (st.ok()) st = MaybeCommit(false);
    }
    for (size_t i = 0; i < job.trials.size() && st.ok(); ++i) {
      st = MergeTrial(job.trials[i], job.trial_mentions[i]);
      if (st.ok()) st = MaybeCommit(false);
    }
    if (st.ok()) st = MaybeCommit(false);
    return st;
  }
};

Status Ingester::Impl::RemoveSource() {
  std::vector<std::string> keys;
  CKB_RETURN_IF_ERROR(kb.Scan(kb::kCfSources, kb::PrefixOf(source),
                              [&](std::string_view k, std::string_view) {
                                keys.emplace_back(k);
                                return true;
                              },
                              &batch));
  for (const auto& k : keys) {
    auto p = kb::SplitKey(k);
    if (p.size() >= 4) {
      if (p[1] == "w") CKB_RETURN_IF_ERROR(kb::RemoveWorkContribution(kb, batch, p[2], p[3]));
      if (p[1] == "t") CKB_RETURN_IF_ERROR(kb::RemoveTrialContribution(kb, batch, p[2], p[3]));
      if (p[1] == "e") {
        // p[2] = citing, p[3] = "section/n"
        size_t slash = p[3].find('/');
        if (slash != std::string::npos) {
          CKB_RETURN_IF_ERROR(kb::DeleteCitation(kb, batch, p[2], p[3].substr(0, slash),
                                                 std::atoi(p[3].c_str() + slash + 1), source));
        }
      }
      if (p[1] == "l") CKB_RETURN_IF_ERROR(kb::UnlinkTrial(kb, batch, kb::Join({p[2], p[3], p.size() > 4 ? p[4] : ""})));
    }
    batch.Delete(kb::kCfSources, k);
  }
  batch.Delete(kb::kCfSources, source);
  return Status::Ok();
}

Status Ingester::Impl::LinkTrials(const std::string& work_id, const std::vector<Mention>& mentions,
                                  const std::vector<std::string>& registry_ids,
                                  const std::string& role, const std::string& context) {
  std::vector<std::string> ids = registry_ids;
  for (const auto& m : mentions) {
    if (m.type != "trial") continue;
    std::string v = m.id.substr(m.id.find(':') + 1);
    ids.push_back(v);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const auto& nct : ids) {
    if (nct.empty()) continue;
    CKB_RETURN_IF_ERROR(kb::LinkTrial(kb, batch, nct, work_id, role, context, source));
    batch.Put(kb::kCfSources, kb::Join({source, "l", nct, work_id, role}), "");
  }
  return Status::Ok();
}

Status Ingester::Impl::MergeDocument(Document& doc, DocumentMentions& mentions) {
  ++record_no;
  ++file_documents;
  report->documents++;
  std::string rec = std::to_string(doc.record ? doc.record : static_cast<int64_t>(record_no));
  std::string citing;
  if (mentions.has_work) {
    kb::Contribution c;
    c.key = source + "#" + rec;
    c.source = source;
    c.rank = RankFor(format);
    c.work = doc.work;
    CKB_ASSIGN_OR_RETURN(citing, kb::UpsertWork(kb, batch, c));
    Track("w", citing, c.key);
    CKB_RETURN_IF_ERROR(LinkTrials(citing, doc.work.entities, doc.work.registry_ids, "reports",
                                   doc.work.title));
    CKB_RETURN_IF_ERROR(LinkTrials(citing, mentions.body_trials, {}, "discusses", ""));
  }
  for (int list = 0; list < 2; ++list) {
    auto& refs = list == 0 ? doc.references : doc.related;
    const char* section = list == 0 ? "references" : "related";
    for (size_t k = 0; k < refs.size(); ++k) {
      Reference& r = refs[k];
      Work w = WorkFromReference(r);
      w.entities = std::move(mentions.refs[list][k]);
      kb::Contribution c;
      c.key = source + "#" + rec + "/" + (list == 0 ? "ref/" : "rel/") + std::to_string(r.n);
      c.source = source;
      c.rank = list == 0 ? kb::kRankReference : kb::kRankRelated;
      c.work = w;
      c.raw = r.raw;
      CKB_ASSIGN_OR_RETURN(std::string cited, kb::UpsertWork(kb, batch, c));
      r.work_id = cited;
      Track("w", cited, c.key);
      CKB_RETURN_IF_ERROR(LinkTrials(cited, w.entities, r.nct, "mentions", r.raw));
      if (!citing.empty()) {
        Citation e{citing, cited, section, r.n, r.raw, source};
        CKB_RETURN_IF_ERROR(kb::PutCitation(kb, batch, e, &r));
        Track("e", citing, std::string(section) + "/" + std::to_string(r.n));
        if (list == 0) {
          std::vector<Mention> trial_mentions;
          for (const auto& m : w.entities) {
            if (m.type == "trial") trial_mentions.push_back(m);
          }
          CKB_RETURN_IF_ERROR(LinkTrials(citing, trial_mentions, r.nct, "cites", r.raw));
        }
      }
    }
  }
  batch_docs++;
  return Status::Ok();
}

Status Ingester::Impl::MergeTrial(Trial& t, TrialMentions& mentions) {
  ++record_no;
  ++file_documents;
  report->trials++;
  if (t.nct.empty()) return Status::Ok();
  std::string key = source + "#" + std::to_string(record_no);
  CKB_RETURN_IF_ERROR(kb::UpsertTrial(kb, batch, key, kb::kRankRegistry, t));
  Track("t", t.nct, key);
  // The registration is also a citable, searchable work.
  kb::Contribution c;
  c.key = key + "/registration";
  c.source = source;
  c.rank = kb::kRankRegistry;
  c.work = std::move(mentions.registration);
  CKB_ASSIGN_OR_RETURN(std::string work_id, kb::UpsertWork(kb, batch, c));
  Track("w", work_id, c.key);
  CKB_RETURN_IF_ERROR(kb::LinkTrial(kb, batch, t.nct, work_id, "registry", "the registry record", source));
  batch.Put(kb::kCfSources, kb::Join({source, "l", t.nct, work_id, "registry"}), "");
  // Publications the registry lists, when they are already known.
  for (const auto& pmid : t.pmids) {
    auto id = kb.Get(kb::kCfIds, kb::AliasKey("pmid", pmid), &batch);
    if (id.ok() && id.value()) {
      CKB_RETURN_IF_ERROR(kb::LinkTrial(kb, batch, t.nct, *id.value(), "reports",
                                        "listed by the registry record", source));
      batch.Put(kb::kCfSources, kb::Join({source, "l", t.nct, *id.value(), "reports"}), "");
    }
  }
  batch_docs++;
  return Status::Ok();
}

Status Ingester::Impl::MaybeCommit(bool force) {
  if (batch.empty()) return Status::Ok();
  if (!force && batch_docs < options.batch_documents && batch.approximate_bytes() < options.batch_bytes) {
    return Status::Ok();
  }
  Status s = kb.Commit(batch);
  batch_docs = 0;
  return s;
}

Ingester::Ingester(kb::KnowledgeBase& kb, const EntityExtractor& extractor, IngestOptions options,
                   DiagnosticFn on_diagnostic)
    : impl_(std::make_unique<Impl>(kb, extractor, std::move(options), std::move(on_diagnostic),
                                   &report_)) {}

Ingester::~Ingester() = default;

Status Ingester::Finish() {
  impl_->Wait();
  if (!impl_->error.ok()) return impl_->error;
  return impl_->MaybeCommit(true);
}

Status Ingester::IndexPath(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    report_.files_seen++;
    report_.files_failed++;
    report_.files_unreadable++;
    impl_->on_diagnostic({path, 0, 0, "cannot read: " + (ec ? ec.message() : std::string("no such file or directory"))});
    return Status::Ok();
  }
  if (fs::is_directory(st)) {
    std::vector<std::string> entries;
    for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      // Notes kept beside the data (README.md, PROVENANCE.md, LICENSE) are
      // not inputs; they are skipped in folder walks, not when named.
      if (IsDocumentationFile(name)) continue;
      entries.push_back(it->path().string());
    }
    if (ec) {
      report_.files_seen++;
      report_.files_failed++;
      report_.files_unreadable++;
      impl_->on_diagnostic({path, 0, 0, "cannot read folder: " + ec.message()});
      return Status::Ok();
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& e : entries) CKB_RETURN_IF_ERROR(IndexPath(e));
    return Status::Ok();
  }
  report_.files_seen++;
  if (!fs::is_regular_file(st)) {
    report_.files_failed++;
    report_.files_unreadable++;
    impl_->on_diagnostic({path, 0, 0, "not a regular file"});
    return Status::Ok();
  }
  PlainFileInput in(path);
  if (!in.ok()) {
    report_.files_failed++;
    report_.files_unreadable++;
    impl_->on_diagnostic({path, 0, 0, "cannot read: " + in.error()});
    return Status::Ok();
  }
  uint64_t size = 0;
  std::string hash = Hex(HashFile(in.fd(), &size));
  std::string head = in.Head(512);
  std::error_code ec2;
  std::string source = fs::weakly_canonical(fs::absolute(path), ec2).string();
  if (source.empty()) source = path;
  if (size > 0 && IsContainer(head)) {
    // Compressed file or archive: each member is one input, named path:member.
    uint64_t members = 0;
    Status st2 = ForEachInput(path, [&](Input& member) {
      ++members;
      PeekInput peek(member);
      std::string mhead(peek.Head(4096));
      std::string suffix = member.name().size() > path.size() ? member.name().substr(path.size()) : "";
      return IndexInput(peek, source + suffix, member.name(), hash, mhead, 1);
    });
    if (!st2.ok() && st2.code() != Status::Code::kParseError && st2.code() != Status::Code::kIOError &&
        st2.code() != Status::Code::kNotFound) {
      return st2;
    }
    if (st2.ok() && members == 0) {
      st2 = Status::ParseError("no regular files inside; nothing to index");
    }
    if (!st2.ok()) {
      report_.files_failed++;
      impl_->on_diagnostic(FileDiagnostic(path, path, st2.message()));
    }
    return Status::Ok();
  }
  return IndexInput(in, source, path, hash, in.Head(4096), size);
}

Status Ingester::IndexInput(Input& in, const std::string& source, const std::string& display,
                            const std::string& hash, std::string_view head, uint64_t size) {
  Impl& im = *impl_;
  auto fail = [&](const std::string& msg, bool unreadable) {
    report_.files_failed++;
    if (unreadable) report_.files_unreadable++;
    im.on_diagnostic(FileDiagnostic(display, in.name(), msg));
    return Status::Ok();
  };
  if (size == 0 || head.empty()) return fail("empty file", false);
  const Format* format = nullptr;
  if (!im.options.format.empty()) {
    format = FindFormat(im.options.format);
    if (!format) return Status::InvalidArgument("unknown format " + im.options.format);
  } else {
    if (head.find('\0') != std::string::npos) {
      return fail("binary file (NUL bytes); not a supported input", false);
    }
    format = DetectFormat(display, head);
    if (!format) return fail("unrecognised input format (use --format to name it)", false);
  }
  im.source = source;
  im.display = display;
  im.format = format->name;
  // Unchanged since it was last indexed completely: nothing to do.
  {
    auto v = im.kb.Get(kb::kCfSources, im.source, &im.batch);
    if (!v.ok()) return v.status();
    if (v.value()) {
      Json j = ParseJson(*v.value());
      if (!j.is_discarded() && j.value("hash", "") == hash && j.value("state", "") == "complete") {
        report_.files_unchanged++;
        return Status::Ok();
      }
    }
  }
  im.docs.clear();
  im.trials.clear();
  im.chunk_bytes = 0;
  im.flushed = false;
  im.removed = false;
  im.error = Status::Ok();
  im.file_documents = 0;
  im.record_no = 0;
  im.file_records = 0;
  im.file_diagnostics = 0;
  Status parsed = format->parse(in, im);
  im.Wait();
  if (!im.error.ok()) return im.error;
  if (parsed.ok() && im.file_records == 0) {
    // Nothing usable: the file failed as a whole and leaves the store
    // (including what an earlier version of it contributed) untouched.
    if (im.file_diagnostics == 0) return fail("no " + format->name + " records found", false);
    return fail("no usable " + format->name + " records (" + std::to_string(im.file_diagnostics) +
                    (im.file_diagnostics == 1 ? " problem)" : " problems)"),
                false);
  }
  if (!parsed.ok() && !im.flushed) {
    im.docs.clear();
    im.trials.clear();
    return fail(parsed.message(), parsed.code() == Status::Code::kIOError);
  }
  if (!parsed.ok()) {
    Diagnostic d = FileDiagnostic(display, in.name(), parsed.message());
    d.message += " (records before this point were indexed)";
    im.on_diagnostic(d);
    report_.diagnostics++;
  }
  im.Flush();
  im.Wait();
  if (!im.error.ok()) return im.error;
  Json summary = {{"format", format->name},
                  {"hash", hash},
                  {"size", size},
                  {"documents", im.file_documents},
                  {"state", parsed.ok() ? "complete" : "partial"}};
  im.batch.Put(kb::kCfSources, im.source, Dump(summary));
  report_.files_indexed++;
  return im.MaybeCommit(false);
}

}  // namespace ckb::indexer
