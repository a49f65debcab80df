// SPDX-License-Identifier: GPL-3.0-or-later
// The options of `ckb serve`, which cli/cmd_serve.cc checks and passes on to
// ckb-serve (cli/serve/serve_main.cc).
#pragma once

#include <string>

namespace ckb::cli {

struct ServeCliOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 8;
  std::string token_file;
};

}  // namespace ckb::cli
