// SPDX-License-Identifier: GPL-3.0-or-later
// The RocksDB key schema: column families and every key built anywhere.
// Composite keys join parts with '\0', so a prefix scan over "<part>\0"
// returns exactly one part's entries.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "kb/hash.h"

namespace ckb::kb {

// Column families.
inline constexpr const char* kCfMeta = "meta";        // gen, instance, schema
inline constexpr const char* kCfWorks = "works";      // work id -> work record (JSON)
inline constexpr const char* kCfIds = "ids";          // alias -> work id
// Citation edges carry the tag of the source that listed them (SourceTag), so
// that two sources giving the reference list of one work (PMC full text and
// PubMed) each keep their own list. Stores written before the tag existed
// have keys without it.
inline constexpr const char* kCfEdges = "edges";      // citing\0section\0nnnnnn\0tag -> edge (JSON)
inline constexpr const char* kCfCitedBy = "citedby";  // cited\0citing\0section\0nnnnnn\0tag -> ""
inline constexpr const char* kCfTrials = "trials";    // registry id -> trial record (JSON)
inline constexpr const char* kCfTrialWorks = "trialworks";  // nct\0work\0role -> link (JSON)
inline constexpr const char* kCfSources = "sources";  // source name -> what it contributed (JSON)
inline constexpr const char* kCfLog = "log";          // gen (8 bytes BE) -> changed work ids (JSON)
// The work's contributions, kept apart from the merged record so that
// reading a work for display or indexing parses only the merged view:
//   work\0<statement key> -> {rank, work, raw}   one key per contribution
//   work                  -> {v: 2, rank, key}   the head: the contribution
//                                                 last in merge order
// A work's only contribution is stored as {rank, raw, derived: true} (and
// its head carries derived: true) when the merged record gives its fields
// back; a trial record's only contribution likewise as {rank, derived: true}
// (kb/internal/merge_util.h, kDerived).
// (Stores written before the head existed hold all contributions as one
// JSON object under the bare work id; they are read and rewritten as above.)
inline constexpr const char* kCfContribs = "contribs";

inline const std::vector<std::string>& AllColumnFamilies() {
  static const std::vector<std::string> cfs = {kCfMeta,   kCfWorks,      kCfIds,
                                               kCfEdges,  kCfCitedBy,    kCfTrials,
                                               kCfTrialWorks, kCfSources, kCfLog,
                                               kCfContribs};
  return cfs;
}

// Meta keys.
inline constexpr const char* kMetaGen = "gen";
inline constexpr const char* kMetaInstance = "instance";
inline constexpr const char* kMetaSchema = "schema";
// "works citations trials documents": the counts `ckb stats` reports, kept
// by every commit in the same write as the records (kb/commit.cc).
inline constexpr const char* kMetaCounts = "counts";
inline constexpr const char* kSchemaVersion = "1";

// Alias keys in kCfIds: "doi:<doi>", "pmid:<n>", "pmcid:<PMC..>", "key:<fuzzy>", "src:<id>".
inline std::string AliasKey(std::string_view kind, std::string_view value) {
  std::string k(kind);
  k += ':';
  k.append(value);
  return k;
}

inline std::string Join(std::initializer_list<std::string_view> parts) {
  std::string k;
  bool first = true;
  for (auto p : parts) {
    if (!first) k.push_back('\0');
    k.append(p);
    first = false;
  }
  return k;
}

inline std::string Pos(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", n);
  return buf;
}

// The tag of a source (file or archive member) in citation keys.
inline std::string SourceTag(std::string_view source) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Fnv1a(source)));
  return buf;
}
// With an empty tag: the key as stores without tags wrote it.
inline std::string EdgeKey(std::string_view citing, std::string_view section, int n,
                           std::string_view tag) {
  return tag.empty() ? Join({citing, section, Pos(n)}) : Join({citing, section, Pos(n), tag});
}
inline std::string CitedByKey(std::string_view cited, std::string_view citing,
                              std::string_view section, int n, std::string_view tag) {
  return tag.empty() ? Join({cited, citing, section, Pos(n)})
                     : Join({cited, citing, section, Pos(n), tag});
}
inline std::string ContribKey(std::string_view work, std::string_view statement) {
  return Join({work, statement});
}
inline std::string TrialWorkKey(std::string_view nct, std::string_view work, std::string_view role) {
  return Join({nct, work, role});
}
// The prefix covering every composite key whose first part is `first`.
inline std::string PrefixOf(std::string_view first) {
  std::string k(first);
  k.push_back('\0');
  return k;
}

inline std::string GenKey(uint64_t gen) {
  std::string k(8, '\0');
  for (int i = 7; i >= 0; --i) {
    k[static_cast<size_t>(i)] = static_cast<char>(gen & 0xff);
    gen >>= 8;
  }
  return k;
}
inline uint64_t GenFromKey(std::string_view k) {
  uint64_t g = 0;
  for (unsigned char c : k.substr(0, 8)) g = (g << 8) | c;
  return g;
}

// Splits a composite key into its parts.
inline std::vector<std::string> SplitKey(std::string_view k) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t z = k.find('\0', start);
    if (z == std::string_view::npos) {
      parts.emplace_back(k.substr(start));
      return parts;
    }
    parts.emplace_back(k.substr(start, z - start));
    start = z + 1;
  }
}

}  // namespace ckb::kb
