#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rounds of 200 concurrent requests to `ckb serve` while `ckb index` commits
# (tests/serve/load_test.py). Usage: serve_load.sh CKB REPO_ROOT
set -uo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rc=0
/usr/bin/python3 "$2/tests/serve/load_test.py" "$(readlink -f "$1")" "$2" "$T" "${CKB_SERVE_LOAD_PAGES:-$([[ ${CKB_SANITIZED:-0} == 1 ]] && echo 200 || echo 600)}" || rc=$?
exit $rc
