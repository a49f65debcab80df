// SPDX-License-Identifier: GPL-3.0-or-later
// Biomarker state rules: the HER2 scoring grammar (IHC/ISH, low/ultra-low/null
// lists, Chinese forms) and receptor status for ER, PR, HR, AR and others.
#include <re2/re2.h>

#include <algorithm>

#include "knowledge/internal/entity_rules.h"
#include "knowledge/internal/re_match.h"

namespace ckb::knowledge::internal {
namespace {

struct StateTok {
  size_t b = 0, e = 0;
  std::string state, ihc, ish;
};

// The group index (1-based) that matched, or 0.
int Which(const re2::StringPiece* g, int n) {
  for (int i = 1; i < n; ++i)
    if (g[i].data() != nullptr) return i;
  return 0;
}

const RE2& WordStateRe() {
  static const RE2 re(
      R"([ -]*(?:(ultra[ -]*low(?:[ -]*express[a-z]*)?|超低表达|超低)|(low(?:[ -]*express[a-z]*)?|低表达)|)"
      R"((null|no[ -]+expression|not[ -]+expressed|零表达|无表达|不表达)|(zero|0)|)"
      R"((positive|pos|amplified|over[ -]?expressed|overexpressing|阳性|过表达|扩增)|(negative|neg|阴性))([^a-z0-9+]|$))");
  return re;
}

const RE2& MarkRe() {
  static const RE2 re(R"((?:\( *)?(\+|-)(?: *\))?([^a-z0-9]|$))");
  return re;
}

const RE2& IhcLeadRe() {
  static const RE2 re(
      R"([ -]*\(?(?:ihc|immunohistochemi[a-z]*)\)?(?:[ -]+(?:scores?|status|staining|expression))?(?: +of)?[ -]*)");
  return re;
}

const RE2& ScoreRe() {
  static const RE2 re(
      R"((?:(> *0 *< *1\+|>0 *(?:but|and)? *< *1\+)|(0[ -]+with[ -]+(?:[a-z]+[ -]+){0,3}?membran[a-z]*[ -]+staining)|)"
      R"((0[ -]+(?:without|with[ -]+no|no)[ -]+(?:[a-z]+[ -]+){0,2}?membran[a-z]*[ -]+staining)|(3\+)|)"
      R"((2\+ */? *(?:ish|fish) *(?:\+|positive|amplified))|(2\+ */? *(?:ish|fish) *(?:-|negative|non-?amplified))|)"
      R"((2\+)|(1\+|1)|(0\+?))([^0-9+]|$))");
  return re;
}

// Separators in a list of IHC scores ("0 and 1+", "1+ or IHC 2+/ISH-").
const RE2& ListSepRe() {
  static const RE2 re(R"( *(?:,? *and/or|,? *or|,? *and|/|,|to) *(?:(?:ihc|her2) *)?)");
  return re;
}

// Separators in a list of state words ("low/ultra-low/null", "low, ultra-low").
const RE2& WordSepRe() {
  static const RE2 re(R"( *(?:,? *and/or|,? *or|,? *and|/|,) *)");
  return re;
}

bool WordState(std::string_view t, size_t pos, StateTok* st) {
  re2::StringPiece g[8];
  if (!MatchAt(WordStateRe(), t, pos, g, 8)) return false;
  int w = Which(g, 7);
  static const char* const kStates[] = {"", "ultralow", "low", "null", "null", "positive", "negative"};
  st->state = kStates[w];
  st->b = Off(t, g[w]);
  st->e = st->b + g[w].size();
  if (w == 4) st->ihc = "0";
  return true;
}

bool ScoreState(std::string_view t, size_t pos, StateTok* st) {
  re2::StringPiece g[11];
  if (!MatchAt(ScoreRe(), t, pos, g, 11)) return false;
  int w = Which(g, 10);
  struct Map { const char* state; const char* ihc; const char* ish; };
  static const Map kMap[] = {{"", "", ""},
                             {"ultralow", ">0<1+", ""},
                             {"ultralow", ">0<1+", ""},
                             {"null", "0", ""},
                             {"positive", "3+", ""},
                             {"positive", "2+", "positive"},
                             {"low", "2+", "negative"},
                             {"", "2+", ""},
                             {"low", "1+", ""},
                             {"null", "0", ""}};
  *st = StateTok{Off(t, g[w]), Off(t, g[w]) + g[w].size(), kMap[w].state, kMap[w].ihc, kMap[w].ish};
  return true;
}

// States stated after a HER2 mention ending at normalised byte `pos`.
std::vector<StateTok> Her2StatesAfter(std::string_view t, size_t pos) {
  std::vector<StateTok> out;
  StateTok st;
  re2::StringPiece g[3];
  if (MatchAt(MarkRe(), t, pos, g, 3)) {
    out.push_back(StateTok{Off(t, g[1]), Off(t, g[1]) + 1, g[1] == "+" ? "positive" : "negative"});
    return out;
  }
  bool ihc = false;
  if (MatchAt(IhcLeadRe(), t, pos, g, 1)) {
    size_t after = pos + g[0].size();
    if (ScoreState(t, after, &st)) {
      ihc = true;
      out.push_back(st);
    }
  }
  if (!ihc) {
    if (!WordState(t, pos, &st)) return out;
    out.push_back(st);
  }
  while (true) {
    if (!MatchAt(ihc ? ListSepRe() : WordSepRe(), t, out.back().e, g, 1)) break;
    size_t next = out.back().e + g[0].size();
    if (ihc ? !ScoreState(t, next, &st) : !WordState(t, next, &st)) break;
    if (!ihc && (st.state == "positive" || st.state == "negative")) break;
    out.push_back(st);
  }
  return out;
}

// A state word written before the mention: "ultra-low HER2", "negative HER2".
bool Her2StateBefore(std::string_view t, size_t nb, StateTok* st) {
  static const RE2 re(R"((?:^|[^a-z])(ultra[ -]*low|low|null|zero|positive|negative)[ -]*$)");
  size_t from = nb > 24 ? nb - 24 : 0;
  while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
  std::string_view win = t.substr(from, nb - from);
  re2::StringPiece g[2];
  if (!re.Match(re2::StringPiece(win.data(), win.size()), 0, win.size(), RE2::UNANCHORED, g, 2))
    return false;
  std::string w(g[1].data(), g[1].size());
  st->b = from + Off(win, g[1]);
  st->e = st->b + w.size();
  st->state = w.rfind("ultra", 0) == 0 ? "ultralow" : w == "zero" ? "null" : w;
  return true;
}

// Receptor status after a mention: "-positive", "+", "(-)", " negative", "阳性".
std::string ReceptorStateAfter(std::string_view t, size_t pos, size_t* end) {
  re2::StringPiece g[3];
  if (MatchAt(MarkRe(), t, pos, g, 3)) {
    *end = Off(t, g[1]) + 1;
    return g[1] == "+" ? "positive" : "negative";
  }
  static const RE2 re(
      R"([ -]*(?:\( *)?(?:(positive|pos|阳性|high|高表达|overexpressing)|(negative|neg|阴性|loss)|(low|低表达))([^a-z0-9]|$))");
  re2::StringPiece w[5];
  if (!MatchAt(re, t, pos, w, 5)) return "";
  int k = Which(w, 4);
  *end = Off(t, w[k]) + w[k].size();
  return k == 1 ? "positive" : k == 2 ? "negative" : "low";
}

bool Covered(const std::vector<std::pair<size_t, size_t>>& ranges, size_t pos) {
  for (const auto& r : ranges)
    if (pos >= r.first && pos < r.second) return true;
  return false;
}

bool IsTripleNegative(std::string_view norm_span) {
  std::string c;
  for (char ch : norm_span)
    if (ch != ' ' && ch != '-') c.push_back(ch);
  return c.find("triplenegative") != std::string::npos || c == "tnbc" || c == "tnbcs" ||
         c.find("三阴性") != std::string::npos;
}

void AddTripleNegative(const TextView& tv, const Hit& h, std::vector<Hit>* out) {
  static const char* const kIds[][2] = {{"biomarker:ER", "ER"}, {"biomarker:PR", "PR"},
                                        {"biomarker:HER2", "HER2"}};
  for (const auto& r : kIds) {
    Hit x = tv.MakeHit(h.nb, h.ne, "biomarker", r[0], r[1]);
    x.m.attrs["state"] = "negative";
    out->push_back(std::move(x));
  }
}


// IHC scores written without the word HER2 next to them ("IHC 1+ or IHC
// 2+/ISH-") in a text that mentions HER2.
void AddHer2ScoreHits(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  const Hit* her2 = nullptr;
  for (const Hit& h : *hits)
    if (h.m.id == "biomarker:HER2") her2 = &h;
  if (her2 == nullptr) return;
  std::string id = her2->m.id, name = her2->m.name;
  std::vector<std::pair<size_t, size_t>> covered;
  for (const Hit& h : *hits)
    if (h.m.id == id) covered.emplace_back(h.nb, h.ne);
  static const RE2 lead(R"((?:^|[^a-z])(ihc|immunohistochemi[a-z]*))");
  std::vector<Hit> add;
  ForEachLead(t, lead, covered, [&](size_t b, size_t) -> size_t {
    size_t p = b > 0 && t[b - 1] == '(' ? b - 1 : b;
    std::vector<StateTok> sts;
    StateTok st;
    re2::StringPiece l[1];
    if (!MatchAt(IhcLeadRe(), t, p, l, 1) || !ScoreState(t, p + l[0].size(), &st)) return 0;
    sts.push_back(st);
    while (MatchAt(ListSepRe(), t, sts.back().e, l, 1) &&
           ScoreState(t, sts.back().e + l[0].size(), &st))
      sts.push_back(st);
    for (size_t k = 0; k < sts.size(); ++k) {
      Hit x = tv.MakeHit(k == 0 ? b : sts[k].b, sts[k].e, "biomarker", id, name);
      if (!sts[k].state.empty()) x.m.attrs["state"] = sts[k].state;
      x.m.attrs["ihc"] = sts[k].ihc;
      if (!sts[k].ish.empty()) x.m.attrs["ish"] = sts[k].ish;
      add.push_back(std::move(x));
    }
    return sts.back().e;
  });
  for (Hit& h : add) hits->push_back(std::move(h));
}

}  // namespace

void ApplyBiomarkerStates(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  std::vector<Hit> out;
  std::vector<std::string> states(hits->size());
  std::vector<size_t> ends(hits->size(), 0);
  std::vector<std::pair<size_t, size_t>> consumed;  // normalised ranges of HER2 states
  // Receptor states, then "ER/PR-positive": a state shared across a slash.
  for (size_t i = 0; i < hits->size(); ++i) {
    const Hit& h = (*hits)[i];
    if (h.m.type == "biomarker" && h.m.id != "biomarker:HER2")
      states[i] = ReceptorStateAfter(t, h.ne, &ends[i]);
  }
  for (size_t i = hits->size(); i-- > 1;) {
    const Hit& h = (*hits)[i - 1];
    const Hit& next = (*hits)[i];
    if (!states[i - 1].empty() || h.m.type != "biomarker" || next.m.type != "biomarker") continue;
    std::string_view gap = t.substr(h.ne, next.nb > h.ne ? next.nb - h.ne : 0);
    if (gap.find_first_not_of(" /") == std::string_view::npos && gap.find('/') != std::string_view::npos)
      states[i - 1] = next.m.id == "biomarker:HER2" ? "" : states[i];
  }
  for (size_t i = 0; i < hits->size(); ++i) {
    Hit& h = (*hits)[i];
    std::string_view span = t.substr(h.nb, h.ne - h.nb);
    if (h.m.id == "biomarker:triple-negative") {
      bool nested = false;
      for (const Hit& o : *hits) nested = nested || (o.nb == h.nb && o.ne > h.ne);
      if (nested) continue;
    }
    if (IsTripleNegative(span)) {
      AddTripleNegative(tv, h, &out);
      if (h.m.type == "biomarker") continue;
    }
    if (h.m.id == "biomarker:HER2") {
      std::vector<StateTok> sts = Her2StatesAfter(t, h.ne);
      StateTok before;
      if (sts.empty() && Her2StateBefore(t, h.nb, &before) && !Covered(consumed, before.b))
        sts.push_back(before);
      for (const StateTok& st : sts) consumed.emplace_back(st.b, st.e);
      if (sts.empty()) {
        out.push_back(std::move(h));
        continue;
      }
      for (size_t k = 0; k < sts.size(); ++k) {
        const StateTok& st = sts[k];
        size_t b = k == 0 ? std::min(h.nb, st.b) : st.b;
        size_t e = k == 0 ? std::max(h.ne, st.e) : st.e;
        Hit x = tv.MakeHit(b, e, h.m.type, h.m.id, h.m.name);
        if (!st.state.empty()) x.m.attrs["state"] = st.state;
        if (!st.ihc.empty()) x.m.attrs["ihc"] = st.ihc;
        if (!st.ish.empty()) x.m.attrs["ish"] = st.ish;
        out.push_back(std::move(x));
      }
      continue;
    }
    if (h.m.type == "biomarker" && !states[i].empty()) {
      Hit x = ends[i] > h.ne ? tv.MakeHit(h.nb, ends[i], h.m.type, h.m.id, h.m.name) : h;
      x.m.attrs["state"] = states[i];
      out.push_back(std::move(x));
      continue;
    }
    // Short receptor forms (ER, PR, HR, AR) count only with a stated status.
    if (h.short_form && h.m.type == "biomarker") continue;
    out.push_back(std::move(h));
  }
  AddHer2ScoreHits(tv, &out);
  *hits = std::move(out);
}

}  // namespace ckb::knowledge::internal
