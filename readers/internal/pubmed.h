// SPDX-License-Identifier: GPL-3.0-or-later
// Mapping one expanded PubMed record (<PubmedArticle>, a top-level
// <MedlineCitation> or <PubmedBookArticle>) to a Document. Module-private.
#pragma once

#include <libxml/tree.h>

#include <string>

#include "kb/model.h"

namespace ckb::readers {

// Fills `doc` from the record. Returns an empty string on success, else why
// the record cannot be used (it is then skipped by the caller).
std::string PubmedRecordToDocument(const xmlNode* record, Document* doc);

// ISO 639-2 language code as used by PubMed/MEDLINE ("eng") -> ISO 639-1
// ("en"); other codes are returned lower-cased as given.
std::string LanguageCode(const std::string& code);

// PubMed publication types -> Work::type ("review", "article", ...).
std::string WorkTypeFromPubTypes(const std::vector<std::string>& pub_types);

// Drops one trailing period from a PubMed title ("Title." -> "Title").
std::string StripTitlePeriod(std::string title);

// Whether a PubMed DataBank / MEDLINE SI name is a trial registry.
bool IsTrialRegistryName(const std::string& name);

// A registry accession as PubMed gives it (DataBank name + accession number)
// in the form entity extraction gives the same trial, so that a record's
// registry number and the number its abstract prints are one trial:
// "NCT03734029", "EudraCT-2010-019469-26", "ISRCTN69423238", "ChiCTR2000029308".
std::string RegistryAccessionId(const std::string& bank, const std::string& accession);

}  // namespace ckb::readers
