// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb show`'s text form of a work's trial results, each with its sentence,
// and of what a trial registration states.
#pragma once

#include "cli/common.h"

namespace ckb::cli {

// Prints the record's "outcomes" (nothing when it has none).
void PrintOutcomesText(const Json& work);

// Prints a trial record's dates, arms, planned outcome measures and posted
// results (cli/show_registry.cc).
void PrintRegistryText(const Json& trial);

}  // namespace ckb::cli
