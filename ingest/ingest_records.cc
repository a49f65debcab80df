// SPDX-License-Identifier: GPL-3.0-or-later
// From parsed items to what the store merges: works for references and
// registrations, source ranks, and entity annotation bounded in memory.
#include <algorithm>
#include <map>

#include "ingest/ingest.h"
#include "ingest/internal/ingest_records.h"
#include "kb/merge.h"
#include "knowledge/results.h"

namespace ckb::ingest {
namespace {

// At most this many mentions of one entity (and state) are kept per field,
// and at most kMaxMentionsPerField in all: enough to show where an entity
// is named, bounded however often a text repeats it.
constexpr size_t kMaxSameMention = 3;
constexpr size_t kMaxMentionsPerField = 256;

// Long texts are annotated in pieces of about this size, cut at white
// space, so that the matcher's working memory stays bounded.
constexpr size_t kExtractChunkBytes = size_t{256} << 10;

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<Mention> ChunkedExtract(const knowledge::EntityExtractor& extractor, std::string_view text,
                                    std::string_view field) {
  if (text.size() <= kExtractChunkBytes) return extractor.Extract(text, field);
  std::vector<Mention> out;
  size_t pos = 0;
  uint32_t cp_offset = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + kExtractChunkBytes);
    if (end < text.size()) {
      size_t space = text.rfind(' ', end);
      if (space != std::string_view::npos && space > pos) end = space;
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
    std::string_view piece = text.substr(pos, end - pos);
    for (auto& m : extractor.Extract(piece, field)) {
      m.start += cp_offset;
      m.end += cp_offset;
      out.push_back(std::move(m));
    }
    cp_offset += CodePoints(piece);
    pos = end;
  }
  return out;
}

}  // namespace

int RankFor(const std::string& format) {
  if (format == "pubmed" || format == "medline") return kb::kRankPubmed;
  if (format == "jats") return kb::kRankJats;
  if (format == "jsonl") return kb::kRankJsonl;
  if (format == "ris" || format == "bibtex") return kb::kRankCitationManager;
  return kb::kRankPage;
}

std::string WorkTypeForTag(const std::string& tag) {
  if (tag == "J") return "article";
  if (tag == "M") return "book";
  if (tag == "C") return "conference";
  if (tag == "D") return "thesis";
  if (tag == "R") return "report";
  if (tag == "P") return "patent";
  if (tag == "S") return "standard";
  if (tag == "N") return "newspaper";
  if (tag.find("OL") != std::string::npos) return "web";
  return "";
}

Work WorkFromReference(const Reference& r) {
  Work w;
  w.type = WorkTypeForTag(r.type);
  w.title = r.title;
  w.authors = r.authors;
  w.journal = r.journal;
  w.year = r.year;
  w.volume = r.volume;
  w.issue = r.issue;
  w.pages = r.pages;
  w.doi = r.doi;
  w.pmid = r.pmid;
  w.pmcid = r.pmcid;
  w.url = r.url;
  w.registry_ids = r.nct;
  return w;
}

// The work standing for a trial's registration record.
Work RegistrationWork(const Trial& t) {
  Work w;
  w.type = "trial-registration";
  w.title = !t.brief_title.empty() ? t.brief_title : t.official_title;
  w.abstract = t.summary;
  if (!t.official_title.empty() && t.official_title != w.title) {
    w.abstract = t.official_title + (w.abstract.empty() ? "" : "\n" + w.abstract);
  }
  for (const auto& c : t.conditions) w.keywords.push_back(c);
  for (const auto& k : t.keywords) w.keywords.push_back(k);
  for (const auto& i : t.interventions) w.keywords.push_back(i.name);
  w.registry_ids.push_back(t.nct);
  for (const auto& o : t.other_ids) w.registry_ids.push_back(o);
  w.url = t.nct.rfind("NCT", 0) == 0 ? "https://clinicaltrials.gov/study/" + t.nct : "";
  if (!t.sponsor.empty()) w.authors.push_back(t.sponsor);
  for (const char* k : {"first_posted", "start", "study_first_submitted"}) {
    auto it = t.dates.find(k);
    if (it != t.dates.end() && it->second.size() >= 4) {
      w.year = std::atoi(it->second.substr(0, 4).c_str());
      w.dates["registered"] = it->second;
      break;
    }
  }
  w.lang = "en";
  w.source_id = t.nct;
  return w;
}

namespace {

// At most kMaxSameMention mentions of one entity (with the same attributes)
// and kMaxMentionsPerField in all, the first ones in text order.
std::vector<Mention> Bound(std::vector<Mention> all) {
  if (all.size() <= kMaxSameMention) return all;
  std::vector<Mention> out;
  std::map<std::string, size_t> seen;
  for (auto& m : all) {
    std::string key = m.id;
    for (const auto& [k, v] : m.attrs) key += "|" + k + "=" + v;
    if (++seen[key] > kMaxSameMention) continue;
    out.push_back(std::move(m));
    if (out.size() >= kMaxMentionsPerField) break;
  }
  return out;
}

// The end of the registry text: each condition and intervention on a line.
std::string RegistryTail(const Trial& t) {
  std::string tail;
  for (const auto& c : t.conditions) tail += "\n" + c;
  for (const auto& i : t.interventions) tail += "\n" + i.name;
  return tail;
}

}  // namespace

std::vector<Mention> BoundedExtract(const knowledge::EntityExtractor& extractor, std::string_view text,
                                    std::string_view field) {
  return Bound(ChunkedExtract(extractor, text, field));
}

std::string RegistryText(const Trial& t) {
  return t.brief_title + "\n" + t.official_title + "\n" + t.summary + RegistryTail(t);
}

std::vector<Mention> RegistryMentions(const knowledge::EntityExtractor& extractor, const Trial& t, const Work& w) {
  // Where the work's title and abstract lie in the registry text, in code
  // points (mention offsets count code points); RegistrationWork takes the
  // brief title (else the official one) as title, and the official title
  // (when it is another text) and the summary as abstract.
  const uint32_t brief = CodePoints(t.brief_title), official = CodePoints(t.official_title);
  const bool official_in_abstract = !t.official_title.empty() && t.official_title != w.title;
  const uint32_t title_at = t.brief_title.empty() ? 1 : 0;
  const uint32_t abstract_at = brief + 1 + (official_in_abstract ? 0 : official + 1);
  std::vector<Mention> all;
  auto add = [&all](const Mention& m, uint32_t at) {
    all.push_back(m);
    all.back().field = "registry";
    all.back().start += at;
    all.back().end += at;
  };
  std::vector<const Mention*> title, abstract;
  for (const auto& m : w.entities) (m.field == "title" ? title : abstract).push_back(&m);
  for (const Mention* m : title) add(*m, title_at);
  // An official title equal to the brief one is the title's text again.
  if (!t.brief_title.empty() && t.official_title == t.brief_title) {
    for (const Mention* m : title) add(*m, brief + 1);
  }
  for (const Mention* m : abstract) add(*m, abstract_at);
  const uint32_t tail_at = brief + 1 + official + 1 + CodePoints(t.summary);
  for (const auto& m : ChunkedExtract(extractor, RegistryTail(t), "registry")) add(m, tail_at);
  return Bound(std::move(all));
}

// Trial results of the title, abstract and body sections; past
// kMaxResultsText bytes a field's text is not read for results.
void AnnotateResults(Work* work) {
  constexpr size_t kMaxResultsText = 256 * 1024;
  auto read = [&](std::string_view text, std::string_view field) {
    if (text.empty()) return;
    if (text.size() > kMaxResultsText) text = text.substr(0, kMaxResultsText);
    knowledge::MergeResults(knowledge::ExtractResults(text, field), &work->outcomes);
  };
  work->outcomes = Outcomes{};
  read(work->title, "title");
  read(work->abstract, "abstract");
  for (const auto& s : work->sections) read(s.text, s.name);
}

void AnnotateWork(const knowledge::EntityExtractor& extractor, Work* work) {
  work->entities.clear();
  for (auto& m : BoundedExtract(extractor, work->title, "title")) work->entities.push_back(std::move(m));
  for (auto& m : BoundedExtract(extractor, work->abstract, "abstract")) work->entities.push_back(std::move(m));
  AnnotateResults(work);
}

}  // namespace ckb::ingest
