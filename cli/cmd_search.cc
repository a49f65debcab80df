// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb search QUERY`: ranked search with fields, entity filters, facets,
// snippets and explanations; `--batch FILE` runs one query per line.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "knowledge/entities.h"
#include "kb/keys.h"
#include "query/compile.h"
#include "query/resolve.h"
#include "query/search_json.h"

namespace ckb::cli {
namespace {

struct SearchOptions {
  std::vector<std::string> words;
  size_t limit = 20, offset = 0;
  std::string format = "text";
  std::string sort = "relevance";
  bool ids = false, explain = false, facets = false, count = false;
  bool limit_given = false;  // --limit on the command line
  bool lenient = false;
  bool snippets = false, no_snippets = false;
  std::vector<std::string> drug, biomarker, trial, design, type;
  std::string batch;
  std::vector<std::string> shards;
};

std::string Join(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
  return q;
}

// Text output shows snippets unless --no-snippets; JSON, JSON lines and
// batches compute them only with --snippets (a pipeline rarely reads them,
// and they cost more than the rest of a search).
bool WantSnippets(const SearchOptions& o) {
  bool text = o.batch.empty() && !o.ids && o.format == "text";
  return text ? !o.no_snippets : o.snippets;
}

std::string IdLine(const Json& r, const std::string& id) {
  // A registration is named by its registry number (NCT...).
  if (JsonStr(r, "type") == "trial-registration" && r.contains("registry_ids") && r["registry_ids"].is_array() &&
      !r["registry_ids"].empty() && r["registry_ids"][0].is_string()) {
    return r["registry_ids"][0].get<std::string>();
  }
  std::string pmid = JsonStr(r, "pmid");
  if (!pmid.empty()) return pmid;
  std::string doi = JsonStr(r, "doi");
  if (!doi.empty()) return "doi:" + doi;
  return id;
}

void PrintHitText(const kb::SearchHit& h, bool color, int width) {
  const Json& r = h.record;
  std::string year = r.contains("year") && r["year"].is_number_integer() ? std::to_string(r["year"].get<int>()) : "";
  std::printf("%s%2d. %s%s\n", color ? "\x1b[1m" : "", h.rank, FitWidth(JsonStr(r, "title"), width - 5).c_str(),
              color ? "\x1b[0m" : "");
  std::string first;
  if (r.contains("authors") && !r["authors"].empty()) {
    first = r["authors"][0].get<std::string>() + (r["authors"].size() > 1 ? " et al." : "");
  }
  std::string ids = JsonStr(r, "doi").empty() ? "" : "doi:" + JsonStr(r, "doi");
  if (JsonStr(r, "type") == "trial-registration") ids = IdLine(r, h.id) + (ids.empty() ? "" : " " + ids);
  if (!JsonStr(r, "pmid").empty()) ids += (ids.empty() ? "" : " ") + std::string("pmid:") + JsonStr(r, "pmid");
  std::printf("    %s %s %s  [%s %.2f] %s\n", first.c_str(), JsonStr(r, "journal").c_str(), year.c_str(),
              h.id.c_str(), h.score, ids.c_str());
  if (!h.snippet.empty()) {
    std::string s;
    for (char c : h.snippet) {
      if (c == '\x01') s += color ? "\x1b[31;1m" : "[";
      else if (c == '\x02') s += color ? "\x1b[0m" : "]";
      else if (c == '\n') s += " ";
      else s.push_back(c);
    }
    std::printf("    %s\n", s.c_str());
  }
  if (!h.explain.is_null()) {
    for (const auto& t : h.explain["terms"]) {
      std::string via = JsonStr(t, "query");
      std::string entity = JsonStr(t, "entity");
      std::string note = entity.empty() ? via : entity + " via \"" + via + "\"";
      std::printf("      %-10s %-28s %7.3f  %s\n", JsonStr(t, "field").c_str(), JsonStr(t, "term").c_str(),
                  t.value("weight", 0.0), note.c_str());
    }
  }
}

// Compiles the query text into the request; false (and *error set) when
// the query is malformed.
bool BuildRequest(const SearchOptions& o, const std::string& text, const kb::TermResolver& resolve,
                  const query::CompileContext& ctx, kb::SearchRequest* out, std::vector<std::string>* warnings,
                  std::optional<query::QueryError>* error) {
  query::SearchParams p;
  p.text = text;
  p.limit = o.limit;
  p.offset = o.offset;
  p.sort = o.sort;
  p.facets = o.facets;
  p.explain = o.explain;
  p.snippets = WantSnippets(o);
  auto add = [&](const std::vector<std::string>& values, const char* field) {
    for (const auto& v : values) p.filters.emplace_back(field, v);
  };
  add(o.drug, "drug");
  add(o.biomarker, "biomarker");
  add(o.trial, "trial");
  add(o.design, "design");
  add(o.type, "type");
  warnings->clear();
  *error = query::BuildSearchRequest(p, resolve, ctx, out, warnings);
  return !error->has_value();
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::fprintf(stderr, "ckb: warning: %s\n", w.c_str());
}

// A batch line compiled once: the request, or the error that stopped it.
struct Prepared {
  bool ok = false;
  kb::SearchRequest req;
  std::vector<std::string> warnings;
  std::optional<query::QueryError> error;
};

// Entries each batch memo keeps before it starts again (bounded memory
// for batches of millions of distinct lines).
constexpr size_t kBatchMemoSize = 4096;

// Remembers what the resolver gave for each field and value, so entity
// expansion runs once per distinct value in a batch.
kb::TermResolver Memoized(const kb::TermResolver& resolve) {
  auto memo = std::make_shared<std::map<std::pair<std::string, std::string>, std::vector<std::string>>>();
  return [memo, resolve](std::string_view field, std::string_view value) {
    auto key = std::make_pair(std::string(field), std::string(value));
    auto it = memo->find(key);
    if (it == memo->end() && memo->size() >= kBatchMemoSize) memo->clear();
    if (it == memo->end()) it = memo->emplace(std::move(key), resolve(field, value)).first;
    return it->second;
  };
}

int RunBatch(const SearchOptions& o, kb::KnowledgeBase& base, const kb::TermResolver& plain_resolve,
             const query::CompileContext& ctx) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (o.batch != "-") {
    file.open(o.batch);
    if (!file) {
      std::fprintf(stderr, "ckb: cannot read %s\n", o.batch.c_str());
      return kExitNoInput;
    }
    in = &file;
  }
  const kb::TermResolver resolve = Memoized(plain_resolve);
  // Each distinct line is compiled once (query syntax, entity expansion,
  // filters); the lines of a batch are often repeated.
  std::map<std::string, Prepared> compiled;
  std::string line;
  int status = kExitNoMatch;
  while (std::getline(*in, line)) {
    if (line.empty()) continue;
    auto t0 = std::chrono::steady_clock::now();
    if (compiled.size() >= kBatchMemoSize && !compiled.count(line)) compiled.clear();
    auto [pos, fresh] = compiled.try_emplace(line);
    Prepared& p = pos->second;
    if (fresh) p.ok = BuildRequest(o, line, resolve, ctx, &p.req, &p.warnings, &p.error);
    const bool ok = p.ok;
    const kb::SearchRequest& req = p.req;
    const std::vector<std::string>& warnings = p.warnings;
    const std::optional<query::QueryError>& qerr = p.error;
    Result<kb::SearchResults> res = ok ? base.Search(req, resolve) : Result<kb::SearchResults>(kb::SearchResults());
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    Json j;
    j["query"] = line;
    if (!warnings.empty()) j["warnings"] = warnings;
    if (!ok) {
      j["error"] = qerr->message;
      j["error_offset"] = qerr->offset;
      status = kExitUsage;
    } else if (!res.ok()) {
      j["error"] = res.status().message();
      status = kExitUsage;
    } else {
      j["total"] = res.value().total;
      j["total_exact"] = res.value().total_exact;
      for (const auto& w : res.value().warnings) j["warnings"].push_back(w);
      Json hits = Json::array();
      for (const auto& h : res.value().hits) hits.push_back(query::HitJson(h, o.explain, req.snippets));
      if (!res.value().hits.empty() && status == kExitNoMatch) status = kExitOk;
      j["hits"] = std::move(hits);
      if (o.facets) j["facets"] = query::FacetsJson(res.value());
    }
    j["elapsed_us"] = us;
    PrintJson(j, false);
  }
  return status;
}

// `--count`: the exact number of matching works, counted without ranking a page.
int PrintCount(const kb::KnowledgeBase& base, kb::SearchRequest req, const kb::TermResolver& resolve) {
  req.limit = 0;
  req.offset = 0;
  req.exact_total = true;
  req.records = req.snippets = req.facets = req.explain = false;
  auto res = base.Search(req, resolve);
  if (!res.ok()) return ReportError(res.status());
  const kb::SearchResults& r = res.value();
  std::printf("%s\n", CountText(r.total, r.total_exact, r.total_lower, r.total_upper).c_str());
  return r.total == 0 ? kExitNoMatch : kExitOk;
}

// `--ids`: one id per line, every match when writing to a file or pipe
// (else --limit, 20); records are read one at a time as they are printed.
int PrintIds(const SearchOptions& o, const kb::KnowledgeBase& base, kb::SearchRequest req,
             const kb::TermResolver& resolve) {
  if (!o.limit_given && !StdoutIsTerminal()) req.limit = kb::SearchRequest::kAllHits;
  req.exact_total = true;
  req.records = req.snippets = req.facets = req.explain = false;
  auto res = base.Search(req, resolve);
  if (!res.ok()) return ReportError(res.status());
  size_t written = 0;
  for (const auto& h : res.value().hits) {
    auto rec = base.GetWork(h.id);
    if (!rec.ok()) return ReportError(rec.status());
    if (!rec.value()) continue;  // deleted since the index was read
    std::printf("%s\n", IdLine(*rec.value(), h.id).c_str());
    ++written;
  }
  std::fflush(stdout);
  ReportCapped(o.offset + written, res.value().total, res.value().total_exact);
  return written == 0 ? kExitNoMatch : kExitOk;
}

int RunSearch(const GlobalOptions& g, const SearchOptions& o) {
  int code = kExitOk;
  PrefetchExtractor();
  // A search reads work records and resolves identifiers, nothing else.
  auto base = OpenForRead(g, &code, {kb::kCfWorks, kb::kCfIds}, o.batch.empty());
  if (!base) return code;
  if (!o.shards.empty()) {
    Status st = base->AttachShards(o.shards);
    if (!st.ok()) return ReportError(st);
  }
  const auto& ex = knowledge::EntityExtractor::Default();
  kb::TermResolver resolve = query::MakeResolver(ex, *base);
  query::CompileContext ctx;
  ctx.extractor = &ex;
  ctx.base = base.get();
  ctx.lenient = o.lenient;
  if (!o.batch.empty()) return RunBatch(o, *base, resolve, ctx);
  std::string text = Join(o.words);
  kb::SearchRequest req;
  std::vector<std::string> warnings;
  std::optional<query::QueryError> qerr;
  if (!BuildRequest(o, text, resolve, ctx, &req, &warnings, &qerr)) {
    PrintWarnings(warnings);
    std::fprintf(stderr, "ckb: %s\n", query::FormatQueryError(text, *qerr).c_str());
    return kExitUsage;
  }
  if (!req.tree && req.filters.empty()) {
    std::fprintf(stderr, "ckb: the query is empty (give words, fields or a filter such as --drug)\n");
    return kExitUsage;
  }
  PrintWarnings(warnings);
  if (o.count) return PrintCount(*base, req, resolve);
  if (o.ids) return PrintIds(o, *base, req, resolve);
  auto res = base->Search(req, resolve);
  if (!res.ok()) return ReportError(res.status());
  const kb::SearchResults& r = res.value();
  PrintWarnings(r.warnings);
  if (o.format == "json") {
    PrintJson(query::SearchJson(text, r, warnings, o.explain, o.facets, req.snippets));
  } else if (o.format == "jsonl") {
    for (const auto& h : r.hits) {
      PrintJson({{"type", "hit"}, {"data", query::HitJson(h, o.explain, req.snippets)}}, false);
    }
    Json summary = query::SearchSummaryJson(text, r, warnings);
    summary["version"] = 1;
    if (o.facets) summary["facets"] = query::FacetsJson(r);
    PrintJson({{"type", "summary"}, {"data", summary}}, false);
  } else if (o.format == "tsv") {
    std::printf("rank\tid\tscore\tyear\ttitle\tjournal\tdoi\tpmid\n");
    for (const auto& h : r.hits) {
      const Json& rec = h.record;
      std::string year = rec.contains("year") && rec["year"].is_number_integer() ? std::to_string(rec["year"].get<int>()) : "";
      std::printf("%d\t%s\t%.4f\t%s\t%s\t%s\t%s\t%s\n", h.rank, h.id.c_str(), h.score, year.c_str(),
                  JsonStr(rec, "title").c_str(), JsonStr(rec, "journal").c_str(), JsonStr(rec, "doi").c_str(),
                  JsonStr(rec, "pmid").c_str());
    }
  } else {
    bool color = UseColor(g);
    int width = TerminalWidth();
    std::printf("%s result(s) for %s\n", CountText(r.total, r.total_exact, r.total_lower, r.total_upper).c_str(),
                text.c_str());
    for (const auto& h : r.hits) PrintHitText(h, color, width);
    if (o.facets) {
      for (const auto& [name, counts] : r.facets) {
        if (counts.empty()) continue;
        std::string line;
        for (const auto& [v, n] : counts) line += (line.empty() ? "" : ", ") + v + " " + std::to_string(n);
        std::printf("%s: %s\n", name.c_str(), FitWidth(line, width - 12).c_str());
      }
    }
  }
  return r.hits.empty() ? kExitNoMatch : kExitOk;
}

}  // namespace

Command AddSearchCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* sub = app.add_subcommand("search", "Ranked full-text and fielded search (see docs/QUERY.md)");
  sub->add_option("query", o->words, "Query words, fields (title:, author:, drug:, biomarker:, nct:, year:2020..2024 ...)");
  CLI::Option* limit = sub->add_option("--limit", o->limit,
                                       "Hits to show (default 20; --ids into a file or pipe: every match)");
  sub->add_option("--offset", o->offset, "Hits to skip");
  sub->add_option("--format", o->format, "text, json, jsonl or tsv")->check(CLI::IsMember({"text", "json", "jsonl", "tsv"}));
  sub->add_option("--sort", o->sort, "relevance, date or cited")->check(CLI::IsMember({"relevance", "date", "cited"}));
  sub->add_flag("--ids", o->ids, "Print one id per line (NCT for a registration, PMID, else doi:DOI, else work id)");
  sub->add_flag("--count", o->count, "Print the exact number of matching works");
  sub->add_flag("--lenient", o->lenient,
                "Leave unknown or unusable PubMed tags and fields out of the query with a warning instead of "
                "failing");
  sub->add_flag("--explain", o->explain, "Show which terms contributed how much");
  sub->add_flag("--snippets", o->snippets, "Snippets with highlights in JSON, JSON lines and --batch output");
  sub->add_flag("--no-snippets", o->no_snippets, "No snippets in text output");
  sub->add_flag("--facets", o->facets, "Count results by year, drug, biomarker, trial, design, phase, journal, language");
  sub->add_option("--drug", o->drug, "Only works mentioning this drug (any synonym)")->allow_extra_args(false);
  sub->add_option("--biomarker", o->biomarker, "Only works with this biomarker (HER2) or state (HER2-low)")->allow_extra_args(false);
  sub->add_option("--trial", o->trial, "Only works linked to this trial (NCT number or acronym)")->allow_extra_args(false);
  sub->add_option("--design", o->design, "Only works of this study design")->allow_extra_args(false);
  sub->add_option("--type", o->type, "Only works of this type (review, article, ...)")->allow_extra_args(false);
  sub->add_option("--shards", o->shards,
                  "Search these index shards as one: host:port (served by xapian-tcpsrv, e.g. "
                  "`ckb serve-shard`), knowledge-base directories or Xapian database directories "
                  "(e.g. merged by xapian-compact), comma-separated; records come from --db, then "
                  "from the knowledge-base directories")
      ->delimiter(',');
  sub->add_option("--batch", o->batch,
                  "Run one query per line of FILE (- for stdin); prints JSON lines (snippets with --snippets)");
  sub->footer(ExamplesFooter({
                            "search 'HER2-low trastuzumab deruxtecan' --limit 5",
                            "search --drug T-DXd --biomarker HER2-ultralow",
                            "search 'trastuzumab[tiab] AND 2020:2025[dp]' --format json",
                            "search 'biomarker:HER2-low NOT type:review' --facets",
                            "search 'title:\"trastuzumab deruxtecan\"' --sort date --ids",
                            "search HER2 --count",
                            "search 乳腺癌 --limit 3"}));
  return {sub, [o, limit, &global] {
            o->limit_given = limit->count() > 0;
            return RunSearch(global, *o);
          }};
}

}  // namespace ckb::cli
