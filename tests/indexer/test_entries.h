// SPDX-License-Identifier: GPL-3.0-or-later
// Lexicon entries for extractor tests.
#pragma once

#include <string>

#include "indexer/entities.h"
#include "indexer/text_norm.h"

namespace ckb::indexer {

// A disease entry with id "disease:<slug of name>".
inline LexiconEntry TestDisease(const std::string& name) {
  LexiconEntry e;
  e.id = "disease:" + Slug(name);
  e.type = "disease";
  e.name = name;
  return e;
}

}  // namespace ckb::indexer
