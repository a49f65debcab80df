// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the ClinicalTrials.gov JSON and XML parsers. Module-private.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/model.h"

namespace ckb::readers {

// "Active, not recruiting" / "ACTIVE_NOT_RECRUITING" -> "ACTIVE_NOT_RECRUITING".
std::string NormalizeTrialStatus(std::string_view s);

// Phases as listed by the registry (["PHASE1", "PHASE2"], ["Phase 1/Phase 2"])
// -> Trial::phase ("1/2").
std::string NormalizePhaseList(const std::vector<std::string>& phases);

// Arm groups, planned outcome measures and posted results of an API v2
// study (protocolSection.armsInterventionsModule.armGroups,
// protocolSection.outcomesModule, resultsSection.outcomeMeasuresModule)
// into `t` (ctgov_results.cc).
void ReadRegistryFactsV2(const nlohmann::json& study, Trial* t);

}  // namespace ckb::readers
