// SPDX-License-Identifier: GPL-3.0-or-later
// The message for an input no format claims: the formats tried and, when the
// start of the input resembles one of them, the --as / --format that fits.
#include <re2/re2.h>

#include <string>

#include "readers/internal/format_util.h"
#include "readers/parser.h"
#include "text/text_util.h"

namespace ckb::readers {
namespace {

struct Hint {
  const char* format;
  const char* looks_like;
};

bool Has(std::string_view s, const char* needle) { return s.find(needle) != std::string_view::npos; }

// Markup: the root element's kind.
const Hint* MarkupHint(const std::string& lower) {
  static const Hint kPubmed{"pubmed", "PubMed XML"}, kJats{"jats", "a JATS article"},
      kCtgov{"ctgov-xml", "a ClinicalTrials.gov XML record"}, kHtml{"html", "an HTML page or fragment"};
  if (Has(lower, "<pubmedarticle")) return &kPubmed;
  if (Has(lower, "<article") && (Has(lower, "<front") || Has(lower, "jats"))) return &kJats;
  if (Has(lower, "<clinical_study")) return &kCtgov;
  for (const char* tag : {"<html", "<body", "<head", "<div", "<p>", "<p ", "<table", "<meta", "<title", "<ol", "<ul"}) {
    if (Has(lower, tag)) return &kHtml;
  }
  return nullptr;
}

// Tagged text and reference lists.
const Hint* TextHint(std::string_view head) {
  static const Hint kRis{"ris", "RIS (TY  - tags)"}, kMedline{"medline", "MEDLINE tagged text (PMID- tags)"},
      kBibtex{"bibtex", "BibTeX (@article{...})"}, kJson{"jsonl", "JSON records"},
      kList{"page", "a numbered reference list"}, kRefs{"citations", "reference strings, one per line"};
  re2::StringPiece in(head.data(), head.size());
  static const RE2 ris(R"((?m)^TY  - )"), medline(R"((?m)^PMID- ?\d)"), bib(R"((?m)^\s*@[A-Za-z]+\s*\{)");
  static const RE2 numbered(R"((?m)^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]|\(\d{1,3}\))\s+\S.*(?:1[89]|20)\d\d)");
  static const RE2 reference(R"((?m)^[^\n]{0,200}\b(?:1[89]|20)\d\d\b[^\n]{0,40}[;:,(][^\n]*\d)");
  if (RE2::PartialMatch(in, ris)) return &kRis;
  if (RE2::PartialMatch(in, medline)) return &kMedline;
  if (RE2::PartialMatch(in, bib)) return &kBibtex;
  if (StartsWithChar(head, '{') || StartsWithChar(head, '[')) return &kJson;
  if (RE2::PartialMatch(in, numbered)) return &kList;
  if (RE2::PartialMatch(in, reference)) return &kRefs;
  return nullptr;
}

}  // namespace

std::string NoFormatMessage(std::string_view filename, std::string_view head, std::string_view option) {
  std::string tried;
  for (const Format& f : Formats()) {
    if (!f.sniff) continue;
    tried += (tried.empty() ? "" : ", ") + f.name;
  }
  std::string msg = std::string(filename) + ": not a recognised input format (tried: " + tried + ")";
  head = StripBom(head);
  const Hint* hint = nullptr;
  if (StartsWithChar(head, '<')) hint = MarkupHint(LowerAscii(head));
  if (!hint) hint = TextHint(head);
  if (hint) msg += std::string("; its start looks like ") + hint->looks_like + ": try " + std::string(option) + " " + hint->format;
  return msg;
}

}  // namespace ckb::readers
