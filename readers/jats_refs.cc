// SPDX-License-Identifier: GPL-3.0-or-later
// JATS reference lists: <ref> with element-citation, mixed-citation or the
// older <citation>, mapped to Reference fields from their tags.
#include <string>

#include "text/identifiers.h"
#include "readers/internal/jats.h"
#include "readers/internal/format_util.h"
#include "readers/internal/xml_dom.h"

namespace ckb::readers {
namespace {

// JATS publication-type -> GB/T 7714 type tag.
std::string RefType(const std::string& t) {
  if (t == "journal" || t == "periodical") return "J";
  if (t == "book") return "M";
  if (t == "confproc" || t == "conference") return "C";
  if (t == "thesis") return "D";
  if (t == "web" || t == "webpage") return "EB/OL";
  if (t == "report") return "R";
  if (t == "patent") return "P";
  if (t == "data") return "DS";
  return "";
}

// Text of a citation with a space at every element boundary, so that tags
// written without whitespace between them (<surname>X</surname><given-names>)
// do not run together.
void SpacedText(const xmlNode* n, int depth, std::string* out) {
  if (depth > kMaxXmlDepth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out->append(reinterpret_cast<const char*>(c->content));
    } else if (c->type == XML_ELEMENT_NODE) {
      out->push_back(' ');
      SpacedText(c, depth + 1, out);
      out->push_back(' ');
    }
  }
}

void AddAuthors(const xmlNode* cit, Reference* r) {
  // Authors come from person-group[@person-group-type="author"] (or an
  // untyped group), else from names placed directly in the citation.
  const xmlNode* group = nullptr;
  for (const xmlNode* g : XmlChildren(cit, "person-group")) {
    std::string type = XmlAttr(g, "person-group-type");
    if (type == "author" || type.empty()) {
      group = g;
      break;
    }
  }
  const xmlNode* holder = group ? group : cit;
  if (!group && !XmlChildren(cit, "person-group").empty()) return;
  for (const xmlNode* c : XmlChildren(holder)) {
    std::string_view n = XmlName(c);
    if (n == "name" || n == "string-name") {
      std::string a = JatsPersonName(c);
      if (!a.empty()) r->authors.push_back(a);
    } else if (n == "collab") {
      std::string a = XmlText(c);
      if (!a.empty()) r->authors.push_back(a);
    } else if (n == "etal") {
      r->et_al = true;
    }
  }
  if (XmlChild(cit, "etal")) r->et_al = true;
}

Reference ParseCitation(const xmlNode* cit) {
  Reference r;
  std::string type = XmlAttr(cit, "publication-type");
  if (type.empty()) type = XmlAttr(cit, "citation-type");
  r.type = RefType(type);
  AddAuthors(cit, &r);
  r.title = XmlPathText(cit, "article-title");
  if (r.title.empty()) r.title = XmlPathText(cit, "chapter-title");
  if (r.title.empty()) r.title = XmlPathText(cit, "data-title");
  std::string source = XmlPathText(cit, "source");
  if (r.title.empty() && type != "journal") {
    r.title = source;
  } else {
    r.journal = source;
  }
  r.year = FindYear(XmlPathText(cit, "year"));
  r.volume = XmlPathText(cit, "volume");
  r.issue = XmlPathText(cit, "issue");
  std::string fpage = XmlPathText(cit, "fpage");
  std::string lpage = XmlPathText(cit, "lpage");
  r.pages = lpage.empty() ? fpage : fpage + "-" + lpage;
  if (r.pages.empty()) r.pages = XmlPathText(cit, "elocation-id");
  for (const xmlNode* id : XmlChildren(cit, "pub-id")) {
    std::string kind = XmlAttr(id, "pub-id-type");
    std::string v = XmlText(id);
    if (kind == "doi") r.doi = text::NormalizeDoi(v);
    if (kind == "pmid") r.pmid = NormalizePmid(v);
    if (kind == "pmcid") r.pmcid = NormalizePmcid(v);
  }
  for (const char* tag : {"ext-link", "uri"}) {
    if (!r.url.empty()) break;
    const xmlNode* link = XmlChild(cit, tag);
    if (!link) continue;
    r.url = XmlAttr(link, "href");
    if (r.url.empty()) r.url = XmlText(link);
  }
  if (std::string(XmlName(cit)) == "element-citation") {
    std::string raw;
    SpacedText(cit, 0, &raw);
    r.raw = FoldWhitespace(raw);
  } else {
    r.raw = XmlText(cit);
  }
  if (r.doi.empty()) {
    auto dois = text::FindDois(r.raw);
    if (!dois.empty()) r.doi = dois[0];
  }
  r.nct = text::FindNctIds(r.raw);
  for (const std::string& id : text::FindNctIds(r.url)) AddUnique(&r.nct, id);
  return r;
}

const xmlNode* CitationOf(const xmlNode* ref) {
  for (const char* tag : {"element-citation", "mixed-citation", "citation", "nlm-citation"}) {
    if (const xmlNode* c = XmlChild(ref, tag)) return c;
  }
  return nullptr;
}

void CollectRefs(const xmlNode* list, int depth, std::vector<Reference>* out) {
  if (depth > 8) return;
  for (const xmlNode* c : XmlChildren(list)) {
    std::string_view n = XmlName(c);
    if (n == "ref-list") {
      CollectRefs(c, depth + 1, out);
    } else if (n == "ref") {
      const xmlNode* cit = CitationOf(c);
      Reference r = cit ? ParseCitation(cit) : Reference{};
      if (!cit) r.raw = XmlTextExcept(c, {"label"});
      if (r.raw.empty()) continue;
      r.n = static_cast<int>(out->size()) + 1;
      out->push_back(std::move(r));
    }
  }
}

}  // namespace

std::string JatsPersonName(const xmlNode* name) {
  std::string surname = XmlPathText(name, "surname");
  if (surname.empty()) return XmlText(name);
  std::string out = PersonName(surname, XmlPathText(name, "given-names"));
  std::string suffix = XmlPathText(name, "suffix");
  if (!suffix.empty()) out += " " + suffix;
  return out;
}

std::vector<Reference> ParseJatsReferences(const xmlNode* article) {
  std::vector<Reference> out;
  const xmlNode* back = XmlChild(article, "back");
  if (!back) return out;
  // Lists sit in <back> or in a <sec> of it; nested lists are walked by CollectRefs.
  for (const xmlNode* list : XmlDescendants(back, "ref-list")) {
    if (!IsElement(list->parent, "ref-list")) CollectRefs(list, 0, &out);
  }
  return out;
}

}  // namespace ckb::readers
