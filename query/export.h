// SPDX-License-Identifier: GPL-3.0-or-later
// Citation export of stored works as RIS, BibTeX, CSL-JSON or MEDLINE
// (.nbib), one writer per format (query/export_*.cc). Trial registry
// numbers go where each format carries them.
#pragma once

#include <map>
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

// Writes works one at a time (exports of any size without holding them):
// Add gives the text of one more item, Finish what closes the output.
class ExportStream {
 public:
  // kInvalidArgument for an unknown format.
  static Result<ExportStream> Open(std::string_view format);
  std::string Add(const ExportItem& item);
  std::string Finish() const;
  size_t count() const { return count_; }

 private:
  std::string format_;
  size_t count_ = 0;
  std::map<std::string, int> bibtex_keys_;
};

// One item of each format (the ExportStream parts): a BibTeX entry whose key
// is made unique against `keys`, a CSL-JSON item and its array entry.
std::string BibtexEntry(const ExportItem& item, std::map<std::string, int>* keys);
Json CslJsonItem(const ExportItem& item, size_t index);
std::string CslJsonArrayEntry(const ExportItem& item, size_t index);

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
// A corporate author ("MD Anderson Cancer Center", "DESTINY-Breast04
// Trial Investigators") is one name: {whole, ""}.
PersonName SplitName(const std::string& display);
bool IsCorporateName(const std::string& name);
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
