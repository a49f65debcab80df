// SPDX-License-Identifier: GPL-3.0-or-later
// JATS parser: front matter, abstract, sections, references, safety, corpus counts.
#include <gtest/gtest.h>

#include "indexer/formats.h"
#include "tests/indexer/format_test_util.h"

namespace ckb::indexer {
namespace {

using testing::ParseWith;

}  // namespace
}  // namespace ckb::indexer
