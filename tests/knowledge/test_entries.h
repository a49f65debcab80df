// SPDX-License-Identifier: GPL-3.0-or-later
// Lexicon entries for extractor tests.
#pragma once

#include <string>

#include "knowledge/entities.h"
#include "text/text_norm.h"

namespace ckb::knowledge {

// A disease entry with id "disease:<slug of name>".
inline LexiconEntry TestDisease(const std::string& name) {
  LexiconEntry e;
  e.id = "disease:" + text::Slug(name);
  e.type = "disease";
  e.name = name;
  return e;
}

}  // namespace ckb::knowledge
