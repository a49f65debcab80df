// SPDX-License-Identifier: GPL-3.0-or-later
// The gitignore-syntax matcher of `.ckbignore` files (see ignore.h).
#include "ingest/ignore.h"

namespace ckb::ingest {
namespace {

// A bracket expression starting at p[at] == '['. Returns false when it is
// not closed (the '[' is then a literal); else *end is just past the ']'
// and *matched tells whether `ch` is in the class.
bool MatchClass(std::string_view p, size_t at, char ch, size_t* end, bool* matched) {
  size_t i = at + 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool in = false;
  bool first = true;
  while (i < p.size() && (p[i] != ']' || first)) {
    first = false;
    char lo = p[i];
    if (lo == '\\' && i + 1 < p.size()) lo = p[++i];
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      if (hi == '\\' && i + 3 < p.size()) hi = p[++i + 2];
      i += 2;
    }
    if (ch >= lo && ch <= hi) in = true;
    ++i;
  }
  if (i >= p.size()) return false;
  *end = i + 1;
  *matched = in != negate;
  return true;
}

bool GlobAt(std::string_view p, size_t pi, std::string_view t, size_t ti) {
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      size_t stars = pi;
      while (stars < p.size() && p[stars] == '*') ++stars;
      bool segment = (pi == 0 || p[pi - 1] == '/') && (stars == p.size() || p[stars] == '/');
      if (stars - pi >= 2 && segment) {
        if (stars == p.size()) return true;  // "dir/**": everything inside
        // "**/": zero or more whole segments.
        size_t rest = stars + 1;
        if (GlobAt(p, rest, t, ti)) return true;
        for (size_t k = ti; k < t.size(); ++k) {
          if (t[k] == '/' && GlobAt(p, rest, t, k + 1)) return true;
        }
        return false;
      }
      // '*' (or a "**" inside a segment): any run without '/'.
      for (size_t k = ti;; ++k) {
        if (GlobAt(p, stars, t, k)) return true;
        if (k >= t.size() || t[k] == '/') return false;
      }
    }
    if (ti >= t.size()) return false;
    if (c == '?') {
      if (t[ti] == '/') return false;
      ++pi;
      ++ti;
      continue;
    }
    if (c == '[') {
      size_t end = 0;
      bool matched = false;
      if (MatchClass(p, pi, t[ti], &end, &matched)) {
        if (!matched || t[ti] == '/') return false;
        pi = end;
        ++ti;
        continue;
      }
    }
    if (c == '\\' && pi + 1 < p.size()) c = p[++pi];
    if (t[ti] != c) return false;
    ++pi;
    ++ti;
  }
  return ti == t.size();
}

// Trailing blanks are dropped unless the last one is escaped.
std::string_view TrimTrailing(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    size_t backslashes = 0;
    for (size_t k = line.size() - 1; k > 0 && line[k - 1] == '\\'; --k) ++backslashes;
    if (backslashes % 2 == 1) break;
    line.remove_suffix(1);
  }
  return line;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) { return GlobAt(pattern, 0, text, 0); }

IgnoreFile IgnoreFile::Parse(std::string_view text) {
  IgnoreFile f;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = TrimTrailing(line);
    if (line.empty() || line[0] == '#') continue;
    Rule r;
    if (line[0] == '!') {
      r.negate = true;
      line.remove_prefix(1);
    } else if (line.size() > 1 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/' && !(line.size() > 1 && line[line.size() - 2] == '\\')) {
      r.dir_only = true;
      line.remove_suffix(1);
    }
    r.anchored = line.find('/') != std::string_view::npos;
    if (!line.empty() && line[0] == '/') line.remove_prefix(1);
    if (line.empty()) continue;
    r.pattern = std::string(line);
    f.rules_.push_back(std::move(r));
  }
  return f;
}

int IgnoreFile::Match(std::string_view path, bool is_dir) const {
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (auto it = rules_.rbegin(); it != rules_.rend(); ++it) {
    if (it->dir_only && !is_dir) continue;
    if (GlobMatch(it->pattern, it->anchored ? path : base)) return it->negate ? -1 : 1;
  }
  return 0;
}

}  // namespace ckb::ingest
