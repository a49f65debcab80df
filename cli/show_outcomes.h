// SPDX-License-Identifier: GPL-3.0-or-later
// `ckb show`'s text form of a work's trial results, each with its sentence.
#pragma once

#include "cli/common.h"

namespace ckb::cli {

// Prints the record's "outcomes" (nothing when it has none).
void PrintOutcomesText(const Json& work);

}  // namespace ckb::cli
