#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `ckb serve`'s JSON API through real HTTP on 127.0.0.1 (tests/serve/api_test.py).
# Usage: serve_api.sh CKB REPO_ROOT
set -uo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
exec_rc=0
/usr/bin/python3 "$2/tests/serve/api_test.py" "$(readlink -f "$1")" "$2" "$T" || exec_rc=$?
exit $exec_rc
