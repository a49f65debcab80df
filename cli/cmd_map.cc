// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb map --rows biomarker --cols drug [QUERY]`: an evidence map counting
// works (and trials) per cell, as text, CSV/TSV/Markdown/JSON or an HTML
// heat map with each cell's works and a publication timeline.
#include <unistd.h>

#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/work_select.h"
#include "query/evidence_map.h"
#include "query/review_table.h"

namespace ckb::cli {
namespace {

struct MapOptions {
  WorkSelection select;
  std::string rows = "biomarker", cols = "drug";
  std::string format;
  bool bom = false;
};

int RunMap(const GlobalOptions& g, const MapOptions& o) {
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  auto entries = SelectWorks(*base, o.select);
  if (!entries.ok()) return ReportError(entries.status());
  std::vector<Json> works;
  for (const auto& e : entries.value().entries) {
    auto row = query::ReviewRow(*base, e);
    if (!row.ok()) return ReportError(row.status());
    works.push_back(std::move(row).value());
  }
  auto map = query::BuildEvidenceMap(std::move(works), o.rows, o.cols);
  if (!map.ok()) return ReportError(map.status());
  const query::EvidenceMap& m = map.value();
  std::string format = o.format.empty() ? (::isatty(1) ? "table" : "tsv") : o.format;
  std::string title = "Evidence map: " + o.rows + " by " + o.cols;
  std::string q;
  for (const auto& w : o.select.words) q += (q.empty() ? "" : " ") + w;
  if (!o.select.cited_by.empty()) title += " (references of " + o.select.cited_by + ")";
  else if (!q.empty() && q != "-") title += " (" + q + ")";
  std::string out;
  if (format == "html") {
    out = query::MapHtml(m, title);
  } else {
    // CSV/TSV/JSON cells are plain work counts; the text forms add "(trials)".
    bool numbers = format == "csv" || format == "tsv" || format == "json";
    query::Table t = query::MapTable(m, numbers);
    t.title = title;
    query::WriteOptions wo;
    wo.bom = o.bom;
    wo.width = format == "table" && ::isatty(1) ? TerminalWidth() : 0;
    out = query::MakeTableWriter(format)->Write(t, wo);
    if (format == "table") {
      out += "\n" + std::to_string(m.works.size()) + " works; cells: works (trials)\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return m.cells.empty() ? kExitNoMatch : kExitOk;
}

}  // namespace

Command AddMapCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<MapOptions>();
  CLI::App* sub = app.add_subcommand("map", "Evidence map: works and trials per pair of values (e.g. biomarker x drug)");
  AddSelectionOptions(sub, &o->select, true);
  sub->add_option("--rows", o->rows, "Row dimension: drug, biomarker, trial, design, phase, year, population")
      ->check(CLI::IsMember(query::MapDimensions()));
  sub->add_option("--cols", o->cols, "Column dimension (same values as --rows)")
      ->check(CLI::IsMember(query::MapDimensions()));
  sub->add_option("--format", o->format, "table, md, csv, tsv, json or html (default table on a terminal, else tsv)")
      ->check(CLI::IsMember(query::TableFormats()));
  sub->add_flag("--bom", o->bom, "CSV: start with a UTF-8 byte order mark");
  sub->footer(ExamplesFooter({
                            "map HER2 --rows biomarker --cols drug",
                            "map --cited-by doi:10.3760/cma.j.cn371439-20250225-00007 --rows design --cols year --format csv"}));
  return {sub, [o, &global] { return RunMap(global, *o); }};
}

}  // namespace ckb::cli
