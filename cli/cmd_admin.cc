// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb stats`, `ckb check [--deep]` and `ckb rebuild-index`.
#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "query/prisma.h"
#include "query/search_json.h"

namespace ckb::cli {
namespace {

Json DedupJson(const query::DedupReport& r) {
  Json sources = Json::array();
  for (const auto& s : r.sources) {
    sources.push_back({{"source", s.source}, {"format", s.format}, {"documents", s.documents}, {"records", s.records}});
  }
  return {{"sources", sources},       {"records", r.records},
          {"duplicates", r.duplicates}, {"duplicates_by_key", r.by_key},
          {"works", r.works},           {"works_cited_only", r.cited_only}};
}

void PrintDedup(const query::DedupReport& r) {
  std::printf("Records identified (PRISMA 2020, identification)\n");
  std::printf("  %-60s %-11s %9s %9s\n", "source", "format", "documents", "records");
  for (const auto& s : r.sources) {
    std::printf("  %-60s %-11s %9llu %9llu\n", FitWidth(s.source, 60).c_str(), s.format.c_str(),
                static_cast<unsigned long long>(s.documents), static_cast<unsigned long long>(s.records));
  }
  std::string keys;
  for (const auto& [k, n] : r.by_key) keys += (keys.empty() ? "" : ", ") + k + " " + std::to_string(n);
  std::printf("records from %zu source file(s)     %llu\n", r.sources.size(), static_cast<unsigned long long>(r.records));
  std::printf("duplicate records merged         %llu%s\n", static_cast<unsigned long long>(r.duplicates),
              keys.empty() ? "" : (" (by " + keys + ")").c_str());
  std::printf("works after merging              %llu\n", static_cast<unsigned long long>(r.works));
  std::printf("works known only as references   %llu (cited by indexed works; not records)\n",
              static_cast<unsigned long long>(r.cited_only));
}

int RunSources(const kb::KnowledgeBase& base, const std::string& format) {
  auto r = query::BuildDedupReport(base);
  if (!r.ok()) return ReportError(r.status());
  if (format == "json") {
    PrintJson(DedupJson(r.value()));
  } else {
    PrintDedup(r.value());
  }
  return kExitOk;
}

int RunStats(const GlobalOptions& g, const std::string& format, bool sources) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code, {}, false, /*note_lag=*/false);
  if (!base) return code;
  if (sources) return RunSources(*base, format);
  auto st = base->GetStats();
  if (!st.ok()) return ReportError(st.status());
  auto lag = base->GetIndexLag();
  if (!lag.ok()) return ReportError(lag.status());
  const kb::Stats& s = st.value();
  const kb::IndexLag& l = lag.value();
  if (format == "json") {
    PrintJson(query::StatsJson(s, l));
  } else {
    auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
    std::printf("knowledge base  %s\n", g.db.c_str());
    std::printf("documents       %llu\nworks           %llu\ncitations       %llu\ntrials          %llu\n"
                "generation      %llu (index %llu, %llu documents)\n",
                u(s.documents), u(s.works), u(s.citations), u(s.trials), u(s.generation),
                u(s.index_generation), u(s.index_documents));
    if (l.behind()) {
      std::printf("index           behind by %llu generation(s), %llu work(s) not yet searchable\n",
                  u(l.records_generation - l.index_generation), u(l.pending_works));
    }
  }
  if (l.behind()) std::fprintf(stderr, "ckb: %s\n", LagNotice(l).c_str());
  return kExitOk;
}

// Prints a check report; 0 when the stores agree or the index only lags
// (with a note on stderr), 70 on a real mismatch.
int ReportCheck(const kb::KnowledgeBase& base, const std::vector<std::string>& report,
                const Status& s) {
  for (const auto& line : report) std::printf("%s\n", line.c_str());
  if (!s.ok()) {
    std::fprintf(stderr,
                 "ckb: %s: the index disagrees with the records; `ckb check --repair` rebuilds "
                 "it from the records (nothing in the records is lost)\n",
                 s.message().c_str());
    return kExitSoftware;
  }
  auto lag = base.GetIndexLag();
  if (lag.ok() && lag.value().behind()) std::fprintf(stderr, "ckb: %s\n", LagNotice(lag.value()).c_str());
  return kExitOk;
}

int RunCheck(const GlobalOptions& g, bool deep) {
  int code = kExitOk;
  // A writer's open replays a pending batch; check what a reader sees.
  auto base = OpenForRead(g, &code, {}, false, /*note_lag=*/false);
  if (!base) return code;
  std::vector<std::string> report;
  Status s = base->Check(deep, &report);
  if (s.code() != Status::Code::kOk && s.code() != Status::Code::kCorruption) return ReportError(s);
  return ReportCheck(*base, report, s);
}

// Opens for writing, which applies the outbox to an index that lags; an
// index that cannot be opened or caught up (or that still disagrees with
// the records after that) is rebuilt from the records.
int RunRepair(const GlobalOptions& g, bool deep) {
  kb::OpenOptions o;
  o.write = true;
  o.create = false;
  uint64_t before = IndexGenerationNow(g);
  auto r = kb::KnowledgeBase::Open(g.db, o);
  bool rebuild = false;
  if (!r.ok()) {
    if (r.status().code() != Status::Code::kCorruption) return ReportError(r.status());
    std::fprintf(stderr, "ckb: %s\nckb: repair: rebuilding the index from the records\n",
                 r.status().message().c_str());
    auto forced = kb::KnowledgeBase::OpenForRebuild(g.db);
    if (!forced.ok()) return ReportError(forced.status());
    r = std::move(forced);
    rebuild = true;
  }
  auto base = std::move(r).value();
  // The counts `ckb stats` reads, from the records as they are.
  if (Status rc = base->Recount(); !rc.ok()) return ReportError(rc);
  std::vector<std::string> report;
  Status s = rebuild ? Status::Corruption("index refused") : base->Check(false, &report);
  if (s.code() == Status::Code::kCorruption) {
    if (!rebuild) {
      std::fprintf(stderr, "ckb: repair: the index disagrees with the records; rebuilding it\n");
    }
    Status rs = base->RebuildIndex();
    if (!rs.ok()) return ReportError(rs);
    rebuild = true;
  } else if (!s.ok()) {
    return ReportError(s);
  }
  uint64_t gen = base->generation();
  Status cs = base->Close();
  if (!cs.ok()) return ReportError(cs);
  if (!g.quiet) {
    if (rebuild) {
      std::fprintf(stderr, "ckb: repair: index rebuilt from the records at generation %llu\n",
                   static_cast<unsigned long long>(gen));
    } else if (before < gen) {
      std::fprintf(stderr, "ckb: repair: index brought level from generation %llu to %llu\n",
                   static_cast<unsigned long long>(before), static_cast<unsigned long long>(gen));
    } else {
      std::fprintf(stderr, "ckb: repair: nothing to repair at generation %llu\n",
                   static_cast<unsigned long long>(gen));
    }
  }
  return RunCheck(g, deep);
}

int RunRebuild(const GlobalOptions& g) {
  kb::OpenOptions o;
  o.write = true;
  o.create = false;
  auto r = kb::KnowledgeBase::Open(g.db, o);
  if (!r.ok() && r.status().code() == Status::Code::kCorruption) {
    // The index disagrees with the records: open the records alone by
    // moving the index aside, then rebuild from them.
    std::fprintf(stderr, "ckb: %s\nckb: rebuilding the index from the records\n", r.status().message().c_str());
  }
  if (!r.ok()) {
    auto forced = kb::KnowledgeBase::OpenForRebuild(g.db);
    if (!forced.ok()) return ReportError(forced.status());
    r = std::move(forced);
  }
  auto base = std::move(r).value();
  Status s = base->RebuildIndex();
  if (!s.ok()) return ReportError(s);
  s = base->Close();
  if (!s.ok()) return ReportError(s);
  if (!g.quiet) std::fprintf(stderr, "ckb: index rebuilt at generation %llu\n", static_cast<unsigned long long>(base->generation()));
  return kExitOk;
}

}  // namespace

Command AddStatsCommand(CLI::App& app, GlobalOptions& global) {
  auto format = std::make_shared<std::string>("text");
  auto sources = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("stats", "Counts of documents, works, citations and trials");
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--sources", *sources,
                "Records read per source file and format, duplicates merged (by DOI, PMID, registry id, "
                "fuzzy match) and works after merging: the first boxes of a PRISMA 2020 flow diagram");
  sub->footer(ExamplesFooter({
                            "stats",
                            "stats --sources"}));
  return {sub, [format, sources, &global] { return RunStats(global, *format, *sources); }};
}

Command AddCheckCommand(CLI::App& app, GlobalOptions& global) {
  auto deep = std::make_shared<bool>(false);
  auto repair = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "check",
      "Verify that the record store and the index agree. Exit 0 when they agree or the index "
      "only lags behind the records (a 'lag' line, as an interrupted `ckb index` leaves it); "
      "70 when they disagree");
  sub->add_flag("--deep", *deep, "Also verify index integrity and record checksums");
  sub->add_flag("--repair", *repair,
                "Bring a lagging index level from the records' outbox (only what changed), or "
                "rebuild it from the records when they disagree; then check again (takes the "
                "writer lock)");
  sub->footer(ExamplesFooter({
                            "check",
                            "check --deep"}));
  return {sub, [deep, repair, &global] {
            return *repair ? RunRepair(global, *deep) : RunCheck(global, *deep);
          }};
}

Command AddRebuildIndexCommand(CLI::App& app, GlobalOptions& global) {
  CLI::App* sub = app.add_subcommand("rebuild-index", "Rebuild the search index from the record store");
  sub->footer(ExamplesFooter({"rebuild-index"}));
  return {sub, [&global] { return RunRebuild(global); }, /*writes=*/true};
}

}  // namespace ckb::cli
