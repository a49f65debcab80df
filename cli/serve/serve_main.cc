// SPDX-License-Identifier: GPL-3.0-or-later
// ckb-serve: the server that `ckb serve` (cli/cmd_serve.cc) replaces itself
// with, given the options that command checked:
//   ckb-serve --db DIR --host H --port P --threads T [--token FILE] [--quiet]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/serve/serve_options.h"
#include "serve/server.h"

namespace ckb::cli {
namespace {

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

// The options as cli/cmd_serve.cc passes them; anything else is a usage error.
bool ParseArgs(int argc, char** argv, GlobalOptions* g, ServeCliOptions* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--quiet") {
      g->quiet = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (a == "--db") {
      g->db = v;
    } else if (a == "--host") {
      o->host = v;
    } else if (a == "--port") {
      o->port = std::atoi(v.c_str());
    } else if (a == "--threads") {
      o->threads = std::atoi(v.c_str());
    } else if (a == "--token") {
      o->token_file = v;
    } else {
      return false;
    }
  }
  return !g->db.empty() && o->port >= 0 && o->port <= 65535 && o->threads >= 1 && o->threads <= 256;
}

}  // namespace
}  // namespace ckb::cli

int main(int argc, char** argv) {
  ckb::cli::GlobalOptions g;
  ckb::cli::ServeCliOptions o;
  if (!ckb::cli::ParseArgs(argc, argv, &g, &o)) {
    std::fprintf(stderr, "usage: ckb-serve --db DIR --host H --port P --threads T [--token FILE] [--quiet]"
                         " (run through `ckb serve`)\n");
    return ckb::cli::kExitUsage;
  }
  return ckb::cli::RunServe(g, o);
}
