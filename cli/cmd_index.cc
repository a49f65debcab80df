// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb index PATH...`: index files and folders into the knowledge base.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "cli/common.h"
#include "cli/progress.h"
#include "cli/exit_codes.h"
#include "ingest/ingest.h"
#include "readers/parser.h"
#include "text/text_norm.h"

namespace ckb::cli {
namespace {

struct IndexOptions {
  std::vector<std::string> paths;
  std::string format;
  std::string progress = "auto";
  size_t batch = 2000;
  bool live_index = false;
  int threads = 0;
  bool follow = false;
  bool hidden = false;
  bool prune = false;
  std::string shard;  // "K/N"
};

// Shows the first kShown problems of one kind in one file and counts the
// rest, for one summary line per kind: "empty.ris: 58 more of: record
// without title (-v shows each)". A kind is the message with its numbers
// and what follows its first ": " left out.
class RepeatCounter {
 public:
  static constexpr uint64_t kShown = 3;
  bool Show(const Diagnostic& d, bool all) {
    uint64_t n = ++seen_[{d.source, Kind(d.message)}];
    return all || n <= kShown;
  }
  void PrintSummary() const {
    for (const auto& [key, n] : seen_) {
      if (n <= kShown) continue;
      std::fprintf(stderr, "%s: %llu more of: %s (-v shows each)\n", key.first.c_str(),
                   static_cast<unsigned long long>(n - kShown), key.second.c_str());
    }
  }

 private:
  static std::string Kind(const std::string& message) {
    std::string k;
    for (size_t i = 0; i < message.size(); ++i) {
      char c = message[i];
      if (c == ':' && i + 1 < message.size() && message[i + 1] == ' ') break;
      if (c >= '0' && c <= '9') {
        if (k.empty() || k.back() != 'N') k.push_back('N');
        continue;
      }
      k.push_back(c);
    }
    return k;
  }
  std::map<std::pair<std::string, std::string>, uint64_t> seen_;
};
// "K/N" with 0 <= K < N; false when malformed.
bool ParseShard(const std::string& s, uint32_t* k, uint32_t* n) {
  unsigned long a = 0, b = 0;
  char slash = 0, rest = 0;
  if (std::sscanf(s.c_str(), "%lu%c%lu%c", &a, &slash, &b, &rest) != 3 || slash != '/') return false;
  if (b == 0 || a >= b || b > 65536) return false;
  *k = static_cast<uint32_t>(a);
  *n = static_cast<uint32_t>(b);
  return true;
}

// "; 3 skipped (2 hidden or temporary, ...)" for the summary, or "".
std::string SkippedClause(const ingest::IngestReport& r) {
  std::string parts;
  auto add = [&](uint64_t n, const std::string& what) {
    if (n == 0) return;
    if (!parts.empty()) parts += ", ";
    parts += std::to_string(n) + " " + what;
  };
  add(r.skipped_hidden, "hidden or temporary (--hidden includes them)");
  add(r.skipped_ignored, "by .ckbignore");
  add(r.links_not_followed, r.links_not_followed == 1 ? "symbolic link not followed (-L follows links)"
                                                      : "symbolic links not followed (-L follows links)");
  add(r.repeated, "reached again by another path (indexed once)");
  uint64_t total = r.skipped_hidden + r.skipped_ignored + r.links_not_followed + r.repeated;
  return total == 0 ? "" : "; " + std::to_string(total) + " skipped: " + parts;
}

// `ckb index` without paths: the writer's open applies the outbox to an
// index left behind by an interrupted run; nothing else is read.
int CatchUpOnly(const GlobalOptions& g, const IndexOptions& o) {
  uint64_t before = IndexGenerationNow(g);
  ProgressMeter meter(!g.quiet && (o.progress == "always" || (o.progress == "auto" && ::isatty(2))));
  meter.Stage("bringing the search index level with the records");
  int code = kExitOk;
  auto base = OpenForWrite(g, &code, !o.live_index, o.threads);
  if (!base) return code;
  Status st = base->CatchUpIndex();
  meter.Stop();
  uint64_t gen = base->generation();
  if (st.ok()) st = base->Close();
  if (!st.ok()) return ReportError(st);
  if (!g.quiet) {
    if (before < gen) {
      std::fprintf(stderr, "ckb: no paths given; the index was brought level from generation %llu to %llu\n",
                   static_cast<unsigned long long>(before), static_cast<unsigned long long>(gen));
    } else {
      std::fprintf(stderr, "ckb: no paths given; the index is level with the records at generation %llu\n",
                   static_cast<unsigned long long>(gen));
    }
  }
  return kExitOk;
}

int RunIndex(const GlobalOptions& g, const IndexOptions& o) {
  if (o.paths.empty()) return CatchUpOnly(g, o);
  uint32_t shard = 0, shard_count = 1;
  if (!o.shard.empty() && !ParseShard(o.shard, &shard, &shard_count)) {
    std::fprintf(stderr, "ckb: --shard %s: expected K/N with 0 <= K < N (e.g. 0/4)\n", o.shard.c_str());
    return kExitUsage;
  }
  // Before the knowledge base: its commit observer below prints through it.
  bool show_progress = !g.quiet && (o.progress == "always" || (o.progress == "auto" && ::isatty(2)));
  ProgressMeter meter(show_progress);
  int code = kExitOk;
  auto base = OpenForWrite(g, &code, !o.live_index, o.threads);
  if (!base) return code;
  if (g.verbose > 0) {
    // One line per acknowledged (durable) generation, for scripts and crash tests.
    base->SetCommitObserver([&meter](uint64_t gen) {
      meter.Message("ckb: committed generation " + std::to_string(gen) + "\n");
    });
  }
  auto start = std::chrono::steady_clock::now();
  ingest::IngestOptions io;
  io.format = o.format;
  io.batch_documents = o.batch;
  io.progress = show_progress;
  io.threads = o.threads > 0 ? o.threads : kb::DefaultThreads();
  io.follow_links = o.follow;
  io.hidden = o.hidden;
  io.prune = o.prune;
  io.shard = shard;
  io.shard_count = shard_count;
  if (show_progress) io.on_progress = [&](const ingest::IngestProgress& p) { meter.Update(p); };
  uint64_t problems = 0;
  RepeatCounter repeats;
  ingest::Ingester ing(*base, knowledge::EntityExtractor::Default(), io, [&](const Diagnostic& raw) {
    ++problems;
    // A message quoting input is made valid UTF-8 for whatever reads stderr.
    Diagnostic d = raw;
    d.message = text::ValidUtf8(d.message);
    if (!repeats.Show(d, g.verbose > 0)) return;
    if (d.line > 0) {
      meter.Message(d.source + ":" + std::to_string(d.line) + ": " + d.message + "\n");
    } else if (d.record > 0) {
      meter.Message(d.source + ": record " + std::to_string(d.record) + ": " + d.message + "\n");
    } else {
      meter.Message(d.source + ": " + d.message + "\n");
    }
  });
  // The totals take one walk of the folders before reading (stat only).
  if (show_progress) meter.Start(ingest::CountInputs(o.paths, io));
  Status st;
  for (const auto& p : o.paths) {
    st = ing.IndexPath(p);
    if (!st.ok()) break;
  }
  if (st.ok()) st = ing.Finish();
  if (st.ok() && !o.live_index) {
    // The records of every batch are durable; now the index, in one go.
    meter.Stage("updating the search index");
    st = base->CatchUpIndex();
  }
  meter.Stop();
  repeats.PrintSummary();
  if (!st.ok()) return ReportError(st);
  // The knowledge base's totals, in the words and numbers of `ckb stats`.
  auto totals = base->GetStats();
  if (!totals.ok()) return ReportError(totals.status());
  Status cs = base->Close();
  if (!cs.ok()) return ReportError(cs);
  const auto& r = ing.report();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!g.quiet) {
    std::fprintf(stderr,
                 "ckb: %llu files seen: %llu indexed, %llu unchanged, %llu failed%s; %llu documents read "
                 "(%llu trial registrations), %llu record problems; generation %llu; %.2f s\n",
                 static_cast<unsigned long long>(r.files_seen), static_cast<unsigned long long>(r.files_indexed),
                 static_cast<unsigned long long>(r.files_unchanged), static_cast<unsigned long long>(r.files_failed),
                 SkippedClause(r).c_str(), static_cast<unsigned long long>(r.documents + r.trials),
                 static_cast<unsigned long long>(r.trials),
                 static_cast<unsigned long long>(r.diagnostics),
                 static_cast<unsigned long long>(base->generation()), secs);
    if (r.files_pruned > 0) {
      std::fprintf(stderr, "ckb: %llu file(s) indexed before are gone from the folder(s); their records were removed\n",
                   static_cast<unsigned long long>(r.files_pruned));
    } else if (r.files_gone > 0) {
      std::fprintf(stderr,
                   "ckb: %llu file(s) indexed before are gone from the folder(s); their records are kept "
                   "(`ckb index --prune` with the same folder removes them)\n",
                   static_cast<unsigned long long>(r.files_gone));
    }
    std::fprintf(stderr, "ckb: knowledge base: %s\n", StatsLine(totals.value()).c_str());
    if (shard_count > 1) {
      std::fprintf(stderr, "ckb: shard %u/%u: %llu records left to the other shards\n", shard, shard_count,
                   static_cast<unsigned long long>(r.other_shards));
    }
  }
  // 66 when nothing named could be read at all; a file missing, unreadable
  // or changed among others that were read is a malformed run (65).
  if (r.files_unreadable > 0 && r.files_unreadable >= r.files_failed && r.files_indexed == 0 &&
      r.files_unchanged == 0 && r.diagnostics == 0) {
    return kExitNoInput;
  }
  if (r.files_failed > 0 || r.diagnostics > 0) return kExitDataErr;
  return kExitOk;
}

}  // namespace

Command AddIndexCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<IndexOptions>();
  CLI::App* sub = app.add_subcommand("index", "Index files and folders (recursive; format detected)");
  sub->add_option("paths", o->paths,
                  "Files or folders; none: only bring an index left behind by an interrupted run "
                  "level with the records");
  std::vector<std::string> formats;
  for (const auto& f : readers::Formats()) formats.push_back(f.name);
  std::string names;
  for (const auto& f : formats) names += (names.empty() ? "" : ", ") + f;
  sub->add_option("--format", o->format, "Read every input as this format (" + names + ")")
      ->check(CLI::IsMember(formats));
  sub->add_option("--progress", o->progress, "Progress line on stderr: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  sub->add_option("--batch", o->batch, "Documents per commit (default 2000)");
  sub->add_flag("--live-index", o->live_index,
                "Update the search index with every commit, so that searches see the run's "
                "progress (slower); by default the index is brought up to date once, at the end");
  sub->add_option("--threads", o->threads,
                  "Threads for entity extraction and for building the search index; with 2 or "
                  "more, records are also merged on a thread of their own (default: "
                  "$CKB_INDEX_THREADS, else the number of processors, at most 8)")
      ->check(CLI::Range(1, 64));
  sub->add_flag("-L,--follow", o->follow,
                "Follow symbolic links inside folders (loops are detected); links named on the "
                "command line are always followed");
  sub->add_flag("--prune", o->prune,
                "Remove the records of files indexed before from a folder named here that are no longer "
                "on disk (without it they are counted in the summary and kept)");
  sub->add_flag("--hidden", o->hidden,
                "Also read hidden files and folders (.git, .DS_Store, ...), editor swap and backup "
                "files, Office ~$ lock files and browser <page>_files folders, skipped by default");
  sub->footer(ExamplesFooter({"index corpus/", "index corpus/her2-library.ris corpus/destiny-breast04.pubmed.xml",
                             "index corpus/ --prune --progress never", "index"},
                            "A .ckbignore file (gitignore syntax) in a walked folder names what to skip there and "
                            "below. Each file is indexed once however many paths reach it. Without paths, the "
                            "search index is brought level with the records."));
  sub->add_option("--shard", o->shard,
                  "K/N: index only the records of shard K of N (0-based), by the hash of the work "
                  "id of each record's first identifier, so that N machines can each build one "
                  "shard (see docs/PERFORMANCE.md, \"Past one machine\")");
  return {sub, [o, &global] { return RunIndex(global, *o); }, /*writes=*/true};
}

}  // namespace ckb::cli
