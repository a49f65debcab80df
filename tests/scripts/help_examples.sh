#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every example of every `ckb <command> --help` (the "  ckb ..." lines
# under "Examples:") on a knowledge base of the demo inputs in corpus/, from a
# folder holding a copy of corpus/, as a user would paste them: each must
# exit 0 (something found). Every command but the servers has examples.
# Usage: help_examples.sh <ckb> <repo root>
set -uo pipefail
CKB=$(realpath "$1")
ROOT=$(realpath "$2")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$(dirname "$0")/lib/checks.sh"
mkdir -p "$T/bin" "$T/work"
ln -s "$CKB" "$T/bin/ckb"
cp -r "$ROOT/corpus" "$T/work/corpus"
export PATH="$T/bin:$PATH" CKB_DB="$T/db"
cd "$T/work" || exit 1
ckb index corpus/ -q 2>/dev/null
check "the demo knowledge base is built" "[[ -d $T/db ]]"
ckb --help >"$T/main.help"
awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}' "$T/main.help" >"$T/subs"
check "the subcommands are listed" "[[ \$(wc -l <'$T/subs') -ge 15 ]]"
examples=0
while read -r sub; do
  ckb "$sub" --help >"$T/$sub.help" 2>&1
  awk '/^Examples:/ {on = 1; next} on && /^  ckb / {print substr($0, 3); next} {on = 0}' \
    "$T/$sub.help" >"$T/$sub.examples"
  n=$(wc -l <"$T/$sub.examples")
  case $sub in
    serve | serve-shard) ;;  # servers: they run until stopped
    *) check "ckb $sub --help has examples" "[[ $n -ge 1 ]]" ;;
  esac
  while IFS= read -r line; do
    examples=$((examples + 1))
    bash -c "$line" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    check "example exits 0 (got $rc): $line $(head -c 300 "$T/err")" "[[ $rc -eq 0 ]]"
  done <"$T/$sub.examples"
done <"$T/subs"
check "examples were run ($examples)" "[[ $examples -ge 30 ]]"
echo "$examples examples; $PASS passed, $FAIL failed"
[[ $FAIL -eq 0 ]]
