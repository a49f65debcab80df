// SPDX-License-Identifier: GPL-3.0-or-later
// cli/: the `ckb` executable, one file per subcommand (docs/ARCHITECTURE.md).
//
// How subcommands plug into the `ckb` executable: each cli/cmd_*.cc defines
// one Add*Command function that adds its CLI11 subcommand and returns the
// function run when the user selects it. The run function returns an exit
// code (cli/exit_codes.h).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace ckb::cli {

// Options accepted before or after any subcommand.
struct GlobalOptions {
  std::string db;  // knowledge-base directory; default $CKB_DB or ./ckb-data
  bool quiet = false;
  int verbose = 0;
  std::string color = "auto";  // auto | always | never
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
  // The command writes the knowledge base. Other commands end the process
  // as soon as their output is flushed, without running destructors.
  bool writes = false;
};

using AddCommandFn = Command (*)(CLI::App& app, GlobalOptions& global);

// Adds the global options to a (sub)command so they are accepted after it too.
void AddGlobalOptions(CLI::App& app, GlobalOptions& global);

// True when colour should be used on stdout.
bool UseColor(const GlobalOptions& global);

}  // namespace ckb::cli
