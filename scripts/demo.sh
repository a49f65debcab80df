#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Indexes corpus/ into a knowledge base and runs a handful of representative
# queries. Usage: scripts/demo.sh [path/to/ckb] [db-dir]
set -uo pipefail
CKB=${1:-build/ckb}
DB=${2:-ckb-data}
cd "$(dirname "$0")/.."
run() {
  printf '\n\033[1m$ ckb %s\033[0m\n' "$*"
  "$CKB" --db "$DB" "$@"
  local rc=$?
  [[ $rc -le 1 ]] || printf '(exit %d)\n' "$rc"
}
run index corpus/
run stats
run search 'HER2-low trastuzumab deruxtecan' --limit 5
run search --drug T-DXd --biomarker HER2-ultralow --limit 5
run search 乳腺癌 --limit 3
run search 'title:ultra-low year:2023..2025' --facets --limit 3
run trials
run trial NCT05633979
run refs doi:10.3760/cma.j.cn371439-20250225-00007
run show doi:10.1056/NEJMoa2203690
exit 0
