// SPDX-License-Identifier: GPL-3.0-or-later
// Citation export of stored works as RIS, BibTeX, CSL-JSON or MEDLINE
// (.nbib), one writer per format (query/export_*.cc). Trial registry
// numbers go where each format carries them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"
#include "kb/record.h"
#include "kb/status.h"

namespace ckb::query {

// ris | bibtex | csljson | nbib
const std::vector<std::string>& ExportFormats();

// What an export writer needs of one work: the stored record and the trial
// registry ids linked to it (NCT..., ChiCTR..., ISRCTN..., EudraCT ...).
struct ExportItem {
  Work work;
  std::vector<std::string> trials;
};

// The item for a stored work record (kb::KnowledgeBase::GetWork): registry
// ids from "registry_ids" and the work's trial mentions.
ExportItem ExportItemFromRecord(const Json& record);

// Writes `items` in `format`; kInvalidArgument for an unknown format.
Result<std::string> ExportItems(const std::vector<ExportItem>& items, std::string_view format);

std::string ToRis(const std::vector<ExportItem>& items);
std::string ToBibtex(const std::vector<ExportItem>& items);
std::string ToCslJson(const std::vector<ExportItem>& items);
std::string ToNbib(const std::vector<ExportItem>& items);

// Helpers shared by the writers, exposed for tests.
struct PersonName {
  std::string family, given;  // given may be empty; family alone for a name written as one word (朱军)
};
// "Modi S" -> {Modi, S}; "van der Berg J" -> {van der Berg, J}; "Shanu Modi" -> {Shanu, Modi}
// (display form is family first); "朱军" -> {朱军, ""}.
PersonName SplitName(const std::string& display);
// "9-20" / "9–20" -> {"9", "20"}; "e123" -> {"e123", ""}.
std::pair<std::string, std::string> SplitPages(const std::string& pages);
// The registry that issued an id, as PubMed names it: "ClinicalTrials.gov", "ChiCTR", "ISRCTN", "EudraCT".
std::string RegistryOf(const std::string& id);
// {year, month, day} from the work's dates (published, epub, online, ...) or
// its year; missing parts 0.
struct DateParts {
  int year = 0, month = 0, day = 0;
};
DateParts PublicationDate(const Work& w);

}  // namespace ckb::query
