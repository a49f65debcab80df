// SPDX-License-Identifier: GPL-3.0-or-later
// Selection of works for tables, maps and exports.
#include "cli/work_select.h"

#include <cstdio>

#include "cli/common.h"
#include "query/search_json.h"

namespace ckb::cli {

void AddSelectionOptions(CLI::App* sub, WorkSelection* s, bool with_cited_by) {
  sub->add_option("query", s->words, "Search query (same syntax as `ckb search`), or - to read ids from stdin");
  if (with_cited_by) {
    sub->add_option("--cited-by", s->cited_by, "The reference list of this work (doi:..., pmid:..., work id), in order");
  }
  sub->add_option("--drug", s->drug, "Only works mentioning this drug (any synonym)");
  sub->add_option("--biomarker", s->biomarker, "Only works with this biomarker or state (HER2-low)");
  sub->add_option("--trial", s->trial, "Only works linked to this trial (NCT number or acronym)");
  sub->add_option("--design", s->design, "Only works of this study design");
  sub->add_flag("--lenient", s->lenient, "Unknown or unusable query tags and fields: warnings, not errors");
  sub->add_option("--sort", s->sort, "relevance, date or cited")->check(CLI::IsMember({"relevance", "date", "cited"}));
  sub->add_option("--limit", s->limit,
                  "At most this many works from a query (default: every match into a file or pipe, 500 on a terminal)");
}

void ReportSelectionCapped(const SelectedWorks& selected, size_t written) {
  if (selected.matches > selected.entries.size()) ReportCapped(written, selected.matches, true);
}

Result<SelectedWorks> SelectWorks(const kb::KnowledgeBase& base, const WorkSelection& s) {
  SelectedWorks selected;
  std::vector<query::TableEntry>& out = selected.entries;
  if (!s.cited_by.empty()) {
    auto id = base.ResolveWork(s.cited_by);
    if (!id.ok()) return Status::NotFound("unknown work " + s.cited_by);
    CKB_ASSIGN_OR_RETURN(out, query::ReferenceEntries(base, id.value()));
    selected.matches = out.size();
    return selected;
  }
  bool from_stdin = s.words.size() == 1 && s.words[0] == "-";
  if (from_stdin) {
    for (const auto& ref : ReadIdsFromStdin()) {
      auto id = base.ResolveWork(ref);
      if (!id.ok()) {
        std::fprintf(stderr, "ckb: unknown work %s (skipped)\n", ref.c_str());
        continue;
      }
      out.push_back({id.value(), 0, ""});
    }
    selected.matches = out.size();
    return selected;
  }
  query::SearchParams p;
  for (const auto& w : s.words) p.text += (p.text.empty() ? "" : " ") + w;
  p.limit = s.limit > 0 ? s.limit : StdoutIsTerminal() ? 500 : kb::SearchRequest::kAllHits;
  p.sort = s.sort;
  p.lenient = s.lenient;
  auto add = [&](const std::vector<std::string>& values, const char* field) {
    for (const auto& v : values) p.filters.emplace_back(field, v);
  };
  add(s.drug, "drug");
  add(s.biomarker, "biomarker");
  add(s.trial, "trial");
  add(s.design, "design");
  std::vector<std::string> warnings;
  auto found = query::QueryEntries(base, p, &warnings);
  for (const auto& w : warnings) std::fprintf(stderr, "ckb: warning: %s\n", w.c_str());
  if (!found.ok()) return found.status();
  out = std::move(found.value().entries);
  selected.matches = found.value().matches;
  return selected;
}

}  // namespace ckb::cli
