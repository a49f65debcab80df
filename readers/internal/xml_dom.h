// SPDX-License-Identifier: GPL-3.0-or-later
// The DOM side of the hardened XML parsing (readers/xml_safe.h): whole-document
// parsing and small node helpers (child lookup, attributes, folded text).
// Module-private: it exposes libxml2 types.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "readers/xml_safe.h"
#include "kb/status.h"

namespace ckb::readers {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses a whole document held in memory. Fails with kParseError naming
// `source` when it is larger than kMaxXmlBytes, is not well-formed (message
// with line), declares entities, or nests deeper than kMaxXmlDepth.
Result<XmlDocPtr> ParseXmlDocument(std::string_view bytes, const std::string& source);

// The local name of an element ("article" for <article> and <x:article>).
std::string_view XmlName(const xmlNode* n);
bool IsElement(const xmlNode* n, const char* name);
// The first child element called `name`, or nullptr.
const xmlNode* XmlChild(const xmlNode* n, const char* name);
// Follows a '/'-separated path of child element names.
const xmlNode* XmlPath(const xmlNode* n, std::string_view path);
// All child elements called `name` (every child element when `name` is null).
std::vector<const xmlNode*> XmlChildren(const xmlNode* n, const char* name = nullptr);
// Every descendant element called `name`, in document order (depth-capped).
std::vector<const xmlNode*> XmlDescendants(const xmlNode* n, const char* name);
// Attribute value, or "" when absent.
std::string XmlAttr(const xmlNode* n, const char* name);
// The text of a subtree with whitespace folded; block elements (p, title,
// sec, ...) are separated by a space. Entity reference nodes are ignored.
std::string XmlText(const xmlNode* n);
// XmlText of XmlPath(n, path), or "".
std::string XmlPathText(const xmlNode* n, std::string_view path);
// Like XmlText but skipping descendants called one of `skip`.
std::string XmlTextExcept(const xmlNode* n, const std::vector<std::string>& skip);

}  // namespace ckb::readers
