// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON API of `ckb serve` without the HTTP layer: each handler takes the
// request's path captures and query parameters and returns the status, type
// and body to send. Bodies are those of the matching command with
// `--format json` (docs/API.md). Handlers run on the server's worker threads,
// each with a reader of its own.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kb/kb.h"

namespace ckb::serve {

// Limits applied to every request (docs/API.md).
struct Limits {
  size_t max_query_bytes = 2000;  // q= and other free-text parameters
  size_t max_page = 100;          // limit= of /api/search
  size_t max_table_rows = 2000;   // limit= of /api/table and /api/map
  double search_seconds = 5.0;    // matching time per search
};

struct ApiRequest {
  std::vector<std::string> captures;              // regular-expression groups of the route
  std::multimap<std::string, std::string> params;  // decoded query parameters
  // The value of `name`, or `fallback` when absent.
  std::string Param(const std::string& name, const std::string& fallback = "") const;
  std::vector<std::string> All(const std::string& name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string filename;  // Content-Disposition attachment name, when set
  // A read that writers' commits overtook (kBusy, 503): the server runs the
  // request again on a handle of the newest generation (serve/http.cc).
  bool retry = false;
};

// {"error": {"status": S, "message": M}} plus `extra` members of "error".
ApiResponse ErrorResponse(int status, const std::string& message, const Json& extra = Json::object());
// The HTTP status for a failed Status: 400 bad argument, 404 not found, 503
// busy or needing a rebuild, 500 otherwise.
int HttpStatusFor(const Status& s);
ApiResponse FromStatus(const Status& s);

using Handler = ApiResponse (*)(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);

struct Route {
  const char* pattern;  // ECMAScript regular expression over the path
  Handler handler;
};

// Every GET route of the API, in match order.
const std::vector<Route>& ApiRoutes();

// Checks parameters before a reader is taken: every value valid UTF-8 and
// within the limits. An error response, or status 0 when fine.
ApiResponse ValidateParams(const ApiRequest& req, const Limits& limits);

// Handlers (api.cc, api_tables.cc).
ApiResponse HandleSearch(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleWork(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleTrials(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleTrial(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleEntities(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleStats(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleTable(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleMap(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);
ApiResponse HandleColumns(kb::KnowledgeBase& base, const ApiRequest& req, const Limits& limits);

}  // namespace ckb::serve
