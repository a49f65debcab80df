// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of the saved-HTML reader (readers/html.cc): article metadata from
// <meta> tags and JSON-LD (html_meta.cc), the text as a reader sees it
// (html_text.cc) and the printed reference list (html_refs.cc). Module-private:
// it exposes libxml2 types.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"

namespace ckb::readers::internal {

// Deepest element nesting an HTML walk descends into.
inline constexpr int kMaxHtmlDepth = 256;

// The lower-case local name of an element ("div"), "" for other nodes.
std::string HtmlName(const xmlNode* n);
// Attribute value, or "".
std::string HtmlAttr(const xmlNode* n, const char* name);
// class and id attributes, lower case, separated by a space.
std::string HtmlClassId(const xmlNode* n);
// Element nodes in document order, descending at most kMaxHtmlDepth levels.
std::vector<const xmlNode*> HtmlElements(const xmlNode* root);
// The text of a subtree as displayed: whitespace folded, block elements
// separated by a space; scripts, styles and forms left out. For a reference
// list `entry` (true) also leaves out link labels ("Google Scholar",
// "PubMed" ...) and puts ". " between block parts that would run together.
std::string HtmlText(const xmlNode* n, bool entry = false);
// A heading of the reference list ("References", "参考文献" ...).
bool IsReferenceHeading(std::string_view text);

// Fills the work from citation_* (Highwire / Google Scholar) meta tags, then
// Dublin Core (DC.*), then schema.org JSON-LD, each only where the earlier
// left a field empty. citation_reference contents go to `meta_refs`.
void ReadHtmlMeta(const xmlNode* root, Work* work, std::vector<Reference>* meta_refs);

// Fills empty fields of the work from the schema.org article object of the
// JSON-LD scripts given (html_jsonld.cc); scripts that are not JSON are skipped.
void ReadJsonLd(const std::vector<std::string>& scripts, Work* work);

// The printed reference list of the page, or nullptr: the element holding
// the most entries among those whose class or id names references and
// those under a "References" heading.
struct ReferenceList {
  const xmlNode* container = nullptr;
  std::vector<const xmlNode*> entries;
};
ReferenceList FindReferenceList(const xmlNode* root);
// One entry of the list parsed like any printed reference, with the DOI,
// PMID and PMCID of its links where the text names none.
Reference ReadReferenceEntry(const xmlNode* entry, int n);

// Title (h1), abstract (a section headed or classed Abstract) and the body
// sections under their headings, skipping page furniture and the subtrees in
// `skip` (the reference list, sorted). Fills only fields still empty, except
// sections.
void ReadHtmlBody(const xmlNode* body, const std::vector<const xmlNode*>& skip, Work* work);

}  // namespace ckb::readers::internal
