// SPDX-License-Identifier: GPL-3.0-or-later
// Verifying that the two stores agree, and rebuilding the index from the
// record store into a fresh directory that is switched in atomically.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "kb/test_hooks.h"
#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

bool WriteAll(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Xapian's checker reads the tables as they are on disk, and on some damaged
// tables it reads past the end of its own buffers (libxapian 1.4, seen under
// AddressSanitizer). It runs in a child process, so a damaged index can
// neither crash ckb nor let the checker scribble on its memory: a child that
// does not exit normally means the index is damaged. The child sends
// "<errors>\n<report>" or "!<type>\n<message>" through a pipe.
Status CheckIndexInChild(const std::string& path, size_t* errors, std::string* text) {
  int fds[2];
  if (::pipe(fds) != 0) return Status::IOError(std::string("checking index: pipe: ") + std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::IOError(std::string("checking index: fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    std::string msg;
    try {
      std::ostringstream out;
      size_t n = Xapian::Database::check(path, Xapian::DBCHECK_SHOW_STATS, &out);
      msg = std::to_string(n) + "\n" + out.str();
    } catch (const Xapian::Error& e) {
      msg = std::string("!") + e.get_type() + "\n" + e.get_msg();
    } catch (const std::exception& e) {
      msg = std::string("!Internal\n") + e.what();
    }
    ::_exit(WriteAll(fds[1], msg) ? 0 : 1);
  }
  ::close(fds[1]);
  std::string msg;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    msg.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    std::string how = WIFSIGNALED(st) ? "signal " + std::to_string(WTERMSIG(st))
                                      : "exit status " + std::to_string(WEXITSTATUS(st));
    return Status::Corruption("checking index: the checker ended abnormally (" + how + "): the index is damaged");
  }
  size_t nl = msg.find('\n');
  if (nl == std::string::npos) return Status::Corruption("checking index: no report from the checker");
  if (msg[0] == '!') return MapXapianError(msg.substr(1, nl - 1), msg.substr(nl + 1), "checking index");
  *errors = std::stoul(msg.substr(0, nl));
  *text = msg.substr(nl + 1);
  return Status::Ok();
}

}  // namespace

namespace {

// The generation line of a check: equal, behind with the outbox covering
// the gap (an interrupted deferred run: recoverable), or a real mismatch.
std::string GenerationLine(uint64_t gr, uint64_t gx, bool complete, uint64_t pending, bool* problem,
                           bool* lag) {
  std::string line = "generation: records " + std::to_string(gr) + ", index " + std::to_string(gx);
  *problem = false;
  *lag = false;
  if (gx > gr) {
    *problem = true;
    return line + ": the index is ahead of the records; run `ckb rebuild-index`";
  }
  if (gx == gr) return line;
  uint64_t behind = gr - gx;
  if (!complete) {
    *problem = true;
    return line + ": the index is behind and the outbox no longer covers generations " +
           std::to_string(gx + 1) + ".." + std::to_string(gr) + "; run `ckb rebuild-index`";
  }
  *lag = true;
  return line + ": the index is " + std::to_string(behind) +
         (behind == 1 ? " generation" : " generations") + " behind (" + std::to_string(pending) +
         (pending == 1 ? " work" : " works") +
         " not yet searchable), as an interrupted `ckb index` leaves it; nothing is lost: "
         "`ckb check --repair` or `ckb index` brings it level from the records";
}

}  // namespace

Status KnowledgeBase::Check(bool deep, std::vector<std::string>* report) const {
  // A reader whose view lost a file to a concurrent writer starts again.
  size_t first = report->size();
  return RetryReads(rep_.get(), [&]() -> Status {
    report->resize(first);
    size_t problems = 0;
    auto note = [&](std::string msg, bool problem, bool lag = false) {
      if (problem) ++problems;
      report->push_back((problem ? "FAIL " : lag ? "lag  " : "ok   ") + msg);
    };
    // One consistent view of the index: generation, instance and Q terms
    // (read again from the start if a writer commits meanwhile).
    uint64_t gx = 0;
    std::string inst_x;
    std::vector<std::string> doc_ids;
    size_t duplicated = 0;
    CKB_RETURN_IF_ERROR(ReadWithRetry(rep_.get(), "reading index", [&] {
      doc_ids.clear();
      duplicated = 0;
      const Xapian::Database& db = rep_->Index();
      gx = ParseGen(db.get_metadata(terms::kMetaGen));
      inst_x = db.get_metadata(terms::kMetaInstance);
      for (auto t = db.allterms_begin(terms::kId); t != db.allterms_end(terms::kId); ++t) {
        doc_ids.push_back((*t).substr(1));
        if (t.get_termfreq() != 1) ++duplicated;
      }
    }));
    // The works the index has not caught up with yet: their documents may
    // be missing, stale or (deleted works) still present.
    std::vector<std::string> pending;
    bool complete = true;
    if (gx < rep_->gen) CKB_RETURN_IF_ERROR(OutboxIds(gx, rep_->gen, &pending, &complete));
    bool problem = false, lag = false;
    std::string gline = GenerationLine(rep_->gen, gx, complete, pending.size(), &problem, &lag);
    note(gline, problem, lag);
    if (!lag) pending.clear();
    note("instance: records " + rep_->instance + ", index " + (inst_x.empty() ? "-" : inst_x),
         !inst_x.empty() && inst_x != rep_->instance);

    // Key sets: every record has its document and every document its record.
    std::vector<std::string> record_ids;
    CKB_RETURN_IF_ERROR(Scan(kCfWorks, "", [&](std::string_view k, std::string_view) {
      record_ids.emplace_back(k);
      return true;
    }));
    if (duplicated > 0) note(std::to_string(duplicated) + " work ids with more than one document", true);
    size_t missing = 0, orphans = 0, waiting = 0;
    std::string example;
    auto mismatch = [&](const std::string& id, const char* what, size_t* count) {
      if (std::binary_search(pending.begin(), pending.end(), id)) {
        ++waiting;
        return;
      }
      if (example.empty()) example = std::string(what) + id;
      ++*count;
    };
    size_t i = 0, j = 0;
    while (i < record_ids.size() || j < doc_ids.size()) {
      if (j == doc_ids.size() || (i < record_ids.size() && record_ids[i] < doc_ids[j])) {
        mismatch(record_ids[i++], "record without document: ", &missing);
      } else if (i == record_ids.size() || doc_ids[j] < record_ids[i]) {
        mismatch(doc_ids[j++], "document without record: ", &orphans);
      } else {
        ++i;
        ++j;
      }
    }
    note(std::to_string(record_ids.size()) + " records, " + std::to_string(doc_ids.size()) +
             " index documents; " + std::to_string(missing) + " without document, " +
             std::to_string(orphans) + " without record" +
             (waiting > 0 ? "; " + std::to_string(waiting) + " waiting for the index to catch up" : "") +
             (example.empty() ? "" : " (" + example + ")"),
         missing + orphans > 0);

    // The counts kept by the commits against the records counted now.
    Stats counted, kept;
    CKB_RETURN_IF_ERROR(CountRecords(&counted));
    CKB_ASSIGN_OR_RETURN(bool stored, StoredCounts(&kept));
    auto many = [](uint64_t n, const char* one) {
      return std::to_string(n) + " " + one + (n == 1 ? "" : "s");
    };
    std::string now = many(counted.works, "work") + ", " + many(counted.citations, "citation") + ", " +
                      many(counted.trials, "trial") + ", " + many(counted.documents, "document");
    if (!stored) {
      note("record counts: " + now + " (not stored yet: the next writer stores them)", false);
    } else {
      bool same = EncodeCounts(kept) == EncodeCounts(counted);
      note("record counts: " + now +
               (same ? std::string(", as stored")
                     : "; stored " + EncodeCounts(kept) +
                           " (works citations trials documents): `ckb check --repair` counts again"),
           !same);
    }

    if (deep) {
      std::string xout;
      size_t xerrors = 0;
      Status xs = CheckIndexInChild(rep_->dir + "/" + rep_->index_name, &xerrors, &xout);
      note("index integrity (" + rep_->index_name + "): " +
               (xs.ok() ? std::to_string(xerrors) + " errors" : xs.message()),
           !xs.ok() || xerrors > 0);
      rocksdb::Status rs = rep_->db->VerifyChecksum();
      note("record store checksums: " + (rs.ok() ? std::string("OK") : rs.ToString()), !rs.ok());
    }
    if (problems > 0) {
      return Status::Corruption(std::to_string(problems) + " problem(s) found in " + rep_->dir);
    }
    return Status::Ok();
  });
}


Status KnowledgeBase::RebuildIndex() {
  if (!rep_->write) return Status::ReadOnly("knowledge base opened read-only");
  CKB_RETURN_IF_ERROR(CheckFreeSpace(rep_->dir, rep_->min_free_bytes, "to rebuild the index"));
  int n = 0;
  if (rep_->index_name.rfind("xapian.", 0) == 0) n = std::atoi(rep_->index_name.c_str() + 7);
  std::string name = "xapian." + std::to_string(n + 1);
  std::string path = rep_->dir + "/" + name;
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  std::map<std::string, std::string> meta = {{terms::kMetaGen, std::to_string(rep_->gen)},
                                              {terms::kMetaInstance, rep_->instance},
                                              {terms::kMetaSchema, kSchemaVersion},
                                              {terms::kMetaTerms, terms::kTermScheme}};
  // The record store's settling compactions (Close) run beside the final
  // merge, which keeps one processor busy.
  Status st = BuildIndexDirectory(*this, path, rep_->index_threads, meta, IndexBuildShape(),
                                  [this] { rep_->SettleRecords(); });
  // The new directory's entry must be durable before the pointer names it.
  if (st.ok()) st = SyncDir(rep_->dir);
  if (!st.ok()) {
    std::filesystem::remove_all(path, ec);
    return st;
  }
  hooks::FaultPoint("rebuild-before-swap");
  // Close the old index before switching so nothing writes to it again.
  if (rep_->wdb) {
    CKB_RETURN_IF_ERROR(XapianCall("closing index", [&] { rep_->wdb->close(); }));
    rep_->wdb.reset();
  }
  CKB_RETURN_IF_ERROR(WriteIndexPointer(rep_->dir, name));
  std::string old = rep_->index_name.empty() ? "" : rep_->dir + "/" + rep_->index_name;
  rep_->index_name = name;
  CKB_RETURN_IF_ERROR(XapianCall("opening index " + path, [&] {
    rep_->wdb = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_OPEN);
  }));
  rep_->index_gen = rep_->gen;
  if (!old.empty()) std::filesystem::remove_all(old, ec);
  // Older leftovers of interrupted rebuilds.
  for (const auto& entry : std::filesystem::directory_iterator(rep_->dir, ec)) {
    std::string f = entry.path().filename().string();
    if (f.rfind("xapian.", 0) == 0 && f != name) std::filesystem::remove_all(entry.path(), ec);
  }
  return Status::Ok();
}

}  // namespace ckb::kb
