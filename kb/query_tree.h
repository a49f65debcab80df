// SPDX-License-Identifier: GPL-3.0-or-later
// A search query as a tree of plain nodes, built by the query language in
// query/ and turned into an index query by kb/search.cc, so no index types
// leave kb/.
#pragma once

#include <string>
#include <vector>

namespace ckb::kb {

struct QueryNode {
  enum class Kind {
    kText,       // words searched in the fields of `prefixes` (stemmed, CJK n-grams)
    kPhrase,     // the words of `text` in order (window 0) or within `window` words
    kWildcard,   // `text` is a word prefix ("trastu"), expanded in each field
    kTerm,       // one exact index term (`text` is the whole term, prefix included)
    kAnd,
    kOr,
    kAndNot,     // children[0] without any of the other children
    kNear,       // every child (kText/kPhrase) within `window` words of the others
    kYearRange,  // year_from..year_to inclusive
    kValueRange, // value slot `slot` within value_low..value_high inclusive (numbers)
    kMatchAll,
    kMatchNothing,
  };
  Kind kind = Kind::kMatchAll;
  std::string text;
  // Field prefixes searched by kText/kPhrase/kWildcard ("" = all text).
  std::vector<std::string> prefixes;
  std::vector<QueryNode> children;
  unsigned window = 0;
  // Multiplies the node's relevance weight; 0 makes it a pure filter.
  double weight = 1.0;
  int year_from = 0, year_to = 9999;
  unsigned slot = 0;
  double value_low = 0, value_high = 0;
  // kYearRange by the best known date instead, "YYYYMMDD" inclusive, when set.
  std::string date_from, date_to;
  // For explanations: what the user typed for this node (e.g. the synonym
  // "T-DXd") and, for entity terms, the entity id it resolved to.
  std::string via;
  std::string entity;

  static QueryNode Leaf(Kind k, std::string t) {
    QueryNode n;
    n.kind = k;
    n.text = std::move(t);
    return n;
  }
  static QueryNode Group(Kind k, std::vector<QueryNode> c) {
    QueryNode n;
    n.kind = k;
    n.children = std::move(c);
    return n;
  }
};

}  // namespace ckb::kb
