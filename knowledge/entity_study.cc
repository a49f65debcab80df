// SPDX-License-Identifier: GPL-3.0-or-later
// Case reports told by how they are written (see AddCaseReportHits in
// knowledge/internal/entity_rules.h). Abstracts of case reports rarely say
// "case report": they say "We report a 40-year-old man ...".
#include <re2/re2.h>

#include <string_view>

#include "knowledge/internal/entity_rules.h"
#include "knowledge/internal/re_match.h"

namespace ckb::knowledge::internal {
namespace {

#define CKB_PERSON \
  "(?:cases?|patients?|girl|boy|man|woman|men|women|child|children|infant|neonate|newborn|family|families|" \
  "kindred|siblings?|brothers|sisters|twins|male|female|adolescent|lady|gentleman|pregnant woman)"
#define CKB_FEW "(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|\\d{1,2})"

bool Has(std::string_view t, std::string_view w) { return t.find(w) != std::string_view::npos; }

// A trial, cohort or survey about many: its "a 60-year-old woman" is an
// example, not the subject.
bool StudyOfMany(std::string_view t) {
  return Has(t, "randomi") || Has(t, "trial") || Has(t, "cohort") || Has(t, "enrolled") ||
         Has(t, "participants") || Has(t, "questionnaire");
}

void AddCase(const TextView& tv, const re2::StringPiece& span, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  hits->push_back(tv.MakeHit(Off(t, span), Off(t, span) + span.size(), "design", "design:case-report",
                             "case report"));
}

}  // namespace

void AddCaseReportHits(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  bool have = false;
  for (const Hit& h : *hits) have = have || h.m.id == "design:case-report";
  if (!have && !StudyOfMany(t)) {
    size_t before = hits->size();
    if (Has(t, "we ")) {
      // "We report a case of", "We describe a patient", "we present two siblings".
      static const RE2 we("(?:^|[^a-z])(we (?:here |herein )?(?:report|describe|present|discuss)(?: here| herein)?"
                          "(?: on)? " CKB_FEW " (?:[a-z0-9-]+ ){0,4}?" CKB_PERSON ")\\b");
      ForEachMatch(we, t, 2, [&](const std::vector<re2::StringPiece>& g) { AddCase(tv, g[1], hits); });
    }
    if (hits->size() == before && Has(t, "case")) {
      // A sentence that opens on "A case of", "Four cases of"; "case-based", "case presentation".
      static const RE2 opens("(?:^|[.;:] +)(" CKB_FEW " cases? of)\\b");
      ForEachMatch(opens, t, 2, [&](const std::vector<re2::StringPiece>& g) { AddCase(tv, g[1], hits); });
      static const RE2 named("(?:^|[^a-z])(case-based|case presentation|case description)\\b");
      ForEachMatch(named, t, 2, [&](const std::vector<re2::StringPiece>& g) { AddCase(tv, g[1], hits); });
    }
    if (hits->size() == before && Has(t, "-old")) {
      // "A 27-year-old male patient presented", "findings of a 5-year-old girl".
      static const RE2 aged("(?:^|[^a-z])(an? (?:[a-z-]+ ){0,3}?\\d{1,3}[- ](?:year|month|week|day)s?-old "
                            "(?:[a-z-]+ ){0,3}?" CKB_PERSON ")\\b");
      ForEachMatch(aged, t, 2, [&](const std::vector<re2::StringPiece>& g) { AddCase(tv, g[1], hits); });
    }
  }
  // "review of the literature", "literature review": marked, so that a case
  // report's table row does not also read "review".
  for (Hit& h : *hits) {
    if (h.m.id != "design:review") continue;
    std::string_view after = t.substr(h.ne, 40), lead = t.substr(h.nb >= 11 ? h.nb - 11 : 0, h.nb >= 11 ? 11 : h.nb);
    for (const char* f : {" of the literature", " of literature", " of the relevant literature",
                          " of the published literature", " of the current literature"}) {
      if (after.rfind(f, 0) == 0) h.m.attrs["of"] = "literature";
    }
    if (lead.size() >= 11 && lead.substr(lead.size() - 11) == "literature ") h.m.attrs["of"] = "literature";
    if (t.substr(h.nb, h.ne - h.nb) == "literature review") h.m.attrs["of"] = "literature";
  }
}

#undef CKB_FEW
#undef CKB_PERSON

}  // namespace ckb::knowledge::internal
