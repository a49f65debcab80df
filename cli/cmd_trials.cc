// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb trials` and `ckb trial NCT|ACRONYM`: the trials seen in the knowledge
// base and, for one trial, every work linked to it.
#include <unistd.h>

#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "knowledge/entities.h"
#include "text/identifiers.h"
#include "query/search_json.h"
#include "query/table.h"
#include "query/views.h"

namespace ckb::cli {
namespace {

struct TrialsOptions {
  std::string format;
  std::string sort = "cited";
  query::TrialFilter filter;
  bool bom = false, no_header = false;
};

query::Table TrialsTable(const Json& j) {
  query::Table t;
  t.title = "Trials";
  t.columns = {{"registry_ids", "Registry ids"}, {"acronym", "Acronym"},         {"title", "Title"},
               {"phase", "Phase"},               {"status", "Status"},           {"conditions", "Conditions"},
               {"drugs", "Drugs"},               {"biomarkers", "Biomarkers"},   {"enrollment", "Enrollment"},
               {"cited_by_count", "Works"},      {"years", "Years"}};
  for (const auto& row : j["trials"]) t.rows.push_back(row);
  return t;
}

int RunTrials(const GlobalOptions& g, const TrialsOptions& o) {
  int code = kExitOk;
  PrefetchExtractor();
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  query::TrialFilter filter = o.filter;
  query::ResolveTrialFilter(&filter);
  auto v = query::TrialsView(*base, filter, o.sort);
  if (!v.ok()) return ReportError(v.status());
  const Json& j = v.value();
  std::string format = o.format.empty() ? (::isatty(1) ? "table" : "tsv") : o.format;
  if (format == "json") {
    PrintJson(j);
  } else {
    query::WriteOptions wo;
    wo.width = format == "table" && ::isatty(1) ? TerminalWidth() : 0;
    wo.bom = o.bom;
    wo.header = !o.no_header;
    std::string out = query::MakeTableWriter(format)->Write(TrialsTable(j), wo);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return j["trials"].empty() ? kExitNoMatch : kExitOk;
}

struct TrialOptions {
  std::string id;
  std::string format = "text";
};

int RunTrial(const GlobalOptions& g, const TrialOptions& o) {
  int code = kExitOk;
  PrefetchExtractor();
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  std::string term = o.id;
  auto ids = text::FindNctIds(o.id);
  if (!ids.empty()) term = ids[0];
  auto nct = query::ResolveTrial(*base, term);
  if (!nct.ok()) return ReportError(nct.status());
  auto v = query::TrialView(*base, nct.value());
  if (!v.ok()) return ReportError(v.status());
  if (o.format == "json") {
    PrintJson(v.value());
  } else {
    PrintTrialTextForShow(v.value());
  }
  return kExitOk;
}

}  // namespace

Command AddTrialsCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<TrialsOptions>();
  CLI::App* sub = app.add_subcommand("trials", "List trials with the works that report or cite each");
  sub->add_option("--format", o->format, "table, md, csv, tsv, json or html (default table on a terminal, else tsv)")
      ->check(CLI::IsMember(query::TableFormats()));
  sub->add_flag("--bom", o->bom, "CSV: start with a UTF-8 byte order mark");
  sub->add_flag("--no-header", o->no_header, "No header row");
  sub->add_option("--sort", o->sort, "cited (works linked, default), phase, date or id")->check(CLI::IsMember({"cited", "phase", "date", "id"}));
  sub->add_option("--drug", o->filter.drug, "Only trials whose record or reporting works name this drug (any synonym)");
  sub->add_option("--biomarker", o->filter.biomarker, "Only trials with this biomarker state (e.g. HER2-low)");
  sub->add_option("--phase", o->filter.phase, "Only trials of this phase (1, 1/2, 2, 3, 4)");
  sub->add_option("--status", o->filter.status, "Only trials with this status (RECRUITING, COMPLETED, ...)");
  sub->add_option("--condition", o->filter.condition, "Only trials whose conditions or diseases contain this text");
  sub->footer(ExamplesFooter({
                            "trials",
                            "trials --biomarker HER2-low --format csv",
                            "trials --drug trastuzumab-deruxtecan --sort phase"}));
  return {sub, [o, &global] { return RunTrials(global, *o); }};
}

Command AddTrialCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<TrialOptions>();
  CLI::App* sub = app.add_subcommand("trial", "One trial: registry facts and every linked work with its role");
  sub->add_option("id", o->id, "NCT number or acronym (e.g. DESTINY-Breast04)")->required();
  sub->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->footer(ExamplesFooter({
                            "trial NCT05633979",
                            "trial NCT05633979 --format json"}));
  return {sub, [o, &global] { return RunTrial(global, *o); }};
}

}  // namespace ckb::cli
