// SPDX-License-Identifier: GPL-3.0-or-later
// Hardened libxml2 use for every XML format: no network, no external entities
// or DTDs, no internal-subset entity declarations, depth and size caps. The
// DOM side (ParseXmlDocument and node helpers) is in readers/internal/xml_dom.h.
#pragma once

#include <string>
#include <string_view>

#include "kb/status.h"

namespace ckb::readers {

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
// given just the first chunk of a stream: then `whole` is false, and a
// prolog that does not end within the chunk is refused too.
Status CheckXmlProlog(std::string_view bytes, const std::string& source, bool whole = true);

// Parses `bytes` under the rules above and discards the tree: OK when a
// parser would accept the document, else the kParseError it would return.
Status CheckXmlDocument(std::string_view bytes, const std::string& source);

}  // namespace ckb::readers
