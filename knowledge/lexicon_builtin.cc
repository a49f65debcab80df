// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in lexicon as parsed entries, generated at build time from
// schemas/lexicon/oncology.jsonl by ckb_lexgen (knowledge/gen/lexgen.cc):
// parsing the JSONL was a third of building the entity extractor, which
// every `ckb search` process does.
#include "knowledge/lexicon.h"

namespace ckb::knowledge {

std::vector<LexiconEntry> BuiltinLexiconEntries() {
  std::vector<LexiconEntry> entries;
#include "knowledge/lexicon_builtin_entries.inc"
  return entries;
}

}  // namespace ckb::knowledge
