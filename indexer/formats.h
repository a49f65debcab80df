// SPDX-License-Identifier: GPL-3.0-or-later
// Entry points of the format parsers registered in formats.cc. Each SniffX
// returns a confidence 0..100 (see Format::sniff); each ParseX implements
// Format::parse.
#pragma once

#include <string_view>

#include "indexer/parser.h"

namespace ckb::indexer {

int SniffPageText(std::string_view filename, std::string_view head);
Status ParsePageText(Input& in, Sink& sink);

// One reference string per line -> one Document per line whose references
// hold the parsed string (used by `ckb parse --as citations`).
Status ParseCitationLines(Input& in, Sink& sink);

}  // namespace ckb::indexer
