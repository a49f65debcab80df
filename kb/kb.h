// SPDX-License-Identifier: GPL-3.0-or-later
// kb/: the knowledge base's model, its two stores and their commit protocol;
// the only folder that talks to RocksDB and Xapian (docs/ARCHITECTURE.md).
//
// KnowledgeBase: the two stores of one ckb knowledge base behind one API.
// RocksDB (<dir>/rocksdb) is the system of record; the Xapian index
// (<dir>/xapian.N, named by <dir>/index.current) is derived from it and can
// be rebuilt. Writes go through a Batch and are committed with a generation
// number: one synced RocksDB write (records + outbox + generation), then one
// Xapian transaction stamped with the same generation. A writer that opens
// a knowledge base whose index is one generation behind replays the outbox.
//
// Thread-safety: a KnowledgeBase is used from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"
#include "kb/query_tree.h"
#include "kb/record.h"
#include "kb/status.h"

namespace ckb::kb {

// Free space required before opening for write: $CKB_MIN_FREE_MB mebibytes
// when set, else 256 MiB. Each commit needs a quarter of it (at least three
// times the batch size).
uint64_t DefaultMinFreeBytes();
// Threads for indexing work (entity extraction, index building):
// $CKB_INDEX_THREADS, else the number of processors, at most 8.
int DefaultThreads();

struct OpenOptions {
  bool write = false;   // take the writer lock and open both stores for writing
  bool create = true;   // with write: create the knowledge base when missing
  // With write: refuse to start (kIOError, "disk full") when the file system
  // holding the knowledge base has less free space than this.
  uint64_t min_free_bytes = DefaultMinFreeBytes();
  // With write: Commit() makes the records durable and leaves the index to
  // CatchUpIndex() (or Close()), which applies everything committed since in
  // one go, rebuilding the index in parallel when that is cheaper. For bulk
  // loads; readers see the previous index until then.
  bool defer_index = false;
  // Threads for rebuilding the index (0: $CKB_INDEX_THREADS, else the number
  // of processors, at most 8).
  int index_threads = 0;
  // Readers: open only these column families of the record store (kb/keys.h;
  // "meta" is always opened). Opening is most of a one-query process, and
  // each column family costs its share. Reading one that was not opened
  // fails with kInternal. Empty: all.
  std::vector<std::string> column_families;
  // Readers: the process looks up a handful of records and exits (a
  // one-query `ckb search`). The record store then opens at most two table
  // files while opening, instead of up to 16, and keeps at most ten open.
  bool few_reads = false;
};

struct Stats {
  uint64_t documents = 0;  // source documents indexed
  uint64_t works = 0;
  uint64_t citations = 0;
  uint64_t trials = 0;
  uint64_t generation = 0;
  uint64_t index_generation = 0;
  uint64_t index_documents = 0;
};

// How far the index is behind the records (KnowledgeBase::GetIndexLag).
// A lag is expected after an interrupted `ckb index` (deferred index: the
// records of every finished batch are durable, the index is brought up to
// date at the end of the run) and is recoverable while the outbox covers
// every generation the index lacks: any writer's open applies it.
struct IndexLag {
  uint64_t records_generation = 0;
  uint64_t index_generation = 0;
  // Whether the outbox was read (readers that did not open the "log"
  // column family cannot; the two fields below are then unknown).
  bool outbox_read = false;
  // The outbox holds every generation in (index, records]: a writer's open
  // (`ckb index`, `ckb check --repair`) brings the index level. Otherwise
  // only `ckb rebuild-index` can.
  bool recoverable = true;
  uint64_t pending_works = 0;  // distinct works written since the index's generation
  // A writer holding the lock now (0: none): the lag is its run in progress.
  int writer_pid = 0;
  bool behind() const { return index_generation < records_generation; }
};

// The pid of the process holding the writer lock of the knowledge base in
// `dir` (from /proc/locks, without touching the lock), 0 when none.
int RunningWriterPid(const std::string& dir);

// A set of uncommitted changes. Reads through a Batch see its own changes
// over the committed state.
class Batch {
 public:
  Batch() = default;
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  Batch(Batch&&) = default;

  void Put(const std::string& cf, const std::string& key, std::string value);
  void Delete(const std::string& cf, const std::string& key);
  // Marks a work whose index document must be rebuilt at commit.
  void TouchWork(const std::string& id) { touched_[id] = true; }
  bool empty() const { return pending_.empty() && touched_.empty(); }
  size_t approximate_bytes() const { return bytes_; }

 private:
  friend class KnowledgeBase;
  std::map<std::pair<std::string, std::string>, std::optional<std::string>> pending_;
  std::map<std::string, bool> touched_;
  size_t bytes_ = 0;
};

struct SearchRequest {
  // The query as a tree (query/ builds it from the user's syntax). When
  // absent, `text` is parsed with Xapian's QueryParser and our field prefixes.
  std::optional<QueryNode> tree;
  std::string text;
  // Extra boolean filters (prefix, value) ANDed with the query; values of the
  // same prefix are ORed.
  std::vector<std::pair<std::string, std::string>> filters;
  size_t offset = 0;
  size_t limit = 20;  // kAllHits: every match
  static constexpr size_t kAllHits = static_cast<size_t>(-1);
  std::string sort = "relevance";  // relevance | date | cited
  // Snippets cost more than the rest of a search together: callers that
  // do not show them (machine output, selections) turn them off.
  bool snippets = true;
  bool facets = false;
  bool explain = false;
  // Count every match so that `total` is exact (facets do so anyway);
  // otherwise `total` may be Xapian's estimate within [total_lower, total_upper].
  bool exact_total = false;
  // Read each hit's record (SearchHit::record, snippets); false gives ids,
  // ranks and scores only, for callers that read the records one at a time.
  bool records = true;
  std::optional<int> year_from, year_to;
  double time_limit_seconds = 10.0;  // stop matching after this long (0 = none)
};

// The members of a work record copied into SearchHit::record; "abstract"
// only when snippets are requested (the snippet is cut from it).
extern const std::vector<std::string_view> kHitFields;

struct SearchHit {
  std::string id;
  double score = 0;
  int rank = 0;
  // The members of the work record a hit shows (kHitFields); the rest
  // (entities, provenance, references, full text) is left unread: GetWork
  // gives the whole record.
  Json record;
  std::string snippet;  // with matched words between \x01 and \x02
  Json explain;         // per-term contributions when requested
};

struct SearchResults {
  std::string parsed;  // Xapian's description of the query
  uint64_t total = 0;  // matches (exact when total_exact, else Xapian's estimate)
  bool total_exact = false;
  uint64_t total_lower = 0, total_upper = 0;  // the bounds Xapian gives (equal when exact)
  std::vector<SearchHit> hits;
  std::map<std::string, std::map<std::string, uint64_t>> facets;
  std::vector<std::string> warnings;  // parts of the query that could not be used
};

// Turns "field:value" user terms into boolean index terms (entity expansion);
// returns the index values (lower case) for a field such as "drug".
using TermResolver = std::function<std::vector<std::string>(std::string_view field,
                                                            std::string_view value)>;

class KnowledgeBase {
 public:
  static Result<std::unique_ptr<KnowledgeBase>> Open(const std::string& dir,
                                                     const OpenOptions& options);
  // Opens for writing without opening the index, for `rebuild-index` when
  // the index is missing, damaged or disagrees with the records. The record
  // store must exist.
  static Result<std::unique_ptr<KnowledgeBase>> OpenForRebuild(const std::string& dir);
  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  const std::string& dir() const;
  bool writable() const;

  // Committed reads; with a Batch, pending changes of the batch are seen first.
  Result<std::optional<std::string>> Get(const std::string& cf, const std::string& key,
                                         const Batch* batch = nullptr) const;
  // Committed reads of several keys of one column family in one RocksDB
  // MultiGet; the values in the order of `keys`.
  Result<std::vector<std::optional<std::string>>> MultiGet(const std::string& cf,
                                                           const std::vector<std::string>& keys) const;
  // Calls fn(key, value) for every key starting with `prefix` in key order;
  // fn returns false to stop.
  Status Scan(const std::string& cf, const std::string& prefix,
              const std::function<bool(std::string_view, std::string_view)>& fn,
              const Batch* batch = nullptr) const;

  // Resolves "doi:...", "pmid:...", "pmcid:...", a bare DOI/PMID/PMCID, or a
  // work id to a work id. kNotFound when unknown.
  Result<std::string> ResolveWork(std::string_view ref) const;
  Result<std::optional<Json>> GetWork(const std::string& id) const;
  Result<std::optional<Json>> GetTrial(const std::string& nct) const;
  // Number of distinct works citing `id` (references section).
  Result<uint64_t> CitedByCount(const std::string& id) const;
  // Calls fn(n, edge JSON) for the entries of `section` ("references" or
  // "related") of work `citing`, in list order. When several sources list
  // them (a paper's PMC full text and its PubMed record), one source's list
  // is used: the longest, on equal length the first by source tag.
  Status ScanCitations(const std::string& citing, const std::string& section,
                       const std::function<bool(int n, std::string_view edge)>& fn) const;

  Result<Stats> GetStats() const;

  // Commits a batch (writer only). On success the batch is durable in the
  // record store (and in the index unless deferred) and `generation()` has
  // advanced by one. An empty batch is a no-op. A failure before writing
  // (read-only, disk-full preflight, index replay) leaves the batch as it
  // was; after that the batch is spent whether or not it was written.
  Status Commit(Batch& batch);
  uint64_t generation() const;
  // The generation the index carries, as read at open (or after the last
  // index update of this writer).
  uint64_t index_generation() const;
  // The index's lag behind the records, with the outbox read when this
  // handle opened the "log" column family.
  Result<IndexLag> GetIndexLag() const;
  // The distinct work ids of the outbox entries of generations (from, to],
  // sorted; *complete is false when an entry of that range is missing.
  Status OutboxIds(uint64_t from, uint64_t to, std::vector<std::string>* ids,
                   bool* complete) const;
  // Writer: brings the index up to the records' generation (a no-op unless
  // commits were deferred or an index update failed).
  Status CatchUpIndex();
  // Called with the generation after each acknowledged commit (writer).
  void SetCommitObserver(std::function<void(uint64_t)> fn);

  Result<SearchResults> Search(const SearchRequest& request, const TermResolver& resolver) const;

  // Readers: searches run over these index shards as one Xapian database
  // instead of this knowledge base's own index (docs/PERFORMANCE.md, "Past
  // one machine"). Each spec is "host:port" (an index served by
  // xapian-tcpsrv), the directory of a knowledge base (its index, and its
  // record store for the works it holds) or that of a bare Xapian database
  // (e.g. shards merged by xapian-compact). The records of the hits come from
  // this knowledge base first, then from the local shards; this one's index
  // is searched only when it is listed too.
  Status AttachShards(const std::vector<std::string>& specs);
  // The Xapian database directory of the current index (what
  // xapian-tcpsrv serves; it changes when the index is rebuilt).
  std::string IndexDirectory() const;
  // The shard a work belongs to of `count` (0-based): its work id's hash
  // (kb::WorkIdFor) modulo `count`.
  static uint32_t ShardOfWork(std::string_view work_id, uint32_t count);

  // Rebuilds the Xapian index from RocksDB into a new directory and switches
  // to it atomically (writer only).
  Status RebuildIndex();
  // Verifies the stores agree: generations, key sets, and with `deep` Xapian
  // and RocksDB checksums. Appends findings to `report`; kCorruption on any.
  Status Check(bool deep, std::vector<std::string>* report) const;

  // Catches up a deferred index, flushes and closes both stores.
  Status Close();

  // Writer: counts the records again and stores the counts that GetStats
  // reads (`ckb check --repair`; a store written before the counts were
  // kept gets them at a writer's first open).
  Status Recount();

 struct Rep;

 private:
  // The stored work records of `ids` (hits of a search): this knowledge
  // base's, then the local shards' for those it does not hold.
  Result<std::vector<std::optional<std::string>>> HitRecords(const std::vector<std::string>& ids) const;
  static Result<std::unique_ptr<KnowledgeBase>> OpenOnce(const std::string& dir,
                                                         const OpenOptions& options);
  explicit KnowledgeBase(std::unique_ptr<Rep> rep);
  // Brings the index up to the record store's generation (writer) or checks
  // that the two stores belong together (reader).
  Status Recover();
  // Rebuilds the index documents of `ids` and stamps generation `gen`, in
  // Xapian transactions of a bounded number of documents.
  Status ApplyToIndex(uint64_t gen, const std::vector<std::string>& ids);
  // Drops outbox entries the index no longer needs.
  void PruneOutbox();
  // Counts works, citations, trials and documents by scanning the records.
  Status CountRecords(Stats* st) const;
  // The counts stored under meta/counts in this handle's view of the
  // records; false when none are stored (or the value is not four numbers).
  Result<bool> StoredCounts(Stats* st) const;
  // Applies to `counts` what committing `batch` changes in them.
  Status CountChanges(const Batch& batch, Stats* counts) const;
  std::unique_ptr<Rep> rep_;
};

// The work id for a set of identifiers: derived from DOI, else PMID, else
// PMCID, else the fuzzy key; "W" + 16 hex digits.
std::string WorkIdFor(std::string_view kind, std::string_view value);
// The work id a record's work gets when it is new: WorkIdFor of its first
// identifier in the merge's order (DOI, PMID, PMCID, source id,
// registration, fuzzy key), else of `fallback`. `ckb index --shard` assigns
// records by it, so the records of one work land in one shard whenever
// they share that identifier.
std::string ShardKeyOf(const Work& work, std::string_view fallback);

}  // namespace ckb::kb
