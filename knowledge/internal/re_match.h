// SPDX-License-Identifier: GPL-3.0-or-later
// Anchored RE2 matching over a text view, shared by the entity rules.
#pragma once

#include <re2/re2.h>

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace ckb::knowledge::internal {

// Matches `re` anchored at byte `pos` of `t`; fills up to `n` groups (g[0]
// is the whole match).
inline bool MatchAt(const RE2& re, std::string_view t, size_t pos, re2::StringPiece* g, int n) {
  return re.Match(re2::StringPiece(t.data(), t.size()), pos, t.size(), RE2::ANCHOR_START, g, n);
}

// The byte offset in `t` of a group matched in `t`.
inline size_t Off(std::string_view t, const re2::StringPiece& p) {
  return static_cast<size_t>(p.data() - t.data());
}

// Calls `at(b, n)` for each match of group 1 of `lead` in `t` (start b,
// length n) that does not start inside one of the `skip` ranges [first,
// second). `at` returns the end of what it read from there, or 0 for
// nothing; the scan resumes after the larger of that and the match.
template <typename Fn>
void ForEachLead(std::string_view t, const RE2& lead,
                 const std::vector<std::pair<size_t, size_t>>& skip, Fn&& at) {
  re2::StringPiece in(t.data(), t.size()), g[2];
  size_t pos = 0;
  while (pos < t.size() && lead.Match(in, pos, t.size(), RE2::UNANCHORED, g, 2)) {
    size_t b = Off(t, g[1]);
    pos = b + g[1].size();
    bool inside = false;
    for (const auto& r : skip) inside = inside || (b >= r.first && b < r.second);
    if (inside) continue;
    size_t end = at(b, g[1].size());
    if (end > pos) pos = end;
  }
}

// Calls fn(groups) for each non-overlapping match of `re` in `t`; group 1
// is the span of the mention.
template <class Fn>
void ForEachMatch(const RE2& re, std::string_view t, int ngroups, Fn fn) {
  std::vector<re2::StringPiece> g(ngroups);
  re2::StringPiece in(t.data(), t.size());
  size_t pos = 0;
  while (pos <= t.size() && re.Match(in, pos, t.size(), RE2::UNANCHORED, g.data(), ngroups)) {
    fn(g);
    size_t next = Off(t, g[1]) + g[1].size();
    pos = next > pos ? next : pos + 1;
  }
}

}  // namespace ckb::knowledge::internal
