// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON shapes of `ckb search`, `ckb stats` and `ckb entities` with
// `--format json`, built here so that the command line and `ckb serve`
// answer alike; and the search request both build from a query text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kb/kb.h"
#include "kb/record.h"
#include "query/compile.h"
#include "query/review_table.h"
#include "query/table.h"
#include "query/views.h"

namespace ckb::query {

// What a search asks for. `filters` are (field, value) pairs as typed by a
// user ("drug", "T-DXd"); fields: drug, biomarker, trial, design, type.
struct SearchParams {
  std::string text;
  size_t limit = 20, offset = 0;
  std::string sort = "relevance";  // relevance | date | cited
  bool facets = false, explain = false;
  bool snippets = false;  // as `ckb search --snippets` (the page asks for them)
  bool lenient = false;  // unknown or unusable tags warned and left out (else an error)
  std::vector<std::pair<std::string, std::string>> filters;
};

// Compiles `p.text` (may be blank) into *out with the filters resolved
// through `resolve`. Returns the parser's error (offset and message) for a
// malformed query; warnings are appended either way.
std::optional<QueryError> BuildSearchRequest(const SearchParams& p, const kb::TermResolver& resolve,
                                             const CompileContext& ctx, kb::SearchRequest* out,
                                             std::vector<std::string>* warnings);

// A search with the default lexicon: the compiled query's error (nothing
// searched), else the search's status and results. Warnings either way.
struct SearchOutcome {
  std::optional<QueryError> error;
  Status status;
  kb::SearchResults results;
  std::vector<std::string> warnings;
};
SearchOutcome SearchWith(const kb::KnowledgeBase& base, const SearchParams& p, double time_limit_seconds);

// Resolves the drug and biomarker terms of a trial filter through the
// default lexicon (any synonym), as `ckb trials` does.
void ResolveTrialFilter(TrialFilter* f);

// One hit: id, rank, score, title, year, journal, authors, doi, pmid,
// source_id, registry_ids, type; with `snippets`, snippet (plain) and
// highlights ([start, end) code points); with `explain`, explain.
Json HitJson(const kb::SearchHit& h, bool explain, bool snippets);
// {"year": {value: count}, "drug": ..., "biomarker", "trial", "design", "phase", "journal", "lang"}.
Json FacetsJson(const kb::SearchResults& r);
// `ckb search --format json`: query, parsed, total, total_exact,
// total_lower, total_upper, warnings, hits and (when requested) facets;
// hits with snippets only with `snippets` (`--snippets`).
Json SearchJson(const std::string& text, const kb::SearchResults& r,
                const std::vector<std::string>& warnings, bool explain, bool facets, bool snippets);
// The summary line of `--format jsonl`: query, the totals and warnings.
Json SearchSummaryJson(const std::string& text, const kb::SearchResults& r, const std::vector<std::string>& warnings);

// `ckb stats --format json`: the counts and how far the index lags.
Json StatsJson(const kb::Stats& s, const kb::IndexLag& l);

// `ckb entities --format json`: {"entities": [{id, type, name, works}]},
// most works first; `type` empty for all; `limit` 0 for no limit.
Result<Json> EntitiesJson(const kb::KnowledgeBase& base, const std::string& type, size_t limit);

// The works a query selects, in ranked order, for tables and maps (no
// snippets or records read), and how many match in all (exact).
// kInvalidArgument with the parser's message and caret for a bad query.
struct QuerySelection {
  std::vector<TableEntry> entries;
  uint64_t matches = 0;
};
Result<QuerySelection> QueryEntries(const kb::KnowledgeBase& base, const SearchParams& p,
                                   std::vector<std::string>* warnings);

// "a, b c" -> {"a", "b", "c"}: a list of column keys as typed.
std::vector<std::string> SplitList(const std::string& s);
// The heading of a review table: "References of <the review's title>"
// (the reference as given when unknown) or "Works matching <query>".
std::string ReviewTableTitle(const kb::KnowledgeBase& base, const std::string& cited_by, const std::string& text);

// The publication timeline of a review table's works (each work once, however
// many groups list it), for its HTML form.
std::string TableTimelineSvg(const Table& t);

}  // namespace ckb::query
