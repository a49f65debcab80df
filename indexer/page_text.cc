// SPDX-License-Identifier: GPL-3.0-or-later
// Placeholder: the journal-page parser lands in its own change.
#include "indexer/formats.h"
#include "indexer/refstring.h"

namespace ckb::indexer {

int SniffPageText(std::string_view, std::string_view) { return 0; }
Status ParsePageText(Input& in, Sink&) { return Status::NotSupported(in.name()); }
Status ParseCitationLines(Input& in, Sink&) { return Status::NotSupported(in.name()); }
Reference ParseReferenceString(std::string_view raw) {
  Reference r;
  r.raw = std::string(raw);
  return r;
}

}  // namespace ckb::indexer
