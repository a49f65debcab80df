// SPDX-License-Identifier: GPL-3.0-or-later
// Finding and normalising identifiers in free text: DOI, PMID, PMCID and
// trial registry ids (NCT, ChiCTR, EudraCT, ISRCTN).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ckb::text {

// "10.1158/2159-8290.Cd-22-0837." -> "10.1158/2159-8290.cd-22-0837": strips a
// "doi:" or resolver prefix and trailing punctuation, lower-cases. Empty if
// `s` holds no DOI.
std::string NormalizeDoi(std::string_view s);
// Every DOI in `text`, normalised, in order of appearance, without repeats.
std::vector<std::string> FindDois(std::string_view text);
// Every NCT number (NCT + 8 digits) in `text`, upper case, without repeats;
// found inside URLs too.
std::vector<std::string> FindNctIds(std::string_view text);
// Other registries: ChiCTR, EudraCT, ISRCTN, in their printed form.
std::vector<std::string> FindOtherRegistryIds(std::string_view text);
// "pmid: 35941372", "PMID:35941372" -> "35941372"; empty when absent.
std::string FindPmid(std::string_view text);
// "PMC1234567" (upper case); empty when absent.
std::string FindPmcid(std::string_view text);

}  // namespace ckb::text
