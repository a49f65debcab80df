// SPDX-License-Identifier: GPL-3.0-or-later
// The list of subcommands, in the order `ckb --help` shows them.
#pragma once

#include <vector>

#include "cli/command.h"

namespace ckb::cli {

Command AddIndexCommand(CLI::App& app, GlobalOptions& global);
Command AddParseCommand(CLI::App& app, GlobalOptions& global);
Command AddSearchCommand(CLI::App& app, GlobalOptions& global);
Command AddShowCommand(CLI::App& app, GlobalOptions& global);
Command AddRefsCommand(CLI::App& app, GlobalOptions& global);
Command AddTrialsCommand(CLI::App& app, GlobalOptions& global);
Command AddTrialCommand(CLI::App& app, GlobalOptions& global);
Command AddTableCommand(CLI::App& app, GlobalOptions& global);
Command AddMapCommand(CLI::App& app, GlobalOptions& global);
Command AddExportCommand(CLI::App& app, GlobalOptions& global);
Command AddExtractCommand(CLI::App& app, GlobalOptions& global);
Command AddEntitiesCommand(CLI::App& app, GlobalOptions& global);
Command AddStatsCommand(CLI::App& app, GlobalOptions& global);
Command AddCheckCommand(CLI::App& app, GlobalOptions& global);
Command AddRebuildIndexCommand(CLI::App& app, GlobalOptions& global);
Command AddServeCommand(CLI::App& app, GlobalOptions& global);
Command AddServeShardCommand(CLI::App& app, GlobalOptions& global);

inline std::vector<AddCommandFn> AllCommands() {
  return {AddIndexCommand,    AddParseCommand,   AddSearchCommand,   AddShowCommand,
          AddRefsCommand,     AddTrialsCommand,  AddTrialCommand,    AddTableCommand,
          AddMapCommand,      AddExportCommand,  AddExtractCommand,
          AddEntitiesCommand, AddStatsCommand,   AddCheckCommand,    AddRebuildIndexCommand,
          AddServeCommand,    AddServeShardCommand};
}

}  // namespace ckb::cli
