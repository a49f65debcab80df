#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest entry for the crash test (default size; `make soak` runs 1,000+).
# Usage: crash.sh CKB REPO_ROOT
# The comparison trials (kill, check, re-run, records equal to a store built
# without kills) run 50 times by default.
exec bash "$2/tests/reliability/crash_test.sh" "$1" "${CKB_CRASH_RANDOM:-50}" "${CKB_CRASH_PER_POINT:-5}" \
  "${CKB_CRASH_SEED:-$$}" "${CKB_CRASH_COMPARE:-50}"
