#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The folders depend on each other one way only (docs/ARCHITECTURE.md): every
# project include of a folder's sources names the folder itself or one it may
# use, other folders' internal/ headers are never included, and only kb/
# includes RocksDB and Xapian headers.
# Usage: layering.sh <ckb> <repo root>
set -uo pipefail
ROOT=$2
cd "$ROOT" || exit 1
declare -A ALLOWED=(
  [kb]="kb"
  [text]="text"
  [knowledge]="knowledge kb text"
  [citations]="citations kb text"
  [readers]="readers kb text citations"
  [ingest]="ingest kb text knowledge citations readers"
  [query]="query kb text knowledge"
  [serve]="serve kb query"
)
FAIL=0
CHECKED=0
for folder in "${!ALLOWED[@]}"; do
  [[ -d $folder ]] || continue
  while IFS= read -r -d '' f; do
    while IFS= read -r line; do
      CHECKED=$((CHECKED + 1))
      target=${line#*\"}
      target=${target%%/*}
      ok=0
      for a in ${ALLOWED[$folder]}; do [[ $target == "$a" ]] && ok=1; done
      if ((ok == 0)); then
        echo "FAIL: $f includes ${line#*#include } ($folder/ may include: ${ALLOWED[$folder]})" >&2
        FAIL=$((FAIL + 1))
      elif [[ $target != "$folder" && $line == *"/internal/"* ]]; then
        echo "FAIL: $f includes another folder's private header: ${line#*#include }" >&2
        FAIL=$((FAIL + 1))
      fi
    done < <(grep -E '^#include "[a-z_]+/' "$f" | grep -vE '^#include "[a-z_]+\.inc"')
    if [[ $folder != kb ]] && grep -qE '^#include <(rocksdb/|xapian)' "$f"; then
      echo "FAIL: $f includes a RocksDB or Xapian header (only kb/ may)" >&2
      FAIL=$((FAIL + 1))
    fi
  done < <(find "$folder" \( -name '*.cc' -o -name '*.h' \) -print0)
done
echo "layering: $CHECKED includes checked"
echo "$((CHECKED - FAIL)) passed, $FAIL failed"
((FAIL == 0))
