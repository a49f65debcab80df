// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb serve [--host 127.0.0.1] [--port 8080] [--token FILE]`: the local web
// page and JSON API over the knowledge base (serve/, docs/API.md).
//
// The server is its own executable, ckb-serve, installed beside ckb, which
// this command replaces itself with: the HTTP library and what it links
// (OpenSSL, Brotli) then cost nothing to the one-shot commands, which load
// and relocate none of it.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/serve/serve_options.h"

namespace ckb::cli {
namespace {

// ckb-serve in the folder of the running ckb.
std::string ServerPath() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "ckb-serve";
  std::string self(buf, static_cast<size_t>(n));
  size_t slash = self.rfind('/');
  return (slash == std::string::npos ? std::string() : self.substr(0, slash + 1)) + "ckb-serve";
}

int RunServe(const GlobalOptions& g, const ServeCliOptions& o) {
  std::vector<std::string> args = {"ckb-serve", "--db", g.db, "--host", o.host, "--port", std::to_string(o.port),
                                   "--threads", std::to_string(o.threads)};
  if (!o.token_file.empty()) {
    args.push_back("--token");
    args.push_back(o.token_file);
  }
  if (g.quiet) args.push_back("--quiet");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string path = ServerPath();
  std::fflush(nullptr);
  execv(path.c_str(), argv.data());
  std::fprintf(stderr, "ckb: cannot start the server %s: %s (it is built and installed beside ckb)\n",
               path.c_str(), std::strerror(errno));
  return kExitSoftware;
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
