// SPDX-License-Identifier: GPL-3.0-or-later
// Pieces of the JATS parser shared between jats.cc (front matter, body) and
// jats_refs.cc (reference lists). Module-private.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

#include "kb/model.h"

namespace ckb::readers {

// Every reference of the article's back/ref-list (nested lists included), in order.
std::vector<Reference> ParseJatsReferences(const xmlNode* article);

// "Surname Given" from a JATS <name> or <string-name> element.
std::string JatsPersonName(const xmlNode* name);

}  // namespace ckb::readers
