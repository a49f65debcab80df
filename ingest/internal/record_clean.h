// SPDX-License-Identifier: GPL-3.0-or-later
// Makes parsed records safe to store: every text field valid UTF-8 (invalid
// sequences, overlong forms and surrogates become U+FFFD) and free of C0/C1
// control characters other than tab and line breaks.
#pragma once

#include <string>

#include "kb/model.h"

namespace ckb::ingest::internal {

// Repairs `s` in place; true when it had to change anything.
bool CleanText(std::string* s);
// Repairs every text field; true when any field changed.
bool CleanDocument(Document* d);
bool CleanTrial(Trial* t);

}  // namespace ckb::ingest::internal
