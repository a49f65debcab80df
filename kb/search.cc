// SPDX-License-Identifier: GPL-3.0-or-later
// Ranked search over the Xapian index: query parsing with our field
// prefixes, boolean filters, sorting, snippets, facets and explanations.
// Hits are read back from RocksDB so every hit carries its record.
#include <algorithm>
#include <cmath>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

// field name the user types -> boolean prefix
struct BoolField {
  const char* field;
  const char* prefix;
};
constexpr BoolField kBoolFields[] = {
    {"doi", terms::kDoi},         {"pmid", terms::kPmid},         {"pmcid", terms::kPmcid},
    {"nct", terms::kNct},         {"drug", terms::kDrug},         {"class", terms::kDrugClass},
    {"biomarker", terms::kBiomarker}, {"gene", terms::kGene},     {"disease", terms::kDisease},
    {"trial", terms::kTrial},     {"design", terms::kDesign},     {"phase", terms::kPhase},
    {"type", terms::kType},       {"lang", terms::kLang},         {"section", terms::kSection},
    {"cites", terms::kCites},     {"cited-by", terms::kCitedBy},  {"citedby", terms::kCitedBy},
    {"pt", terms::kPubType},      {"mh", terms::kMesh},           {"source", terms::kSource},
};

// Resolves a field value through the caller's resolver (entity synonyms,
// work references) and ORs the resulting boolean terms.
class ResolvingFieldProcessor : public Xapian::FieldProcessor {
 public:
  ResolvingFieldProcessor(std::string field, std::string prefix, const TermResolver* resolver)
      : field_(std::move(field)), prefix_(std::move(prefix)), resolver_(resolver) {}
  Xapian::Query operator()(const std::string& str) override {
    std::string value = str;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    std::vector<std::string> values;
    if (resolver_ && *resolver_) values = (*resolver_)(field_, value);
    if (values.empty()) values.push_back(value);
    std::vector<Xapian::Query> qs;
    for (const auto& v : values) qs.emplace_back(terms::Boolean(prefix_, v));
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
  }

 private:
  std::string field_, prefix_;
  const TermResolver* resolver_;
};

// Counts '\0'-separated values of a slot (multi-valued facets).
class MultiValueSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueSpy(Xapian::valueno slot, bool year) : slot_(slot), year_(year) {}
  void operator()(const Xapian::Document& doc, double) override {
    std::string v = doc.get_value(slot_);
    if (v.empty()) return;
    if (year_) {
      counts_[std::to_string(static_cast<int>(Xapian::sortable_unserialise(v)))]++;
      return;
    }
    size_t start = 0;
    for (;;) {
      size_t z = v.find('\0', start);
      counts_[v.substr(start, z == std::string::npos ? std::string::npos : z - start)]++;
      if (z == std::string::npos) break;
      start = z + 1;
    }
  }
  const std::map<std::string, uint64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  bool year_;
  std::map<std::string, uint64_t> counts_;
};

void SetupParser(Xapian::QueryParser& qp, const Xapian::Database& db, const TermResolver* resolver) {
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", terms::kTitle);
  qp.add_prefix("ti", terms::kTitle);
  qp.add_prefix("author", terms::kAuthor);
  qp.add_prefix("au", terms::kAuthor);
  qp.add_prefix("journal", terms::kJournal);
  qp.add_prefix("abstract", terms::kAbstract);
  qp.add_prefix("ab", terms::kAbstract);
  qp.add_prefix("tiab", terms::kTitle);
  qp.add_prefix("tiab", terms::kAbstract);
  qp.add_prefix("body", terms::kBody);
  qp.add_prefix("ref", terms::kRefText);
  qp.add_prefix("keyword", terms::kKeyword);
  qp.add_prefix("mesh", terms::kMesh);
  for (const auto& f : kBoolFields) {
    qp.add_boolean_prefix(f.field, (new ResolvingFieldProcessor(f.field, f.prefix, resolver))->release());
  }
  qp.add_rangeprocessor((new Xapian::NumberRangeProcessor(terms::kSlotYear, "year:"))->release());
  qp.add_boolean_prefix("year", terms::kYear);
}

unsigned ParserFlags() {
  return Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
         Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
}

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<SearchResults> KnowledgeBase::Search(const SearchRequest& req,
                                            const TermResolver& resolver) const {
  SearchResults out;
  Status st;
  for (int attempt = 0; attempt < 4; ++attempt) {
    out = SearchResults();
    bool modified = false;
    st = XapianCall("searching", [&] {
      try {
        const Xapian::Database& db = rep_->Index();
        Xapian::QueryParser qp;
        SetupParser(qp, db, &resolver);
        Xapian::Query q;
        if (!req.text.empty()) {
          q = qp.parse_query(req.text, ParserFlags());
        } else {
          q = Xapian::Query::MatchAll;
        }
        // Filters: OR within a prefix, AND across prefixes.
        std::map<std::string, std::vector<Xapian::Query>> by_prefix;
        for (const auto& [prefix, value] : req.filters) {
          by_prefix[prefix].emplace_back(terms::Boolean(prefix, value));
        }
        for (auto& [prefix, qs] : by_prefix) {
          q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                            Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()));
        }
        if (req.year_from || req.year_to) {
          std::string lo = Xapian::sortable_serialise(req.year_from.value_or(0));
          std::string hi = Xapian::sortable_serialise(req.year_to.value_or(9999));
          q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                            Xapian::Query(Xapian::Query::OP_VALUE_RANGE, terms::kSlotYear, lo, hi));
        }
        out.parsed = q.get_description();
        Xapian::Enquire enq(db);
        enq.set_query(q);
        enq.set_weighting_scheme(Xapian::BM25Weight());
        enq.set_docid_order(Xapian::Enquire::ASCENDING);
        if (req.sort == "date") {
          enq.set_sort_by_value_then_relevance(terms::kSlotDate, true);
        } else if (req.sort == "cited") {
          enq.set_sort_by_value_then_relevance(terms::kSlotCited, true);
        } else {
          enq.set_sort_by_relevance_then_value(terms::kSlotDate, true);
        }
        std::vector<std::unique_ptr<MultiValueSpy>> spies;
        const std::pair<const char*, Xapian::valueno> facet_slots[] = {
            {"year", terms::kSlotYear},         {"drug", terms::kSlotFacetDrug},
            {"biomarker", terms::kSlotFacetBiomarker}, {"trial", terms::kSlotFacetTrial},
            {"design", terms::kSlotFacetDesign}, {"journal", terms::kSlotFacetJournal},
            {"lang", terms::kSlotFacetLang}};
        if (req.facets) {
          for (const auto& [name, slot] : facet_slots) {
            spies.push_back(std::make_unique<MultiValueSpy>(slot, slot == terms::kSlotYear));
            enq.add_matchspy(spies.back().get());
          }
        }
        Xapian::doccount check = req.facets ? db.get_doccount() : 0;
        Xapian::MSet mset = enq.get_mset(static_cast<Xapian::doccount>(req.offset),
                                         static_cast<Xapian::doccount>(req.limit), check);
        out.total = req.facets ? mset.get_matches_estimated() : mset.get_matches_estimated();
        if (req.facets) {
          for (size_t i = 0; i < spies.size(); ++i) out.facets[facet_slots[i].first] = spies[i]->counts();
        }
        Xapian::Stem stem("english");
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          SearchHit hit;
          hit.id = it.get_document().get_data();
          hit.score = it.get_weight();
          hit.rank = static_cast<int>(it.get_rank()) + 1;
          auto rec = GetWork(hit.id);
          if (!rec.ok() || !rec.value()) continue;  // stale hit: the record is gone
          hit.record = std::move(*rec.value());
          if (req.snippets) {
            std::string text = Str(hit.record, "title");
            std::string abs = Str(hit.record, "abstract");
            if (!abs.empty()) text += "\n" + abs;
            unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                             Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;
            hit.snippet = mset.snippet(text, 240, stem, flags, "\x01", "\x02", "…");
          }
          if (req.explain) {
            Json terms_json = Json::array();
            for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t) {
              Xapian::Enquire one(db);
              one.set_weighting_scheme(Xapian::BM25Weight());
              one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(*t),
                                          Xapian::Query(std::string(terms::kId) + hit.id)));
              Xapian::MSet m1 = one.get_mset(0, 1);
              double w = m1.empty() ? 0.0 : m1.begin().get_weight();
              terms_json.push_back({{"term", *t}, {"weight", w}});
            }
            hit.explain = {{"score", hit.score}, {"terms", terms_json}};
          }
          out.hits.push_back(std::move(hit));
        }
      } catch (const Xapian::DatabaseModifiedError&) {
        modified = true;
      }
    });
    if (!st.ok()) return st;
    if (!modified) return out;
    if (rep_->rdb) rep_->rdb->reopen();
  }
  return Status::Busy("the index kept changing while searching; try again");
}

}  // namespace ckb::kb
