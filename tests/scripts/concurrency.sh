#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest entry: readers during indexing (default size; `make soak` runs ~20k works).
# Usage: concurrency.sh CKB REPO_ROOT
exec bash "$2/tests/reliability/concurrency_test.sh" "$1" "${CKB_CONC_PAGES:-4000}"
