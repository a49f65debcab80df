// SPDX-License-Identifier: GPL-3.0-or-later
// From a stored work record to its Xapian document: weighted free text per
// field, boolean terms for identifiers and entities, value slots for sorting
// and facets. The document data is the work id; hits are read back from
// RocksDB.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

// The lowest and highest hazard ratio per endpoint (and over all endpoints)
// of the work's stored outcomes, for `hr:` searches (kb/terms.h).
void AddHazardRatioValues(Xapian::Document& doc, const Json& rec) {
  auto o = rec.find("outcomes");
  if (o == rec.end() || !o->is_object() || !o->contains("effects") || !(*o)["effects"].is_array()) return;
  std::map<int, double> low, high;
  for (const auto& e : (*o)["effects"]) {
    if (JsonStr(e, "measure") != "HR" || !e.contains("value") || !e["value"].is_number()) continue;
    double v = e["value"].get<double>();
    for (const std::string& endpoint : {std::string("any"), JsonStr(e, "endpoint")}) {
      int lo = terms::HrSlot(endpoint, false), hi = terms::HrSlot(endpoint, true);
      if (lo < 0) continue;
      if (!low.count(lo) || v < low[lo]) low[lo] = v;
      if (!high.count(hi) || v > high[hi]) high[hi] = v;
    }
  }
  for (const auto* m : {&low, &high}) {
    for (const auto& [slot, v] : *m) doc.add_value(static_cast<unsigned>(slot), Xapian::sortable_serialise(v));
  }
}

// Entity id "drug:trastuzumab-deruxtecan" -> "trastuzumab-deruxtecan".
std::string IdValue(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

std::string JoinValues(const std::set<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out.push_back('\0');
    out += v;
  }
  return out;
}

// attrs[key] of a mention when it is a string, else "".
std::string AttrStr(const Json& m, const char* key) {
  auto attrs = m.find("attrs");
  if (attrs == m.end() || !attrs->is_object()) return "";
  auto it = attrs->find(key);
  return it != attrs->end() && it->is_string() ? it->get<std::string>() : "";
}

struct FacetValues {
  std::set<std::string> drug, biomarker, trial, design, phase;
};

void AddEntityTerms(Xapian::Document& doc, const Json& m, FacetValues* facets) {
  std::string type = JsonStr(m, "type");
  std::string id = JsonStr(m, "id");
  std::string name = JsonStr(m, "name");
  if (id.empty()) return;
  std::string v = IdValue(id);
  // Entity terms carry one wdf per mention so that they can be weighted
  // (entity-match boost); as filters they are used without weight.
  if (type == "drug") {
    doc.add_term(terms::Boolean(terms::kDrug, v));
    facets->drug.insert(name.empty() ? v : name);
  } else if (type == "drug_class") {
    doc.add_boolean_term(terms::Boolean(terms::kDrugClass, v));
  } else if (type == "biomarker") {
    doc.add_term(terms::Boolean(terms::kBiomarker, v));
    // One term per stated attribute: "EGFR/l858r", "PD-L1/>=50%", "HER2/low";
    // a named variant (protein change, exon event) is also a mutation.
    std::string shown;
    for (const char* key : {"state", "threshold", "alteration"}) {
      std::string a = AttrStr(m, key);
      if (a.empty()) continue;
      doc.add_term(terms::Boolean(terms::kBiomarker, v + "/" + a));
      shown = a;
      if (std::string_view(key) == "alteration" && a != "mutation" && a != "fusion" && a != "amplification")
        doc.add_term(terms::Boolean(terms::kBiomarker, v + "/mutation"));
    }
    facets->biomarker.insert(shown.empty() ? v : v + "-" + shown);
  } else if (type == "gene") {
    doc.add_term(terms::Boolean(terms::kGene, v));
  } else if (type == "disease") {
    doc.add_term(terms::Boolean(terms::kDisease, v));
  } else if (type == "trial") {
    doc.add_term(terms::Boolean(terms::kTrial, v));
    if (v.size() == 11 && (v.rfind("NCT", 0) == 0 || v.rfind("nct", 0) == 0)) {
      doc.add_boolean_term(terms::Boolean(terms::kNct, v));
    }
    facets->trial.insert(name.empty() ? v : name);
  } else if (type == "design") {
    doc.add_term(terms::Boolean(terms::kDesign, v));
    facets->design.insert(v);
  } else if (type == "phase") {
    doc.add_term(terms::Boolean(terms::kPhase, v));
    facets->phase.insert(v);
  }
}

// Term scheme: the all-text (unprefixed) terms carry positions, for phrases
// and proximity; the field copies (title, authors, ...) carry none, which
// halves the indexing work. The abstract, most of the text of most works,
// has no field copy at all: every other field's copy has the wdf its words
// add to the all-text terms, so `abstract:` finds a word where its all-text
// wdf exceeds what the other fields account for (kb/abstract_source.cc).
// Terms are stemmed once (STEM_ALL), as the query side stems them. A
// phrase inside a field is matched as the phrase in the all-text terms plus
// every word in the field (kb/search_query.cc).
//
// Field weights (wdf per occurrence): a word in the title counts more than
// one in the abstract, which counts more than one in the reference strings
// or the body. The unprefixed "all text" terms get the same weight, so
// unfielded queries rank title matches first.
constexpr Xapian::termcount kWeightTitle = 4;
constexpr Xapian::termcount kWeightAbstract = 2;
constexpr Xapian::termcount kWeightKeyword = 2;
constexpr Xapian::termcount kWeightOther = 1;

// At most this much of one field's text is indexed (the record keeps all of
// it): it bounds the memory of indexing one document.
constexpr size_t kMaxIndexedFieldBytes = size_t{1} << 20;

// The first `limit` bytes of text, cut at a UTF-8 character boundary.
std::string_view Cut(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return std::string_view(text).substr(0, n);
}

void IndexField(Xapian::TermGenerator& tg, const std::string& full_text, Xapian::termcount weight,
                const std::string& prefix, const std::string& extra_prefix = std::string()) {
  if (full_text.empty()) return;
  std::string_view text = Cut(full_text, kMaxIndexedFieldBytes);
  auto utf8 = [&] { return Xapian::Utf8Iterator(text.data(), text.size()); };
  Xapian::termpos start = tg.get_termpos();
  tg.index_text_without_positions(utf8(), weight, prefix);
  if (!extra_prefix.empty()) {
    tg.index_text_without_positions(utf8(), weight, extra_prefix);
  }
  tg.set_termpos(start);
  tg.index_text(utf8(), weight);
  tg.increase_termpos();
}

// The abstract: all-text terms only.
void IndexAbstract(Xapian::TermGenerator& tg, const std::string& full_text) {
  if (full_text.empty()) return;
  std::string_view text = Cut(full_text, kMaxIndexedFieldBytes);
  tg.index_text(Xapian::Utf8Iterator(text.data(), text.size()), kWeightAbstract);
  tg.increase_termpos();
}

// One term generator per thread, set up once.
Xapian::TermGenerator& ThreadTermGenerator() {
  thread_local Xapian::TermGenerator tg = [] {
    Xapian::TermGenerator t;
    t.set_stemmer(ThreadStemmer());
    t.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
    t.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    return t;
  }();
  return tg;
}

}  // namespace

Xapian::Document BuildIndexDocument(const KnowledgeBase& kb, const std::string& id,
                                    const Json& rec) {
  Xapian::Document doc;
  Xapian::TermGenerator& tg = ThreadTermGenerator();
  tg.set_document(doc);
  tg.set_termpos(0);

  doc.set_data(id);
  doc.add_boolean_term(std::string(terms::kId) + id);
  doc.add_value(terms::kSlotId, id);

  IndexField(tg, JsonStr(rec, "title"), kWeightTitle, terms::kTitle);
  if (auto a = rec.find("authors"); a != rec.end() && a->is_array()) {
    for (const auto& au : *a) {
      if (au.is_string()) IndexField(tg, au.get<std::string>(), kWeightOther, terms::kAuthor);
    }
  }
  std::string journal = JsonStr(rec, "journal");
  IndexField(tg, journal, kWeightOther, terms::kJournal);
  IndexField(tg, JsonStr(rec, "journal_abbrev"), kWeightOther, terms::kJournal);
  IndexAbstract(tg, JsonStr(rec, "abstract"));
  if (auto c = rec.find("cited_as"); c != rec.end() && c->is_array()) {
    for (const auto& raw : *c) {
      if (raw.is_string()) IndexField(tg, raw.get<std::string>(), kWeightOther, terms::kRefText);
    }
  }
  for (const char* list : {"keywords", "mesh"}) {
    if (auto k = rec.find(list); k != rec.end() && k->is_array()) {
      for (const auto& kw : *k) {
        if (!kw.is_string()) continue;
        IndexField(tg, kw.get<std::string>(), kWeightKeyword,
                   std::string(list) == "mesh" ? terms::kMesh : terms::kKeyword);
        if (std::string(list) == "mesh") doc.add_boolean_term(terms::Boolean(terms::kMesh, kw.get<std::string>()));
      }
    }
  }
  if (auto s = rec.find("sections"); s != rec.end() && s->is_array()) {
    for (const auto& sec : *s) {
      std::string name = JsonStr(sec, "name");
      // Each section's words also go under its own prefix ("XBSmethods:")
      // so that `section:methods randomised` searches only that section.
      IndexField(tg, JsonStr(sec, "text"), kWeightOther, terms::kBody,
                 name.empty() ? std::string() : terms::SectionTextPrefix(name));
      if (!name.empty()) {
        doc.add_boolean_term(terms::Boolean(terms::kSection, name));
        doc.add_boolean_term(terms::Boolean(terms::kSection, terms::SectionKey(name)));
      }
    }
  }

  for (const char* f : {"doi", "pmid", "pmcid"}) {
    std::string v = JsonStr(rec, f);
    if (v.empty()) continue;
    const char* prefix = f[0] == 'd' ? terms::kDoi : (f[2] == 'i' ? terms::kPmid : terms::kPmcid);
    doc.add_boolean_term(terms::Boolean(prefix, v));
  }
  std::string type = JsonStr(rec, "type");
  if (!type.empty()) doc.add_boolean_term(terms::Boolean(terms::kType, type));
  std::string lang = JsonStr(rec, "lang");
  if (!lang.empty()) doc.add_boolean_term(terms::Boolean(terms::kLang, lang));
  std::string source_id = JsonStr(rec, "source_id");
  if (!source_id.empty()) doc.add_boolean_term(terms::Boolean(terms::kSource, source_id));
  if (auto p = rec.find("pub_types"); p != rec.end() && p->is_array()) {
    for (const auto& pt : *p) {
      if (pt.is_string()) doc.add_boolean_term(terms::Boolean(terms::kPubType, pt.get<std::string>()));
    }
  }
  FacetValues facets;
  if (auto r = rec.find("registry_ids"); r != rec.end() && r->is_array()) {
    for (const auto& rid : *r) {
      if (!rid.is_string()) continue;
      std::string v = rid.get<std::string>();
      doc.add_boolean_term(terms::Boolean(terms::kNct, v));
      doc.add_boolean_term(terms::Boolean(terms::kTrial, v));
      facets.trial.insert(v);
    }
  }
  if (auto e = rec.find("entities"); e != rec.end() && e->is_array()) {
    for (const auto& m : *e) AddEntityTerms(doc, m, &facets);
  }

  AddHazardRatioValues(doc, rec);

  int year = 0;
  if (auto y = rec.find("year"); y != rec.end() && y->is_number_integer()) {
    year = y->get<int>();
    doc.add_value(terms::kSlotYear, Xapian::sortable_serialise(year));
    doc.add_boolean_term(terms::Boolean(terms::kYear, std::to_string(year)));
  }
  std::string date = year ? std::to_string(year) + "0000" : "";
  if (auto d = rec.find("dates"); d != rec.end() && d->is_object()) {
    for (const char* k : {"published", "online", "received"}) {
      std::string v = JsonStr(*d, k);
      if (v.size() >= 10) {
        date = v.substr(0, 4) + v.substr(5, 2) + v.substr(8, 2);
        break;
      }
    }
  }
  if (!date.empty()) doc.add_value(terms::kSlotDate, date);

  // Citation terms: the works this one cites and the works citing it.
  std::set<std::string> citing;
  kb.Scan(kCfEdges, PrefixOf(id), [&](std::string_view, std::string_view v) {
    Json e = ParseJson(v);
    std::string cited = e.is_object() ? JsonStr(e, "cited") : "";
    if (!cited.empty()) doc.add_boolean_term(terms::Boolean(terms::kCites, cited));
    return true;
  }).IgnoreError();  // A scan error leaves the terms out; `ckb check` reports store errors.
  kb.Scan(kCfCitedBy, PrefixOf(id), [&](std::string_view k, std::string_view) {
    auto parts = SplitKey(k);
    if (parts.size() >= 3 && parts[2] == "references") citing.insert(parts[1]);
    return true;
  }).IgnoreError();  // As above.
  for (const auto& c : citing) doc.add_boolean_term(terms::Boolean(terms::kCitedBy, c));
  doc.add_value(terms::kSlotCited, Xapian::sortable_serialise(static_cast<double>(citing.size())));

  if (!facets.drug.empty()) doc.add_value(terms::kSlotFacetDrug, JoinValues(facets.drug));
  if (!facets.biomarker.empty()) doc.add_value(terms::kSlotFacetBiomarker, JoinValues(facets.biomarker));
  if (!facets.trial.empty()) doc.add_value(terms::kSlotFacetTrial, JoinValues(facets.trial));
  if (!facets.design.empty()) doc.add_value(terms::kSlotFacetDesign, JoinValues(facets.design));
  if (!facets.phase.empty()) doc.add_value(terms::kSlotFacetPhase, JoinValues(facets.phase));
  if (!journal.empty()) doc.add_value(terms::kSlotFacetJournal, journal);
  if (!lang.empty()) doc.add_value(terms::kSlotFacetLang, lang);
  return doc;
}

}  // namespace ckb::kb
