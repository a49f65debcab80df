// SPDX-License-Identifier: GPL-3.0-or-later
// Every Xapian term prefix and value slot ckb uses (Omega's convention:
// Q = unique id, X... = ours). Boolean terms whose value starts with an
// upper-case letter are written "<prefix>:<value>" because that is how
// Xapian's QueryParser builds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kb/hash.h"

namespace ckb::kb::terms {

// Unique id term.
inline constexpr const char* kId = "Q";

// Probabilistic (free-text) field prefixes. Unprefixed terms hold all text.
inline constexpr const char* kTitle = "S";
inline constexpr const char* kAuthor = "A";
inline constexpr const char* kJournal = "J";
// The abstract has no terms of its own: "abstract:" is answered from the
// all-text terms (kb/abstract_source.cc). The prefix stays the query-side
// name of the field.
inline constexpr const char* kAbstract = "XAB";
inline constexpr const char* kRefText = "XRF";  // reference strings of the work (as cited)
inline constexpr const char* kBody = "XBD";     // full-text body
inline constexpr const char* kMesh = "XMH";
// Body text of one section: "XBS" + SectionKey(name) + ":" (e.g. "XBSmethods:").
inline constexpr const char* kSectionText = "XBS";
inline constexpr const char* kKeyword = "K";

// Boolean filter prefixes.
inline constexpr const char* kDoi = "XDOI";
inline constexpr const char* kPmid = "XPMID";
inline constexpr const char* kPmcid = "XPMC";
inline constexpr const char* kNct = "XNCT";  // every registry id linked to the work
inline constexpr const char* kDrug = "XDRUG";
inline constexpr const char* kDrugClass = "XDCLS";
inline constexpr const char* kBiomarker = "XBIO";  // "HER2" and "HER2/low"
inline constexpr const char* kGene = "XGENE";
inline constexpr const char* kDisease = "XDIS";
inline constexpr const char* kTrial = "XTRIAL";  // NCT id or acronym
inline constexpr const char* kDesign = "XDES";
inline constexpr const char* kPhase = "XPHASE";
inline constexpr const char* kType = "XTYPE";
inline constexpr const char* kLang = "XLANG";
inline constexpr const char* kYear = "XYEAR";
inline constexpr const char* kPubType = "XPT";
inline constexpr const char* kSection = "XSEC";  // section names present in the body
inline constexpr const char* kCites = "XCITES";   // works this work cites
inline constexpr const char* kCitedBy = "XCITEDBY";  // works citing this work
inline constexpr const char* kSource = "XSRC";   // source_id of JSONL records

// Value slots.
inline constexpr unsigned kSlotYear = 0;       // sortable_serialise(year)
inline constexpr unsigned kSlotCited = 1;      // sortable_serialise(cited-by count)
inline constexpr unsigned kSlotDate = 2;       // "YYYYMMDD" (best known date)
inline constexpr unsigned kSlotId = 3;         // work id (last tie-break of every sort)
inline constexpr unsigned kSlotFacetDrug = 10;       // '\0'-joined entity ids for facets
inline constexpr unsigned kSlotFacetBiomarker = 11;
inline constexpr unsigned kSlotFacetTrial = 12;
inline constexpr unsigned kSlotFacetDesign = 13;
inline constexpr unsigned kSlotFacetJournal = 14;
inline constexpr unsigned kSlotFacetLang = 15;
inline constexpr unsigned kSlotFacetPhase = 16;      // '\0'-joined trial phases ("2", "1/2", ...)
// Hazard ratios a work reports (its stored outcomes), the lowest and the
// highest per endpoint, sortable_serialise(ratio): slots kSlotHrFirst + 2i
// (lowest) and kSlotHrFirst + 2i + 1 (highest) for kHrEndpoints[i].
inline constexpr unsigned kSlotHrFirst = 20;
inline constexpr const char* kHrEndpoints[] = {"any", "OS", "PFS", "DFS", "EFS", "RFS", "TTP", "iDFS"};
// The slot of the lowest (or highest) hazard ratio for an endpoint named as
// in kHrEndpoints (case ignored); -1 for another endpoint.
inline int HrSlot(std::string_view endpoint, bool highest) {
  for (unsigned i = 0; i < sizeof kHrEndpoints / sizeof kHrEndpoints[0]; ++i) {
    std::string_view e = kHrEndpoints[i];
    bool same = e.size() == endpoint.size();
    for (size_t k = 0; same && k < e.size(); ++k) {
      same = (e[k] | 0x20) == (endpoint[k] | 0x20);
    }
    if (same) return static_cast<int>(kSlotHrFirst + 2 * i + (highest ? 1 : 0));
  }
  return -1;
}

// Every field but the abstract has a copy of its words under its own prefix
// with the same wdf as in the all-text terms, so a word's wdf in the
// abstract is its all-text wdf minus its wdf under these prefixes.
inline constexpr const char* kFieldsBesideAbstract[] = {kTitle, kAuthor, kJournal, kRefText,
                                                       kKeyword, kMesh, kBody};

// Metadata keys.
inline constexpr const char* kMetaGen = "kb:gen";
// The term scheme an index was built with; an index of another scheme is
// rebuilt by the next writer (readers ask for `ckb rebuild-index`).
inline constexpr const char* kMetaTerms = "kb:terms";
// 3: trial phases in a facet slot (kSlotFacetPhase), hazard-ratio slots,
// biomarker alteration and threshold terms.
inline constexpr const char* kTermScheme = "3";
inline constexpr const char* kMetaInstance = "kb:instance";
inline constexpr const char* kMetaSchema = "kb:schema";

// Builds a boolean term: prefix + value with ASCII letters lower-cased, so
// "XNCT" + "NCT05633979" is "XNCTnct05633979". Field queries build their
// terms through this function too, which makes them case-insensitive.
// Xapian refuses terms over 245 bytes, so a longer term keeps its first
// kMaxBooleanTerm - 17 bytes and ends in "#" and the FNV-1a hash of the
// whole term: the same value gives the same term when indexing and querying.
inline constexpr size_t kMaxBooleanTerm = 240;
inline std::string Boolean(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  for (char c : value) t.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (t.size() > kMaxBooleanTerm) {
    uint64_t h = Fnv1a(t);
    static const char kHex[] = "0123456789abcdef";
    t.resize(kMaxBooleanTerm - 17);
    t.push_back('#');
    for (int i = 60; i >= 0; i -= 4) t.push_back(kHex[(h >> i) & 15]);
  }
  return t;
}

// The canonical key of a full-text section heading: "Materials and Methods",
// "Patients and methods", "METHODS" -> "methods"; likewise introduction,
// results, discussion, conclusions; other headings -> their lower-case
// letters and digits (at most 24).
inline std::string SectionKey(std::string_view name) {
  std::string low;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') low.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) low.push_back(c);
    else low.push_back(' ');
  }
  auto has = [&](const char* w) { return low.find(w) != std::string::npos; };
  if (has("introduction") || has("background")) return "introduction";
  if (has("result")) return "results";
  if (has("method") || has("materials") || has("patients and") || has("study design") ||
      has("experimental")) {
    return "methods";
  }
  if (has("discussion")) return "discussion";
  if (has("conclusion")) return "conclusions";
  std::string key;
  for (char c : low) {
    if (c != ' ' && key.size() < 24) key.push_back(c);
  }
  return key;
}

inline std::string SectionTextPrefix(std::string_view name) {
  return std::string(kSectionText) + SectionKey(name) + ":";
}

}  // namespace ckb::kb::terms
