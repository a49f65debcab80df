// SPDX-License-Identifier: GPL-3.0-or-later
// Minimal extractor: trial registry numbers only. The lexicon-driven matcher
// replaces this file.
#include "indexer/entities.h"

#include "indexer/identifiers.h"

namespace ckb::indexer {
namespace {

class NctOnlyExtractor : public EntityExtractor {
 public:
  std::vector<Mention> Extract(std::string_view text, std::string_view field) const override {
    std::vector<Mention> out;
    for (const std::string& id : FindNctIds(text)) {
      Mention m;
      m.field = std::string(field);
      m.text = id;
      m.type = "trial";
      m.id = "trial:" + id;
      m.name = id;
      out.push_back(std::move(m));
    }
    return out;
  }
  std::vector<std::string> Resolve(std::string_view term, std::string_view) const override {
    auto ids = FindNctIds(term);
    if (ids.empty()) return {};
    return {"trial:" + ids[0]};
  }
  const LexiconEntry* Find(std::string_view) const override { return nullptr; }
};

}  // namespace

const EntityExtractor& EntityExtractor::Default() {
  static const NctOnlyExtractor e;
  return e;
}

std::unique_ptr<EntityExtractor> EntityExtractor::FromEntries(std::vector<LexiconEntry>) {
  return std::make_unique<NctOnlyExtractor>();
}

}  // namespace ckb::indexer
