// SPDX-License-Identifier: GPL-3.0-or-later
// Hardened libxml2 use for every XML format: no network, no external entities
// or DTDs, no internal-subset entity declarations, depth and size caps; plus
// small DOM helpers (child lookup, attributes, folded text).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/status.h"

namespace ckb::indexer {

// Deepest element nesting accepted (libxml2's own default limit is 256 too).
inline constexpr int kMaxXmlDepth = 256;

// A libxml2 error message on one line: trimmed, inner line breaks (as in
// "Input is not proper UTF-8 ...\nBytes: 0xFF ...") turned into "; ".
std::string XmlErrorText(const char* message);

// Parser options for every libxml2 parse: never NOENT, DTDLOAD or DTDVALID.
int SafeXmlOptions();

// Installs the deny-all external entity loader. Idempotent and thread-safe;
// called by ParseXmlDocument and by the streaming readers.
void EnsureXmlSafety();

// kParseError naming `source` when the prolog of `bytes` (everything before
// the root element) declares an entity. Checks only the prolog, so it can be
// given just the first chunk of a stream.
Status CheckXmlProlog(std::string_view bytes, const std::string& source);

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

}  // namespace ckb::indexer
