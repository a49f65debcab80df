// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP layer of `ckb serve` (cpp-httplib, only in this file): routes to
// the API handlers and the compiled-in page, request checks (method, path,
// token), JSON bodies for every error, and a clean stop on SIGINT/SIGTERM.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "serve/assets.h"
#include "serve/readers.h"
#include "serve/server.h"

namespace ckb::serve {

namespace {

// How long a request overtaken by a writer's commits is run again.
constexpr double kRetrySeconds = 10.0;

void Send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  if (!r.filename.empty()) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
  }
  if (r.status == 503) res.set_header("Retry-After", "1");
  res.set_content(r.body, r.content_type.c_str());
}

// Constant-time comparison, so the token cannot be guessed byte by byte.
bool SameToken(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

std::string CookieToken(const httplib::Request& req) {
  std::string c = req.get_header_value("Cookie");
  const std::string key = "ckb_token=";
  for (size_t pos = 0; (pos = c.find(key, pos)) != std::string::npos; pos += key.size()) {
    if (pos == 0 || c[pos - 1] == ' ' || c[pos - 1] == ';') {
      size_t end = c.find(';', pos);
      return c.substr(pos + key.size(), end == std::string::npos ? std::string::npos : end - pos - key.size());
    }
  }
  return "";
}

bool Authorized(const httplib::Request& req, const std::string& token) {
  if (token.empty()) return true;
  std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0 && SameToken(auth.substr(7), token)) return true;
  if (SameToken(CookieToken(req), token)) return true;
  // The page's first load: /?token=... sets the cookie (see ServePage).
  return req.path == "/" && req.has_param("token") && SameToken(req.get_param_value("token"), token);
}

bool TraversalPath(const std::string& path) {
  if (path.empty() || path[0] != '/') return true;
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return true;
  std::string p = path + "/";
  return p.find("/../") != std::string::npos || p.find("/./") != std::string::npos;
}

httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res,
                                          const ServeOptions& o) {
  if (req.method != "GET" && req.method != "HEAD") {
    Send(res, ErrorResponse(405, "only GET and HEAD are served (the knowledge base is read-only)"));
    res.set_header("Allow", "GET, HEAD");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (TraversalPath(req.path)) {
    Send(res, ErrorResponse(400, "bad path"));
    return httplib::Server::HandlerResponse::Handled;
  }
  if (!Authorized(req, o.token)) {
    Send(res, ErrorResponse(401, "a token is required (Authorization: Bearer TOKEN)"));
    res.set_header("WWW-Authenticate", "Bearer");
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

void ServeApi(const httplib::Request& req, httplib::Response& res, Handler handler, ReaderPool& pool,
              const Limits& limits) {
  ApiRequest ar;
  for (size_t i = 1; i < req.matches.size(); ++i) ar.captures.push_back(req.matches[i].str());
  for (const auto& [k, v] : req.params) ar.params.emplace(k, v);
  ApiResponse bad = ValidateParams(ar, limits);
  if (bad.status != 0) return Send(res, bad);
  // Each commit of a writer frees the index revision that reads older than
  // the one before hold, so on a loaded machine a long read beside a writer
  // committing every few tens of milliseconds can be overtaken at every one
  // of its own retries (kb/search.cc). The request then runs again, on a
  // handle of the newest generation, for up to kRetrySeconds: the client
  // gets a slower answer rather than a 503.
  const auto start = std::chrono::steady_clock::now();
  for (int attempt = 1;; ++attempt) {
    Result<Lease> lease = pool.Acquire();
    if (!lease.ok()) {
      Status s = lease.status();
      // No knowledge base, or one being replaced: try again later.
      int code = s.code() == Status::Code::kNotFound ? 503 : HttpStatusFor(s) == 500 ? 503 : HttpStatusFor(s);
      return Send(res, ErrorResponse(code, s.message()));
    }
    ApiResponse r = handler(lease.value().base(), ar, limits);
    std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
    if (!r.retry || spent.count() >= kRetrySeconds) return Send(res, r);
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * std::min(attempt, 10)));
  }
}

void ServePage(const httplib::Request& req, httplib::Response& res, const ServeOptions& o) {
  Asset a = FindAsset(req.path);
  if (!a.content_type) return Send(res, ErrorResponse(404, "no such page: " + req.path));
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
  if (!o.token.empty() && req.has_param("token")) {
    res.set_header("Set-Cookie", "ckb_token=" + o.token + "; HttpOnly; SameSite=Strict; Path=/");
  }
  res.set_content(std::string(a.body), a.content_type);
}

void AddRoutes(httplib::Server& svr, ReaderPool& pool, const ServeOptions& o) {
  for (const Route& r : ApiRoutes()) {
    Handler h = r.handler;
    svr.Get(r.pattern, [&pool, &o, h](const httplib::Request& req, httplib::Response& res) {
      ServeApi(req, res, h, pool, o.limits);
    });
  }
  for (const char* page : {"/", "/index.html", "/app.js", "/app.css"}) {
    svr.Get(page, [&o](const httplib::Request& req, httplib::Response& res) { ServePage(req, res, o); });
  }
  svr.set_pre_routing_handler([&o](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res, o); });
  // Errors the library answers itself (unknown route, bad request line,
  // URI too long, body too large) get a JSON body too.
  httplib::Server::HandlerWithResponse on_error = [](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string msg = res.status == 404   ? "no such route: " + req.path
                      : res.status == 414 ? "the request line is too long"
                      : res.status == 413 ? "the request body is too large"
                                          : "bad request";
    Send(res, ErrorResponse(res.status, msg));
    return httplib::Server::HandlerResponse::Handled;
  };
  svr.set_error_handler(on_error);
}

bool Loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.rfind("127.", 0) == 0;
}

}  // namespace

Status Serve(const ServeOptions& o) {
  // The first reader tells whether there is a knowledge base at all.
  ReaderPool pool(o.db, static_cast<size_t>(o.threads));
  {
    Result<Lease> first = pool.Acquire();
    if (!first.ok()) return first.status();
  }
  if (!Loopback(o.host)) {
    std::fprintf(stderr, "ckb: warning: serving on %s, not only on this machine's loopback; anyone who can reach "
                 "it can read the knowledge base%s\n", o.host.c_str(), o.token.empty() ? " (consider --token FILE)" : "");
  }
  // SIGINT and SIGTERM are taken by one thread that stops the server; the
  // worker threads started below inherit the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  httplib::Server svr;
  int threads = o.threads > 0 ? o.threads : 8;
  // The library owns and deletes the queue it is given.
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_read_timeout(static_cast<time_t>(o.read_timeout_seconds), 0);
  svr.set_write_timeout(static_cast<time_t>(o.write_timeout_seconds), 0);
  svr.set_keep_alive_timeout(2);
  svr.set_payload_max_length(64 * 1024);
  AddRoutes(svr, pool, o);
  // The library listens with a backlog of 5 (compiled into Debian's
  // libcpp-httplib), so a burst of connections waits for SYN retransmits of
  // 1, 3, 7 s. The listening socket is noted here and listened on again with
  // a deep backlog once bound (Linux adjusts the backlog of a listening socket).
  int listen_fd = -1;
  svr.set_socket_options([&listen_fd](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd = sock;
  });

  int port = o.port == 0 ? svr.bind_to_any_port(o.host) : (svr.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    return Status::InvalidArgument("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                   " (address in use or not available)");
  }
  if (listen_fd >= 0) ::listen(listen_fd, 1024);
  std::atomic<bool> signalled{false};
  std::thread stopper([&svr, &signalled, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    svr.stop();
  });
  if (o.on_ready) o.on_ready(port);
  bool ok = svr.listen_after_bind();
  // Wakes the stopper when the server ended by itself.
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  ok = ok || signalled;
  return ok ? Status::Ok() : Status::IOError("the server stopped accepting connections");
}

}  // namespace ckb::serve
