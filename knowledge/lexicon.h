// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing lexicons in their JSONL form (one LexiconEntry per line,
// described by schemas/lexicon.schema.json), and the built-in oncology lexicon.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/entities.h"
#include "kb/status.h"

namespace ckb::knowledge {

// Parses JSONL lexicon text; blank lines and lines starting with '#' or "//"
// are skipped. A malformed line fails with kParseError naming `source` and the line.
Status ParseLexiconJsonl(std::string_view data, std::string_view source,
                         std::vector<LexiconEntry>* out);
// A file ending in ".zst" is zstd-compressed JSONL.
Status LoadLexiconFile(const std::string& path, std::vector<LexiconEntry>* out);
// Decompresses a whole zstd stream (several frames allowed); errors name `source`.
Status DecompressZstd(std::string_view in, const std::string& source, std::string* out);

// Loads every file of a colon-separated list ("a.jsonl:b.jsonl", the form of
// $CKB_LEXICONS); empty items are skipped. Stops at the first file that fails.
Status LoadLexiconList(std::string_view colon_list, std::vector<LexiconEntry>* out);

// One JSON object (a single line, no trailing newline).
std::string LexiconEntryToJson(const LexiconEntry& e);
Status WriteLexiconJsonl(const std::string& path, const std::vector<LexiconEntry>& entries);

// The oncology lexicon compiled into the binary (schemas/lexicon/oncology.jsonl).
std::string_view BuiltinLexiconJsonl();

// Merges entries with equal ids: the first keeps its name, type, parent
// (taking a later one's when it has none) and codes; later synonyms, codes
// and names are appended without repeats.
void MergeLexiconEntries(std::vector<LexiconEntry>* entries);

}  // namespace ckb::knowledge
