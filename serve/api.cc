// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON API's routes, parameter checks and the search, work, trial,
// entity and statistics handlers.
#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "query/search_json.h"
#include "query/views.h"

namespace ckb::serve {

std::string ApiRequest::Param(const std::string& name, const std::string& fallback) const {
  auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

std::vector<std::string> ApiRequest::All(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = params.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

ApiResponse ErrorResponse(int status, const std::string& message, const Json& extra) {
  Json e = {{"status", status}, {"message", message}};
  for (auto it = extra.begin(); it != extra.end(); ++it) e[it.key()] = it.value();
  ApiResponse r;
  r.status = status;
  r.body = Dump(Json{{"error", e}}) + "\n";
  return r;
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kBusy: return 503;
    case Status::Code::kNotSupported: return 503;
    default: return 500;
  }
}

ApiResponse FromStatus(const Status& s) {
  ApiResponse r = ErrorResponse(HttpStatusFor(s), s.message());
  r.retry = s.code() == Status::Code::kBusy;
  return r;
}

namespace {

ApiResponse JsonResponse(const Json& j) {
  ApiResponse r;
  r.body = Dump(j, 2) + "\n";
  return r;
}

bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// A non-negative integer parameter; false when present and not a number.
bool SizeParam(const ApiRequest& req, const std::string& name, size_t* out) {
  std::string v = req.Param(name);
  if (v.empty()) return true;
  if (v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  *out = std::strtoull(v.c_str(), nullptr, 10);
  return true;
}

bool Flag(const ApiRequest& req, const std::string& name) {
  std::string v = req.Param(name);
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

}  // namespace

ApiResponse ValidateParams(const ApiRequest& req, const Limits& limits) {
  for (const auto& [k, v] : req.params) {
    if (!ValidUtf8(k) || !ValidUtf8(v)) return ErrorResponse(400, "parameter " + k + " is not valid UTF-8");
    if (v.size() > limits.max_query_bytes) {
      return ErrorResponse(400, "parameter " + k + " is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
    }
  }
  for (const auto& c : req.captures) {
    if (!ValidUtf8(c)) return ErrorResponse(400, "the path is not valid UTF-8");
  }
  return ApiResponse{0, "", "", ""};
}

ApiResponse HandleSearch(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits) {
  query::SearchParams p;
  p.text = req.Param("q");
  if (!SizeParam(req, "limit", &p.limit) || !SizeParam(req, "offset", &p.offset)) {
    return ErrorResponse(400, "limit and offset must be non-negative integers");
  }
  if (p.limit > limits.max_page) return ErrorResponse(400, "limit is at most " + std::to_string(limits.max_page));
  if (p.offset > 100000) return ErrorResponse(400, "offset is at most 100000");
  p.sort = req.Param("sort", "relevance");
  if (p.sort != "relevance" && p.sort != "date" && p.sort != "cited") {
    return ErrorResponse(400, "sort must be relevance, date or cited");
  }
  p.facets = Flag(req, "facets");
  p.explain = Flag(req, "explain");
  p.lenient = Flag(req, "lenient");
  p.snippets = Flag(req, "snippets");
  for (const char* f : {"drug", "biomarker", "trial", "design", "type"}) {
    for (const auto& v : req.All(f)) p.filters.emplace_back(f, v);
  }
  if (p.text.find_first_not_of(" \t\r\n") == std::string::npos && p.filters.empty()) {
    return ErrorResponse(400, "the query is empty (give q= or a filter such as drug=)");
  }
  query::SearchOutcome out = query::SearchWith(base, p, limits.search_seconds);
  if (out.error) {
    return ErrorResponse(400, out.error->message,
                         {{"offset", out.error->offset},
                          {"query", p.text},
                          {"detail", query::FormatQueryError(p.text, *out.error)},
                          {"warnings", out.warnings}});
  }
  if (!out.status.ok()) return FromStatus(out.status);
  return JsonResponse(query::SearchJson(p.text, out.results, out.warnings, p.explain, p.facets, p.snippets));
}

namespace {

// "W…/refs" -> ("W…", "refs"); a DOI's own slashes stay in the reference.
std::pair<std::string, std::string> SplitWorkPath(const std::string& path) {
  for (const char* tail : {"/refs", "/citing"}) {
    std::string t(tail);
    if (path.size() > t.size() && path.compare(path.size() - t.size(), t.size(), t) == 0) {
      return {path.substr(0, path.size() - t.size()), t.substr(1)};
    }
  }
  return {path, ""};
}

ApiResponse CitingResponse(kb::KnowledgeBase& base, const std::string& id) {
  auto ids = query::CitingWorks(base, id);
  if (!ids.ok()) return FromStatus(ids.status());
  Json list = Json::array();
  for (const auto& c : ids.value()) {
    auto w = base.GetWork(c);
    if (!w.ok()) return FromStatus(w.status());
    if (!w.value()) continue;
    const Json& r = *w.value();
    list.push_back({{"id", c}, {"title", r.value("title", Json(nullptr))}, {"year", r.value("year", Json(nullptr))},
                    {"journal", r.value("journal", Json(nullptr))}});
  }
  return JsonResponse({{"id", id}, {"citing", std::move(list)}});
}

}  // namespace

ApiResponse HandleWork(kb::KnowledgeBase& base, const ApiRequest& req, const Limits&) {
  auto [ref, what] = SplitWorkPath(req.captures.at(0));
  auto id = base.ResolveWork(ref);
  if (!id.ok()) return FromStatus(id.status());
  if (what == "refs") {
    auto v = query::RefsView(base, id.value());
    return v.ok() ? JsonResponse(v.value()) : FromStatus(v.status());
  }
  if (what == "citing") return CitingResponse(base, id.value());
  auto v = query::WorkView(base, id.value());
  return v.ok() ? JsonResponse(v.value()) : FromStatus(v.status());
}

ApiResponse HandleTrials(kb::KnowledgeBase& base, const ApiRequest& req, const Limits&) {
  query::TrialFilter f;
  f.drug = req.Param("drug");
  f.biomarker = req.Param("biomarker");
  f.phase = req.Param("phase");
  f.status = req.Param("status");
  f.condition = req.Param("condition");
  std::string sort = req.Param("sort", "cited");
  if (sort != "cited" && sort != "phase" && sort != "date" && sort != "id") {
    return ErrorResponse(400, "sort must be cited, phase, date or id");
  }
  query::ResolveTrialFilter(&f);
  auto v = query::TrialsView(base, f, sort);
  return v.ok() ? JsonResponse(v.value()) : FromStatus(v.status());
}

ApiResponse HandleTrial(kb::KnowledgeBase& base, const ApiRequest& req, const Limits&) {
  std::string term = req.captures.at(0);
  if (term.size() > 3 && (term.compare(0, 3, "nct") == 0)) {
    std::transform(term.begin(), term.end(), term.begin(), [](unsigned char c) { return std::toupper(c); });
  }
  auto nct = query::ResolveTrial(base, term);
  if (!nct.ok()) return FromStatus(nct.status());
  auto v = query::TrialView(base, nct.value());
  return v.ok() ? JsonResponse(v.value()) : FromStatus(v.status());
}

ApiResponse HandleEntities(kb::KnowledgeBase& base, const ApiRequest& req, const Limits&) {
  size_t limit = 0;
  if (!SizeParam(req, "limit", &limit)) return ErrorResponse(400, "limit must be a non-negative integer");
  auto v = query::EntitiesJson(base, req.Param("type"), limit);
  return v.ok() ? JsonResponse(v.value()) : FromStatus(v.status());
}

ApiResponse HandleStats(kb::KnowledgeBase& base, const ApiRequest&, const Limits&) {
  auto st = base.GetStats();
  if (!st.ok()) return FromStatus(st.status());
  auto lag = base.GetIndexLag();
  if (!lag.ok()) return FromStatus(lag.status());
  return JsonResponse(query::StatsJson(st.value(), lag.value()));
}

const std::vector<Route>& ApiRoutes() {
  static const std::vector<Route> kRoutes = {
      {R"(/api/search)", HandleSearch},         {R"(/api/works/(.+))", HandleWork},
      {R"(/api/trials)", HandleTrials},         {R"(/api/trials/([^/]+))", HandleTrial},
      {R"(/api/table)", HandleTable},           {R"(/api/map)", HandleMap},
      {R"(/api/entities)", HandleEntities},     {R"(/api/stats)", HandleStats},
      {R"(/api/columns)", HandleColumns},
  };
  return kRoutes;
}

}  // namespace ckb::serve
