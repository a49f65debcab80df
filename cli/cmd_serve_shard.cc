// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb serve-shard`: serves the knowledge base's index to `ckb search
// --shards host:port` on other machines, through Xapian's own server
// (xapian-tcpsrv from xapian-tools), which it replaces this process with.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "kb/keys.h"

namespace ckb::cli {
namespace {

struct ServeShardOptions {
  unsigned port = 0;
  std::string interface = "127.0.0.1";
  std::string server = "xapian-tcpsrv";
};

int RunServeShard(const GlobalOptions& g, const ServeShardOptions& o) {
  int code = kExitOk;
  std::string index;
  {
    auto base = OpenForRead(g, &code, {kb::kCfWorks}, true);
    if (!base) return code;
    index = base->IndexDirectory();
  }
  if (!g.quiet) {
    std::fprintf(stderr, "ckb: serving %s on %s:%u with %s (no authentication: keep it on a trusted network)\n",
                 index.c_str(), o.interface.c_str(), o.port, o.server.c_str());
  }
  std::fflush(stderr);
  std::string port = std::to_string(o.port);
  const char* argv[] = {o.server.c_str(), "--port",   port.c_str(), "--interface",
                        o.interface.c_str(), index.c_str(), nullptr};
  ::execvp(argv[0], const_cast<char* const*>(argv));
  std::fprintf(stderr, "ckb: cannot run %s: %s (Debian package xapian-tools)\n", o.server.c_str(),
               std::strerror(errno));
  return kExitSoftware;
}

}  // namespace

Command AddServeShardCommand(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ServeShardOptions>();
  CLI::App* sub = app.add_subcommand(
      "serve-shard", "Serve the search index to `ckb search --shards host:port` (runs xapian-tcpsrv)");
  sub->add_option("--port", o->port, "TCP port")->required()->check(CLI::Range(1, 65535));
  sub->add_option("--interface", o->interface, "Address to listen on (default 127.0.0.1)");
  sub->add_option("--server", o->server, "The server program (default xapian-tcpsrv)");
  return {sub, [o, &global] { return RunServeShard(global, *o); }};
}

}  // namespace ckb::cli
