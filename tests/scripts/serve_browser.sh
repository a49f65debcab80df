#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The `ckb serve` page in headless Chromium (tests/serve/browser_test.py);
# screenshots under test-output/serve_browser/ of the directory ctest runs in
# (the build tree). Exit 77 (skipped) when Chromium is not installed.
# Usage: serve_browser.sh CKB REPO_ROOT
set -uo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
OUT=${CKB_TEST_OUTPUT:-$PWD/test-output}/serve_browser
rc=0
/usr/bin/python3 "$2/tests/serve/browser_test.py" "$(readlink -f "$1")" "$2" "$T" "$OUT" || rc=$?
exit $rc
