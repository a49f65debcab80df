# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the script tests: pass/fail counters and `check NAME EXPR`,
# which evaluates EXPR and counts it, naming NAME on stderr when it fails.
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
