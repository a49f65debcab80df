// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb serve`: the web page and JSON API over one knowledge base, read-only,
// on a pool of worker threads (docs/API.md).
#pragma once

#include <functional>
#include <string>

#include "kb/status.h"
#include "serve/api.h"

namespace ckb::serve {

struct ServeOptions {
  std::string db;                  // knowledge-base directory (must exist)
  std::string host = "127.0.0.1";  // address to bind
  int port = 8080;                 // 0: any free port (printed when ready)
  int threads = 8;                 // worker threads answering requests
  std::string token;               // when set, every request must carry it (Bearer or cookie)
  Limits limits;
  double read_timeout_seconds = 5;   // per request: reading it
  double write_timeout_seconds = 10;  // per request: sending the answer
  // Called once the socket is bound with the port, before requests are served.
  std::function<void(int port)> on_ready;
};

// Serves until SIGINT or SIGTERM. kInvalidArgument when the address cannot
// be bound; kNotFound when there is no knowledge base at `db`.
Status Serve(const ServeOptions& options);

}  // namespace ckb::serve
