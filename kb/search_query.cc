// SPDX-License-Identifier: GPL-3.0-or-later
// QueryNode -> Xapian::Query. Free-text leaves go through Xapian's
// QueryParser one field prefix at a time, so they are tokenised, stemmed and
// split into CJK n-grams exactly as the index was.
#include <algorithm>
#include <utility>
#include <vector>

#include "kb/internal/abstract_source.h"
#include "kb/internal/search_query.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

std::string LowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

Xapian::Query NoWeight(Xapian::Query q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

}  // namespace

std::string FieldOfTerm(const std::string& term) {
  std::string t = term;
  if (!t.empty() && t[0] == 'Z') t.erase(0, 1);
  if (t.rfind(terms::kSectionText, 0) == 0) {
    size_t colon = t.find(':');
    return "section:" + t.substr(3, colon == std::string::npos ? std::string::npos : colon - 3);
  }
  static const std::pair<const char*, const char*> kFields[] = {
      {"XCITEDBY", "cited-by"}, {"XCITES", "cites"}, {"XPHASE", "phase"}, {"XTRIAL", "trial"},
      {"XDRUG", "drug"},        {"XDCLS", "drug class"}, {"XGENE", "gene"}, {"XTYPE", "type"},
      {"XLANG", "lang"},        {"XYEAR", "year"},   {"XPMID", "pmid"},    {"XBIO", "biomarker"},
      {"XDIS", "disease"},      {"XNCT", "nct"},     {"XDES", "design"},   {"XSEC", "section"},
      {"XDOI", "doi"},          {"XPMC", "pmcid"},   {"XSRC", "source"},   {"XAB", "abstract"},
      {"XRF", "references"},    {"XBD", "body"},     {"XMH", "mesh"},      {"XPT", "pub type"},
      {"S", "title"},           {"A", "author"},     {"J", "journal"},     {"K", "keyword"},
      {"Q", "id"}};
  for (const auto& [prefix, field] : kFields) {
    if (t.rfind(prefix, 0) == 0) return field;
  }
  if (!t.empty() && t[0] >= 'A' && t[0] <= 'Z') return "other";
  return "text";
}

namespace {

// Every term the indexer makes of `text` in the field `prefix`.
std::vector<std::string> FieldTerms(const std::string& text, const std::string& prefix) {
  Xapian::Document d;
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  tg.set_document(d);
  tg.index_text_without_positions(text, 1, prefix);
  std::vector<std::string> out;
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) out.push_back(*t);
  return out;
}

// Every term the indexer makes of `text` in the field `prefix`, all required.
Xapian::Query FieldWords(const std::string& text, const std::string& prefix) {
  std::vector<std::string> terms = FieldTerms(text, prefix);
  if (terms.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

// The abstract has no field terms (kb/index_doc.cc): its words are found
// from the all-text terms and the other fields' copies.
bool IsAbstract(const std::string& prefix) { return prefix == terms::kAbstract; }

// `q` (over all-text terms) in the documents where every one of `words`
// occurs in the abstract.
Xapian::Query InAbstract(const Xapian::Query& q, std::vector<std::string> words) {
  if (q.empty() || words.empty()) return q;
  auto* source = new AbstractWordsSource(std::move(words));
  return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(source->release()));
}

// Whether text holds Chinese, Japanese or Korean characters. Xapian 1.4
// indexes their n-grams without word positions a phrase could follow, so a
// quoted CJK phrase is matched as all of its n-grams instead (its bigrams
// already require the characters side by side).
bool HasCjk(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + static_cast<size_t>(len) > text.size()) break;
    char32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : len == 2 ? 0x1F : 0x7F);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F)) {
      return true;
    }
    i += static_cast<size_t>(len);
  }
  return false;
}

}  // namespace

Xapian::Query QueryBuilder::Parse(const std::string& text, const std::string& prefix, bool phrase) {
  Xapian::QueryParser qp;
  qp.set_database(db_);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.set_default_op(Xapian::Query::OP_AND);
  unsigned flags = Xapian::QueryParser::FLAG_CJK_NGRAM;
  std::string q = text;
  if (phrase && HasCjk(text)) {
    q.erase(std::remove(q.begin(), q.end(), '"'), q.end());
    phrase = false;
  }
  if (phrase) {
    q.erase(std::remove(q.begin(), q.end(), '"'), q.end());
    q = "\"" + q + "\"";
    flags |= Xapian::QueryParser::FLAG_PHRASE;
  }
  try {
    if (IsAbstract(prefix)) return InAbstract(qp.parse_query(q, flags), FieldTerms(text, ""));
    if (prefix.empty()) return qp.parse_query(q, flags, prefix);
    if (!phrase) {
      Xapian::Query in_field = qp.parse_query(q, flags, prefix);
      if (in_field.get_description().find("PHRASE") == std::string::npos) return in_field;
      // Xapian makes a phrase of a compound word ("T-DXd", "CDK4/6",
      // "HER2-low"), which field terms cannot match: they carry no
      // positions. As for a quoted phrase, the compound is matched in the
      // positional all-text terms, with each of its words in the field.
      return Xapian::Query(Xapian::Query::OP_AND, qp.parse_query(q, flags), FieldWords(text, prefix));
    }
    // Field terms carry no positions (see kb/index_doc.cc): a phrase in a
    // field is the phrase in the positional all-text terms, with every word
    // also present in the field.
    return Xapian::Query(Xapian::Query::OP_AND, qp.parse_query(q, flags), FieldWords(text, prefix));
  } catch (const Xapian::QueryParserError&) {
    return Xapian::Query();
  }
}

// Unstemmed words of every child, in order, within node.window words.
Xapian::Query QueryBuilder::Near(const QueryNode& node) {
  std::vector<const QueryNode*> parts;
  if (node.kind == QueryNode::Kind::kNear) {
    for (const auto& c : node.children) parts.push_back(&c);
  } else {
    parts.push_back(&node);
  }
  std::vector<std::string> prefixes = parts.empty() ? std::vector<std::string>{""} : parts[0]->prefixes;
  if (prefixes.empty()) prefixes.push_back("");
  std::vector<Xapian::Query> per_prefix;
  for (const auto& prefix : prefixes) {
    std::vector<Xapian::Query> words;
    std::vector<Xapian::Query> field_words;
    for (const QueryNode* p : parts) {
      Xapian::Document d;
      Xapian::TermGenerator tg;
      tg.set_stemmer(Xapian::Stem("english"));
      tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
      tg.set_document(d);
      // Positions live in the all-text terms only (kb/index_doc.cc); the
      // field's own terms are required alongside.
      tg.index_text(p->text, 1);
      if (!prefix.empty() && !IsAbstract(prefix)) {
        Xapian::Document fd;
        tg.set_document(fd);
        tg.index_text(p->text, 1, prefix);
        for (auto t = fd.termlist_begin(); t != fd.termlist_end(); ++t) field_words.emplace_back(*t);
        tg.set_document(d);
      }
      std::vector<std::pair<Xapian::termpos, std::string>> seq;
      for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
        for (auto pos = t.positionlist_begin(); pos != t.positionlist_end(); ++pos) {
          seq.emplace_back(*pos, *t);
        }
      }
      std::sort(seq.begin(), seq.end());
      for (auto& [pos, term] : seq) words.emplace_back(term);
    }
    if (words.empty()) continue;
    Xapian::Query q = words.size() == 1
                          ? words[0]
                          : Xapian::Query(Xapian::Query::OP_NEAR, words.begin(), words.end(),
                                          static_cast<Xapian::termcount>(node.window + words.size()));
    if (IsAbstract(prefix)) {
      std::vector<std::string> all;
      for (auto w = q.get_unique_terms_begin(); w != q.get_unique_terms_end(); ++w) all.push_back(*w);
      q = InAbstract(q, std::move(all));
    } else if (!field_words.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND, q,
                        Xapian::Query(Xapian::Query::OP_AND, field_words.begin(), field_words.end()));
    }
    per_prefix.push_back(q);
  }
  if (per_prefix.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, per_prefix.begin(), per_prefix.end());
}

// The most frequent all-text terms starting with `stem` (as many as an
// OP_WILDCARD expands to), each required in the abstract.
Xapian::Query QueryBuilder::AbstractWildcard(const std::string& stem) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto t = db_.allterms_begin(stem); t != db_.allterms_end(stem); ++t) {
    found.emplace_back(t.get_termfreq(), *t);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (found.size() > kMaxWildcardExpansion) found.resize(kMaxWildcardExpansion);
  std::vector<Xapian::Query> each;
  for (const auto& f : found) each.push_back(InAbstract(Xapian::Query(f.second), {f.second}));
  if (each.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, each.begin(), each.end());
}

void QueryBuilder::Note(const Xapian::Query& q, const QueryNode& node, double scale) {
  bool abstract_only = node.prefixes.size() == 1 && IsAbstract(node.prefixes[0]);
  for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
    if (origins_.count(*t)) continue;
    TermOrigin o;
    o.field = abstract_only && FieldOfTerm(*t) == "text" ? "abstract" : FieldOfTerm(*t);
    o.via = node.via.empty() ? node.text : node.via;
    o.entity = node.entity;
    o.scale = scale;
    origins_[*t] = std::move(o);
  }
}

Xapian::Query QueryBuilder::Build(const QueryNode& node, double scale) {
  using K = QueryNode::Kind;
  double s = scale * node.weight;
  std::vector<std::string> prefixes = node.prefixes;
  if (prefixes.empty()) prefixes.push_back("");
  Xapian::Query q;
  bool leaf = false;
  switch (node.kind) {
    case K::kText:
    case K::kPhrase:
    case K::kWildcard: {
      leaf = true;
      if (node.kind == K::kPhrase && node.window > 0) {
        q = Near(node);
        break;
      }
      std::vector<Xapian::Query> qs;
      for (const auto& p : prefixes) {
        if (node.kind == K::kWildcard && IsAbstract(p)) {
          qs.push_back(AbstractWildcard(LowerAscii(node.text)));
        } else if (node.kind == K::kWildcard) {
          qs.emplace_back(Xapian::Query::OP_WILDCARD, p + LowerAscii(node.text), kMaxWildcardExpansion,
                          Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        } else {
          qs.push_back(Parse(node.text, p, node.kind == K::kPhrase));
        }
      }
      q = Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
      break;
    }
    case K::kTerm:
      leaf = true;
      q = Xapian::Query(node.text);
      break;
    case K::kNear:
      leaf = true;
      q = Near(node);
      break;
    case K::kAnd:
    case K::kOr: {
      std::vector<Xapian::Query> qs;
      for (const auto& c : node.children) qs.push_back(Build(c, s));
      if (qs.empty()) {
        q = node.kind == K::kAnd ? NoWeight(Xapian::Query::MatchAll) : Xapian::Query();
      } else {
        q = Xapian::Query(node.kind == K::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, qs.begin(),
                          qs.end());
      }
      break;
    }
    case K::kAndNot: {
      if (node.children.empty()) break;
      Xapian::Query first = Build(node.children[0], s);
      std::vector<Xapian::Query> rest;
      for (size_t i = 1; i < node.children.size(); ++i) rest.push_back(Build(node.children[i], 0.0));
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, first,
                        Xapian::Query(Xapian::Query::OP_OR, rest.begin(), rest.end()));
      break;
    }
    case K::kYearRange:
      if (!node.date_from.empty()) {
        q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, terms::kSlotDate, node.date_from, node.date_to);
      } else {
        q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, terms::kSlotYear,
                          Xapian::sortable_serialise(node.year_from), Xapian::sortable_serialise(node.year_to));
      }
      break;
    case K::kValueRange:
      q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, node.slot, Xapian::sortable_serialise(node.value_low),
                        Xapian::sortable_serialise(node.value_high));
      break;
    case K::kMatchAll:
      q = NoWeight(Xapian::Query::MatchAll);
      break;
    case K::kMatchNothing:
      q = Xapian::Query();
      break;
  }
  if (leaf) Note(q, node, s);
  if (node.weight != 1.0 && !q.empty()) q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, node.weight);
  return q;
}

}  // namespace ckb::kb
