// SPDX-License-Identifier: GPL-3.0-or-later
// The plain data model shared by every module: what parsers produce, what the
// stores keep and what queries return. No behaviour beyond small helpers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kb/outcomes.h"
#include "kb/registry.h"

namespace ckb {

// A problem found in an input. `line` is 1-based (0 when unknown); `record`
// is the 1-based record number in multi-record formats (0 when unknown).
struct Diagnostic {
  std::string source;
  int64_t line = 0;
  int64_t record = 0;
  std::string message;
};

// One entity mention in a piece of text. Offsets are Unicode code points
// into the text of `field` ("title", "abstract", "raw", ...).
struct Mention {
  std::string field;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;  // the words as written
  std::string type;  // drug | biomarker | gene | disease | trial | design | phase | sample_size
  std::string id;    // stable entity id, e.g. "drug:trastuzumab-deruxtecan", "trial:NCT03734029"
  std::string name;  // canonical name
  std::map<std::string, std::string> attrs;  // e.g. her2=ultralow, ihc=0+, phase=1b, n=1363
};

// One entry of a numbered list in a source document: a reference, or a
// related article. Unknown strings are empty; an unknown year is nullopt.
struct Reference {
  int n = 0;          // position in its list, 1-based
  std::string raw;    // the reference string as printed, whitespace folded
  std::vector<std::string> authors;  // as printed; "et al." / "等" is not an author
  bool et_al = false;
  std::string title;
  std::string type;  // GB/T 7714 type tag without brackets: J, EB/OL, M, C, D, ...
  std::string journal;
  std::optional<int> year;
  std::string volume, issue, pages;  // as printed
  std::string doi;   // lower case
  std::string pmid, pmcid, url;
  std::vector<std::string> nct;  // registry ids found anywhere in the string
  std::string work_id;           // filled in by the store once resolved
};

// A named part of a full text (Introduction, Methods, Results ...).
struct Section {
  std::string name;
  std::string text;
};

// A citable item: an article, a review, a reference-only item, ...
struct Work {
  std::string id;    // stable work id (kb::WorkIdFor), empty until resolved
  std::string type;  // review | article | trial-registration | book | web | thesis | conference | reference | ...
  std::string title;
  std::vector<std::string> authors;  // display form "Family Given" / "Family GI" / "朱军"
  std::string journal, journal_abbrev, volume, issue, pages;
  std::optional<int> year;
  std::string doi, pmid, pmcid;  // doi lower case; pmcid with "PMC"
  std::map<std::string, std::string> dates;  // received, online, published, ... (ISO where known)
  std::string abstract;
  std::vector<std::string> keywords, mesh, pub_types;
  std::string lang;   // ISO 639-1 where known ("en", "zh")
  std::string email;  // contact
  std::string url;
  std::string source_id;  // a record's own id in its input (JSONL "id")
  std::vector<Section> sections;
  std::vector<std::string> registry_ids;  // trial ids the record states (DataBankList, SI, ...)
  std::vector<Mention> entities;
  Outcomes outcomes;  // trial results stated in the title and abstract
};

// One document read from a source: a work and the lists printed with it.
struct Document {
  Work work;
  std::vector<Reference> references;
  std::vector<Reference> related;
  int64_t line = 0;    // where the record starts, when known
  int64_t record = 0;  // record number in its source, 1-based
};

struct Intervention {
  std::string type;
  std::string name;
  std::vector<std::string> other_names;
};

// A trial registration (ClinicalTrials.gov and other registries).
struct Trial {
  std::string nct;  // NCT########, or the primary registry id when there is no NCT id
  std::vector<std::string> other_ids;
  std::string acronym, brief_title, official_title;
  std::string phase;   // "1", "1/2", "2", "3", "4", "early 1", "n/a"
  std::string status;  // RECRUITING, COMPLETED, ...
  std::vector<std::string> conditions, keywords;
  std::vector<Intervention> interventions;
  std::vector<TrialArm> arms;
  std::vector<TrialOutcome> outcomes;  // planned primary, secondary and other measures
  std::vector<TrialResult> results;    // posted results (resultsSection)
  std::optional<int64_t> enrollment;
  std::map<std::string, std::string> dates;  // start, completion, first_posted, ...
  std::string sponsor;
  std::vector<std::string> pmids;  // linked publications
  std::string summary;
  std::vector<Mention> entities;
};

// Citation edge: `citing` lists `cited` at position `n` of `section`.
struct Citation {
  std::string citing;
  std::string cited;
  std::string section;  // "references" or "related"
  int n = 0;
  std::string raw;
  std::string source;  // the file (or archive member) that lists it
};

// Everything a parser found in one input.
struct ParseResult {
  std::string source;
  std::string format;
  std::vector<Document> documents;
  std::vector<Trial> trials;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace ckb
