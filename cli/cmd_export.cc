// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb export [QUERY | -] --format ris|bibtex|csljson|nbib`: the selected
// works as citations for reference managers.
#include <cstdio>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/work_select.h"
#include "query/export.h"

namespace ckb::cli {
namespace {

struct ExportOptions {
  WorkSelection select;
  std::string format = "ris";
};

void Write(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

int RunExport(const GlobalOptions& g, const ExportOptions& o) {
  if (o.select.words.empty() && o.select.cited_by.empty()) {
    std::fprintf(stderr, "ckb: export needs a query, - (ids on stdin) or --cited-by ID\n");
    return kExitUsage;
  }
  int code = kExitOk;
  auto base = OpenForRead(g, &code);
  if (!base) return code;
  auto stream = query::ExportStream::Open(o.format);
  if (!stream.ok()) return ReportError(stream.status());
  auto selected = SelectWorks(*base, o.select);
  if (!selected.ok()) return ReportError(selected.status());
  // Each record is read, written and let go: exports of any size.
  query::ExportStream& out = stream.value();
  for (const auto& e : selected.value().entries) {
    if (e.work_id.empty()) continue;
    auto rec = base->GetWork(e.work_id);
    if (!rec.ok()) return ReportError(rec.status());
    if (!rec.value()) continue;
    Write(out.Add(query::ExportItemFromRecord(*rec.value())));
  }
  Write(out.Finish());
  std::fflush(stdout);
  ReportSelectionCapped(selected.value(), out.count());
  if (!g.quiet) std::fprintf(stderr, "ckb: exported %zu work(s) as %s\n", out.count(), o.format.c_str());
  return out.count() == 0 ? kExitNoMatch : kExitOk;
}

}  // namespace

Command AddExportCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* sub = app.add_subcommand("export", "Export works as RIS, BibTeX, CSL-JSON or MEDLINE (.nbib)");
  AddSelectionOptions(sub, &o->select, true);
  sub->add_option("--format", o->format, "ris, bibtex, csljson or nbib (default ris)")
      ->check(CLI::IsMember(query::ExportFormats()));
  sub->footer(ExamplesFooter({
                            "export 'drug:trastuzumab' --format ris > trastuzumab.ris",
                            "export --cited-by doi:10.3760/cma.j.cn371439-20250225-00007 --format bibtex > refs.bib"}));
  return {sub, [o, &global] { return RunExport(global, *o); }};
}

}  // namespace ckb::cli
