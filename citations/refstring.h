// SPDX-License-Identifier: GPL-3.0-or-later
// citations/: printed reference strings to fields, by rules and by the
// learned tagger; depends on kb/ and text/ (docs/ARCHITECTURE.md).
//
// Parsing one printed reference string into fields. Handles GB/T 7714 (with
// and without spaces, English and Chinese), Vancouver and similar numbered
// styles; the list number, if any, must already be removed.
#pragma once

#include <string_view>

#include "kb/model.h"

namespace ckb::citations {

// Fills every field of a Reference from `raw` (n is left 0). Never fails:
// fields that cannot be found stay empty.
Reference ParseReferenceString(std::string_view raw);

}  // namespace ckb::citations
