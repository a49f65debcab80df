// SPDX-License-Identifier: GPL-3.0-or-later
// Points where the crash and file-system tests act on a running ckb. In the
// binaries users run they do nothing (kb/test_hooks.cc); `ckb-testing`, the
// same command line built for the test scripts only, links
// tests/hooks/test_hooks_on.cc instead, whose definitions replace these and
// read their instructions from the environment.
#pragma once

#include <string>

namespace ckb::kb::hooks {

// A named point on the commit path: with $CKB_FAULT naming it (or
// "point:n", the n-th time it is reached) ckb-testing kills itself there
// with SIGKILL, as a power cut or kill -9 would stop it.
void FaultPoint(const char* name);
// After a file to index was hashed: ckb-testing with
// $CKB_TEST_APPEND_AFTER_HASH=1 appends a line to it, so that a test makes
// a file change while it is read without racing the indexer.
void AfterHash(const std::string& path);
// After a folder was listed: ckb-testing removes the entry named by
// $CKB_TEST_REMOVE_AFTER_LISTING, so that a file vanishes between listing
// and reading.
void AfterListing(const std::string& dir);

}  // namespace ckb::kb::hooks
