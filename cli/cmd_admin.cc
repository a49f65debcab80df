// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb stats`, `ckb check [--deep]` and `ckb rebuild-index`.
#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "query/prisma.h"

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
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  if (sources) return RunSources(*base, format);
  auto st = base->GetStats();
  if (!st.ok()) return ReportError(st.status());
  const kb::Stats& s = st.value();
  if (format == "json") {
    PrintJson({{"documents", s.documents},
               {"works", s.works},
               {"citations", s.citations},
               {"trials", s.trials},
               {"generation", s.generation},
               {"index_generation", s.index_generation},
               {"index_documents", s.index_documents}});
  } else {
    std::printf("knowledge base  %s\n", g.db.c_str());
    std::printf("documents       %llu\nworks           %llu\ncitations       %llu\ntrials          %llu\n"
                "generation      %llu (index %llu, %llu documents)\n",
                static_cast<unsigned long long>(s.documents), static_cast<unsigned long long>(s.works),
                static_cast<unsigned long long>(s.citations), static_cast<unsigned long long>(s.trials),
                static_cast<unsigned long long>(s.generation), static_cast<unsigned long long>(s.index_generation),
                static_cast<unsigned long long>(s.index_documents));
  }
  return kExitOk;
}

int RunCheck(const GlobalOptions& g, bool deep) {
  int code = kExitOk;
  // A writer's open replays a pending batch; check what a reader sees.
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  std::vector<std::string> report;
  Status s = base->Check(deep, &report);
  for (const auto& line : report) std::printf("%s\n", line.c_str());
  if (!s.ok()) {
    std::fprintf(stderr, "ckb: %s\n", s.message().c_str());
    return kExitSoftware;
  }
  return kExitOk;
}

int RunRebuild(const GlobalOptions& g) {
  int code = kExitOk;
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
  (void)code;
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
  return {sub, [format, sources, &global] { return RunStats(global, *format, *sources); }};
}

Command AddCheckCommand(CLI::App& app, GlobalOptions& global) {
  auto deep = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("check", "Verify that the record store and the index agree");
  sub->add_flag("--deep", *deep, "Also verify index integrity and record checksums");
  return {sub, [deep, &global] { return RunCheck(global, *deep); }};
}

Command AddRebuildIndexCommand(CLI::App& app, GlobalOptions& global) {
  CLI::App* sub = app.add_subcommand("rebuild-index", "Rebuild the search index from the record store");
  return {sub, [&global] { return RunRebuild(global); }, /*writes=*/true};
}

}  // namespace ckb::cli
