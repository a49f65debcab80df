// SPDX-License-Identifier: GPL-3.0-or-later
// JSON of searches, statistics and entity counts shared by the command line
// and the web server.
#include "query/search_json.h"

#include <algorithm>
#include <map>
#include <set>

#include "knowledge/entities.h"
#include "kb/keys.h"
#include "kb/terms.h"
#include "query/evidence_map.h"
#include "query/resolve.h"

namespace ckb::query {

namespace {

const char* FilterPrefix(const std::string& field) {
  if (field == "drug") return kb::terms::kDrug;
  if (field == "biomarker") return kb::terms::kBiomarker;
  if (field == "trial") return kb::terms::kTrial;
  if (field == "design") return kb::terms::kDesign;
  if (field == "type") return kb::terms::kType;
  return nullptr;
}

}  // namespace

std::optional<QueryError> BuildSearchRequest(const SearchParams& p, const kb::TermResolver& resolve,
                                             const CompileContext& ctx, kb::SearchRequest* out,
                                             std::vector<std::string>* warnings) {
  kb::SearchRequest& req = *out;
  req = kb::SearchRequest();
  if (p.text.find_first_not_of(" \t\r\n") != std::string::npos) {
    CompiledQuery cq = CompileQuery(p.text, ctx);
    warnings->insert(warnings->end(), cq.warnings.begin(), cq.warnings.end());
    if (cq.error) return cq.error;
    req.tree = std::move(cq.tree);
  }
  req.limit = p.limit;
  req.offset = p.offset;
  req.sort = p.sort;
  req.facets = p.facets;
  req.explain = p.explain;
  req.snippets = p.snippets;
  for (const auto& [field, value] : p.filters) {
    const char* prefix = FilterPrefix(field);
    if (!prefix) return QueryError{0, "unknown filter field " + field};
    for (const auto& r : resolve(field, value)) req.filters.emplace_back(prefix, r);
  }
  return std::nullopt;
}

SearchOutcome SearchWith(const kb::KnowledgeBase& base, const SearchParams& p, double time_limit_seconds) {
  SearchOutcome out;
  const auto& ex = knowledge::EntityExtractor::Default();
  kb::TermResolver resolve = MakeResolver(ex, base);
  CompileContext ctx;
  ctx.extractor = &ex;
  ctx.base = &base;
  ctx.lenient = p.lenient;
  kb::SearchRequest req;
  out.error = BuildSearchRequest(p, resolve, ctx, &req, &out.warnings);
  if (out.error) return out;
  req.time_limit_seconds = time_limit_seconds;
  auto r = base.Search(req, resolve);
  if (!r.ok()) {
    out.status = r.status();
  } else {
    out.results = std::move(r).value();
  }
  return out;
}

void ResolveTrialFilter(TrialFilter* f) {
  const auto& ex = knowledge::EntityExtractor::Default();
  if (!f->drug.empty()) f->drug_ids = ex.Resolve(f->drug, "drug");
  if (!f->biomarker.empty()) f->biomarker_ids = ex.Resolve(f->biomarker, "biomarker");
}

namespace {

// "snippet" (plain text) and "highlights" ([start, end) code points) of a
// snippet with \x01 and \x02 around the highlighted words.
void AddSnippetJson(const std::string& snippet, Json* out) {
  std::string plain;
  Json spans = Json::array();
  size_t cp = 0, start = 0;
  for (size_t i = 0; i < snippet.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(snippet[i]);
    if (c == 0x01) {
      start = cp;
    } else if (c == 0x02) {
      spans.push_back({start, cp});
    } else {
      plain.push_back(static_cast<char>(c));
      if ((c & 0xC0) != 0x80) ++cp;
    }
  }
  (*out)["snippet"] = plain;
  (*out)["highlights"] = std::move(spans);
}

}  // namespace

Json HitJson(const kb::SearchHit& h, bool explain, bool snippets) {
  const Json& r = h.record;
  Json j;
  j["id"] = h.id;
  j["rank"] = h.rank;
  j["score"] = h.score;
  j["title"] = r.value("title", Json(nullptr));
  j["year"] = r.value("year", Json(nullptr));
  j["journal"] = r.value("journal", Json(nullptr));
  j["authors"] = r.value("authors", Json::array());
  j["doi"] = r.value("doi", Json(nullptr));
  j["pmid"] = r.value("pmid", Json(nullptr));
  j["source_id"] = r.value("source_id", Json(nullptr));
  j["registry_ids"] = r.value("registry_ids", Json::array());
  j["type"] = r.value("type", Json(nullptr));
  if (snippets) AddSnippetJson(h.snippet, &j);
  if (explain) j["explain"] = h.explain;
  return j;
}

Json FacetsJson(const kb::SearchResults& r) {
  Json f = Json::object();
  for (const char* name : {"year", "drug", "biomarker", "trial", "design", "phase", "journal", "lang"}) {
    Json counts = Json::object();
    auto it = r.facets.find(name);
    if (it != r.facets.end()) {
      // The counts are sorted and unique: append them, as Json's ordered
      // object would search its whole list for every key (thousands of
      // journals make that quadratic).
      auto& obj = counts.get_ref<Json::object_t&>();
      obj.reserve(it->second.size());
      for (const auto& [v, n] : it->second) obj.Json::object_t::Container::emplace_back(v, Json(n));
    }
    f[name] = std::move(counts);
  }
  return f;
}

Json SearchJson(const std::string& text, const kb::SearchResults& r,
                const std::vector<std::string>& warnings, bool explain, bool facets, bool snippets) {
  Json j;
  j["query"] = text;
  j["parsed"] = r.parsed;
  j["total"] = r.total;
  j["total_exact"] = r.total_exact;
  j["total_lower"] = r.total_lower;
  j["total_upper"] = r.total_upper;
  j["warnings"] = warnings;
  Json hits = Json::array();
  for (const auto& h : r.hits) hits.push_back(HitJson(h, explain, snippets));
  j["hits"] = std::move(hits);
  if (facets) j["facets"] = FacetsJson(r);
  return j;
}

Json SearchSummaryJson(const std::string& text, const kb::SearchResults& r, const std::vector<std::string>& warnings) {
  return {{"query", text},
          {"total", r.total},
          {"total_exact", r.total_exact},
          {"total_lower", r.total_lower},
          {"total_upper", r.total_upper},
          {"warnings", warnings}};
}

Json StatsJson(const kb::Stats& s, const kb::IndexLag& l) {
  return {{"documents", s.documents},
          {"works", s.works},
          {"citations", s.citations},
          {"trials", s.trials},
          {"generation", s.generation},
          {"index_generation", s.index_generation},
          {"index_documents", s.index_documents},
          {"index_behind", l.behind()},
          {"index_pending_works", l.pending_works},
          {"index_recoverable", l.recoverable}};
}

Result<Json> EntitiesJson(const kb::KnowledgeBase& base, const std::string& type, size_t limit) {
  struct Count {
    std::string type, name;
    uint64_t works = 0;
  };
  std::map<std::string, Count> counts;
  Status s = base.Scan(kb::kCfWorks, "", [&](std::string_view, std::string_view v) {
    Json rec = ParseJson(v);
    if (rec.is_discarded() || !rec.contains("entities")) return true;
    std::map<std::string, bool> seen;
    for (const auto& m : rec["entities"]) {
      std::string t = JsonStr(m, "type");
      if (!type.empty() && t != type) continue;
      std::string id = JsonStr(m, "id");
      if (m.contains("attrs") && m["attrs"].contains("state")) id += "/" + m["attrs"]["state"].get<std::string>();
      if (seen[id]) continue;
      seen[id] = true;
      Count& c = counts[id];
      c.type = t;
      c.name = JsonStr(m, "name");
      c.works++;
    }
    return true;
  });
  if (!s.ok()) return s;
  std::vector<std::pair<std::string, Count>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.works > b.second.works; });
  if (limit && rows.size() > limit) rows.resize(limit);
  Json arr = Json::array();
  for (const auto& [id, c] : rows) arr.push_back({{"id", id}, {"type", c.type}, {"name", c.name}, {"works", c.works}});
  return Json{{"entities", std::move(arr)}};
}

Result<QuerySelection> QueryEntries(const kb::KnowledgeBase& base, const SearchParams& p,
                                   std::vector<std::string>* warnings) {
  const auto& ex = knowledge::EntityExtractor::Default();
  kb::TermResolver resolve = MakeResolver(ex, base);
  CompileContext ctx;
  ctx.extractor = &ex;
  ctx.base = &base;
  ctx.lenient = p.lenient;
  SearchParams q = p;
  q.snippets = false;
  q.facets = false;
  kb::SearchRequest req;
  if (auto err = BuildSearchRequest(q, resolve, ctx, &req, warnings)) {
    return Status::InvalidArgument(FormatQueryError(p.text, *err));
  }
  req.records = false;
  req.exact_total = true;
  CKB_ASSIGN_OR_RETURN(auto res, base.Search(req, resolve));
  QuerySelection out;
  for (const auto& h : res.hits) out.entries.push_back({h.id, 0, ""});
  out.matches = res.total;
  return out;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

std::string ReviewTableTitle(const kb::KnowledgeBase& base, const std::string& cited_by, const std::string& text) {
  if (cited_by.empty()) return "Works matching " + text;
  auto id = base.ResolveWork(cited_by);
  auto rec = id.ok() ? base.GetWork(id.value()) : Result<std::optional<Json>>(std::optional<Json>());
  return "References of " + (rec.ok() && rec.value() ? JsonStr(*rec.value(), "title") : cited_by);
}

std::string TableTimelineSvg(const Table& t) {
  std::vector<Json> works;
  std::set<std::string> seen;
  for (const auto& r : t.rows) {
    std::string id = JsonStr(r, "id");
    if (id.empty() || seen.insert(id).second) works.push_back(r);
  }
  return TimelineSvg(works);
}

}  // namespace ckb::query
