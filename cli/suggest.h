// SPDX-License-Identifier: GPL-3.0-or-later
// "did you mean ...?" for a mistyped subcommand or option.
#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace ckb::cli {

// The name in `names` nearest to `word` by edit distance, or "" when none
// is near enough to be a likely typo.
std::string Nearest(const std::string& word, const std::vector<std::string>& names);

// After a command-line error: for the first argument that names no
// subcommand, or each --option the chosen subcommand does not have, prints
// "ckb: unknown command 'serach'; did you mean 'search'?" (or the valid
// names) on stderr.
void SuggestForArguments(const CLI::App& app, int argc, char** argv);

}  // namespace ckb::cli
