// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb serve [--host 127.0.0.1] [--port 8080] [--token FILE]`: the local web
// page and JSON API over the knowledge base (serve/, docs/API.md).
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "serve/server.h"

namespace ckb::cli {
namespace {

struct ServeCliOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 8;
  std::string token_file;
};

// The first line of the token file, without surrounding blanks.
bool ReadToken(const std::string& path, std::string* token) {
  std::ifstream in(path);
  if (!in) return false;
  std::getline(in, *token);
  size_t b = token->find_first_not_of(" \t\r");
  size_t e = token->find_last_not_of(" \t\r");
  *token = b == std::string::npos ? "" : token->substr(b, e - b + 1);
  return true;
}

int RunServe(const GlobalOptions& g, const ServeCliOptions& o) {
  serve::ServeOptions so;
  so.db = g.db;
  so.host = o.host;
  so.port = o.port;
  so.threads = o.threads;
  if (!o.token_file.empty()) {
    if (!ReadToken(o.token_file, &so.token)) {
      std::fprintf(stderr, "ckb: cannot read the token file %s\n", o.token_file.c_str());
      return kExitNoInput;
    }
    if (so.token.size() < 16) {
      std::fprintf(stderr, "ckb: %s: the token must have at least 16 characters\n", o.token_file.c_str());
      return kExitUsage;
    }
  }
  PrefetchExtractor();
  bool quiet = g.quiet;
  so.on_ready = [&so, quiet](int port) {
    std::string host = so.host.find(':') != std::string::npos ? "[" + so.host + "]" : so.host;
    if (!quiet) std::fprintf(stderr, "ckb: serving %s on http://%s:%d/ (Ctrl-C stops)\n", so.db.c_str(), host.c_str(), port);
    // The port on stdout alone, for scripts that asked for any port (--port 0).
    std::printf("%d\n", port);
    std::fflush(stdout);
  };
  Status s = serve::Serve(so);
  if (!s.ok()) {
    int code = ReportError(s);
    return s.code() == Status::Code::kNotFound ? kExitNoInput : code;
  }
  return kExitOk;
}

}  // namespace

Command AddServeCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ServeCliOptions>();
  CLI::App* sub = app.add_subcommand("serve", "Serve a web page and JSON API over the knowledge base (docs/API.md)");
  sub->add_option("--host", o->host, "Address to listen on (default 127.0.0.1; another address prints a warning)");
  sub->add_option("--port", o->port, "Port (default 8080; 0 picks a free one, printed on stdout)")->check(CLI::Range(0, 65535));
  sub->add_option("--threads", o->threads, "Worker threads (default 8)")->check(CLI::Range(1, 256));
  sub->add_option("--token", o->token_file, "Require the token in FILE on every request (Authorization: Bearer)");
  return {sub, [o, &global] { return RunServe(global, *o); }};
}

}  // namespace ckb::cli
