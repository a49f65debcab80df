// SPDX-License-Identifier: GPL-3.0-or-later
// The test hooks of kb/test_hooks.h as shipped: they do nothing. Weak, so
// that ckb-testing's definitions (tests/hooks/test_hooks_on.cc) take their
// place; this archive member is then never linked.
#include "kb/test_hooks.h"

namespace ckb::kb::hooks {

__attribute__((weak)) void FaultPoint(const char*) {}
__attribute__((weak)) void AfterHash(const std::string&) {}
__attribute__((weak)) void AfterListing(const std::string&) {}

}  // namespace ckb::kb::hooks
