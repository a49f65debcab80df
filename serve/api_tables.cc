// SPDX-License-Identifier: GPL-3.0-or-later
// The review table, evidence map and column list of the JSON API: the same
// selection and rendering as `ckb table` and `ckb map`.
#include <algorithm>
#include <set>

#include "query/evidence_map.h"
#include "query/review_table.h"
#include "query/search_json.h"
#include "query/table.h"
#include "serve/api.h"

namespace ckb::serve {

namespace {

// The works of q= (with drug=, biomarker=, trial=, design= filters) or of
// cited_by= (a review's reference list in order).
Result<std::vector<query::TableEntry>> Select(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits) {
  std::string cited_by = req.Param("cited_by");
  if (!cited_by.empty()) {
    auto id = base.ResolveWork(cited_by);
    if (!id.ok()) return Status::NotFound("unknown work " + cited_by);
    return query::ReferenceEntries(base, id.value());
  }
  query::SearchParams p;
  p.text = req.Param("q");
  for (const char* f : {"drug", "biomarker", "trial", "design"}) {
    for (const auto& v : req.All(f)) p.filters.emplace_back(f, v);
  }
  if (p.text.find_first_not_of(" \t\r\n") == std::string::npos && p.filters.empty()) {
    return Status::InvalidArgument("give q=, cited_by= or a filter such as drug=");
  }
  std::string limit = req.Param("limit", "500");
  if (limit.empty() || limit.size() > 6 || !std::all_of(limit.begin(), limit.end(), ::isdigit)) {
    return Status::InvalidArgument("limit must be a non-negative integer");
  }
  p.limit = std::stoul(limit);
  if (p.limit > limits.max_table_rows) {
    return Status::InvalidArgument("limit is at most " + std::to_string(limits.max_table_rows));
  }
  p.sort = req.Param("sort", "relevance");
  if (p.sort != "relevance" && p.sort != "date" && p.sort != "cited") {
    return Status::InvalidArgument("sort must be relevance, date or cited");
  }
  p.lenient = req.Param("lenient") == "1" || req.Param("lenient") == "true";
  std::vector<std::string> warnings;
  CKB_ASSIGN_OR_RETURN(auto found, query::QueryEntries(base, p, &warnings));
  return std::move(found.entries);
}

ApiResponse Rendered(const query::Table& t, const std::string& format, const query::WriteOptions& wo,
                     const std::string& stem) {
  ApiResponse r;
  r.body = query::MakeTableWriter(format)->Write(t, wo);
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.filename = stem + ".csv";
  } else if (format == "tsv") {
    r.content_type = "text/tab-separated-values; charset=utf-8";
    r.filename = stem + ".tsv";
  } else if (format == "md") {
    r.content_type = "text/markdown; charset=utf-8";
    r.filename = stem + ".md";
  } else if (format == "html") {
    r.content_type = "text/html; charset=utf-8";
  }
  return r;
}

bool KnownFormat(const std::string& f) { return f == "json" || f == "csv" || f == "tsv" || f == "md" || f == "html"; }

}  // namespace

ApiResponse HandleTable(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits) {
  std::string format = req.Param("format", "json");
  if (!KnownFormat(format)) return ErrorResponse(400, "format must be json, csv, tsv, md or html");
  std::string group_by = req.Param("group_by");
  const auto& keys = query::GroupByKeys();
  if (!group_by.empty() && std::find(keys.begin(), keys.end(), group_by) == keys.end()) {
    return ErrorResponse(400, "group_by must be drug, biomarker, trial, design or year");
  }
  auto entries = Select(base, req, limits);
  if (!entries.ok()) return FromStatus(entries.status());
  std::string cols = req.Param("columns");
  std::vector<std::string> columns = cols.empty() ? query::DefaultReviewColumns() : query::SplitList(cols);
  auto table = query::ReviewTable(base, entries.value(), columns, group_by);
  if (!table.ok()) return FromStatus(table.status());
  query::Table& t = table.value();
  t.title = query::ReviewTableTitle(base, req.Param("cited_by"), req.Param("q"));
  query::WriteOptions wo;
  wo.bom = req.Param("bom") == "1";
  if (format == "html") {
    wo.html_extra = query::TableTimelineSvg(t);
  }
  return Rendered(t, format, wo, "ckb-table");
}

ApiResponse HandleMap(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits) {
  std::string format = req.Param("format", "json");
  if (!KnownFormat(format)) return ErrorResponse(400, "format must be json, csv, tsv, md or html");
  std::string rows = req.Param("rows", "biomarker"), cols = req.Param("cols", "drug");
  auto entries = Select(base, req, limits);
  if (!entries.ok()) return FromStatus(entries.status());
  std::vector<Json> works;
  for (const auto& e : entries.value()) {
    auto row = query::ReviewRow(base, e);
    if (!row.ok()) return FromStatus(row.status());
    works.push_back(std::move(row).value());
  }
  auto map = query::BuildEvidenceMap(std::move(works), rows, cols);
  if (!map.ok()) return FromStatus(map.status());
  std::string title = "Evidence map: " + rows + " by " + cols;
  if (format == "html") {
    ApiResponse r;
    r.content_type = "text/html; charset=utf-8";
    r.body = query::MapHtml(map.value(), title);
    return r;
  }
  bool numbers = format == "csv" || format == "tsv" || format == "json";
  query::Table t = query::MapTable(map.value(), numbers);
  t.title = title;
  return Rendered(t, format, query::WriteOptions(), "ckb-map");
}

ApiResponse HandleColumns(kb::KnowledgeBase&, const ApiRequest&, const Limits&) {
  Json cols = Json::array();
  const auto& defaults = query::DefaultReviewColumns();
  for (const auto& c : query::ReviewColumns()) {
    bool d = std::find(defaults.begin(), defaults.end(), c.key) != defaults.end();
    cols.push_back({{"key", c.key}, {"header", c.header}, {"description", c.description}, {"default", d}});
  }
  ApiResponse r;
  r.body = Dump(Json{{"columns", std::move(cols)}}, 2) + "\n";
  return r;
}

}  // namespace ckb::serve
