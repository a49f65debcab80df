// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb table [QUERY | -] [--cited-by ID]`: a literature-review table, one
// row per work, in table, md, csv, tsv, json or html.
#include <unistd.h>

#include <cstdio>
#include <set>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/work_select.h"
#include "query/evidence_map.h"
#include "query/review_outcomes.h"
#include "query/review_table.h"
#include "query/search_json.h"
#include "query/table.h"

namespace ckb::cli {
namespace {

struct TableOptions {
  WorkSelection select;
  std::string columns;
  std::string group_by;
  std::string format;
  bool bom = false, no_header = false, list_columns = false;
  int width = 0;
};

void WriteOut(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

// An ungrouped CSV, TSV or JSON table, written a row at a time as each
// work is read: memory stays that of one row however many works match.
int StreamTable(const kb::KnowledgeBase& base, const SelectedWorks& selected,
                const std::vector<std::string>& columns, const query::TableWriter& writer,
                const TableOptions& o) {
  auto header = query::ReviewTableHeader(columns);
  if (!header.ok()) return ReportError(header.status());
  const query::Table& t = header.value();
  query::WriteOptions wo;
  wo.header = !o.no_header;
  wo.bom = o.bom;
  WriteOut(writer.Begin(t, wo));
  size_t rows = 0;
  for (const auto& e : selected.entries) {
    auto row = query::ReviewRow(base, e);
    if (!row.ok()) {
      std::fflush(stdout);
      return ReportError(row.status());
    }
    WriteOut(writer.Row(t, row.value(), rows++, wo));
  }
  WriteOut(writer.End(t, rows, wo));
  std::fflush(stdout);
  ReportSelectionCapped(selected, selected.entries.size());
  return rows == 0 ? kExitNoMatch : kExitOk;
}

int RunTable(const GlobalOptions& g, const TableOptions& o) {
  if (o.list_columns) {
    for (const auto& c : query::ReviewColumns()) std::printf("%-14s %s\n", c.key.c_str(), c.description.c_str());
    return kExitOk;
  }
  if (o.select.words.empty() && o.select.cited_by.empty()) {
    std::fprintf(stderr, "ckb: table needs a query, - (ids on stdin) or --cited-by ID\n");
    return kExitUsage;
  }
  int code = kExitOk;
  PrefetchExtractor();
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  auto selected = SelectWorks(*base, o.select);
  if (!selected.ok()) return ReportError(selected.status());
  std::vector<std::string> columns = o.columns.empty() ? query::DefaultReviewColumns() : query::SplitList(o.columns);
  std::string format = o.format.empty() ? (::isatty(1) ? "table" : "tsv") : o.format;
  auto writer = query::MakeTableWriter(format);
  if (o.group_by.empty() && writer->Streams()) return StreamTable(*base, selected.value(), columns, *writer, o);
  auto table = query::ReviewTable(*base, selected.value().entries, columns, o.group_by);
  if (!table.ok()) return ReportError(table.status());
  query::Table& t = table.value();
  std::string q;
  for (const auto& w : o.select.words) q += (q.empty() ? "" : " ") + w;
  t.title = q == "-" && o.select.cited_by.empty() ? "Selected works" : query::ReviewTableTitle(*base, o.select.cited_by, q);
  query::WriteOptions wo;
  wo.width = format == "table" ? (o.width > 0 ? o.width : (::isatty(1) ? TerminalWidth() : 0)) : 0;
  wo.header = !o.no_header;
  wo.bom = o.bom;
  if (format == "html") {
    wo.html_extra = query::ForestPlotSvg(t) + query::TableTimelineSvg(t);
  }
  WriteOut(writer->Write(t, wo));
  std::fflush(stdout);
  ReportSelectionCapped(selected.value(), selected.value().entries.size());
  return t.rows.empty() ? kExitNoMatch : kExitOk;
}

}  // namespace

Command AddTableCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<TableOptions>();
  CLI::App* sub = app.add_subcommand("table", "Literature-review table: one row per work (see docs/TABLES.md)");
  AddSelectionOptions(sub, &o->select, true);
  sub->add_option("--columns", o->columns,
                  "Comma-separated columns (default citation,title,design,phase,n,drugs,biomarkers,trials; "
                  "--list-columns shows all)");
  sub->add_option("--group-by", o->group_by, "drug, biomarker, trial, design or year")
      ->check(CLI::IsMember(query::GroupByKeys()));
  sub->add_option("--format", o->format, "table, md, csv, tsv, json or html (default table on a terminal, else tsv)")
      ->check(CLI::IsMember(query::TableFormats()));
  sub->add_flag("--bom", o->bom, "CSV: start with a UTF-8 byte order mark (for Excel)");
  sub->add_flag("--no-header", o->no_header, "No header row");
  sub->add_option("--width", o->width, "Table width in columns (default: the terminal's)");
  sub->add_flag("--list-columns", o->list_columns, "List the available columns and exit");
  sub->footer(ExamplesFooter({
                            "table 'biomarker:HER2-low' --format md",
                            "table --cited-by doi:10.3760/cma.j.cn371439-20250225-00007 --format csv > review-table.csv",
                            "search HER2-ultralow --ids | ckb table - --columns citation,title,design,n",
                            "table --list-columns"}));
  return {sub, [o, &global] { return RunTable(global, *o); }};
}

}  // namespace ckb::cli
