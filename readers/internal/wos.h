// SPDX-License-Identifier: GPL-3.0-or-later
// Web of Science records by field tag, shared by the plain-text export
// (wos.cc) and the tab-delimited one (wos_tab.cc, read by the csv format). Module-private.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kb/model.h"

namespace ckb::readers::internal {

// One record: tag -> values in order (AU, AF, CR, C1 ... one value per
// author or cited reference; other tags one value).
using WosFields = std::vector<std::pair<std::string, std::string>>;

// The work and its cited references (CR).
Document MapWosRecord(const WosFields& fields);

// "Smith J, 2001, J CLIN ONCOL, V12, P100, DOI 10.1200/x" -> fields.
Reference ParseWosCitedReference(const std::string& cr);

}  // namespace ckb::readers::internal
