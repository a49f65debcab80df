// SPDX-License-Identifier: GPL-3.0-or-later
// Ranked search over the Xapian index: query parsing with our field
// prefixes, boolean filters, sorting, snippets, facets and explanations.
// Hits are read back from RocksDB so every hit carries its record.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "kb/internal/rep.h"
#include "kb/internal/search_query.h"
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

// Counts '\0'-separated values of a slot (multi-valued facets). Counting
// runs once per matching document, so it looks values up through one reused
// key buffer in a hash table and sorts (and decodes years) only at the end.
class MultiValueSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueSpy(Xapian::valueno slot, bool year) : slot_(slot), year_(year) {}
  void operator()(const Xapian::Document& doc, double) override {
    value_ = doc.get_value(slot_);
    if (value_.empty()) return;
    if (year_) {
      ++raw_[value_];
      return;
    }
    size_t start = 0;
    for (;;) {
      size_t z = value_.find('\0', start);
      key_.assign(value_, start, z == std::string::npos ? std::string::npos : z - start);
      auto it = raw_.find(key_);
      if (it != raw_.end()) {
        ++it->second;
      } else {
        raw_.emplace(key_, 1);
      }
      if (z == std::string::npos) break;
      start = z + 1;
    }
  }
  std::map<std::string, uint64_t> counts() const {
    std::map<std::string, uint64_t> out;
    for (const auto& [k, n] : raw_) {
      if (year_) {
        out[std::to_string(static_cast<int>(Xapian::sortable_unserialise(k)))] += n;
      } else {
        out.emplace(k, n);
      }
    }
    return out;
  }

 private:
  Xapian::valueno slot_;
  bool year_;
  std::string value_, key_;
  std::unordered_map<std::string, uint64_t> raw_;
};

void SetupParser(Xapian::QueryParser& qp, const Xapian::Database& db, const TermResolver* resolver) {
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", terms::kTitle);
  qp.add_prefix("ti", terms::kTitle);
  qp.add_prefix("author", terms::kAuthor);
  qp.add_prefix("au", terms::kAuthor);
  qp.add_prefix("journal", terms::kJournal);
  // The abstract has no field terms (kb/index_doc.cc); query trees
  // (query/compile.cc, every `ckb search`) scope it exactly. A raw query
  // string searches abstract: in the whole text. (A field processor here
  // crashed Xapian 1.4's parser on some inputs: fuzz/regressions/query.)
  qp.add_prefix("abstract", "");
  qp.add_prefix("ab", "");
  qp.add_prefix("tiab", "");
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


// One hit before sorting ties: the sort keys and the document.
struct Ranked {
  std::string primary;  // sort value (date, cited count) or empty for relevance
  double weight = 0;
  std::string date;
  std::string id;
  Xapian::MSetIterator it;
};

// Final order: the requested key, then relevance, then date (newest first),
// then work id (ascending), so the same data always gives the same order.
bool Before(const Ranked& a, const Ranked& b) {
  if (a.primary != b.primary) return a.primary > b.primary;
  if (a.weight != b.weight) return a.weight > b.weight;
  if (a.date != b.date) return a.date > b.date;
  return a.id < b.id;
}

// Joins highlights of adjacent words or CJK characters into one span.
std::string JoinHighlights(std::string s) {
  size_t p;
  while ((p = s.find("\x02\x01")) != std::string::npos) s.erase(p, 2);
  return s;
}

// A hit whose title and abstract do not show the query words gets its
// snippet from these, read from the raw record only then.
const std::vector<std::string_view> kSnippetFallbackFields = {"sections", "cited_as"};

// The text a snippet is cut from: title and abstract, or the first body
// section (or printed form) that holds a matching word.
std::string SnippetOf(const Xapian::MSet& mset, const Json& rec, std::string_view raw,
                      const Xapian::Stem& stem) {
  // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of
  // the text in the index (a B-tree lookup each), which made snippets most
  // of the time of a search; windows are chosen by the query words alone.
  unsigned flags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;
  std::string text = JsonStr(rec, "title");
  std::string abs = JsonStr(rec, "abstract");
  if (!abs.empty()) text += "\n" + abs;
  std::string first = mset.snippet(text, 240, stem, flags, "\x01", "\x02", "…");
  if (first.find('\x01') != std::string::npos) return first;
  Json more = ParseJsonFields(raw, kSnippetFallbackFields);
  if (more.is_discarded()) return first;
  for (const char* list : {"sections", "cited_as"}) {
    auto s = more.find(list);
    if (s == more.end() || !s->is_array()) continue;
    for (const auto& sec : *s) {
      std::string body = sec.is_string() ? sec.get<std::string>() : JsonStr(sec, "text");
      if (body.empty()) continue;
      std::string snip = mset.snippet(body, 240, stem, flags, "\x01", "\x02", "…");
      if (snip.find('\x01') != std::string::npos) {
        std::string name = sec.is_string() ? std::string("Cited as") : JsonStr(sec, "name");
        return name.empty() ? snip : name + ": " + snip;
      }
    }
  }
  return first;
}

void SetTotal(const Xapian::MSet& mset, SearchResults* out) {
  out->total_lower = mset.get_matches_lower_bound();
  out->total_upper = mset.get_matches_upper_bound();
  out->total_exact = out->total_lower == out->total_upper;
  out->total = out->total_exact ? out->total_lower : mset.get_matches_estimated();
}

Json Explain(const Xapian::Database& db, const Xapian::Enquire& enq, const Xapian::MSetIterator& it,
             const std::string& id, const std::map<std::string, TermOrigin>& origins, double score) {
  Json terms_json = Json::array();
  Json entities = Json::array();
  Json fields = Json::object();
  for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t) {
    Xapian::Enquire one(db);
    one.set_weighting_scheme(Xapian::BM25Weight());
    one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(*t),
                                Xapian::Query(std::string(terms::kId) + id)));
    Xapian::MSet m1 = one.get_mset(0, 1);
    double w = m1.empty() ? 0.0 : m1.begin().get_weight();
    Json tj = {{"term", *t}};
    auto o = origins.find(*t);
    std::string field = o != origins.end() ? o->second.field : FieldOfTerm(*t);
    double scale = o != origins.end() ? o->second.scale : 1.0;
    tj["field"] = field;
    tj["weight"] = w * scale;
    if (o != origins.end()) {
      tj["query"] = o->second.via;
      if (!o->second.entity.empty()) {
        tj["entity"] = o->second.entity;
        entities.push_back({{"entity", o->second.entity}, {"via", o->second.via}, {"weight", w * scale}});
      }
    }
    fields[field] = fields.value(field, 0.0) + w * scale;
    terms_json.push_back(std::move(tj));
  }
  return {{"score", score}, {"terms", terms_json}, {"fields", fields}, {"entities", entities}};
}

}  // namespace

const std::vector<std::string_view> kHitFields = {
    "id",  "type", "title",     "authors",   "journal",      "year",    "doi",
    "pmid", "pmcid", "source_id", "registry_ids", "abstract"};

namespace {
// kHitFields without the abstract, which only a snippet reads.
const std::vector<std::string_view> kShownHitFields(kHitFields.begin(), kHitFields.end() - 1);
}  // namespace

Result<SearchResults> KnowledgeBase::Search(const SearchRequest& req,
                                            const TermResolver& resolver) const {
  SearchResults out;
  Status st;
  // A writer committing while the search reads makes Xapian drop the
  // revision being read; the search reopens and runs again (PauseBeforeRetry).
  for (int attempt = 0; attempt < kReadAttempts; ++attempt) {
    PauseBeforeRetry(attempt);
    out = SearchResults();
    bool modified = false;
    st = XapianCall("searching", [&] {
      try {
        // With shards, the query is parsed and run against their union
        // (ckb keeps no synonym table in Xapian, which the remote backend
        // would not see: entities are expanded by query/compile.cc).
        const Xapian::Database& db = rep_->SearchIndex();
        QueryBuilder builder(db);
        Xapian::Query q;
        if (req.tree) {
          q = builder.Build(*req.tree);
        } else if (!req.text.empty()) {
          Xapian::QueryParser qp;
          SetupParser(qp, db, &resolver);
          qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
          q = qp.parse_query(req.text, ParserFlags());
        } else {
          q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0.0);
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
        if (req.time_limit_seconds > 0) enq.set_time_limit(req.time_limit_seconds);
        Xapian::valueno primary_slot = Xapian::BAD_VALUENO;
        if (req.sort == "date") {
          primary_slot = terms::kSlotDate;
          enq.set_sort_by_value_then_relevance(terms::kSlotDate, true);
        } else if (req.sort == "cited") {
          primary_slot = terms::kSlotCited;
          enq.set_sort_by_value_then_relevance(terms::kSlotCited, true);
        } else {
          enq.set_sort_by_relevance_then_value(terms::kSlotDate, true);
        }
        const std::pair<const char*, Xapian::valueno> facet_slots[] = {
            {"year", terms::kSlotYear},         {"drug", terms::kSlotFacetDrug},
            {"biomarker", terms::kSlotFacetBiomarker}, {"trial", terms::kSlotFacetTrial},
            {"design", terms::kSlotFacetDesign}, {"phase", terms::kSlotFacetPhase},
            {"journal", terms::kSlotFacetJournal},
            {"lang", terms::kSlotFacetLang}};
        // Fetch from the top and widen while the page boundary falls inside a
        // run of tied hits, so ties are broken by work id, not by docid.
        size_t limit = req.limit == SearchRequest::kAllHits ? db.get_doccount() : req.limit;
        size_t want = req.offset + limit;
        size_t fetch = want + 1;
        Xapian::MSet mset;
        std::vector<std::unique_ptr<MultiValueSpy>> spies;
        // Facets count every match on the first pass; a wider page fetched
        // again for ties needs neither the spies nor the full match.
        if (req.facets) {
          for (const auto& [name, slot] : facet_slots) {
            spies.push_back(std::make_unique<MultiValueSpy>(slot, slot == terms::kSlotYear));
            enq.add_matchspy(spies.back().get());
          }
        }
        for (bool first = true;; first = false) {
          if (!first) enq.clear_matchspies();
          Xapian::doccount check = (req.facets || req.exact_total) && first
                                       ? std::max<Xapian::doccount>(db.get_doccount(), static_cast<Xapian::doccount>(fetch))
                                       : static_cast<Xapian::doccount>(fetch);
          mset = enq.get_mset(0, static_cast<Xapian::doccount>(fetch), check);
          if (first) SetTotal(mset, &out);  // exact when the first pass saw every match
          if (mset.size() < fetch || want == 0) break;
          auto last = mset[static_cast<Xapian::doccount>(fetch - 1)];
          auto edge = mset[static_cast<Xapian::doccount>(want - 1)];
          bool tie = last.get_weight() == edge.get_weight() &&
                     last.get_document().get_value(terms::kSlotDate) == edge.get_document().get_value(terms::kSlotDate) &&
                     (primary_slot == Xapian::BAD_VALUENO ||
                      last.get_document().get_value(primary_slot) == edge.get_document().get_value(primary_slot));
          if (!tie || fetch > (size_t{1} << 20)) break;
          fetch *= 2;
        }
        if (!req.facets && !req.exact_total) SetTotal(mset, &out);
        if (req.facets) {
          for (size_t i = 0; i < spies.size(); ++i) out.facets[facet_slots[i].first] = spies[i]->counts();
        }
        std::vector<Ranked> ranked;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          Xapian::Document d = it.get_document();
          Ranked r;
          r.primary = primary_slot == Xapian::BAD_VALUENO ? std::string() : d.get_value(primary_slot);
          r.weight = it.get_weight();
          r.date = d.get_value(terms::kSlotDate);
          r.id = d.get_data();
          r.it = it;
          ranked.push_back(std::move(r));
        }
        std::stable_sort(ranked.begin(), ranked.end(), Before);
        const Xapian::Stem stem = req.snippets ? SnippetStemmer(q) : Xapian::Stem();
        // The page's records in one MultiGet; the abstract is parsed only
        // for a snippet.
        const size_t end = std::min(ranked.size(), want);
        std::vector<std::string> page;
        if (req.records) {
          for (size_t i = req.offset; i < end; ++i) page.push_back(ranked[i].id);
        }
        auto raws = HitRecords(page);
        if (!raws.ok()) {
          // A reader's record store view can lose a file to the writer's
          // compaction: refresh both stores and run the search again.
          std::string m = "reading the records of the hits: " + raws.status().message();
          if (rep_->write) throw Xapian::DatabaseError(m);
          throw Xapian::DatabaseModifiedError(m);
        }
        const auto& fields = req.snippets ? kHitFields : kShownHitFields;
        for (size_t i = req.offset; i < end; ++i) {
          if (!req.records) {
            SearchHit hit;
            hit.id = ranked[i].id;
            hit.score = ranked[i].weight;
            hit.rank = static_cast<int>(i) + 1;
            out.hits.push_back(std::move(hit));
            continue;
          }
          const std::optional<std::string>& raw = raws.value()[i - req.offset];
          if (!raw && rep_->shards_db) {
            // A remote shard's work that no record store at hand holds.
            out.warnings.push_back("no record store at hand holds work " + ranked[i].id);
          } else if (!raw) {
            continue;  // stale hit: the record was deleted after the index was read
          }
          SearchHit hit;
          hit.id = ranked[i].id;
          hit.score = ranked[i].weight;
          hit.rank = static_cast<int>(i) + 1;
          hit.record = raw ? ParseJsonFields(*raw, fields) : Json::object();
          if (hit.record.is_discarded()) throw Xapian::DatabaseCorruptError("work record " + hit.id + " is not valid JSON");
          if (req.snippets && raw) hit.snippet = JoinHighlights(SnippetOf(mset, hit.record, *raw, stem));
          if (req.explain) hit.explain = Explain(db, enq, ranked[i].it, hit.id, builder.origins(), hit.score);
          out.hits.push_back(std::move(hit));
        }
      } catch (const Xapian::DatabaseModifiedError&) {
        modified = true;
      }
    });
    if (!st.ok()) return st;
    if (!modified) return out;
    if (!rep_->rdb) break;
    CKB_RETURN_IF_ERROR(rep_->Refresh());
  }
  return Status::Busy("the index kept changing while searching; try again");
}

}  // namespace ckb::kb
