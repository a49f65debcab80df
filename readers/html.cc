// SPDX-License-Identifier: GPL-3.0-or-later
// The "html" format: an article page saved from a journal site. Parsed with
// libxml2's HTML parser (no network, no external entities, size and depth
// caps); the work from its meta tags and text, the references from its
// printed list (or its citation_reference tags), see docs/FORMATS.md.
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "readers/formats.h"
#include "readers/internal/format_util.h"
#include "readers/internal/html.h"
#include "readers/internal/xml_dom.h"
#include "text/text_norm.h"
#include "text/text_util.h"

namespace ckb::readers {
namespace {

using internal::HtmlElements;
using internal::HtmlName;

// libxml2 takes a page without a declared charset for ISO-8859-1; a page in
// valid UTF-8 that declares none is read as UTF-8.
const char* EncodingFor(std::string_view bytes) {
  std::string head = LowerAscii(bytes.substr(0, 4096));
  if (head.find("charset") != std::string::npos || head.find("encoding=") != std::string::npos) return nullptr;
  return text::IsValidUtf8(bytes) ? "UTF-8" : nullptr;
}

// Caps of one page: its size and its number of tags (a tree node costs
// about 100 bytes; real article pages have some 10^4 tags).
constexpr size_t kMaxHtmlBytes = size_t{32} << 20;
constexpr size_t kMaxHtmlTags = 400000;

size_t CountTags(std::string_view bytes) {
  size_t n = 0;
  for (size_t i = bytes.find('<'); i != std::string_view::npos && i + 1 < bytes.size(); i = bytes.find('<', i + 1)) {
    if (std::isalpha(static_cast<unsigned char>(bytes[i + 1]))) ++n;
  }
  return n;
}

// The first character-conversion error libxml2 raises while a page is parsed
// (it reports them outside the parser context, so NOERROR does not cover them).
struct ConversionErrors {
  std::string first;
  static void Handler(void* self, xmlErrorPtr e) {
    auto* c = static_cast<ConversionErrors*>(self);
    bool conversion = e && (e->domain == XML_FROM_I18N || e->code == XML_ERR_INVALID_ENCODING);
    if (conversion && c->first.empty()) c->first = XmlErrorText(e->message ? e->message : "conversion failed");
  }
};

Result<XmlDocPtr> ParseHtml(std::string_view bytes, const std::string& source) {
  EnsureXmlSafety();
  if (bytes.size() > kMaxHtmlBytes) {
    return Status::ParseError(source + ": HTML page larger than the " + std::to_string(kMaxHtmlBytes >> 20) + " MiB cap");
  }
  if (CountTags(bytes) > kMaxHtmlTags) {
    return Status::ParseError(source + ": HTML page with more than " + std::to_string(kMaxHtmlTags) + " tags; refused");
  }
  int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                HTML_PARSE_COMPACT;
  ConversionErrors errors;
  xmlSetStructuredErrorFunc(&errors, ConversionErrors::Handler);  // this thread only
  htmlDocPtr doc = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, EncodingFor(bytes),
                                  options);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  XmlDocPtr owned(doc);
  if (!errors.first.empty()) {
    return Status::ParseError(source + ": bytes not valid in the page's character set: " + errors.first);
  }
  if (!owned || !xmlDocGetRootElement(owned.get())) {
    return Status::ParseError(source + ": not an HTML page (no element found)");
  }
  return owned;
}

const xmlNode* FindElement(const xmlNode* root, const char* name) {
  for (const xmlNode* e : HtmlElements(root)) {
    if (HtmlName(e) == name) return e;
  }
  return nullptr;
}

bool Parsed(const Reference& r) {
  bool letters = text::CountLetters(r.title) > 0;
  return (letters || !r.authors.empty()) &&
         (r.year || !r.journal.empty() || !r.doi.empty() || !r.pmid.empty() || !r.url.empty());
}

void ReadReferences(const xmlNode* root, const std::string& source, Document* doc, Sink& sink,
                    std::vector<const xmlNode*>* skip) {
  internal::ReferenceList list = internal::FindReferenceList(root);
  int n = 0;
  for (const xmlNode* e : list.entries) {
    skip->push_back(e);
    Reference r = internal::ReadReferenceEntry(e, ++n);
    int64_t line = static_cast<int64_t>(xmlGetLineNo(e));
    if (r.raw.empty()) {
      sink.OnDiagnostic(Diagnostic{source, line, 0, "reference " + std::to_string(n) + " is empty, skipped"});
      continue;
    }
    if (!Parsed(r)) {
      sink.OnDiagnostic(Diagnostic{source, line, 0, "reference " + std::to_string(n) +
                                                         " could not be parsed: " + text::Utf8Prefix(r.raw, 80)});
    }
    doc->references.push_back(std::move(r));
  }
  if (list.container && HtmlName(list.container) != "body" && HtmlName(list.container) != "article" &&
      HtmlName(list.container) != "main") {
    skip->push_back(list.container);
  }
}

}  // namespace

int SniffHtml(std::string_view filename, std::string_view head) {
  if (head.find('\0') != std::string_view::npos) return 0;
  bool ext = HasExtension(filename, {".html", ".htm", ".xhtml", ".shtml"});
  std::string start = LowerAscii(StripBom(head).substr(0, 1024));
  size_t i = start.find_first_not_of(" \t\r\n");
  if (i == std::string::npos) return 0;
  start = start.substr(i);
  bool doctype = start.rfind("<!doctype html", 0) == 0;
  bool tag = start.rfind("<html", 0) == 0 || (start.rfind("<?xml", 0) == 0 && start.find("<html") != std::string::npos);
  if (doctype || tag) return ext ? 100 : 90;
  if (ext && start[0] == '<') return 60;
  return 0;
}

Status ParseHtmlPage(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxHtmlBytes));
  if (text::Trim(bytes, "\t\r\n").empty()) return Status::ParseError(in.name() + ": empty input, not an HTML page");
  if (bytes.find('\0') != std::string::npos) return Status::ParseError(in.name() + ": binary data (NUL bytes), not an HTML page");
  CKB_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseHtml(StripBom(bytes), in.name()));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  Document out;
  out.line = 1;
  out.record = 1;
  out.work.type = "article";
  std::vector<Reference> meta_refs;
  internal::ReadHtmlMeta(root, &out.work, &meta_refs);
  std::vector<const xmlNode*> skip;
  ReadReferences(root, in.name(), &out, sink, &skip);
  if (out.references.empty()) out.references = std::move(meta_refs);
  std::sort(skip.begin(), skip.end());
  const xmlNode* body = FindElement(root, "body");
  internal::ReadHtmlBody(body ? body : root, skip, &out.work);
  // A <title> alone (a page cut in its head, a frame) is not an article.
  if (out.work.title.empty() && out.references.empty() && out.work.sections.empty() && out.work.abstract.empty()) {
    return Status::ParseError(in.name() + ": an HTML page with no article title, text or references");
  }
  if (out.work.title.empty()) out.work.title = internal::HtmlText(FindElement(root, "title"));
  sink.OnDocument(std::move(out));
  return Status::Ok();
}

}  // namespace ckb::readers
