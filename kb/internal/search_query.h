// SPDX-License-Identifier: GPL-3.0-or-later
// Turns a QueryNode tree into a Xapian query and remembers, for every index
// term it used, which field and which user words it stands for (explain).
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "kb/query_tree.h"

namespace ckb::kb {

struct TermOrigin {
  std::string field;   // "title", "abstract", "text", "drug", "section:methods", ...
  std::string via;     // what the user typed
  std::string entity;  // entity id for entity terms
  double scale = 1.0;  // weight factor applied to the term's BM25 weight
};

class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& db) : db_(db) {}
  Xapian::Query Build(const QueryNode& node) { return Build(node, 1.0); }
  const std::map<std::string, TermOrigin>& origins() const { return origins_; }

 private:
  Xapian::Query Build(const QueryNode& node, double scale);
  Xapian::Query Parse(const std::string& text, const std::string& prefix, bool phrase);
  Xapian::Query Near(const QueryNode& node);
  Xapian::Query AbstractWildcard(const std::string& stem);
  void Note(const Xapian::Query& q, const QueryNode& node, double scale);

  const Xapian::Database& db_;
  std::map<std::string, TermOrigin> origins_;
};

// The field a term belongs to, from its prefix ("Stumour" -> "title").
std::string FieldOfTerm(const std::string& term);

// Xapian's maximum expansion of one wildcard.
inline constexpr unsigned kMaxWildcardExpansion = 500;

}  // namespace ckb::kb
