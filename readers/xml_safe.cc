// SPDX-License-Identifier: GPL-3.0-or-later
// Hardened libxml2 parsing and DOM helpers (see readers/xml_safe.h).
#include "readers/xml_safe.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "readers/internal/format_util.h"
#include "readers/internal/xml_dom.h"
#include "readers/parser.h"

namespace ckb::readers {
namespace {

xmlParserInputPtr DenyExternalEntity(const char*, const char*, xmlParserCtxtPtr) {
  return nullptr;
}

bool IsNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// The end of a <!DOCTYPE ...> declaration starting at `b`, or npos.
size_t DoctypeEnd(std::string_view s, size_t b) {
  char quote = 0;
  int depth = 0;
  for (size_t i = b; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == '>' && depth <= 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

bool IsBlock(std::string_view name) {
  static const char* kBlocks[] = {"p",        "title",     "sec",          "label",
                                  "list-item", "td",       "th",           "tr",
                                  "caption",  "def",       "term",         "disp-quote",
                                  "AbstractText", "abstract", "list",      "fig",
                                  "table-wrap", "ref",     "mixed-citation", "element-citation",
                                  "break",    "boxed-text", "statement",  "kwd",
                                  "textblock", "div",      "br",           "li"};
  for (const char* b : kBlocks) {
    if (name == b) return true;
  }
  return false;
}

void AppendText(const xmlNode* n, const std::vector<std::string>* skip, int depth,
                std::string* out) {
  if (depth > kMaxXmlDepth) return;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out->append(reinterpret_cast<const char*>(c->content));
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = XmlName(c);
      if (skip && std::find(skip->begin(), skip->end(), name) != skip->end()) continue;
      bool block = IsBlock(name);
      if (block) out->push_back(' ');
      AppendText(c, skip, depth + 1, out);
      if (block) out->push_back(' ');
    }
  }
}

int MaxDepth(const xmlNode* root) {
  int max_depth = 0;
  int depth = 1;
  const xmlNode* n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) max_depth = std::max(max_depth, depth);
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      ++depth;
      continue;
    }
    while (n && !n->next && n != root) {
      n = n->parent;
      --depth;
    }
    if (!n || n == root) break;
    n = n->next;
  }
  return max_depth;
}

}  // namespace

int SafeXmlOptions() {
  return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
         XML_PARSE_COMPACT;
}

void EnsureXmlSafety() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(DenyExternalEntity);
  });
}

Status CheckXmlProlog(std::string_view s, const std::string& source, bool whole) {
  // Returned when the chunk ends inside the prolog.
  auto unfinished = [&] {
    return whole ? Status::Ok()
                 : Status::ParseError(source + ": XML prolog longer than " +
                                      std::to_string(s.size() >> 10) + " KiB; refused");
  };
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    std::string_view rest = s.substr(i);
    if (StartsWith(rest, "<?")) {
      size_t e = s.find("?>", i);
      if (e == std::string_view::npos) return unfinished();
      i = e + 2;
    } else if (StartsWith(rest, "<!--")) {
      size_t e = s.find("-->", i);
      if (e == std::string_view::npos) return unfinished();
      i = e + 3;
    } else if (StartsWith(rest, "<!DOCTYPE") || StartsWith(rest, "<!doctype")) {
      size_t e = DoctypeEnd(s, i);
      std::string_view decl = s.substr(i, e == std::string_view::npos ? s.size() - i : e - i);
      if (decl.find("<!ENTITY") != std::string_view::npos) {
        return Status::ParseError(source +
                                  ": the document declares entities in its DOCTYPE; refused (ckb never "
                                  "expands XML entities): remove the <!ENTITY> declarations");
      }
      if (e == std::string_view::npos) return unfinished();
      i = e + 1;
    } else if (rest.size() > 1 && IsNameStart(rest[1])) {
      return Status::Ok();  // the root element: the prolog is over
    } else {
      ++i;
    }
  }
  return unfinished();
}

Result<XmlDocPtr> ParseXmlDocument(std::string_view bytes, const std::string& source) {
  EnsureXmlSafety();
  if (bytes.size() > kMaxXmlBytes) {
    return Status::ParseError(source + ": XML larger than the " + std::to_string(kMaxXmlBytes >> 20) +
                              " MiB cap; split the file");
  }
  CKB_RETURN_IF_ERROR(CheckXmlProlog(bytes, source));
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return Status::Internal("libxml2: cannot allocate a parser context");
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()),
                                    source.c_str(), nullptr, SafeXmlOptions());
  std::string message;
  if (!doc || !ctxt->wellFormed) {
    const xmlError* err = xmlCtxtGetLastError(ctxt);
    message = source;
    if (err) {
      message += ":" + std::to_string(err->line) + ": " +
                 XmlErrorText(err->message ? err->message : "not well-formed XML");
    } else {
      message += ": not well-formed XML";
    }
  }
  xmlFreeParserCtxt(ctxt);
  XmlDocPtr owned(doc);
  if (!message.empty()) return Status::ParseError(message);
  if (owned->intSubset && owned->intSubset->entities) {
    return Status::ParseError(source + ": the document declares entities; refused (ckb never expands XML "
                                         "entities): remove the <!ENTITY> declarations");
  }
  const xmlNode* root = xmlDocGetRootElement(owned.get());
  if (!root) return Status::ParseError(source + ": XML without a root element");
  if (MaxDepth(root) > kMaxXmlDepth) {
    return Status::ParseError(source + ": XML nested deeper than " +
                              std::to_string(kMaxXmlDepth) + " elements; not read (a limit against hostile files)");
  }
  return owned;
}

Status CheckXmlDocument(std::string_view bytes, const std::string& source) {
  Result<XmlDocPtr> doc = ParseXmlDocument(bytes, source);
  return doc.ok() ? Status::Ok() : doc.status();
}

std::string_view XmlName(const xmlNode* n) {
  if (!n || !n->name) return {};
  return reinterpret_cast<const char*>(n->name);
}

bool IsElement(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && XmlName(n) == name;
}

const xmlNode* XmlChild(const xmlNode* n, const char* name) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (IsElement(c, name)) return c;
  }
  return nullptr;
}

const xmlNode* XmlPath(const xmlNode* n, std::string_view path) {
  while (n && !path.empty()) {
    size_t slash = path.find('/');
    std::string part(path.substr(0, slash));
    n = XmlChild(n, part.c_str());
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return n;
}

std::vector<const xmlNode*> XmlChildren(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  if (!n) return out;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && (!name || XmlName(c) == name)) out.push_back(c);
  }
  return out;
}

namespace {
void CollectDescendants(const xmlNode* n, const char* name, int depth,
                        std::vector<const xmlNode*>* out) {
  if (depth > kMaxXmlDepth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (XmlName(c) == name) out->push_back(c);
    CollectDescendants(c, name, depth + 1, out);
  }
}
}  // namespace

std::vector<const xmlNode*> XmlDescendants(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  if (n) CollectDescendants(n, name, 0, &out);
  return out;
}

std::string XmlAttr(const xmlNode* n, const char* name) {
  if (!n || n->type != XML_ELEMENT_NODE) return "";
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->name && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) {
      std::string v;
      for (const xmlNode* t = a->children; t; t = t->next) {
        if (t->content) v += reinterpret_cast<const char*>(t->content);
      }
      return v;
    }
  }
  return "";
}

std::string XmlText(const xmlNode* n) {
  if (!n) return "";
  std::string out;
  AppendText(n, nullptr, 0, &out);
  return FoldWhitespace(out);
}

std::string XmlPathText(const xmlNode* n, std::string_view path) {
  return XmlText(XmlPath(n, path));
}

std::string XmlTextExcept(const xmlNode* n, const std::vector<std::string>& skip) {
  if (!n) return "";
  std::string out;
  AppendText(n, &skip, 0, &out);
  return FoldWhitespace(out);
}

namespace {

// libxml2's wording of the errors a user's file causes, in words that say
// what is wrong and what to do (libxml2 speaks to programmers: "use
// XML_PARSE_HUGE option", "indicate encoding !").
std::string ExplainXmlError(const std::string& m) {
  auto starts = [&](const char* p) { return m.rfind(p, 0) == 0; };
  auto after = [&](const char* p) { return Trim(std::string_view(m).substr(std::strlen(p))); };
  if (starts("Excessive depth in document:")) {
    std::string rest = after("Excessive depth in document:");
    std::string n(rest.substr(0, rest.find(' ')));
    return "elements nested more than " + n + " deep; not read (a limit against hostile files)";
  }
  if (starts("Input is not proper UTF-8")) {
    size_t b = m.find("Bytes:");
    std::string bytes = b == std::string::npos ? "" : " (first bad bytes:" + m.substr(b + 6) + ")";
    return "bytes that are not UTF-8" + bytes +
           "; convert the file to UTF-8 (iconv -f latin1 -t utf-8) or declare its encoding in <?xml ... encoding=\"...\"?>";
  }
  if (starts("Unsupported encoding")) {
    return "the declared encoding " + std::string(after("Unsupported encoding")) +
           " is not one ckb can read; convert the file to UTF-8";
  }
  if (starts("PCDATA invalid Char value") || starts("Char 0x")) {
    return m + " (a character XML does not allow); the file is damaged or not XML text";
  }
  if (starts("Entity '")) {
    return m + " (XML defines only &amp; &lt; &gt; &quot; &apos;; an HTML entity?): replace it with its character";
  }
  if (starts("Extra content at the end of the document")) {
    return "content after the end of the root element (two documents joined, or a damaged end); "
           "split the file or export it again";
  }
  static const char* const kCut[] = {"Premature end of data", "Opening and ending tag mismatch",
                                     "Couldn't find end of Start Tag", "EndTag: '</' not found",
                                     "Document is empty", "Start tag expected"};
  for (const char* p : kCut) {
    if (starts(p)) return m + " (the file looks cut short or damaged); export or download it again";
  }
  return m;
}

}  // namespace

std::string XmlErrorText(const char* message) {
  std::string out;
  for (const char* p = message; p && *p; ++p) {
    if (*p == '\n' || *p == '\r') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && out.back() != ' ') out += "; ";
    } else {
      out += *p;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out.empty() ? std::string("XML error") : ExplainXmlError(out);
}

}  // namespace ckb::readers
