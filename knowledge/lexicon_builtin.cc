// SPDX-License-Identifier: GPL-3.0-or-later
// The lexicon image compiled into the binary: ckb_lexgen (knowledge/gen/lexgen.cc)
// builds it at build time from schemas/lexicon/oncology.jsonl and the
// imported vocabularies, and a generated source places its bytes in the
// read-only data of the executable, so the kernel maps it in as it is read.
#include "knowledge/lexicon_table.h"

namespace ckb::knowledge {

extern "C" const unsigned char ckb_lexicon_image[];
extern "C" const unsigned char ckb_lexicon_image_end[];

std::string_view ShippedLexiconImage() {
  return std::string_view(reinterpret_cast<const char*>(ckb_lexicon_image),
                          static_cast<size_t>(ckb_lexicon_image_end - ckb_lexicon_image));
}

std::vector<LexiconEntry> ShippedLexiconEntries() {
  LexiconTable t;
  std::string_view img = ShippedLexiconImage();
  std::vector<LexiconEntry> out;
  if (!t.Open(img.data(), img.size()).ok()) return out;
  out.reserve(t.num_entries());
  for (uint32_t i = 0; i < t.num_entries(); ++i) out.push_back(t.DecodeEntry(i));
  return out;
}

}  // namespace ckb::knowledge
